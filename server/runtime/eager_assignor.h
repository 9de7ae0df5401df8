#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "server/runtime/cluster_config_state.h"
#include "server/runtime/connect_protocol.h"

namespace connectd::runtime {

// Kafka's EagerAssignor: the group leader's assignment for sub-protocol "default" (eager
// rebalancing, every member gives up everything before each rebalance). An unweighted
// round-robin over the members sorted by member id: first every connector (sorted by name),
// then, continuing the same rotation, every task of every connector (connectors sorted, tasks by
// id). All assignments are version 0, carry the leader's id and URL, and the config offset they
// were computed at. Stateless; called on the herder thread while it leads a rebalance.
class EagerAssignor {
 public:
  struct Member {
    std::string member_id;
    ConnectWorkerState state;
  };

  // Returns member_id -> assignment for every member (a member id listed twice counts once,
  // with its last state, as Java's map of member metadata). The config offset is the maximum any
  // member reported. When `snapshot` is older than that, `fresh_snapshot` (if given) is asked
  // once for the leader's current snapshot, as Java's configFreshSnapshot(); if that is still
  // behind, every member gets an empty CONFIG_MISMATCH assignment at the maximum offset and the
  // members re-sync and rejoin. If the fresh snapshot is used its offset is the config offset,
  // and the caller should keep it as its snapshot (Java's coordinator.configSnapshot(updated)).
  // Tasks of an inconsistent connector are not assigned. Throws std::invalid_argument when the
  // leader is not among the members.
  static std::map<std::string, ConnectAssignment> assign(
      const std::string& leader_id, const std::vector<Member>& members,
      const ClusterConfigState& snapshot,
      const std::function<ClusterConfigState()>& fresh_snapshot = {});

  // The same with the leader's snapshot given as its offset, connectors and committed task
  // counts (a connector missing from `task_counts` has no tasks); no fresh snapshot is tried.
  static std::map<std::string, ConnectAssignment> assign(
      const std::string& leader_id, const std::vector<Member>& members,
      int64_t leader_config_offset, const std::vector<std::string>& connectors,
      const std::map<std::string, int>& task_counts);

 private:
  // Connector name -> its assignable tasks, for one snapshot.
  using TaskLists = std::vector<std::pair<std::string, std::vector<ConnectorTaskId>>>;
  static TaskLists taskLists(const ClusterConfigState& snapshot);
  static std::map<std::string, ConnectAssignment> performAssignment(
      const std::string& leader_id, const std::vector<Member>& members, int64_t snapshot_offset,
      const TaskLists& connectors, const std::function<ClusterConfigState()>& fresh_snapshot);
};

}  // namespace connectd::runtime
