#include "server/converters/string_converter.h"

#include "server/api/errors.h"
#include "server/common/strings.h"
#include "server/converters/converter_config.h"
#include "server/converters/utf8.h"

namespace connectd::converters {

using api::ConfigDef;

const ConfigDef& StringConverter::configDef() {
  static const ConfigDef def = [] {
    ConfigDef d = ConverterConfig::newConfigDef();
    ConfigDef::Key encoding;
    encoding.name = kEncodingConfig;
    encoding.type = ConfigDef::Type::String;
    encoding.default_value = "UTF-8";
    encoding.importance = ConfigDef::Importance::High;
    encoding.documentation =
        "The name of the Java character set to use for encoding strings as byte arrays.";
    encoding.width = ConfigDef::Width::Medium;
    encoding.display_name = "Encoding";
    d.define(std::move(encoding));
    return d;
  }();
  return def;
}

void StringConverter::configure(const std::map<std::string, std::string>& configs, bool is_key) {
  configure(ConverterConfig::withType(configs, is_key ? ConverterType::Key : ConverterType::Value));
}

void StringConverter::configure(const std::map<std::string, std::string>& configs) {
  api::ParsedConfig config(configDef(),
                           ConverterConfig::withDefaultType(configs, ConverterType::Header));
  std::string encoding = config.getString(kEncodingConfig);
  // Java accepts any charset name; connectd moves strings as UTF-8 bytes end to end, so any other
  // encoding would silently corrupt data. Refuse it at configure time instead.
  if (!common::iequals(encoding, "UTF-8") && !common::iequals(encoding, "UTF8"))
    throw api::ConfigException(
        kEncodingConfig, encoding,
        "connectd's StringConverter supports only the UTF-8 encoding; remove the setting or "
        "set it to UTF-8");
}

ConfigDef StringConverter::config() const { return configDef(); }

bool StringConverter::fromConnectData(std::string_view, const api::SchemaPtr&,
                                      const api::Value& value, std::string& out) {
  out.clear();
  if (value.isNull()) return false;
  if (value.kind() == api::Value::Kind::String)
    out.append(value.asString());
  else
    out.append(value.toString());
  return true;
}

api::SchemaAndValue StringConverter::toConnectData(std::string_view, const char* data,
                                                   size_t size) {
  if (data == nullptr) return {api::schemas::optionalString(), api::Value()};
  return {api::schemas::optionalString(),
          api::Value(decodeUtf8Lossy(std::string_view(data, size)))};
}

bool StringConverter::fromConnectHeader(std::string_view topic, std::string_view,
                                        const api::SchemaPtr& schema, const api::Value& value,
                                        std::string& out) {
  return fromConnectData(topic, schema, value, out);
}

api::SchemaAndValue StringConverter::toConnectHeader(std::string_view topic, std::string_view,
                                                     const char* data, size_t size) {
  return toConnectData(topic, data, size);
}

}  // namespace connectd::converters
