#include "transforms/debezium/by_logical_table_router.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "server/api/connect_record.h"
#include "server/api/errors.h"
#include "server/api/schema.h"
#include "server/api/struct.h"
#include "transforms/debezium/schema_name_adjuster.h"
#include "tests/unit/transforms/debezium/debezium_test_records.h"

namespace connectd::transforms {
namespace {

using Props = std::map<std::string, std::string>;
namespace schemas = api::schemas;

std::string configureError(const Props& props) {
  ByLogicalTableRouter router;
  try {
    router.configure(props);
  } catch (const api::ConnectException& e) {
    return e.what();
  }
  return "";
}

TEST(ByLogicalTableRouterTest, BrokenConfigurations) {
  // key.field.replacement missing or empty while key.field.regex is set.
  std::string error = configureError({{"topic.regex", "someValidRegex(.*)"},
                                      {"topic.replacement", "$1"},
                                      {"key.field.regex", "If this is set, key.field.replacement must be non-empty"}});
  EXPECT_EQ(0u, error.rfind("Unable to validate config.", 0)) << error;
  EXPECT_NE(std::string::npos,
            error.find("The 'key.field.replacement' value is invalid: key.field.replacement must be "
                       "non-empty if key.field.regex is set."));
  EXPECT_NE("", configureError({{"topic.regex", "someValidRegex(.*)"},
                                {"topic.replacement", "$1"},
                                {"key.field.regex", "x"},
                                {"key.field.replacement", ""}}));
  // topic.replacement missing or empty.
  EXPECT_NE(std::string::npos,
            configureError({{"topic.regex", "someValidRegex(.*)"}})
                .find("The 'topic.replacement' value is invalid: A value is required"));
  EXPECT_NE("", configureError({{"topic.regex", "someValidRegex(.*)"}, {"topic.replacement", ""}}));
  EXPECT_NE(std::string::npos,
            configureError({{"topic.regex", "(unclosed"}, {"topic.replacement", "x"}})
                .find("The 'topic.regex' value '(unclosed' is invalid: A valid regular expressions is "
                      "expected, but Unclosed group"));
  EXPECT_NE("", configureError({{"topic.regex", "(.*)"},
                                {"topic.replacement", "x"},
                                {"schema.name.adjustment.mode", "bogus"}}));
}

api::SchemaPtr shardKeySchema() {
  return api::SchemaBuilder::structBuilder()
      .name("mysql-server-1.inventory.customers_shard_1.Key")
      .field("id", schemas::int64())
      .build();
}

api::SourceRecord keyRecord(const std::string& topic, const api::SchemaPtr& key_schema, int64_t id) {
  auto key = std::make_shared<api::Struct>(key_schema);
  key->put("id", id);
  return api::SourceRecord({}, {}, topic, std::nullopt, key_schema, api::Value(key), nullptr, nullptr);
}

struct KeyReplacementCase {
  std::string mode;
  std::string expected_key_schema_name;
};

class ByLogicalTableRouterKeyReplacementTest : public ::testing::TestWithParam<KeyReplacementCase> {};

// testKeyReplacementWorkingConfigurationWith{Avro,No}SchemaNameAdjustment.
TEST_P(ByLogicalTableRouterKeyReplacementTest, ReplacesTopicAndAugmentsKey) {
  ByLogicalTableRouter router;
  router.configure({{"topic.regex", "(.*)customers_shard(.*)"},
                    {"topic.replacement", "$1customers_all_shards"},
                    {"key.field.name", "shard_id"},
                    {"key.field.regex", "(.*)customers_shard_(.*)"},
                    {"key.field.replacement", "$2"},
                    {"schema.name.adjustment.mode", GetParam().mode}});
  api::SchemaPtr key_schema = shardKeySchema();
  const std::pair<std::string, int64_t> records[] = {
      {"mysql-server-1.inventory.customers_shard_1", 123},
      {"mysql-server-1.inventory.customers_shard_2", 123},
      {"mysql-server-1.inventory.customers_shard_2", 456}};
  for (const auto& [topic, id] : records) {
    api::SourceRecord record = keyRecord(topic, key_schema, id);
    ASSERT_TRUE(router.apply(record));
    EXPECT_EQ("mysql-server-1.inventory.customers_all_shards", record.topic);
    EXPECT_EQ(GetParam().expected_key_schema_name, record.keySchema->name().value_or(""));
    ASSERT_EQ(2u, record.keySchema->fields().size());
    EXPECT_EQ("id", record.keySchema->fields()[0].name);
    EXPECT_EQ("shard_id", record.keySchema->fields()[1].name);
    EXPECT_TRUE(schemas::string()->equals(*record.keySchema->fields()[1].schema));
    EXPECT_EQ(api::Value(id), record.key.asStruct().get("id"));
    EXPECT_EQ(api::Value(topic.substr(topic.size() - 1)), record.key.asStruct().get("shard_id"));
  }
}

INSTANTIATE_TEST_SUITE_P(
    Debezium, ByLogicalTableRouterKeyReplacementTest,
    ::testing::Values(
        KeyReplacementCase{"avro", "mysql_server_1.inventory.customers_all_shards.Key"},
        KeyReplacementCase{"none", "mysql-server-1.inventory.customers_all_shards.Key"},
        KeyReplacementCase{"avro_unicode",
                           "mysql_u002dserver_u002d1.inventory.customers_u005fall_u005fshards.Key"}));

TEST(ByLogicalTableRouterTest, HeartbeatMessageTopicReplacementTopic) {
  ByLogicalTableRouter router;
  router.configure({{"topic.regex", "__debezium-heartbeat(.*)"},
                    {"topic.replacement", "debezium_heartbeat_central"},
                    {"key.field.name", "originalTopic"}});
  api::SchemaPtr key_schema = api::SchemaBuilder::structBuilder()
                                  .name("io.debezium.connector.mysql.ServerNameKey")
                                  .field("serverName", schemas::string())
                                  .build();
  for (const char* server : {"test_server_name_db", "test_server_name_db_2"}) {
    auto key = std::make_shared<api::Struct>(key_schema);
    key->put("serverName", server);
    std::string topic = std::string("__debezium-heartbeat.") + server;
    api::SourceRecord record({}, {}, topic, std::nullopt, key_schema, api::Value(key), nullptr, nullptr);
    ASSERT_TRUE(router.apply(record));
    EXPECT_EQ("debezium_heartbeat_central", record.topic);
    EXPECT_EQ("debezium_heartbeat_central.Key", record.keySchema->name().value_or(""));
    ASSERT_EQ(2u, record.keySchema->fields().size());
    EXPECT_EQ(api::Value(server), record.key.asStruct().get("serverName"));
    EXPECT_EQ(api::Value(topic), record.key.asStruct().get("originalTopic"));
    EXPECT_TRUE(record.value.isNull());
  }
}

TEST(ByLogicalTableRouterTest, KeyNullValue) {
  ByLogicalTableRouter router;
  router.configure({{"topic.regex", "(.*)customers_shard(.*)"},
                    {"topic.replacement", "$1customers_all_shards"},
                    {"key.field.name", "shard_id"},
                    {"key.field.regex", "(.*)customers_shard_(.*)"},
                    {"key.field.replacement", "$2"}});
  api::SourceRecord record({}, {}, "mysql-server-1.inventory.customers_shard_1", std::nullopt,
                           nullptr, nullptr, nullptr, nullptr);
  ASSERT_TRUE(router.apply(record));
  EXPECT_EQ("mysql-server-1.inventory.customers_all_shards", record.topic);
  EXPECT_EQ(nullptr, record.keySchema);
  EXPECT_TRUE(record.key.isNull());
}

TEST(ByLogicalTableRouterTest, NamespaceReplacementWithoutKeyChange) {
  ByLogicalTableRouter router;
  router.configure({{"topic.regex", "(.*).dbz_shard_\\d+.(.*)"},
                    {"topic.replacement", "dbz_core.$2"},
                    {"key.enforce.uniqueness", "false"}});
  for (const char* shard : {"s21.dbz_shard_21.address", "s22.dbz_shard_22.address"}) {
    api::SchemaPtr key_schema = api::SchemaBuilder::structBuilder()
                                    .name(std::string(shard) + ".Key")
                                    .field("id", schemas::int64())
                                    .build();
    api::SourceRecord record = keyRecord(shard, key_schema, 123);
    ASSERT_TRUE(router.apply(record));
    EXPECT_EQ("dbz_core.address", record.topic);
    EXPECT_EQ("dbz_core.address.Key", record.keySchema->name().value_or(""));
    ASSERT_EQ(1u, record.keySchema->fields().size());
    EXPECT_EQ(api::Value(int64_t{123}), record.key.asStruct().get("id"));
  }
}

TEST(ByLogicalTableRouterTest, NonMatchingTopicIsUntouched) {
  ByLogicalTableRouter router;
  router.configure({{"topic.regex", "shard_(.*)"}, {"topic.replacement", "all"}});
  api::SourceRecord record = keyRecord("other", shardKeySchema(), 1);
  api::SourceRecord original = record;
  ASSERT_TRUE(router.apply(record));
  EXPECT_EQ("other", record.topic);
  EXPECT_EQ(original.keySchema, record.keySchema);
  EXPECT_EQ(original.key, record.key);
}

TEST(ByLogicalTableRouterTest, ShouldHandleSchemaChangeEvent) {
  ByLogicalTableRouter router;
  router.configure({{"topic.regex", "(.*)"}, {"topic.replacement", "$1_rerouted"}});
  api::SchemaPtr key_schema = api::SchemaBuilder::structBuilder()
                                  .name("io.debezium.connector.mysql.SchemaChangeKey")
                                  .field("databaseName", schemas::string())
                                  .build();
  api::SchemaPtr value_schema = api::SchemaBuilder::structBuilder()
                                    .name("io.debezium.connector.mysql.SchemaChangeValue")
                                    .field("databaseName", schemas::optionalString())
                                    .build();
  auto key = std::make_shared<api::Struct>(key_schema);
  key->put("databaseName", "my-db");
  auto value = std::make_shared<api::Struct>(value_schema);
  value->put("databaseName", "my-db");
  api::SourceRecord record({}, {{"offset", api::Value("1")}}, "schema_changes", 0, key_schema,
                           api::Value(key), value_schema, api::Value(value));
  ASSERT_TRUE(router.apply(record));
  EXPECT_EQ("schema_changes_rerouted", record.topic);
  EXPECT_EQ(value.get(), record.value.structPtr().get());
  EXPECT_EQ(value_schema, record.valueSchema);
  EXPECT_EQ(api::Value("schema_changes"), record.key.asStruct().get("__dbz__physicalTableIdentifier"));
}

// shouldPreserveNullForNullableFieldWithNonNullDefault, plus the envelope renaming.
TEST(ByLogicalTableRouterTest, RenamesEnvelopeAndKeepsNullsWithDefaults) {
  ByLogicalTableRouter router;
  router.configure({{"topic.regex", "(.+)\\.(.+)\\.(.+)"},
                    {"topic.replacement", "$1.$3"},
                    {"key.enforce.uniqueness", "false"}});
  api::SchemaPtr flag = api::SchemaBuilder::int16().optional().defaultValue(int16_t{0}).build();
  api::SchemaPtr key_schema = api::SchemaBuilder::structBuilder()
                                  .name("shard_1.inventory.customers.Key")
                                  .field("id", schemas::int64())
                                  .field("flag", flag)
                                  .build();
  api::SchemaPtr value_schema = api::SchemaBuilder::structBuilder()
                                    .name("shard_1.inventory.customers.Value")
                                    .optional()
                                    .field("id", schemas::int64())
                                    .field("flag", flag)
                                    .build();
  api::SchemaPtr source_schema =
      api::SchemaBuilder::structBuilder().name("source").field("table", schemas::string()).build();
  api::SchemaPtr envelope_schema = testing::envelopeSchema(value_schema, source_schema,
                                                           "shard_1.inventory.customers.Envelope");
  auto key = std::make_shared<api::Struct>(key_schema);
  key->put("id", int64_t{1}).put("flag", nullptr);
  auto before = std::make_shared<api::Struct>(value_schema);
  before->put("id", int64_t{1}).put("flag", nullptr);
  auto after = std::make_shared<api::Struct>(value_schema);
  after->put("id", int64_t{1}).put("flag", nullptr);
  auto source = std::make_shared<api::Struct>(source_schema);
  source->put("table", "customers");
  auto envelope = testing::envelope(envelope_schema, "u", api::Value(before), api::Value(after),
                                    api::Value(source));
  api::SourceRecord record = testing::sourceRecord(key_schema, api::Value(key), envelope,
                                                   "shard_1.inventory.customers");
  ASSERT_TRUE(router.apply(record));

  EXPECT_EQ("shard_1.customers", record.topic);
  EXPECT_EQ("shard_1.customers.Key", record.keySchema->name().value_or(""));
  EXPECT_EQ("shard_1.customers.Envelope", record.valueSchema->name().value_or(""));
  EXPECT_EQ(std::optional<int32_t>(2), record.valueSchema->version());
  const api::SchemaPtr& new_row = record.valueSchema->field("after")->schema;
  EXPECT_EQ("shard_1.customers.Value", new_row->name().value_or(""));
  EXPECT_TRUE(new_row->isOptional());
  EXPECT_EQ(new_row, record.valueSchema->field("before")->schema);
  EXPECT_EQ(source_schema, record.valueSchema->field("source")->schema);

  const api::Struct& value = record.value.asStruct();
  EXPECT_TRUE(record.key.asStruct().getWithoutDefault("flag").isNull());
  EXPECT_TRUE(value.get("before").asStruct().getWithoutDefault("flag").isNull());
  EXPECT_TRUE(value.get("after").asStruct().getWithoutDefault("flag").isNull());
  EXPECT_EQ(api::Value("u"), value.get("op"));
  EXPECT_EQ(api::Value(source), value.get("source"));
  value.validate();
}

TEST(SchemaNameAdjusterTest, AdjustsLikeDebezium) {
  SchemaNameAdjuster none(SchemaNameAdjuster::Mode::None);
  EXPECT_EQ("a-b.1", none.adjust("a-b.1"));
  SchemaNameAdjuster avro(SchemaNameAdjuster::Mode::Avro);
  EXPECT_EQ("a_b.c_d", avro.adjust("a-b.c d"));
  EXPECT_EQ("_1abc", avro.adjust("1abc"));
  EXPECT_EQ("valid_name.Key", avro.adjust("valid_name.Key"));
  EXPECT_EQ("caf__", avro.adjust("caf\xc3\xa9\xe2\x82\xac"));
  SchemaNameAdjuster unicode(SchemaNameAdjuster::Mode::AvroUnicode);
  EXPECT_EQ("a_u002db_u005fc", unicode.adjust("a-b_c"));
  EXPECT_EQ("_u0031abc", unicode.adjust("1abc"));
  EXPECT_EQ("caf_u00e9_u20ac", unicode.adjust("caf\xc3\xa9\xe2\x82\xac"));

  // Two names adjusting to the same one conflict.
  SchemaNameAdjuster conflicting(SchemaNameAdjuster::Mode::Avro);
  EXPECT_EQ("a_b", conflicting.adjust("a-b"));
  EXPECT_EQ("a_b", conflicting.adjust("a-b"));
  EXPECT_THROW(conflicting.adjust("a+b"), api::ConnectException);

  EXPECT_EQ(SchemaNameAdjuster::Mode::AvroUnicode, SchemaNameAdjuster::parseMode(" AVRO_UNICODE "));
  EXPECT_EQ(std::nullopt, SchemaNameAdjuster::parseMode("avro-unicode"));
}

TEST(ByLogicalTableRouterTest, ConfigDefListsDebeziumsKeys) {
  std::vector<std::string> names;
  for (const auto& k : ByLogicalTableRouter::configDef().keys()) {
    names.push_back(k.name);
    EXPECT_FALSE(k.required) << k.name;
  }
  EXPECT_EQ((std::vector<std::string>{"topic.regex", "topic.replacement", "key.enforce.uniqueness",
                                      "key.field.regex", "key.field.replacement",
                                      "logical.table.cache.size"}),
            names);
}

}  // namespace
}  // namespace connectd::transforms
