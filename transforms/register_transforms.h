#pragma once

#include "server/api/plugin_registry.h"

namespace connectd::transforms {

// Registers every SMT and predicate of this module (InsertField$Key/$Value, RegexRouter,
// predicates.TopicNameMatches) under its Kafka class name.
void registerTransforms(api::PluginRegistry& registry);

}  // namespace connectd::transforms
