#pragma once

#include <map>
#include <set>
#include <string>

#include "server/api/config_def.h"
#include "server/api/transformation.h"
#include "transforms/util/record_side.h"
#include "transforms/util/schema_update_cache.h"

namespace connectd::transforms {

// Kafka's ReplaceField SMT: filters and renames the top-level fields of the key
// (ReplaceField$Key) or value (ReplaceField$Value).
//
// A field is kept when it is not in `exclude` and `include` is empty or names it; kept fields
// are then renamed by the `renames` old:new pairs. A Struct gets a new schema (name, version,
// doc and parameters of the input, not optional; kept fields in their order), cached per input
// schema; a schemaless map gets a new map of the kept entries. A null key/value passes through.
// `blacklist` / `whitelist` are the deprecated aliases of `exclude` / `include` (Kafka ≤ 3.9);
// the new key wins when both are set.
class ReplaceField : public api::Transformation {
 public:
  static constexpr const char* kKeyClassName =
      "org.apache.kafka.connect.transforms.ReplaceField$Key";
  static constexpr const char* kValueClassName =
      "org.apache.kafka.connect.transforms.ReplaceField$Value";

  static constexpr const char* kExcludeConfig = "exclude";
  static constexpr const char* kBlacklistConfig = "blacklist";
  static constexpr const char* kIncludeConfig = "include";
  static constexpr const char* kWhitelistConfig = "whitelist";
  static constexpr const char* kRenamesConfig = "renames";
  static constexpr const char* kReplaceNullWithDefaultConfig = "replace.null.with.default";

  static constexpr const char* kOverviewDoc =
      "Filter or rename fields.<p/>Use the concrete transformation type designed for the record "
      "key (<code>org.apache.kafka.connect.transforms.ReplaceField$Key</code>) or value "
      "(<code>org.apache.kafka.connect.transforms.ReplaceField$Value</code>).";

  static const api::ConfigDef& configDef();

  // The old -> new map of `renames` items; ConfigException(renames, <list>, "Invalid rename
  // mapping: <item>") for an item that does not split on ':' into exactly two parts.
  static std::map<std::string, std::string> parseRenameMappings(
      const std::vector<std::string>& mappings);

  class Key;
  class Value;

  void configure(const std::map<std::string, std::string>& configs) override;
  bool apply(api::ConnectRecord& record) override;
  api::ConfigDef config() const override { return configDef(); }
  void close() override { schema_update_cache_.clear(); }

 protected:
  explicit ReplaceField(RecordSide side) : side_(side) {}

 private:
  bool filter(const std::string& field_name) const;
  const std::string& renamed(const std::string& field_name) const;
  const std::string& reverseRenamed(const std::string& field_name) const;

  void applySchemaless(api::ConnectRecord& record);
  void applyWithSchema(api::ConnectRecord& record);
  api::SchemaPtr makeUpdatedSchema(const api::Schema& schema) const;

  RecordSide side_;
  std::set<std::string> exclude_;
  std::set<std::string> include_;
  std::map<std::string, std::string> renames_;
  std::map<std::string, std::string> reverse_renames_;
  bool replace_null_with_default_ = true;
  SchemaUpdateCache schema_update_cache_;
};

// org.apache.kafka.connect.transforms.ReplaceField$Key
class ReplaceField::Key final : public ReplaceField {
 public:
  Key() : ReplaceField(RecordSide::Key) {}
};

// org.apache.kafka.connect.transforms.ReplaceField$Value
class ReplaceField::Value final : public ReplaceField {
 public:
  Value() : ReplaceField(RecordSide::Value) {}
};

}  // namespace connectd::transforms
