#pragma once

#include <map>
#include <string>

#include "server/api/config_def.h"
#include "server/api/transformation.h"
#include "transforms/util/record_side.h"
#include "transforms/util/schema_update_cache.h"

namespace connectd::transforms {

// Kafka's HoistField SMT: wraps the key (HoistField$Key) or value (HoistField$Value) in a
// single-field Struct (with a schema) or map (without one) under the name `field`.
//
// The new schema is an unnamed, required struct whose one field has the original schema
// (cached per original schema); any schema type can be wrapped. A null value is wrapped too —
// which fails (Kafka's Struct.put message) when the original schema is required.
class HoistField : public api::Transformation {
 public:
  static constexpr const char* kKeyClassName = "org.apache.kafka.connect.transforms.HoistField$Key";
  static constexpr const char* kValueClassName =
      "org.apache.kafka.connect.transforms.HoistField$Value";

  static constexpr const char* kFieldConfig = "field";

  static constexpr const char* kOverviewDoc =
      "Wrap data using the specified field name in a Struct when schema present, or a Map in the "
      "case of schemaless data.<p/>Use the concrete transformation type designed for the record "
      "key (<code>org.apache.kafka.connect.transforms.HoistField$Key</code>) or value "
      "(<code>org.apache.kafka.connect.transforms.HoistField$Value</code>).";

  static const api::ConfigDef& configDef();

  class Key;
  class Value;

  void configure(const std::map<std::string, std::string>& configs) override;
  bool apply(api::ConnectRecord& record) override;
  api::ConfigDef config() const override { return configDef(); }
  void close() override { schema_update_cache_.clear(); }

 protected:
  explicit HoistField(RecordSide side) : side_(side) {}

 private:
  RecordSide side_;
  std::string field_name_;
  SchemaUpdateCache schema_update_cache_;
};

// org.apache.kafka.connect.transforms.HoistField$Key
class HoistField::Key final : public HoistField {
 public:
  Key() : HoistField(RecordSide::Key) {}
};

// org.apache.kafka.connect.transforms.HoistField$Value
class HoistField::Value final : public HoistField {
 public:
  Value() : HoistField(RecordSide::Value) {}
};

}  // namespace connectd::transforms
