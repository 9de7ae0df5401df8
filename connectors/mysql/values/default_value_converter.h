#pragma once

#include <optional>
#include <string_view>

#include "connectors/mysql/schema/table.h"
#include "connectors/mysql/values/column_value_converter.h"
#include "server/api/value.h"

namespace connectd::mysql {

// Debezium's BinlogDefaultValueConverter: turns a column's DDL default expression (as the DDL
// parser recorded it in Column::defaultValueExpression) into the Connect value that becomes the
// field schema's `default`, then runs it through the column's value converter exactly as
// parseDefaultValue does. nullopt means "no default": no expression, DEFAULT NULL, a zero date
// on a nullable column, CURRENT_TIMESTAMP on a nullable TIMESTAMP, or an expression the column
// type cannot take (Debezium logs a warning and leaves the default out).
//
// CURRENT_TIMESTAMP / NOW() / LOCALTIME[STAMP] (with or without a precision) are read as
// "1970-01-01 00:00:00", which is what Debezium's DDL parser stores for them. TIMESTAMP literal
// defaults are read as UTC (Debezium reads them in the JVM time zone, UTC in the Debezium images).
class BinlogDefaultValueConverter {
 public:
  static std::optional<api::Value> parseDefaultValue(const Column& column, const ColumnValueConverter& converter);
};

// BigDecimal.setScale(scale, HALF_UP).toPlainString() of a decimal literal ("1.005", "-2", "1e3").
// nullopt when `text` is not a number Java's BigDecimal(String) accepts.
std::optional<std::string> rescaleDecimalHalfUp(std::string_view text, int scale);

}  // namespace connectd::mysql
