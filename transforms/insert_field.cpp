#include "transforms/insert_field.h"

#include <utility>

#include "server/api/errors.h"
#include "server/api/struct.h"
#include "transforms/util/requirements.h"
#include "transforms/util/schema_util.h"

namespace connectd::transforms {

namespace {

constexpr const char* kPurpose = "field insertion";
constexpr const char* kOptionalityDoc =
    "Suffix with <code>!</code> to make this a required field, or <code>?</code> to keep it "
    "optional (the "
    "default).";

const api::SchemaPtr& optionalTimestampSchema() {
  static const api::SchemaPtr schema = api::logical::timestamp().optional().build();
  return schema;
}

const api::SchemaPtr& timestampSchema() {
  static const api::SchemaPtr schema = api::logical::timestamp().build();
  return schema;
}

// HashMap.put on the copied map: replaces the value under an existing key, else appends.
void putEntry(api::Map& map, const std::string& key, api::Value value) {
  for (auto& [k, v] : map) {
    if (k.kind() == api::Value::Kind::String && k.asString() == key) {
      v = std::move(value);
      return;
    }
  }
  map.emplace_back(api::Value(key), std::move(value));
}

}  // namespace

const api::ConfigDef& InsertField::configDef() {
  static const api::ConfigDef def = [] {
    using api::ConfigDef;
    const std::string optionality = kOptionalityDoc;
    ConfigDef d;
    d.defineNullDefault(kTopicFieldConfig, ConfigDef::Type::String, ConfigDef::Importance::Medium,
                        "Field name for Kafka topic. " + optionality);
    d.defineNullDefault(kPartitionFieldConfig, ConfigDef::Type::String,
                        ConfigDef::Importance::Medium,
                        "Field name for Kafka partition. " + optionality);
    d.defineNullDefault(
        kOffsetFieldConfig, ConfigDef::Type::String, ConfigDef::Importance::Medium,
        "Field name for Kafka offset - only applicable to sink connectors.<br/>" + optionality);
    d.defineNullDefault(kTimestampFieldConfig, ConfigDef::Type::String,
                        ConfigDef::Importance::Medium,
                        "Field name for record timestamp. " + optionality);
    d.defineNullDefault(kStaticFieldConfig, ConfigDef::Type::String, ConfigDef::Importance::Medium,
                        "Field name for static data field. " + optionality);
    d.defineNullDefault(kStaticValueConfig, ConfigDef::Type::String, ConfigDef::Importance::Medium,
                        "Static field value, if field name configured.");
    d.define(kReplaceNullWithDefaultConfig, ConfigDef::Type::Boolean, "true",
             ConfigDef::Importance::Medium,
             "Whether to replace fields that have a default value and that are null to the default "
             "value. When "
             "set to true, the default value is used, otherwise null is used.");
    return d;
  }();
  return def;
}

std::optional<InsertField::InsertionSpec> InsertField::InsertionSpec::parse(
    const std::optional<std::string>& spec) {
  if (!spec) return std::nullopt;
  const std::string& s = *spec;
  if (!s.empty() && s.back() == '?') return InsertionSpec{s.substr(0, s.size() - 1), true};
  if (!s.empty() && s.back() == '!') return InsertionSpec{s.substr(0, s.size() - 1), false};
  return InsertionSpec{s, true};
}

void InsertField::configure(const std::map<std::string, std::string>& configs) {
  api::ParsedConfig config(configDef(), configs);
  topic_field_ = InsertionSpec::parse(config.getOptionalString(kTopicFieldConfig));
  partition_field_ = InsertionSpec::parse(config.getOptionalString(kPartitionFieldConfig));
  offset_field_ = InsertionSpec::parse(config.getOptionalString(kOffsetFieldConfig));
  timestamp_field_ = InsertionSpec::parse(config.getOptionalString(kTimestampFieldConfig));
  static_field_ = InsertionSpec::parse(config.getOptionalString(kStaticFieldConfig));
  static_value_ = config.getOptionalString(kStaticValueConfig);
  replace_null_with_default_ = config.getBoolean(kReplaceNullWithDefaultConfig);

  if (!topic_field_ && !partition_field_ && !offset_field_ && !timestamp_field_ && !static_field_) {
    throw api::ConfigException("No field insertion configured");
  }
  if (static_field_ && !static_value_) {
    // Kafka appends the InsertionSpec's Object.toString() (class@hash); the field name is what
    // an operator can act on.
    throw api::ConfigException(kStaticValueConfig, "null",
                               "No value specified for static field: " + static_field_->name);
  }
  schema_update_cache_.clear();
}

bool InsertField::apply(api::ConnectRecord& record) {
  if (operatingValue(record, side_).isNull()) return true;
  if (!operatingSchema(record, side_)) {
    applySchemaless(record);
  } else {
    applyWithSchema(record);
  }
  return true;
}

void InsertField::applySchemaless(api::ConnectRecord& record) {
  api::Value& operating = operatingValue(record, side_);
  // A copy: the original map may be shared with other holders of the record's value.
  api::Map updated = requireMap(operating, kPurpose);

  if (topic_field_) putEntry(updated, topic_field_->name, api::Value(record.topic));
  if (partition_field_ && record.kafkaPartition) {
    putEntry(updated, partition_field_->name, api::Value(*record.kafkaPartition));
  }
  if (offset_field_) {
    putEntry(updated, offset_field_->name,
             api::Value(requireSinkRecord(record, kPurpose).kafkaOffset));
  }
  if (timestamp_field_ && record.timestamp)
    putEntry(updated, timestamp_field_->name, api::Value(*record.timestamp));
  if (static_field_ && static_value_)
    putEntry(updated, static_field_->name, api::Value(*static_value_));

  operatingSchema(record, side_) = nullptr;
  operating = api::Value(std::move(updated));
}

void InsertField::applyWithSchema(api::ConnectRecord& record) {
  api::Value& operating = operatingValue(record, side_);
  const api::Struct& value = requireStruct(operating, kPurpose);

  api::SchemaPtr updated_schema = schema_update_cache_.get(value.schema());
  if (!updated_schema) {
    updated_schema = makeUpdatedSchema(*value.schema());
    schema_update_cache_.put(value.schema(), updated_schema);
  }

  auto updated = std::make_shared<api::Struct>(updated_schema);
  const auto& fields = value.schema()->fields();
  const auto& updated_fields = updated_schema->fields();
  // The updated schema starts with the input's fields in the same order.
  for (size_t i = 0; i < fields.size(); ++i) {
    const api::Value& field_value =
        replace_null_with_default_ ? value.get(fields[i]) : value.getWithoutDefault(fields[i].name);
    updated->put(updated_fields[i], field_value);
  }

  if (topic_field_) updated->put(topic_field_->name, api::Value(record.topic));
  if (partition_field_ && record.kafkaPartition)
    updated->put(partition_field_->name, api::Value(*record.kafkaPartition));
  if (offset_field_) {
    updated->put(offset_field_->name, api::Value(requireSinkRecord(record, kPurpose).kafkaOffset));
  }
  // Timestamp logical values are held as epoch milliseconds (Java: java.util.Date).
  if (timestamp_field_ && record.timestamp)
    updated->put(timestamp_field_->name, api::Value(*record.timestamp));
  if (static_field_ && static_value_) updated->put(static_field_->name, api::Value(*static_value_));

  operatingSchema(record, side_) = std::move(updated_schema);
  operating = api::Value(std::move(updated));
}

api::SchemaPtr InsertField::makeUpdatedSchema(const api::Schema& schema) const {
  api::SchemaBuilder builder = api::SchemaBuilder::structBuilder();
  copySchemaBasics(schema, builder);
  for (const auto& field : schema.fields()) builder.field(field.name, field.schema);

  if (topic_field_) {
    builder.field(topic_field_->name,
                  topic_field_->optional ? api::schemas::optionalString() : api::schemas::string());
  }
  if (partition_field_) {
    builder.field(partition_field_->name, partition_field_->optional ? api::schemas::optionalInt32()
                                                                     : api::schemas::int32());
  }
  if (offset_field_) {
    builder.field(offset_field_->name,
                  offset_field_->optional ? api::schemas::optionalInt64() : api::schemas::int64());
  }
  if (timestamp_field_) {
    builder.field(timestamp_field_->name,
                  timestamp_field_->optional ? optionalTimestampSchema() : timestampSchema());
  }
  if (static_field_) {
    builder.field(static_field_->name, static_field_->optional ? api::schemas::optionalString()
                                                               : api::schemas::string());
  }
  return builder.build();
}

}  // namespace connectd::transforms
