#pragma once

#include <string>
#include <vector>

#include "connectors/mysql/binlog/binlog_cell.h"
#include "connectors/mysql/schema/table.h"

namespace connectd::mysql::testing {

// A Column as Debezium's MySQL DDL parser fills it.
inline Column col(std::string name, std::string type, int jdbc_type, std::optional<int> length = std::nullopt,
                  std::optional<int> scale = std::nullopt, bool optional = true) {
  Column c;
  c.name = std::move(name);
  c.typeName = type;
  c.typeExpression = type;
  c.jdbcType = jdbc_type;
  c.length = length;
  c.scale = scale;
  c.optional = optional;
  return c;
}

inline Column withDefault(Column c, std::optional<std::string> expr) {
  c.hasDefaultValue = true;
  c.defaultValueExpression = std::move(expr);
  return c;
}

inline binlog::Cell intCell(int64_t v, uint8_t width) {
  binlog::Cell c;
  c.kind = binlog::Cell::Kind::Int;
  c.i = v;
  c.width = width;
  return c;
}
inline binlog::Cell nullCell() { return binlog::Cell{}; }
inline binlog::Cell bytesCell(binlog::Cell::Kind kind, std::string_view bytes) {
  binlog::Cell c;
  c.kind = kind;
  c.bytes = bytes;
  return c;
}
inline binlog::Cell decimalCell(std::string_view text) {
  binlog::Cell c;
  c.kind = binlog::Cell::Kind::Decimal;
  c.text = text;
  return c;
}
inline binlog::Cell dateCell(int y, int m, int d) {
  binlog::Cell c;
  c.kind = binlog::Cell::Kind::Date;
  c.temporal.year = y;
  c.temporal.month = static_cast<uint8_t>(m);
  c.temporal.day = static_cast<uint8_t>(d);
  return c;
}
inline binlog::Cell dateTimeCell(int y, int mo, int d, int h, int mi, int s, uint32_t micros = 0) {
  binlog::Cell c = dateCell(y, mo, d);
  c.kind = binlog::Cell::Kind::DateTime;
  c.temporal.hour = static_cast<uint32_t>(h);
  c.temporal.minute = static_cast<uint8_t>(mi);
  c.temporal.second = static_cast<uint8_t>(s);
  c.temporal.micros = micros;
  return c;
}
inline binlog::Cell timeCell(bool negative, uint32_t h, int m, int s, uint32_t micros = 0) {
  binlog::Cell c;
  c.kind = binlog::Cell::Kind::Time;
  c.temporal.negative = negative;
  c.temporal.hour = h;
  c.temporal.minute = static_cast<uint8_t>(m);
  c.temporal.second = static_cast<uint8_t>(s);
  c.temporal.micros = micros;
  return c;
}
inline binlog::Cell timestampCell(int64_t epoch_seconds, uint32_t micros = 0) {
  binlog::Cell c;
  c.kind = binlog::Cell::Kind::Timestamp;
  c.i = epoch_seconds;
  c.temporal.micros = micros;
  return c;
}

}  // namespace connectd::mysql::testing
