#include "server/runtime/worker.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <thread>

#include "server/api/errors.h"
#include "server/common/strings.h"
#include "server/kafka/admin.h"
#include "server/kafka/kafka_exception.h"
#include "server/runtime/caused_connect_exception.h"
#include "server/runtime/connector_config.h"
#include "server/runtime/offset_utils.h"
#include "server/runtime/sink_connector_config.h"
#include "server/runtime/source_connector_config.h"
#include "server/runtime/worker_sink_task.h"
#include "server/runtime/worker_source_task.h"

namespace connectd::runtime {

namespace {

// Kafka's graceful budget for connectors (Worker.CONNECTOR_GRACEFUL_SHUTDOWN_TIMEOUT_MS).
constexpr int64_t kConnectorGracefulShutdownTimeoutMs = 5000;
// RestServer.DEFAULT_REST_REQUEST_TIMEOUT_MS, the budget of offset operations.
constexpr int kOffsetRequestTimeoutMs = 90000;

std::string targetName(TargetState s) {
  switch (s) {
    case TargetState::Started: return "STARTED";
    case TargetState::Paused: return "PAUSED";
    case TargetState::Stopped: return "STOPPED";
  }
  return "";
}

void putAll(kafka::ClientProps& into, const std::map<std::string, std::string>& from) {
  for (const auto& [k, v] : from) into[k] = v;
}

std::map<std::string, std::string> withPrefix(const ConfigMap& props, const std::string& prefix) {
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : props)
    if (common::startsWith(k, prefix)) out[k.substr(prefix.size())] = v;
  return out;
}

const char* completeModifyMessage(bool reset) {
  return reset ? "The Connect framework-managed offsets for this connector have been reset successfully. However, if "
                 "this connector manages offsets externally, they will need to be manually reset in the system that "
                 "the connector uses."
               : "The Connect framework-managed offsets for this connector have been altered successfully. However, if "
                 "this connector manages offsets externally, they will need to be manually altered in the system that "
                 "the connector uses.";
}

// ConnectUtils.maybeWrap: ConnectExceptions pass through, anything else is wrapped.
std::exception_ptr maybeWrap(const std::exception& e, const std::string& message) {
  if (dynamic_cast<const api::ConnectException*>(&e) != nullptr) return std::current_exception();
  return std::make_exception_ptr(CausedConnectException(message, e));
}

}  // namespace

Worker::Worker(const WorkerConfig& config, const api::PluginRegistry& plugins,
               std::shared_ptr<OffsetBackingStore> offset_store, StatusBackingStore& status_store)
    : config_(config),
      plugins_(plugins),
      offset_store_(std::move(offset_store)),
      status_store_(status_store) {}

Worker::~Worker() { stop(); }

void Worker::start() {
  offset_store_->start();
  admin_executor_ = std::make_unique<SerialExecutor>("worker-admin");
  // The REST API is up long before Kafka answers; the cluster id arrives when it can.
  cluster_thread_ = std::thread([this] { lookupClusterId(); });
}

void Worker::lookupClusterId() {
  auto stopping = [this] {
    std::lock_guard lock(cluster_mu_);
    return stopping_;
  };
  std::unique_ptr<kafka::Admin> admin;
  auto last_warning = std::chrono::steady_clock::now();
  while (!stopping()) {
    try {
      if (!admin) admin = std::make_unique<kafka::Admin>(adminConfigs("connect-cluster-id-lookup", {}));
      // Short waits keep shutdown prompt; the client keeps connecting in between.
      std::string id = admin->clusterId(500);
      std::lock_guard lock(cluster_mu_);
      cluster_id_ = id;
      spdlog::info("Kafka cluster ID: {}", id);
      return;
    } catch (const kafka::KafkaException& e) {
      if (e.code() != RD_KAFKA_RESP_ERR__TIMED_OUT) {
        spdlog::error("Failed to look up the Kafka cluster id: {}", e.what());
        return;
      }
    }
    {
      std::unique_lock lock(cluster_mu_);
      cluster_cv_.wait_for(lock, std::chrono::milliseconds(100), [&] { return stopping_; });
    }
    auto now = std::chrono::steady_clock::now();
    if (now - last_warning > std::chrono::seconds(30)) {
      last_warning = now;
      spdlog::warn("Still unable to describe the Kafka cluster at {}. Check worker's broker connection and security "
                   "properties.",
                   config_.bootstrapServers());
    }
  }
}

std::string Worker::kafkaClusterId() const {
  std::lock_guard lock(cluster_mu_);
  return cluster_id_;
}

void Worker::stop() {
  {
    std::lock_guard lock(cluster_mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  cluster_cv_.notify_all();
  if (cluster_thread_.joinable()) cluster_thread_.join();
  std::vector<ConnectorTaskId> ids = taskIds();
  if (!ids.empty()) {
    spdlog::warn("Shutting down tasks {} uncleanly; herder should have shut down tasks before the Worker is stopped",
                 ids.size());
    stopAndAwaitTasks(ids);
  }
  for (const auto& name : connectorNames()) stopAndAwaitConnector(name);
  if (admin_executor_) admin_executor_->shutdown();
  offset_store_->stop();
}

// ---------------------------------------------------------------- connectors

void Worker::startConnector(const std::string& name, const ConfigMap& props, ConnectorStatusListener& listener,
                            TargetState initial, std::function<void()> on_task_reconfiguration,
                            WorkerConnector::StateCallback cb) {
  spdlog::info("Creating connector {} of type {}", name,
               props.count(ConnectorConfig::kConnectorClass) ? props.at(ConnectorConfig::kConnectorClass) : "");
  {
    std::lock_guard lock(mu_);
    if (connectors_.count(name)) {
      if (cb) {
        cb(std::make_exception_ptr(api::ConnectException("Connector with name " + name + " already exists")),
           std::nullopt);
      }
      return;
    }
  }
  WorkerConnector* created = nullptr;
  try {
    auto it = props.find(ConnectorConfig::kConnectorClass);
    if (it == props.end()) throw api::ConnectException("Connector config contains no connector type");
    const api::PluginDesc& desc = plugins_.connector(it->second);
    ConnectorType type = desc.kind == api::PluginKind::Sink ? ConnectorType::Sink : ConnectorType::Source;
    auto connector = plugins_.newConnector(it->second);
    // The framework config must parse (ConnectorConfig with transforms, topic creation groups).
    const ConnectorConfig parsed(plugins_,
                                 type == ConnectorType::Sink ? SinkConnectorConfig::configDef(&plugins_)
                                                             : SourceConnectorConfig::configDef(&plugins_),
                                 props);
    if (type == ConnectorType::Source && config_.topicCreationEnabled()) {
      SourceConnectorConfig::topicCreationGroups(props);
    }
    spdlog::info("Instantiated connector {} with version {} of type {}", name, connector->version(), desc.class_name);
    auto wc = std::make_unique<WorkerConnector>(name, props, std::move(connector), type, listener,
                                                std::move(on_task_reconfiguration));
    created = wc.get();
    std::lock_guard lock(mu_);
    connectors_[name] = std::move(wc);
  } catch (const std::exception& e) {
    spdlog::error("Failed to start connector {}: {}", name, e.what());
    listener.onFailure(name, stackTraceOf(e));
    if (cb) cb(std::current_exception(), std::nullopt);
    return;
  }
  created->start(initial, std::move(cb));
  spdlog::info("Finished creating connector {}", name);
}

bool Worker::isRunning(const std::string& name) const {
  std::lock_guard lock(mu_);
  auto it = connectors_.find(name);
  return it != connectors_.end() && it->second->isRunning();
}

std::optional<ConnectorType> Worker::connectorType(const std::string& name) const {
  std::lock_guard lock(mu_);
  auto it = connectors_.find(name);
  if (it == connectors_.end()) return std::nullopt;
  return it->second->type();
}

void Worker::connectorTaskConfigs(const std::string& name, const ConfigMap& props,
                                  WorkerConnector::TaskConfigsCallback cb) {
  WorkerConnector* wc = nullptr;
  {
    std::lock_guard lock(mu_);
    auto it = connectors_.find(name);
    if (it != connectors_.end()) wc = it->second.get();
  }
  if (wc == nullptr) {
    cb(std::make_exception_ptr(api::ConnectException("Connector " + name + " not found in this worker.")), {});
    return;
  }
  int max_tasks = 1;
  bool enforce = true;
  try {
    const api::ConfigDef def = wc->type() == ConnectorType::Sink ? SinkConnectorConfig::configDef(&plugins_)
                                                                 : SourceConnectorConfig::configDef(&plugins_);
    ConnectorConfig cfg(plugins_, def, props);
    max_tasks = cfg.tasksMax();
    enforce = cfg.enforceTasksMax();
  } catch (const std::exception&) {
    cb(std::current_exception(), {});
    return;
  }
  std::string task_class = wc->taskClass();
  std::optional<std::string> topics;
  std::optional<std::string> topics_regex;
  if (auto t = props.find(SinkConnectorConfig::kTopics); t != props.end()) topics = t->second;
  if (auto t = props.find(SinkConnectorConfig::kTopicsRegex); t != props.end()) topics_regex = t->second;
  wc->taskConfigs(max_tasks, [this, name, max_tasks, enforce, task_class, topics, topics_regex, wc,
                              cb = std::move(cb)](std::exception_ptr error, std::vector<ConfigMap> configs) {
    if (error) {
      cb(error, {});
      return;
    }
    if (static_cast<int>(configs.size()) > max_tasks) {
      if (enforce) {
        api::ConnectException e(
            "The connector " + name + " has generated " + std::to_string(configs.size()) +
            " tasks, which is greater than " + std::to_string(max_tasks) +
            ", the maximum number of tasks it is configured to create. This behaviour should be considered a bug and "
            "is disallowed. If necessary, it can be permitted by reconfiguring the connector with 'tasks.max.enforce' "
            "set to false; however, this option will be removed in a future release of Kafka Connect.");
        wc->raiseError(e);
        cb(std::make_exception_ptr(e), {});
        return;
      }
      spdlog::warn("The connector {} has generated {} tasks, which is greater than {}, the maximum number of tasks it "
                   "is configured to create.",
                   name, configs.size(), max_tasks);
    }
    for (auto& c : configs) {
      c["task.class"] = task_class;
      if (topics) c[SinkConnectorConfig::kTopics] = *topics;
      if (topics_regex) c[SinkConnectorConfig::kTopicsRegex] = *topics_regex;
    }
    cb(nullptr, std::move(configs));
  });
}

void Worker::setTargetState(const std::string& name, TargetState state, WorkerConnector::StateCallback cb) {
  spdlog::info("Setting connector {} state to {}", name, targetName(state));
  WorkerConnector* wc = nullptr;
  {
    std::lock_guard lock(mu_);
    auto it = connectors_.find(name);
    if (it != connectors_.end()) wc = it->second.get();
  }
  if (wc != nullptr) {
    wc->transitionTo(state, std::move(cb));
  } else if (cb) {
    cb(std::make_exception_ptr(api::ConnectException("Connector " + name + " not found in this worker.")),
       std::nullopt);
  }
  setTaskTargetState(name, state);
}

void Worker::stopAndAwaitConnector(const std::string& name) {
  std::unique_ptr<WorkerConnector> wc;
  {
    std::lock_guard lock(mu_);
    auto it = connectors_.find(name);
    if (it == connectors_.end()) return;
    wc = std::move(it->second);
    connectors_.erase(it);
  }
  spdlog::info("Stopping connector {}", name);
  wc->shutdown();
  if (!wc->awaitShutdown(kConnectorGracefulShutdownTimeoutMs)) {
    spdlog::error("Connector '{}' failed to properly shut down, has become unresponsive, and may be consuming external "
                  "resources. Correct the configuration for this connector or remove the connector. After fixing the "
                  "connector, it may be necessary to restart this worker to release any consumed resources.",
                  name);
    wc->cancel();
    std::lock_guard lock(mu_);
    abandoned_connectors_.push_back(std::move(wc));
    return;
  }
  spdlog::debug("Graceful stop of connector {} succeeded.", name);
}

std::set<std::string> Worker::connectorNames() const {
  std::lock_guard lock(mu_);
  std::set<std::string> out;
  for (const auto& [name, c] : connectors_) out.insert(name);
  return out;
}

// ---------------------------------------------------------------- client configs

kafka::ClientProps Worker::producerConfigs(const std::string& client_id, const ConfigMap& connector_props) const {
  kafka::ClientProps p;
  p["bootstrap.servers"] = config_.bootstrapServers();
  p["enable.idempotence"] = "false";
  p["acks"] = "all";
  p["max.in.flight.requests.per.connection"] = "1";
  p["delivery.timeout.ms"] = "2147483647";
  p["client.id"] = client_id;
  putAll(p, config_.originalsWithPrefix("producer."));
  putAll(p, withPrefix(connector_props, ConnectorConfig::kProducerOverridesPrefix));
  return p;
}

kafka::ClientProps Worker::consumerConfigs(const std::string& connector, const std::string& client_id,
                                           const ConfigMap& connector_props) const {
  kafka::ClientProps p;
  p["group.id"] = "connect-" + connector;
  p["client.id"] = client_id;
  p["bootstrap.servers"] = config_.bootstrapServers();
  p["enable.auto.commit"] = "false";
  p["auto.offset.reset"] = "earliest";
  putAll(p, config_.originalsWithPrefix("consumer."));
  putAll(p, withPrefix(connector_props, ConnectorConfig::kConsumerOverridesPrefix));
  return p;
}

kafka::ClientProps Worker::adminConfigs(const std::string& client_id, const ConfigMap& connector_props) const {
  kafka::ClientProps p;
  p["bootstrap.servers"] = config_.bootstrapServers();
  p["client.id"] = client_id;
  // Un-prefixed worker settings (security.protocol, sasl.*, ...) reach admin clients, as in
  // Kafka; worker-only keys are unknown to librdkafka and skipped by ClientConfig.
  for (const auto& [k, v] : config_.originals()) {
    if (common::startsWith(k, "admin.") || common::startsWith(k, "producer.") || common::startsWith(k, "consumer.")) {
      continue;
    }
    if (WorkerConfig::standaloneConfigDef().find(k) != nullptr) continue;
    p[k] = v;
  }
  p["bootstrap.servers"] = config_.bootstrapServers();
  putAll(p, config_.originalsWithPrefix("admin."));
  putAll(p, withPrefix(connector_props, ConnectorConfig::kAdminOverridesPrefix));
  return p;
}

// ---------------------------------------------------------------- tasks

namespace {

struct Converters {
  std::unique_ptr<api::Converter> key;
  std::unique_ptr<api::Converter> value;
  std::unique_ptr<api::HeaderConverter> header;
  std::string key_class;
  std::string value_class;
  std::string header_class;
};

// The connector's converters when it names them (with its `<role>.` sub-configs), else the
// worker's (Plugins.newConverter / newHeaderConverter).
Converters buildConverters(const api::PluginRegistry& plugins, const WorkerConfig& worker, const ConfigMap& props,
                           const ConnectorTaskId& id) {
  Converters out;
  auto pick = [&](const char* key, std::map<std::string, std::string>& sub) -> std::string {
    if (auto it = props.find(key); it != props.end()) {
      sub = withPrefix(props, std::string(key) + ".");
      spdlog::info("Set up the {} {} for task {} using the connector config", key, it->second, toString(id));
      return it->second;
    }
    sub = worker.originalsWithPrefix(std::string(key) + ".");
    std::string cls = worker.parsed().getString(key);
    spdlog::info("Set up the {} {} for task {} using the worker config", key, cls, toString(id));
    return cls;
  };
  std::map<std::string, std::string> sub;
  out.key_class = pick(ConnectorConfig::kKeyConverter, sub);
  out.key = plugins.newConverter(out.key_class);
  out.key->configure(sub, true);
  out.value_class = pick(ConnectorConfig::kValueConverter, sub);
  out.value = plugins.newConverter(out.value_class);
  out.value->configure(sub, false);
  out.header_class = pick(ConnectorConfig::kHeaderConverter, sub);
  sub["converter.type"] = "header";
  out.header = plugins.newHeaderConverter(out.header_class);
  out.header->configure(sub);
  return out;
}

std::unique_ptr<RetryWithToleranceOperator> retryOperator(const ConnectorConfig& cfg, const ConnectorTaskId& id) {
  return std::make_unique<RetryWithToleranceOperator>(cfg.errorRetryTimeout(), cfg.errorMaxDelayInMillis(),
                                                      cfg.toleratesAllErrors(), cfg.enableErrorLog(),
                                                      cfg.includeRecordDetailsInErrorLog(), toString(id));
}

}  // namespace

bool Worker::startTask(const ConnectorTaskId& id, const ConfigMap& connector_props, const ConfigMap& task_props,
                       int task_count, TaskStatusListener& listener, TargetState initial) {
  spdlog::info("Creating task {}", toString(id));
  std::shared_ptr<WorkerTask> worker_task;
  try {
    {
      std::lock_guard lock(mu_);
      if (tasks_.count(id)) throw api::ConnectException("Task already exists in this worker: " + toString(id));
    }
    auto cls = task_props.find("task.class");
    if (cls == task_props.end()) {
      throw api::ConfigException("Missing required configuration \"task.class\" which has no default value.");
    }
    auto task = plugins_.newTask(cls->second);
    spdlog::info("Instantiated task {} with version {} of type {}", toString(id), task->version(), cls->second);
    if (dynamic_cast<api::SourceTask*>(task.get()) != nullptr) {
      worker_task = buildSourceTask(id, connector_props, task_props, std::move(task), listener, initial);
    } else if (dynamic_cast<api::SinkTask*>(task.get()) != nullptr) {
      worker_task = buildSinkTask(id, connector_props, task_props, std::move(task), listener, initial);
    } else {
      throw api::ConnectException("Tasks must be a subclass of either SourceTask or SinkTask and current is " +
                                  cls->second);
    }
    // Checked after building so configuration problems are reported first, as in Kafka.
    const api::ConfigDef def = dynamic_cast<WorkerSinkTask*>(worker_task.get()) != nullptr
                                   ? SinkConnectorConfig::configDef(&plugins_)
                                   : SourceConnectorConfig::configDef(&plugins_);
    ConnectorConfig cfg(plugins_, def, connector_props);
    if (task_count > cfg.tasksMax() && cfg.enforceTasksMax()) {
      throw api::ConnectException(
          "The connector " + id.connector + " has generated " + std::to_string(task_count) +
          " tasks, which is greater than " + std::to_string(cfg.tasksMax()) +
          ", the maximum number of tasks it is configured to create. This behaviour should be considered a bug and is "
          "disallowed. If necessary, it can be permitted by reconfiguring the connector with 'tasks.max.enforce' set "
          "to false; however, this option will be removed in a future release of Kafka Connect.");
    }
  } catch (const std::exception& e) {
    spdlog::error("Failed to start task {}: {}", toString(id), stackTraceOf(e));
    listener.onFailure(id, stackTraceOf(e));
    return false;
  }
  {
    std::lock_guard lock(mu_);
    tasks_[id] = worker_task;
  }
  worker_task->run();
  return true;
}

std::shared_ptr<WorkerTask> Worker::buildSourceTask(const ConnectorTaskId& id, const ConfigMap& connector_props,
                                                    const ConfigMap& task_props, std::unique_ptr<api::Task> task,
                                                    TaskStatusListener& listener, TargetState initial) {
  ConnectorConfig cfg(plugins_, SourceConnectorConfig::configDef(&plugins_), connector_props);
  WorkerSourceTask::Components c;
  c.task.reset(static_cast<api::SourceTask*>(task.release()));
  c.task_config = task_props;
  auto conv = buildConverters(plugins_, config_, connector_props, id);
  c.key_converter = std::move(conv.key);
  c.value_converter = std::move(conv.value);
  c.header_converter = std::move(conv.header);
  c.key_converter_class = conv.key_class;
  c.value_converter_class = conv.value_class;
  c.header_converter_class = conv.header_class;
  c.transformation_chain = TransformationChain::fromConfig(plugins_, connector_props);
  c.retry_operator = retryOperator(cfg, id);
  c.producer_props = producerConfigs("connector-producer-" + toString(id), connector_props);
  c.admin_props = adminConfigs("connector-adminclient-" + toString(id), connector_props);
  if (config_.topicCreationEnabled()) c.topic_creation_groups = SourceConnectorConfig::topicCreationGroups(connector_props);
  c.offset_store = offset_store_;
  c.offset_flush_interval_ms = config_.offsetFlushIntervalMs();
  c.offset_flush_timeout_ms = config_.offsetFlushTimeoutMs();
  if (config_.topicTrackingEnabled()) {
    c.on_topic_used = [this, id](const std::string& topic) { recordActiveTopic(id, topic); };
  }
  return std::make_shared<WorkerSourceTask>(id, listener, initial, std::move(c));
}

std::shared_ptr<WorkerTask> Worker::buildSinkTask(const ConnectorTaskId& id, const ConfigMap& connector_props,
                                                  const ConfigMap& task_props, std::unique_ptr<api::Task> task,
                                                  TaskStatusListener& listener, TargetState initial) {
  ConnectorConfig cfg(plugins_, SinkConnectorConfig::configDef(&plugins_), connector_props);
  SinkConnectorConfig::validate(connector_props);
  WorkerSinkTask::Components c;
  c.task.reset(static_cast<api::SinkTask*>(task.release()));
  c.task_config = task_props;
  auto conv = buildConverters(plugins_, config_, connector_props, id);
  c.key_converter = std::move(conv.key);
  c.value_converter = std::move(conv.value);
  c.header_converter = std::move(conv.header);
  c.key_converter_class = conv.key_class;
  c.value_converter_class = conv.value_class;
  c.header_converter_class = conv.header_class;
  c.transformation_chain = TransformationChain::fromConfig(plugins_, connector_props);
  c.retry_operator = retryOperator(cfg, id);
  c.consumer_props = consumerConfigs(id.connector, "connector-consumer-" + toString(id), connector_props);
  c.topics = SinkConnectorConfig::parseTopicsList(connector_props);
  if (auto it = connector_props.find(SinkConnectorConfig::kTopicsRegex); it != connector_props.end()) {
    c.topics_regex = std::string(common::trim(it->second));
  }
  auto props = cfg.originals();
  if (auto it = props.find("consumer.override.max.poll.records"); it != props.end()) {
    c.max_poll_records = static_cast<size_t>(std::max(1, std::stoi(it->second)));
  } else if (auto w = config_.originals().find("consumer.max.poll.records"); w != config_.originals().end()) {
    c.max_poll_records = static_cast<size_t>(std::max(1, std::stoi(w->second)));
  }
  c.offset_flush_interval_ms = config_.offsetFlushIntervalMs();
  c.offset_flush_timeout_ms = config_.offsetFlushTimeoutMs();
  if (config_.topicTrackingEnabled()) {
    c.on_topic_used = [this, id](const std::string& topic) { recordActiveTopic(id, topic); };
  }
  return std::make_shared<WorkerSinkTask>(id, listener, initial, std::move(c));
}

void Worker::recordActiveTopic(const ConnectorTaskId& id, const std::string& topic) {
  if (status_store_.getTopic(id.connector, topic)) return;
  auto now = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch());
  status_store_.put(TopicStatus{topic, id.connector, id.task, now.count()});
}

void Worker::setTaskTargetState(const std::string& connector, TargetState state) {
  std::vector<std::shared_ptr<WorkerTask>> tasks;
  {
    std::lock_guard lock(mu_);
    for (const auto& [id, t] : tasks_)
      if (id.connector == connector) tasks.push_back(t);
  }
  for (auto& t : tasks) t->transitionTo(state);
}

void Worker::stopAndAwaitTasks(const std::vector<ConnectorTaskId>& ids) {
  std::vector<std::shared_ptr<WorkerTask>> stopping;
  {
    std::lock_guard lock(mu_);
    for (const auto& id : ids) {
      auto it = tasks_.find(id);
      if (it == tasks_.end()) continue;
      stopping.push_back(it->second);
    }
  }
  for (auto& t : stopping) {
    spdlog::info("Stopping task {}", toString(t->id()));
    t->stop();
  }
  // One budget for all of them (task.shutdown.graceful.timeout.ms is a total).
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(config_.taskShutdownGracefulTimeoutMs());
  for (auto& t : stopping) {
    auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (!t->awaitStop(std::max<int64_t>(0, remaining.count()))) {
      spdlog::error("Graceful stop of task {} failed.", toString(t->id()));
      t->cancel();
      ++abandoned_tasks_;
    } else {
      spdlog::debug("Graceful stop of task {} succeeded.", toString(t->id()));
    }
    std::lock_guard lock(mu_);
    tasks_.erase(t->id());
  }
}

std::vector<ConnectorTaskId> Worker::taskIds() const {
  std::lock_guard lock(mu_);
  std::vector<ConnectorTaskId> out;
  for (const auto& [id, t] : tasks_) out.push_back(id);
  return out;
}

// ---------------------------------------------------------------- offsets

void Worker::connectorOffsets(const std::string& name, const ConfigMap& props, Callback<ConnectorOffsets> cb) {
  bool sink;
  try {
    auto it = props.find(ConnectorConfig::kConnectorClass);
    if (it == props.end()) throw api::ConnectException("Connector config contains no connector type");
    sink = plugins_.connector(it->second).kind == api::PluginKind::Sink;
  } catch (const std::exception&) {
    cb(std::current_exception(), {});
    return;
  }
  bool submitted = admin_executor_ && admin_executor_->submit([this, name, props, sink, cb] {
    sink ? sinkConnectorOffsets(name, props, cb) : sourceConnectorOffsets(name, cb);
  });
  if (!submitted) cb(std::make_exception_ptr(api::ConnectException("The worker is shutting down")), {});
}

void Worker::sourceConnectorOffsets(const std::string& name, Callback<ConnectorOffsets> cb) {
  try {
    ConnectorOffsets result;
    for (const auto& partition : offset_store_->connectorPartitions(name)) {
      std::string key = OffsetUtils::keyFor(name, partition);
      auto values = offset_store_->get({key});
      auto it = values.find(key);
      if (it == values.end()) continue;
      result.offsets.push_back({OffsetUtils::toJson(partition), it->second});
    }
    cb(nullptr, std::move(result));
  } catch (const std::exception& e) {
    spdlog::error("Failed to retrieve offsets for source connector {}: {}", name, e.what());
    cb(maybeWrap(e, "Failed to retrieve offsets for source connector " + name), {});
  }
}

void Worker::sinkConnectorOffsets(const std::string& name, const ConfigMap& props, Callback<ConnectorOffsets> cb) {
  try {
    kafka::Admin admin(adminConfigs("connector-worker-adminclient-" + name, props));
    auto offsets = admin.listConsumerGroupOffsets(consumerConfigs(name, "", props).at("group.id"),
                                                  kOffsetRequestTimeoutMs);
    ConnectorOffsets result;
    for (const auto& [tp, off] : offsets) {
      nlohmann::ordered_json partition;
      partition["kafka_topic"] = tp.topic;
      partition["kafka_partition"] = tp.partition;
      result.offsets.push_back({partition.dump(), "{\"kafka_offset\":" + std::to_string(off) + "}"});
    }
    cb(nullptr, std::move(result));
  } catch (const std::exception& e) {
    spdlog::error("Failed to retrieve consumer group offsets for sink connector {}: {}", name, e.what());
    cb(std::make_exception_ptr(
           CausedConnectException("Failed to retrieve consumer group offsets for sink connector " + name, e)),
       {});
  }
}

void Worker::modifyConnectorOffsets(const std::string& name, const ConfigMap& props,
                                    std::optional<ConnectorOffsets> offsets, Callback<std::string> cb) {
  bool sink;
  try {
    auto it = props.find(ConnectorConfig::kConnectorClass);
    if (it == props.end()) throw api::ConnectException("Connector config contains no connector type");
    sink = plugins_.connector(it->second).kind == api::PluginKind::Sink;
  } catch (const std::exception&) {
    cb(std::current_exception(), {});
    return;
  }
  bool submitted = admin_executor_ && admin_executor_->submit([this, name, props, sink, offsets, cb] {
    sink ? modifySinkConnectorOffsets(name, props, offsets, cb) : modifySourceConnectorOffsets(name, offsets, cb);
  });
  if (!submitted) cb(std::make_exception_ptr(api::ConnectException("The worker is shutting down")), {});
}

void Worker::modifySourceConnectorOffsets(const std::string& name, std::optional<ConnectorOffsets> offsets,
                                          Callback<std::string> cb) {
  try {
    bool reset = !offsets.has_value();
    OffsetBackingStore::Entries entries;
    if (reset) {
      for (const auto& partition : offset_store_->connectorPartitions(name)) {
        entries.emplace_back(OffsetUtils::keyFor(name, partition), std::nullopt);
      }
    } else {
      for (const auto& o : offsets->offsets) {
        // Serialized and parsed back, as Kafka normalizes offsets through its JSON converter.
        api::OffsetMap partition = OffsetUtils::parse(o.partition_json);
        OffsetUtils::validateFormat(partition);
        std::optional<std::string> value;
        if (o.offset_json) {
          api::OffsetMap offset = OffsetUtils::parse(*o.offset_json);
          OffsetUtils::validateFormat(offset);
          value = OffsetUtils::toJson(offset);
        }
        entries.emplace_back(OffsetUtils::keyFor(name, partition), std::move(value));
      }
    }
    if (entries.empty()) {
      spdlog::info("No offsets found for source connector {} - this can occur due to a prior attempt to reset offsets "
                   "or if the source connector hasn't committed any offsets yet",
                   name);
    } else {
      offset_store_->set(entries);
    }
    cb(nullptr, completeModifyMessage(reset));
  } catch (const std::exception& e) {
    spdlog::error("Failed to modify offsets for source connector {}: {}", name, e.what());
    cb(maybeWrap(e, "Failed to modify offsets for source connector " + name), {});
  }
}

void Worker::modifySinkConnectorOffsets(const std::string& name, const ConfigMap& props,
                                        std::optional<ConnectorOffsets> offsets, Callback<std::string> cb) {
  bool reset = !offsets.has_value();
  std::string group = consumerConfigs(name, "", props).at("group.id");
  try {
    kafka::Admin admin(adminConfigs("connector-worker-adminclient-" + name, props));
    if (reset) {
      try {
        admin.listConsumerGroupOffsets(group, kOffsetRequestTimeoutMs);
      } catch (const std::exception& e) {
        throw CausedConnectException("Failed to list offsets prior to resetting offsets for sink connector " + name, e);
      }
      rd_kafka_resp_err_t err = admin.deleteConsumerGroup(group, kOffsetRequestTimeoutMs);
      // An already deleted group counts as reset: resets are idempotent.
      if (err == RD_KAFKA_RESP_ERR_NON_EMPTY_GROUP) {
        throw api::ConnectException(
            "Failed to reset consumer group offsets for connector " + name +
            " either because its tasks haven't stopped completely yet or the connector was resumed before the request "
            "to reset its offsets could be successfully completed. If the connector is in a stopped state, this "
            "operation can be safely retried. If it doesn't eventually succeed, the Connect cluster may need to be "
            "restarted to get rid of the zombie sink tasks.");
      }
      if (err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR_GROUP_ID_NOT_FOUND) {
        throw CausedConnectException("Failed to reset consumer group offsets for sink connector " + name,
                                     kafka::KafkaException(err, rd_kafka_err2str(err)));
      }
      cb(nullptr, completeModifyMessage(true));
      return;
    }
    kafka::OffsetMap to_alter;
    std::vector<api::TopicPartition> to_delete;
    for (const auto& o : offsets->offsets) {
      auto partition = nlohmann::json::parse(o.partition_json, nullptr, false);
      if (partition.is_discarded() || !partition.is_object()) {
        throw api::BadRequestException("The partition for a sink connector offset cannot be null or missing");
      }
      if (!partition.contains("kafka_topic") || !partition.contains("kafka_partition")) {
        throw api::BadRequestException(
            "The partition for a sink connector offset must contain the keys 'kafka_topic' and 'kafka_partition'");
      }
      if (partition["kafka_topic"].is_null()) {
        throw api::BadRequestException("Kafka topic names must be valid strings and may not be null");
      }
      if (partition["kafka_partition"].is_null()) {
        throw api::BadRequestException("Kafka partitions must be valid numbers and may not be null");
      }
      auto text = [](const nlohmann::json& j) { return j.is_string() ? j.get<std::string>() : j.dump(); };
      std::string topic = text(partition["kafka_topic"]);
      int32_t part;
      try {
        size_t pos = 0;
        std::string p = text(partition["kafka_partition"]);
        long long v = std::stoll(p, &pos);
        if (pos != p.size() || v < INT32_MIN || v > INT32_MAX) throw std::invalid_argument(p);
        part = static_cast<int32_t>(v);
      } catch (const std::exception&) {
        throw api::BadRequestException("Failed to parse the following Kafka partition value in the provided offsets: '" +
                                       text(partition["kafka_partition"]) +
                                       "'. Partition values for sink connectors need to be integers.");
      }
      api::TopicPartition tp{topic, part};
      if (!o.offset_json) {
        to_delete.push_back(tp);
        continue;
      }
      auto offset = nlohmann::json::parse(*o.offset_json, nullptr, false);
      if (offset.is_discarded() || offset.is_null()) {
        to_delete.push_back(tp);
        continue;
      }
      if (!offset.is_object() || !offset.contains("kafka_offset")) {
        throw api::BadRequestException(
            "The offset for a sink connector should either be null or contain the key 'kafka_offset'");
      }
      try {
        size_t pos = 0;
        std::string v = text(offset["kafka_offset"]);
        long long off = std::stoll(v, &pos);
        if (pos != v.size()) throw std::invalid_argument(v);
        to_alter[tp] = off;
      } catch (const std::exception&) {
        throw api::BadRequestException("Failed to parse the following Kafka offset value in the provided offsets: '" +
                                       text(offset["kafka_offset"]) +
                                       "'. Offset values for sink connectors need to be integers.");
      }
    }
    try {
      if (!to_alter.empty()) admin.alterConsumerGroupOffsets(group, to_alter, kOffsetRequestTimeoutMs);
      if (!to_delete.empty()) admin.deleteConsumerGroupOffsets(group, to_delete, kOffsetRequestTimeoutMs);
    } catch (const kafka::KafkaException& e) {
      if (e.code() == RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID || e.code() == RD_KAFKA_RESP_ERR_GROUP_SUBSCRIBED_TO_TOPIC) {
        throw CausedConnectException(
            "Failed to alter consumer group offsets for connector " + name +
                " either because its tasks haven't stopped completely yet or the connector was resumed before the "
                "request to alter its offsets could be successfully completed. If the connector is in a stopped state, "
                "this operation can be safely retried. If it doesn't eventually succeed, the Connect cluster may need "
                "to be restarted to get rid of the zombie sink tasks.",
            e);
      }
      throw CausedConnectException("Failed to alter consumer group offsets for connector " + name, e);
    }
    cb(nullptr, completeModifyMessage(false));
  } catch (const std::exception& e) {
    spdlog::error("Failed to modify offsets for sink connector {}: {}", name, e.what());
    cb(maybeWrap(e, "Failed to modify offsets for sink connector " + name), {});
  }
}

}  // namespace connectd::runtime
