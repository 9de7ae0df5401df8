#include "server/runtime/source_connector_config.h"

#include <algorithm>
#include <set>

#include "server/api/errors.h"
#include "server/common/java_regex.h"
#include "server/common/strings.h"

namespace connectd::runtime {

using api::ConfigDef;
using api::ConfigException;
using Importance = ConfigDef::Importance;
using Type = ConfigDef::Type;
using Width = ConfigDef::Width;

namespace {

constexpr const char* kTopicCreationGroup = "Topic Creation";
constexpr const char* kExactlyOnceGroup = "Exactly Once Support";

ConfigDef::ValidatorSpec partitionsValidator() {
  return ConfigDef::custom(
      [](const std::string& name, const ConfigDef::Parsed& v) {
        if (const auto* i = std::get_if<int32_t>(&v); i && *i != -1 && *i < 1) {
          throw ConfigException(name, std::to_string(*i),
                                "Number of partitions must be positive, or -1 to use the broker's default");
        }
      },
      "Positive number, or -1 to use the broker's default");
}

ConfigDef::ValidatorSpec replicationFactorValidator() {
  return ConfigDef::custom(
      [](const std::string& name, const ConfigDef::Parsed& v) {
        if (const auto* i = std::get_if<int32_t>(&v); i && *i != -1 && *i < 1) {
          throw ConfigException(name, std::to_string(*i),
                                "Replication factor must be positive and not larger than the number of brokers in the "
                                "Kafka cluster, or -1 to use the broker's default");
        }
      },
      "Positive number not larger than the number of brokers in the Kafka cluster, or -1 to use the broker's default");
}

ConfigDef::ValidatorSpec regexListValidator() {
  return ConfigDef::custom(
      [](const std::string& name, const ConfigDef::Parsed& v) {
        const auto* list = std::get_if<std::vector<std::string>>(&v);
        if (list == nullptr) return;
        for (const auto& p : *list) {
          try {
            common::JavaRegex regex(p);
          } catch (const common::PatternSyntaxException& e) {
            throw ConfigException(name, ConnectorConfig::listToString(*list),
                                  std::string("Syntax error in regular expression: ") + e.what());
          }
        }
      },
      "Positive number, or -1 to use the broker's default");
}

ConfigDef groupDef(const std::string& group, std::optional<std::string> rf_default,
                   std::optional<std::string> partitions_default, bool is_default) {
  ConfigDef def;
  ConfigDef::Key include;
  include.name = "include";
  include.type = Type::List;
  include.default_value = is_default ? ".*" : "";
  include.validator = is_default ? ConfigDef::nonNull() : regexListValidator();
  include.importance = Importance::Low;
  include.documentation =
      "A list of regular expression literals used to match the topic names used by the source connector. This list "
      "is used to include topics that should be created using the topic settings defined by this group.";
  include.group = group;
  include.order_in_group = 1;
  include.width = Width::Long;
  include.display_name = "Inclusion Topic Pattern for " + group;
  def.define(include);
  ConfigDef::Key exclude = include;
  exclude.name = "exclude";
  exclude.default_value = "";
  exclude.documentation =
      "A list of regular expression literals used to match the topic names used by the source connector. This list "
      "is used to exclude topics from being created with the topic settings defined by this group. Note that "
      "exclusion rules have precedent and override any inclusion rules for the topics.";
  exclude.order_in_group = 2;
  exclude.display_name = "Exclusion Topic Pattern for " + group;
  def.define(exclude);
  ConfigDef::Key rf;
  rf.name = "replication.factor";
  rf.type = Type::Short;
  rf.required = !rf_default.has_value();
  rf.default_value = rf_default;
  rf.validator = replicationFactorValidator();
  rf.importance = Importance::Low;
  rf.documentation =
      "The replication factor for new topics created for this connector using this group. This value may be -1 to "
      "use the broker's default replication factor, or may be a positive number not larger than the number of "
      "brokers in the Kafka cluster.";
  rf.group = group;
  rf.order_in_group = 3;
  rf.width = Width::Long;
  rf.display_name = "Replication Factor for Topics in " + group;
  def.define(rf);
  ConfigDef::Key parts = rf;
  parts.name = "partitions";
  parts.type = Type::Int;
  parts.required = !partitions_default.has_value();
  parts.default_value = partitions_default;
  parts.validator = partitionsValidator();
  parts.documentation =
      "The number of partitions new topics created for this connector. This value may be -1 to use the broker's "
      "default number of partitions, or a positive number representing the desired number of partitions.";
  parts.order_in_group = 4;
  parts.display_name = "Partition Count for Topics in " + group;
  def.define(parts);
  return def;
}

// Kafka compiles each list joined with '|'; the lists were checked by regexListValidator().
void compilePatterns(SourceConnectorConfig::TopicCreationGroup& group) {
  group.inclusion_pattern.emplace(common::join(group.include, "|"));
  group.exclusion_pattern.emplace(common::join(group.exclude, "|"));
}

// Parses one group's keys out of props (prefix stripped), Kafka's messages naming full keys.
api::ParsedConfig parseGroup(const std::string& prefix, const ConfigDef& def, const ConfigMap& props) {
  ConfigDef prefixed;
  for (auto k : def.keys()) {
    k.name = prefix + k.name;
    prefixed.define(std::move(k));
  }
  return api::ParsedConfig(prefixed, props);
}

}  // namespace

ConfigDef SourceConnectorConfig::configDef(const api::PluginRegistry* registry) {
  ConfigDef def = ConnectorConfig::configDef(registry);
  int order = 0;
  def.define(kTopicCreationGroups, Type::List, "",
             ConfigDef::custom(
                 [](const std::string& name, const ConfigDef::Parsed& v) {
                   const auto* list = std::get_if<std::vector<std::string>>(&v);
                   if (list == nullptr) throw ConfigException(name, "null", "entry must be non null");
                   std::set<std::string> unique(list->begin(), list->end());
                   if (unique.size() < list->size()) {
                     throw ConfigException(name, ConnectorConfig::listToString(*list), "Duplicate alias provided.");
                   }
                 },
                 "unique topic creation groups"),
             Importance::Low, "Groups of configurations for topics created by source connectors")
      .withGroup(kTopicCreationGroup, ++order, Width::Long, "Topic Creation Groups");
  def.define(kExactlyOnceSupport, Type::String, "requested", ConfigDef::validString({"requested", "required"}, true),
             Importance::Medium,
             "Permitted values are requested, required. If set to \"required\", forces a preflight check for the "
             "connector to ensure that it can provide exactly-once semantics with the given configuration.")
      .withGroup(kExactlyOnceGroup, ++order, Width::Short, "Exactly once support");
  def.define(kTransactionBoundary, Type::String, "poll", ConfigDef::validString({"poll", "interval", "connector"}, true),
             Importance::Medium,
             "Permitted values are: poll, interval, connector. Only applies with exactly-once source support, which "
             "a standalone worker does not have.")
      .withGroup(kExactlyOnceGroup, ++order, Width::Short, "Transaction Boundary");
  def.defineNullDefault(kTransactionBoundaryInterval, Type::Long, Importance::Low,
                        "If 'transaction.boundary' is set to 'interval', determines the interval for producer "
                        "transaction commits by connector tasks.")
      .withGroup(kExactlyOnceGroup, ++order, Width::Short, "Transaction boundary interval");
  def.defineNullDefault(kOffsetsTopic, Type::String, Importance::Low,
                        "The name of a separate offsets topic to use for this connector. Only applicable in "
                        "distributed mode; in standalone mode, setting this property will have no effect.")
      .withGroup("offsets.topic", 1, Width::Long, "Offsets topic");
  return def;
}

bool SourceConnectorConfig::usesTopicCreation(const ConfigMap& props) {
  return std::any_of(props.begin(), props.end(),
                     [](const auto& e) { return common::startsWith(e.first, kTopicCreationPrefix); });
}

std::vector<SourceConnectorConfig::TopicCreationGroup> SourceConnectorConfig::topicCreationGroups(
    const ConfigMap& props) {
  std::vector<TopicCreationGroup> out;
  if (!usesTopicCreation(props)) return out;
  const std::string default_prefix = std::string(kTopicCreationPrefix) + "default.";
  auto default_cfg = parseGroup(default_prefix, groupDef("default", std::nullopt, std::nullopt, true), props);
  int16_t default_rf = static_cast<int16_t>(default_cfg.getInt(default_prefix + "replication.factor"));
  int32_t default_partitions = default_cfg.getInt(default_prefix + "partitions");

  std::vector<std::string> groups;
  if (auto it = props.find(kTopicCreationGroups); it != props.end()) {
    for (const auto& g : common::splitList(it->second))
      if (g != "default" && std::find(groups.begin(), groups.end(), g) == groups.end()) groups.push_back(g);
  }
  auto others = [&](const std::string& prefix) {
    std::map<std::string, std::string> o;
    for (const auto& [k, v] : props) {
      if (!common::startsWith(k, prefix)) continue;
      std::string sub = k.substr(prefix.size());
      if (sub == "include" || sub == "exclude" || sub == "replication.factor" || sub == "partitions") continue;
      o[sub] = v;
    }
    return o;
  };
  for (const auto& g : groups) {
    std::string prefix = std::string(kTopicCreationPrefix) + g + ".";
    std::string config_group = std::string(kTopicCreationGroup) + ": " + g;
    auto cfg = parseGroup(prefix, groupDef(config_group, std::to_string(default_rf), std::to_string(default_partitions), false),
                          props);
    TopicCreationGroup group;
    group.name = g;
    group.include = cfg.getList(prefix + "include");
    group.exclude = cfg.getList(prefix + "exclude");
    group.partitions = cfg.getInt(prefix + "partitions");
    group.replication_factor = static_cast<int16_t>(cfg.getInt(prefix + "replication.factor"));
    group.other_configs = others(prefix);
    compilePatterns(group);
    out.push_back(std::move(group));
  }
  TopicCreationGroup def_group;
  def_group.name = "default";
  // The default group matches every topic; its include/exclude keys are ignored, as in Kafka.
  def_group.include = {".*"};
  def_group.partitions = default_partitions;
  def_group.replication_factor = default_rf;
  def_group.other_configs = others(default_prefix);
  compilePatterns(def_group);
  out.push_back(std::move(def_group));
  return out;
}

bool SourceConnectorConfig::TopicCreationGroup::matches(const std::string& topic) const {
  return inclusion_pattern && inclusion_pattern->matches(topic) &&
         !(exclusion_pattern && exclusion_pattern->matches(topic));
}

}  // namespace connectd::runtime
