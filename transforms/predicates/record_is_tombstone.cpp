#include "transforms/predicates/record_is_tombstone.h"

namespace connectd::transforms {

const api::ConfigDef& RecordIsTombstone::configDef() {
  static const api::ConfigDef def;
  return def;
}

}  // namespace connectd::transforms
