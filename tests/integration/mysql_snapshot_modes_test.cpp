// snapshot.mode of the MySQL/MariaDB source against the local MariaDB and Kafka, and the start-up
// checks that decide between snapshot, resume and failure. Expectations follow Debezium 3.6.1:
// io.debezium.snapshot.mode.* (the snapshotters), BaseSourceTask.validateSchemaHistory,
// BinlogConnectorConnection.isBinlogPositionAvailable, MariaDbConnection (GTID_BINLOG_POS, no purged
// set), BinlogSnapshotChangeEventSource.determineSnapshotOffset and ChangeEventSourceCoordinator
// (spec debezium-mysql.md §4.3, §6.1, §7). The connector is driven through the REST API only; a
// binlog file or GTID set that is "gone" from the server is an offset rewritten with
// PATCH /connectors/<n>/offsets (KIP-875) while the connector is STOPPED, so the shared server's
// binlogs are never purged.

#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "tests/integration/harness.h"
#include "tests/integration/mysql_it_support.h"

namespace connectd::it {
namespace {

// Counts of one data topic's change events.
struct Ops {
  int reads = 0;     // 'r'
  int creates = 0;   // 'c'
  int lasts = 0;     // snapshot records marked "last": one per completed snapshot with rows
  std::vector<int> created_ids;
  std::vector<int> read_ids;
};

Ops ops(const std::string& topic) {
  Ops o;
  for (const auto& p : payloads(topic)) {
    if (p["op"] == "r") {
      ++o.reads;
      o.read_ids.push_back(p["after"]["id"].get<int>());
      if (p["source"]["snapshot"] == "last") ++o.lasts;
    } else if (p["op"] == "c") {
      ++o.creates;
      o.created_ids.push_back(p["after"]["id"].get<int>());
    }
  }
  return o;
}

bool hasCreate(const std::string& topic, int id) {
  for (int c : ops(topic).created_ids)
    if (c == id) return true;
  return false;
}

void insertRow(mysql::Connection& db, const std::string& dbname, int id) {
  db.execute("INSERT INTO " + dbname + ".t VALUES (" + std::to_string(id) + ", 'v" + std::to_string(id) + "')");
}

// A database with table t (id INT PRIMARY KEY, v VARCHAR) holding rows 1..rows.
void createTable(mysql::Connection& db, const std::string& dbname, int rows) {
  db.execute("CREATE TABLE " + dbname + ".t (id INT PRIMARY KEY, v VARCHAR(20) NOT NULL)");
  for (int i = 1; i <= rows; ++i) insertRow(db, dbname, i);
}

Json status(Connectd& w, const std::string& name) {
  auto r = w.get("/connectors/" + name + "/status");
  return r.status == 200 ? r.json() : Json();
}

// Waits for the connector's only task to be FAILED and returns its trace ("" on timeout).
std::string waitForFailedTask(Connectd& w, const std::string& name) {
  std::string trace;
  waitFor([&] {
    Json s = status(w, name);
    if (!s.is_object() || s["tasks"].size() != 1 || s["tasks"][0]["state"] != "FAILED") return false;
    trace = s["tasks"][0].value("trace", "");
    return true;
  }, 60s);
  return trace;
}

// PUT /connectors/<n>/stop and wait for STOPPED (the task is gone, its offsets flushed).
void stopConnector(Connectd& w, const std::string& name) {
  auto r = w.put("/connectors/" + name + "/stop");
  ASSERT_EQ(r.status, 204) << r.body;
  ASSERT_TRUE(waitFor([&] {
    Json s = status(w, name);
    return s.is_object() && s["connector"]["state"] == "STOPPED" && s["tasks"].empty();
  }, 60s)) << status(w, name).dump() << "\n" << w.log();
}

void resumeConnector(Connectd& w, const std::string& name) {
  auto r = w.put("/connectors/" + name + "/resume");
  ASSERT_EQ(r.status, 202) << r.body;
}

// PATCH /connectors/<n>/offsets of a STOPPED connector: `offset` replaces the stored one.
void alterOffset(Connectd& w, const std::string& name, const std::string& prefix, const Json& offset) {
  Json body = {{"offsets", Json::array({{{"partition", {{"server", prefix}}}, {"offset", offset}}})}};
  auto r = w.patch("/connectors/" + name + "/offsets", body);
  ASSERT_EQ(r.status, 200) << r.body;
}

// A binlog file name the server does not have: the one before its oldest (what a purge removed).
std::string purgedBinlogFile(mysql::Connection& db) {
  auto rows = db.query("SHOW BINARY LOGS");
  if (rows.empty() || !rows[0][0]) throw std::runtime_error("the server lists no binlog files");
  const std::string oldest = *rows[0][0];
  const auto dot = oldest.rfind('.');
  const int64_t index = binlogIndex(oldest);
  char suffix[16];
  std::snprintf(suffix, sizeof suffix, "%06lld", static_cast<long long>(index > 1 ? index - 1 : 0));
  return oldest.substr(0, dot + 1) + suffix;
}

// Waits until the committed offset is a streaming one at or past the binlog's current end.
bool waitForCommittedPast(Connectd& w, const std::string& name, mysql::Connection& db) {
  const BinlogPosition end = masterPosition(db);
  return waitFor([&] {
    const BinlogPosition p = committedPosition(w, name);
    return p.pos >= 0 && atOrAfter(p, end);
  }, 30s);
}

const std::string kPositionGone = "The connector is trying to read change stream starting at ";
const std::string kPositionGoneEnd =
    ", but this is no longer available on the server. Reconfigure the connector to use a snapshot mode when needed.";

// no_data (Debezium 2.6+'s name for schema_only): the schema is recorded in the history and on the
// schema change topic, no 'r' event is emitted, and changes made once the schema snapshot is done
// are streamed from the position it read.
TEST(MySqlSnapshotModesTest, NoDataRecordsSchemaAndStreamsWithoutReadEvents) {
  const std::string dbname = uniqueDatabase("snapmodes_nd");
  const std::string prefix = dbname;
  Databases dbs({dbname});
  auto db = mariadb();
  createTable(*db, dbname, 2);
  Json cfg = mysqlConnectorConfig(prefix, dbname, 187001);
  cfg["snapshot.mode"] = "no_data";
  Connectd w(scratchDir("snapmodes-nd"), mysqlWorkerProps());
  w.start();
  w.waitReady();
  ASSERT_EQ(w.post("/connectors", {{"name", prefix}, {"config", cfg}}).status, 201);
  ASSERT_TRUE(w.waitForState(prefix, "RUNNING")) << w.log();
  // The schema snapshot is complete once its offset (without "snapshot") is committed.
  ASSERT_TRUE(waitFor([&] { return committedPosition(w, prefix).pos >= 0; }, 60s)) << w.log();

  auto historyHas = [&](const std::string& part) {
    for (const auto& r : readIfExists("history." + prefix))
      if (r.value && Json::parse(*r.value)["ddl"].get<std::string>().find(part) != std::string::npos) return true;
    return false;
  };
  EXPECT_TRUE(historyHas("CREATE TABLE `t`")) << "the schema history holds the table's DDL";
  bool change_event = false;
  for (const auto& r : readIfExists(prefix)) {
    if (!r.value) continue;
    const Json p = Json::parse(*r.value)["payload"];
    if (p["ddl"].get<std::string>().find("CREATE TABLE `t`") != std::string::npos) {
      change_event = true;
      EXPECT_EQ(p["source"]["snapshot"], "true") << "schema change events of the snapshot are marked";
    }
  }
  EXPECT_TRUE(change_event) << "the schema change topic holds the table's DDL";

  const std::string topic = prefix + "." + dbname + ".t";
  insertRow(*db, dbname, 3);
  ASSERT_TRUE(waitFor([&] { return hasCreate(topic, 3); }, 60s)) << w.log();
  const Ops o = ops(topic);
  EXPECT_EQ(o.reads, 0) << "no_data never emits read events";
  EXPECT_EQ(o.created_ids, std::vector<int>{3});
  EXPECT_EQ(w.del("/connectors/" + prefix).status, 204);
}

// Debezium 3.3 removed the schema_only / schema_only_recovery aliases and 3.6 removed `never`
// (BinlogConnectorConfig.SnapshotMode): the connector's validation rejects them, as Debezium's
// Field.validateEnum does.
TEST(MySqlSnapshotModesTest, RemovedModesAreRejectedByValidation) {
  const std::string dbname = uniqueDatabase("snapmodes_rm");
  Connectd w(scratchDir("snapmodes-rm"), mysqlWorkerProps());
  w.start();
  w.waitReady();
  for (const std::string mode : {"never", "schema_only", "schema_only_recovery"}) {
    Json cfg = mysqlConnectorConfig(dbname, dbname, 187002);
    cfg["snapshot.mode"] = mode;
    auto r = w.post("/connectors", {{"name", dbname + "_" + mode}, {"config", cfg}});
    EXPECT_EQ(r.status, 400) << mode << ": " << r.body;
    EXPECT_NE(r.body.find("snapshot.mode"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("Value must be one of"), std::string::npos) << r.body;
  }
  EXPECT_EQ(w.get("/connectors").json(), Json::array());
}

// `custom` resolves snapshot.mode.custom.name among the snapshotters on the class path; connectd
// has Debezium's built-in ones only, and an unknown name fails the task with Debezium's message
// (SnapshotterServiceProvider).
TEST(MySqlSnapshotModesTest, UnknownCustomSnapshotterFailsTheTask) {
  const std::string dbname = uniqueDatabase("snapmodes_cu");
  const std::string prefix = dbname;
  Databases dbs({dbname});
  auto db = mariadb();
  createTable(*db, dbname, 1);
  Json cfg = mysqlConnectorConfig(prefix, dbname, 187003);
  cfg["snapshot.mode"] = "custom";
  cfg["snapshot.mode.custom.name"] = "snapmodes_nosuch";
  Connectd w(scratchDir("snapmodes-cu"), mysqlWorkerProps());
  w.start();
  w.waitReady();
  ASSERT_EQ(w.post("/connectors", {{"name", prefix}, {"config", cfg}}).status, 201);
  const std::string trace = waitForFailedTask(w, prefix);
  EXPECT_NE(trace.find("Unable to find snapmodes_nosuch snapshotter. Please check your configuration."),
            std::string::npos)
      << trace << "\n" << w.log();
  EXPECT_TRUE(readIfExists(prefix + "." + dbname + ".t").empty());
}

// initial_only: the snapshot's read events, then no streaming at all (InitialOnlySnapshotter.
// shouldStream() is false: ChangeEventSourceCoordinator logs "Streaming is disabled" and the task
// stays RUNNING with nothing to poll). A restart with the completed snapshot's offset neither
// snapshots nor streams. A second connector on the same table streams, so its change events mark
// the point by which a streaming initial_only connector would have delivered too.
TEST(MySqlSnapshotModesTest, InitialOnlySnapshotsAndNeverStreams) {
  const std::string dbname = uniqueDatabase("snapmodes_io");
  const std::string prefix = dbname;
  const std::string witness = dbname + "_w";
  Databases dbs({dbname});
  auto db = mariadb();
  createTable(*db, dbname, 2);
  Json cfg = mysqlConnectorConfig(prefix, dbname, 187004);
  cfg["snapshot.mode"] = "initial_only";
  Connectd w(scratchDir("snapmodes-io"), mysqlWorkerProps());
  w.start();
  w.waitReady();
  ASSERT_EQ(w.post("/connectors", {{"name", prefix}, {"config", cfg}}).status, 201);
  const std::string topic = prefix + "." + dbname + ".t";
  ASSERT_TRUE(waitForSnapshotEnd(topic)) << w.log();
  ASSERT_EQ(w.post("/connectors", {{"name", witness}, {"config", mysqlConnectorConfig(witness, dbname, 187005)}}).status,
            201);
  const std::string witness_topic = witness + "." + dbname + ".t";
  ASSERT_TRUE(waitForSnapshotEnd(witness_topic)) << w.log();

  insertRow(*db, dbname, 3);
  ASSERT_TRUE(waitFor([&] { return hasCreate(witness_topic, 3); }, 60s)) << w.log();
  Ops o = ops(topic);
  EXPECT_EQ(o.read_ids, (std::vector<int>{1, 2}));
  EXPECT_EQ(o.creates, 0) << "initial_only does not stream";
  EXPECT_EQ(ourBinlogDumpThreads(*db).size(), 1u) << "only the witness reads the binlog";
  ASSERT_TRUE(w.waitForState(prefix, "RUNNING", 1, 5s)) << status(w, prefix).dump();
  EXPECT_NE(w.log().find("Streaming is disabled for snapshot mode initial_only"), std::string::npos);

  // Again with the completed snapshot's offset: no snapshot, no streaming, still RUNNING.
  stopConnector(w, prefix);
  resumeConnector(w, prefix);
  ASSERT_TRUE(w.waitForState(prefix, "RUNNING")) << w.log();
  insertRow(*db, dbname, 4);
  ASSERT_TRUE(waitFor([&] { return hasCreate(witness_topic, 4); }, 60s)) << w.log();
  o = ops(topic);
  EXPECT_EQ(o.reads, 2) << "the completed snapshot is not redone";
  EXPECT_EQ(o.creates, 0);
  EXPECT_EQ(ourBinlogDumpThreads(*db).size(), 1u);
  EXPECT_TRUE(w.waitForState(prefix, "RUNNING", 1, 5s)) << status(w, prefix).dump();
  EXPECT_EQ(w.del("/connectors/" + witness).status, 204);
  EXPECT_EQ(w.del("/connectors/" + prefix).status, 204);
}

// always: every start snapshots again (AlwaysSnapshotter), then streams from the new snapshot's
// position.
TEST(MySqlSnapshotModesTest, AlwaysSnapshotsOnEveryStart) {
  const std::string dbname = uniqueDatabase("snapmodes_al");
  const std::string prefix = dbname;
  Databases dbs({dbname});
  auto db = mariadb();
  createTable(*db, dbname, 2);
  Json cfg = mysqlConnectorConfig(prefix, dbname, 187006);
  cfg["snapshot.mode"] = "always";
  Connectd w(scratchDir("snapmodes-al"), mysqlWorkerProps());
  w.start();
  w.waitReady();
  ASSERT_EQ(w.post("/connectors", {{"name", prefix}, {"config", cfg}}).status, 201);
  const std::string topic = prefix + "." + dbname + ".t";
  ASSERT_TRUE(waitForSnapshotEnd(topic)) << w.log();
  insertRow(*db, dbname, 3);
  ASSERT_TRUE(waitFor([&] { return hasCreate(topic, 3); }, 60s)) << w.log();
  ASSERT_TRUE(waitForCommittedPast(w, prefix, *db)) << w.log();

  stopConnector(w, prefix);
  resumeConnector(w, prefix);
  ASSERT_TRUE(waitFor([&] { return ops(topic).lasts >= 2; }, 60s)) << w.log();
  insertRow(*db, dbname, 4);
  ASSERT_TRUE(waitFor([&] { return hasCreate(topic, 4); }, 60s)) << w.log();
  const Ops o = ops(topic);
  EXPECT_EQ(o.read_ids, (std::vector<int>{1, 2, 1, 2, 3})) << "the second snapshot reads every row again";
  EXPECT_EQ(o.created_ids, (std::vector<int>{3, 4}));
  EXPECT_EQ(w.del("/connectors/" + prefix).status, 204);
}

// when_needed: the first start snapshots; a restart whose binlog position is still on the server
// resumes without a snapshot; once the offset's binlog file is gone (an offset without GTIDs is
// judged by its file: BinlogConnectorConnection.isBinlogPositionAvailable), the offset is discarded
// and a new snapshot fills the gap (WhenNeededSnapshotter.shouldSnapshotOnDataError()).
TEST(MySqlSnapshotModesTest, WhenNeededSnapshotsOnlyWhenTheBinlogPositionIsGone) {
  const std::string dbname = uniqueDatabase("snapmodes_wn");
  const std::string prefix = dbname;
  Databases dbs({dbname});
  auto db = mariadb();
  createTable(*db, dbname, 2);
  Json cfg = mysqlConnectorConfig(prefix, dbname, 187007);
  cfg["snapshot.mode"] = "when_needed";
  Connectd w(scratchDir("snapmodes-wn"), mysqlWorkerProps());
  w.start();
  w.waitReady();
  ASSERT_EQ(w.post("/connectors", {{"name", prefix}, {"config", cfg}}).status, 201);
  const std::string topic = prefix + "." + dbname + ".t";
  ASSERT_TRUE(waitForSnapshotEnd(topic)) << w.log();
  insertRow(*db, dbname, 3);
  ASSERT_TRUE(waitFor([&] { return hasCreate(topic, 3); }, 60s)) << w.log();
  ASSERT_TRUE(waitForCommittedPast(w, prefix, *db)) << w.log();

  // Offsets present and on the server: resumes streaming, no snapshot.
  stopConnector(w, prefix);
  insertRow(*db, dbname, 4);
  resumeConnector(w, prefix);
  ASSERT_TRUE(waitFor([&] { return hasCreate(topic, 4); }, 60s)) << w.log();
  ASSERT_TRUE(w.waitForState(prefix, "RUNNING")) << w.log();
  EXPECT_EQ(ops(topic).reads, 2) << "no snapshot while the binlog position is available";
  ASSERT_TRUE(waitForCommittedPast(w, prefix, *db)) << w.log();

  // The offset's binlog file purged: a new snapshot, then streaming from its position.
  stopConnector(w, prefix);
  const std::string purged = purgedBinlogFile(*db);
  alterOffset(w, prefix, prefix, {{"file", purged}, {"pos", 4}});
  insertRow(*db, dbname, 5);
  resumeConnector(w, prefix);
  ASSERT_TRUE(waitFor([&] { return ops(topic).lasts >= 2; }, 60s)) << w.log();
  insertRow(*db, dbname, 6);
  ASSERT_TRUE(waitFor([&] { return hasCreate(topic, 6); }, 60s)) << w.log();
  const Ops o = ops(topic);
  EXPECT_EQ(o.read_ids, (std::vector<int>{1, 2, 1, 2, 3, 4, 5}));
  EXPECT_EQ(o.created_ids, (std::vector<int>{3, 4, 6})) << "row 5 comes from the new snapshot, not the binlog";
  EXPECT_TRUE(w.waitForState(prefix, "RUNNING", 1, 5s)) << status(w, prefix).dump();
  ASSERT_TRUE(waitForCommittedPast(w, prefix, *db)) << w.log();
  const std::optional<Json> offset = storedOffset(w, prefix);
  ASSERT_TRUE(offset.has_value());
  EXPECT_NE((*offset)["file"], purged) << offset->dump();
  EXPECT_EQ(w.del("/connectors/" + prefix).status, 204);
}

// The contrast: with `initial` the same gone binlog file fails the task with Debezium's message
// (BaseSourceTask.validateSchemaHistory) instead of snapshotting.
TEST(MySqlSnapshotModesTest, InitialFailsWhenTheBinlogPositionIsGone) {
  const std::string dbname = uniqueDatabase("snapmodes_ig");
  const std::string prefix = dbname;
  Databases dbs({dbname});
  auto db = mariadb();
  createTable(*db, dbname, 2);
  Json cfg = mysqlConnectorConfig(prefix, dbname, 187008);
  Connectd w(scratchDir("snapmodes-ig"), mysqlWorkerProps());
  w.start();
  w.waitReady();
  ASSERT_EQ(w.post("/connectors", {{"name", prefix}, {"config", cfg}}).status, 201);
  const std::string topic = prefix + "." + dbname + ".t";
  ASSERT_TRUE(waitForSnapshotEnd(topic)) << w.log();
  stopConnector(w, prefix);
  const std::string purged = purgedBinlogFile(*db);
  alterOffset(w, prefix, prefix, {{"file", purged}, {"pos", 4}});
  resumeConnector(w, prefix);
  const std::string trace = waitForFailedTask(w, prefix);
  EXPECT_NE(trace.find(kPositionGone), std::string::npos) << trace << "\n" << w.log();
  EXPECT_NE(trace.find("restartBinlogFilename='" + purged + "'"), std::string::npos) << trace;
  EXPECT_NE(trace.find(kPositionGoneEnd), std::string::npos) << trace;
  EXPECT_EQ(status(w, prefix)["connector"]["state"], "RUNNING");
  EXPECT_EQ(ops(topic).reads, 2) << "no new snapshot";
  EXPECT_EQ(w.del("/connectors/" + prefix).status, 204);
}

// An offset with GTIDs is judged by them alone (the file is not looked at): on MariaDB they must be
// contained in GTID_BINLOG_POS (MariaDbGtidSet.isContainedWithin; Debezium knows no purged GTIDs on
// MariaDB). GTIDs the server never wrote (a server restored from an older backup) make the position
// unavailable: `initial` fails, `when_needed` takes a new snapshot.
TEST(MySqlSnapshotModesTest, GtidsTheServerDoesNotHaveMakeThePositionUnavailable) {
  const std::string dbname = uniqueDatabase("snapmodes_gt");
  const std::string prefix = dbname;
  Databases dbs({dbname});
  auto db = mariadb();
  createTable(*db, dbname, 2);
  Json cfg = mysqlConnectorConfig(prefix, dbname, 187009);
  cfg["connector.class"] = "io.debezium.connector.mariadb.MariaDbConnector";
  Connectd w(scratchDir("snapmodes-gt"), mysqlWorkerProps());
  w.start();
  w.waitReady();
  ASSERT_EQ(w.post("/connectors", {{"name", prefix}, {"config", cfg}}).status, 201);
  const std::string topic = prefix + "." + dbname + ".t";
  ASSERT_TRUE(waitForSnapshotEnd(topic)) << w.log();
  insertRow(*db, dbname, 3);
  ASSERT_TRUE(waitFor([&] { return hasCreate(topic, 3); }, 60s)) << w.log();
  ASSERT_TRUE(waitForCommittedPast(w, prefix, *db)) << w.log();
  stopConnector(w, prefix);

  std::optional<Json> offset = storedOffset(w, prefix);
  ASSERT_TRUE(offset.has_value() && offset->contains("gtids")) << (offset ? offset->dump() : "no offset");
  // Every domain's sequence far beyond what the server has written.
  const std::string server_gtids = db->queryScalar("SELECT @@global.gtid_binlog_pos").value_or("");
  ASSERT_FALSE(server_gtids.empty());
  std::string ahead;
  std::stringstream items(server_gtids);
  for (std::string item; std::getline(items, item, ',');) {
    const auto dash = item.rfind('-');
    ahead += (ahead.empty() ? "" : ",") + item.substr(0, dash + 1) +
             std::to_string(std::stoull(item.substr(dash + 1)) + 1000000000ULL);
  }
  Json altered = *offset;
  altered["gtids"] = ahead;
  alterOffset(w, prefix, prefix, altered);
  resumeConnector(w, prefix);
  const std::string trace = waitForFailedTask(w, prefix);
  EXPECT_NE(trace.find(kPositionGone), std::string::npos) << trace << "\n" << w.log();
  EXPECT_NE(trace.find("restartGtidSet='" + ahead + "'"), std::string::npos) << trace;
  EXPECT_NE(trace.find(kPositionGoneEnd), std::string::npos) << trace;
  EXPECT_EQ(ops(topic).reads, 2);

  // The binlog file of that offset is still on the server: only the GTIDs decide.
  cfg["snapshot.mode"] = "when_needed";
  insertRow(*db, dbname, 4);
  auto r = w.put("/connectors/" + prefix + "/config", cfg);
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_TRUE(waitFor([&] { return ops(topic).lasts >= 2; }, 60s)) << w.log();
  ASSERT_TRUE(w.waitForState(prefix, "RUNNING")) << w.log();
  const Ops o = ops(topic);
  EXPECT_EQ(o.read_ids, (std::vector<int>{1, 2, 1, 2, 3, 4}));
  EXPECT_EQ(o.created_ids, std::vector<int>{3});
  EXPECT_EQ(w.del("/connectors/" + prefix).status, 204);
}

// recovery: with its schema history topic deleted, a connector with offsets fails under `initial`
// ("The db history topic is missing ..."); under `recovery` it records the current schema into a new
// history topic and streams on from the stored offset (RecoverySnapshotter:
// shouldStreamEventsStartingFromSnapshot() is false), so a row written while it was down arrives as
// a 'c' event and no 'r' event is emitted.
TEST(MySqlSnapshotModesTest, RecoveryRebuildsALostHistoryAndResumesFromTheOffset) {
  const std::string dbname = uniqueDatabase("snapmodes_rc");
  const std::string prefix = dbname;
  const std::string history = "history." + prefix;
  Databases dbs({dbname});
  auto db = mariadb();
  createTable(*db, dbname, 1);
  Json cfg = mysqlConnectorConfig(prefix, dbname, 187010);
  Connectd w(scratchDir("snapmodes-rc"), mysqlWorkerProps());
  w.start();
  w.waitReady();
  ASSERT_EQ(w.post("/connectors", {{"name", prefix}, {"config", cfg}}).status, 201);
  const std::string topic = prefix + "." + dbname + ".t";
  ASSERT_TRUE(waitForSnapshotEnd(topic)) << w.log();
  insertRow(*db, dbname, 2);
  ASSERT_TRUE(waitFor([&] { return hasCreate(topic, 2); }, 60s)) << w.log();
  ASSERT_TRUE(waitForCommittedPast(w, prefix, *db)) << w.log();
  stopConnector(w, prefix);
  const BinlogPosition stored = committedPosition(w, prefix);

  deleteTopics({history});
  insertRow(*db, dbname, 3);
  resumeConnector(w, prefix);
  const std::string trace = waitForFailedTask(w, prefix);
  EXPECT_NE(trace.find("The db history topic is missing. You may attempt to recover it by reconfiguring the "
                       "connector to recovery."),
            std::string::npos)
      << trace << "\n" << w.log();

  cfg["snapshot.mode"] = "recovery";
  auto r = w.put("/connectors/" + prefix + "/config", cfg);
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_TRUE(waitFor([&] { return hasCreate(topic, 3); }, 60s)) << "the row written while down is streamed\n"
                                                                 << w.log();
  ASSERT_TRUE(w.waitForState(prefix, "RUNNING")) << w.log();
  insertRow(*db, dbname, 4);
  ASSERT_TRUE(waitFor([&] { return hasCreate(topic, 4); }, 60s)) << w.log();
  const Ops o = ops(topic);
  EXPECT_EQ(o.read_ids, std::vector<int>{1}) << "recovery snapshots no data";
  EXPECT_EQ(o.created_ids, (std::vector<int>{2, 3, 4}));

  // The rebuilt history: the snapshot's DDL, recorded at the stored offset.
  bool create_seen = false;
  for (const auto& rec : readIfExists(history)) {
    ASSERT_TRUE(rec.value.has_value());
    const Json doc = Json::parse(*rec.value);
    // The history holds every database's tables (store.only.captured.*.ddl default to false).
    if (doc.value("databaseName", "") != dbname) continue;
    if (doc["ddl"].get<std::string>().find("CREATE TABLE `t`") == std::string::npos) continue;
    create_seen = true;
    EXPECT_EQ(doc["source"], Json({{"server", prefix}}));
    EXPECT_EQ(doc["position"]["file"], stored.file) << doc.dump();
    EXPECT_EQ(doc["position"]["pos"], stored.pos) << doc.dump();
    EXPECT_EQ(doc["position"]["snapshot"], "INITIAL") << doc.dump();
    ASSERT_EQ(doc["tableChanges"].size(), 1u);
    EXPECT_EQ(doc["tableChanges"][0]["id"], "\"" + dbname + "\".\"t\"");
  }
  EXPECT_TRUE(create_seen) << "the history topic was rebuilt from the catalog";
  EXPECT_EQ(w.del("/connectors/" + prefix).status, 204);
}

// recovery without offsets fails: there is no position to recover to (BaseSourceTask).
TEST(MySqlSnapshotModesTest, RecoveryWithoutOffsetsFails) {
  const std::string dbname = uniqueDatabase("snapmodes_ro");
  const std::string prefix = dbname;
  Databases dbs({dbname});
  auto db = mariadb();
  createTable(*db, dbname, 1);
  Json cfg = mysqlConnectorConfig(prefix, dbname, 187011);
  cfg["snapshot.mode"] = "recovery";
  Connectd w(scratchDir("snapmodes-ro"), mysqlWorkerProps());
  w.start();
  w.waitReady();
  ASSERT_EQ(w.post("/connectors", {{"name", prefix}, {"config", cfg}}).status, 201);
  const std::string trace = waitForFailedTask(w, prefix);
  EXPECT_NE(trace.find("Could not find existing redo log information while attempting schema only recovery snapshot"),
            std::string::npos)
      << trace << "\n" << w.log();
  EXPECT_TRUE(readIfExists(prefix + "." + dbname + ".t").empty());
  EXPECT_EQ(w.del("/connectors/" + prefix).status, 204);
}

// Debezium checks no grants at start (no SHOW GRANTS outside the LOCK TABLES fallback): a missing
// privilege fails the statement that needs it, with the server's message. Without REPLICATION
// CLIENT (BINLOG MONITOR on MariaDB) the snapshot cannot read the binlog position; without
// REPLICATION SLAVE the snapshot completes and the binlog dump is refused (spec §7.2, §7.3:
// "Error code: 1227; SQLSTATE: 42000.").
TEST(MySqlSnapshotModesTest, MissingReplicationPrivilegesFailTheTaskWithTheServersMessage) {
  const std::string dbname = uniqueDatabase("snapmodes_pv");
  Databases dbs({dbname});
  auto db = mariadb();
  createTable(*db, dbname, 2);
  const std::string no_slave = dbname + "_s";
  const std::string no_client = dbname + "_c";
  DropUserOnExit drop_no_slave(no_slave);
  DropUserOnExit drop_no_client(no_client);
  db->execute("CREATE USER '" + no_slave + "'@'%' IDENTIFIED BY 'pw'");
  db->execute("GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION CLIENT ON *.* TO '" + no_slave + "'@'%'");
  db->execute("CREATE USER '" + no_client + "'@'%' IDENTIFIED BY 'pw'");
  db->execute("GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE ON *.* TO '" + no_client + "'@'%'");

  Connectd w(scratchDir("snapmodes-pv"), mysqlWorkerProps());
  w.start();
  w.waitReady();
  Json cfg_s = mysqlConnectorConfig(no_slave, dbname, 187012);
  cfg_s["database.user"] = no_slave;
  cfg_s["database.password"] = "pw";
  Json cfg_c = mysqlConnectorConfig(no_client, dbname, 187013);
  cfg_c["database.user"] = no_client;
  cfg_c["database.password"] = "pw";
  ASSERT_EQ(w.post("/connectors", {{"name", no_slave}, {"config", cfg_s}}).status, 201);
  ASSERT_EQ(w.post("/connectors", {{"name", no_client}, {"config", cfg_c}}).status, 201);

  const std::string slave_trace = waitForFailedTask(w, no_slave);
  EXPECT_NE(slave_trace.find("Access denied; you need (at least one of) the REPLICATION SLAVE privilege(s) for this "
                             "operation"),
            std::string::npos)
      << slave_trace << "\n" << w.log();
  EXPECT_NE(slave_trace.find("Error code: 1227; SQLSTATE: 42000."), std::string::npos) << slave_trace;

  const std::string client_trace = waitForFailedTask(w, no_client);
  EXPECT_NE(client_trace.find("Access denied; you need (at least one of) the SUPER, BINLOG MONITOR privilege(s) for "
                              "this operation"),
            std::string::npos)
      << client_trace << "\n" << w.log();
  EXPECT_TRUE(readIfExists(no_client + "." + dbname + ".t").empty());
  EXPECT_EQ(w.get("/").status, 200);
  EXPECT_EQ(w.del("/connectors/" + no_slave).status, 204);
  EXPECT_EQ(w.del("/connectors/" + no_client).status, 204);
}

}  // namespace
}  // namespace connectd::it
