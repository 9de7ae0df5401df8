#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/api/config_def.h"

namespace connectd::runtime {

// The worker's configuration (Kafka's WorkerConfig + StandaloneConfig + RestServerConfig keys
// a standalone worker uses). Unknown keys are kept in originals() so `producer.*`,
// `consumer.*`, `admin.*` and un-prefixed client settings reach the Kafka clients.
class WorkerConfig {
 public:
  static constexpr const char* kBootstrapServers = "bootstrap.servers";
  static constexpr const char* kKeyConverter = "key.converter";
  static constexpr const char* kValueConverter = "value.converter";
  static constexpr const char* kHeaderConverter = "header.converter";
  static constexpr const char* kOffsetStorageFileFilename = "offset.storage.file.filename";
  static constexpr const char* kOffsetFlushIntervalMs = "offset.flush.interval.ms";
  static constexpr const char* kOffsetFlushTimeoutMs = "offset.flush.timeout.ms";
  static constexpr const char* kTaskShutdownGracefulTimeoutMs = "task.shutdown.graceful.timeout.ms";
  static constexpr const char* kListeners = "listeners";
  static constexpr const char* kRestAdvertisedHostName = "rest.advertised.host.name";
  static constexpr const char* kRestAdvertisedPort = "rest.advertised.port";
  static constexpr const char* kRestAdvertisedListener = "rest.advertised.listener";
  static constexpr const char* kTopicTrackingEnable = "topic.tracking.enable";
  static constexpr const char* kTopicTrackingAllowReset = "topic.tracking.allow.reset";
  static constexpr const char* kTopicCreationEnable = "topic.creation.enable";
  static constexpr const char* kPluginPath = "plugin.path";
  static constexpr const char* kConnectorClientPolicy = "connector.client.config.override.policy";

  static constexpr const char* kSessionTimeoutMs = "session.timeout.ms";
  static constexpr const char* kHeartbeatIntervalMs = "heartbeat.interval.ms";
  static constexpr const char* kRebalanceTimeoutMs = "rebalance.timeout.ms";
  static constexpr const char* kWorkerSyncTimeoutMs = "worker.sync.timeout.ms";
  static constexpr const char* kWorkerUnsyncBackoffMs = "worker.unsync.backoff.ms";
  static constexpr const char* kConnectProtocol = "connect.protocol";
  static constexpr const char* kScheduledRebalanceMaxDelayMs = "scheduled.rebalance.max.delay.ms";

  // The standalone worker's ConfigDef (offset.storage.file.filename required).
  static const api::ConfigDef& standaloneConfigDef();
  // The distributed worker's: no offsets file; group timings (session.timeout.ms, ...).
  static const api::ConfigDef& distributedConfigDef();
  struct Distributed {};
  // Parses `props` against distributedConfigDef().
  WorkerConfig(std::map<std::string, std::string> props, Distributed);

  // Parses `props`; throws api::ConfigException with Kafka's messages (e.g. Missing required
  // configuration "key.converter" which has no default value.).
  explicit WorkerConfig(std::map<std::string, std::string> props);
  // Loads a .properties file; an unreadable file is a ConfigException naming it.
  static WorkerConfig fromFile(const std::string& path);

  const std::map<std::string, std::string>& originals() const { return parsed_.originals(); }
  // Entries under `prefix`, prefix stripped.
  std::map<std::string, std::string> originalsWithPrefix(const std::string& prefix) const {
    return parsed_.originalsWithPrefix(prefix);
  }
  const api::ParsedConfig& parsed() const { return parsed_; }

  // Comma-joined, as the Kafka clients take it.
  std::string bootstrapServers() const;
  std::string keyConverter() const { return parsed_.getString(kKeyConverter); }
  std::string valueConverter() const { return parsed_.getString(kValueConverter); }
  std::string headerConverter() const { return parsed_.getString(kHeaderConverter); }
  std::string offsetStorageFile() const { return parsed_.getString(kOffsetStorageFileFilename); }
  int64_t offsetFlushIntervalMs() const { return parsed_.getLong(kOffsetFlushIntervalMs); }
  int64_t offsetFlushTimeoutMs() const { return parsed_.getLong(kOffsetFlushTimeoutMs); }
  int64_t taskShutdownGracefulTimeoutMs() const { return parsed_.getLong(kTaskShutdownGracefulTimeoutMs); }
  std::vector<std::string> listeners() const { return parsed_.getList(kListeners); }
  std::optional<std::string> advertisedHostName() const { return parsed_.getOptionalString(kRestAdvertisedHostName); }
  std::optional<int32_t> advertisedPort() const;
  std::optional<std::string> advertisedListener() const { return parsed_.getOptionalString(kRestAdvertisedListener); }
  bool topicTrackingEnabled() const { return parsed_.getBoolean(kTopicTrackingEnable); }
  bool topicTrackingResetAllowed() const { return parsed_.getBoolean(kTopicTrackingAllowReset); }
  bool topicCreationEnabled() const { return parsed_.getBoolean(kTopicCreationEnable); }
  std::string connectorClientPolicy() const { return parsed_.getString(kConnectorClientPolicy); }

  // host:port of the advertised REST URL (the status records' worker_id), computed as Kafka's
  // RestServer.advertisedUrl: rest.advertised.* first, then the first listener, with this
  // host's address when the listener has no host. `bound_port` replaces a listener port of 0.
  std::string workerId(std::optional<int> bound_port = std::nullopt) const;

 private:
  api::ParsedConfig parsed_;
};

}  // namespace connectd::runtime
