#include "transforms/replace_field.h"

#include <spdlog/spdlog.h>

#include <utility>

#include "server/api/errors.h"
#include "server/api/struct.h"
#include "transforms/util/java_lang.h"
#include "transforms/util/map_entries.h"
#include "transforms/util/requirements.h"
#include "transforms/util/schema_util.h"

namespace connectd::transforms {

namespace {

constexpr const char* kPurpose = "field replacement";

// ConfigUtils.translateDeprecatedConfigs for one alias: the alias is dropped, and its value
// becomes the new key's when the new key is not set.
void translateDeprecatedConfig(std::map<std::string, std::string>& configs,
                               const std::string& target, const std::string& alias) {
  auto deprecated = configs.find(alias);
  if (deprecated == configs.end()) return;
  if (configs.count(target) != 0) {
    spdlog::error(
        "{} was configured, as well as the deprecated alias(es) {}.  Using the value of {}", target,
        alias, target);
  } else {
    spdlog::warn(
        "Configuration key {} is deprecated and may be removed in the future.  Please update your "
        "configuration to use {} instead.",
        alias, target);
    configs[target] = deprecated->second;
  }
  configs.erase(alias);
}

}  // namespace

const api::ConfigDef& ReplaceField::configDef() {
  static const api::ConfigDef def = [] {
    using api::ConfigDef;
    ConfigDef d;
    d.define(kExcludeConfig, ConfigDef::Type::List, "", ConfigDef::Importance::Medium,
             "Fields to exclude. This takes precedence over the fields to include.");
    d.defineNullDefault(kBlacklistConfig, ConfigDef::Type::List, ConfigDef::Importance::Low,
                        std::string("Deprecated. Use ") + kExcludeConfig + " instead.");
    d.define(kIncludeConfig, ConfigDef::Type::List, "", ConfigDef::Importance::Medium,
             "Fields to include. If specified, only these fields will be used.");
    d.defineNullDefault(kWhitelistConfig, ConfigDef::Type::List, ConfigDef::Importance::Low,
                        std::string("Deprecated. Use ") + kIncludeConfig + " instead.");
    auto renames_validator = [](const std::string&, const ConfigDef::Parsed& value) {
      if (const auto* list = std::get_if<std::vector<std::string>>(&value)) {
        parseRenameMappings(*list);
      }
    };
    d.define(kRenamesConfig, ConfigDef::Type::List, "",
             ConfigDef::custom(renames_validator,
                               "list of colon-delimited pairs, e.g. <code>foo:bar,abc:xyz</code>"),
             ConfigDef::Importance::Medium, "Field rename mappings.");
    d.define(kReplaceNullWithDefaultConfig, ConfigDef::Type::Boolean, "true",
             ConfigDef::Importance::Medium,
             "Whether to replace fields that have a default value and that are null to the default "
             "value. When set to true, the default value is used, otherwise null is used.");
    return d;
  }();
  return def;
}

std::map<std::string, std::string> ReplaceField::parseRenameMappings(
    const std::vector<std::string>& mappings) {
  std::map<std::string, std::string> m;
  for (const auto& mapping : mappings) {
    std::vector<std::string> parts = java::split(mapping, ':');
    if (parts.size() != 2) {
      throw api::ConfigException(kRenamesConfig, java::listToString(mappings),
                                 "Invalid rename mapping: " + mapping);
    }
    m[parts[0]] = parts[1];
  }
  return m;
}

void ReplaceField::configure(const std::map<std::string, std::string>& configs) {
  std::map<std::string, std::string> translated = configs;
  translateDeprecatedConfig(translated, kIncludeConfig, kWhitelistConfig);
  translateDeprecatedConfig(translated, kExcludeConfig, kBlacklistConfig);
  api::ParsedConfig config(configDef(), translated);

  const auto exclude = config.getList(kExcludeConfig);
  const auto include = config.getList(kIncludeConfig);
  exclude_ = std::set<std::string>(exclude.begin(), exclude.end());
  include_ = std::set<std::string>(include.begin(), include.end());
  renames_ = parseRenameMappings(config.getList(kRenamesConfig));
  reverse_renames_.clear();
  for (const auto& [from, to] : renames_) reverse_renames_[to] = from;
  replace_null_with_default_ = config.getBoolean(kReplaceNullWithDefaultConfig);
  schema_update_cache_.clear();
}

bool ReplaceField::filter(const std::string& field_name) const {
  return exclude_.count(field_name) == 0 && (include_.empty() || include_.count(field_name) != 0);
}

const std::string& ReplaceField::renamed(const std::string& field_name) const {
  auto it = renames_.find(field_name);
  return it == renames_.end() ? field_name : it->second;
}

const std::string& ReplaceField::reverseRenamed(const std::string& field_name) const {
  auto it = reverse_renames_.find(field_name);
  return it == reverse_renames_.end() ? field_name : it->second;
}

bool ReplaceField::apply(api::ConnectRecord& record) {
  if (operatingValue(record, side_).isNull()) return true;
  if (!operatingSchema(record, side_)) {
    applySchemaless(record);
  } else {
    applyWithSchema(record);
  }
  return true;
}

void ReplaceField::applySchemaless(api::ConnectRecord& record) {
  api::Value& operating = operatingValue(record, side_);
  const api::Map& value = requireMap(operating, kPurpose);

  MapBuilder updated;
  for (const auto& [key, field_value] : value) {
    const std::string& field_name = entryFieldName(key);
    // Two fields renamed to one name collide as in Kafka's HashMap: the later one wins.
    if (filter(field_name)) updated.put(renamed(field_name), field_value);
  }

  operatingSchema(record, side_) = nullptr;
  operating = api::Value(std::move(updated).build());
}

void ReplaceField::applyWithSchema(api::ConnectRecord& record) {
  api::Value& operating = operatingValue(record, side_);
  const api::Struct& value = requireStruct(operating, kPurpose);

  api::SchemaPtr updated_schema = schema_update_cache_.get(value.schema());
  if (!updated_schema) {
    updated_schema = makeUpdatedSchema(*value.schema());
    schema_update_cache_.put(value.schema(), updated_schema);
  }

  auto updated = std::make_shared<api::Struct>(updated_schema);
  for (const auto& field : updated_schema->fields()) {
    const std::string& original = reverseRenamed(field.name);
    const api::Value& field_value =
        replace_null_with_default_ ? value.get(original) : value.getWithoutDefault(original);
    updated->put(field, field_value);
  }

  operatingSchema(record, side_) = std::move(updated_schema);
  operating = api::Value(std::move(updated));
}

api::SchemaPtr ReplaceField::makeUpdatedSchema(const api::Schema& schema) const {
  api::SchemaBuilder builder = api::SchemaBuilder::structBuilder();
  copySchemaBasics(schema, builder);
  for (const auto& field : schema.fields()) {
    if (filter(field.name)) builder.field(renamed(field.name), field.schema);
  }
  return builder.build();
}

}  // namespace connectd::transforms
