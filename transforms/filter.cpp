#include "transforms/filter.h"

namespace connectd::transforms {

const api::ConfigDef& Filter::configDef() {
  static const api::ConfigDef def;
  return def;
}

}  // namespace connectd::transforms
