#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "server/api/plugin_registry.h"
#include "server/kafka/client_config.h"
#include "server/runtime/herder.h"
#include "server/runtime/status_backing_store.h"
#include "server/runtime/offset_backing_store.h"
#include "server/runtime/serial_executor.h"
#include "server/runtime/status_listener.h"
#include "server/runtime/worker_config.h"
#include "server/runtime/worker_connector.h"
#include "server/runtime/worker_task.h"

namespace connectd::runtime {

// Runs connectors and tasks on this process (Kafka's Worker): builds them from their
// configs, starts and stops them, and performs offset reads/writes for the herder.
// Lifecycle calls (start/stop of connectors and tasks) are made by the herder thread only;
// the query methods are thread-safe.
class Worker {
 public:
  Worker(const WorkerConfig& config, const api::PluginRegistry& plugins, std::shared_ptr<OffsetBackingStore> offset_store,
         StatusBackingStore& status_store);
  ~Worker();

  // Starts the offset store and the background lookup of the Kafka cluster id.
  void start();
  // Stops everything still running (bounded by the graceful timeouts).
  void stop();

  const WorkerConfig& config() const { return config_; }
  const api::PluginRegistry& plugins() const { return plugins_; }

  // The cluster id once known; empty before the first successful lookup.
  std::string kafkaClusterId() const;

  // ---- connectors
  // Instantiates and starts a connector on its own thread. `cb` runs on that thread with the
  // state reached or an error (also when the class cannot be instantiated).
  void startConnector(const std::string& name, const ConfigMap& props, ConnectorStatusListener& listener,
                      TargetState initial, std::function<void()> on_task_reconfiguration,
                      WorkerConnector::StateCallback cb);
  bool isRunning(const std::string& name) const;
  std::optional<ConnectorType> connectorType(const std::string& name) const;
  // connector.taskConfigs(tasks.max) plus task.class and, for sinks, topics/topics.regex
  // (Worker.connectorTaskConfigs); `cb` runs on the connector thread.
  void connectorTaskConfigs(const std::string& name, const ConfigMap& props, WorkerConnector::TaskConfigsCallback cb);
  void setTargetState(const std::string& name, TargetState state, WorkerConnector::StateCallback cb);
  void stopAndAwaitConnector(const std::string& name);
  std::set<std::string> connectorNames() const;

  // ---- tasks
  // Builds and starts a task; on failure reports FAILED through `listener` and returns false.
  bool startTask(const ConnectorTaskId& id, const ConfigMap& connector_props, const ConfigMap& task_props,
                 int task_count, TaskStatusListener& listener, TargetState initial);
  void setTaskTargetState(const std::string& connector, TargetState state);
  void stopAndAwaitTasks(const std::vector<ConnectorTaskId>& ids);
  std::vector<ConnectorTaskId> taskIds() const;
  // Tasks that did not stop in time and were left running detached.
  size_t abandonedTasks() const { return abandoned_tasks_.load(); }

  // ---- offsets (KIP-875); run on the worker's admin thread, callbacks there
  void connectorOffsets(const std::string& name, const ConfigMap& props, Callback<ConnectorOffsets> cb);
  // `offsets` nullopt resets (deletes) every offset of the connector.
  void modifyConnectorOffsets(const std::string& name, const ConfigMap& props,
                              std::optional<ConnectorOffsets> offsets, Callback<std::string> cb);

  // Client properties for a connector's clients (Worker.baseProducerConfigs etc.).
  kafka::ClientProps producerConfigs(const std::string& client_id, const ConfigMap& connector_props) const;
  kafka::ClientProps consumerConfigs(const std::string& connector, const std::string& client_id,
                                     const ConfigMap& connector_props) const;
  kafka::ClientProps adminConfigs(const std::string& client_id, const ConfigMap& connector_props) const;

 private:
  std::shared_ptr<WorkerTask> buildSourceTask(const ConnectorTaskId& id, const ConfigMap& connector_props,
                                              const ConfigMap& task_props, std::unique_ptr<api::Task> task,
                                              TaskStatusListener& listener, TargetState initial);
  std::shared_ptr<WorkerTask> buildSinkTask(const ConnectorTaskId& id, const ConfigMap& connector_props,
                                            const ConfigMap& task_props, std::unique_ptr<api::Task> task,
                                            TaskStatusListener& listener, TargetState initial);
  void lookupClusterId();
  void sourceConnectorOffsets(const std::string& name, Callback<ConnectorOffsets> cb);
  void sinkConnectorOffsets(const std::string& name, const ConfigMap& props, Callback<ConnectorOffsets> cb);
  void modifySourceConnectorOffsets(const std::string& name, std::optional<ConnectorOffsets> offsets,
                                    Callback<std::string> cb);
  void modifySinkConnectorOffsets(const std::string& name, const ConfigMap& props,
                                  std::optional<ConnectorOffsets> offsets, Callback<std::string> cb);

  const WorkerConfig& config_;
  const api::PluginRegistry& plugins_;
  std::shared_ptr<OffsetBackingStore> offset_store_;
  StatusBackingStore& status_store_;
  // KIP-558: records `topic` as used by task `id` unless already known (recordActiveTopic).
  void recordActiveTopic(const ConnectorTaskId& id, const std::string& topic);

  mutable std::mutex mu_;
  std::map<std::string, std::unique_ptr<WorkerConnector>> connectors_;
  std::map<ConnectorTaskId, std::shared_ptr<WorkerTask>> tasks_;
  // Connectors that did not stop in time; kept alive so their threads never dangle.
  std::vector<std::unique_ptr<WorkerConnector>> abandoned_connectors_;
  std::atomic<size_t> abandoned_tasks_{0};

  mutable std::mutex cluster_mu_;
  std::condition_variable cluster_cv_;
  std::string cluster_id_;
  bool stopping_ = false;
  std::thread cluster_thread_;

  // Blocking Kafka admin work (sink offsets) and offset file operations.
  std::unique_ptr<SerialExecutor> admin_executor_;
};

}  // namespace connectd::runtime
