#include "server/converters/converter_config.h"

namespace connectd::converters {

std::string_view converterTypeName(ConverterType type) {
  switch (type) {
    case ConverterType::Key: return "key";
    case ConverterType::Value: return "value";
    case ConverterType::Header: return "header";
  }
  return "value";
}

api::ConfigDef ConverterConfig::newConfigDef() {
  api::ConfigDef def;
  def.define(kTypeConfig, api::ConfigDef::Type::String,
             api::ConfigDef::validString({"key", "value", "header"}),
             api::ConfigDef::Importance::Low, "How this converter will be used.");
  return def;
}

std::map<std::string, std::string> ConverterConfig::withType(
    const std::map<std::string, std::string>& configs, ConverterType type) {
  auto out = configs;
  out[kTypeConfig] = std::string(converterTypeName(type));
  return out;
}

std::map<std::string, std::string> ConverterConfig::withDefaultType(
    const std::map<std::string, std::string>& configs, ConverterType type) {
  auto out = configs;
  out.emplace(kTypeConfig, std::string(converterTypeName(type)));
  return out;
}

ConverterType ConverterConfig::typeOf(const api::ParsedConfig& config) {
  std::string t = config.getString(kTypeConfig);
  if (t == "key") return ConverterType::Key;
  if (t == "header") return ConverterType::Header;
  return ConverterType::Value;
}

}  // namespace connectd::converters
