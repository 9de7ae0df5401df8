#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "server/api/schema.h"
#include "server/api/value.h"

namespace connectd::api {

// Connect's Struct: a value per field of a STRUCT schema, in field order.
class Struct {
 public:
  explicit Struct(SchemaPtr schema);

  const SchemaPtr& schema() const { return schema_; }
  const std::vector<Value>& values() const { return values_; }

  // The field's value, or its default when the value is null (Struct.get semantics).
  const Value& get(std::string_view field_name) const;
  const Value& get(const Field& field) const;
  // The value as stored, without default substitution (Struct.getWithoutDefault).
  const Value& getWithoutDefault(std::string_view field_name) const;

  // Validates against the field's schema (DataException with Kafka's message).
  Struct& put(std::string_view field_name, Value value);
  Struct& put(const Field& field, Value value);
  // Stores without validation; for decoders that build values matching their own schema.
  void putUnchecked(int index, Value value) { values_[static_cast<size_t>(index)] = std::move(value); }

  // Throws DataException if a required field is missing (Struct.validate).
  void validate() const;

  bool operator==(const Struct& o) const;
  std::string toString() const;

 private:
  const Field& lookupField(std::string_view name) const;
  SchemaPtr schema_;
  std::vector<Value> values_;
};

}  // namespace connectd::api
