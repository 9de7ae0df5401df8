// The initial snapshot (RelationalSnapshotChangeEventSource + BinlogSnapshotChangeEventSource).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <optional>
#include <set>

#include "connectors/mysql/mysql_connector_task.h"
#include "connectors/mysql/snapshotter.h"
#include "server/api/errors.h"

namespace connectd::mysql {

namespace {

std::string quoteIdentifier(const std::string& name) {
  std::string out = "`";
  for (char c : name) {
    if (c == '`') out.push_back('`');
    out.push_back(c);
  }
  out.push_back('`');
  return out;
}

std::string quoteTable(const TableId& id) { return quoteIdentifier(id.catalog) + "." + quoteIdentifier(id.table); }

int64_t nowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// "2024-03-15 10:20:30" read with time_zone '+00:00' → epoch micros.
std::optional<int64_t> parseUtcTimestamp(const std::string& text) {
  std::tm tm{};
  if (std::sscanf(text.c_str(), "%d-%d-%d %d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                  &tm.tm_sec) != 6) {
    return std::nullopt;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<int64_t>(timegm(&tm)) * 1000000;
}

}  // namespace

void MySqlConnectorTask::snapshot(bool with_data) {
  const std::string locking = config_->snapshotLockingMode();
  const Snapshotter snapshotter = Snapshotter::forConfig(*config_);
  const bool with_schema = plan_.snapshot_schema;
  // BinlogSnapshotChangeEventSource.determineSnapshotOffset: `recovery` records the schema at the
  // stored offset and streams on from there; every other mode reads a new position.
  const bool from_stored_offset = loaded_offset_.has_value() && !snapshotter.shouldStreamEventsStartingFromSnapshot();
  spdlog::info("Snapshot step 1 - Preparing (mode {}, locking {}, schema {}, data {})", snapshotter.name(), locking,
               with_schema, with_data);
  if (loaded_offset_ && ctx_->snapshotWasRunning()) {
    spdlog::info("Previous snapshot was cancelled before completion; a new snapshot will be taken.");
  }
  if (config_->snapshotDelayMs() > 0) {
    auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(config_->snapshotDelayMs());
    while (!stopping() && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  Connection conn(connectionOptions());
  conn.connect();
  {
    std::lock_guard lock(interrupt_mu_);
    active_conn_ = &conn;
  }
  struct Release {
    MySqlConnectorTask* self;
    ~Release() {
      std::lock_guard lock(self->interrupt_mu_);
      self->active_conn_ = nullptr;
    }
  } release{this};

  const int64_t lock_timeout_s = std::max<int64_t>(1, config_->snapshotLockTimeoutMs() / 1000);
  // TIMESTAMP columns and CURRENT_TIMESTAMP are read in UTC; DATETIME is unaffected.
  conn.execute("SET SESSION time_zone = '+00:00'");
  conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
  conn.execute("SET SESSION lock_wait_timeout=" + std::to_string(lock_timeout_s));
  conn.execute("SET SESSION innodb_lock_wait_timeout=" + std::to_string(lock_timeout_s));

  spdlog::info("Snapshot step 2 - Determining captured tables");
  // Every readable database: the history records the DDL of all schema-eligible tables
  // (store.only.captured.*.ddl narrow that down), the data snapshot reads the captured ones.
  std::vector<std::string> databases;
  std::map<std::string, std::vector<TableId>> tables_by_db;
  std::vector<TableId> captured;
  for (const auto& row : conn.query("SHOW DATABASES")) {
    if (row.empty() || !row[0]) continue;
    const std::string& db = *row[0];
    std::vector<TableId> ids;
    try {
      for (const auto& t : conn.query("SHOW FULL TABLES IN " + quoteIdentifier(db) + " where Table_Type = 'BASE TABLE'")) {
        if (t.empty() || !t[0]) continue;
        TableId id{db, *t[0]};
        if (!config_->filters().eligibleForSchema(id)) continue;
        ids.push_back(id);
        if (isCaptured(id) && config_->filters().snapshotIncluded(id)) captured.push_back(id);
      }
    } catch (const MysqlException& e) {
      // Some "databases" are just directories the server lists (DBZ-164): skip them.
      spdlog::warn("Skipping database '{}': {}", db, e.what());
      continue;
    }
    if (ids.empty()) continue;
    databases.push_back(db);
    tables_by_db[db] = std::move(ids);
  }
  std::sort(captured.begin(), captured.end());

  spdlog::info("Snapshot step 3 - Locking captured tables");
  bool global_lock = false;
  if (locking == "minimal" || locking == "extended") {
    try {
      conn.execute("FLUSH TABLES WITH READ LOCK");
      global_lock = true;
    } catch (const MysqlException& e) {
      spdlog::warn("Unable to take the global read lock ({}); locking the captured tables instead", e.what());
      if (!captured.empty()) {
        std::string list;
        for (const auto& id : captured) list += (list.empty() ? "" : ",") + quoteTable(id);
        try {
          conn.execute("FLUSH TABLES " + list + " WITH READ LOCK");
        } catch (const MysqlException&) {
          throw api::ConnectException(
              "User does not have the 'LOCK TABLES' privilege required to obtain a consistent snapshot by preventing "
              "concurrent writes to tables.");
        }
      }
    }
    conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
    conn.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
  } else {
    conn.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
  }

  spdlog::info("Snapshot step 4 - Determining snapshot offset");
  // The stored offset, restored whole once the snapshot is done (`recovery`).
  std::optional<BinlogOffsetContext> stored;
  if (from_stored_offset) {
    stored = *ctx_;
    ctx_->beginSnapshot(stored->restartFile(), stored->restartPosition(), stored->restartGtidSet());
    spdlog::info("\tusing the stored offset {}:{}", stored->restartFile(), stored->restartPosition());
  } else {
    resetOffsetContext();
    const std::string status_statement = "SHOW MASTER STATUS";
    std::vector<std::string> status_columns;
    auto status = conn.query(status_statement, &status_columns);
    if (status.empty() || status[0].size() < 2 || !status[0][0] || !status[0][1]) {
      if (plan_.stream) {
        throw api::ConnectException("Cannot read the binlog filename and position via '" + status_statement +
                                    "'. Make sure your server is correctly configured");
      }
      spdlog::warn("Failed retrieving binlog position, continuing as streaming CDC wasn't requested");
      ctx_->beginSnapshot("", 0, std::nullopt);
    } else {
      std::optional<std::string> gtids;
      if (conn.isMariaDb()) {
        gtids = conn.queryScalar("SELECT @@global.gtid_binlog_pos");
        if (gtids && gtids->empty()) gtids.reset();
      } else if (status[0].size() >= 5 && status[0][4] && !status[0][4]->empty()) {
        std::string g = *status[0][4];
        g.erase(std::remove(g.begin(), g.end(), '\n'), g.end());
        gtids = g;
      }
      const std::string file = *status[0][0];
      const int64_t pos = std::stoll(*status[0][1]);
      ctx_->beginSnapshot(file, pos, gtids);
      resetGtidSets(gtids);
      spdlog::info("\tread binlog position of MySQL primary server: {}:{}{}", file, pos, gtids ? " gtids=" + *gtids : "");
    }
  }

  ctx_->setSourceTimeMicros(nowMicros());
  if (!with_schema) {
    // The table model recovered from the schema history serves the data snapshot.
    spdlog::info("Snapshot step 5 - Skipping persisting of schema history");
  } else {
    spdlog::info("Snapshot step 5 - Reading structure of captured tables");
    tables_.clear();
    schemas_.clear();
    {
      std::string set_sql;
      auto vars = conn.query("SHOW VARIABLES WHERE Variable_name IN ('character_set_server','collation_server')");
      std::sort(vars.begin(), vars.end());
      for (const auto& row : vars) {
        if (row.size() < 2 || !row[0] || !row[1]) continue;
        std::string value = *row[1];
        if (value.find_first_of(",;") != std::string::npos) value = "'" + value + "'";
        set_sql += (set_sql.empty() ? "SET " : ", ") + *row[0] + "=" + value;
      }
      if (!set_sql.empty()) {
        set_sql += ";";
        handleDdl(set_sql, "", true);
      }
    }
    for (const auto& db : databases) {
      for (const auto& id : tables_by_db[db]) handleDdl("DROP TABLE IF EXISTS " + quoteTable(id), db, true);
    }
    for (const auto& db : databases) {
      handleDdl("DROP DATABASE IF EXISTS " + quoteIdentifier(db), db, true);
      std::string create_db = "CREATE DATABASE " + quoteIdentifier(db);
      auto cs = conn.query("SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM INFORMATION_SCHEMA.SCHEMATA "
                           "WHERE SCHEMA_NAME = '" + conn.escape(db) + "'");
      if (!cs.empty() && cs[0].size() >= 2 && cs[0][0] && cs[0][1]) {
        create_db += " CHARSET " + *cs[0][0] + " COLLATE " + *cs[0][1];
      }
      handleDdl(create_db, db, true);
      handleDdl("USE " + quoteIdentifier(db), db, true);
      for (const auto& id : tables_by_db[db]) {
        if (stopping()) return;
        auto rows = conn.query("SHOW CREATE TABLE " + quoteTable(id));
        if (rows.empty() || rows[0].size() < 2 || !rows[0][1]) continue;
        handleDdl(*rows[0][1], db, true);
      }
    }
  }

  if (global_lock && locking == "minimal") {
    spdlog::info("Snapshot step 6 - Releasing global read lock to enable MySQL writes");
    conn.execute("UNLOCK TABLES");
  }

  if (with_data) {
    spdlog::info("Snapshot step 7 - Snapshotting data of {} tables", captured.size());
    emitter_->setBufferingSnapshotRecords(true);
    bool emitted_any = false;
    for (size_t i = 0; i < captured.size() && !stopping(); ++i) {
      snapshotTable(conn, captured[i], i == 0, i + 1 == captured.size(), emitted_any);
    }
    if (stopping()) return;
  }
  if (global_lock && locking != "minimal") conn.execute("UNLOCK TABLES");
  conn.execute("COMMIT");

  spdlog::info("Snapshot step 8 - Finalizing");
  if (stored) *ctx_ = *stored;
  ctx_->completeSnapshot();
  if (emitter_->hasBuffered()) {
    emitter_->flushBuffered(true, ctx_.get());
  } else {
    // No rows: the completed offset still has to be committed, or a restart would redo the
    // snapshot.
    emitter_->offsetRecord(*ctx_);
  }
  emitter_->setBufferingSnapshotRecords(false);
  if (config_->heartbeatIntervalMs() > 0) emitter_->heartbeatRecord(*ctx_);
}

void MySqlConnectorTask::snapshotTable(Connection& conn, const TableId& id, bool first_table, bool last_table,
                                       bool& emitted_any) {
  auto schema = schemaFor(id);
  if (!schema) {
    spdlog::warn("No schema for captured table {}; skipping its snapshot", id.toString());
    return;
  }
  if (auto ts = conn.queryScalar("SELECT CURRENT_TIMESTAMP")) {
    if (auto us = parseUtcTimestamp(*ts)) ctx_->setSourceTimeMicros(*us);
  }
  std::string select = "SELECT * FROM " + quoteTable(id);
  for (const auto& [table, statement] : config_->snapshotSelectOverrides()) {
    if (table == id) select = statement;
  }
  spdlog::info("Exporting data from table '{}' ({})", id.toString(), select);
  const std::string& topic = topicFor(id);
  int64_t rows = 0;
  const auto started = std::chrono::steady_clock::now();
  conn.queryStreaming(select, [&](char** row, unsigned long* lengths, unsigned /*num_fields*/) {
    if (stopping()) throw api::ConnectException("Snapshot interrupted");
    // The previous record is now known not to be the table's last one.
    if (rows == 1) {
      emitter_->markBuffered(first_table ? SnapshotMarker::First : SnapshotMarker::FirstInDataCollection);
    }
    ++rows;
    ctx_->markSnapshotRecord(SnapshotMarker::True);
    api::Value key = schema->keyFromText(row, lengths);
    api::Value value = schema->valueFromText(row, lengths);
    emitter_->changeRecord('r', id, topic, *schema, api::Value(), api::Value(), std::move(key), std::move(value), *ctx_);
    if (rows == 1) emitted_any = true;
  });
  if (rows == 1) {
    emitter_->markBuffered(first_table ? SnapshotMarker::First : SnapshotMarker::LastInDataCollection);
  } else if (rows > 1) {
    emitter_->markBuffered(SnapshotMarker::LastInDataCollection);
  }
  // The last table's last row becomes "last" in snapshot() once the snapshot completes.
  (void)last_table;
  ctx_->markSnapshotRecord(SnapshotMarker::None);
  const auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  spdlog::info("Finished exporting {} records for table '{}'; total duration '{:.3f}s'", rows, id.toString(), secs);
}

}  // namespace connectd::mysql
