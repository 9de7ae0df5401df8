#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "server/api/config_def.h"
#include "server/api/transformation.h"
#include "transforms/util/record_side.h"

namespace connectd::transforms {

// Kafka's MaskField SMT: replaces the listed top-level fields of the key (MaskField$Key) or
// value (MaskField$Value) with the "null value" of their type — false, 0, empty string, epoch
// 0 for Date/Time/Timestamp, an empty array or map — or with `replacement` converted to the
// field's type (numeric and string fields only).
//
// As in Kafka the masking is chosen by the value's Java class, not by the schema: a Decimal
// becomes BigDecimal.ZERO (scale 0), and a Struct or bytes value cannot be masked. A null field
// stays null. The schema is kept as is; a null key/value fails (requireMap / requireStruct),
// and on schemaless maps a listed name that is absent is added with a null value.
class MaskField : public api::Transformation {
 public:
  static constexpr const char* kKeyClassName = "org.apache.kafka.connect.transforms.MaskField$Key";
  static constexpr const char* kValueClassName =
      "org.apache.kafka.connect.transforms.MaskField$Value";

  static constexpr const char* kFieldsConfig = "fields";
  static constexpr const char* kReplacementConfig = "replacement";
  static constexpr const char* kReplaceNullWithDefaultConfig = "replace.null.with.default";

  static constexpr const char* kOverviewDoc =
      "Mask specified fields with a valid null value for the field type (i.e. 0, false, empty "
      "string, and so on).<p/>For numeric and string fields, an optional replacement value can be "
      "specified that is converted to the correct type.<p/>Use the concrete transformation type "
      "designed for the record key "
      "(<code>org.apache.kafka.connect.transforms.MaskField$Key</code>) "
      "or value (<code>org.apache.kafka.connect.transforms.MaskField$Value</code>).";

  static const api::ConfigDef& configDef();

  class Key;
  class Value;

  void configure(const std::map<std::string, std::string>& configs) override;
  bool apply(api::ConnectRecord& record) override;
  api::ConfigDef config() const override { return configDef(); }

 protected:
  explicit MaskField(RecordSide side) : side_(side) {}

 private:
  bool isMasked(const std::string& field_name) const;
  // The masked form of `value`; `schema` (null on the Map path) tells a Date/Time/Timestamp,
  // which Kafka holds as java.util.Date, from a plain integer.
  api::Value masked(const api::Value& value, const api::SchemaPtr& schema) const;

  void applySchemaless(api::ConnectRecord& record);
  void applyWithSchema(api::ConnectRecord& record);

  RecordSide side_;
  // Distinct names in configuration order.
  std::vector<std::string> masked_fields_;
  std::optional<std::string> replacement_;
  bool replace_null_with_default_ = true;
};

// org.apache.kafka.connect.transforms.MaskField$Key
class MaskField::Key final : public MaskField {
 public:
  Key() : MaskField(RecordSide::Key) {}
};

// org.apache.kafka.connect.transforms.MaskField$Value
class MaskField::Value final : public MaskField {
 public:
  Value() : MaskField(RecordSide::Value) {}
};

}  // namespace connectd::transforms
