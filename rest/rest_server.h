#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "rest/http_session.h"
#include "rest/router.h"
#include "server/runtime/herder.h"

namespace connectd::rest {

struct RestServerConfig {
  // `listeners`: comma-separated http://host:port URLs; an empty host binds every interface and
  // port 0 an ephemeral port (tests).
  std::string listeners = "http://:8083";
  // `admin.listeners`: unset → /admin is served on `listeners`; empty → /admin is disabled (404);
  // otherwise /admin is served only on these listeners and nowhere else.
  std::optional<std::string> admin_listeners;
  int io_threads = 2;
  SessionLimits limits;
  RouterConfig router;
};

// One parsed entry of `listeners`.
struct ListenerSpec {
  std::string scheme;  // "http"
  std::string host;    // "" = all interfaces
  uint16_t port = 0;
  std::string url;     // as configured, for messages
};

// Kafka Connect's REST server on Boost.Beast: one io_context run by `io_threads` threads, an
// acceptor per listener, an HttpSession per connection, one Router for all of them.
//
// start() binds every listener (throwing api::ConfigException for a malformed or non-http listener,
// api::ConnectException when one cannot be bound) and starts the threads; stop() stops accepting,
// closes every connection, abandons requests still waiting for the herder (their late answers are
// dropped), lets the io threads drain (at most kStopGrace, then forces them) and joins them. A RestServer is started at most once; the
// destructor stops it. Both are called from the owner's thread, never from an io thread.
class RestServer {
 public:
  static constexpr std::chrono::seconds kStopGrace{5};

  RestServer(runtime::Herder& herder, RestServerConfig config);
  ~RestServer();
  RestServer(const RestServer&) = delete;
  RestServer& operator=(const RestServer&) = delete;

  void start();
  void stop();

  struct BoundListener {
    ListenerSpec spec;
    std::string address;  // the bound address
    uint16_t port = 0;    // the bound port (the ephemeral one when configured as 0)
    ListenerRole role = ListenerRole::All;
  };
  // After start(): regular listeners in configured order, then admin listeners.
  const std::vector<BoundListener>& boundListeners() const { return bound_; }
  // The bound port of the first regular listener.
  uint16_t port() const;

  // Parses a `listeners` value. Throws api::ConfigException for malformed entries.
  static std::vector<ListenerSpec> parseListeners(const std::string& value, const std::string& config_name);

 private:
  class Listener;

  void runIoThread();
  // False once stop() began closing connections: the caller drops the new one.
  bool addSession(const std::shared_ptr<HttpSession>& session);

  // Declared first so it is destroyed last: handlers it still holds may own sessions.
  boost::asio::io_context ioc_;
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
  RestServerConfig config_;
  Router router_;
  std::vector<std::shared_ptr<Listener>> listeners_;
  std::vector<BoundListener> bound_;
  std::vector<std::thread> threads_;
  std::mutex sessions_mu_;
  std::vector<std::weak_ptr<HttpSession>> sessions_;
  bool closing_ = false;
  std::mutex threads_mu_;
  std::condition_variable threads_cv_;
  int running_threads_ = 0;
  bool started_ = false;
  bool stopped_ = false;
};

}  // namespace connectd::rest
