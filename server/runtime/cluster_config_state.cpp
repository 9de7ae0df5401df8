#include "server/runtime/cluster_config_state.h"

namespace connectd::runtime {

ClusterConfigState::ClusterConfigState(int64_t offset, std::map<std::string, int> task_counts,
                                       std::map<std::string, ConfigMap> connector_configs,
                                       std::map<std::string, TargetState> target_states,
                                       std::map<ConnectorTaskId, ConfigMap> task_configs,
                                       std::set<std::string> inconsistent, std::map<std::string, int> task_count_records)
    : offset_(offset),
      task_counts_(std::move(task_counts)),
      connector_configs_(std::move(connector_configs)),
      target_states_(std::move(target_states)),
      task_configs_(std::move(task_configs)),
      inconsistent_(std::move(inconsistent)),
      task_count_records_(std::move(task_count_records)) {}

std::vector<std::string> ClusterConfigState::connectors() const {
  std::vector<std::string> out;
  for (const auto& [name, config] : connector_configs_) out.push_back(name);
  return out;
}

std::optional<ConfigMap> ClusterConfigState::connectorConfig(const std::string& connector) const {
  auto it = connector_configs_.find(connector);
  if (it == connector_configs_.end()) return std::nullopt;
  return it->second;
}

std::optional<TargetState> ClusterConfigState::targetState(const std::string& connector) const {
  auto it = target_states_.find(connector);
  if (it == target_states_.end()) return std::nullopt;
  return it->second;
}

std::optional<ConfigMap> ClusterConfigState::taskConfig(const ConnectorTaskId& id) const {
  auto it = task_configs_.find(id);
  if (it == task_configs_.end()) return std::nullopt;
  return it->second;
}

int ClusterConfigState::taskCount(const std::string& connector) const {
  auto it = task_counts_.find(connector);
  return it == task_counts_.end() ? 0 : it->second;
}

std::vector<ConnectorTaskId> ClusterConfigState::tasks(const std::string& connector) const {
  std::vector<ConnectorTaskId> out;
  if (isInconsistent(connector)) return out;
  int count = taskCount(connector);
  for (int i = 0; i < count; ++i) out.push_back({connector, i});
  return out;
}

std::optional<int> ClusterConfigState::taskCountRecord(const std::string& connector) const {
  auto it = task_count_records_.find(connector);
  if (it == task_count_records_.end()) return std::nullopt;
  return it->second;
}

}  // namespace connectd::runtime
