// The REST API of spec §1 (kafka-connect.md), endpoint by endpoint, against a standalone
// connectd on the local stack's Kafka. Each TEST reads as the spec section it checks.

#include <gtest/gtest.h>

#include "tests/integration/harness.h"

namespace connectd::it {
namespace {

class RestApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(scratchDir("rest"));
    worker_ = new Connectd(*dir_, {});
    worker_->start();
    worker_->waitReady();
  }
  static void TearDownTestSuite() {
    EXPECT_EQ(worker_->stop(), 0) << worker_->log();
    delete worker_;
    delete dir_;
  }
  void TearDown() override {
    // Whatever a test sent, the worker keeps serving.
    EXPECT_EQ(w().get("/").status, 200) << w().log();
  }
  static Connectd& w() { return *worker_; }

  // A FileStreamSource connector config reading a fresh file into a fresh topic.
  static Json sourceConfig(const std::string& topic, const std::string& file) {
    return {{"connector.class", "FileStreamSource"}, {"tasks.max", "1"}, {"file", file}, {"topic", topic}};
  }
  std::string createSource(const std::string& name) {
    auto topic = uniqueName("t");
    auto file = (*dir_ / (name + ".txt")).string();
    appendLines(file, {"a", "b"});
    auto r = w().post("/connectors", {{"name", name}, {"config", sourceConfig(topic, file)}});
    EXPECT_EQ(r.status, 201) << r.body;
    EXPECT_TRUE(w().waitForState(name, "RUNNING")) << w().get("/connectors/" + name + "/status").body;
    return topic;
  }
  static void expectError(const HttpResponse& r, int status, const std::string& message) {
    EXPECT_EQ(r.status, status) << r.body;
    auto j = r.json();
    EXPECT_EQ(j["error_code"], status) << r.body;
    EXPECT_EQ(j["message"], message) << r.body;
  }

  static std::filesystem::path* dir_;
  static Connectd* worker_;
};

std::filesystem::path* RestApiTest::dir_ = nullptr;
Connectd* RestApiTest::worker_ = nullptr;

TEST_F(RestApiTest, RootReturnsServerInfo) {
  auto r = w().get("/");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.headers["content-type"].rfind("application/json", 0), 0u);
  auto j = r.json();
  EXPECT_TRUE(j["version"].is_string());
  EXPECT_TRUE(j["commit"].is_string());
  // Only known once Kafka answered; connectd fetches it without delaying start-up.
  ASSERT_TRUE(waitFor([&] { return w().get("/").json()["kafka_cluster_id"].is_string(); }, 30s));
  EXPECT_FALSE(w().get("/").json()["kafka_cluster_id"].get<std::string>().empty());
}

TEST_F(RestApiTest, HealthReportsHealthy) {
  auto r = w().get("/health");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json(), (Json{{"status", "healthy"},
                            {"message", "Worker has completed startup and is ready to handle requests."}}));
}

TEST_F(RestApiTest, CreateAnswers201WithLocationAndConnectorInfo) {
  auto name = uniqueName("create");
  auto topic = uniqueName("t");
  auto file = (*dir_ / (name + ".txt")).string();
  auto r = w().post("/connectors", {{"name", "  " + name + " "}, {"config", sourceConfig(topic, file)}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.headers["location"], "http://127.0.0.1:" + std::to_string(w().port()) + "/connectors/" + name);
  auto j = r.json();
  EXPECT_EQ(j["name"], name);  // trimmed
  EXPECT_EQ(j["type"], "source");
  EXPECT_EQ(j["config"]["name"], name);  // added to the config
  EXPECT_EQ(j["config"]["topic"], topic);
  EXPECT_TRUE(j["tasks"].is_array());

  ASSERT_TRUE(w().waitForState(name, "RUNNING"));
  auto info = w().get("/connectors/" + name).json();
  EXPECT_EQ(info["tasks"], (Json::array({{{"connector", name}, {"task", 0}}})));
  EXPECT_EQ(w().get("/connectors/" + name + "/config").json()["file"], file);
  auto names = w().get("/connectors").json();
  EXPECT_NE(std::find(names.begin(), names.end(), name), names.end());
}

TEST_F(RestApiTest, CreateCoercesNumbersAndBooleansToStrings) {
  auto name = uniqueName("coerce");
  Json cfg = sourceConfig(uniqueName("t"), (*dir_ / (name + ".txt")).string());
  cfg["tasks.max"] = 1;
  cfg["batch.size"] = 10;
  auto r = w().post("/connectors", {{"name", name}, {"config", cfg}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["config"]["tasks.max"], "1");
  EXPECT_EQ(r.json()["config"]["batch.size"], "10");
}

TEST_F(RestApiTest, CreateDuplicateIs409) {
  auto name = uniqueName("dup");
  createSource(name);
  auto r = w().post("/connectors", {{"name", name}, {"config", sourceConfig("x", "/tmp/x")}});
  expectError(r, 409, "Connector " + name + " already exists");
}

TEST_F(RestApiTest, CreateRejectsNameMismatch) {
  Json cfg = sourceConfig("t", "/tmp/f");
  cfg["name"] = "other";
  auto r = w().post("/connectors", {{"name", "mine"}, {"config", cfg}});
  expectError(r, 400, "Connector name configuration (other) doesn't match connector name in the URL (mine)");
}

TEST_F(RestApiTest, CreateWithoutConnectorClassIs400) {
  auto r = w().post("/connectors", {{"name", "noclass"}, {"config", {{"topic", "t"}}}});
  EXPECT_EQ(r.status, 400) << r.body;
  auto msg = r.json()["message"].get<std::string>();
  EXPECT_EQ(msg.rfind("Connector config {", 0), 0u) << msg;
  EXPECT_NE(msg.find("} contains no connector type"), std::string::npos) << msg;
}

TEST_F(RestApiTest, CreateWithUnknownClassIs500NamingTheClass) {
  auto r = w().post("/connectors", {{"name", "unknown"}, {"config", {{"connector.class", "com.example.Nope"}}}});
  EXPECT_EQ(r.status, 500) << r.body;
  auto msg = r.json()["message"].get<std::string>();
  EXPECT_EQ(msg.rfind("Failed to find any class that implements Connector and which name matches com.example.Nope", 0),
            0u)
      << msg;
}

TEST_F(RestApiTest, CreateWithInvalidConfigListsEveryError) {
  // FileStreamSource requires `topic`.
  auto r = w().post("/connectors",
                    {{"name", "invalid"}, {"config", {{"connector.class", "FileStreamSource"}, {"tasks.max", "0"}}}});
  EXPECT_EQ(r.status, 400) << r.body;
  auto msg = r.json()["message"].get<std::string>();
  EXPECT_EQ(msg.rfind("Connector configuration is invalid and contains the following 2 error(s):\n", 0), 0u) << msg;
  EXPECT_NE(msg.find("Invalid value 0 for configuration tasks.max: Value must be at least 1"), std::string::npos)
      << msg;
  EXPECT_NE(msg.find("\nYou can also find the above list of errors at the endpoint "
                     "`/connector-plugins/{connectorType}/config/validate`"),
            std::string::npos)
      << msg;
  EXPECT_EQ(w().get("/connectors/invalid").status, 404);
}

TEST_F(RestApiTest, NullConfigValueIsRejected) {
  Json cfg = sourceConfig("t", "/tmp/f");
  cfg["batch.size"] = nullptr;
  auto r = w().post("/connectors", {{"name", "nullvalue"}, {"config", cfg}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.body.find("Null value can not be supplied as the configuration value."), std::string::npos) << r.body;
}

TEST_F(RestApiTest, UnknownConnectorIs404OnEveryReadEndpoint) {
  expectError(w().get("/connectors/ghost"), 404, "Connector ghost not found");
  expectError(w().get("/connectors/ghost/config"), 404, "Connector ghost not found");
  expectError(w().get("/connectors/ghost/status"), 404, "No status found for connector ghost");
  expectError(w().get("/connectors/ghost/tasks/0/status"), 404, "No status found for task ghost-0");
  expectError(w().del("/connectors/ghost"), 404, "Connector ghost not found");
  expectError(w().put("/connectors/ghost/pause"), 404, "Unknown connector ghost");
  expectError(w().put("/connectors/ghost/resume"), 404, "Unknown connector ghost");
  expectError(w().patch("/connectors/ghost/config", Json{{"a", "b"}}), 404, "Connector ghost not found");
}

TEST_F(RestApiTest, ExpandStatusAndInfo) {
  auto name = uniqueName("expand");
  createSource(name);
  auto j = w().get("/connectors?expand=status&expand=info").json();
  ASSERT_TRUE(j.contains(name)) << j.dump();
  EXPECT_EQ(j[name]["status"]["name"], name);
  EXPECT_EQ(j[name]["status"]["connector"]["state"], "RUNNING");
  EXPECT_EQ(j[name]["info"]["name"], name);
  EXPECT_EQ(j[name]["info"]["type"], "source");
  auto only_status = w().get("/connectors?expand=status").json();
  EXPECT_TRUE(only_status[name].contains("status"));
  EXPECT_FALSE(only_status[name].contains("info"));
  auto unknown = w().get("/connectors?expand=nothing").json();
  EXPECT_EQ(unknown[name], Json::object());
}

TEST_F(RestApiTest, StatusShowsConnectorAndTasks) {
  auto name = uniqueName("status");
  createSource(name);
  auto j = w().get("/connectors/" + name + "/status").json();
  EXPECT_EQ(j["name"], name);
  EXPECT_EQ(j["type"], "source");
  EXPECT_EQ(j["connector"]["worker_id"], "127.0.0.1:" + std::to_string(w().port()));
  ASSERT_EQ(j["tasks"].size(), 1u);
  EXPECT_EQ(j["tasks"][0]["id"], 0);
  EXPECT_FALSE(j["tasks"][0].contains("trace"));
  auto t = w().get("/connectors/" + name + "/tasks/0/status").json();
  EXPECT_EQ(t, (Json{{"id", 0}, {"state", "RUNNING"}, {"worker_id", j["connector"]["worker_id"]}}));
}

TEST_F(RestApiTest, TasksCarryTaskClass) {
  auto name = uniqueName("tasks");
  auto topic = createSource(name);
  auto j = w().get("/connectors/" + name + "/tasks").json();
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["id"], (Json{{"connector", name}, {"task", 0}}));
  EXPECT_EQ(j[0]["config"]["task.class"], "org.apache.kafka.connect.file.FileStreamSourceTask");
  EXPECT_EQ(j[0]["config"]["topic"], topic);
}

TEST_F(RestApiTest, PutConfigCreatesThenUpdates) {
  auto name = uniqueName("put");
  auto file = (*dir_ / (name + ".txt")).string();
  auto r1 = w().put("/connectors/" + name + "/config", sourceConfig(uniqueName("t"), file));
  ASSERT_EQ(r1.status, 201) << r1.body;
  EXPECT_FALSE(r1.headers["location"].empty());
  ASSERT_TRUE(w().waitForState(name, "RUNNING"));
  auto cfg = sourceConfig(uniqueName("t"), file);
  cfg["batch.size"] = "5";
  auto r2 = w().put("/connectors/" + name + "/config", cfg);
  ASSERT_EQ(r2.status, 200) << r2.body;
  EXPECT_EQ(r2.json()["config"]["batch.size"], "5");
  EXPECT_EQ(w().get("/connectors/" + name + "/config").json()["batch.size"], "5");
  cfg["name"] = "different";
  expectError(w().put("/connectors/" + name + "/config", cfg), 400,
              "Connector name configuration (different) doesn't match connector name in the URL (" + name + ")");
}

TEST_F(RestApiTest, PatchConfigSetsAndRemovesKeys) {
  auto name = uniqueName("patch");
  createSource(name);
  auto r = w().patch("/connectors/" + name + "/config", Json{{"batch.size", "7"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["config"]["batch.size"], "7");
  r = w().patch("/connectors/" + name + "/config", Json{{"batch.size", nullptr}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(r.json()["config"].contains("batch.size"));
  EXPECT_FALSE(w().get("/connectors/" + name + "/config").json().contains("batch.size"));
}

TEST_F(RestApiTest, PauseAndResumeAre202WithEmptyBody) {
  auto name = uniqueName("pause");
  createSource(name);
  auto r = w().put("/connectors/" + name + "/pause");
  EXPECT_EQ(r.status, 202);
  EXPECT_TRUE(r.body.empty());
  EXPECT_TRUE(w().waitForState(name, "PAUSED")) << w().get("/connectors/" + name + "/status").body;
  EXPECT_EQ(w().put("/connectors/" + name + "/pause").status, 202);  // idempotent
  r = w().put("/connectors/" + name + "/resume");
  EXPECT_EQ(r.status, 202);
  EXPECT_TRUE(r.body.empty());
  EXPECT_TRUE(w().waitForState(name, "RUNNING"));
}

TEST_F(RestApiTest, StopIs204AndLeavesNoTasks) {
  auto name = uniqueName("stop");
  createSource(name);
  auto r = w().put("/connectors/" + name + "/stop");
  EXPECT_EQ(r.status, 204) << r.body;
  EXPECT_TRUE(r.body.empty());
  EXPECT_TRUE(w().waitForState(name, "STOPPED", 0)) << w().get("/connectors/" + name + "/status").body;
  EXPECT_EQ(w().get("/connectors/" + name).json()["tasks"], Json::array());
  EXPECT_EQ(w().put("/connectors/" + name + "/resume").status, 202);  // resume revives a STOPPED connector
  EXPECT_TRUE(w().waitForState(name, "RUNNING"));
}

TEST_F(RestApiTest, RestartVariants) {
  auto name = uniqueName("restart");
  createSource(name);
  auto r = w().post("/connectors/" + name + "/restart", Json());
  EXPECT_EQ(r.status, 204) << r.body;
  EXPECT_TRUE(w().waitForState(name, "RUNNING"));

  r = w().post("/connectors/" + name + "/restart?includeTasks=true", Json());
  ASSERT_EQ(r.status, 202) << r.body;
  auto plan = r.json();
  EXPECT_EQ(plan["name"], name);
  EXPECT_EQ(plan["connector"]["state"], "RESTARTING");
  ASSERT_EQ(plan["tasks"].size(), 1u);
  EXPECT_EQ(plan["tasks"][0]["state"], "RESTARTING");
  EXPECT_TRUE(w().waitForState(name, "RUNNING"));

  // onlyFailed on a healthy connector restarts nothing: the plan shows the current states.
  r = w().post("/connectors/" + name + "/restart?includeTasks=true&onlyFailed=true", Json());
  ASSERT_EQ(r.status, 202) << r.body;
  EXPECT_EQ(r.json()["connector"]["state"], "RUNNING");
  EXPECT_EQ(r.json()["tasks"][0]["state"], "RUNNING");

  EXPECT_EQ(w().post("/connectors/" + name + "/tasks/0/restart", Json()).status, 204);
  EXPECT_TRUE(w().waitForState(name, "RUNNING"));
  // Standalone mode answers with StandaloneHerder's messages (the distributed herder says "Unknown connector: ").
  expectError(w().post("/connectors/ghost/restart", Json()), 404, "Connector ghost not found");
  expectError(w().post("/connectors/ghost/restart?includeTasks=true", Json()), 404, "Unknown connector: ghost");
  expectError(w().post("/connectors/" + name + "/tasks/9/restart", Json()), 404, "Task " + name + "-9 not found");
}

TEST_F(RestApiTest, TopicsTrackWhatTheSourceWrote) {
  auto name = uniqueName("topics");
  auto topic = createSource(name);
  ASSERT_TRUE(waitFor([&] {
    auto j = w().get("/connectors/" + name + "/topics").json();
    return j[name]["topics"] == Json::array({topic});
  })) << w().get("/connectors/" + name + "/topics").body;
  auto r = w().put("/connectors/" + name + "/topics/reset");
  EXPECT_EQ(r.status, 202);
  EXPECT_EQ(w().get("/connectors/" + name + "/topics").json()[name]["topics"], Json::array());
  // No existence check (spec §1.4.15).
  EXPECT_EQ(w().get("/connectors/ghost/topics").json(), (Json{{"ghost", {{"topics", Json::array()}}}}));
}

TEST_F(RestApiTest, SourceOffsetsReadAlterAndReset) {
  auto name = uniqueName("offsets");
  auto topic = uniqueName("t");
  auto file = (*dir_ / (name + ".txt")).string();
  appendLines(file, {"one", "two"});
  ASSERT_EQ(w().post("/connectors", {{"name", name}, {"config", sourceConfig(topic, file)}}).status, 201);
  ASSERT_EQ(consume(topic, 2).size(), 2u);
  Json expected = {{"offsets", {{{"partition", {{"filename", file}}}, {"offset", {{"position", 8}}}}}}};
  ASSERT_TRUE(waitFor([&] { return w().get("/connectors/" + name + "/offsets").json() == expected; }))
      << w().get("/connectors/" + name + "/offsets").body;

  Json alter = {{"offsets", {{{"partition", {{"filename", file}}}, {"offset", {{"position", 4}}}}}}};
  auto r = w().patch("/connectors/" + name + "/offsets", alter);
  expectError(r, 400,
              "Connectors must be in the STOPPED state before their offsets can be modified. This can be done for the "
              "specified connector by issuing a 'PUT' request to the '/connectors/" +
                  name + "/stop' endpoint");
  ASSERT_EQ(w().put("/connectors/" + name + "/stop").status, 204);
  ASSERT_TRUE(w().waitForState(name, "STOPPED", 0));
  expectError(w().patch("/connectors/" + name + "/offsets", Json{{"offsets", Json::array()}}), 400,
              "Partitions / offsets need to be provided for an alter offsets request");
  r = w().patch("/connectors/" + name + "/offsets", alter);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.json()["message"].is_string());
  EXPECT_EQ(w().get("/connectors/" + name + "/offsets").json(), alter);

  // Resuming re-reads from byte 4: the second line again.
  ASSERT_EQ(w().put("/connectors/" + name + "/resume").status, 202);
  auto records = consume(topic, 3);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[2].value, "two");

  ASSERT_EQ(w().put("/connectors/" + name + "/stop").status, 204);
  ASSERT_TRUE(w().waitForState(name, "STOPPED", 0));
  r = w().del("/connectors/" + name + "/offsets");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(w().get("/connectors/" + name + "/offsets").json(), (Json{{"offsets", Json::array()}}));
}

TEST_F(RestApiTest, DeleteIs204AndForgetsTheConnector) {
  auto name = uniqueName("delete");
  createSource(name);
  auto r = w().del("/connectors/" + name);
  EXPECT_EQ(r.status, 204) << r.body;
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(w().get("/connectors/" + name).status, 404);
  auto names = w().get("/connectors").json();
  EXPECT_EQ(std::find(names.begin(), names.end(), name), names.end());
}

TEST_F(RestApiTest, ConnectorPluginsListing) {
  auto j = w().get("/connector-plugins").json();
  Json source = {{"class", "org.apache.kafka.connect.file.FileStreamSourceConnector"}, {"type", "source"}};
  bool found = false;
  for (const auto& p : j) {
    EXPECT_TRUE(p["type"] == "source" || p["type"] == "sink") << p.dump();
    if (p["class"] == source["class"]) {
      found = true;
      EXPECT_EQ(p["type"], "source");
      EXPECT_TRUE(p["version"].is_string());
    }
  }
  EXPECT_TRUE(found) << j.dump();
  auto all = w().get("/connector-plugins?connectorsOnly=false").json();
  std::set<std::string> types;
  for (const auto& p : all) types.insert(p["type"].get<std::string>());
  EXPECT_TRUE(types.count("converter")) << all.dump();
  EXPECT_TRUE(types.count("header_converter")) << all.dump();
  EXPECT_TRUE(types.count("transformation")) << all.dump();
  EXPECT_TRUE(types.count("predicate")) << all.dump();
}

TEST_F(RestApiTest, ConnectorPluginConfigDefinitions) {
  auto r = w().get("/connector-plugins/FileStreamSource/config");
  ASSERT_EQ(r.status, 200) << r.body;
  bool has_topic = false;
  for (const auto& k : r.json()) {
    if (k["name"] == "topic") has_topic = true;
    for (auto field : {"name", "type", "required", "default_value", "importance", "documentation", "group", "width",
                       "display_name", "dependents", "order"})
      EXPECT_TRUE(k.contains(field)) << field << " missing in " << k.dump();
  }
  EXPECT_TRUE(has_topic) << r.body;
  expectError(w().get("/connector-plugins/com.example.Nope/config"), 404, "Unknown plugin com.example.Nope.");
}

TEST_F(RestApiTest, ValidateReturnsPerKeyResults) {
  auto r = w().put("/connector-plugins/FileStreamSource/config/validate",
                   Json{{"connector.class", "FileStreamSource"}, {"tasks.max", "0"}, {"name", "v"}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["name"], "FileStreamSource");
  EXPECT_EQ(j["error_count"], 2) << r.body;
  EXPECT_NE(std::find(j["groups"].begin(), j["groups"].end(), "Common"), j["groups"].end());
  bool saw_tasks_max = false;
  for (const auto& c : j["configs"]) {
    if (c["value"]["name"] == "tasks.max") {
      saw_tasks_max = true;
      EXPECT_EQ(c["value"]["value"], "0");
      EXPECT_EQ(c["value"]["errors"].size(), 1u);
      EXPECT_EQ(c["definition"]["name"], "tasks.max");
    }
  }
  EXPECT_TRUE(saw_tasks_max);
}

TEST_F(RestApiTest, ValidateQuirks) {
  expectError(w().put("/connector-plugins/FileStreamSink/config/validate", Json{{"connector.class", "FileStreamSource"}}),
              400, "Included connector type FileStreamSource does not match request type FileStreamSink");
  auto r = w().put("/connector-plugins/FileStreamSource/config/validate", Json{{"topic", "t"}});
  EXPECT_EQ(r.status, 500) << r.body;
  auto msg = r.json()["message"].get<std::string>();
  EXPECT_EQ(msg.rfind("org.apache.kafka.connect.runtime.rest.errors.BadRequestException: Connector config {", 0), 0u)
      << msg;
}

TEST_F(RestApiTest, AdminLoggers) {
  auto j = w().get("/admin/loggers").json();
  ASSERT_TRUE(j.contains("root")) << j.dump();
  EXPECT_TRUE(j["root"]["level"].is_string());
  auto r = w().put("/admin/loggers/org.apache.kafka.connect", Json{{"level", "DEBUG"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.json().is_array());
  auto lvl = w().get("/admin/loggers/org.apache.kafka.connect").json();
  EXPECT_EQ(lvl["level"], "DEBUG");
  EXPECT_TRUE(lvl["last_modified"].is_number());
  expectError(w().put("/admin/loggers/org.apache.kafka.connect", Json{{"level", "LOUD"}}), 404,
              "invalid log level 'LOUD'.");
  expectError(w().put("/admin/loggers/org.apache.kafka.connect", Json::object()), 400,
              "Desired 'level' parameter was not specified in request.");
  EXPECT_EQ(w().put("/admin/loggers/root", Json{{"level", "INFO"}}).status, 200);
}

TEST_F(RestApiTest, UnknownRoutesAndMethods) {
  expectError(w().get("/nope"), 404, "HTTP 404 Not Found");
  expectError(w().get("/connectors/a/b/c/d"), 404, "HTTP 404 Not Found");
  expectError(http(w().port(), "DELETE", "/connector-plugins"), 405, "HTTP 405 Method Not Allowed");
  auto r = http(w().port(), "POST", "/connectors", "name=x", {{"Content-Type", "application/x-www-form-urlencoded"}});
  expectError(r, 415, "HTTP 415 Unsupported Media Type");
}

TEST_F(RestApiTest, MalformedJsonGetsAConnectError) {
  auto r = http(w().port(), "POST", "/connectors", "{\"name\": \"x\", \"config\": {");
  EXPECT_EQ(r.status, 500) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["error_code"], 500);
  EXPECT_TRUE(j["message"].is_string());
  r = http(w().port(), "POST", "/connectors", "[1,2,3]");
  EXPECT_GE(r.status, 400) << r.body;
  EXPECT_TRUE(r.json().contains("error_code"));
}

TEST_F(RestApiTest, HugeBodyIsRefused) {
  std::string big = "{\"name\":\"big\",\"config\":{\"x\":\"" + std::string(20 * 1024 * 1024, 'a') + "\"}}";
  HttpResponse r;
  try {
    r = http(w().port(), "POST", "/connectors", big);
  } catch (const std::exception&) {
    // The server may close the connection while the client is still writing; it must still serve.
    return;
  }
  EXPECT_EQ(r.status, 413) << r.body.substr(0, 200);
  EXPECT_EQ(r.json()["error_code"], 413);
}

TEST_F(RestApiTest, NamesWithSlashesAndUnicode) {
  std::string name = "caf\xC3\xA9/\xF0\x9F\x9A\x80-" + uniqueName("n");
  std::string encoded;
  for (unsigned char c : name) {
    if (std::isalnum(c) || c == '-') {
      encoded.push_back(static_cast<char>(c));
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      encoded += buf;
    }
  }
  auto file = (*dir_ / (uniqueName("u") + ".txt")).string();
  auto r = w().post("/connectors", {{"name", name}, {"config", sourceConfig(uniqueName("t"), file)}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["name"], name);
  auto info = w().get("/connectors/" + encoded);
  ASSERT_EQ(info.status, 200) << info.body;
  EXPECT_EQ(info.json()["name"], name);
  EXPECT_EQ(w().del("/connectors/" + encoded).status, 204);
}

TEST_F(RestApiTest, GarbageRequestLineDoesNotHurtTheWorker) {
  auto out = rawHttp(w().port(), "THIS IS NOT HTTP\r\n\r\n");
  EXPECT_NE(out.find("400"), std::string::npos) << out;
}

}  // namespace
}  // namespace connectd::it
