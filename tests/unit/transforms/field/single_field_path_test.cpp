#include "transforms/field/single_field_path.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../smt_test_util.h"
#include "server/api/errors.h"

namespace connectd::transforms {
namespace {

using api::SchemaBuilder;
using Steps = std::vector<std::string>;
namespace schemas = api::schemas;

SingleFieldPath pathV2(const std::string& path) {
  return SingleFieldPath(path, FieldSyntaxVersion::V2);
}

// FieldPathNotationTest: how V1 and V2 split a path into steps.
struct NotationCase {
  std::string path;
  FieldSyntaxVersion version;
  Steps steps;
};

class FieldPathNotationTest : public ::testing::TestWithParam<NotationCase> {};

TEST_P(FieldPathNotationTest, SplitsIntoSteps) {
  const auto& c = GetParam();
  EXPECT_EQ(c.steps, SingleFieldPath(c.path, c.version).path()) << c.path;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, FieldPathNotationTest,
    ::testing::Values(
        // shouldBuildV1WithDotsAndBacktickPair
        NotationCase{"foo.bar.baz", FieldSyntaxVersion::V1, {"foo.bar.baz"}},
        NotationCase{"foo`bar`", FieldSyntaxVersion::V1, {"foo`bar`"}},
        NotationCase{"foo.`bar.baz`", FieldSyntaxVersion::V1, {"foo.`bar.baz`"}},
        // shouldIncludeEmptyFieldNames
        NotationCase{"..", FieldSyntaxVersion::V2, {"", "", ""}},
        NotationCase{"foo..", FieldSyntaxVersion::V2, {"foo", "", ""}},
        NotationCase{".bar.", FieldSyntaxVersion::V2, {"", "bar", ""}},
        NotationCase{"..baz", FieldSyntaxVersion::V2, {"", "", "baz"}},
        // shouldBuildV2WithEmptyPath
        NotationCase{"", FieldSyntaxVersion::V2, {}},
        // shouldBuildV2WithoutDots / WhenIncludesDots / WithoutWrappingBackticks
        NotationCase{"foobarbaz", FieldSyntaxVersion::V2, {"foobarbaz"}},
        NotationCase{"foo.bar.baz", FieldSyntaxVersion::V2, {"foo", "bar", "baz"}},
        NotationCase{"foo`bar`baz", FieldSyntaxVersion::V2, {"foo`bar`baz"}},
        // shouldBuildV2WhenIncludesDotsAndBacktickPair
        NotationCase{"`foo.bar.baz`", FieldSyntaxVersion::V2, {"foo.bar.baz"}},
        NotationCase{"foo.`bar.baz`", FieldSyntaxVersion::V2, {"foo", "bar.baz"}},
        NotationCase{"`foo.bar`.baz", FieldSyntaxVersion::V2, {"foo.bar", "baz"}},
        NotationCase{"foo.`bar`.baz", FieldSyntaxVersion::V2, {"foo", "bar", "baz"}},
        // shouldBuildV2AndIgnoreBackticksThatAreNotWrapping
        NotationCase{"foo.``bar.baz`", FieldSyntaxVersion::V2, {"foo", "`bar.baz"}},
        NotationCase{"foo.`bar.baz``", FieldSyntaxVersion::V2, {"foo", "bar.baz`"}},
        NotationCase{"foo.`ba`r.baz`", FieldSyntaxVersion::V2, {"foo", "ba`r.baz"}},
        NotationCase{"foo.ba`r.baz", FieldSyntaxVersion::V2, {"foo", "ba`r", "baz"}},
        NotationCase{"foo.``bar``.baz", FieldSyntaxVersion::V2, {"foo", "`bar`", "baz"}},
        NotationCase{"``foo.bar.baz``", FieldSyntaxVersion::V2, {"`foo.bar.baz`"}},
        // shouldBuildV2AndEscapeBackticks
        NotationCase{"foo.`bar\\`.baz`", FieldSyntaxVersion::V2, {"foo", "bar`.baz"}},
        NotationCase{"foo.`bar.`baz`", FieldSyntaxVersion::V2, {"foo", "bar.`baz"}},
        NotationCase{"foo.`bar\\`.`baz`", FieldSyntaxVersion::V2, {"foo", "bar`.`baz"}},
        NotationCase{"foo.`bar\\\\`.\\`baz`", FieldSyntaxVersion::V2, {"foo", "bar\\`.\\`baz"}},
        // A wrapped step followed by a trailing dot.
        NotationCase{"`foo`.", FieldSyntaxVersion::V2, {"foo", ""}}));

// FieldPathNotationTest.shouldFailV2WhenIncompleteBackticks.
class FieldPathIncompleteBacktickTest
    : public ::testing::TestWithParam<std::pair<std::string, int>> {};

TEST_P(FieldPathIncompleteBacktickTest, Fails) {
  const auto& [path, position] = GetParam();
  EXPECT_EQ("Incomplete backtick pair in path: [" + path +
                "], consider adding a backslash before backtick at position " +
                std::to_string(position) + " to escape it",
            testing::thrownMessage<api::ConfigException>([&] { pathV2(path); }));
}

INSTANTIATE_TEST_SUITE_P(Cases, FieldPathIncompleteBacktickTest,
                         ::testing::Values(std::make_pair(std::string("`foo.bar.baz"), 0),
                                           std::make_pair(std::string("foo.`bar.baz"), 4),
                                           std::make_pair(std::string("foo.bar.`baz"), 8),
                                           std::make_pair(std::string("foo.bar.`baz\\`"), 8)));

// SingleFieldPathTest.
api::SchemaPtr bazSchema() {
  return SchemaBuilder::structBuilder().field("inner", schemas::string()).optional().build();
}
api::SchemaPtr barSchema() {
  return SchemaBuilder::structBuilder()
      .field("bar", schemas::int32())
      .field("baz", bazSchema())
      .build();
}
api::SchemaPtr fooSchema() {
  return SchemaBuilder::structBuilder().field("foo", barSchema()).build();
}

api::Struct fooStruct() {
  api::Struct foo(barSchema());
  foo.put("bar", int32_t{42}).put("baz", nullptr);
  api::Struct s(fooSchema());
  s.put("foo", testing::structValue(foo));
  return s;
}

api::Map fooMap() { return api::Map{{"foo", api::Map{{"bar", int32_t{42}}, {"baz", nullptr}}}}; }

TEST(SingleFieldPathTest, ShouldFindField) {
  api::SchemaPtr schema = fooSchema();
  const api::Field* bar = pathV2("foo.bar").fieldFrom(schema);
  ASSERT_NE(nullptr, bar);
  EXPECT_EQ("bar", bar->name);
  EXPECT_TRUE(bar->schema->equals(*schemas::int32()));
  EXPECT_EQ(schema->field("foo"), pathV2("foo").fieldFrom(schema));
}

TEST(SingleFieldPathTest, ShouldReturnNullFieldWhenFieldNotFound) {
  api::SchemaPtr schema = fooSchema();
  EXPECT_EQ(nullptr, pathV2("un.known").fieldFrom(schema));
  EXPECT_EQ(nullptr, pathV2("foo.unknown").fieldFrom(schema));
  EXPECT_EQ(nullptr, pathV2("unknown").fieldFrom(schema));
  EXPECT_EQ(nullptr, pathV2("test").fieldFrom(nullptr));
}

TEST(SingleFieldPathTest, ShouldFindValueInMap) {
  api::Map map = fooMap();
  EXPECT_EQ(api::Value(int32_t{42}), pathV2("foo.bar").valueFrom(&map));
  EXPECT_TRUE(pathV2("foo.baz").valueFrom(&map).isNull());
}

TEST(SingleFieldPathTest, ShouldReturnNullValueWhenFieldNotFoundInMap) {
  api::Map map = fooMap();
  EXPECT_TRUE(pathV2("un.known").valueFrom(&map).isNull());
  EXPECT_TRUE(pathV2("foo.unknown").valueFrom(&map).isNull());
  EXPECT_TRUE(pathV2("unknown").valueFrom(&map).isNull());
  EXPECT_TRUE(pathV2("foo.baz.inner").valueFrom(&map).isNull());
}

TEST(SingleFieldPathTest, ShouldFindValueInStruct) {
  api::Struct s = fooStruct();
  EXPECT_EQ(api::Value(int32_t{42}), pathV2("foo.bar").valueFrom(&s));
  EXPECT_TRUE(pathV2("foo.baz").valueFrom(&s).isNull());
}

TEST(SingleFieldPathTest, ShouldReturnNullValueWhenFieldNotFoundInStruct) {
  api::Struct s = fooStruct();
  EXPECT_TRUE(pathV2("un.known").valueFrom(&s).isNull());
  EXPECT_TRUE(pathV2("foo.unknown").valueFrom(&s).isNull());
  EXPECT_TRUE(pathV2("unknown").valueFrom(&s).isNull());
  EXPECT_TRUE(pathV2("foo.baz.inner").valueFrom(&s).isNull());
}

TEST(SingleFieldPathTest, NonContainerIntermediateFails) {
  api::Map map = fooMap();
  EXPECT_EQ(
      "Only Map objects supported in absence of schema for [nested field access], found: "
      "java.lang.Integer",
      testing::thrownMessage<api::DataException>([&] { pathV2("foo.bar.x").valueFrom(&map); }));
  EXPECT_EQ("Cannot look up fields on non-struct type",
            testing::thrownMessage<api::DataException>(
                [&] { pathV2("foo.bar.x").fieldFrom(fooSchema()); }));
}

}  // namespace
}  // namespace connectd::transforms
