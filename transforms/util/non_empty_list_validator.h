#pragma once

#include "server/api/config_def.h"

namespace connectd::transforms {

// Kafka's transforms.util.NonEmptyListValidator ("non-empty list"): a null or empty LIST fails
// with ConfigException(name, value, "Empty list").
api::ConfigDef::ValidatorSpec nonEmptyListValidator();

}  // namespace connectd::transforms
