#include "transforms/extract_field.h"

#include <stdexcept>
#include <utility>

#include "server/api/errors.h"
#include "transforms/util/requirements.h"

namespace connectd::transforms {

namespace {
constexpr const char* kPurpose = "field extraction";
}  // namespace

const api::ConfigDef& ExtractField::configDef() {
  static const api::ConfigDef def = [] {
    using api::ConfigDef;
    ConfigDef d;
    d.define(kFieldConfig, ConfigDef::Type::String, ConfigDef::Importance::Medium,
             "Field name to extract.");
    d.define(kReplaceNullWithDefaultConfig, ConfigDef::Type::Boolean, "true",
             ConfigDef::Importance::Medium,
             "Whether to replace fields that have a default value and that are null to the default "
             "value. When set to true, the default value is used, otherwise null is used.");
    appendFieldSyntaxVersionConfigTo(d);
    return d;
  }();
  return def;
}

void ExtractField::configure(const std::map<std::string, std::string>& configs) {
  api::ParsedConfig config(configDef(), configs);
  original_path_ = config.getString(kFieldConfig);
  field_path_.emplace(original_path_, fieldSyntaxVersionFromConfig(config));
  replace_null_with_default_ = config.getBoolean(kReplaceNullWithDefaultConfig);
}

bool ExtractField::apply(api::ConnectRecord& record) {
  api::SchemaPtr& schema = operatingSchema(record, side_);
  api::Value& value = operatingValue(record, side_);
  if (!schema) {
    const api::Map* map = requireMapOrNull(value, kPurpose);
    api::Value extracted = field_path_->valueFrom(map);
    value = std::move(extracted);
    return true;
  }
  const api::Struct* structure = requireStructOrNull(value, kPurpose);
  const api::Field* field = field_path_->fieldFrom(schema);
  if (field == nullptr) throw std::invalid_argument("Unknown field: " + original_path_);
  api::SchemaPtr field_schema = field->schema;
  api::Value extracted = field_path_->valueFrom(structure, replace_null_with_default_);
  schema = std::move(field_schema);
  value = std::move(extracted);
  return true;
}

}  // namespace connectd::transforms
