#pragma once

#include "server/api/plugin_registry.h"

namespace connectd::transforms {

// Registers every SMT and predicate of this module (Kafka's built-ins, and Debezium's
// ExtractNewRecordState and ByLogicalTableRouter) under its Java class name.
void registerTransforms(api::PluginRegistry& registry);

}  // namespace connectd::transforms
