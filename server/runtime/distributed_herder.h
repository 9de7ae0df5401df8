#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "server/kafka/group_membership.h"
#include "server/runtime/abstract_herder.h"
#include "server/runtime/cluster_config_state.h"
#include "server/runtime/connect_protocol.h"
#include "server/runtime/distributed_config.h"
#include "server/runtime/kafka_config_backing_store.h"
#include "server/runtime/kafka_offset_backing_store.h"
#include "server/runtime/kafka_status_backing_store.h"
#include "server/runtime/serial_executor.h"
#include "server/runtime/worker.h"

namespace connectd::runtime {

// The herder of a distributed worker (Kafka's DistributedHerder).
//
// State lives in three Kafka topics: connector and task configs in the config topic
// (KafkaConfigBackingStore), source offsets in the offsets topic, statuses in the status
// topic. Workers sharing group.id form a Kafka group of protocol type "connect"; the leader
// assigns connectors and tasks (eager protocol, EagerAssignor) and is the only writer of
// connector configs, task configs, restart requests and the STOPPED transition.
//
// One herder thread runs tick(): it keeps the group membership, starts the work of a new
// assignment, runs REST requests in order and applies config records read from the topic
// (a new or removed connector, or new task configs, make the leader rebalance). A REST write
// is answered once its record was acknowledged and read back from the config topic.
// Reads (connector lists, configs, statuses) are answered from the latest snapshot.
class DistributedHerder : public AbstractHerder,
                         private KafkaConfigBackingStore::UpdateListener,
                         private kafka::GroupMembership::Handler {
 public:
  // Forwards task configs to the leader's POST /connectors/{n}/tasks (set by main, which owns
  // the REST client). `cb` may run on any thread.
  using TaskConfigForwarder = std::function<void(const std::string& leader_url, const std::string& connector,
                                                 const std::vector<ConfigMap>& configs, Callback<bool> cb)>;

  // `worker_id` is host:port (status records), `url` the advertised REST URL (group metadata).
  DistributedHerder(const WorkerConfig& config, const DistributedConfig& distributed, const api::PluginRegistry& plugins,
                    std::string worker_id, std::string url);
  ~DistributedHerder() override;

  void setTaskConfigForwarder(TaskConfigForwarder forwarder) { forwarder_ = std::move(forwarder); }
  // The advertised REST URL, once the listener's port is known (before start()).
  void setUrl(std::string url) { url_ = std::move(url); }
  const std::string& url() const { return url_; }
  // Starts the herder thread, which starts the stores (creating or checking the internal
  // topics and reading them to the end) and joins the group. Returns at once; failed() tells
  // whether start-up failed (the herder thread then exits and the process should stop).
  void start();
  // Stops connectors and tasks, leaves the group and stops the stores.
  void stop();
  // Set when the herder thread ended on an error it cannot recover from; the message is in
  // failureMessage().
  bool failed() const { return failed_.load(); }
  std::string failureMessage() const;
  // Blocks until the herder stopped on its own (failure), or `timeout` passed.
  bool awaitFailure(std::chrono::milliseconds timeout);

  std::vector<std::string> connectors() override;
  void connectorInfo(const std::string& name, Callback<ConnectorInfo> cb) override;
  std::optional<ConnectorInfo> connectorInfoSnapshot(const std::string& name) override;
  void connectorConfig(const std::string& name, Callback<ConfigMap> cb) override;
  void putConnectorConfig(const std::string& name, const ConfigMap& config, bool allow_replace,
                          std::optional<TargetState> initial_state, Callback<Created> cb) override;
  void patchConnectorConfig(const std::string& name, const std::map<std::string, std::optional<std::string>>& patch,
                            Callback<Created> cb) override;
  void deleteConnectorConfig(const std::string& name, Callback<bool> cb) override;
  void restartConnector(const std::string& name, Callback<bool> cb) override;
  void restartConnectorAndTasks(const RestartRequest& request, Callback<ConnectorStateInfo> cb) override;
  void restartTask(const ConnectorTaskId& id, Callback<bool> cb) override;
  void pauseConnector(const std::string& name) override;
  void resumeConnector(const std::string& name) override;
  void stopConnector(const std::string& name, Callback<bool> cb) override;
  void taskConfigs(const std::string& name, Callback<std::vector<TaskInfo>> cb) override;
  void putTaskConfigs(const std::string& name, const std::vector<ConfigMap>& configs,
                      const std::optional<InternalRequestSignature>& signature, Callback<bool> cb) override;
  void fenceZombieSourceTasks(const std::string& name, const std::optional<InternalRequestSignature>& signature,
                              Callback<bool> cb) override;
  void connectorOffsets(const std::string& name, Callback<ConnectorOffsets> cb) override;
  void validateConnectorConfig(const ConfigMap& config, Callback<ConfigInfos> cb) override;
  std::string kafkaClusterId() override;
  void healthCheck(Callback<bool> cb) override;
  bool ready() const override { return ready_.load(); }
  int generation() const override { return generation_.load(); }

  Worker& worker() { return worker_; }

 protected:
  std::optional<ConfigMap> rawConfig(const std::string& name) override;

 private:
  using Clock = std::chrono::steady_clock;

  // KafkaConfigBackingStore::UpdateListener (the config log's thread).
  void onConnectorConfigRemove(const std::string& connector) override;
  void onConnectorConfigUpdate(const std::string& connector) override;
  void onTaskConfigUpdate(const std::vector<ConnectorTaskId>& tasks) override;
  void onConnectorTargetStateChange(const std::string& connector) override;
  void onSessionKeyUpdate(const SessionKey& key) override;
  void onRestartRequest(const RestartRequest& request) override;
  void onLoggingLevelUpdate(const std::string& logger_namespace, const std::string& level) override;

  // kafka::GroupMembership::Handler (the herder thread, inside member_->poll()).
  std::vector<kafka::GroupProtocol> metadata() override;
  void onJoinPrepare(int generation, const std::string& member_id) override;
  std::map<std::string, std::string> performAssignment(const std::string& leader_id, const std::string& protocol,
                                                       const std::vector<kafka::JoinedMember>& members) override;
  void onJoinComplete(int generation, const std::string& member_id, const std::string& protocol,
                      const std::string& assignment) override;

  // Queues `job` for the herder thread (after the group is stable); false when stopping.
  bool addRequest(std::function<void()> job);
  // Runs `job` on the herder thread at `when` or later.
  void schedule(Clock::time_point when, std::function<void()> job);
  void run();
  void startServices();
  void tick();
  bool handleRebalanceCompleted();
  void runRequests();
  void processConfigUpdates();
  void processRestartRequests(std::vector<RestartRequest> requests);
  // Leader: whether the last assignment no longer matches the config snapshot.
  bool assignmentOutdated() const;
  void startWork();
  void revokeAll();
  void halt();

  bool isLeader() const;
  std::optional<std::string> leaderUrl() const;
  // The URL of the worker running `connector` / `id`, as the leader's last assignment says.
  std::optional<std::string> ownerUrl(const std::string& connector) const;
  std::optional<std::string> ownerUrl(const ConnectorTaskId& id) const;
  bool assignedConnector(const std::string& name) const;
  bool assignedTask(const ConnectorTaskId& id) const;

  void startConnector(const std::string& name, WorkerConnector::StateCallback cb = {});
  bool startTask(const ConnectorTaskId& id);
  void reconfigureConnectorTasks(const std::string& name, int attempt = 0);
  void applyGeneratedTaskConfigs(const std::string& name, std::vector<ConfigMap> configs, int attempt);
  void retryReconfiguration(const std::string& name, int attempt);
  void writeTaskConfigs(const std::string& name, const std::vector<ConfigMap>& configs);
  void doPutConnectorConfig(const std::string& name, const ConfigMap& config, std::optional<TargetState> initial,
                            bool allow_replace, const ConfigInfos& infos, Callback<Created> cb);
  void modifyConnectorOffsets(const std::string& name, std::optional<ConnectorOffsets> offsets,
                              Callback<std::string> cb) override;
  // Re-reads the config snapshot (herder thread), publishing it to readers.
  void refreshSnapshot();
  // Reads the config topic to its end within `timeout`; false on failure.
  bool readConfigToEnd(std::chrono::milliseconds timeout);
  ConnectorInfo infoOf(const std::string& name) const;
  void addSinkGroupConflict(ConfigInfos& infos, const ConfigMap& config) const;

  const DistributedConfig& distributed_;
  std::string url_;
  std::shared_ptr<KafkaOffsetBackingStore> offset_store_;
  KafkaStatusBackingStore* status_store_kafka_;  // owned by AbstractHerder
  std::unique_ptr<KafkaConfigBackingStore> config_store_;
  Worker worker_;
  std::unique_ptr<kafka::GroupMembership> member_;
  TaskConfigForwarder forwarder_;

  const std::chrono::milliseconds worker_sync_timeout_;
  const std::chrono::milliseconds worker_unsync_backoff_;

  // Published to REST threads under mu_; written on the herder thread.
  mutable std::mutex mu_;
  ClusterConfigState snapshot_;
  std::optional<ConnectAssignment> assignment_;
  std::string member_id_;
  // The leader's view of who runs what (member id → assignment), from its last assignment.
  std::map<std::string, ConnectAssignment> all_assignments_;
  std::map<std::string, std::string> member_urls_;

  // Herder-thread state.
  bool rebalance_resolved_ = false;
  // The connector configs from which the current task configs were generated (Kafka's
  // appliedConnectorConfig), so a changed connector config regenerates task configs even when
  // the connector returns the same ones.
  std::map<std::string, ConfigMap> applied_configs_;

  // Config-topic notifications, from the log thread.
  std::mutex updates_mu_;
  std::set<std::string> connector_updates_;
  std::set<std::string> target_state_changes_;
  bool task_config_updates_ = false;
  std::vector<RestartRequest> restart_requests_;

  mutable std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::deque<std::function<void()>> requests_;
  std::multimap<Clock::time_point, std::function<void()>> scheduled_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> ready_{false};
  std::atomic<bool> failed_{false};
  std::string failure_message_;
  std::atomic<int> generation_{-1};
  std::thread thread_;
  std::unique_ptr<SerialExecutor> validation_executor_;
};

}  // namespace connectd::runtime
