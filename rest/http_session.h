#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "rest/router.h"

namespace connectd::rest {

struct SessionLimits {
  std::chrono::milliseconds read_timeout{30'000};  // a whole request, and keep-alive idle time
  std::chrono::milliseconds write_timeout{30'000};
  std::size_t body_limit = 10 * 1024 * 1024;
  std::size_t header_limit = 64 * 1024;
};

// One HTTP/1.1 connection (Beast advanced_server style): read a request, hand it to the Router,
// write the answer the Router posts back, repeat while keep-alive holds. All work runs on the
// connection's strand; the session lives as long as an operation or a pending herder answer
// holds a reference to it.
class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(boost::asio::ip::tcp::socket&& socket, Router& router, SessionLimits limits, ListenerRole role,
              std::string listener_authority);

  void start();
  // Closes the socket from any thread; pending operations complete with operation_aborted.
  void close();

 private:
  void doRead();
  void onReadHeader(boost::beast::error_code ec, std::size_t bytes);
  void onRead(boost::beast::error_code ec, std::size_t bytes);
  void handleRequest();
  void sendResponse(RestResponse response);
  void onWrite(bool close, boost::beast::error_code ec, std::size_t bytes);
  // Answers a request the parser rejected, then closes without reading the rest of it.
  void rejectRequest(unsigned status, const std::string& message);
  // After answering a request whose body was not read, reads and drops what the client still
  // sends (bounded in time) so closing does not reset the connection before it read the answer.
  void lingerClose();
  void doClose();

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  Router& router_;
  SessionLimits limits_;
  ListenerRole role_;
  std::string listener_authority_;
  std::string remote_;

  // The request being answered.
  unsigned version_ = 11;
  bool keep_alive_ = true;
  bool head_ = false;
  std::string request_line_;
  std::chrono::steady_clock::time_point started_;
  std::shared_ptr<void> response_;  // keeps the message alive during async_write
  std::array<char, 8192> drain_{};
};

}  // namespace connectd::rest
