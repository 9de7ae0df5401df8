#include "transforms/cast.h"

#include <spdlog/spdlog.h>

#include <stdexcept>
#include <string_view>
#include <variant>

#include "server/api/errors.h"
#include "server/api/struct.h"
#include "server/common/strings.h"
#include "transforms/util/date_format.h"
#include "transforms/util/java_lang.h"
#include "transforms/util/map_entries.h"
#include "transforms/util/requirements.h"
#include "transforms/util/schema_util.h"

namespace connectd::transforms {

namespace {

constexpr const char* kPurpose = "cast types";
constexpr const char* kSupportedInputTypes =
    "[INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING, BYTES]";
constexpr const char* kSupportedOutputTypes =
    "[INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING]";
constexpr int64_t kMillisPerDay = 24LL * 60 * 60 * 1000;

bool isSupportedOutput(api::Type type) {
  switch (type) {
    case api::Type::Int8:
    case api::Type::Int16:
    case api::Type::Int32:
    case api::Type::Int64:
    case api::Type::Float32:
    case api::Type::Float64:
    case api::Type::Boolean:
    case api::Type::String:
      return true;
    default:
      return false;
  }
}

bool isSupportedInput(api::Type type) {
  return isSupportedOutput(type) || type == api::Type::Bytes;
}

// Schema.Type.valueOf(text.toUpperCase()).
std::optional<api::Type> schemaTypeNamed(std::string_view text) {
  const std::string upper = common::toUpper(text);
  for (api::Type type :
       {api::Type::Int8, api::Type::Int16, api::Type::Int32, api::Type::Int64, api::Type::Float32,
        api::Type::Float64, api::Type::Boolean, api::Type::String, api::Type::Bytes,
        api::Type::Array, api::Type::Map, api::Type::Struct}) {
    if (api::typeName(type) == upper) return type;
  }
  return std::nullopt;
}

api::Type validOutputType(api::Type type) {
  if (!isSupportedOutput(type)) {
    throw api::ConfigException("Cast transformation does not support casting to " +
                               std::string(api::typeName(type)) + "; supported types are " +
                               kSupportedOutputTypes);
  }
  return type;
}

api::Type parseTargetType(std::string_view text) {
  const std::string_view trimmed = java::trim(text);
  auto type = schemaTypeNamed(trimmed);
  if (!type) {
    throw api::ConfigException("Invalid type found in casting spec: " + std::string(trimmed));
  }
  return validOutputType(*type);
}

// ConnectSchema.schemaType(value.getClass()); BigDecimal has no type of its own.
std::optional<api::Type> schemaTypeOf(const api::Value& value) {
  using K = api::Value::Kind;
  switch (value.kind()) {
    case K::Boolean:
      return api::Type::Boolean;
    case K::Int8:
      return api::Type::Int8;
    case K::Int16:
      return api::Type::Int16;
    case K::Int32:
      return api::Type::Int32;
    case K::Int64:
      return api::Type::Int64;
    case K::Float32:
      return api::Type::Float32;
    case K::Float64:
      return api::Type::Float64;
    case K::String:
      return api::Type::String;
    case K::Bytes:
      return api::Type::Bytes;
    case K::Array:
      return api::Type::Array;
    case K::Map:
      return api::Type::Map;
    case K::Struct:
      return api::Type::Struct;
    default:
      return std::nullopt;
  }
}

// The epoch milliseconds of a Date/Time/Timestamp value (Kafka holds these as java.util.Date;
// here they keep their integer encoding), or nullopt for other schemas.
std::optional<int64_t> logicalDateMillis(const api::SchemaPtr& schema, const api::Value& value) {
  if (!schema || !schema->name() || !value.isIntegral()) return std::nullopt;
  const std::string& name = *schema->name();
  if (name == api::logical::kDate) return value.toInt64() * kMillisPerDay;
  if (name == api::logical::kTime || name == api::logical::kTimestamp) return value.toInt64();
  return std::nullopt;
}

[[noreturn]] void throwUnexpectedType(const api::Value& value) {
  throw api::DataException("Unexpected type in Cast transformation: class " +
                           std::string(value.javaClassName()));
}

// The NumberFormatException of the Java parsers, as Cast reports it.
[[noreturn]] void throwOutOfRange(const api::Value& value) {
  throw api::DataException("Value (" + value.toString() +
                           ") was out of range for requested data type");
}

int64_t parseIntegral(const api::Value& value, int64_t min, int64_t max) {
  auto parsed = java::parseLong(value.asString(), min, max);
  if (!parsed) throwOutOfRange(value);
  return *parsed;
}

api::Value castToIntegral(const api::Value& value, api::Type target) {
  using K = api::Value::Kind;
  if (java::isNumber(value)) {
    switch (target) {
      case api::Type::Int8:
        return static_cast<int8_t>(java::intValue(value));
      case api::Type::Int16:
        return static_cast<int16_t>(java::intValue(value));
      case api::Type::Int32:
        return java::intValue(value);
      default:
        return java::longValue(value);
    }
  }
  if (value.kind() == K::Boolean) {
    const int v = value.asBool() ? 1 : 0;
    switch (target) {
      case api::Type::Int8:
        return static_cast<int8_t>(v);
      case api::Type::Int16:
        return static_cast<int16_t>(v);
      case api::Type::Int32:
        return static_cast<int32_t>(v);
      default:
        return static_cast<int64_t>(v);
    }
  }
  if (value.kind() == K::String) {
    switch (target) {
      case api::Type::Int8:
        return static_cast<int8_t>(parseIntegral(value, INT8_MIN, INT8_MAX));
      case api::Type::Int16:
        return static_cast<int16_t>(parseIntegral(value, INT16_MIN, INT16_MAX));
      case api::Type::Int32:
        return static_cast<int32_t>(parseIntegral(value, INT32_MIN, INT32_MAX));
      default:
        return parseIntegral(value, INT64_MIN, INT64_MAX);
    }
  }
  throwUnexpectedType(value);
}

api::Value castToFloat32(const api::Value& value) {
  if (java::isNumber(value)) return java::floatValue(value);
  if (value.kind() == api::Value::Kind::Boolean) return value.asBool() ? 1.0f : 0.0f;
  if (value.kind() == api::Value::Kind::String) {
    auto parsed = java::parseFloat(value.asString());
    if (!parsed) throwOutOfRange(value);
    return *parsed;
  }
  throwUnexpectedType(value);
}

api::Value castToFloat64(const api::Value& value) {
  if (java::isNumber(value)) return java::doubleValue(value);
  if (value.kind() == api::Value::Kind::Boolean) return value.asBool() ? 1.0 : 0.0;
  if (value.kind() == api::Value::Kind::String) {
    auto parsed = java::parseDouble(value.asString());
    if (!parsed) throwOutOfRange(value);
    return *parsed;
  }
  throwUnexpectedType(value);
}

api::Value castToBoolean(const api::Value& value) {
  if (java::isNumber(value)) return java::longValue(value) != 0;
  if (value.kind() == api::Value::Kind::Boolean) return value.asBool();
  if (value.kind() == api::Value::Kind::String) return java::parseBoolean(value.asString());
  throwUnexpectedType(value);
}

api::Value castToString(const api::SchemaPtr& schema, const api::Value& value) {
  if (auto millis = logicalDateMillis(schema, value)) return formatDateFor(*millis);
  if (value.kind() == api::Value::Kind::Bytes) return common::base64Encode(value.asBytes().data);
  return value.toString();
}

// Cast.castValueToType. `schema` is null on the schemaless path, where the value's own type
// decides.
api::Value castValueToType(const api::SchemaPtr& schema, const api::Value& value,
                           api::Type target) {
  if (value.isNull()) return nullptr;
  std::optional<api::Type> inferred =
      schema ? std::optional<api::Type>(schema->type()) : schemaTypeOf(value);
  if (!inferred) {
    throw api::DataException("Cast transformation was passed a value of type class " +
                             std::string(value.javaClassName()) +
                             " which is not supported by Connect's data API");
  }
  if (!isSupportedInput(*inferred)) {
    throw api::DataException("Cast transformation does not support casting from " +
                             std::string(api::typeName(*inferred)) + "; supported types are " +
                             kSupportedInputTypes);
  }
  // Date, Time and Timestamp already hold their integer encoding (Kafka's encodeLogicalType),
  // so only a cast to string needs the schema.
  switch (target) {
    case api::Type::Int8:
    case api::Type::Int16:
    case api::Type::Int32:
    case api::Type::Int64:
      return castToIntegral(value, target);
    case api::Type::Float32:
      return castToFloat32(value);
    case api::Type::Float64:
      return castToFloat64(value);
    case api::Type::Boolean:
      return castToBoolean(value);
    case api::Type::String:
      return castToString(schema, value);
    default:
      throw api::DataException(std::string(api::typeName(target)) +
                               " is not supported in the Cast transformation.");
  }
}

}  // namespace

const api::ConfigDef& Cast::configDef() {
  static const api::ConfigDef def = [] {
    using api::ConfigDef;
    auto spec_validator = [](const std::string&, const ConfigDef::Parsed& value) {
      const auto* list = std::get_if<std::vector<std::string>>(&value);
      if (list == nullptr || list->empty()) {
        throw api::ConfigException("Must specify at least one field to cast.");
      }
      parseFieldTypes(*list);
    };
    ConfigDef d;
    d.define(kSpecConfig, ConfigDef::Type::List,
             ConfigDef::custom(spec_validator,
                               "list of colon-delimited pairs, e.g. <code>foo:bar,abc:xyz</code>"),
             ConfigDef::Importance::High,
             "List of fields and the type to cast them to of the form field1:type,field2:type to "
             "cast fields of Maps or Structs. A single type to cast the entire value. Valid types "
             "are int8, int16, int32, int64, float32, float64, boolean, and string. Note that "
             "binary fields can only be cast to string.");
    d.define(kReplaceNullWithDefaultConfig, ConfigDef::Type::Boolean, "true",
             ConfigDef::Importance::Medium,
             "Whether to replace fields that have a default value and that are null to the default "
             "value. When set to true, the default value is used, otherwise null is used.");
    return d;
  }();
  return def;
}

Cast::CastSpec Cast::parseFieldTypes(const std::vector<std::string>& mappings) {
  CastSpec spec;
  bool is_whole_value_cast = false;
  for (const auto& mapping : mappings) {
    const std::vector<std::string> parts = java::split(mapping, ':');
    if (parts.size() > 2) {
      // Kafka reports this under ReplaceField's key name.
      throw api::ConfigException("renames", java::listToString(mappings),
                                 "Invalid rename mapping: " + mapping);
    }
    if (parts.size() == 1) {
      spec.whole_value = parseTargetType(parts[0]);
      is_whole_value_cast = true;
      continue;
    }
    // ":" splits into no parts at all, and Kafka then indexes past the end of the array.
    if (parts.empty()) throw std::out_of_range("Index 1 out of bounds for length 0");
    const api::Type type = parseTargetType(parts[1]);
    const std::string field(java::trim(parts[0]));
    bool replaced = false;
    for (auto& [name, existing] : spec.fields) {
      if (name == field) {
        existing = type;
        replaced = true;
      }
    }
    if (!replaced) spec.fields.emplace_back(field, type);
  }
  if (is_whole_value_cast && mappings.size() > 1) {
    throw api::ConfigException(
        "Cast transformations that specify a type to cast the entire value to may only specify a "
        "single cast in their spec");
  }
  return spec;
}

void Cast::configure(const std::map<std::string, std::string>& configs) {
  api::ParsedConfig config(configDef(), configs);
  casts_ = parseFieldTypes(config.getList(kSpecConfig));
  replace_null_with_default_ = config.getBoolean(kReplaceNullWithDefaultConfig);
  schema_update_cache_.clear();
}

const api::Type* Cast::castFor(const std::string& field_name) const {
  for (const auto& [name, type] : casts_.fields) {
    if (name == field_name) return &type;
  }
  return nullptr;
}

bool Cast::apply(api::ConnectRecord& record) {
  if (operatingValue(record, side_).isNull()) return true;
  if (!operatingSchema(record, side_)) {
    applySchemaless(record);
  } else {
    applyWithSchema(record);
  }
  return true;
}

void Cast::applySchemaless(api::ConnectRecord& record) {
  api::Value& operating = operatingValue(record, side_);
  if (casts_.whole_value) {
    operating = castValueToType(nullptr, operating, *casts_.whole_value);
    return;
  }
  const api::Map& value = requireMap(operating, kPurpose);
  api::Map updated = value;
  for (const auto& [field, type] : casts_.fields) {
    putEntry(updated, field, castValueToType(nullptr, getEntry(value, field), type));
  }
  operating = api::Value(std::move(updated));
}

void Cast::applyWithSchema(api::ConnectRecord& record) {
  api::SchemaPtr& schema = operatingSchema(record, side_);
  api::Value& operating = operatingValue(record, side_);
  api::SchemaPtr updated_schema = getOrBuildSchema(schema);

  if (casts_.whole_value) {
    api::Value cast = castValueToType(schema, operating, *casts_.whole_value);
    schema = std::move(updated_schema);
    operating = std::move(cast);
    return;
  }

  const api::Struct& value = requireStruct(operating, kPurpose);
  auto updated = std::make_shared<api::Struct>(updated_schema);
  for (const auto& field : value.schema()->fields()) {
    const api::Value& original =
        replace_null_with_default_ ? value.get(field) : value.getWithoutDefault(field.name);
    const api::Type* target = castFor(field.name);
    api::Value cast =
        target != nullptr ? castValueToType(field.schema, original, *target) : original;
    if (spdlog::should_log(spdlog::level::trace)) {
      spdlog::trace("Cast field '{}' from '{}' to '{}'", field.name, original.toString(),
                    cast.toString());
    }
    updated->put(field.name, std::move(cast));
  }
  schema = std::move(updated_schema);
  operating = api::Value(std::move(updated));
}

api::SchemaPtr Cast::getOrBuildSchema(const api::SchemaPtr& value_schema) {
  if (api::SchemaPtr cached = schema_update_cache_.get(value_schema)) return cached;

  api::SchemaBuilder builder(casts_.whole_value ? *casts_.whole_value : api::Type::Struct);
  copySchemaBasics(*value_schema, builder);
  if (!casts_.whole_value) {
    for (const auto& field : value_schema->fields()) {
      const api::Type* target = castFor(field.name);
      if (target == nullptr) {
        builder.field(field.name, field.schema);
        continue;
      }
      api::SchemaBuilder field_builder(*target);
      if (field.schema->isOptional()) field_builder.optional();
      if (field.schema->hasDefault()) {
        field_builder.defaultValue(
            castValueToType(field.schema, field.schema->defaultValue(), field_builder.type()));
      }
      builder.field(field.name, field_builder.build());
    }
  }
  if (value_schema->isOptional()) builder.optional();
  if (value_schema->hasDefault()) {
    builder.defaultValue(
        castValueToType(value_schema, value_schema->defaultValue(), builder.type()));
  }

  api::SchemaPtr updated_schema = builder.build();
  schema_update_cache_.put(value_schema, updated_schema);
  return updated_schema;
}

}  // namespace connectd::transforms
