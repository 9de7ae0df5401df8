#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace connectd::rest::testing {

struct HttpResult {
  unsigned status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  bool keep_alive = true;

  nlohmann::json json() const { return nlohmann::json::parse(body); }
  std::optional<std::string> header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    if (it == headers.end()) return std::nullopt;
    return it->second;
  }
};

// A synchronous Beast HTTP/1.1 client on one keep-alive connection to 127.0.0.1:<port>, so a
// test can check that the server keeps serving the same connection after a bad request.
class TestHttpClient {
 public:
  explicit TestHttpClient(uint16_t port);
  ~TestHttpClient();

  // Sends a request; `content_type` nullopt sends no Content-Type header.
  HttpResult send(const std::string& method, const std::string& target, const std::string& body = "",
                  std::optional<std::string> content_type = std::string("application/json"),
                  const std::vector<std::pair<std::string, std::string>>& headers = {});
  HttpResult get(const std::string& target) { return send("GET", target, "", std::nullopt); }

  bool isOpen() const;

 private:
  boost::asio::io_context ioc_;
  boost::beast::tcp_stream stream_;
};

// Opens a plain TCP connection (for raw-bytes tests).
class RawConnection {
 public:
  explicit RawConnection(uint16_t port);
  void write(const std::string& bytes);
  // Reads until the peer closes or `deadline` passes; returns what arrived and whether EOF was seen.
  std::pair<std::string, bool> readUntilClose(std::chrono::milliseconds deadline);

 private:
  boost::asio::io_context ioc_;
  boost::beast::tcp_stream stream_;
};

}  // namespace connectd::rest::testing
