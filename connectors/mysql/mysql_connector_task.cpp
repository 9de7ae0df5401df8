#include "connectors/mysql/mysql_connector_task.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <functional>
#include <random>
#include <set>
#include <sstream>
#include <utility>

#include "connectors/mysql/binlog_connection_configuration.h"
#include "connectors/mysql/snapshotter.h"
#include "server/api/errors.h"

namespace connectd::mysql {

namespace {

std::string randomUuid() {
  std::random_device rd;
  std::mt19937_64 gen((static_cast<uint64_t>(rd()) << 32) ^ rd());
  uint64_t hi = gen();
  uint64_t lo = gen();
  hi = (hi & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;
  lo = (lo & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
  char buf[37];
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xffff), static_cast<unsigned>(hi & 0xffff),
                static_cast<unsigned>(lo >> 48), static_cast<unsigned long long>(lo & 0xffffffffffffULL));
  return buf;
}

int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Binlog file names end in a number (mysql-bin.000003); order by it, then by name.
int compareBinlogFiles(const std::string& a, const std::string& b) {
  auto suffix = [](const std::string& f) -> int64_t {
    auto dot = f.rfind('.');
    if (dot == std::string::npos) return -1;
    try {
      return std::stoll(f.substr(dot + 1));
    } catch (const std::exception&) {
      return -1;
    }
  };
  int64_t sa = suffix(a);
  int64_t sb = suffix(b);
  if (sa != sb) return sa < sb ? -1 : 1;
  return a.compare(b) < 0 ? -1 : (a == b ? 0 : 1);
}

std::optional<int64_t> offsetLong(const api::OffsetMap& m, std::string_view key) {
  for (const auto& [k, v] : m) {
    if (k == key && !v.isNull() && v.isIntegral()) return v.toInt64();
  }
  return std::nullopt;
}

std::optional<std::string> offsetString(const api::OffsetMap& m, std::string_view key) {
  for (const auto& [k, v] : m) {
    if (k == key && v.kind() == api::Value::Kind::String) return v.asString();
  }
  return std::nullopt;
}

// BinlogHistoryRecordComparator for one server: is the recorded position at or before the desired one?
bool isAtOrBefore(const api::OffsetMap& recorded, const api::OffsetMap& desired) {
  auto rs = offsetLong(recorded, "server_id").value_or(0);
  auto ds = offsetLong(desired, "server_id").value_or(0);
  if (rs != 0 && ds != 0 && rs != ds) {
    return offsetLong(recorded, "ts_sec").value_or(0) <= offsetLong(desired, "ts_sec").value_or(0);
  }
  const bool desired_snapshot = offsetString(desired, "snapshot").has_value();
  const bool recorded_snapshot = offsetString(recorded, "snapshot").has_value();
  int files = compareBinlogFiles(offsetString(recorded, "file").value_or(""), offsetString(desired, "file").value_or(""));
  if (files != 0) return files < 0;
  auto rp = offsetLong(recorded, "pos").value_or(0);
  auto dp = offsetLong(desired, "pos").value_or(0);
  if (rp != dp) return rp < dp;
  if (desired_snapshot && !recorded_snapshot) return false;
  auto re = offsetLong(recorded, "event").value_or(0);
  auto de = offsetLong(desired, "event").value_or(0);
  if (re != de) return re < de;
  return offsetLong(recorded, "row").value_or(0) <= offsetLong(desired, "row").value_or(0);
}

// Configuration.getBoolean for the internal key Debezium reads as
// CommonConnectorConfig.isLogPositionCheckEnabled() (log.position.check.enable, default true).
bool logPositionCheckEnabled(const api::ConfigMap& props) {
  auto it = props.find("internal.log.position.check.enable");
  if (it == props.end()) return true;
  std::string v;
  for (char c : it->second) {
    if (!std::isspace(static_cast<unsigned char>(c))) v.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return v != "false";
}

// MySqlConnection.binaryLogStatusStatement: SHOW BINARY LOG STATUS where the server has it (MySQL
// 8.4 removed SHOW MASTER STATUS), SHOW MASTER STATUS on older MySQL and on MariaDB.
std::string binaryLogStatusStatement(Connection& conn) {
  if (conn.isMariaDb()) return "SHOW MASTER STATUS";
  try {
    conn.query("SHOW BINARY LOG STATUS");
    return "SHOW BINARY LOG STATUS";
  } catch (const MysqlException& e) {
    // CR_CONNECTION_ERROR, CR_CONN_HOST_ERROR, CR_SERVER_GONE_ERROR, CR_SERVER_LOST: not a
    // missing statement (isNetworkError's SQLSTATE 08xxx).
    if (e.code() == 2002 || e.code() == 2003 || e.code() == 2006 || e.code() == 2013) {
      throw api::ConnectException(std::string("Failed to establish connection with the database: ") + e.what());
    }
    const std::string version = conn.serverVersion();
    int major = 0;
    int minor = 0;
    if (std::sscanf(version.c_str(), "%d.%d", &major, &minor) == 2 && (major > 8 || (major == 8 && minor >= 4))) {
      throw api::ConnectException("MySQL version " + version +
                                  " should support SHOW BINARY LOG STATUS but it failed. Check database permissions "
                                  "or connectivity.");
    }
    return "SHOW MASTER STATUS";
  }
}

// BinlogConnectorConnection.availableBinlogFiles: SHOW BINARY LOGS, oldest first.
std::vector<std::string> binaryLogs(Connection& conn) {
  std::vector<std::string> files;
  try {
    for (const auto& row : conn.query("SHOW BINARY LOGS")) {
      if (!row.empty() && row[0]) files.push_back(*row[0]);
    }
  } catch (const MysqlException& e) {
    throw api::ConnectException(
        std::string("Unexpected error while connecting to the database and looking for binary logs: ") + e.what());
  }
  return files;
}

// The restart point as Debezium prints an offset context in its messages (BinlogOffsetContext
// and BinlogSourceInfo toString(), the fields a restart depends on).
std::string describeOffset(const BinlogOffsetContext& ctx) {
  const std::string gtids = ctx.restartGtidSet() ? *ctx.restartGtidSet() : "null";
  std::ostringstream out;
  out << "BinlogOffsetContext{sourceInfo=BinlogSourceInfo{currentBinlogFilename='" << ctx.currentFile()
      << "', currentBinlogPosition=" << ctx.currentPosition() << ", serverId=" << ctx.serverId()
      << "}, restartGtidSet='" << gtids << "', restartBinlogFilename='" << ctx.restartFile()
      << "', restartBinlogPosition=" << ctx.restartPosition() << ", restartRowsToSkip=" << ctx.rowsToSkip()
      << ", restartEventsToSkip=" << ctx.eventsToSkip() << "}";
  return out.str();
}

bool isBlank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c) != 0; });
}

// BinlogConnectorConnection.isBinlogPositionAvailable's GTID branch on MariaDB (MariaDbConnection):
// the server's GTIDs are GTID_BINLOG_POS, and no purged set is known (Debezium's purgedGtidSet()
// is empty for MariaDB), so the offset's GTIDs only have to be contained in the server's.
bool mariaDbGtidsAvailable(Connection& conn, const std::string& offset_gtids,
                           const std::function<bool(const std::string&)>& source_filter) {
  binlog::MariaDbGtidSet available;
  try {
    auto rows = conn.query("SHOW GLOBAL VARIABLES LIKE 'GTID_BINLOG_POS'");
    if (!rows.empty() && rows[0].size() >= 2 && rows[0][1]) available = binlog::MariaDbGtidSet::parse(*rows[0][1]);
  } catch (const MysqlException& e) {
    throw api::ConnectException(std::string("Unexpected error while looking at GTID_BINLOG_POS: ") + e.what());
  }
  if (available.empty()) {
    spdlog::info("Connector used GTIDs previously, but server does not know of any GTIDs or they are not enabled");
    return false;
  }
  binlog::MariaDbGtidSet wanted;
  try {
    wanted = binlog::MariaDbGtidSet::parse(offset_gtids).retainAll(source_filter);
  } catch (const std::invalid_argument&) {
    spdlog::info("Connector last known GTIDs are '{}', but server has '{}'", offset_gtids, available.toStreamString());
    return false;
  }
  spdlog::info("GTID Set retained: '{}'", wanted.toStreamString());
  if (!wanted.isContainedWithin(available)) {
    spdlog::info("Connector last known GTIDs are '{}', but server has '{}'", wanted.toStreamString(),
                 available.toStreamString());
    return false;
  }
  spdlog::info("Server has already purged '' GTIDs");
  return true;
}

// The same on MySQL (MySqlConnection): the executed set from the binlog status statement, and no
// GTID the connector still has to read may be in gtid_purged.
bool mySqlGtidsAvailable(Connection& conn, const std::string& offset_gtids,
                         const std::function<bool(const std::string&)>& source_filter) {
  binlog::MySqlGtidSet available;
  binlog::MySqlGtidSet purged;
  try {
    auto status = conn.query(binaryLogStatusStatement(conn));
    if (!status.empty() && status[0].size() > 4 && status[0][4]) available = binlog::MySqlGtidSet::parse(*status[0][4]);
    if (auto p = conn.queryScalar("SELECT @@global.gtid_purged")) purged = binlog::MySqlGtidSet::parse(*p);
  } catch (const MysqlException& e) {
    throw api::ConnectException(std::string("Unexpected error while looking at GTID mode: ") + e.what());
  }
  if (available.empty()) {
    spdlog::info("Connector used GTIDs previously, but server does not know of any GTIDs or they are not enabled");
    return false;
  }
  binlog::MySqlGtidSet wanted;
  try {
    wanted = binlog::MySqlGtidSet::parse(offset_gtids).retainAll(source_filter);
  } catch (const std::invalid_argument&) {
    spdlog::info("Connector last known GTIDs are '{}', but server has '{}'", offset_gtids, available.toString());
    return false;
  }
  spdlog::info("GTID Set retained: '{}'", wanted.toString());
  if (!wanted.isContainedWithin(available)) {
    spdlog::info("Connector last known GTIDs are '{}', but server has '{}'", wanted.toString(), available.toString());
    return false;
  }
  const binlog::MySqlGtidSet to_replicate = available.retainAll(source_filter).subtract(wanted);
  spdlog::info("Server has already purged '{}' GTIDs", purged.toString());
  const binlog::MySqlGtidSet not_purged = to_replicate.subtract(purged);
  spdlog::info("GTIDs known by the server but not processed yet '{}', for replication are available only '{}'",
               to_replicate.toString(), not_purged.toString());
  if (!(to_replicate == not_purged)) {
    spdlog::info("Some of the GTIDs needed to replicate have been already purged");
    return false;
  }
  return true;
}

// BaseSourceTask.validateSchemaHistory for the task's one partition (`offset` null: none stored).
// Throws Debezium's ConnectExceptions; returns true when the offset must be discarded so that a
// snapshot fills the gap (Offsets.resetOffset). The position check runs only for a completed
// snapshot's offset whose history exists, and only matters when the snapshotter streams.
bool validateSchemaHistory(const Snapshotter& snapshotter, SchemaHistory& history, const BinlogOffsetContext* offset,
                           const std::string& partition, bool check_position,
                           const std::function<bool()>& position_available) {
  if (offset == nullptr) {
    if (snapshotter.shouldSnapshotOnSchemaError()) {
      throw api::ConnectException(
          "Could not find existing redo log information while attempting schema only recovery snapshot");
    }
    spdlog::info("Connector started with no previous offset for partition '{{server={}}}'", partition);
    return false;
  }
  if (offset->snapshotWasRunning()) {
    if (!snapshotter.shouldSnapshotData(true, true) && !snapshotter.shouldSnapshotSchema(true, true)) {
      throw api::ConnectException(
          "The connector previously stopped while taking a snapshot, but now the connector is configured to never "
          "allow snapshots. Reconfigure the connector to use snapshots initially or when needed.");
    }
    return false;
  }
  if (!history.exists()) {
    spdlog::warn("Database schema history was not found but was expected");
    if (snapshotter.shouldSnapshotOnSchemaError()) {
      spdlog::info("The db-history topic is missing but we are in {} snapshot mode. Attempting to snapshot the current "
                   "schema and then begin reading the redo log from the last recorded offset.",
                   snapshotter.name());
      return false;
    }
    throw api::ConnectException(
        "The db history topic is missing. You may attempt to recover it by reconfiguring the connector to recovery.");
  }
  if (!check_position) return false;
  if (position_available() || !snapshotter.shouldStream()) return false;
  spdlog::warn("Last recorded offset is no longer available on the server.");
  if (snapshotter.shouldSnapshotOnDataError()) {
    spdlog::info("The last recorded offset is no longer available but we are in {} snapshot mode. Attempting to "
                 "snapshot data to fill the gap.",
                 snapshotter.name());
    return true;
  }
  throw api::ConnectException("The connector is trying to read change stream starting at " + describeOffset(*offset) +
                              ", but this is no longer available on the server. Reconfigure the connector to use a "
                              "snapshot mode when needed.");
}

}  // namespace

MySqlConnectorTask::MySqlConnectorTask(Flavor flavor) : flavor_(flavor) {}

MySqlConnectorTask::~MySqlConnectorTask() { stop(); }

std::string MySqlConnectorTask::version() const { return kDebeziumVersion; }

ConnectionOptions MySqlConnectorTask::connectionOptions() const {
  ConnectionOptions o = binlogConnectionOptions(*config_);
  o.init_statements = config_->initialStatements();
  return o;
}

void MySqlConnectorTask::start(const api::ConfigMap& props) {
  stopping_ = false;
  config_ = std::make_unique<MySqlConnectorConfig>(props, flavor_);
  const std::set<char> skipped = config_->skippedOperations();
  settings_ = Settings{};
  settings_.skip_create = skipped.count('c') != 0;
  settings_.skip_update = skipped.count('u') != 0;
  settings_.skip_delete = skipped.count('d') != 0;
  settings_.skip_truncate = skipped.count('t') != 0;
  settings_.include_query = config_->includeQuery();
  settings_.skip_unchanged = config_->skipMessagesWithoutChange();
  settings_.transaction_metadata = config_->provideTransactionMetadata();
  settings_.fail_on_unknown_schema = config_->inconsistentSchemaHandlingMode() == "fail";
  settings_.heartbeat_interval_ms = config_->heartbeatIntervalMs();
  queue_ = std::make_unique<ChangeEventQueue>(static_cast<size_t>(config_->maxQueueSize()),
                                              static_cast<size_t>(config_->maxBatchSize()),
                                              std::chrono::milliseconds(config_->pollIntervalMs()),
                                              static_cast<size_t>(std::max<int64_t>(0, config_->maxQueueSizeInBytes())));
  EventEmitter::Options eo;
  eo.topic_prefix = config_->topicPrefix();
  eo.mariadb = flavor_ == Flavor::MariaDb;
  eo.tombstones_on_delete = config_->tombstonesOnDelete();
  eo.provide_transaction_metadata = settings_.transaction_metadata;
  eo.extended_headers = config_->extendedHeadersEnabled();
  eo.run_id = randomUuid();
  eo.transaction_topic = config_->transactionTopic();
  eo.heartbeat_topic = config_->heartbeatTopic();
  eo.schema_change_topic = config_->schemaChangeTopic();
  emitter_ = std::make_unique<EventEmitter>(std::move(eo), *queue_);

  schema_options_template_ = TableSchemaOptions{};
  schema_options_template_.values = config_->valueConverterConfig();
  schema_options_template_.mappers = config_->columnMappingRules();
  schema_options_template_.include_schema_comments = config_->includeSchemaComments();
  schema_options_template_.source_schema = emitter_->sourceSchema();
  const Filters* filters = &config_->filters();
  schema_options_template_.column_included = [filters](const TableId& id, const std::string& column) {
    return filters->columnIncluded(id, column);
  };

  if (config_->schemaHistoryClass() == "io.debezium.storage.file.history.FileSchemaHistory") {
    history_ = std::make_unique<FileSchemaHistory>(config_->historyFileFilename().value_or(""));
  } else {
    KafkaSchemaHistory::Options ho;
    ho.topic = config_->historyKafkaTopic();
    ho.bootstrap_servers = config_->historyKafkaBootstrapServers();
    ho.client_id = config_->connectorName() + "-schemahistory";
    ho.producer = config_->historyProducerConfig();
    ho.consumer = config_->historyConsumerConfig();
    ho.recovery_attempts = config_->historyRecoveryAttempts();
    ho.recovery_poll_interval_ms = config_->historyRecoveryPollIntervalMs();
    history_ = std::make_unique<KafkaSchemaHistory>(std::move(ho));
  }

  DdlParser::Options parser_options;
  parser_options.flavor = flavor_ == Flavor::MariaDb ? DdlParser::Flavor::MariaDb : DdlParser::Flavor::MySql;
  parser_options.includeComments = config_->includeSchemaComments();
  parser_options.tableFilter = [filters](const TableId& id) { return filters->tableIncluded(id); };
  parser_ = DdlParser(std::move(parser_options));
  tables_.clear();
  schemas_.clear();
  topics_.clear();
  captured_.clear();

  resetOffsetContext();
  loaded_offset_ = context_->offsetStorageReader().offset(ctx_->partition());
  if (loaded_offset_ && !loaded_offset_->empty()) {
    ctx_ = std::make_unique<BinlogOffsetContext>(BinlogOffsetContext::load(config_->topicPrefix(), *loaded_offset_));
    ctx_->setTransactionMetadataEnabled(settings_.transaction_metadata);
    spdlog::info("Found previous offset {}", [&] {
      std::string s;
      for (const auto& [k, v] : *loaded_offset_) s += (s.empty() ? "" : ", ") + k + "=" + v.toString();
      return s;
    }());
  } else {
    loaded_offset_.reset();
  }

  // BinlogSourceTask / BaseSourceTask start-up, in Debezium's order: the snapshotter, the binlog
  // settings (only when it streams), the purged-binlog warning, then validateSchemaHistory, which
  // may discard the offset (when_needed) or fail the task. No privilege check runs here: missing
  // grants surface as the server's error from the statement or the binlog dump that needs them.
  const Snapshotter snapshotter = Snapshotter::forConfig(*config_);
  Connection conn(connectionOptions());
  conn.connect();
  if (snapshotter.shouldStream()) checkBinlogSettings(conn);
  if (!loaded_offset_ && !snapshotter.shouldSnapshotData(false, false)) {
    const std::vector<std::string> logs = binaryLogs(conn);
    if (logs.empty()) {
      spdlog::warn("No binlog appears to be available. Ensure that the database's row-level binlog is enabled.");
    } else if (logs.front().size() < 5 || logs.front().compare(logs.front().size() - 5, 5, "00001") != 0) {
      spdlog::warn("It is possible the server has purged some binlogs. If this is the case, then using snapshot "
                   "mode may be required.");
    }
  }
  const bool discard_offset = validateSchemaHistory(
      snapshotter, *history_, loaded_offset_ ? ctx_.get() : nullptr, config_->topicPrefix(), logPositionCheckEnabled(props),
      [&] { return binlogPositionAvailable(conn, *ctx_); });
  if (discard_offset) {
    loaded_offset_.reset();
    resetOffsetContext();
  }
  conn.close();
  plan_ = plan(loaded_offset_);

  history_->initializeStorage();
  if (loaded_offset_ && !plan_.snapshot_schema) recoverSchema();

  thread_ = std::thread([this] { run(); });
}

void MySqlConnectorTask::resetOffsetContext() {
  ctx_ = std::make_unique<BinlogOffsetContext>(config_->topicPrefix());
  ctx_->setTransactionMetadataEnabled(settings_.transaction_metadata);
}

// RelationalSnapshotChangeEventSource.getSnapshottingTask and the coordinator's streaming switch,
// for the offset validateSchemaHistory left (none when it was discarded).
MySqlConnectorTask::Plan MySqlConnectorTask::plan(const std::optional<api::OffsetMap>& offset) {
  const Snapshotter snapshotter = Snapshotter::forConfig(*config_);
  const bool offset_exists = offset.has_value();
  const bool in_progress = offset_exists && ctx_->snapshotWasRunning();
  if (offset_exists && !in_progress) spdlog::info("A previous offset indicating a completed snapshot has been found.");
  Plan p;
  p.snapshot_schema = snapshotter.shouldSnapshotSchema(offset_exists, in_progress);
  p.snapshot_data = snapshotter.shouldSnapshotData(offset_exists, in_progress);
  p.stream = snapshotter.shouldStream();
  if (p.snapshot_data && p.snapshot_schema) {
    spdlog::info("According to the connector configuration both schema and data will be snapshot.");
  } else if (p.snapshot_schema) {
    spdlog::info("According to the connector configuration only schema will be snapshot.");
  }
  return p;
}

void MySqlConnectorTask::checkBinlogSettings(Connection& conn) {
  auto variable = [&](const std::string& name) -> std::optional<std::string> {
    auto rows = conn.query("SHOW GLOBAL VARIABLES LIKE '" + name + "'");
    if (rows.empty() || rows[0].size() < 2 || !rows[0][1]) return std::nullopt;
    return rows[0][1];
  };
  auto upper = [](std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
  };
  auto format = variable("binlog_format");
  if (!format || upper(*format) != "ROW") {
    throw api::ConnectException(
        "The database server is not configured to use a ROW binlog_format, which is required for this connector to "
        "work properly. Change the database configuration to use a binlog_format=ROW and restart the connector.");
  }
  auto image = variable("binlog_row_image");
  if (image && upper(*image) != "FULL") {
    throw api::ConnectException(
        "The database server is not configured to use a FULL binlog_row_image, which is required for this connector "
        "to work properly. Change the database configuration to use a binlog_row_image=FULL and restart the "
        "connector.");
  }
}

// BinlogConnectorConnection.validateLogPosition / isBinlogPositionAvailable: an offset with GTIDs
// is judged by them alone (its binlog file is not looked at), one without by its binlog file.
bool MySqlConnectorTask::binlogPositionAvailable(Connection& conn, const BinlogOffsetContext& ctx) {
  // gtid.ignore.on.recovery treats the stored GTIDs as absent, as the streaming start does.
  const std::optional<std::string> gtids =
      config_->gtidIgnoreOnRecovery() ? std::nullopt : ctx.restartGtidSet();
  if (gtids) {
    if (isBlank(*gtids)) return true;
    return conn.isMariaDb() ? mariaDbGtidsAvailable(conn, *gtids, config_->gtidSourceFilter())
                            : mySqlGtidsAvailable(conn, *gtids, config_->gtidSourceFilter());
  }
  const std::string& file = ctx.restartFile();
  if (isBlank(file)) return true;
  const std::vector<std::string> files = binaryLogs(conn);
  if (std::find(files.begin(), files.end(), file) != files.end()) {
    spdlog::info("Server has the binlog file '{}' required by the connector", file);
    return true;
  }
  std::string list;
  for (const auto& f : files) list += (list.empty() ? "" : ", ") + f;
  spdlog::info("Connector requires binlog file '{}', but server only has {}", file, list);
  return false;
}

void MySqlConnectorTask::poll(std::vector<api::SourceRecord>& out) { queue_->poll(out); }

void MySqlConnectorTask::stop() {
  stopping_ = true;
  if (queue_) queue_->close();
  {
    std::lock_guard lock(interrupt_mu_);
    if (active_client_ != nullptr) active_client_->interrupt();
    if (active_conn_ != nullptr) active_conn_->interrupt();
  }
  if (thread_.joinable()) thread_.join();
  if (history_) history_->stop();
}

void MySqlConnectorTask::run() {
  bool snapshotting = false;
  try {
    if (plan_.snapshot_schema || plan_.snapshot_data) {
      snapshotting = true;
      snapshot(plan_.snapshot_data);
      snapshotting = false;
    } else {
      spdlog::info("Snapshot step 1 - Skipping snapshot: neither schema nor data is to be snapshot");
    }
    if (stopping()) return;
    if (!plan_.stream) {
      // ChangeEventSourceCoordinator: the task stays RUNNING and its poll() returns nothing.
      spdlog::info("Streaming is disabled for snapshot mode {}", Snapshotter::forConfig(*config_).name());
      return;
    }
    stream();
  } catch (const std::exception& e) {
    if (stopping()) {
      spdlog::debug("MySQL reader stopped: {}", e.what());
      return;
    }
    spdlog::error("MySQL connector task failed{}: {}", snapshotting ? " during the snapshot" : "", e.what());
    if (dynamic_cast<const api::ConnectException*>(&e) != nullptr) {
      queue_->fail(std::current_exception());
    } else if (snapshotting) {
      // A server error of a snapshot statement (e.g. a missing privilege) is reported as is.
      queue_->fail(std::make_exception_ptr(api::ConnectException(e.what())));
    } else {
      queue_->fail(std::make_exception_ptr(api::ConnectException(std::string("Error processing binlog event: ") + e.what())));
    }
  }
}

// ---- schema -----------------------------------------------------------------------------------

void MySqlConnectorTask::recoverSchema() {
  const api::OffsetMap desired = ctx_->offset();
  const api::OffsetMap partition = ctx_->partition();
  size_t applied = 0;
  history_->recover([&](HistoryRecord&& record) {
    if (record.source != partition) return;
    if (!isAtOrBefore(record.position, desired)) return;
    applyHistoryRecord(std::move(record));
    ++applied;
  });
  spdlog::info("Recovered {} schema history records; {} tables known", applied, tables_.size());
}

void MySqlConnectorTask::applyHistoryRecord(HistoryRecord&& record) {
  if (!record.tableChanges.empty()) {
    for (auto& change : record.tableChanges) {
      if (change.previousId) tables_.removeTable(*change.previousId);
      if (change.type == TableChange::Type::Drop) {
        tables_.removeTable(change.id);
      } else if (change.table) {
        tables_.overwrite(*change.table);
      }
    }
    return;
  }
  if (config_->isDdlFiltered(record.ddl)) return;
  try {
    parser_.parse(record.ddl, record.databaseName.value_or(""), tables_);
  } catch (const std::exception& e) {
    spdlog::warn("Ignoring schema history DDL that cannot be parsed: {}: {}", record.ddl, e.what());
  }
}

bool MySqlConnectorTask::isCaptured(const TableId& id) const {
  auto it = captured_.find(id);
  if (it == captured_.end()) it = captured_.emplace(id, config_->filters().tableIncluded(id)).first;
  return it->second;
}

const std::string& MySqlConnectorTask::topicFor(const TableId& id) {
  auto it = topics_.find(id);
  if (it == topics_.end()) it = topics_.emplace(id, config_->dataTopic(id)).first;
  return it->second;
}

std::shared_ptr<const TableSchema> MySqlConnectorTask::schemaFor(const TableId& id) {
  auto it = schemas_.find(id);
  if (it != schemas_.end()) return it->second;
  const Table* table = tables_.forTable(id);
  if (table == nullptr) return nullptr;
  TableSchemaOptions options = schema_options_template_;
  options.topic_name = topicFor(id);
  options.key_columns = config_->keyColumnsFor(*table);
  auto schema = buildTableSchema(*table, options);
  schemas_[id] = schema;
  return schema;
}

void MySqlConnectorTask::invalidateSchemas(const std::vector<TableChange>& changes) {
  for (const auto& c : changes) {
    schemas_.erase(c.id);
    if (c.previousId) schemas_.erase(*c.previousId);
  }
}

void MySqlConnectorTask::handleDdl(const std::string& sql, const std::string& database, bool snapshot) {
  std::vector<DdlStatement> statements;
  try {
    statements = parser_.parse(sql, database, tables_);
  } catch (const std::exception& e) {
    // An unknown or unparseable statement never stops the connector: the tables it may have
    // changed are re-read from the catalog when their next row event does not fit the model.
    if (config_->skipUnparseableDdl()) {
      spdlog::warn("Ignoring unparseable DDL statement '{}': {}", sql, e.what());
    } else {
      spdlog::error("Cannot parse DDL statement '{}': {}; the statement is skipped and the definitions of tables "
                    "whose rows no longer match are read from the database",
                    sql, e.what());
    }
    return;
  }
  bool any_signalled = false;
  for (const auto& st : statements) {
    invalidateSchemas(st.changes);
    if (st.kind == DdlStatement::Kind::Truncate) {
      any_signalled = true;
      if (snapshot) continue;
      for (const auto& id : st.truncated) {
        if (settings_.skip_truncate || !isCaptured(id)) continue;
        auto schema = schemaFor(id);
        if (!schema) continue;
        if (!emitter_->truncateRecord(id, topicFor(id), *schema, *ctx_)) return;
      }
      continue;
    }
    if (!st.signalled) continue;
    any_signalled = true;
    recordSchemaChange(st, snapshot);
  }
  if (!any_signalled && !statements.empty()) {
    // Debezium records a QUERY event none of whose statements its parser signalled as one
    // database-level change with the event's whole text.
    DdlStatement whole;
    whole.ddl = sql;
    whole.databaseName = database;
    whole.signalled = true;
    recordSchemaChange(whole, snapshot);
  }
}

void MySqlConnectorTask::recordSchemaChange(const DdlStatement& st, bool snapshot) {
  if (config_->isDdlFiltered(st.ddl)) return;
  if (config_->storeOnlyCapturedDatabasesDdl() && !st.databaseName.empty() &&
      !config_->filters().databaseIncluded(st.databaseName)) {
    return;
  }
  if (config_->storeOnlyCapturedTablesDdl() && !st.changes.empty()) {
    bool any = std::any_of(st.changes.begin(), st.changes.end(), [&](const TableChange& c) { return isCaptured(c.id); });
    if (!any) return;
  }
  HistoryRecord record;
  record.source = ctx_->partition();
  record.position = ctx_->offset();
  record.ts_ms = nowMs();
  record.databaseName = st.databaseName;
  record.ddl = st.ddl;
  record.tableChanges = st.changes;
  history_->storeRecord(record);
  if (config_->includeSchemaChanges()) {
    // Every DDL the history records is also a schema change event (EventDispatcher's
    // SchemaChangeEventReceiver), captured tables or not.
    if (snapshot) ctx_->markSnapshotRecord(SnapshotMarker::True);
    emitter_->schemaChangeRecord(st.databaseName, st.ddl, st.changes, *ctx_);
    if (snapshot) ctx_->markSnapshotRecord(SnapshotMarker::None);
  }
}

}  // namespace connectd::mysql
