#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "server/runtime/herder.h"

namespace connectd::runtime {

// An immutable snapshot of the config topic (Kafka's ClusterConfigState): connector configs,
// target states, applied task configs and counts, and the connectors whose task configs
// were found inconsistent (the leader must regenerate them).
class ClusterConfigState {
 public:
  ClusterConfigState() = default;
  ClusterConfigState(int64_t offset, std::map<std::string, int> task_counts,
                     std::map<std::string, ConfigMap> connector_configs, std::map<std::string, TargetState> target_states,
                     std::map<ConnectorTaskId, ConfigMap> task_configs, std::set<std::string> inconsistent,
                     std::map<std::string, int> task_count_records);

  // Offset of the last record read (-1 before any).
  int64_t offset() const { return offset_; }
  bool contains(const std::string& connector) const { return connector_configs_.count(connector) > 0; }
  std::vector<std::string> connectors() const;
  std::optional<ConfigMap> connectorConfig(const std::string& connector) const;
  std::optional<TargetState> targetState(const std::string& connector) const;
  std::optional<ConfigMap> taskConfig(const ConnectorTaskId& id) const;
  // The committed task count (0 when none).
  int taskCount(const std::string& connector) const;
  // Task ids 0..count-1; empty for an inconsistent connector.
  std::vector<ConnectorTaskId> tasks(const std::string& connector) const;
  bool isInconsistent(const std::string& connector) const { return inconsistent_.count(connector) > 0; }
  const std::set<std::string>& inconsistentConnectors() const { return inconsistent_; }
  // KIP-618 tasks-fencing- record, when present.
  std::optional<int> taskCountRecord(const std::string& connector) const;

 private:
  int64_t offset_ = -1;
  std::map<std::string, int> task_counts_;
  std::map<std::string, ConfigMap> connector_configs_;
  std::map<std::string, TargetState> target_states_;
  std::map<ConnectorTaskId, ConfigMap> task_configs_;
  std::set<std::string> inconsistent_;
  std::map<std::string, int> task_count_records_;
};

}  // namespace connectd::runtime
