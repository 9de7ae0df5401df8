#pragma once

#include <cstdint>
#include <string_view>

namespace connectd::mysql::binlog {

// One column value of a binlog row image, decoded from MySQL's binary row format but not
// converted to Connect yet: that needs Debezium's column model (ENUM literals, charset,
// UNSIGNED, DDL length) and the connector config, and is done by the value converters.
// String-like payloads are views into the event buffer: valid until the next event is read.
struct Cell {
  enum class Kind : uint8_t {
    Null,
    Int,        // TINY/SHORT/INT24/LONG/LONGLONG: `i` is the stored value sign-extended from `width` bytes;
                // an UNSIGNED column reinterprets it (uint64 of the low `width` bytes)
    Float,      // FLOAT: `f`
    Double,     // DOUBLE: `d`
    Decimal,    // NEWDECIMAL: `text` = plain notation with the column scale ("-12.340", "0.00")
    String,     // CHAR/VARCHAR/TEXT (*TEXT arrive as BLOB type; the DDL model decides): raw bytes in `bytes`
    Blob,       // BLOB/BINARY/VARBINARY bytes as stored (BINARY(n) trailing 0x00 stripped by the server)
    Bit,        // BIT(n): big-endian bytes as stored in `bytes`, `width` = n bits
    Enum,       // ENUM: 1-based index in `i` (0 = the invalid '' value)
    Set,        // SET: member bitmask in `u`
    Year,       // YEAR: full year in `i` (0 for 0000)
    Date,       // DATE: temporal.year/month/day (zero parts possible)
    Time,       // TIME/TIME2: temporal.negative, hour (may exceed 24), minute, second, micros
    DateTime,   // DATETIME/DATETIME2: wall clock in temporal (zero parts possible)
    Timestamp,  // TIMESTAMP/TIMESTAMP2: `i` = epoch seconds, temporal.micros = fraction
    Json,       // MySQL binary JSON in `bytes` (MariaDB JSON is LONGTEXT and arrives as a Blob)
    Geometry,   // GEOMETRY: MySQL's internal format (4-byte little-endian SRID + WKB) in `bytes`
  };
  struct Temporal {
    int32_t year = 0;
    uint8_t month = 0;
    uint8_t day = 0;
    uint32_t hour = 0;
    uint8_t minute = 0;
    uint8_t second = 0;
    uint32_t micros = 0;
    bool negative = false;
    uint8_t fsp = 0;  // fractional digits declared in the binlog metadata
  };

  Kind kind = Kind::Null;
  uint8_t width = 0;  // Int: storage bytes (1, 2, 3, 4, 8); Bit: number of bits
  int64_t i = 0;
  uint64_t u = 0;
  float f = 0;
  double d = 0;
  std::string_view bytes;
  std::string_view text;  // Decimal only; points into decoder-owned storage valid like `bytes`
  Temporal temporal;

  bool isNull() const { return kind == Kind::Null; }
};

}  // namespace connectd::mysql::binlog
