#include "server/runtime/sink_connector_config.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "server/api/errors.h"

namespace connectd::runtime {
namespace {

const api::ConfigDef::ValidatorSpec& topicsRegexValidator() {
  static const api::ConfigDef def = SinkConnectorConfig::configDef();
  const api::ConfigDef::Key* key = def.find(SinkConnectorConfig::kTopicsRegex);
  EXPECT_NE(nullptr, key);
  EXPECT_TRUE(key->validator.has_value());
  return *key->validator;
}

const api::ConfigValue* valueFor(const std::vector<api::ConfigValue>& values,
                                 const std::string& name) {
  for (const auto& v : values) {
    if (v.name == name) return &v;
  }
  return nullptr;
}

TEST(SinkConnectorConfigTest, TopicsRegexValidatorAcceptsJavaSyntax) {
  EXPECT_NO_THROW(topicsRegexValidator().fn("topics.regex", std::string("orders\\.\\p{Alnum}+")));
  EXPECT_NO_THROW(topicsRegexValidator().fn("topics.regex", std::string("")));
}

TEST(SinkConnectorConfigTest, TopicsRegexValidatorRejectsWithJavaMessage) {
  try {
    topicsRegexValidator().fn("topics.regex", std::string("orders.[abc"));
    FAIL() << "expected ConfigException";
  } catch (const api::ConfigException& e) {
    EXPECT_EQ(
        "Invalid value orders.[abc for configuration topics.regex: Invalid regex: "
        "Unclosed character class near index 10\norders.[abc\n          ^",
        std::string(e.what()));
  }
}

TEST(SinkConnectorConfigTest, DlqTopicMatchedByTopicsRegexIsAnError) {
  ConfigMap props{{"topics.regex", "orders\\..*"},
                  {"errors.deadletterqueue.topic.name", "orders.dlq"}};
  std::vector<api::ConfigValue> values;
  SinkConnectorConfig::validate(props, values);
  const api::ConfigValue* regex = valueFor(values, "topics.regex");
  ASSERT_NE(nullptr, regex);
  ASSERT_EQ(1u, regex->error_messages.size());
  EXPECT_EQ(
      "The DLQ topic 'orders.dlq' may not be matched by the regex for the topics "
      "('topics.regex=orders\\..*') consumed by the connector",
      regex->error_messages[0]);
}

TEST(SinkConnectorConfigTest, DlqTopicOutsideTopicsRegexIsAccepted) {
  // Matcher.matches(): "orders" is only a prefix of the DLQ topic's name.
  ConfigMap props{{"topics.regex", "orders"}, {"errors.deadletterqueue.topic.name", "orders-dlq"}};
  std::vector<api::ConfigValue> values;
  SinkConnectorConfig::validate(props, values);
  EXPECT_EQ(nullptr, valueFor(values, "topics.regex"));
  EXPECT_NO_THROW(SinkConnectorConfig::validate(props));
}

TEST(SinkConnectorConfigTest, InvalidTopicsRegexLeavesTheDlqCheckToTheValidator) {
  ConfigMap props{{"topics.regex", "(orders"}, {"errors.deadletterqueue.topic.name", "orders.dlq"}};
  std::vector<api::ConfigValue> values;
  EXPECT_NO_THROW(SinkConnectorConfig::validate(props, values));
  EXPECT_EQ(nullptr, valueFor(values, "topics.regex"));
}

}  // namespace
}  // namespace connectd::runtime
