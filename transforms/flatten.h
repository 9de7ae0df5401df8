#pragma once

#include <map>
#include <string>

#include "server/api/config_def.h"
#include "server/api/struct.h"
#include "server/api/transformation.h"
#include "transforms/util/map_entries.h"
#include "transforms/util/record_side.h"
#include "transforms/util/schema_update_cache.h"

namespace connectd::transforms {

// Kafka's Flatten SMT: flattens nested structs (with a schema) or maps (without one) of the key
// (Flatten$Key) or value (Flatten$Value) into one level, naming each field by joining the names
// on the way with `delimiter`.
//
// Arrays and their contents are copied as they are. With a schema, a flattened field is
// optional when it or any enclosing struct is, and takes its own default or else the one from
// the enclosing struct's default; MAP fields are not supported. The new top-level schema keeps
// name/version/doc/parameters but not optionality and is cached per input schema. A null
// key/value passes through.
class Flatten : public api::Transformation {
 public:
  static constexpr const char* kKeyClassName = "org.apache.kafka.connect.transforms.Flatten$Key";
  static constexpr const char* kValueClassName =
      "org.apache.kafka.connect.transforms.Flatten$Value";

  static constexpr const char* kDelimiterConfig = "delimiter";
  static constexpr const char* kDelimiterDefault = ".";

  static constexpr const char* kOverviewDoc =
      "Flatten a nested data structure, generating names for each field by concatenating the "
      "field names at each level with a configurable delimiter character. Applies to Struct when "
      "schema present, or a Map in the case of schemaless data. Array fields and their contents "
      "are not modified. The default delimiter is '.'.<p/>Use the concrete transformation type "
      "designed for the record key (<code>org.apache.kafka.connect.transforms.Flatten$Key</code>) "
      "or value (<code>org.apache.kafka.connect.transforms.Flatten$Value</code>).";

  static const api::ConfigDef& configDef();

  class Key;
  class Value;

  void configure(const std::map<std::string, std::string>& configs) override;
  bool apply(api::ConnectRecord& record) override;
  api::ConfigDef config() const override { return configDef(); }
  void close() override { schema_update_cache_.clear(); }

 protected:
  explicit Flatten(RecordSide side) : side_(side) {}

 private:
  std::string fieldName(const std::string& prefix, const std::string& field_name) const;

  void applySchemaless(api::ConnectRecord& record);
  void applySchemaless(const api::Map& original, const std::string& prefix, MapBuilder& flattened);
  void applyWithSchema(api::ConnectRecord& record);
  // `optional`: some enclosing struct is optional; `default_from_parent`: the enclosing
  // struct's default, if any.
  void buildUpdatedSchema(const api::Schema& schema, const std::string& prefix,
                          api::SchemaBuilder& new_schema, bool optional,
                          const api::Struct* default_from_parent);
  void buildWithSchema(const api::Struct* record, const std::string& prefix,
                       api::Struct& new_record);

  RecordSide side_;
  std::string delimiter_ = kDelimiterDefault;
  SchemaUpdateCache schema_update_cache_;
};

// org.apache.kafka.connect.transforms.Flatten$Key
class Flatten::Key final : public Flatten {
 public:
  Key() : Flatten(RecordSide::Key) {}
};

// org.apache.kafka.connect.transforms.Flatten$Value
class Flatten::Value final : public Flatten {
 public:
  Value() : Flatten(RecordSide::Value) {}
};

}  // namespace connectd::transforms
