#include "server/runtime/eager_assignor.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <stdexcept>

namespace connectd::runtime {
namespace {

bool javaLess(const std::string& a, const std::string& b) {
  return connect_protocol::javaCompare(a, b) < 0;
}

std::vector<std::string> javaSortedDistinct(std::vector<std::string> names) {
  std::sort(names.begin(), names.end(), javaLess);
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

}  // namespace

EagerAssignor::TaskLists EagerAssignor::taskLists(const ClusterConfigState& snapshot) {
  TaskLists out;
  for (const std::string& connector : javaSortedDistinct(snapshot.connectors())) {
    std::vector<ConnectorTaskId> tasks = snapshot.tasks(connector);
    std::sort(tasks.begin(), tasks.end(), [](const ConnectorTaskId& a, const ConnectorTaskId& b) {
      const int c = connect_protocol::javaCompare(a.connector, b.connector);
      return c != 0 ? c < 0 : a.task < b.task;
    });
    out.emplace_back(connector, std::move(tasks));
  }
  return out;
}

std::map<std::string, ConnectAssignment> EagerAssignor::assign(
    const std::string& leader_id, const std::vector<Member>& members,
    const ClusterConfigState& snapshot, const std::function<ClusterConfigState()>& fresh_snapshot) {
  return performAssignment(leader_id, members, snapshot.offset(), taskLists(snapshot),
                           fresh_snapshot);
}

std::map<std::string, ConnectAssignment> EagerAssignor::assign(
    const std::string& leader_id, const std::vector<Member>& members, int64_t leader_config_offset,
    const std::vector<std::string>& connectors, const std::map<std::string, int>& task_counts) {
  TaskLists lists;
  for (const std::string& connector : javaSortedDistinct(connectors)) {
    std::vector<ConnectorTaskId> tasks;
    auto it = task_counts.find(connector);
    const int count = it == task_counts.end() ? 0 : it->second;
    for (int task = 0; task < count; ++task) tasks.push_back({connector, task});
    lists.emplace_back(connector, std::move(tasks));
  }
  return performAssignment(leader_id, members, leader_config_offset, lists, {});
}

std::map<std::string, ConnectAssignment> EagerAssignor::performAssignment(
    const std::string& leader_id, const std::vector<Member>& members, int64_t snapshot_offset,
    const TaskLists& connectors, const std::function<ClusterConfigState()>& fresh_snapshot) {
  std::map<std::string, const ConnectWorkerState*> member_configs;
  for (const Member& member : members) member_configs[member.member_id] = &member.state;
  auto leader = member_configs.find(leader_id);
  if (leader == member_configs.end()) {
    throw std::invalid_argument("Group leader " + leader_id +
                                " is not among the members being assigned");
  }
  const std::string& leader_url = leader->second->url;

  // Assignments are made at the highest offset any member has read; members that are behind
  // it catch up before they act on the assignment.
  int64_t max_offset = member_configs.begin()->second->config_offset;
  for (const auto& [id, state] : member_configs)
    max_offset = std::max(max_offset, state->config_offset);
  spdlog::debug("Max config offset root: {}, local snapshot config offsets root: {}", max_offset,
                snapshot_offset);

  auto everyone = [&](int16_t error, int64_t offset) {
    std::map<std::string, ConnectAssignment> out;
    for (const auto& [id, state] : member_configs) {
      ConnectAssignment& a = out[id];
      a.version = 0;
      a.error = error;
      a.leader = leader_id;
      a.leader_url = leader_url;
      a.config_offset = offset;
    }
    return out;
  };

  int64_t offset = max_offset;
  const TaskLists* assignable = &connectors;
  TaskLists fresh_lists;
  if (snapshot_offset < max_offset) {
    // A leader behind some member cannot assign what it has not read; a fresher snapshot may
    // already have caught up (and may even be past the maximum, which is just as safe).
    bool caught_up = false;
    if (fresh_snapshot) {
      const ClusterConfigState updated = fresh_snapshot();
      if (updated.offset() >= max_offset) {
        caught_up = true;
        offset = updated.offset();
        fresh_lists = taskLists(updated);
        assignable = &fresh_lists;
      }
    }
    if (!caught_up) {
      spdlog::info(
          "Was selected to perform assignments, but do not have latest config found in sync "
          "request. "
          "Returning an empty configuration to trigger re-sync.");
      return everyone(ConnectAssignment::kConfigMismatch, max_offset);
    }
  }

  std::map<std::string, ConnectAssignment> out = everyone(ConnectAssignment::kNoError, offset);
  std::vector<std::string> rotation;
  rotation.reserve(member_configs.size());
  for (const auto& [id, state] : member_configs) rotation.push_back(id);
  std::sort(rotation.begin(), rotation.end(), javaLess);

  // Connectors first and then tasks, continuing the same rotation: assigning a connector and
  // its tasks together would, with one-task connectors on an even number of workers, put all
  // connectors on some workers and all tasks on the others.
  size_t next = 0;
  auto nextMember = [&]() -> ConnectAssignment& {
    ConnectAssignment& a = out[rotation[next]];
    next = (next + 1) % rotation.size();
    return a;
  };
  for (const auto& [connector, tasks] : *assignable) nextMember().connectors.push_back(connector);
  for (const auto& [connector, tasks] : *assignable) {
    for (const ConnectorTaskId& task : tasks) nextMember().tasks.push_back(task);
  }
  return out;
}

}  // namespace connectd::runtime
