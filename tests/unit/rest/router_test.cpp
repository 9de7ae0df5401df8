#include "rest/router.h"

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <connectd/version.h>

#include "rest/rest_server.h"
#include "server/common/logging.h"
#include "tests/unit/rest/fake_herder.h"
#include "tests/unit/rest/test_http_client.h"

namespace connectd::rest {
namespace {

using nlohmann::json;
using runtime::ConnectorType;
using testing::FakeHerder;
using testing::HttpResult;
using testing::TestHttpClient;

constexpr char kSource[] = "local-file-source";

// Every test drives a real RestServer on 127.0.0.1:0 over one keep-alive connection.
class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    spdlog::set_level(spdlog::level::warn);
    herder_.addConnector(kSource, ConnectorType::Source, 2);
  }

  void start(const std::function<void(RestServerConfig&)>& tweak = {}) {
    RestServerConfig config;
    config.listeners = "http://127.0.0.1:0";
    config.router.request_timeout = std::chrono::milliseconds(10'000);
    if (tweak) tweak(config);
    server_ = std::make_unique<RestServer>(herder_, config);
    server_->start();
    client_ = std::make_unique<TestHttpClient>(server_->port());
  }

  TestHttpClient& client() {
    if (!client_) start();
    return *client_;
  }
  HttpResult get(const std::string& target) { return client().get(target); }
  HttpResult send(const std::string& method, const std::string& target, const std::string& body = "",
                  std::optional<std::string> content_type = std::string("application/json")) {
    return client().send(method, target, body, content_type);
  }
  void expectError(const HttpResult& r, unsigned status, const std::string& message) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.header("content-type"), "application/json");
    EXPECT_EQ(r.json(), json({{"error_code", status}, {"message", message}})) << r.body;
  }
  // The server keeps answering on the same connection after whatever the test did.
  void expectStillServing() {
    auto r = get("/connectors");
    EXPECT_EQ(r.status, 200u) << r.body;
  }

  FakeHerder herder_;
  std::unique_ptr<RestServer> server_;
  std::unique_ptr<TestHttpClient> client_;
};

TEST_F(RouterTest, RootReturnsServerInfo) {
  auto r = get("/");
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(r.json(), json({{"version", kKafkaConnectVersion}, {"commit", kCommit},
                            {"kafka_cluster_id", "wkXr0dZOQ1q9aLGoq6xBDg"}}));
}

TEST_F(RouterTest, HealthIsHealthyWhenTheHerderAnswers) {
  auto r = get("/health");
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.json(), json({{"status", "healthy"},
                            {"message", "Worker has completed startup and is ready to handle requests."}}));
}

TEST_F(RouterTest, HealthIsStartingWhenNotReadyAndTheHerderIsSilent) {
  herder_.hold_callbacks = true;
  herder_.is_ready = false;
  start([](RestServerConfig& c) { c.router.health_check_timeout = std::chrono::milliseconds(100); });
  auto r = get("/health");
  EXPECT_EQ(r.status, 503u);
  EXPECT_EQ(r.json(), json({{"status", "starting"}, {"message", "Worker is still starting up."}}));
}

TEST_F(RouterTest, HealthIsUnhealthyWhenReadyAndTheHerderIsSilent) {
  herder_.hold_callbacks = true;
  start([](RestServerConfig& c) { c.router.health_check_timeout = std::chrono::milliseconds(100); });
  auto r = get("/health");
  EXPECT_EQ(r.status, 500u);
  EXPECT_EQ(r.json()["status"], "unhealthy");
  EXPECT_EQ(r.json()["message"],
            "Worker was unable to handle this request and may be unable to handle other requests.");
}

TEST_F(RouterTest, ListConnectorsWithAndWithoutTrailingSlash) {
  EXPECT_EQ(get("/connectors").json(), json::array({kSource}));
  EXPECT_EQ(get("/connectors/").json(), json::array({kSource}));
  EXPECT_EQ(get("/connectors?forward=true").json(), json::array({kSource}));
}

TEST_F(RouterTest, ExpandStatusAndInfo) {
  auto r = get("/connectors?expand=status&expand=info");
  ASSERT_EQ(r.status, 200u);
  auto j = r.json();
  ASSERT_TRUE(j.contains(kSource));
  EXPECT_EQ(j[kSource]["status"]["connector"]["state"], "RUNNING");
  EXPECT_EQ(j[kSource]["status"]["type"], "source");
  EXPECT_EQ(j[kSource]["info"]["name"], kSource);
  EXPECT_EQ(j[kSource]["info"]["tasks"].size(), 2u);
}

TEST_F(RouterTest, ExpandLeavesOutConnectorsWithoutStatus) {
  herder_.addConnector("no-status", ConnectorType::Sink, 1, /*with_status=*/false);
  auto status = get("/connectors?expand=status").json();
  EXPECT_TRUE(status.contains(kSource));
  EXPECT_FALSE(status.contains("no-status"));
  auto info = get("/connectors?expand=info").json();
  EXPECT_EQ(info["no-status"]["info"]["type"], "sink");
}

TEST_F(RouterTest, ExpandValuesAreNotCommaSplitLikeJersey) {
  auto j = get("/connectors?expand=status,info").json();
  EXPECT_EQ(j, json({{kSource, json::object()}}));
}

TEST_F(RouterTest, CreateConnectorAnswers201WithLocation) {
  auto r = send("POST", "/connectors",
                R"({"name":"my-conn","config":{"connector.class":"FileStreamSink","tasks.max":1,"batch":1.50,)"
                R"("enabled":true,"topics":"t1"}})");
  ASSERT_EQ(r.status, 201u) << r.body;
  EXPECT_EQ(r.header("location"), "http://localhost:8083/connectors/my-conn");
  auto j = r.json();
  EXPECT_EQ(j["name"], "my-conn");
  EXPECT_EQ(j["config"]["tasks.max"], "1");
  EXPECT_EQ(j["config"]["batch"], "1.50");
  EXPECT_EQ(j["config"]["enabled"], "true");
  EXPECT_EQ(j["config"]["name"], "my-conn");
  EXPECT_EQ(j["tasks"], json::array());
  EXPECT_EQ(j["type"], "sink");
  ASSERT_TRUE(herder_.last_put);
  EXPECT_FALSE(herder_.last_put->allow_replace);
  EXPECT_EQ(herder_.last_put->initial_state, std::nullopt);
}

TEST_F(RouterTest, CreateConnectorTrimsTheNameAndPassesInitialState) {
  auto r = send("POST", "/connectors",
                R"({"name":"  spaced \t","config":{"connector.class":"FileStreamSource"},"initial_state":"stopped"})");
  ASSERT_EQ(r.status, 201u) << r.body;
  EXPECT_EQ(r.json()["name"], "spaced");
  EXPECT_EQ(herder_.last_put->name, "spaced");
  EXPECT_EQ(herder_.last_put->config.at("name"), "spaced");
  EXPECT_EQ(herder_.last_put->initial_state, runtime::TargetState::Stopped);
}

TEST_F(RouterTest, CreateConnectorRejectsABadInitialState) {
  auto r = send("POST", "/connectors", R"({"name":"x","config":{"connector.class":"A"},"initial_state":"RUN"})");
  EXPECT_EQ(r.status, 400u) << r.body;
  EXPECT_NE(r.json()["message"].get<std::string>().find("initial_state"), std::string::npos);
  expectStillServing();
}

TEST_F(RouterTest, CreateConnectorNameMismatchIs400) {
  auto r = send("POST", "/connectors", R"({"name":"a","config":{"connector.class":"X","name":"b"}})");
  expectError(r, 400, "Connector name configuration (b) doesn't match connector name in the URL (a)");
}

TEST_F(RouterTest, CreateConnectorWithoutConnectorClassIs400) {
  auto r = send("POST", "/connectors", R"({"name":"c1","config":{"file":"/tmp/in","topic":"t1","tasks.max":"1"}})");
  expectError(r, 400, "Connector config {name=c1, topic=t1, file=/tmp/in, tasks.max=1} contains no connector type");
}

TEST_F(RouterTest, CreateExistingConnectorIs409) {
  auto r = send("POST", "/connectors",
                std::string(R"({"name":")") + kSource + R"(","config":{"connector.class":"FileStreamSource"}})");
  expectError(r, 409, std::string("Connector ") + kSource + " already exists");
}

TEST_F(RouterTest, NullConfigValueFailsValidationWithEveryError) {
  auto r = send("POST", "/connectors", R"({"name":"n","config":{"connector.class":"FileStreamSink","file":null}})");
  expectError(r, 400,
              "Connector configuration is invalid and contains the following 2 error(s):\n"
              "Must configure one of topics or topics.regex\n"
              "Null value can not be supplied as the configuration value.\n"
              "You can also find the above list of errors at the endpoint "
              "`/connector-plugins/{connectorType}/config/validate`");
  EXPECT_FALSE(herder_.last_put);
}

TEST_F(RouterTest, CreateConnectorWithUnknownFieldIs500) {
  auto r = send("POST", "/connectors", R"({"name":"x","connector.class":"FileStreamSink"})");
  EXPECT_EQ(r.status, 500u);
  EXPECT_EQ(r.json()["message"].get<std::string>().rfind("Unrecognized field \"connector.class\"", 0), 0u) << r.body;
  expectStillServing();
}

TEST_F(RouterTest, CreateConnectorWithoutBodyOrConfigIs500) {
  auto r = send("POST", "/connectors", "");
  EXPECT_EQ(r.status, 500u);
  EXPECT_NE(r.json()["message"].get<std::string>().find("\"createRequest\" is null"), std::string::npos);
  r = send("POST", "/connectors", R"({"name":"x"})");
  EXPECT_EQ(r.status, 500u);
  EXPECT_NE(r.json()["message"].get<std::string>().find("\"connectorConfig\" is null"), std::string::npos);
  expectStillServing();
}

TEST_F(RouterTest, MalformedJsonIs500AndTheWorkerKeepsServing) {
  auto r = send("POST", "/connectors", R"({"name":"x",})");
  EXPECT_EQ(r.status, 500u);
  auto message = r.json()["message"].get<std::string>();
  EXPECT_EQ(message.rfind("Unexpected character ('}' (code 125))", 0), 0u) << message;
  EXPECT_NE(message.find("line: 1, column: 13"), std::string::npos) << message;
  expectStillServing();
  r = send("PUT", "/connectors/x/config", "{\"a\":");
  EXPECT_EQ(r.status, 500u);
  expectStillServing();
}

TEST_F(RouterTest, GetConnectorAndUnknownConnector) {
  auto r = get(std::string("/connectors/") + kSource);
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.json()["tasks"], json::parse(R"([{"connector":"local-file-source","task":0},)"
                                           R"({"connector":"local-file-source","task":1}])"));
  expectError(get("/connectors/nope"), 404, "Connector nope not found");
}

TEST_F(RouterTest, DeleteConnectorIs204WithoutBody) {
  auto r = send("DELETE", std::string("/connectors/") + kSource, "", std::nullopt);
  EXPECT_EQ(r.status, 204u);
  EXPECT_TRUE(r.body.empty());
  EXPECT_FALSE(r.header("content-type"));
  expectError(get(std::string("/connectors/") + kSource), 404, std::string("Connector ") + kSource + " not found");
  expectError(send("DELETE", "/connectors/nope", "", std::nullopt), 404, "Connector nope not found");
}

TEST_F(RouterTest, GetConnectorConfig) {
  auto r = get(std::string("/connectors/") + kSource + "/config");
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.json()["connector.class"], "FileStreamSource");
}

TEST_F(RouterTest, PutConnectorConfigCreatesThenUpdates) {
  auto r = send("PUT", "/connectors/new-one/config", R"({"connector.class":"FileStreamSink","topics":"t"})");
  EXPECT_EQ(r.status, 201u) << r.body;
  EXPECT_EQ(r.header("location"), "http://localhost:8083/connectors/new-one");
  EXPECT_TRUE(herder_.last_put->allow_replace);
  EXPECT_EQ(herder_.last_put->config.at("name"), "new-one");
  r = send("PUT", "/connectors/new-one/config", R"({"connector.class":"FileStreamSink","topics":"u"})");
  EXPECT_EQ(r.status, 200u) << r.body;
  EXPECT_FALSE(r.header("location"));
  EXPECT_EQ(r.json()["config"]["topics"], "u");
  expectError(send("PUT", "/connectors/new-one/config", R"({"connector.class":"X","name":"other"})"), 400,
              "Connector name configuration (other) doesn't match connector name in the URL (new-one)");
}

TEST_F(RouterTest, PatchConnectorConfigRemovesNullKeys) {
  auto r = send("PATCH", std::string("/connectors/") + kSource + "/config", R"({"tasks.max":"5","name":null})");
  EXPECT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.json()["config"]["tasks.max"], "5");
  EXPECT_FALSE(r.json()["config"].contains("name"));
  ASSERT_TRUE(herder_.last_patch);
  EXPECT_EQ(herder_.last_patch->at("name"), std::nullopt);
  expectError(send("PATCH", "/connectors/nope/config", R"({"a":"b"})"), 404, "Connector nope not found");
}

TEST_F(RouterTest, ConnectorStatusIsSortedByTaskId) {
  auto r = get(std::string("/connectors/") + kSource + "/status");
  ASSERT_EQ(r.status, 200u);
  auto j = r.json();
  EXPECT_EQ(j["connector"], json({{"state", "RUNNING"}, {"worker_id", "127.0.0.1:8083"}}));
  ASSERT_EQ(j["tasks"].size(), 2u);
  EXPECT_EQ(j["tasks"][0]["id"], 0);
  EXPECT_EQ(j["tasks"][0]["state"], "FAILED");
  EXPECT_TRUE(j["tasks"][0].contains("trace"));
  EXPECT_EQ(j["tasks"][1]["id"], 1);
  EXPECT_FALSE(j["tasks"][1].contains("trace"));
  expectError(get("/connectors/nope/status"), 404, "No status found for connector nope");
}

TEST_F(RouterTest, RestartWithoutOptionsIs204) {
  auto r = send("POST", std::string("/connectors/") + kSource + "/restart", "", std::nullopt);
  EXPECT_EQ(r.status, 204u);
  EXPECT_TRUE(r.body.empty());
  expectError(send("POST", "/connectors/nope/restart", "", std::nullopt), 404, "Unknown connector: nope");
}

TEST_F(RouterTest, RestartWithTasksIs202WithThePlan) {
  auto r = send("POST", std::string("/connectors/") + kSource + "/restart?includeTasks=TRUE&onlyFailed=true", "",
                std::nullopt);
  ASSERT_EQ(r.status, 202u) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["connector"]["state"], "RUNNING");
  EXPECT_EQ(j["tasks"][1]["state"], "RESTARTING");  // task 0 is FAILED; the fake lists tasks 1, 0
  EXPECT_EQ(j["tasks"][0]["state"], "RUNNING");
  ASSERT_TRUE(herder_.last_restart);
  EXPECT_TRUE(herder_.last_restart->include_tasks);
  EXPECT_TRUE(herder_.last_restart->only_failed);
  r = send("POST", std::string("/connectors/") + kSource + "/restart?includeTasks=true", "", std::nullopt);
  EXPECT_EQ(r.status, 202u);
  EXPECT_EQ(r.json()["connector"]["state"], "RESTARTING");
  EXPECT_FALSE(herder_.last_restart->only_failed);
}

TEST_F(RouterTest, PauseAndResumeAre202WithEmptyBody) {
  auto r = send("PUT", std::string("/connectors/") + kSource + "/pause", "", std::nullopt);
  EXPECT_EQ(r.status, 202u);
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(r.header("content-length"), "0");
  r = send("PUT", std::string("/connectors/") + kSource + "/resume", "", std::nullopt);
  EXPECT_EQ(r.status, 202u);
  EXPECT_EQ(herder_.paused, std::vector<std::string>{kSource});
  EXPECT_EQ(herder_.resumed, std::vector<std::string>{kSource});
  expectError(send("PUT", "/connectors/nope/pause", "", std::nullopt), 404, "Unknown connector nope");
}

TEST_F(RouterTest, StopIs204) {
  auto r = send("PUT", std::string("/connectors/") + kSource + "/stop", "", std::nullopt);
  EXPECT_EQ(r.status, 204u);
  EXPECT_EQ(herder_.stopped, std::vector<std::string>{kSource});
}

TEST_F(RouterTest, TasksAndTasksConfig) {
  auto tasks = get(std::string("/connectors/") + kSource + "/tasks").json();
  ASSERT_EQ(tasks.size(), 2u);
  EXPECT_EQ(tasks[1]["id"], json({{"connector", kSource}, {"task", 1}}));
  EXPECT_EQ(tasks[1]["config"]["task.class"], "org.apache.kafka.connect.file.FileStreamSourceTask");
  auto map = get(std::string("/connectors/") + kSource + "/tasks-config").json();
  EXPECT_TRUE(map.contains("local-file-source-0"));
  EXPECT_TRUE(map.contains("local-file-source-1"));
}

TEST_F(RouterTest, TaskStatusAndRestart) {
  auto r = get(std::string("/connectors/") + kSource + "/tasks/1/status");
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.json(), json({{"id", 1}, {"state", "RUNNING"}, {"worker_id", "127.0.0.1:8083"}}));
  expectError(get(std::string("/connectors/") + kSource + "/tasks/9/status"), 404,
              "No status found for task local-file-source-9");
  expectError(get(std::string("/connectors/") + kSource + "/tasks/abc/status"), 404, "HTTP 404 Not Found");
  r = send("POST", std::string("/connectors/") + kSource + "/tasks/0/restart", "", std::nullopt);
  EXPECT_EQ(r.status, 204u);
  expectError(send("POST", "/connectors/nope/tasks/0/restart", "", std::nullopt), 404, "Unknown connector: nope");
}

TEST_F(RouterTest, ActiveTopicsAndReset) {
  auto r = get(std::string("/connectors/") + kSource + "/topics");
  EXPECT_EQ(r.json(), json({{kSource, {{"topics", {"t1", "t2"}}}}}));
  r = send("PUT", std::string("/connectors/") + kSource + "/topics/reset", "", std::nullopt);
  EXPECT_EQ(r.status, 202u);
  EXPECT_TRUE(r.body.empty());
  herder_.topic_reset = false;
  expectError(send("PUT", std::string("/connectors/") + kSource + "/topics/reset", "", std::nullopt), 403,
              "Topic tracking reset is disabled.");
  herder_.topic_tracking = false;
  expectError(get(std::string("/connectors/") + kSource + "/topics"), 403, "Topic tracking is disabled.");
}

TEST_F(RouterTest, Offsets) {
  auto r = get(std::string("/connectors/") + kSource + "/offsets");
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.body, R"({"offsets":[{"partition":{"filename":"test.txt"},"offset":{"position":30}},)"
                    R"({"partition":{"filename":"gone.txt"},"offset":null}]})");
  r = send("PATCH", std::string("/connectors/") + kSource + "/offsets",
           R"({"offsets":[{"partition":{"filename":"test.txt"},"offset":{"position":7}}]})");
  EXPECT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.json(), json({{"message", "The offsets for this connector have been altered successfully"}}));
  ASSERT_TRUE(herder_.last_alter);
  EXPECT_EQ(herder_.last_alter->offsets.at(0).offset_json, R"({"position":7})");
  expectError(send("PATCH", std::string("/connectors/") + kSource + "/offsets", R"({"offsets":[]})"), 400,
              "Partitions / offsets need to be provided for an alter offsets request");
  expectError(send("PATCH", std::string("/connectors/") + kSource + "/offsets", "{}"), 400,
              "Partitions / offsets need to be provided for an alter offsets request");
  r = send("DELETE", std::string("/connectors/") + kSource + "/offsets", "", std::nullopt);
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.json()["message"], "The offsets for this connector have been reset successfully");
}

TEST_F(RouterTest, ConnectorPlugins) {
  auto j = get("/connector-plugins").json();
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0], json({{"class", "org.apache.kafka.connect.file.FileStreamSinkConnector"},
                        {"type", "sink"},
                        {"version", "3.9.0"}}));
  EXPECT_EQ(j[1]["type"], "source");
  auto all = get("/connector-plugins?connectorsOnly=false").json();
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[2], json({{"class", "org.apache.kafka.connect.transforms.InsertField$Value"},
                          {"type", "transformation"}}));
  EXPECT_EQ(all[3]["type"], "converter");
  EXPECT_EQ(get("/connector-plugins?connectorsOnly=").json().size(), 2u);
}

TEST_F(RouterTest, PluginConfig) {
  auto r = get("/connector-plugins/FileStreamSource/config");
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.json()[0]["name"], "file");
  EXPECT_TRUE(r.json()[0]["default_value"].is_null());
  expectError(get("/connector-plugins/Nope/config"), 404, "Unknown plugin Nope.");
}

TEST_F(RouterTest, ValidateReturnsConfigInfosEvenWithErrors) {
  auto r = send("PUT", "/connector-plugins/FileStreamSinkConnector/config/validate",
                R"({"connector.class":"org.apache.kafka.connect.file.FileStreamSinkConnector","x":null})");
  ASSERT_EQ(r.status, 200u) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["name"], "org.apache.kafka.connect.file.FileStreamSinkConnector");
  EXPECT_EQ(j["error_count"], 2);
  EXPECT_EQ(j["configs"][1]["definition"], nullptr);
  EXPECT_EQ(j["configs"][1]["value"]["errors"][0], "Null value can not be supplied as the configuration value.");
  EXPECT_EQ(herder_.last_validate->count("x"), 0u);
  EXPECT_EQ(herder_.last_validate->count("name"), 0u);
}

TEST_F(RouterTest, ValidateClassMustMatchThePath) {
  expectError(send("PUT", "/connector-plugins/FileStreamSinkConnector/config/validate",
                   R"({"connector.class":"FileStreamSource","topics":"t"})"),
              400, "Included connector type FileStreamSource does not match request type FileStreamSinkConnector");
  EXPECT_EQ(send("PUT", "/connector-plugins/FileStreamSink/config/validate",
                 R"({"connector.class":"org.apache.kafka.connect.file.FileStreamSinkConnector","topics":"t"})")
                .status,
            200u);
}

TEST_F(RouterTest, ValidateFailuresAre500WithTheWrappedExceptionText) {
  expectError(send("PUT", "/connector-plugins/FileStreamSink/config/validate", R"({"topics":"t1"})"), 500,
              "org.apache.kafka.connect.runtime.rest.errors.BadRequestException: Connector config {topics=t1} "
              "contains no connector type");
  herder_.validate_error = std::make_exception_ptr(api::ConnectException("Failed to find any class"));
  expectError(send("PUT", "/connector-plugins/Nope/config/validate", R"({"connector.class":"Nope"})"), 500,
              "org.apache.kafka.connect.errors.ConnectException: Failed to find any class");
}

TEST_F(RouterTest, AdminLoggers) {
  auto all = get("/admin/loggers").json();
  ASSERT_TRUE(all.contains("root"));
  EXPECT_TRUE(all["root"].contains("level"));
  auto root = get("/admin/loggers/ROOT");
  EXPECT_EQ(root.status, 200u);
  expectError(get("/admin/loggers/no.such.logger"), 404, "Logger no.such.logger not found.");

  // LoggerLevels reports only loggers whose level changed; make sure this one does.
  ASSERT_EQ(send("PUT", "/admin/loggers/org.apache.kafka.connect.runtime", R"({"level":"INFO"})").status, 200u);
  auto r = send("PUT", "/admin/loggers/org.apache.kafka.connect.runtime", R"({"level":"debug"})");
  ASSERT_EQ(r.status, 200u) << r.body;
  auto names = r.json();
  EXPECT_TRUE(std::find(names.begin(), names.end(), "org.apache.kafka.connect.runtime") != names.end());
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  auto level = get("/admin/loggers/org.apache.kafka.connect.runtime").json();
  EXPECT_EQ(level["level"], "DEBUG");
  EXPECT_TRUE(level["last_modified"].is_number());

  expectError(send("PUT", "/admin/loggers/root", R"({"level":"LOUD"})"), 404, "invalid log level 'LOUD'.");
  expectError(send("PUT", "/admin/loggers/root", R"({"lvl":"INFO"})"), 400,
              "Desired 'level' parameter was not specified in request.");
}

TEST_F(RouterTest, ClusterScopedLoggerLevelIs204AndUsesTheHook) {
  std::string seen;
  start([&](RestServerConfig& c) {
    c.router.cluster_logger_level = [&](const std::string& logger, const std::string& level) {
      seen = logger + "=" + level;
    };
  });
  auto r = send("PUT", "/admin/loggers/io.debezium?scope=Cluster", R"({"level":"warn"})");
  EXPECT_EQ(r.status, 204u);
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(seen, "io.debezium=WARN");
}

TEST_F(RouterTest, UnknownRouteIs404) {
  expectError(get("/nope"), 404, "HTTP 404 Not Found");
  expectError(get("/connectors//status"), 404, "HTTP 404 Not Found");
  expectError(get("/connectors/x/status/extra"), 404, "HTTP 404 Not Found");
  expectError(get("/connectors//"), 404, "HTTP 404 Not Found");
  expectStillServing();
}

TEST_F(RouterTest, WrongMethodIs405WithAllow) {
  auto r = send("POST", "/connectors/x", "{}");
  expectError(r, 405, "HTTP 405 Method Not Allowed");
  EXPECT_EQ(r.header("allow"), "DELETE,GET,HEAD,OPTIONS");
  expectError(send("DELETE", "/connectors", "", std::nullopt), 405, "HTTP 405 Method Not Allowed");
  expectError(send("BREW", "/connectors", "", std::nullopt), 405, "HTTP 405 Method Not Allowed");
  expectStillServing();
}

TEST_F(RouterTest, NonJsonContentTypeIs415) {
  expectError(send("POST", "/connectors", "name=x", std::string("application/x-www-form-urlencoded")), 415,
              "HTTP 415 Unsupported Media Type");
  expectError(send("PUT", "/connectors/x/config", "{}", std::string("text/plain")), 415,
              "HTTP 415 Unsupported Media Type");
  expectStillServing();
  // Parameters and wildcards are fine; the root resource declares no @Consumes.
  EXPECT_EQ(send("GET", "/connectors", "", std::string("application/json; charset=UTF-8")).status, 200u);
  EXPECT_EQ(send("GET", "/", "", std::string("text/plain")).status, 200u);
}

TEST_F(RouterTest, UnacceptableAcceptIs406) {
  auto r = client().send("GET", "/connectors", "", std::nullopt, {{"Accept", "text/html"}});
  expectError(r, 406, "HTTP 406 Not Acceptable");
  r = client().send("GET", "/connectors", "", std::nullopt, {{"Accept", "text/html, */*;q=0.8"}});
  EXPECT_EQ(r.status, 200u);
}

TEST_F(RouterTest, EncodedNamesWithSlashesAndUnicode) {
  const std::string name = "db/orders \xC3\xBC";
  herder_.addConnector(name, ConnectorType::Source, 1);
  auto r = get("/connectors/db%2Forders%20%C3%BC/status");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.json()["name"], name);
  r = send("POST", "/connectors",
           std::string(R"({"name":"a/b \u00fc+","config":{"connector.class":"FileStreamSource"}})"));
  ASSERT_EQ(r.status, 201u) << r.body;
  EXPECT_EQ(r.header("location"), "http://localhost:8083/connectors/a/b%20%C3%BC+");
  EXPECT_EQ(get("/connectors/a%2Fb%20%C3%BC+").json()["name"], "a/b \xC3\xBC+");
}

TEST_F(RouterTest, HerderTimeoutIs500AndALateAnswerIsDropped) {
  start([](RestServerConfig& c) { c.router.request_timeout = std::chrono::milliseconds(150); });
  herder_.hold_callbacks = true;
  expectError(get(std::string("/connectors/") + kSource), 500, "Request timed out");
  EXPECT_EQ(herder_.heldCount(), 1u);
  herder_.releaseHeld();
  herder_.hold_callbacks = false;
  auto r = get(std::string("/connectors/") + kSource);
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.json()["name"], kSource);
}

TEST_F(RouterTest, HeadAndOptions) {
  auto r = client().send("HEAD", "/connectors", "", std::nullopt);
  EXPECT_EQ(r.status, 200u);
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(r.header("content-length"), std::to_string(json::array({kSource}).dump().size()));
  r = client().send("OPTIONS", "/connectors", "", std::nullopt);
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.header("allow"), "GET,HEAD,OPTIONS,POST");
  expectStillServing();
}

}  // namespace
}  // namespace connectd::rest
