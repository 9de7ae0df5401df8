#pragma once

#include "server/api/plugin_registry.h"

namespace connectd::file {

// Registers FileStreamSourceConnector, FileStreamSinkConnector and their tasks under Kafka's
// class names.
void registerFileConnectors(api::PluginRegistry& registry);

}  // namespace connectd::file
