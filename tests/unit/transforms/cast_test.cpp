#include "transforms/cast.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>

#include "server/api/errors.h"
#include "smt_test_util.h"

namespace connectd::transforms {
namespace {

using api::SchemaBuilder;
using testing::Form;
using testing::sourceRecord;
using testing::thrownMessage;
namespace schemas = api::schemas;
namespace logical = api::logical;

constexpr int64_t kMillisPerHour = 60LL * 60 * 1000;
constexpr int64_t kMillisPerDay = 24 * kMillisPerHour;

// CastTest.testConfig*: every invalid spec, with Kafka's exception text.
struct ConfigErrorCase {
  std::string name;
  std::string spec;
  std::string message;
};

class CastConfigErrorTest : public ::testing::TestWithParam<ConfigErrorCase> {};

TEST_P(CastConfigErrorTest, RejectsSpec) {
  Cast::Key xform;
  EXPECT_EQ(GetParam().message, thrownMessage<api::ConfigException>([&] {
              xform.configure({{"spec", GetParam().spec}});
            }));
}

const std::string kNoCastTo =
    "; supported types are [INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING]";

INSTANTIATE_TEST_SUITE_P(
    Cases, CastConfigErrorTest,
    ::testing::Values(
        ConfigErrorCase{"Empty", "", "Must specify at least one field to cast."},
        ConfigErrorCase{"InvalidSchemaType", "foo:faketype",
                        "Invalid type found in casting spec: faketype"},
        ConfigErrorCase{"InvalidTargetTypeField", "foo:array",
                        "Cast transformation does not support casting to ARRAY" + kNoCastTo},
        ConfigErrorCase{"InvalidTargetTypeWhole", "array",
                        "Cast transformation does not support casting to ARRAY" + kNoCastTo},
        ConfigErrorCase{"UnsupportedTargetType", "foo:bytes",
                        "Cast transformation does not support casting to BYTES" + kNoCastTo},
        ConfigErrorCase{"InvalidMap", "foo:int8:extra",
                        "Invalid value [foo:int8:extra] for configuration renames: Invalid rename "
                        "mapping: foo:int8:extra"},
        ConfigErrorCase{"MixWholeAndField", "foo:int8,int32",
                        "Cast transformations that specify a type to cast the entire value to may "
                        "only specify a single cast in their spec"},
        // "foo:" loses its empty type to String.split and reads as a whole-value type.
        ConfigErrorCase{"TrailingColon", "foo:", "Invalid type found in casting spec: foo"}),
    [](const auto& info) { return info.param.name; });

TEST(CastTest, SpecIsRequired) {
  Cast::Value xform;
  EXPECT_EQ("Missing required configuration \"spec\" which has no default value.",
            thrownMessage<api::ConfigException>([&] { xform.configure({}); }));
}

TEST(CastTest, BareColonFailsLikeKafkasArrayIndex) {
  Cast::Value xform;
  EXPECT_THROW(xform.configure({{"spec", ":"}}), std::out_of_range);
}

TEST(CastTest, SpecIsTrimmedAndCaseInsensitive) {
  Cast::Value xform;
  xform.configure({{"spec", "a : INT16, b:Float32"}});
  api::SourceRecord r =
      sourceRecord(nullptr, nullptr, nullptr, api::Map{{"a", int32_t{1}}, {"b", int32_t{2}}});
  ASSERT_TRUE(xform.apply(r));
  EXPECT_EQ(api::Value(int16_t{1}), *r.value.mapGet("a"));
  EXPECT_EQ(api::Value(2.0f), *r.value.mapGet("b"));
}

// castNullValueRecordWithSchema / castNullValueRecordSchemaless / castNullKeyRecordWithSchema /
// castNullKeyRecordSchemaless: a null key/value passes through unchanged.
TEST(CastTest, NullOperatingValuePassesThrough) {
  for (bool with_schema : {true, false}) {
    Cast::Value value_xform;
    value_xform.configure({{"spec", "foo:int64"}});
    api::SourceRecord v =
        sourceRecord(schemas::string(), "key", with_schema ? schemas::string() : nullptr, nullptr);
    ASSERT_TRUE(value_xform.apply(v));
    EXPECT_TRUE(v.value.isNull());
    EXPECT_EQ(with_schema ? schemas::string() : nullptr, v.valueSchema);
    EXPECT_EQ(api::Value("key"), v.key);

    Cast::Key key_xform;
    key_xform.configure({{"spec", "foo:int64"}});
    api::SourceRecord k = sourceRecord(with_schema ? schemas::string() : nullptr, nullptr,
                                       schemas::string(), "value");
    ASSERT_TRUE(key_xform.apply(k));
    EXPECT_TRUE(k.key.isNull());
    EXPECT_EQ(with_schema ? schemas::string() : nullptr, k.keySchema);
    EXPECT_EQ(api::Value("value"), k.value);
  }
}

// castFieldWithDefaultValueRecordWithSchema.
class CastNullDefaultTest : public ::testing::TestWithParam<std::pair<std::string, api::Value>> {};

TEST_P(CastNullDefaultTest, CastsNullOrDefault) {
  Cast::Value xform;
  xform.configure({{"spec", "magic:string"}, {"replace.null.with.default", GetParam().first}});
  api::SchemaPtr schema =
      SchemaBuilder::structBuilder()
          .field("magic", SchemaBuilder::int32().optional().defaultValue(int32_t{10}).build())
          .build();
  api::Struct value(schema);
  value.put("magic", nullptr);
  api::SourceRecord r = sourceRecord(schemas::string(), "key", schema, testing::structValue(value));
  ASSERT_TRUE(xform.apply(r));
  EXPECT_EQ(api::Type::String, r.valueSchema->field("magic")->schema->type());
  EXPECT_EQ(GetParam().second, r.value.asStruct().getWithoutDefault("magic"));
}

INSTANTIATE_TEST_SUITE_P(Cases, CastNullDefaultTest,
                         ::testing::Values(std::make_pair(std::string("false"), api::Value()),
                                           std::make_pair(std::string("true"), api::Value("10"))));

// castWholeRecordValueWithSchema* / castWholeRecordValueSchemaless*: 42 (or 0) as INT32 cast to
// every target, with and without a schema.
struct WholeCase {
  std::string spec;
  api::Value input;
  api::Type type;
  api::Value expected;
};

class CastWholeValueTest : public ::testing::TestWithParam<std::tuple<WholeCase, Form>> {};

TEST_P(CastWholeValueTest, CastsWholeValue) {
  const auto& [c, form] = GetParam();
  Cast::Value xform;
  xform.configure({{"spec", c.spec}});
  api::SourceRecord r =
      sourceRecord(nullptr, nullptr, form == Form::Struct ? schemas::int32() : nullptr, c.input);
  ASSERT_TRUE(xform.apply(r));
  if (form == Form::Struct) {
    ASSERT_NE(nullptr, r.valueSchema);
    EXPECT_EQ(c.type, r.valueSchema->type());
  } else {
    EXPECT_EQ(nullptr, r.valueSchema);
  }
  EXPECT_EQ(c.expected, r.value);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CastWholeValueTest,
    ::testing::Combine(
        ::testing::Values(WholeCase{"int8", int32_t{42}, api::Type::Int8, int8_t{42}},
                          WholeCase{"int16", int32_t{42}, api::Type::Int16, int16_t{42}},
                          WholeCase{"int32", int32_t{42}, api::Type::Int32, int32_t{42}},
                          WholeCase{"int64", int32_t{42}, api::Type::Int64, int64_t{42}},
                          WholeCase{"float32", int32_t{42}, api::Type::Float32, 42.0f},
                          WholeCase{"float64", int32_t{42}, api::Type::Float64, 42.0},
                          WholeCase{"boolean", int32_t{42}, api::Type::Boolean, true},
                          WholeCase{"boolean", int32_t{0}, api::Type::Boolean, false},
                          WholeCase{"string", int32_t{42}, api::Type::String, "42"}),
        ::testing::Values(Form::Struct, Form::Map)));

TEST(CastTest, CastWholeRecordKey) {
  for (bool with_schema : {true, false}) {
    Cast::Key xform;
    xform.configure({{"spec", "int8"}});
    api::SourceRecord r = sourceRecord(with_schema ? schemas::int32() : nullptr, int32_t{42},
                                       schemas::string(), "bogus");
    ASSERT_TRUE(xform.apply(r));
    if (with_schema) {
      EXPECT_EQ(api::Type::Int8, r.keySchema->type());
    } else {
      EXPECT_EQ(nullptr, r.keySchema);
    }
    EXPECT_EQ(api::Value(int8_t{42}), r.key);
    EXPECT_EQ(api::Value("bogus"), r.value);
  }
}

TEST(CastTest, CastWholeBigDecimalRecordValueWithSchemaString) {
  Cast::Value xform;
  xform.configure({{"spec", "string"}});
  api::SchemaPtr schema = logical::decimal(0).build();
  api::SourceRecord r = sourceRecord(nullptr, nullptr, schema, api::DecimalValue::fromInt64(42, 0));
  ASSERT_TRUE(xform.apply(r));
  EXPECT_EQ(api::Type::String, r.valueSchema->type());
  // A whole-value cast keeps the input's name and parameters, as Kafka's copySchemaBasics does.
  EXPECT_EQ(std::string(logical::kDecimal), r.valueSchema->name().value_or(""));
  EXPECT_EQ(api::Value("42"), r.value);
}

TEST(CastTest, CastWholeDateRecordValueWithSchemaString) {
  Cast::Value xform;
  xform.configure({{"spec", "string"}});
  api::SourceRecord r =
      sourceRecord(nullptr, nullptr, logical::timestamp().build(), kMillisPerDay + 1);
  ASSERT_TRUE(xform.apply(r));
  EXPECT_EQ(api::Type::String, r.valueSchema->type());
  EXPECT_EQ(api::Value("1970-01-02T00:00:00.001Z"), r.value);
}

TEST(CastTest, CastWholeRecordDefaultValue) {
  Cast::Value xform;
  xform.configure({{"spec", "int32"}});
  api::SourceRecord r = sourceRecord(
      nullptr, nullptr, SchemaBuilder::float32().defaultValue(-42.125f).build(), 42.125f);
  ASSERT_TRUE(xform.apply(r));
  EXPECT_EQ(api::Type::Int32, r.valueSchema->type());
  EXPECT_EQ(api::Value(int32_t{42}), r.value);
  EXPECT_EQ(api::Value(int32_t{-42}), r.valueSchema->defaultValue());
}

TEST(CastTest, CastWholeRecordValueSchemalessUnsupportedType) {
  Cast::Value xform;
  xform.configure({{"spec", "int8"}});
  api::SourceRecord r = sourceRecord(nullptr, nullptr, nullptr, api::Array{"foo"});
  EXPECT_EQ(
      "Cast transformation does not support casting from ARRAY; supported types are [INT8, INT16, "
      "INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING, BYTES]",
      thrownMessage<api::DataException>([&] { xform.apply(r); }));
}

TEST(CastTest, CastLogicalToPrimitive) {
  Cast::Value xform;
  xform.configure({{"spec",
                    "date_to_int32:int32,timestamp_to_int64:int64,time_to_int64:int64,"
                    "decimal_to_int32:int32,timestamp_to_float64:float64,"
                    "null_timestamp_to_int32:int32"}});
  api::SchemaPtr schema =
      SchemaBuilder::structBuilder()
          .field("date_to_int32", logical::date().build())
          .field("timestamp_to_int64", logical::timestamp().build())
          .field("time_to_int64", logical::time().build())
          .field("decimal_to_int32", logical::decimal(0).build())
          .field("timestamp_to_float64", logical::timestamp().build())
          .field("null_timestamp_to_int32", logical::timestamp().optional().build())
          .build();
  api::Struct value(schema);
  value.put("date_to_int32", int32_t{1})
      .put("timestamp_to_int64", int64_t{0})
      .put("time_to_int64", int32_t{1})
      .put("decimal_to_int32", api::DecimalValue::fromInt64(int64_t{INT32_MAX} + 1, 0))
      .put("timestamp_to_float64", std::numeric_limits<int64_t>::max())
      .put("null_timestamp_to_int32", nullptr);
  api::SourceRecord r = sourceRecord(nullptr, nullptr, schema, testing::structValue(value));
  ASSERT_TRUE(xform.apply(r));

  const api::Struct& out = r.value.asStruct();
  EXPECT_EQ(api::Value(int32_t{1}), out.get("date_to_int32"));
  EXPECT_EQ(api::Value(int64_t{0}), out.get("timestamp_to_int64"));
  EXPECT_EQ(api::Value(int64_t{1}), out.get("time_to_int64"));
  EXPECT_EQ(api::Value(std::numeric_limits<int32_t>::min()), out.get("decimal_to_int32"));
  EXPECT_EQ(api::Value(9.223372036854776E18), out.get("timestamp_to_float64"));
  EXPECT_TRUE(out.get("null_timestamp_to_int32").isNull());

  const api::Schema& s = *out.schema();
  EXPECT_TRUE(s.field("date_to_int32")->schema->equals(*schemas::int32()));
  EXPECT_TRUE(s.field("timestamp_to_int64")->schema->equals(*schemas::int64()));
  EXPECT_TRUE(s.field("time_to_int64")->schema->equals(*schemas::int64()));
  EXPECT_TRUE(s.field("decimal_to_int32")->schema->equals(*schemas::int32()));
  EXPECT_TRUE(s.field("timestamp_to_float64")->schema->equals(*schemas::float64()));
  EXPECT_TRUE(s.field("null_timestamp_to_int32")->schema->equals(*schemas::optionalInt32()));
}

TEST(CastTest, CastLogicalToString) {
  Cast::Value xform;
  xform.configure({{"spec", "date:string,decimal:string,time:string,timestamp:string"}});
  api::SchemaPtr schema = SchemaBuilder::structBuilder()
                              .field("date", logical::date().build())
                              .field("decimal", logical::decimal(0).build())
                              .field("time", logical::time().build())
                              .field("timestamp", logical::timestamp().build())
                              .build();
  api::Struct value(schema);
  value.put("date", int32_t{1})
      .put("decimal", api::DecimalValue::fromInt64(1982, 0))
      .put("time", static_cast<int32_t>(kMillisPerHour))
      .put("timestamp", int64_t{1641600000123});
  api::SourceRecord r = sourceRecord(nullptr, nullptr, schema, testing::structValue(value));
  ASSERT_TRUE(xform.apply(r));

  const api::Struct& out = r.value.asStruct();
  EXPECT_EQ(api::Value("1970-01-02"), out.get("date"));
  EXPECT_EQ(api::Value("1982"), out.get("decimal"));
  EXPECT_EQ(api::Value("01:00:00.000Z"), out.get("time"));
  EXPECT_EQ(api::Value("2022-01-08T00:00:00.123Z"), out.get("timestamp"));
  for (const auto& field : out.schema()->fields()) {
    EXPECT_TRUE(field.schema->equals(*schemas::string())) << field.name;
  }
}

TEST(CastTest, CastFieldsWithSchema) {
  Cast::Value xform;
  xform.configure({{"spec",
                    "int8:int16,int16:int32,int32:int64,int64:boolean,float32:float64,"
                    "float64:boolean,boolean:int8,string:int32,bigdecimal:string,date:string,"
                    "optional:int32,bytes:string,byteArray:string"}});
  api::SchemaPtr schema =
      SchemaBuilder::structBuilder()
          .field("int8", schemas::int8())
          .field("int16", schemas::optionalInt16())
          .field("int32", SchemaBuilder::int32().defaultValue(int32_t{2}).build())
          .field("int64", schemas::int64())
          .field("float32", schemas::float32())
          .field("float64", SchemaBuilder::float64().defaultValue(-1.125).build())
          .field("boolean", schemas::boolean())
          .field("string", schemas::string())
          .field("bigdecimal", logical::decimal(0).build())
          .field("date", logical::date().build())
          .field("optional", schemas::optionalFloat32())
          .field("timestamp", logical::timestamp().build())
          .field("bytes", schemas::bytes())
          .field("byteArray", schemas::bytes())
          .build();
  const api::Bytes bytes{std::string("\xFE\xDC\xBA\x98\x76\x54\x32\x10", 8)};
  api::Struct value(schema);
  value.put("int8", int8_t{8})
      .put("int16", int16_t{16})
      .put("int32", int32_t{32})
      .put("int64", int64_t{64})
      .put("float32", 32.0f)
      .put("float64", -64.0)
      .put("boolean", true)
      .put("bigdecimal", api::DecimalValue::fromInt64(42, 0))
      .put("date", int32_t{1})
      .put("string", "42")
      .put("timestamp", int64_t{0})
      .put("bytes", bytes)
      .put("byteArray", bytes);
  api::SourceRecord r = sourceRecord(nullptr, nullptr, schema, testing::structValue(value));
  ASSERT_TRUE(xform.apply(r));

  const api::Struct& out = r.value.asStruct();
  const api::Schema& s = *out.schema();
  EXPECT_EQ(api::Value(int16_t{8}), out.get("int8"));
  EXPECT_TRUE(s.field("int16")->schema->isOptional());
  EXPECT_EQ(api::Value(int32_t{16}), out.get("int16"));
  EXPECT_EQ(api::Value(int64_t{32}), out.get("int32"));
  EXPECT_EQ(api::Value(int64_t{2}), s.field("int32")->schema->defaultValue());
  EXPECT_EQ(api::Value(true), out.get("int64"));
  EXPECT_EQ(api::Value(32.0), out.get("float32"));
  EXPECT_EQ(api::Value(true), out.get("float64"));
  EXPECT_EQ(api::Value(true), s.field("float64")->schema->defaultValue());
  EXPECT_EQ(api::Value(int8_t{1}), out.get("boolean"));
  EXPECT_EQ(api::Value(int32_t{42}), out.get("string"));
  EXPECT_EQ(api::Value("42"), out.get("bigdecimal"));
  EXPECT_EQ(api::Value("1970-01-02"), out.get("date"));
  EXPECT_EQ(api::Value(int64_t{0}), out.get("timestamp"));
  EXPECT_EQ(api::Value("/ty6mHZUMhA="), out.get("bytes"));
  EXPECT_EQ(api::Value("/ty6mHZUMhA="), out.get("byteArray"));
  EXPECT_TRUE(out.get("optional").isNull());

  EXPECT_TRUE(s.field("int8")->schema->equals(*schemas::int16()));
  EXPECT_TRUE(s.field("int16")->schema->equals(*schemas::optionalInt32()));
  EXPECT_EQ(api::Type::Int64, s.field("int32")->schema->type());
  EXPECT_TRUE(s.field("int64")->schema->equals(*schemas::boolean()));
  EXPECT_TRUE(s.field("float32")->schema->equals(*schemas::float64()));
  EXPECT_EQ(api::Type::Boolean, s.field("float64")->schema->type());
  EXPECT_TRUE(s.field("boolean")->schema->equals(*schemas::int8()));
  EXPECT_TRUE(s.field("string")->schema->equals(*schemas::int32()));
  EXPECT_TRUE(s.field("bigdecimal")->schema->equals(*schemas::string()));
  EXPECT_TRUE(s.field("date")->schema->equals(*schemas::string()));
  EXPECT_TRUE(s.field("optional")->schema->equals(*schemas::optionalInt32()));
  EXPECT_TRUE(s.field("bytes")->schema->equals(*schemas::string()));
  EXPECT_TRUE(s.field("byteArray")->schema->equals(*schemas::string()));
  // Fields not in the spec keep their schema object.
  EXPECT_EQ(schema->field("timestamp")->schema, s.field("timestamp")->schema);
  out.validate();
}

TEST(CastTest, CastFieldsSchemaless) {
  Cast::Value xform;
  xform.configure({{"spec",
                    "int8:int16,int16:int32,int32:int64,int64:boolean,float32:float64,"
                    "float64:boolean,boolean:int8,string:int32"}});
  api::SourceRecord r = sourceRecord(nullptr, nullptr, nullptr,
                                     api::Map{{"int8", int8_t{8}},
                                              {"int16", int16_t{16}},
                                              {"int32", int32_t{32}},
                                              {"int64", int64_t{64}},
                                              {"float32", 32.0f},
                                              {"float64", -64.0},
                                              {"boolean", true},
                                              {"string", "42"}});
  ASSERT_TRUE(xform.apply(r));
  EXPECT_EQ(nullptr, r.valueSchema);
  const api::Value& v = r.value;
  EXPECT_EQ(api::Value(int16_t{8}), *v.mapGet("int8"));
  EXPECT_EQ(api::Value(int32_t{16}), *v.mapGet("int16"));
  EXPECT_EQ(api::Value(int64_t{32}), *v.mapGet("int32"));
  EXPECT_EQ(api::Value(true), *v.mapGet("int64"));
  EXPECT_EQ(api::Value(32.0), *v.mapGet("float32"));
  EXPECT_EQ(api::Value(true), *v.mapGet("float64"));
  EXPECT_EQ(api::Value(int8_t{1}), *v.mapGet("boolean"));
  EXPECT_EQ(api::Value(int32_t{42}), *v.mapGet("string"));
}

// castValueToType, value by value: Java's narrowing, parsing and formatting rules.
struct ValueCase {
  std::string name;
  std::string spec;
  api::Value input;
  api::Value expected;
};

class CastValueTest : public ::testing::TestWithParam<ValueCase> {};

TEST_P(CastValueTest, CastsAsJavaDoes) {
  Cast::Value xform;
  xform.configure({{"spec", GetParam().spec}});
  api::SourceRecord r = sourceRecord(nullptr, nullptr, nullptr, GetParam().input);
  ASSERT_TRUE(xform.apply(r));
  if (GetParam().expected.kind() == api::Value::Kind::Float64 &&
      std::isnan(GetParam().expected.asFloat64())) {
    ASSERT_EQ(api::Value::Kind::Float64, r.value.kind());
    EXPECT_TRUE(std::isnan(r.value.asFloat64()));
    return;
  }
  EXPECT_EQ(GetParam().expected, r.value);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CastValueTest,
    ::testing::Values(
        // Number.byteValue() / intValue(): low bits for integers, saturation for floats.
        ValueCase{"IntToInt8Wraps", "int8", int32_t{300}, int8_t{44}},
        ValueCase{"LongToInt32Wraps", "int32", int64_t{4294967297}, int32_t{1}},
        ValueCase{"DoubleToInt32Saturates", "int32", 3.9e10, std::numeric_limits<int32_t>::max()},
        ValueCase{"DoubleToInt8ViaInt", "int8", 1e20, int8_t{-1}},
        ValueCase{"NegativeDoubleTruncates", "int16", -1.9, int16_t{-1}},
        ValueCase{"NaNToInt64", "int64", std::nan(""), int64_t{0}},
        ValueCase{"LongToFloatRounds", "float32", int64_t{16777217}, 16777216.0f},
        ValueCase{"FloatToDoubleIsExact", "float64", 0.1f, static_cast<double>(0.1f)},
        ValueCase{"HalfToBooleanIsFalse", "boolean", 0.5, false},
        ValueCase{"NegativeToBoolean", "boolean", int8_t{-3}, true},
        ValueCase{"BooleanToFloat", "float32", true, 1.0f},
        ValueCase{"BooleanToInt64", "int64", false, int64_t{0}},
        // Byte.parseByte, Integer.parseInt, ...: optional sign, digits, range checked.
        ValueCase{"StringToInt8", "int8", "-128", int8_t{-128}},
        ValueCase{"StringToInt64", "int64", "+9223372036854775807",
                  std::numeric_limits<int64_t>::max()},
        // Float.parseFloat / Double.parseDouble: trimmed, Java's literal syntax.
        ValueCase{"StringToFloat64Exponent", "float64", "1e3", 1000.0},
        ValueCase{"StringToFloat64Trimmed", "float64", " 4.5 ", 4.5},
        ValueCase{"StringToFloat64Suffix", "float64", "1.5f", 1.5},
        ValueCase{"StringToFloat64Hex", "float64", "0x1p4", 16.0},
        ValueCase{"StringToFloat64Infinity", "float64", "-Infinity",
                  -std::numeric_limits<double>::infinity()},
        ValueCase{"StringToFloat64NaN", "float64", "NaN", std::nan("")},
        ValueCase{"StringToFloat32", "float32", "0.1", 0.1f},
        // Boolean.parseBoolean: "true" in any case, everything else false.
        ValueCase{"StringTrueToBoolean", "boolean", "TRUE", true},
        ValueCase{"StringYesToBoolean", "boolean", "yes", false},
        // toString(): Java's forms for floating point.
        ValueCase{"DoubleToString", "string", 1.0e10, "1.0E10"},
        ValueCase{"FloatToString", "string", 1.1f, "1.1"},
        ValueCase{"BooleanToString", "string", false, "false"},
        ValueCase{"BytesToString", "string", api::Bytes{"hello"}, "aGVsbG8="}),
    [](const auto& info) { return info.param.name; });

struct ValueErrorCase {
  std::string name;
  std::string spec;
  api::Value input;
  std::string message;
};

class CastValueErrorTest : public ::testing::TestWithParam<ValueErrorCase> {};

TEST_P(CastValueErrorTest, FailsWithKafkasMessage) {
  Cast::Value xform;
  xform.configure({{"spec", GetParam().spec}});
  api::SourceRecord r = sourceRecord(nullptr, nullptr, nullptr, GetParam().input);
  EXPECT_EQ(GetParam().message, thrownMessage<api::DataException>([&] { xform.apply(r); }));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CastValueErrorTest,
    ::testing::Values(
        ValueErrorCase{"NotANumber", "int32", "abc",
                       "Value (abc) was out of range for requested data type"},
        ValueErrorCase{"OutOfByteRange", "int8", "128",
                       "Value (128) was out of range for requested data type"},
        ValueErrorCase{"IntegerParsingIsNotTrimmed", "int32", " 42",
                       "Value ( 42) was out of range for requested data type"},
        ValueErrorCase{"DecimalPointInInteger", "int64", "1.0",
                       "Value (1.0) was out of range for requested data type"},
        ValueErrorCase{"BadDouble", "float64", "1e",
                       "Value (1e) was out of range for requested data type"},
        ValueErrorCase{"BytesToInt", "int8", api::Bytes{"x"},
                       "Unexpected type in Cast transformation: class [B"},
        ValueErrorCase{"SchemalessDecimal", "string", api::DecimalValue::fromString("1.5"),
                       "Cast transformation was passed a value of type class java.math.BigDecimal "
                       "which is not supported by Connect's data API"},
        ValueErrorCase{"SchemalessMap", "string", api::Map{{"a", int32_t{1}}},
                       "Cast transformation does not support casting from MAP; supported types "
                       "are [INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING, BYTES]"},
        ValueErrorCase{"FieldInMap", "a:int8", api::Map{{"a", "300"}},
                       "Value (300) was out of range for requested data type"}),
    [](const auto& info) { return info.param.name; });

TEST(CastTest, StructFieldCannotBeCast) {
  Cast::Value xform;
  xform.configure({{"spec", "inner:string"}});
  api::SchemaPtr inner = SchemaBuilder::structBuilder().field("a", schemas::int32()).build();
  api::SchemaPtr schema = SchemaBuilder::structBuilder().field("inner", inner).build();
  api::Struct inner_value(inner);
  inner_value.put("a", int32_t{1});
  api::Struct value(schema);
  value.put("inner", testing::structValue(inner_value));
  api::SourceRecord r = sourceRecord(nullptr, nullptr, schema, testing::structValue(value));
  EXPECT_EQ(
      "Cast transformation does not support casting from STRUCT; supported types are [INT8, "
      "INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING, BYTES]",
      thrownMessage<api::DataException>([&] { xform.apply(r); }));
}

TEST(CastTest, FieldSpecOnNonStructSchemaFails) {
  Cast::Value xform;
  xform.configure({{"spec", "a:int8"}});
  api::SourceRecord r = sourceRecord(nullptr, nullptr, schemas::int32(), int32_t{1});
  EXPECT_EQ("Cannot list fields on non-struct type",
            thrownMessage<api::DataException>([&] { xform.apply(r); }));
}

TEST(CastTest, SchemalessAddsMissingFieldsAsNull) {
  Cast::Value xform;
  xform.configure({{"spec", "a:int8,missing:string"}});
  api::SourceRecord r =
      sourceRecord(nullptr, nullptr, nullptr, api::Map{{"a", int32_t{1}}, {"b", "x"}});
  ASSERT_TRUE(xform.apply(r));
  ASSERT_EQ(3u, r.value.asMap().size());
  EXPECT_EQ(api::Value(int8_t{1}), *r.value.mapGet("a"));
  EXPECT_EQ(api::Value("x"), *r.value.mapGet("b"));
  ASSERT_NE(nullptr, r.value.mapGet("missing"));
  EXPECT_TRUE(r.value.mapGet("missing")->isNull());
}

TEST(CastTest, StructSchemaKeepsOptionalityAndIsCached) {
  Cast::Value xform;
  xform.configure({{"spec", "a:int64"}});
  auto make = [] {
    api::SchemaPtr schema = SchemaBuilder::structBuilder()
                                .name("n")
                                .optional()
                                .field("a", schemas::int32())
                                .field("absent_in_spec", schemas::string())
                                .build();
    api::Struct value(schema);
    value.put("a", int32_t{1}).put("absent_in_spec", "s");
    return sourceRecord(nullptr, nullptr, schema, testing::structValue(value));
  };
  api::SourceRecord first = make();
  api::SourceRecord second = make();
  ASSERT_TRUE(xform.apply(first));
  ASSERT_TRUE(xform.apply(second));
  EXPECT_EQ(first.valueSchema.get(), second.valueSchema.get());
  EXPECT_TRUE(first.valueSchema->isOptional());
  EXPECT_EQ("n", first.valueSchema->name().value_or(""));
  EXPECT_EQ(api::Value(int64_t{1}), first.value.asStruct().get("a"));
}

}  // namespace
}  // namespace connectd::transforms
