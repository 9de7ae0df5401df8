// The MySQL/MariaDB CDC source's streaming behaviours against the local MariaDB and Kafka: DDL
// and schema history, transaction metadata, heartbeats, offsets of filtered events, reconnects,
// authentication failures, skipped operations and column mappers. Expectations come from
// /work/shared/spec/debezium-mysql.md (Debezium 3.x), not from what connectd emits.

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "connectors/mysql/binlog/connection.h"
#include "tests/integration/harness.h"
#include "tests/integration/mysql_it_support.h"

namespace connectd::it {
namespace {

// The schema of the envelope's `after` field.
Json afterSchema(const Json& event) {
  for (const auto& f : event["schema"]["fields"])
    if (f["field"] == "after") return f;
  return Json();
}

std::vector<std::string> fieldNames(const Json& struct_schema) {
  std::vector<std::string> names;
  for (const auto& f : struct_schema["fields"]) names.push_back(f["field"]);
  return names;
}

Json fieldSchema(const Json& struct_schema, const std::string& name) {
  for (const auto& f : struct_schema["fields"])
    if (f["field"] == name) return f;
  return Json();
}

// A streamed ALTER changes the schema of the events after it (not before it), is a schema change
// event on <prefix> and a schema history record (spec §5); after a restart the schema is rebuilt
// from the history up to the offset and DDL streamed since is replayed in binlog order (§4.3).
TEST(MySqlStreamingTest, DdlChangesSchemaAndRestartRecoversItFromHistory) {
  const std::string dbname = uniqueDatabase("h7ddl");
  const std::string prefix = dbname;
  Databases dbs({dbname});
  auto db = mariadb();
  db->execute("CREATE TABLE " + dbname + ".t (id INT PRIMARY KEY, v INT NOT NULL)");
  db->execute("INSERT INTO " + dbname + ".t VALUES (0, 0)");
  const Json cfg = mysqlConnectorConfig(prefix, dbname, 186001);
  Connectd w(scratchDir("h7-ddl"), mysqlWorkerProps(), {connectorFile(prefix, cfg)});
  w.start();
  w.waitReady();
  const std::string topic = prefix + "." + dbname + ".t";
  ASSERT_TRUE(waitForSnapshotEnd(topic)) << w.log();

  db->execute("INSERT INTO " + dbname + ".t VALUES (1, 10)");
  db->execute("INSERT INTO " + dbname + ".t VALUES (2, 20)");
  db->execute("ALTER TABLE " + dbname + ".t ADD COLUMN c VARCHAR(20) DEFAULT 'x'");
  db->execute("INSERT INTO " + dbname + ".t (id, v) VALUES (3, 30)");
  db->execute("INSERT INTO " + dbname + ".t VALUES (4, 40, 'z')");
  db->execute("UPDATE " + dbname + ".t SET v = 11, c = 'y' WHERE id = 1");

  // Every event is identified by its after.v; the value of column c it must carry (nullopt:
  // the column is not in the schema at all).
  using Expect = std::optional<std::string>;
  auto check = [&](const Json& event, const Expect& c, const Expect& before_c) {
    const Json after = afterSchema(event);
    const Json& p = event["payload"];
    const std::string what = "event v=" + p["after"]["v"].dump();
    if (!c) {
      EXPECT_EQ(fieldNames(after), (std::vector<std::string>{"id", "v"})) << what;
      EXPECT_FALSE(p["after"].contains("c")) << what;
      if (p["before"].is_object()) {
        EXPECT_FALSE(p["before"].contains("c")) << what;
      }
      return;
    }
    EXPECT_EQ(fieldNames(after), (std::vector<std::string>{"id", "v", "c"})) << what;
    EXPECT_EQ(fieldSchema(after, "c"), Json::parse(R"({"type":"string","optional":true,"default":"x","field":"c"})"))
        << what;
    EXPECT_EQ(p["after"]["c"], *c) << what;
    if (before_c) {
      EXPECT_EQ(p["before"]["c"], *before_c) << what;
    }
  };
  std::map<int, Json> by_v;
  auto collect = [&] {
    by_v.clear();
    for (const auto& r : readIfExists(topic)) {
      if (!r.value) continue;
      Json e = Json::parse(*r.value);
      by_v[e["payload"]["after"]["v"].get<int>()] = e;
    }
  };
  ASSERT_TRUE(waitFor([&] {
    collect();
    return by_v.count(11) != 0;
  }, 60s)) << w.log();
  ASSERT_EQ(by_v.size(), 6u);
  check(by_v[0], std::nullopt, std::nullopt);
  check(by_v[10], std::nullopt, std::nullopt);
  check(by_v[20], std::nullopt, std::nullopt);
  check(by_v[30], "x", std::nullopt);
  check(by_v[40], "z", std::nullopt);
  check(by_v[11], "y", "x");
  EXPECT_EQ(by_v[11]["payload"]["op"], "u");

  // The schema change event (spec §5.2): key {databaseName}, the DDL text and an ALTER table
  // change carrying the new column.
  const std::string key_schema =
      R"({"type":"struct","fields":[{"type":"string","optional":false,"field":"databaseName"}],"optional":false,"name":"io.debezium.connector.mysql.SchemaChangeKey","version":1})";
  auto findSchemaChange = [&](const std::string& ddl_part) -> std::optional<KafkaRecord> {
    for (const auto& r : readIfExists(prefix)) {
      if (!r.value) continue;
      if (Json::parse(*r.value)["payload"]["ddl"].get<std::string>().find(ddl_part) != std::string::npos) return r;
    }
    return std::nullopt;
  };
  std::optional<KafkaRecord> add = findSchemaChange("ADD COLUMN c");
  ASSERT_TRUE(add.has_value()) << w.log();
  EXPECT_EQ(add->partition, 0);
  EXPECT_EQ(add->key, R"({"schema":)" + key_schema + R"(,"payload":{"databaseName":")" + dbname + R"("}})");
  EXPECT_EQ(header(*add, "__debezium.context.connectorLogicalName"), prefix);
  {
    Json v = Json::parse(*add->value);
    EXPECT_EQ(v["schema"]["name"], "io.debezium.connector.mysql.SchemaChangeValue");
    const Json& p = v["payload"];
    EXPECT_EQ(p["databaseName"], dbname);
    EXPECT_TRUE(p["schemaName"].is_null());
    EXPECT_EQ(p["source"]["db"], dbname);
    EXPECT_EQ(p["source"]["table"], "t");
    EXPECT_EQ(p["source"]["snapshot"], "false");
    ASSERT_EQ(p["tableChanges"].size(), 1u) << p.dump();
    const Json& change = p["tableChanges"][0];
    EXPECT_EQ(change["type"], "ALTER");
    EXPECT_EQ(change["id"], "\"" + dbname + "\".\"t\"");
    EXPECT_EQ(change["table"]["primaryKeyColumnNames"], Json::array({"id"}));
    ASSERT_EQ(change["table"]["columns"].size(), 3u) << change.dump();
    const Json& col = change["table"]["columns"][2];
    EXPECT_EQ(col["name"], "c");
    EXPECT_EQ(col["jdbcType"], 12);
    EXPECT_EQ(col["typeName"], "VARCHAR");
    EXPECT_EQ(col["length"], 20);
    EXPECT_EQ(col["position"], 3);
    EXPECT_EQ(col["optional"], true);
    EXPECT_EQ(col["defaultValueExpression"], "x");
    EXPECT_TRUE(col["enumValues"].is_null()) << "null unless ENUM/SET in the Connect form";
  }
  // The schema history record (spec §5.1) of the same DDL.
  auto findHistory = [&](const std::string& ddl_part) -> std::optional<Json> {
    for (const auto& r : readIfExists("history." + prefix)) {
      if (!r.value) continue;
      Json doc = Json::parse(*r.value);
      if (doc["ddl"].get<std::string>().find(ddl_part) != std::string::npos) return doc;
    }
    return std::nullopt;
  };
  std::optional<Json> add_history = findHistory("ADD COLUMN c");
  ASSERT_TRUE(add_history.has_value());
  EXPECT_EQ((*add_history)["source"], Json({{"server", prefix}}));
  EXPECT_TRUE((*add_history)["position"].contains("file"));
  EXPECT_TRUE((*add_history)["position"].contains("pos"));
  EXPECT_FALSE((*add_history)["position"].contains("snapshot"));
  EXPECT_EQ((*add_history)["databaseName"], dbname);
  ASSERT_EQ((*add_history)["tableChanges"].size(), 1u);
  EXPECT_EQ((*add_history)["tableChanges"][0]["type"], "ALTER");
  ASSERT_EQ((*add_history)["tableChanges"][0]["table"]["columns"].size(), 3u);
  const Json& hcol = (*add_history)["tableChanges"][0]["table"]["columns"][2];
  EXPECT_EQ(hcol["name"], "c");
  EXPECT_EQ(hcol["hasDefaultValue"], true);
  EXPECT_EQ(hcol["defaultValueExpression"], "x");
  EXPECT_EQ(hcol["enumValues"], Json::array());

  // Down: a row with c, the column dropped, rows without it.
  w.stop();
  db->execute("INSERT INTO " + dbname + ".t VALUES (5, 50, 'w')");
  db->execute("ALTER TABLE " + dbname + ".t DROP COLUMN c");
  db->execute("INSERT INTO " + dbname + ".t VALUES (6, 60)");
  db->execute("UPDATE " + dbname + ".t SET v = 31 WHERE id = 3");
  w.start();
  w.waitReady();
  ASSERT_TRUE(waitFor([&] {
    collect();
    return by_v.count(31) != 0;
  }, 60s)) << w.log();
  ASSERT_TRUE(w.waitForState(prefix, "RUNNING", 1, 5s)) << w.log();
  ASSERT_EQ(by_v.size(), 9u);
  check(by_v[50], "w", std::nullopt);
  check(by_v[60], std::nullopt, std::nullopt);
  check(by_v[31], std::nullopt, std::nullopt);
  EXPECT_EQ(by_v[31]["payload"]["before"]["v"], 30);
  std::optional<KafkaRecord> drop = findSchemaChange("DROP COLUMN c");
  ASSERT_TRUE(drop.has_value());
  {
    const Json change = Json::parse(*drop->value)["payload"]["tableChanges"];
    ASSERT_EQ(change.size(), 1u);
    EXPECT_EQ(change[0]["type"], "ALTER");
    EXPECT_EQ(change[0]["table"]["columns"].size(), 2u);
  }
  EXPECT_TRUE(findHistory("DROP COLUMN c").has_value());
  w.stop();
}

// provide.transaction.metadata=true (spec §1.7): BEGIN and END records on <prefix>.transaction,
// and each data event's `transaction` block numbers it within the transaction and its table.
TEST(MySqlStreamingTest, TransactionMetadataTopicHasBeginAndEnd) {
  const std::string dbname = uniqueDatabase("h7tx");
  const std::string prefix = dbname;
  Databases dbs({dbname});
  auto db = mariadb();
  db->execute("CREATE TABLE " + dbname + ".t1 (id INT PRIMARY KEY)");
  db->execute("CREATE TABLE " + dbname + ".t2 (id INT PRIMARY KEY)");
  db->execute("INSERT INTO " + dbname + ".t1 VALUES (0)");
  Json cfg = mysqlConnectorConfig(prefix, dbname, 186002);
  cfg["provide.transaction.metadata"] = "true";
  Connectd w(scratchDir("h7-tx"), mysqlWorkerProps());
  w.start();
  w.waitReady();
  ASSERT_EQ(w.post("/connectors", {{"name", prefix}, {"config", cfg}}).status, 201);
  const std::string t1 = prefix + "." + dbname + ".t1";
  const std::string t2 = prefix + "." + dbname + ".t2";
  ASSERT_TRUE(waitForSnapshotEnd(t1)) << w.log();

  auto session = mariadb();
  session->execute("BEGIN");
  session->execute("INSERT INTO " + dbname + ".t1 VALUES (1)");
  session->execute("INSERT INTO " + dbname + ".t2 VALUES (1)");
  session->execute("INSERT INTO " + dbname + ".t1 VALUES (2)");
  session->execute("COMMIT");
  // MariaDB always writes GTIDs: the transaction id is the GTID (domain-server-sequence).
  const std::string gtid = session->queryScalar("SELECT @@last_gtid").value_or("");
  ASSERT_FALSE(gtid.empty());

  const std::string tx_topic = prefix + ".transaction";
  std::vector<KafkaRecord> tx;
  ASSERT_TRUE(waitFor([&] {
    tx.clear();
    for (const auto& r : readIfExists(tx_topic)) {
      if (r.key && Json::parse(*r.key)["payload"]["id"] == gtid) tx.push_back(r);
    }
    return tx.size() >= 2;
  }, 60s)) << w.log();
  ASSERT_EQ(tx.size(), 2u);
  const std::string key =
      R"({"schema":{"type":"struct","fields":[{"type":"string","optional":false,"field":"id"}],"optional":false,"name":"io.debezium.connector.common.TransactionMetadataKey","version":1},"payload":{"id":")" +
      gtid + R"("}})";
  const Json value_schema = Json::parse(
      R"({"type":"struct","fields":[{"type":"string","optional":false,"field":"status"},{"type":"string","optional":false,"field":"id"},{"type":"int64","optional":true,"field":"event_count"},{"type":"array","items":{"type":"struct","fields":[{"type":"string","optional":false,"field":"data_collection"},{"type":"int64","optional":false,"field":"event_count"}],"optional":false,"name":"event.collection","version":1},"optional":true,"field":"data_collections"},{"type":"int64","optional":false,"field":"ts_ms"}],"optional":false,"name":"io.debezium.connector.common.TransactionMetadataValue","version":1})");
  const KafkaRecord& begin = tx[0];
  const KafkaRecord& end = tx[1];
  EXPECT_EQ(begin.key, key);
  EXPECT_EQ(end.key, key);
  ASSERT_TRUE(begin.value && end.value);
  Json bv = Json::parse(*begin.value);
  Json ev = Json::parse(*end.value);
  EXPECT_EQ(bv["schema"], value_schema);
  EXPECT_EQ(ev["schema"], value_schema);
  EXPECT_EQ(fieldNames(bv["schema"]), (std::vector<std::string>{"status", "id", "event_count", "data_collections", "ts_ms"}));
  EXPECT_EQ(bv["payload"]["status"], "BEGIN");
  EXPECT_EQ(bv["payload"]["id"], gtid);
  EXPECT_TRUE(bv["payload"]["event_count"].is_null());
  EXPECT_TRUE(bv["payload"]["data_collections"].is_null());
  EXPECT_GT(bv["payload"]["ts_ms"].get<int64_t>(), 0);
  EXPECT_EQ(ev["payload"]["status"], "END");
  EXPECT_EQ(ev["payload"]["id"], gtid);
  EXPECT_EQ(ev["payload"]["event_count"], 3);
  std::map<std::string, int64_t> collections;
  for (const auto& c : ev["payload"]["data_collections"]) collections[c["data_collection"]] = c["event_count"];
  EXPECT_EQ(collections, (std::map<std::string, int64_t>{{dbname + ".t1", 2}, {dbname + ".t2", 1}}));
  EXPECT_GE(ev["payload"]["ts_ms"].get<int64_t>(), bv["payload"]["ts_ms"].get<int64_t>());

  // The data events: total_order across the transaction, data_collection_order per table.
  std::vector<Json> e1;
  std::vector<Json> e2;
  ASSERT_TRUE(waitFor([&] {
    e1.clear();
    e2.clear();
    for (const auto& r : readIfExists(t1))
      if (r.value) e1.push_back(Json::parse(*r.value));
    for (const auto& r : readIfExists(t2))
      if (r.value) e2.push_back(Json::parse(*r.value));
    return e1.size() >= 3 && e2.size() >= 1;
  }, 60s)) << w.log();
  ASSERT_EQ(e1.size(), 3u);
  ASSERT_EQ(e2.size(), 1u);
  const Json block_schema = Json::parse(
      R"({"type":"struct","fields":[{"type":"string","optional":false,"field":"id"},{"type":"int64","optional":false,"field":"total_order"},{"type":"int64","optional":false,"field":"data_collection_order"}],"optional":true,"name":"event.block","version":1,"field":"transaction"})");
  EXPECT_EQ(fieldSchema(e1[1]["schema"], "transaction"), block_schema);
  EXPECT_TRUE(e1[0]["payload"]["transaction"].is_null()) << "snapshot events belong to no transaction";
  auto block = [&](int64_t total, int64_t per_table) {
    return Json({{"id", gtid}, {"total_order", total}, {"data_collection_order", per_table}});
  };
  EXPECT_EQ(e1[1]["payload"]["after"]["id"], 1);
  EXPECT_EQ(e1[1]["payload"]["transaction"], block(1, 1));
  EXPECT_EQ(e2[0]["payload"]["transaction"], block(2, 1));
  EXPECT_EQ(e1[2]["payload"]["after"]["id"], 2);
  EXPECT_EQ(e1[2]["payload"]["transaction"], block(3, 2));
  EXPECT_EQ(e1[1]["payload"]["source"]["gtid"], gtid);
  EXPECT_EQ(w.del("/connectors/" + prefix).status, 204);
}

// heartbeat.interval.ms (spec §1.8): records on __debezium-heartbeat.<prefix> keyed by the
// server name, whose offsets move the committed position past binlog events of tables that are
// not captured, while no data event is produced.
TEST(MySqlStreamingTest, HeartbeatsAdvanceOffsetsWhileCapturedTablesAreIdle) {
  const std::string dbname = uniqueDatabase("h7hb");
  const std::string other = dbname + "_other";
  const std::string prefix = dbname;
  Databases dbs({dbname, other});
  auto db = mariadb();
  db->execute("CREATE TABLE " + dbname + ".t (id INT PRIMARY KEY)");
  db->execute("CREATE TABLE " + other + ".o (id INT PRIMARY KEY)");
  db->execute("INSERT INTO " + dbname + ".t VALUES (0)");
  Json cfg = mysqlConnectorConfig(prefix, dbname, 186003);
  cfg["heartbeat.interval.ms"] = "1000";
  Connectd w(scratchDir("h7-hb"), mysqlWorkerProps());
  w.start();
  w.waitReady();
  ASSERT_EQ(w.post("/connectors", {{"name", prefix}, {"config", cfg}}).status, 201);
  const std::string topic = prefix + "." + dbname + ".t";
  ASSERT_TRUE(waitForSnapshotEnd(topic)) << w.log();

  const std::string hb_topic = "__debezium-heartbeat." + prefix;
  std::vector<KafkaRecord> beats;
  ASSERT_TRUE(waitFor([&] {
    beats = readIfExists(hb_topic);
    return beats.size() >= 2;
  }, 30s)) << w.log();
  const std::string key =
      R"({"schema":{"type":"struct","fields":[{"type":"string","optional":false,"field":"serverName"}],"optional":false,"name":"io.debezium.connector.common.ServerNameKey","version":1},"payload":{"serverName":")" +
      prefix + R"("}})";
  const Json value_schema = Json::parse(
      R"({"type":"struct","fields":[{"type":"int64","optional":false,"field":"ts_ms"}],"optional":false,"name":"io.debezium.connector.common.Heartbeat","version":1})");
  const int64_t now_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  for (const auto& b : beats) {
    EXPECT_EQ(b.partition, 0);
    EXPECT_EQ(b.key, key);
    ASSERT_TRUE(b.value.has_value());
    Json v = Json::parse(*b.value);
    EXPECT_EQ(v["schema"], value_schema);
    EXPECT_EQ(v["payload"].size(), 1u);
    EXPECT_NEAR(static_cast<double>(v["payload"]["ts_ms"].get<int64_t>()), static_cast<double>(now_ms), 120000.0);
  }

  BinlogPosition before;
  ASSERT_TRUE(waitFor([&] {
    before = committedPosition(w, prefix);
    return before.pos >= 0;
  }, 30s)) << w.log();
  for (int i = 0; i < 20; ++i) db->execute("INSERT INTO " + other + ".o VALUES (" + std::to_string(i) + ")");
  const BinlogPosition written = masterPosition(*db);
  ASSERT_FALSE(atOrAfter(before, written));
  BinlogPosition after;
  ASSERT_TRUE(waitFor([&] {
    after = committedPosition(w, prefix);
    return after.pos >= 0 && atOrAfter(after, written);
  }, 30s)) << "committed " << after << ", binlog end after the writes " << written << "\n" << w.log();
  EXPECT_EQ(readIfExists(topic).size(), 1u) << "writes to a database that is not captured produce no data events";
  const size_t beats_before = beats.size();
  EXPECT_TRUE(waitFor([&] { return readIfExists(hb_topic).size() > beats_before; }, 10s))
      << "heartbeats keep coming while idle";
  EXPECT_EQ(w.del("/connectors/" + prefix).status, 204);
}

// Without heartbeats, Debezium's committed offset stays where the last emitted record left it
// while only filtered tables change; connectd deliberately commits offset-only positions of
// such stretches (KIP-910 shape, see server/runtime/worker_source_task.cpp) so a restart does
// not re-read them. Asserts that design decision on a database kept busy with filtered writes:
// connectd checks for such a stretch when a binlog event arrives, so the tail of a burst
// followed by silence is committed only with the next event (the server's replication
// heartbeat, every 0.8 x connect.keep.alive.interval.ms without heartbeat.interval.ms).
TEST(MySqlStreamingTest, FilteredTableWritesAdvanceTheOffsetWithoutHeartbeats) {
  const std::string dbname = uniqueDatabase("h7flt");
  const std::string prefix = dbname;
  Databases dbs({dbname});
  auto db = mariadb();
  db->execute("CREATE TABLE " + dbname + ".t_in (id INT PRIMARY KEY)");
  db->execute("CREATE TABLE " + dbname + ".t_out (id INT PRIMARY KEY)");
  db->execute("INSERT INTO " + dbname + ".t_in VALUES (0)");
  Json cfg = mysqlConnectorConfig(prefix, dbname, 186004);
  cfg["table.include.list"] = dbname + "\\.t_in";
  Connectd w(scratchDir("h7-flt"), mysqlWorkerProps());
  w.start();
  w.waitReady();
  ASSERT_EQ(w.post("/connectors", {{"name", prefix}, {"config", cfg}}).status, 201);
  const std::string topic = prefix + "." + dbname + ".t_in";
  ASSERT_TRUE(waitForSnapshotEnd(topic)) << w.log();
  BinlogPosition before;
  ASSERT_TRUE(waitFor([&] {
    before = committedPosition(w, prefix);
    return before.pos >= 0;
  }, 30s)) << w.log();
  // A busy database whose changes are all filtered out: t_out keeps being written (every poll)
  // until the committed position has passed the first writes.
  int next_id = 0;
  auto writeFiltered = [&] {
    db->execute("INSERT INTO " + dbname + ".t_out VALUES (" + std::to_string(next_id++) + ")");
  };
  for (int i = 0; i < 5; ++i) writeFiltered();
  const BinlogPosition written = masterPosition(*db);
  ASSERT_FALSE(atOrAfter(before, written));
  BinlogPosition after;
  ASSERT_TRUE(waitFor([&] {
    writeFiltered();
    after = committedPosition(w, prefix);
    return after.pos >= 0 && atOrAfter(after, written);
  }, 30s, 200ms)) << "committed " << after << ", binlog end after the first writes " << written << "\n" << w.log();
  EXPECT_EQ(readIfExists(topic).size(), 1u);
  EXPECT_TRUE(readIfExists(prefix + "." + dbname + ".t_out").empty()) << "t_out is not captured";
  EXPECT_TRUE(readIfExists("__debezium-heartbeat." + prefix).empty()) << "heartbeats are off";
  EXPECT_EQ(w.del("/connectors/" + prefix).status, 204);
}

// The server kills the replication connection mid-stream: the binlog client reconnects from the
// restart position (Debezium's BinaryLogClient keep-alive reconnect); every row arrives at least
// once and in commit order per key, and the task never leaves RUNNING.
TEST(MySqlStreamingTest, ReconnectsAfterTheServerDropsTheBinlogConnection) {
  const std::string dbname = uniqueDatabase("h7rc");
  const std::string prefix = dbname;
  Databases dbs({dbname});
  auto db = mariadb();
  db->execute("CREATE TABLE " + dbname + ".t (id INT PRIMARY KEY, v INT NOT NULL)");
  db->execute("INSERT INTO " + dbname + ".t VALUES (-1, 0)");
  Json cfg = mysqlConnectorConfig(prefix, dbname, 186005);
  Connectd w(scratchDir("h7-rc"), mysqlWorkerProps());
  w.start();
  w.waitReady();
  ASSERT_EQ(w.post("/connectors", {{"name", prefix}, {"config", cfg}}).status, 201);
  const std::string topic = prefix + "." + dbname + ".t";
  ASSERT_TRUE(waitForSnapshotEnd(topic)) << w.log();

  // This connector's dump thread, found by the client port of connectd's binlog connection.
  std::set<std::string> ours;
  ASSERT_TRUE(waitFor([&] {
    ours = ourBinlogDumpThreads(*db);
    return ours.size() == 1;
  }, 30s)) << "binlog dump threads of this connectd: " << ours.size();
  const std::string killed = *ours.begin();

  const int kKeys = 300;
  std::atomic<int> written{0};
  std::thread writer([&] {
    auto c = mariadb();
    for (int i = 0; i < kKeys; ++i) {
      c->execute("INSERT INTO " + dbname + ".t VALUES (" + std::to_string(i) + ", 0)");
      c->execute("UPDATE " + dbname + ".t SET v = 1 WHERE id = " + std::to_string(i));
      written = i + 1;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  });
  ASSERT_TRUE(waitFor([&] { return written.load() >= kKeys / 3; }, 60s));
  db->execute("KILL " + killed);
  writer.join();

  std::map<int, std::vector<int>> seen;
  ASSERT_TRUE(waitFor([&] {
    seen.clear();
    for (const auto& p : payloads(topic)) {
      if (p["after"].is_null()) continue;
      seen[p["after"]["id"].get<int>()].push_back(p["after"]["v"].get<int>());
    }
    if (seen.size() != static_cast<size_t>(kKeys + 1)) return false;
    for (const auto& [id, vs] : seen)
      if (id >= 0 && vs.back() != 1) return false;
    return true;
  }, 90s)) << w.log() << " keys: " << seen.size();
  for (int i = 0; i < kKeys; ++i) {
    const auto& vs = seen[i];
    std::vector<int> firsts;
    for (int v : vs)
      if (std::find(firsts.begin(), firsts.end(), v) == firsts.end()) firsts.push_back(v);
    EXPECT_EQ(firsts, (std::vector<int>{0, 1})) << "id " << i;
  }
  // Reconnected: a new dump thread replaced the killed one, and the task stayed RUNNING.
  const std::set<std::string> now_ours = ourBinlogDumpThreads(*db);
  EXPECT_EQ(now_ours.count(killed), 0u);
  EXPECT_EQ(now_ours.size(), 1u);
  Json status = w.get("/connectors/" + prefix + "/status").json();
  EXPECT_EQ(status["connector"]["state"], "RUNNING") << status.dump();
  ASSERT_EQ(status["tasks"].size(), 1u);
  EXPECT_EQ(status["tasks"][0]["state"], "RUNNING") << status.dump();
  EXPECT_EQ(w.del("/connectors/" + prefix).status, 204);
}

// A wrong password: creating the connector is refused by Debezium's connection validation
// (spec §7.3 "Unable to connect: <cause>", reported as Kafka Connect's 400); a connector whose
// password stops working fails its task on (re)start with a trace naming the connection, and
// the worker keeps serving.
TEST(MySqlStreamingTest, WrongPasswordFailsTheTaskWithAReadableTrace) {
  const std::string dbname = uniqueDatabase("h7pw");
  const std::string prefix = dbname;
  const std::string user = dbname;
  Databases dbs({dbname});
  auto db = mariadb();
  db->execute("CREATE TABLE " + dbname + ".t (id INT PRIMARY KEY)");
  db->execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'right-pw'");
  DropUserOnExit drop_user(user);
  db->execute("GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '" + user +
              "'@'%'");
  Json cfg = mysqlConnectorConfig(prefix, dbname, 186006);
  cfg["database.user"] = user;
  cfg["database.password"] = "wrong-pw";
  Connectd w(scratchDir("h7-pw"), mysqlWorkerProps());
  w.start();
  w.waitReady();

  auto refused = w.post("/connectors", {{"name", prefix}, {"config", cfg}});
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_NE(refused.body.find("Unable to connect: "), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("Access denied"), std::string::npos) << refused.body;

  cfg["database.password"] = "right-pw";
  ASSERT_EQ(w.post("/connectors", {{"name", prefix}, {"config", cfg}}).status, 201);
  ASSERT_TRUE(w.waitForState(prefix, "RUNNING")) << w.log();
  db->execute("ALTER USER '" + user + "'@'%' IDENTIFIED BY 'changed-pw'");
  auto restart = w.post("/connectors/" + prefix + "/restart?includeTasks=true", Json::object());
  ASSERT_TRUE(restart.status == 202 || restart.status == 200 || restart.status == 204) << restart.body;

  Json status;
  ASSERT_TRUE(waitFor([&] {
    status = w.get("/connectors/" + prefix + "/status").json();
    return status["tasks"].size() == 1 && status["tasks"][0]["state"] == "FAILED";
  }, 60s)) << status.dump() << "\n" << w.log();
  EXPECT_EQ(status["connector"]["state"], "RUNNING") << "the connector itself does not connect";
  const std::string trace = status["tasks"][0].value("trace", "");
  const bool authenticate = trace.find("Failed to authenticate") != std::string::npos;
  EXPECT_TRUE(authenticate || trace.find("Access denied") != std::string::npos) << trace;
  EXPECT_NE(trace.find(user), std::string::npos) << "the trace names the user: " << trace;
  if (authenticate) {
    const std::string where = "Failed to authenticate to the database at 127.0.0.1:" + std::to_string(mariadbPort()) +
                              " with user '" + user + "'";
    EXPECT_NE(trace.find(where), std::string::npos) << trace;
  }
  EXPECT_EQ(w.get("/").status, 200);
  EXPECT_TRUE(w.running());
  EXPECT_EQ(w.del("/connectors/" + prefix).status, 204);
}

// skipped.operations=u drops update events; tombstones.on.delete=false drops the tombstone after
// a delete (spec §3.5, §6.3).
TEST(MySqlStreamingTest, SkippedOperationsAndTombstones) {
  const std::string dbname = uniqueDatabase("h7skip");
  const std::string prefix = dbname;
  Databases dbs({dbname});
  auto db = mariadb();
  db->execute("CREATE TABLE " + dbname + ".t (id INT PRIMARY KEY, v INT NOT NULL)");
  db->execute("INSERT INTO " + dbname + ".t VALUES (0, 0)");
  Json cfg = mysqlConnectorConfig(prefix, dbname, 186007);
  cfg["skipped.operations"] = "u";
  cfg["tombstones.on.delete"] = "false";
  Connectd w(scratchDir("h7-skip"), mysqlWorkerProps());
  w.start();
  w.waitReady();
  ASSERT_EQ(w.post("/connectors", {{"name", prefix}, {"config", cfg}}).status, 201);
  const std::string topic = prefix + "." + dbname + ".t";
  ASSERT_TRUE(waitForSnapshotEnd(topic)) << w.log();
  db->execute("INSERT INTO " + dbname + ".t VALUES (1, 1)");
  db->execute("UPDATE " + dbname + ".t SET v = 2 WHERE id = 1");
  db->execute("DELETE FROM " + dbname + ".t WHERE id = 1");
  db->execute("INSERT INTO " + dbname + ".t VALUES (2, 1)");
  db->execute("UPDATE " + dbname + ".t SET v = 2 WHERE id = 2");
  db->execute("DELETE FROM " + dbname + ".t WHERE id = 0");
  db->execute("INSERT INTO " + dbname + ".t VALUES (3, 1)");  // the sentinel: anything skipped came before it

  std::vector<KafkaRecord> records;
  ASSERT_TRUE(waitFor([&] {
    records = readIfExists(topic);
    for (const auto& r : records) {
      if (!r.value) continue;
      const Json after = Json::parse(*r.value)["payload"]["after"];
      if (after.is_object() && after["id"] == 3) return true;
    }
    return false;
  }, 60s)) << w.log();
  std::vector<std::string> ops;
  for (const auto& r : records) {
    ASSERT_TRUE(r.value.has_value()) << "no tombstone with tombstones.on.delete=false";
    const Json p = Json::parse(*r.value)["payload"];
    const Json& row = p["op"] == "d" ? p["before"] : p["after"];
    ops.push_back(p["op"].get<std::string>() + row["id"].dump());
  }
  EXPECT_EQ(ops, (std::vector<std::string>{"r0", "c1", "d1", "c2", "d0", "c3"}));
  EXPECT_EQ(w.del("/connectors/" + prefix).status, 204);
}

// column.exclude.list removes a column from the value; column.mask.with.N.chars replaces a
// character column's value by N '*' and marks its schema "masked":"true" (spec §2.8); neither
// touches the key (§1.3), in the snapshot and in streaming alike.
TEST(MySqlStreamingTest, ColumnFiltersAndMasking) {
  const std::string dbname = uniqueDatabase("h7col");
  const std::string prefix = dbname;
  Databases dbs({dbname});
  auto db = mariadb();
  db->execute("CREATE TABLE " + dbname +
              ".t (id INT NOT NULL, name VARCHAR(50) NOT NULL, secret VARCHAR(50), v INT, PRIMARY KEY (id, name))");
  db->execute("INSERT INTO " + dbname + ".t VALUES (1, 'alice', 's1', 1)");
  Json cfg = mysqlConnectorConfig(prefix, dbname, 186008);
  cfg["column.exclude.list"] = dbname + ".t.secret";
  cfg["column.mask.with.4.chars"] = dbname + ".t.name";
  Connectd w(scratchDir("h7-col"), mysqlWorkerProps());
  w.start();
  w.waitReady();
  ASSERT_EQ(w.post("/connectors", {{"name", prefix}, {"config", cfg}}).status, 201);
  const std::string topic = prefix + "." + dbname + ".t";
  ASSERT_TRUE(waitForSnapshotEnd(topic)) << w.log();
  db->execute("INSERT INTO " + dbname + ".t VALUES (2, 'bob', 's2', 2)");
  db->execute("UPDATE " + dbname + ".t SET v = 3, secret = 's3' WHERE id = 2");

  std::vector<KafkaRecord> records;
  ASSERT_TRUE(waitFor([&] {
    records = readIfExists(topic);
    return records.size() >= 3;
  }, 60s)) << w.log();
  ASSERT_EQ(records.size(), 3u);
  const std::string key_schema =
      R"({"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"},{"type":"string","optional":false,"field":"name"}],"optional":false,"name":")" +
      topic + R"(.Key"})";
  EXPECT_EQ(records[0].key, R"({"schema":)" + key_schema + R"(,"payload":{"id":1,"name":"alice"}})");
  EXPECT_EQ(records[1].key, R"({"schema":)" + key_schema + R"(,"payload":{"id":2,"name":"bob"}})");
  EXPECT_EQ(records[2].key, R"({"schema":)" + key_schema + R"(,"payload":{"id":2,"name":"bob"}})");
  const Json row_schema = Json::parse(
      R"({"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"},{"type":"string","optional":false,"parameters":{"masked":"true"},"field":"name"},{"type":"int32","optional":true,"field":"v"}],"optional":true,"name":")" +
      topic + R"(.Value","field":"after"})");
  std::vector<std::string> ops;
  for (const auto& r : records) {
    ASSERT_TRUE(r.value.has_value());
    Json e = Json::parse(*r.value);
    EXPECT_EQ(afterSchema(e), row_schema);
    const Json& p = e["payload"];
    ops.push_back(p["op"]);
    EXPECT_FALSE(p["after"].contains("secret"));
    EXPECT_EQ(p["after"]["name"], "****");
    if (p["before"].is_object()) {
      EXPECT_FALSE(p["before"].contains("secret"));
      EXPECT_EQ(p["before"]["name"], "****");
    }
  }
  EXPECT_EQ(ops, (std::vector<std::string>{"r", "c", "u"}));
  EXPECT_EQ(Json::parse(*records[2].value)["payload"]["after"]["v"], 3);
  EXPECT_EQ(w.del("/connectors/" + prefix).status, 204);
}

}  // namespace
}  // namespace connectd::it
