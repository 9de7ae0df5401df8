#include "connectors/mysql/binlog/binlog_client.h"

#include <mysql.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <random>
#include <stdexcept>
#include <utility>
#include <vector>

#include "connectors/mysql/binlog/gtid_set.h"

namespace connectd::mysql::binlog {

namespace {

constexpr uint8_t kComBinlogDump = 0x12;
constexpr uint8_t kComBinlogDumpGtid = 0x1e;
constexpr uint16_t kDumpSendAnnotateRows = 0x02;  // MariaDB BINLOG_SEND_ANNOTATE_ROWS_EVENT
constexpr uint16_t kDumpThroughGtid = 0x04;       // MySQL BINLOG_THROUGH_GTID
// MariaDB replicas announce what they understand; 4 (MARIA_SLAVE_CAPABILITY_GTID) makes the
// server send GTID events instead of rewriting them into BEGIN query events.
constexpr int kMariaDbSlaveCapability = 4;

void putInt(std::string& out, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

std::string randomUuid() {
  std::random_device rd;
  std::mt19937_64 gen((static_cast<uint64_t>(rd()) << 32) ^ rd());
  uint64_t a = gen(), b = gen();
  a = (a & ~0xf000ull) | 0x4000ull;        // version 4
  b = (b & ~(3ull << 62)) | (2ull << 62);  // RFC 4122 variant
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>((a >> 16) & 0xffff), static_cast<unsigned>(a & 0xffff),
                static_cast<unsigned>(b >> 48),
                static_cast<unsigned long long>(b & 0xffffffffffffull));
  return buf;
}

}  // namespace

BinlogClient::BinlogClient(BinlogClientOptions options) : options_(std::move(options)) {}

BinlogClient::~BinlogClient() { close(); }

void BinlogClient::sendCommand(uint8_t command, const std::string& payload, bool expect_ok,
                               const char* what) {
  MYSQL* mysql = connection_->handle();
  // libmariadb has no public call for replication commands; its method table sends any command
  // and, unless told to skip, reads the OK/error reply.
  int rc = mysql->methods->db_command(mysql, static_cast<enum enum_server_command>(command),
                                      payload.data(), payload.size(), expect_ok ? 0 : 1, nullptr);
  if (rc != 0) connection_->throwError(std::string(what) + " failed on " + connection_->describe());
}

void BinlogClient::connect(const StartPosition& start) {
  close();
  {
    std::lock_guard lock(connection_mu_);
    connection_ = std::make_unique<Connection>(options_.connection);
    stopped_ = false;
  }
  Connection& conn = *connection_;
  conn.connect();
  // An interrupt() that raced the TCP/TLS handshake found no socket to shut down.
  if (stopped_.load()) return;
  mariadb_ = conn.isMariaDb();
  server_version_ = conn.serverVersion();

  // Declaring the checksum we expect makes the server send events as written in the binlog
  // (with their CRC32) instead of stripping it for a pre-5.6 replica.
  std::optional<std::string> checksum;
  try {
    checksum = conn.queryScalar("SELECT @@global.binlog_checksum");
  } catch (const MysqlException&) {
    checksum.reset();  // servers before MySQL 5.6.1 / MariaDB 5.3 have no checksums
  }
  // MySQL 8.0.26+ reads the @source_* names first; older servers and MariaDB the @master_* ones.
  if (checksum)
    conn.execute(
        "SET @master_binlog_checksum = @@global.binlog_checksum, @source_binlog_checksum = "
        "@@global.binlog_checksum");
  checksum_crc32_ = checksum && (*checksum == "CRC32" || *checksum == "crc32");
  fd_ = FormatDescription::defaults();
  fd_.checksum_crc32 = checksum_crc32_;

  if (mariadb_)
    conn.execute("SET @mariadb_slave_capability = " + std::to_string(kMariaDbSlaveCapability));
  if (options_.heartbeat_interval_ms > 0) {
    std::string ns = std::to_string(options_.heartbeat_interval_ms * 1000000);
    conn.execute("SET @master_heartbeat_period = " + ns + ", @source_heartbeat_period = " + ns);
  }
  if (!mariadb_) {
    // A unique replica UUID keeps the server from killing another dump thread that shares ours.
    std::string uuid = randomUuid();
    conn.execute("SET @slave_uuid = '" + uuid + "', @replica_uuid = '" + uuid + "'");
  }

  // No COM_REGISTER_SLAVE, as Debezium's binlog client: the dump command alone carries the server
  // id, so a missing REPLICATION SLAVE grant is refused by the dump itself (1227).
  uint16_t flags = mariadb_ && options_.request_annotate_rows ? kDumpSendAnnotateRows : 0;
  bool gtid_mode = start.gtids && !start.gtids->empty();
  if (gtid_mode && mariadb_) {
    conn.execute("SET @slave_connect_state = '" + conn.escape(*start.gtids) + "'");
    conn.execute("SET @slave_gtid_strict_mode = 0");
    conn.execute("SET @slave_gtid_ignore_duplicates = 0");
    std::string p;
    putInt(p, 4, 4);
    putInt(p, flags, 2);
    putInt(p, options_.server_id, 4);
    sendCommand(kComBinlogDump, p, false, "COM_BINLOG_DUMP");
  } else if (gtid_mode) {
    std::string set;
    try {
      set = MySqlGtidSet::parse(*start.gtids).encodeForDump();
    } catch (const std::invalid_argument& e) {
      throw MysqlException(std::string("Cannot start the binlog dump from GTID set '") +
                               *start.gtids + "': " + e.what(),
                           0, "");
    }
    std::string p;
    putInt(p, flags | kDumpThroughGtid, 2);
    putInt(p, options_.server_id, 4);
    putInt(p, 0, 4);  // no file name: the server finds the position from the GTID set
    putInt(p, 4, 8);
    putInt(p, set.size(), 4);
    p += set;
    sendCommand(kComBinlogDumpGtid, p, false, "COM_BINLOG_DUMP_GTID");
  } else {
    if (start.pos > 0xffffffffull)
      throw MysqlException("Binlog position " + std::to_string(start.pos) +
                               " does not fit COM_BINLOG_DUMP; positions beyond 4 GiB need GTIDs",
                           0, "");
    std::string p;
    putInt(p, start.pos, 4);
    putInt(p, flags, 2);
    putInt(p, options_.server_id, 4);
    p += start.file;
    sendCommand(kComBinlogDump, p, false, "COM_BINLOG_DUMP");
  }
}

std::optional<Event> BinlogClient::next() {
  if (stopped_.load() || !connection_ || !connection_->isConnected()) return std::nullopt;
  MYSQL* mysql = connection_->handle();
  unsigned long len = mysql_net_read_packet(mysql);
  if (len == packet_error) {
    if (stopped_.load() || connection_->wasInterrupted()) return std::nullopt;
    connection_->throwError("Error reading the binlog from " + connection_->describe());
  }
  const auto* data = reinterpret_cast<const char*>(mysql->net.read_pos);
  if (len == 0) throw BinlogFormatException("Empty packet in the binlog stream");
  auto first = static_cast<uint8_t>(data[0]);
  if (first == 0xfe && len < 9)
    throw MysqlException("The server at " + connection_->describe() + " ended the binlog stream", 0,
                         "");
  if (first != 0x00)
    throw BinlogFormatException("Unexpected packet type " + std::to_string(first) +
                                " in the binlog stream");
  Event ev =
      decodeEvent(std::string_view(data + 1, len - 1), checksum_crc32_, options_.verify_checksums);
  if (ev.header.type == FORMAT_DESCRIPTION) {
    fd_ = parseFormatDescription(ev);
    checksum_crc32_ = fd_.checksum_crc32;
  }
  return ev;
}

void BinlogClient::interrupt() {
  stopped_ = true;
  std::lock_guard lock(connection_mu_);
  if (connection_) connection_->interrupt();
}

void BinlogClient::close() {
  stopped_ = true;
  std::unique_ptr<Connection> old;
  {
    std::lock_guard lock(connection_mu_);
    old = std::move(connection_);
  }
}

}  // namespace connectd::mysql::binlog
