#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "server/runtime/herder.h"
#include "server/runtime/status_backing_store.h"

namespace connectd::runtime {

// Connector, task and active-topic statuses held in memory (MemoryStatusBackingStore):
// standalone mode keeps no status topic. Thread-safe. Generations are ignored (one worker),
// so putSafe() is put().
class MemoryStatusBackingStore : public StatusBackingStore {
 public:
  void start() override {}
  void stop() override {}
  void put(const std::string& connector, const StateInfo& status, int generation) override;
  void putSafe(const std::string& connector, const StateInfo& status, int generation) override;
  void put(const ConnectorTaskId& id, const StateInfo& status, int generation) override;
  void putSafe(const ConnectorTaskId& id, const StateInfo& status, int generation) override;
  void put(const TopicStatus& status) override;
  std::optional<StateInfo> get(const std::string& connector) override { return this->connector(connector); }
  std::optional<StateInfo> get(const ConnectorTaskId& id) override { return task(id); }
  std::vector<TaskStateInfo> getAll(const std::string& connector) override { return tasks(connector); }
  std::optional<TopicStatus> getTopic(const std::string& connector, const std::string& topic) override;
  std::vector<TopicStatus> getAllTopics(const std::string& connector) override;
  void deleteTopic(const std::string& connector, const std::string& topic) override;
  std::set<std::string> connectors() override;
  void flush() override {}

  void putConnector(const std::string& connector, StateInfo state);
  // DESTROYED: the status disappears.
  void removeConnector(const std::string& connector);
  std::optional<StateInfo> connector(const std::string& connector) const;

  void putTask(const ConnectorTaskId& id, StateInfo state);
  void removeTask(const ConnectorTaskId& id);
  std::optional<StateInfo> task(const ConnectorTaskId& id) const;
  // Task statuses of a connector, by id.
  std::vector<TaskStateInfo> tasks(const std::string& connector) const;

  // KIP-558 active topics.
  void putTopic(const std::string& connector, const std::string& topic);
  std::vector<std::string> topics(const std::string& connector) const;
  void deleteTopics(const std::string& connector);

 private:
  mutable std::mutex mu_;
  std::map<std::string, StateInfo> connectors_;
  std::map<ConnectorTaskId, StateInfo> tasks_;
  std::map<std::string, std::map<std::string, TopicStatus>> topics_;
};

}  // namespace connectd::runtime
