#include "connectors/mysql/values/column_value_converter.h"

#include <gtest/gtest.h>

#include <cstring>

#include "server/api/errors.h"
#include "server/api/struct.h"
#include "server/common/strings.h"
#include "test_columns.h"

namespace connectd::mysql {
namespace {

using api::Value;
using binlog::Cell;
using testing::bytesCell;
using testing::col;
using testing::dateCell;
using testing::dateTimeCell;
using testing::decimalCell;
using testing::intCell;
using testing::nullCell;
using testing::timeCell;
using testing::timestampCell;
using Cfg = ValueConverterConfig;

ColumnValueConverter conv(const Column& c, Cfg cfg = {}) {
  auto cv = ColumnValueConverter::forColumn(c, cfg);
  EXPECT_TRUE(cv.has_value()) << c.typeName;
  auto b = cv->schemaBuilder();
  if (c.optional) b.optional();
  cv->bind(b.build());
  return *cv;
}

Value text(const ColumnValueConverter& c, std::string_view s) { return c.fromText(s.data(), s.size()); }
Value textNull(const ColumnValueConverter& c) { return c.fromText(nullptr, 0); }
std::string bytesOf(const Value& v) { return v.asBytes().data; }

TEST(ColumnValueConverterTest, SignedIntegersKeepTheirWidth) {
  auto tiny = conv(col("a", "TINYINT", jdbc::kSmallInt));
  EXPECT_EQ(tiny.schemaBuilder().type(), api::Type::Int16);
  EXPECT_EQ(tiny.fromCell(intCell(-128, 1)), Value(int16_t{-128}));
  EXPECT_EQ(text(tiny, "-128"), Value(int16_t{-128}));
  auto medium = conv(col("a", "MEDIUMINT", jdbc::kInteger));
  EXPECT_EQ(medium.fromCell(intCell(-8388608, 3)), Value(int32_t{-8388608}));
  auto i = conv(col("a", "INT", jdbc::kInteger));
  EXPECT_EQ(i.fromCell(intCell(-2147483648LL, 4)), Value(int32_t{-2147483647 - 1}));
  EXPECT_EQ(text(i, "2147483647"), Value(int32_t{2147483647}));
  auto big = conv(col("a", "BIGINT", jdbc::kBigInt));
  EXPECT_EQ(big.fromCell(intCell(INT64_MIN, 8)), Value(INT64_MIN));
  EXPECT_EQ(text(big, "-9223372036854775808"), Value(INT64_MIN));
}

TEST(ColumnValueConverterTest, UnsignedIntegersReinterpretTheStoredBytes) {
  auto tiny = conv(col("a", "TINYINT UNSIGNED", jdbc::kSmallInt));
  EXPECT_EQ(tiny.schemaBuilder().type(), api::Type::Int16);
  EXPECT_EQ(tiny.fromCell(intCell(-1, 1)), Value(int16_t{255}));
  EXPECT_EQ(text(tiny, "255"), Value(int16_t{255}));
  auto small = conv(col("a", "SMALLINT UNSIGNED", jdbc::kSmallInt));
  EXPECT_EQ(small.schemaBuilder().type(), api::Type::Int32);
  EXPECT_EQ(small.fromCell(intCell(-1, 2)), Value(int32_t{65535}));
  auto medium = conv(col("a", "MEDIUMINT UNSIGNED", jdbc::kInteger));
  EXPECT_EQ(medium.schemaBuilder().type(), api::Type::Int32);
  EXPECT_EQ(medium.fromCell(intCell(-1, 3)), Value(int32_t{16777215}));
  auto i = conv(col("a", "INT UNSIGNED ZEROFILL", jdbc::kInteger));
  EXPECT_EQ(i.schemaBuilder().type(), api::Type::Int64);
  EXPECT_EQ(i.fromCell(intCell(-1, 4)), Value(int64_t{4294967295}));
  EXPECT_EQ(text(i, "0000004294967295"), Value(int64_t{4294967295}));
}

TEST(ColumnValueConverterTest, BigIntUnsignedLongModeWrapsAndPreciseModeIsDecimal20) {
  auto lng = conv(col("a", "BIGINT UNSIGNED", jdbc::kBigInt));
  EXPECT_EQ(lng.fromCell(intCell(-1, 8)), Value(int64_t{-1}));
  EXPECT_EQ(text(lng, "18446744073709551615"), Value(int64_t{-1}));
  Cfg cfg;
  cfg.bigint_unsigned = Cfg::BigIntUnsignedMode::Precise;
  auto precise = conv(col("a", "BIGINT UNSIGNED", jdbc::kBigInt), cfg);
  auto schema = precise.schemaBuilder().build();
  EXPECT_EQ(*schema->name(), "org.apache.kafka.connect.data.Decimal");
  EXPECT_EQ(*schema->parameter("connect.decimal.precision"), "20");
  EXPECT_EQ(*schema->parameter("scale"), "0");
  Value v = precise.fromCell(intCell(-1, 8));
  EXPECT_EQ(v.asDecimal().toPlainString(), "18446744073709551615");
  EXPECT_EQ(v.asDecimal().unscaled, std::string("\x00\xff\xff\xff\xff\xff\xff\xff\xff", 9));
  EXPECT_EQ(text(precise, "18446744073709551615"), v);
}

TEST(ColumnValueConverterTest, BooleanAndBitOne) {
  auto b = conv(col("a", "BOOLEAN", jdbc::kBoolean));
  EXPECT_EQ(b.fromCell(intCell(1, 1)), Value(true));
  EXPECT_EQ(b.fromCell(intCell(0, 1)), Value(false));
  EXPECT_EQ(text(b, "1"), Value(true));
  auto bit = conv(col("a", "BIT", jdbc::kBit, 1));
  EXPECT_EQ(bit.schemaBuilder().type(), api::Type::Boolean);
  EXPECT_EQ(bit.fromCell(bytesCell(Cell::Kind::Bit, std::string_view("\x01", 1))), Value(true));
  EXPECT_EQ(bit.fromCell(bytesCell(Cell::Kind::Bit, std::string_view("\x00", 1))), Value(false));
  EXPECT_EQ(text(bit, std::string_view("\x01", 1)), Value(true));
}

TEST(ColumnValueConverterTest, BitsAreLittleEndianPaddedToTheColumnWidth) {
  auto bits = conv(col("flags", "BIT", jdbc::kBit, 16));
  EXPECT_EQ(bytesOf(bits.fromCell(bytesCell(Cell::Kind::Bit, std::string_view("\x01\x02", 2)))),
            std::string("\x02\x01", 2));
  // JDBC may return fewer bytes; they are reversed and padded at the end.
  EXPECT_EQ(bytesOf(text(bits, std::string_view("\x05", 1))), std::string("\x05\x00", 2));
  auto bits10 = conv(col("b", "BIT", jdbc::kBit, 10));
  EXPECT_EQ(bytesOf(bits10.fromCell(bytesCell(Cell::Kind::Bit, std::string_view("\x03\xff", 2)))),
            std::string("\xff\x03", 2));
  EXPECT_EQ(bits.nullValue(), Value());
  auto required = conv(col("b", "BIT", jdbc::kBit, 16, std::nullopt, false));
  EXPECT_EQ(required.fromCell(nullCell()), Value(api::Bytes{}));
}

TEST(ColumnValueConverterTest, FloatingPointFollowsTheDeclaredType) {
  auto f = conv(col("a", "FLOAT", jdbc::kFloat));
  EXPECT_EQ(f.schemaBuilder().type(), api::Type::Float32);
  Cell fc;
  fc.kind = Cell::Kind::Float;
  fc.f = 1.1f;
  EXPECT_EQ(f.fromCell(fc), Value(1.1f));
  EXPECT_EQ(text(f, "1.1"), Value(1.1f));
  // FLOAT(M,D) is a 4-byte float widened to a double, as convertDouble does with a Float.
  auto fmd = conv(col("a", "FLOAT", jdbc::kFloat, 7, 2));
  EXPECT_EQ(fmd.schemaBuilder().type(), api::Type::Float64);
  EXPECT_EQ(fmd.fromCell(fc), Value(static_cast<double>(1.1f)));
  EXPECT_EQ(text(fmd, "1.1"), Value(static_cast<double>(1.1f)));
  auto f30 = conv(col("a", "FLOAT", jdbc::kFloat, 30));
  EXPECT_EQ(f30.schemaBuilder().type(), api::Type::Float64);
  EXPECT_EQ(text(f30, "1.1"), Value(1.1));
  auto real = conv(col("a", "REAL", jdbc::kReal));
  Cell dc;
  dc.kind = Cell::Kind::Double;
  dc.d = 2.5;
  EXPECT_EQ(real.fromCell(dc), Value(2.5f));
  auto dbl = conv(col("a", "DOUBLE", jdbc::kDouble));
  EXPECT_EQ(dbl.fromCell(dc), Value(2.5));
  EXPECT_EQ(text(dbl, "-1.7976931348623157e308"), Value(-1.7976931348623157e308));
  auto required = conv(col("a", "DOUBLE", jdbc::kDouble, std::nullopt, std::nullopt, false));
  EXPECT_EQ(required.fromCell(nullCell()), Value(0.0));
}

TEST(ColumnValueConverterTest, DecimalInEveryMode) {
  Column c = col("price", "DECIMAL", jdbc::kDecimal, 10, 2);
  auto precise = conv(c);
  Value v = precise.fromCell(decimalCell("12345.67"));
  EXPECT_EQ(v.asDecimal().scale, 2);
  EXPECT_EQ(common::base64Encode(v.asDecimal().unscaled), "EtaH");
  EXPECT_EQ(text(precise, "-1.00").asDecimal().toPlainString(), "-1.00");
  Cfg d;
  d.decimal = Cfg::DecimalMode::Double;
  EXPECT_EQ(conv(c, d).fromCell(decimalCell("12345.67")), Value(12345.67));
  Cfg s;
  s.decimal = Cfg::DecimalMode::String;
  auto str = conv(c, s);
  EXPECT_EQ(str.fromCell(decimalCell("12345.67")), Value("12345.67"));
  EXPECT_EQ(str.fromCell(decimalCell("-0.00")), Value("0.00"));
  EXPECT_EQ(text(str, "1.00"), Value("1.00"));
  auto required = conv(col("p", "DECIMAL", jdbc::kDecimal, 10, 2, false), s);
  EXPECT_EQ(required.fromCell(nullCell()), Value("0.00"));
  auto required_precise = conv(col("p", "DECIMAL", jdbc::kDecimal, 10, 2, false));
  EXPECT_EQ(required_precise.fromCell(nullCell()).asDecimal().toPlainString(), "0.00");
}

TEST(ColumnValueConverterTest, StringsAreDecodedFromTheColumnCharset) {
  Column c = col("s", "VARCHAR", jdbc::kVarchar, 20);
  c.charsetName = "latin1";
  auto latin1 = conv(c);
  // latin1 is windows-1252 in MySQL: 0x80 is the euro sign.
  EXPECT_EQ(latin1.fromCell(bytesCell(Cell::Kind::String, "caf\xe9 \x80")), Value("caf\xc3\xa9 \xe2\x82\xac"));
  c.charsetName = "utf8mb4";
  auto utf8 = conv(c);
  EXPECT_EQ(utf8.fromCell(bytesCell(Cell::Kind::String, "h\xc3\xa9")), Value("h\xc3\xa9"));
  EXPECT_EQ(utf8.fromCell(bytesCell(Cell::Kind::String, "a\xff")), Value("a\xef\xbf\xbd"));
  // TEXT arrives as a BLOB cell but is a string column.
  Column t = col("t", "TEXT", jdbc::kVarchar);
  t.charsetName = "utf8mb4";
  EXPECT_EQ(conv(t).fromCell(bytesCell(Cell::Kind::Blob, "long text")), Value("long text"));
  // Snapshot text is already UTF-8.
  EXPECT_EQ(text(latin1, "caf\xc3\xa9"), Value("caf\xc3\xa9"));
  auto required = conv(col("s", "VARCHAR", jdbc::kVarchar, 20, std::nullopt, false));
  EXPECT_EQ(required.fromCell(nullCell()), Value(""));
}

TEST(ColumnValueConverterTest, BinaryIsPaddedAndHonoursBinaryHandlingMode) {
  Column c = col("b", "BINARY", jdbc::kBinary, 4);
  EXPECT_EQ(bytesOf(conv(c).fromCell(bytesCell(Cell::Kind::Blob, "ab"))), std::string("ab\0\0", 4));
  Cfg b64;
  b64.binary = Cfg::BinaryMode::Base64;
  EXPECT_EQ(conv(c, b64).fromCell(bytesCell(Cell::Kind::Blob, "ab")), Value("YWIAAA=="));
  EXPECT_EQ(conv(c, b64).schemaBuilder().type(), api::Type::String);
  Cfg hex;
  hex.binary = Cfg::BinaryMode::Hex;
  EXPECT_EQ(conv(c, hex).fromCell(bytesCell(Cell::Kind::Blob, "ab")), Value("61620000"));
  Cfg url;
  url.binary = Cfg::BinaryMode::Base64UrlSafe;
  Column vb = col("v", "VARBINARY", jdbc::kVarbinary, 10);
  EXPECT_EQ(conv(vb, url).fromCell(bytesCell(Cell::Kind::Blob, std::string_view("\xfb\xff", 2))), Value("-_8="));
  EXPECT_EQ(bytesOf(text(conv(vb), std::string_view("\x00\x01", 2))), std::string("\x00\x01", 2));
  Column blob = col("bl", "BLOB", jdbc::kBlob);
  EXPECT_EQ(bytesOf(conv(blob).fromCell(bytesCell(Cell::Kind::Blob, "xyz"))), "xyz");
}

TEST(ColumnValueConverterTest, EnumAndSetFromBinlogIndexesAndSnapshotText) {
  Column e = col("size", "ENUM", jdbc::kChar, 1);
  e.enumValues = {"'small'", "'medium'", "'a,b'", "'it''s'"};
  auto en = conv(e);
  EXPECT_EQ(*en.schemaBuilder().build()->parameter("allowed"), "small,medium,a\\,b,it's");
  Cell idx;
  idx.kind = Cell::Kind::Enum;
  idx.i = 2;
  EXPECT_EQ(en.fromCell(idx), Value("medium"));
  idx.i = 0;
  EXPECT_EQ(en.fromCell(idx), Value(""));
  idx.i = 3;
  EXPECT_EQ(en.fromCell(idx), Value("a\\,b"));
  idx.i = 9;
  EXPECT_THROW(en.fromCell(idx), api::DataException);
  EXPECT_EQ(text(en, "a,b"), Value("a,b"));

  Column s = col("tags", "SET", jdbc::kChar, 1);
  s.enumValues = {"'a'", "'b'", "'c'"};
  auto set = conv(s);
  EXPECT_EQ(*set.schemaBuilder().build()->name(), "io.debezium.data.EnumSet");
  Cell bits;
  bits.kind = Cell::Kind::Set;
  bits.u = 0b101;
  EXPECT_EQ(set.fromCell(bits), Value("a,c"));
  bits.u = 0;
  EXPECT_EQ(set.fromCell(bits), Value(""));
  bits.u = 0b1001;  // an unknown member still gets its comma
  EXPECT_EQ(set.fromCell(bits), Value("a,"));
  EXPECT_EQ(text(set, "a,c"), Value("a,c"));
}

TEST(ColumnValueConverterTest, YearFromBinlogAndText) {
  auto y = conv(col("y", "YEAR", jdbc::kInteger));
  Cell c;
  c.kind = Cell::Kind::Year;
  c.i = 2024;
  EXPECT_EQ(y.fromCell(c), Value(int32_t{2024}));
  c.i = 0;  // the binlog client reads the zero year as 1900
  EXPECT_EQ(y.fromCell(c), Value(int32_t{1900}));
  EXPECT_EQ(text(y, "2155"), Value(int32_t{2155}));
  EXPECT_EQ(text(y, "69"), Value(int32_t{2069}));
  EXPECT_EQ(text(y, "70"), Value(int32_t{1970}));
  EXPECT_EQ(text(y, "0000"), Value(int32_t{2000}));
}

TEST(ColumnValueConverterTest, DateAsEpochDaysWithZeroDatesAndAdjuster) {
  auto d = conv(col("d", "DATE", jdbc::kDate));
  EXPECT_EQ(d.fromCell(dateCell(2024, 3, 15)), Value(int32_t{19797}));
  EXPECT_EQ(text(d, "2024-03-15"), Value(int32_t{19797}));
  EXPECT_EQ(d.fromCell(dateCell(1969, 12, 31)), Value(int32_t{-1}));
  EXPECT_EQ(d.fromCell(dateCell(0, 0, 0)), Value());
  EXPECT_EQ(text(d, "0000-00-00"), Value());
  EXPECT_EQ(text(d, "2024-00-10"), Value());
  // Two-digit years are moved into 1970-2069 by enable.time.adjuster.
  EXPECT_EQ(d.fromCell(dateCell(18, 6, 20)), d.fromCell(dateCell(2018, 6, 20)));
  EXPECT_EQ(d.fromCell(dateCell(99, 1, 1)), d.fromCell(dateCell(1999, 1, 1)));
  Cfg no_adjust;
  no_adjust.enable_time_adjuster = false;
  auto raw = conv(col("d", "DATE", jdbc::kDate), no_adjust);
  EXPECT_EQ(raw.fromCell(dateCell(18, 6, 20)).asInt32(), -712783);
  // NOT NULL: the zero date falls back to the epoch.
  auto required = conv(col("d", "DATE", jdbc::kDate, std::nullopt, std::nullopt, false));
  EXPECT_EQ(required.fromCell(dateCell(0, 0, 0)), Value(int32_t{0}));
  EXPECT_EQ(text(required, "0000-00-00"), Value(int32_t{0}));
  Cfg connect;
  connect.time_precision = Cfg::TimePrecisionMode::Connect;
  auto kd = conv(col("d", "DATE", jdbc::kDate), connect);
  EXPECT_EQ(*kd.schemaBuilder().build()->name(), "org.apache.kafka.connect.data.Date");
  EXPECT_EQ(kd.fromCell(dateCell(2024, 3, 15)), Value(int32_t{19797}));
}

TEST(ColumnValueConverterTest, TimeAsMicrosecondsIncludingNegativeAndLargeValues) {
  auto t = conv(col("t", "TIME", jdbc::kTime, 6));
  EXPECT_EQ(t.fromCell(timeCell(true, 838, 59, 59)), Value(int64_t{-3020399000000}));
  EXPECT_EQ(text(t, "-838:59:59.000000"), Value(int64_t{-3020399000000}));
  EXPECT_EQ(t.fromCell(timeCell(false, 10, 20, 30, 123456)), Value(int64_t{37230123456}));
  EXPECT_EQ(text(t, "10:20:30.123456"), Value(int64_t{37230123456}));
  EXPECT_EQ(text(t, "-00:00:01.5"), Value(int64_t{-1500000}));
  EXPECT_EQ(text(t, "100:00:00"), Value(int64_t{360000000000}));

  Cfg connect;
  connect.time_precision = Cfg::TimePrecisionMode::Connect;
  auto kt = conv(col("t", "TIME", jdbc::kTime, 3), connect);
  EXPECT_EQ(*kt.schemaBuilder().build()->name(), "org.apache.kafka.connect.data.Time");
  EXPECT_EQ(kt.fromCell(timeCell(false, 10, 20, 30, 123456)), Value(int32_t{37230123}));
  EXPECT_THROW(kt.fromCell(timeCell(true, 1, 0, 0)), api::DataException);
  EXPECT_THROW(text(kt, "25:00:00"), api::DataException);
}

TEST(ColumnValueConverterTest, DateTimeUnitFollowsPrecisionAndMode) {
  auto ms = conv(col("dt", "DATETIME", jdbc::kTimestamp));
  EXPECT_EQ(*ms.schemaBuilder().build()->name(), "io.debezium.time.Timestamp");
  EXPECT_EQ(ms.fromCell(dateTimeCell(2018, 6, 20, 6, 37, 3)), Value(int64_t{1529476623000}));
  EXPECT_EQ(text(ms, "2018-06-20 06:37:03"), Value(int64_t{1529476623000}));
  auto ms3 = conv(col("dt", "DATETIME", jdbc::kTimestamp, 3));
  EXPECT_EQ(ms3.fromCell(dateTimeCell(2018, 6, 20, 6, 37, 3, 123000)), Value(int64_t{1529476623123}));
  auto us = conv(col("dt6", "DATETIME", jdbc::kTimestamp, 6));
  EXPECT_EQ(*us.schemaBuilder().build()->name(), "io.debezium.time.MicroTimestamp");
  EXPECT_EQ(us.fromCell(dateTimeCell(2024, 3, 15, 10, 20, 30, 123456)), Value(int64_t{1710498030123456}));
  EXPECT_EQ(text(us, "2024-03-15 10:20:30.123456"), Value(int64_t{1710498030123456}));
  EXPECT_EQ(us.fromCell(dateTimeCell(1969, 12, 31, 23, 59, 59, 500000)), Value(int64_t{-500000}));
  EXPECT_EQ(us.fromCell(dateTimeCell(0, 0, 0, 0, 0, 0)), Value());
  EXPECT_EQ(text(us, "0000-00-00 00:00:00.000000"), Value());
  auto required = conv(col("dt", "DATETIME", jdbc::kTimestamp, 6, std::nullopt, false));
  EXPECT_EQ(required.fromCell(dateTimeCell(2024, 0, 1, 0, 0, 0)), Value(int64_t{0}));
  Cfg connect;
  connect.time_precision = Cfg::TimePrecisionMode::Connect;
  auto k = conv(col("dt", "DATETIME", jdbc::kTimestamp, 6), connect);
  EXPECT_EQ(*k.schemaBuilder().build()->name(), "org.apache.kafka.connect.data.Timestamp");
  EXPECT_EQ(k.fromCell(dateTimeCell(2024, 3, 15, 10, 20, 30, 123456)), Value(int64_t{1710498030123}));
}

TEST(ColumnValueConverterTest, ZonedTimestampWidthDependsOnOrigin) {
  auto ts0 = conv(col("ts", "TIMESTAMP", jdbc::kTimestampWithTimezone));
  EXPECT_EQ(ts0.fromCell(timestampCell(1529501823)), Value("2018-06-20T13:37:03Z"));
  EXPECT_EQ(text(ts0, "2018-06-20 13:37:03"), Value("2018-06-20T13:37:03Z"));
  auto ts3 = conv(col("ts", "TIMESTAMP", jdbc::kTimestampWithTimezone, 3));
  // binlog values render exactly fsp digits; snapshot values the minimal number.
  EXPECT_EQ(ts3.fromCell(timestampCell(1710498030, 120000)), Value("2024-03-15T10:20:30.120Z"));
  EXPECT_EQ(text(ts3, "2024-03-15 10:20:30.120"), Value("2024-03-15T10:20:30.12Z"));
  auto ts6 = conv(col("ts", "TIMESTAMP", jdbc::kTimestampWithTimezone, 6));
  EXPECT_EQ(ts6.fromCell(timestampCell(1710498030, 0)), Value("2024-03-15T10:20:30.000000Z"));
  EXPECT_EQ(text(ts6, "2024-03-15 10:20:30.000000"), Value("2024-03-15T10:20:30Z"));
  EXPECT_EQ(ts6.fromCell(timestampCell(0, 0)), Value());
  EXPECT_EQ(text(ts6, "0000-00-00 00:00:00.000000"), Value());
  auto required = conv(col("ts", "TIMESTAMP", jdbc::kTimestampWithTimezone, 6, std::nullopt, false));
  EXPECT_EQ(required.fromCell(timestampCell(0, 0)), Value("1970-01-01T00:00:00Z"));
  Cfg connect;
  connect.time_precision = Cfg::TimePrecisionMode::Connect;
  EXPECT_EQ(conv(col("ts", "TIMESTAMP", jdbc::kTimestampWithTimezone), connect).fromCell(timestampCell(1529501823)),
            Value("2018-06-20T13:37:03Z"));
}

TEST(ColumnValueConverterTest, JsonTextAndEmptyValues) {
  auto j = conv(col("doc", "JSON", jdbc::kOther));
  EXPECT_EQ(text(j, "{\"a\": 1, \"b\": [1, 2]}"), Value("{\"a\": 1, \"b\": [1, 2]}"));
  EXPECT_EQ(j.fromCell(bytesCell(Cell::Kind::Json, "")), Value());
  auto required = conv(col("doc", "JSON", jdbc::kOther, std::nullopt, std::nullopt, false));
  EXPECT_EQ(required.fromCell(bytesCell(Cell::Kind::Json, "")), Value("{}"));
  EXPECT_EQ(required.fromCell(nullCell()), Value("{}"));
  // MariaDB stores JSON as text.
  EXPECT_EQ(j.fromCell(bytesCell(Cell::Kind::Blob, "[1,2]")), Value("[1,2]"));
}

#if CONNECTD_MYSQL_HAVE_JSON_BINARY
TEST(ColumnValueConverterTest, BinaryJsonFromBinlogIsRenderedCompactly) {
  auto j = conv(col("doc", "JSON", jdbc::kOther));
  // {"a":1}: small object, 1 element, size 12; key entry (offset 11, length 1); int16 value inline.
  const std::string_view bin("\x00\x01\x00\x0c\x00\x0b\x00\x01\x00\x05\x01\x00\x61", 13);
  EXPECT_EQ(j.fromCell(bytesCell(Cell::Kind::Json, bin)), Value("{\"a\":1}"));
}
#endif

std::string le32(uint32_t v) {
  std::string s(4, '\0');
  for (int i = 0; i < 4; ++i) s[static_cast<size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xff);
  return s;
}
std::string le64d(double d) {
  uint64_t v;
  std::memcpy(&v, &d, 8);
  std::string s(8, '\0');
  for (int i = 0; i < 8; ++i) s[static_cast<size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xff);
  return s;
}

TEST(ColumnValueConverterTest, PointAndGeometryStripTheSrid) {
  std::string wkb = std::string("\x01", 1) + le32(1) + le64d(1.0) + le64d(2.0);
  std::string mysql = le32(0) + wkb;
  auto p = conv(col("p", "POINT", jdbc::kOther, std::nullopt, std::nullopt, false));
  Value v = p.fromCell(bytesCell(Cell::Kind::Geometry, mysql));
  const api::Struct& s = v.asStruct();
  EXPECT_EQ(s.get("x"), Value(1.0));
  EXPECT_EQ(s.get("y"), Value(2.0));
  EXPECT_EQ(common::base64Encode(s.get("wkb").asBytes().data), "AQEAAAAAAAAAAADwPwAAAAAAAABA");
  EXPECT_TRUE(s.get("srid").isNull());
  EXPECT_EQ(text(p, le32(4326) + wkb).asStruct().get("srid"), Value(int32_t{4326}));

  auto g = conv(col("g", "GEOMETRY", jdbc::kOther));
  EXPECT_TRUE(g.schemaBuilder().isOptional());
  std::string line = std::string("\x01", 1) + le32(2) + le32(0);
  Value gv = g.fromCell(bytesCell(Cell::Kind::Geometry, le32(3857) + line));
  EXPECT_EQ(gv.asStruct().get("wkb").asBytes().data, line);
  EXPECT_EQ(gv.asStruct().get("srid"), Value(int32_t{3857}));
  EXPECT_THROW(p.fromCell(bytesCell(Cell::Kind::Geometry, le32(0) + line)), api::ConnectException);
}

TEST(ColumnValueConverterTest, MariaDbUuid) {
  Cfg maria;
  maria.mariadb = true;
  auto u = conv(col("id", "UUID", jdbc::kOther), maria);
  EXPECT_EQ(*u.schemaBuilder().build()->name(), "io.debezium.data.Uuid");
  std::string raw("\x12\x3e\x45\x67\xe8\x9b\x12\xd3\xa4\x56\x42\x66\x14\x17\x40\x00", 16);
  EXPECT_EQ(u.fromCell(bytesCell(Cell::Kind::String, raw)), Value("123e4567-e89b-12d3-a456-426614174000"));
  EXPECT_EQ(text(u, "123E4567-E89B-12D3-A456-426614174000"), Value("123e4567-e89b-12d3-a456-426614174000"));
  // MariaDB strips the trailing 0x00 of the stored value in the row image; Debezium's
  // new BigInteger(1, bytes) then reads the 15 bytes as a smaller number.
  std::string stripped("\x12\x3e\x45\x67\xe8\x9b\x12\xd3\xa4\x56\x42\x66\x14\x17\x40", 15);
  EXPECT_EQ(u.fromCell(bytesCell(Cell::Kind::String, stripped)), Value("00123e45-67e8-9b12-d3a4-564266141740"));
  // The MySQL connector has no UUID type.
  EXPECT_FALSE(ColumnValueConverter::forColumn(col("id", "UUID", jdbc::kOther), {}).has_value());
}

TEST(ColumnValueConverterTest, NullsOfNullableColumnsStayNull) {
  for (auto c : {col("a", "INT", jdbc::kInteger), col("a", "VARCHAR", jdbc::kVarchar), col("a", "DATE", jdbc::kDate),
                 col("a", "GEOMETRY", jdbc::kOther), col("a", "DECIMAL", jdbc::kDecimal, 5, 1)}) {
    auto cv = conv(c);
    EXPECT_TRUE(cv.fromCell(nullCell()).isNull()) << c.typeName;
    EXPECT_TRUE(textNull(cv).isNull()) << c.typeName;
  }
}

TEST(ColumnValueConverterTest, UnknownTypesHaveNoConverter) {
  EXPECT_FALSE(ColumnValueConverter::forColumn(col("a", "WHATEVER", jdbc::kOther), {}).has_value());
}

}  // namespace
}  // namespace connectd::mysql
