#include <signal.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <future>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "connectd/version.h"
#include "rest/rest_client.h"
#include "rest/rest_server.h"
#include "server/api/errors.h"
#include "server/api/plugin_registry.h"
#include "server/common/logging.h"
#include "server/common/properties.h"
#include "server/common/strings.h"
#include "server/runtime/caused_connect_exception.h"
#include "server/runtime/distributed_config.h"
#include "server/runtime/distributed_herder.h"
#include "server/runtime/register_builtin_plugins.h"
#include "server/runtime/serial_executor.h"
#include "server/runtime/standalone_herder.h"
#include "server/runtime/worker_config.h"

namespace {

using connectd::api::ConfigMap;
using connectd::runtime::TargetState;

constexpr int kExitConfigError = 1;
constexpr int kExitUsage = 2;
// ConnectStandalone exits with 3 when a connector given on the command line fails.
constexpr int kExitConnectorError = 3;

void printUsage(std::ostream& out) {
  out << "Usage: connectd [worker.properties]          distributed worker (like connect-distributed)\n"
         "       connectd --standalone worker.properties [connector1.properties connector2.json ...]\n"
         "       connectd --version\n"
         "\n"
         "A distributed worker also takes the debezium/connect image's environment variables:\n"
         "BOOTSTRAP_SERVERS, GROUP_ID, CONFIG_STORAGE_TOPIC, OFFSET_STORAGE_TOPIC, STATUS_STORAGE_TOPIC,\n"
         "{CONFIG,OFFSET,STATUS}_STORAGE_REPLICATION_FACTOR, KEY_CONVERTER, VALUE_CONVERTER,\n"
         "ADVERTISED_HOST_NAME, ADVERTISED_PORT and CONNECT_<PROPERTY> (CONNECT_KEY_CONVERTER -> key.converter).\n"
         "\n"
         "Environment: CONNECTD_LOG_LEVEL (TRACE, DEBUG, INFO, WARN, ERROR; default INFO)\n";
}

struct ConnectorFile {
  std::string name;
  ConfigMap config;
  std::optional<TargetState> initial_state;
};

// A connector given on the command line: a .properties file, or JSON holding either a
// CreateConnectorRequest ({"name":..,"config":{..},"initial_state":..}) or a bare config map.
ConnectorFile loadConnectorFile(const std::string& path) {
  ConnectorFile out;
  if (connectd::common::endsWith(connectd::common::toLower(path), ".json")) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw connectd::api::ConnectException("Unable to read connector configuration file " + path);
    std::stringstream buf;
    buf << in.rdbuf();
    auto j = nlohmann::json::parse(buf.str(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      throw connectd::api::ConnectException("Connector configuration file " + path + " is not a JSON object");
    }
    auto text = [](const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); };
    const nlohmann::json* config = &j;
    if (j.contains("config") && j["config"].is_object()) {
      config = &j["config"];
      if (j.contains("name") && j["name"].is_string()) out.name = std::string(connectd::common::trim(text(j["name"])));
      if (j.contains("initial_state") && j["initial_state"].is_string()) {
        std::string s = connectd::common::toUpper(j["initial_state"].get<std::string>());
        if (s == "RUNNING") out.initial_state = TargetState::Started;
        else if (s == "PAUSED") out.initial_state = TargetState::Paused;
        else if (s == "STOPPED") out.initial_state = TargetState::Stopped;
      }
    }
    for (const auto& [k, v] : config->items()) {
      if (!v.is_null()) out.config[k] = text(v);
    }
  } else {
    try {
      out.config = connectd::common::loadPropertiesFile(path);
    } catch (const std::runtime_error& e) {
      throw connectd::api::ConnectException(std::string("Unable to read connector configuration file ") + e.what());
    }
  }
  if (out.name.empty()) {
    auto it = out.config.find("name");
    if (it != out.config.end()) out.name = it->second;
  } else if (!out.config.count("name")) {
    out.config["name"] = out.name;
  }
  return out;
}

connectd::rest::RestServerConfig restConfig(const connectd::runtime::WorkerConfig& config) {
  connectd::rest::RestServerConfig rc;
  rc.listeners = connectd::common::join(config.listeners(), ",");
  const auto& originals = config.originals();
  if (auto it = originals.find("admin.listeners"); it != originals.end()) rc.admin_listeners = it->second;
  return rc;
}

void checkConverters(const connectd::runtime::WorkerConfig& config, const connectd::api::PluginRegistry& plugins) {
  for (auto [key, kind] : {std::pair{"key.converter", connectd::api::PluginKind::Converter},
                           std::pair{"value.converter", connectd::api::PluginKind::Converter},
                           std::pair{"header.converter", connectd::api::PluginKind::HeaderConverter}}) {
    std::string cls = config.parsed().getString(key);
    if (plugins.find(cls, {kind}) == nullptr) {
      throw connectd::api::ConfigException(key, cls, "Class " + cls + " could not be found.");
    }
  }
  if (config.originals().count("plugin.path")) {
    spdlog::info("plugin.path is ignored: connectd's plugins are built in");
  }
}

int runStandalone(const std::string& worker_file, const std::vector<std::string>& connector_files) {
  // Block the shutdown signals before any thread starts, so only sigwait() below sees them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  const char* level = std::getenv("CONNECTD_LOG_LEVEL");
  connectd::common::initLogging(level != nullptr ? level : "INFO");
  spdlog::info("connectd {} (Kafka Connect {} compatible, commit {}) starting in standalone mode", connectd::kVersion,
               connectd::kKafkaConnectVersion, connectd::kCommit);

  std::unique_ptr<connectd::runtime::WorkerConfig> config;
  connectd::api::PluginRegistry plugins;
  try {
    config = std::make_unique<connectd::runtime::WorkerConfig>(connectd::runtime::WorkerConfig::fromFile(worker_file));
    connectd::runtime::registerBuiltinPlugins(plugins);
    checkConverters(*config, plugins);
  } catch (const std::exception& e) {
    spdlog::error("Stopping due to error: {}", e.what());
    return kExitConfigError;
  }

  connectd::runtime::StandaloneHerder herder(*config, plugins, config->workerId());
  connectd::rest::RestServer rest(herder, restConfig(*config));
  try {
    rest.start();
    herder.setWorkerId(config->workerId(rest.port()));
    herder.start();
  } catch (const std::exception& e) {
    spdlog::error("Stopping due to error: {}", connectd::runtime::stackTraceOf(e));
    rest.stop();
    herder.stop();
    return kExitConfigError;
  }
  spdlog::info("Kafka Connect started; REST API listening on port {}, worker id {}", rest.port(), herder.workerId());

  int exit_code = 0;
  for (const auto& file : connector_files) {
    try {
      ConnectorFile cf = loadConnectorFile(file);
      std::promise<std::exception_ptr> done;
      herder.putConnectorConfig(cf.name, cf.config, false, cf.initial_state,
                                [&done](std::exception_ptr error, connectd::runtime::Created created) {
                                  if (!error) {
                                    spdlog::info("Created connector {}", created.info.name);
                                  }
                                  done.set_value(error);
                                });
      if (auto error = done.get_future().get()) std::rethrow_exception(error);
    } catch (const std::exception& e) {
      spdlog::error("Failed to create connector for {}: {}", file, e.what());
      spdlog::error("Stopping after connector error");
      exit_code = kExitConnectorError;
      break;
    }
  }

  if (exit_code == 0) {
    int sig = 0;
    sigwait(&signals, &sig);
    spdlog::info("Kafka Connect stopping (signal {})", strsignal(sig));
  }
  rest.stop();
  herder.stop();
  size_t abandoned = herder.worker().abandonedTasks();
  spdlog::info("Kafka Connect stopped");
  spdlog::default_logger()->flush();
  if (abandoned > 0) {
    // Tasks that ignored the graceful timeout still run on detached threads; destructors must
    // not pull shared state from under them.
    std::fflush(nullptr);
    std::_Exit(exit_code);
  }
  return exit_code;
}

int runDistributed(const std::optional<std::string>& worker_file) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  const char* level = std::getenv("CONNECTD_LOG_LEVEL");
  connectd::common::initLogging(level != nullptr ? level : "INFO");
  spdlog::info("connectd {} (Kafka Connect {} compatible, commit {}) starting in distributed mode", connectd::kVersion,
               connectd::kKafkaConnectVersion, connectd::kCommit);

  std::unique_ptr<connectd::runtime::WorkerConfig> config;
  std::unique_ptr<connectd::runtime::DistributedConfig> distributed;
  connectd::api::PluginRegistry plugins;
  try {
    auto props = connectd::runtime::distributedWorkerProps(connectd::runtime::processEnvironment(), worker_file);
    config = std::make_unique<connectd::runtime::WorkerConfig>(props, connectd::runtime::WorkerConfig::Distributed{});
    distributed = std::make_unique<connectd::runtime::DistributedConfig>(props);
    connectd::runtime::registerBuiltinPlugins(plugins);
    checkConverters(*config, plugins);
  } catch (const std::exception& e) {
    spdlog::error("Stopping due to error: {}", e.what());
    return kExitConfigError;
  }

  std::unique_ptr<connectd::runtime::DistributedHerder> herder;
  try {
    herder = std::make_unique<connectd::runtime::DistributedHerder>(*config, *distributed, plugins, config->workerId(),
                                                                    "http://" + config->workerId() + "/");
  } catch (const std::exception& e) {
    spdlog::error("Stopping due to error: {}", e.what());
    return kExitConfigError;
  }
  // A connector run by a follower hands its new task configs to the leader over REST
  // (POST /connectors/{n}/tasks), off the herder thread.
  connectd::rest::RestClient forward_client;
  connectd::runtime::SerialExecutor forward_executor("task-forward");
  herder->setTaskConfigForwarder([&forward_client, &forward_executor](
                                     const std::string& leader_url, const std::string& connector,
                                     const std::vector<ConfigMap>& configs,
                                     connectd::runtime::Callback<bool> cb) {
    bool submitted = forward_executor.submit([&forward_client, leader_url, connector, configs, cb] {
      try {
        nlohmann::json body = nlohmann::json::array();
        for (const auto& c : configs) body.push_back(c);
        std::string url = leader_url;
        if (!url.empty() && url.back() == '/') url.pop_back();
        url += "/connectors/" + connectd::common::urlEncodePathSegment(connector) + "/tasks?forward=true";
        forward_client.httpRequest(url, "POST", {}, body.dump());
        cb(nullptr, true);
      } catch (...) {
        cb(std::current_exception(), false);
      }
    });
    if (!submitted) cb(std::make_exception_ptr(connectd::api::ConnectException("Worker is shutting down")), false);
  });

  connectd::rest::RestServer rest(*herder, restConfig(*config));
  try {
    rest.start();
    std::string id = config->workerId(rest.port());
    herder->setWorkerId(id);
    herder->setUrl("http://" + id + "/");
    herder->start();
  } catch (const std::exception& e) {
    spdlog::error("Stopping due to error: {}", connectd::runtime::stackTraceOf(e));
    rest.stop();
    herder->stop();
    return kExitConfigError;
  }
  spdlog::info("Kafka Connect started; REST API listening on port {}, worker id {}", rest.port(), herder->workerId());

  int exit_code = 0;
  for (;;) {
    timespec wait{0, 200 * 1000 * 1000};
    int sig = sigtimedwait(&signals, nullptr, &wait);
    if (sig > 0) {
      spdlog::info("Kafka Connect stopping (signal {})", strsignal(sig));
      break;
    }
    if (herder->failed()) {
      spdlog::error("Stopping due to error: {}", herder->failureMessage());
      exit_code = kExitConfigError;
      break;
    }
  }
  rest.stop();
  forward_client.close();
  herder->stop();
  forward_executor.shutdown();
  size_t abandoned = herder->worker().abandonedTasks();
  spdlog::info("Kafka Connect stopped");
  spdlog::default_logger()->flush();
  if (abandoned > 0) {
    std::fflush(nullptr);
    std::_Exit(exit_code);
  }
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return runDistributed(std::nullopt);
  if (args[0] == "--version" || args[0] == "-V") {
    std::cout << "connectd " << connectd::kVersion << " (Kafka Connect " << connectd::kKafkaConnectVersion
              << " compatible, commit " << connectd::kCommit << ")" << std::endl;
    return 0;
  }
  if (args[0] == "--help" || args[0] == "-h") {
    printUsage(std::cout);
    return 0;
  }
  if (args[0] != "--standalone") {
    if (args.size() > 1 || (!args[0].empty() && args[0][0] == '-')) {
      printUsage(std::cerr);
      return kExitUsage;
    }
    return runDistributed(args[0]);
  }
  if (args.size() < 2) {
    std::cerr << "connectd: --standalone needs a worker properties file" << std::endl;
    printUsage(std::cerr);
    return kExitUsage;
  }
  std::vector<std::string> connector_files(args.begin() + 2, args.end());
  return runStandalone(args[1], connector_files);
}
