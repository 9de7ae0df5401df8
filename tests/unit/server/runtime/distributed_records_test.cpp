#include <gtest/gtest.h>

#include <deque>
#include <set>
#include <string>
#include <vector>

#include "server/api/errors.h"
#include "server/runtime/distributed_config.h"
#include "server/runtime/kafka_config_backing_store.h"
#include "server/runtime/kafka_offset_backing_store.h"
#include "server/runtime/kafka_status_backing_store.h"
#include "server/runtime/offset_utils.h"

namespace connectd::runtime {
namespace {

InternalTopicSettings settings(const std::string& topic) {
  InternalTopicSettings s;
  s.topic = topic;
  s.worker_topic_config = "config.storage.topic";
  s.purpose = "connector configurations";
  return s;
}

LogRecord rec(const std::string& key, const std::optional<std::string>& value, int64_t offset = 0) {
  LogRecord r;
  r.key = key;
  if (value) r.value = std::string_view(*value);
  r.partition = 0;
  r.offset = offset;
  return r;
}

// Feeds records whose strings outlive the call.
class Feeder {
 public:
  template <typename Store>
  void operator()(Store& store, const std::string& key, std::optional<std::string> value) {
    keys_.push_back(key);
    values_.push_back(std::move(value));
    LogRecord r;
    r.key = keys_.back();
    if (values_.back()) r.value = std::string_view(*values_.back());
    r.offset = offset_++;
    store.onRecord(r);
  }

 private:
  std::deque<std::string> keys_;
  std::deque<std::optional<std::string>> values_;
  int64_t offset_ = 0;
};

TEST(StatusRecordFormatTest, StatusValueMatchesJavaFieldOrder) {
  StateInfo info{"RUNNING", "10.0.0.5:8083", ""};
  EXPECT_EQ(KafkaStatusBackingStore::serializeStatus(info, 7),
            R"({"state":"RUNNING","trace":null,"worker_id":"10.0.0.5:8083","generation":7})");
  StateInfo failed{"FAILED", "w:8083", "java.lang.RuntimeException: boom\n\tat X"};
  EXPECT_EQ(KafkaStatusBackingStore::serializeStatus(failed, 0),
            R"({"state":"FAILED","trace":"java.lang.RuntimeException: boom\n\tat X","worker_id":"w:8083","generation":0})");
}

TEST(StatusRecordFormatTest, TopicStatusValueAndKeys) {
  TopicStatus t{"orders", "src", 1, 1700000000000};
  EXPECT_EQ(KafkaStatusBackingStore::serializeTopicStatus(t),
            R"({"topic":{"name":"orders","connector":"src","task":1,"discoverTimestamp":1700000000000}})");
  EXPECT_EQ(KafkaStatusBackingStore::topicKey("orders", "src"), "status-topic-orders:connector-src");
  EXPECT_EQ(KafkaStatusBackingStore::connectorKey("a-b"), "status-connector-a-b");
  EXPECT_EQ(KafkaStatusBackingStore::taskKey({"a-b", 3}), "status-task-a-b-3");
}

TEST(StatusRecordFormatTest, ParsesTaskAndTopicKeys) {
  auto id = KafkaStatusBackingStore::parseTaskKey("status-task-my-conn-12");
  ASSERT_TRUE(id);
  EXPECT_EQ(id->connector, "my-conn");
  EXPECT_EQ(id->task, 12);
  EXPECT_FALSE(KafkaStatusBackingStore::parseTaskKey("status-task-3"));
  EXPECT_FALSE(KafkaStatusBackingStore::parseTaskKey("status-task-c-x"));
  auto topic = KafkaStatusBackingStore::parseTopicKey("status-topic-t.1:connector-my:conn");
  ASSERT_TRUE(topic);
  EXPECT_EQ(topic->first, "t.1");
  EXPECT_EQ(topic->second, "my:conn");
}

TEST(StatusRecordFormatTest, ParsesGenerationWrittenAsLong) {
  auto s = KafkaStatusBackingStore::parseStatus(
      R"({"state":"PAUSED","trace":null,"worker_id":"w:1","generation":4294967296})");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->info.state, "PAUSED");
  EXPECT_TRUE(s->info.trace.empty());
  EXPECT_FALSE(KafkaStatusBackingStore::parseStatus(R"({"state":"PAUSED","worker_id":"w:1","generation":1.5})"));
}

TEST(KafkaStatusBackingStoreTest, IgnoresStaleUnassignedTaskStatus) {
  KafkaStatusBackingStore store(settings("st"));
  Feeder feed;
  feed(store, "status-task-c-0", KafkaStatusBackingStore::serializeStatus({"RUNNING", "new:8083", ""}, 5));
  feed(store, "status-task-c-0", KafkaStatusBackingStore::serializeStatus({"UNASSIGNED", "old:8083", ""}, 4));
  EXPECT_EQ(store.get(ConnectorTaskId{"c", 0})->state, "RUNNING");
  feed(store, "status-task-c-0", KafkaStatusBackingStore::serializeStatus({"UNASSIGNED", "old:8083", ""}, 5));
  EXPECT_EQ(store.get(ConnectorTaskId{"c", 0})->state, "RUNNING");
  feed(store, "status-task-c-0", KafkaStatusBackingStore::serializeStatus({"UNASSIGNED", "new:8083", ""}, 6));
  EXPECT_EQ(store.get(ConnectorTaskId{"c", 0})->state, "UNASSIGNED");
}

TEST(KafkaStatusBackingStoreTest, TombstonesRemoveStatusesAndTopics) {
  KafkaStatusBackingStore store(settings("st"));
  Feeder feed;
  feed(store, "status-connector-c", KafkaStatusBackingStore::serializeStatus({"RUNNING", "w:1", ""}, 1));
  feed(store, "status-task-c-0", KafkaStatusBackingStore::serializeStatus({"RUNNING", "w:1", ""}, 1));
  feed(store, "status-task-c-1", KafkaStatusBackingStore::serializeStatus({"FAILED", "w:1", "trace"}, 1));
  feed(store, "status-topic-t1:connector-c", KafkaStatusBackingStore::serializeTopicStatus({"t1", "c", 0, 10}));
  feed(store, "status-topic-t2:connector-c", KafkaStatusBackingStore::serializeTopicStatus({"t2", "c", 1, 11}));
  EXPECT_EQ(store.getAll("c").size(), 2u);
  EXPECT_EQ(store.getAll("c")[1].trace, "trace");
  EXPECT_EQ(store.connectors(), std::set<std::string>{"c"});
  feed(store, "status-task-c-1", std::nullopt);
  EXPECT_EQ(store.getAll("c").size(), 1u);
  feed(store, "status-topic-t1:connector-c", std::nullopt);
  ASSERT_EQ(store.getAllTopics("c").size(), 1u);
  EXPECT_EQ(store.getAllTopics("c")[0], (TopicStatus{"t2", "c", 1, 11}));
  feed(store, "status-connector-c", std::nullopt);
  EXPECT_FALSE(store.get("c"));
  EXPECT_TRUE(store.getAll("c").empty());
}

TEST(ConfigRecordFormatTest, ValuesMatchJavaJson) {
  EXPECT_EQ(KafkaConfigBackingStore::targetStateValue(TargetState::Stopped), R"({"state":"PAUSED","state.v2":"STOPPED"})");
  EXPECT_EQ(KafkaConfigBackingStore::targetStateValue(TargetState::Paused), R"({"state":"PAUSED","state.v2":"PAUSED"})");
  EXPECT_EQ(KafkaConfigBackingStore::targetStateValue(TargetState::Started),
            R"({"state":"STARTED","state.v2":"STARTED"})");
  EXPECT_EQ(KafkaConfigBackingStore::connectorConfigValue(
                {{"connector.class", "com.x.Orders"}, {"tasks.max", "2"}, {"name", "orders"}}),
            R"({"properties":{"connector.class":"com.x.Orders","name":"orders","tasks.max":"2"}})");
  EXPECT_EQ(KafkaConfigBackingStore::connectorConfigValue({{"q", "a\"b\\c\n\x01/é"}}),
            "{\"properties\":{\"q\":\"a\\\"b\\\\c\\n\\u0001/é\"}}");
  EXPECT_EQ(KafkaConfigBackingStore::commitValue(2), R"({"tasks":2})");
  EXPECT_EQ(KafkaConfigBackingStore::restartRequestValue({"c", true, false}),
            R"({"include-tasks":true,"only-failed":false})");
  EXPECT_EQ(KafkaConfigBackingStore::sessionKeyValue({"\x01\x02\x03", "HmacSHA256", 1700000000000}),
            R"({"key":"AQID","algorithm":"HmacSHA256","creation-timestamp":1700000000000})");
  EXPECT_EQ(KafkaConfigBackingStore::taskCountRecordValue(3), R"({"task-count":3})");
  EXPECT_EQ(KafkaConfigBackingStore::loggerLevelValue("DEBUG"), R"({"level":"DEBUG"})");
}

TEST(ConfigRecordFormatTest, ParsesTaskKeysWithDashes) {
  auto id = KafkaConfigBackingStore::parseTaskKey("task-my-conn-7");
  ASSERT_TRUE(id);
  EXPECT_EQ(id->connector, "my-conn");
  EXPECT_EQ(id->task, 7);
  EXPECT_FALSE(KafkaConfigBackingStore::parseTaskKey("task-7"));
  EXPECT_FALSE(KafkaConfigBackingStore::parseTaskKey("task-c-x"));
}

class ConfigApplyTest : public ::testing::Test {
 protected:
  KafkaConfigBackingStore store_{settings("cfg")};
  Feeder feed_;
  void feed(const std::string& key, std::optional<std::string> value) { feed_(store_, key, std::move(value)); }
};

TEST_F(ConfigApplyTest, TaskConfigsAreBufferedUntilCommit) {
  feed("connector-orders", R"({"properties":{"name":"orders","tasks.max":"2"}})");
  EXPECT_EQ(store_.snapshot().targetState("orders"), TargetState::Started);
  feed("task-orders-0", R"({"properties":{"table":"a"}})");
  feed("task-orders-1", R"({"properties":{"table":"b"}})");
  EXPECT_TRUE(store_.snapshot().tasks("orders").empty());
  EXPECT_FALSE(store_.snapshot().taskConfig({"orders", 0}));
  feed("commit-orders", R"({"tasks":2})");
  auto snap = store_.snapshot();
  EXPECT_EQ(snap.taskCount("orders"), 2);
  ASSERT_EQ(snap.tasks("orders").size(), 2u);
  EXPECT_EQ(snap.taskConfig({"orders", 1})->at("table"), "b");
  EXPECT_FALSE(snap.isInconsistent("orders"));
  EXPECT_EQ(snap.offset(), 4);
}

TEST_F(ConfigApplyTest, IncompleteCommitMarksConnectorInconsistentUntilACompleteOne) {
  feed("connector-c", R"({"properties":{"name":"c"}})");
  feed("task-c-1", R"({"properties":{"x":"1"}})");
  feed("commit-c", R"({"tasks":2})");
  auto snap = store_.snapshot();
  EXPECT_TRUE(snap.isInconsistent("c"));
  EXPECT_TRUE(snap.tasks("c").empty());
  EXPECT_EQ(snap.taskCount("c"), 2);
  // Extra ids (left over by compaction) do not prevent applying.
  feed("task-c-0", R"({"properties":{"x":"0"}})");
  feed("task-c-2", R"({"properties":{"x":"2"}})");
  feed("commit-c", R"({"tasks":1})");
  snap = store_.snapshot();
  EXPECT_FALSE(snap.isInconsistent("c"));
  ASSERT_EQ(snap.tasks("c").size(), 1u);
  EXPECT_EQ(snap.taskConfig({"c", 0})->at("x"), "0");
  EXPECT_FALSE(snap.taskConfig({"c", 2}));
}

TEST_F(ConfigApplyTest, CommitBufferIsClearedAfterEveryCommit) {
  feed("connector-c", R"({"properties":{"name":"c"}})");
  feed("task-c-0", R"({"properties":{"x":"0"}})");
  feed("commit-c", R"({"tasks":1})");
  feed("commit-c", R"({"tasks":1})");
  // The second commit has no buffered configs: inconsistent.
  EXPECT_TRUE(store_.snapshot().isInconsistent("c"));
}

TEST_F(ConfigApplyTest, CommitOfUnknownConnectorIsIgnored) {
  feed("task-gone-0", R"({"properties":{"x":"0"}})");
  feed("commit-gone", R"({"tasks":1})");
  auto snap = store_.snapshot();
  EXPECT_FALSE(snap.contains("gone"));
  EXPECT_EQ(snap.taskCount("gone"), 0);
  EXPECT_FALSE(snap.isInconsistent("gone"));
}

TEST_F(ConfigApplyTest, AcceptsIntegersWrittenAsLongAndRejectsDecimals) {
  feed("connector-c", R"({"properties":{"name":"c"}})");
  feed("task-c-0", R"({"properties":{}})");
  feed("commit-c", R"({"tasks":1.5})");
  EXPECT_EQ(store_.snapshot().taskCount("c"), 0);
  feed("task-c-0", R"({"properties":{}})");
  feed("commit-c", "{\"tasks\":1}");
  EXPECT_EQ(store_.snapshot().taskCount("c"), 1);
}

TEST_F(ConfigApplyTest, ConnectorTombstoneRemovesConfigTasksAndBuffer) {
  feed("connector-c", R"({"properties":{"name":"c"}})");
  feed("task-c-0", R"({"properties":{"x":"0"}})");
  feed("commit-c", R"({"tasks":1})");
  feed("task-c-0", R"({"properties":{"x":"new"}})");
  feed("connector-c", std::nullopt);
  auto snap = store_.snapshot();
  EXPECT_FALSE(snap.contains("c"));
  EXPECT_EQ(snap.taskCount("c"), 0);
  EXPECT_FALSE(snap.taskConfig({"c", 0}));
  // The buffered task record is gone too: a re-created connector's commit cannot use it.
  feed("connector-c", R"({"properties":{"name":"c"}})");
  feed("commit-c", R"({"tasks":1})");
  EXPECT_TRUE(store_.snapshot().isInconsistent("c"));
}

TEST_F(ConfigApplyTest, TargetStatePrefersV2AndFallsBackToState) {
  feed("target-state-c", R"({"state":"PAUSED","state.v2":"STOPPED"})");
  feed("connector-c", R"({"properties":{"name":"c"}})");
  EXPECT_EQ(store_.snapshot().targetState("c"), TargetState::Stopped);
  feed("target-state-c", R"({"state":"PAUSED"})");
  EXPECT_EQ(store_.snapshot().targetState("c"), TargetState::Paused);
  feed("target-state-c", R"({"state":"BOGUS"})");
  EXPECT_EQ(store_.snapshot().targetState("c"), TargetState::Paused);
  feed("target-state-c", std::nullopt);
  EXPECT_EQ(store_.snapshot().targetState("c"), TargetState::Started);
  feed("target-state-x", std::nullopt);
  EXPECT_FALSE(store_.snapshot().targetState("x"));
}

TEST_F(ConfigApplyTest, SessionKeyTaskCountAndUnknownKeys) {
  feed("session-key", R"({"key":"AQID","algorithm":"HmacSHA256","creation-timestamp":1700000000000})");
  ASSERT_TRUE(store_.sessionKey());
  EXPECT_EQ(store_.sessionKey()->key, std::string("\x01\x02\x03"));
  EXPECT_EQ(store_.sessionKey()->creation_timestamp, 1700000000000);
  feed("tasks-fencing-c", R"({"task-count":4})");
  EXPECT_EQ(store_.snapshot().taskCountRecord("c"), 4);
  feed("something-else", R"({})");
  EXPECT_TRUE(store_.snapshot().connectors().empty());
}

TEST(KafkaOffsetBackingStoreTest, TracksConnectorPartitionsFromRecords) {
  KafkaOffsetBackingStore store(settings("off"));
  Feeder feed;
  api::OffsetMap p1{{"filename", api::Value("/a")}};
  api::OffsetMap p2{{"filename", api::Value("/b")}};
  feed(store, OffsetUtils::keyFor("src", p1), R"({"position":1})");
  feed(store, OffsetUtils::keyFor("src", p2), R"({"position":2})");
  feed(store, R"(["src"])", R"({"position":3})");
  feed(store, R"([1,{"a":1}])", R"({"position":3})");
  feed(store, R"(["src",null])", R"({"position":3})");
  feed(store, R"(["src",[1]])", R"({"position":3})");
  EXPECT_EQ(store.connectorPartitions("src").size(), 2u);
  feed(store, OffsetUtils::keyFor("src", p1), std::nullopt);
  auto parts = store.connectorPartitions("src");
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(OffsetUtils::toJson(parts[0]), R"({"filename":"/b"})");
  EXPECT_EQ(OffsetUtils::keyFor("src", p2), R"(["src",{"filename":"/b"}])");
}

TEST(DistributedConfigTest, ImageEnvironmentDefaults) {
  auto props = distributedWorkerProps({}, std::nullopt);
  EXPECT_EQ(props.at("bootstrap.servers"), "localhost:9092");
  EXPECT_EQ(props.at("group.id"), "connect-cluster");
  EXPECT_EQ(props.at("config.storage.topic"), "connect-configs");
  EXPECT_EQ(props.at("offset.storage.topic"), "connect-offsets");
  EXPECT_EQ(props.at("status.storage.topic"), "connect-status");
  DistributedConfig config(props);
  EXPECT_EQ(config.configReplicationFactor(), 3);
  EXPECT_EQ(config.offsetPartitions(), 25);
  EXPECT_EQ(config.offsetReplicationFactor(), 3);
  EXPECT_EQ(config.statusPartitions(), 5);
  EXPECT_EQ(config.statusReplicationFactor(), 3);
}

TEST(DistributedConfigTest, MapsNamedAndConnectPrefixedVariables) {
  std::map<std::string, std::string> env{
      {"BOOTSTRAP_SERVERS", "kafka:9092"},
      {"GROUP_ID", "1"},
      {"CONFIG_STORAGE_TOPIC", "my_connect_configs"},
      {"OFFSET_STORAGE_TOPIC", "my_connect_offsets"},
      {"STATUS_STORAGE_TOPIC", "my_connect_statuses"},
      {"CONFIG_STORAGE_REPLICATION_FACTOR", "1"},
      {"OFFSET_STORAGE_REPLICATION_FACTOR", "1"},
      {"STATUS_STORAGE_REPLICATION_FACTOR", "1"},
      {"CONNECT_OFFSET_STORAGE_PARTITIONS", "3"},
      {"CONNECT_KEY_CONVERTER_SCHEMAS_ENABLE", "false"},
      {"CONNECT_GROUP_ID", "ignored"},
      {"CONNECT_", "nothing"},
      {"PATH", "/bin"},
  };
  auto props = distributedWorkerProps(env, std::nullopt);
  EXPECT_EQ(props.at("bootstrap.servers"), "kafka:9092");
  EXPECT_EQ(props.at("group.id"), "1");
  EXPECT_EQ(props.at("config.storage.topic"), "my_connect_configs");
  EXPECT_EQ(props.at("offset.storage.topic"), "my_connect_offsets");
  EXPECT_EQ(props.at("status.storage.topic"), "my_connect_statuses");
  EXPECT_EQ(props.at("key.converter.schemas.enable"), "false");
  EXPECT_EQ(props.at("offset.storage.partitions"), "3");
  EXPECT_FALSE(props.count("path"));
  EXPECT_FALSE(props.count(""));
  DistributedConfig config(props);
  EXPECT_EQ(config.configReplicationFactor(), 1);
  EXPECT_EQ(config.offsetPartitions(), 3);
  EXPECT_EQ(config.clientIdBase(), "1-");
  auto offsets = config.offsetTopicSettings();
  EXPECT_EQ(offsets.producer.at("client.id"), "1-offsets");
  EXPECT_EQ(offsets.admin.at("client.id"), "1-shared-admin");
  EXPECT_EQ(offsets.partitions, 3);
  EXPECT_EQ(config.configTopicSettings().partitions, 1);
  EXPECT_EQ(config.statusTopicSettings().consumer.at("client.id"), "1-statuses");
}

TEST(DistributedConfigTest, RequiresKeysAndStripsTopicSettingPrefixes) {
  using Props = std::map<std::string, std::string>;
  EXPECT_THROW(DistributedConfig(Props{{"config.storage.topic", "c"}}), api::ConfigException);
  try {
    DistributedConfig(Props{{"config.storage.topic", "c"}});
  } catch (const api::ConfigException& e) {
    EXPECT_STREQ(e.what(), "Missing required configuration \"group.id\" which has no default value.");
  }
  DistributedConfig config(Props{{"group.id", "g"},
                            {"client.id", "w1"},
                            {"config.storage.topic", "c"},
                            {"offset.storage.topic", "o"},
                            {"status.storage.topic", "s"},
                            {"offset.storage.segment.bytes", "1000"},
                            {"offset.storage.cleanup.policy", "delete"},
                            {"offset.storage.replication.factor", "-1"}});
  EXPECT_EQ(config.topicSettings("offset.storage."), (std::map<std::string, std::string>{{"segment.bytes", "1000"}}));
  EXPECT_EQ(config.offsetReplicationFactor(), -1);
  EXPECT_EQ(config.configTopicSettings().producer.at("client.id"), "g-w1-configs");
  EXPECT_THROW(DistributedConfig(Props{{"group.id", "g"},
                                  {"config.storage.topic", "c"},
                                  {"offset.storage.topic", "o"},
                                  {"status.storage.topic", "s"},
                                  {"status.storage.partitions", "0"}}),
               api::ConfigException);
}

}  // namespace
}  // namespace connectd::runtime
