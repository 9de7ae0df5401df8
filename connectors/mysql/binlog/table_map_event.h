#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "connectors/mysql/binlog/binlog_event.h"

namespace connectd::mysql::binlog {

// Column type codes as they appear in TABLE_MAP events (enum_field_types).
enum class ColumnType : uint8_t {
  Decimal = 0,
  Tiny = 1,
  Short = 2,
  Long = 3,
  Float = 4,
  Double = 5,
  Null = 6,
  Timestamp = 7,
  LongLong = 8,
  Int24 = 9,
  Date = 10,
  Time = 11,
  DateTime = 12,
  Year = 13,
  NewDate = 14,
  Varchar = 15,
  Bit = 16,
  Timestamp2 = 17,
  DateTime2 = 18,
  Time2 = 19,
  Vector = 242,
  Json = 245,
  NewDecimal = 246,
  Enum = 247,
  Set = 248,
  TinyBlob = 249,
  MediumBlob = 250,
  LongBlob = 251,
  Blob = 252,
  VarString = 253,
  String = 254,
  Geometry = 255,
};

// TABLE_MAP: binds a table id used by the following rows events to a table and its binlog
// column layout. Copyable, owns its strings.
struct TableMapEvent {
  uint64_t table_id = 0;
  uint16_t flags = 0;
  std::string database;
  std::string table;
  std::vector<uint8_t>
      column_types;  // ColumnType codes; ENUM/SET/CHAR arrive as String, see realType()
  std::vector<uint16_t> column_metadata;  // per column, see below
  std::vector<bool> nullable;

  // Optional metadata (binlog_row_metadata=MINIMAL/FULL); each vector is empty when absent.
  std::vector<bool> signedness;           // one per numeric column in column order, true = UNSIGNED
  std::vector<std::string> column_names;  // per column (FULL)
  // Per column index: the ENUM / SET literals of that column, empty for other columns (FULL).
  std::vector<std::vector<std::string>> enum_values, set_values;
  // Per column index: collation id of character, ENUM and SET columns, 0 for others.
  std::vector<uint16_t> column_charsets;
  std::vector<uint32_t> primary_key;           // column indexes, in key order
  std::vector<uint32_t> primary_key_prefixes;  // parallel to primary_key; 0 = whole column
  std::vector<uint8_t> geometry_types;         // per column index, 0 for non-spatial (FULL)
  std::vector<bool> visibility;                // per column, false = invisible (MySQL 8.0.23+)

  size_t columnCount() const { return column_types.size(); }
  // ENUM, SET or STRING for a String column (from the metadata), the binlog type otherwise.
  uint8_t realType(size_t column) const;
  // From the SIGNEDNESS metadata; nullopt when absent or not a numeric column.
  std::optional<bool> isUnsigned(size_t column) const;
};

// Metadata per binlog column type, as decoded into column_metadata:
//   FLOAT/DOUBLE: storage bytes; BLOB/GEOMETRY/JSON/VECTOR: bytes of the length prefix;
//   VARCHAR/VAR_STRING: max length in bytes; BIT: (bytes << 8) | remaining bits;
//   NEWDECIMAL: (precision << 8) | scale; STRING/ENUM/SET: (real type << 8) | length
//   (raw, with MySQL's CHAR>255 bits still folded in); TIME2/DATETIME2/TIMESTAMP2: fsp.
TableMapEvent parseTableMap(const Event& event, const FormatDescription& fd);

// Whether `type` counts as numeric for the SIGNEDNESS metadata.
bool isNumericColumnType(uint8_t type);

}  // namespace connectd::mysql::binlog
