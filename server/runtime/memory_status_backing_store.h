#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "server/runtime/herder.h"

namespace connectd::runtime {

// Connector, task and active-topic statuses held in memory (MemoryStatusBackingStore):
// standalone mode keeps no status topic. Thread-safe.
class MemoryStatusBackingStore {
 public:
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
  std::map<std::string, std::set<std::string>> topics_;
};

}  // namespace connectd::runtime
