#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "server/api/config_def.h"
#include "server/api/connector.h"
#include "server/api/plugin_registry.h"

namespace connectd::runtime {

using api::ConfigMap;

// The entities the herder answers with; rest/ renders them as Kafka Connect's JSON (spec §1.3).
struct ConnectorTaskId {
  std::string connector;
  int task = 0;
  auto operator<=>(const ConnectorTaskId&) const = default;
};

enum class ConnectorType { Source, Sink, Unknown };
std::string_view connectorTypeName(ConnectorType t);  // "source" / "sink" / "unknown"

struct ConnectorInfo {
  std::string name;
  ConfigMap config;
  std::vector<ConnectorTaskId> tasks;
  ConnectorType type = ConnectorType::Unknown;
};

struct TaskInfo {
  ConnectorTaskId id;
  ConfigMap config;
};

// State strings: UNASSIGNED, RUNNING, PAUSED, FAILED, RESTARTING, STOPPED.
struct StateInfo {
  std::string state;
  std::string worker_id;
  std::string trace;  // omitted from JSON when empty
};

struct TaskStateInfo : StateInfo {
  int id = 0;
};

struct ConnectorStateInfo {
  std::string name;
  StateInfo connector;
  std::vector<TaskStateInfo> tasks;
  ConnectorType type = ConnectorType::Unknown;
};

// One partition/offset pair of GET/PATCH /connectors/{n}/offsets, as JSON text of two objects
// (source partitions are connector-defined maps; sink ones use kafka_topic/kafka_partition/kafka_offset).
struct ConnectorOffset {
  std::string partition_json;               // a JSON object
  std::optional<std::string> offset_json;   // a JSON object, or nullopt for JSON null
};
struct ConnectorOffsets {
  std::vector<ConnectorOffset> offsets;
};

struct ConfigKeyInfo {
  std::string name;
  std::string type;
  bool required = false;
  std::optional<std::string> default_value;
  std::string importance;
  std::string documentation;
  std::optional<std::string> group;
  int order = -1;
  std::string width;
  std::string display_name;
  std::vector<std::string> dependents;
};

struct ConfigValueInfo {
  std::string name;
  std::optional<std::string> value;
  std::vector<std::string> recommended_values;
  std::vector<std::string> errors;
  bool visible = true;
};

struct ConfigInfo {
  std::optional<ConfigKeyInfo> definition;  // null for keys the definitions do not know
  std::optional<ConfigValueInfo> value;
};

struct ConfigInfos {
  std::string name;  // connector.class as submitted
  int error_count = 0;
  std::vector<std::string> groups;
  std::vector<ConfigInfo> configs;
};

enum class TargetState { Started, Paused, Stopped };

struct RestartRequest {
  std::string connector;
  bool include_tasks = false;
  bool only_failed = false;
};

// A callback receives either an exception (Connect's exception types, mapped to HTTP by
// rest/) or a result. It may be called on any thread, exactly once.
template <typename T>
using Callback = std::function<void(std::exception_ptr error, T result)>;

struct Created {
  bool created = false;
  ConnectorInfo info;
};

// The herder: owns connector and task state, applies REST requests (Kafka's Herder).
// Every method is thread-safe. Methods taking a Callback complete asynchronously (the REST
// layer must not block its io_context on them); the others answer from a local snapshot.
class Herder {
 public:
  virtual ~Herder() = default;

  // Names of all connectors (GET /connectors).
  virtual std::vector<std::string> connectors() = 0;
  virtual void connectorInfo(const std::string& name, Callback<ConnectorInfo> cb) = 0;
  // Non-throwing snapshot version used by ?expand=info (nullopt when gone).
  virtual std::optional<ConnectorInfo> connectorInfoSnapshot(const std::string& name) = 0;
  virtual void connectorConfig(const std::string& name, Callback<ConfigMap> cb) = 0;
  // Create (allow_replace=false → AlreadyExistsException when present) or replace.
  // `config` already carries "name". Validation failures are BadRequestException with
  // Connect's multi-line message.
  virtual void putConnectorConfig(const std::string& name, const ConfigMap& config, bool allow_replace,
                                  std::optional<TargetState> initial_state, Callback<Created> cb) = 0;
  // Keys mapped to nullopt are removed (PATCH semantics). NotFoundException when unknown.
  virtual void patchConnectorConfig(const std::string& name,
                                    const std::map<std::string, std::optional<std::string>>& patch,
                                    Callback<Created> cb) = 0;
  virtual void deleteConnectorConfig(const std::string& name, Callback<bool> cb) = 0;

  // Throws NotFoundException("No status found for connector <n>").
  virtual ConnectorStateInfo connectorStatus(const std::string& name) = 0;
  // Throws NotFoundException("No status found for task <n>-<t>").
  virtual TaskStateInfo taskStatus(const ConnectorTaskId& id) = 0;

  virtual void restartConnector(const std::string& name, Callback<bool> cb) = 0;
  virtual void restartConnectorAndTasks(const RestartRequest& request, Callback<ConnectorStateInfo> cb) = 0;
  virtual void restartTask(const ConnectorTaskId& id, Callback<bool> cb) = 0;
  // Throw NotFoundException("Unknown connector <n>").
  virtual void pauseConnector(const std::string& name) = 0;
  virtual void resumeConnector(const std::string& name) = 0;
  virtual void stopConnector(const std::string& name, Callback<bool> cb) = 0;

  virtual void taskConfigs(const std::string& name, Callback<std::vector<TaskInfo>> cb) = 0;

  // Internal endpoints workers call on each other (spec §1.5). POST /connectors/{n}/tasks: a
  // connector's owner hands the leader the task configs it generated; NotLeaderException when
  // this worker is not the leader. `signature` carries the X-Connect-Authorization and
  // X-Connect-Request-Signature-Algorithm headers (KIP-507), when present.
  struct InternalRequestSignature {
    std::string algorithm;
    std::string signature;  // base64, as sent
    std::string body;       // the request body the signature covers
  };
  virtual void putTaskConfigs(const std::string& name, const std::vector<ConfigMap>& configs,
                              const std::optional<InternalRequestSignature>& signature, Callback<bool> cb) = 0;
  // PUT /connectors/{n}/fence (KIP-618 zombie fencing).
  virtual void fenceZombieSourceTasks(const std::string& name, const std::optional<InternalRequestSignature>& signature,
                                      Callback<bool> cb) = 0;

  // KIP-558 (ConnectRestException 403 when topic tracking is disabled).
  virtual std::vector<std::string> connectorActiveTopics(const std::string& name) = 0;
  virtual void resetConnectorActiveTopics(const std::string& name) = 0;

  // KIP-875.
  virtual void connectorOffsets(const std::string& name, Callback<ConnectorOffsets> cb) = 0;
  virtual void alterConnectorOffsets(const std::string& name, const ConnectorOffsets& offsets,
                                     Callback<std::string> cb) = 0;
  virtual void resetConnectorOffsets(const std::string& name, Callback<std::string> cb) = 0;

  // PUT /connector-plugins/{p}/config/validate (body already checked for class/path match).
  virtual void validateConnectorConfig(const ConfigMap& config, Callback<ConfigInfos> cb) = 0;
  // GET /connector-plugins/{p}/config: NotFoundException("Unknown plugin <p>.").
  virtual std::vector<ConfigKeyInfo> connectorPluginConfig(const std::string& plugin) = 0;
  virtual const api::PluginRegistry& plugins() const = 0;

  virtual std::string kafkaClusterId() = 0;
  // GET /health: completes with nothing once the herder thread answered.
  virtual void healthCheck(Callback<bool> cb) = 0;
  virtual bool ready() const = 0;
  // Topic tracking switches (403s of spec §1.4.15).
  virtual bool topicTrackingEnabled() const = 0;
  virtual bool topicTrackingResetAllowed() const = 0;
};

}  // namespace connectd::runtime
