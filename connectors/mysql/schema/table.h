#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace connectd::mysql {

// Debezium's TableId for MySQL: catalog (the database) and table; the schema part is always null.
struct TableId {
  std::string catalog;
  std::string table;

  // "db.table", the form the filters, topic names and data_collection values use ("table" alone
  // when there is no database, as TableId.toString).
  std::string toString() const { return catalog.empty() ? table : catalog + "." + table; }
  // "\"db\".\"table\"", the form of the history record's "id" (TableId.toDoubleQuotedString).
  std::string toDoubleQuotedString() const { return toQuotedString('"'); }
  // TableId.toQuotedString: each part quoted with `quote` (embedded quote characters doubled,
  // a part that already starts or ends with the quote left as is); an empty catalog is omitted.
  std::string toQuotedString(char quote) const;
  bool operator==(const TableId& o) const { return catalog == o.catalog && table == o.table; }
  bool operator!=(const TableId& o) const { return !(*this == o); }
  bool operator<(const TableId& o) const { return catalog != o.catalog ? catalog < o.catalog : table < o.table; }
};

// java.sql.Types values Debezium's DDL parser assigns (they appear in history records).
namespace jdbc {
inline constexpr int kBit = -7;
inline constexpr int kTinyInt = -6;
inline constexpr int kSmallInt = 5;
inline constexpr int kInteger = 4;
inline constexpr int kBigInt = -5;
inline constexpr int kFloat = 6;
inline constexpr int kReal = 7;
inline constexpr int kDouble = 8;
inline constexpr int kNumeric = 2;
inline constexpr int kDecimal = 3;
inline constexpr int kChar = 1;
inline constexpr int kVarchar = 12;
inline constexpr int kNChar = -15;
inline constexpr int kNVarchar = -9;
inline constexpr int kDate = 91;
inline constexpr int kTime = 92;
inline constexpr int kTimestamp = 93;
inline constexpr int kTimestampWithTimezone = 2014;
inline constexpr int kBinary = -2;
inline constexpr int kVarbinary = -3;
inline constexpr int kBlob = 2004;
inline constexpr int kBoolean = 16;
inline constexpr int kOther = 1111;
}  // namespace jdbc

// Debezium's relational Column as its MySQL DDL parser fills it. Field names follow the
// history record (JsonTableChangeSerializer), which is where most of them end up verbatim.
struct Column {
  std::string name;
  int position = 0;  // 1-based
  int jdbcType = jdbc::kOther;
  std::optional<int> nativeType;  // never set for MySQL
  // Upper-case type name with modifiers as Debezium writes it: "INT", "INT UNSIGNED",
  // "BIGINT UNSIGNED ZEROFILL", "VARCHAR", "DECIMAL", "ENUM", "TIMESTAMP", "GEOMETRY", ...
  std::string typeName;
  std::string typeExpression;  // = typeName
  std::optional<std::string> charsetName;  // character columns only (resolved: column, table or db default)
  std::optional<int> length;  // display width / char length / precision / fsp / bit count
  std::optional<int> scale;
  bool optional = true;
  bool autoIncremented = false;
  bool generated = false;
  std::optional<std::string> comment;
  bool hasDefaultValue = false;
  // The DDL DEFAULT literal as Debezium records it (quotes removed, CURRENT_TIMESTAMP kept as
  // written, "1970-01-01 00:00:00" for CURRENT_TIMESTAMP after conversion is the converter's job).
  std::optional<std::string> defaultValueExpression;
  // ENUM/SET literals as written in the DDL, quotes included ("'a'"); empty otherwise.
  std::vector<std::string> enumValues;
};

// Debezium's relational Table.
struct Table {
  TableId id;
  std::vector<Column> columns;  // in position order
  // Primary key columns in key order; the DDL parser falls back to the first UNIQUE key's
  // columns when there is no primary key (as Debezium's MySQL parser does).
  std::vector<std::string> primaryKeyColumnNames;
  std::optional<std::string> defaultCharsetName;
  std::optional<std::string> comment;

  // Case-insensitive lookup (MySQL column names are case-insensitive).
  const Column* columnWithName(std::string_view name) const;
  Column* columnWithName(std::string_view name);
  bool isPrimaryKeyColumn(std::string_view name) const;
};

}  // namespace connectd::mysql
