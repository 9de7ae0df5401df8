#pragma once

#include <map>
#include <string>
#include <vector>

#include "server/api/config_def.h"
#include "server/api/transformation.h"
#include "transforms/util/record_side.h"
#include "transforms/util/schema_update_cache.h"

namespace connectd::transforms {

// Kafka's HeaderFrom: copies (`operation=copy`) or moves (`operation=move`) the top-level
// `fields` of the key (HeaderFrom$Key) or value (HeaderFrom$Value) into the headers named by the
// same position in `headers`. Headers are appended; existing headers with the same key stay.
//
// With a schema each header takes its field's schema, and a move rebuilds the Struct on a
// schema without the moved fields (name, version, doc and parameters kept, not optional;
// cached per input schema). Without a schema the header has no schema, a missing field gives a
// null header, and a move removes the entries from a copy of the map. The key/value must be a
// Struct or a Map (a null one fails).
class HeaderFrom : public api::Transformation {
 public:
  static constexpr const char* kKeyClassName = "org.apache.kafka.connect.transforms.HeaderFrom$Key";
  static constexpr const char* kValueClassName =
      "org.apache.kafka.connect.transforms.HeaderFrom$Value";

  static constexpr const char* kFieldsConfig = "fields";
  static constexpr const char* kHeadersConfig = "headers";
  static constexpr const char* kOperationConfig = "operation";
  static constexpr const char* kReplaceNullWithDefaultConfig = "replace.null.with.default";

  static constexpr const char* kOverviewDoc =
      "Moves or copies fields in the key/value of a record into that record's headers. "
      "Corresponding elements of <code>fields</code> and <code>headers</code> together identify "
      "a field and the header it should be moved or copied to. Use the concrete transformation "
      "type designed for the record key "
      "(<code>org.apache.kafka.connect.transforms.HeaderFrom$Key</code>) or value "
      "(<code>org.apache.kafka.connect.transforms.HeaderFrom$Value</code>).";

  static const api::ConfigDef& configDef();

  class Key;
  class Value;

  void configure(const std::map<std::string, std::string>& configs) override;
  bool apply(api::ConnectRecord& record) override;
  api::ConfigDef config() const override { return configDef(); }
  void close() override { move_schema_cache_.clear(); }

 protected:
  explicit HeaderFrom(RecordSide side) : side_(side) {}

 private:
  enum class Operation { Move, Copy };

  void applyWithSchema(api::ConnectRecord& record);
  void applySchemaless(api::ConnectRecord& record);
  api::SchemaPtr moveSchema(const api::SchemaPtr& schema);
  api::Value fieldValue(const api::Struct& value, const std::string& field_name) const;
  bool isMovedField(const std::string& name) const;
  std::string purpose() const;

  RecordSide side_;
  std::vector<std::string> fields_;
  std::vector<std::string> headers_;
  Operation operation_ = Operation::Copy;
  bool replace_null_with_default_ = true;
  SchemaUpdateCache move_schema_cache_;
};

// org.apache.kafka.connect.transforms.HeaderFrom$Key
class HeaderFrom::Key final : public HeaderFrom {
 public:
  Key() : HeaderFrom(RecordSide::Key) {}
};

// org.apache.kafka.connect.transforms.HeaderFrom$Value
class HeaderFrom::Value final : public HeaderFrom {
 public:
  Value() : HeaderFrom(RecordSide::Value) {}
};

}  // namespace connectd::transforms
