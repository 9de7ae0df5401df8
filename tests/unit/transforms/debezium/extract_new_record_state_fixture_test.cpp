// ExtractNewRecordState on the real change events Debezium 2.5's MySQL connector wrote for
// dev.invoice (shared/fixtures/debezium/mysql-2.5-invoice), read and written back with
// Kafka's JsonConverter (schemas enabled).
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "server/api/connect_record.h"
#include "server/api/struct.h"
#include "server/converters/json_converter.h"
#include "transforms/debezium/extract_new_record_state.h"

namespace connectd::transforms {
namespace {

api::SourceRecord fixtureRecord(const std::string& name) {
  std::string path = std::string(CONNECTD_SHARED_DIR) + "/fixtures/debezium/mysql-2.5-invoice/" +
                     name + ".json";
  std::ifstream in(path);
  EXPECT_TRUE(in) << path;
  std::string json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  converters::JsonConverter converter;
  converter.configure({}, false);
  api::SchemaAndValue value = converter.toConnectData("source.dev.invoice", json.data(), json.size());
  return api::SourceRecord({}, {}, "source.dev.invoice", std::nullopt, nullptr, nullptr,
                           value.schema, value.value);
}

std::string toJson(const api::ConnectRecord& record) {
  converters::JsonConverter converter;
  converter.configure({}, false);
  std::string out;
  if (!converter.fromConnectData(record.topic, record.valueSchema, record.value, out)) return "null";
  return out;
}

TEST(ExtractNewRecordStateFixtureTest, InsertWithAddFields) {
  ExtractNewRecordState unwrap;
  unwrap.configure({{"add.fields", "op,ts_ms,source.ts_ms,source.db,source.table"}});
  api::SourceRecord record = fixtureRecord("insert");
  ASSERT_EQ("source.dev.invoice.Envelope", record.valueSchema->name().value_or(""));
  ASSERT_TRUE(unwrap.apply(record));

  EXPECT_EQ("source.dev.invoice", record.topic);
  EXPECT_EQ(
      "{\"schema\":{\"type\":\"struct\",\"fields\":["
      "{\"type\":\"int32\",\"optional\":false,\"field\":\"order_id\"},"
      "{\"type\":\"int32\",\"optional\":false,\"field\":\"invoice_number\"},"
      "{\"type\":\"string\",\"optional\":true,\"field\":\"__op\"},"
      "{\"type\":\"int64\",\"optional\":true,\"field\":\"__ts_ms\"},"
      "{\"type\":\"int64\",\"optional\":true,\"field\":\"__source_ts_ms\"},"
      "{\"type\":\"string\",\"optional\":true,\"field\":\"__source_db\"},"
      "{\"type\":\"string\",\"optional\":true,\"field\":\"__source_table\"}],"
      "\"optional\":false,\"name\":\"source.dev.invoice.Value\"},"
      "\"payload\":{\"order_id\":100,\"invoice_number\":100,\"__op\":\"c\","
      "\"__ts_ms\":1709981775746,\"__source_ts_ms\":1709981775000,\"__source_db\":\"dev\","
      "\"__source_table\":\"invoice\"}}",
      toJson(record));
}

TEST(ExtractNewRecordStateFixtureTest, AddedEnumFieldIsAnOptionalCopyWithoutDefault) {
  ExtractNewRecordState unwrap;
  unwrap.configure({{"add.fields", "source.snapshot,table"}});
  api::SourceRecord record = fixtureRecord("update");
  ASSERT_TRUE(unwrap.apply(record));
  const api::Field* snapshot = record.valueSchema->field("__source_snapshot");
  ASSERT_NE(nullptr, snapshot);
  EXPECT_TRUE(snapshot->schema->isOptional());
  EXPECT_FALSE(snapshot->schema->hasDefault());
  EXPECT_EQ("io.debezium.data.Enum", snapshot->schema->name().value_or(""));
  EXPECT_EQ(std::optional<int32_t>(1), snapshot->schema->version());
  EXPECT_EQ(api::Value("false"), record.value.asStruct().get("__source_snapshot"));
  EXPECT_EQ(api::Value("invoice"), record.value.asStruct().get("__table"));
  EXPECT_EQ(api::Value(int32_t{200}), record.value.asStruct().get("invoice_number"));
}

TEST(ExtractNewRecordStateFixtureTest, DeleteKeepsTheRowSchemaByDefault) {
  ExtractNewRecordState unwrap;
  unwrap.configure({});
  api::SourceRecord record = fixtureRecord("delete");
  ASSERT_TRUE(unwrap.apply(record));
  EXPECT_EQ(
      "{\"schema\":{\"type\":\"struct\",\"fields\":["
      "{\"type\":\"int32\",\"optional\":false,\"field\":\"order_id\"},"
      "{\"type\":\"int32\",\"optional\":false,\"field\":\"invoice_number\"}],"
      "\"optional\":true,\"name\":\"source.dev.invoice.Value\"},\"payload\":null}",
      toJson(record));
}

TEST(ExtractNewRecordStateFixtureTest, RewriteModes) {
  ExtractNewRecordState unwrap;
  unwrap.configure({{"delete.tombstone.handling.mode", "rewrite"}});
  api::SourceRecord update = fixtureRecord("update");
  ASSERT_TRUE(unwrap.apply(update));
  EXPECT_EQ(
      "{\"schema\":{\"type\":\"struct\",\"fields\":["
      "{\"type\":\"int32\",\"optional\":false,\"field\":\"order_id\"},"
      "{\"type\":\"int32\",\"optional\":false,\"field\":\"invoice_number\"},"
      "{\"type\":\"string\",\"optional\":true,\"field\":\"__deleted\"}],"
      "\"optional\":false,\"name\":\"source.dev.invoice.Value\"},"
      "\"payload\":{\"order_id\":100,\"invoice_number\":200,\"__deleted\":\"false\"}}",
      toJson(update));

  api::SourceRecord del = fixtureRecord("delete");
  ASSERT_TRUE(unwrap.apply(del));
  EXPECT_EQ(api::Value("true"), del.value.asStruct().get("__deleted"));
  EXPECT_EQ(api::Value(int32_t{100}), del.value.asStruct().get("invoice_number"));

  api::SourceRecord truncate = fixtureRecord("truncate");
  EXPECT_FALSE(unwrap.apply(truncate));
}

}  // namespace
}  // namespace connectd::transforms
