#pragma once

#include <map>
#include <string>
#include <string_view>

#include "server/api/converter.h"

namespace connectd::converters {

// org.apache.kafka.connect.storage.StringConverter: writes value.toString() as UTF-8 and reads
// bytes back as an optional string; the schema is ignored on write. Also a HeaderConverter.
// Only UTF-8 is supported for converter.encoding.
class StringConverter final : public api::Converter, public api::HeaderConverter {
 public:
  static constexpr const char* kClassName = "org.apache.kafka.connect.storage.StringConverter";
  static constexpr const char* kEncodingConfig = "converter.encoding";

  static const api::ConfigDef& configDef();

  void configure(const std::map<std::string, std::string>& configs, bool is_key) override;
  void configure(const std::map<std::string, std::string>& configs) override;
  api::ConfigDef config() const override;

  bool fromConnectData(std::string_view topic, const api::SchemaPtr& schema,
                       const api::Value& value, std::string& out) override;
  api::SchemaAndValue toConnectData(std::string_view topic, const char* data, size_t size) override;

  bool fromConnectHeader(std::string_view topic, std::string_view header_key,
                         const api::SchemaPtr& schema, const api::Value& value,
                         std::string& out) override;
  api::SchemaAndValue toConnectHeader(std::string_view topic, std::string_view header_key,
                                      const char* data, size_t size) override;
};

}  // namespace connectd::converters
