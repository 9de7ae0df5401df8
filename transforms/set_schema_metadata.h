#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "server/api/config_def.h"
#include "server/api/transformation.h"
#include "transforms/util/record_side.h"

namespace connectd::transforms {

// Kafka's SetSchemaMetadata: sets the name and/or version of the key (SetSchemaMetadata$Key)
// or value (SetSchemaMetadata$Value) schema. Everything else about the schema is kept (type,
// optionality, default, doc, parameters, fields, key/value schemas); a Struct is rebuilt on the
// renamed schema, nested structs and other values stay as they are. A record whose operating
// side has neither schema nor value passes through; a value without a schema fails.
class SetSchemaMetadata : public api::Transformation {
 public:
  static constexpr const char* kKeyClassName =
      "org.apache.kafka.connect.transforms.SetSchemaMetadata$Key";
  static constexpr const char* kValueClassName =
      "org.apache.kafka.connect.transforms.SetSchemaMetadata$Value";

  static constexpr const char* kSchemaNameConfig = "schema.name";
  static constexpr const char* kSchemaVersionConfig = "schema.version";
  static constexpr const char* kReplaceNullWithDefaultConfig = "replace.null.with.default";

  static constexpr const char* kOverviewDoc =
      "Set the schema name, version or both on the record's key "
      "(<code>org.apache.kafka.connect.transforms.SetSchemaMetadata$Key</code>) or value "
      "(<code>org.apache.kafka.connect.transforms.SetSchemaMetadata$Value</code>) schema.";

  static const api::ConfigDef& configDef();

  class Key;
  class Value;

  void configure(const std::map<std::string, std::string>& configs) override;
  bool apply(api::ConnectRecord& record) override;
  api::ConfigDef config() const override { return configDef(); }

  // updateSchemaIn: a Struct copied onto `updated_schema` (same fields), any other value as is.
  api::Value updateSchemaIn(const api::Value& key_or_value,
                            const api::SchemaPtr& updated_schema) const;

 protected:
  explicit SetSchemaMetadata(RecordSide side) : side_(side) {}

 private:
  api::SchemaPtr updatedSchema(const api::Schema& schema) const;

  RecordSide side_;
  std::optional<std::string> schema_name_;
  std::optional<int32_t> schema_version_;
  bool replace_null_with_default_ = true;
};

// org.apache.kafka.connect.transforms.SetSchemaMetadata$Key
class SetSchemaMetadata::Key final : public SetSchemaMetadata {
 public:
  Key() : SetSchemaMetadata(RecordSide::Key) {}
};

// org.apache.kafka.connect.transforms.SetSchemaMetadata$Value
class SetSchemaMetadata::Value final : public SetSchemaMetadata {
 public:
  Value() : SetSchemaMetadata(RecordSide::Value) {}
};

}  // namespace connectd::transforms
