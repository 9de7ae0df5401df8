#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/mysql/schema/table_change.h"
#include "server/api/connect_record.h"

namespace connectd::mysql {

// io.debezium.relational.history.HistoryRecord: one entry of the schema history (the Kafka
// topic of KafkaSchemaHistory, the lines of FileSchemaHistory).
struct HistoryRecord {
  api::OffsetMap source;    // the source partition: {"server": topic.prefix}
  api::OffsetMap position;  // the connector offset at the DDL
  int64_t ts_ms = 0;
  std::optional<std::string> databaseName;  // "" for server-level SET statements
  std::optional<std::string> schemaName;    // never set for MySQL
  std::string ddl;
  std::vector<TableChange> tableChanges;
};

// The record as Debezium writes it: Jackson's DefaultPrettyPrinter layout (2-space indent,
// " : " separators, inline arrays "[ a, b ]", "[ ]", "{ }", "\n" line ends, no trailing
// newline), members in HistoryRecord/JsonTableChangeSerializer order.
std::string serializeHistoryRecord(const HistoryRecord& record);

// Reads a record in any JSON formatting (ours or Debezium's) the way JsonTableChangeSerializer
// deserializes it: columns are renumbered in array order, character columns without a charset
// get the table's default, a nullable column without default gets the implicit NULL default.
// Throws std::runtime_error for text that is not a history record.
HistoryRecord parseHistoryRecord(std::string_view json);

}  // namespace connectd::mysql
