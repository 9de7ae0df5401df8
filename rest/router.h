#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/http/verb.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rest/rest_client.h"
#include "server/runtime/herder.h"

namespace connectd::rest {

// Which resources a listener serves (Connect's admin.listeners): everything, everything but
// /admin, or only /admin.
enum class ListenerRole { All, Api, Admin };

// One HTTP request as the router sees it.
struct RestRequest {
  boost::beast::http::verb method = boost::beast::http::verb::get;
  std::string method_string;              // the raw method token (for verbs Beast does not know)
  std::string target;                     // request-target, still percent-encoded
  std::string host;                       // Host header, or the listener address when absent
  std::optional<std::string> content_type;
  std::optional<std::string> accept;
  // Every header as received (names in the client's case), for the few a handler reads itself:
  // Authorization (copied onto forwarded requests) and the internal-request signature headers.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  ListenerRole role = ListenerRole::All;
};

struct RestResponse {
  unsigned status = 200;
  std::string body;
  std::string content_type;  // empty: no entity, no Content-Type (202/204 answers)
  std::vector<std::pair<std::string, std::string>> headers;
  bool is_error = false;  // an ErrorMessage body (logged by the router)

  static RestResponse json(unsigned status, std::string body);
  static RestResponse empty(unsigned status);
  // {"error_code":status,"message":message}.
  static RestResponse error(unsigned status, const std::optional<std::string>& message);
  // The mapped form of any exception (ErrorMapper).
  static RestResponse error(std::exception_ptr error);
};

// Where the router delivers its answer: `respond` is called exactly once, always on `executor`
// (the connection's strand), possibly after the herder answered on another thread.
struct ResponseSink {
  boost::asio::any_io_executor executor;
  std::function<void(RestResponse)> respond;
};

struct RouterConfig {
  // How long a request waits for the herder (RestServer.DEFAULT_REST_REQUEST_TIMEOUT_MS).
  std::chrono::milliseconds request_timeout{90'000};
  // How long GET /health waits for the herder thread.
  std::chrono::milliseconds health_check_timeout{10'000};
  // Forwarding a request to the leader or a connector's owner (distributed mode): the deadline of
  // the whole remote exchange, and how many forwards may be in flight at once (more wait in a
  // queue). The threads are started on the first forward, so a standalone worker never has them.
  std::chrono::milliseconds forward_timeout{RestClient::kDefaultRequestTimeout};
  int forward_threads = 8;
  // PUT /admin/loggers/{name}?scope=cluster. Connect writes a logger-cluster-<name> record that
  // every worker applies; the Herder interface has no such call yet, so the runtime plugs it in
  // here. When unset, the level is applied on this worker only (still answered with 204).
  std::function<void(const std::string& logger, const std::string& level)> cluster_logger_level;
};

// Maps requests to Herder calls and renders Kafka Connect's answers (spec §1.2–§1.5). Thread-safe:
// sessions on every io thread share one Router. Handlers never block on the herder: methods with
// a Callback complete later, on the herder's thread, and the answer is posted back to the sink's
// executor; a timer on that executor answers 500 "Request timed out" if the herder never does.
//
// Writes the herder refuses with a RequestTargetException (distributed mode: not the leader, or
// not the connector's owner) are forwarded as Kafka's HerderRequestHandler.completeOrForwardRequest
// does: re-sent to the exception's URL with the hidden `forward` parameter, on a forwarding
// thread so the io_context never waits for the other worker, and answered with its reply.
class Router {
 public:
  Router(runtime::Herder& herder, RouterConfig config);
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // Called on the sink's executor.
  void handle(RestRequest request, ResponseSink sink);

  // After this returns no late herder callback or forwarded answer touches any executor, requests
  // still waiting for the herder are abandoned (their connections are being closed) and forwards
  // in flight are aborted. Call before the io_context the sinks run on is stopped and destroyed.
  // The destructor also waits for the forwarding threads.
  void shutdown();

  struct Exchange;
  struct Route;
  struct Forward;

 private:
  // Herder callbacks that arrive after shutdown() are dropped under this lock; the timers of
  // requests still waiting for the herder are cancelled by shutdown() so nothing keeps the
  // io_context busy.
  struct Lifetime {
    std::mutex mu;
    bool stopped = false;
    std::vector<std::weak_ptr<boost::asio::steady_timer>> timers;
    size_t purge_at = 64;
  };
  class Forwarder;

  void dispatch(const std::shared_ptr<Exchange>& ex);

  template <typename T, typename OnResult>
  runtime::Callback<T> await(const std::shared_ptr<Exchange>& ex, std::chrono::milliseconds timeout,
                             OnResult on_result, std::function<RestResponse()> on_timeout = {});
  template <typename T, typename OnValue>
  runtime::Callback<T> awaitValue(const std::shared_ptr<Exchange>& ex, OnValue on_value);
  // awaitValue for the endpoints Connect forwards: a RequestTargetException from the herder
  // sends the request on as `forward` says, a RebalanceNeededException answers 409.
  template <typename T, typename OnValue>
  runtime::Callback<T> awaitOrForward(const std::shared_ptr<Exchange>& ex, Forward forward, OnValue on_value);

  void serverInfo(const std::shared_ptr<Exchange>& ex);
  void health(const std::shared_ptr<Exchange>& ex);
  void listConnectors(const std::shared_ptr<Exchange>& ex);
  void createConnector(const std::shared_ptr<Exchange>& ex);
  void getConnector(const std::shared_ptr<Exchange>& ex);
  void deleteConnector(const std::shared_ptr<Exchange>& ex);
  void getConnectorConfig(const std::shared_ptr<Exchange>& ex);
  void putConnectorConfig(const std::shared_ptr<Exchange>& ex);
  void patchConnectorConfig(const std::shared_ptr<Exchange>& ex);
  void getConnectorStatus(const std::shared_ptr<Exchange>& ex);
  void restartConnector(const std::shared_ptr<Exchange>& ex);
  void pauseConnector(const std::shared_ptr<Exchange>& ex);
  void resumeConnector(const std::shared_ptr<Exchange>& ex);
  void stopConnector(const std::shared_ptr<Exchange>& ex);
  void getTaskConfigs(const std::shared_ptr<Exchange>& ex);
  void getTasksConfig(const std::shared_ptr<Exchange>& ex);
  void getTaskStatus(const std::shared_ptr<Exchange>& ex);
  void restartTask(const std::shared_ptr<Exchange>& ex);
  void getActiveTopics(const std::shared_ptr<Exchange>& ex);
  void resetActiveTopics(const std::shared_ptr<Exchange>& ex);
  void getOffsets(const std::shared_ptr<Exchange>& ex);
  void alterOffsets(const std::shared_ptr<Exchange>& ex);
  void resetOffsets(const std::shared_ptr<Exchange>& ex);
  void listPlugins(const std::shared_ptr<Exchange>& ex);
  void getPluginConfig(const std::shared_ptr<Exchange>& ex);
  void validateConfigs(const std::shared_ptr<Exchange>& ex);
  void listLoggers(const std::shared_ptr<Exchange>& ex);
  void getLogger(const std::shared_ptr<Exchange>& ex);
  void setLogger(const std::shared_ptr<Exchange>& ex);
  void putTaskConfigs(const std::shared_ptr<Exchange>& ex);
  void fenceZombies(const std::shared_ptr<Exchange>& ex);

  // Shared by POST /connectors and PUT /connectors/{n}/config once the name is settled.
  void submitConnectorConfig(const std::shared_ptr<Exchange>& ex, const std::string& name,
                             const std::vector<std::pair<std::string, std::optional<std::string>>>& config,
                             bool allow_replace, std::optional<runtime::TargetState> initial_state,
                             bool always_created, const std::string& method);

  runtime::Herder& herder_;
  RouterConfig config_;
  std::shared_ptr<Lifetime> lifetime_;
  std::shared_ptr<Forwarder> forwarder_;
  std::vector<Route> routes_;
};

}  // namespace connectd::rest
