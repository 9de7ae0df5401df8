#include "connectors/mysql/binlog/binlog_event.h"

#include <array>
#include <cctype>
#include <cstdio>

#include "connectors/mysql/binlog/byte_reader.h"

namespace connectd::mysql::binlog {

std::string eventTypeName(uint8_t type) {
  switch (type) {
    case UNKNOWN:
      return "UNKNOWN";
    case START_V3:
      return "START_V3";
    case QUERY:
      return "QUERY";
    case STOP:
      return "STOP";
    case ROTATE:
      return "ROTATE";
    case INTVAR:
      return "INTVAR";
    case LOAD:
      return "LOAD";
    case SLAVE:
      return "SLAVE";
    case CREATE_FILE:
      return "CREATE_FILE";
    case APPEND_BLOCK:
      return "APPEND_BLOCK";
    case EXEC_LOAD:
      return "EXEC_LOAD";
    case DELETE_FILE:
      return "DELETE_FILE";
    case NEW_LOAD:
      return "NEW_LOAD";
    case RAND:
      return "RAND";
    case USER_VAR:
      return "USER_VAR";
    case FORMAT_DESCRIPTION:
      return "FORMAT_DESCRIPTION";
    case XID:
      return "XID";
    case BEGIN_LOAD_QUERY:
      return "BEGIN_LOAD_QUERY";
    case EXECUTE_LOAD_QUERY:
      return "EXECUTE_LOAD_QUERY";
    case TABLE_MAP:
      return "TABLE_MAP";
    case PRE_GA_WRITE_ROWS:
      return "PRE_GA_WRITE_ROWS";
    case PRE_GA_UPDATE_ROWS:
      return "PRE_GA_UPDATE_ROWS";
    case PRE_GA_DELETE_ROWS:
      return "PRE_GA_DELETE_ROWS";
    case WRITE_ROWS_V1:
      return "WRITE_ROWS_V1";
    case UPDATE_ROWS_V1:
      return "UPDATE_ROWS_V1";
    case DELETE_ROWS_V1:
      return "DELETE_ROWS_V1";
    case INCIDENT:
      return "INCIDENT";
    case HEARTBEAT:
      return "HEARTBEAT";
    case IGNORABLE:
      return "IGNORABLE";
    case ROWS_QUERY:
      return "ROWS_QUERY";
    case WRITE_ROWS:
      return "WRITE_ROWS";
    case UPDATE_ROWS:
      return "UPDATE_ROWS";
    case DELETE_ROWS:
      return "DELETE_ROWS";
    case GTID:
      return "GTID";
    case ANONYMOUS_GTID:
      return "ANONYMOUS_GTID";
    case PREVIOUS_GTIDS:
      return "PREVIOUS_GTIDS";
    case TRANSACTION_CONTEXT:
      return "TRANSACTION_CONTEXT";
    case VIEW_CHANGE:
      return "VIEW_CHANGE";
    case XA_PREPARE:
      return "XA_PREPARE";
    case PARTIAL_UPDATE_ROWS:
      return "PARTIAL_UPDATE_ROWS";
    case TRANSACTION_PAYLOAD:
      return "TRANSACTION_PAYLOAD";
    case HEARTBEAT_V2:
      return "HEARTBEAT_V2";
    case GTID_TAGGED:
      return "GTID_TAGGED";
    case MARIADB_ANNOTATE_ROWS:
      return "MARIADB_ANNOTATE_ROWS";
    case MARIADB_BINLOG_CHECKPOINT:
      return "MARIADB_BINLOG_CHECKPOINT";
    case MARIADB_GTID:
      return "MARIADB_GTID";
    case MARIADB_GTID_LIST:
      return "MARIADB_GTID_LIST";
    case MARIADB_START_ENCRYPTION:
      return "MARIADB_START_ENCRYPTION";
    case MARIADB_QUERY_COMPRESSED:
      return "MARIADB_QUERY_COMPRESSED";
    case MARIADB_WRITE_ROWS_COMPRESSED_V1:
      return "MARIADB_WRITE_ROWS_COMPRESSED_V1";
    case MARIADB_UPDATE_ROWS_COMPRESSED_V1:
      return "MARIADB_UPDATE_ROWS_COMPRESSED_V1";
    case MARIADB_DELETE_ROWS_COMPRESSED_V1:
      return "MARIADB_DELETE_ROWS_COMPRESSED_V1";
    case MARIADB_WRITE_ROWS_COMPRESSED:
      return "MARIADB_WRITE_ROWS_COMPRESSED";
    case MARIADB_UPDATE_ROWS_COMPRESSED:
      return "MARIADB_UPDATE_ROWS_COMPRESSED";
    case MARIADB_DELETE_ROWS_COMPRESSED:
      return "MARIADB_DELETE_ROWS_COMPRESSED";
  }
  return "UNKNOWN(" + std::to_string(type) + ")";
}

EventHeader parseEventHeader(std::string_view raw) {
  ByteReader in(raw, "event header");
  EventHeader h;
  h.timestamp = in.u32();
  h.type = in.u8();
  h.server_id = in.u32();
  h.event_size = in.u32();
  h.log_pos = in.u32();
  h.flags = in.u16();
  return h;
}

namespace {

constexpr size_t kServerVersionLength = 50;
// binlog_version(2) + server_version(50) + create_timestamp(4) + header_length(1)
constexpr size_t kFormatDescriptionFixed = 2 + kServerVersionLength + 4 + 1;
constexpr uint8_t kChecksumAlgOff = 0;
constexpr uint8_t kChecksumAlgCrc32 = 1;

// The three leading numbers of "8.0.36-log" / "10.11.19-MariaDB-0+deb12u1-log".
std::array<int, 3> versionTriple(std::string_view v) {
  std::array<int, 3> out{0, 0, 0};
  size_t i = 0;
  for (int part = 0; part < 3; ++part) {
    int n = 0;
    bool any = false;
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) {
      n = n * 10 + (v[i] - '0');
      ++i;
      any = true;
    }
    if (!any) break;
    out[part] = n;
    if (i >= v.size() || v[i] != '.') break;
    ++i;
  }
  return out;
}

bool containsMariaDb(std::string_view v) {
  for (size_t i = 0; i + 7 <= v.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(v[i])) == 'm' &&
        std::tolower(static_cast<unsigned char>(v[i + 1])) == 'a' &&
        std::tolower(static_cast<unsigned char>(v[i + 2])) == 'r' &&
        std::tolower(static_cast<unsigned char>(v[i + 3])) == 'i' &&
        std::tolower(static_cast<unsigned char>(v[i + 4])) == 'a' &&
        std::tolower(static_cast<unsigned char>(v[i + 5])) == 'd' &&
        std::tolower(static_cast<unsigned char>(v[i + 6])) == 'b')
      return true;
  }
  return false;
}

// Server version from a raw FORMAT_DESCRIPTION body (NUL-padded 50 bytes after the binlog version).
std::string_view rawServerVersion(std::string_view body) {
  if (body.size() < 2 + kServerVersionLength) return {};
  std::string_view v = body.substr(2, kServerVersionLength);
  size_t nul = v.find('\0');
  return nul == std::string_view::npos ? v : v.substr(0, nul);
}

std::array<std::array<uint32_t, 256>, 8> makeCrcTables() {
  std::array<std::array<uint32_t, 256>, 8> t{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
    t[0][i] = c;
  }
  for (uint32_t i = 0; i < 256; ++i) {
    for (int s = 1; s < 8; ++s) t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xff];
  }
  return t;
}

const std::array<std::array<uint32_t, 256>, 8> kCrcTables = makeCrcTables();

}  // namespace

uint32_t crc32(const void* data, size_t len, uint32_t crc) {
  const auto* p = static_cast<const uint8_t*>(data);
  const auto& t = kCrcTables;
  crc = ~crc;
  // Slicing-by-8: rows events of many megabytes are checksummed on the streaming hot path.
  while (len >= 8) {
    uint32_t lo = crc ^ (static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 |
                         static_cast<uint32_t>(p[2]) << 16 | static_cast<uint32_t>(p[3]) << 24);
    crc = t[7][lo & 0xff] ^ t[6][(lo >> 8) & 0xff] ^ t[5][(lo >> 16) & 0xff] ^ t[4][lo >> 24] ^
          t[3][p[4]] ^ t[2][p[5]] ^ t[1][p[6]] ^ t[0][p[7]];
    p += 8;
    len -= 8;
  }
  while (len--) crc = (crc >> 8) ^ t[0][(crc ^ *p++) & 0xff];
  return ~crc;
}

bool serverVersionHasChecksum(std::string_view server_version) {
  auto v = versionTriple(server_version);
  if (containsMariaDb(server_version) || v[0] >= 10) return v >= std::array<int, 3>{5, 3, 0};
  return v >= std::array<int, 3>{5, 6, 1};
}

bool FormatDescription::isMariaDb() const { return containsMariaDb(server_version); }

FormatDescription FormatDescription::defaults() {
  FormatDescription fd;
  fd.server_version = "5.6.1";
  // Post-header lengths every v4 server announces for the event types the decoders read.
  fd.post_header_lengths.assign(MARIADB_DELETE_ROWS_COMPRESSED, 0);
  auto set = [&fd](uint8_t type, uint8_t len) { fd.post_header_lengths[type - 1] = len; };
  set(QUERY, 13);
  set(ROTATE, 8);
  set(FORMAT_DESCRIPTION, 84);
  set(TABLE_MAP, 8);
  for (uint8_t t : {WRITE_ROWS_V1, UPDATE_ROWS_V1, DELETE_ROWS_V1}) set(t, 8);
  for (uint8_t t : {WRITE_ROWS, UPDATE_ROWS, DELETE_ROWS, PARTIAL_UPDATE_ROWS}) set(t, 10);
  set(MARIADB_QUERY_COMPRESSED, 13);
  for (uint8_t t = MARIADB_WRITE_ROWS_COMPRESSED_V1; t <= MARIADB_DELETE_ROWS_COMPRESSED_V1; ++t)
    set(t, 8);
  for (uint8_t t = MARIADB_WRITE_ROWS_COMPRESSED; t <= MARIADB_DELETE_ROWS_COMPRESSED; ++t)
    set(t, 10);
  return fd;
}

FormatDescription parseFormatDescription(const Event& event) {
  if (event.header.type != FORMAT_DESCRIPTION)
    throw BinlogFormatException("Expected a FORMAT_DESCRIPTION event, got " +
                                eventTypeName(event.header.type));
  ByteReader in(event.body, "FORMAT_DESCRIPTION");
  FormatDescription fd;
  fd.binlog_version = in.u16();
  std::string_view version = in.bytes(kServerVersionLength);
  size_t nul = version.find('\0');
  fd.server_version.assign(nul == std::string_view::npos ? version : version.substr(0, nul));
  in.skip(4);  // create timestamp
  fd.header_length = in.u8();
  if (fd.header_length < kEventHeaderLength)
    throw BinlogFormatException("FORMAT_DESCRIPTION announces a common header of " +
                                std::to_string(fd.header_length) + " bytes");
  std::string_view rest = in.rest();
  if (serverVersionHasChecksum(fd.server_version)) {
    if (rest.empty())
      throw BinlogFormatException("FORMAT_DESCRIPTION lacks its checksum algorithm byte");
    uint8_t alg = static_cast<uint8_t>(rest.back());
    if (alg != kChecksumAlgOff && alg != kChecksumAlgCrc32)
      throw BinlogFormatException("Unsupported binlog checksum algorithm " + std::to_string(alg));
    fd.checksum_crc32 = alg == kChecksumAlgCrc32;
    rest.remove_suffix(1);
  }
  fd.post_header_lengths.assign(rest.begin(), rest.end());
  return fd;
}

Event decodeEvent(std::string_view raw, bool crc32_on, bool verify) {
  Event ev;
  ev.header = parseEventHeader(raw);
  if (ev.header.event_size < kEventHeaderLength || ev.header.event_size > raw.size())
    throw BinlogFormatException(eventTypeName(ev.header.type) + " event announces " +
                                std::to_string(ev.header.event_size) + " bytes but " +
                                std::to_string(raw.size()) + " were received");
  std::string_view event = raw.substr(0, ev.header.event_size);
  bool has_checksum = crc32_on;
  bool verify_this = crc32_on;
  if (ev.header.type == FORMAT_DESCRIPTION) {
    // A checksum-aware server always appends algorithm byte + 4-byte checksum to its FDE; the
    // checksum value is only meaningful when the algorithm byte says CRC32.
    std::string_view body = event.substr(kEventHeaderLength);
    has_checksum = serverVersionHasChecksum(rawServerVersion(body));
    verify_this =
        has_checksum && event.size() >= kEventHeaderLength + kChecksumLength + 1 &&
        static_cast<uint8_t>(event[event.size() - kChecksumLength - 1]) == kChecksumAlgCrc32;
  }
  size_t checksum_len = has_checksum ? kChecksumLength : 0;
  if (event.size() < kEventHeaderLength + checksum_len)
    throw BinlogFormatException(eventTypeName(ev.header.type) +
                                " event too short for its checksum");
  if (verify && verify_this) {
    size_t n = event.size() - kChecksumLength;
    const auto* c = reinterpret_cast<const uint8_t*>(event.data()) + n;
    uint32_t expected = static_cast<uint32_t>(c[0]) | static_cast<uint32_t>(c[1]) << 8 |
                        static_cast<uint32_t>(c[2]) << 16 | static_cast<uint32_t>(c[3]) << 24;
    uint32_t actual = crc32(event.data(), n);
    if (actual != expected) {
      char buf[96];
      std::snprintf(buf, sizeof buf, " event at log_pos %u: CRC32 0x%08x, expected 0x%08x",
                    ev.header.log_pos, actual, expected);
      throw BinlogFormatException("Binlog checksum mismatch in " + eventTypeName(ev.header.type) +
                                  buf);
    }
  }
  ev.body = event.substr(kEventHeaderLength, event.size() - kEventHeaderLength - checksum_len);
  return ev;
}

}  // namespace connectd::mysql::binlog
