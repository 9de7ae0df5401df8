#include "connectors/mysql/values/default_value_converter.h"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

#include "connectors/mysql/values/temporal.h"
#include "server/api/errors.h"
#include "server/common/strings.h"

namespace connectd::mysql {

using api::Value;
using Kind = ColumnValueConverter::Kind;

namespace {

constexpr std::string_view kEpochTimestamp = "1970-01-01 00:00:00";

bool isDigits(std::string_view s, size_t n) {
  if (s.size() != n) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// EPOCH_EQUIVALENT_DATE: \d{4}-\d{2}-00 | \d{4}-00-\d{2} | 0000-\d{2}-\d{2}
bool isEpochEquivalentDate(std::string_view v) {
  if (v.size() != 10 || v[4] != '-' || v[7] != '-') return false;
  std::string_view y = v.substr(0, 4), m = v.substr(5, 2), d = v.substr(8, 2);
  if (!isDigits(y, 4) || !isDigits(m, 2) || !isDigits(d, 2)) return false;
  return d == "00" || m == "00" || y == "0000";
}

// EPOCH_EQUIVALENT_TIMESTAMP: <zero-ish date> 00:00:00(\.\d{1,6})?
bool isEpochEquivalentTimestamp(std::string_view v) {
  if (v.size() < 19 || !isEpochEquivalentDate(v.substr(0, 10)) || v[10] != ' ' || v.substr(11, 8) != "00:00:00")
    return false;
  std::string_view rest = v.substr(19);
  if (rest.empty()) return true;
  if (rest[0] != '.' || rest.size() < 2 || rest.size() > 7) return false;
  return isDigits(rest.substr(1), rest.size() - 1);
}

bool isNumberJdbcType(int t) {
  switch (t) {
    case jdbc::kBit:
    case jdbc::kTinyInt:
    case jdbc::kSmallInt:
    case jdbc::kInteger:
    case jdbc::kBigInt:
    case jdbc::kFloat:
    case jdbc::kReal:
    case jdbc::kDouble:
    case jdbc::kNumeric:
    case jdbc::kDecimal:
      return true;
    default:
      return false;
  }
}

bool isTrimmedJdbcType(int t) {
  return isNumberJdbcType(t) || t == jdbc::kDate || t == jdbc::kTimestamp || t == jdbc::kTimestampWithTimezone ||
         t == jdbc::kTime || t == jdbc::kBoolean;
}

bool isNowFunction(std::string_view v) {
  std::string u = common::toUpper(common::trim(v));
  for (std::string_view name : {"CURRENT_TIMESTAMP", "NOW", "LOCALTIME", "LOCALTIMESTAMP"}) {
    if (u.rfind(name, 0) != 0) continue;
    std::string_view rest = std::string_view(u).substr(name.size());
    if (rest.empty()) return name != "NOW";
    if (rest.front() == '(' && rest.back() == ')') return true;
  }
  return false;
}

// ^_[A-Za-z0-9]+'(.*)'$
std::string stripCharacterSetIntroducer(const std::string& v) {
  if (v.size() < 4 || v[0] != '_' || v.back() != '\'') return v;
  size_t i = 1;
  while (i < v.size() && std::isalnum(static_cast<unsigned char>(v[i]))) ++i;
  if (i == 1 || i >= v.size() - 1 || v[i] != '\'') return v;
  std::string inner = v.substr(i + 1, v.size() - i - 2);
  if (inner.find_first_of("\n\r") != std::string::npos) return v;
  return inner;
}

// Java Double.parseDouble: surrounding whitespace allowed, optional f/F/d/D suffix.
std::optional<double> javaParseDouble(std::string_view text) {
  std::string s(common::trim(text));
  if (!s.empty() && std::string_view("fFdD").find(s.back()) != std::string_view::npos) s.pop_back();
  if (s.empty()) return std::nullopt;
  if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
  if (s == "Infinity" || s == "+Infinity") return std::numeric_limits<double>::infinity();
  if (s == "-Infinity") return -std::numeric_limits<double>::infinity();
  for (char c : s)
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E'))
      return std::nullopt;
  char* end = nullptr;
  double d = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size()) return std::nullopt;
  return d;
}

// Math.round(double): floor(x + 0.5), NaN -> 0, saturating.
int64_t javaRound(double d) {
  if (std::isnan(d)) return 0;
  double r = std::floor(d + 0.5);
  if (r >= 9.223372036854775807e18) return std::numeric_limits<int64_t>::max();
  if (r <= -9.223372036854775808e18) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(r);
}

std::optional<int32_t> javaParseInt(std::string_view s) {
  if (s.empty()) return std::nullopt;
  size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  if (i == s.size()) return std::nullopt;
  int64_t v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
    if (v > int64_t{1} << 32) return std::nullopt;
  }
  if (s[0] == '-') v = -v;
  if (v < std::numeric_limits<int32_t>::min() || v > std::numeric_limits<int32_t>::max()) return std::nullopt;
  return static_cast<int32_t>(v);
}

// ISO_LOCAL_DATE [" " ISO_LOCAL_TIME]: yyyy-MM-dd with 2-digit month/day, HH:mm[:ss[.f{1,9}]].
std::optional<temporal::LocalDateTime> parseIsoLocal(std::string_view v, bool allow_zero_year) {
  auto digits = [](std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
      if (c < '0' || c > '9') return false;
    return true;
  };
  size_t sp = v.find(' ');
  std::string_view date = v.substr(0, sp);
  if (date.size() < 10 || date[date.size() - 3] != '-' || date[date.size() - 6] != '-') return std::nullopt;
  std::string_view ys = date.substr(0, date.size() - 6), ms = date.substr(date.size() - 5, 2),
                   ds = date.substr(date.size() - 2);
  if (ys.size() < 4 || !digits(ys) || !digits(ms) || !digits(ds)) return std::nullopt;
  temporal::LocalDateTime r;
  r.year = std::stoll(std::string(ys));
  r.month = static_cast<unsigned>(std::stoi(std::string(ms)));
  r.day = static_cast<unsigned>(std::stoi(std::string(ds)));
  if (!allow_zero_year && r.year == 0) return std::nullopt;
  if (!temporal::isValidDate(r.year, r.month, r.day)) return std::nullopt;
  if (sp == std::string_view::npos) return r;
  std::string_view t = v.substr(sp + 1);
  if (t.size() < 5 || t[2] != ':' || !digits(t.substr(0, 2)) || !digits(t.substr(3, 2))) return std::nullopt;
  r.hour = static_cast<unsigned>(std::stoi(std::string(t.substr(0, 2))));
  r.minute = static_cast<unsigned>(std::stoi(std::string(t.substr(3, 2))));
  t.remove_prefix(5);
  if (!t.empty()) {
    if (t.size() < 3 || t[0] != ':' || !digits(t.substr(1, 2))) return std::nullopt;
    r.second = static_cast<unsigned>(std::stoi(std::string(t.substr(1, 2))));
    t.remove_prefix(3);
    if (!t.empty()) {
      if (t[0] != '.' || t.size() < 2 || t.size() > 10 || !digits(t.substr(1))) return std::nullopt;
      std::string f(t.substr(1));
      f.resize(9, '0');
      r.nano = static_cast<uint32_t>(std::stoul(f));
    }
  }
  if (r.hour > 23 || r.minute > 59 || r.second > 59) return std::nullopt;
  return r;
}

// BinlogDefaultValueConverter.cleanTimestamp followed by Timestamp.valueOf: lenient separators.
std::optional<temporal::LocalDateTime> parseCleanTimestamp(std::string_view v) {
  std::string s(common::trim(v));
  // Runs of non-digits become the separators - - ' ' : : in turn; the fraction keeps its '.'.
  std::vector<std::string> nums;
  std::string cur, frac;
  size_t i = 0;
  // Digit groups year, month, day, hour, minute, second; a '.' right after the seconds starts
  // the fraction.
  while (i < s.size()) {
    if (std::isdigit(static_cast<unsigned char>(s[i]))) {
      cur.push_back(s[i++]);
      continue;
    }
    if (!cur.empty()) {
      nums.push_back(cur);
      cur.clear();
      if (nums.size() == 6) break;
    }
    ++i;
  }
  if (!cur.empty() && nums.size() < 6) nums.push_back(cur);
  if (nums.size() == 6 && i < s.size() && s[i] == '.') {
    size_t j = i + 1;
    while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) frac.push_back(s[j++]);
  }
  if (nums.size() < 3) return std::nullopt;
  temporal::LocalDateTime r;
  try {
    r.year = std::stoll(nums[0]);
    r.month = static_cast<unsigned>(std::stoul(nums[1]));
    r.day = static_cast<unsigned>(std::stoul(nums[2]));
    if (r.month < 1 || r.month > 12 || r.day < 1 || r.day > 31) return std::nullopt;
    if (nums.size() > 3) r.hour = static_cast<unsigned>(std::stoul(nums[3]));
    if (nums.size() > 4) r.minute = static_cast<unsigned>(std::stoul(nums[4]));
    if (nums.size() > 5) r.second = static_cast<unsigned>(std::stoul(nums[5]));
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (!frac.empty()) {
    for (char c : frac)
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    if (frac.size() > 9) return std::nullopt;
    frac.resize(9, '0');
    r.nano = static_cast<uint32_t>(std::stoul(frac));
  }
  // Timestamp.valueOf is lenient about day overflow; normalise through the epoch day.
  auto civil = temporal::civilFromDays(temporal::daysFromCivil(r.year, r.month, 1) + r.day - 1);
  r.year = civil.year;
  r.month = civil.month;
  r.day = civil.day;
  return r;
}

}  // namespace

std::optional<std::string> rescaleDecimalHalfUp(std::string_view text, int scale) {
  std::string_view t = text;
  bool negative = false;
  if (!t.empty() && (t[0] == '-' || t[0] == '+')) {
    negative = t[0] == '-';
    t.remove_prefix(1);
  }
  int64_t exponent = 0;
  size_t e = t.find_first_of("eE");
  if (e != std::string_view::npos) {
    std::string_view es = t.substr(e + 1);
    if (!es.empty() && es[0] == '+') es.remove_prefix(1);
    auto parsed = javaParseInt(es);
    if (!parsed) return std::nullopt;
    exponent = *parsed;
    t = t.substr(0, e);
  }
  std::string digits;
  int64_t frac_digits = 0;
  bool dot = false;
  for (char c : t) {
    if (c == '.' && !dot) {
      dot = true;
    } else if (c >= '0' && c <= '9') {
      digits.push_back(c);
      if (dot) ++frac_digits;
    } else {
      return std::nullopt;
    }
  }
  if (digits.empty()) return std::nullopt;
  int64_t cur_scale = frac_digits - exponent;
  if (cur_scale < scale) {
    digits.append(static_cast<size_t>(scale - cur_scale), '0');
  } else if (cur_scale > scale) {
    size_t drop = static_cast<size_t>(cur_scale - scale);
    bool round_up = false;
    if (drop > digits.size()) {
      digits = "0";
    } else {
      round_up = digits[digits.size() - drop] >= '5';
      digits.resize(digits.size() - drop);
      if (digits.empty()) digits = "0";
    }
    if (round_up) {
      int i = static_cast<int>(digits.size()) - 1;
      while (i >= 0 && digits[static_cast<size_t>(i)] == '9') digits[static_cast<size_t>(i--)] = '0';
      if (i < 0) digits.insert(digits.begin(), '1');
      else ++digits[static_cast<size_t>(i)];
    }
  }
  size_t nz = digits.find_first_not_of('0');
  bool zero = nz == std::string::npos;
  std::string int_part, frac_part;
  if (scale > 0) {
    if (digits.size() <= static_cast<size_t>(scale)) digits.insert(0, static_cast<size_t>(scale) + 1 - digits.size(), '0');
    int_part = digits.substr(0, digits.size() - static_cast<size_t>(scale));
    frac_part = digits.substr(digits.size() - static_cast<size_t>(scale));
  } else {
    int_part = digits;
  }
  size_t inz = int_part.find_first_not_of('0');
  int_part = inz == std::string::npos ? "0" : int_part.substr(inz);
  std::string out;
  if (negative && !zero) out.push_back('-');
  out += int_part;
  if (scale > 0) out += "." + frac_part;
  return out;
}

std::optional<Value> BinlogDefaultValueConverter::parseDefaultValue(const Column& column,
                                                                    const ColumnValueConverter& conv) {
  if (!column.defaultValueExpression) return std::nullopt;
  std::string value = *column.defaultValueExpression;
  if (isNowFunction(value)) value = std::string(kEpochTimestamp);
  const int jdbc_type = column.jdbcType;
  if (isTrimmedJdbcType(jdbc_type)) value = std::string(common::trim(value));
  value = stripCharacterSetIntroducer(value);
  const Kind kind = conv.kind();

  // The "logical" default of BinlogDefaultValueConverter.convert, then the column converter.
  if (isNumberJdbcType(jdbc_type) && (common::iequals(value, "true") || common::iequals(value, "false"))) {
    const bool truth = common::iequals(value, "true");
    if (jdbc_type == jdbc::kDecimal || jdbc_type == jdbc::kNumeric) {
      if (kind != Kind::Decimal) return std::nullopt;
      auto text = column.scale ? rescaleDecimalHalfUp(truth ? "1" : "0", *column.scale) : std::string(truth ? "1" : "0");
      return conv.decimalValue(*text);
    }
    const int64_t n = truth ? 1 : 0;
    switch (kind) {
      case Kind::Integer: return conv.integerValue(n);
      case Kind::UnsignedBigDecimal: return Value(api::DecimalValue::fromInt64(n, 0));
      case Kind::Bit:
      case Kind::Boolean: return Value(n != 0);
      case Kind::Year: return Value(static_cast<int32_t>(temporal::adjustYear(n)));
      case Kind::Float32: return Value(static_cast<float>(n));
      case Kind::Float64: return Value(static_cast<double>(n));
      default: return std::nullopt;
    }
  }

  switch (jdbc_type) {
    case jdbc::kDate: {
      if (kind != Kind::Date) return std::nullopt;
      bool zero = isEpochEquivalentDate(value) || isEpochEquivalentTimestamp(value) || value == "0";
      if (zero && column.optional) return std::nullopt;
      if (zero) value = "1970-01-01";
      auto parsed = parseIsoLocal(value, true);
      if (!parsed) {
        if (column.optional) return std::nullopt;
        parsed = temporal::LocalDateTime{};
      }
      return conv.dateValue(parsed->year, parsed->month, parsed->day);
    }
    case jdbc::kTimestamp: {
      if (kind != Kind::DateTime) return std::nullopt;
      if (isEpochEquivalentTimestamp(value) || value == "0") {
        if (column.optional) return std::nullopt;
        value = std::string(kEpochTimestamp);
      }
      // timestampFormat: "yyyy-MM-dd" is year-of-era, so year 0000 does not parse.
      auto parsed = parseIsoLocal(value, false);
      if (!parsed) {
        if (column.optional) return std::nullopt;
        parsed = temporal::LocalDateTime{};
      }
      return conv.dateTimeValue(parsed->year, parsed->month, parsed->day, parsed->hour, parsed->minute, parsed->second,
                                parsed->nano);
    }
    case jdbc::kTimestampWithTimezone: {
      if (kind != Kind::ZonedTimestamp) return std::nullopt;
      if (isEpochEquivalentTimestamp(value) || value == "0" || value == kEpochTimestamp) {
        if (column.optional) return std::nullopt;
        // Timestamp.from(Instant.EPOCH): a java.sql.Timestamp, rendered by ISO_OFFSET_DATE_TIME.
        return Value(std::string("1970-01-01T00:00:00Z"));
      }
      auto parsed = parseCleanTimestamp(value);
      if (!parsed) return std::nullopt;
      std::string out;
      temporal::appendZonedTimestamp(parsed->epochSecond(), parsed->nano, conv.length(), out);
      return Value(std::move(out));
    }
    case jdbc::kTime: {
      if (kind != Kind::Time) return std::nullopt;
      std::string_view v = value;
      // TIMESTAMP_PATTERN "date time": keep the time part.
      size_t sp = v.find(' ');
      if (sp != std::string_view::npos && v.substr(0, sp).find('-') != std::string_view::npos) v = v.substr(sp + 1);
      auto micros = temporal::parseDurationMicros(v);
      if (!micros) return std::nullopt;
      try {
        return conv.timeValue(*micros);
      } catch (const api::DataException&) {
        return std::nullopt;
      }
    }
    case jdbc::kBoolean: {
      if (kind != Kind::Boolean) return std::nullopt;
      if (auto n = javaParseInt(value)) return Value(*n != 0);
      return Value(common::iequals(value, "true"));
    }
    case jdbc::kBit: {
      if (kind == Kind::Bits) {
        // A binary digit string, most significant bit first.
        std::string v = value;
        size_t nums = v.size() / 8 + (v.size() % 8 == 0 ? 0 : 1);
        std::string bytes(nums, '\0');
        for (size_t i = 0; i < nums; ++i) {
          size_t s = v.size() > 8 ? v.size() - 8 : 0;
          std::string part = v.substr(s);
          int byte = 0;
          for (char c : part) {
            if (c != '0' && c != '1') return std::nullopt;
            byte = byte * 2 + (c - '0');
          }
          bytes[nums - i - 1] = static_cast<char>(byte);
          v.resize(s);
        }
        return conv.bitsValue(bytes);
      }
      if (kind == Kind::Bit) {
        auto n = javaParseInt(value);
        if (n && *n >= -32768 && *n <= 32767) return Value(*n != 0);
        return Value(common::iequals(value, "true"));
      }
      return std::nullopt;
    }
    case jdbc::kNumeric:
    case jdbc::kDecimal: {
      if (kind != Kind::Decimal) return std::nullopt;
      auto text = column.scale ? rescaleDecimalHalfUp(value, *column.scale) : rescaleDecimalHalfUp(value, 0);
      if (!text) return std::nullopt;
      if (!column.scale) {
        // No scale: BigDecimal keeps the literal's own scale.
        try {
          return conv.decimalValue(value);
        } catch (const std::exception&) {
          return std::nullopt;
        }
      }
      return conv.decimalValue(*text);
    }
    case jdbc::kFloat:
    case jdbc::kDouble:
    case jdbc::kReal: {
      auto d = javaParseDouble(value);
      if (!d) return std::nullopt;
      if (kind == Kind::Float32) return Value(static_cast<float>(*d));
      if (kind == Kind::Float64) return Value(*d);
      return std::nullopt;
    }
    default:
      break;
  }

  // Everything else reaches the converter as the (trimmed, introducer-free) string.
  switch (kind) {
    case Kind::Integer:
    case Kind::UnsignedBigDecimal: {
      if (kind == Kind::UnsignedBigDecimal) {
        auto text = rescaleDecimalHalfUp(value, 0);
        if (!text || value.find_first_of(".eE") != std::string::npos) return std::nullopt;
        if (!text->empty() && (*text)[0] == '-') {
          // BinlogUnsignedIntegerConverter.convertUnsignedBigint adds 2^64 to a negative value.
          int64_t n = 0;
          try {
            n = std::stoll(*text);
          } catch (const std::exception&) {
            return std::nullopt;
          }
          return Value(api::DecimalValue::fromString(std::to_string(static_cast<uint64_t>(n))));
        }
        return Value(api::DecimalValue::fromString(*text));
      }
      auto d = javaParseDouble(value);
      if (!d) return std::nullopt;
      int64_t n = javaRound(*d);
      // A string reaches convertSmallInt/Integer/BigInt directly: no unsigned correction.
      switch (conv.integerType()) {
        case api::Type::Int8: return Value(static_cast<int8_t>(static_cast<int16_t>(n)));
        case api::Type::Int16: return Value(static_cast<int16_t>(n));
        case api::Type::Int32: return Value(static_cast<int32_t>(n));
        default: return Value(n);
      }
    }
    case Kind::Year: {
      auto n = javaParseInt(value);
      if (!n) return std::nullopt;
      return Value(static_cast<int32_t>(temporal::adjustYear(*n)));
    }
    case Kind::String:
    case Kind::Enum:
    case Kind::Set:
    case Kind::Json:
      return Value(value);
    case Kind::Binary: {
      // A String default goes through convertBinary's String branch: its UTF-8 bytes, unpadded.
      return conv.binaryValue(value, false);
    }
    default:
      return std::nullopt;
  }
}

}  // namespace connectd::mysql
