#include "rest/http_session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <spdlog/spdlog.h>

#include "rest/error_mapper.h"
#include "server/common/strings.h"

namespace connectd::rest {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// A drained connection is closed after this long even if the client keeps sending.
constexpr std::chrono::seconds kLingerTimeout{2};

bool isParseError(const beast::error_code& ec) {
  return ec.category() == beast::error_code(http::error::bad_target).category();
}

}  // namespace

HttpSession::HttpSession(tcp::socket&& socket, Router& router, SessionLimits limits, ListenerRole role,
                         std::string listener_authority)
    : stream_(std::move(socket)),
      router_(router),
      limits_(limits),
      role_(role),
      listener_authority_(std::move(listener_authority)) {
  beast::error_code ec;
  auto remote = stream_.socket().remote_endpoint(ec);
  if (!ec) remote_ = remote.address().to_string();
}

void HttpSession::start() {
  net::dispatch(stream_.get_executor(), beast::bind_front_handler(&HttpSession::doRead, shared_from_this()));
}

void HttpSession::close() {
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    beast::error_code ec;
    self->stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    self->stream_.close();
  });
}

void HttpSession::doRead() {
  parser_.emplace();
  parser_->body_limit(limits_.body_limit);
  parser_->header_limit(static_cast<std::uint32_t>(limits_.header_limit));
  stream_.expires_after(limits_.read_timeout);
  http::async_read_header(stream_, buffer_, *parser_,
                          beast::bind_front_handler(&HttpSession::onReadHeader, shared_from_this()));
}

void HttpSession::onReadHeader(beast::error_code ec, std::size_t) {
  if (ec) return onRead(ec, 0);
  auto& req = parser_->get();
  auto expect = req[http::field::expect];
  if (!parser_->is_done() && common::iequals(std::string_view(expect.data(), expect.size()), "100-continue")) {
    // curl waits for this before sending bodies over 1 KiB.
    auto interim = std::make_shared<http::response<http::empty_body>>(http::status::continue_, req.version());
    response_ = interim;
    http::async_write(stream_, *interim, [self = shared_from_this()](beast::error_code wec, std::size_t) {
      if (wec) return self->doClose();
      http::async_read(self->stream_, self->buffer_, *self->parser_,
                       beast::bind_front_handler(&HttpSession::onRead, self));
    });
    return;
  }
  http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&HttpSession::onRead, shared_from_this()));
}

void HttpSession::onRead(beast::error_code ec, std::size_t) {
  if (ec == http::error::end_of_stream) return doClose();
  if (ec == http::error::body_limit) {
    return rejectRequest(413, "Request body is larger than the limit of " + std::to_string(limits_.body_limit) +
                                  " bytes");
  }
  if (ec == http::error::header_limit) return rejectRequest(431, "Request Header Fields Too Large");
  if (ec && isParseError(ec)) return rejectRequest(400, "Bad Message 400: " + ec.message());
  // Timeouts (the stream already closed the socket), resets and aborts end the session.
  if (ec) return;
  handleRequest();
}

void HttpSession::handleRequest() {
  // The herder may take its time; the read deadline must not cut the answer off.
  stream_.expires_never();
  auto& req = parser_->get();
  version_ = req.version();
  keep_alive_ = req.keep_alive();
  head_ = req.method() == http::verb::head;
  started_ = std::chrono::steady_clock::now();
  request_line_ = std::string(req.method_string()) + " " + std::string(req.target()) +
                  (version_ == 10 ? " HTTP/1.0" : " HTTP/1.1");

  RestRequest request;
  request.method = req.method();
  request.method_string = std::string(req.method_string());
  request.target = std::string(req.target());
  auto host = req[http::field::host];
  request.host = host.empty() ? listener_authority_ : std::string(host);
  if (req.count(http::field::content_type)) request.content_type = std::string(req[http::field::content_type]);
  if (req.count(http::field::accept)) request.accept = std::string(req[http::field::accept]);
  for (const auto& field : req) request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  request.body = std::move(req.body());
  request.role = role_;

  ResponseSink sink{stream_.get_executor(),
                    [self = shared_from_this()](RestResponse response) { self->sendResponse(std::move(response)); }};
  router_.handle(std::move(request), std::move(sink));
}

void HttpSession::sendResponse(RestResponse response) {
  auto status = static_cast<http::status>(response.status);
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started_);
  spdlog::info("{} - - \"{}\" {} {} {}", remote_.empty() ? "-" : remote_, request_line_, response.status,
               response.body.size(), elapsed.count());

  bool close = !keep_alive_;
  auto fill = [&](auto& res) {
    if (!response.content_type.empty()) res.set(http::field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) res.set(name, value);
    res.keep_alive(keep_alive_);
  };
  stream_.expires_after(limits_.write_timeout);
  if (head_) {
    auto res = std::make_shared<http::response<http::empty_body>>(status, version_);
    fill(*res);
    if (response.status != 204 && response.status >= 200) res->content_length(response.body.size());
    response_ = res;
    http::async_write(stream_, *res, [self = shared_from_this(), close](beast::error_code ec, std::size_t n) {
      self->onWrite(close, ec, n);
    });
    return;
  }
  auto res = std::make_shared<http::response<http::string_body>>(status, version_);
  fill(*res);
  res->body() = std::move(response.body);
  res->prepare_payload();
  close = close || res->need_eof();
  response_ = res;
  http::async_write(stream_, *res, [self = shared_from_this(), close](beast::error_code ec, std::size_t n) {
    self->onWrite(close, ec, n);
  });
}

void HttpSession::onWrite(bool close, beast::error_code ec, std::size_t) {
  response_.reset();
  if (ec) return;
  if (close) return doClose();
  doRead();
}

void HttpSession::rejectRequest(unsigned status, const std::string& message) {
  spdlog::debug("Rejecting HTTP request from {}: {} {}", remote_, status, message);
  auto res = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(status), 11);
  res->set(http::field::content_type, "application/json");
  res->keep_alive(false);
  res->body() = ErrorMapper::body(status, message);
  res->prepare_payload();
  response_ = res;
  stream_.expires_after(limits_.write_timeout);
  http::async_write(stream_, *res, [self = shared_from_this()](beast::error_code ec, std::size_t) {
    self->response_.reset();
    if (ec) return;
    self->lingerClose();
  });
}

void HttpSession::lingerClose() {
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (ec) return;
  stream_.expires_after(std::min<std::chrono::milliseconds>(limits_.read_timeout, kLingerTimeout));
  // Re-arming is by recursion through the completion handler; the deadline above is absolute.
  struct Drain {
    std::shared_ptr<HttpSession> self;
    void operator()(beast::error_code ec = {}, std::size_t = 0) {
      if (ec) {
        beast::error_code ignored;
        self->stream_.socket().close(ignored);
        return;
      }
      auto& stream = self->stream_;
      stream.async_read_some(net::buffer(self->drain_), std::move(*this));
    }
  };
  Drain{shared_from_this()}();
}

void HttpSession::doClose() {
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
}

}  // namespace connectd::rest
