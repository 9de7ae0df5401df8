#include "server/runtime/worker_config.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <unistd.h>

#include <stdexcept>

#include "server/api/errors.h"
#include "server/common/properties.h"
#include "server/common/strings.h"

namespace connectd::runtime {

using api::ConfigDef;
using Type = ConfigDef::Type;
using Importance = ConfigDef::Importance;

namespace {

ConfigDef buildDef() {
  ConfigDef def;
  def.define(WorkerConfig::kBootstrapServers, Type::List, "localhost:9092", Importance::High,
             "A list of host/port pairs used to establish the initial connection to the Kafka cluster.");
  def.define(WorkerConfig::kKeyConverter, Type::Class, Importance::High,
             "Converter class used to convert between Kafka Connect format and the serialized form that is written to "
             "Kafka. This controls the format of the keys in messages written to or read from Kafka.");
  def.define(WorkerConfig::kValueConverter, Type::Class, Importance::High,
             "Converter class used to convert between Kafka Connect format and the serialized form that is written to "
             "Kafka. This controls the format of the values in messages written to or read from Kafka.");
  def.define(WorkerConfig::kTaskShutdownGracefulTimeoutMs, Type::Long, "5000", Importance::Low,
             "Amount of time to wait for tasks to shutdown gracefully. This is the total amount of time, not per "
             "task.");
  def.define(WorkerConfig::kOffsetFlushIntervalMs, Type::Long, "60000", Importance::Low,
             "Interval at which to try committing offsets for tasks.");
  def.define(WorkerConfig::kOffsetFlushTimeoutMs, Type::Long, "5000", Importance::Low,
             "Maximum number of milliseconds to wait for records to flush and partition offset data to be committed "
             "to offset storage before cancelling the process and restoring the offset data to be committed in a "
             "future attempt.");
  def.defineNullDefault(WorkerConfig::kPluginPath, Type::List, Importance::Low,
                        "Accepted for compatibility; connectd's plugins are built in.");
  def.define("plugin.discovery", Type::String, "hybrid_warn", Importance::Low, "Accepted for compatibility.");
  def.define(WorkerConfig::kHeaderConverter, Type::Class, "org.apache.kafka.connect.storage.SimpleHeaderConverter",
             Importance::Low,
             "HeaderConverter class used to convert between Kafka Connect format and the serialized form that is "
             "written to Kafka.");
  def.define("config.providers", Type::List, "", Importance::Low,
             "Comma-separated names of ConfigProvider classes (not supported yet).");
  def.define(WorkerConfig::kConnectorClientPolicy, Type::String, "All", Importance::Medium,
             "Defines what client configurations can be overridden by the connector.");
  def.define(WorkerConfig::kTopicCreationEnable, Type::Boolean, "true", Importance::Low,
             "Whether to allow automatic creation of topics used by source connectors, when source connectors are "
             "configured with `topic.creation.` properties.");
  def.define(WorkerConfig::kTopicTrackingEnable, Type::Boolean, "true", Importance::Low,
             "Enable tracking the set of active topics per connector during runtime.");
  def.define(WorkerConfig::kTopicTrackingAllowReset, Type::Boolean, "true", Importance::Low,
             "If set to true, it allows user requests to reset the set of active topics per connector.");
  def.define(WorkerConfig::kListeners, Type::List, "http://:8083", Importance::Low,
             "List of comma-separated URIs the REST API will listen on.");
  def.defineNullDefault(WorkerConfig::kRestAdvertisedHostName, Type::String, Importance::Low,
                        "If this is set, this is the hostname that will be given out to other workers to connect to.");
  def.defineNullDefault(WorkerConfig::kRestAdvertisedPort, Type::Int, Importance::Low,
                        "If this is set, this is the port that will be given out to other workers to connect to.");
  def.defineNullDefault(WorkerConfig::kRestAdvertisedListener, Type::String, Importance::Low,
                        "Sets the advertised listener (HTTP or HTTPS) which will be given to other workers to use.");
  def.defineNullDefault("admin.listeners", Type::List, Importance::Low,
                        "List of comma-separated URIs the Admin REST API will listen on.");
  def.define("access.control.allow.origin", Type::String, "", Importance::Low,
             "Value to set the Access-Control-Allow-Origin header to for REST API requests.");
  def.define("access.control.allow.methods", Type::String, "", Importance::Low,
             "Sets the methods supported for cross origin requests.");
  def.define("response.http.headers.config", Type::String, "", Importance::Low, "Rules for REST API HTTP response headers");
  def.define("rest.extension.classes", Type::List, "", Importance::Low, "Accepted for compatibility.");
  return def;
}

}  // namespace

const ConfigDef& WorkerConfig::standaloneConfigDef() {
  static const ConfigDef def = [] {
    ConfigDef d = buildDef();
    d.define(WorkerConfig::kOffsetStorageFileFilename, Type::String, Importance::High,
             "File to store source connector offsets");
    return d;
  }();
  return def;
}

const ConfigDef& WorkerConfig::distributedConfigDef() {
  // DistributedConfig's own keys (group.id, the internal topics) are checked by
  // DistributedConfig; the group-membership timings are typed here.
  static const ConfigDef def = [] {
    ConfigDef d = buildDef();
    d.define(kSessionTimeoutMs, Type::Int, "10000", Importance::High,
             "The timeout used to detect worker failures.");
    d.define(kHeartbeatIntervalMs, Type::Int, "3000", Importance::High,
             "The expected time between heartbeats to the group coordinator.");
    d.define(kRebalanceTimeoutMs, Type::Int, "60000", Importance::High,
             "The maximum allowed time for each worker to join the group once a rebalance has begun.");
    d.define(kWorkerSyncTimeoutMs, Type::Int, "3000", Importance::Medium,
             "When the worker is out of sync with other workers and needs to resynchronize configurations, wait "
             "up to this amount of time before giving up, leaving the group, and waiting a backoff period before "
             "rejoining.");
    d.define(kWorkerUnsyncBackoffMs, Type::Int, "300000", Importance::Medium,
             "When the worker is out of sync with other workers and fails to catch up within "
             "worker.sync.timeout.ms, leave the Connect cluster for this long before rejoining.");
    d.define(kConnectProtocol, Type::String, "sessioned", Importance::Low,
             "Compatibility mode for Kafka Connect Protocol");
    d.define(kScheduledRebalanceMaxDelayMs, Type::Int, "300000", Importance::Low,
             "The maximum delay that is scheduled in order to wait for the return of one or more departed workers "
             "before rebalancing and reassigning their connectors and tasks to the group.");
    return d;
  }();
  return def;
}

WorkerConfig::WorkerConfig(std::map<std::string, std::string> props) : parsed_(standaloneConfigDef(), props) {}

WorkerConfig::WorkerConfig(std::map<std::string, std::string> props, Distributed)
    : parsed_(distributedConfigDef(), std::move(props)) {}

WorkerConfig WorkerConfig::fromFile(const std::string& path) {
  try {
    return WorkerConfig(common::loadPropertiesFile(path));
  } catch (const api::ConfigException&) {
    throw;
  } catch (const std::runtime_error& e) {
    throw api::ConfigException(std::string("Unable to read worker properties file ") + e.what());
  }
}

std::string WorkerConfig::bootstrapServers() const { return common::join(parsed_.getList(kBootstrapServers), ","); }

std::optional<int32_t> WorkerConfig::advertisedPort() const {
  if (!parsed_.originals().count(kRestAdvertisedPort)) return std::nullopt;
  return parsed_.getInt(kRestAdvertisedPort);
}

namespace {

// Host and port of a listener URL such as "http://:8083" or "http://[::1]:8083".
std::pair<std::string, int> listenerHostPort(const std::string& url) {
  std::string rest = url;
  auto scheme = rest.find("://");
  std::string proto = scheme == std::string::npos ? "http" : common::toLower(rest.substr(0, scheme));
  if (scheme != std::string::npos) rest = rest.substr(scheme + 3);
  auto slash = rest.find('/');
  if (slash != std::string::npos) rest = rest.substr(0, slash);
  std::string host;
  std::string port;
  if (!rest.empty() && rest[0] == '[') {
    auto close = rest.find(']');
    host = rest.substr(1, close - 1);
    if (close + 1 < rest.size() && rest[close + 1] == ':') port = rest.substr(close + 2);
  } else {
    auto colon = rest.rfind(':');
    host = colon == std::string::npos ? rest : rest.substr(0, colon);
    if (colon != std::string::npos) port = rest.substr(colon + 1);
  }
  int p = proto == "https" ? 443 : 80;
  try {
    if (!port.empty()) p = std::stoi(port);
  } catch (const std::exception&) {
  }
  return {host, p};
}

// The address Java's InetAddress.getLocalHost().getHostAddress() reports: this host name's
// first IPv4 address, else the host name itself.
std::string localHostAddress() {
  char name[256] = {0};
  if (gethostname(name, sizeof(name) - 1) != 0) return "localhost";
  addrinfo hints{};
  hints.ai_family = AF_INET;
  addrinfo* res = nullptr;
  if (getaddrinfo(name, nullptr, &hints, &res) != 0 || res == nullptr) return name;
  char buf[INET_ADDRSTRLEN] = {0};
  auto* sin = reinterpret_cast<sockaddr_in*>(res->ai_addr);
  std::string out = inet_ntop(AF_INET, &sin->sin_addr, buf, sizeof(buf)) ? buf : name;
  freeaddrinfo(res);
  return out;
}

}  // namespace

std::string WorkerConfig::workerId(std::optional<int> bound_port) const {
  auto listeners_list = listeners();
  std::pair<std::string, int> listener{"", 8083};
  if (!listeners_list.empty()) listener = listenerHostPort(listeners_list.front());
  std::string host;
  if (auto h = advertisedHostName(); h && !h->empty()) {
    host = *h;
  } else if (!listener.first.empty() && listener.first != "0.0.0.0") {
    host = listener.first;
  } else {
    host = localHostAddress();
  }
  int port = listener.second;
  if (port == 0 && bound_port) port = *bound_port;
  if (auto p = advertisedPort()) port = *p;
  return host + ":" + std::to_string(port);
}

}  // namespace connectd::runtime
