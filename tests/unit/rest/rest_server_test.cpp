#include "rest/rest_server.h"

#include <boost/asio/ip/tcp.hpp>

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include "server/api/errors.h"
#include "tests/unit/rest/fake_herder.h"
#include "tests/unit/rest/test_http_client.h"

namespace connectd::rest {
namespace {

using testing::FakeHerder;
using testing::RawConnection;
using testing::TestHttpClient;

RestServerConfig localConfig() {
  RestServerConfig c;
  c.listeners = "http://127.0.0.1:0";
  return c;
}

class RestServerTest : public ::testing::Test {
 protected:
  void SetUp() override { spdlog::set_level(spdlog::level::warn); }
  FakeHerder herder_;
};

TEST(RestServerListenersTest, ParsesConnectListenerUrls) {
  auto l = RestServer::parseListeners("http://:8083, http://localhost:0,HTTP://[::1]:9000", "listeners");
  ASSERT_EQ(l.size(), 3u);
  EXPECT_EQ(l[0].scheme, "http");
  EXPECT_EQ(l[0].host, "");
  EXPECT_EQ(l[0].port, 8083);
  EXPECT_EQ(l[1].host, "localhost");
  EXPECT_EQ(l[1].port, 0);
  EXPECT_EQ(l[2].scheme, "http");
  EXPECT_EQ(l[2].host, "::1");
  EXPECT_EQ(l[2].port, 9000);
  EXPECT_THROW(RestServer::parseListeners("localhost:8083", "listeners"), api::ConfigException);
  EXPECT_THROW(RestServer::parseListeners("http://localhost", "listeners"), api::ConfigException);
  EXPECT_THROW(RestServer::parseListeners("http://localhost:70000", "listeners"), api::ConfigException);
  EXPECT_THROW(RestServer::parseListeners("http://localhost:80x", "listeners"), api::ConfigException);
}

TEST_F(RestServerTest, BindsAnEphemeralPortAndServes) {
  RestServer server(herder_, localConfig());
  server.start();
  ASSERT_NE(server.port(), 0);
  ASSERT_EQ(server.boundListeners().size(), 1u);
  EXPECT_EQ(server.boundListeners()[0].address, "127.0.0.1");
  TestHttpClient client(server.port());
  EXPECT_EQ(client.get("/").status, 200u);
}

TEST_F(RestServerTest, HttpsListenersAreRejected) {
  RestServerConfig c;
  c.listeners = "https://127.0.0.1:0";
  RestServer server(herder_, c);
  EXPECT_THROW(server.start(), api::ConfigException);
}

TEST_F(RestServerTest, PortInUseFailsStart) {
  RestServer first(herder_, localConfig());
  first.start();
  RestServerConfig c;
  c.listeners = "http://127.0.0.1:" + std::to_string(first.port());
  RestServer second(herder_, c);
  EXPECT_THROW(second.start(), api::ConnectException);
}

TEST_F(RestServerTest, KeepAliveServesManyRequestsOnOneConnection) {
  RestServer server(herder_, localConfig());
  server.start();
  TestHttpClient client(server.port());
  for (int i = 0; i < 20; ++i) {
    auto r = client.get("/connectors");
    ASSERT_EQ(r.status, 200u);
    EXPECT_TRUE(r.keep_alive);
  }
}

TEST_F(RestServerTest, Http10RequestIsAnsweredAndClosed) {
  RestServer server(herder_, localConfig());
  server.start();
  RawConnection raw(server.port());
  raw.write("GET /connectors HTTP/1.0\r\n\r\n");
  auto [data, closed] = raw.readUntilClose(std::chrono::seconds(10));
  EXPECT_TRUE(closed);
  EXPECT_EQ(data.rfind("HTTP/1.0 200 OK\r\n", 0), 0u) << data;
  EXPECT_NE(data.find("\r\n\r\n[]"), std::string::npos) << data;
}

TEST_F(RestServerTest, OversizedBodyIs413AndTheServerKeepsServing) {
  RestServerConfig c = localConfig();
  c.limits.body_limit = 1024 * 1024;
  RestServer server(herder_, c);
  server.start();
  {
    RawConnection raw(server.port());
    std::string body(2 * 1024 * 1024, 'x');
    raw.write("POST /connectors HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: " +
              std::to_string(body.size()) + "\r\n\r\n" + body);
    auto [data, closed] = raw.readUntilClose(std::chrono::seconds(10));
    EXPECT_TRUE(closed);
    EXPECT_EQ(data.rfind("HTTP/1.1 413 Payload Too Large\r\n", 0), 0u) << data.substr(0, 200);
    EXPECT_NE(data.find(R"({"error_code":413,"message":"Request body is larger than the limit of 1048576 bytes"})"),
              std::string::npos)
        << data;
  }
  TestHttpClient client(server.port());
  EXPECT_EQ(client.get("/connectors").status, 200u);
}

TEST_F(RestServerTest, OversizedBodyWithExpectContinueIsRejectedBeforeUpload) {
  RestServerConfig c = localConfig();
  c.limits.body_limit = 1024;
  RestServer server(herder_, c);
  server.start();
  RawConnection raw(server.port());
  raw.write("PUT /connectors/x/config HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n"
            "Expect: 100-continue\r\nContent-Length: 5000\r\n\r\n");
  auto [data, closed] = raw.readUntilClose(std::chrono::seconds(10));
  EXPECT_TRUE(closed);
  EXPECT_EQ(data.rfind("HTTP/1.1 413", 0), 0u) << data;
}

TEST_F(RestServerTest, ExpectContinueGetsAnInterimResponse) {
  RestServer server(herder_, localConfig());
  server.start();
  TestHttpClient client(server.port());
  // Beast's client reads the final response; the interim 100 must not confuse the exchange.
  RawConnection raw(server.port());
  std::string body = R"({"connector.class":"FileStreamSink","topics":"t"})";
  raw.write("PUT /connectors/c/config HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n"
            "Expect: 100-continue\r\nConnection: close\r\nContent-Length: " +
            std::to_string(body.size()) + "\r\n\r\n");
  raw.write(body);
  auto [data, closed] = raw.readUntilClose(std::chrono::seconds(10));
  EXPECT_EQ(data.rfind("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\n", 0), 0u) << data;
}

TEST_F(RestServerTest, ChunkedBodyOverTheLimitIs413) {
  RestServerConfig c = localConfig();
  c.limits.body_limit = 100;
  RestServer server(herder_, c);
  server.start();
  RawConnection raw(server.port());
  std::string chunk(200, 'x');
  raw.write("POST /connectors HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nc8\r\n" + chunk + "\r\n0\r\n\r\n");
  auto [data, closed] = raw.readUntilClose(std::chrono::seconds(10));
  EXPECT_EQ(data.rfind("HTTP/1.1 413", 0), 0u) << data;
}

TEST_F(RestServerTest, GarbageRequestIs400) {
  RestServer server(herder_, localConfig());
  server.start();
  RawConnection raw(server.port());
  raw.write("THIS IS NOT HTTP\r\n\r\n");
  auto [data, closed] = raw.readUntilClose(std::chrono::seconds(10));
  EXPECT_TRUE(closed);
  EXPECT_EQ(data.rfind("HTTP/1.1 400 Bad Request\r\n", 0), 0u) << data;
  TestHttpClient client(server.port());
  EXPECT_EQ(client.get("/").status, 200u);
}

TEST_F(RestServerTest, SilentClientIsDisconnectedAfterTheReadTimeout) {
  RestServerConfig c = localConfig();
  c.limits.read_timeout = std::chrono::milliseconds(200);
  RestServer server(herder_, c);
  server.start();
  RawConnection raw(server.port());
  auto begin = std::chrono::steady_clock::now();
  auto [data, closed] = raw.readUntilClose(std::chrono::seconds(10));
  auto waited = std::chrono::steady_clock::now() - begin;
  EXPECT_TRUE(closed);
  EXPECT_TRUE(data.empty());
  EXPECT_GE(waited, std::chrono::milliseconds(150));
  EXPECT_LT(waited, std::chrono::seconds(5));
}

TEST_F(RestServerTest, HalfSentRequestIsDisconnectedAfterTheReadTimeout) {
  RestServerConfig c = localConfig();
  c.limits.read_timeout = std::chrono::milliseconds(200);
  RestServer server(herder_, c);
  server.start();
  RawConnection raw(server.port());
  raw.write("GET /connectors HTTP/1.1\r\nHost: h\r\n");
  auto [data, closed] = raw.readUntilClose(std::chrono::seconds(10));
  EXPECT_TRUE(closed);
  EXPECT_TRUE(data.empty());
}

TEST_F(RestServerTest, IdleKeepAliveConnectionIsClosedAfterTheReadTimeout) {
  RestServerConfig c = localConfig();
  c.limits.read_timeout = std::chrono::milliseconds(200);
  RestServer server(herder_, c);
  server.start();
  RawConnection raw(server.port());
  raw.write("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
  auto [data, closed] = raw.readUntilClose(std::chrono::seconds(10));
  EXPECT_TRUE(closed);
  EXPECT_EQ(data.rfind("HTTP/1.1 200 OK", 0), 0u);
}

TEST_F(RestServerTest, LocationFallsBackToTheListenerWithoutHost) {
  RestServer server(herder_, localConfig());
  server.start();
  RawConnection raw(server.port());
  std::string body = R"({"name":"c","config":{"connector.class":"FileStreamSink"}})";
  raw.write("POST /connectors HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: " +
            std::to_string(body.size()) + "\r\n\r\n" + body);
  auto [data, closed] = raw.readUntilClose(std::chrono::seconds(10));
  EXPECT_NE(data.find("Location: http://127.0.0.1:" + std::to_string(server.port()) + "/connectors/c\r\n"),
            std::string::npos)
      << data;
}

TEST_F(RestServerTest, AdminListenersServeOnlyAdminEndpoints) {
  RestServerConfig c = localConfig();
  c.admin_listeners = "http://127.0.0.1:0";
  RestServer server(herder_, c);
  server.start();
  ASSERT_EQ(server.boundListeners().size(), 2u);
  EXPECT_EQ(server.boundListeners()[1].role, ListenerRole::Admin);
  TestHttpClient api(server.port());
  TestHttpClient admin(server.boundListeners()[1].port);
  EXPECT_EQ(api.get("/admin/loggers").status, 404u);
  EXPECT_EQ(api.get("/connectors").status, 200u);
  EXPECT_EQ(admin.get("/admin/loggers").status, 200u);
  EXPECT_EQ(admin.get("/connectors").status, 404u);
}

TEST_F(RestServerTest, EmptyAdminListenersDisableAdminEndpoints) {
  RestServerConfig c = localConfig();
  c.admin_listeners = "";
  RestServer server(herder_, c);
  server.start();
  TestHttpClient client(server.port());
  EXPECT_EQ(client.get("/admin/loggers").status, 404u);
  EXPECT_EQ(client.get("/connectors").status, 200u);
}

TEST_F(RestServerTest, StopClosesOpenConnections) {
  RestServer server(herder_, localConfig());
  server.start();
  RawConnection raw(server.port());
  raw.write("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
  server.stop();
  auto [data, closed] = raw.readUntilClose(std::chrono::seconds(10));
  EXPECT_TRUE(closed);
  EXPECT_THROW(TestHttpClient(server.port()), boost::system::system_error);
}

TEST_F(RestServerTest, HerderAnswersAfterStopAreDropped) {
  herder_.hold_callbacks = true;
  {
    RestServer server(herder_, localConfig());
    server.start();
    RawConnection raw(server.port());
    raw.write("GET /connectors/x HTTP/1.1\r\nHost: h\r\n\r\n");
    // Wait until the request reached the herder.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (herder_.heldCount() == 0 && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
    ASSERT_EQ(herder_.heldCount(), 1u);
    server.stop();
    herder_.releaseHeld();
  }
  EXPECT_EQ(herder_.heldCount(), 0u);
}

}  // namespace
}  // namespace connectd::rest
