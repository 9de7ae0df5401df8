#include "transforms/hoist_field.h"

#include <utility>

#include "server/api/struct.h"

namespace connectd::transforms {

const api::ConfigDef& HoistField::configDef() {
  static const api::ConfigDef def = [] {
    using api::ConfigDef;
    ConfigDef d;
    d.define(
        kFieldConfig, ConfigDef::Type::String, ConfigDef::Importance::Medium,
        "Field name for the single field that will be created in the resulting Struct or Map.");
    return d;
  }();
  return def;
}

void HoistField::configure(const std::map<std::string, std::string>& configs) {
  api::ParsedConfig config(configDef(), configs);
  field_name_ = config.getString(kFieldConfig);
  schema_update_cache_.clear();
}

bool HoistField::apply(api::ConnectRecord& record) {
  api::SchemaPtr& schema = operatingSchema(record, side_);
  api::Value& value = operatingValue(record, side_);

  if (!schema) {
    api::Map updated;
    updated.emplace_back(api::Value(field_name_), std::move(value));
    value = api::Value(std::move(updated));
    return true;
  }

  api::SchemaPtr updated_schema = schema_update_cache_.get(schema);
  if (!updated_schema) {
    updated_schema = api::SchemaBuilder::structBuilder().field(field_name_, schema).build();
    schema_update_cache_.put(schema, updated_schema);
  }
  auto updated = std::make_shared<api::Struct>(updated_schema);
  updated->put(field_name_, value);
  schema = std::move(updated_schema);
  value = api::Value(std::move(updated));
  return true;
}

}  // namespace connectd::transforms
