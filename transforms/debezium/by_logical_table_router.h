#pragma once

#include <cstddef>
#include <list>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "server/api/config_def.h"
#include "server/api/transformation.h"
#include "server/common/java_regex.h"
#include "transforms/debezium/schema_name_adjuster.h"
#include "transforms/util/schema_update_cache.h"

namespace connectd::transforms {

// Debezium's io.debezium.transforms.ByLogicalTableRouter: routes the change events of several
// physical tables (shards) into one logical topic.
//
// When `topic.regex` matches the whole topic, the topic becomes Matcher.replaceFirst(
// `topic.replacement`) (an empty result leaves the record alone). The key Struct is rebuilt on
// a schema named "<new topic>.Key" with, when `key.enforce.uniqueness` is on, an extra required
// string field `key.field.name` holding the original topic (or `key.field.regex` ->
// `key.field.replacement` applied to it). A Debezium envelope (value schema named
// "*.Envelope") is rebuilt as "<new topic>.Envelope" with before/after on "<new topic>.Value";
// other values (tombstones, heartbeats, schema changes) keep their value. Schema names go
// through `schema.name.adjustment.mode`. Derived schemas and topic names are cached
// (`logical.table.cache.size` entries each, keyed as Debezium keys them).
//
// Like Debezium, the ConfigDef lists six keys; `key.field.name` (default
// "__dbz__physicalTableIdentifier") and `schema.name.adjustment.mode` (none, avro,
// avro_unicode; default none) are read too.
class ByLogicalTableRouter : public api::Transformation {
 public:
  static constexpr const char* kClassName = "io.debezium.transforms.ByLogicalTableRouter";

  static constexpr const char* kTopicRegexConfig = "topic.regex";
  static constexpr const char* kTopicReplacementConfig = "topic.replacement";
  static constexpr const char* kKeyEnforceUniquenessConfig = "key.enforce.uniqueness";
  static constexpr const char* kKeyFieldRegexConfig = "key.field.regex";
  static constexpr const char* kKeyFieldNameConfig = "key.field.name";
  static constexpr const char* kKeyFieldReplacementConfig = "key.field.replacement";
  static constexpr const char* kSchemaNameAdjustmentModeConfig = "schema.name.adjustment.mode";
  static constexpr const char* kLogicalTableCacheSizeConfig = "logical.table.cache.size";
  static constexpr const char* kDefaultKeyFieldName = "__dbz__physicalTableIdentifier";

  static const api::ConfigDef& configDef();

  void configure(const std::map<std::string, std::string>& configs) override;
  bool apply(api::ConnectRecord& record) override;
  api::ConfigDef config() const override { return configDef(); }
  void close() override;

 private:
  // LRUCache<String, String>.
  class StringCache {
   public:
    explicit StringCache(size_t capacity = 16) : capacity_(capacity) {}
    const std::string* get(const std::string& key);
    void put(const std::string& key, std::string value);
    void clear() { entries_.clear(); }

   private:
    size_t capacity_;
    std::list<std::pair<std::string, std::string>> entries_;
  };

  std::optional<std::string> determineNewTopic(const std::string& old_topic);
  api::SchemaPtr updateKeySchema(const api::SchemaPtr& old_key_schema, const std::string& new_topic);
  api::Value updateKey(const api::SchemaPtr& new_key_schema, const api::Struct& old_key,
                       const std::string& old_topic);
  api::SchemaPtr updateEnvelopeSchema(const api::SchemaPtr& old_envelope_schema,
                                      const std::string& new_topic);
  api::Value updateEnvelope(const api::SchemaPtr& new_envelope_schema,
                            const api::Struct& old_envelope) const;

  std::optional<common::JavaRegex> topic_regex_;
  std::string topic_replacement_;
  std::optional<common::JavaRegex> key_field_regex_;
  std::string key_field_replacement_;
  std::string key_field_name_ = kDefaultKeyFieldName;
  bool key_enforce_uniqueness_ = true;
  SchemaNameAdjuster schema_name_adjuster_;
  SchemaUpdateCache key_schema_update_cache_;
  SchemaUpdateCache envelope_schema_update_cache_;
  StringCache key_regex_replace_cache_;
  StringCache topic_regex_replace_cache_;
};

}  // namespace connectd::transforms
