#pragma once

#include <map>
#include <string>
#include <vector>

#include "server/runtime/connector_config.h"

namespace connectd::runtime {

// Sink connectors' framework keys (Kafka's SinkConnectorConfig).
class SinkConnectorConfig {
 public:
  static constexpr const char* kTopics = "topics";
  static constexpr const char* kTopicsRegex = "topics.regex";
  static constexpr const char* kDlqTopicName = "errors.deadletterqueue.topic.name";
  static constexpr const char* kDlqTopicReplicationFactor = "errors.deadletterqueue.topic.replication.factor";
  static constexpr const char* kDlqContextHeadersEnable = "errors.deadletterqueue.context.headers.enable";

  static api::ConfigDef configDef(const api::PluginRegistry* registry = nullptr);

  // The cross-key checks (exactly one of topics / topics.regex, DLQ topic not consumed),
  // added to `values` (an entry is created for a key that has none).
  static void validate(const ConfigMap& props, std::vector<api::ConfigValue>& values);
  // As above, throwing ConfigException(name, value, first message) for the first problem.
  static void validate(const ConfigMap& props);

  static bool hasTopicsConfig(const ConfigMap& props);
  static bool hasDlqTopicConfig(const ConfigMap& props);
  // The non-empty, distinct topics of `topics`.
  static std::vector<std::string> parseTopicsList(const ConfigMap& props);
};

}  // namespace connectd::runtime
