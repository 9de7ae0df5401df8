#pragma once

#include "server/api/connect_record.h"

namespace connectd::transforms {

// Which half of a record a $Key / $Value SMT variant operates on (Kafka's operatingSchema /
// operatingValue / newRecord trio).
enum class RecordSide { Key, Value };

inline api::SchemaPtr& operatingSchema(api::ConnectRecord& record, RecordSide side) {
  return side == RecordSide::Key ? record.keySchema : record.valueSchema;
}
inline api::Value& operatingValue(api::ConnectRecord& record, RecordSide side) {
  return side == RecordSide::Key ? record.key : record.value;
}

}  // namespace connectd::transforms
