#pragma once

#include <map>
#include <string>

#include "server/api/config_def.h"
#include "server/converters/converter_config.h"

namespace connectd::converters {

// How JsonConverter writes Decimal values (org.apache.kafka.connect.json.DecimalFormat).
enum class DecimalFormat { Base64, Numeric };

// org.apache.kafka.connect.json.JsonConverterConfig.
class JsonConverterConfig {
 public:
  static constexpr const char* kSchemasEnableConfig = "schemas.enable";
  static constexpr const char* kSchemasCacheSizeConfig = "schemas.cache.size";
  static constexpr const char* kDecimalFormatConfig = "decimal.format";
  static constexpr const char* kReplaceNullWithDefaultConfig = "replace.null.with.default";
  static constexpr int kSchemasCacheSizeDefault = 1000;

  static const api::ConfigDef& configDef();

  // The defaults, as a value converter.
  JsonConverterConfig() = default;
  // Parses `props` (which must carry converter.type); throws ConfigException.
  explicit JsonConverterConfig(const std::map<std::string, std::string>& props);

  bool schemasEnabled() const { return schemas_enabled_; }
  int schemaCacheSize() const { return schema_cache_size_; }
  DecimalFormat decimalFormat() const { return decimal_format_; }
  bool replaceNullWithDefault() const { return replace_null_with_default_; }
  ConverterType type() const { return type_; }

 private:
  bool schemas_enabled_ = true;
  int schema_cache_size_ = kSchemasCacheSizeDefault;
  DecimalFormat decimal_format_ = DecimalFormat::Base64;
  bool replace_null_with_default_ = true;
  ConverterType type_ = ConverterType::Value;
};

}  // namespace connectd::converters
