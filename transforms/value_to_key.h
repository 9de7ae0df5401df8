#pragma once

#include <map>
#include <string>
#include <vector>

#include "server/api/config_def.h"
#include "server/api/transformation.h"
#include "transforms/util/schema_update_cache.h"

namespace connectd::transforms {

// Kafka's ValueToKey SMT: replaces the record key with a new key made of the listed value
// fields, in configuration order.
//
// With a value schema the key is a new unnamed, required Struct whose fields reuse the value
// fields' schemas (cached per value schema; a listed field missing from the value schema is a
// DataException); without one it is a map of the listed entries (absent ones map to null). The
// value is left as is. A null value fails (requireMap / requireStruct).
class ValueToKey : public api::Transformation {
 public:
  static constexpr const char* kClassName = "org.apache.kafka.connect.transforms.ValueToKey";

  static constexpr const char* kFieldsConfig = "fields";
  static constexpr const char* kReplaceNullWithDefaultConfig = "replace.null.with.default";

  static constexpr const char* kOverviewDoc =
      "Replace the record key with a new key formed from a subset of fields in the record value.";

  static const api::ConfigDef& configDef();

  void configure(const std::map<std::string, std::string>& configs) override;
  bool apply(api::ConnectRecord& record) override;
  api::ConfigDef config() const override { return configDef(); }
  void close() override { value_to_key_schema_cache_.clear(); }

 private:
  void applySchemaless(api::ConnectRecord& record);
  void applyWithSchema(api::ConnectRecord& record);

  std::vector<std::string> fields_;
  bool replace_null_with_default_ = true;
  SchemaUpdateCache value_to_key_schema_cache_;
};

}  // namespace connectd::transforms
