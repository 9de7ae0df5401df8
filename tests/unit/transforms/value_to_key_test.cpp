#include "transforms/value_to_key.h"

#include <gtest/gtest.h>

#include <string>

#include "server/api/errors.h"
#include "smt_test_util.h"

namespace connectd::transforms {
namespace {

using api::SchemaBuilder;
using testing::Form;
using testing::sinkRecord;
using testing::thrownMessage;
namespace schemas = api::schemas;

api::SchemaPtr abcSchema() {
  return SchemaBuilder::structBuilder()
      .field("a", schemas::int32())
      .field("b", schemas::int32())
      .field("c", schemas::int32())
      .build();
}

// ValueToKeyTest.schemaless / withSchema on one record in both forms.
class ValueToKeyFormTest : public ::testing::TestWithParam<Form> {};

TEST_P(ValueToKeyFormTest, CopiesListedFieldsIntoKey) {
  ValueToKey xform;
  xform.configure({{"fields", "a,b"}});
  api::SinkRecord r = [&] {
    if (GetParam() == Form::Map) {
      return sinkRecord(nullptr, nullptr, nullptr,
                        api::Map{{"a", int32_t{1}}, {"b", int32_t{2}}, {"c", int32_t{3}}});
    }
    api::Struct value(abcSchema());
    value.put("a", int32_t{1}).put("b", int32_t{2}).put("c", int32_t{3});
    return sinkRecord(nullptr, nullptr, abcSchema(), testing::structValue(value));
  }();
  const api::Value value_before = r.value;
  ASSERT_TRUE(xform.apply(r));

  EXPECT_EQ(value_before, r.value);
  if (GetParam() == Form::Map) {
    EXPECT_EQ(nullptr, r.keySchema);
    EXPECT_TRUE(
        testing::sameEntries(api::Map{{"a", int32_t{1}}, {"b", int32_t{2}}}, r.key.asMap()));
    return;
  }
  api::SchemaPtr expected_schema = SchemaBuilder::structBuilder()
                                       .field("a", schemas::int32())
                                       .field("b", schemas::int32())
                                       .build();
  api::Struct expected_key(expected_schema);
  expected_key.put("a", int32_t{1}).put("b", int32_t{2});
  EXPECT_TRUE(r.keySchema->equals(*expected_schema));
  EXPECT_EQ(api::Value(expected_key), r.key);
}

TEST_P(ValueToKeyFormTest, NullValueFails) {
  ValueToKey xform;
  xform.configure({{"fields", "a"}});
  api::SinkRecord r =
      sinkRecord(nullptr, nullptr, GetParam() == Form::Struct ? abcSchema() : nullptr, nullptr);
  EXPECT_EQ(
      GetParam() == Form::Struct
          ? "Only Struct objects supported for [copying fields from value to key], found: null"
          : "Only Map objects supported in absence of schema for [copying fields from value "
            "to key], found: null",
      thrownMessage<api::DataException>([&] { xform.apply(r); }));
}

INSTANTIATE_TEST_SUITE_P(Forms, ValueToKeyFormTest, ::testing::Values(Form::Struct, Form::Map),
                         testing::formName);

TEST(ValueToKeyTest, NonExistingField) {
  ValueToKey xform;
  xform.configure({{"fields", "not_exist"}});
  api::SchemaPtr schema = SchemaBuilder::structBuilder().field("a", schemas::int32()).build();
  api::Struct value(schema);
  value.put("a", int32_t{1});
  api::SinkRecord r = sinkRecord(nullptr, nullptr, schema, testing::structValue(value));
  EXPECT_EQ("Field does not exist: not_exist",
            thrownMessage<api::DataException>([&] { xform.apply(r); }));
}

TEST(ValueToKeyTest, MissingMapEntryBecomesNull) {
  ValueToKey xform;
  xform.configure({{"fields", "b,a"}});
  api::SinkRecord r = sinkRecord(nullptr, nullptr, nullptr, api::Map{{"a", int32_t{1}}});
  ASSERT_TRUE(xform.apply(r));
  ASSERT_NE(nullptr, r.key.mapGet("b"));
  EXPECT_TRUE(r.key.mapGet("b")->isNull());
  EXPECT_EQ(api::Value(int32_t{1}), *r.key.mapGet("a"));
}

TEST(ValueToKeyTest, KeySchemaFollowsConfigOrderAndIsCached) {
  ValueToKey xform;
  xform.configure({{"fields", "c,a"}});
  api::Struct value(abcSchema());
  value.put("a", int32_t{1}).put("b", int32_t{2}).put("c", int32_t{3});
  api::SinkRecord first = sinkRecord(nullptr, nullptr, abcSchema(), testing::structValue(value));
  ASSERT_TRUE(xform.apply(first));
  ASSERT_EQ(2u, first.keySchema->fields().size());
  EXPECT_EQ("c", first.keySchema->fields()[0].name);
  EXPECT_EQ("a", first.keySchema->fields()[1].name);
  EXPECT_FALSE(first.keySchema->isOptional());
  EXPECT_FALSE(first.keySchema->name().has_value());

  api::SinkRecord second = sinkRecord(nullptr, nullptr, abcSchema(), testing::structValue(value));
  ASSERT_TRUE(xform.apply(second));
  EXPECT_EQ(first.keySchema.get(), second.keySchema.get());
}

TEST(ValueToKeyTest, EmptyFieldListFails) {
  ValueToKey xform;
  EXPECT_EQ("Invalid value [] for configuration fields: Empty list",
            thrownMessage<api::ConfigException>([&] {
              xform.configure({{"fields", ""}});
            }));
}

// ValueToKeyTest.testReplaceNullWithDefaultConfig.
class ValueToKeyNullDefaultTest
    : public ::testing::TestWithParam<std::pair<std::string, api::Value>> {};

TEST_P(ValueToKeyNullDefaultTest, CopiesNullOrDefault) {
  ValueToKey xform;
  xform.configure(
      {{"fields", "optional_with_default"}, {"replace.null.with.default", GetParam().first}});
  api::SchemaPtr schema =
      SchemaBuilder::structBuilder()
          .field("optional_with_default",
                 SchemaBuilder::int32().optional().defaultValue(int32_t{42}).build())
          .build();
  api::Struct value(schema);
  value.put("optional_with_default", nullptr);
  api::SinkRecord r = sinkRecord(nullptr, nullptr, schema, testing::structValue(value));
  ASSERT_TRUE(xform.apply(r));
  EXPECT_EQ(GetParam().second, r.key.asStruct().getWithoutDefault("optional_with_default"));
}

INSTANTIATE_TEST_SUITE_P(Cases, ValueToKeyNullDefaultTest,
                         ::testing::Values(std::make_pair(std::string("false"), api::Value()),
                                           std::make_pair(std::string("true"),
                                                          api::Value(int32_t{42}))));

}  // namespace
}  // namespace connectd::transforms
