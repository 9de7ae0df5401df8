#include "connectors/mysql/values/default_value_converter.h"

#include <gtest/gtest.h>

#include "test_columns.h"

namespace connectd::mysql {
namespace {

using api::Value;
using testing::col;
using testing::withDefault;
using Cfg = ValueConverterConfig;

std::optional<Value> def(const Column& c, Cfg cfg = {}) {
  auto cv = ColumnValueConverter::forColumn(c, cfg);
  EXPECT_TRUE(cv.has_value());
  cv->bind(cv->schemaBuilder().build());
  return BinlogDefaultValueConverter::parseDefaultValue(c, *cv);
}

TEST(BinlogDefaultValueConverterTest, IntegersTrimRoundAndAcceptBooleans) {
  EXPECT_EQ(def(withDefault(col("a", "INT", jdbc::kInteger), " 42 ")), Value(int32_t{42}));
  EXPECT_EQ(def(withDefault(col("a", "INT", jdbc::kInteger), "1.5")), Value(int32_t{2}));
  EXPECT_EQ(def(withDefault(col("a", "INT", jdbc::kInteger), "-1.5")), Value(int32_t{-1}));
  EXPECT_EQ(def(withDefault(col("a", "TINYINT", jdbc::kSmallInt), "TRUE")), Value(int16_t{1}));
  EXPECT_EQ(def(withDefault(col("a", "BIGINT", jdbc::kBigInt), "false")), Value(int64_t{0}));
  EXPECT_EQ(def(withDefault(col("a", "TINYINT UNSIGNED", jdbc::kSmallInt), "200")), Value(int16_t{200}));
  EXPECT_EQ(def(withDefault(col("a", "INT UNSIGNED", jdbc::kInteger), "4294967295")), Value(int64_t{4294967295}));
  EXPECT_EQ(def(withDefault(col("a", "INT", jdbc::kInteger), "abc")), std::nullopt);
  EXPECT_EQ(def(withDefault(col("a", "INT", jdbc::kInteger), "_utf8mb4'7'")), Value(int32_t{7}));
  Cfg precise;
  precise.bigint_unsigned = Cfg::BigIntUnsignedMode::Precise;
  auto big = def(withDefault(col("a", "BIGINT UNSIGNED", jdbc::kBigInt), "18446744073709551615"), precise);
  ASSERT_TRUE(big);
  EXPECT_EQ(big->asDecimal().toPlainString(), "18446744073709551615");
}

TEST(BinlogDefaultValueConverterTest, DecimalsAreRescaledHalfUp) {
  Column c = col("p", "DECIMAL", jdbc::kDecimal, 10, 2);
  EXPECT_EQ(def(withDefault(c, "1.005"))->asDecimal().toPlainString(), "1.01");
  EXPECT_EQ(def(withDefault(c, "3"))->asDecimal().toPlainString(), "3.00");
  EXPECT_EQ(def(withDefault(c, "true"))->asDecimal().toPlainString(), "1.00");
  Cfg s;
  s.decimal = Cfg::DecimalMode::String;
  EXPECT_EQ(def(withDefault(c, "-2.345"), s), Value("-2.35"));
  Cfg d;
  d.decimal = Cfg::DecimalMode::Double;
  EXPECT_EQ(def(withDefault(c, "2.5"), d), Value(2.5));
  EXPECT_EQ(rescaleDecimalHalfUp("1e3", 1), "1000.0");
  EXPECT_EQ(rescaleDecimalHalfUp("-0.004", 2), "0.00");
  EXPECT_EQ(rescaleDecimalHalfUp("9.995", 2), "10.00");
  EXPECT_EQ(rescaleDecimalHalfUp("x", 2), std::nullopt);
}

TEST(BinlogDefaultValueConverterTest, FloatsAndBooleansAndBits) {
  EXPECT_EQ(def(withDefault(col("f", "FLOAT", jdbc::kFloat), "1.5")), Value(1.5f));
  EXPECT_EQ(def(withDefault(col("f", "DOUBLE", jdbc::kDouble), "1e3")), Value(1000.0));
  EXPECT_EQ(def(withDefault(col("b", "BOOLEAN", jdbc::kBoolean), "1")), Value(true));
  EXPECT_EQ(def(withDefault(col("b", "BOOLEAN", jdbc::kBoolean), "TRUE")), Value(true));
  EXPECT_EQ(def(withDefault(col("b", "BIT", jdbc::kBit, 1), "1")), Value(true));
  EXPECT_EQ(def(withDefault(col("b", "BIT", jdbc::kBit, 1), "0")), Value(false));
  auto bits = def(withDefault(col("b", "BIT", jdbc::kBit, 16), "100000010"));
  ASSERT_TRUE(bits);
  EXPECT_EQ(bits->asBytes().data, std::string("\x02\x01", 2));
}

TEST(BinlogDefaultValueConverterTest, TemporalDefaults) {
  Column dt = col("created_at", "DATETIME", jdbc::kTimestamp);
  EXPECT_EQ(def(withDefault(dt, "CURRENT_TIMESTAMP")), Value(int64_t{0}));
  EXPECT_EQ(def(withDefault(dt, "1970-01-01 00:00:00")), Value(int64_t{0}));
  EXPECT_EQ(def(withDefault(dt, "2018-06-20 06:37:03")), Value(int64_t{1529476623000}));
  EXPECT_EQ(def(withDefault(dt, "0000-00-00 00:00:00")), std::nullopt);
  Column dt_nn = col("c", "DATETIME", jdbc::kTimestamp, 6, std::nullopt, false);
  EXPECT_EQ(def(withDefault(dt_nn, "0000-00-00 00:00:00")), Value(int64_t{0}));
  EXPECT_EQ(def(withDefault(dt_nn, "2024-03-15 10:20:30.5")), Value(int64_t{1710498030500000}));

  Column ts = col("updated_at", "TIMESTAMP", jdbc::kTimestampWithTimezone);
  EXPECT_EQ(def(withDefault(ts, "CURRENT_TIMESTAMP")), std::nullopt);
  Column ts_nn = col("u", "TIMESTAMP", jdbc::kTimestampWithTimezone, 3, std::nullopt, false);
  EXPECT_EQ(def(withDefault(ts_nn, "CURRENT_TIMESTAMP(3)")), Value("1970-01-01T00:00:00Z"));
  EXPECT_EQ(def(withDefault(ts_nn, "0000-00-00 00:00:00.000")), Value("1970-01-01T00:00:00Z"));
  EXPECT_EQ(def(withDefault(ts_nn, "2020-01-01 00:00:00")), Value("2020-01-01T00:00:00.000Z"));
  Column ts6 = col("u", "TIMESTAMP", jdbc::kTimestampWithTimezone, 6, std::nullopt, false);
  EXPECT_EQ(def(withDefault(ts6, "2020-01-01 10:00:00.500000")), Value("2020-01-01T10:00:00.500000Z"));
  EXPECT_EQ(def(withDefault(ts6, "2020-01-01 10:00:00.5")), Value("2020-01-01T10:00:00.500000Z"));
  Column ts0 = col("u", "TIMESTAMP", jdbc::kTimestampWithTimezone, std::nullopt, std::nullopt, false);
  EXPECT_EQ(def(withDefault(ts0, "2020-01-01 10:00:00")), Value("2020-01-01T10:00:00Z"));

  Column d = col("d", "DATE", jdbc::kDate);
  EXPECT_EQ(def(withDefault(d, "2024-03-15")), Value(int32_t{19797}));
  EXPECT_EQ(def(withDefault(d, "0000-00-00")), std::nullopt);
  Column d_nn = col("d", "DATE", jdbc::kDate, std::nullopt, std::nullopt, false);
  EXPECT_EQ(def(withDefault(d_nn, "0000-00-00")), Value(int32_t{0}));
  EXPECT_EQ(def(withDefault(d_nn, "2024-02-30")), Value(int32_t{0}));

  Column t = col("t", "TIME", jdbc::kTime);
  EXPECT_EQ(def(withDefault(t, "12:00:00")), Value(int64_t{43200000000}));
  EXPECT_EQ(def(withDefault(t, "-01:30:00")), Value(int64_t{-5400000000}));
  EXPECT_EQ(def(withDefault(t, "2020-01-01 01:00:00")), Value(int64_t{3600000000}));

  Column y = col("y", "YEAR", jdbc::kInteger);
  EXPECT_EQ(def(withDefault(y, "2024")), Value(int32_t{2024}));
  EXPECT_EQ(def(withDefault(y, "69")), Value(int32_t{2069}));
}

TEST(BinlogDefaultValueConverterTest, StringsEnumsAndBinaryKeepTheLiteral) {
  EXPECT_EQ(def(withDefault(col("s", "VARCHAR", jdbc::kVarchar), " padded ")), Value(" padded "));
  EXPECT_EQ(def(withDefault(col("s", "VARCHAR", jdbc::kVarchar), "_utf8mb4'x'")), Value("x"));
  Column e = col("e", "ENUM", jdbc::kChar);
  e.enumValues = {"'small'", "'large'"};
  EXPECT_EQ(def(withDefault(e, "small")), Value("small"));
  auto bin = def(withDefault(col("b", "BINARY", jdbc::kBinary, 4), "ab"));
  ASSERT_TRUE(bin);
  EXPECT_EQ(bin->asBytes().data, "ab");  // a String default is not padded
  EXPECT_EQ(def(withDefault(col("g", "GEOMETRY", jdbc::kOther), "x")), std::nullopt);
  EXPECT_EQ(def(withDefault(col("s", "VARCHAR", jdbc::kVarchar), std::nullopt)), std::nullopt);
}

}  // namespace
}  // namespace connectd::mysql
