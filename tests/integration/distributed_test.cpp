// connectd as a distributed worker on the local Kafka: state in the config, offsets and status
// topics, in Kafka Connect's exact record formats, surviving kill -9.

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>

#include "tests/integration/harness.h"

namespace connectd::it {
namespace {

struct Cluster {
  std::string group;
  std::string configs;
  std::string offsets;
  std::string status;
};

Cluster freshCluster(const std::string& prefix) {
  std::string g = uniqueName(prefix);
  return {g, g + "-configs", g + "-offsets", g + "-status"};
}

std::map<std::string, std::string> workerProps(const Cluster& c) {
  return {{"group.id", c.group},
          {"config.storage.topic", c.configs},
          {"offset.storage.topic", c.offsets},
          {"status.storage.topic", c.status},
          {"config.storage.replication.factor", "1"},
          {"offset.storage.replication.factor", "1"},
          {"status.storage.replication.factor", "1"},
          {"key.converter", "org.apache.kafka.connect.storage.StringConverter"},
          {"value.converter", "org.apache.kafka.connect.storage.StringConverter"},
          // Fast rejoin after a kill -9: the broker drops the dead member after this.
          {"session.timeout.ms", "6000"},
          {"heartbeat.interval.ms", "1000"}};
}

std::vector<std::string> numbered(const std::string& prefix, int from, int to) {
  std::vector<std::string> out;
  for (int i = from; i < to; ++i) out.push_back(prefix + "-" + std::to_string(i));
  return out;
}

std::vector<std::string> values(const std::vector<KafkaRecord>& records) {
  std::vector<std::string> out;
  for (const auto& r : records) out.push_back(r.value.value_or("<null>"));
  return out;
}

// The last value per key of a compacted topic (nullopt: tombstone), read from the beginning.
std::map<std::string, std::optional<std::string>> lastValues(const std::vector<KafkaRecord>& records) {
  std::map<std::string, std::optional<std::string>> out;
  for (const auto& r : records) out[r.key.value_or("")] = r.value;
  return out;
}

// Every record of `topic` (all partitions) that is there now.
std::vector<KafkaRecord> readAll(const std::string& topic) { return readTopic(topic); }

std::vector<KafkaRecord> withKey(const std::vector<KafkaRecord>& records, const std::string& key) {
  std::vector<KafkaRecord> out;
  for (const auto& r : records)
    if (r.key == key) out.push_back(r);
  return out;
}

int64_t fileSize(const std::filesystem::path& p) { return static_cast<int64_t>(std::filesystem::file_size(p)); }

// The offset a FileStreamSource committed for `file`, read from the offsets topic (-1: none).
int64_t committedPosition(const Cluster& c, const std::string& connector, const std::filesystem::path& file) {
  std::string key = Json::array({connector, {{"filename", file.string()}}}).dump();
  auto last = lastValues(readAll(c.offsets));
  auto it = last.find(key);
  if (it == last.end() || !it->second) return -1;
  return Json::parse(*it->second)["position"].get<int64_t>();
}

Json sourceConfig(const std::filesystem::path& file, const std::string& topic) {
  return {{"connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector"},
          {"file", file.string()},
          {"topic", topic}};
}

TEST(DistributedTest, PipelineSurvivesKillNineAndSourceResumesFromOffsetsTopic) {
  auto dir = scratchDir("dist-kill");
  auto in = dir / "in.txt";
  auto out = dir / "out.txt";
  auto topic = uniqueName("dist-lines");
  createTopic(topic);
  Cluster c = freshCluster("kill9");
  int port = freePort();
  auto lines = numbered("line", 0, 300);
  appendLines(in, lines);
  {
    Connectd w(Connectd::Distributed{{}, true, port}, dir, workerProps(c));
    w.start();
    w.waitReady();
    auto r = w.put("/connectors/file-source/config", sourceConfig(in, topic));
    ASSERT_EQ(r.status, 201) << r.body << w.log();
    r = w.put("/connectors/file-sink/config",
              {{"connector.class", "FileStreamSink"}, {"file", out.string()}, {"topics", topic}});
    ASSERT_EQ(r.status, 201) << r.body;
    ASSERT_TRUE(w.waitForState("file-source", "RUNNING")) << w.get("/connectors/file-source/status").body << w.log();
    ASSERT_TRUE(w.waitForState("file-sink", "RUNNING")) << w.get("/connectors/file-sink/status").body;
    ASSERT_EQ(values(consume(topic, lines.size())), lines);
    ASSERT_TRUE(waitFor([&] { return readLines(out).size() >= lines.size(); })) << w.log();
    // Everything so far is committed: source offsets in the offsets topic, sink offsets in
    // the connector's consumer group.
    ASSERT_TRUE(waitFor([&] { return committedPosition(c, "file-source", in) == fileSize(in); }))
        << committedPosition(c, "file-source", in);
    ASSERT_TRUE(waitFor([&] { return committedOffset("connect-file-sink", topic) == 300; }));
    w.kill9();
  }

  auto more = numbered("more", 0, 200);
  appendLines(in, more);
  Connectd w(Connectd::Distributed{{}, true, port}, dir, workerProps(c));
  w.start();
  w.waitReady();
  // The connectors come back from the config topic, RUNNING again once the group formed.
  auto list = w.get("/connectors").json();
  std::vector<std::string> names = list.get<std::vector<std::string>>();
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"file-sink", "file-source"}));
  ASSERT_TRUE(w.waitForState("file-source", "RUNNING", 1, 120s)) << w.get("/connectors/file-source/status").body
                                                                  << w.log();
  ASSERT_TRUE(w.waitForState("file-sink", "RUNNING", 1, 120s)) << w.get("/connectors/file-sink/status").body;

  // The source continued from the offsets topic: each line exactly once, in order.
  auto all = lines;
  all.insert(all.end(), more.begin(), more.end());
  auto records = consume(topic, all.size());
  EXPECT_EQ(values(records), all);
  EXPECT_TRUE(consume(topic, all.size() + 1, 3s).size() == all.size()) << "a line was produced twice";
  ASSERT_TRUE(waitFor([&] { return readLines(out).size() >= all.size(); })) << w.log();
  EXPECT_EQ(readLines(out), all);
  EXPECT_EQ(w.stop(), 0) << w.log();
}

// Records exactly as a Java Kafka Connect 3.9 cluster writes them (spec §2), in topics created
// as it creates them; connectd must run those connectors from those offsets.
TEST(DistributedTest, RunsConnectorsFromTopicsWrittenByJavaKafkaConnect) {
  auto dir = scratchDir("dist-java");
  auto in = dir / "in.txt";
  auto topic = uniqueName("from-java");
  createTopic(topic);
  Cluster c = freshCluster("javaformat");
  createTopic(c.configs, 1, {{"cleanup.policy", "compact"}});
  createTopic(c.offsets, 25, {{"cleanup.policy", "compact"}});
  createTopic(c.status, 5, {{"cleanup.policy", "compact"}});

  auto lines = numbered("row", 0, 50);
  appendLines(in, lines);
  // The Java worker had read rows 0..9 before it went away.
  int64_t position = 0;
  for (int i = 0; i < 10; ++i) position += static_cast<int64_t>(lines[i].size()) + 1;

  std::string name = "java-made-source";
  std::string config =
      R"({"properties":{"connector.class":"org.apache.kafka.connect.file.FileStreamSourceConnector","file":")" +
      in.string() + R"(","topic":")" + topic + R"(","tasks.max":"1","name":")" + name + R"("}})";
  std::string task = R"({"properties":{"file":")" + in.string() + R"(","batch.size":"2000","topic":")" + topic +
                     R"(","task.class":"org.apache.kafka.connect.file.FileStreamSourceTask"}})";
  produceKeyed(c.configs, {{"connector-" + name, config},
                           {"task-" + name + "-0", task},
                           {"commit-" + name, R"({"tasks":1})"},
                           // A paused-then-resumed connector: the target state is STARTED.
                           {"target-state-" + name, R"({"state":"STARTED","state.v2":"STARTED"})"}});
  std::string offset_key = R"([")" + name + R"(",{"filename":")" + in.string() + R"("}])";
  produceKeyed(c.offsets, {{offset_key, R"({"position":)" + std::to_string(position) + "}"}});
  produceKeyed(c.status, {{"status-connector-" + name,
                           R"({"state":"RUNNING","trace":null,"worker_id":"10.0.0.5:8083","generation":7})"},
                          {"status-task-" + name + "-0",
                           R"({"state":"RUNNING","trace":null,"worker_id":"10.0.0.5:8083","generation":7})"}});

  Connectd w(Connectd::Distributed{}, dir, workerProps(c));
  w.start();
  w.waitReady();
  auto info = w.get("/connectors/" + name);
  ASSERT_EQ(info.status, 200) << info.body << w.log();
  EXPECT_EQ(info.json()["config"]["file"], in.string());
  EXPECT_EQ(info.json()["tasks"], Json::parse(R"([{"connector":")" + name + R"(","task":0}])"));
  auto tasks = w.get("/connectors/" + name + "/tasks").json();
  EXPECT_EQ(tasks[0]["config"]["task.class"], "org.apache.kafka.connect.file.FileStreamSourceTask");
  // Statuses move to this worker once it runs the connector.
  ASSERT_TRUE(waitFor([&] {
    auto s = w.get("/connectors/" + name + "/status").json();
    return s["connector"]["state"] == "RUNNING" && s["connector"]["worker_id"] != "10.0.0.5:8083" &&
           s["tasks"].size() == 1 && s["tasks"][0]["state"] == "RUNNING" &&
           s["tasks"][0]["worker_id"] != "10.0.0.5:8083";
  }, 120s)) << w.get("/connectors/" + name + "/status").body << w.log();

  // It continued from the Java worker's offset: rows 10.. only.
  auto records = consume(topic, 40);
  std::vector<std::string> expected(lines.begin() + 10, lines.end());
  EXPECT_EQ(values(records), expected);
  EXPECT_EQ(consume(topic, 41, 3s).size(), 40u);

  // connectd's own writes land in the partitions a Java worker would use (murmur2 of the key):
  // its offset commit is in the same partition as the Java record, and supersedes it.
  ASSERT_TRUE(waitFor([&] { return committedPosition(c, name, in) == fileSize(in); }));
  auto offsets = withKey(readAll(c.offsets), offset_key);
  ASSERT_GE(offsets.size(), 2u);
  for (const auto& r : offsets) EXPECT_EQ(r.partition, javaPartition(offset_key, 25));
  auto statuses = readAll(c.status);
  auto connector_status = withKey(statuses, "status-connector-" + name);
  ASSERT_GE(connector_status.size(), 2u);
  for (const auto& r : connector_status) EXPECT_EQ(r.partition, javaPartition("status-connector-" + name, 5));
  EXPECT_EQ(w.stop(), 0) << w.log();
}

// What connectd writes parses to exactly the JSON of spec §2's examples.
TEST(DistributedTest, WritesConfigOffsetAndStatusRecordsInKafkaConnectFormat) {
  auto dir = scratchDir("dist-format");
  auto in = dir / "in.txt";
  auto topic = uniqueName("format");
  createTopic(topic);
  appendLines(in, numbered("x", 0, 5));
  Cluster c = freshCluster("format");
  Connectd w(Connectd::Distributed{}, dir, workerProps(c));
  w.start();
  w.waitReady();

  // The internal topics were created compacted, with Kafka Connect's partition counts.
  EXPECT_EQ(partitionCount(c.configs), 1);
  EXPECT_EQ(partitionCount(c.offsets), 25);
  EXPECT_EQ(partitionCount(c.status), 5);
  for (const auto& t : {c.configs, c.offsets, c.status}) EXPECT_EQ(topicConfigs(t)["cleanup.policy"], "compact") << t;

  std::string name = "orders";
  auto r = w.post("/connectors", {{"name", name},
                                  {"config", sourceConfig(in, topic)},
                                  {"initial_state", "PAUSED"}});
  ASSERT_EQ(r.status, 201) << r.body << w.log();
  // Created PAUSED: as in Kafka Connect, no task configs are generated until it is resumed.
  ASSERT_TRUE(w.waitForState(name, "PAUSED", 0)) << w.get("/connectors/" + name + "/status").body << w.log();
  r = w.put("/connectors/" + name + "/resume");
  ASSERT_EQ(r.status, 202) << r.body;
  ASSERT_TRUE(w.waitForState(name, "RUNNING")) << w.log();
  ASSERT_EQ(consume(topic, 5).size(), 5u);

  auto configs = readAll(c.configs);
  std::vector<std::pair<std::string, Json>> seen;
  for (const auto& rec : configs) seen.emplace_back(*rec.key, rec.value ? Json::parse(*rec.value) : Json());
  auto find = [&](const std::string& key) {
    std::vector<Json> out;
    for (const auto& [k, v] : seen)
      if (k == key) out.push_back(v);
    return out;
  };
  // Create with initial_state: target state first, then the config; values as Java writes them.
  ASSERT_GE(seen.size(), 4u);
  EXPECT_EQ(seen[0].first, "target-state-" + name);
  EXPECT_EQ(configs[0].value, R"({"state":"PAUSED","state.v2":"PAUSED"})");
  EXPECT_EQ(seen[1].first, "connector-" + name);
  Json props = sourceConfig(in, topic);
  props["name"] = name;
  EXPECT_EQ(seen[1].second, Json({{"properties", props}}));
  auto task = find("task-" + name + "-0");
  ASSERT_EQ(task.size(), 1u);
  EXPECT_EQ(task[0]["properties"]["task.class"], "org.apache.kafka.connect.file.FileStreamSourceTask");
  EXPECT_EQ(find("commit-" + name), std::vector<Json>{Json::parse(R"({"tasks":1})")});
  auto states = find("target-state-" + name);
  ASSERT_EQ(states.size(), 2u);
  EXPECT_EQ(states[1], Json::parse(R"({"state":"STARTED","state.v2":"STARTED"})"));

  // Statuses: {"state":..,"trace":null,"worker_id":"host:port","generation":n}, field order included.
  auto statuses = withKey(readAll(c.status), "status-connector-" + name);
  ASSERT_FALSE(statuses.empty());
  const std::string& last = *statuses.back().value;
  Json status = Json::parse(last);
  EXPECT_EQ(status["state"], "RUNNING");
  EXPECT_TRUE(status["trace"].is_null());
  EXPECT_EQ(status["worker_id"], "127.0.0.1:" + std::to_string(w.port()));
  EXPECT_TRUE(status["generation"].is_number_integer());
  EXPECT_EQ(last, R"({"state":"RUNNING","trace":null,"worker_id":"127.0.0.1:)" + std::to_string(w.port()) +
                      R"(","generation":)" + std::to_string(status["generation"].get<int>()) + "}");
  EXPECT_FALSE(withKey(readAll(c.status), "status-task-" + name + "-0").empty());
  auto topic_status = withKey(readAll(c.status), "status-topic-" + topic + ":connector-" + name);
  ASSERT_EQ(topic_status.size(), 1u);
  Json ts = Json::parse(*topic_status[0].value)["topic"];
  EXPECT_EQ(ts["name"], topic);
  EXPECT_EQ(ts["connector"], name);
  EXPECT_EQ(ts["task"], 0);
  EXPECT_TRUE(ts["discoverTimestamp"].is_number_integer());

  // Offsets: key ["<connector>",{partition}], value {"position":n}.
  std::string offset_key = R"([")" + name + R"(",{"filename":")" + in.string() + R"("}])";
  ASSERT_TRUE(waitFor([&] { return committedPosition(c, name, in) == fileSize(in); }));
  auto offsets = withKey(readAll(c.offsets), offset_key);
  ASSERT_FALSE(offsets.empty());
  EXPECT_EQ(*offsets.back().value, R"({"position":)" + std::to_string(fileSize(in)) + "}");
  EXPECT_EQ(offsets.back().partition, javaPartition(offset_key, 25));

  // Stop: an empty task-config commit, then target state STOPPED (state PAUSED for old readers).
  r = w.put("/connectors/" + name + "/stop");
  ASSERT_EQ(r.status, 204) << r.body;
  auto after = readAll(c.configs);
  ASSERT_GE(after.size(), 2u);
  EXPECT_EQ(*after[after.size() - 2].key, "commit-" + name);
  EXPECT_EQ(*after[after.size() - 2].value, R"({"tasks":0})");
  EXPECT_EQ(*after.back().key, "target-state-" + name);
  EXPECT_EQ(*after.back().value, R"({"state":"PAUSED","state.v2":"STOPPED"})");
  ASSERT_TRUE(w.waitForState(name, "STOPPED", 0)) << w.get("/connectors/" + name + "/status").body;

  // KIP-875 on the offsets topic: reset, then the offsets endpoint shows none.
  r = w.del("/connectors/" + name + "/offsets");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(w.get("/connectors/" + name + "/offsets").json(), Json::parse(R"({"offsets":[]})"));
  EXPECT_EQ(lastValues(readAll(c.offsets))[offset_key], std::nullopt);
  EXPECT_EQ(w.stop(), 0) << w.log();
}

TEST(DistributedTest, ConfiguredByDebeziumConnectImageEnvironmentWithoutPropertiesFile) {
  auto dir = scratchDir("dist-env");
  auto in = dir / "in.txt";
  auto topic = uniqueName("env");
  createTopic(topic);
  appendLines(in, numbered("e", 0, 3));
  Cluster c = freshCluster("env");
  int port = freePort();
  Connectd::Distributed mode;
  mode.properties_file = false;
  mode.port = port;
  mode.env = {{"BOOTSTRAP_SERVERS", kafkaBootstrap()},
              {"GROUP_ID", c.group},
              {"CONFIG_STORAGE_TOPIC", c.configs},
              {"OFFSET_STORAGE_TOPIC", c.offsets},
              {"STATUS_STORAGE_TOPIC", c.status},
              {"CONFIG_STORAGE_REPLICATION_FACTOR", "1"},
              {"OFFSET_STORAGE_REPLICATION_FACTOR", "1"},
              {"STATUS_STORAGE_REPLICATION_FACTOR", "1"},
              {"CONNECT_LISTENERS", "http://127.0.0.1:" + std::to_string(port)},
              {"CONNECT_OFFSET_FLUSH_INTERVAL_MS", "500"},
              {"CONNECT_VALUE_CONVERTER", "org.apache.kafka.connect.storage.StringConverter"},
              {"CONNECT_STATUS_STORAGE_PARTITIONS", "3"}};
  Connectd w(mode, dir, {});
  w.start();
  w.waitReady();
  auto r = w.put("/connectors/env-source/config", sourceConfig(in, topic));
  ASSERT_EQ(r.status, 201) << r.body << w.log();
  ASSERT_TRUE(w.waitForState("env-source", "RUNNING")) << w.log();
  // VALUE_CONVERTER came from CONNECT_VALUE_CONVERTER (plain strings); the key converter kept
  // the image's default, JsonConverter.
  EXPECT_EQ(values(consume(topic, 3)), numbered("e", 0, 3));
  // The topics named by the variables hold the state; CONNECT_STATUS_STORAGE_PARTITIONS applied.
  EXPECT_EQ(partitionCount(c.status), 3);
  EXPECT_FALSE(withKey(readAll(c.configs), "connector-env-source").empty());
  EXPECT_FALSE(withKey(readAll(c.status), "status-connector-env-source").empty());
  EXPECT_EQ(w.stop(), 0) << w.log();
}

TEST(DistributedTest, DeleteTombstonesRecordsAndRecreatedConnectorStartsClean) {
  auto dir = scratchDir("dist-delete");
  auto in = dir / "in.txt";
  auto topic = uniqueName("delete");
  createTopic(topic);
  appendLines(in, numbered("d", 0, 3));
  Cluster c = freshCluster("delete");
  Connectd w(Connectd::Distributed{}, dir, workerProps(c));
  w.start();
  w.waitReady();
  std::string name = "to-delete";
  auto r = w.put("/connectors/" + name + "/config", sourceConfig(in, topic));
  ASSERT_EQ(r.status, 201) << r.body << w.log();
  ASSERT_TRUE(w.waitForState(name, "RUNNING")) << w.log();
  r = w.put("/connectors/" + name + "/pause");
  ASSERT_EQ(r.status, 202);
  ASSERT_TRUE(w.waitForState(name, "PAUSED")) << w.log();

  r = w.del("/connectors/" + name);
  ASSERT_EQ(r.status, 204) << r.body;
  EXPECT_EQ(w.get("/connectors/" + name).status, 404);
  EXPECT_EQ(w.get("/connectors").json(), Json::array());
  // Config and target state tombstoned; statuses tombstoned by the worker that ran them.
  auto configs = lastValues(readAll(c.configs));
  EXPECT_EQ(configs.at("connector-" + name), std::nullopt);
  EXPECT_EQ(configs.at("target-state-" + name), std::nullopt);
  ASSERT_TRUE(waitFor([&] {
    auto st = lastValues(readAll(c.status));
    return st.count("status-connector-" + name) && !st["status-connector-" + name] &&
           st.count("status-task-" + name + "-0") && !st["status-task-" + name + "-0"];
  })) << w.log();
  EXPECT_EQ(w.get("/connectors/" + name + "/status").status, 404);

  // Re-created under the same name: a fresh config, RUNNING (not the old PAUSED), one task.
  Json fresh = sourceConfig(in, topic);
  fresh["batch.size"] = "10";
  r = w.put("/connectors/" + name + "/config", fresh);
  ASSERT_EQ(r.status, 201) << r.body;
  ASSERT_TRUE(w.waitForState(name, "RUNNING")) << w.get("/connectors/" + name + "/status").body << w.log();
  EXPECT_EQ(w.get("/connectors/" + name + "/config").json()["batch.size"], "10");
  auto tasks = w.get("/connectors/" + name + "/tasks").json();
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0]["config"]["batch.size"], "10");
  // As in Kafka Connect, source offsets outlive the connector: the re-created one does not
  // re-read what the deleted one committed (DELETE /connectors/{n}/offsets before the
  // delete is how a user starts over).
  EXPECT_EQ(consume(topic, 4, 5s).size(), 3u);
  EXPECT_EQ(w.stop(), 0) << w.log();
}

TEST(DistributedTest, RefusesConfigTopicWithSeveralPartitionsOrWithoutCompaction) {
  Cluster c = freshCluster("badtopics");
  createTopic(c.configs, 2, {{"cleanup.policy", "compact"}});
  auto dir = scratchDir("dist-bad");
  {
    Connectd w(Connectd::Distributed{}, dir, workerProps(c));
    w.start();
    ASSERT_TRUE(waitFor([&] { return !w.running(); }, 120s)) << w.log();
    EXPECT_NE(w.log().find("Topic '" + c.configs +
                           "' supplied via the 'config.storage.topic' property is required to have a single "
                           "partition in order to guarantee consistency of connector configurations, but found 2 "
                           "partitions."),
              std::string::npos)
        << w.log();
  }
  Cluster d = freshCluster("badpolicy");
  createTopic(d.status, 5, {{"cleanup.policy", "delete"}});
  auto dir2 = scratchDir("dist-bad2");
  Connectd w(Connectd::Distributed{}, dir2, workerProps(d));
  w.start();
  ASSERT_TRUE(waitFor([&] { return !w.running(); }, 120s)) << w.log();
  EXPECT_NE(w.log().find("Topic '" + d.status +
                         "' supplied via the 'status.storage.topic' property is required to have "
                         "'cleanup.policy=compact'"),
            std::string::npos)
      << w.log();
}

}  // namespace
}  // namespace connectd::it
