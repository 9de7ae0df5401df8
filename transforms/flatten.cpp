#include "transforms/flatten.h"

#include <utility>

#include "server/api/errors.h"
#include "transforms/util/map_entries.h"
#include "transforms/util/requirements.h"
#include "transforms/util/schema_util.h"

namespace connectd::transforms {

namespace {

constexpr const char* kPurpose = "flattening";

bool isCopiedAsIs(api::Type type) {
  switch (type) {
    case api::Type::Int8:
    case api::Type::Int16:
    case api::Type::Int32:
    case api::Type::Int64:
    case api::Type::Float32:
    case api::Type::Float64:
    case api::Type::Boolean:
    case api::Type::String:
    case api::Type::Bytes:
    case api::Type::Array:
      return true;
    default:
      return false;
  }
}

[[noreturn]] void throwUnsupportedWithSchema(api::Type type, const std::string& field_name) {
  throw api::DataException("Flatten transformation does not support " +
                           std::string(api::typeName(type)) +
                           " for record with schemas (for field " + field_name + ").");
}

// The schema of a flattened primitive or array field: the original's type and basics (so
// logical types survive), made optional and given a default as its ancestors require.
api::SchemaPtr convertFieldSchema(const api::Schema& orig, bool optional,
                                  const api::Value& default_from_parent) {
  api::SchemaBuilder builder = copySchemaBasics(orig);
  if (optional) builder.optional();
  if (!default_from_parent.isNull()) builder.defaultValue(default_from_parent);
  return builder.build();
}

}  // namespace

const api::ConfigDef& Flatten::configDef() {
  static const api::ConfigDef def = [] {
    using api::ConfigDef;
    ConfigDef d;
    d.define(kDelimiterConfig, ConfigDef::Type::String, kDelimiterDefault,
             ConfigDef::Importance::Medium,
             "Delimiter to insert between field names from the input record when generating field "
             "names for the output record");
    return d;
  }();
  return def;
}

void Flatten::configure(const std::map<std::string, std::string>& configs) {
  api::ParsedConfig config(configDef(), configs);
  delimiter_ = config.getString(kDelimiterConfig);
  schema_update_cache_.clear();
}

std::string Flatten::fieldName(const std::string& prefix, const std::string& field_name) const {
  return prefix.empty() ? field_name : prefix + delimiter_ + field_name;
}

bool Flatten::apply(api::ConnectRecord& record) {
  if (operatingValue(record, side_).isNull()) return true;
  if (!operatingSchema(record, side_)) {
    applySchemaless(record);
  } else {
    applyWithSchema(record);
  }
  return true;
}

void Flatten::applySchemaless(api::ConnectRecord& record) {
  api::Value& operating = operatingValue(record, side_);
  const api::Map& value = requireMap(operating, kPurpose);
  MapBuilder flattened;
  applySchemaless(value, "", flattened);
  operating = api::Value(std::move(flattened).build());
}

void Flatten::applySchemaless(const api::Map& original, const std::string& prefix,
                              MapBuilder& flattened) {
  using K = api::Value::Kind;
  for (const auto& [key, value] : original) {
    const std::string field_name = fieldName(prefix, entryFieldName(key));
    switch (value.kind()) {
      case K::Null:
      case K::Boolean:
      case K::Int8:
      case K::Int16:
      case K::Int32:
      case K::Int64:
      case K::Float32:
      case K::Float64:
      case K::String:
      case K::Bytes:
      case K::Array:
        // A LinkedHashMap: a repeated flattened name keeps its first position, last value wins.
        flattened.put(field_name, value);
        break;
      case K::Map:
        applySchemaless(value.asMap(), field_name, flattened);
        break;
      case K::Decimal:
        // BigDecimal has no Connect schema type of its own.
        throw api::DataException("Flatten transformation was passed a value of type class " +
                                 std::string(value.javaClassName()) +
                                 " which is not supported by Connect's data API");
      case K::Struct:
        throw api::DataException("Flatten transformation does not support class " +
                                 std::string(value.javaClassName()) +
                                 " for record without schemas (for field " + field_name + ").");
    }
  }
}

void Flatten::applyWithSchema(api::ConnectRecord& record) {
  api::Value& operating = operatingValue(record, side_);
  const api::Struct& value = requireStruct(operating, kPurpose);

  const api::SchemaPtr& schema = operatingSchema(record, side_);
  api::SchemaPtr updated_schema = schema_update_cache_.get(schema);
  if (!updated_schema) {
    api::SchemaBuilder builder = api::SchemaBuilder::structBuilder();
    copySchemaBasics(*schema, builder);
    const api::Struct* default_value =
        schema->hasDefault() ? &schema->defaultValue().asStruct() : nullptr;
    buildUpdatedSchema(*schema, "", builder, schema->isOptional(), default_value);
    updated_schema = builder.build();
    schema_update_cache_.put(schema, updated_schema);
  }

  auto updated = std::make_shared<api::Struct>(updated_schema);
  buildWithSchema(&value, "", *updated);
  operatingSchema(record, side_) = std::move(updated_schema);
  operating = api::Value(std::move(updated));
}

void Flatten::buildUpdatedSchema(const api::Schema& schema, const std::string& prefix,
                                 api::SchemaBuilder& new_schema, bool optional,
                                 const api::Struct* default_from_parent) {
  for (const auto& field : schema.fields()) {
    const std::string field_name = fieldName(prefix, field.name);
    const bool field_is_optional = optional || field.schema->isOptional();
    api::Value field_default_value;
    if (field.schema->hasDefault()) {
      field_default_value = field.schema->defaultValue();
    } else if (default_from_parent != nullptr) {
      field_default_value = default_from_parent->get(field);
    }
    if (isCopiedAsIs(field.schema->type())) {
      new_schema.field(field_name,
                       convertFieldSchema(*field.schema, field_is_optional, field_default_value));
    } else if (field.schema->type() == api::Type::Struct) {
      const api::Struct* nested_default =
          field_default_value.isNull() ? nullptr : &field_default_value.asStruct();
      buildUpdatedSchema(*field.schema, field_name, new_schema, field_is_optional, nested_default);
    } else {
      throwUnsupportedWithSchema(field.schema->type(), field_name);
    }
  }
}

void Flatten::buildWithSchema(const api::Struct* record, const std::string& prefix,
                              api::Struct& new_record) {
  if (record == nullptr) return;
  for (const auto& field : record->schema()->fields()) {
    const std::string field_name = fieldName(prefix, field.name);
    if (isCopiedAsIs(field.schema->type())) {
      new_record.put(field_name, record->get(field));
    } else if (field.schema->type() == api::Type::Struct) {
      // Struct.getStruct reads the raw value: a null nested struct leaves its fields unset even
      // when its schema has a default.
      const api::Value& nested = record->getWithoutDefault(field.name);
      buildWithSchema(nested.isNull() ? nullptr : &nested.asStruct(), field_name, new_record);
    } else {
      throwUnsupportedWithSchema(field.schema->type(), field_name);
    }
  }
}

}  // namespace connectd::transforms
