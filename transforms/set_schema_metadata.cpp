#include "transforms/set_schema_metadata.h"

#include <memory>
#include <utility>

#include <spdlog/spdlog.h>

#include "server/api/errors.h"
#include "server/api/struct.h"
#include "transforms/util/requirements.h"

namespace connectd::transforms {

const api::ConfigDef& SetSchemaMetadata::configDef() {
  static const api::ConfigDef def = [] {
    using api::ConfigDef;
    ConfigDef d;
    d.defineNullDefault(kSchemaNameConfig, ConfigDef::Type::String, ConfigDef::Importance::High,
                        "Schema name to set.");
    d.defineNullDefault(kSchemaVersionConfig, ConfigDef::Type::Int, ConfigDef::Importance::High,
                        "Schema version to set.");
    d.define(kReplaceNullWithDefaultConfig, ConfigDef::Type::Boolean, "true",
             ConfigDef::Importance::Medium,
             "Whether to replace fields that have a default value and that are null to the "
             "default value. When set to true, the default value is used, otherwise null is "
             "used.");
    return d;
  }();
  return def;
}

void SetSchemaMetadata::configure(const std::map<std::string, std::string>& configs) {
  api::ParsedConfig config(configDef(), configs);
  schema_name_ = config.getOptionalString(kSchemaNameConfig);
  schema_version_.reset();
  if (config.has(kSchemaVersionConfig)) schema_version_ = config.getInt(kSchemaVersionConfig);
  replace_null_with_default_ = config.getBoolean(kReplaceNullWithDefaultConfig);
  if (!schema_name_ && !schema_version_) {
    throw api::ConfigException("Neither schema name nor version configured");
  }
}

bool SetSchemaMetadata::apply(api::ConnectRecord& record) {
  api::SchemaPtr& schema = operatingSchema(record, side_);
  api::Value& value = operatingValue(record, side_);
  if (value.isNull() && !schema) return true;
  requireSchema(schema, "updating schema metadata");
  api::SchemaPtr updated = updatedSchema(*schema);
  spdlog::trace("Applying SetSchemaMetadata SMT. Original schema: {}, updated schema: {}",
                schema->toString(), updated->toString());
  value = updateSchemaIn(value, updated);
  schema = std::move(updated);
  return true;
}

api::SchemaPtr SetSchemaMetadata::updatedSchema(const api::Schema& schema) const {
  const std::optional<std::string>& name = schema_name_ ? schema_name_ : schema.name();
  const std::optional<int32_t>& version = schema_version_ ? schema_version_ : schema.version();

  // The name can only be added to a copy, not changed: keep everything (the default value
  // included, unvalidated as Kafka's ConnectSchema constructor leaves it) when the copy will do.
  if (!schema.name() || schema.name() == name) {
    api::SchemaBuilder builder = api::SchemaBuilder::copyOf(schema);
    if (name) builder.name(*name);
    if (version) builder.version(*version);
    return builder.build();
  }

  api::SchemaBuilder builder = api::SchemaBuilder(schema.type());
  if (schema.type() == api::Type::Array && schema.valueSchema()) {
    builder = api::SchemaBuilder::array(schema.valueSchema());
  } else if (schema.type() == api::Type::Map && schema.keySchema() && schema.valueSchema()) {
    builder = api::SchemaBuilder::map(schema.keySchema(), schema.valueSchema());
  }
  if (schema.isOptional()) builder.optional();
  builder.name(*name);
  if (version) builder.version(*version);
  if (schema.doc()) builder.doc(*schema.doc());
  for (const auto& [k, v] : schema.parameters()) builder.parameter(k, v);
  if (schema.type() == api::Type::Struct) {
    for (const api::Field& field : schema.fields()) builder.field(field.name, field.schema);
  }
  if (schema.hasDefault()) {
    api::Value default_value = schema.defaultValue();
    if (default_value.kind() == api::Value::Kind::Struct) {
      // A default Struct must be bound to the renamed schema to pass SchemaBuilder's check.
      api::SchemaPtr bound = api::SchemaBuilder::copyOf(*builder.build()).optional().build();
      default_value = updateSchemaIn(default_value, bound);
    }
    builder.defaultValue(std::move(default_value));
  }
  return builder.build();
}

api::Value SetSchemaMetadata::updateSchemaIn(const api::Value& key_or_value,
                                             const api::SchemaPtr& updated_schema) const {
  if (key_or_value.kind() != api::Value::Kind::Struct) return key_or_value;
  const api::Struct& original = key_or_value.asStruct();
  auto updated = std::make_shared<api::Struct>(updated_schema);
  for (const api::Field& field : updated_schema->fields()) {
    updated->put(field, replace_null_with_default_ ? original.get(field.name)
                                                   : original.getWithoutDefault(field.name));
  }
  return api::Value(std::move(updated));
}

}  // namespace connectd::transforms
