#include "server/api/schema.h"

#include <sstream>

#include "server/api/errors.h"
#include "server/api/struct.h"

namespace connectd::api {

std::string_view typeName(Type t) {
  switch (t) {
    case Type::Int8: return "INT8";
    case Type::Int16: return "INT16";
    case Type::Int32: return "INT32";
    case Type::Int64: return "INT64";
    case Type::Float32: return "FLOAT32";
    case Type::Float64: return "FLOAT64";
    case Type::Boolean: return "BOOLEAN";
    case Type::String: return "STRING";
    case Type::Bytes: return "BYTES";
    case Type::Array: return "ARRAY";
    case Type::Map: return "MAP";
    case Type::Struct: return "STRUCT";
  }
  return "UNKNOWN";
}

std::string_view jsonTypeName(Type t) {
  switch (t) {
    case Type::Int8: return "int8";
    case Type::Int16: return "int16";
    case Type::Int32: return "int32";
    case Type::Int64: return "int64";
    case Type::Float32: return "float";
    case Type::Float64: return "double";
    case Type::Boolean: return "boolean";
    case Type::String: return "string";
    case Type::Bytes: return "bytes";
    case Type::Array: return "array";
    case Type::Map: return "map";
    case Type::Struct: return "struct";
  }
  return "unknown";
}

bool isPrimitive(Type t) { return t != Type::Array && t != Type::Map && t != Type::Struct; }

const std::string* Schema::parameter(std::string_view key) const {
  for (const auto& [k, v] : parameters_)
    if (k == key) return &v;
  return nullptr;
}

const std::vector<Field>& Schema::fields() const {
  if (type_ != Type::Struct) throw DataException("Cannot list fields on non-struct type");
  return fields_;
}

const Field* Schema::field(std::string_view name) const {
  if (type_ != Type::Struct) throw DataException("Cannot look up fields on non-struct type");
  for (const auto& f : fields_)
    if (f.name == name) return &f;
  return nullptr;
}

const SchemaPtr& Schema::keySchema() const {
  if (type_ != Type::Map) throw DataException("Cannot look up key schema on non-map type");
  return key_schema_;
}

const SchemaPtr& Schema::valueSchema() const {
  if (type_ != Type::Map && type_ != Type::Array)
    throw DataException("Cannot look up value schema on non-array and non-map type");
  return value_schema_;
}

bool schemaEquals(const SchemaPtr& a, const SchemaPtr& b) {
  if (a == b) return true;
  if (!a || !b) return false;
  return a->equals(*b);
}

bool Schema::equals(const Schema& o) const {
  if (this == &o) return true;
  if (type_ != o.type_ || optional_ != o.optional_ || name_ != o.name_ || version_ != o.version_ ||
      doc_ != o.doc_ || parameters_ != o.parameters_ || !(default_ == o.default_))
    return false;
  if (fields_.size() != o.fields_.size()) return false;
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].name != o.fields_[i].name || fields_[i].index != o.fields_[i].index ||
        !schemaEquals(fields_[i].schema, o.fields_[i].schema))
      return false;
  }
  return schemaEquals(key_schema_, o.key_schema_) && schemaEquals(value_schema_, o.value_schema_);
}

std::string Schema::toString() const {
  // ConnectSchema.toString: "Schema{name:TYPE}" or "Schema{TYPE}".
  std::string out = "Schema{";
  if (name_) out += *name_ + ":";
  out += typeName(type_);
  out += "}";
  return out;
}

SchemaBuilder::SchemaBuilder(Type type) : s_(std::make_shared<Schema>()) { s_->type_ = type; }

SchemaBuilder SchemaBuilder::array(SchemaPtr value_schema) {
  if (!value_schema) throw SchemaBuilderException("valueSchema cannot be null.");
  SchemaBuilder b(Type::Array);
  b.s_->value_schema_ = std::move(value_schema);
  return b;
}

SchemaBuilder SchemaBuilder::map(SchemaPtr key_schema, SchemaPtr value_schema) {
  if (!key_schema) throw SchemaBuilderException("keySchema cannot be null.");
  if (!value_schema) throw SchemaBuilderException("valueSchema cannot be null.");
  SchemaBuilder b(Type::Map);
  b.s_->key_schema_ = std::move(key_schema);
  b.s_->value_schema_ = std::move(value_schema);
  return b;
}

SchemaBuilder SchemaBuilder::copyOf(const Schema& schema, bool with_fields) {
  // Member by member: `schema` may be shared with a converter filling its json_cache_
  // concurrently, so the cache slot is never read here.
  SchemaBuilder b(schema.type_);
  Schema& s = *b.s_;
  s.optional_ = schema.optional_;
  s.default_ = schema.default_;
  s.name_ = schema.name_;
  s.version_ = schema.version_;
  s.doc_ = schema.doc_;
  s.parameters_ = schema.parameters_;
  if (with_fields) s.fields_ = schema.fields_;
  s.key_schema_ = schema.key_schema_;
  s.value_schema_ = schema.value_schema_;
  return b;
}

SchemaBuilder& SchemaBuilder::optional() {
  s_->optional_ = true;
  return *this;
}
SchemaBuilder& SchemaBuilder::required() {
  s_->optional_ = false;
  return *this;
}
SchemaBuilder& SchemaBuilder::name(std::string name) {
  if (s_->name_ && *s_->name_ != name) throw SchemaBuilderException("Invalid SchemaBuilder call: name has already been set.");
  s_->name_ = std::move(name);
  return *this;
}
SchemaBuilder& SchemaBuilder::version(int32_t version) {
  s_->version_ = version;
  return *this;
}
SchemaBuilder& SchemaBuilder::doc(std::string doc) {
  s_->doc_ = std::move(doc);
  return *this;
}
SchemaBuilder& SchemaBuilder::parameter(std::string key, std::string value) {
  for (auto& [k, v] : s_->parameters_) {
    if (k == key) {
      v = std::move(value);
      return *this;
    }
  }
  s_->parameters_.emplace_back(std::move(key), std::move(value));
  return *this;
}
SchemaBuilder& SchemaBuilder::defaultValue(Value value) {
  // Validate against a snapshot of the schema as built so far (SchemaBuilder.defaultValue).
  auto snapshot = std::make_shared<Schema>(*s_);
  snapshot->optional_ = true;
  try {
    validateValue(snapshot, value);
  } catch (const DataException& e) {
    throw SchemaBuilderException(std::string("Invalid default value: ") + e.what());
  }
  s_->default_ = std::move(value);
  return *this;
}
SchemaBuilder& SchemaBuilder::field(std::string name, SchemaPtr schema) {
  if (s_->type_ != Type::Struct) throw SchemaBuilderException("Cannot create fields on type " + std::string(typeName(s_->type_)));
  if (name.empty()) throw SchemaBuilderException("fieldName cannot be null.");
  if (!schema) throw SchemaBuilderException("fieldSchema for field " + name + " cannot be null.");
  for (const auto& f : s_->fields_)
    if (f.name == name) throw SchemaBuilderException("Cannot create field because of field name duplication " + name);
  int index = static_cast<int>(s_->fields_.size());
  s_->fields_.push_back(Field{std::move(name), index, std::move(schema)});
  return *this;
}

SchemaPtr SchemaBuilder::build() { return std::make_shared<const Schema>(*s_); }

namespace schemas {
namespace {
SchemaPtr make(Type t, bool opt) {
  SchemaBuilder b(t);
  if (opt) b.optional();
  return b.build();
}
}  // namespace
#define CONNECTD_SCHEMA(fn, type, opt)      \
  const SchemaPtr& fn() {                   \
    static const SchemaPtr s = make(type, opt); \
    return s;                               \
  }
CONNECTD_SCHEMA(int8, Type::Int8, false)
CONNECTD_SCHEMA(int16, Type::Int16, false)
CONNECTD_SCHEMA(int32, Type::Int32, false)
CONNECTD_SCHEMA(int64, Type::Int64, false)
CONNECTD_SCHEMA(float32, Type::Float32, false)
CONNECTD_SCHEMA(float64, Type::Float64, false)
CONNECTD_SCHEMA(boolean, Type::Boolean, false)
CONNECTD_SCHEMA(string, Type::String, false)
CONNECTD_SCHEMA(bytes, Type::Bytes, false)
CONNECTD_SCHEMA(optionalInt8, Type::Int8, true)
CONNECTD_SCHEMA(optionalInt16, Type::Int16, true)
CONNECTD_SCHEMA(optionalInt32, Type::Int32, true)
CONNECTD_SCHEMA(optionalInt64, Type::Int64, true)
CONNECTD_SCHEMA(optionalFloat32, Type::Float32, true)
CONNECTD_SCHEMA(optionalFloat64, Type::Float64, true)
CONNECTD_SCHEMA(optionalBoolean, Type::Boolean, true)
CONNECTD_SCHEMA(optionalString, Type::String, true)
CONNECTD_SCHEMA(optionalBytes, Type::Bytes, true)
#undef CONNECTD_SCHEMA

const SchemaPtr& primitive(Type type, bool optional) {
  switch (type) {
    case Type::Int8: return optional ? optionalInt8() : int8();
    case Type::Int16: return optional ? optionalInt16() : int16();
    case Type::Int32: return optional ? optionalInt32() : int32();
    case Type::Int64: return optional ? optionalInt64() : int64();
    case Type::Float32: return optional ? optionalFloat32() : float32();
    case Type::Float64: return optional ? optionalFloat64() : float64();
    case Type::Boolean: return optional ? optionalBoolean() : boolean();
    case Type::String: return optional ? optionalString() : string();
    case Type::Bytes: return optional ? optionalBytes() : bytes();
    default: throw DataException("Not a primitive type: " + std::string(typeName(type)));
  }
}
}  // namespace schemas

namespace logical {
SchemaBuilder decimal(int32_t scale) {
  auto b = SchemaBuilder::bytes();
  b.name(std::string(kDecimal)).parameter(std::string(kScaleField), std::to_string(scale)).version(1);
  return b;
}
SchemaBuilder date() {
  auto b = SchemaBuilder::int32();
  b.name(std::string(kDate)).version(1);
  return b;
}
SchemaBuilder time() {
  auto b = SchemaBuilder::int32();
  b.name(std::string(kTime)).version(1);
  return b;
}
SchemaBuilder timestamp() {
  auto b = SchemaBuilder::int64();
  b.name(std::string(kTimestamp)).version(1);
  return b;
}
bool isDecimal(const Schema& s) { return s.name() && *s.name() == kDecimal; }
int32_t decimalScale(const Schema& s) {
  const std::string* p = s.parameter(kScaleField);
  if (!p) throw DataException("Invalid Decimal schema: scale parameter not found.");
  try {
    size_t pos = 0;
    int v = std::stoi(*p, &pos);
    if (pos != p->size()) throw std::invalid_argument("trailing");
    return v;
  } catch (const std::exception&) {
    throw DataException("Invalid scale parameter found in Decimal schema: " + *p);
  }
}
}  // namespace logical

namespace {
bool kindMatches(Type t, const Value& v, const Schema& schema) {
  using K = Value::Kind;
  switch (t) {
    case Type::Int8: return v.kind() == K::Int8;
    case Type::Int16: return v.kind() == K::Int16;
    case Type::Int32: return v.kind() == K::Int32;
    case Type::Int64: return v.kind() == K::Int64;
    case Type::Float32: return v.kind() == K::Float32;
    case Type::Float64: return v.kind() == K::Float64;
    case Type::Boolean: return v.kind() == K::Boolean;
    case Type::String: return v.kind() == K::String;
    case Type::Bytes: return v.kind() == K::Bytes || (v.kind() == K::Decimal && logical::isDecimal(schema));
    case Type::Array: return v.kind() == K::Array;
    case Type::Map: return v.kind() == K::Map;
    case Type::Struct: return v.kind() == K::Struct;
  }
  return false;
}
}  // namespace

void validateValue(const SchemaPtr& schema, const Value& value, std::string_view field_name) {
  if (!schema) return;
  if (value.isNull()) {
    if (!schema->isOptional())
      throw DataException("Invalid value: null used for required field: \"" +
                          (field_name.empty() ? std::string("null") : std::string(field_name)) +
                          "\", schema type: " + std::string(typeName(schema->type())));
    return;
  }
  bool matches = kindMatches(schema->type(), value, *schema);
  if (logical::isDecimal(*schema)) matches = value.kind() == Value::Kind::Decimal;
  if (!matches) {
    std::string msg = "Invalid Java object for schema";
    if (schema->name()) msg += " \"" + *schema->name() + "\"";
    msg += " with type " + std::string(typeName(schema->type())) + ": class " + std::string(value.javaClassName());
    if (!field_name.empty()) msg += " for field: \"" + std::string(field_name) + "\"";
    throw DataException(msg);
  }
  switch (schema->type()) {
    case Type::Struct: {
      const Struct& s = value.asStruct();
      if (!s.schema()->equals(*schema))
        throw DataException("Struct schemas do not match.");
      s.validate();
      break;
    }
    case Type::Array:
      for (const auto& e : value.asArray()) validateValue(schema->valueSchema(), e);
      break;
    case Type::Map:
      for (const auto& [k, v] : value.asMap()) {
        validateValue(schema->keySchema(), k);
        validateValue(schema->valueSchema(), v);
      }
      break;
    default:
      break;
  }
}

}  // namespace connectd::api
