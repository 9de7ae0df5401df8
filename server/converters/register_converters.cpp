#include "server/converters/register_converters.h"

#include <connectd/version.h>

#include <memory>

#include "server/converters/byte_array_converter.h"
#include "server/converters/json_converter.h"
#include "server/converters/json_converter_config.h"
#include "server/converters/simple_header_converter.h"
#include "server/converters/string_converter.h"

namespace connectd::converters {

namespace {

// Registers a class that is both a Converter and a HeaderConverter under both kinds.
template <typename T>
void addBoth(api::PluginRegistry& registry, std::function<api::ConfigDef()> def) {
  registry.addConverter(T::kClassName, kKafkaConnectVersion, def,
                        [] { return std::unique_ptr<api::Converter>(std::make_unique<T>()); });
  registry.addHeaderConverter(T::kClassName, kKafkaConnectVersion, def, [] {
    return std::unique_ptr<api::HeaderConverter>(std::make_unique<T>());
  });
}

}  // namespace

void registerConverters(api::PluginRegistry& registry) {
  addBoth<JsonConverter>(registry, [] { return JsonConverterConfig::configDef(); });
  addBoth<StringConverter>(registry, [] { return StringConverter::configDef(); });
  addBoth<ByteArrayConverter>(registry, [] { return ByteArrayConverter::configDef(); });
  registry.addHeaderConverter(
      SimpleHeaderConverter::kClassName, kKafkaConnectVersion,
      [] { return SimpleHeaderConverter::configDef(); },
      [] {
        return std::unique_ptr<api::HeaderConverter>(std::make_unique<SimpleHeaderConverter>());
      });
}

}  // namespace connectd::converters
