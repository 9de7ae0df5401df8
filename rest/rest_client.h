#pragma once

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "server/api/errors.h"

namespace connectd::rest {

// Java's ConnectRestException(status, errorCode, message): an error answer from another worker,
// re-raised with that worker's HTTP status and the error_code and message (possibly null) of its
// ErrorMessage body, which ErrorMapper renders unchanged.
class RemoteRestException : public api::ConnectRestException {
 public:
  RemoteRestException(int status, int error_code, std::optional<std::string> message)
      : api::ConnectRestException(status, message.value_or("null")),
        error_code_(error_code),
        message_(std::move(message)) {}
  int errorCode() const { return error_code_; }
  const std::optional<std::string>& message() const { return message_; }

 private:
  int error_code_;
  std::optional<std::string> message_;
};

// Kafka's RestClient: a synchronous HTTP/1.1 client for requests one worker sends another
// (forwarded REST requests, and the herder's internal task-config and fencing requests).
//
// httpRequest() blocks its caller for up to the timeout, so callers run it off the REST
// io_context (the Router uses a small thread pool). Every call opens its own connection and
// closes it afterwards, as Java's client does. Thread-safe; close() may be called from any thread,
// but the client must outlive every call in progress (the Router shares it with its jobs).
//
// Outcomes, as Java's RestClient:
//   * 204 → status and headers, empty body;
//   * other 2xx → status, headers and the body, which must be JSON (else the IO error below);
//   * >= 400 → throws RemoteRestException with the answer's status and its ErrorMessage's
//     error_code and message; a body that is not an ErrorMessage is an IO error;
//   * 1xx/3xx → throws ConnectRestException(500, "Unexpected status code when handling forwarded
//     request: <code>");
//   * no answer (unresolvable host, refused connection, reset, timeout) → throws
//     ConnectRestException(500, "IO Error trying to forward REST request: <reason>").
// Only http:// URLs are supported; an https:// URL throws ConnectRestException(500).
class RestClient {
 public:
  // RestServer.DEFAULT_REST_REQUEST_TIMEOUT_MS. Java's Jetty client sets no deadline of its own;
  // a bound keeps a hung peer from holding a forwarding thread forever.
  static constexpr std::chrono::milliseconds kDefaultRequestTimeout{90'000};
  // Larger answers are an IO error (a Connect worker's answers are a few KiB).
  static constexpr std::size_t kMaxResponseBody = 64 * 1024 * 1024;

  using Headers = std::map<std::string, std::string>;

  struct HttpResponse {
    unsigned status = 0;
    Headers headers;   // names as the server sent them; a repeated header keeps its last value
    std::string body;  // empty for 204
  };

  explicit RestClient(std::chrono::milliseconds request_timeout = kDefaultRequestTimeout);
  ~RestClient();
  RestClient(const RestClient&) = delete;
  RestClient& operator=(const RestClient&) = delete;

  // Sends `method url` with `headers` (e.g. Authorization, X-Connect-Authorization) on top of
  // Accept: application/json and User-Agent: kafka-connect; a `body` is sent as
  // application/json unless `headers` names another Content-Type. `timeout` (default: the
  // client's) bounds the whole exchange: resolve, connect, write and read.
  HttpResponse httpRequest(const std::string& url, const std::string& method, const Headers& headers,
                           const std::optional<std::string>& body,
                           std::optional<std::chrono::milliseconds> timeout = std::nullopt);

  // Aborts requests in flight (they throw the IO error) and makes later calls fail at once.
  void close();

 private:
  std::chrono::milliseconds request_timeout_;
  std::mutex mu_;
  bool closed_ = false;
  std::set<boost::asio::io_context*> in_flight_;
};

}  // namespace connectd::rest
