#include "transforms/field/field_syntax_version.h"

#include <gtest/gtest.h>

#include <string>

#include "../smt_test_util.h"
#include "server/api/errors.h"

namespace connectd::transforms {
namespace {

TEST(FieldSyntaxVersionTest, ShouldAppendConfigToDef) {
  api::ConfigDef def;
  appendFieldSyntaxVersionConfigTo(def);
  ASSERT_EQ(1u, def.keys().size());
  const auto* key = def.find("field.syntax.version");
  ASSERT_NE(nullptr, key);
  EXPECT_EQ("V1", key->default_value.value_or(""));
  EXPECT_EQ(api::ConfigDef::Importance::High, key->importance);
  EXPECT_EQ("(case insensitive) [V1, V2]", key->validator->description);
}

TEST(FieldSyntaxVersionTest, ShouldFailWhenAppendConfigToDefAgain) {
  api::ConfigDef def;
  appendFieldSyntaxVersionConfigTo(def);
  EXPECT_EQ(
      "Configuration field.syntax.version is defined twice.",
      testing::thrownMessage<api::ConfigException>([&] { appendFieldSyntaxVersionConfigTo(def); }));
}

class FieldSyntaxVersionFromConfigTest
    : public ::testing::TestWithParam<std::pair<std::string, FieldSyntaxVersion>> {};

TEST_P(FieldSyntaxVersionFromConfigTest, ShouldGetVersionFromConfig) {
  api::ConfigDef def;
  appendFieldSyntaxVersionConfigTo(def);
  api::ParsedConfig config(def, {{"field.syntax.version", GetParam().first}});
  EXPECT_EQ(GetParam().second, fieldSyntaxVersionFromConfig(config));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, FieldSyntaxVersionFromConfigTest,
    ::testing::Values(std::make_pair(std::string("v1"), FieldSyntaxVersion::V1),
                      std::make_pair(std::string("v2"), FieldSyntaxVersion::V2),
                      std::make_pair(std::string("V1"), FieldSyntaxVersion::V1),
                      std::make_pair(std::string("V2"), FieldSyntaxVersion::V2)));

class FieldSyntaxVersionWrongTest : public ::testing::TestWithParam<std::string> {};

TEST_P(FieldSyntaxVersionWrongTest, ShouldFailWhenWrongVersionIsPassed) {
  api::ConfigDef def;
  appendFieldSyntaxVersionConfigTo(def);
  EXPECT_EQ("Invalid value " + GetParam() +
                " for configuration field.syntax.version: String must be one of (case "
                "insensitive): V1, V2",
            testing::thrownMessage<api::ConfigException>([&] {
              api::ParsedConfig config(def, {{"field.syntax.version", GetParam()}});
            }));
}

INSTANTIATE_TEST_SUITE_P(Cases, FieldSyntaxVersionWrongTest,
                         ::testing::Values("v3", "V 1", "v", "V 2", "2", "1"));

}  // namespace
}  // namespace connectd::transforms
