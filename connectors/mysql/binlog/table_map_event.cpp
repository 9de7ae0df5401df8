#include "connectors/mysql/binlog/table_map_event.h"

#include "connectors/mysql/binlog/byte_reader.h"
#include "connectors/mysql/binlog/column_metadata.h"

namespace connectd::mysql::binlog {

namespace {

enum OptionalMetadata : uint8_t {
  kSignedness = 1,
  kDefaultCharset = 2,
  kColumnCharset = 3,
  kColumnName = 4,
  kSetStrValue = 5,
  kEnumStrValue = 6,
  kGeometryType = 7,
  kSimplePrimaryKey = 8,
  kPrimaryKeyWithPrefix = 9,
  kEnumAndSetDefaultCharset = 10,
  kEnumAndSetColumnCharset = 11,
  kColumnVisibility = 12,
};

bool isCharacterColumn(const TableMapEvent& t, size_t i) {
  switch (static_cast<ColumnType>(t.realType(i))) {
    case ColumnType::String:
    case ColumnType::VarString:
    case ColumnType::Varchar:
    case ColumnType::Blob:
    case ColumnType::TinyBlob:
    case ColumnType::MediumBlob:
    case ColumnType::LongBlob:
      return true;
    default:
      return false;
  }
}

bool isEnumOrSetColumn(const TableMapEvent& t, size_t i) {
  auto real = static_cast<ColumnType>(t.realType(i));
  return real == ColumnType::Enum || real == ColumnType::Set;
}

// MSB-first bitmap of the optional metadata (SIGNEDNESS, COLUMN_VISIBILITY).
std::vector<bool> msbBitmap(std::string_view bytes, size_t bits) {
  std::vector<bool> out;
  out.reserve(bits);
  for (size_t i = 0; i < bits && i / 8 < bytes.size(); ++i)
    out.push_back((static_cast<uint8_t>(bytes[i / 8]) >> (7 - i % 8)) & 1);
  return out;
}

// DEFAULT_CHARSET / ENUM_AND_SET_DEFAULT_CHARSET: a default collation, then (column ordinal
// among the selected columns, collation) pairs for the exceptions.
void applyDefaultCharset(TableMapEvent& t, std::string_view value,
                         bool (*selected)(const TableMapEvent&, size_t)) {
  ByteReader in(value, "TABLE_MAP charset metadata");
  auto def = static_cast<uint16_t>(in.packed());
  std::vector<size_t> columns;
  for (size_t i = 0; i < t.columnCount(); ++i)
    if (selected(t, i)) {
      columns.push_back(i);
      t.column_charsets[i] = def;
    }
  while (!in.empty()) {
    uint64_t ordinal = in.packed();
    auto collation = static_cast<uint16_t>(in.packed());
    if (ordinal < columns.size()) t.column_charsets[columns[ordinal]] = collation;
  }
}

void applyColumnCharsets(TableMapEvent& t, std::string_view value,
                         bool (*selected)(const TableMapEvent&, size_t)) {
  ByteReader in(value, "TABLE_MAP charset metadata");
  for (size_t i = 0; i < t.columnCount() && !in.empty(); ++i)
    if (selected(t, i)) t.column_charsets[i] = static_cast<uint16_t>(in.packed());
}

void applyStrValues(TableMapEvent& t, std::string_view value, ColumnType type,
                    std::vector<std::vector<std::string>>& out) {
  ByteReader in(value, "TABLE_MAP ENUM/SET metadata");
  out.assign(t.columnCount(), {});
  for (size_t i = 0; i < t.columnCount() && !in.empty(); ++i) {
    if (static_cast<ColumnType>(t.realType(i)) != type) continue;
    uint64_t count = in.packed();
    if (count > in.remaining()) in.fail(count);
    auto& values = out[i];
    values.reserve(count);
    for (uint64_t k = 0; k < count; ++k) values.emplace_back(in.bytes(in.packed()));
  }
}

void parseOptionalMetadata(TableMapEvent& t, ByteReader& in) {
  size_t columns = t.columnCount();
  while (!in.empty()) {
    uint8_t type = in.u8();
    std::string_view value = in.bytes(in.packed());
    switch (type) {
      case kSignedness: {
        size_t numeric = 0;
        for (uint8_t c : t.column_types) numeric += isNumericColumnType(c);
        t.signedness = msbBitmap(value, numeric);
        break;
      }
      case kDefaultCharset:
        t.column_charsets.resize(columns, 0);
        applyDefaultCharset(t, value, isCharacterColumn);
        break;
      case kColumnCharset:
        t.column_charsets.resize(columns, 0);
        applyColumnCharsets(t, value, isCharacterColumn);
        break;
      case kEnumAndSetDefaultCharset:
        t.column_charsets.resize(columns, 0);
        applyDefaultCharset(t, value, isEnumOrSetColumn);
        break;
      case kEnumAndSetColumnCharset:
        t.column_charsets.resize(columns, 0);
        applyColumnCharsets(t, value, isEnumOrSetColumn);
        break;
      case kColumnName: {
        ByteReader names(value, "TABLE_MAP column names");
        t.column_names.reserve(columns);
        while (!names.empty()) t.column_names.emplace_back(names.bytes(names.packed()));
        break;
      }
      case kSetStrValue:
        applyStrValues(t, value, ColumnType::Set, t.set_values);
        break;
      case kEnumStrValue:
        applyStrValues(t, value, ColumnType::Enum, t.enum_values);
        break;
      case kGeometryType: {
        ByteReader geo(value, "TABLE_MAP geometry metadata");
        t.geometry_types.assign(columns, 0);
        for (size_t i = 0; i < columns && !geo.empty(); ++i)
          if (static_cast<ColumnType>(t.column_types[i]) == ColumnType::Geometry)
            t.geometry_types[i] = static_cast<uint8_t>(geo.packed());
        break;
      }
      case kSimplePrimaryKey: {
        ByteReader pk(value, "TABLE_MAP primary key metadata");
        while (!pk.empty()) {
          t.primary_key.push_back(static_cast<uint32_t>(pk.packed()));
          t.primary_key_prefixes.push_back(0);
        }
        break;
      }
      case kPrimaryKeyWithPrefix: {
        ByteReader pk(value, "TABLE_MAP primary key metadata");
        while (!pk.empty()) {
          t.primary_key.push_back(static_cast<uint32_t>(pk.packed()));
          t.primary_key_prefixes.push_back(static_cast<uint32_t>(pk.packed()));
        }
        break;
      }
      case kColumnVisibility:
        t.visibility = msbBitmap(value, columns);
        break;
      default:
        break;  // newer metadata types are skippable by design (type-length-value)
    }
  }
}

}  // namespace

bool isNumericColumnType(uint8_t type) {
  switch (static_cast<ColumnType>(type)) {
    case ColumnType::Tiny:
    case ColumnType::Short:
    case ColumnType::Int24:
    case ColumnType::Long:
    case ColumnType::LongLong:
    case ColumnType::NewDecimal:
    case ColumnType::Decimal:
    case ColumnType::Float:
    case ColumnType::Double:
      return true;
    default:
      return false;
  }
}

uint8_t TableMapEvent::realType(size_t column) const {
  uint8_t type = column_types.at(column);
  if (static_cast<ColumnType>(type) != ColumnType::String) return type;
  return static_cast<uint8_t>(decodeStringMetadata(column_metadata[column]).real_type);
}

std::optional<bool> TableMapEvent::isUnsigned(size_t column) const {
  if (signedness.empty() || column >= column_types.size() ||
      !isNumericColumnType(column_types[column]))
    return std::nullopt;
  size_t ordinal = 0;
  for (size_t i = 0; i < column; ++i) ordinal += isNumericColumnType(column_types[i]);
  if (ordinal >= signedness.size()) return std::nullopt;
  return signedness[ordinal];
}

TableMapEvent parseTableMap(const Event& event, const FormatDescription& fd) {
  if (event.header.type != TABLE_MAP)
    throw BinlogFormatException("Expected a TABLE_MAP event, got " +
                                eventTypeName(event.header.type));
  ByteReader in(event.body, "TABLE_MAP");
  TableMapEvent t;
  uint8_t post_header = fd.postHeaderLength(TABLE_MAP, 8);
  t.table_id = post_header == 6 ? in.u32() : in.u48();
  t.flags = in.u16();
  if (post_header > 8) in.skip(post_header - 8);
  t.database.assign(in.bytes(in.u8()));
  in.skip(1);
  t.table.assign(in.bytes(in.u8()));
  in.skip(1);
  uint64_t columns = in.packed();
  if (columns > in.remaining()) in.fail(columns);
  std::string_view types = in.bytes(columns);
  t.column_types.assign(types.begin(), types.end());
  ByteReader meta(in.bytes(in.packed()), "TABLE_MAP metadata");
  t.column_metadata.resize(columns, 0);
  for (size_t i = 0; i < columns; ++i) {
    switch (static_cast<ColumnType>(t.column_types[i])) {
      case ColumnType::Float:
      case ColumnType::Double:
      case ColumnType::Blob:
      case ColumnType::TinyBlob:
      case ColumnType::MediumBlob:
      case ColumnType::LongBlob:
      case ColumnType::Geometry:
      case ColumnType::Json:
      case ColumnType::Vector:
      case ColumnType::Timestamp2:
      case ColumnType::DateTime2:
      case ColumnType::Time2:
        t.column_metadata[i] = meta.u8();
        break;
      case ColumnType::Varchar:
      case ColumnType::VarString:
      case ColumnType::Bit:
        t.column_metadata[i] = meta.u16();
        break;
      case ColumnType::NewDecimal:
      case ColumnType::String:
      case ColumnType::Enum:
      case ColumnType::Set:
        t.column_metadata[i] = static_cast<uint16_t>(meta.uintBE(2));
        break;
      default:
        break;
    }
  }
  std::string_view nulls = in.bytes((columns + 7) / 8);
  t.nullable.resize(columns);
  for (size_t i = 0; i < columns; ++i)
    t.nullable[i] = (static_cast<uint8_t>(nulls[i / 8]) >> (i % 8)) & 1;
  parseOptionalMetadata(t, in);
  return t;
}

}  // namespace connectd::mysql::binlog
