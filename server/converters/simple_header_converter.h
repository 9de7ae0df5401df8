#pragma once

#include <map>
#include <string>
#include <string_view>

#include "server/api/converter.h"

namespace connectd::converters {

// org.apache.kafka.connect.storage.SimpleHeaderConverter, the worker's default header converter.
// Writes a header value as its Values.convertToString form (strings as they are) in UTF-8; reads
// a header by inferring a schema from the text (Values.parseString, simplified: see README).
// No configuration keys.
class SimpleHeaderConverter final : public api::HeaderConverter {
 public:
  static constexpr const char* kClassName =
      "org.apache.kafka.connect.storage.SimpleHeaderConverter";

  static const api::ConfigDef& configDef();

  void configure(const std::map<std::string, std::string>& configs) override {}
  api::ConfigDef config() const override;

  bool fromConnectHeader(std::string_view topic, std::string_view header_key,
                         const api::SchemaPtr& schema, const api::Value& value,
                         std::string& out) override;
  api::SchemaAndValue toConnectHeader(std::string_view topic, std::string_view header_key,
                                      const char* data, size_t size) override;
};

}  // namespace connectd::converters
