#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace connectd::rest::testing {

// A stand-in for another worker: an HTTP/1.1 server on 127.0.0.1:<ephemeral> that records every
// request and answers each with `reply`, or, while held, keeps the connection open without
// answering until release() (or destruction). Runs its own thread.
class CaptureServer {
 public:
  struct Request {
    std::string method;
    std::string target;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;

    std::string header(const std::string& lower_name) const {
      auto it = headers.find(lower_name);
      return it == headers.end() ? std::string() : it->second;
    }
    bool hasHeader(const std::string& lower_name) const { return headers.count(lower_name) > 0; }
  };
  struct Reply {
    unsigned status = 200;
    std::string body;
    std::string content_type = "application/json";
  };

  CaptureServer();  // answers 200 with no body
  explicit CaptureServer(Reply reply);
  ~CaptureServer();
  CaptureServer(const CaptureServer&) = delete;
  CaptureServer& operator=(const CaptureServer&) = delete;

  uint16_t port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  void setReply(Reply reply);
  // Requests that arrive from now on are recorded but not answered until release().
  void hold();
  void release();

  std::vector<Request> requests();
  // Waits until `n` requests were recorded; false after `deadline`.
  bool waitForRequests(size_t n, std::chrono::milliseconds deadline = std::chrono::seconds(20));

 private:
  struct Session;

  void accept();
  void answer(const std::shared_ptr<Session>& session);

  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  uint16_t port_ = 0;
  std::mutex mu_;
  std::condition_variable cv_;
  Reply reply_;
  bool holding_ = false;
  std::vector<std::shared_ptr<Session>> held_;
  std::vector<Request> requests_;
  std::thread thread_;
};

// A port on 127.0.0.1 where nothing listens (bound once, then released).
uint16_t unusedPort();

}  // namespace connectd::rest::testing
