#include "rest/rest_server.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>

#include "server/api/errors.h"
#include "server/common/strings.h"

namespace connectd::rest {

namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// After a failed accept (e.g. out of file descriptors) wait before the next one instead of spinning.
constexpr std::chrono::milliseconds kAcceptBackoff{100};

std::string authorityOf(const std::string& host, uint16_t port) {
  bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

}  // namespace

// Accepts connections on one bound address and hands each to a new HttpSession.
class RestServer::Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(RestServer& server, const tcp::endpoint& endpoint, ListenerRole role, const std::string& url)
      : server_(server), acceptor_(net::make_strand(server.ioc_)), backoff_(acceptor_.get_executor()), role_(role) {
    orThrow("open", url, [&](boost::system::error_code& ec) { acceptor_.open(endpoint.protocol(), ec); });
    boost::system::error_code ignored;
    acceptor_.set_option(net::socket_base::reuse_address(true), ignored);
    orThrow("bind to", url, [&](boost::system::error_code& ec) { acceptor_.bind(endpoint, ec); });
    orThrow("listen on", url,
                      [&](boost::system::error_code& ec) { acceptor_.listen(net::socket_base::max_listen_connections, ec); });
    auto local = acceptor_.local_endpoint();
    address_ = local.address().to_string();
    port_ = local.port();
  }

  void start() { net::dispatch(acceptor_.get_executor(), [self = shared_from_this()] { self->doAccept(); }); }

  void close() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
      boost::system::error_code ec;
      self->acceptor_.close(ec);
      self->backoff_.cancel();
    });
  }

  const std::string& address() const { return address_; }
  uint16_t port() const { return port_; }

 private:
  template <typename F>
  static void orThrow(const char* what, const std::string& url, F&& op) {
    boost::system::error_code ec;
    op(ec);
    if (ec) throw api::ConnectException(std::string("Unable to ") + what + " REST listener " + url + ": " + ec.message());
  }

  void doAccept() {
    acceptor_.async_accept(net::make_strand(server_.ioc_), [self = shared_from_this()](boost::system::error_code ec,
                                                                                          tcp::socket socket) {
      self->onAccept(ec, std::move(socket));
    });
  }

  void onAccept(boost::system::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
    if (ec) {
      spdlog::warn("REST listener {}:{} failed to accept a connection: {}", address_, port_, ec.message());
      backoff_.expires_after(kAcceptBackoff);
      backoff_.async_wait([self = shared_from_this()](boost::system::error_code wec) {
        if (!wec) self->doAccept();
      });
      return;
    }
    auto session = std::make_shared<HttpSession>(std::move(socket), server_.router_, server_.config_.limits, role_,
                                                 authorityOf(address_, port_));
    if (!server_.addSession(session)) return;
    session->start();
    doAccept();
  }

  RestServer& server_;
  tcp::acceptor acceptor_;
  net::steady_timer backoff_;
  ListenerRole role_;
  std::string address_;
  uint16_t port_ = 0;
};

RestServer::RestServer(runtime::Herder& herder, RestServerConfig config)
    : ioc_(std::max(1, config.io_threads)), config_(std::move(config)), router_(herder, config_.router) {}

RestServer::~RestServer() { stop(); }

std::vector<ListenerSpec> RestServer::parseListeners(const std::string& value, const std::string& config_name) {
  std::vector<ListenerSpec> out;
  for (const auto& raw : common::split(value, ',')) {
    std::string url(common::trim(raw));
    if (url.empty()) continue;
    auto invalid = [&](const std::string& why) {
      return api::ConfigException(config_name, url, why);
    };
    auto sep = url.find("://");
    if (sep == std::string::npos) throw invalid("expected <protocol>://<host>:<port>");
    ListenerSpec spec;
    spec.url = url;
    spec.scheme = common::toLower(url.substr(0, sep));
    std::string rest = url.substr(sep + 3);
    if (auto slash = rest.find('/'); slash != std::string::npos) rest.resize(slash);
    std::string port_text;
    if (!rest.empty() && rest[0] == '[') {
      auto close = rest.find(']');
      if (close == std::string::npos || close + 1 >= rest.size() || rest[close + 1] != ':') {
        throw invalid("expected [<ipv6 address>]:<port>");
      }
      spec.host = rest.substr(1, close - 1);
      port_text = rest.substr(close + 2);
    } else {
      auto colon = rest.rfind(':');
      if (colon == std::string::npos) throw invalid("the port is missing");
      spec.host = rest.substr(0, colon);
      port_text = rest.substr(colon + 1);
    }
    unsigned port = 0;
    auto [ptr, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc() || ptr != port_text.data() + port_text.size() || port > 65535) {
      throw invalid("the port must be a number between 0 and 65535");
    }
    spec.port = static_cast<uint16_t>(port);
    out.push_back(std::move(spec));
  }
  return out;
}

void RestServer::start() {
  if (started_) return;
  started_ = true;

  struct Planned {
    ListenerSpec spec;
    ListenerRole role;
  };
  std::vector<Planned> planned;
  auto regular = parseListeners(config_.listeners, "listeners");
  if (regular.empty()) throw api::ConfigException("listeners", config_.listeners, "at least one listener is required");
  ListenerRole regular_role = config_.admin_listeners ? ListenerRole::Api : ListenerRole::All;
  for (auto& s : regular) planned.push_back({std::move(s), regular_role});
  if (config_.admin_listeners) {
    for (auto& s : parseListeners(*config_.admin_listeners, "admin.listeners")) {
      planned.push_back({std::move(s), ListenerRole::Admin});
    }
  }

  tcp::resolver resolver(ioc_);
  for (const auto& p : planned) {
    if (p.spec.scheme != "http") {
      throw api::ConfigException(p.role == ListenerRole::Admin ? "admin.listeners" : "listeners", p.spec.url,
                                 "only the http protocol is supported");
    }
    tcp::endpoint endpoint;
    if (p.spec.host.empty()) {
      endpoint = tcp::endpoint(tcp::v4(), p.spec.port);
    } else {
      boost::system::error_code ec;
      auto address = net::ip::make_address(p.spec.host, ec);
      if (!ec) {
        endpoint = tcp::endpoint(address, p.spec.port);
      } else {
        auto results = resolver.resolve(p.spec.host, std::to_string(p.spec.port), ec);
        if (ec || results.empty()) {
          throw api::ConnectException("Unable to resolve the host of REST listener " + p.spec.url + ": " + ec.message());
        }
        endpoint = results.begin()->endpoint();
      }
    }
    auto listener = std::make_shared<Listener>(*this, endpoint, p.role, p.spec.url);
    bound_.push_back({p.spec, listener->address(), listener->port(), p.role});
    listeners_.push_back(std::move(listener));
  }

  work_.emplace(ioc_.get_executor());
  for (auto& l : listeners_) l->start();
  int threads = std::max(1, config_.io_threads);
  running_threads_ = threads;
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { runIoThread(); });
  for (const auto& b : bound_) {
    spdlog::info("REST server listening at {} (bound to {}:{}){}", b.spec.url, b.address, b.port,
                 b.role == ListenerRole::Admin ? " for admin endpoints" : "");
  }
}

void RestServer::runIoThread() {
  struct Exit {
    RestServer& server;
    ~Exit() {
      std::lock_guard lock(server.threads_mu_);
      --server.running_threads_;
      server.threads_cv_.notify_all();
    }
  } exit{*this};
  while (true) {
    try {
      ioc_.run();
      return;
    } catch (const std::exception& e) {
      spdlog::error("Uncaught exception on a REST server thread: {}", e.what());
    } catch (...) {
      spdlog::error("Uncaught non-standard exception on a REST server thread");
    }
  }
}

bool RestServer::addSession(const std::shared_ptr<HttpSession>& session) {
  std::lock_guard lock(sessions_mu_);
  if (closing_) return false;
  sessions_.erase(std::remove_if(sessions_.begin(), sessions_.end(), [](const auto& w) { return w.expired(); }),
                  sessions_.end());
  sessions_.push_back(session);
  return true;
}

uint16_t RestServer::port() const {
  for (const auto& b : bound_) {
    if (b.role != ListenerRole::Admin) return b.port;
  }
  return 0;
}

void RestServer::stop() {
  if (!started_ || stopped_) return;
  stopped_ = true;
  spdlog::info("Stopping REST server");
  router_.shutdown();
  for (auto& l : listeners_) l->close();
  {
    std::lock_guard lock(sessions_mu_);
    closing_ = true;
    for (auto& w : sessions_) {
      if (auto s = w.lock()) s->close();
    }
    sessions_.clear();
  }
  // With the acceptors and sockets closed and the herder waits cancelled, run() returns once the
  // aborted operations have completed; a handler stuck elsewhere must not hang shutdown.
  work_.reset();
  {
    std::unique_lock lock(threads_mu_);
    if (!threads_cv_.wait_for(lock, kStopGrace, [this] { return running_threads_ == 0; })) {
      spdlog::warn("REST server threads did not finish within {} s; stopping them", kStopGrace.count());
    }
  }
  ioc_.stop();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
  listeners_.clear();
  spdlog::info("REST server stopped");
}

}  // namespace connectd::rest
