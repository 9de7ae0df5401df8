#include "rest/rest_client.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

#include <spdlog/spdlog.h>

#include <cmath>
#include <limits>

#include "rest/entities.h"
#include "server/common/strings.h"

namespace connectd::rest {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

constexpr std::string_view kIoError = "IO Error trying to forward REST request: ";
constexpr std::string_view kError = "Error trying to forward REST request: ";
constexpr std::string_view kErrorMessageClass = "org.apache.kafka.connect.runtime.rest.entities.ErrorMessage";

struct Target {
  std::string host;         // without IPv6 brackets, for the resolver
  std::string port;
  std::string host_header;  // as in the URL
  std::string path;         // path and query
};

[[noreturn]] void invalidUrl(const std::string& url, std::string_view why) {
  throw api::ConnectRestException(500, std::string(kError) + "Invalid URL " + url + ": " + std::string(why));
}

Target parseUrl(const std::string& url) {
  std::string_view rest = url;
  auto sep = rest.find("://");
  if (sep == std::string_view::npos) invalidUrl(url, "no scheme");
  std::string scheme = common::toLower(rest.substr(0, sep));
  if (scheme == "https") {
    throw api::ConnectRestException(
        500, std::string(kError) + "HTTPS is not supported yet by connectd's REST client (URL " + url + ")");
  }
  if (scheme != "http") invalidUrl(url, "unsupported scheme '" + scheme + "'");
  rest.remove_prefix(sep + 3);
  auto authority_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view tail = authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
  if (auto at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);

  Target t;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos) invalidUrl(url, "unterminated IPv6 address");
    t.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') invalidUrl(url, "malformed authority");
      port = after.substr(1);
    }
  } else {
    auto colon = authority.rfind(':');
    t.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  }
  if (t.host.empty()) invalidUrl(url, "no host");
  if (port.empty()) {
    t.port = "80";
  } else {
    if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string_view::npos || std::stoi(std::string(port)) > 65535) {
      invalidUrl(url, "bad port");
    }
    t.port = std::string(port);
  }
  t.host_header = std::string(authority);
  if (auto hash = tail.find('#'); hash != std::string_view::npos) tail = tail.substr(0, hash);
  if (tail.empty() || tail.front() == '?') {
    t.path = "/" + std::string(tail);
  } else {
    t.path = std::string(tail);
  }
  return t;
}

// The text Java's client reports for the common failures (ExecutionException's message is the
// cause's toString()); anything else gets the system's description.
std::string ioReason(const beast::error_code& ec, const std::string& host) {
  if (ec == net::error::connection_refused) return "java.net.ConnectException: Connection refused";
  if (ec == net::error::host_not_found || ec == net::error::host_not_found_try_again || ec == net::error::no_data) {
    return "java.net.UnknownHostException: " + host;
  }
  return ec.message();
}

[[noreturn]] void ioError(const std::string& reason) {
  throw api::ConnectRestException(500, std::string(kIoError) + reason);
}

// Jackson reading the answer: empty content and malformed JSON fail like any IOException.
Json readJson(const std::string& body) {
  if (common::trim(body).empty()) ioError("No content to map due to end-of-input");
  try {
    return parseRequestBody(body, false);
  } catch (const JsonProcessingException& e) {
    ioError(e.what());
  }
}

// Jackson's ErrorMessage: {"error_code": int, "message": String}, unknown properties rejected.
[[noreturn]] void throwErrorAnswer(unsigned status, const std::string& body) {
  Json j = readJson(body);
  if (!j.is_object()) ioError("Cannot deserialize value of type `" + std::string(kErrorMessageClass) + "` from " + j.type_name());
  int error_code = 0;
  std::optional<std::string> message;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const Json& v = it.value();
    if (it.key() == "error_code") {
      if (v.is_number_integer() || v.is_number_unsigned()) {
        auto n = v.get<int64_t>();
        if (n < std::numeric_limits<int>::min() || n > std::numeric_limits<int>::max()) {
          ioError("Numeric value (" + v.dump() + ") out of range of int");
        }
        error_code = static_cast<int>(n);
      } else if (v.is_number_float()) {
        error_code = static_cast<int>(std::trunc(v.get<double>()));
      } else if (v.is_string()) {
        try {
          size_t used = 0;
          error_code = std::stoi(v.get<std::string>(), &used);
          if (used != v.get<std::string>().size()) throw std::invalid_argument("trailing");
        } catch (const std::exception&) {
          ioError("Cannot deserialize value of type `int` from String " + v.dump() + ": not a valid `int` value");
        }
      } else if (!v.is_null()) {
        ioError("Cannot deserialize value of type `int` from " + std::string(v.type_name()));
      }
    } else if (it.key() == "message") {
      if (v.is_string()) {
        message = v.get<std::string>();
      } else if (v.is_number() || v.is_boolean()) {
        message = v.dump();
      } else if (!v.is_null()) {
        ioError("Cannot deserialize value of type `java.lang.String` from " + std::string(v.type_name()));
      }
    } else {
      ioError("Unrecognized field \"" + it.key() + "\" (class " + std::string(kErrorMessageClass) +
              "), not marked as ignorable (2 known properties: \"error_code\", \"message\"])");
    }
  }
  throw RemoteRestException(static_cast<int>(status), error_code, std::move(message));
}

}  // namespace

RestClient::RestClient(std::chrono::milliseconds request_timeout) : request_timeout_(request_timeout) {}

RestClient::~RestClient() { close(); }

void RestClient::close() {
  std::lock_guard lock(mu_);
  closed_ = true;
  for (auto* ioc : in_flight_) ioc->stop();
}

RestClient::HttpResponse RestClient::httpRequest(const std::string& url, const std::string& method,
                                                 const Headers& headers, const std::optional<std::string>& body,
                                                 std::optional<std::chrono::milliseconds> timeout) {
  Target target = parseUrl(url);
  auto deadline = timeout.value_or(request_timeout_);

  http::request<http::string_body> req;
  http::verb verb = http::string_to_verb(method);
  if (verb == http::verb::unknown) {
    req.method_string(method);
  } else {
    req.method(verb);
  }
  req.target(target.path);
  req.version(11);
  req.set(http::field::host, target.host_header);
  req.set(http::field::accept, "application/json");
  req.set(http::field::user_agent, "kafka-connect");
  req.keep_alive(false);
  for (const auto& [name, value] : headers) req.set(name, value);
  if (body) {
    if (req.find(http::field::content_type) == req.end()) req.set(http::field::content_type, "application/json");
    req.body() = *body;
  }
  req.prepare_payload();

  net::io_context ioc;
  {
    std::lock_guard lock(mu_);
    if (closed_) ioError("the REST client was closed");
    in_flight_.insert(&ioc);
  }
  struct Unregister {
    RestClient& client;
    net::io_context* ioc;
    ~Unregister() {
      std::lock_guard lock(client.mu_);
      client.in_flight_.erase(ioc);
    }
  } unregister{*this, &ioc};

  tcp::resolver resolver(ioc);
  beast::tcp_stream stream(ioc);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(kMaxResponseBody);
  beast::error_code failure;
  bool done = false;

  // Each step runs from the previous one's completion on this thread's private io_context;
  // run_for() below bounds the whole chain.
  resolver.async_resolve(target.host, target.port, [&](beast::error_code ec, tcp::resolver::results_type results) {
    if (ec) {
      failure = ec;
      done = true;
      return;
    }
    stream.async_connect(results, [&](beast::error_code ec, const tcp::endpoint&) {
      if (ec) {
        failure = ec;
        done = true;
        return;
      }
      http::async_write(stream, req, [&](beast::error_code ec, std::size_t) {
        if (ec) {
          failure = ec;
          done = true;
          return;
        }
        http::async_read(stream, buffer, parser, [&](beast::error_code ec, std::size_t) {
          failure = ec;
          done = true;
        });
      });
    });
  });
  ioc.run_for(deadline);

  if (!done) {
    bool closed;
    {
      std::lock_guard lock(mu_);
      closed = closed_;
    }
    spdlog::error("IO error forwarding REST request to {}: {}", url, closed ? "client closed" : "timed out");
    if (closed) ioError("the REST client was closed");
    ioError("Total timeout " + std::to_string(deadline.count()) + " ms elapsed");
  }
  if (failure) {
    spdlog::error("IO error forwarding REST request to {}: {}", url, failure.message());
    ioError(ioReason(failure, target.host));
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);

  auto& res = parser.get();
  HttpResponse out;
  out.status = res.result_int();
  for (const auto& field : res) out.headers[std::string(field.name_string())] = std::string(field.value());
  spdlog::debug("Request's response code: {}", out.status);
  if (out.status == 204) return out;
  out.body = std::move(res.body());
  if (out.status >= 400) throwErrorAnswer(out.status, out.body);
  if (out.status < 200 || out.status >= 300) {
    throw api::ConnectRestException(
        500, "Unexpected status code when handling forwarded request: " + std::to_string(out.status));
  }
  readJson(out.body);
  return out;
}

}  // namespace connectd::rest
