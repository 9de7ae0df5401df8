#include "transforms/insert_field.h"

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

std::map<std::string, std::string> allFieldsConfig() {
  return {{"topic.field", "topic_field!"},
          {"partition.field", "partition_field"},
          {"timestamp.field", "timestamp_field?"},
          {"static.field", "instance_id"},
          {"static.value", "my-instance-id"}};
}

api::SourceRecord sourceRecord(std::string topic, std::optional<int32_t> partition,
                               api::SchemaPtr key_schema, api::Value key,
                               api::SchemaPtr value_schema, api::Value value,
                               std::optional<int64_t> timestamp = std::nullopt) {
  return api::SourceRecord({}, {}, std::move(topic), partition, std::move(key_schema),
                           std::move(key), std::move(value_schema), std::move(value), timestamp);
}

api::SinkRecord sinkRecord(std::string topic, int32_t partition, api::SchemaPtr value_schema,
                           api::Value value, int64_t offset) {
  api::SinkRecord r;
  r.topic = std::move(topic);
  r.kafkaPartition = partition;
  r.valueSchema = std::move(value_schema);
  r.value = std::move(value);
  r.kafkaOffset = offset;
  return r;
}

api::SchemaPtr simpleStructSchema() {
  return SchemaBuilder::structBuilder()
      .name("name")
      .version(1)
      .doc("doc")
      .field("magic", schemas::optionalInt64())
      .build();
}

// A field of the transformed record, for struct and schemaless values alike.
const api::Value* fieldOf(const api::Value& v, const std::string& name) {
  if (v.kind() == api::Value::Kind::Struct) {
    if (v.asStruct().schema()->field(name) == nullptr) return nullptr;
    return &v.asStruct().getWithoutDefault(name);
  }
  return v.mapGet(name);
}

// InsertFieldTest.copySchemaAndInsertConfiguredFields / schemalessInsertConfiguredFields, run on
// the same record as a Struct and as a schemaless Map.
enum class Form { Struct, Map };

class InsertFieldFormTest : public ::testing::TestWithParam<Form> {
 protected:
  api::SourceRecord record(const std::string& topic, int32_t partition,
                           std::optional<int64_t> timestamp) {
    if (GetParam() == Form::Struct) {
      auto s = std::make_shared<api::Struct>(simpleStructSchema());
      s->put("magic", int64_t{42});
      return sourceRecord(topic, partition, nullptr, nullptr, s->schema(), api::Value(s),
                          timestamp);
    }
    return sourceRecord(topic, partition, nullptr, nullptr, nullptr,
                        api::Map{{"magic", int64_t{42}}}, timestamp);
  }
};

TEST_P(InsertFieldFormTest, InsertsConfiguredFields) {
  InsertField::Value xform;
  xform.configure(allFieldsConfig());
  api::SourceRecord r = record("test", 0, 789);
  ASSERT_TRUE(xform.apply(r));

  EXPECT_EQ(api::Value(int64_t{42}), *fieldOf(r.value, "magic"));
  EXPECT_EQ(api::Value("test"), *fieldOf(r.value, "topic_field"));
  EXPECT_EQ(api::Value(int32_t{0}), *fieldOf(r.value, "partition_field"));
  EXPECT_EQ(api::Value(int64_t{789}), *fieldOf(r.value, "timestamp_field"));
  EXPECT_EQ(api::Value("my-instance-id"), *fieldOf(r.value, "instance_id"));

  if (GetParam() == Form::Map) {
    EXPECT_EQ(nullptr, r.valueSchema);
    EXPECT_EQ(5u, r.value.asMap().size());
    return;
  }
  const api::Schema& schema = *r.valueSchema;
  EXPECT_EQ("name", schema.name().value_or(""));
  EXPECT_EQ(1, schema.version().value_or(0));
  EXPECT_EQ("doc", schema.doc().value_or(""));
  EXPECT_FALSE(schema.isOptional());
  EXPECT_TRUE(schema.field("magic")->schema->equals(*schemas::optionalInt64()));
  EXPECT_TRUE(schema.field("topic_field")->schema->equals(*schemas::string()));
  EXPECT_TRUE(schema.field("partition_field")->schema->equals(*schemas::optionalInt32()));
  EXPECT_TRUE(schema.field("timestamp_field")
                  ->schema->equals(*api::logical::timestamp().optional().build()));
  EXPECT_TRUE(schema.field("instance_id")->schema->equals(*schemas::optionalString()));
  ASSERT_EQ(5u, schema.fields().size());
  EXPECT_EQ("magic", schema.fields()[0].name);
  EXPECT_EQ("instance_id", schema.fields()[4].name);
  r.value.asStruct().validate();
}

TEST_P(InsertFieldFormTest, NullTimestampAndPartitionAreLeftOut) {
  InsertField::Value xform;
  xform.configure(allFieldsConfig());
  api::SourceRecord r = record("test", 0, std::nullopt);
  r.kafkaPartition.reset();
  ASSERT_TRUE(xform.apply(r));
  const api::Value* ts = fieldOf(r.value, "timestamp_field");
  const api::Value* partition = fieldOf(r.value, "partition_field");
  if (GetParam() == Form::Map) {
    EXPECT_EQ(nullptr, ts);
    EXPECT_EQ(nullptr, partition);
  } else {
    ASSERT_NE(nullptr, ts);
    EXPECT_TRUE(ts->isNull());
    EXPECT_TRUE(partition->isNull());
  }
}

TEST_P(InsertFieldFormTest, OffsetFieldOnSourceRecordFails) {
  InsertField::Value xform;
  xform.configure({{"offset.field", "offset"}});
  api::SourceRecord r = record("test", 0, 1);
  try {
    xform.apply(r);
    FAIL() << "expected DataException";
  } catch (const api::DataException& e) {
    EXPECT_STREQ(
        "Only SinkRecord supported for [field insertion], found: "
        "org.apache.kafka.connect.source.SourceRecord",
        e.what());
  }
}

TEST_P(InsertFieldFormTest, InsertsOffsetOfSinkRecord) {
  InsertField::Value xform;
  xform.configure({{"offset.field", "offset!"}});
  api::SourceRecord source = record("test", 3, 1);
  api::SinkRecord r = sinkRecord("test", 3, source.valueSchema, source.value, 1234);
  ASSERT_TRUE(xform.apply(r));
  EXPECT_EQ(api::Value(int64_t{1234}), *fieldOf(r.value, "offset"));
  if (GetParam() == Form::Struct) {
    EXPECT_TRUE(r.valueSchema->field("offset")->schema->equals(*schemas::int64()));
  }
}

TEST_P(InsertFieldFormTest, KeyVariantInsertsIntoKeyAndLeavesValue) {
  InsertField::Key xform;
  xform.configure({{"topic.field", "t"}});
  api::SourceRecord from_value = record("test", 0, 5);
  api::SourceRecord r =
      sourceRecord("test", 0, from_value.valueSchema, from_value.value, nullptr, "v");
  ASSERT_TRUE(xform.apply(r));
  EXPECT_EQ(api::Value("test"), *fieldOf(r.key, "t"));
  EXPECT_EQ(api::Value("v"), r.value);
  EXPECT_EQ(nullptr, r.valueSchema);
}

INSTANTIATE_TEST_SUITE_P(Forms, InsertFieldFormTest, ::testing::Values(Form::Struct, Form::Map),
                         [](const auto& info) {
                           return info.param == Form::Struct ? "Struct" : "Map";
                         });

TEST(InsertFieldTest, TopLevelStructRequired) {
  InsertField::Value xform;
  xform.configure({{"topic.field", "topic_field"}});
  api::SourceRecord r = sourceRecord("", 0, nullptr, nullptr, schemas::int32(), int32_t{42});
  try {
    xform.apply(r);
    FAIL() << "expected DataException";
  } catch (const api::DataException& e) {
    EXPECT_STREQ("Only Struct objects supported for [field insertion], found: java.lang.Integer",
                 e.what());
  }
}

TEST(InsertFieldTest, SchemalessValueMustBeAMap) {
  InsertField::Value xform;
  xform.configure({{"topic.field", "topic_field"}});
  api::SourceRecord r = sourceRecord("", 0, nullptr, nullptr, nullptr, "text");
  try {
    xform.apply(r);
    FAIL() << "expected DataException";
  } catch (const api::DataException& e) {
    EXPECT_STREQ(
        "Only Map objects supported in absence of schema for [field insertion], found: "
        "java.lang.String",
        e.what());
  }
}

TEST(InsertFieldTest, CachesUpdatedSchemaPerInputSchema) {
  InsertField::Value xform;
  xform.configure(allFieldsConfig());
  auto first = std::make_shared<api::Struct>(simpleStructSchema());
  api::SourceRecord r1 =
      sourceRecord("test", 0, nullptr, nullptr, first->schema(), api::Value(first), 789);
  ASSERT_TRUE(xform.apply(r1));
  // A structurally equal schema built separately maps to the same output schema object.
  auto second = std::make_shared<api::Struct>(simpleStructSchema());
  api::SourceRecord r2 =
      sourceRecord("test", 1, nullptr, nullptr, second->schema(), api::Value(second));
  ASSERT_TRUE(xform.apply(r2));
  EXPECT_EQ(r1.valueSchema.get(), r2.valueSchema.get());
}

TEST(InsertFieldTest, TombstoneWithoutSchemaLeavesValueUnchanged) {
  InsertField::Value xform;
  xform.configure(allFieldsConfig());
  api::SourceRecord r = sourceRecord("test", 0, nullptr, nullptr, nullptr, nullptr);
  ASSERT_TRUE(xform.apply(r));
  EXPECT_TRUE(r.value.isNull());
  EXPECT_EQ(nullptr, r.valueSchema);
}

TEST(InsertFieldTest, TombstoneWithSchemaLeavesValueUnchanged) {
  InsertField::Value xform;
  xform.configure(allFieldsConfig());
  api::SchemaPtr schema = simpleStructSchema();
  api::SourceRecord r = sourceRecord("test", 0, nullptr, nullptr, schema, nullptr);
  ASSERT_TRUE(xform.apply(r));
  EXPECT_TRUE(r.value.isNull());
  EXPECT_EQ(schema, r.valueSchema);
}

TEST(InsertFieldTest, InsertsKeyFieldsIntoTombstoneEvent) {
  InsertField::Key xform;
  xform.configure(allFieldsConfig());
  api::SourceRecord r =
      sourceRecord("test", 0, nullptr, api::Map{{"magic", int64_t{42}}}, nullptr, nullptr);
  ASSERT_TRUE(xform.apply(r));
  EXPECT_EQ(api::Value(int64_t{42}), *r.key.mapGet("magic"));
  EXPECT_EQ(api::Value("test"), *r.key.mapGet("topic_field"));
  EXPECT_EQ(api::Value(int32_t{0}), *r.key.mapGet("partition_field"));
  EXPECT_EQ(nullptr, r.key.mapGet("timestamp_field"));
  EXPECT_EQ(api::Value("my-instance-id"), *r.key.mapGet("instance_id"));
  EXPECT_TRUE(r.value.isNull());
}

TEST(InsertFieldTest, NullKeyLeavesRecordUnchanged) {
  InsertField::Key xform;
  xform.configure(allFieldsConfig());
  api::SourceRecord r =
      sourceRecord("test", 0, nullptr, nullptr, nullptr, api::Map{{"magic", int64_t{42}}});
  api::SourceRecord before = r;
  ASSERT_TRUE(xform.apply(r));
  EXPECT_TRUE(r.key.isNull());
  EXPECT_EQ(nullptr, r.keySchema);
  EXPECT_EQ(before.value, r.value);
}

TEST(InsertFieldTest, SchemalessCopyDoesNotTouchTheOriginalMap) {
  InsertField::Value xform;
  xform.configure({{"static.field", "magic"}, {"static.value", "replaced"}});
  api::Value original(api::Map{{"magic", int64_t{42}}});
  api::SourceRecord r = sourceRecord("test", 0, nullptr, nullptr, nullptr, original);
  ASSERT_TRUE(xform.apply(r));
  // An existing key is overwritten in the copy, as HashMap.put does.
  EXPECT_EQ(api::Value("replaced"), *r.value.mapGet("magic"));
  EXPECT_EQ(1u, r.value.asMap().size());
  EXPECT_EQ(api::Value(int64_t{42}), *original.mapGet("magic"));
}

// InsertFieldTest.testUnsetOptionalField: replace.null.with.default decides whether a null field
// with a default is copied as the default or as null.
struct UnsetOptionalCase {
  std::string replace_null_with_default;
  api::Value expected;
};

class InsertFieldUnsetOptionalTest : public ::testing::TestWithParam<UnsetOptionalCase> {};

TEST_P(InsertFieldUnsetOptionalTest, CopiesNullFieldPerReplaceNullWithDefault) {
  InsertField::Value xform;
  auto props = allFieldsConfig();
  props["replace.null.with.default"] = GetParam().replace_null_with_default;
  xform.configure(props);

  api::SchemaPtr magic = SchemaBuilder::int64().optional().defaultValue(int64_t{42}).build();
  api::SchemaPtr schema = SchemaBuilder::structBuilder()
                              .name("name")
                              .version(1)
                              .doc("doc")
                              .field("magic_with_default", magic)
                              .build();
  auto s = std::make_shared<api::Struct>(schema);
  s->put("magic_with_default", nullptr);
  api::SourceRecord r = sourceRecord("test", 0, nullptr, nullptr, schema, api::Value(s), 789);
  ASSERT_TRUE(xform.apply(r));

  EXPECT_EQ("name", r.valueSchema->name().value_or(""));
  EXPECT_TRUE(r.valueSchema->field("magic_with_default")->schema->equals(*magic));
  EXPECT_EQ(GetParam().expected, r.value.asStruct().getWithoutDefault("magic_with_default"));
}

INSTANTIATE_TEST_SUITE_P(Cases, InsertFieldUnsetOptionalTest,
                         ::testing::Values(UnsetOptionalCase{"false", api::Value()},
                                           UnsetOptionalCase{"true", api::Value(int64_t{42})}));

TEST(InsertFieldTest, RequiredFieldLeftUnsetFailsStructValidation) {
  InsertField::Value xform;
  xform.configure({{"partition.field", "partition!"}});
  auto s = std::make_shared<api::Struct>(simpleStructSchema());
  api::SourceRecord r =
      sourceRecord("test", std::nullopt, nullptr, nullptr, s->schema(), api::Value(s));
  ASSERT_TRUE(xform.apply(r));
  EXPECT_TRUE(r.valueSchema->field("partition")->schema->equals(*schemas::int32()));
  EXPECT_THROW(r.value.asStruct().validate(), api::DataException);
}

TEST(InsertFieldTest, FieldNameAlreadyInStructFails) {
  InsertField::Value xform;
  xform.configure({{"topic.field", "magic"}});
  auto s = std::make_shared<api::Struct>(simpleStructSchema());
  api::SourceRecord r = sourceRecord("test", 0, nullptr, nullptr, s->schema(), api::Value(s));
  try {
    xform.apply(r);
    FAIL() << "expected SchemaBuilderException";
  } catch (const api::SchemaBuilderException& e) {
    EXPECT_STREQ("Cannot create field because of field name duplication magic", e.what());
  }
}

TEST(InsertFieldTest, ConfigWithoutAnyFieldFails) {
  InsertField::Value xform;
  try {
    xform.configure({{"static.value", "x"}});
    FAIL() << "expected ConfigException";
  } catch (const api::ConfigException& e) {
    EXPECT_STREQ("No field insertion configured", e.what());
  }
}

TEST(InsertFieldTest, StaticFieldWithoutValueFails) {
  InsertField::Value xform;
  try {
    xform.configure({{"static.field", "instance_id"}});
    FAIL() << "expected ConfigException";
  } catch (const api::ConfigException& e) {
    EXPECT_STREQ(
        "Invalid value null for configuration static.value: No value specified for static field: "
        "instance_id",
        e.what());
  }
}

TEST(InsertFieldTest, ConfigDefMatchesKafka) {
  const api::ConfigDef& def = InsertField::configDef();
  std::vector<std::string> names;
  for (const auto& key : def.keys()) names.push_back(key.name);
  EXPECT_EQ(
      (std::vector<std::string>{"topic.field", "partition.field", "offset.field", "timestamp.field",
                                "static.field", "static.value", "replace.null.with.default"}),
      names);
  const auto* offset = def.find("offset.field");
  ASSERT_NE(nullptr, offset);
  EXPECT_EQ(api::ConfigDef::Type::String, offset->type);
  EXPECT_FALSE(offset->required);
  EXPECT_FALSE(offset->default_value.has_value());
  EXPECT_EQ(
      "Field name for Kafka offset - only applicable to sink connectors.<br/>Suffix with "
      "<code>!</code> to make "
      "this a required field, or <code>?</code> to keep it optional (the default).",
      offset->documentation);
  const auto* replace = def.find("replace.null.with.default");
  ASSERT_NE(nullptr, replace);
  EXPECT_EQ(api::ConfigDef::Type::Boolean, replace->type);
  EXPECT_EQ("true", replace->default_value.value_or(""));
}

}  // namespace
}  // namespace connectd::transforms
