#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "server/api/config_def.h"
#include "server/api/plugin_registry.h"

namespace connectd::runtime {

using api::ConfigMap;

// The framework's connector configuration (Kafka's ConnectorConfig): the common keys of every
// connector, and enrichment with the keys of the configured transformations and predicates.
class ConnectorConfig {
 public:
  static constexpr const char* kCommonGroup = "Common";
  static constexpr const char* kTransformsGroup = "Transforms";
  static constexpr const char* kPredicatesGroup = "Predicates";
  static constexpr const char* kErrorGroup = "Error Handling";

  static constexpr const char* kName = "name";
  static constexpr const char* kConnectorClass = "connector.class";
  static constexpr const char* kTasksMax = "tasks.max";
  static constexpr const char* kTasksMaxEnforce = "tasks.max.enforce";
  static constexpr const char* kKeyConverter = "key.converter";
  static constexpr const char* kValueConverter = "value.converter";
  static constexpr const char* kHeaderConverter = "header.converter";
  static constexpr const char* kTransforms = "transforms";
  static constexpr const char* kPredicates = "predicates";
  static constexpr const char* kConfigReloadAction = "config.action.reload";
  static constexpr const char* kErrorsRetryTimeout = "errors.retry.timeout";
  static constexpr const char* kErrorsRetryMaxDelay = "errors.retry.delay.max.ms";
  static constexpr const char* kErrorsTolerance = "errors.tolerance";
  static constexpr const char* kErrorsLogEnable = "errors.log.enable";
  static constexpr const char* kErrorsLogIncludeMessages = "errors.log.include.messages";
  static constexpr const char* kProducerOverridesPrefix = "producer.override.";
  static constexpr const char* kConsumerOverridesPrefix = "consumer.override.";
  static constexpr const char* kAdminOverridesPrefix = "admin.override.";

  // The common definition. With a registry, the converter class keys check that the class
  // exists ("Class X could not be found."); without one they accept any name.
  static api::ConfigDef configDef(const api::PluginRegistry* registry = nullptr);

  // ConnectorConfig.enrich: `base` plus, per alias in `transforms` / `predicates`, the
  // `<prefix>type` key and the plugin's own keys embedded under `<prefix>` in group
  // "Transforms: <alias>" / "Predicates: <alias>". With `require_full_config`, a missing or
  // unknown class throws ConfigException; otherwise that alias is left with just its type key
  // (whose validation reports the problem).
  static api::ConfigDef enrich(const api::PluginRegistry& registry, const api::ConfigDef& base,
                               const ConfigMap& props, bool require_full_config);

  // Parses `props` against the enriched `base`; throws ConfigException with Kafka's messages.
  ConnectorConfig(const api::PluginRegistry& registry, const api::ConfigDef& base, const ConfigMap& props);

  const api::ParsedConfig& parsed() const { return parsed_; }
  const ConfigMap& originals() const { return parsed_.originals(); }
  std::string name() const { return parsed_.getString(kName); }
  int32_t tasksMax() const { return parsed_.getInt(kTasksMax); }
  bool enforceTasksMax() const { return parsed_.getBoolean(kTasksMaxEnforce); }
  int64_t errorRetryTimeout() const { return parsed_.getLong(kErrorsRetryTimeout); }
  int64_t errorMaxDelayInMillis() const { return parsed_.getLong(kErrorsRetryMaxDelay); }
  bool toleratesAllErrors() const;
  bool enableErrorLog() const { return parsed_.getBoolean(kErrorsLogEnable); }
  bool includeRecordDetailsInErrorLog() const { return parsed_.getBoolean(kErrorsLogIncludeMessages); }

  // Java's List.toString ("[a, b]") for exception messages.
  static std::string listToString(const std::vector<std::string>& items);

 private:
  api::ParsedConfig parsed_;
};

}  // namespace connectd::runtime
