#include "server/converters/json_converter.h"

#include <atomic>
#include <stdexcept>

#include "server/api/errors.h"
#include "server/api/struct.h"
#include "server/common/strings.h"
#include "server/converters/json_writer.h"

namespace connectd::converters {

using api::DataException;
using api::Schema;
using api::SchemaBuilder;
using api::SchemaPtr;
using api::Type;
using api::Value;

namespace {

constexpr std::string_view kEnvelopeSchema = "schema";
constexpr std::string_view kEnvelopePayload = "payload";
constexpr const char* kEnvelopeError =
    "JsonConverter with schemas.enable requires \"schema\" and \"payload\" fields and may not "
    "contain additional fields. If you are trying to deserialize plain JSON data, set "
    "schemas.enable=false in your converter configuration.";
constexpr int64_t kMillisPerDay = 24 * 60 * 60 * 1000;

enum class Logical { None, Decimal, Date, Time, Timestamp };

// Kafka's four logical types share this prefix; checking it first keeps the common case (no
// name, or a Debezium name) to one comparison.
constexpr std::string_view kLogicalPrefix = "org.apache.kafka.connect.data.";

Logical logicalOf(const Schema& schema) {
  const auto& name = schema.name();
  if (!name || name->size() <= kLogicalPrefix.size() ||
      name->compare(0, kLogicalPrefix.size(), kLogicalPrefix) != 0)
    return Logical::None;
  if (*name == api::logical::kDecimal) return Logical::Decimal;
  if (*name == api::logical::kDate) return Logical::Date;
  if (*name == api::logical::kTime) return Logical::Time;
  if (*name == api::logical::kTimestamp) return Logical::Timestamp;
  return Logical::None;
}

std::string javaClass(const Value& v) { return "class " + std::string(v.javaClassName()); }

[[noreturn]] void invalidType(const Schema* schema, const Value& value) {
  throw DataException(
      "Invalid type for " +
      (schema ? std::string(api::typeName(schema->type())) : std::string("unknown schema")) + ": " +
      javaClass(value));
}

// ConnectSchema.schemaType(value.getClass()): the type a schemaless value is written as.
Type inferType(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::Boolean: return Type::Boolean;
    case Value::Kind::Int8: return Type::Int8;
    case Value::Kind::Int16: return Type::Int16;
    case Value::Kind::Int32: return Type::Int32;
    case Value::Kind::Int64: return Type::Int64;
    case Value::Kind::Float32: return Type::Float32;
    case Value::Kind::Float64: return Type::Float64;
    case Value::Kind::String: return Type::String;
    case Value::Kind::Bytes: return Type::Bytes;
    case Value::Kind::Array: return Type::Array;
    case Value::Kind::Map: return Type::Map;
    case Value::Kind::Struct: return Type::Struct;
    default:
      throw DataException("Java class " + javaClass(value) +
                          " does not have corresponding schema type.");
  }
}

// BigInteger(byte[]) accepts redundant sign bytes; DecimalValue holds the minimal form.
std::string minimalTwosComplement(std::string bytes) {
  size_t start = 0;
  while (start + 1 < bytes.size()) {
    auto top = static_cast<uint8_t>(bytes[start]);
    auto next = static_cast<uint8_t>(bytes[start + 1]);
    if ((top == 0x00 && !(next & 0x80)) || (top == 0xFF && (next & 0x80)))
      ++start;
    else
      break;
  }
  return start ? bytes.substr(start) : bytes;
}

std::shared_ptr<const std::string> loadCache(const Schema& schema) {
  return std::atomic_load(&schema.json_cache_);
}

void storeCache(const Schema& schema, std::shared_ptr<const std::string> json) {
  // Two tasks sharing a schema may both render it; they produce the same text, so the last
  // store winning is harmless. The atomic access keeps the shared_ptr itself race-free.
  std::atomic_store(&schema.json_cache_, std::move(json));
}

}  // namespace

JsonConverter::JsonConverter() { apply(JsonConverterConfig()); }

void JsonConverter::apply(JsonConverterConfig config) {
  config_ = config;
  to_connect_schema_cache_ = LruCache<std::string, SchemaPtr>(config_.schemaCacheSize());
  from_connect_schema_cache_ =
      LruCache<const Schema*, std::pair<SchemaPtr, std::shared_ptr<const std::string>>>(
          config_.schemaCacheSize());
}

void JsonConverter::configure(const std::map<std::string, std::string>& configs, bool is_key) {
  apply(JsonConverterConfig(
      ConverterConfig::withType(configs, is_key ? ConverterType::Key : ConverterType::Value)));
}

void JsonConverter::configure(const std::map<std::string, std::string>& configs) {
  apply(JsonConverterConfig(ConverterConfig::withDefaultType(configs, ConverterType::Header)));
}

api::ConfigDef JsonConverter::config() const { return JsonConverterConfig::configDef(); }

bool JsonConverter::fromConnectData(std::string_view, const SchemaPtr& schema, const Value& value,
                                    std::string& out) {
  out.clear();
  if (!schema && value.isNull()) return false;
  JsonWriter w(out);
  if (config_.schemasEnabled()) {
    w.raw("{\"schema\":");
    if (schema)
      w.raw(*asJsonSchema(schema));
    else
      w.null();
    w.raw(",\"payload\":");
    writeValue(schema.get(), value, w);
    w.raw('}');
  } else {
    writeValue(schema.get(), value, w);
  }
  return true;
}

api::SchemaAndValue JsonConverter::toConnectData(std::string_view, const char* data, size_t size) {
  if (data == nullptr) return {};
  // A schema seen before is looked up by its text and never parsed again: records of one topic
  // repeat the same schema, which is most of each record's bytes.
  struct CachedSchema {
    LruCache<std::string, SchemaPtr>* cache;
    SchemaPtr schema;
    bool hit = false;
  } cached{&to_connect_schema_cache_, nullptr};
  JsonReader::LazyMemberHook take_cached_schema;
  if (config_.schemasEnabled()) {
    // One captured pointer keeps the std::function free of heap allocation.
    take_cached_schema = [&cached](std::string_view source) {
      const SchemaPtr* hit = cached.cache->get(source);
      if (!hit) return false;
      cached.schema = *hit;
      cached.hit = true;
      return true;
    };
  }
  JsonNode root;
  try {
    root = JsonReader::parse(std::string_view(data, size), kEnvelopeSchema, take_cached_schema);
  } catch (const JsonParseException& e) {
    throw DataException(
        std::string("Converting byte[] to Kafka Connect data failed due to serialization error: ") +
        e.what());
  }
  if (!config_.schemasEnabled()) return {nullptr, convertToConnect(nullptr, &root)};

  if (!root.isObject() || root.size() != 2 || !root.has(kEnvelopeSchema) ||
      !root.has(kEnvelopePayload))
    throw DataException(kEnvelopeError);
  const JsonNode& schema_node = *root.get(kEnvelopeSchema);
  SchemaPtr schema =
      cached.hit && schema_node.isMissing() ? cached.schema : asConnectSchema(schema_node);
  return {schema, convertToConnect(schema, root.get(kEnvelopePayload))};
}

bool JsonConverter::fromConnectHeader(std::string_view topic, std::string_view,
                                      const SchemaPtr& schema, const Value& value,
                                      std::string& out) {
  return fromConnectData(topic, schema, value, out);
}

api::SchemaAndValue JsonConverter::toConnectHeader(std::string_view topic, std::string_view,
                                                   const char* data, size_t size) {
  return toConnectData(topic, data, size);
}

std::shared_ptr<const std::string> JsonConverter::asJsonSchema(const SchemaPtr& schema) {
  if (!schema) return nullptr;
  bool config_dependent = false;
  return schemaJson(schema, config_dependent);
}

std::shared_ptr<const std::string> JsonConverter::schemaJson(const SchemaPtr& schema,
                                                             bool& config_dependent) {
  if (auto cached = loadCache(*schema)) return cached;
  if (const auto* entry = from_connect_schema_cache_.get(schema.get())) {
    config_dependent = true;
    return entry->second;
  }
  bool dependent = false;
  auto rendered = renderSchema(schema, dependent);
  if (dependent) {
    config_dependent = true;
    from_connect_schema_cache_.put(schema.get(), {schema, rendered});
  } else {
    storeCache(*schema, rendered);
  }
  return rendered;
}

std::shared_ptr<const std::string> JsonConverter::renderSchema(const SchemaPtr& schema,
                                                               bool& config_dependent) {
  // Children are cached too, so a sub-schema shared by several parents (Debezium's before and
  // after) is rendered once; a config-dependent child makes its parent dependent.
  auto child = [this, &config_dependent](const SchemaPtr& s) {
    if (!s) throw DataException("Couldn't translate a schema with a null sub-schema.");
    return schemaJson(s, config_dependent);
  };

  auto text = std::make_shared<std::string>();
  JsonWriter w(*text);
  w.raw("{\"type\":");
  w.string(api::jsonTypeName(schema->type()));
  switch (schema->type()) {
    case Type::Array:
      w.raw(",\"items\":");
      w.raw(*child(schema->valueSchema()));
      break;
    case Type::Map:
      w.raw(",\"keys\":");
      w.raw(*child(schema->keySchema()));
      w.raw(",\"values\":");
      w.raw(*child(schema->valueSchema()));
      break;
    case Type::Struct: {
      w.raw(",\"fields\":[");
      bool first = true;
      for (const auto& field : schema->fields()) {
        if (!first) w.raw(',');
        first = false;
        auto json = child(field.schema);
        // A schema's JSON always ends with its closing brace; "field" goes last, inside it.
        w.raw(std::string_view(*json).substr(0, json->size() - 1));
        w.raw(",\"field\":");
        w.string(field.name);
        w.raw('}');
      }
      w.raw(']');
      break;
    }
    default: break;
  }
  w.raw(",\"optional\":");
  w.boolean(schema->isOptional());
  if (schema->name()) {
    w.raw(",\"name\":");
    w.string(*schema->name());
  }
  if (schema->version()) {
    w.raw(",\"version\":");
    w.int64(*schema->version());
  }
  if (schema->doc()) {
    w.raw(",\"doc\":");
    w.string(*schema->doc());
  }
  if (!schema->parameters().empty()) {
    w.raw(",\"parameters\":{");
    bool first = true;
    for (const auto& [k, v] : schema->parameters()) {
      if (!first) w.raw(',');
      first = false;
      w.key(k);
      w.string(v);
    }
    w.raw('}');
  }
  if (schema->hasDefault()) {
    w.raw(",\"default\":");
    writeValue(schema.get(), schema->defaultValue(), w);
    // A decimal follows decimal.format, and a composite may hold nulls that
    // replace.null.with.default decides; primitives always render the same.
    if (logicalOf(*schema) == Logical::Decimal || !api::isPrimitive(schema->type()))
      config_dependent = true;
  }
  w.raw('}');
  return text;
}

void JsonConverter::convertToJson(const Schema* schema, const Value& value, std::string& out) {
  JsonWriter w(out);
  writeValue(schema, value, w);
}

void JsonConverter::writeValue(const Schema* schema, const Value& value, JsonWriter& w) {
  if (value.isNull()) {
    // No schema: anything goes, so null is written as null.
    if (!schema) return w.null();
    if (schema->hasDefault() && config_.replaceNullWithDefault())
      return writeValue(schema, schema->defaultValue(), w);
    if (schema->isOptional()) return w.null();
    throw DataException(
        "Conversion error: null value for field that is required and has no default value");
  }

  Type type;
  if (schema) {
    if (schema->name()) {
      Logical logical = logicalOf(*schema);
      if (logical != Logical::None) return writeLogical(*schema, *schema->name(), value, w);
    }
    type = schema->type();
  } else {
    type = inferType(value);
  }

  using K = Value::Kind;
  switch (type) {
    case Type::Int8:
      if (value.kind() != K::Int8) invalidType(schema, value);
      return w.int64(value.asInt8());
    case Type::Int16:
      if (value.kind() != K::Int16) invalidType(schema, value);
      return w.int64(value.asInt16());
    case Type::Int32:
      if (value.kind() != K::Int32) invalidType(schema, value);
      return w.int64(value.asInt32());
    case Type::Int64:
      if (value.kind() != K::Int64) invalidType(schema, value);
      return w.int64(value.asInt64());
    case Type::Float32:
      if (value.kind() != K::Float32) invalidType(schema, value);
      return w.float32(value.asFloat32());
    case Type::Float64:
      if (value.kind() != K::Float64) invalidType(schema, value);
      return w.float64(value.asFloat64());
    case Type::Boolean:
      if (value.kind() != K::Boolean) invalidType(schema, value);
      return w.boolean(value.asBool());
    case Type::String:
      if (value.kind() != K::String) invalidType(schema, value);
      return w.string(value.asString());
    case Type::Bytes:
      if (value.kind() != K::Bytes)
        throw DataException("Invalid type for bytes type: " + javaClass(value));
      return w.base64(value.asBytes().data);
    case Type::Array: {
      if (value.kind() != K::Array) invalidType(schema, value);
      const Schema* element_schema = schema ? schema->valueSchema().get() : nullptr;
      w.raw('[');
      bool first = true;
      for (const auto& element : value.asArray()) {
        if (!first) w.raw(',');
        first = false;
        writeValue(element_schema, element, w);
      }
      w.raw(']');
      return;
    }
    case Type::Map:
      if (value.kind() != K::Map) invalidType(schema, value);
      return writeMap(schema, value.asMap(), w);
    case Type::Struct: {
      if (value.kind() != K::Struct) invalidType(schema, value);
      const api::Struct& s = value.asStruct();
      // Pointer equality is the common case (the struct was built with this schema).
      if (!schema || (s.schema().get() != schema && !s.schema()->equals(*schema)))
        throw DataException("Mismatching schema.");
      const auto& fields = schema->fields();
      const auto& values = s.values();
      if (fields.empty()) return w.raw("{}");
      for (size_t i = 0; i < fields.size(); ++i) {
        w.member(i == 0, fields[i].name);
        // Without default substitution: the null rules above decide, per replace.null.with.default.
        writeValue(fields[i].schema.get(), values[i], w);
      }
      w.raw('}');
      return;
    }
  }
}

void JsonConverter::writeMap(const Schema* schema, const api::Map& map, JsonWriter& w) {
  const Schema* key_schema = schema ? schema->keySchema().get() : nullptr;
  const Schema* value_schema = schema ? schema->valueSchema().get() : nullptr;
  bool object_mode = true;
  if (schema) {
    object_mode = key_schema->type() == Type::String;
  } else {
    for (const auto& [k, v] : map) {
      if (k.kind() != Value::Kind::String) {
        object_mode = false;
        break;
      }
    }
  }

  if (!object_mode) {
    w.raw('[');
    bool first = true;
    for (const auto& [k, v] : map) {
      if (!first) w.raw(',');
      first = false;
      w.raw('[');
      writeValue(key_schema, k, w);
      w.raw(',');
      writeValue(value_schema, v, w);
      w.raw(']');
    }
    w.raw(']');
    return;
  }

  w.raw('{');
  bool first = true;
  for (const auto& [k, v] : map) {
    if (!first) w.raw(',');
    first = false;
    // The member name is the text of the key as written under the key schema (asText()).
    const Value* key = &k;
    if (key->isNull() && key_schema) {
      if (key_schema->hasDefault() && config_.replaceNullWithDefault()) {
        key = &key_schema->defaultValue();
      } else if (key_schema->isOptional()) {
        w.key("null");
        writeValue(value_schema, v, w);
        continue;
      } else {
        throw DataException(
            "Conversion error: null value for field that is required and has no default value");
      }
    }
    if (key->kind() != Value::Kind::String) invalidType(key_schema, *key);
    w.key(key->asString());
    writeValue(value_schema, v, w);
  }
  w.raw('}');
}

void JsonConverter::writeLogical(const Schema& schema, std::string_view logical_name,
                                 const Value& value, JsonWriter& w) {
  using K = Value::Kind;
  switch (logicalOf(schema)) {
    case Logical::Decimal: {
      if (value.kind() != K::Decimal)
        throw DataException("Invalid type for Decimal, expected BigDecimal but was " +
                            javaClass(value));
      const api::DecimalValue& d = value.asDecimal();
      if (config_.decimalFormat() == DecimalFormat::Numeric) {
        // Jackson writes a BigDecimal with toString(), so small or negative-scale values use
        // scientific notation exactly as Kafka's output does.
        return w.raw(d.toString());
      }
      int32_t scale = api::logical::decimalScale(schema);
      if (d.scale != scale)
        throw DataException(
            "Decimal value has mismatching scale for given Decimal schema. Schema has scale " +
            std::to_string(scale) + ", value has scale " + std::to_string(d.scale) + ".");
      return w.base64(d.unscaled);
    }
    case Logical::Date:
      if (value.kind() != K::Int32)
        throw DataException("Invalid type for Date, expected Date but was " + javaClass(value));
      return w.int64(value.asInt32());
    case Logical::Time: {
      if (value.kind() != K::Int32)
        throw DataException("Invalid type for Time, expected Date but was " + javaClass(value));
      int32_t millis = value.asInt32();
      if (millis < 0 || millis > kMillisPerDay)
        throw DataException(
            "Kafka Connect Time type should not have any date fields set to non-zero values.");
      return w.int64(millis);
    }
    case Logical::Timestamp:
      if (value.kind() != K::Int64)
        throw DataException("Invalid type for Timestamp, expected Date but was " +
                            javaClass(value));
      return w.int64(value.asInt64());
    case Logical::None: break;
  }
  throw DataException("Unknown logical type " + std::string(logical_name));
}

SchemaPtr JsonConverter::asConnectSchema(const JsonNode& json_schema) {
  if (json_schema.isNull()) return nullptr;
  std::string_view key = json_schema.source();
  if (const SchemaPtr* cached = to_connect_schema_cache_.get(key)) return *cached;
  SchemaPtr schema = buildConnectSchema(json_schema);
  to_connect_schema_cache_.put(std::string(key), schema);
  return schema;
}

SchemaPtr JsonConverter::buildConnectSchema(const JsonNode& json_schema) {
  // Sub-schemas are built directly: only whole record schemas repeat often enough to be worth a
  // cache entry, and they should not be evicted by their own fields.
  auto child = [this](const JsonNode& node) -> SchemaPtr {
    return node.isNull() ? nullptr : buildConnectSchema(node);
  };

  const JsonNode* type_node = json_schema.get("type");
  if (!type_node || !type_node->isString()) throw DataException("Schema must contain 'type' field");
  const std::string& type = type_node->text();

  SchemaBuilder builder = [&]() -> SchemaBuilder {
    if (type == "boolean") return SchemaBuilder::boolean();
    if (type == "int8") return SchemaBuilder::int8();
    if (type == "int16") return SchemaBuilder::int16();
    if (type == "int32") return SchemaBuilder::int32();
    if (type == "int64") return SchemaBuilder::int64();
    if (type == "float") return SchemaBuilder::float32();
    if (type == "double") return SchemaBuilder::float64();
    if (type == "bytes") return SchemaBuilder::bytes();
    if (type == "string") return SchemaBuilder::string();
    if (type == "array") {
      const JsonNode* items = json_schema.get("items");
      if (!items || items->isNull())
        throw DataException("Array schema did not specify the element type");
      return SchemaBuilder::array(child(*items));
    }
    if (type == "map") {
      const JsonNode* keys = json_schema.get("keys");
      if (!keys) throw DataException("Map schema did not specify the key type");
      const JsonNode* values = json_schema.get("values");
      if (!values) throw DataException("Map schema did not specify the value type");
      return SchemaBuilder::map(child(*keys), child(*values));
    }
    if (type == "struct") {
      SchemaBuilder b = SchemaBuilder::structBuilder();
      const JsonNode* fields = json_schema.get("fields");
      if (!fields || !fields->isArray())
        throw DataException("Struct schema's \"fields\" argument is not an array.");
      for (const auto& field : fields->children()) {
        const JsonNode* name = field.get("field");
        if (!name || !name->isString())
          throw DataException("Struct schema's field name not specified properly");
        b.field(name->text(), child(field));
      }
      return b;
    }
    throw DataException("Unknown schema type: " + type);
  }();

  const JsonNode* optional = json_schema.get("optional");
  if (optional && optional->booleanValue())
    builder.optional();
  else
    builder.required();

  const JsonNode* name = json_schema.get("name");
  if (name && name->isString()) builder.name(name->text());

  const JsonNode* version = json_schema.get("version");
  if (version && version->isIntegralNumber()) builder.version(version->intValue());

  const JsonNode* doc = json_schema.get("doc");
  if (doc && doc->isString()) builder.doc(doc->text());

  const JsonNode* params = json_schema.get("parameters");
  if (params && params->isObject()) {
    for (size_t i = 0; i < params->size(); ++i) {
      const JsonNode& v = params->children()[i];
      if (!v.isString()) throw DataException("Schema parameters must have string values.");
      builder.parameter(params->keys()[i], v.text());
    }
  }

  const JsonNode* default_node = json_schema.get("default");
  if (default_node) {
    // The default is read under the schema as built so far, as Kafka reads it under the builder.
    SchemaPtr without_default = builder.build();
    Value default_value = convertToConnect(without_default, default_node);
    if (!default_value.isNull()) builder.defaultValue(std::move(default_value));
  }
  return builder.build();
}

Value JsonConverter::convertToConnect(const SchemaPtr& schema, const JsonNode* json) const {
  bool is_null = json == nullptr || json->isNull() || json->isMissing();
  Type type;
  if (schema) {
    type = schema->type();
    if (is_null) {
      if (schema->hasDefault() && config_.replaceNullWithDefault()) return schema->defaultValue();
      if (schema->isOptional()) return Value();
      throw DataException("Invalid null value for required " + std::string(api::typeName(type)) +
                          " field");
    }
  } else {
    if (is_null) return Value();
    switch (json->type()) {
      case JsonNode::Type::Boolean: type = Type::Boolean; break;
      case JsonNode::Type::Number:
        type = json->isIntegralNumber() ? Type::Int64 : Type::Float64;
        break;
      case JsonNode::Type::String: type = Type::String; break;
      case JsonNode::Type::Array: type = Type::Array; break;
      case JsonNode::Type::Object: type = Type::Map; break;
      default: throw DataException("Unknown schema type: null");
    }
  }

  if (schema && schema->name()) {
    switch (logicalOf(*schema)) {
      case Logical::Decimal:
        if (json->isNumber()) return Value(api::DecimalValue::fromString(json->text()));
        if (json->isString()) {
          try {
            std::string bytes = common::base64Decode(json->text());
            if (bytes.empty()) throw std::invalid_argument("Zero length BigInteger");
            api::DecimalValue d;
            d.scale = api::logical::decimalScale(*schema);
            d.unscaled = minimalTwosComplement(std::move(bytes));
            return Value(std::move(d));
          } catch (const std::exception&) {
            throw DataException("Invalid bytes for Decimal field");
          }
        }
        throw DataException(
            "Invalid type for Decimal, underlying representation should be numeric or bytes but "
            "was " +
            std::string(json->nodeTypeName()));
      case Logical::Date:
        if (!json->isInt())
          throw DataException(
              "Invalid type for Date, underlying representation should be integer but was " +
              std::string(json->nodeTypeName()));
        return Value(json->intValue());
      case Logical::Time: {
        if (!json->isInt())
          throw DataException(
              "Invalid type for Time, underlying representation should be integer but was " +
              std::string(json->nodeTypeName()));
        int32_t millis = json->intValue();
        if (millis < 0 || millis > kMillisPerDay)
          throw DataException(
              "Time values must use number of milliseconds greater than 0 and less than 86400000");
        return Value(millis);
      }
      case Logical::Timestamp:
        if (!json->isIntegralNumber())
          throw DataException(
              "Invalid type for Timestamp, underlying representation should be integral but was " +
              std::string(json->nodeTypeName()));
        return Value(json->longValue());
      case Logical::None: break;
    }
  }

  // Kafka reads a mismatching node the way Jackson's accessors do (0, false or null) rather than
  // failing; connectd keeps that so records Kafka accepts are accepted here too.
  switch (type) {
    case Type::Boolean: return Value(json->booleanValue());
    case Type::Int8: return Value(static_cast<int8_t>(json->intValue()));
    case Type::Int16: return Value(static_cast<int16_t>(json->intValue()));
    case Type::Int32: return Value(json->intValue());
    case Type::Int64: return Value(json->longValue());
    case Type::Float32: return Value(json->floatValue());
    case Type::Float64: return Value(json->doubleValue());
    case Type::String: return json->isString() ? Value(json->text()) : Value();
    case Type::Bytes: {
      if (!json->isString()) return Value();
      try {
        return Value(api::Bytes{common::base64Decode(json->text())});
      } catch (const std::exception&) {
        throw DataException("Invalid bytes field");
      }
    }
    case Type::Array: {
      SchemaPtr element_schema = schema ? schema->valueSchema() : nullptr;
      api::Array result;
      if (json->isArray() || json->isObject()) {
        result.reserve(json->size());
        for (const auto& element : json->children())
          result.push_back(convertToConnect(element_schema, &element));
      }
      return Value(std::move(result));
    }
    case Type::Map: {
      SchemaPtr key_schema = schema ? schema->keySchema() : nullptr;
      SchemaPtr value_schema = schema ? schema->valueSchema() : nullptr;
      api::Map result;
      if (!schema || key_schema->type() == Type::String) {
        if (!json->isObject())
          throw DataException(
              "Maps with string fields should be encoded as JSON objects, but found " +
              std::string(json->nodeTypeName()));
        result.reserve(json->size());
        for (size_t i = 0; i < json->size(); ++i)
          result.emplace_back(Value(json->keys()[i]),
                              convertToConnect(value_schema, &json->children()[i]));
      } else {
        if (!json->isArray())
          throw DataException(
              "Maps with non-string fields should be encoded as JSON array of tuples, but found " +
              std::string(json->nodeTypeName()));
        result.reserve(json->size());
        for (const auto& entry : json->children()) {
          if (!entry.isArray())
            throw DataException("Found invalid map entry instead of array tuple: " +
                                std::string(entry.nodeTypeName()));
          if (entry.size() != 2)
            throw DataException("Found invalid map entry, expected length 2 but found :" +
                                std::to_string(entry.size()));
          result.emplace_back(convertToConnect(key_schema, &entry.children()[0]),
                              convertToConnect(value_schema, &entry.children()[1]));
        }
      }
      return Value(std::move(result));
    }
    case Type::Struct: {
      if (!json->isObject())
        throw DataException("Structs should be encoded as JSON objects, but found " +
                            std::string(json->nodeTypeName()));
      auto result = std::make_shared<api::Struct>(schema);
      const auto& fields = schema->fields();
      const auto& keys = json->keys();
      for (size_t i = 0; i < fields.size(); ++i) {
        const api::Field& field = fields[i];
        // JsonConverter output lists members in field order, so try the same position first.
        const JsonNode* member =
            i < keys.size() && keys[i] == field.name ? &json->children()[i] : json->get(field.name);
        Value v = convertToConnect(field.schema, member);
        // Struct.put validation; a converted non-null value matches its field schema by
        // construction.
        if (v.isNull()) api::validateValue(field.schema, v, field.name);
        result->putUnchecked(field.index, std::move(v));
      }
      return Value(std::move(result));
    }
  }
  throw DataException("Unknown schema type: " + std::string(api::typeName(type)));
}

}  // namespace connectd::converters
