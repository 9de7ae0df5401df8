#include "transforms/value_to_key.h"

#include <utility>

#include "server/api/errors.h"
#include "server/api/struct.h"
#include "transforms/util/map_entries.h"
#include "transforms/util/non_empty_list_validator.h"
#include "transforms/util/requirements.h"

namespace connectd::transforms {

namespace {
constexpr const char* kPurpose = "copying fields from value to key";
}  // namespace

const api::ConfigDef& ValueToKey::configDef() {
  static const api::ConfigDef def = [] {
    using api::ConfigDef;
    ConfigDef d;
    d.define(kFieldsConfig, ConfigDef::Type::List, nonEmptyListValidator(),
             ConfigDef::Importance::High,
             "Field names on the record value to extract as the record key.");
    d.define(kReplaceNullWithDefaultConfig, ConfigDef::Type::Boolean, "true",
             ConfigDef::Importance::Medium,
             "Whether to replace fields that have a default value and that are null to the default "
             "value. When set to true, the default value is used, otherwise null is used.");
    return d;
  }();
  return def;
}

void ValueToKey::configure(const std::map<std::string, std::string>& configs) {
  api::ParsedConfig config(configDef(), configs);
  fields_ = config.getList(kFieldsConfig);
  replace_null_with_default_ = config.getBoolean(kReplaceNullWithDefaultConfig);
  value_to_key_schema_cache_.clear();
}

bool ValueToKey::apply(api::ConnectRecord& record) {
  if (!record.valueSchema) {
    applySchemaless(record);
  } else {
    applyWithSchema(record);
  }
  return true;
}

void ValueToKey::applySchemaless(api::ConnectRecord& record) {
  const api::Map& value = requireMap(record.value, kPurpose);
  api::Map key;
  key.reserve(fields_.size());
  for (const auto& field : fields_) putEntry(key, field, getEntry(value, field));
  record.keySchema = nullptr;
  record.key = api::Value(std::move(key));
}

void ValueToKey::applyWithSchema(api::ConnectRecord& record) {
  const api::Struct& value = requireStruct(record.value, kPurpose);

  api::SchemaPtr key_schema = value_to_key_schema_cache_.get(value.schema());
  if (!key_schema) {
    api::SchemaBuilder builder = api::SchemaBuilder::structBuilder();
    for (const auto& field : fields_) {
      const api::Field* from_value = value.schema()->field(field);
      if (from_value == nullptr) throw api::DataException("Field does not exist: " + field);
      builder.field(field, from_value->schema);
    }
    key_schema = builder.build();
    value_to_key_schema_cache_.put(value.schema(), key_schema);
  }

  auto key = std::make_shared<api::Struct>(key_schema);
  for (const auto& field : fields_) {
    key->put(field, replace_null_with_default_ ? value.get(field) : value.getWithoutDefault(field));
  }
  record.keySchema = std::move(key_schema);
  record.key = api::Value(std::move(key));
}

}  // namespace connectd::transforms
