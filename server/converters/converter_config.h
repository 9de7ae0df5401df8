#pragma once

#include <map>
#include <string>
#include <string_view>

#include "server/api/config_def.h"

namespace connectd::converters {

// Connect's ConverterType: how a converter instance is used. The worker passes it to
// configure() as `converter.type`.
enum class ConverterType { Key, Value, Header };

std::string_view converterTypeName(ConverterType type);  // "key", "value", "header"

// Connect's ConverterConfig: the `converter.type` key every converter config starts from.
class ConverterConfig {
 public:
  static constexpr const char* kTypeConfig = "converter.type";

  // A ConfigDef holding only `converter.type` (required; key, value or header).
  static api::ConfigDef newConfigDef();

  // `configs` with `converter.type` set to `type` (Converter.configure(configs, isKey) does this).
  static std::map<std::string, std::string> withType(
      const std::map<std::string, std::string>& configs, ConverterType type);
  // As withType, but keeps a type the caller already gave.
  static std::map<std::string, std::string> withDefaultType(
      const std::map<std::string, std::string>& configs, ConverterType type);

  // The parsed `converter.type`.
  static ConverterType typeOf(const api::ParsedConfig& config);
};

}  // namespace connectd::converters
