#include "transforms/util/java_lang.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "server/common/strings.h"

namespace connectd::transforms::java {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isHexDigit(char c) { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Checks the FloatingDecimal.readJavaFormatString grammar on a trimmed string and returns the
// text strtod/strtof read identically (the f/F/d/D suffix removed), or nullopt.
std::optional<std::string> javaFloatingText(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
  std::string_view rest = s.substr(i);
  if (rest == "NaN" || rest == "Infinity") return std::string(s);
  if (rest.size() >= 2 && rest[0] == '0' && (rest[1] == 'x' || rest[1] == 'X')) {
    // 0x<hex>[.<hex>]p[sign]<digits>[fFdD], with at least one hex digit in the significand.
    size_t j = i + 2, digits = 0;
    while (j < n && isHexDigit(s[j])) ++j, ++digits;
    if (j < n && s[j] == '.') {
      ++j;
      while (j < n && isHexDigit(s[j])) ++j, ++digits;
    }
    if (digits == 0 || j >= n || (s[j] != 'p' && s[j] != 'P')) return std::nullopt;
    ++j;
    if (j < n && (s[j] == '+' || s[j] == '-')) ++j;
    size_t exp_digits = 0;
    while (j < n && isDigit(s[j])) ++j, ++exp_digits;
    if (exp_digits == 0) return std::nullopt;
    size_t end = j;
    if (j < n && (s[j] == 'f' || s[j] == 'F' || s[j] == 'd' || s[j] == 'D')) ++j;
    if (j != n) return std::nullopt;
    return std::string(s.substr(0, end));
  }
  size_t j = i, digits = 0;
  while (j < n && isDigit(s[j])) ++j, ++digits;
  if (j < n && s[j] == '.') {
    ++j;
    while (j < n && isDigit(s[j])) ++j, ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (j < n && (s[j] == 'e' || s[j] == 'E')) {
    ++j;
    if (j < n && (s[j] == '+' || s[j] == '-')) ++j;
    size_t exp_digits = 0;
    while (j < n && isDigit(s[j])) ++j, ++exp_digits;
    if (exp_digits == 0) return std::nullopt;
  }
  size_t end = j;
  if (j < n && (s[j] == 'f' || s[j] == 'F' || s[j] == 'd' || s[j] == 'D')) ++j;
  if (j != n) return std::nullopt;
  return std::string(s.substr(0, end));
}

// Sign and magnitude digits of a decimal's unscaled value.
std::pair<bool, std::string> unscaledDigits(const api::DecimalValue& v) {
  std::string plain = api::DecimalValue{v.unscaled, 0}.toPlainString();
  bool negative = !plain.empty() && plain[0] == '-';
  if (negative) plain.erase(0, 1);
  return {negative, plain};
}

// The decimal as "[-]<unscaled>e<-scale>", which strtod/strtof round correctly in one step.
std::string scientificText(const api::DecimalValue& v) {
  auto [negative, digits] = unscaledDigits(v);
  return (negative ? "-" : "") + digits + "e" + std::to_string(-static_cast<int64_t>(v.scale));
}

}  // namespace

std::vector<std::string> split(std::string_view s, char sep) {
  if (s.find(sep) == std::string_view::npos) return {std::string(s)};
  std::vector<std::string> parts = common::split(s, sep);
  while (!parts.empty() && parts.back().empty()) parts.pop_back();
  return parts;
}

std::string_view trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && static_cast<unsigned char>(s[b]) <= ' ') ++b;
  while (e > b && static_cast<unsigned char>(s[e - 1]) <= ' ') --e;
  return s.substr(b, e - b);
}

std::string listToString(const std::vector<std::string>& items) {
  return "[" + common::join(items, ", ") + "]";
}

std::optional<int64_t> parseLong(std::string_view s, int64_t min, int64_t max) {
  if (s.empty()) return std::nullopt;
  size_t i = 0;
  bool negative = false;
  if (s[0] == '-' || s[0] == '+') {
    negative = s[0] == '-';
    if (s.size() == 1) return std::nullopt;
    i = 1;
  }
  // Accumulate negatively so that INT64_MIN fits, as Long.parseLong does.
  int64_t result = 0;
  for (; i < s.size(); ++i) {
    if (!isDigit(s[i])) return std::nullopt;
    int digit = s[i] - '0';
    if (result < (INT64_MIN + digit) / 10) return std::nullopt;
    result = result * 10 - digit;
  }
  if (!negative) {
    if (result == INT64_MIN) return std::nullopt;
    result = -result;
  }
  if (result < min || result > max) return std::nullopt;
  return result;
}

std::optional<double> parseDouble(std::string_view s) {
  auto text = javaFloatingText(trim(s));
  if (!text) return std::nullopt;
  return std::strtod(text->c_str(), nullptr);
}

std::optional<float> parseFloat(std::string_view s) {
  auto text = javaFloatingText(trim(s));
  if (!text) return std::nullopt;
  return std::strtof(text->c_str(), nullptr);
}

bool parseBoolean(std::string_view s) { return common::iequals(s, "true"); }

std::optional<api::DecimalValue> parseBigDecimal(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
  size_t digits = 0;
  int64_t fraction_digits = 0;
  while (i < n && isDigit(s[i])) ++i, ++digits;
  if (i < n && s[i] == '.') {
    ++i;
    while (i < n && isDigit(s[i])) ++i, ++digits, ++fraction_digits;
  }
  if (digits == 0) return std::nullopt;
  int64_t exponent = 0;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool negative = false;
    if (i < n && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
    size_t exp_digits = 0;
    for (; i < n && isDigit(s[i]); ++i, ++exp_digits) {
      exponent = exponent * 10 + (s[i] - '0');
      if (exponent > std::numeric_limits<int32_t>::max()) return std::nullopt;
    }
    if (exp_digits == 0) return std::nullopt;
    if (negative) exponent = -exponent;
  }
  if (i != n) return std::nullopt;
  // The scale must be an int.
  int64_t scale = fraction_digits - exponent;
  if (scale < std::numeric_limits<int32_t>::min() || scale > std::numeric_limits<int32_t>::max()) {
    return std::nullopt;
  }
  return api::DecimalValue::fromString(s);
}

int64_t doubleToLong(double v) {
  if (std::isnan(v)) return 0;
  if (v >= 9223372036854775807.0) return INT64_MAX;
  if (v <= -9223372036854775808.0) return INT64_MIN;
  return static_cast<int64_t>(v);
}

int32_t doubleToInt(double v) {
  if (std::isnan(v)) return 0;
  if (v >= 2147483647.0) return INT32_MAX;
  if (v <= -2147483648.0) return INT32_MIN;
  return static_cast<int32_t>(v);
}

int64_t decimalLongValue(const api::DecimalValue& v) {
  auto [negative, digits] = unscaledDigits(v);
  std::string integral;
  if (v.scale >= 0) {
    if (static_cast<size_t>(v.scale) >= digits.size()) return 0;
    integral = digits.substr(0, digits.size() - static_cast<size_t>(v.scale));
  } else {
    // 10^64 is a multiple of 2^64, so shifting left by 64 or more decimal places clears the low
    // bits.
    if (v.scale <= -64) return 0;
    integral = digits + std::string(static_cast<size_t>(-v.scale), '0');
  }
  uint64_t acc = 0;
  for (char c : integral) acc = acc * 10 + static_cast<uint64_t>(c - '0');
  if (negative) acc = ~acc + 1;
  return static_cast<int64_t>(acc);
}

double decimalDoubleValue(const api::DecimalValue& v) {
  return std::strtod(scientificText(v).c_str(), nullptr);
}

float decimalFloatValue(const api::DecimalValue& v) {
  return std::strtof(scientificText(v).c_str(), nullptr);
}

bool isNumber(const api::Value& v) {
  using K = api::Value::Kind;
  switch (v.kind()) {
    case K::Int8:
    case K::Int16:
    case K::Int32:
    case K::Int64:
    case K::Float32:
    case K::Float64:
    case K::Decimal:
      return true;
    default:
      return false;
  }
}

int64_t longValue(const api::Value& v) {
  using K = api::Value::Kind;
  switch (v.kind()) {
    case K::Float32:
      return doubleToLong(v.asFloat32());
    case K::Float64:
      return doubleToLong(v.asFloat64());
    case K::Decimal:
      return decimalLongValue(v.asDecimal());
    default:
      return v.toInt64();
  }
}

int32_t intValue(const api::Value& v) {
  using K = api::Value::Kind;
  switch (v.kind()) {
    case K::Float32:
      return doubleToInt(v.asFloat32());
    case K::Float64:
      return doubleToInt(v.asFloat64());
    default:
      return static_cast<int32_t>(longValue(v));
  }
}

double doubleValue(const api::Value& v) {
  using K = api::Value::Kind;
  switch (v.kind()) {
    case K::Float32:
      return v.asFloat32();
    case K::Float64:
      return v.asFloat64();
    case K::Decimal:
      return decimalDoubleValue(v.asDecimal());
    default:
      return static_cast<double>(v.toInt64());
  }
}

float floatValue(const api::Value& v) {
  using K = api::Value::Kind;
  switch (v.kind()) {
    case K::Float32:
      return v.asFloat32();
    case K::Float64:
      return static_cast<float>(v.asFloat64());
    case K::Decimal:
      return decimalFloatValue(v.asDecimal());
    default:
      return static_cast<float>(v.toInt64());
  }
}

}  // namespace connectd::transforms::java
