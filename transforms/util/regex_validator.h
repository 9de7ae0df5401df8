#pragma once

#include "server/api/config_def.h"

namespace connectd::transforms {

// Kafka's transforms.util.RegexValidator ("valid regex"): the value must compile as a Java
// regular expression, else ConfigException(name, value, "Invalid regex: <PatternSyntaxException
// message>").
api::ConfigDef::ValidatorSpec regexValidator();

}  // namespace connectd::transforms
