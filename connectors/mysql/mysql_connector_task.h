#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "connectors/mysql/binlog/binlog_client.h"
#include "connectors/mysql/binlog/connection.h"
#include "connectors/mysql/binlog/gtid_set.h"
#include "connectors/mysql/binlog_offset_context.h"
#include "connectors/mysql/change_event_queue.h"
#include "connectors/mysql/event_emitter.h"
#include "connectors/mysql/mysql_connector_config.h"
#include "connectors/mysql/schema/ddl_parser.h"
#include "connectors/mysql/schema/tables.h"
#include "connectors/mysql/schema_history.h"
#include "connectors/mysql/values/table_schema.h"
#include "server/api/task.h"

namespace connectd::mysql {

// Debezium's MySqlConnectorTask / MariaDbConnectorTask: one task per connector. start() checks
// the configuration, the database and the stored offset and recovers the table schemas from
// the schema history; a reader thread then runs the snapshot (when the snapshot mode and the
// offset call for one) and streams the binlog, handing records to poll() through a bounded queue.
class MySqlConnectorTask : public api::SourceTask {
 public:
  static constexpr const char* kMySqlClassName = "io.debezium.connector.mysql.MySqlConnectorTask";
  static constexpr const char* kMariaDbClassName = "io.debezium.connector.mariadb.MariaDbConnectorTask";

  explicit MySqlConnectorTask(Flavor flavor);
  ~MySqlConnectorTask() override;

  std::string version() const override;
  void start(const api::ConfigMap& props) override;
  void poll(std::vector<api::SourceRecord>& out) override;
  bool wantsCommitRecord() const override { return false; }
  void stop() override;

 private:
  // What start() decided from the snapshot mode, the offset and the history.
  struct Plan {
    bool snapshot_schema = false;
    bool snapshot_data = false;
    bool stream = true;
  };

  void run();
  Plan plan(const std::optional<api::OffsetMap>& offset);
  ConnectionOptions connectionOptions() const;
  void checkBinlogSettings(Connection& conn);
  bool binlogPositionAvailable(Connection& conn, const BinlogOffsetContext& ctx);

  // schema (mysql_connector_task.cpp)
  void recoverSchema();
  void applyHistoryRecord(HistoryRecord&& record);
  bool isCaptured(const TableId& id) const;
  const std::string& topicFor(const TableId& id);
  std::shared_ptr<const TableSchema> schemaFor(const TableId& id);
  void invalidateSchemas(const std::vector<TableChange>& changes);
  // Applies DDL text from the binlog or the snapshot: table model, history record, schema change event.
  void handleDdl(const std::string& sql, const std::string& database, bool snapshot);
  void recordSchemaChange(const DdlStatement& statement, bool snapshot);

  // snapshot (mysql_snapshot.cpp)
  void snapshot(bool with_data);
  void snapshotTable(Connection& conn, const TableId& id, bool first_table, bool last_table, bool& emitted_any);

  // streaming (mysql_streaming.cpp)
  void stream();
  void streamOnce(binlog::BinlogClient& client);
  void handleEvent(const binlog::Event& event, const binlog::FormatDescription& fd);
  void handleQuery(const binlog::Event& event, const binlog::FormatDescription& fd);
  void handleRows(const binlog::Event& event, const binlog::FormatDescription& fd);
  void beginTransaction(std::optional<int64_t> thread_id);
  void commitTransaction();
  bool emitRow(binlog::RowsKind kind, const TableId& id, const std::string& topic, const TableSchema& schema,
               bool skip_unchanged);
  void maybeHeartbeat();
  void maybeOffsetRecord();
  std::shared_ptr<const TableSchema> schemaForRows(const binlog::TableMapEvent& map, const TableId& id);

  bool stopping() const { return stopping_.load(); }
  // A fresh offset context: no stored offset, or one that is discarded.
  void resetOffsetContext();

  const Flavor flavor_;
  std::unique_ptr<MySqlConnectorConfig> config_;
  std::unique_ptr<ChangeEventQueue> queue_;
  std::unique_ptr<EventEmitter> emitter_;
  std::unique_ptr<SchemaHistory> history_;
  std::unique_ptr<BinlogOffsetContext> ctx_;
  std::optional<api::OffsetMap> loaded_offset_;
  Plan plan_;
  // The settings the binlog loop consults for every event, resolved once at start (the config
  // accessors parse their strings on each call).
  struct Settings {
    bool skip_create = false;
    bool skip_update = false;
    bool skip_delete = false;
    bool skip_truncate = false;
    bool include_query = false;
    bool skip_unchanged = false;
    bool transaction_metadata = false;
    bool fail_on_unknown_schema = true;
    int64_t heartbeat_interval_ms = 0;
  };
  Settings settings_;

  Tables tables_;
  DdlParser parser_;
  std::map<TableId, std::shared_ptr<const TableSchema>> schemas_;
  std::map<TableId, std::string> topics_;
  // Filter verdicts per table: the include/exclude regexes run once per table, not per event.
  mutable std::map<TableId, bool> captured_;
  TableSchemaOptions schema_options_template_;

  // streaming state
  std::map<uint64_t, binlog::TableMapEvent> table_maps_;
  // The completed GTID set including the current transaction (the server's flavour), kept
  // parsed so each transaction only adds its GTID.
  binlog::MySqlGtidSet mysql_gtids_;
  binlog::MariaDbGtidSet mariadb_gtids_;
  void resetGtidSets(const std::optional<std::string>& text);
  int reconnect_attempts_ = 0;
  int64_t initial_events_to_skip_ = 0;
  int64_t initial_rows_to_skip_ = 0;
  bool skip_event_ = false;
  std::chrono::steady_clock::time_point last_heartbeat_{};
  std::unique_ptr<Connection> heartbeat_conn_;
  bool heartbeat_connected_ = false;
  uint64_t emitted_at_last_check_ = 0;
  std::chrono::steady_clock::time_point last_record_time_{};
  std::string last_offset_record_file_;
  int64_t last_offset_record_pos_ = -1;
  std::vector<binlog::Cell> before_cells_;
  std::vector<binlog::Cell> after_cells_;
  std::vector<binlog::Cell> next_before_cells_;
  std::vector<binlog::Cell> next_after_cells_;

  std::mutex interrupt_mu_;
  Connection* active_conn_ = nullptr;
  binlog::BinlogClient* active_client_ = nullptr;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace connectd::mysql
