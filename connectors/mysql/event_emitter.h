#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "connectors/mysql/binlog_offset_context.h"
#include "connectors/mysql/change_event_queue.h"
#include "connectors/mysql/schema/table.h"
#include "connectors/mysql/schema/table_change.h"
#include "connectors/mysql/schema/tables.h"
#include "connectors/mysql/values/table_schema.h"
#include "server/api/connect_record.h"
#include "server/api/schema.h"

namespace connectd::mysql {

// The Debezium release whose event layout connectd reproduces (source.version).
inline constexpr const char* kDebeziumVersion = "3.6.1.Final";

// Debezium's EventDispatcher + the record emitters: turns rows, DDL, transactions and heartbeats
// into SourceRecords of the exact Debezium shapes and hands them to the queue.
class EventEmitter {
 public:
  struct Options {
    std::string topic_prefix;
    bool mariadb = false;  // connector flavour: source schema name and "connector" value
    bool tombstones_on_delete = true;
    bool provide_transaction_metadata = false;
    bool extended_headers = true;
    std::string run_id;
    std::string transaction_topic;
    std::string heartbeat_topic;
    std::string schema_change_topic;
  };

  EventEmitter(Options options, ChangeEventQueue& queue);

  const api::SchemaPtr& sourceSchema() const { return source_schema_; }
  const Options& options() const { return options_; }

  // One captured row change. `op` is 'c', 'u', 'd' or 'r'. For 'u' whose key changed, emits
  // d + tombstone + c with the __debezium.newkey/oldkey headers. Returns false when the queue closed.
  bool changeRecord(char op, const TableId& table, const std::string& topic, const TableSchema& schema,
                    api::Value before_key, api::Value before, api::Value after_key, api::Value after,
                    BinlogOffsetContext& ctx);
  // A 't' event: null key, before/after null.
  bool truncateRecord(const TableId& table, const std::string& topic, const TableSchema& schema, BinlogOffsetContext& ctx);
  // A schema change event on the <prefix> topic.
  bool schemaChangeRecord(const std::string& database, const std::string& ddl, const std::vector<TableChange>& changes,
                          BinlogOffsetContext& ctx);
  bool heartbeatRecord(const BinlogOffsetContext& ctx);
  // A record without topic or value that only carries the current offset: the worker commits it
  // without producing anything (see WorkerSourceTask), so reading past filtered events moves the
  // committed position even when no captured table changes.
  bool offsetRecord(const BinlogOffsetContext& ctx);
  // Records handed to the queue so far.
  uint64_t emitted() const { return emitted_; }
  bool transactionBegin(const BinlogOffsetContext& ctx, const std::string& id, int64_t ts_ms);
  bool transactionEnd(const BinlogOffsetContext& ctx, const std::string& id, int64_t ts_ms);

  // Snapshot records are held back by one so the last one can be re-marked "last" and lose the
  // offset's "snapshot" key (Debezium's buffering of snapshot records).
  void setBufferingSnapshotRecords(bool on) { buffering_ = on; }
  // Emits the held-back record; with `last`, marked "last" and with the completed offset.
  bool flushBuffered(bool last, const BinlogOffsetContext* completed_ctx = nullptr);
  // Marks the held-back record's source.snapshot (before it is flushed).
  void markBuffered(SnapshotMarker marker);
  bool hasBuffered() const { return buffered_.has_value(); }

 private:
  bool send(api::SourceRecord&& record);
  void addContextHeaders(api::SourceRecord& record) const;
  // The envelope's "transaction" block for the next event of `table` (counts it).
  std::optional<api::Value> transactionBlock(const TableId& table, BinlogOffsetContext& ctx) const;
  api::Value envelope(const TableSchema& schema, api::Value before, api::Value after, const api::Value& source,
                      const std::optional<api::Value>& transaction, char op) const;

  Options options_;
  ChangeEventQueue& queue_;
  std::string connector_;  // "mysql" / "mariadb"
  // The 3.x context headers, built once and shared by every record (copy-on-write).
  api::Headers context_headers_;
  api::SchemaPtr source_schema_;
  api::SchemaPtr transaction_block_schema_;
  api::SchemaPtr schema_change_key_schema_;
  api::SchemaPtr schema_change_value_schema_;
  api::SchemaPtr heartbeat_key_schema_;
  api::SchemaPtr heartbeat_value_schema_;
  api::SchemaPtr tx_key_schema_;
  api::SchemaPtr tx_value_schema_;
  api::SchemaPtr tx_collection_schema_;
  uint64_t emitted_ = 0;
  bool buffering_ = false;
  std::optional<api::SourceRecord> buffered_;
};

}  // namespace connectd::mysql
