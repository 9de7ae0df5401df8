#include <gtest/gtest.h>

#include "server/api/config_def.h"
#include "server/api/errors.h"

namespace connectd::api {
namespace {

ConfigDef def() {
  ConfigDef d;
  d.define("name", ConfigDef::Type::String, ConfigDef::nonEmptyString(), ConfigDef::Importance::High, "Name");
  d.define("tasks.max", ConfigDef::Type::Int, "1", ConfigDef::atLeast(1), ConfigDef::Importance::High, "Tasks");
  d.define("topics", ConfigDef::Type::List, "", ConfigDef::Importance::High, "Topics");
  d.define("errors.tolerance", ConfigDef::Type::String, "none", ConfigDef::validString({"none", "all"}),
           ConfigDef::Importance::Medium, "Tolerance");
  d.define("enabled", ConfigDef::Type::Boolean, "false", ConfigDef::Importance::Low, "Flag");
  d.define("secret", ConfigDef::Type::Password, "", ConfigDef::Importance::Low, "Secret");
  d.defineNullDefault("file", ConfigDef::Type::String, ConfigDef::Importance::High, "File");
  return d;
}

TEST(ConfigDefTest, ParseAppliesDefaultsAndTypes) {
  ParsedConfig c(def(), {{"name", " x "}, {"topics", "a, b"}, {"enabled", "TRUE"}});
  EXPECT_EQ(c.getString("name"), "x");
  EXPECT_EQ(c.getInt("tasks.max"), 1);
  EXPECT_EQ(c.getList("topics"), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(c.getBoolean("enabled"));
  EXPECT_FALSE(c.getOptionalString("file").has_value());
}

TEST(ConfigDefTest, ParseFailsOnMissingRequiredKey) {
  try {
    ParsedConfig c(def(), {});
    FAIL();
  } catch (const ConfigException& e) {
    EXPECT_STREQ(e.what(), "Missing required configuration \"name\" which has no default value.");
  }
}

TEST(ConfigDefTest, ParseFailsWithKafkaMessages) {
  try {
    ParsedConfig c(def(), {{"name", "x"}, {"tasks.max", "abc"}});
    FAIL();
  } catch (const ConfigException& e) {
    EXPECT_STREQ(e.what(), "Invalid value abc for configuration tasks.max: Not a number of type INT");
  }
  try {
    ParsedConfig c(def(), {{"name", "x"}, {"tasks.max", "0"}});
    FAIL();
  } catch (const ConfigException& e) {
    EXPECT_STREQ(e.what(), "Invalid value 0 for configuration tasks.max: Value must be at least 1");
  }
  try {
    ParsedConfig c(def(), {{"name", "x"}, {"errors.tolerance", "some"}});
    FAIL();
  } catch (const ConfigException& e) {
    EXPECT_STREQ(e.what(), "Invalid value some for configuration errors.tolerance: String must be one of: none, all");
  }
  EXPECT_THROW(ParsedConfig(def(), {{"name", "x"}, {"enabled", "yes"}}), ConfigException);
}

TEST(ConfigDefTest, ValidateReportsEveryKeyWithoutThrowing) {
  auto values = def().validate({{"tasks.max", "-1"}, {"secret", "pw"}, {"topics", "t1,t2"}});
  ASSERT_EQ(values.size(), 7u);
  EXPECT_EQ(values[0].name, "name");
  ASSERT_EQ(values[0].error_messages.size(), 1u);
  EXPECT_EQ(values[0].error_messages[0], "Missing required configuration \"name\" which has no default value.");
  EXPECT_EQ(values[1].error_messages.size(), 1u);
  EXPECT_EQ(*values[2].value, "t1,t2");
  EXPECT_EQ(*values[5].value, "[hidden]");
  EXPECT_FALSE(values[6].value.has_value());
  EXPECT_TRUE(values[6].error_messages.empty());
}

TEST(ConfigDefTest, GroupsInDefinitionOrder) {
  ConfigDef d;
  d.define("a", ConfigDef::Type::String, "", ConfigDef::Importance::Low, "")
      .withGroup("Common", 1, ConfigDef::Width::Medium, "A");
  d.define("b", ConfigDef::Type::String, "", ConfigDef::Importance::Low, "")
      .withGroup("Transforms", 1, ConfigDef::Width::Long, "B");
  d.define("c", ConfigDef::Type::String, "", ConfigDef::Importance::Low, "")
      .withGroup("Common", 2, ConfigDef::Width::Short, "C");
  EXPECT_EQ(d.groups(), (std::vector<std::string>{"Common", "Transforms"}));
  EXPECT_THROW(d.define("a", ConfigDef::Type::String, "", ConfigDef::Importance::Low, ""), ConfigException);
}

}  // namespace
}  // namespace connectd::api
