#include "tests/unit/rest/test_http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <stdexcept>

namespace connectd::rest::testing {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

constexpr std::chrono::seconds kIoDeadline{20};

// Runs the io_context until `done` or the deadline; Beast's stream timeouts only apply to
// asynchronous operations, so every helper here is asynchronous underneath.
void runUntil(net::io_context& ioc, const bool& done, std::chrono::steady_clock::duration deadline) {
  ioc.restart();
  auto until = std::chrono::steady_clock::now() + deadline;
  while (!done && std::chrono::steady_clock::now() < until) {
    if (ioc.run_one_until(until) == 0 && ioc.stopped()) break;
  }
  if (!done) throw std::runtime_error("test HTTP client: I/O did not complete before the deadline");
}

void connectTo(net::io_context& ioc, beast::tcp_stream& stream, uint16_t port) {
  bool done = false;
  beast::error_code result;
  stream.expires_after(kIoDeadline);
  stream.async_connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port), [&](beast::error_code ec) {
    result = ec;
    done = true;
  });
  runUntil(ioc, done, kIoDeadline + std::chrono::seconds(1));
  if (result) throw boost::system::system_error(result);
}

}  // namespace

TestHttpClient::TestHttpClient(uint16_t port) : stream_(ioc_) { connectTo(ioc_, stream_, port); }

TestHttpClient::~TestHttpClient() {
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
}

bool TestHttpClient::isOpen() const { return stream_.socket().is_open(); }

HttpResult TestHttpClient::send(const std::string& method, const std::string& target, const std::string& body,
                                std::optional<std::string> content_type,
                                const std::vector<std::pair<std::string, std::string>>& headers) {
  http::request<http::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(http::field::host, "localhost:8083");
  if (content_type) req.set(http::field::content_type, *content_type);
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") req.prepare_payload();

  bool done = false;
  beast::error_code result;
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  parser.skip(method == "HEAD");
  stream_.expires_after(kIoDeadline);
  http::async_write(stream_, req, [&](beast::error_code ec, std::size_t) {
    if (ec) {
      result = ec;
      done = true;
      return;
    }
    http::async_read(stream_, buffer, parser, [&](beast::error_code rec, std::size_t) {
      result = rec;
      done = true;
    });
  });
  runUntil(ioc_, done, kIoDeadline + std::chrono::seconds(1));
  if (result) throw boost::system::system_error(result);

  auto& res = parser.get();
  HttpResult out;
  out.status = res.result_int();
  for (const auto& f : res) {
    std::string name(f.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(f.value());
  }
  out.body = res.body();
  out.keep_alive = res.keep_alive();
  return out;
}

RawConnection::RawConnection(uint16_t port) : stream_(ioc_) { connectTo(ioc_, stream_, port); }

void RawConnection::write(const std::string& bytes) {
  bool done = false;
  beast::error_code result;
  stream_.expires_after(kIoDeadline);
  net::async_write(stream_, net::buffer(bytes), [&](beast::error_code ec, std::size_t) {
    result = ec;
    done = true;
  });
  runUntil(ioc_, done, kIoDeadline + std::chrono::seconds(1));
  if (result) throw boost::system::system_error(result);
}

std::pair<std::string, bool> RawConnection::readUntilClose(std::chrono::milliseconds deadline) {
  std::string data;
  char buf[4096];
  bool done = false;
  bool closed = false;
  stream_.expires_after(deadline);
  std::function<void()> readMore = [&] {
    stream_.async_read_some(net::buffer(buf), [&](beast::error_code ec, std::size_t n) {
      data.append(buf, n);
      if (ec) {
        closed = ec == net::error::eof || ec == net::error::connection_reset;
        done = true;
        return;
      }
      readMore();
    });
  };
  readMore();
  runUntil(ioc_, done, deadline + std::chrono::seconds(1));
  return {data, closed};
}

}  // namespace connectd::rest::testing
