#include "transforms/drop_headers.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "server/api/connect_record.h"
#include "server/api/errors.h"
#include "server/api/headers.h"
#include "server/api/schema.h"
#include "server/api/struct.h"

namespace connectd::transforms {
namespace {

enum class Form { Struct, Map };

api::SourceRecord sourceRecord(Form form, api::Headers headers) {
  api::SchemaPtr schema;
  api::Value value;
  if (form == Form::Struct) {
    schema = api::SchemaBuilder::structBuilder().field("f", api::schemas::string()).build();
    auto s = std::make_shared<api::Struct>(schema);
    s->put("f", "value");
    value = api::Value(s);
  } else {
    value = api::Map{{"f", "value"}};
  }
  api::SourceRecord record({{"foo", api::Value("bar")}}, {{"baz", api::Value("quxx")}}, "topic", 0,
                           nullptr, "key", schema, value, 0);
  record.headers = std::move(headers);
  return record;
}

void expectNonHeadersUnchanged(const api::SourceRecord& original, const api::SourceRecord& xformed) {
  EXPECT_EQ(original.sourcePartition, xformed.sourcePartition);
  EXPECT_EQ(original.sourceOffset, xformed.sourceOffset);
  EXPECT_EQ(original.topic, xformed.topic);
  EXPECT_EQ(original.kafkaPartition, xformed.kafkaPartition);
  EXPECT_EQ(original.keySchema, xformed.keySchema);
  EXPECT_EQ(original.key, xformed.key);
  EXPECT_EQ(original.valueSchema, xformed.valueSchema);
  EXPECT_EQ(original.value, xformed.value);
  EXPECT_EQ(original.timestamp, xformed.timestamp);
}

// DropHeadersTest, on records with a struct value and with a schemaless map value: only the
// headers change.
class DropHeadersFormTest : public ::testing::TestWithParam<Form> {};

TEST_P(DropHeadersFormTest, DropExistingHeader) {
  DropHeaders xform;
  xform.configure({{"headers", "to-drop"}});
  api::Headers expected;
  expected.addString("existing", "existing-value");
  api::Headers headers = expected;
  headers.addString("to-drop", "existing-value");

  api::SourceRecord original = sourceRecord(GetParam(), headers);
  api::SourceRecord xformed = original;
  ASSERT_TRUE(xform.apply(xformed));
  expectNonHeadersUnchanged(original, xformed);
  EXPECT_EQ(expected, xformed.headers);
}

TEST_P(DropHeadersFormTest, DropExistingHeaderWithMultipleValues) {
  DropHeaders xform;
  xform.configure({{"headers", "to-drop, other"}});
  api::Headers expected;
  expected.addString("existing", "existing-value");
  api::Headers headers;
  headers.addString("to-drop", "existing-value");
  headers.addString("existing", "existing-value");
  headers.addString("to-drop", "existing-other-value");
  headers.addString("other", "x");

  api::SourceRecord xformed = sourceRecord(GetParam(), headers);
  ASSERT_TRUE(xform.apply(xformed));
  EXPECT_EQ(expected, xformed.headers);
}

TEST_P(DropHeadersFormTest, DropNonExistingHeader) {
  DropHeaders xform;
  xform.configure({{"headers", "to-drop"}});
  api::Headers expected;
  expected.addString("existing", "existing-value");

  api::SourceRecord xformed = sourceRecord(GetParam(), expected);
  ASSERT_TRUE(xform.apply(xformed));
  EXPECT_EQ(expected, xformed.headers);
}

TEST(DropHeadersTest, ConfigRejectsEmptyList) {
  DropHeaders xform;
  try {
    xform.configure({{"headers", ""}});
    FAIL() << "expected ConfigException";
  } catch (const api::ConfigException& e) {
    EXPECT_STREQ("Invalid value [] for configuration headers: Empty list", e.what());
  }
}

INSTANTIATE_TEST_SUITE_P(StructAndMap, DropHeadersFormTest, ::testing::Values(Form::Struct, Form::Map));

}  // namespace
}  // namespace connectd::transforms
