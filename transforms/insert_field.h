#pragma once

#include <map>
#include <optional>
#include <string>

#include "server/api/config_def.h"
#include "server/api/transformation.h"
#include "transforms/util/record_side.h"
#include "transforms/util/schema_update_cache.h"

namespace connectd::transforms {

// Kafka's InsertField SMT: adds the record's topic, partition, offset (sink records only),
// timestamp and/or a static string to the key (InsertField$Key) or value (InsertField$Value).
//
// A field name ending in '!' makes the inserted field required, '?' (or no suffix) optional.
// Struct values get a new schema (cached per input schema) with the inserted fields appended
// in the fixed order topic, partition, offset, timestamp, static; schemaless maps get the
// entries put into a copy. A null key/value passes through unchanged.
class InsertField : public api::Transformation {
 public:
  static constexpr const char* kKeyClassName =
      "org.apache.kafka.connect.transforms.InsertField$Key";
  static constexpr const char* kValueClassName =
      "org.apache.kafka.connect.transforms.InsertField$Value";

  static constexpr const char* kTopicFieldConfig = "topic.field";
  static constexpr const char* kPartitionFieldConfig = "partition.field";
  static constexpr const char* kOffsetFieldConfig = "offset.field";
  static constexpr const char* kTimestampFieldConfig = "timestamp.field";
  static constexpr const char* kStaticFieldConfig = "static.field";
  static constexpr const char* kStaticValueConfig = "static.value";
  static constexpr const char* kReplaceNullWithDefaultConfig = "replace.null.with.default";

  static constexpr const char* kOverviewDoc =
      "Insert field(s) using attributes from the record metadata or a configured static "
      "value.<p/>Use the "
      "concrete transformation type designed for the record key "
      "(<code>org.apache.kafka.connect.transforms.InsertField$Key</code>) or value "
      "(<code>org.apache.kafka.connect.transforms.InsertField$Value</code>).";

  static const api::ConfigDef& configDef();

  class Key;
  class Value;

  void configure(const std::map<std::string, std::string>& configs) override;
  bool apply(api::ConnectRecord& record) override;
  api::ConfigDef config() const override { return configDef(); }
  void close() override { schema_update_cache_.clear(); }

 protected:
  explicit InsertField(RecordSide side) : side_(side) {}

 private:
  // A configured field name with its optionality suffix stripped.
  struct InsertionSpec {
    std::string name;
    bool optional = true;
    static std::optional<InsertionSpec> parse(const std::optional<std::string>& spec);
  };

  void applySchemaless(api::ConnectRecord& record);
  void applyWithSchema(api::ConnectRecord& record);
  api::SchemaPtr makeUpdatedSchema(const api::Schema& schema) const;

  RecordSide side_;
  std::optional<InsertionSpec> topic_field_;
  std::optional<InsertionSpec> partition_field_;
  std::optional<InsertionSpec> offset_field_;
  std::optional<InsertionSpec> timestamp_field_;
  std::optional<InsertionSpec> static_field_;
  std::optional<std::string> static_value_;
  bool replace_null_with_default_ = true;
  SchemaUpdateCache schema_update_cache_;
};

// org.apache.kafka.connect.transforms.InsertField$Key
class InsertField::Key final : public InsertField {
 public:
  Key() : InsertField(RecordSide::Key) {}
};

// org.apache.kafka.connect.transforms.InsertField$Value
class InsertField::Value final : public InsertField {
 public:
  Value() : InsertField(RecordSide::Value) {}
};

}  // namespace connectd::transforms
