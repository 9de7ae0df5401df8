#pragma once

#include "server/api/plugin_registry.h"

namespace connectd::mysql {

// MySqlConnector and MariaDbConnector with their tasks.
void registerMySqlConnectors(api::PluginRegistry& registry);

}  // namespace connectd::mysql
