#include "connectors/mysql/binlog/event_parsers.h"

#include <dlfcn.h>

#include <algorithm>
#include <mutex>

#include "connectors/mysql/binlog/byte_reader.h"

namespace connectd::mysql::binlog {

namespace {

void expectType(const Event& event, std::initializer_list<uint8_t> types, const char* what) {
  for (uint8_t t : types)
    if (event.header.type == t) return;
  throw BinlogFormatException(std::string("Expected a ") + what + " event, got " +
                              eventTypeName(event.header.type));
}

void appendUuid(std::string& out, std::string_view sid) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    auto b = static_cast<uint8_t>(sid[i]);
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xf]);
  }
}

// 7-byte commit timestamps: the top bit of the immediate one says an original one follows.
constexpr uint64_t kCommitTimestampFlag = 1ull << 55;

GtidEvent parseUntaggedGtid(ByteReader& in) {
  GtidEvent ev;
  ev.flags = in.u8();
  std::string_view sid = in.bytes(16);
  int64_t gno = static_cast<int64_t>(in.u64());
  ev.gtid.reserve(48);
  appendUuid(ev.gtid, sid);
  ev.gtid.push_back(':');
  ev.gtid += std::to_string(gno);
  constexpr uint8_t kLogicalTimestampTypecode = 2;
  if (in.empty() || *in.pos() != kLogicalTimestampTypecode) return ev;  // MySQL <= 5.7.4
  in.skip(1 + 16);  // last_committed, sequence_number
  if (in.remaining() >= 7) {
    uint64_t immediate = in.uint(7);
    uint64_t original = immediate;
    if (immediate & kCommitTimestampFlag) {
      immediate &= ~kCommitTimestampFlag;
      original = in.uint(7);
    }
    ev.immediate_commit_timestamp_us = static_cast<int64_t>(immediate);
    ev.original_commit_timestamp_us = static_cast<int64_t>(original);
  }
  if (!in.empty()) ev.transaction_length = in.packed();
  return ev;
}

// Zig-zag signed varlen of the MySQL serialization library.
int64_t zigzag(uint64_t v) {
  return (v & 1) ? -static_cast<int64_t>(v >> 1) - 1 : static_cast<int64_t>(v >> 1);
}

// GTID_TAGGED (MySQL 8.3+): a serialization-library message of (field id, value) pairs.
GtidEvent parseTaggedGtid(ByteReader& in) {
  const uint8_t* start = in.pos();
  in.varlen();  // serialization format version
  uint64_t payload_size = in.varlen();
  uint64_t last_non_ignorable = in.varlen();
  size_t consumed = static_cast<size_t>(in.pos() - start);
  if (payload_size < consumed)
    throw BinlogFormatException("GTID_TAGGED payload size smaller than its envelope");
  ByteReader fields(in.bytes(std::min<size_t>(payload_size - consumed, in.remaining())),
                    "GTID_TAGGED");
  GtidEvent ev;
  std::string sid;
  int64_t gno = 0;
  std::optional<int64_t> original;
  while (!fields.empty()) {
    uint64_t id = fields.varlen();
    switch (id) {
      case 0:
        ev.flags = static_cast<uint8_t>(fields.varlen());
        break;
      case 1:
        sid.clear();
        for (int i = 0; i < 16; ++i) sid.push_back(static_cast<char>(fields.varlen()));
        break;
      case 2:
        gno = zigzag(fields.varlen());
        break;
      case 3:
        ev.tag = std::string(fields.bytes(fields.varlen()));
        break;
      case 4:
      case 5:
        fields.varlen();
        break;  // last_committed, sequence_number
      case 6:
        ev.immediate_commit_timestamp_us = static_cast<int64_t>(fields.varlen());
        break;
      case 7:
        original = static_cast<int64_t>(fields.varlen());
        break;
      case 8:
        ev.transaction_length = fields.varlen();
        break;
      case 9:
      case 10:
      case 11:
        fields.varlen();
        break;  // server versions, commit group ticket
      default:
        if (id <= last_non_ignorable)
          throw BinlogFormatException("GTID_TAGGED carries unknown mandatory field " +
                                      std::to_string(id));
        // Unknown optional fields end the part this decoder understands.
        fields.rest();
        break;
    }
  }
  if (sid.size() != 16) throw BinlogFormatException("GTID_TAGGED event without a source UUID");
  ev.original_commit_timestamp_us = original ? original : ev.immediate_commit_timestamp_us;
  appendUuid(ev.gtid, sid);
  if (!ev.tag.empty()) {
    ev.gtid.push_back(':');
    ev.gtid += ev.tag;
  }
  ev.gtid.push_back(':');
  ev.gtid += std::to_string(gno);
  return ev;
}

// libzstd is optional at run time: MySQL only writes zstd payloads with
// binlog_transaction_compression=ON, and the build machines have the library but not its headers.
struct Zstd {
  using Decompress = size_t (*)(void*, size_t, const void*, size_t);
  using IsError = unsigned (*)(size_t);
  using ErrorName = const char* (*)(size_t);
  Decompress decompress = nullptr;
  IsError is_error = nullptr;
  ErrorName error_name = nullptr;
};

const Zstd* loadZstd() {
  static Zstd zstd;
  static bool loaded = false;
  static std::once_flag once;
  std::call_once(once, [] {
    void* lib = dlopen("libzstd.so.1", RTLD_NOW | RTLD_LOCAL);
    if (lib == nullptr) return;
    zstd.decompress = reinterpret_cast<Zstd::Decompress>(dlsym(lib, "ZSTD_decompress"));
    zstd.is_error = reinterpret_cast<Zstd::IsError>(dlsym(lib, "ZSTD_isError"));
    zstd.error_name = reinterpret_cast<Zstd::ErrorName>(dlsym(lib, "ZSTD_getErrorName"));
    loaded = zstd.decompress && zstd.is_error && zstd.error_name;
  });
  return loaded ? &zstd : nullptr;
}

}  // namespace

RotateEvent parseRotate(const Event& event) {
  expectType(event, {ROTATE}, "ROTATE");
  ByteReader in(event.body, "ROTATE");
  RotateEvent ev;
  ev.position = in.u64();
  ev.next_file.assign(in.rest());
  return ev;
}

QueryEvent parseQuery(const Event& event, const FormatDescription& fd) {
  expectType(event, {QUERY}, "QUERY");
  ByteReader in(event.body, "QUERY");
  size_t post_header = fd.postHeaderLength(QUERY, 13);
  QueryEvent ev;
  ev.thread_id = in.u32();
  ev.exec_time = in.u32();
  size_t db_len = in.u8();
  ev.error_code = in.u16();
  size_t status_len = 0;
  if (post_header >= 13) {
    status_len = in.u16();
    in.skip(post_header - 13);
  }
  in.skip(status_len);
  ev.database = in.bytes(db_len);
  in.skip(1);  // NUL after the schema name
  ev.sql = in.rest();
  return ev;
}

uint64_t parseXid(const Event& event) {
  expectType(event, {XID}, "XID");
  ByteReader in(event.body, "XID");
  return in.u64();
}

GtidEvent parseMysqlGtid(const Event& event) {
  expectType(event, {GTID, ANONYMOUS_GTID, GTID_TAGGED}, "GTID");
  ByteReader in(event.body, event.header.type == GTID_TAGGED ? "GTID_TAGGED" : "GTID");
  return event.header.type == GTID_TAGGED ? parseTaggedGtid(in) : parseUntaggedGtid(in);
}

std::string MariaDbGtidEvent::gtid(uint32_t server_id) const {
  return std::to_string(domain_id) + '-' + std::to_string(server_id) + '-' +
         std::to_string(sequence);
}

MariaDbGtidEvent parseMariaDbGtid(const Event& event) {
  expectType(event, {MARIADB_GTID}, "MARIADB_GTID");
  ByteReader in(event.body, "MARIADB_GTID");
  MariaDbGtidEvent ev;
  ev.sequence = in.u64();
  ev.domain_id = in.u32();
  ev.flags = in.u8();
  if ((ev.flags & MariaDbGtidEvent::kFlagGroupCommitId) && in.remaining() >= 8)
    ev.commit_id = in.u64();
  return ev;
}

std::vector<std::string> parseMariaDbGtidList(const Event& event) {
  expectType(event, {MARIADB_GTID_LIST}, "MARIADB_GTID_LIST");
  ByteReader in(event.body, "MARIADB_GTID_LIST");
  // The top 4 bits of the count are flags (FLAG_UNTIL_REACHED, FLAG_IGN_GTIDS).
  uint32_t count = in.u32() & 0x0fffffff;
  std::vector<std::string> out;
  out.reserve(std::min<size_t>(count, in.remaining() / 16));
  for (uint32_t i = 0; i < count; ++i) {
    uint32_t domain = in.u32();
    uint32_t server = in.u32();
    uint64_t seq = in.u64();
    out.push_back(std::to_string(domain) + '-' + std::to_string(server) + '-' +
                  std::to_string(seq));
  }
  return out;
}

std::string_view parseAnnotateRows(const Event& event) {
  expectType(event, {MARIADB_ANNOTATE_ROWS}, "MARIADB_ANNOTATE_ROWS");
  return event.body;
}

std::string_view parseRowsQuery(const Event& event) {
  expectType(event, {ROWS_QUERY}, "ROWS_QUERY");
  ByteReader in(event.body, "ROWS_QUERY");
  in.skip(1);  // a length byte truncated to 255; the text runs to the end of the event
  return in.rest();
}

std::string_view parseHeartbeat(const Event& event) {
  expectType(event, {HEARTBEAT}, "HEARTBEAT");
  return event.body;
}

TransactionPayloadEvent parseTransactionPayload(const Event& event) {
  expectType(event, {TRANSACTION_PAYLOAD}, "TRANSACTION_PAYLOAD");
  ByteReader in(event.body, "TRANSACTION_PAYLOAD");
  TransactionPayloadEvent ev;
  for (;;) {
    uint64_t field = in.packed();
    if (field == 0) break;  // end of the header fields
    ByteReader value(in.bytes(in.packed()), "TRANSACTION_PAYLOAD");
    switch (field) {
      case 1:
        ev.payload_size = value.packed();
        break;
      case 2:
        ev.compression_type = value.packed();
        break;
      case 3:
        ev.uncompressed_size = value.packed();
        break;
      default:
        break;  // newer optional fields
    }
  }
  ev.payload = in.rest();
  return ev;
}

std::vector<Event> transactionPayloadEvents(const TransactionPayloadEvent& payload,
                                            std::string& storage) {
  std::string_view data;
  if (payload.compression_type == TransactionPayloadEvent::kCompressionNone) {
    data = payload.payload;
  } else if (payload.compression_type == TransactionPayloadEvent::kCompressionZstd) {
    const Zstd* zstd = loadZstd();
    if (zstd == nullptr)
      throw BinlogFormatException(
          "TRANSACTION_PAYLOAD is zstd-compressed but libzstd.so.1 cannot be loaded; install "
          "libzstd1 or "
          "set binlog_transaction_compression=OFF on the server");
    // The header's size guards against a corrupt event asking for an absurd allocation.
    constexpr uint64_t kMaxUncompressed = 1ull << 32;
    if (payload.uncompressed_size == 0 || payload.uncompressed_size > kMaxUncompressed)
      throw BinlogFormatException("TRANSACTION_PAYLOAD announces an uncompressed size of " +
                                  std::to_string(payload.uncompressed_size));
    storage.resize(payload.uncompressed_size);
    size_t n = zstd->decompress(storage.data(), storage.size(), payload.payload.data(),
                                payload.payload.size());
    if (zstd->is_error(n))
      throw BinlogFormatException(std::string("Cannot decompress TRANSACTION_PAYLOAD: ") +
                                  zstd->error_name(n));
    storage.resize(n);
    data = storage;
  } else {
    throw BinlogFormatException("TRANSACTION_PAYLOAD uses unknown compression type " +
                                std::to_string(payload.compression_type));
  }
  std::vector<Event> events;
  while (!data.empty()) {
    EventHeader header = parseEventHeader(data);
    if (header.event_size < kEventHeaderLength || header.event_size > data.size())
      throw BinlogFormatException("Inner event of TRANSACTION_PAYLOAD overruns the payload");
    // Inner events never carry checksums: the outer event's covers them.
    events.push_back(decodeEvent(data.substr(0, header.event_size), false, false));
    data.remove_prefix(header.event_size);
  }
  return events;
}

}  // namespace connectd::mysql::binlog
