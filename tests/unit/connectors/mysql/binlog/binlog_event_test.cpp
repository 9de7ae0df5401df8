#include "connectors/mysql/binlog/binlog_event.h"

#include <gtest/gtest.h>

#include "binlog_test_util.h"
#include "mariadb_fixtures.h"

namespace connectd::mysql::binlog {
namespace {

using test::RawEvent;
using test::unhex;

TEST(BinlogEventTest, ParsesCommonHeader) {
  std::string raw = unhex(fixtures::kXid);
  EventHeader h = parseEventHeader(raw);
  EXPECT_EQ(XID, h.type);
  EXPECT_EQ(1u, h.server_id);
  EXPECT_EQ(31u, h.event_size);
  EXPECT_EQ(16883u, h.log_pos);
  EXPECT_EQ(0u, h.flags);
  EXPECT_EQ(0x6b029cb4u, h.timestamp);
}

TEST(BinlogEventTest, HeaderNeedsNineteenBytes) {
  std::string raw = unhex(fixtures::kXid).substr(0, 18);
  EXPECT_THROW(parseEventHeader(raw), BinlogFormatException);
}

TEST(BinlogEventTest, StripsAndVerifiesCrc32) {
  RawEvent xid(fixtures::kXid);
  EXPECT_EQ(8u, xid.event.body.size());
  EXPECT_EQ(16883u - 31u, xid.event.position());
}

TEST(BinlogEventTest, RejectsCorruptedChecksum) {
  std::string raw = unhex(fixtures::kXid);
  raw[20] ^= 0x01;
  EXPECT_THROW(decodeEvent(raw, true, true), BinlogFormatException);
  // Without verification the corrupt byte passes through.
  EXPECT_NO_THROW(decodeEvent(raw, true, false));
}

TEST(BinlogEventTest, KeepsWholeBodyWithoutChecksum) {
  std::string body = unhex("0102030405060708");
  std::string raw = test::buildEvent(XID, body, false);
  Event ev = decodeEvent(raw, false, true);
  EXPECT_EQ(body, ev.body);
}

TEST(BinlogEventTest, RejectsEventSizeBeyondPacket) {
  std::string raw = unhex(fixtures::kXid);
  EXPECT_THROW(decodeEvent(std::string_view(raw).substr(0, raw.size() - 1), true, true),
               BinlogFormatException);
}

TEST(BinlogEventTest, ParsesMariaDbFormatDescription) {
  RawEvent fde(fixtures::kFormatDescription, /*crc32=*/false);
  FormatDescription fd = parseFormatDescription(fde.event);
  EXPECT_EQ(4, fd.binlog_version);
  EXPECT_EQ("10.11.19-MariaDB-0+deb12u1-log", fd.server_version);
  EXPECT_EQ(19, fd.header_length);
  EXPECT_TRUE(fd.checksum_crc32);
  EXPECT_TRUE(fd.isMariaDb());
  EXPECT_EQ(13, fd.postHeaderLength(QUERY, 0));
  EXPECT_EQ(8, fd.postHeaderLength(ROTATE, 0));
  EXPECT_EQ(8, fd.postHeaderLength(TABLE_MAP, 0));
  EXPECT_EQ(8, fd.postHeaderLength(WRITE_ROWS_V1, 0));
  EXPECT_EQ(10, fd.postHeaderLength(WRITE_ROWS, 0));
  EXPECT_EQ(19, fd.postHeaderLength(MARIADB_GTID, 0));
  EXPECT_EQ(7, fd.postHeaderLength(250, 7));  // beyond the table: the fallback
}

TEST(BinlogEventTest, FormatDescriptionChecksumIsVerifiedRegardlessOfStreamSetting) {
  std::string raw = unhex(fixtures::kFormatDescription);
  EXPECT_NO_THROW(decodeEvent(raw, false, true));
  raw[30] ^= 0x40;
  EXPECT_THROW(decodeEvent(raw, false, true), BinlogFormatException);
}

TEST(BinlogEventTest, FormatDescriptionWithChecksumOff) {
  // A checksum-aware server still appends the algorithm byte and four checksum bytes.
  std::string body;
  test::putLe(body, 4, 2);
  std::string version = "8.0.36";
  version.resize(50, '\0');
  body += version;
  test::putLe(body, 0, 4);
  body.push_back(19);
  body += unhex("380d0008001200040404041200");
  body.push_back(0);  // BINLOG_CHECKSUM_ALG_OFF
  test::putLe(body, 0, 4);
  std::string raw = test::buildEvent(FORMAT_DESCRIPTION, body, false);
  Event ev = decodeEvent(raw, true, true);
  FormatDescription fd = parseFormatDescription(ev);
  EXPECT_FALSE(fd.checksum_crc32);
  EXPECT_FALSE(fd.isMariaDb());
  EXPECT_EQ(13u, fd.post_header_lengths.size());
  EXPECT_EQ(0x38, fd.post_header_lengths[0]);
}

TEST(BinlogEventTest, ChecksumAwareVersions) {
  EXPECT_TRUE(serverVersionHasChecksum("8.0.36-log"));
  EXPECT_TRUE(serverVersionHasChecksum("5.6.1"));
  EXPECT_FALSE(serverVersionHasChecksum("5.6.0-log"));
  EXPECT_FALSE(serverVersionHasChecksum("5.5.62"));
  EXPECT_TRUE(serverVersionHasChecksum("5.3.12-MariaDB"));
  EXPECT_TRUE(serverVersionHasChecksum("10.11.19-MariaDB-0+deb12u1-log"));
}

TEST(BinlogEventTest, Crc32MatchesZlib) {
  EXPECT_EQ(0xcbf43926u, crc32("123456789", 9));
  EXPECT_EQ(0u, crc32("", 0));
  std::string long_input(1000, 'a');
  // Incremental computation over a split equals the one-shot value (slicing path vs byte path).
  uint32_t whole = crc32(long_input.data(), long_input.size());
  uint32_t split = crc32(long_input.data() + 3, long_input.size() - 3, crc32(long_input.data(), 3));
  EXPECT_EQ(whole, split);
}

TEST(BinlogEventTest, NamesEventTypes) {
  EXPECT_EQ("MARIADB_GTID", eventTypeName(MARIADB_GTID));
  EXPECT_EQ("WRITE_ROWS_V1", eventTypeName(WRITE_ROWS_V1));
  EXPECT_EQ("UNKNOWN(200)", eventTypeName(200));
}

}  // namespace
}  // namespace connectd::mysql::binlog
