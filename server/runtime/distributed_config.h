#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "server/runtime/kafka_based_log.h"

namespace connectd::runtime {

// The distributed worker's keys (Kafka's DistributedConfig, spec §3.1) and how the internal
// topics' clients and topics are derived from them. Holds the raw property map; the generic
// worker keys stay with WorkerConfig.
class DistributedConfig {
 public:
  static constexpr const char* kGroupId = "group.id";
  static constexpr const char* kConfigTopic = "config.storage.topic";
  static constexpr const char* kOffsetTopic = "offset.storage.topic";
  static constexpr const char* kStatusTopic = "status.storage.topic";
  static constexpr const char* kConfigReplicationFactor = "config.storage.replication.factor";
  static constexpr const char* kOffsetPartitions = "offset.storage.partitions";
  static constexpr const char* kOffsetReplicationFactor = "offset.storage.replication.factor";
  static constexpr const char* kStatusPartitions = "status.storage.partitions";
  static constexpr const char* kStatusReplicationFactor = "status.storage.replication.factor";
  static constexpr const char* kClientId = "client.id";

  // Throws ConfigException ("Missing required configuration \"group.id\" which has no default
  // value.", invalid numbers, partitions/replication factors that are 0 or below -1).
  explicit DistributedConfig(std::map<std::string, std::string> props);

  const std::map<std::string, std::string>& originals() const { return props_; }
  const std::string& groupId() const { return group_id_; }
  std::string bootstrapServers() const;
  const std::string& configTopic() const { return config_topic_; }
  const std::string& offsetTopic() const { return offset_topic_; }
  const std::string& statusTopic() const { return status_topic_; }
  int16_t configReplicationFactor() const { return config_rf_; }
  int32_t offsetPartitions() const { return offset_partitions_; }
  int16_t offsetReplicationFactor() const { return offset_rf_; }
  int32_t statusPartitions() const { return status_partitions_; }
  int16_t statusReplicationFactor() const { return status_rf_; }

  // "<group.id>-" or "<group.id>-<client.id>-": the base of internal client ids.
  std::string clientIdBase() const;
  // Topic configs under `<prefix>` (e.g. "offset.storage."), minus topic, partitions,
  // replication.factor and cleanup.policy.
  std::map<std::string, std::string> topicSettings(const std::string& prefix) const;
  // Settings of the three internal topics: clients get the worker's un-prefixed client
  // settings and ids <base>configs / <base>offsets / <base>statuses.
  InternalTopicSettings configTopicSettings() const;
  InternalTopicSettings offsetTopicSettings() const;
  InternalTopicSettings statusTopicSettings() const;

 private:
  InternalTopicSettings topicSettings(const std::string& topic, const std::string& topic_key,
                                      const std::string& purpose, const std::string& prefix, int32_t partitions,
                                      int16_t replication_factor, const std::string& client_suffix) const;
  kafka::ClientProps clientProps() const;

  std::map<std::string, std::string> props_;
  std::string group_id_;
  std::string config_topic_;
  std::string offset_topic_;
  std::string status_topic_;
  int16_t config_rf_ = 3;
  int32_t offset_partitions_ = 25;
  int16_t offset_rf_ = 3;
  int32_t status_partitions_ = 5;
  int16_t status_rf_ = 3;
};

// The worker properties of a connectd container, as the debezium/connect image builds them:
// the optional properties file first; then every CONNECT_<NAME> variable as property
// <name> (lower-cased, '_' → '.'); then BOOTSTRAP_SERVERS, GROUP_ID, CONFIG_STORAGE_TOPIC,
// OFFSET_STORAGE_TOPIC, STATUS_STORAGE_TOPIC, {CONFIG,OFFSET,STATUS}_STORAGE_REPLICATION_FACTOR,
// KEY_CONVERTER, VALUE_CONVERTER, ADVERTISED_HOST_NAME, ADVERTISED_PORT; and finally
// defaults for what is still unset: bootstrap.servers=localhost:9092, group.id=connect-cluster,
// connect-configs / connect-offsets / connect-status topics and JsonConverter converters.
std::map<std::string, std::string> distributedWorkerProps(const std::map<std::string, std::string>& env,
                                                          const std::optional<std::string>& properties_file);
// The process environment as a map (for distributedWorkerProps).
std::map<std::string, std::string> processEnvironment();

}  // namespace connectd::runtime
