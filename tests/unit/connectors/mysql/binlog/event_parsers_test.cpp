#include "connectors/mysql/binlog/event_parsers.h"

#include <dlfcn.h>
#include <gtest/gtest.h>

#include "binlog_test_util.h"
#include "mariadb_fixtures.h"

namespace connectd::mysql::binlog {
namespace {

using test::buildEvent;
using test::putLe;
using test::RawEvent;
using test::unhex;

FormatDescription mariaDbFd() {
  RawEvent fde(fixtures::kFormatDescription);
  return parseFormatDescription(fde.event);
}

void putVarlen(std::string& out, uint64_t v) {
  for (int n = 1; n <= 8; ++n) {
    if (v < (1ull << (7 * n))) {
      putLe(out, (v << n) | ((1ull << (n - 1)) - 1), n);
      return;
    }
  }
  out.push_back(static_cast<char>(0xff));
  putLe(out, v, 8);
}

TEST(EventParsersTest, ParsesRotate) {
  RawEvent rotate(fixtures::kRotate);
  RotateEvent r = parseRotate(rotate.event);
  EXPECT_EQ(4u, r.position);
  EXPECT_EQ("mariadb-bin.000007", r.next_file);
  EXPECT_EQ(0, rotate.event.header.flags & kArtificialEventFlag);
}

TEST(EventParsersTest, RejectsWrongEventType) {
  RawEvent xid(fixtures::kXid);
  EXPECT_THROW(parseRotate(xid.event), BinlogFormatException);
  EXPECT_THROW(parseMariaDbGtid(xid.event), BinlogFormatException);
}

TEST(EventParsersTest, ParsesQuery) {
  RawEvent query(fixtures::kQueryCreateTable);
  QueryEvent q = parseQuery(query.event, mariaDbFd());
  EXPECT_EQ("h1_test", q.database);
  EXPECT_EQ(0, q.error_code);
  EXPECT_GT(q.thread_id, 0u);
  EXPECT_EQ(0u, q.sql.find("CREATE TABLE all_types ("));
  EXPECT_NE(std::string_view::npos,
            q.sql.find("c_point POINT\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"));
  EXPECT_TRUE(q.sql.size() > 7 && q.sql.substr(q.sql.size() - 7) == "utf8mb4");
}

TEST(EventParsersTest, QueryWithTruncatedStatusVarsThrows) {
  RawEvent query(fixtures::kQueryCreateTable);
  Event cut = query.event;
  cut.body = cut.body.substr(0, 20);
  EXPECT_THROW(parseQuery(cut, mariaDbFd()), BinlogFormatException);
}

TEST(EventParsersTest, ParsesXid) {
  RawEvent xid(fixtures::kXid);
  EXPECT_EQ(81u, parseXid(xid.event));
}

TEST(EventParsersTest, ParsesMariaDbGtidOfTransaction) {
  RawEvent gtid(fixtures::kGtidBegin);
  MariaDbGtidEvent g = parseMariaDbGtid(gtid.event);
  EXPECT_EQ(40u, g.sequence);
  EXPECT_EQ(0u, g.domain_id);
  EXPECT_FALSE(g.standalone());
  EXPECT_TRUE(g.flags & MariaDbGtidEvent::kFlagTransactional);
  EXPECT_EQ("0-1-40", g.gtid(gtid.event.header.server_id));
}

TEST(EventParsersTest, ParsesStandaloneMariaDbGtidOfDdl) {
  RawEvent gtid(fixtures::kGtidStandalone);
  MariaDbGtidEvent g = parseMariaDbGtid(gtid.event);
  EXPECT_EQ(39u, g.sequence);
  EXPECT_TRUE(g.standalone());
  EXPECT_TRUE(g.flags & MariaDbGtidEvent::kFlagDdl);
  EXPECT_EQ("0-1-39", g.gtid(1));
}

TEST(EventParsersTest, ParsesMariaDbGtidWithCommitId) {
  std::string body;
  putLe(body, 7, 8);
  putLe(body, 3, 4);
  body.push_back(MariaDbGtidEvent::kFlagGroupCommitId | MariaDbGtidEvent::kFlagTransactional);
  putLe(body, 123456, 8);
  std::string raw = buildEvent(MARIADB_GTID, body, true, 5);
  MariaDbGtidEvent g = parseMariaDbGtid(decodeEvent(raw, true, true));
  EXPECT_EQ(123456u, g.commit_id);
  EXPECT_EQ("3-5-7", g.gtid(5));
}

TEST(EventParsersTest, ParsesMariaDbGtidList) {
  RawEvent list(fixtures::kGtidList);
  EXPECT_EQ(std::vector<std::string>{"0-1-15"}, parseMariaDbGtidList(list.event));
}

TEST(EventParsersTest, ParsesAnnotateRows) {
  RawEvent annotate(fixtures::kAnnotateInsert);
  std::string_view sql = parseAnnotateRows(annotate.event);
  EXPECT_EQ(0u, sql.find("INSERT INTO all_types VALUES"));
  EXPECT_EQ(std::string_view::npos, sql.find('\0'));
}

TEST(EventParsersTest, ParsesRowsQuery) {
  std::string text(300, 'q');
  std::string body;
  body.push_back(static_cast<char>(255));  // the length byte saturates; the text runs to the end
  body += text;
  std::string raw = buildEvent(ROWS_QUERY, body);
  EXPECT_EQ(text, parseRowsQuery(decodeEvent(raw, true, true)));
}

TEST(EventParsersTest, ParsesHeartbeat) {
  std::string raw = buildEvent(HEARTBEAT, "mysql-bin.000003");
  Event ev = decodeEvent(raw, true, true);
  EXPECT_EQ("mysql-bin.000003", parseHeartbeat(ev));
}

std::string mysqlGtidBody(bool with_original) {
  std::string body;
  body.push_back(0);  // flags
  body += unhex("3e11fa4771ca11e19e33c80aa9429562");
  putLe(body, 22, 8);
  body.push_back(2);  // logical timestamp typecode
  putLe(body, 5, 8);
  putLe(body, 6, 8);
  uint64_t immediate = 1700000000123456ull;
  if (with_original) {
    putLe(body, immediate | (1ull << 55), 7);
    putLe(body, 1690000000654321ull, 7);
  } else {
    putLe(body, immediate, 7);
  }
  body.push_back(static_cast<char>(0xfc));  // transaction_length as a length-encoded integer
  putLe(body, 1234, 2);
  putLe(body, 80036, 4);
  return body;
}

TEST(EventParsersTest, ParsesMysqlGtidWithOriginalCommitTimestamp) {
  std::string raw = buildEvent(GTID, mysqlGtidBody(true));
  GtidEvent g = parseMysqlGtid(decodeEvent(raw, true, true));
  EXPECT_EQ("3e11fa47-71ca-11e1-9e33-c80aa9429562:22", g.gtid);
  EXPECT_EQ(1690000000654321, g.original_commit_timestamp_us.value());
  EXPECT_EQ(1700000000123456, g.immediate_commit_timestamp_us.value());
  EXPECT_EQ(1234u, g.transaction_length.value());
  EXPECT_TRUE(g.tag.empty());
}

TEST(EventParsersTest, MysqlGtidOriginalDefaultsToImmediate) {
  std::string raw = buildEvent(GTID, mysqlGtidBody(false));
  GtidEvent g = parseMysqlGtid(decodeEvent(raw, true, true));
  EXPECT_EQ(1700000000123456, g.original_commit_timestamp_us.value());
}

TEST(EventParsersTest, ParsesMysql56GtidWithoutTimestamps) {
  std::string body;
  body.push_back(1);
  body += unhex("3e11fa4771ca11e19e33c80aa9429562");
  putLe(body, 1, 8);
  std::string raw = buildEvent(GTID, body);
  GtidEvent g = parseMysqlGtid(decodeEvent(raw, true, true));
  EXPECT_EQ("3e11fa47-71ca-11e1-9e33-c80aa9429562:1", g.gtid);
  EXPECT_FALSE(g.original_commit_timestamp_us.has_value());
}

TEST(EventParsersTest, ParsesTaggedGtid) {
  std::string fields;
  putVarlen(fields, 0);
  putVarlen(fields, 0);  // flags
  putVarlen(fields, 1);
  for (char c : unhex("00112233445566770011223344556677"))
    putVarlen(fields, static_cast<uint8_t>(c));
  putVarlen(fields, 2);
  putVarlen(fields, 42 << 1);  // zig-zag
  putVarlen(fields, 3);
  putVarlen(fields, 3);
  fields += "abc";
  putVarlen(fields, 6);
  putVarlen(fields, 1700000000123456ull);
  putVarlen(fields, 7);
  putVarlen(fields, 1690000000000001ull);
  std::string body;
  body.push_back(2);  // serialization version
  size_t payload = 1 + 1 + 1 + fields.size();
  ASSERT_LT(payload, 128u);
  putVarlen(body, payload);
  putVarlen(body, 3);  // last non-ignorable field id
  body += fields;
  std::string raw = buildEvent(GTID_TAGGED, body);
  GtidEvent g = parseMysqlGtid(decodeEvent(raw, true, true));
  EXPECT_EQ("00112233-4455-6677-0011-223344556677:abc:42", g.gtid);
  EXPECT_EQ("abc", g.tag);
  EXPECT_EQ(1690000000000001, g.original_commit_timestamp_us.value());
  EXPECT_EQ(1700000000123456, g.immediate_commit_timestamp_us.value());
}

std::string payloadHeader(uint64_t compression, uint64_t size, uint64_t uncompressed) {
  auto field = [](std::string& out, int type, uint64_t v) {
    std::string value;
    if (v < 251) {
      value.push_back(static_cast<char>(v));
    } else {
      value.push_back(static_cast<char>(0xfe));
      putLe(value, v, 8);
    }
    out.push_back(static_cast<char>(type));
    out.push_back(static_cast<char>(value.size()));
    out += value;
  };
  std::string h;
  field(h, 1, size);
  field(h, 2, compression);
  field(h, 3, uncompressed);
  h.push_back(0);
  return h;
}

std::string innerEvents() {
  std::string xid_body;
  putLe(xid_body, 99, 8);
  return buildEvent(QUERY, unhex("0100000000000000000000000000") + std::string("BEGIN"), false) +
         buildEvent(XID, xid_body, false);
}

TEST(EventParsersTest, SplitsUncompressedTransactionPayload) {
  std::string inner = innerEvents();
  std::string raw =
      buildEvent(TRANSACTION_PAYLOAD, payloadHeader(255, inner.size(), inner.size()) + inner);
  TransactionPayloadEvent p = parseTransactionPayload(decodeEvent(raw, true, true));
  EXPECT_EQ(TransactionPayloadEvent::kCompressionNone, p.compression_type);
  EXPECT_EQ(inner.size(), p.payload_size);
  std::string storage;
  std::vector<Event> events = transactionPayloadEvents(p, storage);
  ASSERT_EQ(2u, events.size());
  EXPECT_EQ(QUERY, events[0].header.type);
  EXPECT_EQ(XID, events[1].header.type);
  EXPECT_EQ(99u, parseXid(events[1]));
}

TEST(EventParsersTest, DecompressesZstdTransactionPayload) {
  void* lib = dlopen("libzstd.so.1", RTLD_NOW | RTLD_LOCAL);
  if (lib == nullptr) GTEST_SKIP() << "libzstd.so.1 not installed";
  using Compress = size_t (*)(void*, size_t, const void*, size_t, int);
  using Bound = size_t (*)(size_t);
  auto compress = reinterpret_cast<Compress>(dlsym(lib, "ZSTD_compress"));
  auto bound = reinterpret_cast<Bound>(dlsym(lib, "ZSTD_compressBound"));
  ASSERT_TRUE(compress && bound);
  std::string inner = innerEvents();
  std::string compressed(bound(inner.size()), '\0');
  compressed.resize(compress(compressed.data(), compressed.size(), inner.data(), inner.size(), 3));
  std::string raw = buildEvent(TRANSACTION_PAYLOAD,
                               payloadHeader(0, compressed.size(), inner.size()) + compressed);
  TransactionPayloadEvent p = parseTransactionPayload(decodeEvent(raw, true, true));
  EXPECT_EQ(TransactionPayloadEvent::kCompressionZstd, p.compression_type);
  std::string storage;
  std::vector<Event> events = transactionPayloadEvents(p, storage);
  ASSERT_EQ(2u, events.size());
  EXPECT_EQ(99u, parseXid(events[1]));
  dlclose(lib);
}

TEST(EventParsersTest, RejectsCorruptTransactionPayload) {
  std::string inner = innerEvents();
  inner.resize(inner.size() - 3);
  std::string raw =
      buildEvent(TRANSACTION_PAYLOAD, payloadHeader(255, inner.size(), inner.size()) + inner);
  TransactionPayloadEvent p = parseTransactionPayload(decodeEvent(raw, true, true));
  std::string storage;
  EXPECT_THROW(transactionPayloadEvents(p, storage), BinlogFormatException);
}

}  // namespace
}  // namespace connectd::mysql::binlog
