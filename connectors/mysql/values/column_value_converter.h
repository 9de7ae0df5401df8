#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/mysql/binlog/binlog_cell.h"
#include "connectors/mysql/schema/table.h"
#include "connectors/mysql/values/charset_decoder.h"
#include "connectors/mysql/values/value_converter_config.h"
#include "server/api/schema.h"
#include "server/api/value.h"

namespace connectd::mysql {

// The Connect representation of one column, resolved once from the column model and the
// connector config: Debezium's BinlogValueConverters.schemaBuilder(column) and
// converter(column, field) folded into one object whose conversions are a switch on a
// precomputed kind with precomputed parameters (no per-row type-name matching).
//
// Conversion follows JdbcValueConverters.convertValue: a NULL input gives null for a nullable
// column and, for a NOT NULL column, the field schema's default or else the type's fallback
// (0, false, "", empty bytes, "{}", epoch, an empty geometry). An input the type cannot take
// throws api::DataException (TableSchema then leaves the field null, Debezium's default
// event.converting.failure.handling.mode=warn).
//
// Immutable after bind(); every method may be called from any thread.
class ColumnValueConverter {
 public:
  enum class Kind : uint8_t {
    Boolean,            // BOOLEAN
    Bit,                // BIT(1): boolean
    Bits,               // BIT(n>1): io.debezium.data.Bits little-endian bytes
    Integer,            // every integer type except BIGINT UNSIGNED precise; see unsigned_bytes_
    UnsignedBigDecimal, // BIGINT UNSIGNED, bigint.unsigned.handling.mode=precise
    Float32,
    Float64,
    Decimal,
    String,
    Binary,
    Enum,
    Set,
    Year,
    Date,
    Time,
    DateTime,
    ZonedTimestamp,
    Json,
    Geometry,
    Point,
    Uuid,
    FloatVector,
  };
  enum class TimeUnit : uint8_t { Millis, Micros, Nanos };

  // nullopt when Debezium has no schema for the column's type (the column is left out).
  static std::optional<ColumnValueConverter> forColumn(const Column& column, const ValueConverterConfig& config);

  Kind kind() const { return kind_; }
  // The field schema before nullability, doc, default and mapper parameters are applied.
  api::SchemaBuilder schemaBuilder() const;
  // Fixes the final field schema; its default (if any) becomes the NOT NULL null replacement.
  void bind(const api::SchemaPtr& field_schema);
  const api::SchemaPtr& schema() const { return schema_; }

  // A decoded binlog cell.
  api::Value fromCell(const binlog::Cell& cell) const;
  // A text-protocol result cell (`data` null = SQL NULL). Character data is UTF-8 (the snapshot
  // connection's character_set_results); BIT/BINARY/BLOB/GEOMETRY arrive as raw bytes.
  api::Value fromText(const char* data, size_t length) const;

  // The value of a NULL input (see the class comment).
  api::Value nullValue() const;

  // Parameters, for the default value converter and the column mappers.
  const Column& column() const { return column_; }
  const ValueConverterConfig& config() const { return config_; }
  api::Type integerType() const { return int_type_; }
  int unsignedBytes() const { return unsigned_bytes_; }
  TimeUnit timeUnit() const { return time_unit_; }
  int length() const { return length_; }
  bool connectTime() const { return config_.time_precision == ValueConverterConfig::TimePrecisionMode::Connect; }

  // Shared by the binlog, text and default paths.
  api::Value integerValue(int64_t v) const;
  api::Value decimalValue(std::string_view plain_text) const;
  api::Value binaryValue(std::string_view bytes, bool normalize) const;
  api::Value dateValue(int64_t year, unsigned month, unsigned day) const;
  api::Value timeValue(int64_t micros) const;
  api::Value dateTimeValue(int64_t year, unsigned month, unsigned day, unsigned hour, unsigned minute,
                           unsigned second, uint32_t nano) const;
  api::Value bitsValue(std::string_view big_endian) const;

 private:
  api::Value typeFallback() const;
  api::Value geometryValue(std::string_view mysql_bytes) const;
  api::Value enumValue(int64_t index) const;
  api::Value setValue(uint64_t bits) const;
  api::Value floatVectorValue(std::string_view bytes) const;
  api::Value uuidValue(std::string_view bytes) const;
  api::Value jsonFromBytes(std::string_view bytes) const;

  Kind kind_ = Kind::String;
  Column column_;
  ValueConverterConfig config_;
  bool optional_ = true;
  int length_ = -1;          // Column.length(), -1 when unset
  int scale_ = 0;
  api::Type int_type_ = api::Type::Int64;
  int unsigned_bytes_ = 0;   // 1-4: UNSIGNED of that storage width; 0: signed (or raw 64-bit)
  bool text_float_single_ = false;  // the server stores a 4-byte FLOAT
  bool pad_binary_ = false;  // BINARY(n): right-pad with 0x00 to n
  int num_bytes_ = 0;        // BIT(n): ceil(n/8)
  TimeUnit time_unit_ = TimeUnit::Millis;
  std::vector<std::string> options_;  // ENUM/SET literals, unquoted and escaped as Debezium does
  std::shared_ptr<const CharsetDecoder> charset_;
  api::SchemaPtr schema_;
  api::Value fallback_;
};

// MySqlAntlrDdlParser.extractEnumAndSetOptions: quotes removed, "," escaped as "\,",
// "\'" and "''" collapsed to "'".
std::vector<std::string> extractEnumAndSetOptions(const std::vector<std::string>& enum_values);

}  // namespace connectd::mysql
