#include "server/runtime/connector_config.h"

#include <algorithm>
#include <set>
#include <spdlog/spdlog.h>

#include "server/api/errors.h"
#include "server/common/strings.h"

namespace connectd::runtime {

using api::ConfigDef;
using api::ConfigException;
using Importance = ConfigDef::Importance;
using Type = ConfigDef::Type;
using Width = ConfigDef::Width;

namespace {

ConfigDef::Key key(std::string name, Type type, std::optional<std::string> default_value, bool required,
                   Importance importance, std::string doc, std::string group, int order, Width width,
                   std::string display, std::optional<ConfigDef::ValidatorSpec> validator = std::nullopt) {
  ConfigDef::Key k;
  k.name = std::move(name);
  k.type = type;
  k.required = required;
  k.default_value = std::move(default_value);
  k.validator = std::move(validator);
  k.importance = importance;
  k.documentation = std::move(doc);
  k.group = std::move(group);
  k.order_in_group = order;
  k.width = width;
  k.display_name = std::move(display);
  return k;
}

ConfigDef::ValidatorSpec nonEmptyStringWithoutControlChars() {
  return ConfigDef::custom(
      [](const std::string& name, const ConfigDef::Parsed& v) {
        const auto* s = std::get_if<std::string>(&v);
        if (s == nullptr) return;  // a missing name is reported as a missing required key
        if (s->empty()) throw ConfigException(name, *s, "String may not be empty");
        std::vector<std::string> illegal;
        for (unsigned char c : *s) {
          if (c < 0x20 || c == 0x7F) illegal.push_back(std::to_string(c));
        }
        if (!illegal.empty()) {
          throw ConfigException(name, *s,
                                "String may not contain control sequences but had the following ASCII chars: " +
                                    common::join(illegal, ", "));
        }
      },
      "non-empty string without ISO control characters");
}

ConfigDef::ValidatorSpec aliasValidator(const std::string& kind) {
  return ConfigDef::custom(
      [](const std::string& name, const ConfigDef::Parsed& v) {
        const auto* list = std::get_if<std::vector<std::string>>(&v);
        if (list == nullptr) throw ConfigException(name, "null", "entry must be non null");
        std::set<std::string> unique(list->begin(), list->end());
        if (unique.size() < list->size()) {
          throw ConfigException(name, ConnectorConfig::listToString(*list), "Duplicate alias provided.");
        }
      },
      "unique " + kind + " aliases");
}

ConfigDef::ValidatorSpec converterClassValidator(const api::PluginRegistry* registry, bool header) {
  return ConfigDef::custom(
      [registry, header](const std::string& name, const ConfigDef::Parsed& v) {
        const auto* s = std::get_if<std::string>(&v);
        if (s == nullptr || registry == nullptr) return;
        auto kind = header ? api::PluginKind::HeaderConverter : api::PluginKind::Converter;
        if (registry->find(*s, {kind}) == nullptr) {
          throw ConfigException(name, *s, "Class " + *s + " could not be found.");
        }
      },
      header ? "A concrete subclass of org.apache.kafka.connect.storage.HeaderConverter, A class with a public, no-argument constructor"
             : "A concrete subclass of org.apache.kafka.connect.storage.Converter, A class with a public, no-argument constructor");
}

// ConfigDef.sortedConfigs order: group (first appearance), order in group, keys without a
// default first, importance, then name.
std::vector<ConfigDef::Key> sortedKeys(const ConfigDef& def) {
  std::vector<ConfigDef::Key> keys = def.keys();
  std::map<std::string, size_t> group_ord;
  for (const auto& k : keys)
    if (!k.group.empty() && !group_ord.count(k.group)) group_ord.emplace(k.group, group_ord.size());
  std::stable_sort(keys.begin(), keys.end(), [&](const ConfigDef::Key& a, const ConfigDef::Key& b) {
    if (a.group.empty() != b.group.empty()) return a.group.empty();
    if (!a.group.empty() && group_ord[a.group] != group_ord[b.group]) return group_ord[a.group] < group_ord[b.group];
    if (a.order_in_group != b.order_in_group) return a.order_in_group < b.order_in_group;
    bool a_has_default = !a.required;
    bool b_has_default = !b.required;
    if (a_has_default != b_has_default) return !a_has_default;
    if (a.importance != b.importance) return static_cast<int>(a.importance) < static_cast<int>(b.importance);
    return a.name < b.name;
  });
  return keys;
}

// ConfigDef.embed: child keys under `prefix`, groups under `group_prefix`; the child's
// validators still see the unprefixed name, as Kafka's embeddedValidator does.
void embed(ConfigDef& def, const std::string& prefix, const std::string& group_prefix, int starting_order,
           const ConfigDef& child) {
  int order = starting_order;
  for (auto k : sortedKeys(child)) {
    if (def.find(prefix + k.name) != nullptr) continue;
    if (k.validator) {
      auto inner = k.validator->fn;
      size_t strip = prefix.size();
      k.validator->fn = [inner, strip](const std::string& name, const ConfigDef::Parsed& v) {
        inner(name.size() >= strip ? name.substr(strip) : name, v);
      };
    }
    for (auto& d : k.dependents) d = prefix + d;
    if (k.display_name.empty()) k.display_name = k.name;
    k.name = prefix + k.name;
    k.group = group_prefix + (k.group.empty() ? "" : ": " + k.group);
    k.order_in_group = order++;
    def.define(std::move(k));
  }
}

struct EnrichablePlugin {
  std::string alias_kind;    // "Transformation" / "Predicate"
  std::string alias_config;  // "transforms" / "predicates"
  std::string alias_group;   // "Transforms" / "Predicates"
  api::PluginKind kind;
};

void enrichWith(const EnrichablePlugin& p, const api::PluginRegistry& registry, ConfigDef& def,
                const ConfigMap& props, bool require_full) {
  auto it = props.find(p.alias_config);
  if (it == props.end()) return;
  std::vector<std::string> aliases;
  for (const auto& a : common::splitList(it->second))
    if (std::find(aliases.begin(), aliases.end(), a) == aliases.end()) aliases.push_back(a);
  std::string kind_lower = common::toLower(p.alias_kind);
  for (const auto& alias : aliases) {
    const std::string prefix = p.alias_config + "." + alias + ".";
    const std::string group = p.alias_group + ": " + alias;
    const std::string type_config = prefix + "type";
    bool is_transform = p.kind == api::PluginKind::Transformation;

    // Resolves the class of `type_config`; throws ConfigException as Kafka does for a missing
    // ("Not a Transformation") or unknown ("Class X could not be found.") class.
    auto resolve = [&registry, p, type_config](const std::optional<std::string>& cls) -> const api::PluginDesc* {
      if (!cls) throw ConfigException(type_config, "null", "Not a " + p.alias_kind);
      const api::PluginDesc* desc = registry.find(*cls, {p.kind});
      if (desc == nullptr) throw ConfigException(type_config, *cls, "Class " + *cls + " could not be found.");
      return desc;
    };

    auto type_validator = ConfigDef::custom(
        [&registry, p, prefix, props, is_transform, type_config](const std::string& name, const ConfigDef::Parsed& v) {
          if (is_transform) {
            std::string negate = prefix + "negate";
            std::string predicate = prefix + "predicate";
            if (props.count(negate) && !props.count(predicate)) {
              throw ConfigException("Config '" + negate + "' was provided but there is no config '" + predicate +
                                    "' defining a predicate to be negated.");
            }
          }
          const auto* s = std::get_if<std::string>(&v);
          if (s != nullptr && registry.find(*s, {p.kind}) == nullptr) {
            throw ConfigException(name, *s, "Class " + *s + " could not be found.");
          }
        },
        "valid configs for " + alias + " " + kind_lower);
    auto type_key = key(type_config, Type::Class, std::nullopt, true, Importance::High,
                        "Class for the '" + alias + "' " + kind_lower + ".", group, 0, Width::Long,
                        p.alias_kind + " type for " + alias, type_validator);
    for (const auto* desc : registry.plugins({p.kind})) type_key.recommended_values.push_back(desc->class_name);
    if (def.find(type_config) == nullptr) def.define(std::move(type_key));

    ConfigDef child;
    if (is_transform) {
      child.defineNullDefault("predicate", Type::String, Importance::Medium,
                              "The alias of a predicate used to determine whether to apply this transformation.");
      child.define("negate", Type::Boolean, "false", Importance::Medium,
                   "Whether the configured predicate should be negated.");
    }
    std::optional<std::string> cls;
    if (auto t = props.find(type_config); t != props.end()) cls = std::string(common::trim(t->second));
    try {
      const api::PluginDesc* desc = resolve(cls);
      if (desc->config_def) {
        const ConfigDef plugin_def = desc->config_def();
        for (const auto& k : plugin_def.keys()) {
          if (is_transform && (k.name == "predicate" || k.name == "negate")) {
            spdlog::warn("Transformer config {} is masked by implicit config of that name", k.name);
            continue;
          }
          child.define(k);
        }
      }
    } catch (const ConfigException&) {
      if (require_full) throw;
      continue;
    }
    embed(def, prefix, group, 1, child);
  }
}

}  // namespace

std::string ConnectorConfig::listToString(const std::vector<std::string>& items) {
  return "[" + common::join(items, ", ") + "]";
}

ConfigDef ConnectorConfig::configDef(const api::PluginRegistry* registry) {
  ConfigDef def;
  int order = 0;
  def.define(key(kName, Type::String, std::nullopt, true, Importance::High,
                 "Globally unique name to use for this connector.", kCommonGroup, ++order, Width::Medium,
                 "Connector name", nonEmptyStringWithoutControlChars()));
  def.define(key(kConnectorClass, Type::String, std::nullopt, true, Importance::High,
                 "Name or alias of the class for this connector. Must be a subclass of "
                 "org.apache.kafka.connect.connector.Connector. If the connector is "
                 "org.apache.kafka.connect.file.FileStreamSinkConnector, you can either specify this full name,  or "
                 "use \"FileStreamSink\" or \"FileStreamSinkConnector\" to make the configuration a bit shorter",
                 kCommonGroup, ++order, Width::Long, "Connector class"));
  def.define(key(kTasksMax, Type::Int, "1", false, Importance::High, "Maximum number of tasks to use for this connector.",
                 kCommonGroup, ++order, Width::Short, "Tasks max", ConfigDef::atLeast(1)));
  def.define(key(kTasksMaxEnforce, Type::Boolean, "true", false, Importance::Low,
                 "(Deprecated) Whether to enforce that the tasks.max property is respected by the connector. By "
                 "default, connectors that generate too many tasks will fail, and existing sets of tasks that exceed "
                 "the tasks.max property will also be failed. If this property is set to false, then connectors will be "
                 "allowed to generate more than the maximum number of tasks, and existing sets of tasks that exceed the "
                 "tasks.max property will be allowed to run. This property is deprecated and will be removed in an "
                 "upcoming major release.",
                 kCommonGroup, ++order, Width::Short, "Enforce tasks max"));
  const std::string converter_doc =
      "Converter class used to convert between Kafka Connect format and the serialized form that is written to "
      "Kafka. This controls the format of the %s in messages written to or read from Kafka, and since this is "
      "independent of connectors it allows any connector to work with any serialization format. Examples of common "
      "formats include JSON and Avro.";
  auto converter_doc_for = [&](const char* what) {
    std::string d = converter_doc;
    d.replace(d.find("%s"), 2, what);
    return d;
  };
  def.define(key(kKeyConverter, Type::Class, std::nullopt, false, Importance::Low, converter_doc_for("keys"),
                 kCommonGroup, ++order, Width::Short, "Key converter class", converterClassValidator(registry, false)));
  def.define(key(kValueConverter, Type::Class, std::nullopt, false, Importance::Low, converter_doc_for("values"),
                 kCommonGroup, ++order, Width::Short, "Value converter class",
                 converterClassValidator(registry, false)));
  def.define(key(kHeaderConverter, Type::Class, std::nullopt, false, Importance::Low,
                 "HeaderConverter class used to convert between Kafka Connect format and the serialized form that is "
                 "written to Kafka. This controls the format of the header values in messages written to or read from "
                 "Kafka, and since this is independent of connectors it allows any connector to work with any "
                 "serialization format. Examples of common formats include JSON and Avro. By default, the "
                 "SimpleHeaderConverter is used to serialize header values to strings and deserialize them by "
                 "inferring the schemas.",
                 kCommonGroup, ++order, Width::Short, "Header converter class", converterClassValidator(registry, true)));
  def.define(key(kTransforms, Type::List, "", false, Importance::Low,
                 "Aliases for the transformations to be applied to records.", kTransformsGroup, ++order, Width::Long,
                 "Transforms", aliasValidator("transformation")));
  def.define(key(kPredicates, Type::List, "", false, Importance::Low, "Aliases for the predicates used by transformations.",
                 kPredicatesGroup, ++order, Width::Long, "Predicates", aliasValidator("predicate")));
  def.define(key(kConfigReloadAction, Type::String, "restart", false, Importance::Low,
                 "The action that Connect should take on the connector when changes in external configuration "
                 "providers result in a change in the connector's configuration properties. A value of 'none' "
                 "indicates that Connect will do nothing. A value of 'restart' indicates that Connect should "
                 "restart/reload the connector with the updated configuration properties.The restart may actually be "
                 "scheduled in the future if the external configuration provider indicates that a configuration value "
                 "will expire in the future.",
                 kCommonGroup, ++order, Width::Medium, "Reload Action", ConfigDef::validString({"none", "restart"})));
  int error_order = 0;
  def.define(key(kErrorsRetryTimeout, Type::Long, "0", false, Importance::Medium,
                 "The maximum duration in milliseconds that a failed operation will be reattempted. The default is 0, "
                 "which means no retries will be attempted. Use -1 for infinite retries.",
                 kErrorGroup, ++error_order, Width::Medium, "Retry Timeout for Errors"));
  def.define(key(kErrorsRetryMaxDelay, Type::Long, "60000", false, Importance::Medium,
                 "The maximum duration in milliseconds between consecutive retry attempts. Jitter will be added to the "
                 "delay once this limit is reached to prevent thundering herd issues.",
                 kErrorGroup, ++error_order, Width::Medium, "Maximum Delay Between Retries for Errors"));
  def.define(key(kErrorsTolerance, Type::String, "none", false, Importance::Medium,
                 "Behavior for tolerating errors during connector operation. 'none' is the default value and signals "
                 "that any error will result in an immediate connector task failure; 'all' changes the behavior to skip "
                 "over problematic records.",
                 kErrorGroup, ++error_order, Width::Short, "Error Tolerance", ConfigDef::validString({"none", "all"})));
  def.define(key(kErrorsLogEnable, Type::Boolean, "false", false, Importance::Medium,
                 "If true, write each error and the details of the failed operation and problematic record to the "
                 "Connect application log. This is 'false' by default, so that only errors that are not tolerated are "
                 "reported.",
                 kErrorGroup, ++error_order, Width::Short, "Log Errors"));
  def.define(key(kErrorsLogIncludeMessages, Type::Boolean, "false", false, Importance::Medium,
                 "Whether to include in the log the Connect record that resulted in a failure. For sink records, the "
                 "topic, partition, offset, and timestamp will be logged. For source records, the key and value (and "
                 "their schemas), all headers, and the timestamp, Kafka topic, Kafka partition, source partition, and "
                 "source offset will be logged. This is 'false' by default, which will prevent record keys, values, "
                 "and headers from being written to log files.",
                 kErrorGroup, ++error_order, Width::Short, "Log Error Details"));
  return def;
}

ConfigDef ConnectorConfig::enrich(const api::PluginRegistry& registry, const ConfigDef& base, const ConfigMap& props,
                                  bool require_full_config) {
  ConfigDef def = base;
  enrichWith({"Transformation", kTransforms, kTransformsGroup, api::PluginKind::Transformation}, registry, def, props,
             require_full_config);
  enrichWith({"Predicate", kPredicates, kPredicatesGroup, api::PluginKind::Predicate}, registry, def, props,
             require_full_config);
  return def;
}

ConnectorConfig::ConnectorConfig(const api::PluginRegistry& registry, const ConfigDef& base, const ConfigMap& props)
    : parsed_(enrich(registry, base, props, true), props) {}

bool ConnectorConfig::toleratesAllErrors() const { return common::iequals(parsed_.getString(kErrorsTolerance), "all"); }

}  // namespace connectd::runtime
