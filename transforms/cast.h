#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "server/api/config_def.h"
#include "server/api/transformation.h"
#include "transforms/util/record_side.h"
#include "transforms/util/schema_update_cache.h"

namespace connectd::transforms {

// Kafka's Cast SMT: casts top-level fields, or the whole key (Cast$Key) / value (Cast$Value),
// to int8, int16, int32, int64, float32, float64, boolean or string.
//
// `spec` is a list of field:type pairs, or one bare type for the whole key/value. Inputs may be
// any integer, floating point, boolean, string or bytes (bytes only to string, base64). Numbers
// narrow as Java's Number.xxxValue() does, strings parse as Java's parsers do, Date/Time/
// Timestamp cast to numbers as their integer encoding and to string in Values.dateFormatFor's
// form, Decimals as BigDecimal. With a schema, cast fields get a fresh primitive schema (the
// logical name dropped) keeping optionality and a cast default; a whole-value cast keeps the
// input's name, version, doc and parameters. The struct schema is cached per input schema.
// Schemaless maps get the listed entries cast (absent ones added as null). A null key/value
// passes through.
class Cast : public api::Transformation {
 public:
  static constexpr const char* kKeyClassName = "org.apache.kafka.connect.transforms.Cast$Key";
  static constexpr const char* kValueClassName = "org.apache.kafka.connect.transforms.Cast$Value";

  static constexpr const char* kSpecConfig = "spec";
  static constexpr const char* kReplaceNullWithDefaultConfig = "replace.null.with.default";

  static constexpr const char* kOverviewDoc =
      "Cast fields or the entire key or value to a specific type, e.g. to force an integer field "
      "to a smaller width. Cast from integers, floats, boolean and string to any other type, and "
      "cast binary to string (base64 encoded).<p/>Use the concrete transformation type designed "
      "for the record key (<code>org.apache.kafka.connect.transforms.Cast$Key</code>) or value "
      "(<code>org.apache.kafka.connect.transforms.Cast$Value</code>).";

  static const api::ConfigDef& configDef();

  class Key;
  class Value;

  void configure(const std::map<std::string, std::string>& configs) override;
  bool apply(api::ConnectRecord& record) override;
  api::ConfigDef config() const override { return configDef(); }

 protected:
  explicit Cast(RecordSide side) : side_(side) {}

 private:
  // The parsed `spec`: field casts in configuration order (a repeated field keeps its first
  // position and its last type), or the type of a whole-value cast.
  struct CastSpec {
    std::vector<std::pair<std::string, api::Type>> fields;
    std::optional<api::Type> whole_value;
  };
  static CastSpec parseFieldTypes(const std::vector<std::string>& mappings);

  const api::Type* castFor(const std::string& field_name) const;
  void applySchemaless(api::ConnectRecord& record);
  void applyWithSchema(api::ConnectRecord& record);
  api::SchemaPtr getOrBuildSchema(const api::SchemaPtr& value_schema);

  RecordSide side_;
  CastSpec casts_;
  bool replace_null_with_default_ = true;
  SchemaUpdateCache schema_update_cache_;
};

// org.apache.kafka.connect.transforms.Cast$Key
class Cast::Key final : public Cast {
 public:
  Key() : Cast(RecordSide::Key) {}
};

// org.apache.kafka.connect.transforms.Cast$Value
class Cast::Value final : public Cast {
 public:
  Value() : Cast(RecordSide::Value) {}
};

}  // namespace connectd::transforms
