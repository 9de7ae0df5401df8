#include "connectors/mysql/binlog/rows_event_reader.h"

#include <bit>
#include <cstring>

#include "connectors/mysql/binlog/byte_reader.h"
#include "connectors/mysql/binlog/column_metadata.h"

namespace connectd::mysql::binlog {

namespace {

// The longest decimal text: sign, 65 digits, point, up to 38 fraction digits (MariaDB).
constexpr size_t kDecimalSlot = 112;
constexpr int kDigitsPerGroup = 9;
constexpr int kDigToBytes[10] = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};

bool isV2(uint8_t type) {
  return type == WRITE_ROWS || type == UPDATE_ROWS || type == DELETE_ROWS ||
         type == PARTIAL_UPDATE_ROWS || type == MARIADB_WRITE_ROWS_COMPRESSED ||
         type == MARIADB_UPDATE_ROWS_COMPRESSED || type == MARIADB_DELETE_ROWS_COMPRESSED;
}

bool isCompressed(uint8_t type) {
  return type >= MARIADB_WRITE_ROWS_COMPRESSED_V1 && type <= MARIADB_DELETE_ROWS_COMPRESSED;
}

inline bool bitSet(std::string_view bitmap, size_t i) {
  return (static_cast<uint8_t>(bitmap[i / 8]) >> (i % 8)) & 1;
}

size_t popcount(std::string_view bitmap, size_t bits) {
  size_t n = 0;
  for (size_t i = 0; i < bits; ++i) n += bitSet(bitmap, i);
  return n;
}

// Reads the table id and flags shared by every rows event; returns the v2 extra data skipped.
void readRowsHeader(ByteReader& in, uint8_t type, const FormatDescription& fd, uint64_t& table_id,
                    uint16_t& flags) {
  uint8_t post_header = fd.postHeaderLength(type, isV2(type) ? 10 : 8);
  table_id = post_header == 6 ? in.u32() : in.u48();
  flags = in.u16();
  if (isV2(type)) {
    // extra_data_length counts its own two bytes; the extra data (NDB info, partition id)
    // is of no use to a CDC reader.
    uint16_t extra = in.u16();
    if (extra < 2)
      throw BinlogFormatException("Rows event with extra data length " + std::to_string(extra));
    in.skip(extra - 2);
  }
}

void writeDigits(char*& out, uint32_t value, int digits) {
  for (int i = digits - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out += digits;
}

// NEWDECIMAL (decimal2bin): groups of nine digits in four big-endian bytes, a shorter leading
// integer group and trailing fraction group, the sign in the top bit and negative numbers
// stored with every byte inverted. Writes plain notation with exactly `scale` fraction digits.
std::string_view decodeDecimal(ByteReader& in, int precision, int scale, char* out) {
  if (precision <= 0 || precision > 65 || scale < 0 || scale > precision || scale > 38)
    throw BinlogFormatException("DECIMAL column with precision " + std::to_string(precision) +
                                " and scale " + std::to_string(scale));
  int intg = precision - scale;
  int intg0 = intg / kDigitsPerGroup, intg0x = intg % kDigitsPerGroup;
  int frac0 = scale / kDigitsPerGroup, frac0x = scale % kDigitsPerGroup;
  size_t size = intg0 * 4 + kDigToBytes[intg0x] + frac0 * 4 + kDigToBytes[frac0x];
  uint8_t buf[40];
  std::memcpy(buf, in.bytes(size).data(), size);
  bool negative = (buf[0] & 0x80) == 0;
  buf[0] ^= 0x80;
  if (negative)
    for (size_t i = 0; i < size; ++i) buf[i] = static_cast<uint8_t>(~buf[i]);
  const uint8_t* p = buf;
  auto group = [&p](int bytes) {
    uint32_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | *p++;
    return v;
  };
  // Integer digits zero-padded to `intg`, then the leading zeros are dropped.
  char digits[80];
  char* d = digits;
  if (intg0x) writeDigits(d, group(kDigToBytes[intg0x]) % 1000000000u, intg0x);
  for (int i = 0; i < intg0; ++i) writeDigits(d, group(4) % 1000000000u, kDigitsPerGroup);
  char* int_begin = digits;
  while (int_begin < d && *int_begin == '0') ++int_begin;
  char* f = d;
  for (int i = 0; i < frac0; ++i) writeDigits(f, group(4) % 1000000000u, kDigitsPerGroup);
  if (frac0x) writeDigits(f, group(kDigToBytes[frac0x]) % 1000000000u, frac0x);
  bool zero = int_begin == d;
  for (char* c = d; zero && c < f; ++c) zero = *c == '0';
  char* o = out;
  if (negative && !zero) *o++ = '-';
  if (int_begin == d) {
    *o++ = '0';
  } else {
    std::memcpy(o, int_begin, d - int_begin);
    o += d - int_begin;
  }
  if (scale > 0) {
    *o++ = '.';
    std::memcpy(o, d, f - d);
    o += f - d;
  }
  return {out, static_cast<size_t>(o - out)};
}

// Fractional seconds of TIME2/DATETIME2/TIMESTAMP2: (fsp + 1) / 2 big-endian bytes.
uint32_t readFraction(ByteReader& in, uint8_t fsp) {
  switch (fsp) {
    case 1:
    case 2:
      return static_cast<uint32_t>(in.uintBE(1)) * 10000;
    case 3:
    case 4:
      return static_cast<uint32_t>(in.uintBE(2)) * 100;
    case 5:
    case 6:
      return static_cast<uint32_t>(in.uintBE(3));
    default:
      return 0;
  }
}

void decodeTime2(ByteReader& in, uint8_t fsp, Cell& cell) {
  // my_time_packed_from_binary: the integer part is offset by 0x800000; a negative value with
  // a fraction borrows one second so the packed value is a plain two's-complement number.
  constexpr int64_t kIntOffset = 0x800000;
  constexpr int64_t kOffset = 0x800000000000LL;
  int64_t packed;
  if (fsp >= 5) {
    packed = static_cast<int64_t>(in.uintBE(6)) - kOffset;
  } else {
    int64_t intpart = static_cast<int64_t>(in.uintBE(3)) - kIntOffset;
    int64_t frac = 0;
    if (fsp == 1 || fsp == 2) {
      frac = static_cast<int64_t>(in.uintBE(1));
      if (intpart < 0 && frac) {
        ++intpart;
        frac -= 0x100;
      }
      frac *= 10000;
    } else if (fsp == 3 || fsp == 4) {
      frac = static_cast<int64_t>(in.uintBE(2));
      if (intpart < 0 && frac) {
        ++intpart;
        frac -= 0x10000;
      }
      frac *= 100;
    }
    packed = intpart * (1LL << 24) + frac;
  }
  auto& t = cell.temporal;
  t.negative = packed < 0;
  uint64_t abs = static_cast<uint64_t>(packed < 0 ? -packed : packed);
  uint64_t hms = abs >> 24;
  t.micros = static_cast<uint32_t>(abs & 0xffffff);
  t.hour = static_cast<uint32_t>((hms >> 12) & 0x3ff);
  t.minute = static_cast<uint8_t>((hms >> 6) & 0x3f);
  t.second = static_cast<uint8_t>(hms & 0x3f);
}

void decodeDateTime2(ByteReader& in, uint8_t fsp, Cell& cell) {
  constexpr int64_t kIntOffset = 0x8000000000LL;
  int64_t v = static_cast<int64_t>(in.uintBE(5)) - kIntOffset;
  auto& t = cell.temporal;
  t.negative = v < 0;
  uint64_t ymdhms = static_cast<uint64_t>(v < 0 ? -v : v);
  uint64_t ymd = ymdhms >> 17;
  uint64_t ym = ymd >> 5;
  uint64_t hms = ymdhms & 0x1ffff;
  t.day = static_cast<uint8_t>(ymd & 0x1f);
  t.month = static_cast<uint8_t>(ym % 13);
  t.year = static_cast<int32_t>(ym / 13);
  t.second = static_cast<uint8_t>(hms & 0x3f);
  t.minute = static_cast<uint8_t>((hms >> 6) & 0x3f);
  t.hour = static_cast<uint32_t>(hms >> 12);
  t.micros = readFraction(in, fsp);
}

int64_t signExtend(uint64_t v, unsigned bytes) {
  unsigned shift = 64 - 8 * bytes;
  return static_cast<int64_t>(v << shift) >> shift;
}

}  // namespace

// Per-column decoding plan, resolved once per event from the table map.
struct RowsEventReader::Column {
  ColumnType type;  // real type (ENUM/SET/STRING resolved)
  uint16_t metadata;
  uint32_t length;  // String: max bytes, Enum/Set: storage bytes
  uint16_t decimal_slot;
  bool json;
};

bool isRowsEvent(uint8_t type) {
  switch (type) {
    case WRITE_ROWS_V1:
    case UPDATE_ROWS_V1:
    case DELETE_ROWS_V1:
    case WRITE_ROWS:
    case UPDATE_ROWS:
    case DELETE_ROWS:
    case PARTIAL_UPDATE_ROWS:
    case MARIADB_WRITE_ROWS_COMPRESSED_V1:
    case MARIADB_UPDATE_ROWS_COMPRESSED_V1:
    case MARIADB_DELETE_ROWS_COMPRESSED_V1:
    case MARIADB_WRITE_ROWS_COMPRESSED:
    case MARIADB_UPDATE_ROWS_COMPRESSED:
    case MARIADB_DELETE_ROWS_COMPRESSED:
      return true;
    default:
      return false;
  }
}

RowsKind rowsKind(uint8_t type) {
  switch (type) {
    case WRITE_ROWS_V1:
    case WRITE_ROWS:
    case MARIADB_WRITE_ROWS_COMPRESSED_V1:
    case MARIADB_WRITE_ROWS_COMPRESSED:
      return RowsKind::Write;
    case DELETE_ROWS_V1:
    case DELETE_ROWS:
    case MARIADB_DELETE_ROWS_COMPRESSED_V1:
    case MARIADB_DELETE_ROWS_COMPRESSED:
      return RowsKind::Delete;
    default:
      return RowsKind::Update;
  }
}

uint64_t rowsEventTableId(const Event& event, const FormatDescription& fd) {
  if (!isRowsEvent(event.header.type))
    throw BinlogFormatException("Expected a rows event, got " + eventTypeName(event.header.type));
  ByteReader in(event.body, "rows");
  uint64_t table_id;
  uint16_t flags;
  readRowsHeader(in, event.header.type, fd, table_id, flags);
  return table_id;
}

RowsEventReader::RowsEventReader(const Event& event, const FormatDescription& fd,
                                 const TableMapEvent& table_map)
    : table_map_(table_map), type_(event.header.type) {
  if (!isRowsEvent(type_))
    throw BinlogFormatException("Expected a rows event, got " + eventTypeName(type_));
  if (isCompressed(type_))
    throw BinlogFormatException(
        eventTypeName(type_) +
        ": compressed binlog events are not supported; set log_bin_compress=OFF on the server");
  kind_ = rowsKind(type_);
  ByteReader in(event.body, "rows");
  readRowsHeader(in, type_, fd, table_id_, flags_);
  uint64_t width = in.packed();
  if (width > table_map.columnCount())
    throw BinlogFormatException("Rows event for " + table_map.database + "." + table_map.table +
                                " has " + std::to_string(width) + " columns but its table map " +
                                std::to_string(table_map.columnCount()));
  width_ = static_cast<size_t>(width);
  size_t bitmap_bytes = (width_ + 7) / 8;
  std::string_view first = in.bytes(bitmap_bytes);
  std::string_view second = kind_ == RowsKind::Update ? in.bytes(bitmap_bytes) : first;
  if (kind_ == RowsKind::Write) {
    present_after_ = first;
  } else {
    present_before_ = first;
    present_after_ = second;
  }
  present_before_count_ = present_before_.empty() ? 0 : popcount(present_before_, width_);
  present_after_count_ = present_after_.empty() ? 0 : popcount(present_after_, width_);

  columns_.resize(width_);
  for (size_t i = 0; i < width_; ++i) {
    Column& c = columns_[i];
    c.type = static_cast<ColumnType>(table_map.column_types[i]);
    c.metadata = table_map.column_metadata[i];
    c.length = 0;
    c.decimal_slot = 0;
    c.json = c.type == ColumnType::Json;
    json_columns_ += c.json;
    if (c.type == ColumnType::String) {
      StringMetadata sm = decodeStringMetadata(c.metadata);
      c.type = sm.real_type == ColumnType::Enum || sm.real_type == ColumnType::Set
                   ? sm.real_type
                   : ColumnType::String;
      c.length = sm.length;
    } else if (c.type == ColumnType::Enum || c.type == ColumnType::Set) {
      c.length = c.metadata & 0xff;
    } else if (c.type == ColumnType::NewDecimal) {
      c.decimal_slot = static_cast<uint16_t>(decimal_columns_++);
    }
  }
  // JSON columns of the whole table size the partial-update bitmap, not only those in this event.
  json_columns_ = 0;
  for (uint8_t t : table_map.column_types)
    json_columns_ += static_cast<ColumnType>(t) == ColumnType::Json;
  if (decimal_columns_ > 0)
    decimal_storage_ = std::make_unique<char[]>(4 * decimal_columns_ * kDecimalSlot);
  std::string_view rows = in.rest();
  pos_ = reinterpret_cast<const uint8_t*>(rows.data());
  end_ = pos_ + rows.size();
}

RowsEventReader::~RowsEventReader() = default;

bool RowsEventReader::includedInBefore(size_t column) const {
  return column < width_ && !present_before_.empty() && bitSet(present_before_, column);
}

bool RowsEventReader::includedInAfter(size_t column) const {
  return column < width_ && !present_after_.empty() && bitSet(present_after_, column);
}

bool RowsEventReader::next(std::vector<Cell>& before, std::vector<Cell>& after) {
  if (pos_ >= end_) return false;
  // Two banks used by alternate rows: a caller reading one row ahead (to know which row is the
  // event's last) still holds valid decimal text for the row before.
  char* storage = decimal_storage_.get();
  if (storage != nullptr && (rows_read_ & 1) != 0) storage += 2 * decimal_columns_ * kDecimalSlot;
  char* second = storage ? storage + decimal_columns_ * kDecimalSlot : nullptr;
  switch (kind_) {
    case RowsKind::Write:
      decodeImage(present_after_, present_after_count_, false, after, storage);
      break;
    case RowsKind::Delete:
      decodeImage(present_before_, present_before_count_, false, before, storage);
      break;
    case RowsKind::Update:
      decodeImage(present_before_, present_before_count_, false, before, storage);
      decodeImage(present_after_, present_after_count_, type_ == PARTIAL_UPDATE_ROWS, after,
                  second);
      break;
  }
  ++rows_read_;
  return true;
}

void RowsEventReader::decodeImage(std::string_view present, size_t present_count,
                                  bool partial_after, std::vector<Cell>& cells,
                                  char* decimal_storage) {
  ByteReader in(
      std::string_view(reinterpret_cast<const char*>(pos_), static_cast<size_t>(end_ - pos_)),
      "rows");
  if (partial_after) {
    constexpr uint64_t kPartialJsonUpdates = 1;
    uint64_t value_options = in.packed();
    if (value_options & kPartialJsonUpdates) {
      std::string_view partial = in.bytes((json_columns_ + 7) / 8);
      for (size_t i = 0; i < json_columns_; ++i)
        if (bitSet(partial, i))
          throw BinlogFormatException(
              "Partial JSON update in " + table_map_.database + "." + table_map_.table +
              " is not supported; set binlog_row_value_options='' on the server");
    }
  }
  std::string_view nulls = in.bytes((present_count + 7) / 8);
  size_t total = table_map_.columnCount();
  if (cells.size() != total) cells.resize(total);
  size_t image_index = 0;
  for (size_t i = 0; i < total; ++i) {
    Cell& cell = cells[i];
    cell = Cell{};
    if (i >= width_ || !bitSet(present, i)) continue;
    bool is_null = bitSet(nulls, image_index++);
    if (is_null) continue;
    const Column& c = columns_[i];
    switch (c.type) {
      case ColumnType::Tiny:
      case ColumnType::Short:
      case ColumnType::Int24:
      case ColumnType::Long:
      case ColumnType::LongLong: {
        unsigned width = c.type == ColumnType::Tiny    ? 1
                         : c.type == ColumnType::Short ? 2
                         : c.type == ColumnType::Int24 ? 3
                         : c.type == ColumnType::Long  ? 4
                                                       : 8;
        cell.kind = Cell::Kind::Int;
        cell.width = static_cast<uint8_t>(width);
        cell.u = in.uint(width);
        cell.i = signExtend(cell.u, width);
        break;
      }
      case ColumnType::Float:
        cell.kind = Cell::Kind::Float;
        cell.f = std::bit_cast<float>(in.u32());
        break;
      case ColumnType::Double:
        cell.kind = Cell::Kind::Double;
        cell.d = std::bit_cast<double>(in.u64());
        break;
      case ColumnType::NewDecimal:
        cell.kind = Cell::Kind::Decimal;
        cell.text = decodeDecimal(in, c.metadata >> 8, c.metadata & 0xff,
                                  decimal_storage + c.decimal_slot * kDecimalSlot);
        break;
      case ColumnType::Year: {
        uint8_t y = in.u8();
        cell.kind = Cell::Kind::Year;
        cell.i = y == 0 ? 0 : 1900 + y;
        break;
      }
      case ColumnType::Date:
      case ColumnType::NewDate: {
        uint32_t v = in.u24();
        cell.kind = Cell::Kind::Date;
        cell.temporal.day = static_cast<uint8_t>(v & 0x1f);
        cell.temporal.month = static_cast<uint8_t>((v >> 5) & 0xf);
        cell.temporal.year = static_cast<int32_t>(v >> 9);
        break;
      }
      case ColumnType::Time: {
        int64_t v = signExtend(in.u24(), 3);
        cell.kind = Cell::Kind::Time;
        cell.temporal.negative = v < 0;
        uint64_t a = static_cast<uint64_t>(v < 0 ? -v : v);
        cell.temporal.hour = static_cast<uint32_t>(a / 10000);
        cell.temporal.minute = static_cast<uint8_t>(a / 100 % 100);
        cell.temporal.second = static_cast<uint8_t>(a % 100);
        break;
      }
      case ColumnType::Time2:
        cell.kind = Cell::Kind::Time;
        cell.temporal.fsp = static_cast<uint8_t>(c.metadata);
        decodeTime2(in, cell.temporal.fsp, cell);
        break;
      case ColumnType::DateTime: {
        uint64_t v = in.u64();
        uint64_t date = v / 1000000, time = v % 1000000;
        cell.kind = Cell::Kind::DateTime;
        cell.temporal.year = static_cast<int32_t>(date / 10000);
        cell.temporal.month = static_cast<uint8_t>(date / 100 % 100);
        cell.temporal.day = static_cast<uint8_t>(date % 100);
        cell.temporal.hour = static_cast<uint32_t>(time / 10000);
        cell.temporal.minute = static_cast<uint8_t>(time / 100 % 100);
        cell.temporal.second = static_cast<uint8_t>(time % 100);
        break;
      }
      case ColumnType::DateTime2:
        cell.kind = Cell::Kind::DateTime;
        cell.temporal.fsp = static_cast<uint8_t>(c.metadata);
        decodeDateTime2(in, cell.temporal.fsp, cell);
        break;
      case ColumnType::Timestamp:
        cell.kind = Cell::Kind::Timestamp;
        cell.i = in.u32();
        break;
      case ColumnType::Timestamp2:
        cell.kind = Cell::Kind::Timestamp;
        cell.temporal.fsp = static_cast<uint8_t>(c.metadata);
        cell.i = static_cast<int64_t>(in.uintBE(4));
        cell.temporal.micros = readFraction(in, cell.temporal.fsp);
        break;
      case ColumnType::Varchar:
      case ColumnType::VarString: {
        size_t len = c.metadata < 256 ? in.u8() : in.u16();
        cell.kind = Cell::Kind::String;
        cell.bytes = in.bytes(len);
        break;
      }
      case ColumnType::String: {
        size_t len = c.length > 255 ? in.u16() : in.u8();
        cell.kind = Cell::Kind::String;
        cell.bytes = in.bytes(len);
        break;
      }
      case ColumnType::Enum:
        if (c.length != 1 && c.length != 2)
          throw BinlogFormatException("ENUM column stored in " + std::to_string(c.length) +
                                      " bytes");
        cell.kind = Cell::Kind::Enum;
        cell.i = static_cast<int64_t>(in.uint(c.length));
        break;
      case ColumnType::Set:
        if (c.length < 1 || c.length > 8)
          throw BinlogFormatException("SET column stored in " + std::to_string(c.length) +
                                      " bytes");
        cell.kind = Cell::Kind::Set;
        cell.u = in.uint(c.length);
        break;
      case ColumnType::Bit: {
        unsigned bits = (c.metadata >> 8) * 8 + (c.metadata & 0xff);
        unsigned bytes = (bits + 7) / 8;
        cell.kind = Cell::Kind::Bit;
        cell.width = static_cast<uint8_t>(bits);
        cell.bytes = in.bytes(bytes);
        for (unsigned k = 0; k < bytes && k < 8; ++k)
          cell.u =
              (cell.u << 8) | static_cast<uint8_t>(cell.bytes[bytes - std::min(bytes, 8u) + k]);
        break;
      }
      case ColumnType::Blob:
      case ColumnType::TinyBlob:
      case ColumnType::MediumBlob:
      case ColumnType::LongBlob:
      case ColumnType::Geometry:
      case ColumnType::Json:
      case ColumnType::Vector: {
        unsigned prefix = c.metadata;
        if (prefix < 1 || prefix > 4)
          throw BinlogFormatException("BLOB-like column with a " + std::to_string(prefix) +
                                      "-byte length prefix");
        cell.kind = c.type == ColumnType::Geometry ? Cell::Kind::Geometry
                    : c.type == ColumnType::Json   ? Cell::Kind::Json
                                                   : Cell::Kind::Blob;
        cell.bytes = in.bytes(in.uint(prefix));
        break;
      }
      default:
        throw BinlogFormatException("Column " + std::to_string(i + 1) + " of " +
                                    table_map_.database + "." + table_map_.table +
                                    " has binlog type " + std::to_string(static_cast<int>(c.type)) +
                                    ", which this decoder does not support");
    }
  }
  pos_ = in.pos();
}

}  // namespace connectd::mysql::binlog
