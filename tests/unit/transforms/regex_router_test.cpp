#include "transforms/regex_router.h"

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

struct RouteCase {
  std::string name;
  std::string regex;
  std::string replacement;
  std::string topic;
  std::string expected;
};

// RegexRouterTest's cases, each run on a sink record with a struct value and on a source
// record with a schemaless map value.
class RegexRouterCaseTest : public ::testing::TestWithParam<RouteCase> {
 protected:
  static RegexRouter router(const RouteCase& c) {
    RegexRouter r;
    r.configure({{"regex", c.regex}, {"replacement", c.replacement}});
    return r;
  }
};

TEST_P(RegexRouterCaseTest, RoutesSinkRecordWithStructValue) {
  const RouteCase& c = GetParam();
  RegexRouter xform = router(c);
  api::SchemaPtr schema =
      api::SchemaBuilder::structBuilder().field("f", api::schemas::string()).build();
  auto value = std::make_shared<api::Struct>(schema);
  value->put("f", "x");
  api::SinkRecord record;
  record.topic = c.topic;
  record.kafkaPartition = 0;
  record.valueSchema = schema;
  record.value = api::Value(value);
  record.kafkaOffset = 7;
  ASSERT_TRUE(xform.apply(record));
  EXPECT_EQ(c.expected, record.topic);
  EXPECT_EQ(0, record.kafkaPartition.value_or(-1));
  EXPECT_EQ(schema, record.valueSchema);
  EXPECT_EQ(value, record.value.structPtr());
  EXPECT_EQ(7, record.kafkaOffset);
}

TEST_P(RegexRouterCaseTest, RoutesSourceRecordWithMapValue) {
  const RouteCase& c = GetParam();
  RegexRouter xform = router(c);
  api::Value value(api::Map{{"f", "x"}});
  api::SourceRecord record({{"p", 1}}, {{"o", 2}}, c.topic, std::nullopt, nullptr, "key", nullptr,
                           value, 99);
  ASSERT_TRUE(xform.apply(record));
  EXPECT_EQ(c.expected, record.topic);
  EXPECT_EQ(value, record.value);
  EXPECT_EQ(api::Value("key"), record.key);
  EXPECT_EQ(99, record.timestamp.value_or(0));
  EXPECT_EQ(1u, record.sourcePartition.size());
}

INSTANTIATE_TEST_SUITE_P(
    Kafka, RegexRouterCaseTest,
    ::testing::Values(RouteCase{"staticReplacement", "foo", "bar", "foo", "bar"},
                      RouteCase{"doesntMatch", "foo", "bar", "orig", "orig"},
                      RouteCase{"identity", "(.*)", "$1", "orig", "orig"},
                      RouteCase{"addPrefix", "(.*)", "prefix-$1", "orig", "prefix-orig"},
                      RouteCase{"addSuffix", "(.*)", "$1-suffix", "orig", "orig-suffix"},
                      RouteCase{"slice", "(.*)-(\\d\\d\\d\\d\\d\\d\\d\\d)", "$1", "index-20160117",
                                "index"},
                      // Only a whole-topic match reroutes.
                      RouteCase{"partialMatch", "foo", "bar", "foobar", "foobar"},
                      RouteCase{"debeziumTable", "([^.]+)\\.([^.]+)\\.([^.]+)", "$3",
                                "server.inventory.customers", "customers"},
                      RouteCase{"namedGroup", "(?<db>[^.]+)\\.(?<table>[^.]+)", "${table}_${db}",
                                "inv.orders", "orders_inv"},
                      RouteCase{"escapedDollar", "(.*)", "\\$$1", "t", "$t"},
                      // replaceFirst re-finds from the start, so a reluctant group matches empty.
                      RouteCase{"reluctantReplaceFirst", "(a*?)", "$1x", "aaa", "xaaa"},
                      RouteCase{"emptyReplacement", "drop-(.*)", "", "drop-me", ""}),
    [](const auto& info) { return info.param.name; });

TEST(RegexRouterTest, InvalidRegexFailsConfigure) {
  RegexRouter xform;
  try {
    xform.configure({{"regex", "("}, {"replacement", "x"}});
    FAIL() << "expected ConfigException";
  } catch (const api::ConfigException& e) {
    EXPECT_EQ(0, std::string(e.what()).rfind(
                     "Invalid value ( for configuration regex: Invalid regex: Unclosed group", 0))
        << e.what();
  }
}

TEST(RegexRouterTest, MissingReplacementFailsConfigure) {
  RegexRouter xform;
  try {
    xform.configure({{"regex", "(.*)"}});
    FAIL() << "expected ConfigException";
  } catch (const api::ConfigException& e) {
    EXPECT_STREQ("Missing required configuration \"replacement\" which has no default value.",
                 e.what());
  }
}

TEST(RegexRouterTest, ValidateReportsInvalidRegex) {
  auto values = RegexRouter::configDef().validate({{"regex", "*"}, {"replacement", "x"}});
  ASSERT_EQ(2u, values.size());
  EXPECT_EQ("regex", values[0].name);
  ASSERT_EQ(1u, values[0].error_messages.size());
  EXPECT_NE(std::string::npos, values[0].error_messages[0].find("Invalid regex"));
  EXPECT_TRUE(values[1].error_messages.empty());
}

TEST(RegexRouterTest, ReplacementNamingMissingGroupFailsOnMatch) {
  RegexRouter xform;
  xform.configure({{"regex", "(.*)"}, {"replacement", "$2"}});
  // Like Matcher.replaceFirst, the replacement is only parsed once a topic matches.
  api::SourceRecord record({}, {}, "topic", std::nullopt, nullptr, nullptr, nullptr, nullptr);
  EXPECT_THROW(xform.apply(record), std::out_of_range);
}

}  // namespace
}  // namespace connectd::transforms
