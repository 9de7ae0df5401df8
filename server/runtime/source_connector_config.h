#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "server/common/java_regex.h"
#include "server/runtime/connector_config.h"

namespace connectd::runtime {

// Source connectors' framework keys (Kafka's SourceConnectorConfig + TopicCreationConfig).
class SourceConnectorConfig {
 public:
  static constexpr const char* kTopicCreationPrefix = "topic.creation.";
  static constexpr const char* kTopicCreationGroups = "topic.creation.groups";
  static constexpr const char* kExactlyOnceSupport = "exactly.once.support";
  static constexpr const char* kTransactionBoundary = "transaction.boundary";
  static constexpr const char* kTransactionBoundaryInterval = "transaction.boundary.interval.ms";
  static constexpr const char* kOffsetsTopic = "offsets.storage.topic";

  static api::ConfigDef configDef(const api::PluginRegistry* registry = nullptr);
  // Whether any topic.creation.* key is present.
  static bool usesTopicCreation(const ConfigMap& props);

  // One topic creation group, resolved (TopicCreationGroup). Its include and exclude lists are
  // compiled once, by topicCreationGroups(), which is why a group can be moved but not copied.
  struct TopicCreationGroup {
    std::string name;
    std::vector<std::string> include;
    std::vector<std::string> exclude;
    int32_t partitions = -1;
    int16_t replication_factor = -1;
    std::map<std::string, std::string> other_configs;
    // Each list joined with '|' into one pattern, as Kafka does; null only in a group that was
    // not built by topicCreationGroups().
    std::optional<common::JavaRegex> inclusion_pattern;
    std::optional<common::JavaRegex> exclusion_pattern;

    // TopicCreationGroup.matches: the whole topic matches the include pattern and not the
    // exclude one. An empty list joins to the empty pattern, which no topic name matches.
    bool matches(const std::string& topic) const;
  };
  // The groups in match order (the listed groups, then "default"), parsed with Kafka's
  // messages (e.g. Missing required configuration "topic.creation.default.replication.factor"
  // which has no default value.). Empty when topic creation is not configured.
  static std::vector<TopicCreationGroup> topicCreationGroups(const ConfigMap& props);
};

}  // namespace connectd::runtime
