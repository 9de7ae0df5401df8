#include "transforms/header_from.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "server/api/connect_record.h"
#include "server/api/errors.h"
#include "server/api/headers.h"
#include "server/api/schema.h"
#include "server/api/struct.h"

namespace connectd::transforms {
namespace {

using api::SchemaBuilder;
namespace schemas = api::schemas;

// HeaderFromTest.RecordBuilder: fields of the key or value and the record's headers.
struct RecordSpec {
  struct FieldSpec {
    std::string name;
    api::SchemaPtr schema;
    api::Value value;
  };
  std::vector<FieldSpec> fields;
  std::vector<api::Header> headers;

  RecordSpec& withField(std::string name, api::SchemaPtr schema, api::Value value) {
    fields.push_back({std::move(name), std::move(schema), std::move(value)});
    return *this;
  }
  RecordSpec& addHeader(std::string name, api::SchemaPtr schema, api::Value value) {
    headers.push_back({std::move(name), std::move(schema), std::move(value)});
    return *this;
  }

  api::SourceRecord build(bool key_transform, bool with_schema) const {
    api::SchemaPtr schema;
    api::Value key_or_value;
    api::Headers record_headers;
    if (with_schema) {
      SchemaBuilder builder = SchemaBuilder::structBuilder();
      for (const auto& f : fields) builder.field(f.name, f.schema);
      schema = builder.build();
      auto s = std::make_shared<api::Struct>(schema);
      for (const auto& f : fields) s->put(f.name, f.value);
      key_or_value = api::Value(s);
      for (const auto& h : headers) record_headers.add(h.key, h.schema, h.value);
    } else {
      api::Map map;
      for (const auto& f : fields) map.emplace_back(api::Value(f.name), f.value);
      key_or_value = api::Value(std::move(map));
      // Schemaless records get headers without a schema.
      for (const auto& h : headers) record_headers.add(h.key, nullptr, h.value);
    }
    api::SourceRecord record({{"foo", api::Value("bar")}}, {{"baz", api::Value("quxx")}}, "topic",
                             0, key_transform ? schema : nullptr,
                             key_transform ? key_or_value : api::Value("key"),
                             key_transform ? nullptr : schema,
                             key_transform ? api::Value("value") : key_or_value, 0);
    record.headers = std::move(record_headers);
    return record;
  }
};

struct HeaderFromCase {
  std::string description;
  RecordSpec original;
  std::vector<std::string> fields;
  std::vector<std::string> headers;
  std::string operation;
  bool replace_null_with_default;
  RecordSpec expected;
};

std::vector<HeaderFromCase> cases() {
  api::SchemaPtr struct_schema = SchemaBuilder::structBuilder().field("foo", schemas::string()).build();
  auto s = std::make_shared<api::Struct>(struct_schema);
  s->put("foo", "foo-value");
  api::Value struct_value(s);
  api::SchemaPtr with_default = SchemaBuilder::string().defaultValue("default").optional().build();
  auto two = [](RecordSpec spec) {
    return spec.withField("field1", schemas::string(), "field1-value")
        .withField("field2", schemas::string(), "field2-value");
  };
  std::vector<HeaderFromCase> out;
  out.push_back({"basic copy", two(RecordSpec{}).addHeader("header1", schemas::string(), "existing-value"),
                 {"field1"}, {"inserted1"}, "copy", true,
                 two(RecordSpec{})
                     .addHeader("header1", schemas::string(), "existing-value")
                     .addHeader("inserted1", schemas::string(), "field1-value")});
  out.push_back({"basic move", two(RecordSpec{}).addHeader("header1", schemas::string(), "existing-value"),
                 {"field1"}, {"inserted1"}, "move", true,
                 RecordSpec{}
                     .withField("field2", schemas::string(), "field2-value")
                     .addHeader("header1", schemas::string(), "existing-value")
                     .addHeader("inserted1", schemas::string(), "field1-value")});
  out.push_back({"copy with preexisting header",
                 two(RecordSpec{}).addHeader("inserted1", schemas::string(), "existing-value"),
                 {"field1"}, {"inserted1"}, "copy", true,
                 two(RecordSpec{})
                     .addHeader("inserted1", schemas::string(), "existing-value")
                     .addHeader("inserted1", schemas::string(), "field1-value")});
  out.push_back({"move with preexisting header",
                 two(RecordSpec{}).addHeader("inserted1", schemas::string(), "existing-value"),
                 {"field1"}, {"inserted1"}, "move", true,
                 RecordSpec{}
                     .withField("field2", schemas::string(), "field2-value")
                     .addHeader("inserted1", schemas::string(), "existing-value")
                     .addHeader("inserted1", schemas::string(), "field1-value")});
  out.push_back({"copy with struct value",
                 RecordSpec{}
                     .withField("field1", struct_schema, struct_value)
                     .withField("field2", schemas::string(), "field2-value")
                     .addHeader("header1", schemas::string(), "existing-value"),
                 {"field1"}, {"inserted1"}, "copy", true,
                 RecordSpec{}
                     .withField("field1", struct_schema, struct_value)
                     .withField("field2", schemas::string(), "field2-value")
                     .addHeader("header1", schemas::string(), "existing-value")
                     .addHeader("inserted1", struct_schema, struct_value)});
  out.push_back({"move with struct value",
                 RecordSpec{}
                     .withField("field1", struct_schema, struct_value)
                     .withField("field2", schemas::string(), "field2-value")
                     .addHeader("header1", schemas::string(), "existing-value"),
                 {"field1"}, {"inserted1"}, "move", true,
                 RecordSpec{}
                     .withField("field2", schemas::string(), "field2-value")
                     .addHeader("header1", schemas::string(), "existing-value")
                     .addHeader("inserted1", struct_schema, struct_value)});
  out.push_back({"two headers from same field",
                 two(RecordSpec{}).addHeader("header1", schemas::string(), "existing-value"),
                 {"field1", "field1"}, {"inserted1", "inserted2"}, "move", true,
                 RecordSpec{}
                     .withField("field2", schemas::string(), "field2-value")
                     .addHeader("header1", schemas::string(), "existing-value")
                     .addHeader("inserted1", schemas::string(), "field1-value")
                     .addHeader("inserted2", schemas::string(), "field1-value")});
  out.push_back({"two fields to same header",
                 two(RecordSpec{}).addHeader("header1", schemas::string(), "existing-value"),
                 {"field1", "field2"}, {"inserted1", "inserted1"}, "move", true,
                 RecordSpec{}
                     .addHeader("header1", schemas::string(), "existing-value")
                     .addHeader("inserted1", schemas::string(), "field1-value")
                     .addHeader("inserted1", schemas::string(), "field2-value")});
  auto defaults = [&](RecordSpec spec) {
    return spec.withField("field1", with_default, "field1-value")
        .withField("field2", with_default, nullptr);
  };
  out.push_back({"Copy null field without default",
                 defaults(RecordSpec{}).addHeader("header1", schemas::string(), "existing-value"),
                 {"field1", "field2"}, {"inserted1", "inserted2"}, "copy", false,
                 defaults(RecordSpec{})
                     .addHeader("header1", schemas::string(), "existing-value")
                     .addHeader("inserted1", with_default, "field1-value")
                     .addHeader("inserted2", with_default, nullptr)});
  out.push_back({"Move null field without default",
                 defaults(RecordSpec{}).addHeader("header1", schemas::string(), "existing-value"),
                 {"field1", "field2"}, {"inserted1", "inserted2"}, "move", false,
                 RecordSpec{}
                     .addHeader("header1", schemas::string(), "existing-value")
                     .addHeader("inserted1", with_default, "field1-value")
                     .addHeader("inserted2", with_default, nullptr)});
  out.push_back({"Copy null field with default",
                 defaults(RecordSpec{}).addHeader("header1", schemas::string(), "existing-value"),
                 {"field2"}, {"inserted2"}, "copy", true,
                 defaults(RecordSpec{})
                     .addHeader("header1", schemas::string(), "existing-value")
                     .addHeader("inserted2", with_default, "default")});
  return out;
}

struct Param {
  HeaderFromCase c;
  bool key_transform;
  bool with_schema;
};

std::vector<Param> params() {
  std::vector<Param> out;
  for (const HeaderFromCase& c : cases()) {
    for (bool key : {true, false}) {
      for (bool with_schema : {true, false}) out.push_back({c, key, with_schema});
    }
  }
  return out;
}

class HeaderFromCaseTest : public ::testing::TestWithParam<Param> {};

// HeaderFromTest.schemaless / withSchema, for the key and the value transform.
TEST_P(HeaderFromCaseTest, MovesOrCopiesFieldsToHeaders) {
  const Param& p = GetParam();
  std::unique_ptr<HeaderFrom> xform;
  if (p.key_transform) {
    xform = std::make_unique<HeaderFrom::Key>();
  } else {
    xform = std::make_unique<HeaderFrom::Value>();
  }
  std::string fields;
  std::string headers;
  for (size_t i = 0; i < p.c.fields.size(); ++i) {
    fields += (i ? "," : "") + p.c.fields[i];
    headers += (i ? "," : "") + p.c.headers[i];
  }
  xform->configure({{"fields", fields},
                    {"headers", headers},
                    {"operation", p.c.operation},
                    {"replace.null.with.default", p.c.replace_null_with_default ? "true" : "false"}});

  api::SourceRecord record = p.c.original.build(p.key_transform, p.with_schema);
  api::SourceRecord expected = p.c.expected.build(p.key_transform, p.with_schema);
  if (!p.with_schema && p.c.description == "Copy null field with default") {
    // Without a schema there is no default to substitute.
    expected.headers = api::Headers();
    expected.headers.add("header1", nullptr, "existing-value").add("inserted2", nullptr, nullptr);
  }
  ASSERT_TRUE(xform->apply(record));

  EXPECT_EQ(expected.sourcePartition, record.sourcePartition);
  EXPECT_EQ(expected.sourceOffset, record.sourceOffset);
  EXPECT_EQ(expected.topic, record.topic);
  EXPECT_EQ(expected.kafkaPartition, record.kafkaPartition);
  EXPECT_TRUE(api::schemaEquals(expected.keySchema, record.keySchema));
  EXPECT_EQ(expected.key, record.key) << record.key.toString();
  EXPECT_TRUE(api::schemaEquals(expected.valueSchema, record.valueSchema));
  EXPECT_EQ(expected.value, record.value) << record.value.toString();
  EXPECT_EQ(expected.timestamp, record.timestamp);
  EXPECT_EQ(expected.headers, record.headers);
}

INSTANTIATE_TEST_SUITE_P(Kafka, HeaderFromCaseTest, ::testing::ValuesIn(params()));

std::string configureError(const std::map<std::string, std::string>& config) {
  HeaderFrom::Value xform;
  try {
    xform.configure(config);
  } catch (const api::ConfigException& e) {
    return e.what();
  }
  return "";
}

TEST(HeaderFromTest, InvalidConfigs) {
  EXPECT_EQ("'fields' config must have the same number of elements as 'headers' config.",
            configureError({{"fields", "foo,bar"}, {"headers", "foo"}, {"operation", "copy"}}));
  EXPECT_EQ("'fields' config must have the same number of elements as 'headers' config.",
            configureError({{"fields", "foo"}, {"headers", "foo,bar"}, {"operation", "copy"}}));
  EXPECT_EQ("Invalid value [] for configuration fields: Empty list",
            configureError({{"fields", ""}, {"headers", ""}, {"operation", "copy"}}));
  EXPECT_NE("", configureError({{"fields", "a"}, {"headers", "b"}, {"operation", "swap"}}));
}

TEST(HeaderFromTest, NullValueFails) {
  HeaderFrom::Value xform;
  xform.configure({{"fields", "a"}, {"headers", "b"}, {"operation", "copy"}});
  api::SourceRecord schemaless({}, {}, "t", 0, nullptr, nullptr, nullptr, nullptr);
  try {
    xform.apply(schemaless);
    FAIL() << "expected DataException";
  } catch (const api::DataException& e) {
    EXPECT_STREQ("Only Map objects supported in absence of schema for [header copy], found: null",
                 e.what());
  }
}

}  // namespace
}  // namespace connectd::transforms
