#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <future>

#include "rest/rest_server.h"
#include "server/runtime/request_target_exception.h"
#include "tests/unit/rest/capture_server.h"
#include "tests/unit/rest/fake_herder.h"
#include "tests/unit/rest/test_http_client.h"

namespace connectd::rest {
namespace {

using nlohmann::json;
using runtime::ConnectorType;
using testing::CaptureServer;
using testing::FakeHerder;
using testing::HttpResult;
using testing::TestHttpClient;

constexpr char kConflict[] = "Cannot complete request because of a conflicting operation (e.g. worker rebalance)";
constexpr char kNoLeader[] =
    "Cannot complete request momentarily due to no known leader URL, likely because a rebalance was underway.";
constexpr char kStale[] =
    "Cannot complete request momentarily due to stale configuration (typically caused by a concurrent config change)";
constexpr char kSinkConfig[] = R"({"connector.class":"FileStreamSink","topics":"t1"})";

std::exception_ptr notLeader(std::optional<std::string> url) {
  return std::make_exception_ptr(
      runtime::NotLeaderException("This worker is not able to communicate with the leader", std::move(url)));
}

std::unique_ptr<RestServer> startServer(runtime::Herder& herder, const std::function<void(RestServerConfig&)>& tweak = {}) {
  RestServerConfig config;
  config.listeners = "http://127.0.0.1:0";
  config.router.request_timeout = std::chrono::milliseconds(10'000);
  if (tweak) tweak(config);
  auto server = std::make_unique<RestServer>(herder, config);
  server->start();
  return server;
}

// A follower worker whose herder refuses writes, and a real leader worker (a second RestServer
// over its own FakeHerder) to forward them to.
class ForwardingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log_level_ = spdlog::get_level();
    spdlog::set_level(spdlog::level::off);
    leader_ = startServer(leader_herder_);
  }
  void TearDown() override { spdlog::set_level(log_level_); }

  std::string leaderUrl() const { return "http://127.0.0.1:" + std::to_string(leader_->port()) + "/"; }

  // Fails `method` on the follower with `error`.
  void failOnFollower(const std::string& method, std::exception_ptr error) { follower_herder_.errors[method] = error; }

  TestHttpClient& client() {
    if (!follower_) follower_ = startServer(follower_herder_);
    if (!client_) client_ = std::make_unique<TestHttpClient>(follower_->port());
    return *client_;
  }
  HttpResult send(const std::string& method, const std::string& target, const std::string& body = "",
                  const std::vector<std::pair<std::string, std::string>>& headers = {},
                  std::optional<std::string> content_type = std::string("application/json")) {
    return client().send(method, target, body, content_type, headers);
  }
  void expectError(const HttpResult& r, unsigned status, const std::string& message) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.json(), json({{"error_code", status}, {"message", message}})) << r.body;
  }

  FakeHerder leader_herder_;
  FakeHerder follower_herder_;
  std::unique_ptr<RestServer> leader_;
  std::unique_ptr<RestServer> follower_;
  std::unique_ptr<TestHttpClient> client_;
  spdlog::level::level_enum log_level_ = spdlog::level::info;
};

TEST_F(ForwardingTest, PutConfigOnFollowerGetsTheLeadersAnswer) {
  failOnFollower("putConnectorConfig", notLeader(leaderUrl()));

  auto created = send("PUT", "/connectors/x/config", kSinkConfig);
  EXPECT_EQ(created.status, 201u) << created.body;
  EXPECT_EQ(created.header("location"), "http://localhost:8083/connectors/x");
  EXPECT_EQ(created.json(), json::parse(R"({"name":"x","config":{"connector.class":"FileStreamSink","name":"x",
                                           "topics":"t1"},"tasks":[],"type":"sink"})"));
  ASSERT_TRUE(leader_herder_.last_put);
  EXPECT_EQ(leader_herder_.last_put->name, "x");
  EXPECT_TRUE(leader_herder_.last_put->allow_replace);
  EXPECT_EQ(leader_herder_.last_put->config.at("name"), "x");

  // The leader's 200 for an update stays a 200.
  auto updated = send("PUT", "/connectors/x/config", kSinkConfig);
  EXPECT_EQ(updated.status, 200u) << updated.body;
  EXPECT_FALSE(updated.header("location"));
}

TEST_F(ForwardingTest, CreateOnFollowerIsCreatedByTheLeader) {
  failOnFollower("putConnectorConfig", notLeader(leaderUrl()));
  auto r = send("POST", "/connectors", R"({"name":"y","config":{"connector.class":"FileStreamSource"}})");
  EXPECT_EQ(r.status, 201u) << r.body;
  EXPECT_EQ(r.header("location"), "http://localhost:8083/connectors/y");
  EXPECT_EQ(r.json()["name"], "y");
  ASSERT_TRUE(leader_herder_.last_put);
  EXPECT_EQ(leader_herder_.last_put->name, "y");
  EXPECT_FALSE(leader_herder_.last_put->allow_replace);
}

TEST_F(ForwardingTest, ForwardedRequestCarriesForwardTrueTheBodyAndOnlyAuthorization) {
  CaptureServer other({200, R"({"name":"x","config":{},"tasks":[],"type":"sink"})"});
  failOnFollower("putConnectorConfig", notLeader(other.url()));
  auto r = send("PUT", "/connectors/x%2Fy/config", kSinkConfig,
                {{"Authorization", "Basic dXNlcjpwYXNz"}, {"X-Custom", "1"}});
  EXPECT_EQ(r.status, 200u) << r.body;

  ASSERT_EQ(other.requests().size(), 1u);
  const auto sent = other.requests()[0];
  EXPECT_EQ(sent.method, "PUT");
  EXPECT_EQ(sent.target, "/connectors/x%2Fy/config?forward=true");
  EXPECT_EQ(sent.body, kSinkConfig);
  EXPECT_EQ(sent.header("authorization"), "Basic dXNlcjpwYXNz");
  EXPECT_FALSE(sent.hasHeader("x-custom"));
  EXPECT_EQ(sent.header("user-agent"), "kafka-connect");
  EXPECT_EQ(sent.header("accept"), "application/json");
  EXPECT_EQ(sent.header("content-type"), "application/json");
}

TEST_F(ForwardingTest, ForwardTrueIsForwardedOnceMoreWithForwardFalse) {
  CaptureServer other({204, ""});
  failOnFollower("stopConnector", notLeader(other.url()));
  auto r = send("PUT", "/connectors/x/stop?forward=true");
  EXPECT_EQ(r.status, 204u) << r.body;
  EXPECT_EQ(other.requests().at(0).target, "/connectors/x/stop?forward=false");
  EXPECT_EQ(other.requests().at(0).method, "PUT");
}

TEST_F(ForwardingTest, ForwardFalseAnswersConflict) {
  CaptureServer other({204, ""});
  failOnFollower("putConnectorConfig", notLeader(other.url()));
  expectError(send("PUT", "/connectors/x/config?forward=false", kSinkConfig), 409, kConflict);
  // Anything but "true" is Boolean.valueOf false.
  expectError(send("PUT", "/connectors/x/config?forward=no", kSinkConfig), 409, kConflict);
  EXPECT_TRUE(other.requests().empty());
}

TEST_F(ForwardingTest, NoLeaderUrlAnswersConflict) {
  failOnFollower("putConnectorConfig", notLeader(std::nullopt));
  expectError(send("PUT", "/connectors/x/config", kSinkConfig), 409, kNoLeader);
}

TEST_F(ForwardingTest, RebalanceNeededAnswersConflict) {
  failOnFollower("deleteConnectorConfig",
                 std::make_exception_ptr(runtime::RebalanceNeededException("Request cannot be completed because a "
                                                                           "rebalance is expected")));
  expectError(send("DELETE", "/connectors/x"), 409, kStale);
}

TEST_F(ForwardingTest, LeaderErrorIsAnsweredWithItsStatusAndMessage) {
  failOnFollower("putConnectorConfig", notLeader(leaderUrl()));
  leader_herder_.errors["putConnectorConfig"] =
      std::make_exception_ptr(api::BadRequestException("Connector configuration is invalid"));
  expectError(send("PUT", "/connectors/x/config", kSinkConfig), 400, "Connector configuration is invalid");

  // The other worker's error_code is kept, like Java's ConnectRestException(status, errorCode, message).
  CaptureServer other({409, R"({"error_code":4091,"message":"busy"})"});
  failOnFollower("putConnectorConfig", notLeader(other.url()));
  auto r = send("PUT", "/connectors/x/config", kSinkConfig);
  EXPECT_EQ(r.status, 409u);
  EXPECT_EQ(r.json(), json({{"error_code", 4091}, {"message", "busy"}}));
}

TEST_F(ForwardingTest, UnreachableLeaderAnswersIoError) {
  failOnFollower("putConnectorConfig",
                 notLeader("http://127.0.0.1:" + std::to_string(testing::unusedPort())));
  expectError(send("PUT", "/connectors/x/config", kSinkConfig), 500,
              "IO Error trying to forward REST request: java.net.ConnectException: Connection refused");
}

TEST_F(ForwardingTest, RestartWithTasksForwardsItsQueryParameters) {
  CaptureServer other({202, R"({"name":"x","connector":{"state":"RESTARTING","worker_id":"w:8083"},"tasks":[],"type":"source"})"});
  failOnFollower("restartConnectorAndTasks", notLeader(other.url()));
  auto r = send("POST", "/connectors/x/restart?includeTasks=TRUE&unrelated=1");
  EXPECT_EQ(r.status, 202u) << r.body;
  EXPECT_EQ(r.json()["connector"]["state"], "RESTARTING");
  EXPECT_EQ(other.requests().at(0).target, "/connectors/x/restart?forward=true&includeTasks=true&onlyFailed=false");
}

TEST_F(ForwardingTest, PlainRestartIsForwardedWithoutQueryParameters) {
  CaptureServer other({204, ""});
  failOnFollower("restartConnector", notLeader(other.url()));
  auto r = send("POST", "/connectors/x/restart?includeTasks=false");
  EXPECT_EQ(r.status, 204u) << r.body;
  EXPECT_EQ(other.requests().at(0).target, "/connectors/x/restart?forward=true");
  EXPECT_EQ(other.requests().at(0).body, "");
}

// Each endpoint Connect forwards, through a real leader.
TEST_F(ForwardingTest, EveryForwardingEndpointReachesTheLeader) {
  leader_herder_.addConnector("x", ConnectorType::Source, 2);
  struct Case {
    std::string herder_method, http_method, target, body;
    unsigned status;
    std::string response;  // expected JSON, or "" for none
  };
  std::vector<Case> cases = {
      {"patchConnectorConfig", "PATCH", "/connectors/x/config", R"({"tasks.max":"1"})", 200, ""},
      {"restartTask", "POST", "/connectors/x/tasks/1/restart", "", 204, ""},
      {"stopConnector", "PUT", "/connectors/x/stop", "", 204, ""},
      {"alterConnectorOffsets", "PATCH", "/connectors/x/offsets",
       R"({"offsets":[{"partition":{"f":"a"},"offset":{"p":1}}]})", 200,
       R"({"message":"The offsets for this connector have been altered successfully"})"},
      {"resetConnectorOffsets", "DELETE", "/connectors/x/offsets", "", 200,
       R"({"message":"The offsets for this connector have been reset successfully"})"},
      {"deleteConnectorConfig", "DELETE", "/connectors/x", "", 204, ""},
  };
  for (const auto& c : cases) failOnFollower(c.herder_method, notLeader(leaderUrl()));
  for (const auto& c : cases) {
    SCOPED_TRACE(c.http_method + " " + c.target);
    auto r = send(c.http_method, c.target, c.body);
    EXPECT_EQ(r.status, c.status) << r.body;
    if (!c.response.empty()) {
      EXPECT_EQ(r.json(), json::parse(c.response));
    }
    if (c.status == 204) {
      EXPECT_EQ(r.body, "");
    }
  }
  ASSERT_TRUE(leader_herder_.last_patch);
  EXPECT_EQ(leader_herder_.last_patch->at("tasks.max"), "1");
  EXPECT_EQ(leader_herder_.stopped, std::vector<std::string>{"x"});
  ASSERT_TRUE(leader_herder_.last_alter);
  EXPECT_EQ(leader_herder_.last_alter->offsets.at(0).partition_json, R"({"f":"a"})");
  EXPECT_TRUE(leader_herder_.connectors().empty());
}

TEST_F(ForwardingTest, ReadsAreNotForwarded) {
  CaptureServer other({200, "{}"});
  failOnFollower("connectorOffsets", notLeader(other.url()));
  failOnFollower("connectorConfig", notLeader(other.url()));
  failOnFollower("taskConfigs", notLeader(other.url()));
  for (const auto* target : {"/connectors/x/offsets", "/connectors/x/config", "/connectors/x/tasks"}) {
    expectError(send("GET", target), 500, "This worker is not able to communicate with the leader");
  }
  EXPECT_TRUE(other.requests().empty());
}

TEST_F(ForwardingTest, PutTaskConfigsReachesTheHerderWithItsSignature) {
  const std::string body = R"([{"task.class":"T","n":2},{"task.class":"T","flag":true}])";
  auto r = send("POST", "/connectors/x/tasks?forward=true", body,
                {{"X-Connect-Authorization", "c2lnbmF0dXJl"}, {"X-Connect-Request-Signature-Algorithm", "HmacSHA256"}},
                std::string("text/plain"));
  EXPECT_EQ(r.status, 204u) << r.body;
  EXPECT_EQ(r.body, "");
  ASSERT_TRUE(follower_herder_.last_task_configs);
  const auto& call = *follower_herder_.last_task_configs;
  EXPECT_EQ(call.name, "x");
  EXPECT_EQ(call.configs, (std::vector<api::ConfigMap>{{{"task.class", "T"}, {"n", "2"}},
                                                       {{"task.class", "T"}, {"flag", "true"}}}));
  ASSERT_TRUE(call.signature);
  EXPECT_EQ(call.signature->algorithm, "HmacSHA256");
  EXPECT_EQ(call.signature->signature, "c2lnbmF0dXJl");
  EXPECT_EQ(call.signature->body, body);
}

TEST_F(ForwardingTest, PutTaskConfigsWithoutBothSignatureHeadersHasNoSignature) {
  auto r = send("POST", "/connectors/x/tasks", "[]", {{"X-Connect-Authorization", "c2lnbmF0dXJl"}});
  EXPECT_EQ(r.status, 204u) << r.body;
  ASSERT_TRUE(follower_herder_.last_task_configs);
  EXPECT_TRUE(follower_herder_.last_task_configs->configs.empty());
  EXPECT_FALSE(follower_herder_.last_task_configs->signature);
}

TEST_F(ForwardingTest, PutTaskConfigsRejectsBodiesThatAreNotListsOfStringMaps) {
  // Java reads the body with a plain ObjectMapper inside the resource: Jackson's errors are 500s.
  expectError(send("POST", "/connectors/x/tasks", ""), 500,
              "No content to map due to end-of-input\n at [Source: (request body); line: 1, column: 0]");
  expectError(send("POST", "/connectors/x/tasks", R"({"a":"b"})"), 500,
              "Cannot deserialize value of type `java.util.ArrayList<java.util.Map<java.lang.String,java.lang.String>>` "
              "from Object value (token `JsonToken.START_OBJECT`)");
  expectError(send("POST", "/connectors/x/tasks", R"([{"a":{"b":"c"}}])"), 500,
              "Cannot deserialize value of type `java.lang.String` from Object value (token `JsonToken.START_OBJECT`) "
              "(through reference chain: java.util.ArrayList[0]->java.util.LinkedHashMap<java.lang.String,"
              "java.lang.String>[\"a\"])");
  expectError(send("POST", "/connectors/x/tasks", R"([{"a":null}])"), 400,
              "Task configuration 0 has a null value for 'a'");
  EXPECT_FALSE(follower_herder_.last_task_configs);
}

TEST_F(ForwardingTest, MalformedSignatureIsBadRequest) {
  expectError(send("POST", "/connectors/x/tasks", "[]",
                   {{"X-Connect-Authorization", "ab-d"}, {"X-Connect-Request-Signature-Algorithm", "HmacSHA256"}}),
              400, "Illegal base64 character 2d");
  expectError(send("PUT", "/connectors/x/fence", "",
                   {{"X-Connect-Authorization", "a"}, {"X-Connect-Request-Signature-Algorithm", "HmacSHA256"}}),
              400, "Last unit does not have enough valid bits");
  EXPECT_FALSE(follower_herder_.last_task_configs);
  EXPECT_FALSE(follower_herder_.last_fence);
}

TEST_F(ForwardingTest, FenceReachesTheHerder) {
  auto r = send("PUT", "/connectors/x/fence", "",
                {{"X-Connect-Authorization", "c2ln"}, {"X-Connect-Request-Signature-Algorithm", "HmacSHA512"}},
                std::nullopt);
  EXPECT_EQ(r.status, 204u) << r.body;
  ASSERT_TRUE(follower_herder_.last_fence);
  EXPECT_EQ(follower_herder_.last_fence->name, "x");
  ASSERT_TRUE(follower_herder_.last_fence->signature);
  EXPECT_EQ(follower_herder_.last_fence->signature->algorithm, "HmacSHA512");
  EXPECT_EQ(follower_herder_.last_fence->signature->body, "");

  auto other = send("GET", "/connectors/x/fence");
  EXPECT_EQ(other.status, 405u);
}

TEST_F(ForwardingTest, InternalRequestsAreForwardedWithTheirSignature) {
  failOnFollower("putTaskConfigs", notLeader(leaderUrl()));
  failOnFollower("fenceZombieSourceTasks", notLeader(leaderUrl()));
  const std::string body = R"([{"task.class":"T"}])";
  std::vector<std::pair<std::string, std::string>> signed_headers = {
      {"X-Connect-Authorization", "c2lnbmF0dXJl"}, {"X-Connect-Request-Signature-Algorithm", "HmacSHA256"}};

  auto r = send("POST", "/connectors/x/tasks", body, signed_headers);
  EXPECT_EQ(r.status, 204u) << r.body;
  ASSERT_TRUE(leader_herder_.last_task_configs);
  EXPECT_EQ(leader_herder_.last_task_configs->configs, (std::vector<api::ConfigMap>{{{"task.class", "T"}}}));
  ASSERT_TRUE(leader_herder_.last_task_configs->signature);
  EXPECT_EQ(leader_herder_.last_task_configs->signature->signature, "c2lnbmF0dXJl");
  EXPECT_EQ(leader_herder_.last_task_configs->signature->body, body);

  r = send("PUT", "/connectors/x/fence", "", signed_headers);
  EXPECT_EQ(r.status, 204u) << r.body;
  ASSERT_TRUE(leader_herder_.last_fence);
  ASSERT_TRUE(leader_herder_.last_fence->signature);
  EXPECT_EQ(leader_herder_.last_fence->signature->algorithm, "HmacSHA256");
}

TEST_F(ForwardingTest, ForwardingDoesNotHoldTheIoThread) {
  CaptureServer other({201, R"({"name":"x","config":{},"tasks":[],"type":"sink"})"});
  other.hold();
  failOnFollower("putConnectorConfig", notLeader(other.url()));
  follower_ = startServer(follower_herder_, [](RestServerConfig& c) { c.io_threads = 1; });

  auto forwarded = std::async(std::launch::async, [&] {
    TestHttpClient c(follower_->port());
    return c.send("PUT", "/connectors/x/config", kSinkConfig);
  });
  ASSERT_TRUE(other.waitForRequests(1));
  // The only io thread still serves other requests while the forward waits for the other worker.
  auto listed = client().get("/connectors");
  EXPECT_EQ(listed.status, 200u);

  other.release();
  auto r = forwarded.get();
  EXPECT_EQ(r.status, 201u) << r.body;
}

TEST_F(ForwardingTest, ForwardTimeoutIsAnIoError) {
  CaptureServer other;
  other.hold();
  failOnFollower("stopConnector", notLeader(other.url()));
  follower_ = startServer(follower_herder_,
                          [](RestServerConfig& c) { c.router.forward_timeout = std::chrono::milliseconds(300); });
  expectError(send("PUT", "/connectors/x/stop"), 500, "IO Error trying to forward REST request: Total timeout 300 ms elapsed");
}

TEST_F(ForwardingTest, StopAbortsForwardsInFlight) {
  CaptureServer other;
  other.hold();
  failOnFollower("stopConnector", notLeader(other.url()));
  follower_ = startServer(follower_herder_);
  auto pending = std::async(std::launch::async, [&] {
    TestHttpClient c(follower_->port());
    try {
      c.send("PUT", "/connectors/x/stop");
    } catch (const std::exception&) {
      // The connection is closed without an answer: expected.
    }
  });
  ASSERT_TRUE(other.waitForRequests(1));
  auto started = std::chrono::steady_clock::now();
  follower_->stop();
  follower_.reset();
  EXPECT_LT(std::chrono::steady_clock::now() - started, RestServer::kStopGrace);
  pending.get();
}

}  // namespace
}  // namespace connectd::rest
