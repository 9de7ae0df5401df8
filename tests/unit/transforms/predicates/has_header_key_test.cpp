#include "transforms/predicates/has_header_key.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "server/api/connect_record.h"
#include "server/api/errors.h"

namespace connectd::transforms {
namespace {

std::string configureError(const std::map<std::string, std::string>& props) {
  HasHeaderKey predicate;
  try {
    predicate.configure(props);
  } catch (const api::ConfigException& e) {
    return e.what();
  }
  return "";
}

TEST(HasHeaderKeyTest, NameRequiredInConfig) {
  EXPECT_NE(std::string::npos, configureError({}).find("Missing required configuration \"name\""));
}

TEST(HasHeaderKeyTest, NameMayNotBeEmptyInConfig) {
  EXPECT_NE(std::string::npos, configureError({{"name", ""}}).find("String must be non-empty"));
}

TEST(HasHeaderKeyTest, ValidateReportsEmptyName) {
  HasHeaderKey predicate;
  for (const auto& v : predicate.config().validate({{"name", "foo"}})) {
    EXPECT_TRUE(v.error_messages.empty());
  }
  auto values = predicate.config().validate({{"name", ""}});
  ASSERT_FALSE(values.empty());
  EXPECT_EQ(std::vector<std::string>{"Invalid value  for configuration name: String must be non-empty"},
            values[0].error_messages);
}

api::SourceRecord recordWithHeaders(const std::vector<std::string>& keys) {
  api::SourceRecord record({}, {}, "", std::nullopt, nullptr, nullptr, nullptr, nullptr);
  for (const auto& k : keys) record.headers.add(k, nullptr, nullptr);
  return record;
}

TEST(HasHeaderKeyTest, TestsForTheHeaderName) {
  HasHeaderKey predicate;
  predicate.configure({{"name", "foo"}});
  EXPECT_TRUE(predicate.test(recordWithHeaders({"foo"})));
  EXPECT_TRUE(predicate.test(recordWithHeaders({"foo", "bar"})));
  EXPECT_TRUE(predicate.test(recordWithHeaders({"bar", "foo", "bar", "foo"})));
  EXPECT_FALSE(predicate.test(recordWithHeaders({"bar"})));
  EXPECT_FALSE(predicate.test(recordWithHeaders({"bar", "bar"})));
  EXPECT_FALSE(predicate.test(recordWithHeaders({})));
  EXPECT_FALSE(predicate.test(api::SinkRecord()));
  EXPECT_EQ("HasHeaderKey{name='foo'}", predicate.toString());
}

}  // namespace
}  // namespace connectd::transforms
