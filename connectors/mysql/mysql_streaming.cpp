// Binlog streaming (BinlogStreamingChangeEventSource + MySqlStreamingChangeEventSource).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <limits>
#include <thread>

#include "connectors/mysql/binlog/gtid_set.h"
#include "connectors/mysql/mysql_connector_task.h"
#include "server/api/errors.h"

namespace connectd::mysql {

namespace {

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && (std::isspace(static_cast<unsigned char>(s.back())) || s.back() == ';')) s.remove_suffix(1);
  return s;
}

std::string upperPrefix(std::string_view s, size_t n) {
  std::string out(s.substr(0, std::min(n, s.size())));
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Server errors after which reconnecting cannot help.
bool isFatal(unsigned code) {
  switch (code) {
    case 1236:  // ER_MASTER_FATAL_ERROR_READING_BINLOG: purged binlog, duplicate server id, ...
    case 1045:  // access denied
    case 1227:  // missing REPLICATION privileges
    case 1044:
      return true;
    default:
      return false;
  }
}

}  // namespace

void MySqlConnectorTask::resetGtidSets(const std::optional<std::string>& text) {
  mysql_gtids_ = binlog::MySqlGtidSet();
  mariadb_gtids_ = binlog::MariaDbGtidSet();
  if (!text || text->empty()) return;
  // MySQL sets are "uuid:interval,..."; MariaDB positions "domain-server-seq,..." have no ':'.
  if (text->find(':') != std::string::npos) {
    mysql_gtids_ = binlog::MySqlGtidSet::parse(*text);
  } else {
    mariadb_gtids_ = binlog::MariaDbGtidSet::parse(*text);
  }
}

void MySqlConnectorTask::stream() {
  {
    Connection conn(connectionOptions());
    conn.connect();
    checkBinlogSettings(conn);
  }
  initial_events_to_skip_ = ctx_->eventsToSkip();
  initial_rows_to_skip_ = ctx_->rowsToSkip();
  skip_event_ = false;
  resetGtidSets(ctx_->restartGtidSet());
  last_heartbeat_ = std::chrono::steady_clock::now();
  if (settings_.heartbeat_interval_ms > 0 && config_->heartbeatActionQuery()) {
    heartbeat_conn_ = std::make_unique<Connection>(connectionOptions());
  }

  reconnect_attempts_ = 0;
  while (!stopping()) {
    binlog::BinlogClientOptions options;
    options.connection = connectionOptions();
    options.server_id = config_->serverId();
    // Server heartbeats wake the reader when the binlog is quiet: they drive heartbeat.interval.ms
    // and commit the position reached after filtered events (maybeOffsetRecord), so they come at
    // least every 5 s, and within Debezium's 0.8 x keep-alive interval.
    const int64_t keep_alive = config_->keepAliveIntervalMs();
    int64_t hb = std::min<int64_t>(static_cast<int64_t>(keep_alive * 0.8), 5000);
    if (settings_.heartbeat_interval_ms > 0) hb = std::min<int64_t>(hb, settings_.heartbeat_interval_ms);
    options.heartbeat_interval_ms = std::max<int64_t>(hb, 100);
    options.request_annotate_rows = settings_.include_query;
    binlog::BinlogClient client(std::move(options));
    {
      std::lock_guard lock(interrupt_mu_);
      active_client_ = &client;
    }
    struct Release {
      MySqlConnectorTask* self;
      ~Release() {
        std::lock_guard lock(self->interrupt_mu_);
        self->active_client_ = nullptr;
      }
    } release{this};
    try {
      streamOnce(client);
      return;  // interrupted by stop()
    } catch (const MysqlException& e) {
      if (stopping()) return;
      if (isFatal(e.code()) || reconnect_attempts_ >= 30) {
        throw api::ConnectException(std::string("Error processing binlog event: ") + e.what() +
                                    " Error code: " + std::to_string(e.code()) + "; SQLSTATE: " + e.sqlstate() + ".");
      }
      const int attempt = ++reconnect_attempts_;
      const int64_t wait_ms = std::min<int64_t>(10000, 500LL << std::min(attempt, 5));
      spdlog::warn("Binlog connection lost ({}); reconnecting in {} ms from {}:{} (attempt {})", e.what(), wait_ms,
                   ctx_->restartFile(), ctx_->restartPosition(), attempt);
      auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
      while (!stopping() && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      // Resume at the restart point like a task restart: redo the open transaction from its
      // BEGIN, skipping the events already emitted.
      initial_events_to_skip_ = ctx_->eventsToSkip();
      initial_rows_to_skip_ = 0;
      skip_event_ = false;
      resetGtidSets(ctx_->restartGtidSet());
    }
  }
}

void MySqlConnectorTask::streamOnce(binlog::BinlogClient& client) {
  binlog::StartPosition start;
  start.file = ctx_->restartFile();
  start.pos = static_cast<uint64_t>(std::max<int64_t>(4, ctx_->restartPosition()));
  if (flavor_ == Flavor::MariaDb && ctx_->restartGtidSet() && !ctx_->restartGtidSet()->empty()) {
    start.gtids = *ctx_->restartGtidSet();
  }
  table_maps_.clear();
  client.connect(start);
  spdlog::info("Connected to binlog at {}:{} (events to skip {}, rows to skip {})", start.file, start.pos,
               initial_events_to_skip_, initial_rows_to_skip_);
  while (!stopping()) {
    std::optional<binlog::Event> event = client.next();
    if (!event) return;
    // Connected and reading again: only consecutive failed reconnects count against the limit.
    reconnect_attempts_ = 0;
    handleEvent(*event, client.formatDescription());
  }
}

void MySqlConnectorTask::handleEvent(const binlog::Event& event, const binlog::FormatDescription& fd) {
  const auto& h = event.header;
  const bool heartbeat = h.type == binlog::HEARTBEAT || h.type == binlog::HEARTBEAT_V2;
  if (!heartbeat && h.timestamp != 0) {
    ctx_->setSourceTimeMicros(static_cast<int64_t>(h.timestamp) * 1000000);
    ctx_->setServerId(h.server_id);
  }
  if (h.type == binlog::ROTATE) {
    binlog::RotateEvent r = binlog::parseRotate(event);
    ctx_->setBinlogStartPoint(r.next_file, static_cast<int64_t>(r.position));
    table_maps_.clear();
  } else if (h.log_pos != 0 && !heartbeat) {
    ctx_->setEventPosition(static_cast<int64_t>(h.log_pos) - h.event_size, h.event_size);
  }

  switch (h.type) {
    case binlog::QUERY:
      handleQuery(event, fd);
      break;
    case binlog::XID:
      commitTransaction();
      break;
    case binlog::TABLE_MAP: {
      binlog::TableMapEvent map = binlog::parseTableMap(event, fd);
      const uint64_t id = map.table_id;
      table_maps_[id] = std::move(map);
      break;
    }
    case binlog::GTID:
    case binlog::GTID_TAGGED: {
      binlog::GtidEvent g = binlog::parseMysqlGtid(event);
      mysql_gtids_.add(g.gtid);
      ctx_->startGtid(g.gtid, mysql_gtids_.toString());
      if (g.original_commit_timestamp_us && *g.original_commit_timestamp_us > 0) {
        ctx_->setSourceTimeMicros(*g.original_commit_timestamp_us);
      }
      break;
    }
    case binlog::MARIADB_GTID: {
      binlog::MariaDbGtidEvent g = binlog::parseMariaDbGtid(event);
      const std::string gtid = g.gtid(h.server_id);
      mariadb_gtids_.add(gtid);
      ctx_->startGtid(gtid, mariadb_gtids_.toString());
      // MariaDB's GTID event opens the transaction; there is no BEGIN query event after it.
      if (!g.standalone()) beginTransaction(std::nullopt);
      break;
    }
    case binlog::MARIADB_ANNOTATE_ROWS:
      if (settings_.include_query) ctx_->setQuery(std::string(binlog::parseAnnotateRows(event)));
      break;
    case binlog::ROWS_QUERY:
      if (settings_.include_query) ctx_->setQuery(std::string(binlog::parseRowsQuery(event)));
      break;
    default:
      if (binlog::isRowsEvent(h.type)) handleRows(event, fd);
      break;
  }

  maybeHeartbeat();
  ctx_->completeEvent();
  if (skip_event_) {
    --initial_events_to_skip_;
    skip_event_ = initial_events_to_skip_ > 0;
  }
  maybeOffsetRecord();
}

void MySqlConnectorTask::maybeOffsetRecord() {
  // Between transactions, when everything read since the last record was filtered out.
  if (ctx_->inTransaction()) return;
  const uint64_t emitted = emitter_->emitted();
  const auto now = std::chrono::steady_clock::now();
  if (emitted != emitted_at_last_check_) {
    emitted_at_last_check_ = emitted;
    last_record_time_ = now;
    return;
  }
  if (now - last_record_time_ < std::chrono::seconds(1)) return;
  if (ctx_->restartFile() == last_offset_record_file_ && ctx_->restartPosition() == last_offset_record_pos_) return;
  last_offset_record_file_ = ctx_->restartFile();
  last_offset_record_pos_ = ctx_->restartPosition();
  emitter_->offsetRecord(*ctx_);
  emitted_at_last_check_ = emitter_->emitted();
  last_record_time_ = now;
}

void MySqlConnectorTask::beginTransaction(std::optional<int64_t> thread_id) {
  ctx_->startNextTransaction();
  ctx_->setThreadId(thread_id);
  if (initial_events_to_skip_ != 0) {
    spdlog::info("Restarting partially-processed transaction; change events will not be created for the first {} "
                 "events plus {} more rows in the next event",
                 initial_events_to_skip_, initial_rows_to_skip_);
    skip_event_ = true;
  }
  if (settings_.transaction_metadata) {
    std::string id = ctx_->currentGtid() ? *ctx_->currentGtid()
                         : "file=" + ctx_->currentFile() + ",pos=" + std::to_string(ctx_->currentPosition());
    ctx_->beginTransactionMetadata(id);
    emitter_->transactionBegin(*ctx_, id, ctx_->sourceTimeMicros().value_or(0) / 1000);
  }
}

void MySqlConnectorTask::commitTransaction() {
  if (settings_.transaction_metadata && ctx_->transactionId()) {
    const std::string id = *ctx_->transactionId();
    emitter_->transactionEnd(*ctx_, id, ctx_->sourceTimeMicros().value_or(0) / 1000);
    ctx_->endTransactionMetadata();
  }
  ctx_->commitTransaction();
  ctx_->setThreadId(std::nullopt);
  skip_event_ = false;
}

void MySqlConnectorTask::handleQuery(const binlog::Event& event, const binlog::FormatDescription& fd) {
  binlog::QueryEvent q = binlog::parseQuery(event, fd);
  std::string_view sql = trim(q.sql);
  if (equalsIgnoreCase(sql, "BEGIN")) {
    beginTransaction(static_cast<int64_t>(q.thread_id));
    return;
  }
  if (equalsIgnoreCase(sql, "COMMIT")) {
    commitTransaction();
    return;
  }
  const std::string begin = upperPrefix(sql, 7);
  if (begin.rfind("XA ", 0) == 0) return;
  if (equalsIgnoreCase(sql, "ROLLBACK")) {
    spdlog::warn("Rollback statement seen in the binlog; binlog.buffer.size is not supported, the transaction's "
                 "events were already emitted");
    ctx_->commitTransaction();
    return;
  }
  if (begin == "INSERT " || begin == "UPDATE " || begin == "DELETE ") {
    spdlog::warn("Received DML '{}' for processing, binlog probably contains events generated with statement or mixed "
                 "based replication format", sql);
    return;
  }
  handleDdl(std::string(sql), std::string(q.database), false);
  // A DDL statement commits implicitly: it is a transaction of its own.
  if (!ctx_->inTransaction()) ctx_->commitTransaction();
}

std::shared_ptr<const TableSchema> MySqlConnectorTask::schemaForRows(const binlog::TableMapEvent& map,
                                                                     const TableId& id) {
  auto fits = [&](const Table* table) { return table != nullptr && table->columns.size() == map.column_types.size(); };
  auto schema = schemaFor(id);
  if (!schema || !fits(tables_.forTable(id))) {
    // Unknown to the model (snapshot.mode=never, a lost history, a DDL the parser skipped) or no
    // longer matching the binlog's row image: read the table's current definition.
    try {
      Connection conn(connectionOptions());
      conn.connect();
      auto rows = conn.query("SHOW CREATE TABLE `" + id.catalog + "`.`" + id.table + "`");
      if (!rows.empty() && rows[0].size() >= 2 && rows[0][1]) {
        spdlog::warn("The schema of {} is {}; its current definition is read from the database", id.toString(),
                     schema ? "out of date" : "unknown");
        parser_.parse(*rows[0][1], id.catalog, tables_);
        schemas_.erase(id);
        schema = schemaFor(id);
      }
    } catch (const std::exception& e) {
      spdlog::warn("Could not read the definition of {}: {}", id.toString(), e.what());
    }
  }
  if (!schema) return nullptr;
  const Table* table = tables_.forTable(id);
  if (!fits(table)) {
    throw api::ConnectException("Error processing row in " + id.toString() + ", internal schema size " +
                                std::to_string(table == nullptr ? 0 : table->columns.size()) + ", but row size " +
                                std::to_string(map.column_types.size()) +
                                " , restart connector with schema recovery mode.");
  }
  return schema;
}

void MySqlConnectorTask::handleRows(const binlog::Event& event, const binlog::FormatDescription& fd) {
  if (skip_event_) {
    spdlog::debug("Skipping previously processed row event at {}:{}", ctx_->currentFile(), ctx_->currentPosition());
    return;
  }
  const uint64_t table_id = binlog::rowsEventTableId(event, fd);
  auto map_it = table_maps_.find(table_id);
  if (map_it == table_maps_.end()) {
    spdlog::warn("Rows event for unknown table number {} at {}:{} skipped", table_id, ctx_->currentFile(),
                 ctx_->currentPosition());
    return;
  }
  const binlog::TableMapEvent& map = map_it->second;
  TableId id{map.database, map.table};
  if (!isCaptured(id)) return;
  const binlog::RowsKind kind = binlog::rowsKind(event.header.type);
  const bool skipped = kind == binlog::RowsKind::Write    ? settings_.skip_create
                       : kind == binlog::RowsKind::Update ? settings_.skip_update
                                                          : settings_.skip_delete;
  if (skipped) return;
  auto schema = schemaForRows(map, id);
  if (!schema) {
    if (settings_.fail_on_unknown_schema) {
      throw api::ConnectException("Encountered change event for table " + id.toString() +
                                  " whose schema isn't known to this connector");
    }
    spdlog::warn("Encountered change event for table {} whose schema isn't known to this connector; skipped", id.toString());
    return;
  }
  const std::string& topic = topicFor(id);

  int start_row = 0;
  if (initial_rows_to_skip_ > 0) {
    start_row = static_cast<int>(initial_rows_to_skip_);
    initial_rows_to_skip_ = 0;
  }
  // One row of look-ahead tells whether a row is the event's last, which its offset records.
  binlog::RowsEventReader reader(event, fd, map);
  bool has_row = reader.next(before_cells_, after_cells_);
  int index = 0;
  const bool skip_unchanged = settings_.skip_unchanged;
  while (has_row) {
    const bool has_next = reader.next(next_before_cells_, next_after_cells_);
    if (index >= start_row) {
      ctx_->setRowNumber(index, has_next ? std::numeric_limits<int>::max() : index + 1);
      if (!emitRow(kind, id, topic, *schema, skip_unchanged)) return;
    }
    std::swap(before_cells_, next_before_cells_);
    std::swap(after_cells_, next_after_cells_);
    has_row = has_next;
    ++index;
  }
}

bool MySqlConnectorTask::emitRow(binlog::RowsKind kind, const TableId& id, const std::string& topic,
                                 const TableSchema& schema, bool skip_unchanged) {
  switch (kind) {
    case binlog::RowsKind::Write:
      return emitter_->changeRecord('c', id, topic, schema, api::Value(), api::Value(), schema.keyFromBinlog(after_cells_),
                                    schema.valueFromBinlog(after_cells_), *ctx_);
    case binlog::RowsKind::Update: {
      api::Value before = schema.valueFromBinlog(before_cells_);
      api::Value after = schema.valueFromBinlog(after_cells_);
      if (skip_unchanged && before == after) return true;
      return emitter_->changeRecord('u', id, topic, schema, schema.keyFromBinlog(before_cells_), std::move(before),
                                    schema.keyFromBinlog(after_cells_), std::move(after), *ctx_);
    }
    case binlog::RowsKind::Delete:
      return emitter_->changeRecord('d', id, topic, schema, schema.keyFromBinlog(before_cells_),
                                    schema.valueFromBinlog(before_cells_), api::Value(), api::Value(), *ctx_);
  }
  return true;
}

void MySqlConnectorTask::maybeHeartbeat() {
  const int64_t interval = settings_.heartbeat_interval_ms;
  if (interval <= 0) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_heartbeat_ < std::chrono::milliseconds(interval)) return;
  last_heartbeat_ = now;
  if (heartbeat_conn_) {
    try {
      if (!heartbeat_connected_) {
        heartbeat_conn_->connect();
        heartbeat_connected_ = true;
      }
      heartbeat_conn_->execute(*config_->heartbeatActionQuery());
    } catch (const MysqlException& e) {
      throw api::ConnectException("Could not execute heartbeat action query (Error: " + e.sqlstate() + "): " + e.what());
    }
  }
  emitter_->heartbeatRecord(*ctx_);
}

}  // namespace connectd::mysql
