#include "server/converters/simple_header_converter.h"

#include <gtest/gtest.h>

#include "server/api/struct.h"
#include "server/converters/values.h"

namespace connectd::converters {
namespace {

using api::Array;
using api::Bytes;
using api::DecimalValue;
using api::Map;
using api::SchemaBuilder;
using api::SchemaPtr;
using api::Value;
namespace schemas = api::schemas;
namespace logical = api::logical;

constexpr const char* kTopic = "topic";
constexpr const char* kHeader = "header";

class SimpleHeaderConverterTest : public ::testing::Test {
 protected:
  std::string write(const SchemaPtr& schema, const Value& value) {
    std::string out;
    EXPECT_TRUE(converter_.fromConnectHeader(kTopic, kHeader, schema, value, out));
    return out;
  }
  api::SchemaAndValue read(std::string_view bytes) {
    return converter_.toConnectHeader(kTopic, kHeader, bytes.data(), bytes.size());
  }
  api::SchemaAndValue roundTrip(const SchemaPtr& schema, const Value& value) {
    return read(write(schema, value));
  }
  void expect(const api::SchemaAndValue& sv, const SchemaPtr& schema, const Value& value) {
    EXPECT_TRUE(api::schemaEquals(sv.schema, schema))
        << (sv.schema ? sv.schema->toString() : "null");
    EXPECT_EQ(sv.value, value) << sv.value.toString();
  }

  SimpleHeaderConverter converter_;
};

TEST_F(SimpleHeaderConverterTest, ConvertsNullValue) {
  std::string out = "stale";
  EXPECT_FALSE(converter_.fromConnectHeader(kTopic, kHeader, schemas::string(), Value(), out));
  EXPECT_TRUE(out.empty());
  auto sv = converter_.toConnectHeader(kTopic, kHeader, nullptr, 0);
  EXPECT_EQ(sv.schema, nullptr);
  EXPECT_TRUE(sv.value.isNull());
}

TEST_F(SimpleHeaderConverterTest, ConvertsSimpleString) {
  expect(roundTrip(schemas::string(), Value("simple")), schemas::string(), Value("simple"));
}

TEST_F(SimpleHeaderConverterTest, ConvertsEmptyAndBlankString) {
  expect(roundTrip(schemas::string(), Value("")), schemas::string(), Value(""));
  expect(roundTrip(schemas::string(), Value("  ")), schemas::string(), Value("  "));
}

TEST_F(SimpleHeaderConverterTest, ConvertsStringWithQuotesAndOtherDelimiterCharacters) {
  for (const char* s :
       {"three\"blind\\\"mice", "string with delimiters: <>?,./\\=+-!@#$%^&*(){}[]|;':"}) {
    EXPECT_EQ(write(schemas::string(), Value(s)), s);
    expect(read(s), schemas::string(), Value(s));
  }
}

TEST_F(SimpleHeaderConverterTest, ParsesBooleans) {
  expect(roundTrip(schemas::boolean(), Value(true)), schemas::boolean(), Value(true));
  expect(read("false"), schemas::boolean(), Value(false));
  expect(read("True"), schemas::string(), Value("True"));
}

TEST_F(SimpleHeaderConverterTest, ParsesIntegersAsTheSmallestType) {
  expect(read("12"), schemas::int8(), Value(int8_t{12}));
  expect(read("-128"), schemas::int8(), Value(int8_t{-128}));
  expect(read("12345"), schemas::int16(), Value(int16_t{12345}));
  expect(read("1234567890"), schemas::int32(), Value(int32_t{1234567890}));
  expect(read("-9223372036854775808"), schemas::int64(), Value(int64_t{INT64_MIN}));
  // Java's BigDecimal view: a whole number written with a zero fraction is still an integer.
  expect(read("1.0"), schemas::int8(), Value(int8_t{1}));
  expect(roundTrip(schemas::int64(), Value(int64_t{5})), schemas::int8(), Value(int8_t{5}));
}

TEST_F(SimpleHeaderConverterTest, ParsesLargeIntegerAsDecimal) {
  auto sv = read("99999999999999999999");
  expect(sv, logical::decimal(0).build(), Value(DecimalValue::fromString("99999999999999999999")));
}

TEST_F(SimpleHeaderConverterTest, ParsesFloats) {
  expect(read("1.5"), schemas::float32(), Value(1.5f));
  expect(read("-0.25"), schemas::float32(), Value(-0.25f));
  expect(read("1e300"), schemas::float64(), Value(1e300));
  expect(roundTrip(schemas::float64(), Value(12.5)), schemas::float32(), Value(12.5f));
}

TEST_F(SimpleHeaderConverterTest, NonNumbersStayStrings) {
  for (const char* s :
       {"12abc", "1.2.3", ".5", "1 2", "12:30", "[1,2]", "{\"a\":1}", "null-ish", "--1"})
    expect(read(s), schemas::string(), Value(s));
}

TEST_F(SimpleHeaderConverterTest, NullLiteralIsNull) {
  auto sv = read("null");
  EXPECT_EQ(sv.schema, nullptr);
  EXPECT_TRUE(sv.value.isNull());
}

TEST_F(SimpleHeaderConverterTest, ConvertsTemporalValues) {
  EXPECT_EQ(write(logical::date().build(), Value(int32_t{19723})), "2024-01-01");
  expect(read("2024-01-01"), logical::date().build(), Value(int32_t{19723}));
  EXPECT_EQ(write(logical::time().build(), Value(int32_t{45296789})), "12:34:56.789Z");
  expect(read("12:34:56.789Z"), logical::time().build(), Value(int32_t{45296789}));
  EXPECT_EQ(write(logical::timestamp().build(), Value(int64_t{1704112496789})),
            "2024-01-01T12:34:56.789Z");
  expect(read("2024-01-01T12:34:56.789Z"), logical::timestamp().build(),
         Value(int64_t{1704112496789}));
  // Kafka chooses the pattern from the instant: a timestamp at midnight prints as a date.
  EXPECT_EQ(write(logical::timestamp().build(), Value(int64_t{1704067200000})), "2024-01-01");
  expect(read("2024-02-30"), schemas::string(), Value("2024-02-30"));
}

TEST_F(SimpleHeaderConverterTest, WritesCompositesLikeValuesConvertToString) {
  auto list = SchemaBuilder::array(schemas::string()).build();
  EXPECT_EQ(write(list, Value(Array{Value("foo"), Value("bar")})), R"(["foo","bar"])");
  auto map = SchemaBuilder::map(schemas::string(), schemas::int16()).build();
  EXPECT_EQ(write(map, Value(Map{{Value("foo"), Value(int16_t{12345})},
                                 {Value("bar"), Value(int16_t{0})}})),
            R"({"foo":12345,"bar":0})");
  auto st = SchemaBuilder::structBuilder()
                .field("a", schemas::string())
                .field("b", schemas::optionalInt32())
                .build();
  api::Struct s(st);
  s.put("a", Value("x\"y"));
  EXPECT_EQ(write(st, Value(s)), R"({"a":"x\"y","b":null})");
  EXPECT_EQ(write(schemas::bytes(), Value(Bytes{"hello"})), "aGVsbG8=");
  EXPECT_EQ(write(logical::decimal(2).build(), Value(DecimalValue::fromInt64(1234, 2))), "12.34");
}

TEST_F(SimpleHeaderConverterTest, ConfigDefIsEmpty) {
  EXPECT_TRUE(converter_.config().keys().empty());
}

}  // namespace
}  // namespace connectd::converters
