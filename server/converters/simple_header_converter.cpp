#include "server/converters/simple_header_converter.h"

#include <exception>

#include "server/converters/utf8.h"
#include "server/converters/values.h"

namespace connectd::converters {

const api::ConfigDef& SimpleHeaderConverter::configDef() {
  static const api::ConfigDef def;
  return def;
}

api::ConfigDef SimpleHeaderConverter::config() const { return configDef(); }

bool SimpleHeaderConverter::fromConnectHeader(std::string_view, std::string_view,
                                              const api::SchemaPtr& schema, const api::Value& value,
                                              std::string& out) {
  out.clear();
  if (value.isNull()) return false;
  if (value.kind() == api::Value::Kind::String) {
    out.append(value.asString());
  } else {
    out = Values::convertToString(schema.get(), value);
  }
  return true;
}

api::SchemaAndValue SimpleHeaderConverter::toConnectHeader(std::string_view, std::string_view,
                                                           const char* data, size_t size) {
  if (data == nullptr) return {};
  try {
    return Values::parseString(decodeUtf8Lossy(std::string_view(data, size)));
  } catch (const std::exception&) {
    // As Kafka: a header that cannot be parsed is kept as its raw bytes.
    return {api::schemas::bytes(), api::Value(api::Bytes{std::string(data, size)})};
  }
}

}  // namespace connectd::converters
