#include "transforms/flatten.h"

#include <gtest/gtest.h>

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

api::SchemaPtr supportedTypesSchema() {
  return SchemaBuilder::structBuilder()
      .field("int8", schemas::int8())
      .field("int16", schemas::int16())
      .field("int32", schemas::int32())
      .field("int64", schemas::int64())
      .field("float32", schemas::float32())
      .field("float64", schemas::float64())
      .field("boolean", schemas::boolean())
      .field("string", schemas::string())
      .field("bytes", schemas::bytes())
      .build();
}

const std::vector<std::pair<std::string, api::Value>>& supportedValues() {
  static const std::vector<std::pair<std::string, api::Value>> values = {
      {"int8", int8_t{8}},    {"int16", int16_t{16}}, {"int32", int32_t{32}},
      {"int64", int64_t{64}}, {"float32", 32.0f},     {"float64", 64.0},
      {"boolean", true},      {"string", "stringy"},  {"bytes", api::Bytes{"bytes"}}};
  return values;
}

// FlattenTest.testNestedStruct / testNestedMapWithDelimiter: {A: {B: <every primitive>}} on both
// forms, with the default and a custom delimiter.
class FlattenNestedTest : public ::testing::TestWithParam<std::tuple<Form, std::string>> {};

TEST_P(FlattenNestedTest, FlattensTwoLevels) {
  const auto& [form, delimiter] = GetParam();
  Flatten::Value xform;
  if (delimiter == ".") {
    xform.configure({});
  } else {
    xform.configure({{"delimiter", delimiter}});
  }

  api::SourceRecord r = [&] {
    if (form == Form::Map) {
      api::Map b;
      for (const auto& [k, v] : supportedValues()) b.emplace_back(api::Value(k), v);
      return sourceRecord(nullptr, nullptr, nullptr, api::Map{{"A", api::Map{{"B", b}}}});
    }
    api::SchemaPtr b_schema = supportedTypesSchema();
    api::SchemaPtr a_schema = SchemaBuilder::structBuilder().field("B", b_schema).build();
    api::SchemaPtr top_schema = SchemaBuilder::structBuilder().field("A", a_schema).build();
    api::Struct b(b_schema);
    for (const auto& [k, v] : supportedValues()) b.put(k, v);
    api::Struct a(a_schema);
    a.put("B", testing::structValue(b));
    api::Struct top(top_schema);
    top.put("A", testing::structValue(a));
    return sourceRecord(nullptr, nullptr, top_schema, testing::structValue(top));
  }();
  ASSERT_TRUE(xform.apply(r));

  if (form == Form::Map) {
    EXPECT_EQ(nullptr, r.valueSchema);
    EXPECT_EQ(9u, r.value.asMap().size());
  } else {
    EXPECT_EQ(api::Type::Struct, r.valueSchema->type());
    ASSERT_EQ(9u, r.valueSchema->fields().size());
    for (const auto& field : r.valueSchema->fields()) EXPECT_FALSE(field.schema->isOptional());
    r.value.asStruct().validate();
  }
  for (const auto& [k, v] : supportedValues()) {
    const std::string name = "A" + delimiter + "B" + delimiter + k;
    const api::Value* actual = testing::fieldOf(r.value, name);
    ASSERT_NE(nullptr, actual) << name;
    EXPECT_EQ(v, *actual) << name;
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, FlattenNestedTest,
                         ::testing::Combine(::testing::Values(Form::Struct, Form::Map),
                                            ::testing::Values(".", "#", "__")),
                         [](const auto& info) {
                           std::string d = std::get<1>(info.param);
                           return std::string(std::get<0>(info.param) == Form::Struct ? "Struct"
                                                                                      : "Map") +
                                  (d == "."   ? "_Dot"
                                   : d == "#" ? "_Hash"
                                              : "_Underscores");
                         });

TEST(FlattenTest, TopLevelStructRequired) {
  Flatten::Value xform;
  xform.configure({});
  api::SourceRecord r = sourceRecord(nullptr, nullptr, schemas::int32(), int32_t{42});
  EXPECT_EQ("Only Struct objects supported for [flattening], found: java.lang.Integer",
            thrownMessage<api::DataException>([&] { xform.apply(r); }));
}

TEST(FlattenTest, TopLevelMapRequired) {
  Flatten::Value xform;
  xform.configure({});
  api::SourceRecord r = sourceRecord(nullptr, nullptr, nullptr, int32_t{42});
  EXPECT_EQ(
      "Only Map objects supported in absence of schema for [flattening], found: java.lang.Integer",
      thrownMessage<api::DataException>([&] { xform.apply(r); }));
}

TEST(FlattenTest, OptionalFieldStruct) {
  Flatten::Value xform;
  xform.configure({});
  api::SchemaPtr b_schema =
      SchemaBuilder::structBuilder().field("opt_int32", schemas::optionalInt32()).build();
  api::SchemaPtr schema = SchemaBuilder::structBuilder().field("B", b_schema).build();
  api::Struct b(b_schema);
  b.put("opt_int32", nullptr);
  api::Struct value(schema);
  value.put("B", testing::structValue(b));
  api::SourceRecord r = sourceRecord(nullptr, nullptr, schema, testing::structValue(value));
  ASSERT_TRUE(xform.apply(r));
  EXPECT_EQ(api::Type::Struct, r.valueSchema->type());
  EXPECT_TRUE(r.value.asStruct().get("B.opt_int32").isNull());
}

TEST(FlattenTest, OptionalStruct) {
  Flatten::Value xform;
  xform.configure({});
  api::SchemaPtr schema = SchemaBuilder::structBuilder()
                              .optional()
                              .field("opt_int32", schemas::optionalInt32())
                              .build();
  api::SourceRecord r = sourceRecord(nullptr, nullptr, schema, nullptr);
  ASSERT_TRUE(xform.apply(r));
  EXPECT_EQ(schema, r.valueSchema);
  EXPECT_TRUE(r.value.isNull());
}

TEST(FlattenTest, OptionalNestedStruct) {
  Flatten::Value xform;
  xform.configure({});
  api::SchemaPtr b_schema = SchemaBuilder::structBuilder()
                                .optional()
                                .field("opt_int32", schemas::optionalInt32())
                                .build();
  api::SchemaPtr schema = SchemaBuilder::structBuilder().field("B", b_schema).build();
  api::Struct value(schema);
  value.put("B", nullptr);
  api::SourceRecord r = sourceRecord(nullptr, nullptr, schema, testing::structValue(value));
  ASSERT_TRUE(xform.apply(r));
  EXPECT_EQ(api::Type::Struct, r.valueSchema->type());
  EXPECT_TRUE(r.valueSchema->field("B.opt_int32")->schema->isOptional());
  EXPECT_TRUE(r.value.asStruct().get("B.opt_int32").isNull());
}

TEST(FlattenTest, OptionalFieldMap) {
  Flatten::Value xform;
  xform.configure({});
  api::SourceRecord r =
      sourceRecord(nullptr, nullptr, nullptr, api::Map{{"B", api::Map{{"opt_int32", nullptr}}}});
  ASSERT_TRUE(xform.apply(r));
  EXPECT_EQ(nullptr, r.valueSchema);
  ASSERT_NE(nullptr, r.value.mapGet("B.opt_int32"));
  EXPECT_TRUE(r.value.mapGet("B.opt_int32")->isNull());
}

TEST(FlattenTest, Key) {
  Flatten::Key xform;
  xform.configure({});
  api::SourceRecord r =
      sourceRecord(nullptr, api::Map{{"A", api::Map{{"B", int32_t{12}}}}}, nullptr, nullptr);
  ASSERT_TRUE(xform.apply(r));
  EXPECT_EQ(nullptr, r.keySchema);
  EXPECT_EQ(api::Value(api::Map{{"A.B", int32_t{12}}}), r.key);
}

TEST(FlattenTest, SchemalessArray) {
  Flatten::Value xform;
  xform.configure({});
  api::Value value =
      api::Map{{"foo", api::Array{"bar", api::Map{{"baz", api::Map{{"lfg", "lfg"}}}}}}};
  api::SourceRecord r = sourceRecord(nullptr, nullptr, nullptr, value);
  ASSERT_TRUE(xform.apply(r));
  EXPECT_EQ(value, r.value);
}

TEST(FlattenTest, ArrayWithSchema) {
  Flatten::Value xform;
  xform.configure({});
  api::SchemaPtr nested = SchemaBuilder::structBuilder().field("lfg", schemas::string()).build();
  api::SchemaPtr inner = SchemaBuilder::structBuilder().field("baz", nested).build();
  api::SchemaPtr schema = SchemaBuilder::structBuilder()
                              .field("foo", SchemaBuilder::array(inner).doc("durk").build())
                              .build();
  api::Struct nested_value(nested);
  nested_value.put("lfg", "lfg");
  api::Struct inner_value(inner);
  inner_value.put("baz", testing::structValue(nested_value));
  api::Struct value(schema);
  value.put("foo", api::Array{testing::structValue(inner_value)});
  api::SourceRecord r = sourceRecord(nullptr, nullptr, schema, testing::structValue(value));
  ASSERT_TRUE(xform.apply(r));
  EXPECT_EQ(api::Value(value), r.value);
  EXPECT_TRUE(r.valueSchema->equals(*schema));
}

TEST(FlattenTest, OptionalAndDefaultValuesNested) {
  Flatten::Value xform;
  xform.configure({});

  SchemaBuilder builder = SchemaBuilder::structBuilder().optional();
  builder.field("req_field", schemas::string());
  builder.field("opt_field",
                SchemaBuilder::string().optional().defaultValue("child_default").build());
  api::Struct child_default(SchemaBuilder(builder).build());
  child_default.put("req_field", "req_default");
  builder.defaultValue(testing::structValue(child_default));
  api::SchemaPtr schema = builder.build();
  // The whole value is left empty since it is optional.
  api::Struct value(schema);

  api::SourceRecord r = sourceRecord(nullptr, nullptr, schema, testing::structValue(value));
  ASSERT_TRUE(xform.apply(r));
  const api::Schema& transformed = *r.valueSchema;
  EXPECT_EQ(api::Type::Struct, transformed.type());
  ASSERT_EQ(2u, transformed.fields().size());
  // The required field becomes optional with the parent's default; the optional one keeps its
  // own default.
  EXPECT_TRUE(transformed.field("req_field")
                  ->schema->equals(
                      *SchemaBuilder::string().optional().defaultValue("req_default").build()));
  EXPECT_TRUE(transformed.field("opt_field")
                  ->schema->equals(
                      *SchemaBuilder::string().optional().defaultValue("child_default").build()));
}

TEST(FlattenTest, TombstoneEventWithoutSchemaShouldPassThrough) {
  Flatten::Value xform;
  xform.configure({});
  api::SourceRecord r = sourceRecord(nullptr, nullptr, nullptr, nullptr);
  ASSERT_TRUE(xform.apply(r));
  EXPECT_TRUE(r.value.isNull());
  EXPECT_EQ(nullptr, r.valueSchema);
}

TEST(FlattenTest, TombstoneEventWithSchemaShouldPassThrough) {
  Flatten::Value xform;
  xform.configure({});
  api::SchemaPtr schema = SchemaBuilder::structBuilder()
                              .name("name")
                              .version(1)
                              .doc("doc")
                              .field("magic", schemas::optionalInt64())
                              .build();
  api::SourceRecord r = sourceRecord(nullptr, nullptr, schema, nullptr);
  ASSERT_TRUE(xform.apply(r));
  EXPECT_TRUE(r.value.isNull());
  EXPECT_EQ(schema, r.valueSchema);
}

TEST(FlattenTest, MapWithNullFields) {
  Flatten::Value xform;
  xform.configure({});
  api::Value value = api::Map{{"firstNull", nullptr},
                              {"firstNonNull", "nonNull"},
                              {"secondNull", nullptr},
                              {"secondNonNull", "alsoNonNull"},
                              {"thirdNonNull", nullptr}};
  api::SourceRecord r = sourceRecord(nullptr, nullptr, nullptr, value);
  ASSERT_TRUE(xform.apply(r));
  // A LinkedHashMap: the input order is kept.
  EXPECT_EQ(value, r.value);
}

TEST(FlattenTest, StructWithNullFields) {
  Flatten::Value xform;
  xform.configure({});
  api::SchemaPtr schema = SchemaBuilder::structBuilder()
                              .field("firstNull", schemas::optionalString())
                              .field("firstNonNull", schemas::optionalString())
                              .field("secondNull", schemas::optionalString())
                              .field("secondNonNull", schemas::optionalString())
                              .field("thirdNonNull", schemas::optionalString())
                              .build();
  api::Struct value(schema);
  value.put("firstNull", nullptr)
      .put("firstNonNull", "nonNull")
      .put("secondNull", nullptr)
      .put("secondNonNull", "alsoNonNull")
      .put("thirdNonNull", nullptr);
  api::SourceRecord r = sourceRecord(nullptr, nullptr, schema, testing::structValue(value));
  ASSERT_TRUE(xform.apply(r));
  EXPECT_EQ(api::Value(value), r.value);
}

TEST(FlattenTest, KeepsLogicalTypesAndBasicsButNotTopLevelOptionality) {
  Flatten::Value xform;
  xform.configure({{"delimiter", "_"}});
  api::SchemaPtr inner = SchemaBuilder::structBuilder()
                             .field("ts", api::logical::timestamp().build())
                             .field("amount", api::logical::decimal(2).build())
                             .build();
  api::SchemaPtr schema = SchemaBuilder::structBuilder()
                              .name("top")
                              .version(2)
                              .optional()
                              .field("inner", inner)
                              .build();
  api::Struct inner_value(inner);
  inner_value.put("ts", int64_t{1000}).put("amount", api::DecimalValue::fromString("1.25"));
  api::Struct value(schema);
  value.put("inner", testing::structValue(inner_value));
  api::SourceRecord r = sourceRecord(nullptr, nullptr, schema, testing::structValue(value));
  ASSERT_TRUE(xform.apply(r));
  EXPECT_EQ("top", r.valueSchema->name().value_or(""));
  EXPECT_EQ(2, r.valueSchema->version().value_or(0));
  EXPECT_FALSE(r.valueSchema->isOptional());
  // Every field inherits the top-level optionality.
  EXPECT_TRUE(r.valueSchema->field("inner_ts")
                  ->schema->equals(*api::logical::timestamp().optional().build()));
  EXPECT_TRUE(r.valueSchema->field("inner_amount")
                  ->schema->equals(*api::logical::decimal(2).optional().build()));
  EXPECT_EQ(api::Value(int64_t{1000}), r.value.asStruct().get("inner_ts"));
}

TEST(FlattenTest, CachesSchemaPerInputSchema) {
  Flatten::Value xform;
  xform.configure({});
  auto make = [] {
    api::SchemaPtr inner = SchemaBuilder::structBuilder().field("a", schemas::int32()).build();
    api::SchemaPtr schema = SchemaBuilder::structBuilder().field("x", inner).build();
    api::Struct inner_value(inner);
    inner_value.put("a", int32_t{1});
    api::Struct value(schema);
    value.put("x", testing::structValue(inner_value));
    return sourceRecord(nullptr, nullptr, schema, testing::structValue(value));
  };
  api::SourceRecord first = make();
  api::SourceRecord second = make();
  ASSERT_TRUE(xform.apply(first));
  ASSERT_TRUE(xform.apply(second));
  EXPECT_EQ(first.valueSchema.get(), second.valueSchema.get());
}

TEST(FlattenTest, MapFieldWithSchemaFails) {
  Flatten::Value xform;
  xform.configure({});
  api::SchemaPtr inner =
      SchemaBuilder::structBuilder()
          .field("m", SchemaBuilder::map(schemas::string(), schemas::string()).build())
          .build();
  api::SchemaPtr schema = SchemaBuilder::structBuilder().field("inner", inner).build();
  api::Struct value(schema);
  api::SourceRecord r = sourceRecord(nullptr, nullptr, schema, testing::structValue(value));
  EXPECT_EQ(
      "Flatten transformation does not support MAP for record with schemas (for field "
      "inner.m).",
      thrownMessage<api::DataException>([&] { xform.apply(r); }));
}

TEST(FlattenTest, StructOrDecimalInSchemalessMapFails) {
  Flatten::Value xform;
  xform.configure({});
  api::SchemaPtr s = SchemaBuilder::structBuilder().field("a", schemas::int32()).build();
  api::Struct st(s);
  st.put("a", int32_t{1});
  api::SourceRecord with_struct = sourceRecord(
      nullptr, nullptr, nullptr, api::Map{{"outer", api::Map{{"s", testing::structValue(st)}}}});
  EXPECT_EQ(
      "Flatten transformation does not support class org.apache.kafka.connect.data.Struct for "
      "record without schemas (for field outer.s).",
      thrownMessage<api::DataException>([&] { xform.apply(with_struct); }));
  api::SourceRecord with_decimal = sourceRecord(
      nullptr, nullptr, nullptr, api::Map{{"d", api::DecimalValue::fromString("1.5")}});
  EXPECT_EQ(
      "Flatten transformation was passed a value of type class java.math.BigDecimal which is not "
      "supported by Connect's data API",
      thrownMessage<api::DataException>([&] { xform.apply(with_decimal); }));
}

TEST(FlattenTest, CollidingNamesFailWithSchemaAndOverwriteWithout) {
  Flatten::Value xform;
  xform.configure({});
  api::SchemaPtr inner = SchemaBuilder::structBuilder().field("b", schemas::int32()).build();
  api::SchemaPtr schema =
      SchemaBuilder::structBuilder().field("a", inner).field("a.b", schemas::int32()).build();
  api::Struct value(schema);
  api::SourceRecord r = sourceRecord(nullptr, nullptr, schema, testing::structValue(value));
  EXPECT_EQ("Cannot create field because of field name duplication a.b",
            thrownMessage<api::SchemaBuilderException>([&] { xform.apply(r); }));

  api::SourceRecord schemaless = sourceRecord(
      nullptr, nullptr, nullptr, api::Map{{"a", api::Map{{"b", int32_t{1}}}}, {"a.b", int32_t{2}}});
  ASSERT_TRUE(xform.apply(schemaless));
  EXPECT_EQ(api::Value(api::Map{{"a.b", int32_t{2}}}), schemaless.value);
}

}  // namespace
}  // namespace connectd::transforms
