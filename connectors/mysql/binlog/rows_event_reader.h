#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "connectors/mysql/binlog/binlog_cell.h"
#include "connectors/mysql/binlog/binlog_event.h"
#include "connectors/mysql/binlog/table_map_event.h"

namespace connectd::mysql::binlog {

enum class RowsKind { Write, Update, Delete };

// WRITE/UPDATE/DELETE rows events in all their forms: v1 (MariaDB, MySQL 5.1-5.5), v2 (MySQL
// 5.6+), MySQL PARTIAL_UPDATE_ROWS and MariaDB's compressed variants (the latter are rejected
// by RowsEventReader, see README).
bool isRowsEvent(uint8_t type);
RowsKind rowsKind(uint8_t type);  // precondition: isRowsEvent(type)
// The table id a rows event refers to (resolve it with the TABLE_MAP seen before it).
uint64_t rowsEventTableId(const Event& event, const FormatDescription& fd);

// Iterates the rows of one rows event, decoding straight from the event buffer into
// caller-owned, reused Cell vectors: no allocation per row or cell once the vectors have grown
// to the table's width. Cell::bytes views the event buffer; Cell::text (DECIMAL) views storage
// owned by this reader, valid until the next-but-one call to next() (rows alternate between two
// banks, so one row of look-ahead is safe). `event` bytes and `table_map`
// must outlive the reader. Not thread-safe; one reader per event.
class RowsEventReader {
 public:
  // Throws BinlogFormatException for a malformed header, a column count beyond the table map,
  // or a compressed MariaDB rows event.
  RowsEventReader(const Event& event, const FormatDescription& fd, const TableMapEvent& table_map);
  ~RowsEventReader();
  RowsEventReader(const RowsEventReader&) = delete;
  RowsEventReader& operator=(const RowsEventReader&) = delete;

  RowsKind kind() const { return kind_; }
  // Columns of the table map; the Cell vectors are resized to this.
  size_t columnCount() const { return table_map_.columnCount(); }
  uint64_t tableId() const { return table_id_; }
  uint16_t flags() const { return flags_; }
  // STMT_END_F: the last rows event of its statement.
  bool endOfStatement() const { return (flags_ & 1) != 0; }
  // Whether a column is part of the before/after image (binlog_row_image=FULL: all of them).
  // A column outside the image is decoded as Kind::Null.
  bool includedInBefore(size_t column) const;
  bool includedInAfter(size_t column) const;

  // Decodes the next row. Write fills `after`, Delete `before`, Update both; the vector a kind
  // does not fill is left as it is. Returns false when no rows are left. Throws
  // BinlogFormatException for truncated row data, a column type this decoder does not know, or a
  // partial JSON update (binlog_row_value_options=PARTIAL_JSON).
  bool next(std::vector<Cell>& before, std::vector<Cell>& after);

  // Rows returned by next() so far.
  size_t rowsRead() const { return rows_read_; }

 private:
  struct Column;
  void decodeImage(std::string_view present, size_t present_count, bool partial_after,
                   std::vector<Cell>& cells, char* decimal_storage);

  const TableMapEvent& table_map_;
  RowsKind kind_;
  uint8_t type_;
  uint64_t table_id_ = 0;
  uint16_t flags_ = 0;
  size_t width_ = 0;  // columns in the rows event
  std::string_view present_before_;
  std::string_view present_after_;
  size_t present_before_count_ = 0;
  size_t present_after_count_ = 0;
  size_t json_columns_ = 0;
  std::vector<Column> columns_;
  std::unique_ptr<char[]> decimal_storage_;
  size_t decimal_columns_ = 0;
  const uint8_t* pos_;
  const uint8_t* end_;
  size_t rows_read_ = 0;
};

}  // namespace connectd::mysql::binlog
