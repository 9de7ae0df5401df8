#include "server/converters/values.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "server/api/errors.h"
#include "server/api/struct.h"
#include "server/common/strings.h"

namespace connectd::converters {

using api::Schema;
using api::SchemaPtr;
using api::Value;

namespace {

constexpr int64_t kMillisPerDay = 24 * 60 * 60 * 1000;

int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// Proleptic Gregorian civil date of a day count since 1970-01-01 (H. Hinnant's algorithm).
void civilFromDays(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
}

int64_t daysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void appendPadded(int64_t v, int width, std::string& out) {
  char buf[32];
  int n = std::snprintf(buf, sizeof buf, "%0*lld", width, static_cast<long long>(v));
  out.append(buf, static_cast<size_t>(n));
}

void appendDate(int64_t days, std::string& out) {
  int64_t y;
  unsigned m, d;
  civilFromDays(days, y, m, d);
  appendPadded(y, 4, out);
  out.push_back('-');
  appendPadded(m, 2, out);
  out.push_back('-');
  appendPadded(d, 2, out);
}

void appendTime(int64_t millis_of_day, std::string& out) {
  appendPadded(millis_of_day / 3600000, 2, out);
  out.push_back(':');
  appendPadded(millis_of_day / 60000 % 60, 2, out);
  out.push_back(':');
  appendPadded(millis_of_day / 1000 % 60, 2, out);
  out.push_back('.');
  appendPadded(millis_of_day % 1000, 3, out);
  out.push_back('Z');
}

// Values.dateFormatFor: the pattern follows the instant, not the schema. Anything before one
// day past the epoch prints as a time, whole days as a date, the rest as a timestamp (UTC).
void appendInstant(int64_t millis, std::string& out) {
  int64_t days = floorDiv(millis, kMillisPerDay);
  int64_t millis_of_day = millis - days * kMillisPerDay;
  if (millis < kMillisPerDay) {
    appendTime(millis_of_day, out);
  } else if (millis % kMillisPerDay == 0) {
    appendDate(days, out);
  } else {
    appendDate(days, out);
    out.push_back('T');
    appendTime(millis_of_day, out);
  }
}

void appendEscaped(std::string_view s, std::string& out) {
  out.push_back('"');
  for (char c : s) {
    if (c == '\\' || c == '"') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
}

bool allDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int parseDigits(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// "yyyy-MM-dd" -> days since the epoch.
bool parseIsoDate(std::string_view s, int64_t& days) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  if (!allDigits(s.substr(0, 4)) || !allDigits(s.substr(5, 2)) || !allDigits(s.substr(8, 2)))
    return false;
  int y = parseDigits(s.substr(0, 4)), m = parseDigits(s.substr(5, 2)),
      d = parseDigits(s.substr(8, 2));
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (m == 2 && d == 29 && !leap) return false;
  days = daysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  return true;
}

// "HH:mm:ss.SSSZ" -> millis of the day.
bool parseIsoTime(std::string_view s, int64_t& millis) {
  if (s.size() != 13 || s[2] != ':' || s[5] != ':' || s[8] != '.' || s[12] != 'Z') return false;
  if (!allDigits(s.substr(0, 2)) || !allDigits(s.substr(3, 2)) || !allDigits(s.substr(6, 2)) ||
      !allDigits(s.substr(9, 3)))
    return false;
  int h = parseDigits(s.substr(0, 2)), mi = parseDigits(s.substr(3, 2)),
      se = parseDigits(s.substr(6, 2));
  if (h > 23 || mi > 59 || se > 59) return false;
  millis = ((h * 60LL + mi) * 60 + se) * 1000 + parseDigits(s.substr(9, 3));
  return true;
}

// Java's BigDecimal(String) grammar: [+-] (digits [. [digits]] | . digits) [(e|E) [+-] digits].
struct DecimalText {
  bool negative = false;
  std::string digits;  // mantissa digits, no point
  int64_t scale = 0;   // digits after the point minus the exponent
};

bool parseDecimalText(std::string_view t, DecimalText& out) {
  size_t i = 0;
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) out.negative = t[i++] == '-';
  size_t int_digits = 0, frac_digits = 0;
  while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
    out.digits.push_back(t[i++]);
    ++int_digits;
  }
  if (i < t.size() && t[i] == '.') {
    ++i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
      out.digits.push_back(t[i++]);
      ++frac_digits;
    }
  }
  if (int_digits + frac_digits == 0) return false;
  int64_t exponent = 0;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    bool neg = false;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) neg = t[i++] == '-';
    size_t start = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
      if (exponent > 1'000'000'000) return false;  // BigDecimal rejects exponents beyond int range
      exponent = exponent * 10 + (t[i++] - '0');
    }
    if (i == start) return false;
    if (neg) exponent = -exponent;
  }
  if (i != t.size()) return false;
  out.scale = static_cast<int64_t>(frac_digits) - exponent;
  return true;
}

const SchemaPtr& dateSchema() {
  static const SchemaPtr s = api::logical::date().build();
  return s;
}
const SchemaPtr& timeSchema() {
  static const SchemaPtr s = api::logical::time().build();
  return s;
}
const SchemaPtr& timestampSchema() {
  static const SchemaPtr s = api::logical::timestamp().build();
  return s;
}

// ValueParser.parseAsNumber for a token already known to be a decimal literal.
api::SchemaAndValue parseNumber(std::string_view token, const DecimalText& dec) {
  // Integral when every digit right of the point is zero (BigDecimal ceil == floor).
  std::string_view digits = dec.digits;
  bool integral = true;
  std::string int_part;
  if (dec.scale <= 0) {
    int_part = dec.digits;
    bool nonzero = digits.find_first_not_of('0') != std::string_view::npos;
    // Appending more than 19 zeros to a non-zero mantissa can only overflow a long.
    if (nonzero) int_part.append(static_cast<size_t>(std::min<int64_t>(-dec.scale, 20)), '0');
  } else {
    auto s = static_cast<size_t>(dec.scale);
    std::string_view frac = s >= digits.size() ? digits : digits.substr(digits.size() - s);
    integral = frac.find_first_not_of('0') == std::string_view::npos;
    int_part =
        s >= digits.size() ? std::string("0") : std::string(digits.substr(0, digits.size() - s));
  }
  if (integral) {
    size_t nz = int_part.find_first_not_of('0');
    std::string_view mag =
        nz == std::string::npos ? std::string_view("0") : std::string_view(int_part).substr(nz);
    // Fits a long when it has at most 19 digits and is within range; from_chars checks both.
    __int128 v = 0;
    bool fits = mag.size() <= 19;
    if (fits) {
      for (char c : mag) v = v * 10 + (c - '0');
      if (dec.negative) v = -v;
      fits = v >= INT64_MIN && v <= INT64_MAX;
    }
    if (fits) {
      auto l = static_cast<int64_t>(v);
      if (l >= INT8_MIN && l <= INT8_MAX)
        return {api::schemas::int8(), Value(static_cast<int8_t>(l))};
      if (l >= INT16_MIN && l <= INT16_MAX)
        return {api::schemas::int16(), Value(static_cast<int16_t>(l))};
      if (l >= INT32_MIN && l <= INT32_MAX)
        return {api::schemas::int32(), Value(static_cast<int32_t>(l))};
      return {api::schemas::int64(), Value(l)};
    }
  }
  std::string text(token);
  if (!text.empty() && text[0] == '+') text.erase(0, 1);
  float f = std::strtof(text.c_str(), nullptr);
  if (!std::isinf(f) && dec.scale != 0) return {api::schemas::float32(), Value(f)};
  double d = std::strtod(text.c_str(), nullptr);
  if (!std::isinf(d) && dec.scale != 0) return {api::schemas::float64(), Value(d)};
  api::DecimalValue decimal = api::DecimalValue::fromString(token);
  return {api::logical::decimal(decimal.scale).build(), Value(std::move(decimal))};
}

}  // namespace

std::string Values::convertToString(const Schema* schema, const Value& value) {
  std::string out;
  append(schema, value, false, out);
  return out;
}

void Values::append(const Schema* schema, const Value& value, bool embedded, std::string& out) {
  using K = Value::Kind;
  if (schema && schema->name() && value.isIntegral()) {
    const std::string& name = *schema->name();
    if (name == api::logical::kDate) return appendInstant(value.toInt64() * kMillisPerDay, out);
    if (name == api::logical::kTime || name == api::logical::kTimestamp)
      return appendInstant(value.toInt64(), out);
  }
  switch (value.kind()) {
    case K::Null: out += "null"; return;
    case K::Boolean: out += value.asBool() ? "true" : "false"; return;
    case K::Int8:
    case K::Int16:
    case K::Int32:
    case K::Int64: out += std::to_string(value.toInt64()); return;
    case K::Float32: common::appendJavaFloat(value.asFloat32(), out); return;
    case K::Float64: common::appendJavaDouble(value.asFloat64(), out); return;
    case K::Decimal: out += value.asDecimal().toString(); return;
    case K::String:
      if (embedded)
        appendEscaped(value.asString(), out);
      else
        out += value.asString();
      return;
    case K::Bytes:
      if (embedded) out.push_back('"');
      out += common::base64Encode(value.asBytes().data);
      if (embedded) out.push_back('"');
      return;
    case K::Array: {
      const Schema* element_schema =
          schema && schema->type() == api::Type::Array ? schema->valueSchema().get() : nullptr;
      out.push_back('[');
      bool first = true;
      for (const auto& e : value.asArray()) {
        if (!first) out.push_back(',');
        first = false;
        append(element_schema, e, true, out);
      }
      out.push_back(']');
      return;
    }
    case K::Map: {
      bool typed = schema && schema->type() == api::Type::Map;
      const Schema* key_schema = typed ? schema->keySchema().get() : nullptr;
      const Schema* value_schema = typed ? schema->valueSchema().get() : nullptr;
      out.push_back('{');
      bool first = true;
      for (const auto& [k, v] : value.asMap()) {
        if (!first) out.push_back(',');
        first = false;
        append(key_schema, k, true, out);
        out.push_back(':');
        append(value_schema, v, true, out);
      }
      out.push_back('}');
      return;
    }
    case K::Struct: {
      const api::Struct& s = value.asStruct();
      out.push_back('{');
      bool first = true;
      for (const auto& field : s.schema()->fields()) {
        if (!first) out.push_back(',');
        first = false;
        appendEscaped(field.name, out);
        out.push_back(':');
        append(field.schema.get(), s.get(field), true, out);
      }
      out.push_back('}');
      return;
    }
  }
}

api::SchemaAndValue Values::parseString(std::string_view value) {
  if (value.empty()) return {api::schemas::string(), Value(std::string())};
  std::string_view token = common::trim(value);
  if (token.empty()) return {api::schemas::string(), Value(value)};
  if (token == "null") return {nullptr, Value()};
  if (token == "true") return {api::schemas::boolean(), Value(true)};
  if (token == "false") return {api::schemas::boolean(), Value(false)};

  char first = token[0];
  bool first_digit = first >= '0' && first <= '9';
  if (first_digit) {
    int64_t days, millis;
    if (parseIsoDate(token, days)) return {dateSchema(), Value(static_cast<int32_t>(days))};
    if (parseIsoTime(token, millis)) return {timeSchema(), Value(static_cast<int32_t>(millis))};
    if (token.size() == 24 && token[10] == 'T' && parseIsoDate(token.substr(0, 10), days) &&
        parseIsoTime(token.substr(11), millis))
      return {timestampSchema(), Value(days * kMillisPerDay + millis)};
  }
  if (first_digit || first == '+' || first == '-') {
    DecimalText dec;
    if (parseDecimalText(token, dec)) return parseNumber(token, dec);
  }
  return {api::schemas::string(), Value(value)};
}

}  // namespace connectd::converters
