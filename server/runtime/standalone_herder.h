#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "server/runtime/abstract_herder.h"
#include "server/runtime/memory_status_backing_store.h"
#include "server/runtime/offset_backing_store.h"
#include "server/runtime/serial_executor.h"
#include "server/runtime/worker.h"

namespace connectd::runtime {

// The single-process herder (Kafka's StandaloneHerder).
//
// One herder thread owns connector configs, target states and task configs; REST calls post
// requests to it and are answered from it (or from the connector / validation threads their
// work completes on). Configs live in memory only: as in Kafka's standalone mode they are not
// persisted across restarts, only source offsets are (FileOffsetBackingStore). Statuses are
// in memory (MemoryStatusBackingStore) with worker_id = the advertised host:port.
class StandaloneHerder : public AbstractHerder {
 public:
  // `offset_store` defaults to a FileOffsetBackingStore at offset.storage.file.filename.
  // Requests made before start() are queued and run once it is called.
  StandaloneHerder(const WorkerConfig& config, const api::PluginRegistry& plugins, std::string worker_id,
                   std::shared_ptr<OffsetBackingStore> offset_store = nullptr);
  ~StandaloneHerder() override;

  // Loads offsets and starts the herder thread. Throws if the offsets file cannot be read.
  void start();
  // Stops every task (one graceful budget for all), then every connector, flushes offsets and
  // ends the herder thread. Requests still queued are dropped.
  void stop();

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
  // Not available in standalone mode (Java throws UnsupportedOperationException).
  void putTaskConfigs(const std::string& name, const std::vector<ConfigMap>& configs,
                      const std::optional<InternalRequestSignature>& signature, Callback<bool> cb) override;
  void fenceZombieSourceTasks(const std::string& name, const std::optional<InternalRequestSignature>& signature,
                              Callback<bool> cb) override;
  void connectorOffsets(const std::string& name, Callback<ConnectorOffsets> cb) override;
  void validateConnectorConfig(const ConfigMap& config, Callback<ConfigInfos> cb) override;
  std::string kafkaClusterId() override;
  void healthCheck(Callback<bool> cb) override;
  bool ready() const override { return ready_.load(); }

  Worker& worker() { return worker_; }

 protected:
  std::optional<ConfigMap> rawConfig(const std::string& name) override;

 private:
  struct ConnectorState {
    ConfigMap config;
    TargetState target = TargetState::Started;
    std::vector<ConfigMap> task_configs;
    // The connector config the current task configs were generated from.
    std::optional<ConfigMap> applied_config;
  };

  // Runs `job` on the herder thread; false when the herder is stopped.
  bool post(std::function<void()> job);
  void run();

  // Herder-thread operations.
  void doPutConnectorConfig(const std::string& name, const ConfigMap& config, std::optional<TargetState> initial,
                            bool allow_replace, const ConfigInfos& infos, Callback<Created> cb);
  void startConnector(const std::string& name, WorkerConnector::StateCallback cb);
  // Regenerates task configs when the connector runs with target STARTED, restarting the tasks
  // when they changed; `done` runs on the herder thread afterwards (whatever happened).
  void updateConnectorTasks(const std::string& name, std::function<void()> done = {});
  void applyTaskConfigs(const std::string& name, std::vector<ConfigMap> configs);
  void createConnectorTasks(const std::string& name, const std::vector<ConnectorTaskId>& ids);
  void removeConnectorTasks(const std::string& name);
  void putTargetState(const std::string& name, TargetState state);
  void modifyConnectorOffsets(const std::string& name, std::optional<ConnectorOffsets> offsets,
                              Callback<std::string> cb) override;
  std::vector<ConnectorTaskId> taskIds(const std::string& name) const;
  ConnectorInfo infoOf(const std::string& name, const ConnectorState& state) const;
  void shutdownAll();

  Worker worker_;

  // Written on the herder thread under mu_; read there freely and elsewhere under mu_.
  mutable std::mutex mu_;
  std::map<std::string, ConnectorState> configs_;

  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::atomic<bool> ready_{false};
  std::thread thread_;
  std::unique_ptr<SerialExecutor> validation_executor_;
};

}  // namespace connectd::runtime
