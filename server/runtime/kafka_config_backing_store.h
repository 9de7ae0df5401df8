#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "server/runtime/cluster_config_state.h"
#include "server/runtime/herder.h"
#include "server/runtime/kafka_based_log.h"

namespace connectd::runtime {

// KIP-507 inter-worker session key as stored under `session-key`.
struct SessionKey {
  std::string key;  // raw key bytes
  std::string algorithm;
  int64_t creation_timestamp = 0;
  bool operator==(const SessionKey&) const = default;
};

// Connector and task configurations in the single-partition config topic (Kafka's
// KafkaConfigBackingStore, spec §2.2). Record formats:
//
//   target-state-<c>        {"state":"PAUSED","state.v2":"STOPPED"}
//   connector-<c>           {"properties":{...}}            (tombstone: deleted)
//   task-<c>-<n>            {"properties":{...}}            (buffered until commit-<c>)
//   commit-<c>              {"tasks":2}
//   restart-connector-<c>   {"include-tasks":true,"only-failed":false}
//   tasks-fencing-<c>       {"task-count":2}
//   session-key             {"key":"<base64>","algorithm":"HmacSHA256","creation-timestamp":<ms>}
//   logger-cluster-<ns>     {"level":"DEBUG"}
//
// The herder reads snapshot()s; the UpdateListener hears about changes read after start()
// finished its initial read (on the log's work thread: it must not block on this store).
// Only the leader writes connector/task configs, commits, restarts, session keys and
// task-count records; that single-writer rule is the herder's to keep.
class KafkaConfigBackingStore {
 public:
  class UpdateListener {
   public:
    virtual ~UpdateListener() = default;
    virtual void onConnectorConfigRemove(const std::string& connector) = 0;
    virtual void onConnectorConfigUpdate(const std::string& connector) = 0;
    virtual void onTaskConfigUpdate(const std::vector<ConnectorTaskId>& tasks) = 0;
    virtual void onConnectorTargetStateChange(const std::string& connector) = 0;
    virtual void onSessionKeyUpdate(const SessionKey& key) = 0;
    virtual void onRestartRequest(const RestartRequest& request) = 0;
    virtual void onLoggingLevelUpdate(const std::string& logger_namespace, const std::string& level) = 0;
  };

  static constexpr std::string_view kTargetStatePrefix = "target-state-";
  static constexpr std::string_view kConnectorPrefix = "connector-";
  static constexpr std::string_view kTaskPrefix = "task-";
  static constexpr std::string_view kCommitTasksPrefix = "commit-";
  static constexpr std::string_view kRestartPrefix = "restart-connector-";
  static constexpr std::string_view kTaskCountRecordPrefix = "tasks-fencing-";
  static constexpr std::string_view kSessionKeyKey = "session-key";
  static constexpr std::string_view kLoggerClusterPrefix = "logger-cluster-";

  // `timeout` bounds each write and each read-to-end (Kafka: 30 s).
  explicit KafkaConfigBackingStore(InternalTopicSettings settings,
                                   std::chrono::milliseconds timeout = std::chrono::seconds(30));
  ~KafkaConfigBackingStore();

  void setUpdateListener(UpdateListener* listener);
  // Creates/checks the topic, reads it to the end, then checks it has a single partition
  // (ConfigException otherwise).
  void start();
  void stop();

  ClusterConfigState snapshot() const;
  bool contains(const std::string& connector) const;
  std::optional<SessionKey> sessionKey() const;

  // Optionally target-state-<c>, then connector-<c>; waits for the acks and reads to the end.
  void putConnectorConfig(const std::string& connector, const ConfigMap& config,
                          std::optional<TargetState> target_state = std::nullopt);
  // Tombstones for connector-<c> and target-state-<c>, then reads to the end.
  void removeConnectorConfig(const std::string& connector);
  // Read to end, task-<c>-0..N-1, read to end (N > 0), commit-<c>, read to end.
  void putTaskConfigs(const std::string& connector, const std::vector<ConfigMap>& configs);
  // Any worker may write this; waits for the ack.
  void putTargetState(const std::string& connector, TargetState state);
  void putRestartRequest(const RestartRequest& request);
  void putSessionKey(const SessionKey& key);
  void putTaskCountRecord(const std::string& connector, int task_count);
  void putLoggerLevel(const std::string& logger_namespace, const std::string& level);
  // Reads to the end; throws ConnectException on timeout.
  void refresh(std::chrono::milliseconds timeout);

  // Record values, byte-for-byte as Java's schemaless JsonConverter writes them.
  static std::string connectorConfigValue(const ConfigMap& config);
  static std::string targetStateValue(TargetState state);
  static std::string commitValue(int tasks);
  static std::string restartRequestValue(const RestartRequest& request);
  static std::string sessionKeyValue(const SessionKey& key);
  static std::string taskCountRecordValue(int task_count);
  static std::string loggerLevelValue(const std::string& level);
  // task-<c>-<n> → id (the connector name may contain '-'); nullopt when malformed.
  static std::optional<ConnectorTaskId> parseTaskKey(std::string_view key);
  static std::string_view targetStateName(TargetState state);

  // The record handler (the log's consumed callback), public so the apply rules can be
  // exercised without Kafka. `started` tells whether the initial read has finished.
  void onRecord(const LogRecord& record);

 private:
  struct Notification;

  void sendAll(const std::vector<std::pair<std::string, std::optional<std::string>>>& records);
  void readToEnd();
  void process(std::string_view key, std::optional<std::string_view> value, std::vector<Notification>& out);
  void processTargetState(const std::string& connector, std::optional<std::string_view> value,
                          std::vector<Notification>& out);
  void processConnectorConfig(const std::string& connector, std::optional<std::string_view> value,
                              std::vector<Notification>& out);
  void processTaskConfig(std::string_view key, std::optional<std::string_view> value);
  void processTasksCommit(const std::string& connector, std::optional<std::string_view> value,
                          std::vector<Notification>& out);
  void processRestart(const std::string& connector, std::optional<std::string_view> value,
                      std::vector<Notification>& out);
  void processSessionKey(std::optional<std::string_view> value, std::vector<Notification>& out);
  void processTaskCountRecord(const std::string& connector, std::optional<std::string_view> value);
  void processLoggerLevel(const std::string& logger_namespace, std::optional<std::string_view> value,
                          std::vector<Notification>& out);

  InternalTopicSettings settings_;
  std::chrono::milliseconds timeout_;
  std::unique_ptr<KafkaBasedLog> log_;
  UpdateListener* listener_ = nullptr;

  mutable std::mutex mu_;
  bool started_ = false;
  int64_t offset_ = -1;
  std::map<std::string, int> task_counts_;
  std::map<std::string, ConfigMap> connector_configs_;
  std::map<ConnectorTaskId, ConfigMap> task_configs_;
  std::map<std::string, TargetState> target_states_;
  std::set<std::string> inconsistent_;
  std::map<std::string, std::map<ConnectorTaskId, ConfigMap>> deferred_task_updates_;
  std::map<std::string, int> task_count_records_;
  std::optional<SessionKey> session_key_;
};

}  // namespace connectd::runtime
