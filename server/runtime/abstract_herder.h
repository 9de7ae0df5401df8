#pragma once

#include <optional>
#include <string>
#include <vector>

#include "server/api/errors.h"
#include "server/api/plugin_registry.h"
#include "server/runtime/herder.h"
#include <memory>

#include "server/runtime/status_backing_store.h"
#include "server/runtime/status_listener.h"
#include "server/runtime/worker_config.h"

namespace connectd::runtime {

// What standalone and distributed herders share (Kafka's AbstractHerder): status reporting,
// connector config validation, plugin config descriptions, restart plans, topic tracking.
class AbstractHerder : public Herder, public ConnectorStatusListener, public TaskStatusListener {
 public:
  AbstractHerder(std::string worker_id, const WorkerConfig& config, const api::PluginRegistry& plugins,
                 std::unique_ptr<StatusBackingStore> status_store);

  ConnectorStateInfo connectorStatus(const std::string& name) override;
  TaskStateInfo taskStatus(const ConnectorTaskId& id) override;
  std::vector<std::string> connectorActiveTopics(const std::string& name) override;
  void resetConnectorActiveTopics(const std::string& name) override;
  std::vector<ConfigKeyInfo> connectorPluginConfig(const std::string& plugin) override;
  // KIP-875: both go through modifyConnectorOffsets (an empty alteration is refused first).
  void alterConnectorOffsets(const std::string& name, const ConnectorOffsets& offsets,
                             Callback<std::string> cb) override;
  void resetConnectorOffsets(const std::string& name, Callback<std::string> cb) override;
  const api::PluginRegistry& plugins() const override { return plugins_; }
  bool topicTrackingEnabled() const override { return config_.topicTrackingEnabled(); }
  bool topicTrackingResetAllowed() const override { return config_.topicTrackingResetAllowed(); }

  // AbstractHerder.validateConnectorConfig, synchronously (it may call into connector code
  // that blocks: run it off the herder and REST threads). Throws BadRequestException for a
  // config without connector.class and ConnectException for an unknown class.
  ConfigInfos validateConnectorConfigNow(const ConfigMap& config) const;
  // The multi-line BadRequestException message for a config with errors (maybeAddConfigErrors),
  // or nullopt when `infos` has none.
  static std::optional<std::string> configErrorsMessage(const ConfigInfos& infos);
  // The connector type of a config's class; Unknown when absent or not a connector.
  ConnectorType connectorType(const std::optional<ConfigMap>& config) const;

  const std::string& workerId() const { return worker_id_; }
  // The worker id statuses carry; set before start() (the REST port may only be known then).
  void setWorkerId(std::string worker_id) { worker_id_ = std::move(worker_id); }
  StatusBackingStore& statusStore() { return *status_store_; }
  // The worker-group generation statuses are written with (0 in standalone mode).
  virtual int generation() const { return 0; }

  // ConnectorStatusListener
  void onStartup(const std::string& connector) override;
  void onPause(const std::string& connector) override;
  void onResume(const std::string& connector) override;
  void onStop(const std::string& connector) override;
  void onFailure(const std::string& connector, const std::string& trace) override;
  void onShutdown(const std::string& connector) override;
  // TaskStatusListener
  void onStartup(const ConnectorTaskId& id) override;
  void onPause(const ConnectorTaskId& id) override;
  void onResume(const ConnectorTaskId& id) override;
  void onFailure(const ConnectorTaskId& id, const std::string& trace) override;
  void onShutdown(const ConnectorTaskId& id) override;

  // Also convertConfigKey, for rest/ and tests.
  static ConfigKeyInfo convertConfigKey(const api::ConfigDef::Key& key, const std::string& prefix = {});

 protected:
  // Alters (`offsets`) or resets (nullopt) a connector's offsets.
  virtual void modifyConnectorOffsets(const std::string& name, std::optional<ConnectorOffsets> offsets,
                                      Callback<std::string> cb) = 0;
  // The BadRequestException for offsets of a connector that is not STOPPED.
  static api::BadRequestException notStoppedForOffsets(const std::string& name);

  // The raw config of a connector, or nullopt when it does not exist.
  virtual std::optional<ConfigMap> rawConfig(const std::string& name) = 0;

  // DESTROYED statuses for the connector, its tasks and its active topics.
  void onDeletion(const std::string& connector);
  void onDeletion(const ConnectorTaskId& id);
  void onRestart(const std::string& connector);
  void onRestart(const ConnectorTaskId& id);

  // The restart plan's view of the statuses (buildRestartPlan): nullopt when the connector has
  // no status. `restart_connector` / `restart_tasks` receive what should be restarted.
  std::optional<ConnectorStateInfo> buildRestartPlan(const RestartRequest& request, bool& restart_connector,
                                                     std::vector<ConnectorTaskId>& restart_tasks);

  std::string worker_id_;
  const WorkerConfig& config_;
  const api::PluginRegistry& plugins_;
  std::unique_ptr<StatusBackingStore> status_store_;
};

}  // namespace connectd::runtime
