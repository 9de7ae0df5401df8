#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/mysql/binlog/binlog_event.h"

// Decoders for the non-row events the connector acts on. Each takes an Event as returned by
// BinlogClient::next() (or decodeEvent()) and throws BinlogFormatException on malformed bytes.
// string_view results point into the event's body: valid as long as the event's bytes are.
namespace connectd::mysql::binlog {

// ROTATE: the next event comes from `next_file` at `position`.
struct RotateEvent {
  uint64_t position = 4;
  std::string next_file;
};
RotateEvent parseRotate(const Event& event);

// QUERY: BEGIN/COMMIT/DDL text. `sql` excludes the trailing NUL-free remainder; `database` is the
// default schema of the session ("" when none).
struct QueryEvent {
  uint32_t thread_id = 0;
  uint32_t exec_time = 0;
  uint16_t error_code = 0;
  std::string_view database;
  std::string_view sql;
};
QueryEvent parseQuery(const Event& event, const FormatDescription& fd);

// XID: the commit of an XA-capable (InnoDB) transaction; returns the transaction id.
uint64_t parseXid(const Event& event);

// MySQL GTID / ANONYMOUS_GTID / GTID_TAGGED.
struct GtidEvent {
  std::string gtid;  // "uuid:gno", tagged "uuid:tag:gno"; lower-case UUID
  std::optional<int64_t> original_commit_timestamp_us;  // MySQL 8.0.1+
  std::optional<int64_t> immediate_commit_timestamp_us;
  std::optional<uint64_t> transaction_length;  // bytes of the transaction incl. this event, 8.0.2+
  uint8_t flags = 0;                           // 1 = may contain statement-based changes
  std::string tag;                             // "" when untagged
};
GtidEvent parseMysqlGtid(const Event& event);

// MariaDB GTID: starts an event group (and replaces its BEGIN).
struct MariaDbGtidEvent {
  static constexpr uint8_t kFlagStandalone = 1;     // FL_STANDALONE: no BEGIN/COMMIT (DDL)
  static constexpr uint8_t kFlagGroupCommitId = 2;  // FL_GROUP_COMMIT_ID: commit_id present
  static constexpr uint8_t kFlagTransactional = 4;
  static constexpr uint8_t kFlagAllowParallel = 8;
  static constexpr uint8_t kFlagWaited = 16;
  static constexpr uint8_t kFlagDdl = 32;
  static constexpr uint8_t kFlagPreparedXa = 64;
  static constexpr uint8_t kFlagCompletedXa = 128;

  uint64_t sequence = 0;
  uint32_t domain_id = 0;
  uint8_t flags = 0;
  uint64_t commit_id = 0;  // when kFlagGroupCommitId

  bool standalone() const { return (flags & kFlagStandalone) != 0; }
  // "domain-server-seq"; the server id comes from the event header.
  std::string gtid(uint32_t server_id) const;
};
MariaDbGtidEvent parseMariaDbGtid(const Event& event);

// MariaDB GTID_LIST: the binlog state at the start of a file, "domain-server-seq" each.
std::vector<std::string> parseMariaDbGtidList(const Event& event);

// MariaDB ANNOTATE_ROWS / MySQL ROWS_QUERY: the statement text that produced the next rows events.
std::string_view parseAnnotateRows(const Event& event);
std::string_view parseRowsQuery(const Event& event);

// HEARTBEAT: the binlog file the dump thread is positioned in (header.log_pos holds the position).
std::string_view parseHeartbeat(const Event& event);

// MySQL TRANSACTION_PAYLOAD (binlog_transaction_compression=ON): the header fields and the
// (possibly compressed) payload, which is a sequence of complete events without checksums.
struct TransactionPayloadEvent {
  static constexpr uint64_t kCompressionZstd = 0;
  static constexpr uint64_t kCompressionNone = 255;
  uint64_t compression_type = kCompressionNone;
  uint64_t payload_size = 0;
  uint64_t uncompressed_size = 0;
  std::string_view payload;
};
TransactionPayloadEvent parseTransactionPayload(const Event& event);

// Splits a TRANSACTION_PAYLOAD into its inner events. A zstd payload is decompressed into
// `storage` with the system's libzstd.so.1, loaded on first use (BinlogFormatException when it
// cannot be loaded); the events are views into `storage` or into the payload itself.
std::vector<Event> transactionPayloadEvents(const TransactionPayloadEvent& payload,
                                            std::string& storage);

}  // namespace connectd::mysql::binlog
