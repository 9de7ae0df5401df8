#include "transforms/debezium/by_logical_table_router.h"

#include <spdlog/spdlog.h>

#include <memory>
#include <utility>

#include "server/api/errors.h"
#include "server/api/struct.h"
#include "server/common/strings.h"
#include "transforms/debezium/debezium_config.h"
#include "transforms/util/requirements.h"

namespace connectd::transforms {

namespace {

constexpr const char* kBefore = "before";
constexpr const char* kAfter = "after";
constexpr const char* kEnvelopeSuffix = ".Envelope";

bool isValidEnvelope(const api::ConnectRecord& record) {
  return record.valueSchema && record.valueSchema->name() &&
         common::endsWith(*record.valueSchema->name(), kEnvelopeSuffix);
}

// copySchemaExcludingName: version, doc, parameters, optionality and (optionally) fields.
api::SchemaBuilder copySchemaExcludingName(const api::Schema& source, bool copy_fields) {
  api::SchemaBuilder builder = api::SchemaBuilder::structBuilder();
  if (source.version()) builder.version(*source.version());
  if (source.doc()) builder.doc(*source.doc());
  for (const auto& [k, v] : source.parameters()) builder.parameter(k, v);
  if (source.isOptional()) builder.optional();
  if (copy_fields) {
    for (const api::Field& field : source.fields()) builder.field(field.name, field.schema);
  }
  return builder;
}

// Field::isRegex: Pattern.compile must accept the value.
void checkRegex(const DebeziumConfig& config, const std::string& key,
                DebeziumConfigProblems& problems) {
  std::optional<std::string> value = config.getString(key);
  if (!value) return;
  try {
    common::JavaRegex regex(*value);
  } catch (const common::PatternSyntaxException& e) {
    problems.add(key, value, std::string("A valid regular expressions is expected, but ") + e.what());
  }
}

// Field::isRequired: a value that is not blank.
void checkRequired(const DebeziumConfig& config, const std::string& key,
                   DebeziumConfigProblems& problems) {
  std::optional<std::string> value = config.getString(key);
  if (value && !common::trim(*value).empty()) return;
  problems.add(key, value, "A value is required");
}

}  // namespace

const std::string* ByLogicalTableRouter::StringCache::get(const std::string& key) {
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->first == key) {
      entries_.splice(entries_.begin(), entries_, it);
      return &entries_.front().second;
    }
  }
  return nullptr;
}

void ByLogicalTableRouter::StringCache::put(const std::string& key, std::string value) {
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->first == key) {
      entries_.erase(it);
      break;
    }
  }
  entries_.emplace_front(key, std::move(value));
  if (entries_.size() > capacity_) entries_.pop_back();
}

const api::ConfigDef& ByLogicalTableRouter::configDef() {
  static const api::ConfigDef def = [] {
    using api::ConfigDef;
    ConfigDef d;
    defineDebeziumField(d, kTopicRegexConfig, ConfigDef::Type::String, std::nullopt,
                        ConfigDef::Importance::Low, ConfigDef::Width::Long, "Topic regex",
                        "The regex used for extracting the name of the logical table from the "
                        "original topic name.");
    defineDebeziumField(d, kTopicReplacementConfig, ConfigDef::Type::String, std::nullopt,
                        ConfigDef::Importance::Low, ConfigDef::Width::Long, "Topic replacement",
                        "The replacement string used in conjunction with topic.regex. This will "
                        "be used to create the new topic name.");
    defineDebeziumField(
        d, kKeyEnforceUniquenessConfig, ConfigDef::Type::Boolean, "true",
        ConfigDef::Importance::Low, ConfigDef::Width::Short, "Add source topic name into key",
        "Augment each record's key with a field denoting the source topic. This field "
        "distinguishes records coming from different physical tables which may otherwise have "
        "primary/unique key conflicts. If the source tables are guaranteed to have globally "
        "unique keys then this may be set to false to disable key rewriting.");
    defineDebeziumField(
        d, kKeyFieldRegexConfig, ConfigDef::Type::String, std::nullopt, ConfigDef::Importance::Low,
        ConfigDef::Width::Long, "Key field regex",
        "The regex used for extracting the physical table identifier from the original topic "
        "name. Now that multiple physical tables can share a topic, the event's key may need to "
        "be augmented to include fields other than just those for the record's primary/unique "
        "key, since these are not guaranteed to be unique across tables. We need some "
        "identifier added to the key that distinguishes the different physical tables.");
    defineDebeziumField(d, kKeyFieldReplacementConfig, ConfigDef::Type::String, std::nullopt,
                        ConfigDef::Importance::Low, ConfigDef::Width::Long,
                        "Key field replacement",
                        "The replacement string used in conjunction with key.field.regex. This "
                        "will be used to create the physical table identifier in the record's "
                        "key.");
    defineDebeziumField(
        d, kLogicalTableCacheSizeConfig, ConfigDef::Type::Int, "16", ConfigDef::Importance::Low,
        ConfigDef::Width::Long, "Logical table cache size",
        "The size used for holding the max entries in LRUCache. The cache will keep the old/new "
        "schema for logical table key and value, also cache the derived key and topic regex "
        "result for improving the source record transformation.");
    return d;
  }();
  return def;
}

void ByLogicalTableRouter::configure(const std::map<std::string, std::string>& configs) {
  DebeziumConfig config(configs);

  DebeziumConfigProblems problems;
  checkRequired(config, kTopicRegexConfig, problems);
  checkRegex(config, kTopicRegexConfig, problems);
  checkRequired(config, kTopicReplacementConfig, problems);
  checkRegex(config, kKeyFieldRegexConfig, problems);
  std::string key_field_regex = std::string(common::trim(config.getString(kKeyFieldRegexConfig, "")));
  std::string key_field_replacement =
      std::string(common::trim(config.getString(kKeyFieldReplacementConfig, "")));
  if (!key_field_regex.empty() && key_field_replacement.empty()) {
    problems.add(kKeyFieldReplacementConfig, std::nullopt,
                 std::string(kKeyFieldReplacementConfig) + " must be non-empty if " +
                     kKeyFieldRegexConfig + " is set.");
  }
  std::string mode_value = config.getString(kSchemaNameAdjustmentModeConfig, "none");
  std::optional<SchemaNameAdjuster::Mode> mode = SchemaNameAdjuster::parseMode(mode_value);
  if (!mode) {
    problems.add(kSchemaNameAdjustmentModeConfig, mode_value,
                 "Value must be one of none, avro, avro_unicode");
  }
  problems.throwIfAny();

  topic_regex_.emplace(*config.getString(kTopicRegexConfig));
  topic_replacement_ = *config.getString(kTopicReplacementConfig);
  key_field_regex_.reset();
  key_field_replacement_.clear();
  if (!key_field_regex.empty()) {
    key_field_regex_.emplace(*config.getString(kKeyFieldRegexConfig));
    key_field_replacement_ = *config.getString(kKeyFieldReplacementConfig);
  }
  key_field_name_ = config.getString(kKeyFieldNameConfig, kDefaultKeyFieldName);
  key_enforce_uniqueness_ = config.getBoolean(kKeyEnforceUniquenessConfig, true);
  int32_t cache_size = config.getInteger(kLogicalTableCacheSizeConfig, 16);
  auto capacity = static_cast<size_t>(cache_size < 0 ? 0 : cache_size);
  key_schema_update_cache_ = SchemaUpdateCache(capacity);
  envelope_schema_update_cache_ = SchemaUpdateCache(capacity);
  key_regex_replace_cache_ = StringCache(capacity);
  topic_regex_replace_cache_ = StringCache(capacity);
  schema_name_adjuster_ = SchemaNameAdjuster(*mode);
}

void ByLogicalTableRouter::close() {
  key_schema_update_cache_.clear();
  envelope_schema_update_cache_.clear();
  key_regex_replace_cache_.clear();
  topic_regex_replace_cache_.clear();
}

bool ByLogicalTableRouter::apply(api::ConnectRecord& record) {
  if (!topic_regex_) throw api::ConnectException("ByLogicalTableRouter used before configure()");
  const std::string old_topic = record.topic;
  std::optional<std::string> new_topic = determineNewTopic(old_topic);
  if (!new_topic) return true;
  if (new_topic->empty()) {
    spdlog::warn("Routing regex returned an empty topic name, propagating original record");
    return true;
  }
  spdlog::debug("Applying topic name transformation from {} to {}", old_topic, *new_topic);

  api::SchemaPtr new_key_schema;
  api::Value new_key;
  // A table without a primary key has no key.
  if (!record.key.isNull()) {
    const api::Struct& old_key = requireStruct(record.key, "Updating schema");
    new_key_schema = updateKeySchema(old_key.schema(), *new_topic);
    new_key = updateKey(new_key_schema, old_key, old_topic);
  }

  // Tombstones and non-CDC events (heartbeats, schema changes) keep their value.
  if (!record.value.isNull() && isValidEnvelope(record)) {
    const api::Struct& old_envelope = requireStruct(record.value, "Updating schema");
    api::SchemaPtr new_envelope_schema = updateEnvelopeSchema(old_envelope.schema(), *new_topic);
    api::Value new_envelope = updateEnvelope(new_envelope_schema, old_envelope);
    record.valueSchema = std::move(new_envelope_schema);
    record.value = std::move(new_envelope);
  }
  record.topic = std::move(*new_topic);
  record.keySchema = std::move(new_key_schema);
  record.key = std::move(new_key);
  return true;
}

std::optional<std::string> ByLogicalTableRouter::determineNewTopic(const std::string& old_topic) {
  if (const std::string* cached = topic_regex_replace_cache_.get(old_topic)) return *cached;
  if (!topic_regex_->matches(old_topic)) return std::nullopt;
  std::string new_topic = topic_regex_->replaceFirst(old_topic, topic_replacement_);
  topic_regex_replace_cache_.put(old_topic, new_topic);
  return new_topic;
}

api::SchemaPtr ByLogicalTableRouter::updateKeySchema(const api::SchemaPtr& old_key_schema,
                                                     const std::string& new_topic) {
  if (api::SchemaPtr cached = key_schema_update_cache_.get(old_key_schema)) return cached;
  api::SchemaBuilder builder = copySchemaExcludingName(*old_key_schema, true);
  builder.name(schema_name_adjuster_.adjust(new_topic + ".Key"));
  // Shards sharing a topic may reuse key values; the physical table keeps them apart.
  if (key_enforce_uniqueness_) builder.field(key_field_name_, api::schemas::string());
  api::SchemaPtr new_key_schema = builder.build();
  key_schema_update_cache_.put(old_key_schema, new_key_schema);
  return new_key_schema;
}

api::Value ByLogicalTableRouter::updateKey(const api::SchemaPtr& new_key_schema,
                                           const api::Struct& old_key,
                                           const std::string& old_topic) {
  auto new_key = std::make_shared<api::Struct>(new_key_schema);
  for (const api::Field& field : old_key.schema()->fields()) {
    new_key->put(field.name, old_key.getWithoutDefault(field.name));
  }
  if (key_enforce_uniqueness_) {
    std::string physical_table_identifier = old_topic;
    if (key_field_regex_) {
      if (const std::string* cached = key_regex_replace_cache_.get(old_topic)) {
        physical_table_identifier = *cached;
      } else if (key_field_regex_->matches(old_topic)) {
        physical_table_identifier = key_field_regex_->replaceFirst(old_topic, key_field_replacement_);
        key_regex_replace_cache_.put(old_topic, physical_table_identifier);
      }
    }
    new_key->put(key_field_name_, api::Value(std::move(physical_table_identifier)));
  }
  return api::Value(std::move(new_key));
}

api::SchemaPtr ByLogicalTableRouter::updateEnvelopeSchema(const api::SchemaPtr& old_envelope_schema,
                                                          const std::string& new_topic) {
  if (api::SchemaPtr cached = envelope_schema_update_cache_.get(old_envelope_schema)) return cached;
  const api::Field* before = old_envelope_schema->field(kBefore);
  if (before == nullptr) {
    throw api::DataException("Envelope schema " + old_envelope_schema->toString() +
                             " has no 'before' field");
  }
  api::SchemaBuilder value_builder = copySchemaExcludingName(*before->schema, true);
  value_builder.name(schema_name_adjuster_.adjust(new_topic + ".Value"));
  api::SchemaPtr new_value_schema = value_builder.build();

  api::SchemaBuilder envelope_builder = copySchemaExcludingName(*old_envelope_schema, false);
  for (const api::Field& field : old_envelope_schema->fields()) {
    bool is_row = field.name == kBefore || field.name == kAfter;
    envelope_builder.field(field.name, is_row ? new_value_schema : field.schema);
  }
  envelope_builder.name(schema_name_adjuster_.adjust(new_topic + kEnvelopeSuffix));
  api::SchemaPtr new_envelope_schema = envelope_builder.build();
  envelope_schema_update_cache_.put(old_envelope_schema, new_envelope_schema);
  return new_envelope_schema;
}

api::Value ByLogicalTableRouter::updateEnvelope(const api::SchemaPtr& new_envelope_schema,
                                                const api::Struct& old_envelope) const {
  auto new_envelope = std::make_shared<api::Struct>(new_envelope_schema);
  const api::SchemaPtr& new_value_schema = new_envelope_schema->field(kBefore)->schema;
  for (const api::Field& field : old_envelope.schema()->fields()) {
    api::Value field_value = old_envelope.get(field);
    if ((field.name == kBefore || field.name == kAfter) && !field_value.isNull()) {
      const api::Struct& old_row = requireStruct(field_value, "Updating schema");
      auto new_row = std::make_shared<api::Struct>(new_value_schema);
      for (const api::Field& column : old_row.schema()->fields()) {
        new_row->put(column.name, old_row.getWithoutDefault(column.name));
      }
      field_value = api::Value(std::move(new_row));
    }
    new_envelope->put(field.name, std::move(field_value));
  }
  return api::Value(std::move(new_envelope));
}

}  // namespace connectd::transforms
