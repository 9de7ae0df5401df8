#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "server/api/struct.h"
#include "server/converters/json_converter.h"

namespace connectd::converters {
namespace {

// Real Debezium 2.5 MySQL change events, written by Kafka's JsonConverter with schemas and
// pretty-printed. Reading and writing them back must reproduce the same JSON, compactly, with
// every object's members in their original order.
std::string fixture(const std::string& name) {
  std::string path =
      std::string(CONNECTD_SHARED_DIR) + "/fixtures/debezium/mysql-2.5-invoice/" + name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot open " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class JsonConverterGoldenTest : public ::testing::TestWithParam<const char*> {};

TEST_P(JsonConverterGoldenTest, RoundTripsDebeziumEventByteForByte) {
  std::string input = fixture(GetParam());
  ASSERT_FALSE(input.empty());

  JsonConverter converter;
  converter.configure({}, false);
  auto sv = converter.toConnectData("source.dev.invoice", input.data(), input.size());
  ASSERT_NE(sv.schema, nullptr);
  ASSERT_EQ(sv.value.kind(), api::Value::Kind::Struct);

  std::string out;
  ASSERT_TRUE(converter.fromConnectData("source.dev.invoice", sv.schema, sv.value, out));

  EXPECT_EQ(nlohmann::json::parse(out), nlohmann::json::parse(input));
  // The ordered dump is compact and keeps document order, so equality means the same member
  // order everywhere and no whitespace in our output.
  EXPECT_EQ(out, nlohmann::ordered_json::parse(input).dump());
  // None of these events has whitespace inside a string, so any whitespace would be formatting.
  EXPECT_EQ(out.find_first_of(" \n\t\r"), std::string::npos);

  // Writing again hits the cached schema rendering and gives the same bytes.
  std::string again;
  ASSERT_TRUE(converter.fromConnectData("source.dev.invoice", sv.schema, sv.value, again));
  EXPECT_EQ(again, out);
}

INSTANTIATE_TEST_SUITE_P(DebeziumMySqlInvoice, JsonConverterGoldenTest,
                         ::testing::Values("insert.json", "update.json", "delete.json",
                                           "truncate.json"));

TEST(JsonConverterGoldenValuesTest, InsertEventHasExpectedValues) {
  std::string input = fixture("insert.json");
  JsonConverter converter;
  auto sv = converter.toConnectData("source.dev.invoice", input.data(), input.size());
  ASSERT_NE(sv.schema, nullptr);
  EXPECT_EQ(*sv.schema->name(), "source.dev.invoice.Envelope");
  EXPECT_EQ(*sv.schema->version(), 1);
  const api::Struct& envelope = sv.value.asStruct();
  EXPECT_EQ(envelope.get("op"), api::Value("c"));
  EXPECT_TRUE(envelope.get("before").isNull());
  EXPECT_EQ(envelope.get("after").asStruct().get("order_id"), api::Value(int32_t{100}));
  const api::Struct& source = envelope.get("source").asStruct();
  EXPECT_EQ(source.get("ts_ms"), api::Value(int64_t{1709981775000}));
  EXPECT_EQ(source.get("file"), api::Value("binlog.000002"));
  const api::Field* snapshot = source.schema()->field("snapshot");
  ASSERT_NE(snapshot, nullptr);
  EXPECT_EQ(snapshot->schema->defaultValue(), api::Value("false"));
  ASSERT_NE(snapshot->schema->parameter("allowed"), nullptr);
  EXPECT_EQ(*snapshot->schema->parameter("allowed"), "true,last,false,incremental");
}

}  // namespace
}  // namespace connectd::converters
