#include "server/runtime/kafka_status_backing_store.h"

#include <spdlog/spdlog.h>

#include <charconv>

#include "server/api/errors.h"
#include "server/common/strings.h"
#include "server/runtime/internal_json.h"
#include "server/runtime/status_listener.h"

namespace connectd::runtime {

namespace {

constexpr const char* kDestroyed = "DESTROYED";

// Errors a resend cannot fix.
bool retriable(rd_kafka_resp_err_t error) {
  switch (error) {
    case RD_KAFKA_RESP_ERR__INVALID_ARG:
    case RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE:
    case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC:
    case RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR__FATAL:
    case RD_KAFKA_RESP_ERR__PURGE_QUEUE:
    case RD_KAFKA_RESP_ERR__PURGE_INFLIGHT:
    case RD_KAFKA_RESP_ERR__DESTROY:
      return false;
    default:
      return true;
  }
}

std::optional<int> parseInt(std::string_view s) {
  int v = 0;
  auto res = std::from_chars(s.data(), s.data() + s.size(), v);
  if (res.ec != std::errc() || res.ptr != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

}  // namespace

template <typename V>
bool KafkaStatusBackingStore::CacheEntry<V>::canWriteSafely(const Status& status) const {
  return !value || value->info.worker_id == status.info.worker_id || value->generation <= status.generation;
}

KafkaStatusBackingStore::KafkaStatusBackingStore(InternalTopicSettings settings, std::chrono::milliseconds timeout)
    : settings_(std::move(settings)), timeout_(timeout) {
  if (settings_.topic.empty() || settings_.topic.find_first_not_of(" \t") == std::string::npos) {
    throw api::ConfigException("Must specify topic for connector status.");
  }
  // Retries are done here, so that a retried write can be dropped when a newer one exists.
  settings_.producer["retries"] = "0";
}

KafkaStatusBackingStore::~KafkaStatusBackingStore() { stop(); }

void KafkaStatusBackingStore::start() {
  log_ = KafkaBasedLog::forInternalTopic(settings_, [this](const LogRecord& r) { onRecord(r); });
  log_->start();
}

void KafkaStatusBackingStore::stop() {
  if (!log_) return;
  log_->stop();
  log_.reset();
}

std::string KafkaStatusBackingStore::connectorKey(const std::string& connector) {
  return std::string(kConnectorPrefix) + connector;
}

std::string KafkaStatusBackingStore::taskKey(const ConnectorTaskId& id) {
  return std::string(kTaskPrefix) + id.connector + "-" + std::to_string(id.task);
}

std::string KafkaStatusBackingStore::topicKey(const std::string& topic, const std::string& connector) {
  return std::string(kTopicPrefix) + topic + std::string(kTopicConnectorSeparator) + connector;
}

std::string KafkaStatusBackingStore::serializeStatus(const StateInfo& status, int generation) {
  std::string out = "{\"state\":";
  internal_json::appendString(status.state, out);
  out.append(",\"trace\":");
  if (status.trace.empty()) {
    out.append("null");
  } else {
    internal_json::appendString(status.trace, out);
  }
  out.append(",\"worker_id\":");
  internal_json::appendString(status.worker_id, out);
  out.append(",\"generation\":");
  out.append(std::to_string(generation));
  out.push_back('}');
  return out;
}

std::string KafkaStatusBackingStore::serializeTopicStatus(const TopicStatus& status) {
  std::string out = "{\"topic\":{\"name\":";
  internal_json::appendString(status.topic, out);
  out.append(",\"connector\":");
  internal_json::appendString(status.connector, out);
  out.append(",\"task\":");
  out.append(std::to_string(status.task));
  out.append(",\"discoverTimestamp\":");
  out.append(std::to_string(status.discover_timestamp));
  out.append("}}");
  return out;
}

std::optional<KafkaStatusBackingStore::Status> KafkaStatusBackingStore::parseStatus(std::string_view value) {
  auto j = internal_json::parse(value);
  if (!j || !j->is_object()) return std::nullopt;
  auto state = j->find("state");
  auto worker = j->find("worker_id");
  auto generation = internal_json::integer(*j, "generation");
  if (state == j->end() || !state->is_string() || worker == j->end() || !worker->is_string() || !generation) {
    return std::nullopt;
  }
  Status s;
  s.info.state = state->get<std::string>();
  s.info.worker_id = worker->get<std::string>();
  auto trace = j->find("trace");
  if (trace != j->end() && trace->is_string()) s.info.trace = trace->get<std::string>();
  s.generation = static_cast<int>(*generation);
  return s;
}

std::optional<TopicStatus> KafkaStatusBackingStore::parseTopicStatus(std::string_view value) {
  auto j = internal_json::parse(value);
  if (!j || !j->is_object()) return std::nullopt;
  auto inner = j->find("topic");
  if (inner == j->end() || !inner->is_object()) return std::nullopt;
  auto name = inner->find("name");
  auto connector = inner->find("connector");
  auto task = internal_json::integer(*inner, "task");
  auto ts = internal_json::integer(*inner, "discoverTimestamp");
  if (name == inner->end() || !name->is_string() || connector == inner->end() || !connector->is_string() || !task ||
      !ts) {
    return std::nullopt;
  }
  return TopicStatus{name->get<std::string>(), connector->get<std::string>(), static_cast<int>(*task), *ts};
}

std::optional<ConnectorTaskId> KafkaStatusBackingStore::parseTaskKey(std::string_view key) {
  auto parts = common::split(key, '-');
  if (parts.size() < 4) return std::nullopt;
  auto task = parseInt(parts.back());
  if (!task) return std::nullopt;
  std::vector<std::string> name(parts.begin() + 2, parts.end() - 1);
  return ConnectorTaskId{common::join(name, "-"), *task};
}

std::optional<std::pair<std::string, std::string>> KafkaStatusBackingStore::parseTopicKey(std::string_view key) {
  if (!common::startsWith(key, kTopicPrefix)) return std::nullopt;
  auto rest = key.substr(kTopicPrefix.size());
  auto colon = rest.find(':');
  auto sep = key.find(kTopicConnectorSeparator);
  if (colon == std::string_view::npos || sep == std::string_view::npos) return std::nullopt;
  std::string topic(rest.substr(0, colon));
  std::string connector(key.substr(sep + kTopicConnectorSeparator.size()));
  if (topic.empty() || connector.empty()) return std::nullopt;
  return std::make_pair(std::move(topic), std::move(connector));
}

std::shared_ptr<KafkaStatusBackingStore::CacheEntry<KafkaStatusBackingStore::Status>>
KafkaStatusBackingStore::connectorEntry(const std::string& connector) {
  auto& e = connectors_[connector];
  if (!e) e = std::make_shared<CacheEntry<Status>>();
  return e;
}

std::shared_ptr<KafkaStatusBackingStore::CacheEntry<KafkaStatusBackingStore::Status>>
KafkaStatusBackingStore::taskEntry(const ConnectorTaskId& id) {
  auto& e = tasks_[id.connector][id.task];
  if (!e) e = std::make_shared<CacheEntry<Status>>();
  return e;
}

void KafkaStatusBackingStore::sendStatus(const std::string& key, const StateInfo& status, int generation, bool safe,
                                         const std::shared_ptr<CacheEntry<Status>>& entry) {
  Status s{status, generation};
  int sequence;
  {
    std::lock_guard lock(mu_);
    if (safe && !entry->canWriteSafely(s)) return;
    sequence = ++entry->sequence;
  }
  std::optional<std::string> value;
  if (status.state != kDestroyed) value = serializeStatus(status, generation);
  sendWithRetry(key, std::move(value), s, safe, entry, sequence);
}

void KafkaStatusBackingStore::sendWithRetry(const std::string& key, std::optional<std::string> value,
                                            const Status& status, bool safe, std::shared_ptr<CacheEntry<Status>> entry,
                                            int sequence) {
  if (!log_) throw api::ConnectException("KafkaStatusBackingStore is not running");
  std::optional<std::string_view> v;
  if (value) v = *value;
  log_->send(key, v, [this, key, value, status, safe, entry, sequence](rd_kafka_resp_err_t error,
                                                                       const std::string& message) {
    if (error == RD_KAFKA_RESP_ERR_NO_ERROR) return;
    if (!retriable(error)) {
      spdlog::error("Failed to write status update for {}: {}", key, message);
      return;
    }
    {
      std::lock_guard lock(mu_);
      if (entry->deleted || entry->sequence != sequence || (safe && !entry->canWriteSafely(status))) return;
    }
    spdlog::warn("Failed to write status update for {} ({}); retrying", key, message);
    sendWithRetry(key, value, status, safe, entry, sequence);
  });
}

void KafkaStatusBackingStore::put(const std::string& connector, const StateInfo& status, int generation) {
  std::shared_ptr<CacheEntry<Status>> entry;
  {
    std::lock_guard lock(mu_);
    entry = connectorEntry(connector);
  }
  sendStatus(connectorKey(connector), status, generation, false, entry);
}

void KafkaStatusBackingStore::putSafe(const std::string& connector, const StateInfo& status, int generation) {
  std::shared_ptr<CacheEntry<Status>> entry;
  {
    std::lock_guard lock(mu_);
    entry = connectorEntry(connector);
  }
  sendStatus(connectorKey(connector), status, generation, true, entry);
}

void KafkaStatusBackingStore::put(const ConnectorTaskId& id, const StateInfo& status, int generation) {
  std::shared_ptr<CacheEntry<Status>> entry;
  {
    std::lock_guard lock(mu_);
    entry = taskEntry(id);
  }
  sendStatus(taskKey(id), status, generation, false, entry);
}

void KafkaStatusBackingStore::putSafe(const ConnectorTaskId& id, const StateInfo& status, int generation) {
  std::shared_ptr<CacheEntry<Status>> entry;
  {
    std::lock_guard lock(mu_);
    entry = taskEntry(id);
  }
  sendStatus(taskKey(id), status, generation, true, entry);
}

void KafkaStatusBackingStore::put(const TopicStatus& status) {
  if (!log_) throw api::ConnectException("KafkaStatusBackingStore is not running");
  std::string key = topicKey(status.topic, status.connector);
  log_->send(key, serializeTopicStatus(status), [key](rd_kafka_resp_err_t error, const std::string& message) {
    if (error != RD_KAFKA_RESP_ERR_NO_ERROR) spdlog::error("Failed to write topic status {}: {}", key, message);
  });
}

void KafkaStatusBackingStore::deleteTopic(const std::string& connector, const std::string& topic) {
  if (!log_) throw api::ConnectException("KafkaStatusBackingStore is not running");
  std::string key = topicKey(topic, connector);
  log_->send(key, std::nullopt, [key](rd_kafka_resp_err_t error, const std::string& message) {
    if (error != RD_KAFKA_RESP_ERR_NO_ERROR) spdlog::error("Failed to delete topic status {}: {}", key, message);
  });
}

std::optional<StateInfo> KafkaStatusBackingStore::get(const std::string& connector) {
  std::lock_guard lock(mu_);
  auto it = connectors_.find(connector);
  if (it == connectors_.end() || !it->second->value) return std::nullopt;
  return it->second->value->info;
}

std::optional<StateInfo> KafkaStatusBackingStore::get(const ConnectorTaskId& id) {
  std::lock_guard lock(mu_);
  auto it = tasks_.find(id.connector);
  if (it == tasks_.end()) return std::nullopt;
  auto t = it->second.find(id.task);
  if (t == it->second.end() || !t->second->value) return std::nullopt;
  return t->second->value->info;
}

std::vector<TaskStateInfo> KafkaStatusBackingStore::getAll(const std::string& connector) {
  std::lock_guard lock(mu_);
  std::vector<TaskStateInfo> out;
  auto it = tasks_.find(connector);
  if (it == tasks_.end()) return out;
  for (const auto& [task, entry] : it->second) {
    if (!entry->value) continue;
    TaskStateInfo info;
    static_cast<StateInfo&>(info) = entry->value->info;
    info.id = task;
    out.push_back(std::move(info));
  }
  return out;
}

std::optional<TopicStatus> KafkaStatusBackingStore::getTopic(const std::string& connector, const std::string& topic) {
  std::lock_guard lock(mu_);
  auto it = topics_.find(connector);
  if (it == topics_.end()) return std::nullopt;
  auto t = it->second.find(topic);
  if (t == it->second.end()) return std::nullopt;
  return t->second;
}

std::vector<TopicStatus> KafkaStatusBackingStore::getAllTopics(const std::string& connector) {
  std::lock_guard lock(mu_);
  std::vector<TopicStatus> out;
  auto it = topics_.find(connector);
  if (it == topics_.end()) return out;
  for (const auto& [topic, status] : it->second) out.push_back(status);
  return out;
}

std::set<std::string> KafkaStatusBackingStore::connectors() {
  std::lock_guard lock(mu_);
  std::set<std::string> out;
  for (const auto& [name, entry] : connectors_) {
    if (entry->value) out.insert(name);
  }
  return out;
}

void KafkaStatusBackingStore::flush() {
  if (!log_) return;
  try {
    log_->readToEnd(timeout_);
  } catch (const std::exception& e) {
    spdlog::warn("Failed to flush the status store: {}", e.what());
  }
}

void KafkaStatusBackingStore::onRecord(const LogRecord& record) {
  if (!record.key) return;
  std::string_view key = *record.key;
  if (common::startsWith(key, kConnectorPrefix)) {
    readConnectorStatus(std::string(key.substr(kConnectorPrefix.size())), record.value);
  } else if (common::startsWith(key, kTaskPrefix)) {
    auto id = parseTaskKey(key);
    if (!id) {
      spdlog::warn("Invalid task status key {}", key);
      return;
    }
    readTaskStatus(*id, record.value);
  } else if (common::startsWith(key, kTopicPrefix)) {
    auto parsed = parseTopicKey(key);
    if (!parsed) {
      spdlog::warn("Invalid topic status key {}", key);
      return;
    }
    readTopicStatus(parsed->first, parsed->second, record.value);
  } else {
    spdlog::warn("Discarding record with invalid key {}", key);
  }
}

void KafkaStatusBackingStore::removeConnector(const std::string& connector) {
  auto it = connectors_.find(connector);
  if (it != connectors_.end()) {
    it->second->deleted = true;
    connectors_.erase(it);
  }
  auto t = tasks_.find(connector);
  if (t != tasks_.end()) {
    for (auto& [task, entry] : t->second) entry->deleted = true;
    tasks_.erase(t);
  }
}

void KafkaStatusBackingStore::readConnectorStatus(const std::string& connector, std::optional<std::string_view> value) {
  std::lock_guard lock(mu_);
  if (!value) {
    spdlog::trace("Removing status for connector {}", connector);
    removeConnector(connector);
    return;
  }
  auto status = parseStatus(*value);
  if (!status) {
    spdlog::error("Failed to deserialize connector status of {}", connector);
    return;
  }
  connectorEntry(connector)->value = std::move(*status);
}

void KafkaStatusBackingStore::readTaskStatus(const ConnectorTaskId& id, std::optional<std::string_view> value) {
  std::lock_guard lock(mu_);
  if (!value) {
    spdlog::trace("Removing status for task {}", toString(id));
    auto it = tasks_.find(id.connector);
    if (it == tasks_.end()) return;
    auto t = it->second.find(id.task);
    if (t != it->second.end()) {
      t->second->deleted = true;
      it->second.erase(t);
    }
    if (it->second.empty()) tasks_.erase(it);
    return;
  }
  auto status = parseStatus(*value);
  if (!status) {
    spdlog::error("Failed to deserialize task status of {}", toString(id));
    return;
  }
  auto entry = taskEntry(id);
  // A worker that lost the task in a rebalance may report UNASSIGNED after the new owner
  // reported RUNNING; the newer owner's status wins.
  if (status->info.state == "UNASSIGNED" && entry->value && entry->value->info.state == "RUNNING" &&
      entry->value->generation >= status->generation) {
    spdlog::trace("Ignoring stale UNASSIGNED status of task {}", toString(id));
    return;
  }
  entry->value = std::move(*status);
}

void KafkaStatusBackingStore::readTopicStatus(const std::string& topic, const std::string& connector,
                                              std::optional<std::string_view> value) {
  std::lock_guard lock(mu_);
  if (!value) {
    auto it = topics_.find(connector);
    if (it == topics_.end()) return;
    it->second.erase(topic);
    if (it->second.empty()) topics_.erase(it);
    return;
  }
  auto status = parseTopicStatus(*value);
  if (!status) {
    spdlog::error("Failed to deserialize topic status of {} for connector {}", topic, connector);
    return;
  }
  topics_[connector][topic] = std::move(*status);
}

}  // namespace connectd::runtime
