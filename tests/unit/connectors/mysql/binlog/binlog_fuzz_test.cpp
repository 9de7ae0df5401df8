// Corrupted and truncated events must fail with BinlogFormatException, never read out of bounds
// (run under ASan/UBSan), loop or allocate without bound. Deterministic seeds keep it repeatable.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>

#include "binlog_test_util.h"
#include "connectors/mysql/binlog/event_parsers.h"
#include "connectors/mysql/binlog/rows_event_reader.h"
#include "connectors/mysql/binlog/table_map_event.h"
#include "mariadb_fixtures.h"

namespace connectd::mysql::binlog {
namespace {

using test::unhex;

void parseAny(const Event& ev, const FormatDescription& fd, const TableMapEvent& map) {
  switch (ev.header.type) {
    case FORMAT_DESCRIPTION:
      parseFormatDescription(ev);
      break;
    case ROTATE:
      parseRotate(ev);
      break;
    case QUERY:
      parseQuery(ev, fd);
      break;
    case XID:
      parseXid(ev);
      break;
    case MARIADB_GTID:
      parseMariaDbGtid(ev);
      break;
    case MARIADB_GTID_LIST:
      parseMariaDbGtidList(ev);
      break;
    case MARIADB_ANNOTATE_ROWS:
      parseAnnotateRows(ev);
      break;
    case TABLE_MAP:
      parseTableMap(ev, fd);
      break;
    case GTID:
    case GTID_TAGGED:
      parseMysqlGtid(ev);
      break;
    default:
      if (isRowsEvent(ev.header.type)) {
        RowsEventReader reader(ev, fd, map);
        std::vector<Cell> before, after;
        while (reader.next(before, after)) {
        }
      }
  }
}

TEST(BinlogFuzzTest, MutatedEventsOnlyThrowFormatErrors) {
  const char* fixtures_hex[] = {fixtures::kFormatDescription,
                                fixtures::kGtidList,
                                fixtures::kGtidBegin,
                                fixtures::kQueryCreateTable,
                                fixtures::kAnnotateInsert,
                                fixtures::kTableMapAllTypes,
                                fixtures::kWriteRowsAllTypes,
                                fixtures::kUpdateRowsAllTypes,
                                fixtures::kDeleteRowsAllTypes,
                                fixtures::kXid,
                                fixtures::kRotate};
  std::string fde_raw = unhex(fixtures::kFormatDescription);
  FormatDescription fd = parseFormatDescription(decodeEvent(fde_raw, true, true));
  std::string map_raw = unhex(fixtures::kTableMapAllTypes);
  TableMapEvent map = parseTableMap(decodeEvent(map_raw, true, true), fd);
  std::mt19937 rng(20240229);
  size_t format_errors = 0;
  for (int iteration = 0; iteration < 20000; ++iteration) {
    std::string raw = unhex(fixtures_hex[rng() % std::size(fixtures_hex)]);
    int mutations = 1 + static_cast<int>(rng() % 4);
    for (int m = 0; m < mutations; ++m) {
      size_t at = kEventHeaderLength + rng() % (raw.size() - kEventHeaderLength);
      switch (rng() % 3) {
        case 0:
          raw[at] = static_cast<char>(rng());
          break;
        case 1:
          raw[at] ^= static_cast<char>(1u << (rng() % 8));
          break;
        case 2:
          raw.resize(std::max(at, kEventHeaderLength + 1));
          break;
      }
    }
    // Keep the header's size consistent so the body parsers, not the framing, see the damage.
    uint32_t size = static_cast<uint32_t>(raw.size());
    std::memcpy(raw.data() + 9, &size, 4);
    try {
      Event ev = decodeEvent(raw, true, false);
      parseAny(ev, fd, map);
    } catch (const BinlogFormatException&) {
      ++format_errors;
    }
  }
  EXPECT_GT(format_errors, 0u);
}

}  // namespace
}  // namespace connectd::mysql::binlog
