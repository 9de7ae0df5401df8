#include "connectors/mysql/binlog/rows_event_reader.h"

#include <gtest/gtest.h>

#include <cstring>
#include <limits>

#include "binlog_test_util.h"
#include "mariadb_fixtures.h"

namespace connectd::mysql::binlog {
namespace {

using test::buildEvent;
using test::putLe;
using test::RawEvent;
using test::unhex;
using Kind = Cell::Kind;

using namespace fixtures::all_types;

class RowsEventReaderTest : public ::testing::Test {
 protected:
  RowsEventReaderTest()
      : fde_(fixtures::kFormatDescription), map_event_(fixtures::kTableMapAllTypes) {
    fd_ = parseFormatDescription(fde_.event);
    map_ = parseTableMap(map_event_.event, fd_);
  }

  static void expectInt(const Cell& c, int64_t i, uint64_t u, uint8_t width) {
    EXPECT_EQ(Kind::Int, c.kind);
    EXPECT_EQ(i, c.i);
    EXPECT_EQ(u, c.u);
    EXPECT_EQ(width, c.width);
  }
  static void expectTime(const Cell& c, bool negative, uint32_t h, uint8_t m, uint8_t s,
                         uint32_t us, uint8_t fsp) {
    EXPECT_EQ(Kind::Time, c.kind);
    EXPECT_EQ(negative, c.temporal.negative);
    EXPECT_EQ(h, c.temporal.hour);
    EXPECT_EQ(m, c.temporal.minute);
    EXPECT_EQ(s, c.temporal.second);
    EXPECT_EQ(us, c.temporal.micros);
    EXPECT_EQ(fsp, c.temporal.fsp);
  }
  static void expectDateTime(const Cell& c, int y, int mo, int d, uint32_t h, int mi, int s,
                             uint32_t us) {
    EXPECT_EQ(Kind::DateTime, c.kind);
    EXPECT_EQ(y, c.temporal.year);
    EXPECT_EQ(mo, c.temporal.month);
    EXPECT_EQ(d, c.temporal.day);
    EXPECT_EQ(h, c.temporal.hour);
    EXPECT_EQ(mi, c.temporal.minute);
    EXPECT_EQ(s, c.temporal.second);
    EXPECT_EQ(us, c.temporal.micros);
  }

  // Row 1 of the fixture as inserted (the maximum values).
  void expectRowOne(const std::vector<Cell>& r, int32_t c_int, std::string_view c_varchar) {
    expectInt(r[kId], 1, 1, 4);
    expectInt(r[kTinyint], 127, 127, 1);
    expectInt(r[kUtinyint], -1, 255, 1);
    expectInt(r[kSmallint], 32767, 32767, 2);
    expectInt(r[kUsmallint], -1, 65535, 2);
    expectInt(r[kMediumint], 8388607, 8388607, 3);
    expectInt(r[kUmediumint], -1, 16777215, 3);
    expectInt(r[kInt], c_int, static_cast<uint32_t>(c_int), 4);
    expectInt(r[kUint], -1, 4294967295u, 4);
    expectInt(r[kBigint], std::numeric_limits<int64_t>::max(), 9223372036854775807ull, 8);
    expectInt(r[kUbigint], -1, std::numeric_limits<uint64_t>::max(), 8);
    EXPECT_EQ(Kind::Float, r[kFloat].kind);
    EXPECT_EQ(3.5f, r[kFloat].f);
    EXPECT_EQ(Kind::Double, r[kDouble].kind);
    EXPECT_EQ(1.7976931348623157e308, r[kDouble].d);
    EXPECT_EQ(Kind::Decimal, r[kDecimal].kind);
    EXPECT_EQ("12345678901234567890123456789012345.123456789012345678901234567890",
              r[kDecimal].text);
    EXPECT_EQ("-12345678.99", r[kDecimal2].text);
    EXPECT_EQ("999999999999999999", r[kDecimal0].text);
    EXPECT_EQ(Kind::Year, r[kYear].kind);
    EXPECT_EQ(2155, r[kYear].i);
    EXPECT_EQ(Kind::Date, r[kDate].kind);
    EXPECT_EQ(9999, r[kDate].temporal.year);
    EXPECT_EQ(12, r[kDate].temporal.month);
    EXPECT_EQ(31, r[kDate].temporal.day);
    expectTime(r[kTime], false, 838, 59, 59, 0, 0);
    expectTime(r[kTime6], true, 12, 34, 56, 789012, 6);
    expectTime(r[kTime3], true, 0, 0, 1, 500000, 3);
    expectTime(r[kTime1], true, 0, 0, 0, 500000, 1);
    expectDateTime(r[kDatetime], 9999, 12, 31, 23, 59, 59, 0);
    expectDateTime(r[kDatetime6], 2024, 2, 29, 12, 34, 56, 123456);
    expectDateTime(r[kDatetime2], 1000, 1, 1, 0, 0, 0, 990000);
    EXPECT_EQ(2, r[kDatetime2].temporal.fsp);
    EXPECT_EQ(Kind::Timestamp, r[kTimestamp].kind);
    EXPECT_EQ(2147483647, r[kTimestamp].i);
    EXPECT_EQ(0u, r[kTimestamp].temporal.micros);
    EXPECT_EQ(1, r[kTimestamp6].i);
    EXPECT_EQ(1u, r[kTimestamp6].temporal.micros);
    EXPECT_EQ(6, r[kTimestamp6].temporal.fsp);
    EXPECT_EQ(1704067200, r[kTimestamp4].i);
    EXPECT_EQ(123400u, r[kTimestamp4].temporal.micros);
    EXPECT_EQ(Kind::String, r[kChar].kind);
    EXPECT_EQ("abc", r[kChar].bytes);
    EXPECT_EQ("x\xF0\x9F\x98\x80", r[kCharBig].bytes);  // 4-byte UTF-8 in a CHAR over 255 bytes
    EXPECT_EQ(Kind::String, r[kVarchar].kind);
    EXPECT_EQ(c_varchar, r[kVarchar].bytes);
    EXPECT_EQ(std::string(300, 'z'), r[kVarcharBig].bytes);  // two-byte length prefix
    EXPECT_EQ(Kind::String, r[kBinary].kind);
    EXPECT_EQ(std::string("\x01\x02", 2),
              r[kBinary].bytes);  // trailing 0x00 stripped by the server
    EXPECT_EQ(std::string("\x00\xff", 2), r[kVarbinary].bytes);
    EXPECT_EQ(Kind::Blob, r[kTinytext].kind);
    EXPECT_EQ("tiny", r[kTinytext].bytes);
    EXPECT_EQ("text", r[kText].bytes);
    EXPECT_EQ("medium", r[kMediumtext].bytes);
    EXPECT_EQ("long", r[kLongtext].bytes);
    EXPECT_EQ(std::string("\x00", 1), r[kTinyblob].bytes);
    EXPECT_EQ("\x01\x02", r[kBlob].bytes);
    EXPECT_EQ("\xff", r[kMediumblob].bytes);
    EXPECT_EQ("\xde\xad\xbe\xef", r[kLongblob].bytes);
    EXPECT_EQ(Kind::Bit, r[kBit1].kind);
    EXPECT_EQ(1, r[kBit1].width);
    EXPECT_EQ(1u, r[kBit1].u);
    EXPECT_EQ(10, r[kBit10].width);
    EXPECT_EQ(0b1010101010u, r[kBit10].u);
    EXPECT_EQ("\x02\xaa", r[kBit10].bytes);
    EXPECT_EQ(64, r[kBit64].width);
    EXPECT_EQ(std::numeric_limits<uint64_t>::max(), r[kBit64].u);
    EXPECT_EQ(8u, r[kBit64].bytes.size());
    EXPECT_EQ(Kind::Enum, r[kEnum].kind);
    EXPECT_EQ(3, r[kEnum].i);
    EXPECT_EQ(Kind::Set, r[kSet].kind);
    EXPECT_EQ(0b101u, r[kSet].u);
    EXPECT_EQ(Kind::Blob, r[kJson].kind);
    EXPECT_EQ("{\"a\": 1}", r[kJson].bytes);
    EXPECT_EQ(Kind::Geometry, r[kGeometry].kind);
    // SRID 0, then WKB: little-endian LINESTRING with two points.
    EXPECT_EQ(4u + 1 + 4 + 4 + 32, r[kGeometry].bytes.size());
    EXPECT_EQ(std::string("\0\0\0\0\x01\x02\0\0\0\x02\0\0\0", 13),
              r[kGeometry].bytes.substr(0, 13));
    ASSERT_EQ(25u, r[kPoint].bytes.size());
    double x, y;
    std::memcpy(&x, r[kPoint].bytes.data() + 9, 8);
    std::memcpy(&y, r[kPoint].bytes.data() + 17, 8);
    EXPECT_EQ(3.0, x);
    EXPECT_EQ(4.0, y);
  }

  // Row 2 of the fixture (minimum, zero and empty values).
  void expectRowTwo(const std::vector<Cell>& r) {
    expectInt(r[kId], 2, 2, 4);
    expectInt(r[kTinyint], -128, 128, 1);
    expectInt(r[kUtinyint], 0, 0, 1);
    expectInt(r[kSmallint], -32768, 32768, 2);
    expectInt(r[kMediumint], -8388608, 8388608, 3);
    expectInt(r[kInt], std::numeric_limits<int32_t>::min(), 2147483648u, 4);
    expectInt(r[kBigint], std::numeric_limits<int64_t>::min(), 9223372036854775808ull, 8);
    expectInt(r[kUbigint], 0, 0, 8);
    EXPECT_EQ(-1.5f, r[kFloat].f);
    EXPECT_EQ(-0.25, r[kDouble].d);
    EXPECT_EQ("-0.000000000000000000000000000001", r[kDecimal].text);
    EXPECT_EQ("0.00", r[kDecimal2].text);
    EXPECT_EQ("-999999999999999999", r[kDecimal0].text);
    EXPECT_EQ(Kind::Year, r[kYear].kind);
    EXPECT_EQ(0, r[kYear].i);
    EXPECT_EQ(Kind::Date, r[kDate].kind);
    EXPECT_EQ(0, r[kDate].temporal.year);
    EXPECT_EQ(0, r[kDate].temporal.month);
    EXPECT_EQ(0, r[kDate].temporal.day);
    expectTime(r[kTime], true, 838, 59, 59, 0, 0);
    expectTime(r[kTime6], true, 0, 0, 0, 1, 6);
    expectTime(r[kTime3], false, 0, 0, 0, 0, 3);
    expectTime(r[kTime1], false, 12, 0, 0, 100000, 1);
    expectDateTime(r[kDatetime], 0, 0, 0, 0, 0, 0, 0);
    expectDateTime(r[kDatetime6], 0, 0, 0, 0, 0, 0, 0);
    expectDateTime(r[kDatetime2], 1000, 1, 1, 0, 0, 0, 10000);
    EXPECT_EQ(Kind::Timestamp, r[kTimestamp].kind);
    EXPECT_EQ(0, r[kTimestamp].i);
    EXPECT_EQ(Kind::Null, r[kTimestamp6].kind);
    EXPECT_EQ(1, r[kTimestamp4].i);
    EXPECT_EQ(100u, r[kTimestamp4].temporal.micros);
    for (size_t c : {kChar, kCharBig, kVarchar, kVarcharBig, kBinary, kVarbinary}) {
      EXPECT_EQ(Kind::String, r[c].kind) << c;
      EXPECT_TRUE(r[c].bytes.empty()) << c;
    }
    for (size_t c :
         {kTinytext, kText, kMediumtext, kLongtext, kTinyblob, kBlob, kMediumblob, kLongblob}) {
      EXPECT_EQ(Kind::Blob, r[c].kind) << c;
      EXPECT_TRUE(r[c].bytes.empty()) << c;
    }
    EXPECT_EQ(0u, r[kBit1].u);
    EXPECT_EQ(0u, r[kBit64].u);
    EXPECT_EQ(Kind::Enum, r[kEnum].kind);
    EXPECT_EQ(0, r[kEnum].i);  // '' : the invalid-value index
    EXPECT_EQ(0u, r[kSet].u);
    EXPECT_EQ("null", r[kJson].bytes);
    ASSERT_EQ(25u, r[kPoint].bytes.size());
    double x, y;
    std::memcpy(&x, r[kPoint].bytes.data() + 9, 8);
    std::memcpy(&y, r[kPoint].bytes.data() + 17, 8);
    EXPECT_EQ(-1.5, x);
    EXPECT_EQ(2.25, y);
  }

  RawEvent fde_;
  RawEvent map_event_;
  FormatDescription fd_;
  TableMapEvent map_;
};

TEST_F(RowsEventReaderTest, ClassifiesRowsEvents) {
  EXPECT_TRUE(isRowsEvent(WRITE_ROWS_V1));
  EXPECT_TRUE(isRowsEvent(UPDATE_ROWS));
  EXPECT_TRUE(isRowsEvent(PARTIAL_UPDATE_ROWS));
  EXPECT_TRUE(isRowsEvent(MARIADB_DELETE_ROWS_COMPRESSED_V1));
  EXPECT_FALSE(isRowsEvent(TABLE_MAP));
  EXPECT_FALSE(isRowsEvent(QUERY));
  EXPECT_EQ(RowsKind::Write, rowsKind(WRITE_ROWS));
  EXPECT_EQ(RowsKind::Update, rowsKind(UPDATE_ROWS_V1));
  EXPECT_EQ(RowsKind::Update, rowsKind(PARTIAL_UPDATE_ROWS));
  EXPECT_EQ(RowsKind::Delete, rowsKind(DELETE_ROWS_V1));
}

TEST_F(RowsEventReaderTest, DecodesEveryColumnTypeOfWriteRowsV1) {
  RawEvent ev(fixtures::kWriteRowsAllTypes);
  EXPECT_EQ(WRITE_ROWS_V1, ev.event.header.type);
  EXPECT_EQ(map_.table_id, rowsEventTableId(ev.event, fd_));
  RowsEventReader reader(ev.event, fd_, map_);
  EXPECT_EQ(RowsKind::Write, reader.kind());
  EXPECT_EQ(kColumns, reader.columnCount());
  EXPECT_TRUE(reader.endOfStatement());
  std::vector<Cell> before, after;
  ASSERT_TRUE(reader.next(before, after));
  EXPECT_TRUE(before.empty());
  ASSERT_EQ(kColumns, after.size());
  expectRowOne(after, 2147483647, "h\xC3\xA9llo \xF0\x9F\x98\x80");
  ASSERT_TRUE(reader.next(before, after));
  expectRowTwo(after);
  ASSERT_TRUE(reader.next(before, after));
  expectInt(after[kId], 3, 3, 4);
  for (size_t c = 1; c < kColumns; ++c) EXPECT_EQ(Kind::Null, after[c].kind) << c;
  EXPECT_FALSE(reader.next(before, after));
  EXPECT_EQ(3u, reader.rowsRead());
}

TEST_F(RowsEventReaderTest, DecodesBeforeAndAfterImagesOfUpdate) {
  RawEvent ev(fixtures::kUpdateRowsAllTypes);
  RowsEventReader reader(ev.event, fd_, map_);
  EXPECT_EQ(RowsKind::Update, reader.kind());
  std::vector<Cell> before, after;
  ASSERT_TRUE(reader.next(before, after));
  expectRowOne(before, 2147483647, "h\xC3\xA9llo \xF0\x9F\x98\x80");
  expectRowOne(after, 2147483646, "upd");
  EXPECT_FALSE(reader.next(before, after));
}

TEST_F(RowsEventReaderTest, DecodesBeforeImageOfDelete) {
  RawEvent ev(fixtures::kDeleteRowsAllTypes);
  RowsEventReader reader(ev.event, fd_, map_);
  EXPECT_EQ(RowsKind::Delete, reader.kind());
  std::vector<Cell> before, after;
  ASSERT_TRUE(reader.next(before, after));
  expectRowTwo(before);
  EXPECT_TRUE(after.empty());
  EXPECT_FALSE(reader.next(before, after));
}

TEST_F(RowsEventReaderTest, ColumnsOutsideAMinimalImageAreNull) {
  RawEvent map_ev(fixtures::kTableMapAllTypesMinimal);
  TableMapEvent map = parseTableMap(map_ev.event, fd_);
  RawEvent ev(fixtures::kUpdateRowsMinimal);
  RowsEventReader reader(ev.event, fd_, map);
  EXPECT_TRUE(reader.includedInBefore(kId));
  EXPECT_FALSE(reader.includedInBefore(kSmallint));
  EXPECT_TRUE(reader.includedInAfter(kSmallint));
  EXPECT_FALSE(reader.includedInAfter(kTinyint));
  std::vector<Cell> before, after;
  ASSERT_TRUE(reader.next(before, after));
  expectInt(before[kId], 3, 3, 4);
  EXPECT_EQ(Kind::Null, before[kSmallint].kind);
  expectInt(after[kSmallint], 7, 7, 2);
  EXPECT_EQ(Kind::Null, after[kTinyint].kind);
  EXPECT_FALSE(reader.next(before, after));
}

TEST_F(RowsEventReaderTest, ReusesCallerVectorsWithoutGrowing) {
  RawEvent ev(fixtures::kWriteRowsAllTypes);
  RowsEventReader reader(ev.event, fd_, map_);
  std::vector<Cell> before, after;
  after.reserve(kColumns);
  const Cell* data = after.data();
  while (reader.next(before, after)) EXPECT_EQ(data, after.data());
}

TEST_F(RowsEventReaderTest, TruncatedRowThrows) {
  RawEvent ev(fixtures::kWriteRowsAllTypes);
  Event cut = ev.event;
  cut.body = cut.body.substr(0, cut.body.size() - 10);
  RowsEventReader reader(cut, fd_, map_);
  std::vector<Cell> before, after;
  EXPECT_THROW(
      {
        while (reader.next(before, after)) {
        }
      },
      BinlogFormatException);
}

TEST_F(RowsEventReaderTest, RejectsMoreColumnsThanTheTableMap) {
  RawEvent ev(fixtures::kWriteRowsAllTypes);
  TableMapEvent narrow = map_;
  narrow.column_types.resize(3);
  narrow.column_metadata.resize(3);
  narrow.nullable.resize(3);
  EXPECT_THROW(RowsEventReader(ev.event, fd_, narrow), BinlogFormatException);
}

TEST_F(RowsEventReaderTest, RejectsCompressedMariaDbRowsEvents) {
  RawEvent ev(fixtures::kWriteRowsAllTypes);
  Event compressed = ev.event;
  compressed.header.type = MARIADB_WRITE_ROWS_COMPRESSED_V1;
  EXPECT_THROW(RowsEventReader(compressed, fd_, map_), BinlogFormatException);
}

// A MySQL 8 style table (INT, JSON, VARCHAR(10), old TIME/DATETIME/TIMESTAMP, DECIMAL(5,2)) and
// v2 rows events built by hand, since the local MariaDB only writes v1 events.
class MysqlRowsV2Test : public ::testing::Test {
 protected:
  MysqlRowsV2Test() {
    fd_ = FormatDescription::defaults();
    map_.table_id = 91;
    map_.database = "db";
    map_.table = "t";
    map_.column_types = {3, 245, 15, 11, 12, 7, 246};
    map_.column_metadata = {0, 4, 40, 0, 0, 0, (5 << 8) | 2};
    map_.nullable = std::vector<bool>(7, true);
  }

  static std::string header(bool update, std::string extra = {}) {
    std::string body;
    putLe(body, 91, 6);
    putLe(body, 1, 2);  // STMT_END_F
    putLe(body, 2 + extra.size(), 2);
    body += extra;
    body.push_back(7);  // columns
    body.push_back(0x7f);
    if (update) body.push_back(0x7f);
    return body;
  }
  static std::string image(int32_t id, std::string_view json, std::string_view text) {
    std::string row;
    row.push_back(0);  // null bitmap of the 7 present columns
    putLe(row, static_cast<uint32_t>(id), 4);
    putLe(row, json.size(), 4);
    row += json;
    row.push_back(static_cast<char>(text.size()));
    row += text;
    putLe(row, static_cast<uint32_t>(-8385959), 3);  // TIME '-838:59:59', pre-5.6 format
    putLe(row, 20240229123456ull, 8);  // DATETIME '2024-02-29 12:34:56', pre-5.6 format
    putLe(row, 1700000000, 4);         // TIMESTAMP, pre-5.6 format
    row += unhex("7f84d2");            // DECIMAL(5,2) -123.45
    return row;
  }
  static void expectImage(const std::vector<Cell>& r, int32_t id, std::string_view json,
                          std::string_view text) {
    EXPECT_EQ(id, r[0].i);
    EXPECT_EQ(Kind::Json, r[1].kind);
    EXPECT_EQ(json, r[1].bytes);
    EXPECT_EQ(Kind::String, r[2].kind);
    EXPECT_EQ(text, r[2].bytes);
    EXPECT_EQ(Kind::Time, r[3].kind);
    EXPECT_TRUE(r[3].temporal.negative);
    EXPECT_EQ(838u, r[3].temporal.hour);
    EXPECT_EQ(59, r[3].temporal.minute);
    EXPECT_EQ(59, r[3].temporal.second);
    EXPECT_EQ(Kind::DateTime, r[4].kind);
    EXPECT_EQ(2024, r[4].temporal.year);
    EXPECT_EQ(2, r[4].temporal.month);
    EXPECT_EQ(29, r[4].temporal.day);
    EXPECT_EQ(12u, r[4].temporal.hour);
    EXPECT_EQ(34, r[4].temporal.minute);
    EXPECT_EQ(56, r[4].temporal.second);
    EXPECT_EQ(Kind::Timestamp, r[5].kind);
    EXPECT_EQ(1700000000, r[5].i);
    EXPECT_EQ(Kind::Decimal, r[6].kind);
    EXPECT_EQ("-123.45", r[6].text);
  }

  FormatDescription fd_;
  TableMapEvent map_;
};

TEST_F(MysqlRowsV2Test, DecodesWriteRowsV2AndSkipsExtraData) {
  std::string body = header(false, std::string("\x01\x05", 2)) +
                     image(42, std::string("\x00\x01\x00", 3), "hi") + image(43, "", "");
  std::string raw = buildEvent(WRITE_ROWS, body);
  Event ev = decodeEvent(raw, true, true);
  EXPECT_EQ(91u, rowsEventTableId(ev, fd_));
  RowsEventReader reader(ev, fd_, map_);
  EXPECT_EQ(91u, reader.tableId());
  std::vector<Cell> before, after;
  ASSERT_TRUE(reader.next(before, after));
  expectImage(after, 42, std::string("\x00\x01\x00", 3), "hi");
  ASSERT_TRUE(reader.next(before, after));
  expectImage(after, 43, "", "");
  EXPECT_FALSE(reader.next(before, after));
}

TEST_F(MysqlRowsV2Test, DecimalTextOfBothImagesStaysValid) {
  std::string body = header(true) + image(1, "a", "old") + image(2, "b", "new");
  std::string raw = buildEvent(UPDATE_ROWS, body);
  RowsEventReader reader(decodeEvent(raw, true, true), fd_, map_);
  std::vector<Cell> before, after;
  ASSERT_TRUE(reader.next(before, after));
  expectImage(before, 1, "a", "old");
  expectImage(after, 2, "b", "new");
  EXPECT_NE(before[6].text.data(), after[6].text.data());
}

TEST_F(MysqlRowsV2Test, PartialUpdateWithFullJsonValuesDecodes) {
  // value_options PARTIAL_JSON_UPDATES with the partial bit of the only JSON column clear.
  std::string body =
      header(true) + image(1, "a", "old") + std::string("\x01\x00", 2) + image(2, "b", "new");
  std::string raw = buildEvent(PARTIAL_UPDATE_ROWS, body);
  RowsEventReader reader(decodeEvent(raw, true, true), fd_, map_);
  std::vector<Cell> before, after;
  ASSERT_TRUE(reader.next(before, after));
  expectImage(after, 2, "b", "new");
  EXPECT_FALSE(reader.next(before, after));
}

TEST_F(MysqlRowsV2Test, PartialJsonDiffIsRejected) {
  std::string body =
      header(true) + image(1, "a", "old") + std::string("\x01\x01", 2) + image(2, "b", "new");
  std::string raw = buildEvent(PARTIAL_UPDATE_ROWS, body);
  RowsEventReader reader(decodeEvent(raw, true, true), fd_, map_);
  std::vector<Cell> before, after;
  EXPECT_THROW(reader.next(before, after), BinlogFormatException);
}

TEST_F(MysqlRowsV2Test, RejectsBadExtraDataLength) {
  std::string body;
  putLe(body, 91, 6);
  putLe(body, 1, 2);
  putLe(body, 1, 2);  // less than its own two bytes
  body += std::string("\x07\x7f", 2);
  std::string raw = buildEvent(WRITE_ROWS, body);
  EXPECT_THROW(RowsEventReader(decodeEvent(raw, true, true), fd_, map_), BinlogFormatException);
}

}  // namespace
}  // namespace connectd::mysql::binlog
