#include "transforms/replace_field.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "server/api/errors.h"
#include "smt_test_util.h"

namespace connectd::transforms {
namespace {

using api::SchemaBuilder;
using testing::fieldOf;
using testing::Form;
using testing::sinkRecord;
using testing::thrownMessage;
namespace schemas = api::schemas;

api::SchemaPtr dontAbcFooEtcSchema() {
  return SchemaBuilder::structBuilder()
      .name("name")
      .version(3)
      .doc("doc")
      .field("dont", schemas::string())
      .field("abc", schemas::int32())
      .field("foo", schemas::boolean())
      .field("etc", schemas::string())
      .build();
}

// The value of ReplaceFieldTest.schemaless / withSchema, as a Struct or as a Map.
api::Value dontAbcFooEtc(Form form) {
  if (form == Form::Map) {
    return api::Map{{"dont", "whatever"}, {"abc", int32_t{42}}, {"foo", true}, {"etc", "etc"}};
  }
  api::Struct s(dontAbcFooEtcSchema());
  s.put("dont", "whatever").put("abc", int32_t{42}).put("foo", true).put("etc", "etc");
  return testing::structValue(std::move(s));
}

api::SinkRecord valueRecord(Form form) {
  return sinkRecord(nullptr, nullptr, form == Form::Struct ? dontAbcFooEtcSchema() : nullptr,
                    dontAbcFooEtc(form));
}

size_t fieldCount(const api::Value& v) {
  return v.kind() == api::Value::Kind::Struct ? v.asStruct().schema()->fields().size()
                                              : v.asMap().size();
}

// ReplaceFieldTest.schemaless / withSchema / testIncludeBackwardsCompatibility /
// testExcludeBackwardsCompatibility, each on a Struct and on a Map.
struct FilterCase {
  std::string name;
  std::map<std::string, std::string> props;
  std::map<std::string, api::Value> expected;
};

class ReplaceFieldFilterTest : public ::testing::TestWithParam<std::tuple<FilterCase, Form>> {};

TEST_P(ReplaceFieldFilterTest, KeepsAndRenamesFields) {
  const auto& [c, form] = GetParam();
  ReplaceField::Value xform;
  xform.configure(c.props);
  api::SinkRecord r = valueRecord(form);
  ASSERT_TRUE(xform.apply(r));

  ASSERT_EQ(c.expected.size(), fieldCount(r.value));
  for (const auto& [name, value] : c.expected) {
    const api::Value* actual = fieldOf(r.value, name);
    ASSERT_NE(nullptr, actual) << name;
    EXPECT_EQ(value, *actual) << name;
  }
  if (form == Form::Map) {
    EXPECT_EQ(nullptr, r.valueSchema);
    return;
  }
  // Basics are copied, optionality is not; the kept fields keep the input order.
  EXPECT_EQ("name", r.valueSchema->name().value_or(""));
  EXPECT_EQ(3, r.valueSchema->version().value_or(0));
  EXPECT_EQ("doc", r.valueSchema->doc().value_or(""));
  EXPECT_FALSE(r.valueSchema->isOptional());
  r.value.asStruct().validate();
}

const std::map<std::string, api::Value> kExcludedDont = {
    {"xyz", int32_t{42}}, {"bar", true}, {"etc", "etc"}};
const std::map<std::string, api::Value> kIncludedAbcFoo = {{"xyz", int32_t{42}}, {"bar", true}};

INSTANTIATE_TEST_SUITE_P(
    Cases, ReplaceFieldFilterTest,
    ::testing::Combine(
        ::testing::Values(
            FilterCase{
                "Exclude", {{"exclude", "dont"}, {"renames", "abc:xyz,foo:bar"}}, kExcludedDont},
            FilterCase{"Include",
                       {{"include", "abc,foo"}, {"renames", "abc:xyz,foo:bar"}},
                       kIncludedAbcFoo},
            FilterCase{"Blacklist",
                       {{"blacklist", "dont"}, {"renames", "abc:xyz,foo:bar"}},
                       kExcludedDont},
            FilterCase{"Whitelist",
                       {{"whitelist", "abc,foo"}, {"renames", "abc:xyz,foo:bar"}},
                       kIncludedAbcFoo},
            // The new key wins over its deprecated alias.
            FilterCase{
                "IncludeOverWhitelist",
                {{"include", "abc,foo"}, {"whitelist", "etc"}, {"renames", "abc:xyz,foo:bar"}},
                kIncludedAbcFoo},
            FilterCase{"ExcludeOverBlacklist",
                       {{"exclude", "dont"}, {"blacklist", "abc"}, {"renames", "abc:xyz,foo:bar"}},
                       kExcludedDont},
            // Exclusion takes precedence over inclusion.
            FilterCase{"ExcludeWinsOverInclude",
                       {{"include", "abc,foo"}, {"exclude", "foo"}},
                       {{"abc", int32_t{42}}}},
            FilterCase{
                "RenameOnly",
                {{"renames", "etc:other"}},
                {{"dont", "whatever"}, {"abc", int32_t{42}}, {"foo", true}, {"other", "etc"}}},
            // Java's String.split drops the trailing empty piece, so "etc:other:" is a pair.
            FilterCase{"TrailingColonIsIgnored",
                       {{"include", "etc"}, {"renames", "etc:other:"}},
                       {{"other", "etc"}}}),
        ::testing::Values(Form::Struct, Form::Map)),
    [](const auto& info) {
      return std::get<0>(info.param).name +
             (std::get<1>(info.param) == Form::Struct ? "_Struct" : "_Map");
    });

TEST(ReplaceFieldTest, TombstoneSchemaless) {
  ReplaceField::Value xform;
  xform.configure({{"include", "abc,foo"}, {"renames", "abc:xyz,foo:bar"}});
  api::SinkRecord r = sinkRecord(nullptr, nullptr, nullptr, nullptr);
  ASSERT_TRUE(xform.apply(r));
  EXPECT_TRUE(r.value.isNull());
  EXPECT_EQ(nullptr, r.valueSchema);
}

TEST(ReplaceFieldTest, TombstoneWithSchema) {
  ReplaceField::Value xform;
  xform.configure({{"include", "abc,foo"}, {"renames", "abc:xyz,foo:bar"}});
  api::SchemaPtr schema = dontAbcFooEtcSchema();
  api::SinkRecord r = sinkRecord(nullptr, nullptr, schema, nullptr);
  ASSERT_TRUE(xform.apply(r));
  EXPECT_TRUE(r.value.isNull());
  EXPECT_EQ(schema, r.valueSchema);
}

TEST(ReplaceFieldTest, WithSchemaKeepsFieldSchemasAndCachesTheResult) {
  ReplaceField::Value xform;
  xform.configure({{"include", "abc,foo"}, {"renames", "abc:xyz,foo:bar"}});
  api::SinkRecord first = valueRecord(Form::Struct);
  ASSERT_TRUE(xform.apply(first));
  const api::Schema& schema = *first.valueSchema;
  ASSERT_EQ(2u, schema.fields().size());
  EXPECT_EQ("xyz", schema.fields()[0].name);
  EXPECT_TRUE(schema.fields()[0].schema->equals(*schemas::int32()));
  EXPECT_EQ("bar", schema.fields()[1].name);
  EXPECT_TRUE(schema.fields()[1].schema->equals(*schemas::boolean()));

  api::SinkRecord second = valueRecord(Form::Struct);
  ASSERT_TRUE(xform.apply(second));
  EXPECT_EQ(first.valueSchema.get(), second.valueSchema.get());
}

TEST(ReplaceFieldTest, KeyVariantReplacesKeyOnly) {
  ReplaceField::Key xform;
  xform.configure({{"exclude", "dont,etc"}});
  api::SinkRecord r =
      sinkRecord(nullptr, dontAbcFooEtc(Form::Map), schemas::string(), api::Value("value"));
  ASSERT_TRUE(xform.apply(r));
  EXPECT_TRUE(testing::sameEntries(api::Map{{"abc", int32_t{42}}, {"foo", true}}, r.key.asMap()));
  EXPECT_EQ(api::Value("value"), r.value);
}

// ReplaceFieldTest.testReplaceNullWithDefaultConfigOnValue / OnKey.
struct NullDefaultCase {
  std::string replace_null_with_default;
  api::Value expected;
};

class ReplaceFieldNullDefaultTest : public ::testing::TestWithParam<NullDefaultCase> {
 protected:
  static api::SchemaPtr schema() {
    return SchemaBuilder::structBuilder()
        .field("abc", SchemaBuilder::int32().optional().defaultValue(int32_t{42}).build())
        .build();
  }
  static std::map<std::string, std::string> props() {
    return {{"include", "abc"},
            {"renames", "abc:optional_with_default"},
            {"replace.null.with.default", GetParam().replace_null_with_default}};
  }
};

TEST_P(ReplaceFieldNullDefaultTest, OnValue) {
  ReplaceField::Value xform;
  xform.configure(props());
  api::Struct value(schema());
  value.put("abc", nullptr);
  api::SinkRecord r = sinkRecord(nullptr, nullptr, schema(), testing::structValue(value));
  ASSERT_TRUE(xform.apply(r));
  ASSERT_EQ(1u, r.value.asStruct().schema()->fields().size());
  EXPECT_EQ(GetParam().expected, r.value.asStruct().getWithoutDefault("optional_with_default"));
}

TEST_P(ReplaceFieldNullDefaultTest, OnKey) {
  ReplaceField::Key xform;
  xform.configure(props());
  api::Struct key(schema());
  key.put("abc", nullptr);
  api::SinkRecord r = sinkRecord(schema(), testing::structValue(key), nullptr, nullptr);
  ASSERT_TRUE(xform.apply(r));
  ASSERT_EQ(1u, r.key.asStruct().schema()->fields().size());
  EXPECT_EQ(GetParam().expected, r.key.asStruct().getWithoutDefault("optional_with_default"));
}

INSTANTIATE_TEST_SUITE_P(Cases, ReplaceFieldNullDefaultTest,
                         ::testing::Values(NullDefaultCase{"false", api::Value()},
                                           NullDefaultCase{"true", api::Value(int32_t{42})}));

TEST(ReplaceFieldTest, InvalidRenameMappingFails) {
  for (const char* renames : {"foo:bar:baz", "foo", "foo:", ":"}) {
    ReplaceField::Value xform;
    EXPECT_EQ("Invalid value [abc:xyz, " + std::string(renames) +
                  "] for configuration renames: Invalid rename mapping: " + renames,
              thrownMessage<api::ConfigException>([&] {
                xform.configure({{"renames", "abc:xyz," + std::string(renames)}});
              }))
        << renames;
  }
}

TEST(ReplaceFieldTest, RenameOntoKeptFieldFailsOnStruct) {
  ReplaceField::Value xform;
  xform.configure({{"renames", "abc:etc"}});
  api::SinkRecord r = valueRecord(Form::Struct);
  EXPECT_EQ("Cannot create field because of field name duplication etc",
            thrownMessage<api::SchemaBuilderException>([&] { xform.apply(r); }));
}

TEST(ReplaceFieldTest, NonStructWithSchemaFails) {
  ReplaceField::Value xform;
  xform.configure({{"exclude", "a"}});
  api::SinkRecord r = sinkRecord(nullptr, nullptr, schemas::int32(), int32_t{42});
  EXPECT_EQ("Only Struct objects supported for [field replacement], found: java.lang.Integer",
            thrownMessage<api::DataException>([&] { xform.apply(r); }));
}

TEST(ReplaceFieldTest, NonMapWithoutSchemaFails) {
  ReplaceField::Value xform;
  xform.configure({{"exclude", "a"}});
  api::SinkRecord r = sinkRecord(nullptr, nullptr, nullptr, "text");
  EXPECT_EQ(
      "Only Map objects supported in absence of schema for [field replacement], found: "
      "java.lang.String",
      thrownMessage<api::DataException>([&] { xform.apply(r); }));
}

TEST(ReplaceFieldTest, ConfigDefMatchesKafka39) {
  std::vector<std::string> names;
  for (const auto& key : ReplaceField::configDef().keys()) names.push_back(key.name);
  EXPECT_EQ((std::vector<std::string>{"exclude", "blacklist", "include", "whitelist", "renames",
                                      "replace.null.with.default"}),
            names);
  const auto* blacklist = ReplaceField::configDef().find("blacklist");
  EXPECT_EQ(api::ConfigDef::Importance::Low, blacklist->importance);
  EXPECT_FALSE(blacklist->default_value.has_value());
  EXPECT_EQ("Deprecated. Use exclude instead.", blacklist->documentation);
}

}  // namespace
}  // namespace connectd::transforms
