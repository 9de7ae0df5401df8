#include "transforms/util/values.h"

#include <gtest/gtest.h>

#include <string>

#include "server/api/schema.h"
#include "server/api/value.h"

namespace connectd::transforms {
namespace {

using api::Type;
using api::Value;

struct ScalarCase {
  std::string text;
  Type type;
  std::string logical_name;  // empty for none
  Value value;
};

// Kafka's ValuesTest, parseString cases with one result.
class ValuesParseScalarTest : public ::testing::TestWithParam<ScalarCase> {};

TEST_P(ValuesParseScalarTest, ParsesLikeKafka) {
  api::SchemaAndValue parsed = Values::parseString(GetParam().text);
  ASSERT_NE(nullptr, parsed.schema) << GetParam().text;
  EXPECT_EQ(GetParam().type, parsed.schema->type()) << GetParam().text;
  EXPECT_EQ(GetParam().logical_name, parsed.schema->name().value_or("")) << GetParam().text;
  EXPECT_FALSE(parsed.schema->isOptional());
  EXPECT_EQ(GetParam().value, parsed.value) << GetParam().text << " -> " << parsed.value.toString();
}

INSTANTIATE_TEST_SUITE_P(
    Kafka, ValuesParseScalarTest,
    ::testing::Values(
        ScalarCase{"", Type::String, "", Value("")},
        ScalarCase{"  ", Type::String, "", Value("  ")},
        ScalarCase{"simple string", Type::String, "", Value("simple string")},
        ScalarCase{"inserted-value", Type::String, "", Value("inserted-value")},
        ScalarCase{"{foo: 3}", Type::String, "", Value("{foo: 3}")},
        ScalarCase{"{3: foo}", Type::String, "", Value("{3: foo}")},
        ScalarCase{"[foo]", Type::String, "", Value("[foo]")},
        ScalarCase{"null=", Type::String, "", Value("null=")},
        ScalarCase{"true}", Type::String, "", Value("true}")},
        ScalarCase{"false]", Type::String, "", Value("false]")},
        ScalarCase{"{6:9 4:20}", Type::String, "", Value("{6:9 4:20}")},
        ScalarCase{"[0 1 2]", Type::String, "", Value("[0 1 2]")},
        ScalarCase{"{null: 3}", Type::String, "", Value("{null: 3}")},
        ScalarCase{"[1, 2, 3,,,]", Type::String, "", Value("[1, 2, 3,,,]")},
        ScalarCase{"[1, null]", Type::String, "", Value("[1, null]")},
        ScalarCase{"[null, 1]", Type::String, "", Value("[null, 1]")},
        ScalarCase{"a{b", Type::String, "", Value("a{b")},
        ScalarCase{"si\\:mple", Type::String, "", Value("si\\:mple")},
        ScalarCase{" \t true \n", Type::Boolean, "", Value(true)},
        ScalarCase{"false", Type::Boolean, "", Value(false)},
        ScalarCase{"1", Type::Int8, "", Value(int8_t{1})},
        ScalarCase{"1.0", Type::Int8, "", Value(int8_t{1})},
        ScalarCase{"-128", Type::Int8, "", Value(int8_t{-128})},
        ScalarCase{"32767", Type::Int16, "", Value(int16_t{32767})},
        ScalarCase{"-2147483648", Type::Int32, "", Value(int32_t{-2147483647 - 1})},
        ScalarCase{"9223372036854775807", Type::Int64, "", Value(int64_t{9223372036854775807})},
        ScalarCase{"1e3", Type::Int16, "", Value(int16_t{1000})},
        ScalarCase{"1.5", Type::Float32, "", Value(1.5f)},
        ScalarCase{"3.4028235E38", Type::Float32, "", Value(3.4028235E38f)},
        ScalarCase{"1.7976931348623157E308", Type::Float64, "", Value(1.7976931348623157E308)},
        ScalarCase{"1e30", Type::Float32, "", Value(1e30f)},
        ScalarCase{"9223372036854775808", Type::Bytes, "org.apache.kafka.connect.data.Decimal",
                   Value(api::DecimalValue::fromString("9223372036854775808"))},
        // Only the first token counts when more follow a number (Kafka reads "12:34" as 12).
        ScalarCase{"12:34", Type::Int8, "", Value(int8_t{12})},
        ScalarCase{"2019-08-23", Type::Int32, "org.apache.kafka.connect.data.Date",
                   Value(int32_t{18131})},
        ScalarCase{"14:34:54.346Z", Type::Int32, "org.apache.kafka.connect.data.Time",
                   Value(int32_t{52494346})},
        ScalarCase{"14\\:34\\:54.346Z", Type::Int32, "org.apache.kafka.connect.data.Time",
                   Value(int32_t{52494346})},
        ScalarCase{"2019-08-23T14:34:54.346Z", Type::Int64,
                   "org.apache.kafka.connect.data.Timestamp", Value(int64_t{1566570894346})},
        ScalarCase{"2019-08-23T14\\:34\\:54.346Z", Type::Int64,
                   "org.apache.kafka.connect.data.Timestamp", Value(int64_t{1566570894346})}));

TEST(ValuesTest, NullLiteralHasNoSchemaAndNoValue) {
  for (const char* text : {"null", "  null \t"}) {
    api::SchemaAndValue parsed = Values::parseString(text);
    EXPECT_EQ(nullptr, parsed.schema) << text;
    EXPECT_TRUE(parsed.value.isNull()) << text;
  }
}

TEST(ValuesTest, ParsesArraysWithACommonElementSchema) {
  api::SchemaAndValue booleans = Values::parseString("[true, false]");
  ASSERT_EQ(Type::Array, booleans.schema->type());
  EXPECT_EQ(Type::Boolean, booleans.schema->valueSchema()->type());
  EXPECT_EQ(Value(api::Array{Value(true), Value(false)}), booleans.value);

  // Numbers are widened to the widest element type.
  api::SchemaAndValue numbers = Values::parseString("[1, 300, 2.5]");
  ASSERT_EQ(Type::Array, numbers.schema->type());
  EXPECT_EQ(Type::Float32, numbers.schema->valueSchema()->type());
  EXPECT_EQ(Value(api::Array{Value(1.0f), Value(300.0f), Value(2.5f)}), numbers.value);

  api::SchemaAndValue timestamps =
      Values::parseString("[2019-08-23T14:34:54.346Z,   2019-01-23T15:12:34.567Z]");
  ASSERT_EQ(Type::Array, timestamps.schema->type());
  EXPECT_EQ("org.apache.kafka.connect.data.Timestamp",
            timestamps.schema->valueSchema()->name().value_or(""));

  api::SchemaAndValue nested = Values::parseString("[[]]");
  ASSERT_EQ(Type::Array, nested.schema->type());
  EXPECT_EQ(Type::Array, nested.schema->valueSchema()->type());

  api::SchemaAndValue empty = Values::parseString("[]");
  ASSERT_EQ(Type::Array, empty.schema->type());
  EXPECT_EQ(nullptr, empty.schema->valueSchema());
  EXPECT_EQ(Value(api::Array{}), empty.value);
}

TEST(ValuesTest, MixedElementTypesHaveNoElementSchema) {
  api::SchemaAndValue parsed = Values::parseString("[1, 2, 300, \"four\"]");
  ASSERT_EQ(Type::Array, parsed.schema->type());
  EXPECT_EQ(nullptr, parsed.schema->valueSchema());
  EXPECT_EQ(Value(api::Array{Value(int8_t{1}), Value(int8_t{2}), Value(int16_t{300}), Value("four")}),
            parsed.value);
}

TEST(ValuesTest, ParsesMaps) {
  api::SchemaAndValue strings =
      Values::parseString("{ \"foo\" : \"123\", \n\"bar\" : \"baz\" } ");
  ASSERT_EQ(Type::Map, strings.schema->type());
  EXPECT_EQ(Type::String, strings.schema->keySchema()->type());
  EXPECT_EQ(Type::String, strings.schema->valueSchema()->type());
  EXPECT_EQ(Value(api::Map{{Value("foo"), Value("123")}, {Value("bar"), Value("baz")}}),
            strings.value);

  api::SchemaAndValue shorts = Values::parseString("{\"foo\":12345,\"bar\":0,\"baz\":-4321}");
  ASSERT_EQ(Type::Map, shorts.schema->type());
  EXPECT_EQ(Type::Int16, shorts.schema->valueSchema()->type());
  EXPECT_EQ(Value(api::Map{{Value("foo"), Value(int16_t{12345})},
                           {Value("bar"), Value(int16_t{0})},
                           {Value("baz"), Value(int16_t{-4321})}}),
            shorts.value);

  api::SchemaAndValue time = Values::parseString("{\"k1\":\"14:34:54.346Z\"}");
  ASSERT_EQ(Type::Map, time.schema->type());
  EXPECT_EQ("org.apache.kafka.connect.data.Time", time.schema->valueSchema()->name().value_or(""));
  EXPECT_EQ(Value(api::Map{{Value("k1"), Value(int32_t{52494346})}}), time.value);

  api::SchemaAndValue empty = Values::parseString("{}");
  ASSERT_EQ(Type::Map, empty.schema->type());
  EXPECT_EQ(Value(api::Map{}), empty.value);
}

}  // namespace
}  // namespace connectd::transforms
