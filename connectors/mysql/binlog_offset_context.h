#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "server/api/connect_record.h"
#include "server/api/schema.h"
#include "server/api/value.h"

namespace connectd::mysql {

// Debezium's SnapshotRecord: the source block's "snapshot" marker.
enum class SnapshotMarker { None, True, First, FirstInDataCollection, LastInDataCollection, Last, False, Incremental };
const char* snapshotMarkerText(SnapshotMarker marker);

// Debezium's BinlogOffsetContext together with BinlogSourceInfo: where the connector is in the
// binlog (for the `source` block of each event) and where it has to restart (for the offset).
//
// The restart point is a transaction boundary plus counters: `event` events of the current
// transaction (counted from its BEGIN, which counts) and `row` rows of the next rows event are
// done. Rows are emitted as they are read, so a restart inside a million-row transaction
// resumes at the next row instead of redoing the transaction.
class BinlogOffsetContext {
 public:
  // Offset keys (BinlogOffsetContext / BinlogSourceInfo).
  static constexpr const char* kServerPartitionKey = "server";
  static constexpr const char* kFile = "file";
  static constexpr const char* kPos = "pos";
  static constexpr const char* kGtids = "gtids";
  static constexpr const char* kEvent = "event";
  static constexpr const char* kRow = "row";
  static constexpr const char* kServerId = "server_id";
  static constexpr const char* kTsSec = "ts_sec";
  static constexpr const char* kSnapshot = "snapshot";
  static constexpr const char* kSnapshotCompleted = "snapshot_completed";
  static constexpr const char* kTransactionId = "transaction_id";
  static constexpr const char* kTransactionOrderPrefix = "transaction_data_collection_order_";

  explicit BinlogOffsetContext(std::string server_name);

  // MySqlOffsetContext.Loader: throws ConnectException("Source offset 'file' parameter is missing").
  static BinlogOffsetContext load(std::string server_name, const api::OffsetMap& offset);

  const api::OffsetMap& partition() const { return partition_; }
  const std::string& serverName() const { return server_name_; }

  // The offset map of the current state (getOffset), keys in Debezium's stored order.
  api::OffsetMap offset() const;

  // -- snapshot ---------------------------------------------------------------------------------
  // Starts a snapshot at the binlog position read under the lock ("INITIAL").
  void beginSnapshot(const std::string& file, int64_t pos, std::optional<std::string> gtids);
  void markSnapshotRecord(SnapshotMarker marker) { snapshot_marker_ = marker; }
  void completeSnapshot() { snapshot_running_ = false; snapshot_marker_ = SnapshotMarker::None; }
  bool snapshotRunning() const { return snapshot_running_; }
  // Whether the loaded offset said a snapshot was in progress.
  bool snapshotWasRunning() const { return loaded_snapshot_running_; }

  // -- streaming --------------------------------------------------------------------------------
  void setBinlogStartPoint(const std::string& file, int64_t pos);
  void setEventPosition(int64_t position_of_current_event, int64_t event_length);
  void setServerId(int64_t server_id) { server_id_ = server_id; }
  void setSourceTimeMicros(int64_t micros) { source_time_us_ = micros; }
  void startNextTransaction();
  void commitTransaction();
  void completeEvent() {
    ++restart_events_to_skip_;
    restart_rows_to_skip_ = 0;
    offset_rows_ = 0;
  }
  // For rows event row `row_number` of `total_rows`: the restart counters after emitting it.
  void setRowNumber(int row_number, int total_rows);
  void setThreadId(std::optional<int64_t> thread) { thread_id_ = thread; }
  void setQuery(std::optional<std::string> query) { query_ = std::move(query); }
  // The GTID of the transaction in progress; `completed_set` is the GTID set including it,
  // which becomes the restart set when the transaction commits.
  void startGtid(std::string gtid, std::string completed_set);
  void setCompletedGtidSet(std::string set) { current_gtid_set_ = std::move(set); }
  void setDatabaseAndTable(std::string db, std::optional<std::string> table) {
    db_ = std::move(db);
    table_ = std::move(table);
  }
  bool inTransaction() const { return in_transaction_; }

  // -- transaction metadata (TransactionContext) --------------------------------------------------
  void setTransactionMetadataEnabled(bool enabled) { tx_metadata_ = enabled; }
  void beginTransactionMetadata(std::string id);
  void endTransactionMetadata();
  const std::optional<std::string>& transactionId() const { return transaction_id_; }
  // Counts one event of `data_collection`; returns {total_order, data_collection_order}.
  std::pair<int64_t, int64_t> countTransactionEvent(const std::string& data_collection);
  int64_t transactionTotalOrder() const { return tx_total_order_; }
  const std::map<std::string, int64_t>& transactionPerTableCounts() const { return tx_per_table_; }

  // -- accessors --------------------------------------------------------------------------------
  const std::string& restartFile() const { return restart_file_; }
  int64_t restartPosition() const { return restart_pos_; }
  int64_t eventsToSkip() const { return restart_events_to_skip_; }
  int64_t rowsToSkip() const { return restart_rows_to_skip_; }
  const std::optional<std::string>& restartGtidSet() const { return restart_gtid_set_; }
  const std::string& currentFile() const { return current_file_; }
  int64_t currentPosition() const { return current_pos_; }
  int64_t serverId() const { return server_id_; }
  const std::optional<std::string>& currentGtid() const { return current_gtid_; }
  std::optional<int64_t> sourceTimeMicros() const { return source_time_us_; }

  // The `source` struct of an event now (BinlogSourceInfoStructMaker).
  api::Value sourceStruct(const api::SchemaPtr& schema, const std::string& version, const std::string& connector) const;

 private:
  std::string server_name_;
  api::OffsetMap partition_;  // {"server": server_name_}
  // restart point
  std::string restart_file_;
  int64_t restart_pos_ = 0;
  int64_t restart_events_to_skip_ = 0;
  int64_t restart_rows_to_skip_ = 0;
  int64_t offset_rows_ = 0;  // the `row` the offset reports (restart rows, or the rows total after the last row)
  std::optional<std::string> restart_gtid_set_;
  std::optional<std::string> current_gtid_set_;
  bool in_transaction_ = false;
  // current event
  std::string current_file_;
  int64_t current_pos_ = 0;
  int64_t current_event_length_ = 0;
  int current_row_ = 0;
  int64_t server_id_ = 0;
  std::optional<int64_t> source_time_us_;
  std::optional<int64_t> thread_id_;
  std::optional<std::string> current_gtid_;
  std::optional<std::string> query_;
  std::string db_;
  std::optional<std::string> table_;
  // snapshot
  bool snapshot_running_ = false;
  bool loaded_snapshot_running_ = false;
  SnapshotMarker snapshot_marker_ = SnapshotMarker::None;
  // transaction metadata
  bool tx_metadata_ = false;
  std::optional<std::string> transaction_id_;
  int64_t tx_total_order_ = 0;
  std::map<std::string, int64_t> tx_per_table_;
};

}  // namespace connectd::mysql
