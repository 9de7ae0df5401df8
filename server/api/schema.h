#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/api/value.h"

namespace connectd::api {

// Connect's Schema.Type.
enum class Type { Int8, Int16, Int32, Int64, Float32, Float64, Boolean, String, Bytes, Array, Map, Struct };

// Java's enum name ("INT8", "STRUCT", ...) and the JsonConverter type name ("int8", "float", ...).
std::string_view typeName(Type t);
std::string_view jsonTypeName(Type t);
bool isPrimitive(Type t);

class Schema;
using SchemaPtr = std::shared_ptr<const Schema>;

struct Field {
  std::string name;
  int index = 0;
  SchemaPtr schema;
};

// An immutable Connect schema (ConnectSchema). Build with SchemaBuilder; share as SchemaPtr.
// Logical types (Decimal, Date, Time, Timestamp, Debezium's io.debezium.*) are a name, a
// version and parameters on a physical type, exactly as in Kafka.
class Schema {
 public:
  Type type() const { return type_; }
  bool isOptional() const { return optional_; }
  const Value& defaultValue() const { return default_; }
  bool hasDefault() const { return !default_.isNull(); }
  const std::optional<std::string>& name() const { return name_; }
  const std::optional<int32_t>& version() const { return version_; }
  const std::optional<std::string>& doc() const { return doc_; }
  // Insertion-ordered, like Java's LinkedHashMap in SchemaBuilder.
  const std::vector<std::pair<std::string, std::string>>& parameters() const { return parameters_; }
  const std::string* parameter(std::string_view key) const;

  // STRUCT only; throws DataException otherwise (as ConnectSchema does).
  const std::vector<Field>& fields() const;
  const Field* field(std::string_view name) const;
  // MAP: keySchema/valueSchema; ARRAY: valueSchema.
  const SchemaPtr& keySchema() const;
  const SchemaPtr& valueSchema() const;

  // Deep structural equality (ConnectSchema.equals).
  bool equals(const Schema& other) const;
  std::string toString() const;

  // Cache slot owned by converters: the rendered JSON of this schema, filled on first use.
  // Schemas are immutable, so the rendering never goes stale.
  mutable std::shared_ptr<const std::string> json_cache_;

 private:
  friend class SchemaBuilder;
  Type type_ = Type::Struct;
  bool optional_ = false;
  Value default_;
  std::optional<std::string> name_;
  std::optional<int32_t> version_;
  std::optional<std::string> doc_;
  std::vector<std::pair<std::string, std::string>> parameters_;
  std::vector<Field> fields_;
  SchemaPtr key_schema_;
  SchemaPtr value_schema_;
};

bool schemaEquals(const SchemaPtr& a, const SchemaPtr& b);

class SchemaBuilder {
 public:
  explicit SchemaBuilder(Type type);
  static SchemaBuilder int8() { return SchemaBuilder(Type::Int8); }
  static SchemaBuilder int16() { return SchemaBuilder(Type::Int16); }
  static SchemaBuilder int32() { return SchemaBuilder(Type::Int32); }
  static SchemaBuilder int64() { return SchemaBuilder(Type::Int64); }
  static SchemaBuilder float32() { return SchemaBuilder(Type::Float32); }
  static SchemaBuilder float64() { return SchemaBuilder(Type::Float64); }
  static SchemaBuilder boolean() { return SchemaBuilder(Type::Boolean); }
  static SchemaBuilder string() { return SchemaBuilder(Type::String); }
  static SchemaBuilder bytes() { return SchemaBuilder(Type::Bytes); }
  static SchemaBuilder structBuilder() { return SchemaBuilder(Type::Struct); }
  static SchemaBuilder array(SchemaPtr value_schema);
  static SchemaBuilder map(SchemaPtr key_schema, SchemaPtr value_schema);
  // A builder pre-filled with everything of `schema` (SchemaUtil.copySchemaBasics + fields).
  static SchemaBuilder copyOf(const Schema& schema, bool with_fields = true);

  SchemaBuilder& optional();
  SchemaBuilder& required();
  SchemaBuilder& name(std::string name);
  SchemaBuilder& version(int32_t version);
  SchemaBuilder& doc(std::string doc);
  SchemaBuilder& parameter(std::string key, std::string value);
  // Validates the default against the schema built so far (DataException on mismatch).
  SchemaBuilder& defaultValue(Value value);
  // Struct only; duplicate names throw SchemaBuilderException (a DataException).
  SchemaBuilder& field(std::string name, SchemaPtr schema);

  Type type() const { return s_->type_; }
  const std::vector<Field>& fields() const { return s_->fields_; }
  const std::optional<std::string>& schemaName() const { return s_->name_; }
  bool isOptional() const { return s_->optional_; }

  SchemaPtr build();

 private:
  std::shared_ptr<Schema> s_;
};

// Predefined schemas, as Schema.INT32_SCHEMA, Schema.OPTIONAL_STRING_SCHEMA, ...
namespace schemas {
const SchemaPtr& int8();
const SchemaPtr& int16();
const SchemaPtr& int32();
const SchemaPtr& int64();
const SchemaPtr& float32();
const SchemaPtr& float64();
const SchemaPtr& boolean();
const SchemaPtr& string();
const SchemaPtr& bytes();
const SchemaPtr& optionalInt8();
const SchemaPtr& optionalInt16();
const SchemaPtr& optionalInt32();
const SchemaPtr& optionalInt64();
const SchemaPtr& optionalFloat32();
const SchemaPtr& optionalFloat64();
const SchemaPtr& optionalBoolean();
const SchemaPtr& optionalString();
const SchemaPtr& optionalBytes();
// The schema for a primitive type, optional or not.
const SchemaPtr& primitive(Type type, bool optional);
}  // namespace schemas

// Kafka's logical types. Values of logical types are held in their physical form
// (Date: int32 days, Time: int32 millis of day, Timestamp: int64 epoch millis),
// except Decimal, which is a DecimalValue.
namespace logical {
inline constexpr std::string_view kDecimal = "org.apache.kafka.connect.data.Decimal";
inline constexpr std::string_view kDate = "org.apache.kafka.connect.data.Date";
inline constexpr std::string_view kTime = "org.apache.kafka.connect.data.Time";
inline constexpr std::string_view kTimestamp = "org.apache.kafka.connect.data.Timestamp";
inline constexpr std::string_view kScaleField = "scale";
SchemaBuilder decimal(int32_t scale);
SchemaBuilder date();
SchemaBuilder time();
SchemaBuilder timestamp();
bool isDecimal(const Schema& s);
// The schema's "scale" parameter; DataException when missing or not an int.
int32_t decimalScale(const Schema& s);
}  // namespace logical

// ConnectSchema.validateValue: throws DataException with Kafka's messages when `value`
// does not fit `schema` (a null schema accepts anything).
void validateValue(const SchemaPtr& schema, const Value& value, std::string_view field_name = {});

struct SchemaAndValue {
  SchemaPtr schema;
  Value value;
};

}  // namespace connectd::api
