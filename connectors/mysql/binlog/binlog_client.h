#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "connectors/mysql/binlog/binlog_event.h"
#include "connectors/mysql/binlog/connection.h"
#include "connectors/mysql/binlog/event_parsers.h"
#include "connectors/mysql/binlog/rows_event_reader.h"
#include "connectors/mysql/binlog/table_map_event.h"

namespace connectd::mysql::binlog {

// Where the dump starts. With `gtids` the server picks the position from the GTID state and
// `file`/`pos` are not sent (MariaDB: @slave_connect_state "0-1-100,1-2-7"; MySQL:
// COM_BINLOG_DUMP_GTID with the set "uuid:1-5:7,uuid2:tag:1-3").
struct StartPosition {
  std::string file;
  uint64_t pos = 4;
  std::optional<std::string> gtids;
};

struct BinlogClientOptions {
  ConnectionOptions connection;
  uint32_t server_id = 0;  // the replica id to register with; must be unique among replicas
  int64_t heartbeat_interval_ms =
      0;  // > 0 asks the server for HEARTBEAT events (@master_heartbeat_period)
  bool request_annotate_rows =
      false;  // MariaDB: send ANNOTATE_ROWS events (BINLOG_SEND_ANNOTATE_ROWS_EVENT)
  bool verify_checksums = true;  // check each event's CRC32 when the binlog has them
};

// A replication client: reads the binlog stream as raw events.
// Owned and driven by one thread (connect, next, close); interrupt() may come from any thread.
class BinlogClient {
 public:
  explicit BinlogClient(BinlogClientOptions options);
  ~BinlogClient();
  BinlogClient(const BinlogClient&) = delete;
  BinlogClient& operator=(const BinlogClient&) = delete;

  // Connects, negotiates the checksum (@master_binlog_checksum), MariaDB's capability
  // (@mariadb_slave_capability=4, so GTID events are sent as such), the heartbeat period and
  // the start position, and starts the dump (COM_BINLOG_DUMP[_GTID], which carries the server id;
  // no COM_REGISTER_SLAVE, as Debezium's client).
  // Throws MysqlException with the server's code/sqlstate (an error at dump start, such as 1236
  // for a purged binlog or a duplicate server id, surfaces from the first next()). Returns
  // without starting the dump when interrupt() came in meanwhile; next() then returns nullopt.
  void connect(const StartPosition& start);

  // Blocks for the next event; FORMAT_DESCRIPTION and the artificial ROTATE at dump start are
  // returned too. The Event's views stay valid until the next call. Returns std::nullopt after
  // interrupt()/close(). Throws MysqlException for a broken connection or a server error packet
  // (code/sqlstate kept), BinlogFormatException for an undecodable event or a bad checksum.
  std::optional<Event> next();

  void interrupt();  // thread-safe
  void close();
  bool isMariaDb() const { return mariadb_; }
  // The TLS cipher of the replication connection; nullopt when it is not encrypted or closed.
  std::optional<std::string> sslCipher() const {
    return connection_ ? connection_->sslCipher() : std::nullopt;
  }
  std::string serverVersion() const { return server_version_; }
  // Updated by every FORMAT_DESCRIPTION event seen; the v4 defaults before the first one.
  const FormatDescription& formatDescription() const { return fd_; }

 private:
  void sendCommand(uint8_t command, const std::string& payload, bool expect_ok, const char* what);

  BinlogClientOptions options_;
  std::unique_ptr<Connection> connection_;
  FormatDescription fd_ = FormatDescription::defaults();
  bool checksum_crc32_ = false;
  bool mariadb_ = false;
  std::string server_version_;
  std::atomic<bool> stopped_{false};
  std::mutex connection_mu_;  // interrupt() against connect()/close() replacing connection_
};

}  // namespace connectd::mysql::binlog
