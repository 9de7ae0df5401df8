#include "rest/rest_client.h"

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <future>

#include "tests/unit/rest/capture_server.h"

namespace connectd::rest {
namespace {

using testing::CaptureServer;

// Runs `call` and returns the ConnectRestException it throws (status and message).
template <typename F>
std::pair<int, std::string> restError(F call) {
  try {
    call();
  } catch (const api::ConnectRestException& e) {
    return {e.status(), e.what()};
  }
  ADD_FAILURE() << "no ConnectRestException";
  return {0, ""};
}

class RestClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log_level_ = spdlog::get_level();
    spdlog::set_level(spdlog::level::off);
  }
  void TearDown() override { spdlog::set_level(log_level_); }

  spdlog::level::level_enum log_level_ = spdlog::level::info;
};

TEST(RestClientDefaults, RequestTimeoutIsConnectsRestRequestTimeout) {
  EXPECT_EQ(RestClient::kDefaultRequestTimeout, std::chrono::milliseconds(90'000));
}

TEST_F(RestClientTest, SendsTheRequestAndReturnsStatusHeadersAndBody) {
  CaptureServer server({201, R"({"name":"x"})"});
  RestClient client;
  auto response = client.httpRequest(server.url() + "/connectors/x/config?forward=true", "PUT",
                                     {{"Authorization", "Basic dXNlcjpwYXNz"}}, std::string(R"({"a":"b"})"));
  EXPECT_EQ(response.status, 201u);
  EXPECT_EQ(response.body, R"({"name":"x"})");
  EXPECT_EQ(response.headers.at("Content-Type"), "application/json");

  ASSERT_EQ(server.requests().size(), 1u);
  const auto sent = server.requests()[0];
  EXPECT_EQ(sent.method, "PUT");
  EXPECT_EQ(sent.target, "/connectors/x/config?forward=true");
  EXPECT_EQ(sent.body, R"({"a":"b"})");
  EXPECT_EQ(sent.header("authorization"), "Basic dXNlcjpwYXNz");
  EXPECT_EQ(sent.header("content-type"), "application/json");
  EXPECT_EQ(sent.header("accept"), "application/json");
  EXPECT_EQ(sent.header("user-agent"), "kafka-connect");
  EXPECT_EQ(sent.header("host"), "127.0.0.1:" + std::to_string(server.port()));
}

TEST_F(RestClientTest, SendsNoBodyWhenThereIsNone) {
  CaptureServer server({204, ""});
  RestClient client;
  auto response = client.httpRequest(server.url() + "/connectors/x", "DELETE", {}, std::nullopt);
  EXPECT_EQ(response.status, 204u);
  EXPECT_EQ(response.body, "");
  const auto sent = server.requests().at(0);
  EXPECT_EQ(sent.method, "DELETE");
  EXPECT_EQ(sent.target, "/connectors/x");
  EXPECT_EQ(sent.body, "");
  EXPECT_FALSE(sent.hasHeader("content-type"));
}

TEST_F(RestClientTest, ErrorAnswerRaisesItsStatusErrorCodeAndMessage) {
  CaptureServer server({404, R"({"error_code":40401,"message":"Connector x not found"})"});
  RestClient client;
  try {
    client.httpRequest(server.url() + "/connectors/x", "GET", {}, std::nullopt);
    FAIL() << "no exception";
  } catch (const RemoteRestException& e) {
    EXPECT_EQ(e.status(), 404);
    EXPECT_EQ(e.errorCode(), 40401);
    EXPECT_EQ(e.message(), "Connector x not found");
  }
}

TEST_F(RestClientTest, ErrorAnswerWithNullMessageKeepsTheNull) {
  CaptureServer server({500, R"({"error_code":500,"message":null})"});
  RestClient client;
  try {
    client.httpRequest(server.url() + "/", "GET", {}, std::nullopt);
    FAIL() << "no exception";
  } catch (const RemoteRestException& e) {
    EXPECT_EQ(e.status(), 500);
    EXPECT_EQ(e.message(), std::nullopt);
  }
}

TEST_F(RestClientTest, ErrorAnswerThatIsNotAnErrorMessageIsAnIoError) {
  CaptureServer server({502, "<html>Bad Gateway</html>", "text/html"});
  RestClient client;
  auto [status, message] = restError([&] { client.httpRequest(server.url() + "/", "GET", {}, std::nullopt); });
  EXPECT_EQ(status, 500);
  EXPECT_EQ(message.rfind("IO Error trying to forward REST request: Unexpected character ('<' (code 60))", 0), 0u)
      << message;

  server.setReply({400, R"({"error_code":400,"message":"m","extra":1})"});
  std::tie(status, message) = restError([&] { client.httpRequest(server.url() + "/", "GET", {}, std::nullopt); });
  EXPECT_EQ(status, 500);
  EXPECT_EQ(message,
            "IO Error trying to forward REST request: Unrecognized field \"extra\" (class "
            "org.apache.kafka.connect.runtime.rest.entities.ErrorMessage), not marked as ignorable (2 known "
            "properties: \"error_code\", \"message\"])");
}

TEST_F(RestClientTest, SuccessWithoutJsonIsAnIoError) {
  CaptureServer server({200, ""});
  RestClient client;
  auto [status, message] = restError([&] { client.httpRequest(server.url() + "/", "GET", {}, std::nullopt); });
  EXPECT_EQ(status, 500);
  EXPECT_EQ(message, "IO Error trying to forward REST request: No content to map due to end-of-input");
}

TEST_F(RestClientTest, RedirectIsAnUnexpectedStatus) {
  CaptureServer server({302, ""});
  RestClient client;
  auto [status, message] = restError([&] { client.httpRequest(server.url() + "/", "GET", {}, std::nullopt); });
  EXPECT_EQ(status, 500);
  EXPECT_EQ(message, "Unexpected status code when handling forwarded request: 302");
}

TEST_F(RestClientTest, RefusedConnectionIsAnIoError) {
  RestClient client;
  auto url = "http://127.0.0.1:" + std::to_string(testing::unusedPort()) + "/connectors";
  auto [status, message] = restError([&] { client.httpRequest(url, "GET", {}, std::nullopt); });
  EXPECT_EQ(status, 500);
  EXPECT_EQ(message, "IO Error trying to forward REST request: java.net.ConnectException: Connection refused");
}

TEST_F(RestClientTest, HttpsAndMalformedUrlsFailClearly) {
  RestClient client;
  auto [status, message] = restError([&] { client.httpRequest("https://leader:8443/connectors", "GET", {}, std::nullopt); });
  EXPECT_EQ(status, 500);
  EXPECT_EQ(message,
            "Error trying to forward REST request: HTTPS is not supported yet by connectd's REST client (URL "
            "https://leader:8443/connectors)");

  std::tie(status, message) = restError([&] { client.httpRequest("http://:8083/", "GET", {}, std::nullopt); });
  EXPECT_EQ(status, 500);
  EXPECT_EQ(message, "Error trying to forward REST request: Invalid URL http://:8083/: no host");
}

TEST_F(RestClientTest, TimesOutWhenTheServerNeverAnswers) {
  CaptureServer server;
  server.hold();
  RestClient client(std::chrono::milliseconds(200));
  auto [status, message] = restError([&] { client.httpRequest(server.url() + "/", "GET", {}, std::nullopt); });
  EXPECT_EQ(status, 500);
  EXPECT_EQ(message, "IO Error trying to forward REST request: Total timeout 200 ms elapsed");
}

TEST_F(RestClientTest, CloseAbortsARequestInFlightAndLaterOnes) {
  CaptureServer server;
  server.hold();
  RestClient client;
  auto pending = std::async(std::launch::async, [&] {
    return restError([&] { client.httpRequest(server.url() + "/", "GET", {}, std::nullopt); });
  });
  ASSERT_TRUE(server.waitForRequests(1));
  client.close();
  auto [status, message] = pending.get();
  EXPECT_EQ(status, 500);
  EXPECT_EQ(message, "IO Error trying to forward REST request: the REST client was closed");

  std::tie(status, message) = restError([&] { client.httpRequest(server.url() + "/", "GET", {}, std::nullopt); });
  EXPECT_EQ(message, "IO Error trying to forward REST request: the REST client was closed");
}

}  // namespace
}  // namespace connectd::rest
