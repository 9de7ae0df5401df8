#include "connectors/mysql/values/column_value_converter.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "connectors/mysql/values/temporal.h"
#include "server/api/errors.h"
#include "server/api/struct.h"
#include "server/common/strings.h"

#if CONNECTD_MYSQL_HAVE_JSON_BINARY
#include "connectors/mysql/binlog/json_binary.h"
#endif

namespace connectd::mysql {

using api::Value;
using Kind = ColumnValueConverter::Kind;

namespace {

constexpr std::string_view kEmptyGeometryCollection("\x01\x07\x00\x00\x00\x00\x00\x00\x00", 9);

// BinlogValueConverters.matches: the type name, or the type name followed by "(".
bool matches(std::string_view upper_type, std::string_view name) {
  return upper_type == name ||
         (upper_type.size() > name.size() && upper_type.substr(0, name.size()) == name && upper_type[name.size()] == '(');
}

bool matchesAny(std::string_view upper_type, std::initializer_list<std::string_view> names) {
  for (auto n : names)
    if (matches(upper_type, n)) return true;
  return false;
}

bool isGeometryCollection(std::string_view t) {
  return t == "GEOMETRYCOLLECTION" || t == "GEOMCOLLECTION" ||
         (t.size() >= 15 && t.substr(t.size() - 15) == ".GEOMCOLLECTION");
}

bool isCharacterJdbcType(int jdbc_type) {
  switch (jdbc_type) {
    case jdbc::kChar:
    case jdbc::kVarchar:
    case jdbc::kNChar:
    case jdbc::kNVarchar:
    case -1:    // LONGVARCHAR
    case 2005:  // CLOB
    case -16:   // LONGNVARCHAR
    case 2011:  // NCLOB
    case 70:    // DATALINK
    case 2009:  // SQLXML
      return true;
    default:
      return false;
  }
}

[[noreturn]] void unexpected(const Column& column, std::string_view what) {
  throw api::DataException("Unexpected value for JDBC type " + std::to_string(column.jdbcType) + " and column " +
                           column.name + " (" + column.typeName + "): " + std::string(what));
}

int64_t parseInt64(const Column& column, std::string_view text) {
  int64_t v = 0;
  auto t = common::trim(text);
  if (!t.empty() && t[0] == '+') t.remove_prefix(1);
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || p != t.data() + t.size()) {
    uint64_t u = 0;
    auto [p2, ec2] = std::from_chars(t.data(), t.data() + t.size(), u);
    if (ec2 == std::errc() && p2 == t.data() + t.size()) return static_cast<int64_t>(u);
    unexpected(column, "not an integer: " + std::string(text));
  }
  return v;
}

double parseDouble(const Column& column, std::string_view text) {
  std::string s(common::trim(text));
  char* end = nullptr;
  double d = std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size()) unexpected(column, "not a number: " + s);
  return d;
}

float parseFloat(const Column& column, std::string_view text) {
  std::string s(common::trim(text));
  char* end = nullptr;
  float f = std::strtof(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size()) unexpected(column, "not a number: " + s);
  return f;
}

void appendHex(std::string_view bytes, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.reserve(out.size() + bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
}

// BigDecimal's canonical plain text of a decimal string: no leading zeros, no "-0".
std::string canonicalDecimalText(std::string_view text) {
  std::string_view t = common::trim(text);
  bool negative = false;
  if (!t.empty() && (t[0] == '-' || t[0] == '+')) {
    negative = t[0] == '-';
    t.remove_prefix(1);
  }
  size_t dot = t.find('.');
  std::string_view int_part = t.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view() : t.substr(dot + 1);
  size_t nz = int_part.find_first_not_of('0');
  int_part = nz == std::string_view::npos ? std::string_view("0") : int_part.substr(nz);
  bool zero = int_part == "0" && frac.find_first_not_of('0') == std::string_view::npos;
  std::string out;
  if (negative && !zero) out.push_back('-');
  out.append(int_part);
  if (dot != std::string_view::npos) {
    out.push_back('.');
    out.append(frac);
  }
  return out;
}

}  // namespace

std::vector<std::string> extractEnumAndSetOptions(const std::vector<std::string>& enum_values) {
  std::vector<std::string> out;
  out.reserve(enum_values.size());
  for (const auto& raw : enum_values) {
    std::string v = raw;
    if (v.size() >= 2 && ((v.front() == '\'' && v.back() == '\'') || (v.front() == '"' && v.back() == '"') ||
                          (v.front() == '`' && v.back() == '`')))
      v = v.substr(1, v.size() - 2);
    std::string escaped;
    for (char c : v) {
      if (c == ',') escaped += "\\,";
      else escaped.push_back(c);
    }
    std::string unq;
    for (size_t i = 0; i < escaped.size(); ++i) {
      if (escaped[i] == '\\' && i + 1 < escaped.size() && escaped[i + 1] == '\'') {
        unq.push_back('\'');
        ++i;
      } else {
        unq.push_back(escaped[i]);
      }
    }
    std::string result;
    for (size_t i = 0; i < unq.size(); ++i) {
      result.push_back(unq[i]);
      if (unq[i] == '\'' && i + 1 < unq.size() && unq[i + 1] == '\'') ++i;
    }
    out.push_back(std::move(result));
  }
  return out;
}

std::optional<ColumnValueConverter> ColumnValueConverter::forColumn(const Column& column,
                                                                    const ValueConverterConfig& config) {
  ColumnValueConverter c;
  c.column_ = column;
  c.config_ = config;
  c.optional_ = column.optional;
  c.length_ = column.length.value_or(-1);
  c.scale_ = column.scale.value_or(0);
  const std::string type = common::toUpper(column.typeName);
  const bool connect = config.time_precision == ValueConverterConfig::TimePrecisionMode::Connect;

  auto integer = [&](api::Type t, int unsigned_bytes) {
    c.kind_ = Kind::Integer;
    c.int_type_ = t;
    c.unsigned_bytes_ = unsigned_bytes;
    return std::optional<ColumnValueConverter>(std::move(c));
  };
  auto kind = [&](Kind k) {
    c.kind_ = k;
    return std::optional<ColumnValueConverter>(std::move(c));
  };
  // The schema of a plain JDBC integer type (JdbcValueConverters.schemaBuilder).
  auto jdbcIntegerType = [&]() -> std::optional<api::Type> {
    switch (column.jdbcType) {
      case jdbc::kTinyInt: return api::Type::Int8;
      case jdbc::kSmallInt: return api::Type::Int16;
      case jdbc::kInteger: return api::Type::Int32;
      case jdbc::kBigInt: return api::Type::Int64;
      default: return std::nullopt;
    }
  };

  if (config.mariadb && matches(type, "UUID")) return kind(Kind::Uuid);
  if (matches(type, "JSON")) return kind(Kind::Json);
  if (matches(type, "POINT")) return kind(Kind::Point);
  if (matchesAny(type, {"GEOMETRY", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON"}) ||
      isGeometryCollection(type))
    return kind(Kind::Geometry);
  if (matches(type, "YEAR")) return kind(Kind::Year);
  if (matches(type, "ENUM") || matches(type, "SET")) {
    c.options_ = extractEnumAndSetOptions(column.enumValues);
    return kind(matches(type, "ENUM") ? Kind::Enum : Kind::Set);
  }
  if (matchesAny(type, {"TINYINT UNSIGNED", "TINYINT UNSIGNED ZEROFILL", "INT1 UNSIGNED", "INT1 UNSIGNED ZEROFILL"})) {
    auto t = jdbcIntegerType();
    if (!t) return std::nullopt;
    return integer(*t, 1);
  }
  if (matchesAny(type, {"SMALLINT UNSIGNED", "SMALLINT UNSIGNED ZEROFILL", "INT2 UNSIGNED", "INT2 UNSIGNED ZEROFILL"}))
    return integer(api::Type::Int32, 2);
  if (matchesAny(type, {"MEDIUMINT UNSIGNED", "MEDIUMINT UNSIGNED ZEROFILL", "INT3 UNSIGNED", "INT3 UNSIGNED ZEROFILL",
                        "MIDDLEINT UNSIGNED", "MIDDLEINT UNSIGNED ZEROFILL"})) {
    auto t = jdbcIntegerType();
    if (!t) return std::nullopt;
    return integer(*t, 3);
  }
  if (matchesAny(type, {"INT UNSIGNED", "INT UNSIGNED ZEROFILL", "INTEGER UNSIGNED", "INTEGER UNSIGNED ZEROFILL",
                        "INT4 UNSIGNED", "INT4 UNSIGNED ZEROFILL"}))
    return integer(api::Type::Int64, 4);
  if (matchesAny(type, {"BIGINT UNSIGNED", "BIGINT UNSIGNED ZEROFILL", "INT8 UNSIGNED", "INT8 UNSIGNED ZEROFILL"})) {
    if (config.bigint_unsigned == ValueConverterConfig::BigIntUnsignedMode::Precise)
      return kind(Kind::UnsignedBigDecimal);
    return integer(api::Type::Int64, 0);
  }
  if (matchesAny(type, {"FLOAT", "FLOAT UNSIGNED", "FLOAT UNSIGNED ZEROFILL"}) && !column.scale && c.length_ <= 24) {
    c.text_float_single_ = true;
    return kind(Kind::Float32);
  }
  if (matches(type, "VECTOR")) return kind(Kind::FloatVector);

  if (isCharacterJdbcType(column.jdbcType)) {
    c.charset_ = std::make_shared<CharsetDecoder>(column.charsetName.value_or(""));
    return kind(Kind::String);
  }
  switch (column.jdbcType) {
    case jdbc::kTime:
      c.time_unit_ = connect ? TimeUnit::Millis : TimeUnit::Micros;
      return kind(Kind::Time);
    case jdbc::kTimestamp:
      c.time_unit_ = connect || c.length_ <= 3 ? TimeUnit::Millis : c.length_ <= 6 ? TimeUnit::Micros : TimeUnit::Nanos;
      return kind(Kind::DateTime);
    case jdbc::kBit:
      if (c.length_ > 1) {
        c.num_bytes_ = c.length_ / 8 + (c.length_ % 8 == 0 ? 0 : 1);
        return kind(Kind::Bits);
      }
      return kind(Kind::Bit);
    case jdbc::kBoolean:
      return kind(Kind::Boolean);
    case jdbc::kBlob:
    case jdbc::kBinary:
    case jdbc::kVarbinary:
    case -4:  // LONGVARBINARY
      c.pad_binary_ = column.jdbcType == jdbc::kBinary;
      return kind(Kind::Binary);
    case jdbc::kTinyInt:
    case jdbc::kSmallInt:
    case jdbc::kInteger:
    case jdbc::kBigInt:
      return integer(*jdbcIntegerType(), 0);
    case jdbc::kReal:
      return kind(Kind::Float32);
    case jdbc::kFloat:
      c.text_float_single_ = column.scale.has_value() || c.length_ <= 24;
      return kind(Kind::Float64);
    case jdbc::kDouble:
      return kind(Kind::Float64);
    case jdbc::kNumeric:
    case jdbc::kDecimal:
      return kind(Kind::Decimal);
    case jdbc::kDate:
      return kind(Kind::Date);
    case jdbc::kTimestampWithTimezone:
      return kind(Kind::ZonedTimestamp);
    default:
      return std::nullopt;
  }
}

api::SchemaBuilder ColumnValueConverter::schemaBuilder() const {
  using api::SchemaBuilder;
  const bool connect = connectTime();
  switch (kind_) {
    case Kind::Boolean:
    case Kind::Bit:
      return SchemaBuilder::boolean();
    case Kind::Bits: {
      auto b = SchemaBuilder::bytes();
      b.name("io.debezium.data.Bits").version(1).parameter("length", std::to_string(length_));
      return b;
    }
    case Kind::Integer:
      return SchemaBuilder(int_type_);
    case Kind::UnsignedBigDecimal: {
      auto b = api::logical::decimal(0);
      b.parameter("connect.decimal.precision", "20");
      return b;
    }
    case Kind::Float32:
      return SchemaBuilder::float32();
    case Kind::Float64:
      return SchemaBuilder::float64();
    case Kind::Decimal:
      switch (config_.decimal) {
        case ValueConverterConfig::DecimalMode::Double:
          return SchemaBuilder::float64();
        case ValueConverterConfig::DecimalMode::String:
          return SchemaBuilder::string();
        case ValueConverterConfig::DecimalMode::Precise: {
          auto b = api::logical::decimal(scale_);
          b.parameter("connect.decimal.precision", std::to_string(length_));
          return b;
        }
      }
      break;
    case Kind::String:
      return SchemaBuilder::string();
    case Kind::Binary:
      return config_.binary == ValueConverterConfig::BinaryMode::Bytes ? SchemaBuilder::bytes() : SchemaBuilder::string();
    case Kind::Enum:
    case Kind::Set: {
      auto b = SchemaBuilder::string();
      b.name(kind_ == Kind::Enum ? "io.debezium.data.Enum" : "io.debezium.data.EnumSet")
          .version(1)
          .parameter("allowed", common::join(options_, ","));
      return b;
    }
    case Kind::Year: {
      auto b = SchemaBuilder::int32();
      b.name("io.debezium.time.Year").version(1);
      return b;
    }
    case Kind::Date: {
      if (connect) return api::logical::date();
      auto b = SchemaBuilder::int32();
      b.name("io.debezium.time.Date").version(1);
      return b;
    }
    case Kind::Time: {
      if (connect) return api::logical::time();
      auto b = SchemaBuilder::int64();
      b.name("io.debezium.time.MicroTime").version(1);
      return b;
    }
    case Kind::DateTime: {
      if (connect) return api::logical::timestamp();
      auto b = SchemaBuilder::int64();
      b.name(time_unit_ == TimeUnit::Millis   ? "io.debezium.time.Timestamp"
             : time_unit_ == TimeUnit::Micros ? "io.debezium.time.MicroTimestamp"
                                              : "io.debezium.time.NanoTimestamp")
          .version(1);
      return b;
    }
    case Kind::ZonedTimestamp: {
      auto b = SchemaBuilder::string();
      b.name("io.debezium.time.ZonedTimestamp").version(1);
      return b;
    }
    case Kind::Json: {
      auto b = SchemaBuilder::string();
      b.name("io.debezium.data.Json").version(1);
      return b;
    }
    case Kind::Uuid: {
      auto b = SchemaBuilder::string();
      b.name("io.debezium.data.Uuid").version(1);
      return b;
    }
    case Kind::Geometry: {
      auto b = SchemaBuilder::structBuilder();
      b.name("io.debezium.data.geometry.Geometry")
          .version(1)
          .doc("Geometry")
          .optional()
          .field("wkb", api::schemas::bytes())
          .field("srid", api::schemas::optionalInt32());
      return b;
    }
    case Kind::Point: {
      auto b = SchemaBuilder::structBuilder();
      b.name("io.debezium.data.geometry.Point")
          .version(1)
          .doc("Geometry (POINT)")
          .field("x", api::schemas::float64())
          .field("y", api::schemas::float64())
          .field("wkb", api::schemas::optionalBytes())
          .field("srid", api::schemas::optionalInt32());
      return b;
    }
    case Kind::FloatVector: {
      auto b = SchemaBuilder::array(api::schemas::float32());
      b.name("io.debezium.data.FloatVector").version(1);
      return b;
    }
  }
  return SchemaBuilder::string();
}

void ColumnValueConverter::bind(const api::SchemaPtr& field_schema) {
  schema_ = field_schema;
  fallback_ = field_schema && field_schema->hasDefault() ? field_schema->defaultValue() : typeFallback();
}

Value ColumnValueConverter::typeFallback() const {
  switch (kind_) {
    case Kind::Boolean:
    case Kind::Bit:
      return Value(false);
    case Kind::Bits:
      return Value(api::Bytes{});
    case Kind::Integer:
      return integerValue(0);
    case Kind::UnsignedBigDecimal:
      return Value(api::DecimalValue::fromInt64(0, 0));
    case Kind::Float32:
      return Value(0.0f);
    case Kind::Float64:
      return Value(0.0);
    case Kind::Decimal: {
      std::string zero = "0";
      if (scale_ > 0) zero += "." + std::string(static_cast<size_t>(scale_), '0');
      return decimalValue(zero);
    }
    case Kind::String:
    case Kind::Enum:
    case Kind::Set:
    case Kind::Uuid:
      return Value(std::string());
    case Kind::Binary:
      return config_.binary == ValueConverterConfig::BinaryMode::Bytes ? Value(api::Bytes{}) : Value(std::string());
    case Kind::Year:
    case Kind::Date:
      return Value(int32_t{0});
    case Kind::Time:
      return connectTime() ? Value(int32_t{0}) : Value(int64_t{0});
    case Kind::DateTime:
      return Value(int64_t{0});
    case Kind::ZonedTimestamp:
      return Value(std::string("1970-01-01T00:00:00Z"));
    case Kind::Json:
      return Value(std::string("{}"));
    case Kind::Geometry:
    case Kind::Point: {
      if (!schema_) return Value();
      auto s = std::make_shared<api::Struct>(schema_);
      const api::Field* wkb = schema_->field("wkb");
      if (wkb) s->putUnchecked(wkb->index, Value(api::Bytes{std::string(kEmptyGeometryCollection)}));
      return Value(std::move(s));
    }
    case Kind::FloatVector:
      return Value(api::Array{});
  }
  return Value();
}

Value ColumnValueConverter::nullValue() const { return optional_ ? Value() : fallback_; }

Value ColumnValueConverter::integerValue(int64_t v) const {
  switch (unsigned_bytes_) {
    case 1: v = static_cast<uint8_t>(v); break;
    case 2: v = static_cast<uint16_t>(v); break;
    case 3: v = v & 0xFFFFFF; break;
    case 4: v = static_cast<uint32_t>(v); break;
    default: break;
  }
  switch (int_type_) {
    case api::Type::Int8: return Value(static_cast<int8_t>(v));
    case api::Type::Int16: return Value(static_cast<int16_t>(v));
    case api::Type::Int32: return Value(static_cast<int32_t>(v));
    default: return Value(v);
  }
}

Value ColumnValueConverter::decimalValue(std::string_view plain_text) const {
  switch (config_.decimal) {
    case ValueConverterConfig::DecimalMode::Double:
      return Value(parseDouble(column_, plain_text));
    case ValueConverterConfig::DecimalMode::String:
      return Value(canonicalDecimalText(plain_text));
    case ValueConverterConfig::DecimalMode::Precise:
      break;
  }
  return Value(api::DecimalValue::fromString(plain_text));
}

Value ColumnValueConverter::binaryValue(std::string_view bytes, bool normalize) const {
  std::string data(bytes);
  if (normalize && pad_binary_ && length_ > 0 && data.size() < static_cast<size_t>(length_))
    data.resize(static_cast<size_t>(length_), '\0');
  switch (config_.binary) {
    case ValueConverterConfig::BinaryMode::Bytes:
      return Value(api::Bytes{std::move(data)});
    case ValueConverterConfig::BinaryMode::Base64:
      return Value(common::base64Encode(data));
    case ValueConverterConfig::BinaryMode::Base64UrlSafe: {
      std::string s = common::base64Encode(data);
      for (auto& ch : s) {
        if (ch == '+') ch = '-';
        else if (ch == '/') ch = '_';
      }
      return Value(std::move(s));
    }
    case ValueConverterConfig::BinaryMode::Hex: {
      std::string s;
      appendHex(data, s);
      return Value(std::move(s));
    }
  }
  return Value();
}

Value ColumnValueConverter::bitsValue(std::string_view big_endian) const {
  std::string le(big_endian.rbegin(), big_endian.rend());
  if (le.size() < static_cast<size_t>(num_bytes_)) le.resize(static_cast<size_t>(num_bytes_), '\0');
  return Value(api::Bytes{std::move(le)});
}

Value ColumnValueConverter::dateValue(int64_t year, unsigned month, unsigned day) const {
  if (config_.enable_time_adjuster) year = temporal::adjustYear(year);
  // Day overflow rolls into the next month, as the lenient JDBC date a driver builds would.
  int64_t days = temporal::daysFromCivil(year, month, 1) + static_cast<int64_t>(day) - 1;
  return Value(static_cast<int32_t>(days));
}

Value ColumnValueConverter::timeValue(int64_t micros) const {
  if (!connectTime()) return Value(micros);
  // org.apache.kafka.connect.data.Time only takes 00:00:00-24:00:00 (Time.toMilliOfDay).
  if (micros < 0 || micros > int64_t{86400} * 1000000) unexpected(column_, "TIME value out of range for connect mode");
  return Value(static_cast<int32_t>(micros / 1000));
}

Value ColumnValueConverter::dateTimeValue(int64_t year, unsigned month, unsigned day, unsigned hour, unsigned minute,
                                          unsigned second, uint32_t nano) const {
  if (config_.enable_time_adjuster) year = temporal::adjustYear(year);
  int64_t days = temporal::daysFromCivil(year, month, 1) + static_cast<int64_t>(day) - 1;
  int64_t secs = days * 86400 + int64_t{hour} * 3600 + int64_t{minute} * 60 + second;
  switch (time_unit_) {
    case TimeUnit::Millis: return Value(secs * 1000 + nano / 1000000);
    case TimeUnit::Micros: return Value(secs * 1000000 + nano / 1000);
    case TimeUnit::Nanos: return Value(secs * 1000000000 + nano);
  }
  return Value();
}

Value ColumnValueConverter::geometryValue(std::string_view b) const {
  if (b.size() < 4) unexpected(column_, "geometry value shorter than its SRID");
  uint32_t raw = static_cast<uint32_t>(static_cast<uint8_t>(b[0])) | static_cast<uint32_t>(static_cast<uint8_t>(b[1])) << 8 |
                 static_cast<uint32_t>(static_cast<uint8_t>(b[2])) << 16 |
                 static_cast<uint32_t>(static_cast<uint8_t>(b[3])) << 24;
  int32_t srid = static_cast<int32_t>(raw);
  std::string_view wkb = b.substr(4);
  auto s = std::make_shared<api::Struct>(schema_);
  if (kind_ == Kind::Point) {
    if (wkb.size() != 21) throw api::ConnectException("Failed to parse and read a value of type POINT on " + column_.name);
    bool little = wkb[0] != 0;
    auto readU32 = [&](size_t off) {
      uint32_t v = 0;
      for (int i = 0; i < 4; ++i) {
        uint32_t byte = static_cast<uint8_t>(wkb[off + (little ? i : 3 - i)]);
        v |= byte << (8 * i);
      }
      return v;
    };
    auto readF64 = [&](size_t off) {
      uint64_t v = 0;
      for (int i = 0; i < 8; ++i) {
        uint64_t byte = static_cast<uint8_t>(wkb[off + (little ? i : 7 - i)]);
        v |= byte << (8 * i);
      }
      double d;
      std::memcpy(&d, &v, sizeof d);
      return d;
    };
    if (readU32(1) != 1) throw api::ConnectException("Failed to parse and read a value of type POINT on " + column_.name);
    s->putUnchecked(0, Value(readF64(5)));
    s->putUnchecked(1, Value(readF64(13)));
    s->putUnchecked(2, Value(api::Bytes{std::string(wkb)}));
    if (srid != 0) s->putUnchecked(3, Value(srid));
  } else {
    s->putUnchecked(0, Value(api::Bytes{std::string(wkb)}));
    if (srid != 0) s->putUnchecked(1, Value(srid));
  }
  return Value(std::move(s));
}

Value ColumnValueConverter::enumValue(int64_t index) const {
  if (index == 0) return Value(std::string());
  if (index < 0 || static_cast<size_t>(index) > options_.size()) unexpected(column_, "ENUM index out of range");
  return Value(options_[static_cast<size_t>(index - 1)]);
}

Value ColumnValueConverter::setValue(uint64_t bits) const {
  // BinlogValueConverters.convertSetValue: unknown bits still get their separating comma.
  std::string out;
  bool first = true;
  for (size_t index = 0; bits != 0; ++index, bits >>= 1) {
    if (!(bits & 1)) continue;
    if (!first) out.push_back(',');
    first = false;
    if (index < options_.size()) out += options_[index];
  }
  return Value(std::move(out));
}

Value ColumnValueConverter::floatVectorValue(std::string_view bytes) const {
  if (bytes.size() % 4 != 0) unexpected(column_, "VECTOR value is not a whole number of floats");
  api::Array arr;
  arr.reserve(bytes.size() / 4);
  for (size_t i = 0; i < bytes.size(); i += 4) {
    uint32_t v = 0;
    for (int k = 0; k < 4; ++k) v |= static_cast<uint32_t>(static_cast<uint8_t>(bytes[i + k])) << (8 * k);
    float f;
    std::memcpy(&f, &v, sizeof f);
    arr.emplace_back(f);
  }
  return Value(std::move(arr));
}

Value ColumnValueConverter::uuidValue(std::string_view bytes) const {
  // new BigInteger(1, bytes) -> UUID(high 64 bits, low 64 bits).toString().
  unsigned char u[16] = {};
  size_t n = std::min<size_t>(bytes.size(), 16);
  std::memcpy(u + (16 - n), bytes.data() + (bytes.size() - n), n);
  std::string hex;
  appendHex(std::string_view(reinterpret_cast<const char*>(u), 16), hex);
  std::string out;
  out.reserve(36);
  out.append(hex, 0, 8).append("-").append(hex, 8, 4).append("-").append(hex, 12, 4).append("-");
  out.append(hex, 16, 4).append("-").append(hex, 20, 12);
  return Value(std::move(out));
}

Value ColumnValueConverter::jsonFromBytes(std::string_view bytes) const {
  if (bytes.empty()) return optional_ ? Value() : Value(std::string("{}"));
#if CONNECTD_MYSQL_HAVE_JSON_BINARY
  std::string out;
  try {
    binlog::appendJsonText(bytes, out);
  } catch (const std::exception& e) {
    throw api::DataException("Failed to parse and read a JSON value on '" + column_.name + "': " + e.what());
  }
  return Value(std::move(out));
#else
  if (static_cast<uint8_t>(bytes[0]) > 0x0f) {
    std::string out;
    appendUtf8Lossy(bytes, out);
    return Value(std::move(out));
  }
  throw api::DataException("Binary JSON decoding is not built into this binary (column " + column_.name + ")");
#endif
}

Value ColumnValueConverter::fromCell(const binlog::Cell& cell) const {
  using CK = binlog::Cell::Kind;
  if (cell.kind == CK::Null) return nullValue();
  switch (kind_) {
    case Kind::Boolean:
    case Kind::Bit:
      if (cell.kind == CK::Int) return Value(static_cast<int32_t>(cell.i) != 0);
      if (cell.kind == CK::Bit) return Value(!cell.bytes.empty() && (static_cast<uint8_t>(cell.bytes.back()) & 1) != 0);
      break;
    case Kind::Bits:
      if (cell.kind == CK::Bit || cell.kind == CK::Blob || cell.kind == CK::String) return bitsValue(cell.bytes);
      break;
    case Kind::Integer:
      if (cell.kind == CK::Int || cell.kind == CK::Year || cell.kind == CK::Enum) return integerValue(cell.i);
      break;
    case Kind::UnsignedBigDecimal:
      if (cell.kind == CK::Int) return Value(api::DecimalValue::fromString(std::to_string(static_cast<uint64_t>(cell.i))));
      if (cell.kind == CK::Decimal) return Value(api::DecimalValue::fromString(cell.text));
      break;
    case Kind::Float32:
      if (cell.kind == CK::Float) return Value(cell.f);
      if (cell.kind == CK::Double) return Value(static_cast<float>(cell.d));
      if (cell.kind == CK::Int) return Value(static_cast<float>(cell.i));
      break;
    case Kind::Float64:
      if (cell.kind == CK::Double) return Value(cell.d);
      if (cell.kind == CK::Float) return Value(static_cast<double>(cell.f));
      if (cell.kind == CK::Int) return Value(static_cast<double>(cell.i));
      break;
    case Kind::Decimal:
      if (cell.kind == CK::Decimal) return decimalValue(cell.text);
      if (cell.kind == CK::Int) return decimalValue(std::to_string(cell.i));
      break;
    case Kind::String:
      if (cell.kind == CK::String || cell.kind == CK::Blob) {
        std::string out;
        charset_->decode(cell.bytes, out);
        return Value(std::move(out));
      }
      break;
    case Kind::Binary:
      if (cell.kind == CK::String || cell.kind == CK::Blob) return binaryValue(cell.bytes, true);
      break;
    case Kind::Enum:
      if (cell.kind == CK::Enum || cell.kind == CK::Int) return enumValue(cell.i);
      if (cell.kind == CK::String) return Value(std::string(cell.bytes));
      break;
    case Kind::Set:
      if (cell.kind == CK::Set) return setValue(cell.u);
      if (cell.kind == CK::Int) return setValue(static_cast<uint64_t>(cell.i));
      if (cell.kind == CK::String) return Value(std::string(cell.bytes));
      break;
    case Kind::Year:
      if (cell.kind == CK::Year || cell.kind == CK::Int) {
        // The binlog client reads YEAR as 1900 + the stored byte, so 0000 arrives as 1900.
        int64_t y = cell.kind == CK::Year && cell.i == 0 ? 1900 : cell.i;
        return Value(static_cast<int32_t>(temporal::adjustYear(y)));
      }
      break;
    case Kind::Date:
      if (cell.kind == CK::Date) {
        const auto& t = cell.temporal;
        if (t.year == 0 || t.month == 0 || t.day == 0) return nullValue();
        if (!temporal::isValidDate(t.year, t.month, t.day))
          throw api::DataException("Error while deserializing binlog data of date: invalid date in column " + column_.name);
        return dateValue(t.year, t.month, t.day);
      }
      break;
    case Kind::Time:
      if (cell.kind == CK::Time) {
        const auto& t = cell.temporal;
        int64_t micros = (int64_t{t.hour} * 3600 + int64_t{t.minute} * 60 + t.second) * 1000000 + t.micros;
        return timeValue(t.negative ? -micros : micros);
      }
      break;
    case Kind::DateTime:
      if (cell.kind == CK::DateTime) {
        const auto& t = cell.temporal;
        if (t.year == 0 || t.month == 0 || t.day == 0) return nullValue();
        if (!temporal::isValidDate(t.year, t.month, t.day) || t.hour > 23 || t.minute > 59 || t.second > 59)
          throw api::DataException("Error while deserializing binlog data of datetime: invalid value in column " +
                                   column_.name);
        return dateTimeValue(t.year, t.month, t.day, t.hour, t.minute, t.second, t.micros * 1000);
      }
      break;
    case Kind::ZonedTimestamp:
      if (cell.kind == CK::Timestamp) {
        if (cell.i == 0 && cell.temporal.micros == 0) return nullValue();
        std::string out;
        temporal::appendZonedTimestamp(cell.i, cell.temporal.micros * 1000, length_, out);
        return Value(std::move(out));
      }
      break;
    case Kind::Json:
      if (cell.kind == CK::Json || cell.kind == CK::String || cell.kind == CK::Blob) return jsonFromBytes(cell.bytes);
      break;
    case Kind::Geometry:
    case Kind::Point:
      if (cell.kind == CK::Geometry || cell.kind == CK::Blob || cell.kind == CK::String) return geometryValue(cell.bytes);
      break;
    case Kind::Uuid:
      if (cell.kind == CK::String || cell.kind == CK::Blob) return uuidValue(cell.bytes);
      break;
    case Kind::FloatVector:
      if (cell.kind == CK::Blob || cell.kind == CK::String) return floatVectorValue(cell.bytes);
      break;
  }
  unexpected(column_, "binlog cell kind " + std::to_string(static_cast<int>(cell.kind)));
}

Value ColumnValueConverter::fromText(const char* data, size_t length) const {
  if (data == nullptr) return nullValue();
  std::string_view text(data, length);
  switch (kind_) {
    case Kind::Boolean: {
      auto t = common::trim(text);
      if (common::iequals(t, "true")) return Value(true);
      if (common::iequals(t, "false")) return Value(false);
      return Value(static_cast<int32_t>(parseInt64(column_, t)) != 0);
    }
    case Kind::Bit:
      return Value(!text.empty() && (static_cast<uint8_t>(text.back()) & 1) != 0);
    case Kind::Bits:
      return bitsValue(text);
    case Kind::Integer:
      return integerValue(parseInt64(column_, text));
    case Kind::UnsignedBigDecimal:
      return Value(api::DecimalValue::fromString(common::trim(text)));
    case Kind::Float32:
      return Value(text_float_single_ ? parseFloat(column_, text) : static_cast<float>(parseDouble(column_, text)));
    case Kind::Float64:
      return Value(text_float_single_ ? static_cast<double>(parseFloat(column_, text)) : parseDouble(column_, text));
    case Kind::Decimal:
      return decimalValue(text);
    case Kind::String:
    case Kind::Enum:
    case Kind::Set:
    case Kind::Json: {
      std::string out;
      appendUtf8Lossy(text, out);
      return Value(std::move(out));
    }
    case Kind::Uuid:
      return Value(common::toLower(text));
    case Kind::Binary:
      return binaryValue(text, true);
    case Kind::Year: {
      int64_t y = parseInt64(column_, text);
      // A 2-digit YEAR (and 0000) becomes a 20xx/19xx java.sql.Date in the JDBC driver.
      return Value(static_cast<int32_t>(y < 100 ? temporal::adjustYear(y) : y));
    }
    case Kind::Date: {
      auto dt = temporal::parseDateTime(text);
      if (!dt) unexpected(column_, "unexpected format for DATE column: " + std::string(text));
      if (dt->month == 0 || dt->day == 0) return nullValue();
      return dateValue(dt->year, dt->month, dt->day);
    }
    case Kind::Time: {
      auto micros = temporal::parseDurationMicros(text);
      if (!micros) unexpected(column_, "unexpected format for TIME column: " + std::string(text));
      return timeValue(*micros);
    }
    case Kind::DateTime: {
      auto dt = temporal::parseDateTime(text);
      if (!dt) unexpected(column_, "unexpected format for DATETIME column: " + std::string(text));
      if (dt->month == 0 || dt->day == 0) return nullValue();
      return dateTimeValue(dt->year, dt->month, dt->day, dt->hour, dt->minute, dt->second, dt->nano);
    }
    case Kind::ZonedTimestamp: {
      auto dt = temporal::parseDateTime(text);
      if (!dt) unexpected(column_, "unexpected format for TIMESTAMP column: " + std::string(text));
      // zeroDateTimeBehavior=CONVERT_TO_NULL
      if (dt->year == 0 && dt->month == 0 && dt->day == 0) return nullValue();
      int64_t days = temporal::daysFromCivil(dt->year, dt->month, 1) + static_cast<int64_t>(dt->day) - 1;
      int64_t secs = days * 86400 + int64_t{dt->hour} * 3600 + int64_t{dt->minute} * 60 + dt->second;
      std::string out;
      // A java.sql.Timestamp goes through ISO_OFFSET_DATE_TIME: minimal fraction digits.
      temporal::appendZonedTimestamp(secs, dt->nano, -1, out);
      return Value(std::move(out));
    }
    case Kind::Geometry:
    case Kind::Point:
      return geometryValue(text);
    case Kind::FloatVector:
      return floatVectorValue(text);
  }
  unexpected(column_, "text value");
}

}  // namespace connectd::mysql
