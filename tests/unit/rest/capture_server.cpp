#include "tests/unit/rest/capture_server.h"

#include <boost/asio/post.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include "server/common/strings.h"

namespace connectd::rest::testing {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

struct CaptureServer::Session {
  explicit Session(tcp::socket s) : socket(std::move(s)) {}
  tcp::socket socket;
  beast::flat_buffer buffer;
  http::request<http::string_body> request;
  std::shared_ptr<http::response<http::string_body>> response;
};

CaptureServer::CaptureServer() : CaptureServer(Reply{}) {}

CaptureServer::CaptureServer(Reply reply) : acceptor_(ioc_), reply_(std::move(reply)) {
  tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), 0);
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(tcp::acceptor::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen();
  port_ = acceptor_.local_endpoint().port();
  accept();
  thread_ = std::thread([this] { ioc_.run(); });
}

CaptureServer::~CaptureServer() {
  ioc_.stop();
  thread_.join();
}

void CaptureServer::setReply(Reply reply) {
  std::lock_guard lock(mu_);
  reply_ = std::move(reply);
}

void CaptureServer::hold() {
  std::lock_guard lock(mu_);
  holding_ = true;
}

void CaptureServer::release() {
  std::vector<std::shared_ptr<Session>> held;
  {
    std::lock_guard lock(mu_);
    holding_ = false;
    held.swap(held_);
  }
  net::post(ioc_, [this, held] {
    for (const auto& s : held) answer(s);
  });
}

std::vector<CaptureServer::Request> CaptureServer::requests() {
  std::lock_guard lock(mu_);
  return requests_;
}

bool CaptureServer::waitForRequests(size_t n, std::chrono::milliseconds deadline) {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, deadline, [&] { return requests_.size() >= n; });
}

void CaptureServer::accept() {
  acceptor_.async_accept([this](beast::error_code ec, tcp::socket socket) {
    if (ec) return;
    auto session = std::make_shared<Session>(std::move(socket));
    http::async_read(session->socket, session->buffer, session->request,
                     [this, session](beast::error_code rec, std::size_t) {
                       if (rec) return;
                       Request r;
                       r.method = std::string(session->request.method_string());
                       r.target = std::string(session->request.target());
                       for (const auto& f : session->request) {
                         r.headers[common::toLower(std::string(f.name_string()))] = std::string(f.value());
                       }
                       r.body = session->request.body();
                       bool hold;
                       {
                         std::lock_guard lock(mu_);
                         requests_.push_back(std::move(r));
                         hold = holding_;
                         if (hold) held_.push_back(session);
                       }
                       cv_.notify_all();
                       if (!hold) answer(session);
                     });
    accept();
  });
}

void CaptureServer::answer(const std::shared_ptr<Session>& session) {
  Reply reply;
  {
    std::lock_guard lock(mu_);
    reply = reply_;
  }
  auto res = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(reply.status), 11);
  if (!reply.body.empty()) res->set(http::field::content_type, reply.content_type);
  res->body() = reply.body;
  res->keep_alive(false);
  res->prepare_payload();
  session->response = res;
  http::async_write(session->socket, *res, [session](beast::error_code, std::size_t) {
    beast::error_code ignored;
    session->socket.shutdown(tcp::socket::shutdown_both, ignored);
  });
}

uint16_t unusedPort() {
  net::io_context ioc;
  tcp::acceptor acceptor(ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
  return acceptor.local_endpoint().port();
}

}  // namespace connectd::rest::testing
