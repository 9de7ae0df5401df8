#include "transforms/header_from.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "server/api/errors.h"
#include "server/api/headers.h"
#include "server/api/struct.h"
#include "transforms/util/map_entries.h"
#include "transforms/util/non_empty_list_validator.h"
#include "transforms/util/requirements.h"
#include "transforms/util/schema_util.h"

namespace connectd::transforms {

namespace {

constexpr const char* kMoveOperation = "move";
constexpr const char* kCopyOperation = "copy";

// ConnectHeaders.add(key, value, schema) validates the value against a non-null schema.
void addHeader(api::Headers& headers, const std::string& key, api::Value value,
               api::SchemaPtr schema) {
  if (schema && value.isNull() && !schema->isOptional()) {
    throw api::DataException("A null value requires an optional schema but was " +
                             schema->toString());
  }
  headers.add(key, std::move(schema), std::move(value));
}

}  // namespace

const api::ConfigDef& HeaderFrom::configDef() {
  static const api::ConfigDef def = [] {
    using api::ConfigDef;
    ConfigDef d;
    d.define(kFieldsConfig, ConfigDef::Type::List, nonEmptyListValidator(),
             ConfigDef::Importance::High,
             "Field names in the record whose values are to be copied or moved to headers.");
    d.define(kHeadersConfig, ConfigDef::Type::List, nonEmptyListValidator(),
             ConfigDef::Importance::High,
             "Header names, in the same order as the field names listed in the fields "
             "configuration property.");
    d.define(kOperationConfig, ConfigDef::Type::String,
             ConfigDef::validString({kMoveOperation, kCopyOperation}), ConfigDef::Importance::High,
             "Either <code>move</code> if the fields are to be moved to the headers (removed from "
             "the key/value), or <code>copy</code> if the fields are to be copied to the headers "
             "(retained in the key/value).");
    d.define(kReplaceNullWithDefaultConfig, ConfigDef::Type::Boolean, "true",
             ConfigDef::Importance::Medium,
             "Whether to replace fields that have a default value and that are null to the "
             "default value. When set to true, the default value is used, otherwise null is "
             "used.");
    return d;
  }();
  return def;
}

void HeaderFrom::configure(const std::map<std::string, std::string>& configs) {
  api::ParsedConfig config(configDef(), configs);
  fields_ = config.getList(kFieldsConfig);
  headers_ = config.getList(kHeadersConfig);
  if (headers_.size() != fields_.size()) {
    throw api::ConfigException(
        "'fields' config must have the same number of elements as 'headers' config.");
  }
  operation_ = config.getString(kOperationConfig) == kMoveOperation ? Operation::Move
                                                                     : Operation::Copy;
  replace_null_with_default_ = config.getBoolean(kReplaceNullWithDefaultConfig);
  move_schema_cache_.clear();
}

std::string HeaderFrom::purpose() const {
  return std::string("header ") + (operation_ == Operation::Move ? kMoveOperation : kCopyOperation);
}

bool HeaderFrom::apply(api::ConnectRecord& record) {
  if (!operatingSchema(record, side_)) {
    applySchemaless(record);
  } else {
    applyWithSchema(record);
  }
  return true;
}

void HeaderFrom::applyWithSchema(api::ConnectRecord& record) {
  api::SchemaPtr& schema = operatingSchema(record, side_);
  api::Value& operating = operatingValue(record, side_);
  const api::Struct& value = requireStruct(operating, purpose());
  // Hold the original while its replacement is built and the headers are read from it.
  api::Value original = operating;

  api::Headers updated_headers = record.headers;
  for (size_t i = 0; i < fields_.size(); ++i) {
    const api::Field* field = schema->field(fields_[i]);
    if (field == nullptr) {
      // Kafka dereferences the missing field here (NullPointerException).
      throw api::DataException("Field " + fields_[i] + " not found in schema " +
                               schema->toString() + " for [" + purpose() + "]");
    }
    addHeader(updated_headers, headers_[i], fieldValue(value, fields_[i]), field->schema);
  }

  if (operation_ == Operation::Move) {
    api::SchemaPtr updated_schema = moveSchema(schema);
    auto updated = std::make_shared<api::Struct>(updated_schema);
    for (const api::Field& field : updated_schema->fields()) {
      updated->put(field, fieldValue(value, field.name));
    }
    schema = std::move(updated_schema);
    operating = api::Value(std::move(updated));
  }
  record.headers = std::move(updated_headers);
}

api::SchemaPtr HeaderFrom::moveSchema(const api::SchemaPtr& schema) {
  api::SchemaPtr moved = move_schema_cache_.get(schema);
  if (moved) return moved;
  api::SchemaBuilder builder = api::SchemaBuilder::structBuilder();
  copySchemaBasics(*schema, builder);
  for (const api::Field& field : schema->fields()) {
    if (!isMovedField(field.name)) builder.field(field.name, field.schema);
  }
  moved = builder.build();
  move_schema_cache_.put(schema, moved);
  return moved;
}

bool HeaderFrom::isMovedField(const std::string& name) const {
  return std::find(fields_.begin(), fields_.end(), name) != fields_.end();
}

api::Value HeaderFrom::fieldValue(const api::Struct& value, const std::string& field_name) const {
  return replace_null_with_default_ ? value.get(field_name) : value.getWithoutDefault(field_name);
}

void HeaderFrom::applySchemaless(api::ConnectRecord& record) {
  api::Value& operating = operatingValue(record, side_);
  const api::Map& value = requireMap(operating, purpose());
  api::Headers updated_headers = record.headers;
  api::Map updated;
  for (const auto& entry : value) {
    bool moved = operation_ == Operation::Move && entry.first.kind() == api::Value::Kind::String &&
                 isMovedField(entry.first.asString());
    if (!moved) updated.push_back(entry);
  }
  for (size_t i = 0; i < fields_.size(); ++i) {
    addHeader(updated_headers, headers_[i], getEntry(value, fields_[i]), nullptr);
  }
  operating = api::Value(std::move(updated));
  record.headers = std::move(updated_headers);
}

}  // namespace connectd::transforms
