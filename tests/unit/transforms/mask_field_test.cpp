#include "transforms/mask_field.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "server/api/errors.h"
#include "smt_test_util.h"

namespace connectd::transforms {
namespace {

using api::SchemaBuilder;
using testing::sinkRecord;
using testing::thrownMessage;
namespace schemas = api::schemas;
namespace logical = api::logical;

constexpr int32_t kToday = 19000;        // Date: days since the epoch
constexpr int32_t kNowOfDay = 45296789;  // Time: millis of the day
constexpr int64_t kNow = 1641600000123;  // Timestamp: epoch millis

// MaskFieldTest.SCHEMA / VALUES_WITH_SCHEMA.
api::SchemaPtr schema() {
  static const api::SchemaPtr s =
      SchemaBuilder::structBuilder()
          .field("magic", schemas::int32())
          .field("bool", schemas::boolean())
          .field("byte", schemas::int8())
          .field("short", schemas::int16())
          .field("int", schemas::int32())
          .field("long", schemas::int64())
          .field("float", schemas::float32())
          .field("double", schemas::float64())
          .field("string", schemas::string())
          .field("date", logical::date().build())
          .field("time", logical::time().build())
          .field("timestamp", logical::timestamp().build())
          .field("decimal", logical::decimal(0).build())
          .field("array", SchemaBuilder::array(schemas::int32()).build())
          .field("map", SchemaBuilder::map(schemas::string(), schemas::string()).build())
          .field("withDefault", SchemaBuilder::string().optional().defaultValue("default").build())
          .build();
  return s;
}

api::Value valuesWithSchema() {
  api::Struct s(schema());
  s.put("magic", int32_t{42})
      .put("bool", true)
      .put("byte", int8_t{42})
      .put("short", int16_t{42})
      .put("int", int32_t{42})
      .put("long", int64_t{42})
      .put("float", 42.0f)
      .put("double", 42.0)
      .put("string", "hmm")
      .put("date", kToday)
      .put("time", kNowOfDay)
      .put("timestamp", kNow)
      .put("decimal", api::DecimalValue::fromInt64(42, 0))
      .put("array", api::Array{int32_t{1}, int32_t{2}, int32_t{3}})
      .put("map", api::Map{{"what", "what"}})
      .put("withDefault", nullptr);
  return testing::structValue(std::move(s));
}

// MaskFieldTest.VALUES (java.util.Date and BigInteger have no schemaless Connect form here).
api::Value values() {
  return api::Map{{"magic", int32_t{42}},
                  {"bool", true},
                  {"byte", int8_t{42}},
                  {"short", int16_t{42}},
                  {"int", int32_t{42}},
                  {"long", int64_t{42}},
                  {"float", 42.0f},
                  {"double", 42.0},
                  {"string", "55.121.20.20"},
                  {"bigdec", api::DecimalValue::fromString("42.0")},
                  {"list", api::Array{int32_t{42}}},
                  {"map", api::Map{{"key", "value"}}}};
}

std::map<std::string, std::string> props(const std::vector<std::string>& fields,
                                         std::optional<std::string> replacement) {
  std::string list;
  for (const auto& f : fields) list += (list.empty() ? "" : ",") + f;
  std::map<std::string, std::string> p{{"fields", list}, {"replace.null.with.default", "false"}};
  if (replacement) p["replacement"] = *replacement;
  return p;
}

api::Value transformed(const std::vector<std::string>& fields,
                       std::optional<std::string> replacement, bool with_schema) {
  MaskField::Value xform;
  xform.configure(props(fields, std::move(replacement)));
  api::SinkRecord r = with_schema ? sinkRecord(nullptr, nullptr, schema(), valuesWithSchema())
                                  : sinkRecord(nullptr, nullptr, nullptr, values());
  EXPECT_TRUE(xform.apply(r));
  if (with_schema) {
    EXPECT_EQ(schema(), r.valueSchema);
  }
  return r.value;
}

const api::Value& field(const api::Value& v, const std::string& name) {
  const api::Value* found = testing::fieldOf(v, name);
  EXPECT_NE(nullptr, found) << name;
  static const api::Value kNull;
  return found != nullptr ? *found : kNull;
}

TEST(MaskFieldTest, Schemaless) {
  api::Value v = transformed({"bool", "byte", "short", "int", "long", "float", "double", "string",
                              "bigdec", "list", "map"},
                             std::nullopt, false);
  EXPECT_EQ(api::Value(int32_t{42}), field(v, "magic"));
  EXPECT_EQ(api::Value(false), field(v, "bool"));
  EXPECT_EQ(api::Value(int8_t{0}), field(v, "byte"));
  EXPECT_EQ(api::Value(int16_t{0}), field(v, "short"));
  EXPECT_EQ(api::Value(int32_t{0}), field(v, "int"));
  EXPECT_EQ(api::Value(int64_t{0}), field(v, "long"));
  EXPECT_EQ(api::Value(0.0f), field(v, "float"));
  EXPECT_EQ(api::Value(0.0), field(v, "double"));
  EXPECT_EQ(api::Value(""), field(v, "string"));
  EXPECT_EQ(api::Value(api::DecimalValue::fromInt64(0, 0)), field(v, "bigdec"));
  EXPECT_EQ(api::Value(api::Array{}), field(v, "list"));
  EXPECT_EQ(api::Value(api::Map{}), field(v, "map"));
}

TEST(MaskFieldTest, WithSchema) {
  std::vector<std::string> fields;
  for (const auto& f : schema()->fields()) {
    if (f.name != "magic") fields.push_back(f.name);
  }
  api::Value v = transformed(fields, std::nullopt, true);
  EXPECT_EQ(api::Value(int32_t{42}), field(v, "magic"));
  EXPECT_EQ(api::Value(false), field(v, "bool"));
  EXPECT_EQ(api::Value(int8_t{0}), field(v, "byte"));
  EXPECT_EQ(api::Value(int16_t{0}), field(v, "short"));
  EXPECT_EQ(api::Value(int32_t{0}), field(v, "int"));
  EXPECT_EQ(api::Value(int64_t{0}), field(v, "long"));
  EXPECT_EQ(api::Value(0.0f), field(v, "float"));
  EXPECT_EQ(api::Value(0.0), field(v, "double"));
  EXPECT_EQ(api::Value(""), field(v, "string"));
  // new Date(0) in each logical type's encoding.
  EXPECT_EQ(api::Value(int32_t{0}), field(v, "date"));
  EXPECT_EQ(api::Value(int32_t{0}), field(v, "time"));
  EXPECT_EQ(api::Value(int64_t{0}), field(v, "timestamp"));
  EXPECT_EQ(api::Value(api::DecimalValue::fromInt64(0, 0)), field(v, "decimal"));
  EXPECT_EQ(api::Value(api::Array{}), field(v, "array"));
  EXPECT_EQ(api::Value(api::Map{}), field(v, "map"));
  EXPECT_TRUE(field(v, "withDefault").isNull());
}

// testSchemalessWithReplacement / testWithSchemaAndReplacement.
struct ReplacementCase {
  std::string field;
  std::string replacement;
  api::Value expected;
  bool with_schema;
};

class MaskFieldReplacementTest : public ::testing::TestWithParam<ReplacementCase> {};

TEST_P(MaskFieldReplacementTest, ConvertsReplacementToFieldType) {
  const auto& c = GetParam();
  api::Value v = transformed({c.field}, c.replacement, c.with_schema);
  EXPECT_EQ(c.expected, field(v, c.field));
}

std::vector<ReplacementCase> replacementCases() {
  std::vector<ReplacementCase> cases;
  for (bool with_schema : {false, true}) {
    cases.push_back({"short", "123", int16_t{123}, with_schema});
    cases.push_back({"byte", "123", int8_t{123}, with_schema});
    cases.push_back({"int", "123", int32_t{123}, with_schema});
    cases.push_back({"long", "123", int64_t{123}, with_schema});
    cases.push_back({"float", "123.0", 123.0f, with_schema});
    cases.push_back({"double", "123.0", 123.0, with_schema});
    cases.push_back({"string", "123", "123", with_schema});
    // Numbers go through new BigDecimal(replacement) and Java's narrowing.
    cases.push_back({"int", "12.9", int32_t{12}, with_schema});
    cases.push_back({"int", "1e3", int32_t{1000}, with_schema});
    cases.push_back({"byte", "300", int8_t{44}, with_schema});
    cases.push_back({"long", "-9223372036854775809", int64_t{INT64_MAX}, with_schema});
    cases.push_back({"float", "0.1", static_cast<float>(0.1), with_schema});
  }
  cases.push_back({"bigdec", "123.0", api::DecimalValue::fromString("123.0"), false});
  cases.push_back({"decimal", "123.0", api::DecimalValue::fromString("123.0"), true});
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Cases, MaskFieldReplacementTest, ::testing::ValuesIn(replacementCases()));

// testSchemalessUnsupportedReplacementType / testWithSchemaUnsupportedReplacementType /
// testReplacementTypeMismatch, with the exact messages.
struct FailureCase {
  std::vector<std::string> fields;
  std::optional<std::string> replacement;
  bool with_schema;
  std::string message;
};

class MaskFieldFailureTest : public ::testing::TestWithParam<FailureCase> {};

TEST_P(MaskFieldFailureTest, FailsWithKafkasMessage) {
  const auto& c = GetParam();
  EXPECT_EQ(c.message, thrownMessage<api::DataException>(
                           [&] { transformed(c.fields, c.replacement, c.with_schema); }));
}

std::string cannotMask(const std::string& java_class) {
  return "Cannot mask value of type " + java_class + " with custom replacement.";
}

INSTANTIATE_TEST_SUITE_P(
    Cases, MaskFieldFailureTest,
    ::testing::Values(
        FailureCase{{"bool"}, "false", false, cannotMask("class java.lang.Boolean")},
        FailureCase{{"list"}, "[123]", false, cannotMask("class java.util.ArrayList")},
        FailureCase{{"map"}, "{123=321}", false, cannotMask("class java.util.HashMap")},
        FailureCase{{"date"}, "x", true, cannotMask("class java.util.Date")},
        FailureCase{{"time"}, "x", true, cannotMask("class java.util.Date")},
        FailureCase{{"timestamp"}, "x", true, cannotMask("class java.util.Date")},
        FailureCase{{"array"}, "[123]", true, cannotMask("class java.util.ArrayList")},
        FailureCase{
            {"byte"}, "foo", false, "Unable to convert foo (class java.lang.String) to a number"},
        FailureCase{
            {"short"}, "foo", false, "Unable to convert foo (class java.lang.String) to a number"},
        FailureCase{
            {"int"}, "foo", false, "Unable to convert foo (class java.lang.String) to a number"},
        FailureCase{
            {"long"}, "foo", false, "Unable to convert foo (class java.lang.String) to a number"},
        FailureCase{
            {"float"}, "foo", false, "Unable to convert foo (class java.lang.String) to a number"},
        FailureCase{
            {"double"}, "NaN", false, "Unable to convert NaN (class java.lang.String) to a number"},
        FailureCase{
            {"bigdec"}, "foo", false, "Unable to convert foo (class java.lang.String) to number"},
        FailureCase{{"string", "int"},
                    "foo",
                    false,
                    "Unable to convert foo (class java.lang.String) to a number"}));

TEST(MaskFieldTest, EmptyStringReplacementValue) {
  MaskField::Value xform;
  EXPECT_EQ("Invalid value  for configuration replacement: String must be non-empty",
            thrownMessage<api::ConfigException>([&] {
              xform.configure({{"fields", "short"}, {"replacement", ""}});
            }));
}

TEST(MaskFieldTest, EmptyFieldListFails) {
  MaskField::Value xform;
  EXPECT_EQ("Invalid value [] for configuration fields: Empty list",
            thrownMessage<api::ConfigException>([&] {
              xform.configure({{"fields", ""}});
            }));
  EXPECT_EQ("Missing required configuration \"fields\" which has no default value.",
            thrownMessage<api::ConfigException>([&] { xform.configure({}); }));
}

TEST(MaskFieldTest, StructAndBytesCannotBeMasked) {
  api::SchemaPtr inner = SchemaBuilder::structBuilder().field("a", schemas::int32()).build();
  api::SchemaPtr outer =
      SchemaBuilder::structBuilder().field("inner", inner).field("bytes", schemas::bytes()).build();
  api::Struct inner_value(inner);
  inner_value.put("a", int32_t{1});
  api::Struct value(outer);
  value.put("inner", testing::structValue(inner_value)).put("bytes", api::Bytes{"xy"});

  MaskField::Value xform;
  xform.configure({{"fields", "inner"}});
  api::SinkRecord r = sinkRecord(nullptr, nullptr, outer, testing::structValue(value));
  EXPECT_EQ("Cannot mask value of type: class org.apache.kafka.connect.data.Struct",
            thrownMessage<api::DataException>([&] { xform.apply(r); }));

  MaskField::Value bytes;
  bytes.configure({{"fields", "bytes"}});
  EXPECT_EQ("Cannot mask value of type: class [B",
            thrownMessage<api::DataException>([&] { bytes.apply(r); }));
}

TEST(MaskFieldTest, DecimalIsMaskedToUnscaledZero) {
  api::SchemaPtr s = SchemaBuilder::structBuilder().field("d", logical::decimal(2).build()).build();
  api::Struct value(s);
  value.put("d", api::DecimalValue::fromString("12.34"));
  MaskField::Value xform;
  xform.configure({{"fields", "d"}});
  api::SinkRecord r = sinkRecord(nullptr, nullptr, s, testing::structValue(value));
  ASSERT_TRUE(xform.apply(r));
  // BigDecimal.ZERO, scale 0, whatever the schema's scale (a converter then rejects it, as
  // Kafka's do).
  EXPECT_EQ(api::Value(api::DecimalValue::fromInt64(0, 0)), r.value.asStruct().get("d"));
}

TEST(MaskFieldTest, ReplaceNullWithDefaultMasksTheDefault) {
  MaskField::Value xform;
  xform.configure({{"fields", "withDefault"}, {"replace.null.with.default", "true"}});
  api::SinkRecord r = sinkRecord(nullptr, nullptr, schema(), valuesWithSchema());
  ASSERT_TRUE(xform.apply(r));
  EXPECT_EQ(api::Value(""), r.value.asStruct().getWithoutDefault("withDefault"));
}

TEST(MaskFieldTest, NullFieldStaysNullAndAbsentMapEntryIsAddedAsNull) {
  MaskField::Value xform;
  xform.configure({{"fields", "present,missing"}, {"replacement", "x"}});
  api::SinkRecord r = sinkRecord(nullptr, nullptr, nullptr, api::Map{{"present", nullptr}});
  ASSERT_TRUE(xform.apply(r));
  ASSERT_EQ(2u, r.value.asMap().size());
  EXPECT_TRUE(r.value.mapGet("present")->isNull());
  ASSERT_NE(nullptr, r.value.mapGet("missing"));
  EXPECT_TRUE(r.value.mapGet("missing")->isNull());
}

TEST(MaskFieldTest, TombstoneFails) {
  MaskField::Value xform;
  xform.configure({{"fields", "a"}});
  api::SinkRecord schemaless = sinkRecord(nullptr, nullptr, nullptr, nullptr);
  EXPECT_EQ("Only Map objects supported in absence of schema for [mask fields], found: null",
            thrownMessage<api::DataException>([&] { xform.apply(schemaless); }));
  api::SinkRecord with_schema = sinkRecord(nullptr, nullptr, schema(), nullptr);
  EXPECT_EQ("Only Struct objects supported for [mask fields], found: null",
            thrownMessage<api::DataException>([&] { xform.apply(with_schema); }));
}

TEST(MaskFieldTest, KeyVariantMasksKey) {
  MaskField::Key xform;
  xform.configure({{"fields", "id"}});
  api::SinkRecord r =
      sinkRecord(nullptr, api::Map{{"id", int64_t{7}}}, nullptr, api::Map{{"id", int64_t{7}}});
  ASSERT_TRUE(xform.apply(r));
  EXPECT_EQ(api::Value(int64_t{0}), *r.key.mapGet("id"));
  EXPECT_EQ(api::Value(int64_t{7}), *r.value.mapGet("id"));
}

}  // namespace
}  // namespace connectd::transforms
