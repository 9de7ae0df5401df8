#include "server/api/value.h"

#include <algorithm>
#include <stdexcept>

#include "server/api/errors.h"
#include "server/api/struct.h"
#include "server/common/strings.h"

namespace connectd::api {

namespace {

// Magnitude as little-endian base-1e9 limbs <-> big-endian two's-complement bytes.
using Limbs = std::vector<uint32_t>;

Limbs decimalDigitsToLimbs(std::string_view digits) {
  Limbs limbs;
  for (char c : digits) {
    uint64_t carry = static_cast<uint64_t>(c - '0');
    for (auto& l : limbs) {
      uint64_t v = static_cast<uint64_t>(l) * 10 + carry;
      l = static_cast<uint32_t>(v % 1000000000u);
      carry = v / 1000000000u;
    }
    if (carry) limbs.push_back(static_cast<uint32_t>(carry));
  }
  return limbs;
}

// Divides little-endian base-1e9 limbs by 256, returns the remainder.
uint32_t divmod256(Limbs& limbs) {
  uint64_t rem = 0;
  for (size_t i = limbs.size(); i-- > 0;) {
    uint64_t cur = limbs[i] + rem * 1000000000u;
    limbs[i] = static_cast<uint32_t>(cur / 256);
    rem = cur % 256;
  }
  while (!limbs.empty() && limbs.back() == 0) limbs.pop_back();
  return static_cast<uint32_t>(rem);
}

std::string magnitudeToTwosComplement(Limbs mag, bool negative) {
  std::string le;  // little-endian magnitude bytes
  while (!mag.empty()) le.push_back(static_cast<char>(divmod256(mag)));
  if (negative) {
    // two's complement: invert and add one
    bool carry = true;
    for (auto& b : le) {
      uint8_t v = static_cast<uint8_t>(~static_cast<uint8_t>(b));
      if (carry) {
        ++v;
        carry = v == 0;
      }
      b = static_cast<char>(v);
    }
    if (le.empty() || !(static_cast<uint8_t>(le.back()) & 0x80)) le.push_back(static_cast<char>(0xFF));
  } else {
    if (le.empty() || (static_cast<uint8_t>(le.back()) & 0x80)) le.push_back(0);
  }
  // Minimal length (BigInteger.toByteArray): drop redundant sign bytes.
  while (le.size() > 1) {
    uint8_t top = static_cast<uint8_t>(le.back()), next = static_cast<uint8_t>(le[le.size() - 2]);
    if ((top == 0x00 && !(next & 0x80)) || (top == 0xFF && (next & 0x80)))
      le.pop_back();
    else
      break;
  }
  std::reverse(le.begin(), le.end());
  return le;
}

// Big-endian two's complement -> (negative, decimal digits of the magnitude).
std::pair<bool, std::string> twosComplementToDecimal(const std::string& be) {
  if (be.empty()) return {false, "0"};
  bool negative = static_cast<uint8_t>(be[0]) & 0x80;
  std::string mag = be;
  if (negative) {
    for (auto& b : mag) b = static_cast<char>(~static_cast<uint8_t>(b));
    for (size_t i = mag.size(); i-- > 0;) {
      uint8_t v = static_cast<uint8_t>(mag[i]) + 1;
      mag[i] = static_cast<char>(v);
      if (v != 0) break;
    }
  }
  Limbs limbs;
  for (unsigned char byte : mag) {
    uint64_t carry = byte;
    for (auto& l : limbs) {
      uint64_t v = static_cast<uint64_t>(l) * 256 + carry;
      l = static_cast<uint32_t>(v % 1000000000u);
      carry = v / 1000000000u;
    }
    while (carry) {
      limbs.push_back(static_cast<uint32_t>(carry % 1000000000u));
      carry /= 1000000000u;
    }
  }
  while (!limbs.empty() && limbs.back() == 0) limbs.pop_back();
  if (limbs.empty()) return {false, "0"};
  std::string digits = std::to_string(limbs.back());
  for (size_t i = limbs.size() - 1; i-- > 0;) {
    std::string part = std::to_string(limbs[i]);
    digits.append(9 - part.size(), '0');
    digits += part;
  }
  return {negative, digits};
}

}  // namespace

DecimalValue DecimalValue::fromString(std::string_view text) {
  std::string_view t = common::trim(text);
  if (t.empty()) throw DataException("Invalid decimal: empty string");
  bool negative = false;
  if (t[0] == '-' || t[0] == '+') {
    negative = t[0] == '-';
    t.remove_prefix(1);
  }
  int64_t exponent = 0;
  size_t epos = t.find_first_of("eE");
  if (epos != std::string_view::npos) {
    std::string e(t.substr(epos + 1));
    try {
      exponent = std::stoll(e);
    } catch (const std::exception&) {
      throw DataException("Invalid decimal: " + std::string(text));
    }
    t = t.substr(0, epos);
  }
  std::string digits;
  int32_t scale = 0;
  bool seen_dot = false;
  for (char c : t) {
    if (c == '.' && !seen_dot) {
      seen_dot = true;
    } else if (c >= '0' && c <= '9') {
      digits.push_back(c);
      if (seen_dot) ++scale;
    } else {
      throw DataException("Invalid decimal: " + std::string(text));
    }
  }
  if (digits.empty()) throw DataException("Invalid decimal: " + std::string(text));
  DecimalValue d;
  d.scale = static_cast<int32_t>(scale - exponent);
  auto limbs = decimalDigitsToLimbs(digits);
  bool zero = limbs.empty();
  d.unscaled = magnitudeToTwosComplement(std::move(limbs), negative && !zero);
  return d;
}

DecimalValue DecimalValue::fromInt64(int64_t unscaled, int32_t scale) {
  DecimalValue d;
  d.scale = scale;
  // Minimal big-endian two's complement of a 64-bit value.
  std::string be(8, '\0');
  uint64_t u = static_cast<uint64_t>(unscaled);
  for (int i = 7; i >= 0; --i) {
    be[static_cast<size_t>(i)] = static_cast<char>(u & 0xFF);
    u >>= 8;
  }
  size_t start = 0;
  while (start < 7) {
    uint8_t top = static_cast<uint8_t>(be[start]), next = static_cast<uint8_t>(be[start + 1]);
    if ((top == 0x00 && !(next & 0x80)) || (top == 0xFF && (next & 0x80)))
      ++start;
    else
      break;
  }
  d.unscaled = be.substr(start);
  return d;
}

std::string DecimalValue::toPlainString() const {
  auto [negative, digits] = twosComplementToDecimal(unscaled);
  std::string out = negative ? "-" : "";
  if (scale <= 0) {
    out += digits;
    if (digits != "0") out.append(static_cast<size_t>(-scale), '0');
    return out;
  }
  size_t s = static_cast<size_t>(scale);
  if (digits.size() <= s) {
    out += "0.";
    out.append(s - digits.size(), '0');
    out += digits;
  } else {
    out.append(digits, 0, digits.size() - s);
    out.push_back('.');
    out.append(digits, digits.size() - s, std::string::npos);
  }
  return out;
}

std::string DecimalValue::toString() const {
  // BigDecimal.toString: plain when scale >= 0 and adjusted exponent >= -6.
  auto [negative, digits] = twosComplementToDecimal(unscaled);
  int64_t adjusted = -static_cast<int64_t>(scale) + static_cast<int64_t>(digits.size()) - 1;
  if (scale >= 0 && adjusted >= -6) return toPlainString();
  std::string out = negative ? "-" : "";
  out += digits.substr(0, 1);
  if (digits.size() > 1) {
    out.push_back('.');
    out += digits.substr(1);
  }
  out.push_back('E');
  if (adjusted >= 0) out.push_back('+');
  out += std::to_string(adjusted);
  return out;
}

Value::Value(Struct v) : v_(std::make_shared<Struct>(std::move(v))) {}

bool Value::isIntegral() const {
  auto k = kind();
  return k == Kind::Int8 || k == Kind::Int16 || k == Kind::Int32 || k == Kind::Int64;
}

int64_t Value::toInt64() const {
  switch (kind()) {
    case Kind::Int8: return asInt8();
    case Kind::Int16: return asInt16();
    case Kind::Int32: return asInt32();
    case Kind::Int64: return asInt64();
    default: throw std::bad_variant_access();
  }
}

const Value* Value::mapGet(std::string_view key) const {
  if (kind() != Kind::Map) return nullptr;
  for (const auto& [k, v] : asMap())
    if (k.kind() == Kind::String && k.asString() == key) return &v;
  return nullptr;
}

bool Value::operator==(const Value& o) const {
  if (v_.index() != o.v_.index()) return false;
  switch (kind()) {
    case Kind::Array: return asArray() == o.asArray();
    case Kind::Map: return asMap() == o.asMap();
    case Kind::Struct: return asStruct() == o.asStruct();
    default: return v_ == o.v_;
  }
}

std::string Value::toString() const {
  switch (kind()) {
    case Kind::Null: return "null";
    case Kind::Boolean: return asBool() ? "true" : "false";
    case Kind::Int8: return std::to_string(asInt8());
    case Kind::Int16: return std::to_string(asInt16());
    case Kind::Int32: return std::to_string(asInt32());
    case Kind::Int64: return std::to_string(asInt64());
    case Kind::Float32: {
      std::string out;
      common::appendJavaFloat(asFloat32(), out);
      return out;
    }
    case Kind::Float64: {
      std::string out;
      common::appendJavaDouble(asFloat64(), out);
      return out;
    }
    case Kind::String: return asString();
    case Kind::Bytes: return "[B@" + std::to_string(asBytes().data.size());
    case Kind::Decimal: return asDecimal().toString();
    case Kind::Array: {
      std::string out = "[";
      bool first = true;
      for (const auto& e : asArray()) {
        if (!first) out += ", ";
        first = false;
        out += e.toString();
      }
      return out + "]";
    }
    case Kind::Map: {
      std::string out = "{";
      bool first = true;
      for (const auto& [k, v] : asMap()) {
        if (!first) out += ", ";
        first = false;
        out += k.toString() + "=" + v.toString();
      }
      return out + "}";
    }
    case Kind::Struct: return asStruct().toString();
  }
  return "";
}

std::string_view Value::javaClassName() const {
  switch (kind()) {
    case Kind::Null: return "null";
    case Kind::Boolean: return "java.lang.Boolean";
    case Kind::Int8: return "java.lang.Byte";
    case Kind::Int16: return "java.lang.Short";
    case Kind::Int32: return "java.lang.Integer";
    case Kind::Int64: return "java.lang.Long";
    case Kind::Float32: return "java.lang.Float";
    case Kind::Float64: return "java.lang.Double";
    case Kind::String: return "java.lang.String";
    case Kind::Bytes: return "[B";
    case Kind::Decimal: return "java.math.BigDecimal";
    case Kind::Array: return "java.util.ArrayList";
    case Kind::Map: return "java.util.HashMap";
    case Kind::Struct: return "org.apache.kafka.connect.data.Struct";
  }
  return "";
}

}  // namespace connectd::api
