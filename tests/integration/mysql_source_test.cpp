// The MySQL/MariaDB CDC source against the local MariaDB and Kafka, driven through the REST API.

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "connectors/mysql/binlog/connection.h"
#include "tests/integration/harness.h"
#include "tests/integration/mysql_it_support.h"

namespace connectd::it {
namespace {

using OrderedJson = nlohmann::ordered_json;

OrderedJson fixture(const std::string& name) {
  std::ifstream in(std::string(CONNECTD_SHARED_DIR) + "/fixtures/debezium/mysql-2.5-invoice/" + name + ".json");
  return OrderedJson::parse(in);
}

// Debezium 2.5's layout (the fixtures) rewritten to the 3.x layout connectd emits (spec §0.2):
// envelope v2 with transaction before op and ts_us/ts_ns, source struct version 1 with ts_us/ts_ns
// after sequence and the 7-value snapshot "allowed" list.
OrderedJson toCurrentLayout(const OrderedJson& event) {
  OrderedJson schema = event["schema"];
  OrderedJson fields = OrderedJson::array();
  OrderedJson tx;
  OrderedJson op;
  OrderedJson ts_ms;
  for (const auto& f : schema["fields"]) {
    const std::string name = f["field"];
    if (name == "transaction") {
      tx = f;
    } else if (name == "op") {
      op = f;
    } else if (name == "ts_ms") {
      ts_ms = f;
    } else if (name == "source") {
      OrderedJson src = f;
      OrderedJson sf = OrderedJson::array();
      for (auto sfield : f["fields"]) {
        if (sfield["field"] == "snapshot") {
          sfield["parameters"]["allowed"] = "true,first,first_in_data_collection,last_in_data_collection,last,false,incremental";
        }
        sf.push_back(sfield);
        if (sfield["field"] == "sequence") {
          sf.push_back({{"type", "int64"}, {"optional", true}, {"field", "ts_us"}});
          sf.push_back({{"type", "int64"}, {"optional", true}, {"field", "ts_ns"}});
        }
      }
      OrderedJson s2;
      s2["type"] = "struct";
      s2["fields"] = sf;
      s2["optional"] = false;
      s2["name"] = src["name"];
      s2["version"] = 1;
      s2["field"] = "source";
      fields.push_back(s2);
    } else {
      fields.push_back(f);
    }
  }
  fields.push_back(tx);
  fields.push_back(op);
  fields.push_back(ts_ms);
  fields.push_back({{"type", "int64"}, {"optional", true}, {"field", "ts_us"}});
  fields.push_back({{"type", "int64"}, {"optional", true}, {"field", "ts_ns"}});
  schema["fields"] = fields;
  schema["version"] = 2;
  const OrderedJson& p = event["payload"];
  OrderedJson payload;
  payload["before"] = p["before"];
  payload["after"] = p["after"];
  OrderedJson source;
  for (auto it = p["source"].begin(); it != p["source"].end(); ++it) {
    source[it.key()] = it.value();
    if (it.key() == "sequence") {
      source["ts_us"] = p["source"]["ts_ms"].get<int64_t>() * 1000;
      source["ts_ns"] = p["source"]["ts_ms"].get<int64_t>() * 1000000;
    }
  }
  payload["source"] = source;
  payload["transaction"] = p["transaction"];
  payload["op"] = p["op"];
  payload["ts_ms"] = p["ts_ms"];
  payload["ts_us"] = p["ts_ms"].get<int64_t>() * 1000;
  payload["ts_ns"] = p["ts_ms"].get<int64_t>() * 1000000;
  return {{"schema", schema}, {"payload", payload}};
}

// Blanks the values that depend on when and where the event was made: the envelope and source
// times, binlog file/position, server id, thread, Debezium version, and the GTID (MariaDB always
// writes GTIDs; the fixture's MySQL server had them off).
void blankPlaceAndTime(OrderedJson& event) {
  OrderedJson& p = event["payload"];
  for (const char* k : {"ts_ms", "ts_us", "ts_ns"}) p[k] = "<time>";
  OrderedJson& s = p["source"];
  for (const char* k : {"ts_ms", "ts_us", "ts_ns"}) s[k] = "<time>";
  for (const char* k : {"file", "pos", "server_id", "thread", "version", "gtid"}) s[k] = "<place>";
}

TEST(MySqlSourceTest, SeedConfigEventsEqualDebeziumFixtures) {
  auto db = mariadb();
  db->execute("DROP DATABASE IF EXISTS dev");
  db->execute("CREATE DATABASE dev");
  db->execute("CREATE TABLE dev.invoice (order_id INT NOT NULL, invoice_number INT NOT NULL, PRIMARY KEY (order_id))");
  deleteTopics({"source.dev.invoice", "source", "schema-history.dev"});

  auto dir = scratchDir("mysql-seed");
  Connectd w(dir, mysqlWorkerProps());
  w.start();
  w.waitReady();
  Json connector = seedConnector();
  auto r = w.post("/connectors", connector);
  ASSERT_EQ(r.status, 201) << r.body;
  ASSERT_TRUE(w.waitForState("mysql-schema-dev-connector", "RUNNING")) << w.log();
  // The snapshot of the (empty) table ends with its CREATE TABLE on the schema change topic.
  ASSERT_TRUE(waitFor([&] {
    for (const auto& rec : readTopic("source"))
      if (rec.value && rec.value->find("CREATE TABLE `invoice`") != std::string::npos) return true;
    return false;
  }, 60s)) << w.log();

  db->execute("INSERT INTO dev.invoice VALUES (100, 100)");
  db->execute("DELETE FROM dev.invoice WHERE order_id = 100");
  db->execute("INSERT INTO dev.invoice VALUES (100, 100)");
  db->execute("UPDATE dev.invoice SET invoice_number = 200 WHERE order_id = 100");
  db->execute("TRUNCATE TABLE dev.invoice");

  // c, d, tombstone, c, u, t
  std::vector<KafkaRecord> records;
  ASSERT_TRUE(waitFor([&] {
    records = readTopic("source.dev.invoice");
    return records.size() >= 6;
  }, 60s)) << w.log() << " records: " << records.size();
  ASSERT_EQ(records.size(), 6u);

  const std::string key_schema =
      R"({"type":"struct","fields":[{"type":"int32","optional":false,"field":"order_id"}],"optional":false,"name":"source.dev.invoice.Key"})";
  const std::string key = R"({"schema":)" + key_schema + R"(,"payload":{"order_id":100}})";
  auto expectEvent = [&](const KafkaRecord& rec, const std::string& name) {
    ASSERT_TRUE(rec.value.has_value()) << name;
    OrderedJson got = OrderedJson::parse(*rec.value);
    OrderedJson want = toCurrentLayout(fixture(name));
    blankPlaceAndTime(got);
    blankPlaceAndTime(want);
    EXPECT_EQ(got["schema"].dump(), want["schema"].dump()) << name;
    EXPECT_EQ(got["payload"].dump(), want["payload"].dump()) << name;
    EXPECT_EQ(header(rec, "__debezium.context.connectorLogicalName"), "source");
    EXPECT_EQ(header(rec, "__debezium.context.connectorName"), "mysql");
  };
  expectEvent(records[0], "insert");
  EXPECT_EQ(records[0].key, key);
  expectEvent(records[1], "delete");
  EXPECT_EQ(records[1].key, key);
  EXPECT_EQ(records[2].key, key);
  EXPECT_FALSE(records[2].value.has_value()) << "a tombstone follows the delete";
  EXPECT_EQ(records[3].key, key);
  expectEvent(records[4], "update");
  EXPECT_EQ(records[4].key, key);
  expectEvent(records[5], "truncate");
  EXPECT_FALSE(records[5].key.has_value()) << "truncate events have a null key";

  // The offset is Debezium's: {"server":"source"} partition, file/pos of the binlog, no
  // snapshot marker once streaming (committed within the flush interval).
  Json offsets;
  ASSERT_TRUE(waitFor([&] {
    offsets = w.get("/connectors/mysql-schema-dev-connector/offsets").json();
    return offsets["offsets"].size() == 1 && !offsets["offsets"][0]["offset"].contains("snapshot");
  }, 30s)) << offsets.dump();
  EXPECT_EQ(offsets["offsets"][0]["partition"], Json({{"server", "source"}}));
  EXPECT_TRUE(offsets["offsets"][0]["offset"].contains("file")) << offsets.dump();
  EXPECT_TRUE(offsets["offsets"][0]["offset"].contains("pos")) << offsets.dump();

  // The schema history topic holds Debezium's records, one per DDL, pretty-printed JSON.
  auto history = readTopic("schema-history.dev");
  ASSERT_FALSE(history.empty());
  bool create_seen = false;
  for (const auto& h : history) {
    ASSERT_TRUE(h.value.has_value());
    Json doc = Json::parse(*h.value);
    EXPECT_EQ(doc["source"], Json({{"server", "source"}}));
    if (doc["ddl"].get<std::string>().find("CREATE TABLE `invoice`") != std::string::npos) {
      create_seen = true;
      ASSERT_EQ(doc["tableChanges"].size(), 1u);
      EXPECT_EQ(doc["tableChanges"][0]["id"], "\"dev\".\"invoice\"");
      EXPECT_EQ(doc["tableChanges"][0]["table"]["primaryKeyColumnNames"], Json::array({"order_id"}));
    }
  }
  EXPECT_TRUE(create_seen);
  EXPECT_EQ(w.del("/connectors/mysql-schema-dev-connector").status, 204);
}

// Rows that exist before the connector starts come as 'r' events, rows written while it
// snapshots and after as 'c'/'u' events; together every committed change exactly once.
TEST(MySqlSourceTest, SnapshotHandsOverToStreamingWithConcurrentWrites) {
  const std::string dbname = uniqueDatabase("itcdc");
  const std::string prefix = dbname;
  auto db = mariadb();
  db->execute("CREATE DATABASE " + dbname);
  db->execute("CREATE TABLE " + dbname + ".t (id INT PRIMARY KEY, v INT NOT NULL)");
  const int kInitial = 20000;
  for (int base = 0; base < kInitial; base += 1000) {
    std::string sql = "INSERT INTO " + dbname + ".t VALUES ";
    for (int i = base; i < base + 1000; ++i) sql += (i == base ? "(" : ",(") + std::to_string(i) + ",0)";
    db->execute(sql);
  }
  auto dir = scratchDir("mysql-handover");
  Connectd w(dir, mysqlWorkerProps());
  w.start();
  w.waitReady();
  Json cfg = seedConnector()["config"];
  cfg["topic.prefix"] = prefix;
  cfg["database.include.list"] = dbname;
  cfg["database.server.id"] = "184055";
  cfg["schema.history.internal.kafka.topic"] = "history." + prefix;
  std::atomic<bool> done{false};
  ASSERT_EQ(w.post("/connectors", {{"name", prefix}, {"config", cfg}}).status, 201);
  // Concurrent writes while the snapshot runs: new rows and updates of existing ones.
  std::thread writer([&] {
    auto c = mariadb();
    for (int i = 0; i < 2000; ++i) {
      c->execute("INSERT INTO " + dbname + ".t VALUES (" + std::to_string(kInitial + i) + ",1)");
      c->execute("UPDATE " + dbname + ".t SET v = 2 WHERE id = " + std::to_string(i));
    }
    done = true;
  });
  writer.join();
  const std::string topic = prefix + "." + dbname + ".t";
  // Final state per id: v=2 for 0..1999, 0 for the rest of the initial rows, 1 for new rows.
  std::map<int, int> last;
  std::map<int, std::vector<std::pair<std::string, int>>> events;
  ASSERT_TRUE(waitFor([&] {
    auto recs = readTopic(topic);
    last.clear();
    events.clear();
    for (const auto& r : recs) {
      if (!r.value) continue;
      Json v = Json::parse(*r.value)["payload"];
      if (v["after"].is_null()) continue;
      int id = v["after"]["id"];
      int val = v["after"]["v"];
      last[id] = val;
      events[id].push_back({v["op"], val});
    }
    if (last.size() != static_cast<size_t>(kInitial + 2000)) return false;
    for (int i = 0; i < 2000; ++i)
      if (last[i] != 2) return false;
    return true;
  }, 180s)) << w.log() << " ids seen: " << last.size();
  // Exactly once: an initial row is read once by the snapshot ('r'); if the update committed
  // before the snapshot read it, the snapshot shows v=2 and no 'u' follows; otherwise one 'u'.
  for (int i = 0; i < kInitial; ++i) {
    const auto& ev = events[i];
    ASSERT_FALSE(ev.empty()) << i;
    EXPECT_EQ(ev[0].first, "r") << i;
    if (i < 2000) {
      if (ev[0].second == 2) {
        EXPECT_EQ(ev.size(), 1u) << i;
      } else {
        ASSERT_EQ(ev.size(), 2u) << i;
        EXPECT_EQ(ev[1], (std::pair<std::string, int>{"u", 2})) << i;
      }
    } else {
      EXPECT_EQ(ev.size(), 1u) << i;
    }
  }
  for (int i = kInitial; i < kInitial + 2000; ++i) {
    ASSERT_EQ(events[i].size(), 1u) << i;
    EXPECT_TRUE(events[i][0].first == "r" || events[i][0].first == "c") << i;
  }
  EXPECT_EQ(w.del("/connectors/" + prefix).status, 204);
  db->execute("DROP DATABASE " + dbname);
}

// A snapshot interrupted by kill -9 is redone from scratch after the restart (its offset still
// says "snapshot"), and streaming then continues from the new snapshot's position.
TEST(MySqlSourceTest, KillDuringSnapshotRedoesTheSnapshot) {
  const std::string dbname = uniqueDatabase("itsnap");
  const std::string prefix = dbname;
  auto db = mariadb();
  db->execute("CREATE DATABASE " + dbname);
  db->execute("CREATE TABLE " + dbname + ".t (id INT PRIMARY KEY, pad VARCHAR(200) NOT NULL)");
  const int kRows = 200000;
  for (int base = 0; base < kRows; base += 2000) {
    std::string sql = "INSERT INTO " + dbname + ".t VALUES ";
    for (int i = base; i < base + 2000; ++i)
      sql += (i == base ? "(" : ",(") + std::to_string(i) + ",REPEAT('x',150))";
    db->execute(sql);
  }
  Json cfg = seedConnector()["config"];
  cfg["topic.prefix"] = prefix;
  cfg["database.include.list"] = dbname;
  cfg["database.server.id"] = "184057";
  cfg["schema.history.internal.kafka.topic"] = "history." + prefix;
  std::map<std::string, std::string> connector = {{"name", prefix}};
  for (auto it = cfg.begin(); it != cfg.end(); ++it) connector[it.key()] = it.value().get<std::string>();
  auto dir = scratchDir("mysql-snapkill");
  Connectd w(dir, mysqlWorkerProps(), {connector});
  w.start();
  w.waitReady();
  const std::string topic = prefix + "." + dbname + ".t";
  // Kill once part of the snapshot is in Kafka.
  ASSERT_TRUE(waitFor([&] { return endOffset(topic) > 0; }, 120s, 20ms)) << w.log();
  w.kill9();
  const int64_t before_restart = endOffset(topic);
  ASSERT_LT(before_restart, kRows) << "the snapshot finished before the kill";
  w.start();
  w.waitReady();
  db->execute("INSERT INTO " + dbname + ".t VALUES (" + std::to_string(kRows) + ",'after')");
  // The redone snapshot writes every row again (with or without the row inserted at the restart,
  // depending on whether it committed before the snapshot's consistent read); a row inserted
  // once all of them are in Kafka is streamed.
  ASSERT_TRUE(waitFor([&] { return endOffset(topic) >= before_restart + kRows + 1; }, 240s)) << w.log();
  db->execute("INSERT INTO " + dbname + ".t VALUES (" + std::to_string(kRows + 1) + ",'streamed')");
  ASSERT_TRUE(waitFor([&] { return endOffset(topic) >= before_restart + kRows + 2; }, 60s)) << w.log();
  std::set<int> ids;
  bool last_seen = false;
  bool streamed = false;
  // 400,000 records: look the few fields up in the text instead of parsing every document.
  for (const auto& r : readTopic(topic)) {
    if (!r.value) continue;
    const std::string& v = *r.value;
    const size_t at = v.find("\"after\":{\"id\":");
    ASSERT_NE(at, std::string::npos) << v;
    const int id = std::atoi(v.c_str() + at + 14);
    ids.insert(id);
    if (v.find("\"snapshot\":\"last\"") != std::string::npos && v.find("\"op\":\"r\"") != std::string::npos)
      last_seen = true;
    if (id == kRows + 1 && v.find("\"op\":\"c\"") != std::string::npos) streamed = true;
  }
  EXPECT_EQ(ids.size(), static_cast<size_t>(kRows + 2));
  EXPECT_TRUE(streamed);
  EXPECT_TRUE(last_seen) << "the redone snapshot completes with a record marked last";
  EXPECT_EQ(w.del("/connectors/" + prefix).status, 204);
  db->execute("DROP DATABASE " + dbname);
}

// kill -9 five times during 50,000 changes: every change arrives at least once and, per key,
// in commit order (duplicates only replay the window whose offsets were not committed).
TEST(MySqlSourceTest, KillNineFiveTimesLosesNothingAndKeepsOrder) {
  const std::string dbname = uniqueDatabase("itkill");
  const std::string prefix = dbname;
  auto db = mariadb();
  db->execute("CREATE DATABASE " + dbname);
  db->execute("CREATE TABLE " + dbname + ".t (id INT PRIMARY KEY, v INT NOT NULL)");
  auto dir = scratchDir("mysql-kill");
  Json cfg = seedConnector()["config"];
  cfg["topic.prefix"] = prefix;
  cfg["database.include.list"] = dbname;
  cfg["database.server.id"] = "184056";
  cfg["schema.history.internal.kafka.topic"] = "history." + prefix;
  // Standalone mode keeps REST-created connectors in memory only: after a kill the connector
  // comes back from its properties file, as a user runs connect-standalone.
  std::map<std::string, std::string> connector = {{"name", prefix}};
  for (auto it = cfg.begin(); it != cfg.end(); ++it) connector[it.key()] = it.value().get<std::string>();
  Connectd w(dir, mysqlWorkerProps(), {connector});
  w.start();
  w.waitReady();
  ASSERT_TRUE(w.waitForState(prefix, "RUNNING")) << w.log();

  // 10,000 keys x 5 rounds: round 0 inserts, rounds 1-4 update v to the round number, in
  // statements of 500 rows (multi-row binlog events) inside transactions of two statements.
  const int kKeys = 10000;
  const int kRounds = 5;
  std::atomic<bool> done{false};
  std::thread writer([&] {
    auto c = mariadb();
    for (int round = 0; round < kRounds; ++round) {
      for (int base = 0; base < kKeys; base += 1000) {
        c->execute("BEGIN");
        for (int half = base; half < base + 1000; half += 500) {
          if (round == 0) {
            std::string sql = "INSERT INTO " + dbname + ".t VALUES ";
            for (int i = half; i < half + 500; ++i) sql += (i == half ? "(" : ",(") + std::to_string(i) + ",0)";
            c->execute(sql);
          } else {
            c->execute("UPDATE " + dbname + ".t SET v = " + std::to_string(round) + " WHERE id >= " +
                       std::to_string(half) + " AND id < " + std::to_string(half + 500));
          }
        }
        c->execute("COMMIT");
        std::this_thread::sleep_for(std::chrono::milliseconds(150));
      }
    }
    done = true;
  });
  for (int k = 0; k < 5; ++k) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));
    w.kill9();
    w.start();
    w.waitReady();
  }
  ASSERT_TRUE(w.waitForState(prefix, "RUNNING")) << w.log();
  writer.join();
  const std::string topic = prefix + "." + dbname + ".t";
  std::map<int, std::vector<int>> seen;
  ASSERT_TRUE(waitFor([&] {
    seen.clear();
    for (const auto& r : readTopic(topic)) {
      if (!r.value) continue;
      Json p = Json::parse(*r.value)["payload"];
      if (p["after"].is_null()) continue;
      seen[p["after"]["id"].get<int>()].push_back(p["after"]["v"].get<int>());
    }
    if (seen.size() != static_cast<size_t>(kKeys)) return false;
    for (const auto& [id, vs] : seen)
      if (vs.empty() || vs.back() != kRounds - 1) return false;
    return true;
  }, 240s)) << w.log() << " keys: " << seen.size();
  for (const auto& [id, vs] : seen) {
    // Every round's value is there, and the first occurrences are in commit order.
    std::vector<int> firsts;
    std::set<int> distinct;
    for (int v : vs)
      if (distinct.insert(v).second) firsts.push_back(v);
    ASSERT_EQ(firsts.size(), static_cast<size_t>(kRounds)) << "id " << id;
    for (int r = 0; r < kRounds; ++r) ASSERT_EQ(firsts[r], r) << "id " << id;
  }
  EXPECT_EQ(w.del("/connectors/" + prefix).status, 204);
  db->execute("DROP DATABASE " + dbname);
}

}  // namespace
}  // namespace connectd::it
