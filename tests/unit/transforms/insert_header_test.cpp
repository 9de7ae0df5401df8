#include "transforms/insert_header.h"

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

// InsertHeaderTest, on records with a struct value and with a schemaless map value: only the
// headers change.
class InsertHeaderFormTest : public ::testing::TestWithParam<Form> {};

TEST_P(InsertHeaderFormTest, InsertionWithExistingOtherHeader) {
  InsertHeader xform;
  xform.configure({{"header", "inserted"}, {"value.literal", "inserted-value"}});
  api::Headers headers;
  headers.addString("existing", "existing-value");
  api::Headers expected = headers;
  expected.addString("inserted", "inserted-value");

  api::SourceRecord original = sourceRecord(GetParam(), headers);
  api::SourceRecord xformed = original;
  ASSERT_TRUE(xform.apply(xformed));
  expectNonHeadersUnchanged(original, xformed);
  EXPECT_EQ(expected, xformed.headers);
}

TEST_P(InsertHeaderFormTest, InsertionWithExistingSameHeader) {
  InsertHeader xform;
  xform.configure({{"header", "existing"}, {"value.literal", "inserted-value"}});
  api::Headers headers;
  headers.addString("existing", "preexisting-value");
  api::Headers expected = headers;
  expected.addString("existing", "inserted-value");

  api::SourceRecord xformed = sourceRecord(GetParam(), headers);
  ASSERT_TRUE(xform.apply(xformed));
  EXPECT_EQ(expected, xformed.headers);
}

TEST_P(InsertHeaderFormTest, InsertionWithByteHeader) {
  InsertHeader xform;
  xform.configure({{"header", "inserted"}, {"value.literal", "1"}});
  api::Headers headers;
  headers.addString("existing", "existing-value");
  api::Headers expected = headers;
  expected.add("inserted", api::schemas::int8(), int8_t{1});

  api::SourceRecord xformed = sourceRecord(GetParam(), headers);
  ASSERT_TRUE(xform.apply(xformed));
  EXPECT_EQ(expected, xformed.headers);
}

TEST(InsertHeaderTest, ConfigRejectsMissingHeaderKeyAndValue) {
  InsertHeader xform;
  EXPECT_THROW(xform.configure({{"value.literal", "1"}}), api::ConfigException);
  EXPECT_THROW(xform.configure({{"header", "inserted"}}), api::ConfigException);
}

TEST(InsertHeaderTest, ValueLiteralIsParsedWithValuesParseString) {
  InsertHeader xform;
  xform.configure({{"header", "h"}, {"value.literal", "[1, 2]"}});
  api::SourceRecord record({}, {}, "t", 0, nullptr, nullptr, nullptr, nullptr);
  ASSERT_TRUE(xform.apply(record));
  const api::Header* h = record.headers.lastWithName("h");
  ASSERT_NE(nullptr, h);
  ASSERT_EQ(api::Type::Array, h->schema->type());
  EXPECT_EQ(api::Type::Int8, h->schema->valueSchema()->type());
  EXPECT_EQ(api::Value(api::Array{int8_t{1}, int8_t{2}}), h->value);

  xform.configure({{"header", "h"}, {"value.literal", "null"}});
  ASSERT_TRUE(xform.apply(record));
  EXPECT_EQ(nullptr, record.headers.lastWithName("h")->schema);
  EXPECT_TRUE(record.headers.lastWithName("h")->value.isNull());
}

INSTANTIATE_TEST_SUITE_P(StructAndMap, InsertHeaderFormTest, ::testing::Values(Form::Struct, Form::Map));

}  // namespace
}  // namespace connectd::transforms
