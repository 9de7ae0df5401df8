#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "server/api/config_def.h"
#include "server/api/transformation.h"
#include "transforms/util/record_side.h"
#include "transforms/util/schema_update_cache.h"
#include "transforms/util/simple_date_format.h"

namespace connectd::transforms {

// Kafka's TimestampConverter: converts a timestamp between a formatted string, Unix time (a
// long in `unix.precision` units), and Connect's Date, Time and Timestamp, for the whole key
// (TimestampConverter$Key) / value (TimestampConverter$Value) or one top-level `field` of it.
//
// The input kind comes from the schema (Timestamp/Date/Time logical types, else STRING is a
// formatted string and INT64 Unix time) or, without a schema, from the value (a long is Unix
// time, a string is formatted). Every conversion goes through epoch milliseconds, so
// sub-millisecond precision is lost. `format` is a SimpleDateFormat pattern in UTC.
//
// Date, Time and Timestamp values are held in physical form (int32 days, int32 milliseconds of
// the day, int64 epoch milliseconds) under their logical schemas. Without a schema there is no
// java.util.Date: a Date/Time/Timestamp target produces the epoch milliseconds as a long
// (what Date.getTime() would return), which a later schemaless TimestampConverter reads back as
// Unix time.
class TimestampConverter : public api::Transformation {
 public:
  static constexpr const char* kKeyClassName =
      "org.apache.kafka.connect.transforms.TimestampConverter$Key";
  static constexpr const char* kValueClassName =
      "org.apache.kafka.connect.transforms.TimestampConverter$Value";

  static constexpr const char* kFieldConfig = "field";
  static constexpr const char* kTargetTypeConfig = "target.type";
  static constexpr const char* kFormatConfig = "format";
  static constexpr const char* kUnixPrecisionConfig = "unix.precision";
  static constexpr const char* kReplaceNullWithDefaultConfig = "replace.null.with.default";

  static constexpr const char* kOverviewDoc =
      "Convert timestamps between different formats such as Unix epoch, strings, and Connect "
      "Date/Timestamp types.Applies to individual fields or to the entire value.<p/>Use the "
      "concrete transformation type designed for the record key "
      "(<code>org.apache.kafka.connect.transforms.TimestampConverter$Key</code>) or value "
      "(<code>org.apache.kafka.connect.transforms.TimestampConverter$Value</code>).";

  static const api::ConfigDef& configDef();

  class Key;
  class Value;

  void configure(const std::map<std::string, std::string>& configs) override;
  bool apply(api::ConnectRecord& record) override;
  api::ConfigDef config() const override { return configDef(); }
  void close() override { schema_update_cache_.clear(); }

 protected:
  explicit TimestampConverter(RecordSide side) : side_(side) {}

 private:
  enum class TimestampType { String, Unix, Date, Time, Timestamp };
  enum class UnixPrecision { Seconds, Milliseconds, Microseconds, Nanoseconds };

  void applyWithSchema(api::ConnectRecord& record);
  void applySchemaless(api::ConnectRecord& record);
  api::Value applyValueWithSchema(const api::Struct& value, const api::SchemaPtr& updated_schema) const;
  api::Value fieldValue(const api::Struct& value, const api::Field& field) const;

  static TimestampType timestampTypeFromSchema(const api::Schema& schema);
  static TimestampType inferTimestampType(const api::Value& value);
  static api::SchemaPtr typeSchema(TimestampType type, bool optional);

  // convertTimestamp: input of `from` kind (inferred from the value when nullopt) to the target
  // type; null stays null. `with_schema` selects the physical form of Date/Time targets.
  api::Value convertTimestamp(const api::Value& timestamp, std::optional<TimestampType> from,
                              bool with_schema) const;
  int64_t toRaw(TimestampType type, const api::Value& value) const;
  api::Value toType(int64_t raw, bool with_schema) const;

  RecordSide side_;
  std::string field_;
  TimestampType target_type_ = TimestampType::Timestamp;
  std::optional<SimpleDateFormat> format_;
  UnixPrecision unix_precision_ = UnixPrecision::Milliseconds;
  bool replace_null_with_default_ = true;
  SchemaUpdateCache schema_update_cache_;
};

// org.apache.kafka.connect.transforms.TimestampConverter$Key
class TimestampConverter::Key final : public TimestampConverter {
 public:
  Key() : TimestampConverter(RecordSide::Key) {}
};

// org.apache.kafka.connect.transforms.TimestampConverter$Value
class TimestampConverter::Value final : public TimestampConverter {
 public:
  Value() : TimestampConverter(RecordSide::Value) {}
};

}  // namespace connectd::transforms
