#include "server/api/struct.h"

#include "server/api/errors.h"

namespace connectd::api {

Struct::Struct(SchemaPtr schema) : schema_(std::move(schema)) {
  if (!schema_ || schema_->type() != Type::Struct)
    throw DataException("Not a struct schema: " + (schema_ ? schema_->toString() : std::string("null")));
  values_.resize(schema_->fields().size());
}

const Field& Struct::lookupField(std::string_view name) const {
  const Field* f = schema_->field(name);
  if (!f) throw DataException(std::string(name) + " is not a valid field name");
  return *f;
}

const Value& Struct::get(std::string_view field_name) const { return get(lookupField(field_name)); }

const Value& Struct::get(const Field& field) const {
  const Value& v = values_[static_cast<size_t>(field.index)];
  if (v.isNull() && field.schema->hasDefault()) return field.schema->defaultValue();
  return v;
}

const Value& Struct::getWithoutDefault(std::string_view field_name) const {
  return values_[static_cast<size_t>(lookupField(field_name).index)];
}

Struct& Struct::put(std::string_view field_name, Value value) { return put(lookupField(field_name), std::move(value)); }

Struct& Struct::put(const Field& field, Value value) {
  validateValue(field.schema, value, field.name);
  values_[static_cast<size_t>(field.index)] = std::move(value);
  return *this;
}

void Struct::validate() const {
  for (const auto& f : schema_->fields()) {
    const Value& v = values_[static_cast<size_t>(f.index)];
    if (v.isNull() && !f.schema->isOptional() && !f.schema->hasDefault())
      throw DataException("Invalid value: null used for required field: \"" + f.name +
                          "\", schema type: " + std::string(typeName(f.schema->type())));
    validateValue(f.schema, v.isNull() ? f.schema->defaultValue() : v, f.name);
  }
}

bool Struct::operator==(const Struct& o) const {
  return schemaEquals(schema_, o.schema_) && values_ == o.values_;
}

std::string Struct::toString() const {
  std::string out = "Struct{";
  bool first = true;
  for (const auto& f : schema_->fields()) {
    const Value& v = values_[static_cast<size_t>(f.index)];
    if (v.isNull()) continue;
    if (!first) out += ",";
    first = false;
    out += f.name + "=" + v.toString();
  }
  return out + "}";
}

}  // namespace connectd::api
