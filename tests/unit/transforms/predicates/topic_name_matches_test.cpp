#include "transforms/predicates/topic_name_matches.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "server/api/connect_record.h"
#include "server/api/errors.h"
#include "server/api/schema.h"
#include "server/api/struct.h"

namespace connectd::transforms {
namespace {

std::string configureError(const std::map<std::string, std::string>& props) {
  TopicNameMatches predicate;
  try {
    predicate.configure(props);
  } catch (const api::ConfigException& e) {
    return e.what();
  }
  return "";
}

TEST(TopicNameMatchesTest, PatternRequiredInConfig) {
  EXPECT_NE(std::string::npos,
            configureError({}).find("Missing required configuration \"pattern\""));
}

TEST(TopicNameMatchesTest, PatternMayNotBeEmptyInConfig) {
  EXPECT_NE(std::string::npos, configureError({{"pattern", ""}}).find("String must be non-empty"));
}

TEST(TopicNameMatchesTest, PatternIsValidRegexInConfig) {
  EXPECT_EQ(
      0u,
      configureError({{"pattern", "["}})
          .rfind(
              "Invalid value [ for configuration pattern: Invalid regex: Unclosed character class",
              0));
}

TEST(TopicNameMatchesTest, ValidateReportsOneRegexError) {
  TopicNameMatches predicate;
  for (const auto& v : predicate.config().validate({{"pattern", "my-prefix-.*"}})) {
    EXPECT_TRUE(v.error_messages.empty()) << v.name;
  }
  auto values = predicate.config().validate({{"pattern", "*"}});
  ASSERT_FALSE(values.empty());
  ASSERT_EQ(1u, values[0].error_messages.size());
  EXPECT_NE(std::string::npos, values[0].error_messages[0].find("Invalid regex"));
}

struct TopicCase {
  std::string topic;
  bool matches;
};

// TopicNameMatchesTest.testTest, on records carrying a struct value and a schemaless map value.
class TopicNameMatchesCaseTest : public ::testing::TestWithParam<TopicCase> {};

TEST_P(TopicNameMatchesCaseTest, MatchesWholeTopicName) {
  TopicNameMatches predicate;
  predicate.configure({{"pattern", "my-prefix-.*"}});

  api::SchemaPtr schema =
      api::SchemaBuilder::structBuilder().field("f", api::schemas::int32()).build();
  auto value = std::make_shared<api::Struct>(schema);
  value->put("f", int32_t{1});
  api::SourceRecord with_struct({}, {}, GetParam().topic, std::nullopt, nullptr, nullptr, schema,
                                api::Value(value));
  EXPECT_EQ(GetParam().matches, predicate.test(with_struct));

  api::SinkRecord with_map;
  with_map.topic = GetParam().topic;
  with_map.value = api::Map{{"f", int32_t{1}}};
  EXPECT_EQ(GetParam().matches, predicate.test(with_map));
}

INSTANTIATE_TEST_SUITE_P(
    Kafka, TopicNameMatchesCaseTest,
    ::testing::Values(TopicCase{"my-prefix-", true}, TopicCase{"my-prefix-foo", true},
                      TopicCase{"x-my-prefix-", false}, TopicCase{"x-my-prefix-foo", false},
                      TopicCase{"your-prefix-", false}, TopicCase{"your-prefix-foo", false},
                      TopicCase{"", false}));

TEST(TopicNameMatchesTest, ToStringShowsPattern) {
  TopicNameMatches predicate;
  predicate.configure({{"pattern", "a.*"}});
  EXPECT_EQ("TopicNameMatches{pattern=a.*}", predicate.toString());
}

}  // namespace
}  // namespace connectd::transforms
