#pragma once

#include <map>
#include <optional>
#include <string>

#include "server/api/config_def.h"
#include "server/api/transformation.h"
#include "transforms/field/single_field_path.h"
#include "transforms/util/record_side.h"

namespace connectd::transforms {

// Kafka's ExtractField SMT: replaces the key (ExtractField$Key) or value (ExtractField$Value)
// with one of its fields — a top-level name, or with field.syntax.version=V2 a dotted path into
// nested structs/maps.
//
// With a schema the field is looked up in the schema first (std::invalid_argument, Java's
// IllegalArgumentException "Unknown field: <field>", when it is missing) and becomes the new
// schema; the new value is the field's value (null for a null key/value). Schemaless maps give
// the entry's value, or null when a step is missing.
class ExtractField : public api::Transformation {
 public:
  static constexpr const char* kKeyClassName =
      "org.apache.kafka.connect.transforms.ExtractField$Key";
  static constexpr const char* kValueClassName =
      "org.apache.kafka.connect.transforms.ExtractField$Value";

  static constexpr const char* kFieldConfig = "field";
  static constexpr const char* kReplaceNullWithDefaultConfig = "replace.null.with.default";

  static constexpr const char* kOverviewDoc =
      "Extract the specified field from a Struct when schema present, or a Map in the case of "
      "schemaless data. Any null values are passed through unmodified.<p/>Use the concrete "
      "transformation type designed for the record key "
      "(<code>org.apache.kafka.connect.transforms.ExtractField$Key</code>) or value "
      "(<code>org.apache.kafka.connect.transforms.ExtractField$Value</code>).";

  static const api::ConfigDef& configDef();

  class Key;
  class Value;

  void configure(const std::map<std::string, std::string>& configs) override;
  bool apply(api::ConnectRecord& record) override;
  api::ConfigDef config() const override { return configDef(); }

 protected:
  explicit ExtractField(RecordSide side) : side_(side) {}

 private:
  RecordSide side_;
  std::optional<SingleFieldPath> field_path_;
  std::string original_path_;
  bool replace_null_with_default_ = true;
};

// org.apache.kafka.connect.transforms.ExtractField$Key
class ExtractField::Key final : public ExtractField {
 public:
  Key() : ExtractField(RecordSide::Key) {}
};

// org.apache.kafka.connect.transforms.ExtractField$Value
class ExtractField::Value final : public ExtractField {
 public:
  Value() : ExtractField(RecordSide::Value) {}
};

}  // namespace connectd::transforms
