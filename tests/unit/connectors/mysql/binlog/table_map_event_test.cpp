#include "connectors/mysql/binlog/table_map_event.h"

#include <gtest/gtest.h>

#include "binlog_test_util.h"
#include "mariadb_fixtures.h"

namespace connectd::mysql::binlog {
namespace {

using test::RawEvent;

FormatDescription mariaDbFd() {
  RawEvent fde(fixtures::kFormatDescription);
  return parseFormatDescription(fde.event);
}

using namespace fixtures::all_types;

uint8_t t(ColumnType type) { return static_cast<uint8_t>(type); }

TEST(TableMapEventTest, ParsesColumnTypesAndMetadata) {
  RawEvent ev(fixtures::kTableMapAllTypes);
  TableMapEvent m = parseTableMap(ev.event, mariaDbFd());
  EXPECT_EQ("h1_test", m.database);
  EXPECT_EQ("all_types", m.table);
  EXPECT_GT(m.table_id, 0u);
  ASSERT_EQ(kColumns, m.columnCount());
  EXPECT_EQ(t(ColumnType::Long), m.column_types[kId]);
  EXPECT_EQ(t(ColumnType::Tiny), m.column_types[kTinyint]);
  EXPECT_EQ(t(ColumnType::Int24), m.column_types[kMediumint]);
  EXPECT_EQ(t(ColumnType::LongLong), m.column_types[kUbigint]);
  EXPECT_EQ(t(ColumnType::Float), m.column_types[kFloat]);
  EXPECT_EQ(4, m.column_metadata[kFloat]);
  EXPECT_EQ(8, m.column_metadata[kDouble]);
  EXPECT_EQ(t(ColumnType::NewDecimal), m.column_types[kDecimal]);
  EXPECT_EQ((65 << 8) | 30, m.column_metadata[kDecimal]);
  EXPECT_EQ((10 << 8) | 2, m.column_metadata[kDecimal2]);
  EXPECT_EQ(t(ColumnType::Year), m.column_types[kYear]);
  EXPECT_EQ(t(ColumnType::Date), m.column_types[kDate]);
  EXPECT_EQ(t(ColumnType::Time2), m.column_types[kTime]);
  EXPECT_EQ(0, m.column_metadata[kTime]);
  EXPECT_EQ(6, m.column_metadata[kTime6]);
  EXPECT_EQ(t(ColumnType::DateTime2), m.column_types[kDatetime2]);
  EXPECT_EQ(2, m.column_metadata[kDatetime2]);
  EXPECT_EQ(t(ColumnType::Timestamp2), m.column_types[kTimestamp4]);
  EXPECT_EQ(4, m.column_metadata[kTimestamp4]);
  EXPECT_EQ(t(ColumnType::String), m.column_types[kChar]);
  EXPECT_EQ(t(ColumnType::String), m.realType(kChar));
  // CHAR(255) utf8mb4 = 1020 bytes: MySQL folds the high length bits into the real-type byte.
  EXPECT_EQ(t(ColumnType::String), m.column_types[kCharBig]);
  EXPECT_EQ(t(ColumnType::String), m.realType(kCharBig));
  EXPECT_NE(0xfe, m.column_metadata[kCharBig] >> 8);
  EXPECT_EQ(t(ColumnType::Varchar), m.column_types[kVarchar]);
  EXPECT_EQ(400, m.column_metadata[kVarchar]);
  EXPECT_EQ(4000, m.column_metadata[kVarcharBig]);
  EXPECT_EQ(t(ColumnType::String), m.column_types[kBinary]);
  EXPECT_EQ(t(ColumnType::Varchar), m.column_types[kVarbinary]);
  EXPECT_EQ(20, m.column_metadata[kVarbinary]);
  EXPECT_EQ(t(ColumnType::Blob), m.column_types[kTinytext]);
  EXPECT_EQ(1, m.column_metadata[kTinytext]);
  EXPECT_EQ(2, m.column_metadata[kText]);
  EXPECT_EQ(3, m.column_metadata[kMediumblob]);
  EXPECT_EQ(4, m.column_metadata[kLongblob]);
  EXPECT_EQ(t(ColumnType::Bit), m.column_types[kBit10]);
  EXPECT_EQ(1, m.column_metadata[kBit1]);
  EXPECT_EQ((1 << 8) | 2, m.column_metadata[kBit10]);
  EXPECT_EQ(8 << 8, m.column_metadata[kBit64]);
  EXPECT_EQ(t(ColumnType::String), m.column_types[kEnum]);
  EXPECT_EQ(t(ColumnType::Enum), m.realType(kEnum));
  EXPECT_EQ(t(ColumnType::Set), m.realType(kSet));
  EXPECT_EQ(t(ColumnType::Blob), m.column_types[kJson]);  // MariaDB JSON is LONGTEXT
  EXPECT_EQ(t(ColumnType::Geometry), m.column_types[kGeometry]);
  EXPECT_EQ(4, m.column_metadata[kPoint]);
  EXPECT_FALSE(m.nullable[kId]);
  EXPECT_TRUE(m.nullable[kTinyint]);
  EXPECT_TRUE(m.nullable[kPoint]);
}

TEST(TableMapEventTest, ParsesFullOptionalMetadata) {
  RawEvent ev(fixtures::kTableMapAllTypes);
  TableMapEvent m = parseTableMap(ev.event, mariaDbFd());
  ASSERT_EQ(kColumns, m.column_names.size());
  EXPECT_EQ("id", m.column_names[kId]);
  EXPECT_EQ("c_char_big", m.column_names[kCharBig]);
  EXPECT_EQ("c_point", m.column_names[kPoint]);

  EXPECT_EQ(std::optional<bool>(false), m.isUnsigned(kTinyint));
  EXPECT_EQ(std::optional<bool>(true), m.isUnsigned(kUtinyint));
  EXPECT_EQ(std::optional<bool>(true), m.isUnsigned(kUmediumint));
  EXPECT_EQ(std::optional<bool>(false), m.isUnsigned(kBigint));
  EXPECT_EQ(std::optional<bool>(true), m.isUnsigned(kUbigint));
  EXPECT_EQ(std::optional<bool>(false), m.isUnsigned(kDecimal0));
  EXPECT_EQ(std::nullopt, m.isUnsigned(kYear));
  EXPECT_EQ(std::nullopt, m.isUnsigned(kVarchar));

  ASSERT_EQ(kColumns, m.enum_values.size());
  EXPECT_EQ((std::vector<std::string>{"a", "b", "c"}), m.enum_values[kEnum]);
  EXPECT_TRUE(m.enum_values[kSet].empty());
  ASSERT_EQ(kColumns, m.set_values.size());
  EXPECT_EQ((std::vector<std::string>{"x", "y", "z"}), m.set_values[kSet]);

  ASSERT_EQ(kColumns, m.column_charsets.size());
  EXPECT_EQ(0, m.column_charsets[kId]);
  EXPECT_EQ(45, m.column_charsets[kVarchar]);  // utf8mb4_general_ci
  EXPECT_EQ(45, m.column_charsets[kText]);
  EXPECT_EQ(63, m.column_charsets[kVarbinary]);  // binary
  EXPECT_EQ(63, m.column_charsets[kBlob]);
  EXPECT_EQ(45, m.column_charsets[kEnum]);

  EXPECT_EQ(std::vector<uint32_t>{kId}, m.primary_key);
  ASSERT_EQ(kColumns, m.geometry_types.size());
  EXPECT_EQ(0, m.geometry_types[kGeometry]);  // GEOMETRY
  EXPECT_EQ(1, m.geometry_types[kPoint]);     // POINT
}

TEST(TableMapEventTest, ParsesWithoutOptionalMetadata) {
  RawEvent ev(fixtures::kTableMapAllTypes);
  // Cut the body right after the NULL bitmap, as binlog_row_metadata=NO_LOG writes it:
  // post-header 8, "h1_test" 1+7+1, "all_types" 1+9+1, column count 1, 50 types, metadata.
  size_t meta_len_at = 8 + 9 + 11 + 1 + kColumns;
  size_t meta_len = static_cast<uint8_t>(ev.event.body[meta_len_at]);
  Event cut = ev.event;
  cut.body = cut.body.substr(0, meta_len_at + 1 + meta_len + (kColumns + 7) / 8);
  TableMapEvent m = parseTableMap(cut, mariaDbFd());
  EXPECT_EQ(kColumns, m.columnCount());
  EXPECT_EQ((65 << 8) | 30, m.column_metadata[kDecimal]);
  EXPECT_TRUE(m.column_names.empty());
  EXPECT_TRUE(m.signedness.empty());
  EXPECT_TRUE(m.enum_values.empty());
  EXPECT_TRUE(m.column_charsets.empty());
  EXPECT_TRUE(m.primary_key.empty());
  EXPECT_EQ(std::nullopt, m.isUnsigned(kUbigint));
  EXPECT_EQ(t(ColumnType::Enum), m.realType(kEnum));
}

TEST(TableMapEventTest, TruncatedEventThrows) {
  RawEvent ev(fixtures::kTableMapAllTypes);
  Event cut = ev.event;
  cut.body = cut.body.substr(0, 60);
  EXPECT_THROW(parseTableMap(cut, mariaDbFd()), BinlogFormatException);
}

TEST(TableMapEventTest, FourByteTableIdWithShortPostHeader) {
  std::string body;
  test::putLe(body, 77, 4);
  test::putLe(body, 1, 2);
  body += std::string(
      "\x02"
      "db\0"
      "\x01"
      "t\0",
      7);
  body.push_back(1);  // one column
  body.push_back(3);  // LONG
  body.push_back(0);  // no metadata
  body.push_back(1);  // nullable
  std::string raw = test::buildEvent(TABLE_MAP, body);
  FormatDescription fd = FormatDescription::defaults();
  fd.post_header_lengths[TABLE_MAP - 1] = 6;
  TableMapEvent m = parseTableMap(decodeEvent(raw, true, true), fd);
  EXPECT_EQ(77u, m.table_id);
  EXPECT_EQ("db", m.database);
  EXPECT_EQ("t", m.table);
  EXPECT_TRUE(m.nullable[0]);
}

}  // namespace
}  // namespace connectd::mysql::binlog
