#include "server/runtime/memory_status_backing_store.h"

#include <limits>

namespace connectd::runtime {

void MemoryStatusBackingStore::putConnector(const std::string& connector, StateInfo state) {
  std::lock_guard lock(mu_);
  connectors_[connector] = std::move(state);
}

void MemoryStatusBackingStore::removeConnector(const std::string& connector) {
  std::lock_guard lock(mu_);
  connectors_.erase(connector);
}

std::optional<StateInfo> MemoryStatusBackingStore::connector(const std::string& connector) const {
  std::lock_guard lock(mu_);
  auto it = connectors_.find(connector);
  if (it == connectors_.end()) return std::nullopt;
  return it->second;
}

void MemoryStatusBackingStore::putTask(const ConnectorTaskId& id, StateInfo state) {
  std::lock_guard lock(mu_);
  tasks_[id] = std::move(state);
}

void MemoryStatusBackingStore::removeTask(const ConnectorTaskId& id) {
  std::lock_guard lock(mu_);
  tasks_.erase(id);
}

std::optional<StateInfo> MemoryStatusBackingStore::task(const ConnectorTaskId& id) const {
  std::lock_guard lock(mu_);
  auto it = tasks_.find(id);
  if (it == tasks_.end()) return std::nullopt;
  return it->second;
}

std::vector<TaskStateInfo> MemoryStatusBackingStore::tasks(const std::string& connector) const {
  std::lock_guard lock(mu_);
  std::vector<TaskStateInfo> out;
  for (auto it = tasks_.lower_bound(ConnectorTaskId{connector, std::numeric_limits<int>::min()});
       it != tasks_.end() && it->first.connector == connector; ++it) {
    TaskStateInfo info;
    static_cast<StateInfo&>(info) = it->second;
    info.id = it->first.task;
    out.push_back(std::move(info));
  }
  return out;
}

void MemoryStatusBackingStore::putTopic(const std::string& connector, const std::string& topic) {
  std::lock_guard lock(mu_);
  auto& topics = topics_[connector];
  if (!topics.count(topic)) topics[topic] = TopicStatus{topic, connector, 0, 0};
}

std::vector<std::string> MemoryStatusBackingStore::topics(const std::string& connector) const {
  std::lock_guard lock(mu_);
  std::vector<std::string> out;
  auto it = topics_.find(connector);
  if (it == topics_.end()) return out;
  for (const auto& [topic, status] : it->second) out.push_back(topic);
  return out;
}

void MemoryStatusBackingStore::put(const std::string& connector, const StateInfo& status, int) {
  if (status.state == "DESTROYED") {
    removeConnector(connector);
  } else {
    putConnector(connector, status);
  }
}

void MemoryStatusBackingStore::putSafe(const std::string& connector, const StateInfo& status, int generation) {
  put(connector, status, generation);
}

void MemoryStatusBackingStore::put(const ConnectorTaskId& id, const StateInfo& status, int) {
  if (status.state == "DESTROYED") {
    removeTask(id);
  } else {
    putTask(id, status);
  }
}

void MemoryStatusBackingStore::putSafe(const ConnectorTaskId& id, const StateInfo& status, int generation) {
  put(id, status, generation);
}

void MemoryStatusBackingStore::put(const TopicStatus& status) {
  std::lock_guard lock(mu_);
  topics_[status.connector][status.topic] = status;
}

std::optional<TopicStatus> MemoryStatusBackingStore::getTopic(const std::string& connector, const std::string& topic) {
  std::lock_guard lock(mu_);
  auto it = topics_.find(connector);
  if (it == topics_.end()) return std::nullopt;
  auto t = it->second.find(topic);
  if (t == it->second.end()) return std::nullopt;
  return t->second;
}

std::vector<TopicStatus> MemoryStatusBackingStore::getAllTopics(const std::string& connector) {
  std::lock_guard lock(mu_);
  std::vector<TopicStatus> out;
  auto it = topics_.find(connector);
  if (it == topics_.end()) return out;
  for (const auto& [topic, status] : it->second) out.push_back(status);
  return out;
}

void MemoryStatusBackingStore::deleteTopic(const std::string& connector, const std::string& topic) {
  std::lock_guard lock(mu_);
  auto it = topics_.find(connector);
  if (it == topics_.end()) return;
  it->second.erase(topic);
  if (it->second.empty()) topics_.erase(it);
}

std::set<std::string> MemoryStatusBackingStore::connectors() {
  std::lock_guard lock(mu_);
  std::set<std::string> out;
  for (const auto& [name, state] : connectors_) out.insert(name);
  return out;
}

void MemoryStatusBackingStore::deleteTopics(const std::string& connector) {
  std::lock_guard lock(mu_);
  topics_.erase(connector);
}

}  // namespace connectd::runtime
