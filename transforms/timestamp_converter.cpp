#include "transforms/timestamp_converter.h"

#include <limits>
#include <stdexcept>
#include <utility>

#include "server/api/errors.h"
#include "server/api/struct.h"
#include "transforms/util/map_entries.h"
#include "transforms/util/requirements.h"
#include "transforms/util/schema_util.h"

namespace connectd::transforms {

namespace {

constexpr const char* kPurpose = "converting timestamp formats";
constexpr int64_t kMillisPerDay = 24 * 60 * 60 * 1000;

constexpr const char* kTypeString = "string";
constexpr const char* kTypeUnix = "unix";
constexpr const char* kTypeDate = "Date";
constexpr const char* kTypeTime = "Time";
constexpr const char* kTypeTimestamp = "Timestamp";

constexpr const char* kPrecisionMillis = "milliseconds";
constexpr const char* kPrecisionMicros = "microseconds";
constexpr const char* kPrecisionNanos = "nanoseconds";
constexpr const char* kPrecisionSeconds = "seconds";

int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

// TimeUnit conversions to a finer unit saturate at Long.MIN_VALUE / Long.MAX_VALUE.
int64_t saturatedMultiply(int64_t v, int64_t factor) {
  if (v > std::numeric_limits<int64_t>::max() / factor) return std::numeric_limits<int64_t>::max();
  if (v < std::numeric_limits<int64_t>::min() / factor) return std::numeric_limits<int64_t>::min();
  return v * factor;
}

// Utils.isBlank.
bool isBlank(const std::string& s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) > ' ') return false;
  }
  return true;
}

// "class java.lang.Long", as Java prints Object.getClass().
std::string classOf(const api::Value& v) { return "class " + std::string(v.javaClassName()); }

}  // namespace

const api::ConfigDef& TimestampConverter::configDef() {
  static const api::ConfigDef def = [] {
    using api::ConfigDef;
    ConfigDef d;
    d.define(kFieldConfig, ConfigDef::Type::String, "", ConfigDef::Importance::High,
             "The field containing the timestamp, or empty if the entire value is a timestamp");
    d.define(kTargetTypeConfig, ConfigDef::Type::String,
             ConfigDef::validString({kTypeString, kTypeUnix, kTypeDate, kTypeTime, kTypeTimestamp}),
             ConfigDef::Importance::High,
             "The desired timestamp representation: string, unix, Date, Time, or Timestamp");
    d.define(kFormatConfig, ConfigDef::Type::String, "", ConfigDef::Importance::Medium,
             "A SimpleDateFormat-compatible format for the timestamp. Used to generate the output "
             "when type=string or used to parse the input if the input is a string.");
    d.define(kUnixPrecisionConfig, ConfigDef::Type::String, kPrecisionMillis,
             ConfigDef::validString(
                 {kPrecisionNanos, kPrecisionMicros, kPrecisionMillis, kPrecisionSeconds}),
             ConfigDef::Importance::Low,
             "The desired Unix precision for the timestamp: seconds, milliseconds, microseconds, "
             "or nanoseconds. Used to generate the output when type=unix or used to parse the "
             "input if the input is a Long.Note: This SMT will cause precision loss during "
             "conversions from, and to, values with sub-millisecond components.");
    d.define(kReplaceNullWithDefaultConfig, ConfigDef::Type::Boolean, "true",
             ConfigDef::Importance::Medium,
             "Whether to replace fields that have a default value and that are null to the "
             "default value. When set to true, the default value is used, otherwise null is "
             "used.");
    return d;
  }();
  return def;
}

void TimestampConverter::configure(const std::map<std::string, std::string>& configs) {
  api::ParsedConfig config(configDef(), configs);
  field_ = config.getString(kFieldConfig);
  const std::string type = config.getString(kTargetTypeConfig);
  const std::string pattern = config.getString(kFormatConfig);
  const std::string precision = config.getString(kUnixPrecisionConfig);
  replace_null_with_default_ = config.getBoolean(kReplaceNullWithDefaultConfig);
  schema_update_cache_.clear();

  if (type == kTypeString && isBlank(pattern)) {
    throw api::ConfigException(
        "TimestampConverter requires format option to be specified when using string timestamps");
  }
  format_.reset();
  if (!isBlank(pattern)) {
    try {
      format_.emplace(pattern);
    } catch (const std::invalid_argument&) {
      throw api::ConfigException(
          "TimestampConverter requires a SimpleDateFormat-compatible pattern for string "
          "timestamps: " +
          pattern);
    }
  }
  target_type_ = type == kTypeString   ? TimestampType::String
                 : type == kTypeUnix   ? TimestampType::Unix
                 : type == kTypeDate   ? TimestampType::Date
                 : type == kTypeTime   ? TimestampType::Time
                                       : TimestampType::Timestamp;
  unix_precision_ = precision == kPrecisionSeconds  ? UnixPrecision::Seconds
                    : precision == kPrecisionMicros ? UnixPrecision::Microseconds
                    : precision == kPrecisionNanos  ? UnixPrecision::Nanoseconds
                                                    : UnixPrecision::Milliseconds;
}

bool TimestampConverter::apply(api::ConnectRecord& record) {
  if (!operatingSchema(record, side_)) {
    applySchemaless(record);
  } else {
    applyWithSchema(record);
  }
  return true;
}

void TimestampConverter::applyWithSchema(api::ConnectRecord& record) {
  api::SchemaPtr& schema = operatingSchema(record, side_);
  api::Value& value = operatingValue(record, side_);
  if (field_.empty()) {
    TimestampType from = timestampTypeFromSchema(*schema);
    value = convertTimestamp(value, from, true);
    schema = typeSchema(target_type_, schema->isOptional());
    return;
  }

  const api::Struct* input = requireStructOrNull(value, kPurpose);
  api::SchemaPtr updated_schema = schema_update_cache_.get(schema);
  if (!updated_schema) {
    api::SchemaBuilder builder = api::SchemaBuilder::structBuilder();
    copySchemaBasics(*schema, builder);
    for (const api::Field& field : schema->fields()) {
      if (field.name == field_) {
        builder.field(field.name, typeSchema(target_type_, field.schema->isOptional()));
      } else {
        builder.field(field.name, field.schema);
      }
    }
    if (schema->isOptional()) builder.optional();
    if (schema->hasDefault()) {
      // Kafka converts the default Struct against the builder itself; a snapshot of the builder
      // as SchemaBuilder.defaultValue() validates it (optional, no default yet) plays that part.
      api::SchemaBuilder snapshot = api::SchemaBuilder::copyOf(*builder.build());
      api::SchemaPtr default_schema = snapshot.optional().build();
      builder.defaultValue(
          applyValueWithSchema(schema->defaultValue().asStruct(), default_schema));
    }
    updated_schema = builder.build();
    schema_update_cache_.put(schema, updated_schema);
  }

  value = input == nullptr ? api::Value() : applyValueWithSchema(*input, updated_schema);
  schema = std::move(updated_schema);
}

api::Value TimestampConverter::applyValueWithSchema(const api::Struct& value,
                                                    const api::SchemaPtr& updated_schema) const {
  auto updated = std::make_shared<api::Struct>(updated_schema);
  for (const api::Field& field : value.schema()->fields()) {
    api::Value field_value = fieldValue(value, field);
    if (field.name == field_) {
      field_value = convertTimestamp(field_value, timestampTypeFromSchema(*field.schema), true);
    }
    updated->put(field.name, std::move(field_value));
  }
  return api::Value(std::move(updated));
}

api::Value TimestampConverter::fieldValue(const api::Struct& value, const api::Field& field) const {
  return replace_null_with_default_ ? value.get(field) : value.getWithoutDefault(field.name);
}

void TimestampConverter::applySchemaless(api::ConnectRecord& record) {
  api::Value& raw = operatingValue(record, side_);
  if (raw.isNull() || field_.empty()) {
    raw = convertTimestamp(raw, std::nullopt, false);
    return;
  }
  api::Map updated = requireMap(raw, kPurpose);
  api::Value converted = convertTimestamp(getEntry(updated, field_), std::nullopt, false);
  putEntry(updated, field_, std::move(converted));
  raw = api::Value(std::move(updated));
}

TimestampConverter::TimestampType TimestampConverter::timestampTypeFromSchema(
    const api::Schema& schema) {
  const std::optional<std::string>& name = schema.name();
  if (name == api::logical::kTimestamp) return TimestampType::Timestamp;
  if (name == api::logical::kDate) return TimestampType::Date;
  if (name == api::logical::kTime) return TimestampType::Time;
  if (schema.type() == api::Type::String) return TimestampType::String;
  if (schema.type() == api::Type::Int64) return TimestampType::Unix;
  throw api::ConnectException("Schema " + schema.toString() +
                              " does not correspond to a known timestamp type format");
}

TimestampConverter::TimestampType TimestampConverter::inferTimestampType(const api::Value& value) {
  // Without a schema Date/Time/Timestamp cannot be told from a long (see the header).
  if (value.kind() == api::Value::Kind::Int64) return TimestampType::Unix;
  if (value.kind() == api::Value::Kind::String) return TimestampType::String;
  throw api::DataException("TimestampConverter does not support " + classOf(value) +
                           " objects as timestamps");
}

api::SchemaPtr TimestampConverter::typeSchema(TimestampType type, bool optional) {
  switch (type) {
    case TimestampType::String:
      return optional ? api::schemas::optionalString() : api::schemas::string();
    case TimestampType::Unix:
      return optional ? api::schemas::optionalInt64() : api::schemas::int64();
    case TimestampType::Date: {
      static const api::SchemaPtr date[2] = {api::logical::date().build(),
                                             api::logical::date().optional().build()};
      return date[optional ? 1 : 0];
    }
    case TimestampType::Time: {
      static const api::SchemaPtr time[2] = {api::logical::time().build(),
                                             api::logical::time().optional().build()};
      return time[optional ? 1 : 0];
    }
    case TimestampType::Timestamp: {
      static const api::SchemaPtr timestamp[2] = {api::logical::timestamp().build(),
                                                  api::logical::timestamp().optional().build()};
      return timestamp[optional ? 1 : 0];
    }
  }
  return nullptr;
}

api::Value TimestampConverter::convertTimestamp(const api::Value& timestamp,
                                                std::optional<TimestampType> from,
                                                bool with_schema) const {
  if (timestamp.isNull()) return api::Value();
  TimestampType source = from ? *from : inferTimestampType(timestamp);
  return toType(toRaw(source, timestamp), with_schema);
}

int64_t TimestampConverter::toRaw(TimestampType type, const api::Value& value) const {
  using K = api::Value::Kind;
  switch (type) {
    case TimestampType::String: {
      if (value.kind() != K::String) {
        throw api::DataException("Expected string timestamp to be a String, but found " +
                                 classOf(value));
      }
      if (!format_) {
        // Java dereferences the unset format here (NullPointerException).
        throw api::DataException(
            "TimestampConverter requires format option to be specified when using string "
            "timestamps");
      }
      std::optional<int64_t> parsed = format_->parse(value.asString());
      if (!parsed) {
        throw api::DataException("Could not parse timestamp: value (" + value.asString() +
                                 ") does not match pattern (" + format_->toPattern() + ")");
      }
      return *parsed;
    }
    case TimestampType::Unix: {
      if (value.kind() != K::Int64) {
        throw api::DataException("Expected Unix timestamp to be a Long, but found " +
                                 classOf(value));
      }
      int64_t unix_time = value.asInt64();
      switch (unix_precision_) {
        case UnixPrecision::Seconds: return saturatedMultiply(unix_time, 1000);
        case UnixPrecision::Microseconds: return unix_time / 1000;
        case UnixPrecision::Nanoseconds: return unix_time / 1000000;
        case UnixPrecision::Milliseconds: return unix_time;
      }
      return unix_time;
    }
    case TimestampType::Date:
      if (value.kind() != K::Int32) {
        throw api::DataException("Expected Date to be a java.util.Date, but found " +
                                 classOf(value));
      }
      return static_cast<int64_t>(value.asInt32()) * kMillisPerDay;
    case TimestampType::Time:
      if (value.kind() != K::Int32) {
        throw api::DataException("Expected Time to be a java.util.Date, but found " +
                                 classOf(value));
      }
      return value.asInt32();
    case TimestampType::Timestamp:
      if (value.kind() != K::Int64) {
        throw api::DataException("Expected Timestamp to be a java.util.Date, but found " +
                                 classOf(value));
      }
      return value.asInt64();
  }
  return 0;
}

api::Value TimestampConverter::toType(int64_t raw, bool with_schema) const {
  switch (target_type_) {
    case TimestampType::String: return api::Value(format_->format(raw));
    case TimestampType::Unix:
      switch (unix_precision_) {
        case UnixPrecision::Seconds: return api::Value(raw / 1000);
        case UnixPrecision::Microseconds: return api::Value(saturatedMultiply(raw, 1000));
        case UnixPrecision::Nanoseconds: return api::Value(saturatedMultiply(raw, 1000000));
        case UnixPrecision::Milliseconds: return api::Value(raw);
      }
      return api::Value(raw);
    case TimestampType::Date: {
      int64_t days = floorDiv(raw, kMillisPerDay);
      if (with_schema) return api::Value(static_cast<int32_t>(days));
      return api::Value(days * kMillisPerDay);
    }
    case TimestampType::Time: {
      int64_t millis_of_day = raw - floorDiv(raw, kMillisPerDay) * kMillisPerDay;
      if (with_schema) return api::Value(static_cast<int32_t>(millis_of_day));
      return api::Value(millis_of_day);
    }
    case TimestampType::Timestamp: return api::Value(raw);
  }
  return api::Value();
}

}  // namespace connectd::transforms
