#include "transforms/set_schema_metadata.h"

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

using api::SchemaBuilder;
namespace schemas = api::schemas;

api::SinkRecord sinkRecord(api::SchemaPtr value_schema, api::Value value) {
  api::SinkRecord r;
  r.topic = "";
  r.kafkaPartition = 0;
  r.valueSchema = std::move(value_schema);
  r.value = std::move(value);
  return r;
}

// The struct and its schema point at the same fields (SetSchemaMetadataTest.assertMatchingSchema).
void expectMatchingSchema(const api::Value& value, const api::SchemaPtr& schema) {
  ASSERT_EQ(api::Value::Kind::Struct, value.kind());
  const api::Struct& s = value.asStruct();
  EXPECT_EQ(schema, s.schema());
  for (const api::Field& field : schema->fields()) {
    const api::Field* f = s.schema()->field(field.name);
    ASSERT_NE(nullptr, f);
    EXPECT_EQ(field.index, f->index);
    EXPECT_EQ(field.schema, f->schema);
  }
}

TEST(SetSchemaMetadataTest, NeitherNameNorVersionConfigured) {
  SetSchemaMetadata::Value xform;
  try {
    xform.configure({});
    FAIL() << "expected ConfigException";
  } catch (const api::ConfigException& e) {
    EXPECT_STREQ("Neither schema name nor version configured", e.what());
  }
}

struct MetadataCase {
  std::map<std::string, std::string> config;
  std::string expected_name;
  std::optional<int32_t> expected_version;
};

class SetSchemaMetadataCaseTest : public ::testing::TestWithParam<MetadataCase> {};

// schemaNameUpdate / schemaVersionUpdate / schemaNameAndVersionUpdate, on an empty struct schema
// with a null value, and on a named struct with a value (schemaNameAndVersionUpdateWithStruct).
TEST_P(SetSchemaMetadataCaseTest, UpdatesNameAndVersion) {
  SetSchemaMetadata::Value xform;
  xform.configure(GetParam().config);

  api::SinkRecord empty = sinkRecord(SchemaBuilder::structBuilder().build(), nullptr);
  ASSERT_TRUE(xform.apply(empty));
  EXPECT_EQ(GetParam().expected_name.empty() ? std::nullopt
                                             : std::optional<std::string>(GetParam().expected_name),
            empty.valueSchema->name());
  EXPECT_EQ(GetParam().expected_version, empty.valueSchema->version());

  api::SchemaPtr schema = SchemaBuilder::structBuilder()
                              .name("my.orig.SchemaDefn")
                              .doc("doc")
                              .parameter("p", "v")
                              .field("f1", schemas::string())
                              .field("f2", schemas::int32())
                              .build();
  auto value = std::make_shared<api::Struct>(schema);
  value->put("f1", "value1").put("f2", int32_t{1});
  api::SinkRecord with_struct = sinkRecord(schema, api::Value(value));
  ASSERT_TRUE(xform.apply(with_struct));
  const api::Schema& updated = *with_struct.valueSchema;
  EXPECT_EQ(GetParam().expected_name.empty() ? "my.orig.SchemaDefn" : GetParam().expected_name,
            updated.name().value_or(""));
  EXPECT_EQ(GetParam().expected_version, updated.version());
  EXPECT_EQ("doc", updated.doc().value_or(""));
  ASSERT_NE(nullptr, updated.parameter("p"));
  EXPECT_FALSE(updated.isOptional());
  expectMatchingSchema(with_struct.value, with_struct.valueSchema);
  EXPECT_EQ(api::Value("value1"), with_struct.value.asStruct().get("f1"));
  EXPECT_EQ(api::Value(int32_t{1}), with_struct.value.asStruct().get("f2"));
  with_struct.value.asStruct().validate();
}

INSTANTIATE_TEST_SUITE_P(
    Kafka, SetSchemaMetadataCaseTest,
    ::testing::Values(MetadataCase{{{"schema.name", "foo"}}, "foo", std::nullopt},
                      MetadataCase{{{"schema.version", "42"}}, "", 42},
                      MetadataCase{{{"schema.name", "foo"}, {"schema.version", "42"}}, "foo", 42}));

// schemaNameAndVersionUpdateWithStructAndNullField, both ways.
TEST(SetSchemaMetadataTest, NullFieldWithDefault) {
  api::SchemaPtr schema =
      SchemaBuilder::structBuilder()
          .name("my.orig.SchemaDefn")
          .field("f1", SchemaBuilder::string().defaultValue("default").optional().build())
          .field("f2", schemas::int32())
          .build();
  for (bool replace : {false, true}) {
    auto value = std::make_shared<api::Struct>(schema);
    value->put("f1", nullptr).put("f2", int32_t{1});
    SetSchemaMetadata::Value xform;
    xform.configure({{"schema.name", "foo"},
                     {"schema.version", "42"},
                     {"replace.null.with.default", replace ? "true" : "false"}});
    api::SinkRecord record = sinkRecord(schema, api::Value(value));
    ASSERT_TRUE(xform.apply(record));
    EXPECT_EQ("foo", record.valueSchema->name().value_or(""));
    EXPECT_EQ(std::optional<int32_t>(42), record.valueSchema->version());
    expectMatchingSchema(record.value, record.valueSchema);
    EXPECT_EQ(replace ? api::Value("default") : api::Value(),
              record.value.asStruct().getWithoutDefault("f1"));
  }
}

TEST(SetSchemaMetadataTest, ValueSchemaRequired) {
  SetSchemaMetadata::Value xform;
  xform.configure({{"schema.name", "foo"}});
  api::SinkRecord record = sinkRecord(nullptr, int32_t{42});
  try {
    xform.apply(record);
    FAIL() << "expected DataException";
  } catch (const api::DataException& e) {
    EXPECT_STREQ("Schema required for [updating schema metadata]", e.what());
  }
}

TEST(SetSchemaMetadataTest, IgnoreRecordWithNullValue) {
  SetSchemaMetadata::Value xform;
  xform.configure({{"schema.name", "foo"}});
  api::SinkRecord record = sinkRecord(nullptr, nullptr);
  ASSERT_TRUE(xform.apply(record));
  EXPECT_TRUE(record.key.isNull());
  EXPECT_EQ(nullptr, record.keySchema);
  EXPECT_TRUE(record.value.isNull());
  EXPECT_EQ(nullptr, record.valueSchema);
}

TEST(SetSchemaMetadataTest, UpdateSchemaIn) {
  SetSchemaMetadata::Value xform;
  xform.configure({{"schema.name", "foo"}});
  api::SchemaPtr schema = SchemaBuilder::structBuilder()
                              .name("my.orig.SchemaDefn")
                              .field("f1", schemas::string())
                              .field("f2", schemas::int32())
                              .build();
  auto value = std::make_shared<api::Struct>(schema);
  value->put("f1", "value1").put("f2", int32_t{1});
  api::SchemaPtr new_schema = SchemaBuilder::structBuilder()
                                  .name("my.updated.SchemaDefn")
                                  .field("f1", schemas::string())
                                  .field("f2", schemas::int32())
                                  .build();
  expectMatchingSchema(xform.updateSchemaIn(api::Value(value), new_schema), new_schema);
  // updateSchemaOfNonStruct / updateSchemaOfNull.
  EXPECT_EQ(api::Value(int32_t{1}), xform.updateSchemaIn(int32_t{1}, schemas::int32()));
  EXPECT_TRUE(xform.updateSchemaIn(nullptr, schemas::int32()).isNull());
}

TEST(SetSchemaMetadataTest, KeepsEverythingElseOfTheSchema) {
  SetSchemaMetadata::Key xform;
  xform.configure({{"schema.name", "renamed"}, {"schema.version", "3"}});
  api::SchemaPtr map_schema = SchemaBuilder::map(schemas::string(), schemas::int64())
                                  .name("old")
                                  .version(1)
                                  .optional()
                                  .build();
  api::SourceRecord record({}, {}, "t", 0, map_schema, api::Map{{"a", int64_t{1}}}, nullptr, nullptr);
  ASSERT_TRUE(xform.apply(record));
  EXPECT_EQ(api::Type::Map, record.keySchema->type());
  EXPECT_EQ("renamed", record.keySchema->name().value_or(""));
  EXPECT_EQ(std::optional<int32_t>(3), record.keySchema->version());
  EXPECT_TRUE(record.keySchema->isOptional());
  EXPECT_EQ(map_schema->keySchema(), record.keySchema->keySchema());
  EXPECT_EQ(map_schema->valueSchema(), record.keySchema->valueSchema());
  EXPECT_EQ(api::Value(api::Map{{"a", int64_t{1}}}), record.key);

  // An unnamed schema with a default gets the name added and keeps the default.
  api::SchemaPtr with_default = SchemaBuilder::int32().optional().defaultValue(int32_t{7}).build();
  api::SourceRecord primitive({}, {}, "t", 0, with_default, int32_t{1}, nullptr, nullptr);
  ASSERT_TRUE(xform.apply(primitive));
  EXPECT_EQ("renamed", primitive.keySchema->name().value_or(""));
  EXPECT_EQ(api::Value(int32_t{7}), primitive.keySchema->defaultValue());
}

}  // namespace
}  // namespace connectd::transforms
