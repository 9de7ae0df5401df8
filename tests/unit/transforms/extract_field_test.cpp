#include "transforms/extract_field.h"

#include <gtest/gtest.h>

#include <map>
#include <stdexcept>
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

// A key holding {magic: {foo: 42}}, as nested Structs or nested Maps.
api::SinkRecord nestedKeyRecord(Form form) {
  if (form == Form::Map) {
    return sinkRecord(nullptr, api::Map{{"magic", api::Map{{"foo", int32_t{42}}}}}, nullptr,
                      nullptr);
  }
  api::SchemaPtr foo_schema = SchemaBuilder::structBuilder().field("foo", schemas::int32()).build();
  api::SchemaPtr key_schema = SchemaBuilder::structBuilder().field("magic", foo_schema).build();
  api::Struct foo(foo_schema);
  foo.put("foo", int32_t{42});
  api::Struct key(key_schema);
  key.put("magic", testing::structValue(foo));
  return sinkRecord(key_schema, testing::structValue(key), nullptr, nullptr);
}

// A key holding {magic: 42}.
api::SinkRecord flatKeyRecord(Form form) {
  if (form == Form::Map) {
    return sinkRecord(nullptr, api::Map{{"magic", int32_t{42}}}, nullptr, nullptr);
  }
  api::SchemaPtr key_schema =
      SchemaBuilder::structBuilder().field("magic", schemas::int32()).build();
  api::Struct key(key_schema);
  key.put("magic", int32_t{42});
  return sinkRecord(key_schema, testing::structValue(key), nullptr, nullptr);
}

// ExtractFieldTest.schemaless / withSchema / schemalessAndNestedPath / withSchemaAndNestedPath.
struct ExtractCase {
  std::string name;
  std::map<std::string, std::string> props;
  bool nested;
};

class ExtractFieldExtractTest : public ::testing::TestWithParam<std::tuple<ExtractCase, Form>> {};

TEST_P(ExtractFieldExtractTest, ExtractsField) {
  const auto& [c, form] = GetParam();
  ExtractField::Key xform;
  xform.configure(c.props);
  api::SinkRecord r = c.nested ? nestedKeyRecord(form) : flatKeyRecord(form);
  ASSERT_TRUE(xform.apply(r));
  if (form == Form::Struct) {
    ASSERT_NE(nullptr, r.keySchema);
    EXPECT_TRUE(r.keySchema->equals(*schemas::int32()));
  } else {
    EXPECT_EQ(nullptr, r.keySchema);
  }
  EXPECT_EQ(api::Value(int32_t{42}), r.key);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ExtractFieldExtractTest,
    ::testing::Combine(
        ::testing::Values(ExtractCase{"TopLevel", {{"field", "magic"}}, false},
                          ExtractCase{"NestedPathV2",
                                      {{"field", "magic.foo"}, {"field.syntax.version", "V2"}},
                                      true},
                          ExtractCase{"NestedPathLowerCaseV2",
                                      {{"field", "magic.foo"}, {"field.syntax.version", "v2"}},
                                      true},
                          ExtractCase{"BacktickedTopLevelV2",
                                      {{"field", "`magic`"}, {"field.syntax.version", "V2"}},
                                      false}),
        ::testing::Values(Form::Struct, Form::Map)),
    [](const auto& info) {
      return std::get<0>(info.param).name +
             (std::get<1>(info.param) == Form::Struct ? "_Struct" : "_Map");
    });

TEST(ExtractFieldTest, NullSchemaless) {
  ExtractField::Key xform;
  xform.configure({{"field", "magic"}});
  api::SinkRecord r = sinkRecord(nullptr, nullptr, nullptr, nullptr);
  ASSERT_TRUE(xform.apply(r));
  EXPECT_EQ(nullptr, r.keySchema);
  EXPECT_TRUE(r.key.isNull());
}

TEST(ExtractFieldTest, NullWithSchema) {
  ExtractField::Key xform;
  xform.configure({{"field", "magic"}});
  api::SchemaPtr key_schema =
      SchemaBuilder::structBuilder().field("magic", schemas::int32()).optional().build();
  api::SinkRecord r = sinkRecord(key_schema, nullptr, nullptr, nullptr);
  ASSERT_TRUE(xform.apply(r));
  EXPECT_TRUE(r.keySchema->equals(*schemas::int32()));
  EXPECT_TRUE(r.key.isNull());
}

TEST(ExtractFieldTest, NonExistentFieldSchemalessShouldReturnNull) {
  ExtractField::Key xform;
  xform.configure({{"field", "nonexistent"}});
  api::SinkRecord r = flatKeyRecord(Form::Map);
  ASSERT_TRUE(xform.apply(r));
  EXPECT_EQ(nullptr, r.keySchema);
  EXPECT_TRUE(r.key.isNull());
}

TEST(ExtractFieldTest, NonExistentNestedFieldSchemalessShouldReturnNull) {
  ExtractField::Key xform;
  xform.configure({{"field", "magic.nonexistent"}, {"field.syntax.version", "V2"}});
  api::SinkRecord r = nestedKeyRecord(Form::Map);
  ASSERT_TRUE(xform.apply(r));
  EXPECT_EQ(nullptr, r.keySchema);
  EXPECT_TRUE(r.key.isNull());
}

TEST(ExtractFieldTest, NonExistentFieldWithSchemaShouldFail) {
  ExtractField::Key xform;
  xform.configure({{"field", "nonexistent"}});
  api::SinkRecord r = flatKeyRecord(Form::Struct);
  EXPECT_EQ("Unknown field: nonexistent",
            thrownMessage<std::invalid_argument>([&] { xform.apply(r); }));
}

TEST(ExtractFieldTest, NonExistentNestedFieldWithSchemaShouldFail) {
  ExtractField::Key xform;
  xform.configure({{"field", "magic.nonexistent"}, {"field.syntax.version", "V2"}});
  api::SinkRecord r = nestedKeyRecord(Form::Struct);
  EXPECT_EQ("Unknown field: magic.nonexistent",
            thrownMessage<std::invalid_argument>([&] { xform.apply(r); }));
}

TEST(ExtractFieldTest, V1TreatsDotsAsPartOfTheName) {
  ExtractField::Value xform;
  xform.configure({{"field", "a.b"}});
  api::SinkRecord r = sinkRecord(nullptr, nullptr, nullptr,
                                 api::Map{{"a.b", int32_t{1}}, {"a", api::Map{{"b", int32_t{2}}}}});
  ASSERT_TRUE(xform.apply(r));
  EXPECT_EQ(api::Value(int32_t{1}), r.value);
}

TEST(ExtractFieldTest, WrongContainerFails) {
  ExtractField::Value xform;
  xform.configure({{"field", "magic"}});
  api::SinkRecord schemaless = sinkRecord(nullptr, nullptr, nullptr, int32_t{42});
  EXPECT_EQ(
      "Only Map objects supported in absence of schema for [field extraction], found: "
      "java.lang.Integer",
      thrownMessage<api::DataException>([&] { xform.apply(schemaless); }));
  api::SinkRecord with_schema = sinkRecord(nullptr, nullptr, schemas::int32(), int32_t{42});
  EXPECT_EQ("Only Struct objects supported for [field extraction], found: java.lang.Integer",
            thrownMessage<api::DataException>([&] { xform.apply(with_schema); }));
  api::SinkRecord null_non_struct = sinkRecord(nullptr, nullptr, schemas::optionalInt32(), nullptr);
  EXPECT_EQ("Cannot look up fields on non-struct type",
            thrownMessage<api::DataException>([&] { xform.apply(null_non_struct); }));
}

TEST(ExtractFieldTest, InvalidPathFailsAtConfigure) {
  ExtractField::Value xform;
  EXPECT_EQ(
      "Incomplete backtick pair in path: [`foo], consider adding a backslash before backtick at "
      "position 0 to escape it",
      thrownMessage<api::ConfigException>([&] {
        xform.configure({{"field", "`foo"}, {"field.syntax.version", "V2"}});
      }));
  EXPECT_EQ(
      "Invalid value V3 for configuration field.syntax.version: String must be one of (case "
      "insensitive): V1, V2",
      thrownMessage<api::ConfigException>([&] {
        xform.configure({{"field", "foo"}, {"field.syntax.version", "V3"}});
      }));
}

TEST(ExtractFieldTest, ValueVariantLeavesKey) {
  ExtractField::Value xform;
  xform.configure({{"field", "magic"}});
  api::SinkRecord r = sinkRecord(schemas::string(), "key", nullptr, api::Map{{"magic", "x"}});
  ASSERT_TRUE(xform.apply(r));
  EXPECT_EQ(api::Value("x"), r.value);
  EXPECT_EQ(api::Value("key"), r.key);
  EXPECT_EQ(schemas::string(), r.keySchema);
}

// ExtractFieldTest.testUnsetOptionalKey / testUnsetOptionalField.
class ExtractFieldNullDefaultTest
    : public ::testing::TestWithParam<std::pair<std::string, api::Value>> {
 protected:
  static api::SchemaPtr schema() {
    return SchemaBuilder::structBuilder()
        .field("optional_with_default",
               SchemaBuilder::int32().optional().defaultValue(int32_t{42}).build())
        .build();
  }
  static api::Value unset() {
    api::Struct s(schema());
    s.put("optional_with_default", nullptr);
    return testing::structValue(s);
  }
  static std::map<std::string, std::string> props() {
    return {{"field", "optional_with_default"}, {"replace.null.with.default", GetParam().first}};
  }
};

TEST_P(ExtractFieldNullDefaultTest, UnsetOptionalKey) {
  ExtractField::Key xform;
  xform.configure(props());
  api::SinkRecord r = sinkRecord(schema(), unset(), nullptr, nullptr);
  ASSERT_TRUE(xform.apply(r));
  EXPECT_EQ(GetParam().second, r.key);
}

TEST_P(ExtractFieldNullDefaultTest, UnsetOptionalField) {
  ExtractField::Value xform;
  xform.configure(props());
  api::SinkRecord r = sinkRecord(nullptr, nullptr, schema(), unset());
  ASSERT_TRUE(xform.apply(r));
  EXPECT_EQ(GetParam().second, r.value);
}

INSTANTIATE_TEST_SUITE_P(Cases, ExtractFieldNullDefaultTest,
                         ::testing::Values(std::make_pair(std::string("false"), api::Value()),
                                           std::make_pair(std::string("true"),
                                                          api::Value(int32_t{42}))));

TEST(ExtractFieldTest, ConfigDefMatchesKafka) {
  std::vector<std::string> names;
  for (const auto& key : ExtractField::configDef().keys()) names.push_back(key.name);
  EXPECT_EQ(
      (std::vector<std::string>{"field", "replace.null.with.default", "field.syntax.version"}),
      names);
}

}  // namespace
}  // namespace connectd::transforms
