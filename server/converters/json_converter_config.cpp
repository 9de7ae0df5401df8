#include "server/converters/json_converter_config.h"

#include "server/common/strings.h"

namespace connectd::converters {

using api::ConfigDef;

const ConfigDef& JsonConverterConfig::configDef() {
  static const ConfigDef def = [] {
    ConfigDef d = ConverterConfig::newConfigDef();
    d.define(kSchemasEnableConfig, ConfigDef::Type::Boolean, "true", ConfigDef::Importance::High,
             "Include schemas within each of the serialized values and keys.")
        .withGroup("Schemas", 0, ConfigDef::Width::Medium, "Enable Schemas");
    d.define(kSchemasCacheSizeConfig, ConfigDef::Type::Int,
             std::to_string(kSchemasCacheSizeDefault), ConfigDef::Importance::High,
             "The maximum number of schemas that can be cached in this converter instance.")
        .withGroup("Schemas", 1, ConfigDef::Width::Medium, "Schema Cache Size");
    d.define(kDecimalFormatConfig, ConfigDef::Type::String, "BASE64",
             ConfigDef::validString({"BASE64", "NUMERIC"}, true), ConfigDef::Importance::Low,
             "Controls which format this converter will serialize decimals in. This value is case "
             "insensitive and can be either 'BASE64' (default) or 'NUMERIC'")
        .withGroup("Serialization", 0, ConfigDef::Width::Medium, "Decimal Format");
    d.define(kReplaceNullWithDefaultConfig, ConfigDef::Type::Boolean, "true",
             ConfigDef::Importance::Low,
             "Whether to replace fields that have a default value and that are null to the default "
             "value. When set to true, the default value is used, otherwise null is used.")
        .withGroup("Serialization", 1, ConfigDef::Width::Medium, "Replace null with default");
    return d;
  }();
  return def;
}

JsonConverterConfig::JsonConverterConfig(const std::map<std::string, std::string>& props) {
  api::ParsedConfig config(configDef(), props);
  schemas_enabled_ = config.getBoolean(kSchemasEnableConfig);
  schema_cache_size_ = config.getInt(kSchemasCacheSizeConfig);
  decimal_format_ = common::iequals(config.getString(kDecimalFormatConfig), "NUMERIC")
                        ? DecimalFormat::Numeric
                        : DecimalFormat::Base64;
  replace_null_with_default_ = config.getBoolean(kReplaceNullWithDefaultConfig);
  type_ = ConverterConfig::typeOf(config);
}

}  // namespace connectd::converters
