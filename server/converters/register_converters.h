#pragma once

#include "server/api/plugin_registry.h"

namespace connectd::converters {

// Registers the built-in converters under their Kafka class names: JsonConverter,
// StringConverter and ByteArrayConverter as both converters and header converters, and
// SimpleHeaderConverter as a header converter.
void registerConverters(api::PluginRegistry& registry);

}  // namespace connectd::converters
