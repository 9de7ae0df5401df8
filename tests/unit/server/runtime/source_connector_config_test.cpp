#include "server/runtime/source_connector_config.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "server/api/errors.h"

namespace connectd::runtime {
namespace {

ConfigMap topicCreationProps() {
  return {{"topic.creation.default.replication.factor", "1"},
          {"topic.creation.default.partitions", "3"},
          {"topic.creation.groups", "orders"},
          {"topic.creation.orders.include", "shop\\.orders\\..*, shop\\.returns"},
          {"topic.creation.orders.exclude", "shop\\.orders\\.tmp.*"},
          {"topic.creation.orders.partitions", "6"}};
}

TEST(SourceConnectorConfigTest, TopicCreationGroupMatchesIncludeButNotExclude) {
  auto groups = SourceConnectorConfig::topicCreationGroups(topicCreationProps());
  ASSERT_EQ(2u, groups.size());
  const auto& orders = groups[0];
  EXPECT_EQ("orders", orders.name);
  EXPECT_EQ(6, orders.partitions);
  EXPECT_TRUE(orders.matches("shop.orders.eu"));
  EXPECT_TRUE(orders.matches("shop.returns"));
  EXPECT_FALSE(orders.matches("shop.orders.tmp1"));
  // Matcher.matches(): the whole topic, not a prefix.
  EXPECT_FALSE(orders.matches("shop.returns.old"));
  EXPECT_FALSE(orders.matches("shop.customers"));
}

TEST(SourceConnectorConfigTest, DefaultTopicCreationGroupMatchesEveryTopic) {
  auto groups = SourceConnectorConfig::topicCreationGroups(topicCreationProps());
  ASSERT_FALSE(groups.empty());
  const auto& def = groups.back();
  EXPECT_EQ("default", def.name);
  EXPECT_EQ(3, def.partitions);
  EXPECT_TRUE(def.matches("shop.customers"));
  EXPECT_TRUE(def.matches("shop.orders.tmp1"));
}

TEST(SourceConnectorConfigTest, TopicCreationGroupWithoutExcludeMatchesJavaSyntax) {
  ConfigMap props = topicCreationProps();
  props.erase("topic.creation.orders.exclude");
  // \p{Alpha} is Java's ASCII letter class, unknown to plain PCRE2.
  props["topic.creation.orders.include"] = "\\p{Alpha}+\\.\\d+";
  auto groups = SourceConnectorConfig::topicCreationGroups(props);
  ASSERT_EQ(2u, groups.size());
  EXPECT_TRUE(groups[0].matches("orders.42"));
  EXPECT_FALSE(groups[0].matches("orders.x"));
}

TEST(SourceConnectorConfigTest, RejectsTopicCreationIncludeThatIsNotARegex) {
  ConfigMap props = topicCreationProps();
  props["topic.creation.orders.include"] = "shop\\..*, (ab";
  try {
    SourceConnectorConfig::topicCreationGroups(props);
    FAIL() << "expected ConfigException";
  } catch (const api::ConfigException& e) {
    EXPECT_EQ(
        "Invalid value [shop\\..*, (ab] for configuration topic.creation.orders.include: "
        "Syntax error in regular expression: Unclosed group near index 3\n(ab",
        std::string(e.what()));
  }
}

}  // namespace
}  // namespace connectd::runtime
