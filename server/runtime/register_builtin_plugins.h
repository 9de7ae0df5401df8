#pragma once

#include "server/api/plugin_registry.h"

namespace connectd::runtime {

// Registers every plugin built into connectd: the whole plugin list, readable in one place.
void registerBuiltinPlugins(api::PluginRegistry& registry);

}  // namespace connectd::runtime
