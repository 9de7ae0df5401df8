#include "server/runtime/kafka_config_backing_store.h"

#include <spdlog/spdlog.h>

#include <charconv>
#include <functional>

#include "server/api/errors.h"
#include "server/common/strings.h"
#include "server/runtime/internal_json.h"
#include "server/runtime/status_listener.h"

namespace connectd::runtime {

// A listener call collected under the lock and made after it is released.
struct KafkaConfigBackingStore::Notification {
  std::function<void(UpdateListener&)> call;
};

namespace {

std::optional<TargetState> parseTargetState(const std::string& s) {
  if (s == "STARTED") return TargetState::Started;
  if (s == "PAUSED") return TargetState::Paused;
  if (s == "STOPPED") return TargetState::Stopped;
  return std::nullopt;
}

// {"properties":{...}} → the map; nullopt when the shape is wrong. Null property values
// cannot be represented in a ConfigMap and are dropped.
std::optional<ConfigMap> parseProperties(const nlohmann::json& j) {
  if (!j.is_object()) return std::nullopt;
  auto props = j.find("properties");
  if (props == j.end() || !props->is_object()) return std::nullopt;
  ConfigMap out;
  for (const auto& [k, v] : props->items()) {
    if (v.is_null()) continue;
    out[k] = v.is_string() ? v.get<std::string>() : v.dump();
  }
  return out;
}

bool booleanField(const nlohmann::json& j, const char* field) {
  auto it = j.find(field);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

}  // namespace

KafkaConfigBackingStore::KafkaConfigBackingStore(InternalTopicSettings settings, std::chrono::milliseconds timeout)
    : settings_(std::move(settings)), timeout_(timeout) {
  if (settings_.topic.empty() || settings_.topic.find_first_not_of(" \t") == std::string::npos) {
    throw api::ConfigException("Must specify topic for connector configuration.");
  }
  // The config topic is always created with one partition, whatever the worker says.
  settings_.partitions = 1;
  settings_.single_partition = true;
}

KafkaConfigBackingStore::~KafkaConfigBackingStore() { stop(); }

void KafkaConfigBackingStore::setUpdateListener(UpdateListener* listener) {
  std::lock_guard lock(mu_);
  listener_ = listener;
}

void KafkaConfigBackingStore::start() {
  spdlog::info("Starting KafkaConfigBackingStore");
  log_ = KafkaBasedLog::forInternalTopic(settings_, [this](const LogRecord& r) { onRecord(r); });
  log_->start();
  int partitions = log_->partitionCount();
  if (partitions > 1) {
    log_->stop();
    log_.reset();
    throw api::ConfigException("Topic '" + settings_.topic + "' supplied via the '" + settings_.worker_topic_config +
                               "' property is required to have a single partition in order to guarantee "
                               "consistency of connector configurations, but found " +
                               std::to_string(partitions) + " partitions.");
  }
  {
    std::lock_guard lock(mu_);
    started_ = true;
  }
  spdlog::info("Started KafkaConfigBackingStore");
}

void KafkaConfigBackingStore::stop() {
  if (!log_) return;
  spdlog::info("Closing KafkaConfigBackingStore");
  log_->stop();
  log_.reset();
  std::lock_guard lock(mu_);
  started_ = false;
}

ClusterConfigState KafkaConfigBackingStore::snapshot() const {
  std::lock_guard lock(mu_);
  return ClusterConfigState(offset_, task_counts_, connector_configs_, target_states_, task_configs_, inconsistent_,
                            task_count_records_);
}

bool KafkaConfigBackingStore::contains(const std::string& connector) const {
  std::lock_guard lock(mu_);
  return connector_configs_.count(connector) > 0;
}

std::optional<SessionKey> KafkaConfigBackingStore::sessionKey() const {
  std::lock_guard lock(mu_);
  return session_key_;
}

std::string_view KafkaConfigBackingStore::targetStateName(TargetState state) {
  switch (state) {
    case TargetState::Started: return "STARTED";
    case TargetState::Paused: return "PAUSED";
    case TargetState::Stopped: return "STOPPED";
  }
  return "STARTED";
}

std::string KafkaConfigBackingStore::connectorConfigValue(const ConfigMap& config) {
  std::string out = "{\"properties\":";
  internal_json::appendStringMap(config, out);
  out.push_back('}');
  return out;
}

std::string KafkaConfigBackingStore::targetStateValue(TargetState state) {
  // Readers older than KIP-875 know only STARTED and PAUSED: STOPPED reads as PAUSED to them.
  std::string_view legacy = state == TargetState::Stopped ? "PAUSED" : targetStateName(state);
  std::string out = "{\"state\":";
  internal_json::appendString(legacy, out);
  out.append(",\"state.v2\":");
  internal_json::appendString(targetStateName(state), out);
  out.push_back('}');
  return out;
}

std::string KafkaConfigBackingStore::commitValue(int tasks) { return "{\"tasks\":" + std::to_string(tasks) + "}"; }

std::string KafkaConfigBackingStore::restartRequestValue(const RestartRequest& request) {
  return std::string("{\"include-tasks\":") + (request.include_tasks ? "true" : "false") +
         ",\"only-failed\":" + (request.only_failed ? "true" : "false") + "}";
}

std::string KafkaConfigBackingStore::sessionKeyValue(const SessionKey& key) {
  std::string out = "{\"key\":";
  internal_json::appendString(common::base64Encode(key.key), out);
  out.append(",\"algorithm\":");
  internal_json::appendString(key.algorithm, out);
  out.append(",\"creation-timestamp\":");
  out.append(std::to_string(key.creation_timestamp));
  out.push_back('}');
  return out;
}

std::string KafkaConfigBackingStore::taskCountRecordValue(int task_count) {
  return "{\"task-count\":" + std::to_string(task_count) + "}";
}

std::string KafkaConfigBackingStore::loggerLevelValue(const std::string& level) {
  std::string out = "{\"level\":";
  internal_json::appendString(level, out);
  out.push_back('}');
  return out;
}

std::optional<ConnectorTaskId> KafkaConfigBackingStore::parseTaskKey(std::string_view key) {
  auto parts = common::split(key, '-');
  if (parts.size() < 3) return std::nullopt;
  const std::string& last = parts.back();
  int task = 0;
  auto res = std::from_chars(last.data(), last.data() + last.size(), task);
  if (last.empty() || res.ec != std::errc() || res.ptr != last.data() + last.size()) return std::nullopt;
  std::vector<std::string> name(parts.begin() + 1, parts.end() - 1);
  return ConnectorTaskId{common::join(name, "-"), task};
}

void KafkaConfigBackingStore::sendAll(const std::vector<std::pair<std::string, std::optional<std::string>>>& records) {
  if (!log_) throw api::ConnectException("KafkaConfigBackingStore is not running");
  for (const auto& [key, value] : records) {
    std::optional<std::string_view> v;
    if (value) v = *value;
    try {
      log_->sendWithReceipt(key, v, timeout_);
    } catch (const api::ConnectException& e) {
      throw api::ConnectException(std::string("Error writing to the config topic: ") + e.what());
    }
  }
}

void KafkaConfigBackingStore::readToEnd() {
  if (!log_) throw api::ConnectException("KafkaConfigBackingStore is not running");
  try {
    log_->readToEnd(timeout_);
  } catch (const api::ConnectException& e) {
    throw api::ConnectException(std::string("Error reading the config topic to its end: ") + e.what());
  }
}

void KafkaConfigBackingStore::refresh(std::chrono::milliseconds timeout) {
  if (!log_) throw api::ConnectException("KafkaConfigBackingStore is not running");
  log_->readToEnd(timeout);
}

void KafkaConfigBackingStore::putConnectorConfig(const std::string& connector, const ConfigMap& config,
                                                 std::optional<TargetState> target_state) {
  std::vector<std::pair<std::string, std::optional<std::string>>> records;
  if (target_state) records.emplace_back(std::string(kTargetStatePrefix) + connector, targetStateValue(*target_state));
  records.emplace_back(std::string(kConnectorPrefix) + connector, connectorConfigValue(config));
  sendAll(records);
  readToEnd();
}

void KafkaConfigBackingStore::removeConnectorConfig(const std::string& connector) {
  sendAll({{std::string(kConnectorPrefix) + connector, std::nullopt},
           {std::string(kTargetStatePrefix) + connector, std::nullopt}});
  readToEnd();
}

void KafkaConfigBackingStore::putTaskConfigs(const std::string& connector, const std::vector<ConfigMap>& configs) {
  // Anything still unread could be a newer commit of the same connector.
  readToEnd();
  std::vector<std::pair<std::string, std::optional<std::string>>> tasks;
  for (size_t i = 0; i < configs.size(); ++i) {
    tasks.emplace_back(std::string(kTaskPrefix) + connector + "-" + std::to_string(i), connectorConfigValue(configs[i]));
  }
  sendAll(tasks);
  if (!configs.empty()) readToEnd();
  sendAll({{std::string(kCommitTasksPrefix) + connector, commitValue(static_cast<int>(configs.size()))}});
  readToEnd();
}

void KafkaConfigBackingStore::putTargetState(const std::string& connector, TargetState state) {
  sendAll({{std::string(kTargetStatePrefix) + connector, targetStateValue(state)}});
}

void KafkaConfigBackingStore::putRestartRequest(const RestartRequest& request) {
  sendAll({{std::string(kRestartPrefix) + request.connector, restartRequestValue(request)}});
  readToEnd();
}

void KafkaConfigBackingStore::putSessionKey(const SessionKey& key) {
  sendAll({{std::string(kSessionKeyKey), sessionKeyValue(key)}});
  readToEnd();
}

void KafkaConfigBackingStore::putTaskCountRecord(const std::string& connector, int task_count) {
  sendAll({{std::string(kTaskCountRecordPrefix) + connector, taskCountRecordValue(task_count)}});
  readToEnd();
}

void KafkaConfigBackingStore::putLoggerLevel(const std::string& logger_namespace, const std::string& level) {
  sendAll({{std::string(kLoggerClusterPrefix) + logger_namespace, loggerLevelValue(level)}});
}

void KafkaConfigBackingStore::onRecord(const LogRecord& record) {
  std::vector<Notification> notifications;
  UpdateListener* listener;
  {
    std::lock_guard lock(mu_);
    offset_ = record.offset + 1;
    if (!record.key) {
      spdlog::error("Discarding config update record with a null key");
      return;
    }
    process(*record.key, record.value, notifications);
    listener = started_ ? listener_ : nullptr;
  }
  if (listener == nullptr) return;
  for (auto& n : notifications) {
    try {
      n.call(*listener);
    } catch (const std::exception& e) {
      spdlog::error("Unexpected exception in a config update listener: {}", e.what());
    }
  }
}

void KafkaConfigBackingStore::process(std::string_view key, std::optional<std::string_view> value,
                                      std::vector<Notification>& out) {
  auto rest = [&](std::string_view prefix) { return std::string(key.substr(prefix.size())); };
  if (common::startsWith(key, kTargetStatePrefix)) {
    processTargetState(rest(kTargetStatePrefix), value, out);
  } else if (common::startsWith(key, kConnectorPrefix)) {
    processConnectorConfig(rest(kConnectorPrefix), value, out);
  } else if (common::startsWith(key, kTaskPrefix)) {
    processTaskConfig(key, value);
  } else if (common::startsWith(key, kCommitTasksPrefix)) {
    processTasksCommit(rest(kCommitTasksPrefix), value, out);
  } else if (common::startsWith(key, kRestartPrefix)) {
    processRestart(rest(kRestartPrefix), value, out);
  } else if (key == kSessionKeyKey) {
    processSessionKey(value, out);
  } else if (common::startsWith(key, kTaskCountRecordPrefix)) {
    processTaskCountRecord(rest(kTaskCountRecordPrefix), value);
  } else if (common::startsWith(key, kLoggerClusterPrefix)) {
    processLoggerLevel(rest(kLoggerClusterPrefix), value, out);
  } else {
    spdlog::error("Discarding config update record with invalid key: {}", key);
  }
}

void KafkaConfigBackingStore::processTargetState(const std::string& connector, std::optional<std::string_view> value,
                                                 std::vector<Notification>& out) {
  if (!value) {
    spdlog::debug("Removed target state for connector {} due to null value in topic.", connector);
    target_states_.erase(connector);
    // The connector itself still exists: it runs again.
    if (connector_configs_.count(connector)) target_states_[connector] = TargetState::Started;
  } else {
    auto j = internal_json::parse(*value);
    if (!j || !j->is_object()) {
      spdlog::error("Found target state ({}) in wrong format: {}", connector, *value);
      return;
    }
    std::optional<std::string> name;
    auto v2 = j->find("state.v2");
    auto v1 = j->find("state");
    if (v2 != j->end() && v2->is_string()) {
      name = v2->get<std::string>();
    } else if (v1 != j->end() && v1->is_string()) {
      name = v1->get<std::string>();
    }
    if (!name) {
      spdlog::error("Invalid data for target state for connector '{}': 'state' field should be a String but is {}",
                    connector, v1 == j->end() ? "missing" : v1->dump());
      return;
    }
    auto state = parseTargetState(*name);
    if (!state) {
      spdlog::error("Invalid target state for connector '{}': {}", connector, *name);
      return;
    }
    spdlog::debug("Setting target state for connector '{}' to {}", connector, *name);
    target_states_[connector] = *state;
  }
  if (connector_configs_.count(connector)) {
    out.push_back({[connector](UpdateListener& l) { l.onConnectorTargetStateChange(connector); }});
  }
}

void KafkaConfigBackingStore::processConnectorConfig(const std::string& connector,
                                                     std::optional<std::string_view> value,
                                                     std::vector<Notification>& out) {
  if (!value) {
    spdlog::info("Successfully processed removal of connector '{}'", connector);
    connector_configs_.erase(connector);
    task_counts_.erase(connector);
    for (auto it = task_configs_.begin(); it != task_configs_.end();) {
      it = it->first.connector == connector ? task_configs_.erase(it) : std::next(it);
    }
    deferred_task_updates_.erase(connector);
    inconsistent_.erase(connector);
    out.push_back({[connector](UpdateListener& l) { l.onConnectorConfigRemove(connector); }});
    return;
  }
  auto j = internal_json::parse(*value);
  std::optional<ConfigMap> config;
  if (j) config = parseProperties(*j);
  if (!config) {
    spdlog::error("Found configuration for connector '{}' in wrong format: {}", connector, *value);
    return;
  }
  spdlog::debug("Updating configuration for connector '{}'", connector);
  connector_configs_[connector] = std::move(*config);
  // A connector without an explicit target state runs.
  if (!target_states_.count(connector)) target_states_[connector] = TargetState::Started;
  out.push_back({[connector](UpdateListener& l) { l.onConnectorConfigUpdate(connector); }});
}

void KafkaConfigBackingStore::processTaskConfig(std::string_view key, std::optional<std::string_view> value) {
  auto id = parseTaskKey(key);
  if (!id) {
    spdlog::error("Ignoring task configuration because {} couldn't be parsed as a task config key", key);
    return;
  }
  if (!value) {
    spdlog::error("Ignoring task configuration for task {} because it is unexpectedly null", toString(*id));
    return;
  }
  auto j = internal_json::parse(*value);
  std::optional<ConfigMap> config;
  if (j) config = parseProperties(*j);
  if (!config) {
    spdlog::error("Found configuration for task {} in wrong format: {}", toString(*id), *value);
    return;
  }
  spdlog::trace("Storing new config for task {}; this will wait for a commit message before the new config will "
                "take effect.",
                toString(*id));
  deferred_task_updates_[id->connector][*id] = std::move(*config);
}

void KafkaConfigBackingStore::processTasksCommit(const std::string& connector, std::optional<std::string_view> value,
                                                 std::vector<Notification>& out) {
  if (!value) {
    spdlog::error("Ignoring connector tasks configuration commit for connector '{}' because it is unexpectedly null",
                  connector);
    return;
  }
  auto j = internal_json::parse(*value);
  std::optional<int64_t> tasks;
  if (j) tasks = internal_json::integer(*j, "tasks");
  if (!tasks || *tasks < 0) {
    spdlog::error("Invalid data for connector task commit for connector '{}': {}", connector, *value);
    return;
  }
  int count = static_cast<int>(*tasks);
  auto deferred_it = deferred_task_updates_.find(connector);
  std::map<ConnectorTaskId, ConfigMap> deferred;
  if (deferred_it != deferred_task_updates_.end()) {
    deferred = std::move(deferred_it->second);
    deferred_task_updates_.erase(deferred_it);
  }
  if (!connector_configs_.count(connector)) {
    spdlog::debug("Ignoring task commit for connector '{}' which has no configuration (it was deleted)", connector);
    return;
  }
  // Compaction may have removed some task records of an earlier generation, and extra ids
  // may remain from a larger one: every id below the count must be present, extras are fine.
  bool complete = true;
  for (int i = 0; i < count && complete; ++i) complete = deferred.count({connector, i}) > 0;
  if (!complete) {
    spdlog::error("We have an incomplete set of task configs for connector '{}' probably due to compaction. So we "
                  "cannot apply the commit of {} tasks.",
                  connector, count);
    inconsistent_.insert(connector);
  } else {
    std::vector<ConnectorTaskId> updated;
    for (auto& [id, config] : deferred) {
      updated.push_back(id);
      task_configs_[id] = std::move(config);
    }
    for (auto it = task_configs_.begin(); it != task_configs_.end();) {
      it = it->first.connector == connector && it->first.task >= count ? task_configs_.erase(it) : std::next(it);
    }
    inconsistent_.erase(connector);
    out.push_back({[updated](UpdateListener& l) { l.onTaskConfigUpdate(updated); }});
  }
  task_counts_[connector] = count;
}

void KafkaConfigBackingStore::processRestart(const std::string& connector, std::optional<std::string_view> value,
                                             std::vector<Notification>& out) {
  if (!value) {
    spdlog::error("Ignoring restart request because it is unexpectedly null");
    return;
  }
  auto j = internal_json::parse(*value);
  if (!j || !j->is_object()) {
    spdlog::error("Ignoring restart request because the value is not a Map but is {}", *value);
    return;
  }
  RestartRequest request{connector, booleanField(*j, "include-tasks"), booleanField(*j, "only-failed")};
  // Historical requests are not replayed: listeners only hear them once the store started.
  out.push_back({[request](UpdateListener& l) { l.onRestartRequest(request); }});
}

void KafkaConfigBackingStore::processSessionKey(std::optional<std::string_view> value, std::vector<Notification>& out) {
  if (!value) {
    spdlog::error("Ignoring session key because it is unexpectedly null");
    return;
  }
  auto j = internal_json::parse(*value);
  if (!j || !j->is_object()) {
    spdlog::error("Ignoring session key because the value is not a Map");
    return;
  }
  auto key = j->find("key");
  auto algorithm = j->find("algorithm");
  auto ts = internal_json::integer(*j, "creation-timestamp");
  if (key == j->end() || !key->is_string() || algorithm == j->end() || !algorithm->is_string() || !ts) {
    spdlog::error("Ignoring session key in wrong format: {}", *value);
    return;
  }
  SessionKey session{common::base64Decode(key->get<std::string>()), algorithm->get<std::string>(), *ts};
  session_key_ = session;
  out.push_back({[session](UpdateListener& l) { l.onSessionKeyUpdate(session); }});
}

void KafkaConfigBackingStore::processTaskCountRecord(const std::string& connector,
                                                     std::optional<std::string_view> value) {
  if (!value) {
    spdlog::error("Ignoring task count record for connector '{}' because it is unexpectedly null", connector);
    return;
  }
  auto j = internal_json::parse(*value);
  std::optional<int64_t> count;
  if (j) count = internal_json::integer(*j, "task-count");
  if (!count) {
    spdlog::error("Invalid data for task count record for connector '{}': {}", connector, *value);
    return;
  }
  task_count_records_[connector] = static_cast<int>(*count);
}

void KafkaConfigBackingStore::processLoggerLevel(const std::string& logger_namespace,
                                                 std::optional<std::string_view> value,
                                                 std::vector<Notification>& out) {
  if (!value) {
    spdlog::error("Ignoring logging level for namespace {} because it is unexpectedly null", logger_namespace);
    return;
  }
  auto j = internal_json::parse(*value);
  std::optional<std::string> level;
  if (j && j->is_object()) {
    auto it = j->find("level");
    if (it != j->end() && it->is_string()) level = it->get<std::string>();
  }
  if (!level) {
    spdlog::error("Invalid data for logging level key 'logger-cluster-{}': {}", logger_namespace, *value);
    return;
  }
  // Levels written before this worker started are not applied (KIP-976).
  std::string l = *level;
  out.push_back({[logger_namespace, l](UpdateListener& listener) { listener.onLoggingLevelUpdate(logger_namespace, l); }});
}

}  // namespace connectd::runtime
