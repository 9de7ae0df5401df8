// Every MariaDB 10.11 column type through the MySQL/MariaDB source, compared field by field with
// what Debezium 3.6 emits through JsonConverter (spec debezium-mysql.md §1.9, §1.11, §2). The
// expected values were derived from Debezium's Java (BinlogValueConverters, JdbcValueConverters,
// BinlogDefaultValueConverter, RowDeserializers, the field readers, io.debezium.time.*) and Kafka's
// JsonConverter, never from connectd's output. Values are compared as the raw JSON text of the
// record, so Java's number formatting (1.0E10, 0.0, -1.0E-4) and Jackson's escaping are checked too.

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/mysql/binlog/connection.h"
#include "tests/integration/harness.h"
#include "tests/integration/mysql_it_support.h"

namespace connectd::it {
namespace {

// A session for the test's own writes: zero dates, zero-in-date values and invalid ENUM values
// are accepted (no strict mode), and TIMESTAMP literals are UTC like the server.
std::unique_ptr<mysql::Connection> relaxedSession() {
  auto c = mariadb();
  c->execute("SET SESSION sql_mode='NO_ENGINE_SUBSTITUTION'");
  c->execute("SET SESSION time_zone='+00:00'");
  return c;
}

// ---- independent encoders for the expected values ----

std::string base64(std::string_view bytes) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t v = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) | uint8_t(bytes[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (bytes.size() - i == 1) {
    uint32_t v = uint8_t(bytes[i]) << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  } else if (bytes.size() - i == 2) {
    uint32_t v = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

std::string hex(std::string_view bytes) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

std::string repeat(std::string_view unit, size_t n) {
  std::string out;
  out.reserve(unit.size() * n);
  for (size_t i = 0; i < n; ++i) out += unit;
  return out;
}

// A JSON string literal for text without characters Jackson escapes.
std::string jsonText(std::string_view s) { return "\"" + std::string(s) + "\""; }

// b'...' literal of a BIT value.
std::string bitLiteral(uint64_t v, int bits) {
  std::string s = "b'";
  for (int i = bits - 1; i >= 0; --i) s += ((v >> i) & 1) ? '1' : '0';
  return s + "'";
}

// ---- the column matrix ----

constexpr int kRows = 5;

// One row's SQL literal and the JSON text Debezium prints for it: `snapshot` for 'r' events,
// `streaming` for binlog events when that differs (spec §2.10).
struct Cell {
  std::string sql;
  std::string snapshot;
  std::optional<std::string> streaming = std::nullopt;
  const std::string& expected(bool is_streaming) const {
    return is_streaming && streaming ? *streaming : snapshot;
  }
};

struct ColumnCase {
  std::string name;
  std::string ddl;
  std::string schema;  // the field schema JSON without its trailing "field" member
  std::vector<Cell> rows;
};

std::string fieldSchema(const std::string& schema, const std::string& name) {
  return schema.substr(0, schema.size() - 1) + ",\"field\":\"" + name + "\"}";
}

const std::string kGeometrySchema =
    R"({"type":"struct","fields":[{"type":"bytes","optional":false,"field":"wkb"},{"type":"int32","optional":true,"field":"srid"}],"optional":true,"name":"io.debezium.data.geometry.Geometry","version":1,"doc":"Geometry"})";
const std::string kPointSchema =
    R"json({"type":"struct","fields":[{"type":"double","optional":false,"field":"x"},{"type":"double","optional":false,"field":"y"},{"type":"bytes","optional":true,"field":"wkb"},{"type":"int32","optional":true,"field":"srid"}],"optional":true,"name":"io.debezium.data.geometry.Point","version":1,"doc":"Geometry (POINT)"})json";

// WKB (without MySQL's SRID prefix) of the geometries used below, little-endian doubles.
const std::string kWkbPoint12 = "AQEAAAAAAAAAAADwPwAAAAAAAABA";
const std::string kWkbPointM15_0 = "AQEAAAAAAAAAAAD4vwAAAAAAAAAA";
const std::string kWkbPoint34 = "AQEAAAAAAAAAAAAIQAAAAAAAABBA";
const std::string kWkbPoint00 = "AQEAAAAAAAAAAAAAAAAAAAAAAAAA";
const std::string kWkbLine0011 = "AQIAAAACAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAPA/AAAAAAAA8D8=";
const std::string kWkbLine112233 =
    "AQIAAAADAAAAAAAAAAAA8D8AAAAAAADwPwAAAAAAAABAAAAAAAAAAEAAAAAAAAAIQAAAAAAAAAhA";
const std::string kWkbTriangle =
    "AQMAAAABAAAABAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAADwPwAAAAAAAAAAAAAAAAAA8D8AAAAAAADwPwAAAAAAAAAAAAAAAAAAAAA=";
const std::string kWkbSquare =
    "AQMAAAABAAAABQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAEAAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAAAA";
const std::string kWkbEmptyCollection = "AQcAAAAAAAAA";

std::string geometry(const std::string& wkb, const std::string& srid = "null") {
  return R"({"wkb":")" + wkb + R"(","srid":)" + srid + "}";
}
std::string point(const std::string& x, const std::string& y, const std::string& wkb,
                  const std::string& srid = "null") {
  return R"({"x":)" + x + R"(,"y":)" + y + R"(,"wkb":")" + wkb + R"(","srid":)" + srid + "}";
}

// Rows: 1 = maxima, 2 = minima/empties, 3 = NULLs (and DEFAULT for NOT NULL columns),
// 4 = ordinary values, 5 = zero dates, invalid ENUM, sub-second edges.
std::vector<ColumnCase> tableColumns() {
  const std::string dec65_max_sql = repeat("9", 35) + "." + repeat("9", 30);
  const std::string medium_text = repeat("m", 70000);
  const std::string long_text = repeat("ü", 100000);
  const std::string blob_bytes = repeat("\xAB", 70000);
  return {
      // TINYINT(1) in SHOW CREATE TABLE: int16 (Debezium ≤ 3.6), not boolean.
      {"c_bool", "BOOLEAN", R"({"type":"int16","optional":true})",
       {{"1", "1"}, {"0", "0"}, {"NULL", "null"}, {"1", "1"}, {"127", "127"}}},
      {"c_bit1", "BIT(1)", R"({"type":"boolean","optional":true})",
       {{"b'1'", "true"}, {"b'0'", "false"}, {"NULL", "null"}, {"b'1'", "true"}, {"b'0'", "false"}}},
      // Bits: little-endian, zero-padded to ceil(n/8) bytes.
      {"c_bit16", "BIT(16)",
       R"({"type":"bytes","optional":true,"name":"io.debezium.data.Bits","version":1,"parameters":{"length":"16"}})",
       {{bitLiteral(0xFFFF, 16), R"("//8=")"},
        {"b'0'", R"("AAA=")"},
        {"NULL", "null"},
        {bitLiteral(0x0102, 16), R"("AgE=")"},
        {"b'1'", R"("AQA=")"}}},
      {"c_bit64", "BIT(64)",
       R"({"type":"bytes","optional":true,"name":"io.debezium.data.Bits","version":1,"parameters":{"length":"64"}})",
       {{bitLiteral(0xFFFFFFFFFFFFFFFFull, 64), R"("//////////8=")"},
        {"b'0'", R"("AAAAAAAAAAA=")"},
        {"NULL", "null"},
        {bitLiteral(0x8000000000000001ull, 64), R"("AQAAAAAAAIA=")"},
        {bitLiteral(0x0102030405060708ull, 64), R"("CAcGBQQDAgE=")"}}},
      {"c_tiny", "TINYINT", R"({"type":"int16","optional":true})",
       {{"127", "127"}, {"-128", "-128"}, {"NULL", "null"}, {"-5", "-5"}, {"0", "0"}}},
      {"c_utiny", "TINYINT UNSIGNED", R"({"type":"int16","optional":true})",
       {{"255", "255"}, {"0", "0"}, {"NULL", "null"}, {"200", "200"}, {"1", "1"}}},
      {"c_small", "SMALLINT", R"({"type":"int16","optional":true})",
       {{"32767", "32767"}, {"-32768", "-32768"}, {"NULL", "null"}, {"1234", "1234"}, {"0", "0"}}},
      {"c_usmall", "SMALLINT UNSIGNED", R"({"type":"int32","optional":true})",
       {{"65535", "65535"}, {"0", "0"}, {"NULL", "null"}, {"40000", "40000"}, {"1", "1"}}},
      {"c_medium", "MEDIUMINT", R"({"type":"int32","optional":true})",
       {{"8388607", "8388607"}, {"-8388608", "-8388608"}, {"NULL", "null"}, {"-100", "-100"}, {"0", "0"}}},
      {"c_umedium", "MEDIUMINT UNSIGNED", R"({"type":"int32","optional":true})",
       {{"16777215", "16777215"}, {"0", "0"}, {"NULL", "null"}, {"9000000", "9000000"}, {"1", "1"}}},
      {"c_int", "INT", R"({"type":"int32","optional":true})",
       {{"2147483647", "2147483647"}, {"-2147483648", "-2147483648"}, {"NULL", "null"}, {"42", "42"}, {"0", "0"}}},
      {"c_uint", "INT UNSIGNED", R"({"type":"int64","optional":true})",
       {{"4294967295", "4294967295"}, {"0", "0"}, {"NULL", "null"}, {"3000000000", "3000000000"}, {"1", "1"}}},
      {"c_big", "BIGINT", R"({"type":"int64","optional":true})",
       {{"9223372036854775807", "9223372036854775807"},
        {"-9223372036854775808", "-9223372036854775808"},
        {"NULL", "null"},
        {"-42", "-42"},
        {"0", "0"}}},
      // bigint.unsigned.handling.mode=long: values >= 2^63 wrap to negative.
      {"c_ubig", "BIGINT UNSIGNED", R"({"type":"int64","optional":true})",
       {{"18446744073709551615", "-1"},
        {"0", "0"},
        {"NULL", "null"},
        {"9223372036854775808", "-9223372036854775808"},
        {"1", "1"}}},
      // float32 printed with Java's Float.toString.
      {"c_float", "FLOAT", R"({"type":"float","optional":true})",
       {{"1e10", "1.0E10"}, {"-0.25", "-0.25"}, {"NULL", "null"}, {"3.14", "3.14"}, {"0", "0.0"}}},
      {"c_double", "DOUBLE", R"({"type":"double","optional":true})",
       {{"1.7976931348623157e308", "1.7976931348623157E308"},
        {"-0.0001", "-1.0E-4"},
        {"NULL", "null"},
        {"123456789.125", "1.23456789125E8"},
        {"0", "0.0"}}},
      // Decimal: Base64 of BigInteger.toByteArray() of the unscaled value.
      {"c_dec", "DECIMAL(10,2)",
       R"({"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2","connect.decimal.precision":"10"}})",
       {{"99999999.99", R"("AlQL4/8=")"},
        {"-99999999.99", R"("/av0HAE=")"},
        {"NULL", "null"},
        {"12345.67", R"("EtaH")"},
        {"0.01", R"("AQ==")"}}},
      {"c_dec65", "DECIMAL(65,30)",
       R"({"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"30","connect.decimal.precision":"65"}})",
       {{dec65_max_sql, R"("APMWJxx/w5CKi+9GTjlF73olNgn//////////w==")"},
        {"-0.000000000000000000000000000001", R"("/w==")"},
        {"NULL", "null"},
        {"1.5", R"("Eu7C6zhpr2TfYAAAAA==")"},
        {"0", R"("AA==")"}}},
      {"c_char", "CHAR(10)", R"({"type":"string","optional":true})",
       {{"'abcdefghij'", R"("abcdefghij")"}, {"'a'", R"("a")"}, {"NULL", "null"}, {"'abc'", R"("abc")"}, {"''", R"("")"}}},
      // 4-byte UTF-8 and Jackson's escaping (\" \\ \t \n, other controls as upper-case \uXXXX).
      {"c_varchar", "VARCHAR(255) CHARACTER SET utf8mb4", R"({"type":"string","optional":true})",
       {{"'héllo wörld 😀𝄞'", R"("héllo wörld 😀𝄞")"},
        {"''", R"("")"},
        {"NULL", "null"},
        {R"(CONCAT('quote " backslash \\ tab\t nl\n ctl', CHAR(1 USING utf8mb4), CHAR(31 USING utf8mb4)))",
         R"("quote \" backslash \\ tab\t nl\n ctl\u0001\u001F")"},
        {"'Ω≈ç√ /'", R"("Ω≈ç√ /")"}}},
      // MySQL's latin1 is cp1252: 0x80 is the euro sign.
      {"c_latin1", "VARCHAR(50) CHARACTER SET latin1", R"({"type":"string","optional":true})",
       {{"'café €'", R"("café €")"}, {"''", R"("")"}, {"NULL", "null"}, {"'naïve'", R"("naïve")"}, {"'x'", R"("x")"}}},
      {"c_tinytext", "TINYTEXT", R"({"type":"string","optional":true})",
       {{"'tiny 😀'", R"("tiny 😀")"}, {"''", R"("")"}, {"NULL", "null"}, {"'tt'", R"("tt")"}, {"'x'", R"("x")"}}},
      {"c_text", "TEXT", R"({"type":"string","optional":true})",
       {{"'text'", R"("text")"}, {"''", R"("")"}, {"NULL", "null"}, {"'t'", R"("t")"}, {"'x'", R"("x")"}}},
      {"c_mediumtext", "MEDIUMTEXT", R"({"type":"string","optional":true})",
       {{"REPEAT('m', 70000)", jsonText(medium_text)},
        {"''", R"("")"},
        {"NULL", "null"},
        {"'mt'", R"("mt")"},
        {"'x'", R"("x")"}}},
      {"c_longtext", "LONGTEXT", R"({"type":"string","optional":true})",
       {{"REPEAT('ü', 100000)", jsonText(long_text)},
        {"''", R"("")"},
        {"NULL", "null"},
        {"'lt'", R"("lt")"},
        {"'x'", R"("x")"}}},
      // BINARY(n) values are right-padded with 0x00 to n bytes (the binlog drops trailing zeros).
      {"c_binary", "BINARY(4)", R"({"type":"bytes","optional":true})",
       {{"X'DEADBEEF'", R"("3q2+7w==")"},
        {"X'00'", R"("AAAAAA==")"},
        {"NULL", "null"},
        {"'ab'", R"("YWIAAA==")"},
        {"X''", R"("AAAAAA==")"}}},
      {"c_varbinary", "VARBINARY(20)", R"({"type":"bytes","optional":true})",
       {{"X'00FF10'", R"("AP8Q")"}, {"X''", R"("")"}, {"NULL", "null"}, {"'hello'", R"("aGVsbG8=")"}, {"X'000000'", R"("AAAA")"}}},
      {"c_tinyblob", "TINYBLOB", R"({"type":"bytes","optional":true})",
       {{"X'DEADBEEF'", R"("3q2+7w==")"}, {"X''", R"("")"}, {"NULL", "null"}, {"X'01'", R"("AQ==")"}, {"X'00'", R"("AA==")"}}},
      {"c_blob", "BLOB", R"({"type":"bytes","optional":true})",
       {{"X'CAFE'", R"("yv4=")"}, {"X''", R"("")"}, {"NULL", "null"}, {"'hello'", R"("aGVsbG8=")"}, {"X'0102'", R"("AQI=")"}}},
      {"c_mediumblob", "MEDIUMBLOB", R"({"type":"bytes","optional":true})",
       {{"REPEAT(X'AB', 70000)", jsonText(base64(blob_bytes))},
        {"X''", R"("")"},
        {"NULL", "null"},
        {"X'01'", R"("AQ==")"},
        {"X'00'", R"("AA==")"}}},
      {"c_longblob", "LONGBLOB", R"({"type":"bytes","optional":true})",
       {{"REPEAT(X'AB', 70000)", jsonText(base64(blob_bytes))},
        {"X''", R"("")"},
        {"NULL", "null"},
        {"X'DEADBEEF'", R"("3q2+7w==")"},
        {"X'00'", R"("AA==")"}}},
      // MariaDB's JSON is LONGTEXT with a json_valid CHECK: SHOW CREATE TABLE says longtext, so the
      // column is a plain string and both the snapshot and the binlog carry the text as written
      // (the §2.10 re-serialization applies to MySQL's binary JSON only).
      {"c_json", "JSON", R"({"type":"string","optional":true})",
       {{R"('{"a": 1, "b": [1, 2], "c": "x"}')", R"("{\"a\": 1, \"b\": [1, 2], \"c\": \"x\"}")"},
        {"'[]'", R"("[]")"},
        {"NULL", "null"},
        {R"('[1, 2.5, null, true, "😀"]')", R"("[1, 2.5, null, true, \"😀\"]")"},
        {"'{}'", R"("{}")"}}},
      {"c_enum", "ENUM('small','medium','large')",
       R"({"type":"string","optional":true,"name":"io.debezium.data.Enum","version":1,"parameters":{"allowed":"small,medium,large"}})",
       {{"'large'", R"("large")"}, {"'small'", R"("small")"}, {"NULL", "null"}, {"'medium'", R"("medium")"},
        // An invalid value is stored as index 0, the empty string.
        {"'bogus'", R"("")"}}},
      {"c_set", "SET('a','b','c')",
       R"({"type":"string","optional":true,"name":"io.debezium.data.EnumSet","version":1,"parameters":{"allowed":"a,b,c"}})",
       {{"'a,b,c'", R"("a,b,c")"}, {"''", R"("")"}, {"NULL", "null"}, {"'c,a'", R"("a,c")"}, {"'b'", R"("b")"}}},
      {"c_year", "YEAR", R"({"type":"int32","optional":true,"name":"io.debezium.time.Year","version":1})",
       {{"2155", "2155"}, {"1901", "1901"}, {"NULL", "null"}, {"2024", "2024"}, {"1970", "1970"}}},
      {"c_date", "DATE", R"({"type":"int32","optional":true,"name":"io.debezium.time.Date","version":1})",
       {{"'9999-12-31'", "2932896"}, {"'1000-01-01'", "-354285"}, {"NULL", "null"}, {"'2024-03-15'", "19797"},
        {"'0000-00-00'", "null"}}},
      {"c_time", "TIME", R"({"type":"int64","optional":true,"name":"io.debezium.time.MicroTime","version":1})",
       {{"'838:59:59'", "3020399000000"},
        {"'-838:59:59'", "-3020399000000"},
        {"NULL", "null"},
        {"'12:34:56'", "45296000000"},
        {"'00:00:00'", "0"}}},
      {"c_time6", "TIME(6)", R"({"type":"int64","optional":true,"name":"io.debezium.time.MicroTime","version":1})",
       {{"'838:59:59.999999'", "3020399999999"},
        {"'-01:00:00.500000'", "-3600500000"},
        {"NULL", "null"},
        {"'12:34:56.789012'", "45296789012"},
        {"'-00:00:00.000001'", "-1"}}},
      {"c_datetime", "DATETIME", R"({"type":"int64","optional":true,"name":"io.debezium.time.Timestamp","version":1})",
       {{"'9999-12-31 23:59:59'", "253402300799000"},
        {"'1000-01-01 00:00:00'", "-30610224000000"},
        {"NULL", "null"},
        {"'2024-03-15 10:20:30'", "1710498030000"},
        {"'0000-00-00 00:00:00'", "null"}}},
      {"c_datetime3", "DATETIME(3)", R"({"type":"int64","optional":true,"name":"io.debezium.time.Timestamp","version":1})",
       {{"'9999-12-31 23:59:59.999'", "253402300799999"},
        {"'1000-01-01 00:00:00.000'", "-30610224000000"},
        {"NULL", "null"},
        {"'2024-03-15 10:20:30.123'", "1710498030123"},
        {"'2024-02-00 10:00:00'", "null"}}},
      {"c_datetime6", "DATETIME(6)",
       R"({"type":"int64","optional":true,"name":"io.debezium.time.MicroTimestamp","version":1})",
       {{"'9999-12-31 23:59:59.999999'", "253402300799999999"},
        {"'1000-01-01 00:00:00.000000'", "-30610224000000000"},
        {"NULL", "null"},
        {"'2024-03-15 10:20:30.123456'", "1710498030123456"},
        {"'1970-01-01 00:00:00.000001'", "1"}}},
      {"c_ts", "TIMESTAMP NULL",
       R"({"type":"string","optional":true,"name":"io.debezium.time.ZonedTimestamp","version":1})",
       {{"'2038-01-19 03:14:07'", R"("2038-01-19T03:14:07Z")"},
        {"'1970-01-01 00:00:01'", R"("1970-01-01T00:00:01Z")"},
        {"NULL", "null"},
        {"'2024-03-15 10:20:30'", R"("2024-03-15T10:20:30Z")"},
        {"'0000-00-00 00:00:00'", "null"}}},
      // §2.3/§2.10: binlog values (ZonedDateTime) print exactly fsp digits; snapshot values
      // (java.sql.Timestamp) go through ISO_OFFSET_DATE_TIME with the minimal fraction.
      {"c_ts6", "TIMESTAMP(6) NULL",
       R"({"type":"string","optional":true,"name":"io.debezium.time.ZonedTimestamp","version":1})",
       {{"'2038-01-19 03:14:07.999999'", R"("2038-01-19T03:14:07.999999Z")"},
        {"'1970-01-01 00:00:01.000000'", R"("1970-01-01T00:00:01Z")", R"("1970-01-01T00:00:01.000000Z")"},
        {"NULL", "null"},
        {"'2024-03-15 10:20:30.123400'", R"("2024-03-15T10:20:30.1234Z")", R"("2024-03-15T10:20:30.123400Z")"},
        {"'0000-00-00 00:00:00'", "null"}}},
      {"c_geometry", "GEOMETRY", kGeometrySchema,
       {{"ST_GeomFromText('POINT(1 2)', 4326)", geometry(kWkbPoint12, "4326")},
        {"ST_GeomFromText('LINESTRING(0 0,1 1)')", geometry(kWkbLine0011)},
        {"NULL", "null"},
        {"ST_GeomFromText('POLYGON((0 0,1 0,1 1,0 0))')", geometry(kWkbTriangle)},
        {"ST_GeomFromText('GEOMETRYCOLLECTION EMPTY')", geometry(kWkbEmptyCollection)}}},
      {"c_point", "POINT", kPointSchema,
       {{"POINT(1, 2)", point("1.0", "2.0", kWkbPoint12)},
        {"POINT(-1.5, 0)", point("-1.5", "0.0", kWkbPointM15_0)},
        {"NULL", "null"},
        {"ST_GeomFromText('POINT(3 4)', 4326)", point("3.0", "4.0", kWkbPoint34, "4326")},
        {"POINT(0, 0)", point("0.0", "0.0", kWkbPoint00)}}},
      {"c_linestring", "LINESTRING", kGeometrySchema,
       {{"ST_GeomFromText('LINESTRING(0 0,1 1)')", geometry(kWkbLine0011)},
        {"ST_GeomFromText('LINESTRING(1 1,2 2,3 3)')", geometry(kWkbLine112233)},
        {"NULL", "null"},
        {"ST_GeomFromText('LINESTRING(0 0,1 1)')", geometry(kWkbLine0011)},
        {"ST_GeomFromText('LINESTRING(1 1,2 2,3 3)')", geometry(kWkbLine112233)}}},
      {"c_polygon", "POLYGON", kGeometrySchema,
       {{"ST_GeomFromText('POLYGON((0 0,1 0,1 1,0 0))')", geometry(kWkbTriangle)},
        {"ST_GeomFromText('POLYGON((0 0,2 0,2 2,0 2,0 0))')", geometry(kWkbSquare)},
        {"NULL", "null"},
        {"ST_GeomFromText('POLYGON((0 0,2 0,2 2,0 2,0 0))')", geometry(kWkbSquare)},
        {"ST_GeomFromText('POLYGON((0 0,1 0,1 1,0 0))')", geometry(kWkbTriangle)}}},

      // ---- schema defaults (§2.7); row 3 and 5 use DEFAULT where the column has one ----
      {"d_bool", "BOOLEAN NOT NULL DEFAULT TRUE", R"({"type":"int16","optional":false,"default":1})",
       {{"0", "0"}, {"1", "1"}, {"DEFAULT", "1"}, {"0", "0"}, {"DEFAULT", "1"}}},
      {"d_tiny", "TINYINT NOT NULL DEFAULT -5", R"({"type":"int16","optional":false,"default":-5})",
       {{"1", "1"}, {"2", "2"}, {"DEFAULT", "-5"}, {"3", "3"}, {"DEFAULT", "-5"}}},
      {"d_int", "INT NOT NULL DEFAULT 42", R"({"type":"int32","optional":false,"default":42})",
       {{"1", "1"}, {"2", "2"}, {"DEFAULT", "42"}, {"3", "3"}, {"DEFAULT", "42"}}},
      // BinlogValueConverters.convertBigInt parses a String default with Math.round(Double.parseDouble),
      // which saturates 18446744073709551615 at Long.MAX_VALUE.
      {"d_ubig", "BIGINT UNSIGNED NOT NULL DEFAULT 18446744073709551615",
       R"({"type":"int64","optional":false,"default":9223372036854775807})",
       {{"18446744073709551615", "-1"}, {"0", "0"}, {"DEFAULT", "-1"}, {"5", "5"}, {"DEFAULT", "-1"}}},
      {"d_double", "DOUBLE NOT NULL DEFAULT 1.5", R"({"type":"double","optional":false,"default":1.5})",
       {{"2.5", "2.5"}, {"-2.5", "-2.5"}, {"DEFAULT", "1.5"}, {"0.5", "0.5"}, {"DEFAULT", "1.5"}}},
      {"d_float", "FLOAT NOT NULL DEFAULT 0.1", R"({"type":"float","optional":false,"default":0.1})",
       {{"0.5", "0.5"}, {"1", "1.0"}, {"DEFAULT", "0.1"}, {"2", "2.0"}, {"DEFAULT", "0.1"}}},
      {"d_dec", "DECIMAL(10,2) NOT NULL DEFAULT 12.5",
       R"({"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2","connect.decimal.precision":"10"},"default":"BOI="})",
       {{"100", R"("JxA=")"}, {"-1", R"("nA==")"}, {"DEFAULT", R"("BOI=")"}, {"0.01", R"("AQ==")"}, {"DEFAULT", R"("BOI=")"}}},
      {"d_str", "VARCHAR(20) NOT NULL DEFAULT 'dflt'", R"({"type":"string","optional":false,"default":"dflt"})",
       {{"'a'", R"("a")"}, {"'b'", R"("b")"}, {"DEFAULT", R"("dflt")"}, {"'c'", R"("c")"}, {"DEFAULT", R"("dflt")"}}},
      {"d_enum", "ENUM('x','y') NOT NULL DEFAULT 'y'",
       R"({"type":"string","optional":false,"name":"io.debezium.data.Enum","version":1,"parameters":{"allowed":"x,y"},"default":"y"})",
       {{"'x'", R"("x")"}, {"'y'", R"("y")"}, {"DEFAULT", R"("y")"}, {"'x'", R"("x")"}, {"DEFAULT", R"("y")"}}},
      {"d_set", "SET('a','b') NOT NULL DEFAULT 'a,b'",
       R"({"type":"string","optional":false,"name":"io.debezium.data.EnumSet","version":1,"parameters":{"allowed":"a,b"},"default":"a,b"})",
       {{"'a'", R"("a")"}, {"''", R"("")"}, {"DEFAULT", R"("a,b")"}, {"'b'", R"("b")"}, {"DEFAULT", R"("a,b")"}}},
      {"d_bit1", "BIT(1) NOT NULL DEFAULT b'1'", R"({"type":"boolean","optional":false,"default":true})",
       {{"b'0'", "false"}, {"b'1'", "true"}, {"DEFAULT", "true"}, {"b'0'", "false"}, {"DEFAULT", "true"}}},
      {"d_bit16", "BIT(16) NOT NULL DEFAULT b'100000010'",
       R"({"type":"bytes","optional":false,"name":"io.debezium.data.Bits","version":1,"parameters":{"length":"16"},"default":"AgE="})",
       {{"b'0'", R"("AAA=")"},
        {"b'11'", R"("AwA=")"},
        {"DEFAULT", R"("AgE=")"},
        {bitLiteral(0xFFFF, 16), R"("//8=")"},
        {"DEFAULT", R"("AgE=")"}}},
      {"d_year", "YEAR NOT NULL DEFAULT 2000",
       R"({"type":"int32","optional":false,"name":"io.debezium.time.Year","version":1,"default":2000})",
       {{"2001", "2001"}, {"2002", "2002"}, {"DEFAULT", "2000"}, {"2003", "2003"}, {"DEFAULT", "2000"}}},
      {"d_date", "DATE NOT NULL DEFAULT '2024-03-15'",
       R"({"type":"int32","optional":false,"name":"io.debezium.time.Date","version":1,"default":19797})",
       {{"'2001-02-03'", "11356"}, {"'1970-01-01'", "0"}, {"DEFAULT", "19797"}, {"'1970-01-02'", "1"}, {"DEFAULT", "19797"}}},
      // A zero date default of a NOT NULL column becomes the epoch; a zero value falls back to it.
      {"d_date_zero", "DATE NOT NULL DEFAULT '0000-00-00'",
       R"({"type":"int32","optional":false,"name":"io.debezium.time.Date","version":1,"default":0})",
       {{"'2024-03-15'", "19797"}, {"'0000-00-00'", "0"}, {"DEFAULT", "0"}, {"'1970-01-02'", "1"}, {"DEFAULT", "0"}}},
      // ... and of a nullable column gives no default at all.
      {"n_date_zero", "DATE NULL DEFAULT '0000-00-00'",
       R"({"type":"int32","optional":true,"name":"io.debezium.time.Date","version":1})",
       {{"'2024-03-15'", "19797"}, {"NULL", "null"}, {"DEFAULT", "null"}, {"'0000-00-00'", "null"}, {"DEFAULT", "null"}}},
      {"d_time", "TIME NOT NULL DEFAULT '01:02:03'",
       R"({"type":"int64","optional":false,"name":"io.debezium.time.MicroTime","version":1,"default":3723000000})",
       {{"'00:00:01'", "1000000"}, {"'-00:00:01'", "-1000000"}, {"DEFAULT", "3723000000"}, {"'23:59:59'", "86399000000"},
        {"DEFAULT", "3723000000"}}},
      // CURRENT_TIMESTAMP is recorded as 1970-01-01 00:00:00: DATETIME default 0, nullable or not.
      {"d_dt", "DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP",
       R"({"type":"int64","optional":false,"name":"io.debezium.time.Timestamp","version":1,"default":0})",
       {{"'2001-02-03 04:05:06'", "981173106000"},
        {"'1970-01-01 00:00:00'", "0"},
        {"'2024-03-15 10:20:30'", "1710498030000"},
        {"'1000-01-01 00:00:00'", "-30610224000000"},
        {"'9999-12-31 23:59:59'", "253402300799000"}}},
      // JsonConverter prints a nullable column's default for NULL (replace.null.with.default).
      {"n_dt", "DATETIME NULL DEFAULT CURRENT_TIMESTAMP",
       R"({"type":"int64","optional":true,"name":"io.debezium.time.Timestamp","version":1,"default":0})",
       {{"'2001-02-03 04:05:06'", "981173106000"},
        {"'1970-01-01 00:00:00'", "0"},
        {"NULL", "0"},
        {"'2024-03-15 10:20:30'", "1710498030000"},
        {"'0000-00-00 00:00:00'", "0"}}},
      {"d_dt6", "DATETIME(6) NOT NULL DEFAULT '2020-01-01 10:00:00.250000'",
       R"({"type":"int64","optional":false,"name":"io.debezium.time.MicroTimestamp","version":1,"default":1577872800250000})",
       {{"'2024-03-15 10:20:30.123456'", "1710498030123456"},
        {"'1970-01-01 00:00:00'", "0"},
        {"DEFAULT", "1577872800250000"},
        {"'2001-02-03 04:05:06'", "981173106000000"},
        {"DEFAULT", "1577872800250000"}}},
      {"d_dt_zero", "DATETIME NOT NULL DEFAULT '0000-00-00 00:00:00'",
       R"({"type":"int64","optional":false,"name":"io.debezium.time.Timestamp","version":1,"default":0})",
       {{"'2001-02-03 04:05:06'", "981173106000"},
        {"'0000-00-00 00:00:00'", "0"},
        {"DEFAULT", "0"},
        {"'2024-03-15 10:20:30'", "1710498030000"},
        {"DEFAULT", "0"}}},
      // TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP: the epoch as a java.sql.Timestamp (no fixed width).
      {"d_ts", "TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP",
       R"({"type":"string","optional":false,"name":"io.debezium.time.ZonedTimestamp","version":1,"default":"1970-01-01T00:00:00Z"})",
       {{"'2001-02-03 04:05:06'", R"("2001-02-03T04:05:06Z")"},
        {"'1970-01-01 00:00:01'", R"("1970-01-01T00:00:01Z")"},
        {"'2024-03-15 10:20:30'", R"("2024-03-15T10:20:30Z")"},
        {"'2038-01-19 03:14:07'", R"("2038-01-19T03:14:07Z")"},
        {"'0000-00-00 00:00:00'", R"("1970-01-01T00:00:00Z")"}}},
      {"n_ts", "TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP",
       R"({"type":"string","optional":true,"name":"io.debezium.time.ZonedTimestamp","version":1})",
       {{"'2001-02-03 04:05:06'", R"("2001-02-03T04:05:06Z")"},
        {"NULL", "null"},
        {"NULL", "null"},
        {"'2024-03-15 10:20:30'", R"("2024-03-15T10:20:30Z")"},
        {"'0000-00-00 00:00:00'", "null"}}},
      {"d_ts6", "TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)",
       R"({"type":"string","optional":false,"name":"io.debezium.time.ZonedTimestamp","version":1,"default":"1970-01-01T00:00:00Z"})",
       {{"'2024-03-15 10:20:30.000000'", R"("2024-03-15T10:20:30Z")", R"("2024-03-15T10:20:30.000000Z")"},
        {"'2001-02-03 04:05:06.5'", R"("2001-02-03T04:05:06.5Z")", R"("2001-02-03T04:05:06.500000Z")"},
        {"'2024-03-15 10:20:30.123456'", R"("2024-03-15T10:20:30.123456Z")"},
        {"'2038-01-19 03:14:07.000001'", R"("2038-01-19T03:14:07.000001Z")"},
        {"'0000-00-00 00:00:00'", R"("1970-01-01T00:00:00Z")"}}},
      // A TIMESTAMP literal default is read in the JVM zone (UTC here) and, being a ZonedDateTime,
      // printed with fsp fraction digits.
      {"d_ts_lit", "TIMESTAMP NOT NULL DEFAULT '2020-01-01 00:00:00'",
       R"({"type":"string","optional":false,"name":"io.debezium.time.ZonedTimestamp","version":1,"default":"2020-01-01T00:00:00Z"})",
       {{"'2001-02-03 04:05:06'", R"("2001-02-03T04:05:06Z")"},
        {"'1970-01-01 00:00:01'", R"("1970-01-01T00:00:01Z")"},
        {"DEFAULT", R"("2020-01-01T00:00:00Z")"},
        {"'2024-03-15 10:20:30'", R"("2024-03-15T10:20:30Z")"},
        {"DEFAULT", R"("2020-01-01T00:00:00Z")"}}},
      {"d_ts6_lit", "TIMESTAMP(6) NOT NULL DEFAULT '2020-01-01 10:00:00.500000'",
       R"({"type":"string","optional":false,"name":"io.debezium.time.ZonedTimestamp","version":1,"default":"2020-01-01T10:00:00.500000Z"})",
       {{"'2001-02-03 04:05:06.250000'", R"("2001-02-03T04:05:06.25Z")", R"("2001-02-03T04:05:06.250000Z")"},
        {"'1970-01-01 00:00:01.000000'", R"("1970-01-01T00:00:01Z")", R"("1970-01-01T00:00:01.000000Z")"},
        {"DEFAULT", R"("2020-01-01T10:00:00.5Z")", R"("2020-01-01T10:00:00.500000Z")"},
        {"'2024-03-15 10:20:30.123456'", R"("2024-03-15T10:20:30.123456Z")"},
        {"DEFAULT", R"("2020-01-01T10:00:00.5Z")", R"("2020-01-01T10:00:00.500000Z")"}}},
      {"n_int", "INT NULL DEFAULT 7", R"({"type":"int32","optional":true,"default":7})",
       {{"1", "1"}, {"0", "0"}, {"NULL", "7"}, {"DEFAULT", "7"}, {"-1", "-1"}}},
      {"n_str", "VARCHAR(10) NULL DEFAULT 'x'", R"({"type":"string","optional":true,"default":"x"})",
       {{"'a'", R"("a")"}, {"''", R"("")"}, {"NULL", R"("x")"}, {"DEFAULT", R"("x")"}, {"'b'", R"("b")"}}},
      // NOT NULL temporal columns without a default: a zero value falls back to the epoch (§2.6).
      {"z_date", "DATE NOT NULL", R"({"type":"int32","optional":false,"name":"io.debezium.time.Date","version":1})",
       {{"'2024-03-15'", "19797"}, {"'1970-01-01'", "0"}, {"'2001-02-03'", "11356"}, {"'1970-01-02'", "1"},
        {"'0000-00-00'", "0"}}},
      {"z_dt", "DATETIME NOT NULL", R"({"type":"int64","optional":false,"name":"io.debezium.time.Timestamp","version":1})",
       {{"'2024-03-15 10:20:30'", "1710498030000"},
        {"'1970-01-01 00:00:00'", "0"},
        {"'2001-02-03 04:05:06'", "981173106000"},
        {"'2024-03-15 10:20:30'", "1710498030000"},
        {"'0000-00-00 00:00:00'", "0"}}},
      {"z_ts", "TIMESTAMP NOT NULL",
       R"({"type":"string","optional":false,"name":"io.debezium.time.ZonedTimestamp","version":1})",
       {{"'2024-03-15 10:20:30'", R"("2024-03-15T10:20:30Z")"},
        {"'1970-01-01 00:00:01'", R"("1970-01-01T00:00:01Z")"},
        {"'2001-02-03 04:05:06'", R"("2001-02-03T04:05:06Z")"},
        {"'2024-03-15 10:20:30'", R"("2024-03-15T10:20:30Z")"},
        {"'0000-00-00 00:00:00'", R"("1970-01-01T00:00:00Z")"}}},
  };
}

// Columns whose schema/values change with a handling mode; the others stay as in tableColumns().
using Overrides = std::map<std::string, ColumnCase>;

// decimal.handling.mode=string, binary.handling.mode=base64, bigint.unsigned.handling.mode=precise,
// time.precision.mode=connect.
Overrides stringBase64PreciseConnect() {
  const std::string blob_b64 = jsonText(base64(repeat("\xAB", 70000)));
  const std::string str = R"({"type":"string","optional":true})";
  const std::string unsigned_decimal = R"("name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"0","connect.decimal.precision":"20"})";
  const std::string kDate = R"("name":"org.apache.kafka.connect.data.Date","version":1)";
  const std::string kTime = R"("name":"org.apache.kafka.connect.data.Time","version":1)";
  const std::string kTs = R"("name":"org.apache.kafka.connect.data.Timestamp","version":1)";
  Overrides o;
  auto add = [&](ColumnCase c) { o[c.name] = std::move(c); };
  add({"c_ubig", "", R"({"type":"bytes","optional":true,)" + unsigned_decimal + "}",
       {{"", R"("AP//////////")"}, {"", R"("AA==")"}, {"", "null"}, {"", R"("AIAAAAAAAAAA")"}, {"", R"("AQ==")"}}});
  add({"d_ubig", "", R"({"type":"bytes","optional":false,)" + unsigned_decimal + R"(,"default":"AP//////////"})",
       {{"", R"("AP//////////")"}, {"", R"("AA==")"}, {"", R"("AP//////////")"}, {"", R"("BQ==")"}, {"", R"("AP//////////")"}}});
  add({"c_dec", "", str,
       {{"", R"("99999999.99")"}, {"", R"("-99999999.99")"}, {"", "null"}, {"", R"("12345.67")"}, {"", R"("0.01")"}}});
  add({"c_dec65", "", str,
       {{"", jsonText(repeat("9", 35) + "." + repeat("9", 30))},
        {"", R"("-0.000000000000000000000000000001")"},
        {"", "null"},
        {"", R"("1.500000000000000000000000000000")"},
        {"", R"("0.000000000000000000000000000000")"}}});
  add({"d_dec", "", R"({"type":"string","optional":false,"default":"12.50"})",
       {{"", R"("100.00")"}, {"", R"("-1.00")"}, {"", R"("12.50")"}, {"", R"("0.01")"}, {"", R"("12.50")"}}});
  // Binary columns become plain strings; the Base64 text is what bytes mode prints too.
  add({"c_binary", "", str, {{"", R"("3q2+7w==")"}, {"", R"("AAAAAA==")"}, {"", "null"}, {"", R"("YWIAAA==")"}, {"", R"("AAAAAA==")"}}});
  add({"c_varbinary", "", str, {{"", R"("AP8Q")"}, {"", R"("")"}, {"", "null"}, {"", R"("aGVsbG8=")"}, {"", R"("AAAA")"}}});
  add({"c_tinyblob", "", str, {{"", R"("3q2+7w==")"}, {"", R"("")"}, {"", "null"}, {"", R"("AQ==")"}, {"", R"("AA==")"}}});
  add({"c_blob", "", str, {{"", R"("yv4=")"}, {"", R"("")"}, {"", "null"}, {"", R"("aGVsbG8=")"}, {"", R"("AQI=")"}}});
  add({"c_mediumblob", "", str, {{"", blob_b64}, {"", R"("")"}, {"", "null"}, {"", R"("AQ==")"}, {"", R"("AA==")"}}});
  add({"c_longblob", "", str, {{"", blob_b64}, {"", R"("")"}, {"", "null"}, {"", R"("3q2+7w==")"}, {"", R"("AA==")"}}});
  // connect mode: Kafka's Date (days), Time (ms of day; values outside 00:00..24:00 fail to convert
  // and become null, or the default for a NOT NULL column) and Timestamp (ms, truncated).
  add({"c_date", "", R"({"type":"int32","optional":true,)" + kDate + "}",
       {{"", "2932896"}, {"", "-354285"}, {"", "null"}, {"", "19797"}, {"", "null"}}});
  add({"c_time", "", R"({"type":"int32","optional":true,)" + kTime + "}",
       {{"", "null"}, {"", "null"}, {"", "null"}, {"", "45296000"}, {"", "0"}}});
  add({"c_time6", "", R"({"type":"int32","optional":true,)" + kTime + "}",
       {{"", "null"}, {"", "null"}, {"", "null"}, {"", "45296789"}, {"", "null"}}});
  add({"c_datetime", "", R"({"type":"int64","optional":true,)" + kTs + "}",
       {{"", "253402300799000"}, {"", "-30610224000000"}, {"", "null"}, {"", "1710498030000"}, {"", "null"}}});
  add({"c_datetime3", "", R"({"type":"int64","optional":true,)" + kTs + "}",
       {{"", "253402300799999"}, {"", "-30610224000000"}, {"", "null"}, {"", "1710498030123"}, {"", "null"}}});
  add({"c_datetime6", "", R"({"type":"int64","optional":true,)" + kTs + "}",
       {{"", "253402300799999"}, {"", "-30610224000000"}, {"", "null"}, {"", "1710498030123"}, {"", "0"}}});
  add({"d_date", "", R"({"type":"int32","optional":false,)" + kDate + R"(,"default":19797})",
       {{"", "11356"}, {"", "0"}, {"", "19797"}, {"", "1"}, {"", "19797"}}});
  add({"d_date_zero", "", R"({"type":"int32","optional":false,)" + kDate + R"(,"default":0})",
       {{"", "19797"}, {"", "0"}, {"", "0"}, {"", "1"}, {"", "0"}}});
  add({"n_date_zero", "", R"({"type":"int32","optional":true,)" + kDate + "}",
       {{"", "19797"}, {"", "null"}, {"", "null"}, {"", "null"}, {"", "null"}}});
  add({"d_time", "", R"({"type":"int32","optional":false,)" + kTime + R"(,"default":3723000})",
       {{"", "1000"}, {"", "3723000"}, {"", "3723000"}, {"", "86399000"}, {"", "3723000"}}});
  add({"d_dt", "", R"({"type":"int64","optional":false,)" + kTs + R"(,"default":0})",
       {{"", "981173106000"}, {"", "0"}, {"", "1710498030000"}, {"", "-30610224000000"}, {"", "253402300799000"}}});
  add({"n_dt", "", R"({"type":"int64","optional":true,)" + kTs + R"(,"default":0})",
       {{"", "981173106000"}, {"", "0"}, {"", "0"}, {"", "1710498030000"}, {"", "0"}}});
  add({"d_dt6", "", R"({"type":"int64","optional":false,)" + kTs + R"(,"default":1577872800250})",
       {{"", "1710498030123"}, {"", "0"}, {"", "1577872800250"}, {"", "981173106000"}, {"", "1577872800250"}}});
  add({"d_dt_zero", "", R"({"type":"int64","optional":false,)" + kTs + R"(,"default":0})",
       {{"", "981173106000"}, {"", "0"}, {"", "0"}, {"", "1710498030000"}, {"", "0"}}});
  add({"z_date", "", R"({"type":"int32","optional":false,)" + kDate + "}",
       {{"", "19797"}, {"", "0"}, {"", "11356"}, {"", "1"}, {"", "0"}}});
  add({"z_dt", "", R"({"type":"int64","optional":false,)" + kTs + "}",
       {{"", "1710498030000"}, {"", "0"}, {"", "981173106000"}, {"", "1710498030000"}, {"", "0"}}});
  return o;
}

// decimal.handling.mode=double (BigDecimal.doubleValue, Double.toString), binary.handling.mode=hex.
Overrides doubleHex() {
  const std::string blob_hex = jsonText(hex(repeat("\xAB", 70000)));
  const std::string str = R"({"type":"string","optional":true})";
  Overrides o;
  auto add = [&](ColumnCase c) { o[c.name] = std::move(c); };
  add({"c_dec", "", R"({"type":"double","optional":true})",
       {{"", "9.999999999E7"}, {"", "-9.999999999E7"}, {"", "null"}, {"", "12345.67"}, {"", "0.01"}}});
  add({"c_dec65", "", R"({"type":"double","optional":true})",
       {{"", "1.0E35"}, {"", "-1.0E-30"}, {"", "null"}, {"", "1.5"}, {"", "0.0"}}});
  add({"d_dec", "", R"({"type":"double","optional":false,"default":12.5})",
       {{"", "100.0"}, {"", "-1.0"}, {"", "12.5"}, {"", "0.01"}, {"", "12.5"}}});
  add({"c_binary", "", str, {{"", R"("deadbeef")"}, {"", R"("00000000")"}, {"", "null"}, {"", R"("61620000")"}, {"", R"("00000000")"}}});
  add({"c_varbinary", "", str, {{"", R"("00ff10")"}, {"", R"("")"}, {"", "null"}, {"", R"("68656c6c6f")"}, {"", R"("000000")"}}});
  add({"c_tinyblob", "", str, {{"", R"("deadbeef")"}, {"", R"("")"}, {"", "null"}, {"", R"("01")"}, {"", R"("00")"}}});
  add({"c_blob", "", str, {{"", R"("cafe")"}, {"", R"("")"}, {"", "null"}, {"", R"("68656c6c6f")"}, {"", R"("0102")"}}});
  add({"c_mediumblob", "", str, {{"", blob_hex}, {"", R"("")"}, {"", "null"}, {"", R"("01")"}, {"", R"("00")"}}});
  add({"c_longblob", "", str, {{"", blob_hex}, {"", R"("")"}, {"", "null"}, {"", R"("deadbeef")"}, {"", R"("00")"}}});
  return o;
}

// binary.handling.mode=base64-url-safe: '-' and '_' for '+' and '/', padding kept (Base64.getUrlEncoder()).
Overrides base64UrlSafe() {
  const std::string blob_b64 = jsonText(base64(repeat("\xAB", 70000)));  // no '+' or '/' in it
  const std::string str = R"({"type":"string","optional":true})";
  Overrides o;
  auto add = [&](ColumnCase c) { o[c.name] = std::move(c); };
  add({"c_binary", "", str, {{"", R"("3q2-7w==")"}, {"", R"("AAAAAA==")"}, {"", "null"}, {"", R"("YWIAAA==")"}, {"", R"("AAAAAA==")"}}});
  add({"c_varbinary", "", str, {{"", R"("AP8Q")"}, {"", R"("")"}, {"", "null"}, {"", R"("aGVsbG8=")"}, {"", R"("AAAA")"}}});
  add({"c_tinyblob", "", str, {{"", R"("3q2-7w==")"}, {"", R"("")"}, {"", "null"}, {"", R"("AQ==")"}, {"", R"("AA==")"}}});
  add({"c_blob", "", str, {{"", R"("yv4=")"}, {"", R"("")"}, {"", "null"}, {"", R"("aGVsbG8=")"}, {"", R"("AQI=")"}}});
  add({"c_mediumblob", "", str, {{"", blob_b64}, {"", R"("")"}, {"", "null"}, {"", R"("AQ==")"}, {"", R"("AA==")"}}});
  add({"c_longblob", "", str, {{"", blob_b64}, {"", R"("")"}, {"", "null"}, {"", R"("3q2-7w==")"}, {"", R"("AA==")"}}});
  return o;
}

// The matrix with a mode's overrides applied (SQL literals stay those of tableColumns()).
std::vector<ColumnCase> withOverrides(const Overrides& overrides) {
  std::vector<ColumnCase> cols = tableColumns();
  for (auto& c : cols) {
    auto it = overrides.find(c.name);
    if (it == overrides.end()) continue;
    c.schema = it->second.schema;
    for (int r = 0; r < kRows; ++r) {
      c.rows[r].snapshot = it->second.rows[r].snapshot;
      c.rows[r].streaming = it->second.rows[r].streaming;
    }
  }
  return cols;
}

std::string createTableSql(const std::string& db, const std::vector<ColumnCase>& cols) {
  std::string sql = "CREATE TABLE " + db + ".t (id INT NOT NULL PRIMARY KEY";
  for (const auto& c : cols) sql += ", " + c.name + " " + c.ddl;
  return sql + ")";
}

// Rows base+1 .. base+5.
void insertRows(mysql::Connection& c, const std::string& db, const std::vector<ColumnCase>& cols, int base) {
  std::string names = "id";
  for (const auto& col : cols) names += ", " + col.name;
  for (int r = 0; r < kRows; ++r) {
    std::string values = std::to_string(base + r + 1);
    for (const auto& col : cols) values += ", " + col.rows[r].sql;
    c.execute("INSERT INTO " + db + ".t (" + names + ") VALUES (" + values + ")");
  }
}

// ---- reading the records as raw JSON text ----

size_t skipSpace(std::string_view s, size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) ++i;
  return i;
}

// The index just past the JSON value that starts at s[i].
size_t skipValue(std::string_view s, size_t i) {
  i = skipSpace(s, i);
  if (i >= s.size()) throw std::runtime_error("truncated JSON");
  if (s[i] == '"') {
    for (++i; i < s.size() && s[i] != '"'; ++i)
      if (s[i] == '\\') ++i;
    if (i >= s.size()) throw std::runtime_error("unterminated JSON string");
    return i + 1;
  }
  if (s[i] == '{' || s[i] == '[') {
    int depth = 0;
    while (i < s.size()) {
      char ch = s[i];
      if (ch == '"') {
        i = skipValue(s, i);
        continue;
      }
      if (ch == '{' || ch == '[') ++depth;
      if (ch == '}' || ch == ']') --depth;
      ++i;
      if (depth == 0) return i;
    }
    throw std::runtime_error("unterminated JSON container");
  }
  while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']' && s[i] != ' ') ++i;
  return i;
}

// The members of a JSON object, each value as its exact text.
std::vector<std::pair<std::string, std::string>> rawMembers(std::string_view obj) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t i = skipSpace(obj, 0);
  if (i >= obj.size() || obj[i] != '{') throw std::runtime_error("not a JSON object: " + std::string(obj.substr(0, 80)));
  i = skipSpace(obj, i + 1);
  if (obj[i] == '}') return out;
  while (true) {
    size_t key_end = skipValue(obj, i);
    std::string key = Json::parse(obj.substr(i, key_end - i)).get<std::string>();
    i = skipSpace(obj, key_end);
    if (obj[i] != ':') throw std::runtime_error("expected ':' in JSON object");
    size_t v = skipSpace(obj, i + 1);
    size_t v_end = skipValue(obj, v);
    out.emplace_back(key, std::string(obj.substr(v, v_end - v)));
    i = skipSpace(obj, v_end);
    if (obj[i] == '}') return out;
    if (obj[i] != ',') throw std::runtime_error("expected ',' in JSON object");
    i = skipSpace(obj, i + 1);
  }
}

std::vector<std::string> rawElements(std::string_view arr) {
  std::vector<std::string> out;
  size_t i = skipSpace(arr, 0);
  if (i >= arr.size() || arr[i] != '[') throw std::runtime_error("not a JSON array");
  i = skipSpace(arr, i + 1);
  if (arr[i] == ']') return out;
  while (true) {
    size_t end = skipValue(arr, i);
    out.emplace_back(arr.substr(i, end - i));
    i = skipSpace(arr, end);
    if (arr[i] == ']') return out;
    if (arr[i] != ',') throw std::runtime_error("expected ',' in JSON array");
    i = skipSpace(arr, i + 1);
  }
}

std::string rawMember(std::string_view obj, const std::string& key) {
  for (auto& [k, v] : rawMembers(obj))
    if (k == key) return v;
  throw std::runtime_error("no member " + key);
}

struct ChangeEvent {
  std::string op;
  std::vector<std::string> fields;                  // the "after" struct's fields, in order
  std::map<std::string, std::string> field_schema;  // raw JSON of each field schema
  std::map<std::string, std::string> after;         // raw JSON of each value
};

ChangeEvent parseEvent(const std::string& value) {
  ChangeEvent ev;
  std::string schema = rawMember(value, "schema");
  for (const auto& f : rawElements(rawMember(schema, "fields"))) {
    if (Json::parse(f)["field"] != "after") continue;
    for (const auto& col : rawElements(rawMember(f, "fields"))) {
      std::string name = Json::parse(col)["field"];
      ev.fields.push_back(name);
      ev.field_schema[name] = col;
    }
  }
  std::string payload = rawMember(value, "payload");
  ev.op = Json::parse(rawMember(payload, "op")).get<std::string>();
  std::string after = rawMember(payload, "after");
  if (after != "null")
    for (auto& [k, v] : rawMembers(after)) ev.after[k] = v;
  return ev;
}

// The latest event per id of `topic` for the ids wanted (absent topic: none yet).
std::map<int, ChangeEvent> eventsById(const std::string& topic, const std::set<int>& ids) {
  std::map<int, ChangeEvent> out;
  std::vector<KafkaRecord> records;
  try {
    records = readTopic(topic);
  } catch (const std::exception&) {
    return out;
  }
  for (const auto& r : records) {
    if (!r.value) continue;
    ChangeEvent ev = parseEvent(*r.value);
    auto it = ev.after.find("id");
    if (it == ev.after.end()) continue;
    int id = std::stoi(it->second);
    if (ids.count(id)) out[id] = std::move(ev);
  }
  return out;
}

std::map<int, ChangeEvent> awaitRows(Connectd& w, const std::string& topic, int base, int count = kRows) {
  std::set<int> ids;
  for (int r = 0; r < count; ++r) ids.insert(base + r + 1);
  std::map<int, ChangeEvent> got;
  bool ok = waitFor([&] {
    got = eventsById(topic, ids);
    return got.size() == ids.size();
  }, 120s, 500ms);
  EXPECT_TRUE(ok) << "rows " << base + 1 << ".." << base + count << " of " << topic << ": got " << got.size()
                  << "\n" << w.log();
  return got;
}

// Field by field: the "after" schema (names, order, each field schema) and every value.
void expectRows(const std::string& scenario, const std::map<int, ChangeEvent>& got, int base,
                const std::string& op, const std::vector<ColumnCase>& cols, bool streaming) {
  std::vector<std::string> names = {"id"};
  for (const auto& c : cols) names.push_back(c.name);
  for (int r = 0; r < kRows; ++r) {
    const int id = base + r + 1;
    auto it = got.find(id);
    if (it == got.end()) {
      ADD_FAILURE() << scenario << ": no event for id " << id;
      continue;
    }
    const ChangeEvent& ev = it->second;
    EXPECT_EQ(ev.op, op) << scenario << ": op of id " << id;
    EXPECT_EQ(ev.fields, names) << scenario << ": the after struct's fields of id " << id;
    EXPECT_EQ(ev.field_schema.count("id") ? ev.field_schema.at("id") : "<absent>",
              R"({"type":"int32","optional":false,"field":"id"})")
        << scenario << ": schema of column id";
    for (const auto& c : cols) {
      auto s = ev.field_schema.find(c.name);
      EXPECT_EQ(s == ev.field_schema.end() ? "<absent>" : s->second, fieldSchema(c.schema, c.name))
          << scenario << ": schema of column " << c.name << " (" << c.ddl << "), id " << id;
      auto v = ev.after.find(c.name);
      const std::string& want = c.rows[r].expected(streaming);
      std::string got_value = v == ev.after.end() ? "<absent>" : v->second;
      if (got_value.size() > 300 || want.size() > 300) {
        EXPECT_TRUE(got_value == want) << scenario << ": value of column " << c.name << ", id " << id
                                       << ": long values differ (got " << got_value.size() << " chars, want "
                                       << want.size() << "; got starts " << got_value.substr(0, 80) << ")";
      } else {
        EXPECT_EQ(got_value, want) << scenario << ": value of column " << c.name << " (" << c.ddl << "), id " << id
                                   << ", SQL " << c.rows[r].sql;
      }
    }
  }
}

// binlog_row_metadata is global; whatever happens, the server is left at FULL.
class RowMetadataGuard {
 public:
  RowMetadataGuard() = default;
  ~RowMetadataGuard() {
    try {
      mariadb()->execute("SET GLOBAL binlog_row_metadata='FULL'");
    } catch (...) {
    }
  }
  RowMetadataGuard(const RowMetadataGuard&) = delete;
  RowMetadataGuard& operator=(const RowMetadataGuard&) = delete;
};

// Scenarios 1-3: snapshot ('r'), streaming with binlog_row_metadata=FULL and MINIMAL ('c'), and a
// table created while streaming, whose BOOLEAN columns are boolean (spec §2.10).
TEST(MySqlTypesTest, SnapshotAndStreamingMapEveryTypeLikeDebezium) {
  const std::string db = uniqueDatabase("ittypes");
  const std::string prefix = db;
  const std::vector<ColumnCase> cols = tableColumns();
  RowMetadataGuard metadata_guard;
  Databases db_guard({db}, /*create=*/false);
  auto session = relaxedSession();
  session->execute("SET GLOBAL binlog_row_metadata='FULL'");
  session->execute("CREATE DATABASE " + db);
  session->execute(createTableSql(db, cols));
  insertRows(*session, db, cols, 0);

  auto dir = scratchDir("mysql-types");
  Connectd w(dir, mysqlWorkerProps());
  w.start();
  w.waitReady();
  ASSERT_EQ(w.post("/connectors", {{"name", prefix}, {"config", mysqlConnectorConfig(prefix, db, 185001)}}).status, 201);
  ASSERT_TRUE(w.waitForState(prefix, "RUNNING")) << w.log();
  const std::string topic = prefix + "." + db + ".t";

  // (1) snapshot
  expectRows("snapshot", awaitRows(w, topic, 0), 0, "r", cols, false);

  // (2) streaming, full row metadata
  insertRows(*session, db, cols, 100);
  expectRows("streaming (binlog_row_metadata=FULL)", awaitRows(w, topic, 100), 100, "c", cols, true);

  // A table created while streaming: its DDL says BOOLEAN, so the columns are boolean, while
  // TINYINT(1) stays int16.
  session->execute("CREATE TABLE " + db +
                   ".b (id INT NOT NULL PRIMARY KEY, c_bool BOOLEAN, d_bool BOOL NOT NULL DEFAULT TRUE, "
                   "c_tiny1 TINYINT(1))");
  session->execute("INSERT INTO " + db + ".b VALUES (1, TRUE, FALSE, 1), (2, NULL, DEFAULT, NULL), (3, 5, TRUE, -1)");
  {
    const std::vector<ColumnCase> b_cols = {
        {"c_bool", "BOOLEAN", R"({"type":"boolean","optional":true})", {{"", "true"}, {"", "null"}, {"", "true"}}},
        {"d_bool", "BOOL NOT NULL DEFAULT TRUE", R"({"type":"boolean","optional":false,"default":true})",
         {{"", "false"}, {"", "true"}, {"", "true"}}},
        {"c_tiny1", "TINYINT(1)", R"({"type":"int16","optional":true})", {{"", "1"}, {"", "null"}, {"", "-1"}}},
    };
    auto got = awaitRows(w, prefix + "." + db + ".b", 0, 3);
    for (int id = 1; id <= 3; ++id) {
      auto it = got.find(id);
      if (it == got.end()) continue;
      EXPECT_EQ(it->second.op, "c");
      for (const auto& c : b_cols) {
        EXPECT_EQ(it->second.field_schema[c.name], fieldSchema(c.schema, c.name))
            << "streamed DDL: schema of b." << c.name;
        EXPECT_EQ(it->second.after[c.name], c.rows[id - 1].snapshot) << "streamed DDL: b." << c.name << ", id " << id;
      }
    }
  }

  // (3) streaming, minimal row metadata (Debezium types columns from its DDL model, not TABLE_MAP)
  session->execute("SET GLOBAL binlog_row_metadata='MINIMAL'");
  auto minimal_session = relaxedSession();  // a session started after the switch
  insertRows(*minimal_session, db, cols, 200);
  expectRows("streaming (binlog_row_metadata=MINIMAL)", awaitRows(w, topic, 200), 200, "c", cols, true);
  session->execute("SET GLOBAL binlog_row_metadata='FULL'");

  EXPECT_EQ(w.del("/connectors/" + prefix).status, 204);
}

// Scenario 4: the handling modes, on three more connectors (snapshot and streaming each); the
// snapshot also reads a table whose BOOLEAN column SHOW CREATE TABLE reports as tinyint(1).
TEST(MySqlTypesTest, HandlingModesMapLikeDebezium) {
  const std::string db = uniqueDatabase("itmodes");
  const std::vector<ColumnCase> cols = tableColumns();
  Databases db_guard({db}, /*create=*/false);
  auto session = relaxedSession();
  session->execute("CREATE DATABASE " + db);
  session->execute(createTableSql(db, cols));
  session->execute("CREATE TABLE " + db +
                   ".b (id INT NOT NULL PRIMARY KEY, c_bool BOOLEAN, d_bool BOOL NOT NULL DEFAULT TRUE, "
                   "c_tiny1 TINYINT(1))");
  session->execute("INSERT INTO " + db + ".b VALUES (1, TRUE, FALSE, 1), (2, NULL, DEFAULT, NULL), (3, 5, TRUE, -1)");
  insertRows(*session, db, cols, 0);

  auto dir = scratchDir("mysql-types-modes");
  Connectd w(dir, mysqlWorkerProps());
  w.start();
  w.waitReady();
  const std::string precise = db + "_p";
  Json cfg_p = mysqlConnectorConfig(precise, db, 185002);
  cfg_p["decimal.handling.mode"] = "string";
  cfg_p["binary.handling.mode"] = "base64";
  cfg_p["bigint.unsigned.handling.mode"] = "precise";
  cfg_p["time.precision.mode"] = "connect";
  const std::string dbl = db + "_d";
  Json cfg_d = mysqlConnectorConfig(dbl, db, 185003);
  cfg_d["decimal.handling.mode"] = "double";
  cfg_d["binary.handling.mode"] = "hex";
  const std::string url = db + "_u";
  Json cfg_u = mysqlConnectorConfig(url, db, 185005);
  cfg_u["binary.handling.mode"] = "base64-url-safe";
  ASSERT_EQ(w.post("/connectors", {{"name", precise}, {"config", cfg_p}}).status, 201);
  ASSERT_EQ(w.post("/connectors", {{"name", dbl}, {"config", cfg_d}}).status, 201);
  ASSERT_EQ(w.post("/connectors", {{"name", url}, {"config", cfg_u}}).status, 201);
  ASSERT_TRUE(w.waitForState(precise, "RUNNING")) << w.log();
  ASSERT_TRUE(w.waitForState(dbl, "RUNNING")) << w.log();
  ASSERT_TRUE(w.waitForState(url, "RUNNING")) << w.log();

  const auto cols_p = withOverrides(stringBase64PreciseConnect());
  const auto cols_d = withOverrides(doubleHex());
  const auto cols_u = withOverrides(base64UrlSafe());
  const std::string mode_p = "string/base64/precise/connect";
  const std::string mode_d = "double/hex";
  const std::string mode_u = "base64-url-safe";
  expectRows(mode_p + " snapshot", awaitRows(w, precise + "." + db + ".t", 0), 0, "r", cols_p, false);
  expectRows(mode_d + " snapshot", awaitRows(w, dbl + "." + db + ".t", 0), 0, "r", cols_d, false);
  expectRows(mode_u + " snapshot", awaitRows(w, url + "." + db + ".t", 0), 0, "r", cols_u, false);

  // SHOW CREATE TABLE turns BOOLEAN into tinyint(1): int16 in the snapshot.
  {
    const std::vector<ColumnCase> b_cols = {
        {"c_bool", "BOOLEAN", R"({"type":"int16","optional":true})", {{"", "1"}, {"", "null"}, {"", "5"}}},
        {"d_bool", "BOOL NOT NULL DEFAULT TRUE", R"({"type":"int16","optional":false,"default":1})",
         {{"", "0"}, {"", "1"}, {"", "1"}}},
        {"c_tiny1", "TINYINT(1)", R"({"type":"int16","optional":true})", {{"", "1"}, {"", "null"}, {"", "-1"}}},
    };
    auto got = awaitRows(w, precise + "." + db + ".b", 0, 3);
    for (int id = 1; id <= 3; ++id) {
      auto it = got.find(id);
      if (it == got.end()) continue;
      EXPECT_EQ(it->second.op, "r");
      for (const auto& c : b_cols) {
        EXPECT_EQ(it->second.field_schema[c.name], fieldSchema(c.schema, c.name)) << "snapshot: schema of b." << c.name;
        EXPECT_EQ(it->second.after[c.name], c.rows[id - 1].snapshot) << "snapshot: b." << c.name << ", id " << id;
      }
    }
  }

  insertRows(*session, db, cols, 100);
  expectRows(mode_p + " streaming", awaitRows(w, precise + "." + db + ".t", 100), 100, "c", cols_p, true);
  expectRows(mode_d + " streaming", awaitRows(w, dbl + "." + db + ".t", 100), 100, "c", cols_d, true);
  expectRows(mode_u + " streaming", awaitRows(w, url + "." + db + ".t", 100), 100, "c", cols_u, true);

  EXPECT_EQ(w.del("/connectors/" + precise).status, 204);
  EXPECT_EQ(w.del("/connectors/" + dbl).status, 204);
  EXPECT_EQ(w.del("/connectors/" + url).status, 204);
}

// MariaDB's UUID type through the MariaDB connector (§1.11): io.debezium.data.Uuid, lower-case
// canonical text, from the snapshot and from the binlog's 16 raw bytes.
TEST(MySqlTypesTest, MariaDbUuidIsUuidString) {
  const std::string db = uniqueDatabase("ituuid");
  Databases db_guard({db}, /*create=*/false);
  auto session = relaxedSession();
  session->execute("CREATE DATABASE " + db);
  session->execute("CREATE TABLE " + db + ".u (id INT NOT NULL PRIMARY KEY, c_uuid UUID)");
  // No value ends in a 0x00 byte: MariaDB's row image drops trailing zero bytes of the 16-byte
  // value and Debezium's convertUuid (new BigInteger(1, bytes)) does not pad them back, so such a
  // UUID would stream shifted by a byte; that quirk is deliberately not pinned here.
  const std::vector<std::pair<std::string, std::string>> values = {
      {"'00000000-0000-4000-8000-000000000001'", R"("00000000-0000-4000-8000-000000000001")"},
      {"'f47ac10b-58cc-4372-a567-0e02b2c3d479'", R"("f47ac10b-58cc-4372-a567-0e02b2c3d479")"},
      {"NULL", "null"},
      {"'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF'", R"("ffffffff-ffff-ffff-ffff-ffffffffffff")"},
      {"'123e4567-e89b-12d3-a456-426614174001'", R"("123e4567-e89b-12d3-a456-426614174001")"},
  };
  auto insert = [&](int base) {
    for (int r = 0; r < kRows; ++r)
      session->execute("INSERT INTO " + db + ".u VALUES (" + std::to_string(base + r + 1) + ", " + values[r].first + ")");
  };
  insert(0);

  auto dir = scratchDir("mysql-types-uuid");
  Connectd w(dir, mysqlWorkerProps());
  w.start();
  w.waitReady();
  const std::string prefix = db;
  Json cfg = mysqlConnectorConfig(prefix, db, 185004);
  cfg["connector.class"] = "io.debezium.connector.mariadb.MariaDbConnector";
  ASSERT_EQ(w.post("/connectors", {{"name", prefix}, {"config", cfg}}).status, 201);
  ASSERT_TRUE(w.waitForState(prefix, "RUNNING")) << w.log();
  const std::string topic = prefix + "." + db + ".u";
  const std::string schema =
      R"({"type":"string","optional":true,"name":"io.debezium.data.Uuid","version":1,"field":"c_uuid"})";
  auto check = [&](const std::string& scenario, int base, const std::string& op) {
    auto got = awaitRows(w, topic, base);
    for (int r = 0; r < kRows; ++r) {
      auto it = got.find(base + r + 1);
      if (it == got.end()) continue;
      EXPECT_EQ(it->second.op, op) << scenario;
      EXPECT_EQ(it->second.field_schema["c_uuid"], schema) << scenario << ": schema of c_uuid";
      EXPECT_EQ(it->second.after["c_uuid"], values[r].second)
          << scenario << ": c_uuid of id " << base + r + 1 << ", SQL " << values[r].first;
    }
  };
  check("snapshot", 0, "r");
  insert(100);
  check("streaming", 100, "c");
  EXPECT_EQ(w.del("/connectors/" + prefix).status, 204);
}

}  // namespace
}  // namespace connectd::it
