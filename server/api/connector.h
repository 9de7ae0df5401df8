#pragma once

#include <map>
#include <string>
#include <vector>

#include "server/api/config_def.h"

namespace connectd::api {

using ConfigMap = std::map<std::string, std::string>;

// What a Connector may ask of the runtime (ConnectorContext). Thread-safe.
class ConnectorContext {
 public:
  virtual ~ConnectorContext() = default;
  // The connector's task configs changed; the runtime calls taskConfigs() again.
  virtual void requestTaskReconfiguration() = 0;
  // The connector failed in the background; its status becomes FAILED with this trace.
  virtual void raiseError(const std::exception& e) = 0;
};

// Connect's Connector. The runtime calls initialize(), start(), then taskConfigs() from the
// herder thread; stop() when the connector is paused/stopped/deleted/reconfigured.
class Connector {
 public:
  virtual ~Connector() = default;
  virtual std::string version() const = 0;
  virtual void initialize(ConnectorContext* context) { context_ = context; }
  virtual void start(const ConfigMap& props) = 0;
  // The registered class name of the task (task.class in the task configs).
  virtual std::string taskClass() const = 0;
  virtual std::vector<ConfigMap> taskConfigs(int max_tasks) = 0;
  virtual void stop() = 0;
  virtual ConfigDef config() const = 0;
  // Connector.validate: parses with config().validate() by default; connectors add checks.
  virtual std::vector<ConfigValue> validate(const ConfigMap& props) const { return config().validate(props); }

 protected:
  ConnectorContext* context_ = nullptr;
};

class SourceConnector : public Connector {};
class SinkConnector : public Connector {};

}  // namespace connectd::api
