#include "server/converters/json_converter.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "server/api/errors.h"
#include "server/api/struct.h"
#include "server/converters/json_converter_config.h"

namespace connectd::converters {
namespace {

using api::Array;
using api::Bytes;
using api::DataException;
using api::DecimalValue;
using api::Map;
using api::SchemaAndValue;
using api::SchemaBuilder;
using api::SchemaPtr;
using api::Struct;
using api::Value;
using nlohmann::json;
namespace schemas = api::schemas;
namespace logical = api::logical;

constexpr const char* kTopic = "topic";

class JsonConverterTest : public ::testing::Test {
 protected:
  void SetUp() override { converter_.configure({}, false); }

  SchemaAndValue read(std::string_view text) {
    return converter_.toConnectData(kTopic, text.data(), text.size());
  }

  std::string write(const SchemaPtr& schema, const Value& value) {
    std::string out = "garbage from a previous record";
    EXPECT_TRUE(converter_.fromConnectData(kTopic, schema, value, out));
    return out;
  }

  json writeJson(const SchemaPtr& schema, const Value& value) {
    return json::parse(write(schema, value));
  }

  static void expectEnvelope(const json& env) {
    ASSERT_TRUE(env.is_object());
    EXPECT_EQ(env.size(), 2u);
    EXPECT_TRUE(env.contains("schema"));
    EXPECT_TRUE(env.contains("payload"));
  }

  static void expectSchemaAndValue(const SchemaAndValue& actual, const SchemaPtr& schema,
                                   const Value& value) {
    EXPECT_TRUE(api::schemaEquals(actual.schema, schema))
        << (actual.schema ? actual.schema->toString() : "null") << " vs "
        << (schema ? schema->toString() : "null");
    EXPECT_EQ(actual.value, value) << actual.value.toString() << " vs " << value.toString();
  }

  JsonConverter converter_;
};

// ---- reading: schema metadata and types ----

TEST_F(JsonConverterTest, ConnectSchemaMetadataTranslation) {
  expectSchemaAndValue(read(R"({ "schema": { "type": "boolean" }, "payload": true })"),
                       schemas::boolean(), Value(true));
  expectSchemaAndValue(
      read(R"({ "schema": { "type": "boolean", "optional": true }, "payload": null })"),
      schemas::optionalBoolean(), Value());
  expectSchemaAndValue(
      read(R"({ "schema": { "type": "boolean", "default": true }, "payload": null })"),
      SchemaBuilder::boolean().defaultValue(Value(true)).build(), Value(true));
  expectSchemaAndValue(
      read(
          R"({ "schema": { "type": "boolean", "optional": false, "name": "bool", "version": 2, "doc": "the documentation", "parameters": { "foo": "bar" }}, "payload": true })"),
      SchemaBuilder::boolean()
          .required()
          .name("bool")
          .version(2)
          .doc("the documentation")
          .parameter("foo", "bar")
          .build(),
      Value(true));
}

TEST_F(JsonConverterTest, PrimitivesToConnect) {
  expectSchemaAndValue(read(R"({ "schema": { "type": "boolean" }, "payload": false })"),
                       schemas::boolean(), Value(false));
  expectSchemaAndValue(read(R"({ "schema": { "type": "int8" }, "payload": 12 })"), schemas::int8(),
                       Value(int8_t{12}));
  expectSchemaAndValue(read(R"({ "schema": { "type": "int16" }, "payload": 12 })"),
                       schemas::int16(), Value(int16_t{12}));
  expectSchemaAndValue(read(R"({ "schema": { "type": "int32" }, "payload": 12 })"),
                       schemas::int32(), Value(int32_t{12}));
  expectSchemaAndValue(read(R"({ "schema": { "type": "int64" }, "payload": 12 })"),
                       schemas::int64(), Value(int64_t{12}));
  expectSchemaAndValue(read(R"({ "schema": { "type": "int64" }, "payload": 4398046511104 })"),
                       schemas::int64(), Value(int64_t{4398046511104}));
  expectSchemaAndValue(read(R"({ "schema": { "type": "float" }, "payload": 12.34 })"),
                       schemas::float32(), Value(12.34f));
  expectSchemaAndValue(read(R"({ "schema": { "type": "double" }, "payload": 12.34 })"),
                       schemas::float64(), Value(12.34));
  expectSchemaAndValue(read(R"({ "schema": { "type": "string" }, "payload": "foo-bar-baz" })"),
                       schemas::string(), Value("foo-bar-baz"));
}

TEST_F(JsonConverterTest, NumberWithLeadingZerosToConnect) {
  expectSchemaAndValue(read(R"({ "schema": { "type": "int8" }, "payload": 0012 })"),
                       schemas::int8(), Value(int8_t{12}));
  expectSchemaAndValue(read(R"({ "schema": { "type": "int16" }, "payload": 000123 })"),
                       schemas::int16(), Value(int16_t{123}));
  expectSchemaAndValue(read(R"({ "schema": { "type": "int32" }, "payload": 000012345 })"),
                       schemas::int32(), Value(int32_t{12345}));
  expectSchemaAndValue(read(R"({ "schema": { "type": "int64" }, "payload": 00000123456789 })"),
                       schemas::int64(), Value(int64_t{123456789}));
}

TEST_F(JsonConverterTest, IntegersNarrowLikeJava) {
  // Jackson's intValue()/longValue(): low-order bits kept, fractions truncated.
  expectSchemaAndValue(read(R"({ "schema": { "type": "int8" }, "payload": 300 })"), schemas::int8(),
                       Value(int8_t{44}));
  expectSchemaAndValue(read(R"({ "schema": { "type": "int32" }, "payload": 12.9 })"),
                       schemas::int32(), Value(int32_t{12}));
  expectSchemaAndValue(
      read(R"({ "schema": { "type": "int64" }, "payload": 18446744073709551617 })"),
      schemas::int64(), Value(int64_t{1}));
}

TEST_F(JsonConverterTest, BytesToConnect) {
  auto sv = read(R"({ "schema": { "type": "bytes" }, "payload": "dGVzdC1zdHJpbmc=" })");
  expectSchemaAndValue(sv, schemas::bytes(), Value(Bytes{"test-string"}));
}

TEST_F(JsonConverterTest, InvalidBase64BytesIsDataException) {
  try {
    read(R"({ "schema": { "type": "bytes" }, "payload": "not base64!" })");
    FAIL() << "expected DataException";
  } catch (const DataException& e) {
    EXPECT_STREQ(e.what(), "Invalid bytes field");
  }
}

TEST_F(JsonConverterTest, ArrayToConnect) {
  auto sv = read(
      R"({ "schema": { "type": "array", "items": { "type" : "int32" } }, "payload": [1, 2, 3] })");
  expectSchemaAndValue(sv, SchemaBuilder::array(schemas::int32()).build(),
                       Value(Array{Value(int32_t{1}), Value(int32_t{2}), Value(int32_t{3})}));
}

TEST_F(JsonConverterTest, MapToConnectStringKeys) {
  auto sv = read(
      R"({ "schema": { "type": "map", "keys": { "type" : "string" }, "values": { "type" : "int32" } }, "payload": { "key1": 12, "key2": 15} })");
  expectSchemaAndValue(
      sv, SchemaBuilder::map(schemas::string(), schemas::int32()).build(),
      Value(Map{{Value("key1"), Value(int32_t{12})}, {Value("key2"), Value(int32_t{15})}}));
}

TEST_F(JsonConverterTest, MapToConnectNonStringKeys) {
  auto sv = read(
      R"({ "schema": { "type": "map", "keys": { "type" : "int32" }, "values": { "type" : "int32" } }, "payload": [ [1, 12], [2, 15] ] })");
  expectSchemaAndValue(
      sv, SchemaBuilder::map(schemas::int32(), schemas::int32()).build(),
      Value(Map{{Value(int32_t{1}), Value(int32_t{12})}, {Value(int32_t{2}), Value(int32_t{15})}}));
}

TEST_F(JsonConverterTest, MapWithBadEncodingIsDataException) {
  EXPECT_THROW(
      read(
          R"({ "schema": { "type": "map", "keys": { "type" : "string" }, "values": { "type" : "int32" } }, "payload": [] })"),
      DataException);
  try {
    read(
        R"({ "schema": { "type": "map", "keys": { "type" : "int32" }, "values": { "type" : "int32" } }, "payload": [[1]] })");
    FAIL() << "expected DataException";
  } catch (const DataException& e) {
    EXPECT_STREQ(e.what(), "Found invalid map entry, expected length 2 but found :1");
  }
}

TEST_F(JsonConverterTest, StructToConnect) {
  auto sv = read(
      R"({ "schema": { "type": "struct", "fields": [{ "field": "field1", "type": "boolean" }, { "field": "field2", "type": "string" }] }, "payload": { "field1": true, "field2": "string" } })");
  auto schema = SchemaBuilder::structBuilder()
                    .field("field1", schemas::boolean())
                    .field("field2", schemas::string())
                    .build();
  Struct expected(schema);
  expected.put("field1", Value(true)).put("field2", Value("string"));
  expectSchemaAndValue(sv, schema, Value(expected));
}

TEST_F(JsonConverterTest, StructWithOptionalFieldToConnect) {
  auto sv = read(
      R"({ "schema": { "type": "struct", "fields": [{ "field":"optional", "type": "string", "optional": true }, {  "field": "required", "type": "string" }] }, "payload": { "required": "required" } })");
  auto schema = SchemaBuilder::structBuilder()
                    .field("optional", schemas::optionalString())
                    .field("required", schemas::string())
                    .build();
  Struct expected(schema);
  expected.put("required", Value("required"));
  expectSchemaAndValue(sv, schema, Value(expected));
}

TEST_F(JsonConverterTest, StructWithMissingRequiredFieldIsDataException) {
  try {
    read(
        R"({ "schema": { "type": "struct", "fields": [{ "field": "f", "type": "string" }] }, "payload": {} })");
    FAIL() << "expected DataException";
  } catch (const DataException& e) {
    EXPECT_STREQ(e.what(), "Invalid null value for required STRING field");
  }
}

TEST_F(JsonConverterTest, StructPayloadMustBeObject) {
  try {
    read(R"({ "schema": { "type": "struct", "fields": [] }, "payload": [1] })");
    FAIL() << "expected DataException";
  } catch (const DataException& e) {
    EXPECT_STREQ(e.what(), "Structs should be encoded as JSON objects, but found ARRAY");
  }
}

TEST_F(JsonConverterTest, NullBytesToConnectIsNull) {
  auto sv = converter_.toConnectData(kTopic, nullptr, 0);
  EXPECT_EQ(sv.schema, nullptr);
  EXPECT_TRUE(sv.value.isNull());
}

TEST_F(JsonConverterTest, EmptyBytesToConnectWithoutSchemasIsNull) {
  converter_.configure({{"schemas.enable", "false"}}, true);
  auto sv = converter_.toConnectData(kTopic, "", 0);
  EXPECT_EQ(sv.schema, nullptr);
  EXPECT_TRUE(sv.value.isNull());
}

TEST_F(JsonConverterTest, SchemalessWithEmptyFieldValueToConnect) {
  converter_.configure({{"schemas.enable", "false"}}, true);
  auto sv = read(R"({ "a": "", "b": null})");
  expectSchemaAndValue(sv, nullptr, Value(Map{{Value("a"), Value("")}, {Value("b"), Value()}}));
}

TEST_F(JsonConverterTest, NullSchemaPrimitiveToConnect) {
  expectSchemaAndValue(read(R"({ "schema": null, "payload": null })"), nullptr, Value());
  expectSchemaAndValue(read(R"({ "schema": null, "payload": true })"), nullptr, Value(true));
  expectSchemaAndValue(read(R"({ "schema": null, "payload": 12 })"), nullptr, Value(int64_t{12}));
  expectSchemaAndValue(read(R"({ "schema": null, "payload": 12.24 })"), nullptr, Value(12.24));
  expectSchemaAndValue(read(R"({ "schema": null, "payload": "a string" })"), nullptr,
                       Value("a string"));
  expectSchemaAndValue(read(R"({ "schema": null, "payload": [1, "2", 3] })"), nullptr,
                       Value(Array{Value(int64_t{1}), Value("2"), Value(int64_t{3})}));
  expectSchemaAndValue(
      read(R"({ "schema": null, "payload": { "field1": 1, "field2": 2} })"), nullptr,
      Value(Map{{Value("field1"), Value(int64_t{1})}, {Value("field2"), Value(int64_t{2})}}));
}

TEST_F(JsonConverterTest, SchemalessNumbersUseInt64AndFloat64) {
  converter_.configure({{"schemas.enable", "false"}}, false);
  expectSchemaAndValue(read("42"), nullptr, Value(int64_t{42}));
  expectSchemaAndValue(read("1e2"), nullptr, Value(100.0));
  expectSchemaAndValue(read("-0.5"), nullptr, Value(-0.5));
}

// ---- reading: logical types ----

constexpr const char* kDecimalSchema2 =
    R"({ "type": "bytes", "name": "org.apache.kafka.connect.data.Decimal", "version": 1, "parameters": { "scale": "2" } })";

TEST_F(JsonConverterTest, DecimalToConnect) {
  // "AJw=" is {0, -100}, the two's complement of 156.
  auto sv = read(std::string(R"({ "schema": )") + kDecimalSchema2 + R"(, "payload": "AJw=" })");
  expectSchemaAndValue(sv, logical::decimal(2).build(), Value(DecimalValue::fromInt64(156, 2)));
}

TEST_F(JsonConverterTest, DecimalToConnectOptional) {
  auto sv = read(
      R"({ "schema": { "type": "bytes", "name": "org.apache.kafka.connect.data.Decimal", "version": 1, "optional": true, "parameters": { "scale": "2" } }, "payload": null })");
  expectSchemaAndValue(sv, logical::decimal(2).optional().build(), Value());
}

TEST_F(JsonConverterTest, DecimalToConnectWithDefaultValue) {
  auto reference = DecimalValue::fromInt64(156, 2);
  auto sv = read(
      R"({ "schema": { "type": "bytes", "name": "org.apache.kafka.connect.data.Decimal", "version": 1, "default": "AJw=", "parameters": { "scale": "2" } }, "payload": null })");
  expectSchemaAndValue(sv, logical::decimal(2).defaultValue(Value(reference)).build(),
                       Value(reference));
  auto optional = read(
      R"({ "schema": { "type": "bytes", "name": "org.apache.kafka.connect.data.Decimal", "version": 1, "optional": true, "default": "AJw=", "parameters": { "scale": "2" } }, "payload": null })");
  expectSchemaAndValue(optional,
                       logical::decimal(2).optional().defaultValue(Value(reference)).build(),
                       Value(reference));
}

TEST_F(JsonConverterTest, NumericDecimalToConnect) {
  auto sv = read(std::string(R"({ "schema": )") + kDecimalSchema2 + R"(, "payload": 1.56 })");
  expectSchemaAndValue(sv, logical::decimal(2).build(), Value(DecimalValue::fromInt64(156, 2)));
}

TEST_F(JsonConverterTest, NumericDecimalWithTrailingZerosToConnect) {
  auto sv = read(
      R"({ "schema": { "type": "bytes", "name": "org.apache.kafka.connect.data.Decimal", "version": 1, "parameters": { "scale": "4" } }, "payload": 1.5600 })");
  expectSchemaAndValue(sv, logical::decimal(4).build(), Value(DecimalValue::fromInt64(15600, 4)));
}

TEST_F(JsonConverterTest, HighPrecisionNumericDecimalToConnect) {
  // Too many digits for a float64: the text is kept exactly.
  auto sv = read(
      R"({ "schema": { "type": "bytes", "name": "org.apache.kafka.connect.data.Decimal", "version": 1, "parameters": { "scale": "17" } }, "payload": 1.23456789123456789 })");
  expectSchemaAndValue(sv, logical::decimal(17).build(),
                       Value(DecimalValue::fromString("1.23456789123456789")));
}

TEST_F(JsonConverterTest, DecimalFromOtherNodeIsDataException) {
  try {
    read(std::string(R"({ "schema": )") + kDecimalSchema2 + R"(, "payload": true })");
    FAIL() << "expected DataException";
  } catch (const DataException& e) {
    EXPECT_STREQ(e.what(),
                 "Invalid type for Decimal, underlying representation should be numeric or bytes "
                 "but was BOOLEAN");
  }
}

TEST_F(JsonConverterTest, DateTimeTimestampToConnect) {
  expectSchemaAndValue(
      read(
          R"({ "schema": { "type": "int32", "name": "org.apache.kafka.connect.data.Date", "version": 1 }, "payload": 10000 })"),
      logical::date().build(), Value(int32_t{10000}));
  expectSchemaAndValue(
      read(
          R"({ "schema": { "type": "int32", "name": "org.apache.kafka.connect.data.Time", "version": 1 }, "payload": 14400000 })"),
      logical::time().build(), Value(int32_t{14400000}));
  expectSchemaAndValue(
      read(
          R"({ "schema": { "type": "int64", "name": "org.apache.kafka.connect.data.Timestamp", "version": 1 }, "payload": 4000000000 })"),
      logical::timestamp().build(), Value(int64_t{4000000000}));
}

TEST_F(JsonConverterTest, LogicalOptionalAndDefaultsToConnect) {
  expectSchemaAndValue(
      read(
          R"({ "schema": { "type": "int32", "name": "org.apache.kafka.connect.data.Date", "version": 1, "optional": true }, "payload": null })"),
      logical::date().optional().build(), Value());
  expectSchemaAndValue(
      read(
          R"({ "schema": { "type": "int32", "name": "org.apache.kafka.connect.data.Date", "version": 1, "default": 0 }, "payload": null })"),
      logical::date().defaultValue(Value(int32_t{0})).build(), Value(int32_t{0}));
  expectSchemaAndValue(
      read(
          R"({ "schema": { "type": "int32", "name": "org.apache.kafka.connect.data.Time", "version": 1, "optional": true, "default": 0 }, "payload": null })"),
      logical::time().optional().defaultValue(Value(int32_t{0})).build(), Value(int32_t{0}));
  expectSchemaAndValue(
      read(
          R"({ "schema": { "type": "int64", "name": "org.apache.kafka.connect.data.Timestamp", "version": 1, "default": 42 }, "payload": null })"),
      logical::timestamp().defaultValue(Value(int64_t{42})).build(), Value(int64_t{42}));
}

TEST_F(JsonConverterTest, DateFromNonIntIsDataException) {
  try {
    read(
        R"({ "schema": { "type": "int32", "name": "org.apache.kafka.connect.data.Date", "version": 1 }, "payload": 1.5 })");
    FAIL() << "expected DataException";
  } catch (const DataException& e) {
    EXPECT_STREQ(
        e.what(),
        "Invalid type for Date, underlying representation should be integer but was NUMBER");
  }
}

TEST_F(JsonConverterTest, TimeOutOfRangeIsDataException) {
  EXPECT_THROW(
      read(
          R"({ "schema": { "type": "int32", "name": "org.apache.kafka.connect.data.Time", "version": 1 }, "payload": 86400001 })"),
      DataException);
}

// ---- reading: envelope and schema errors ----

TEST_F(JsonConverterTest, EnvelopeRequiredWhenSchemasEnabled) {
  const std::string expected =
      "JsonConverter with schemas.enable requires \"schema\" and \"payload\" fields and may not "
      "contain additional fields. If you are trying to deserialize plain JSON data, set "
      "schemas.enable=false in your converter configuration.";
  for (const char* input : {R"({"payload": 1})", R"({"schema": null, "payload": 1, "extra": 2})",
                            "null", "[1,2]", R"({"a": 1, "b": 2})", "", "42"}) {
    try {
      read(input);
      FAIL() << "expected DataException for " << input;
    } catch (const DataException& e) {
      EXPECT_EQ(e.what(), expected) << input;
    }
  }
}

TEST_F(JsonConverterTest, MalformedJsonIsDataException) {
  try {
    read(R"({"schema": null, "payload": )");
    FAIL() << "expected DataException";
  } catch (const DataException& e) {
    EXPECT_EQ(std::string(e.what()).rfind(
                  "Converting byte[] to Kafka Connect data failed due to serialization error: ", 0),
              0u)
        << e.what();
  }
}

TEST_F(JsonConverterTest, SchemaErrors) {
  auto expectError = [this](const std::string& schema, const std::string& message) {
    try {
      read(R"({"schema": )" + schema + R"(, "payload": null})");
      FAIL() << "expected DataException for " << schema;
    } catch (const DataException& e) {
      EXPECT_EQ(e.what(), message) << schema;
    }
  };
  expectError(R"({"optional": true})", "Schema must contain 'type' field");
  expectError(R"({"type": "uuid"})", "Unknown schema type: uuid");
  expectError(R"({"type": "array"})", "Array schema did not specify the element type");
  expectError(R"({"type": "map", "values": {"type": "int32"}})",
              "Map schema did not specify the key type");
  expectError(R"({"type": "map", "keys": {"type": "int32"}})",
              "Map schema did not specify the value type");
  expectError(R"({"type": "struct"})", "Struct schema's \"fields\" argument is not an array.");
  expectError(R"({"type": "struct", "fields": [{"type": "int32"}]})",
              "Struct schema's field name not specified properly");
  expectError(R"({"type": "int32", "parameters": {"a": 1}})",
              "Schema parameters must have string values.");
}

TEST_F(JsonConverterTest, OptionalOnlyWhenBooleanTrue) {
  auto sv = read(R"({ "schema": { "type": "string", "optional": "true" }, "payload": "x" })");
  ASSERT_TRUE(sv.schema);
  EXPECT_FALSE(sv.schema->isOptional());
}

TEST_F(JsonConverterTest, CacheSchemaToConnectConversion) {
  EXPECT_EQ(converter_.sizeOfToConnectSchemaCache(), 0u);
  auto a = read(R"({ "schema": { "type": "boolean" }, "payload": true })");
  EXPECT_EQ(converter_.sizeOfToConnectSchemaCache(), 1u);
  auto b = read(R"({ "schema": { "type": "boolean" }, "payload": true })");
  EXPECT_EQ(converter_.sizeOfToConnectSchemaCache(), 1u);
  // The very same Schema object comes back for the same schema text.
  EXPECT_EQ(a.schema.get(), b.schema.get());
  read(R"({ "schema": { "type": "boolean", "optional": true }, "payload": true })");
  EXPECT_EQ(converter_.sizeOfToConnectSchemaCache(), 2u);
  read(R"({ "schema": { "type": "boolean", "optional": false }, "payload": true })");
  EXPECT_EQ(converter_.sizeOfToConnectSchemaCache(), 3u);
}

TEST_F(JsonConverterTest, CachedSchemaTextIsNotParsedAgainButPayloadIs) {
  const std::string schema =
      R"({"type":"struct","fields":[{"type":"int32","optional":false,"field":"a"}],"optional":false})";
  auto first = read(R"({"schema":)" + schema + R"(,"payload":{"a":1}})");
  auto second = read(R"({"schema":)" + schema + R"(,"payload":{"a":2}})");
  EXPECT_EQ(first.schema.get(), second.schema.get());
  EXPECT_EQ(second.value.asStruct().get("a"), Value(int32_t{2}));
  EXPECT_THROW(read(R"({"schema":)" + schema + R"(,"payload":{"a":"x"}, "extra": 1})"),
               DataException);
  EXPECT_THROW(read(R"({"schema":)" + schema + R"(,"payload":{"a":})"), DataException);
  EXPECT_THROW(read(R"({"schema":)" + schema + R"(,"payload":{}})"), DataException);
}

TEST_F(JsonConverterTest, RepeatedSchemaMemberKeepsTheLastAsJacksonDoes) {
  auto sv = read(R"({"schema":{"type":"int32"},"payload":1,"schema":{"type":"int64"}})");
  expectSchemaAndValue(sv, schemas::int64(), Value(int64_t{1}));
  read(R"({"schema":{"type":"int64"},"payload":1})");
  sv = read(R"({"schema":{"type":"int64"},"payload":1,"schema":{"type":"int32"}})");
  expectSchemaAndValue(sv, schemas::int32(), Value(int32_t{1}));
}

TEST_F(JsonConverterTest, SchemaCacheIsBoundedByConfiguredSize) {
  converter_.configure({{"schemas.cache.size", "2"}}, false);
  read(R"({ "schema": { "type": "boolean" }, "payload": true })");
  read(R"({ "schema": { "type": "int32" }, "payload": 1 })");
  read(R"({ "schema": { "type": "int64" }, "payload": 1 })");
  EXPECT_EQ(converter_.sizeOfToConnectSchemaCache(), 2u);
}

// ---- writing: schema JSON and types ----

TEST_F(JsonConverterTest, JsonSchemaMetadataTranslation) {
  auto converted = writeJson(schemas::boolean(), Value(true));
  expectEnvelope(converted);
  EXPECT_EQ(converted["schema"], json::parse(R"({ "type": "boolean", "optional": false })"));
  EXPECT_EQ(converted["payload"], true);

  converted = writeJson(schemas::optionalBoolean(), Value());
  EXPECT_EQ(converted["schema"], json::parse(R"({ "type": "boolean", "optional": true })"));
  EXPECT_TRUE(converted["payload"].is_null());

  converted = writeJson(SchemaBuilder::boolean().defaultValue(Value(true)).build(), Value(true));
  EXPECT_EQ(converted["schema"],
            json::parse(R"({ "type": "boolean", "optional": false, "default": true })"));

  auto schema = SchemaBuilder::boolean()
                    .required()
                    .name("bool")
                    .version(3)
                    .doc("the documentation")
                    .parameter("foo", "bar")
                    .build();
  EXPECT_EQ(
      write(schema, Value(true)),
      R"({"schema":{"type":"boolean","optional":false,"name":"bool","version":3,"doc":"the documentation","parameters":{"foo":"bar"}},"payload":true})");
}

TEST_F(JsonConverterTest, PrimitivesToJsonExactBytes) {
  EXPECT_EQ(write(schemas::int8(), Value(int8_t{12})),
            R"({"schema":{"type":"int8","optional":false},"payload":12})");
  EXPECT_EQ(write(schemas::int16(), Value(int16_t{-12})),
            R"({"schema":{"type":"int16","optional":false},"payload":-12})");
  EXPECT_EQ(write(schemas::int32(), Value(int32_t{12})),
            R"({"schema":{"type":"int32","optional":false},"payload":12})");
  EXPECT_EQ(write(schemas::int64(), Value(int64_t{4398046511104})),
            R"({"schema":{"type":"int64","optional":false},"payload":4398046511104})");
  EXPECT_EQ(write(schemas::float32(), Value(12.34f)),
            R"({"schema":{"type":"float","optional":false},"payload":12.34})");
  EXPECT_EQ(write(schemas::float64(), Value(12.34)),
            R"({"schema":{"type":"double","optional":false},"payload":12.34})");
  EXPECT_EQ(write(schemas::string(), Value("test-string")),
            R"({"schema":{"type":"string","optional":false},"payload":"test-string"})");
  EXPECT_EQ(write(schemas::bytes(), Value(Bytes{"test-string"})),
            R"({"schema":{"type":"bytes","optional":false},"payload":"dGVzdC1zdHJpbmc="})");
}

TEST_F(JsonConverterTest, FloatingPointUsesJavaToString) {
  converter_.configure({{"schemas.enable", "false"}}, false);
  EXPECT_EQ(write(schemas::float64(), Value(1e10)), "1.0E10");
  EXPECT_EQ(write(schemas::float64(), Value(100.0)), "100.0");
  EXPECT_EQ(write(schemas::float64(), Value(0.001)), "0.001");
  EXPECT_EQ(write(schemas::float64(), Value(1e-4)), "1.0E-4");
  EXPECT_EQ(write(schemas::float32(), Value(0.1f)), "0.1");
  // Jackson quotes non-finite numbers.
  EXPECT_EQ(write(schemas::float64(), Value(std::numeric_limits<double>::quiet_NaN())), "\"NaN\"");
  EXPECT_EQ(write(schemas::float32(), Value(-std::numeric_limits<float>::infinity())),
            "\"-Infinity\"");
}

TEST_F(JsonConverterTest, StringEscapingMatchesJackson) {
  converter_.configure({{"schemas.enable", "false"}}, false);
  EXPECT_EQ(write(schemas::string(), Value(std::string("a\"b\\c/d\n\t\r\b\f\x01\x1f\x7f"))),
            "\"a\\\"b\\\\c/d\\n\\t\\r\\b\\f\\u0001\\u001F\x7f\"");
  EXPECT_EQ(write(schemas::string(), Value("caf\xC3\xA9 \xE2\x82\xAC")),
            "\"caf\xC3\xA9 \xE2\x82\xAC\"");
}

TEST_F(JsonConverterTest, ArrayToJson) {
  auto schema = SchemaBuilder::array(schemas::int32()).build();
  auto converted =
      writeJson(schema, Value(Array{Value(int32_t{1}), Value(int32_t{2}), Value(int32_t{3})}));
  expectEnvelope(converted);
  EXPECT_EQ(
      converted["schema"],
      json::parse(
          R"({ "type": "array", "items": { "type": "int32", "optional": false }, "optional": false })"));
  EXPECT_EQ(converted["payload"], json::parse("[1,2,3]"));
}

TEST_F(JsonConverterTest, MapToJsonStringKeys) {
  auto schema = SchemaBuilder::map(schemas::string(), schemas::int32()).build();
  EXPECT_EQ(
      write(schema,
            Value(Map{{Value("key1"), Value(int32_t{12})}, {Value("key2"), Value(int32_t{15})}})),
      R"({"schema":{"type":"map","keys":{"type":"string","optional":false},"values":{"type":"int32","optional":false},"optional":false},"payload":{"key1":12,"key2":15}})");
}

TEST_F(JsonConverterTest, MapToJsonNonStringKeys) {
  auto schema = SchemaBuilder::map(schemas::int32(), schemas::int32()).build();
  auto converted = writeJson(schema, Value(Map{{Value(int32_t{1}), Value(int32_t{12})},
                                               {Value(int32_t{2}), Value(int32_t{15})}}));
  EXPECT_EQ(
      converted["schema"],
      json::parse(
          R"({ "type": "map", "keys": { "type" : "int32", "optional": false }, "values": { "type" : "int32", "optional": false }, "optional": false })"));
  EXPECT_EQ(converted["payload"], json::parse("[[1,12],[2,15]]"));
}

TEST_F(JsonConverterTest, StructToJson) {
  auto schema = SchemaBuilder::structBuilder()
                    .field("field1", schemas::boolean())
                    .field("field2", schemas::string())
                    .field("field3", schemas::string())
                    .field("field4", schemas::boolean())
                    .build();
  Struct input(schema);
  input.put("field1", Value(true))
      .put("field2", Value("string2"))
      .put("field3", Value("string3"))
      .put("field4", Value(false));
  EXPECT_EQ(
      write(schema, Value(input)),
      R"({"schema":{"type":"struct","fields":[{"type":"boolean","optional":false,"field":"field1"},{"type":"string","optional":false,"field":"field2"},{"type":"string","optional":false,"field":"field3"},{"type":"boolean","optional":false,"field":"field4"}],"optional":false},"payload":{"field1":true,"field2":"string2","field3":"string3","field4":false}})");
}

TEST_F(JsonConverterTest, StructSchemaIdentical) {
  auto make = [] {
    return SchemaBuilder::structBuilder()
        .field("field1", schemas::boolean())
        .field("field2", schemas::string())
        .build();
  };
  auto schema = make();
  Struct input(make());  // equal, but a different object
  input.put("field1", Value(true)).put("field2", Value("x"));
  auto converted = writeJson(schema, Value(input));
  EXPECT_EQ(converted["payload"], json::parse(R"({"field1":true,"field2":"x"})"));
}

TEST_F(JsonConverterTest, StructWithOtherSchemaIsMismatch) {
  auto schema = SchemaBuilder::structBuilder().field("a", schemas::int32()).build();
  auto other = SchemaBuilder::structBuilder().field("b", schemas::int32()).build();
  Struct input(other);
  input.put("b", Value(int32_t{1}));
  std::string out;
  try {
    converter_.fromConnectData(kTopic, schema, Value(input), out);
    FAIL() << "expected DataException";
  } catch (const DataException& e) {
    EXPECT_STREQ(e.what(), "Mismatching schema.");
  }
}

TEST_F(JsonConverterTest, SpecWorkedExampleExactBytes) {
  auto schema = SchemaBuilder::structBuilder()
                    .name("com.example.Item")
                    .field("id", schemas::int32())
                    .field("name", schemas::optionalString())
                    .field("price", logical::decimal(2).build())
                    .field("day", logical::date().build())
                    .field("tags", SchemaBuilder::array(schemas::string()).build())
                    .field("blob", schemas::optionalBytes())
                    .build();
  Struct item(schema);
  item.put("id", Value(int32_t{1}))
      .put("price", Value(DecimalValue::fromString("12.34")))
      .put("day", Value(int32_t{19723}))
      .put("tags", Value(Array{Value("a")}))
      .put("blob", Value(Bytes{"hello"}));
  EXPECT_EQ(
      write(schema, Value(item)),
      R"({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"},{"type":"string","optional":true,"field":"name"},{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"},"field":"price"},{"type":"int32","optional":false,"name":"org.apache.kafka.connect.data.Date","version":1,"field":"day"},{"type":"array","items":{"type":"string","optional":false},"optional":false,"field":"tags"},{"type":"bytes","optional":true,"field":"blob"}],"optional":false,"name":"com.example.Item"},"payload":{"id":1,"name":null,"price":"BNI=","day":19723,"tags":["a"],"blob":"aGVsbG8="}})");
}

TEST_F(JsonConverterTest, SchemaFieldOrderWithEveryAttribute) {
  auto schema = SchemaBuilder::string()
                    .optional()
                    .name("io.debezium.data.Enum")
                    .version(1)
                    .doc("d")
                    .parameter("allowed", "a,b")
                    .parameter("z", "1")
                    .defaultValue(Value("a"))
                    .build();
  EXPECT_EQ(
      *converter_.asJsonSchema(schema),
      R"({"type":"string","optional":true,"name":"io.debezium.data.Enum","version":1,"doc":"d","parameters":{"allowed":"a,b","z":"1"},"default":"a"})");
}

// ---- writing: logical types ----

TEST_F(JsonConverterTest, DecimalToJsonBase64) {
  auto converted = writeJson(logical::decimal(2).build(), Value(DecimalValue::fromInt64(156, 2)));
  EXPECT_EQ(
      converted["schema"],
      json::parse(
          R"({ "type": "bytes", "optional": false, "name": "org.apache.kafka.connect.data.Decimal", "version": 1, "parameters": { "scale": "2" } })"));
  EXPECT_EQ(converted["payload"], "AJw=");
  // Negative values use the minimal two's complement: -1 is 0xFF.
  EXPECT_EQ(
      writeJson(logical::decimal(0).build(), Value(DecimalValue::fromInt64(-1, 0)))["payload"],
      "/w==");
}

TEST_F(JsonConverterTest, DecimalToNumericJson) {
  converter_.configure({{"decimal.format", "NUMERIC"}}, false);
  EXPECT_EQ(
      write(logical::decimal(2).build(), Value(DecimalValue::fromInt64(156, 2))),
      R"({"schema":{"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"}},"payload":1.56})");
}

TEST_F(JsonConverterTest, DecimalWithTrailingZerosToNumericJson) {
  converter_.configure({{"decimal.format", "numeric"}, {"schemas.enable", "false"}}, false);
  EXPECT_EQ(write(logical::decimal(4).build(), Value(DecimalValue::fromInt64(15600, 4))), "1.5600");
  EXPECT_EQ(write(logical::decimal(2).build(), Value(DecimalValue::fromString("12.30"))), "12.30");
  // BigDecimal.toString switches to scientific notation for tiny values, as Jackson writes them.
  EXPECT_EQ(write(logical::decimal(8).build(), Value(DecimalValue::fromInt64(1, 8))), "1E-8");
}

TEST_F(JsonConverterTest, DecimalScaleMismatchIsDataException) {
  try {
    write(logical::decimal(3).build(), Value(DecimalValue::fromInt64(156, 2)));
    FAIL() << "expected DataException";
  } catch (const DataException& e) {
    EXPECT_STREQ(e.what(),
                 "Decimal value has mismatching scale for given Decimal schema. Schema has scale "
                 "3, value has scale 2.");
  }
}

TEST_F(JsonConverterTest, DecimalToJsonWithoutSchemaIsDataException) {
  std::string out;
  try {
    converter_.fromConnectData(kTopic, nullptr, Value(DecimalValue::fromInt64(156, 2)), out);
    FAIL() << "expected DataException";
  } catch (const DataException& e) {
    EXPECT_STREQ(e.what(),
                 "Java class class java.math.BigDecimal does not have corresponding schema type.");
  }
}

TEST_F(JsonConverterTest, DateTimeTimestampToJson) {
  EXPECT_EQ(
      write(logical::date().build(), Value(int32_t{10000})),
      R"({"schema":{"type":"int32","optional":false,"name":"org.apache.kafka.connect.data.Date","version":1},"payload":10000})");
  EXPECT_EQ(writeJson(logical::time().build(), Value(int32_t{14400000}))["payload"], 14400000);
  EXPECT_EQ(writeJson(logical::timestamp().build(), Value(int64_t{4000000000}))["payload"],
            4000000000LL);
  EXPECT_THROW(write(logical::time().build(), Value(int32_t{-1})), DataException);
  EXPECT_THROW(write(logical::date().build(), Value(int64_t{1})), DataException);
}

// ---- writing: schemaless ----

TEST_F(JsonConverterTest, NullSchemaAndPrimitiveToJson) {
  EXPECT_EQ(write(nullptr, Value(true)), R"({"schema":null,"payload":true})");
}

TEST_F(JsonConverterTest, NullSchemaAndArrayToJson) {
  EXPECT_EQ(write(nullptr, Value(Array{Value(int32_t{1}), Value("string"), Value(true)})),
            R"({"schema":null,"payload":[1,"string",true]})");
}

TEST_F(JsonConverterTest, NullSchemaAndMapToJson) {
  EXPECT_EQ(write(nullptr, Value(Map{{Value("key1"), Value(int32_t{12})},
                                     {Value("key2"), Value("string")},
                                     {Value("key3"), Value(true)}})),
            R"({"schema":null,"payload":{"key1":12,"key2":"string","key3":true}})");
}

TEST_F(JsonConverterTest, NullSchemaAndMapNonStringKeysToJson) {
  EXPECT_EQ(write(nullptr, Value(Map{{Value("string"), Value(int32_t{12})},
                                     {Value(int32_t{52}), Value("string")},
                                     {Value(false), Value(true)}})),
            R"({"schema":null,"payload":[["string",12],[52,"string"],[false,true]]})");
}

TEST_F(JsonConverterTest, NullSchemaAndStructIsMismatch) {
  auto schema = SchemaBuilder::structBuilder().field("a", schemas::int32()).build();
  Struct s(schema);
  s.put("a", Value(int32_t{1}));
  std::string out;
  EXPECT_THROW(converter_.fromConnectData(kTopic, nullptr, Value(s), out), DataException);
}

// ---- null and tombstone table ----

TEST_F(JsonConverterTest, NullSchemaAndNullValueIsTombstone) {
  for (const char* enabled : {"true", "false"}) {
    converter_.configure({{"schemas.enable", enabled}}, true);
    std::string out = "stale";
    EXPECT_FALSE(converter_.fromConnectData(kTopic, nullptr, Value(), out)) << enabled;
    EXPECT_TRUE(out.empty());
  }
}

TEST_F(JsonConverterTest, OptionalNullWithSchema) {
  EXPECT_EQ(write(schemas::optionalString(), Value()),
            R"({"schema":{"type":"string","optional":true},"payload":null})");
  converter_.configure({{"schemas.enable", "false"}}, false);
  // Four bytes "null": a value, not a tombstone.
  EXPECT_EQ(write(schemas::optionalString(), Value()), "null");
}

TEST_F(JsonConverterTest, RequiredNullWithoutDefaultIsDataException) {
  std::string out;
  try {
    converter_.fromConnectData(kTopic, schemas::string(), Value(), out);
    FAIL() << "expected DataException";
  } catch (const DataException& e) {
    EXPECT_STREQ(
        e.what(),
        "Conversion error: null value for field that is required and has no default value");
  }
}

TEST_F(JsonConverterTest, MismatchSchemaJson) {
  std::string out;
  try {
    converter_.fromConnectData(kTopic, schemas::float64(), Value(true), out);
    FAIL() << "expected DataException";
  } catch (const DataException& e) {
    EXPECT_STREQ(e.what(), "Invalid type for FLOAT64: class java.lang.Boolean");
  }
}

TEST_F(JsonConverterTest, NoSchemaToConnect) {
  converter_.configure({{"schemas.enable", "false"}}, true);
  expectSchemaAndValue(read("true"), nullptr, Value(true));
}

TEST_F(JsonConverterTest, NoSchemaToJson) {
  converter_.configure({{"schemas.enable", "false"}}, true);
  EXPECT_EQ(write(nullptr, Value(true)), "true");
}

TEST_F(JsonConverterTest, SchemaJsonIsRenderedOnceAndKeptOnTheSchema) {
  auto schema = SchemaBuilder::structBuilder().field("a", schemas::int32()).build();
  EXPECT_EQ(std::atomic_load(&schema->json_cache_), nullptr);
  Struct s(schema);
  s.put("a", Value(int32_t{1}));
  write(schema, Value(s));
  auto cached = std::atomic_load(&schema->json_cache_);
  ASSERT_NE(cached, nullptr);
  EXPECT_EQ(
      *cached,
      R"({"type":"struct","fields":[{"type":"int32","optional":false,"field":"a"}],"optional":false})");
  write(schema, Value(s));
  EXPECT_EQ(std::atomic_load(&schema->json_cache_), cached);
  // Another converter instance reuses the same rendering.
  JsonConverter other;
  EXPECT_EQ(other.asJsonSchema(schema), cached);
}

TEST_F(JsonConverterTest, TasksSharingASchemaWriteTheSameBytes) {
  auto schema = SchemaBuilder::structBuilder()
                    .field("a", schemas::int32())
                    .field("b", SchemaBuilder::array(schemas::string()).build())
                    .build();
  Struct s(schema);
  s.put("a", Value(int32_t{7})).put("b", Value(Array{Value("x")}));
  const Value value(s);
  std::vector<std::string> outputs(4);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < outputs.size(); ++t) {
    threads.emplace_back([&, t] {
      JsonConverter converter;  // one per task, the schema shared
      std::string out;
      for (int i = 0; i < 500; ++i) converter.fromConnectData(kTopic, schema, value, out);
      outputs[t] = out;
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& out : outputs)
    EXPECT_EQ(out,
              R"({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"a"},{"type":"array","items":{"type":"string","optional":false},"optional":false,"field":"b"}],"optional":false},"payload":{"a":7,"b":["x"]}})");
}

TEST_F(JsonConverterTest, ConfigDependentSchemaJsonStaysInTheConverter) {
  auto schema = logical::decimal(2).defaultValue(Value(DecimalValue::fromInt64(156, 2))).build();
  JsonConverter numeric;
  numeric.configure({{"decimal.format", "NUMERIC"}}, false);
  EXPECT_NE(numeric.asJsonSchema(schema)->find(R"("default":1.56)"), std::string::npos);
  EXPECT_NE(converter_.asJsonSchema(schema)->find(R"("default":"AJw=")"), std::string::npos);
  EXPECT_EQ(std::atomic_load(&schema->json_cache_), nullptr);
  EXPECT_EQ(numeric.sizeOfFromConnectSchemaCache(), 1u);
}

// ---- headers delegate to data conversion ----

TEST_F(JsonConverterTest, StringHeaderToJson) {
  std::string out;
  ASSERT_TRUE(converter_.fromConnectHeader(kTopic, "headerName", schemas::string(),
                                           Value("test-string"), out));
  EXPECT_EQ(out, R"({"schema":{"type":"string","optional":false},"payload":"test-string"})");
}

TEST_F(JsonConverterTest, StringHeaderToConnect) {
  JsonConverter header;
  header.configure(std::map<std::string, std::string>{});
  EXPECT_EQ(header.jsonConfig().type(), ConverterType::Header);
  std::string_view in = R"({ "schema": { "type": "string" }, "payload": "foo-bar-baz" })";
  auto sv = header.toConnectHeader(kTopic, "headerName", in.data(), in.size());
  expectSchemaAndValue(sv, schemas::string(), Value("foo-bar-baz"));
}

// ---- replace.null.with.default ----

TEST_F(JsonConverterTest, SerializeNullToDefault) {
  converter_.configure({{"replace.null.with.default", "true"}}, false);
  auto schema = SchemaBuilder::string().optional().defaultValue(Value("default")).build();
  EXPECT_EQ(
      write(schema, Value()),
      R"({"schema":{"type":"string","optional":true,"default":"default"},"payload":"default"})");
}

TEST_F(JsonConverterTest, SerializeNullToNull) {
  converter_.configure({{"replace.null.with.default", "false"}}, false);
  auto schema = SchemaBuilder::string().optional().defaultValue(Value("default")).build();
  EXPECT_EQ(write(schema, Value()),
            R"({"schema":{"type":"string","optional":true,"default":"default"},"payload":null})");
}

TEST_F(JsonConverterTest, DeserializeNullToDefault) {
  converter_.configure({{"replace.null.with.default", "true"}}, false);
  auto sv =
      read(R"({"schema":{"type":"string","optional":true,"default":"default"},"payload":null})");
  EXPECT_EQ(sv.value, Value("default"));
}

TEST_F(JsonConverterTest, DeserializeNullToNull) {
  converter_.configure({{"replace.null.with.default", "false"}}, false);
  auto sv =
      read(R"({"schema":{"type":"string","optional":true,"default":"default"},"payload":null})");
  EXPECT_TRUE(sv.value.isNull());
}

TEST_F(JsonConverterTest, SerializeFieldNullToDefault) {
  converter_.configure({{"replace.null.with.default", "true"}}, false);
  auto field = SchemaBuilder::string().optional().defaultValue(Value("default")).build();
  auto schema = SchemaBuilder::structBuilder().field("field1", field).build();
  EXPECT_EQ(
      writeJson(schema, Value(Struct(schema))),
      json::parse(
          R"({"schema":{"type":"struct","fields":[{"field":"field1","type":"string","optional":true,"default":"default"}],"optional":false},"payload":{"field1":"default"}})"));
}

TEST_F(JsonConverterTest, SerializeFieldNullToNull) {
  converter_.configure({{"replace.null.with.default", "false"}}, false);
  auto field = SchemaBuilder::string().optional().defaultValue(Value("default")).build();
  auto schema = SchemaBuilder::structBuilder().field("field1", field).build();
  EXPECT_EQ(
      writeJson(schema, Value(Struct(schema))),
      json::parse(
          R"({"schema":{"type":"struct","fields":[{"field":"field1","type":"string","optional":true,"default":"default"}],"optional":false},"payload":{"field1":null}})"));
}

TEST_F(JsonConverterTest, DeserializeFieldNullToDefault) {
  converter_.configure({{"replace.null.with.default", "true"}}, false);
  auto sv = read(
      R"({"schema":{"type":"struct","fields":[{"field":"field1","type":"string","optional":true,"default":"default"}],"optional":false},"payload":{"field1":null}})");
  auto field = SchemaBuilder::string().optional().defaultValue(Value("default")).build();
  auto schema = SchemaBuilder::structBuilder().field("field1", field).build();
  Struct expected(schema);
  expected.put("field1", Value("default"));
  expectSchemaAndValue(sv, schema, Value(expected));
}

TEST_F(JsonConverterTest, DeserializeFieldNullToNull) {
  converter_.configure({{"replace.null.with.default", "false"}}, false);
  auto sv = read(
      R"({"schema":{"type":"struct","fields":[{"field":"field1","type":"string","optional":true,"default":"default"}],"optional":false},"payload":{"field1":null}})");
  auto field = SchemaBuilder::string().optional().defaultValue(Value("default")).build();
  auto schema = SchemaBuilder::structBuilder().field("field1", field).build();
  expectSchemaAndValue(sv, schema, Value(Struct(schema)));
}

// ---- configuration ----

TEST_F(JsonConverterTest, ConfigureReadsEveryKey) {
  converter_.configure({{"schemas.enable", "false"},
                        {"schemas.cache.size", "5"},
                        {"decimal.format", "Numeric"},
                        {"replace.null.with.default", "false"}},
                       true);
  const auto& c = converter_.jsonConfig();
  EXPECT_FALSE(c.schemasEnabled());
  EXPECT_EQ(c.schemaCacheSize(), 5);
  EXPECT_EQ(c.decimalFormat(), DecimalFormat::Numeric);
  EXPECT_FALSE(c.replaceNullWithDefault());
  EXPECT_EQ(c.type(), ConverterType::Key);
}

TEST_F(JsonConverterTest, InvalidDecimalFormatIsConfigException) {
  EXPECT_THROW(converter_.configure({{"decimal.format", "HEX"}}, false), api::ConfigException);
}

TEST_F(JsonConverterTest, ConfigDefListsKafkaKeys) {
  auto def = converter_.config();
  for (const char* key : {"converter.type", "schemas.enable", "schemas.cache.size",
                          "decimal.format", "replace.null.with.default"})
    EXPECT_NE(def.find(key), nullptr) << key;
}

}  // namespace
}  // namespace connectd::converters
