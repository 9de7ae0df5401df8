#include "server/converters/byte_array_converter.h"

#include "server/api/errors.h"
#include "server/converters/converter_config.h"

namespace connectd::converters {

const api::ConfigDef& ByteArrayConverter::configDef() {
  static const api::ConfigDef def = ConverterConfig::newConfigDef();
  return def;
}

api::ConfigDef ByteArrayConverter::config() const { return configDef(); }

bool ByteArrayConverter::fromConnectData(std::string_view, const api::SchemaPtr& schema,
                                         const api::Value& value, std::string& out) {
  out.clear();
  if (schema && schema->type() != api::Type::Bytes)
    throw api::DataException("Invalid schema type for ByteArrayConverter: " +
                             std::string(api::typeName(schema->type())));
  if (value.isNull()) return false;
  if (value.kind() != api::Value::Kind::Bytes)
    throw api::DataException("ByteArrayConverter is not compatible with objects of type class " +
                             std::string(value.javaClassName()));
  out.append(value.asBytes().data);
  return true;
}

api::SchemaAndValue ByteArrayConverter::toConnectData(std::string_view, const char* data,
                                                      size_t size) {
  if (data == nullptr) return {api::schemas::optionalBytes(), api::Value()};
  return {api::schemas::optionalBytes(), api::Value(api::Bytes{std::string(data, size)})};
}

bool ByteArrayConverter::fromConnectHeader(std::string_view topic, std::string_view,
                                           const api::SchemaPtr& schema, const api::Value& value,
                                           std::string& out) {
  return fromConnectData(topic, schema, value, out);
}

api::SchemaAndValue ByteArrayConverter::toConnectHeader(std::string_view topic, std::string_view,
                                                        const char* data, size_t size) {
  return toConnectData(topic, data, size);
}

}  // namespace connectd::converters
