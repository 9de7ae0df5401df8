#include "rest/router.h"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdint>
#include <cstdio>

#include <connectd/version.h>

#include "rest/entities.h"
#include "rest/error_mapper.h"
#include "server/api/errors.h"
#include "server/common/logging.h"
#include "server/common/strings.h"
#include "server/runtime/request_target_exception.h"

namespace connectd::rest {

namespace http = boost::beast::http;
using Handler = void (Router::*)(const std::shared_ptr<Router::Exchange>&);

struct Router::Route {
  std::vector<std::string_view> pattern;  // "*" = one path parameter
  bool admin = false;                     // LoggingResource (admin.listeners)
  bool consumes_json = false;             // the resource class declares @Consumes(application/json)
  std::vector<std::pair<http::verb, Handler>> methods;
  // Methods served by a resource class without @Consumes (InternalConnectResource), which take
  // any Content-Type even where the path's other methods only take JSON.
  std::vector<http::verb> consumes_any = {};
};

struct Router::Exchange {
  RestRequest request;
  ResponseSink sink;
  std::string path;
  std::vector<std::string> params;  // decoded path parameters, in order
  std::vector<std::pair<std::string, std::string>> query;
  bool responded = false;

  void respond(RestResponse response) {
    if (responded) return;
    responded = true;
    if (response.is_error && response.status >= 500) {
      spdlog::error("Uncaught exception in REST call to {}: {}", path, response.body);
    } else if (response.is_error) {
      spdlog::debug("REST call to {} failed: {}", path, response.body);
    }
    sink.respond(std::move(response));
  }
  void respondError(std::exception_ptr error) { respond(RestResponse::error(error)); }

  bool hasQuery(std::string_view name) const {
    return std::any_of(query.begin(), query.end(), [&](const auto& q) { return q.first == name; });
  }
  std::vector<std::string> queryValues(std::string_view name) const {
    std::vector<std::string> out;
    for (const auto& [k, v] : query) {
      if (k == name) out.push_back(v);
    }
    return out;
  }
  std::optional<std::string> header(std::string_view name) const {
    for (const auto& [k, v] : request.headers) {
      if (common::iequals(k, name)) return v;
    }
    return std::nullopt;
  }
  // The hidden `@QueryParam("forward") Boolean forward`: null when absent or blank, otherwise
  // Boolean.valueOf of the first value.
  std::optional<bool> forwardParam() const {
    for (const auto& [k, v] : query) {
      if (k != "forward") continue;
      if (common::trim(v).empty()) return std::nullopt;
      return common::iequals(v, "true");
    }
    return std::nullopt;
  }
  // Jersey's conversion of a boolean @QueryParam with @DefaultValue: absent or blank → the
  // default, otherwise Boolean.valueOf (only "true", in any case, is true).
  bool queryBool(std::string_view name, bool default_value) const {
    for (const auto& [k, v] : query) {
      if (k != name) continue;
      if (common::trim(v).empty()) return default_value;
      return common::iequals(v, "true");
    }
    return default_value;
  }
};

namespace {

constexpr std::string_view kJson = "application/json";
constexpr std::string_view kNoConnectorClassSuffix = " contains no connector type";

struct MediaType {
  std::string type;
  std::string subtype;
  double q = 1.0;
};

std::optional<MediaType> parseMediaType(std::string_view text) {
  auto semi = text.find(';');
  std::string_view main = common::trim(text.substr(0, semi));
  auto slash = main.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == main.size()) return std::nullopt;
  MediaType m{common::toLower(common::trim(main.substr(0, slash))), common::toLower(common::trim(main.substr(slash + 1)))};
  while (semi != std::string_view::npos) {
    text = text.substr(semi + 1);
    semi = text.find(';');
    std::string_view param = common::trim(text.substr(0, semi));
    auto eq = param.find('=');
    if (eq != std::string_view::npos && common::iequals(common::trim(param.substr(0, eq)), "q")) {
      std::string value(common::trim(param.substr(eq + 1)));
      try {
        m.q = std::stod(value);
      } catch (const std::exception&) {
        m.q = 1.0;
      }
    }
  }
  return m;
}

// javax.ws.rs.core.MediaType.isCompatible.
bool compatible(const MediaType& a, const MediaType& b) {
  bool type_ok = a.type == "*" || b.type == "*" || a.type == b.type;
  bool subtype_ok = a.subtype == "*" || b.subtype == "*" || a.subtype == b.subtype;
  return type_ok && subtype_ok;
}

bool acceptsJson(std::string_view accept) {
  MediaType json{"application", "json"};
  bool any = false;
  for (const auto& range : common::split(accept, ',')) {
    if (common::trim(range).empty()) continue;
    auto m = parseMediaType(range);
    if (!m) return true;  // unparseable Accept: serve JSON rather than guess
    any = true;
    if (m->q > 0 && compatible(*m, json)) return true;
  }
  return !any;
}

// Java's String.trim(): strips every char <= U+0020 from both ends.
std::string javaTrim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && static_cast<unsigned char>(s[b]) <= ' ') ++b;
  while (e > b && static_cast<unsigned char>(s[e - 1]) <= ' ') --e;
  return std::string(s.substr(b, e - b));
}

// Integer.valueOf, as Jersey converts an Integer @PathParam.
std::optional<int> parseJavaInt(std::string_view s) {
  if (s.empty()) return std::nullopt;
  size_t i = 0;
  bool negative = false;
  if (s[0] == '+' || s[0] == '-') {
    negative = s[0] == '-';
    i = 1;
    if (s.size() == 1) return std::nullopt;
  }
  int64_t v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
    if (v > static_cast<int64_t>(INT_MAX) + 1) return std::nullopt;
  }
  if (negative) v = -v;
  if (v < INT_MIN || v > INT_MAX) return std::nullopt;
  return static_cast<int>(v);
}

std::vector<std::pair<std::string, std::string>> parseQuery(std::string_view q) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& part : common::split(q, '&')) {
    if (part.empty()) continue;
    auto eq = part.find('=');
    std::string name = common::urlDecode(part.substr(0, eq), true);
    std::string value = eq == std::string::npos ? "" : common::urlDecode(part.substr(eq + 1), true);
    out.emplace_back(std::move(name), std::move(value));
  }
  return out;
}

// Java's NullPointerException with the JDK's "helpful" message: what Connect answers when a
// request that needs a body arrives without one.
[[noreturn]] void nullBody(const std::string& helpful_message) { throw std::runtime_error(helpful_message); }

// ConnectorPluginsResource.normalizedPluginName.
std::string normalizedPluginName(std::string_view name) {
  constexpr std::string_view kSuffix = "Connector";
  if (common::endsWith(name, kSuffix) && name.size() > kSuffix.size()) {
    return std::string(name.substr(0, name.size() - kSuffix.size()));
  }
  return std::string(name);
}

// AbstractHerder adds this error for every key whose value is JSON null.
void addNullValueErrors(runtime::ConfigInfos& infos, const NullableConfig& config) {
  static const std::string kNullValue = "Null value can not be supplied as the configuration value.";
  for (const auto& [key, value] : config) {
    if (value) continue;
    auto it = std::find_if(infos.configs.begin(), infos.configs.end(), [&](const runtime::ConfigInfo& c) {
      return (c.value && c.value->name == key) || (!c.value && c.definition && c.definition->name == key);
    });
    if (it == infos.configs.end()) {
      runtime::ConfigInfo info;
      info.value = runtime::ConfigValueInfo{key, std::nullopt, {}, {}, true};
      infos.configs.push_back(std::move(info));
      it = std::prev(infos.configs.end());
    }
    if (!it->value) it->value = runtime::ConfigValueInfo{key, std::nullopt, {}, {}, true};
    it->value->errors.push_back(kNullValue);
    ++infos.error_count;
  }
}

// AbstractHerder.maybeAddConfigErrors: the 400 text for an invalid connector config.
std::string invalidConfigMessage(const runtime::ConfigInfos& infos) {
  std::string msg = "Connector configuration is invalid and contains the following " +
                    std::to_string(infos.error_count) + " error(s):";
  for (const auto& c : infos.configs) {
    if (!c.value) continue;
    for (const auto& e : c.value->errors) msg += "\n" + e;
  }
  msg += "\nYou can also find the above list of errors at the endpoint "
         "`/connector-plugins/{connectorType}/config/validate`";
  return msg;
}

// ConnectorsResource.checkAndPutConnectorConfigName.
void checkAndPutConnectorConfigName(const std::string& name, NullableConfig& config) {
  const auto* included = findEntry(config, "name");
  if (included && *included) {
    if (**included != name) {
      throw api::BadRequestException("Connector name configuration (" + **included +
                                     ") doesn't match connector name in the URL (" + name + ")");
    }
  } else {
    putEntry(config, "name", name);
  }
}

RestResponse timeoutResponse() { return RestResponse::error(500, std::string("Request timed out")); }

constexpr std::string_view kSignatureHeader = "X-Connect-Authorization";
constexpr std::string_view kSignatureAlgorithmHeader = "X-Connect-Request-Signature-Algorithm";

// java.util.Base64.getDecoder().decode's IllegalArgumentException text for `s`, or nullopt
// when it decodes (padding optional, nothing but the alphabet and trailing '=').
std::optional<std::string> javaBase64Error(std::string_view s) {
  auto valid = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/'; };
  int shift = 18;  // 18, 12, 6, 0: how many characters of the current 4-character unit were read
  size_t sp = 0;
  while (sp < s.size()) {
    char c = s[sp++];
    if (!valid(c)) {
      if (c == '=') {
        if ((shift == 6 && (sp == s.size() || s[sp++] != '=')) || shift == 18) {
          return "Input byte array has wrong 4-byte ending unit";
        }
        break;
      }
      // Integer.toString(byte, 16) of a signed Java byte.
      int b = static_cast<int8_t>(c);
      char hex[8];
      std::snprintf(hex, sizeof hex, "%s%x", b < 0 ? "-" : "", b < 0 ? -b : b);
      return "Illegal base64 character " + std::string(hex);
    }
    shift -= 6;
    if (shift < 0) shift = 18;
  }
  if (shift == 12) return "Last unit does not have enough valid bits";
  if (sp < s.size()) return "Input byte array has incorrect ending byte at " + std::to_string(sp);
  return std::nullopt;
}

// The leader's advertised URL joined with the request's still-encoded path (UriBuilder.path), then
// `forward` and the endpoint's own query parameters.
std::string forwardUrl(std::string base, const std::string& path, bool recursive_forward,
                       const std::vector<std::pair<std::string, std::string>>& query) {
  while (!base.empty() && base.back() == '/') base.pop_back();
  std::string url = base + path + "?forward=" + (recursive_forward ? "true" : "false");
  for (const auto& [name, value] : query) url += "&" + name + "=" + value;
  return url;
}

// The other worker's entity, as this worker answers it (Jersey writes no entity for a null one).
RestResponse forwardedEntity(unsigned status, const RestClient::HttpResponse& answer) {
  if (answer.status == 204) return RestResponse::empty(status);
  return RestResponse::json(status, dump(parseRequestBody(answer.body, false)));
}

std::function<RestResponse(const RestClient::HttpResponse&)> noContentAnswer() {
  return [](const RestClient::HttpResponse&) { return RestResponse::empty(204); };
}

std::function<RestResponse(const RestClient::HttpResponse&)> entityAnswer(unsigned status) {
  return [status](const RestClient::HttpResponse& answer) { return forwardedEntity(status, answer); };
}

}  // namespace

// What completeOrForwardRequest needs to send a request on: the method, the query parameters the
// resource adds after `forward`, and how the other worker's answer becomes this worker's.
struct Router::Forward {
  std::string method;
  std::vector<std::pair<std::string, std::string>> query = {};
  std::function<RestResponse(const RestClient::HttpResponse&)> translate = noContentAnswer();
  // Internal endpoints also pass the request signature on (see README: Java drops it).
  bool internal = false;
};

// Runs forwarded requests on its own threads (RestClient blocks) and posts their answers back to
// the exchange's strand. The threads start with the first forward.
class Router::Forwarder {
 public:
  Forwarder(std::shared_ptr<Lifetime> lifetime, std::chrono::milliseconds timeout, int threads)
      : lifetime_(std::move(lifetime)),
        client_(std::make_shared<RestClient>(timeout)),
        threads_(std::max(1, threads)) {}
  ~Forwarder() {
    close();
    join();
  }

  // HerderRequestHandler.completeOrForwardRequest's catch blocks, on the exchange's strand once
  // the herder failed it with `error`. Returns the answer, or nullopt when a forward was started
  // (it answers later).
  std::optional<RestResponse> completeOrForward(const std::shared_ptr<Exchange>& ex, std::exception_ptr error,
                                                const Forward& forward) {
    try {
      std::rethrow_exception(error);
    } catch (const runtime::RequestTargetException& e) {
      std::optional<bool> forward_param = ex->forwardParam();
      if (forward_param && !*forward_param) {
        // Two hops should reach the right worker; a third means the cluster moved meanwhile.
        spdlog::error(
            "Request '{} {}' failed because it couldn't find the target Connect worker within two hops (between "
            "workers).",
            forward.method, ex->path);
        return RestResponse::error(409, std::string("Cannot complete request because of a conflicting operation "
                                                    "(e.g. worker rebalance)"));
      }
      if (!e.forwardUrl() || e.forwardUrl()->empty()) {
        return RestResponse::error(409, std::string("Cannot complete request momentarily due to no known leader URL, "
                                                    "likely because a rebalance was underway."));
      }
      // Only a request straight from a user may be forwarded twice.
      start(ex, forwardUrl(*e.forwardUrl(), ex->path, !forward_param, forward.query), forward);
      return std::nullopt;
    } catch (const runtime::RebalanceNeededException&) {
      return RestResponse::error(409, std::string("Cannot complete request momentarily due to stale configuration "
                                                  "(typically caused by a concurrent config change)"));
    } catch (...) {
      return RestResponse::error(std::current_exception());
    }
  }

  // Aborts forwards in flight; their answers are dropped by the Lifetime check.
  void close() {
    {
      std::lock_guard lock(mu_);
      closed_ = true;
    }
    client_->close();
  }

  void join() {
    boost::asio::thread_pool* pool;
    {
      std::lock_guard lock(mu_);
      pool = pool_.get();
    }
    if (pool) pool->join();
  }

 private:
  void start(const std::shared_ptr<Exchange>& ex, std::string url, const Forward& forward) {
    RestClient::Headers headers;
    if (auto auth = ex->header("Authorization")) headers["Authorization"] = *auth;
    if (forward.internal) {
      for (auto name : {kSignatureHeader, kSignatureAlgorithmHeader}) {
        if (auto value = ex->header(name)) headers[std::string(name)] = *value;
      }
    }
    std::optional<std::string> body;
    if (!ex->request.body.empty()) body = ex->request.body;
    spdlog::debug("Forwarding request {} {} {}", url, forward.method, body.value_or("null"));

    // The job holds the exchange only until it hands it back to the strand, and never holds the
    // Forwarder, so the pool is never joined from one of its own threads.
    auto job = [client = client_, lifetime = lifetime_, ex, url = std::move(url), method = forward.method,
                headers = std::move(headers), body = std::move(body), translate = forward.translate]() mutable {
      try {
        RestResponse response;
        try {
          response = translate(client->httpRequest(url, method, headers, body));
        } catch (const JsonProcessingException& e) {
          response = RestResponse::error(500, "IO Error trying to forward REST request: " + std::string(e.what()));
        } catch (...) {
          response = RestResponse::error(std::current_exception());
        }
        std::lock_guard lock(lifetime->mu);
        if (lifetime->stopped) return;
        auto executor = ex->sink.executor;
        boost::asio::post(executor, [ex = std::move(ex), response = std::move(response)]() mutable {
          ex->respond(std::move(response));
        });
      } catch (const std::exception& e) {
        spdlog::error("Forwarding REST request to {} failed: {}", url, e.what());
      }
    };
    std::lock_guard lock(mu_);
    if (closed_) return;
    if (!pool_) pool_ = std::make_unique<boost::asio::thread_pool>(threads_);
    boost::asio::post(*pool_, std::move(job));
  }

  std::shared_ptr<Lifetime> lifetime_;
  std::shared_ptr<RestClient> client_;
  int threads_;
  std::mutex mu_;
  bool closed_ = false;
  std::unique_ptr<boost::asio::thread_pool> pool_;
};

namespace {

// InternalRequestSignature.fromHeaders: nothing unless both headers are present; a signature
// that is not base64 is a 400. Whether the algorithm is one the worker can use is the herder's
// call (it owns the session key and its algorithm settings).
std::optional<runtime::Herder::InternalRequestSignature> requestSignature(const Router::Exchange& ex) {
  auto algorithm = ex.header(kSignatureAlgorithmHeader);
  auto signature = ex.header(kSignatureHeader);
  if (!algorithm || !signature) return std::nullopt;
  if (auto error = javaBase64Error(*signature)) throw api::BadRequestException(*error);
  return runtime::Herder::InternalRequestSignature{*algorithm, *signature, ex.request.body};
}

}  // namespace

RestResponse RestResponse::json(unsigned status, std::string body) {
  RestResponse r;
  r.status = status;
  r.body = std::move(body);
  r.content_type = std::string(kJson);
  return r;
}

RestResponse RestResponse::empty(unsigned status) {
  RestResponse r;
  r.status = status;
  return r;
}

RestResponse RestResponse::error(unsigned status, const std::optional<std::string>& message) {
  RestResponse r = json(status, ErrorMapper::body(status, message));
  r.is_error = true;
  return r;
}

RestResponse RestResponse::error(std::exception_ptr error) {
  auto mapped = ErrorMapper::map(error);
  RestResponse r = json(mapped.status, ErrorMapper::body(mapped.error_code, mapped.message));
  r.is_error = true;
  return r;
}

Router::Router(runtime::Herder& herder, RouterConfig config)
    : herder_(herder),
      config_(std::move(config)),
      lifetime_(std::make_shared<Lifetime>()),
      forwarder_(std::make_shared<Forwarder>(lifetime_, config_.forward_timeout, config_.forward_threads)) {
  using V = http::verb;
  routes_ = {
      {{}, false, false, {{V::get, &Router::serverInfo}}},
      {{"health"}, false, false, {{V::get, &Router::health}}},
      {{"connectors"}, false, true, {{V::get, &Router::listConnectors}, {V::post, &Router::createConnector}}},
      {{"connectors", "*"}, false, true, {{V::get, &Router::getConnector}, {V::delete_, &Router::deleteConnector}}},
      {{"connectors", "*", "config"},
       false,
       true,
       {{V::get, &Router::getConnectorConfig},
        {V::put, &Router::putConnectorConfig},
        {V::patch, &Router::patchConnectorConfig}}},
      {{"connectors", "*", "status"}, false, true, {{V::get, &Router::getConnectorStatus}}},
      {{"connectors", "*", "restart"}, false, true, {{V::post, &Router::restartConnector}}},
      {{"connectors", "*", "pause"}, false, true, {{V::put, &Router::pauseConnector}}},
      {{"connectors", "*", "resume"}, false, true, {{V::put, &Router::resumeConnector}}},
      {{"connectors", "*", "stop"}, false, true, {{V::put, &Router::stopConnector}}},
      {{"connectors", "*", "tasks"},
       false,
       true,
       {{V::get, &Router::getTaskConfigs}, {V::post, &Router::putTaskConfigs}},
       {V::post}},
      {{"connectors", "*", "fence"}, false, false, {{V::put, &Router::fenceZombies}}},
      {{"connectors", "*", "tasks-config"}, false, true, {{V::get, &Router::getTasksConfig}}},
      {{"connectors", "*", "tasks", "*", "status"}, false, true, {{V::get, &Router::getTaskStatus}}},
      {{"connectors", "*", "tasks", "*", "restart"}, false, true, {{V::post, &Router::restartTask}}},
      {{"connectors", "*", "topics"}, false, true, {{V::get, &Router::getActiveTopics}}},
      {{"connectors", "*", "topics", "reset"}, false, true, {{V::put, &Router::resetActiveTopics}}},
      {{"connectors", "*", "offsets"},
       false,
       true,
       {{V::get, &Router::getOffsets}, {V::patch, &Router::alterOffsets}, {V::delete_, &Router::resetOffsets}}},
      {{"connector-plugins"}, false, true, {{V::get, &Router::listPlugins}}},
      {{"connector-plugins", "*", "config"}, false, true, {{V::get, &Router::getPluginConfig}}},
      {{"connector-plugins", "*", "config", "validate"}, false, true, {{V::put, &Router::validateConfigs}}},
      {{"admin", "loggers"}, true, true, {{V::get, &Router::listLoggers}}},
      {{"admin", "loggers", "*"}, true, true, {{V::get, &Router::getLogger}, {V::put, &Router::setLogger}}},
  };
}

Router::~Router() {
  shutdown();
  forwarder_->join();
}

void Router::shutdown() {
  std::vector<std::weak_ptr<boost::asio::steady_timer>> timers;
  {
    std::lock_guard lock(lifetime_->mu);
    lifetime_->stopped = true;
    timers.swap(lifetime_->timers);
  }
  for (auto& weak : timers) {
    if (auto timer = weak.lock()) {
      auto executor = timer->get_executor();
      boost::asio::post(executor, [timer = std::move(timer)] { timer->cancel(); });
    }
  }
  forwarder_->close();
}

void Router::handle(RestRequest request, ResponseSink sink) {
  auto ex = std::make_shared<Exchange>();
  ex->request = std::move(request);
  ex->sink = std::move(sink);
  try {
    dispatch(ex);
  } catch (...) {
    ex->respondError(std::current_exception());
  }
}

void Router::dispatch(const std::shared_ptr<Exchange>& ex) {
  const RestRequest& req = ex->request;
  std::string_view target = req.target;
  // An absolute-form target (proxies) carries scheme and authority before the path.
  if (auto scheme = target.find("://"); scheme != std::string_view::npos && scheme < target.find('/')) {
    auto slash = target.find('/', scheme + 3);
    target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
  }
  auto qmark = target.find('?');
  std::string_view path = target.substr(0, qmark);
  if (auto hash = path.find('#'); hash != std::string_view::npos) path = path.substr(0, hash);
  ex->path = std::string(path);
  if (qmark != std::string_view::npos) ex->query = parseQuery(target.substr(qmark + 1));

  if (path.empty() || path[0] != '/') throw WebApplicationException::notFound();
  // Jersey's resource-method templates end in an optional '/', so one trailing slash is the
  // same resource.
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  std::vector<std::string> segments;
  if (path.size() > 1) segments = common::split(path.substr(1), '/');

  const Route* route = nullptr;
  std::vector<std::string> params;
  for (const auto& r : routes_) {
    if (r.pattern.size() != segments.size()) continue;
    bool match = true;
    std::vector<std::string> candidate;
    for (size_t i = 0; i < segments.size() && match; ++i) {
      if (segments[i].empty()) {
        match = false;
      } else if (r.pattern[i] == "*") {
        candidate.push_back(common::urlDecode(segments[i], false));
      } else {
        match = segments[i] == r.pattern[i];
      }
    }
    if (match) {
      route = &r;
      params = std::move(candidate);
      break;
    }
  }
  if (!route) throw WebApplicationException::notFound();
  if ((route->admin && req.role == ListenerRole::Api) || (!route->admin && req.role == ListenerRole::Admin)) {
    throw WebApplicationException::notFound();
  }
  ex->params = std::move(params);

  auto allowHeader = [&] {
    std::vector<std::string> names;
    bool has_get = false;
    for (const auto& [verb, h] : route->methods) {
      names.emplace_back(http::to_string(verb));
      has_get = has_get || verb == http::verb::get;
    }
    if (has_get) names.emplace_back("HEAD");
    names.emplace_back("OPTIONS");
    std::sort(names.begin(), names.end());
    return common::join(names, ",");
  };

  http::verb verb = req.method == http::verb::head ? http::verb::get : req.method;
  Handler handler = nullptr;
  if (req.method != http::verb::unknown) {
    for (const auto& [v, h] : route->methods) {
      if (v == verb) handler = h;
    }
  }
  if (!handler) {
    if (req.method == http::verb::options) {
      RestResponse r = RestResponse::empty(200);
      r.headers.emplace_back("Allow", allowHeader());
      ex->respond(std::move(r));
      return;
    }
    RestResponse r = RestResponse::error(405, std::string("HTTP 405 Method Not Allowed"));
    r.headers.emplace_back("Allow", allowHeader());
    ex->respond(std::move(r));
    return;
  }
  bool consumes_any = std::find(route->consumes_any.begin(), route->consumes_any.end(), verb) != route->consumes_any.end();
  if (route->consumes_json && !consumes_any && req.content_type) {
    auto type = parseMediaType(*req.content_type);
    if (!type) throw WebApplicationException(400, "HTTP 400 Bad Request");
    if (!compatible(*type, MediaType{"application", "json"})) throw WebApplicationException::unsupportedMediaType();
  }
  if (req.accept && !acceptsJson(*req.accept)) throw WebApplicationException::notAcceptable();

  (this->*handler)(ex);
}

template <typename T, typename OnResult>
runtime::Callback<T> Router::await(const std::shared_ptr<Exchange>& ex, std::chrono::milliseconds timeout,
                                   OnResult on_result, std::function<RestResponse()> on_timeout) {
  // Lives as long as the timer wait or a posted completion holds it; the herder only keeps a
  // weak reference, so a late answer finds nothing to complete.
  struct Pending {
    explicit Pending(const boost::asio::any_io_executor& executor) : timer(executor) {}
    boost::asio::steady_timer timer;
    std::shared_ptr<Exchange> exchange;
    std::function<RestResponse()> on_timeout;
    bool done = false;
  };
  auto pending = std::make_shared<Pending>(ex->sink.executor);
  pending->exchange = ex;
  pending->on_timeout = on_timeout ? std::move(on_timeout) : std::function<RestResponse()>(timeoutResponse);
  pending->timer.expires_after(timeout);
  pending->timer.async_wait([pending](const boost::system::error_code& ec) {
    if (ec || pending->done) return;
    pending->done = true;
    RestResponse r;
    try {
      r = pending->on_timeout();
    } catch (...) {
      r = RestResponse::error(std::current_exception());
    }
    pending->exchange->respond(std::move(r));
  });

  {
    std::lock_guard lock(lifetime_->mu);
    if (lifetime_->stopped) {
      pending->timer.cancel();
    } else {
      auto& timers = lifetime_->timers;
      if (timers.size() >= lifetime_->purge_at) {
        timers.erase(std::remove_if(timers.begin(), timers.end(), [](const auto& w) { return w.expired(); }),
                     timers.end());
        lifetime_->purge_at = std::max<size_t>(64, timers.size() * 2);
      }
      timers.emplace_back(std::shared_ptr<boost::asio::steady_timer>(pending, &pending->timer));
    }
  }

  std::weak_ptr<Pending> weak = pending;
  std::shared_ptr<Lifetime> lifetime = lifetime_;
  return [weak, lifetime, on_result](std::exception_ptr error, T result) {
    std::lock_guard lock(lifetime->mu);
    if (lifetime->stopped) return;
    auto p = weak.lock();
    if (!p) return;
    auto executor = p->timer.get_executor();
    boost::asio::post(executor, [p = std::move(p), on_result, error, result = std::move(result)]() mutable {
      if (p->done) return;
      p->done = true;
      p->timer.cancel();
      // nullopt: the result handler answers later itself (a forwarded request).
      std::optional<RestResponse> r;
      try {
        r = on_result(error, result);
      } catch (...) {
        r = RestResponse::error(std::current_exception());
      }
      if (r) p->exchange->respond(std::move(*r));
    });
  };
}

template <typename T, typename OnValue>
runtime::Callback<T> Router::awaitValue(const std::shared_ptr<Exchange>& ex, OnValue on_value) {
  return await<T>(ex, config_.request_timeout, [on_value](std::exception_ptr error, T& result) -> RestResponse {
    if (error) return RestResponse::error(error);
    return on_value(result);
  });
}

template <typename T, typename OnValue>
runtime::Callback<T> Router::awaitOrForward(const std::shared_ptr<Exchange>& ex, Forward forward, OnValue on_value) {
  // The callback the herder keeps must not own the exchange (see await); while this runs the
  // pending completion does.
  std::weak_ptr<Exchange> weak = ex;
  return await<T>(ex, config_.request_timeout,
                  [weak, forwarder = forwarder_, forward = std::move(forward), on_value](
                      std::exception_ptr error, T& result) -> std::optional<RestResponse> {
                    if (!error) return on_value(result);
                    auto exchange = weak.lock();
                    if (!exchange) return std::nullopt;
                    return forwarder->completeOrForward(exchange, error, forward);
                  });
}

void Router::serverInfo(const std::shared_ptr<Exchange>& ex) {
  ex->respond(RestResponse::json(200, dump(serverInfoJson(kKafkaConnectVersion, kCommit, herder_.kafkaClusterId()))));
}

void Router::health(const std::shared_ptr<Exchange>& ex) {
  auto on_result = [](std::exception_ptr error, bool&) -> RestResponse {
    if (error) return RestResponse::error(error);
    return RestResponse::json(
        200, dump(workerStatusJson("healthy", "Worker has completed startup and is ready to handle requests.")));
  };
  runtime::Herder* herder = &herder_;
  auto on_timeout = [herder]() -> RestResponse {
    if (!herder->ready()) return RestResponse::json(503, dump(workerStatusJson("starting", "Worker is still starting up.")));
    return RestResponse::json(
        500, dump(workerStatusJson(
                 "unhealthy", "Worker was unable to handle this request and may be unable to handle other requests.")));
  };
  herder_.healthCheck(await<bool>(ex, config_.health_check_timeout, on_result, on_timeout));
}

void Router::listConnectors(const std::shared_ptr<Exchange>& ex) {
  if (!ex->hasQuery("expand")) {
    Json names = Json::array();
    for (const auto& n : herder_.connectors()) names.push_back(n);
    ex->respond(RestResponse::json(200, dump(names)));
    return;
  }
  auto expansions = ex->queryValues("expand");
  Json out = Json::object();
  for (const auto& name : herder_.connectors()) {
    try {
      Json entry = Json::object();
      for (const auto& e : expansions) {
        if (e == "status") {
          entry["status"] = toJson(herder_.connectorStatus(name));
        } else if (e == "info") {
          auto info = herder_.connectorInfoSnapshot(name);
          entry["info"] = info ? toJson(*info) : Json(nullptr);
        } else {
          spdlog::info("Ignoring unknown expansion type {}", e);
        }
      }
      out[name] = std::move(entry);
    } catch (const api::NotFoundException&) {
      // Removed while we looked it up: Connect leaves it out.
      spdlog::debug("Unable to get connector info for {} on this worker", name);
    }
  }
  ex->respond(RestResponse::json(200, dump(out)));
}

void Router::createConnector(const std::shared_ptr<Exchange>& ex) {
  Json body = parseRequestBody(ex->request.body, true);
  if (body.is_null()) {
    nullBody(
        "Cannot invoke \"org.apache.kafka.connect.runtime.rest.entities.CreateConnectorRequest.name()\" because "
        "\"createRequest\" is null");
  }
  CreateConnectorRequest create = createConnectorRequestFromJson(body);
  std::string name = create.name ? javaTrim(*create.name) : "";
  if (!create.config) nullBody("Cannot invoke \"java.util.Map.get(Object)\" because \"connectorConfig\" is null");
  NullableConfig config = std::move(*create.config);
  checkAndPutConnectorConfigName(name, config);
  submitConnectorConfig(ex, name, config, false, create.initial_state, true, "POST");
}

void Router::submitConnectorConfig(const std::shared_ptr<Exchange>& ex, const std::string& name,
                                   const NullableConfig& config, bool allow_replace,
                                   std::optional<runtime::TargetState> initial_state, bool always_created,
                                   const std::string& method) {
  const auto* cls = findEntry(config, "connector.class");
  if (!cls || !*cls) {
    throw api::BadRequestException("Connector config " + javaMapToString(config) + std::string(kNoConnectorClassSuffix));
  }
  std::string location = "http://" + ex->request.host + connectorLocationPath(name);
  bool has_nulls = std::any_of(config.begin(), config.end(), [](const auto& e) { return !e.second; });
  if (has_nulls) {
    // A null value fails validation; run it so the 400 lists every error as Connect's does.
    herder_.validateConnectorConfig(
        nonNullEntries(config),
        awaitValue<runtime::ConfigInfos>(ex, [config](runtime::ConfigInfos& infos) -> RestResponse {
          addNullValueErrors(infos, config);
          return RestResponse::error(400, invalidConfigMessage(infos));
        }));
    return;
  }
  auto answer = [location, always_created](bool created, RestResponse r) {
    if (!created && !always_created) return r;
    r.status = 201;
    r.headers.emplace_back("Location", location);
    return r;
  };
  // CreatedConnectorInfoTranslator: the other worker's 201 is the "created" flag.
  Forward forward{method, {}, [answer](const RestClient::HttpResponse& reply) {
                    return answer(reply.status == 201, forwardedEntity(200, reply));
                  }};
  herder_.putConnectorConfig(name, nonNullEntries(config), allow_replace, initial_state,
                             awaitOrForward<runtime::Created>(ex, std::move(forward), [answer](runtime::Created& created) {
                               return answer(created.created, RestResponse::json(200, dump(toJson(created.info))));
                             }));
}

void Router::getConnector(const std::shared_ptr<Exchange>& ex) {
  herder_.connectorInfo(ex->params[0], awaitValue<runtime::ConnectorInfo>(ex, [](runtime::ConnectorInfo& info) {
                          return RestResponse::json(200, dump(toJson(info)));
                        }));
}

void Router::deleteConnector(const std::shared_ptr<Exchange>& ex) {
  herder_.deleteConnectorConfig(ex->params[0], awaitOrForward<bool>(ex, Forward{"DELETE"},
                                                                   [](bool&) { return RestResponse::empty(204); }));
}

void Router::getConnectorConfig(const std::shared_ptr<Exchange>& ex) {
  herder_.connectorConfig(ex->params[0], awaitValue<api::ConfigMap>(ex, [](api::ConfigMap& config) {
                            return RestResponse::json(200, dump(toJson(config)));
                          }));
}

void Router::putConnectorConfig(const std::shared_ptr<Exchange>& ex) {
  Json body = parseRequestBody(ex->request.body, true);
  if (body.is_null()) nullBody("Cannot invoke \"java.util.Map.get(Object)\" because \"connectorConfig\" is null");
  NullableConfig config = nullableConfigFromJson(body);
  const std::string& name = ex->params[0];
  checkAndPutConnectorConfigName(name, config);
  submitConnectorConfig(ex, name, config, true, std::nullopt, false, "PUT");
}

void Router::patchConnectorConfig(const std::shared_ptr<Exchange>& ex) {
  Json body = parseRequestBody(ex->request.body, true);
  if (body.is_null()) nullBody("Cannot invoke \"java.util.Map.entrySet()\" because \"configPatch\" is null");
  std::map<std::string, std::optional<std::string>> patch;
  for (auto& [k, v] : nullableConfigFromJson(body)) patch[k] = std::move(v);
  herder_.patchConnectorConfig(ex->params[0], patch,
                               awaitOrForward<runtime::Created>(ex, Forward{"PATCH", {}, entityAnswer(200)},
                                                                [](runtime::Created& created) {
                                                                  return RestResponse::json(200, dump(toJson(created.info)));
                                                                }));
}

void Router::getConnectorStatus(const std::shared_ptr<Exchange>& ex) {
  runtime::ConnectorStateInfo state = herder_.connectorStatus(ex->params[0]);
  std::stable_sort(state.tasks.begin(), state.tasks.end(),
                   [](const runtime::TaskStateInfo& a, const runtime::TaskStateInfo& b) { return a.id < b.id; });
  ex->respond(RestResponse::json(200, dump(toJson(state))));
}

void Router::restartConnector(const std::shared_ptr<Exchange>& ex) {
  runtime::RestartRequest request{ex->params[0], ex->queryBool("includeTasks", false),
                                  ex->queryBool("onlyFailed", false)};
  if (!request.include_tasks && !request.only_failed) {
    // Connect's backward-compatible form: forwarded without includeTasks/onlyFailed.
    herder_.restartConnector(request.connector, awaitOrForward<bool>(ex, Forward{"POST"},
                                                                     [](bool&) { return RestResponse::empty(204); }));
    return;
  }
  Forward forward{"POST",
                  {{"includeTasks", request.include_tasks ? "true" : "false"},
                   {"onlyFailed", request.only_failed ? "true" : "false"}},
                  entityAnswer(202)};
  herder_.restartConnectorAndTasks(
      request, awaitOrForward<runtime::ConnectorStateInfo>(ex, std::move(forward), [](runtime::ConnectorStateInfo& plan) {
        return RestResponse::json(202, dump(toJson(plan)));
      }));
}

void Router::pauseConnector(const std::shared_ptr<Exchange>& ex) {
  herder_.pauseConnector(ex->params[0]);
  ex->respond(RestResponse::empty(202));
}

void Router::resumeConnector(const std::shared_ptr<Exchange>& ex) {
  herder_.resumeConnector(ex->params[0]);
  ex->respond(RestResponse::empty(202));
}

void Router::stopConnector(const std::shared_ptr<Exchange>& ex) {
  herder_.stopConnector(ex->params[0],
                        awaitOrForward<bool>(ex, Forward{"PUT"}, [](bool&) { return RestResponse::empty(204); }));
}

void Router::getTaskConfigs(const std::shared_ptr<Exchange>& ex) {
  herder_.taskConfigs(ex->params[0], awaitValue<std::vector<runtime::TaskInfo>>(ex, [](auto& tasks) {
                        Json a = Json::array();
                        for (const auto& t : tasks) a.push_back(toJson(t));
                        return RestResponse::json(200, dump(a));
                      }));
}

void Router::getTasksConfig(const std::shared_ptr<Exchange>& ex) {
  herder_.taskConfigs(ex->params[0], awaitValue<std::vector<runtime::TaskInfo>>(ex, [](auto& tasks) {
                        return RestResponse::json(200, dump(tasksConfigJson(tasks)));
                      }));
}

void Router::getTaskStatus(const std::shared_ptr<Exchange>& ex) {
  auto task = parseJavaInt(ex->params[1]);
  // JAX-RS answers 404 when a path parameter cannot be converted.
  if (!task) throw WebApplicationException::notFound();
  ex->respond(RestResponse::json(200, dump(toJson(herder_.taskStatus({ex->params[0], *task})))));
}

void Router::restartTask(const std::shared_ptr<Exchange>& ex) {
  auto task = parseJavaInt(ex->params[1]);
  if (!task) throw WebApplicationException::notFound();
  herder_.restartTask({ex->params[0], *task},
                      awaitOrForward<bool>(ex, Forward{"POST"}, [](bool&) { return RestResponse::empty(204); }));
}

void Router::getActiveTopics(const std::shared_ptr<Exchange>& ex) {
  if (!herder_.topicTrackingEnabled()) throw api::ConnectRestException(403, "Topic tracking is disabled.");
  const std::string& name = ex->params[0];
  Json topics = Json::array();
  for (const auto& t : herder_.connectorActiveTopics(name)) topics.push_back(t);
  Json info;
  info["topics"] = std::move(topics);
  Json out;
  out[name] = std::move(info);
  ex->respond(RestResponse::json(200, dump(out)));
}

void Router::resetActiveTopics(const std::shared_ptr<Exchange>& ex) {
  if (!herder_.topicTrackingEnabled()) throw api::ConnectRestException(403, "Topic tracking is disabled.");
  if (!herder_.topicTrackingResetAllowed()) throw api::ConnectRestException(403, "Topic tracking reset is disabled.");
  herder_.resetConnectorActiveTopics(ex->params[0]);
  ex->respond(RestResponse::empty(202));
}

void Router::getOffsets(const std::shared_ptr<Exchange>& ex) {
  herder_.connectorOffsets(ex->params[0], awaitValue<runtime::ConnectorOffsets>(ex, [](auto& offsets) {
                             return RestResponse::json(200, dump(toJson(offsets)));
                           }));
}

void Router::alterOffsets(const std::shared_ptr<Exchange>& ex) {
  Json body = parseRequestBody(ex->request.body, false);
  if (body.is_null()) {
    nullBody(
        "Cannot invoke \"org.apache.kafka.connect.runtime.rest.entities.ConnectorOffsets.offsets()\" because "
        "\"offsets\" is null");
  }
  runtime::ConnectorOffsets offsets = connectorOffsetsFromJson(body);
  if (offsets.offsets.empty()) {
    throw WebApplicationException(400, "Partitions / offsets need to be provided for an alter offsets request");
  }
  herder_.alterConnectorOffsets(ex->params[0], offsets,
                                awaitOrForward<std::string>(ex, Forward{"PATCH", {}, entityAnswer(200)},
                                                            [](std::string& message) {
                                                              return RestResponse::json(200, dump(messageJson(message)));
                                                            }));
}

void Router::resetOffsets(const std::shared_ptr<Exchange>& ex) {
  herder_.resetConnectorOffsets(ex->params[0], awaitOrForward<std::string>(ex, Forward{"DELETE", {}, entityAnswer(200)},
                                                                          [](std::string& message) {
                                                                            return RestResponse::json(
                                                                                200, dump(messageJson(message)));
                                                                          }));
}

void Router::listPlugins(const std::shared_ptr<Exchange>& ex) {
  using K = api::PluginKind;
  bool connectors_only = ex->queryBool("connectorsOnly", true);
  const api::PluginRegistry& registry = herder_.plugins();
  // Connect's order: sinks, sources, then (when asked) transformations, predicates, converters
  // and header converters, each sorted by class name.
  std::vector<K> kinds = {K::Sink, K::Source};
  if (!connectors_only) kinds.insert(kinds.end(), {K::Transformation, K::Predicate, K::Converter, K::HeaderConverter});
  Json out = Json::array();
  for (K kind : kinds) {
    for (const api::PluginDesc* p : registry.plugins({kind})) {
      api::PluginDesc desc = *p;
      desc.kind = kind;
      out.push_back(pluginInfoJson(desc));
    }
  }
  ex->respond(RestResponse::json(200, dump(out)));
}

void Router::getPluginConfig(const std::shared_ptr<Exchange>& ex) {
  Json out = Json::array();
  for (const auto& key : herder_.connectorPluginConfig(ex->params[0])) out.push_back(toJson(key));
  ex->respond(RestResponse::json(200, dump(out)));
}

void Router::validateConfigs(const std::shared_ptr<Exchange>& ex) {
  const std::string& plugin = ex->params[0];
  Json body = parseRequestBody(ex->request.body, true);
  if (body.is_null()) nullBody("Cannot invoke \"java.util.Map.get(Object)\" because \"connectorConfig\" is null");
  NullableConfig config = nullableConfigFromJson(body);
  const auto* included = findEntry(config, "connector.class");
  if (included && *included && !common::endsWith(normalizedPluginName(**included), normalizedPluginName(plugin))) {
    throw WebApplicationException(400, "Included connector type " + **included + " does not match request type " + plugin);
  }
  // Connect waits on its own future here and never unwraps the ExecutionException: whatever the
  // validation throws becomes a 500 whose message is the cause's toString().
  if (!included || !*included) {
    throw std::runtime_error("org.apache.kafka.connect.runtime.rest.errors.BadRequestException: Connector config " +
                             javaMapToString(config) + std::string(kNoConnectorClassSuffix));
  }
  herder_.validateConnectorConfig(
      nonNullEntries(config),
      await<runtime::ConfigInfos>(ex, config_.request_timeout,
                                  [config](std::exception_ptr error, runtime::ConfigInfos& infos) -> RestResponse {
                                    if (error) return RestResponse::error(500, ErrorMapper::javaToString(error));
                                    addNullValueErrors(infos, config);
                                    return RestResponse::json(200, dump(toJson(infos)));
                                  }));
}

void Router::listLoggers(const std::shared_ptr<Exchange>& ex) {
  Json out = Json::object();
  for (const auto& [name, level] : common::LoggerLevels::instance().explicitLevels()) out[name] = loggerLevelJson(level);
  ex->respond(RestResponse::json(200, dump(out)));
}

void Router::getLogger(const std::shared_ptr<Exchange>& ex) {
  const std::string& requested = ex->params[0];
  std::string name = common::iequals(requested, "root") ? "root" : requested;
  auto level = common::LoggerLevels::instance().level(name);
  if (!level) throw api::NotFoundException("Logger " + requested + " not found.");
  ex->respond(RestResponse::json(200, dump(loggerLevelJson(*level))));
}

void Router::setLogger(const std::shared_ptr<Exchange>& ex) {
  const std::string& requested = ex->params[0];
  std::string name = common::iequals(requested, "root") ? "root" : requested;
  Json body = parseRequestBody(ex->request.body, true);
  if (body.is_null()) nullBody("Cannot invoke \"java.util.Map.get(Object)\" because \"levelMap\" is null");
  NullableConfig level_map = nullableConfigFromJson(body);
  const auto* level = findEntry(level_map, "level");
  if (!level || !*level) throw api::BadRequestException("Desired 'level' parameter was not specified in request.");
  if (!common::LoggerLevels::validLevel(**level)) throw api::NotFoundException("invalid log level '" + **level + "'.");
  std::string upper = common::toUpper(**level);

  auto scopes = ex->queryValues("scope");
  std::string scope = scopes.empty() ? "worker" : scopes.front();
  if (common::iequals(scope, "cluster")) {
    if (config_.cluster_logger_level) {
      config_.cluster_logger_level(name, upper);
    } else {
      common::LoggerLevels::instance().setLevel(name, upper);
    }
    ex->respond(RestResponse::empty(204));
    return;
  }
  if (!common::iequals(scope, "worker")) {
    spdlog::warn("Received invalid scope '{}' in request to adjust logging level; will default to worker", scope);
  }
  Json names = Json::array();
  for (const auto& n : common::LoggerLevels::instance().setLevel(name, upper)) names.push_back(n);
  ex->respond(RestResponse::json(200, dump(names)));
}

void Router::putTaskConfigs(const std::shared_ptr<Exchange>& ex) {
  // InternalClusterResource reads the raw bytes with a plain ObjectMapper: no content is an error
  // here, not a null entity.
  const std::string& body = ex->request.body;
  if (common::trim(body).empty()) {
    throw JsonProcessingException("No content to map due to end-of-input\n at [Source: (request body); line: 1, column: 0]");
  }
  Json parsed = parseRequestBody(body, true);
  if (parsed.is_null()) throw api::BadRequestException("Task configurations must be a JSON array, not null");
  std::vector<api::ConfigMap> configs = taskConfigsFromJson(parsed);
  herder_.putTaskConfigs(ex->params[0], configs, requestSignature(*ex),
                         awaitOrForward<bool>(ex, Forward{"POST", {}, noContentAnswer(), true},
                                              [](bool&) { return RestResponse::empty(204); }));
}

void Router::fenceZombies(const std::shared_ptr<Exchange>& ex) {
  herder_.fenceZombieSourceTasks(ex->params[0], requestSignature(*ex),
                                 awaitOrForward<bool>(ex, Forward{"PUT", {}, noContentAnswer(), true},
                                                      [](bool&) { return RestResponse::empty(204); }));
}

}  // namespace connectd::rest
