#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <string>
#include <vector>

#include "server/api/errors.h"
#include "server/runtime/kafka_based_log.h"
#include "server/runtime/kafka_config_backing_store.h"
#include "server/runtime/kafka_offset_backing_store.h"
#include "server/runtime/kafka_status_backing_store.h"
#include "server/runtime/offset_utils.h"
#include "tests/unit/mock_cluster.h"

namespace connectd::runtime {
namespace {

using connectd::testing::MockCluster;
using connectd::testing::waitUntil;

InternalTopicSettings topicSettings(const MockCluster& cluster, const std::string& topic, int partitions,
                                    const std::string& worker_key, const std::string& purpose) {
  InternalTopicSettings s;
  s.topic = topic;
  s.worker_topic_config = worker_key;
  s.purpose = purpose;
  s.partitions = partitions;
  s.replication_factor = 1;
  // The mock cluster does not answer DescribeConfigs: give up on the policy check quickly.
  s.admin_timeout_ms = 1000;
  kafka::ClientProps base{{"bootstrap.servers", cluster.bootstraps()}};
  s.producer = base;
  s.consumer = base;
  // The mock broker holds every fetch for the full wait even when data arrives meanwhile.
  s.consumer["fetch.wait.max.ms"] = "20";
  s.admin = base;
  return s;
}

TEST(KafkaBasedLogTest, ReadsEverythingWrittenBeforeReadToEnd) {
  MockCluster cluster;
  cluster.createTopic("log", 3);
  std::mutex mu;
  std::vector<std::pair<std::string, std::optional<std::string>>> seen;
  auto settings = topicSettings(cluster, "log", 3, "offset.storage.topic", "source connector offsets");
  auto log = KafkaBasedLog::forInternalTopic(settings, [&](const LogRecord& r) {
    std::lock_guard lock(mu);
    seen.emplace_back(std::string(*r.key), r.value ? std::optional<std::string>(std::string(*r.value)) : std::nullopt);
  });
  log->start(std::chrono::seconds(30));
  EXPECT_EQ(log->partitionCount(), 3);
  for (int i = 0; i < 20; ++i) log->send("k" + std::to_string(i), "v" + std::to_string(i));
  log->send("gone", std::nullopt);
  log->readToEnd(std::chrono::seconds(30));
  {
    std::lock_guard lock(mu);
    EXPECT_EQ(seen.size(), 21u);
    bool tombstone = false;
    for (const auto& [k, v] : seen) tombstone |= (k == "gone" && !v);
    EXPECT_TRUE(tombstone);
  }
  log->stop();
}

TEST(KafkaOffsetBackingStoreTest, RoundTripsOffsetsThroughTheTopic) {
  MockCluster cluster;
  cluster.createTopic("offsets", 5);
  auto settings = topicSettings(cluster, "offsets", 5, "offset.storage.topic", "source connector offsets");
  api::OffsetMap p1{{"filename", api::Value("/a")}};
  api::OffsetMap p2{{"filename", api::Value("/b")}};
  std::string k1 = OffsetUtils::keyFor("src", p1);
  std::string k2 = OffsetUtils::keyFor("src", p2);
  {
    KafkaOffsetBackingStore writer(settings);
    writer.start();
    writer.set({{k1, R"({"position":1})"}, {k2, R"({"position":2})"}});
    writer.set({{k1, R"({"position":10})"}});
    auto got = writer.get({k1, k2, "absent"});
    EXPECT_EQ(got.size(), 2u);
    EXPECT_EQ(got[k1], R"({"position":10})");
    writer.set({{k2, std::nullopt}});
    writer.stop();
  }
  KafkaOffsetBackingStore reader(settings);
  reader.start();
  auto got = reader.get({k1, k2});
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[k1], R"({"position":10})");
  auto parts = reader.connectorPartitions("src");
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(OffsetUtils::toJson(parts[0]), R"({"filename":"/a"})");
  reader.stop();
}

TEST(KafkaStatusBackingStoreTest, StatusesWrittenByOneWorkerAreReadByAnother) {
  MockCluster cluster;
  cluster.createTopic("status", 5);
  auto settings = topicSettings(cluster, "status", 5, "status.storage.topic", "connector and task statuses");
  KafkaStatusBackingStore a(settings);
  KafkaStatusBackingStore b(settings);
  a.start();
  b.start();
  a.put("orders", StateInfo{"RUNNING", "a:8083", ""}, 3);
  a.put(ConnectorTaskId{"orders", 0}, StateInfo{"RUNNING", "a:8083", ""}, 3);
  a.put(TopicStatus{"t", "orders", 0, 123});
  a.flush();
  ASSERT_TRUE(waitUntil([&] { return b.get("orders").has_value() && b.getTopic("orders", "t").has_value(); }));
  EXPECT_EQ(b.get("orders")->worker_id, "a:8083");
  ASSERT_TRUE(waitUntil([&] { return b.get(ConnectorTaskId{"orders", 0}).has_value(); }));

  // A worker with an older generation may not overwrite another worker's status safely.
  ASSERT_TRUE(waitUntil([&] { return a.get("orders").has_value(); }));
  b.putSafe("orders", StateInfo{"UNASSIGNED", "b:8083", ""}, 2);
  b.put("other", StateInfo{"PAUSED", "b:8083", ""}, 2);
  b.flush();
  a.flush();
  ASSERT_TRUE(waitUntil([&] { return a.get("other").has_value(); }));
  EXPECT_EQ(a.get("orders")->state, "RUNNING");

  b.putSafe("orders", StateInfo{"UNASSIGNED", "b:8083", ""}, 4);
  b.flush();
  ASSERT_TRUE(waitUntil([&] { return a.get("orders")->state == "UNASSIGNED"; }));

  a.put("orders", StateInfo{"DESTROYED", "a:8083", ""}, 4);
  a.flush();
  ASSERT_TRUE(waitUntil([&] { return !b.get("orders").has_value(); }));
  EXPECT_FALSE(b.get(ConnectorTaskId{"orders", 0}).has_value());
  a.stop();
  b.stop();
}

class RecordingListener : public KafkaConfigBackingStore::UpdateListener {
 public:
  void onConnectorConfigRemove(const std::string& c) override { add("remove " + c); }
  void onConnectorConfigUpdate(const std::string& c) override { add("update " + c); }
  void onTaskConfigUpdate(const std::vector<ConnectorTaskId>& tasks) override {
    add("tasks " + std::to_string(tasks.size()));
  }
  void onConnectorTargetStateChange(const std::string& c) override { add("target " + c); }
  void onSessionKeyUpdate(const SessionKey&) override { add("session-key"); }
  void onRestartRequest(const RestartRequest& r) override {
    add("restart " + r.connector + (r.include_tasks ? " tasks" : "") + (r.only_failed ? " failed" : ""));
  }
  void onLoggingLevelUpdate(const std::string& ns, const std::string& level) override { add("level " + ns + level); }
  std::vector<std::string> events() {
    std::lock_guard lock(mu_);
    return events_;
  }
  bool has(const std::string& e) {
    auto all = events();
    return std::find(all.begin(), all.end(), e) != all.end();
  }

 private:
  void add(std::string e) {
    std::lock_guard lock(mu_);
    events_.push_back(std::move(e));
  }
  std::mutex mu_;
  std::vector<std::string> events_;
};

TEST(KafkaConfigBackingStoreTest, LeaderWritesAreSeenByAFreshReader) {
  MockCluster cluster;
  cluster.createTopic("configs", 1);
  auto settings = topicSettings(cluster, "configs", 1, "config.storage.topic", "connector configurations");
  KafkaConfigBackingStore leader(settings);
  RecordingListener leader_events;
  leader.setUpdateListener(&leader_events);
  leader.start();
  leader.putRestartRequest({"old", true, false});
  leader.putConnectorConfig("orders", {{"name", "orders"}, {"tasks.max", "2"}}, TargetState::Stopped);
  leader.putTaskConfigs("orders", {{{"table", "a"}}, {{"table", "b"}}});
  leader.putConnectorConfig("gone", {{"name", "gone"}});
  leader.removeConnectorConfig("gone");
  leader.putSessionKey({"secret", "HmacSHA256", 42});
  auto snap = leader.snapshot();
  EXPECT_EQ(snap.targetState("orders"), TargetState::Stopped);
  EXPECT_EQ(snap.tasks("orders").size(), 2u);
  EXPECT_TRUE(leader_events.has("restart old tasks"));
  EXPECT_TRUE(leader_events.has("update orders"));
  EXPECT_TRUE(leader_events.has("tasks 2"));
  EXPECT_TRUE(leader_events.has("remove gone"));

  KafkaConfigBackingStore follower(settings);
  RecordingListener follower_events;
  follower.setUpdateListener(&follower_events);
  follower.start();
  auto fsnap = follower.snapshot();
  EXPECT_EQ(fsnap.connectors(), std::vector<std::string>{"orders"});
  EXPECT_EQ(fsnap.targetState("orders"), TargetState::Stopped);
  EXPECT_EQ(fsnap.taskConfig({"orders", 1})->at("table"), "b");
  EXPECT_FALSE(fsnap.targetState("gone"));
  EXPECT_EQ(follower.sessionKey()->key, "secret");
  EXPECT_EQ(fsnap.offset(), snap.offset());
  // Nothing read during the initial load is reported, so old restart requests are not replayed.
  EXPECT_TRUE(follower_events.events().empty());

  leader.putTargetState("orders", TargetState::Started);
  leader.putRestartRequest({"orders", false, true});
  follower.refresh(std::chrono::seconds(30));
  EXPECT_EQ(follower.snapshot().targetState("orders"), TargetState::Started);
  EXPECT_TRUE(follower_events.has("target orders"));
  EXPECT_TRUE(follower_events.has("restart orders failed"));
  follower.stop();
  leader.stop();
}

TEST(KafkaConfigBackingStoreTest, RefusesAConfigTopicWithSeveralPartitions) {
  MockCluster cluster;
  cluster.createTopic("configs", 2);
  auto settings = topicSettings(cluster, "configs", 1, "config.storage.topic", "connector configurations");
  KafkaConfigBackingStore store(settings);
  try {
    store.start();
    FAIL() << "expected ConfigException";
  } catch (const api::ConfigException& e) {
    EXPECT_STREQ(e.what(),
                 "Topic 'configs' supplied via the 'config.storage.topic' property is required to have a single "
                 "partition in order to guarantee consistency of connector configurations, but found 2 partitions.");
  }
}

}  // namespace
}  // namespace connectd::runtime
