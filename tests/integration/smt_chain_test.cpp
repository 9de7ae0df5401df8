// The seed's SMT chain (unwrap, route, addTimestamp — seed-001-mysql-source-advanced.json),
// verbatim but for the topic names, applied by connectd to real Debezium events read from
// Kafka. The sink writes each transformed value as Connect's Struct.toString(), which shows the
// fields a user gets; a final InsertField puts the routed topic name into the value.

#include <gtest/gtest.h>

#include <fstream>

#include "tests/integration/harness.h"

namespace connectd::it {
namespace {

// Field order matters for Struct.toString: keep the fixture's order.
using OrderedJson = nlohmann::ordered_json;

OrderedJson fixture(const std::string& name) {
  std::ifstream in(std::string(CONNECTD_SHARED_DIR) + "/fixtures/debezium/mysql-2.5-invoice/" + name + ".json");
  return OrderedJson::parse(in);
}

Json seedConfig() {
  std::ifstream in(std::string(CONNECTD_SHARED_DIR) + "/fixtures/connectors/seed-001-mysql-source-advanced.json");
  return Json::parse(in)["config"];
}

// Struct.toString of the flattened row: the `after` fields, then the add.fields in order.
std::string flattened(const OrderedJson& event, const std::string& routed_topic) {
  const OrderedJson& p = event["payload"];
  std::string out = "Struct{";
  for (auto it = p["after"].begin(); it != p["after"].end(); ++it)
    out += it.key() + "=" + it.value().dump() + ",";
  out += "__op=" + p["op"].get<std::string>();
  out += ",__ts_ms=" + p["ts_ms"].dump();
  out += ",__source_ts_ms=" + p["source"]["ts_ms"].dump();
  out += ",__source_db=" + p["source"]["db"].get<std::string>();
  out += ",__source_table=" + p["source"]["table"].get<std::string>();
  out += ",processed_at=$(date:yyyy-MM-dd'T'HH:mm:ss'Z')";
  out += ",__topic=" + routed_topic + "}";
  return out;
}

TEST(SmtChainTest, SeedUnwrapRouteAddTimestampChain) {
  auto dir = scratchDir("chain");
  std::string prefix = "p" + std::to_string(::getpid()) + "x" + std::to_string(std::rand() % 100000);
  std::string topic = prefix + ".dev.invoice";
  std::string routed = prefix + "-routed.invoice";
  auto insert = fixture("insert"), update = fixture("update"), del = fixture("delete"), truncate = fixture("truncate");
  // What Debezium writes for insert, update, delete (+ its tombstone) and truncate.
  produce(topic, {{std::nullopt, insert.dump()}, {std::nullopt, update.dump()}, {std::nullopt, del.dump()}});
  produceTombstone(topic);
  produce(topic, {{std::nullopt, truncate.dump()}});

  Json seed = seedConfig();
  Json cfg = {{"connector.class", "FileStreamSink"},
              {"file", (dir / "out.txt").string()},
              {"topics", topic},
              {"value.converter", "org.apache.kafka.connect.json.JsonConverter"}};
  for (auto it = seed.begin(); it != seed.end(); ++it)
    if (it.key().rfind("transforms", 0) == 0) cfg[it.key()] = it.value();
  cfg["transforms.route.regex"] = prefix + "\\.dev\\.([^.]+)";
  cfg["transforms.route.replacement"] = prefix + "-routed.$1";
  cfg["transforms"] = seed["transforms"].get<std::string>() + ",topicName";
  cfg["transforms.topicName.type"] = "org.apache.kafka.connect.transforms.InsertField$Value";
  cfg["transforms.topicName.topic.field"] = "__topic";

  Connectd w(dir, {});
  w.start();
  w.waitReady();
  auto r = w.post("/connectors", {{"name", "chain-sink"}, {"config", cfg}});
  ASSERT_EQ(r.status, 201) << r.body;

  // delete.handling.mode=drop drops the delete event; drop.tombstones=false keeps its tombstone
  // (which the later SMTs pass through); unwrap drops the truncate event.
  std::vector<std::string> expected = {flattened(insert, routed), flattened(update, routed), "null"};
  ASSERT_TRUE(waitFor([&] { return readLines(dir / "out.txt").size() >= expected.size(); }, 60s))
      << w.log() << w.get("/connectors/chain-sink/status").body;
  // Let anything unexpected (the delete, the truncate) arrive before comparing.
  ASSERT_TRUE(waitFor([&] { return committedOffset("connect-chain-sink", topic) == 5; }, 60s));
  EXPECT_EQ(readLines(dir / "out.txt"), expected);
  EXPECT_EQ(w.get("/connectors/chain-sink/status").json()["tasks"][0]["state"], "RUNNING");
  EXPECT_EQ(w.stop(), 0) << w.log();
}

}  // namespace
}  // namespace connectd::it
