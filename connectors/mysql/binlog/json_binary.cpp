#include "connectors/mysql/binlog/json_binary.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <vector>

#include "server/common/strings.h"

namespace connectd::mysql::binlog {

namespace {

enum ValueType : uint8_t {
  kSmallObject = 0x00,
  kLargeObject = 0x01,
  kSmallArray = 0x02,
  kLargeArray = 0x03,
  kLiteral = 0x04,
  kInt16 = 0x05,
  kUint16 = 0x06,
  kInt32 = 0x07,
  kUint32 = 0x08,
  kInt64 = 0x09,
  kUint64 = 0x0a,
  kDouble = 0x0b,
  kString = 0x0c,
  kOpaque = 0x0f,
};

// MySQL's enum_field_types codes that the Java ColumnType enum knows; any other opaque type is
// rejected there, so it is here too.
bool isKnownColumnType(uint8_t code) { return code <= 19 || code >= 245; }

constexpr uint8_t kTypeDecimal = 0;
constexpr uint8_t kTypeTimestamp = 7;
constexpr uint8_t kTypeDate = 10;
constexpr uint8_t kTypeTime = 11;
constexpr uint8_t kTypeDatetime = 12;
constexpr uint8_t kTypeTimestamp2 = 17;
constexpr uint8_t kTypeDatetime2 = 18;
constexpr uint8_t kTypeTime2 = 19;
constexpr uint8_t kTypeNewDecimal = 246;

// MySQL refuses documents nested deeper than 100; the margin keeps valid documents safe while
// a value entry pointing back at its own container cannot recurse without bound.
constexpr int kMaxDepth = 150;

constexpr std::string_view kReplacementChar = "\xEF\xBF\xBD";

std::string hexByte(uint8_t b) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  return {kHex[b >> 4], kHex[b & 15]};
}

[[noreturn]] void fail(const std::string& what, size_t offset) {
  throw std::runtime_error("Malformed MySQL binary JSON value: " + what + " (at byte " +
                           std::to_string(offset) + ")");
}

void appendEscapedAscii(uint8_t c, std::string& out) {
  switch (c) {
    case '"':
      out += "\\\"";
      return;
    case '\\':
      out += "\\\\";
      return;
    case 0x08:
      out += "\\b";
      return;
    case 0x09:
      out += "\\t";
      return;
    case 0x0A:
      out += "\\n";
      return;
    case 0x0C:
      out += "\\f";
      return;
    case 0x0D:
      out += "\\r";
      return;
    default:
      break;
  }
  if (c < 0x20) {
    out += "\\u00";
    out += hexByte(c);
  } else {
    out.push_back(static_cast<char>(c));
  }
}

bool isContinuation(uint8_t b) { return (b & 0xC0) == 0x80; }

// Java's `new String(bytes, UTF_8)` (java.lang.String.decodeUTF8_UTF16) re-encoded as UTF-8:
// well-formed sequences are copied, each malformed piece becomes one U+FFFD with exactly the
// resynchronisation rules of the JDK, so keys and strings match Debezium even for bad bytes.
void appendJavaDecodedUtf8(std::string_view text, bool escape, std::string& out) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const size_t sl = text.size();
  size_t sp = 0;
  while (sp < sl) {
    const uint8_t b1 = s[sp++];
    if (b1 < 0x80) {
      if (escape) {
        appendEscapedAscii(b1, out);
      } else {
        out.push_back(static_cast<char>(b1));
      }
    } else if (b1 >= 0xC2 && b1 <= 0xDF) {
      if (sp < sl) {
        const uint8_t b2 = s[sp++];
        if (!isContinuation(b2)) {
          out += kReplacementChar;
          --sp;
        } else {
          out.append(reinterpret_cast<const char*>(s + sp - 2), 2);
        }
        continue;
      }
      out += kReplacementChar;
      break;
    } else if ((b1 & 0xF0) == 0xE0) {
      if (sp + 1 < sl) {
        const uint8_t b2 = s[sp++];
        const uint8_t b3 = s[sp++];
        const bool overlong = b1 == 0xE0 && (b2 & 0xE0) == 0x80;
        if (overlong || !isContinuation(b2) || !isContinuation(b3)) {
          out += kReplacementChar;
          sp -= 3;
          sp += (overlong || !isContinuation(b2)) ? 1 : 2;
        } else {
          const uint32_t c = ((b1 & 0x0Fu) << 12) | ((b2 & 0x3Fu) << 6) | (b3 & 0x3Fu);
          if (c >= 0xD800 && c <= 0xDFFF) {
            out += kReplacementChar;
          } else {
            out.append(reinterpret_cast<const char*>(s + sp - 3), 3);
          }
        }
        continue;
      }
      if (sp < sl && ((b1 == 0xE0 && (s[sp] & 0xE0) == 0x80) || !isContinuation(s[sp]))) {
        out += kReplacementChar;
        continue;
      }
      out += kReplacementChar;
      break;
    } else if ((b1 & 0xF8) == 0xF0) {
      if (sp + 2 < sl) {
        const uint8_t b2 = s[sp++];
        const uint8_t b3 = s[sp++];
        const uint8_t b4 = s[sp++];
        const uint32_t uc =
            ((b1 & 0x07u) << 18) | ((b2 & 0x3Fu) << 12) | ((b3 & 0x3Fu) << 6) | (b4 & 0x3Fu);
        if (!isContinuation(b2) || !isContinuation(b3) || !isContinuation(b4) || uc < 0x10000 ||
            uc > 0x10FFFF) {
          out += kReplacementChar;
          sp -= 4;
          if (b1 > 0xF4 || (b1 == 0xF0 && (b2 < 0x90 || b2 > 0xBF)) ||
              (b1 == 0xF4 && (b2 & 0xF0) != 0x80) || !isContinuation(b2)) {
            sp += 1;
          } else if (!isContinuation(b3)) {
            sp += 2;
          } else {
            sp += 3;
          }
        } else {
          out.append(reinterpret_cast<const char*>(s + sp - 4), 4);
        }
        continue;
      }
      if (b1 > 0xF4 ||
          (sp < sl && ((b1 == 0xF0 && (s[sp] < 0x90 || s[sp] > 0xBF)) ||
                       (b1 == 0xF4 && (s[sp] & 0xF0) != 0x80) || !isContinuation(s[sp])))) {
        out += kReplacementChar;
        continue;
      }
      ++sp;
      out += kReplacementChar;
      if (sp < sl && !isContinuation(s[sp])) continue;
      break;
    } else {
      out += kReplacementChar;
    }
  }
}

// Unsigned magnitude in base 1e9 limbs, least significant first; just enough arithmetic for the
// exact decimal expansion of a double.
class DecimalMagnitude {
 public:
  explicit DecimalMagnitude(uint64_t v) {
    do {
      limbs_.push_back(static_cast<uint32_t>(v % kBase));
      v /= kBase;
    } while (v != 0);
  }

  void multiply(uint32_t factor) {
    uint64_t carry = 0;
    for (uint32_t& limb : limbs_) {
      const uint64_t product = static_cast<uint64_t>(limb) * factor + carry;
      limb = static_cast<uint32_t>(product % kBase);
      carry = product / kBase;
    }
    while (carry != 0) {
      limbs_.push_back(static_cast<uint32_t>(carry % kBase));
      carry /= kBase;
    }
  }

  void multiplyByPower(uint32_t base, int exponent) {
    // Largest power of `base` (2 or 5) that keeps limb * factor + carry inside uint64.
    const uint32_t chunk_exponent = base == 2 ? 30 : 13;
    uint32_t chunk = 1;
    for (uint32_t i = 0; i < chunk_exponent; ++i) chunk *= base;
    for (; exponent >= static_cast<int>(chunk_exponent); exponent -= chunk_exponent)
      multiply(chunk);
    uint32_t rest = 1;
    for (int i = 0; i < exponent; ++i) rest *= base;
    if (rest != 1) multiply(rest);
  }

  std::string toString() const {
    std::string s = std::to_string(limbs_.back());
    for (size_t i = limbs_.size() - 1; i-- > 0;) {
      std::string part = std::to_string(limbs_[i]);
      s.append(9 - part.size(), '0');
      s += part;
    }
    return s;
  }

 private:
  static constexpr uint64_t kBase = 1000000000;
  std::vector<uint32_t> limbs_;
};

// Places a decimal point `scale` digits from the right of `digits`, as BigDecimal.toPlainString.
void appendPlain(bool negative, const std::string& digits, size_t scale, std::string& out) {
  if (negative) out.push_back('-');
  if (scale == 0) {
    out += digits;
  } else if (digits.size() > scale) {
    out.append(digits, 0, digits.size() - scale);
    out.push_back('.');
    out.append(digits, digits.size() - scale, std::string::npos);
  } else {
    out += "0.";
    out.append(scale - digits.size(), '0');
    out += digits;
  }
}

// new BigDecimal(double).toPlainString(): the exact binary value in plain notation.
void appendExactDecimal(double v, std::string& out) {
  const uint64_t bits = std::bit_cast<uint64_t>(v);
  const bool negative = (bits >> 63) != 0;
  const int biased = static_cast<int>((bits >> 52) & 0x7FF);
  uint64_t significand = bits & ((uint64_t{1} << 52) - 1);
  int exponent;
  if (biased == 0) {
    significand <<= 1;
    exponent = -1075;
  } else {
    significand |= uint64_t{1} << 52;
    exponent = biased - 1075;
  }
  if (significand == 0) {
    out += "0";
    return;
  }
  while ((significand & 1) == 0) {
    significand >>= 1;
    ++exponent;
  }
  DecimalMagnitude magnitude(significand);
  size_t scale = 0;
  if (exponent < 0) {
    magnitude.multiplyByPower(5, -exponent);
    scale = static_cast<size_t>(-exponent);
  } else {
    magnitude.multiplyByPower(2, exponent);
  }
  appendPlain(negative, magnitude.toString(), scale, out);
}

void appendJavaDoubleText(double v, std::string& out) {
  std::string text;
  common::appendJavaDouble(v, text);
  if (text.find('E') == std::string::npos) {
    out += text;
  } else {
    appendExactDecimal(v, out);
  }
}

void appendTwoDigits(int32_t v, std::string& out) {
  if (v < 10) out.push_back('0');
  out += std::to_string(v);
}

void appendFourDigits(int32_t v, std::string& out) {
  if (v < 10) {
    out += "000";
  } else if (v < 100) {
    out += "00";
  } else if (v < 1000) {
    out += "0";
  }
  out += std::to_string(v);
}

// JsonStringFormatter.appendSixDigitUnsignedInt(value, true): zero padding chosen from the
// untrimmed value, then trailing zeros dropped.
void appendFraction(int32_t v, std::string& out) {
  if (v < 10) {
    out += "00000";
  } else if (v < 100) {
    out += "0000";
  } else if (v < 1000) {
    out += "000";
  } else if (v < 10000) {
    out += "00";
  } else if (v < 100000) {
    out += "0";
  }
  for (int i = 0; i != 6; ++i) {
    if (v % 10 == 0) v /= 10;
  }
  out += std::to_string(v);
}

void appendDate(int32_t year, int32_t month, int32_t day, std::string& out) {
  if (year < 0) {
    out.push_back('-');
    year = -year;
  }
  appendFourDigits(year, out);
  out.push_back('-');
  appendTwoDigits(month, out);
  out.push_back('-');
  appendTwoDigits(day, out);
}

void appendTime(int32_t hour, int32_t minute, int32_t second, int32_t micros, std::string& out) {
  appendTwoDigits(hour, out);
  out.push_back(':');
  appendTwoDigits(minute, out);
  out.push_back(':');
  appendTwoDigits(second, out);
  if (micros != 0) {
    out.push_back('.');
    appendFraction(micros, out);
  }
}

class JsonBinaryRenderer {
 public:
  JsonBinaryRenderer(std::string_view data, std::string& out)
      : data_(reinterpret_cast<const uint8_t*>(data.data())), size_(data.size()), out_(out) {}

  void render() {
    const uint8_t type = u8(0);
    requireValueType(type, 0);
    value(type, 1, 0);
  }

 private:
  struct Entry {
    uint8_t type = 0;
    bool inlined = false;
    bool literal_null = false;
    bool is_bool = false;
    bool bool_value = false;
    bool silent = false;  // the Java code stores an inlined uint32 as a Long and never prints it
    int64_t number = 0;
    size_t offset = 0;  // absolute position of an out-of-line value
  };

  void need(size_t pos, size_t len) const {
    if (pos > size_ || len > size_ - pos) {
      fail("value is truncated: needs " + std::to_string(len) + " byte(s) but " +
               std::to_string(pos > size_ ? 0 : size_ - pos) + " remain",
           pos);
    }
  }
  uint8_t u8(size_t pos) const {
    need(pos, 1);
    return data_[pos];
  }
  uint16_t u16(size_t pos) const {
    need(pos, 2);
    return static_cast<uint16_t>(data_[pos] | (data_[pos + 1] << 8));
  }
  uint32_t u32(size_t pos) const {
    need(pos, 4);
    return static_cast<uint32_t>(data_[pos]) | (static_cast<uint32_t>(data_[pos + 1]) << 8) |
           (static_cast<uint32_t>(data_[pos + 2]) << 16) |
           (static_cast<uint32_t>(data_[pos + 3]) << 24);
  }
  uint64_t u64(size_t pos) const {
    need(pos, 8);
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | data_[pos + i];
    return v;
  }
  std::string_view bytes(size_t pos, size_t len) const {
    need(pos, len);
    return {reinterpret_cast<const char*>(data_ + pos), len};
  }

  static void requireValueType(uint8_t type, size_t pos) {
    if (type > kString && type != kOpaque)
      fail("unknown value type code '" + hexByte(type) + "'", pos);
  }

  // MySQL's data-length: 7 bits per byte, high bit set when another byte follows, at most 5 bytes.
  // Returned as the Java int it becomes (the fifth byte can overflow it); users reject negatives.
  int32_t varLength(size_t& pos) const {
    uint32_t length = 0;
    for (int i = 0; i < 5; ++i) {
      const uint8_t b = u8(pos++);
      length |= static_cast<uint32_t>(b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) return static_cast<int32_t>(length);
    }
    fail("unterminated variable-length integer", pos);
  }
  static size_t checkedLength(int32_t length, size_t pos) {
    if (length < 0) fail("negative data length " + std::to_string(length), pos);
    return static_cast<size_t>(length);
  }

  void value(uint8_t type, size_t pos, int depth) {
    switch (type) {
      case kSmallObject:
        container(true, true, pos, depth);
        break;
      case kLargeObject:
        container(false, true, pos, depth);
        break;
      case kSmallArray:
        container(true, false, pos, depth);
        break;
      case kLargeArray:
        container(false, false, pos, depth);
        break;
      case kLiteral:
        literal(u8(pos), pos);
        break;
      case kInt16:
        out_ += std::to_string(static_cast<int16_t>(u16(pos)));
        break;
      case kUint16:
        out_ += std::to_string(u16(pos));
        break;
      case kInt32:
        out_ += std::to_string(static_cast<int32_t>(u32(pos)));
        break;
      // JsonBinary.readUInt32 masks with the int literal 0xFFFFFFFF, i.e. not at all, so Debezium
      // prints values from 2^31 up as negative numbers.
      case kUint32:
        out_ += std::to_string(static_cast<int32_t>(u32(pos)));
        break;
      case kInt64:
        out_ += std::to_string(static_cast<int64_t>(u64(pos)));
        break;
      case kUint64:
        out_ += std::to_string(u64(pos));
        break;
      case kDouble:
        appendJavaDoubleText(std::bit_cast<double>(u64(pos)), out_);
        break;
      case kString: {
        const size_t len = checkedLength(varLength(pos), pos);
        out_.push_back('"');
        appendJavaDecodedUtf8(bytes(pos, len), true, out_);
        out_.push_back('"');
        break;
      }
      case kOpaque:
        opaque(pos);
        break;
      default:
        fail("unknown value type code '" + hexByte(type) + "'", pos);
    }
  }

  void literal(uint8_t b, size_t pos) {
    switch (b) {
      case 0x00:
        out_ += "null";
        break;
      case 0x01:
        out_ += "true";
        break;
      case 0x02:
        out_ += "false";
        break;
      default:
        fail("unexpected value '" + hexByte(b) + "' for literal", pos);
    }
  }

  // JsonBinary.readUnsignedIndex. Large containers go through readUInt32, which sign-extends
  // (see kUint32), so an index of 2^31 or more is negative there and passes its range check.
  int64_t index(size_t& pos, bool small, int64_t max_value, const char* what) const {
    const int64_t v = small ? int64_t{u16(pos)} : int64_t{static_cast<int32_t>(u32(pos))};
    pos += small ? 2 : 4;
    if (v > max_value) {
      fail(std::string("the ") + what + " the JSON document is " + std::to_string(v) +
               " and is too big for the binary form of the document (" + std::to_string(max_value) +
               ")",
           pos);
    }
    return v;
  }

  void container(bool small, bool object, size_t base, int depth) {
    if (depth >= kMaxDepth) {
      fail("document is nested more than " + std::to_string(kMaxDepth) + " levels deep", base);
    }
    constexpr int64_t kIntMax = 0x7FFFFFFF;
    size_t pos = base;
    const int64_t count = index(pos, small, kIntMax, "number of elements in");
    const int64_t size = index(pos, small, kIntMax, "size of");
    const size_t width = small ? 2 : 4;
    if (count < 0) fail("negative number of elements " + std::to_string(count), pos);
    // Every entry takes at least one byte; checked so a corrupt count cannot drive allocation.
    if (static_cast<uint64_t>(count) > size_ - std::min(pos, size_)) {
      fail("value is truncated: " + std::to_string(count) + " entries announced", pos);
    }
    const auto n = static_cast<size_t>(count);

    std::vector<std::pair<int64_t, size_t>> keys;
    if (object) {
      keys.reserve(n);
      for (size_t i = 0; i < n; ++i) {
        const int64_t key_offset = index(pos, small, size, "key offset in");
        const size_t key_length = u16(pos);
        pos += 2;
        keys.emplace_back(key_offset, key_length);
      }
    }
    // An inlined value is followed by padding up to the entry width; JsonBinary skips it with
    // InputStream.skip, which stops quietly at the end of the data.
    auto skipPadding = [&](size_t used) { pos = std::min(size_, pos + width - used); };
    std::vector<Entry> entries(n);
    for (Entry& e : entries) {
      e.type = u8(pos);
      requireValueType(e.type, pos);
      ++pos;
      switch (e.type) {
        case kLiteral: {
          const uint8_t b = u8(pos);
          if (b > 0x02) fail("unexpected value '" + hexByte(b) + "' for literal", pos);
          e.inlined = true;
          e.literal_null = b == 0x00;
          e.is_bool = b != 0x00;
          e.bool_value = b == 0x01;
          ++pos;
          skipPadding(1);
          continue;
        }
        case kInt16:
          e.inlined = true;
          e.number = static_cast<int16_t>(u16(pos));
          pos += 2;
          skipPadding(2);
          continue;
        case kUint16:
          e.inlined = true;
          e.number = u16(pos);
          pos += 2;
          skipPadding(2);
          continue;
        case kInt32:
          if (!small) {
            e.inlined = true;
            e.number = static_cast<int32_t>(u32(pos));
            pos += 4;
            continue;
          }
          break;
        case kUint32:
          if (!small) {
            // Debezium drops this value (JsonBinary keeps it as a Long that the formatter ignores);
            // reproduced so the emitted text is identical.
            u32(pos);
            e.inlined = true;
            e.silent = true;
            pos += 4;
            continue;
          }
          break;
        default:
          break;
      }
      const int64_t value_offset = index(pos, small, kIntMax, "value offset in");
      if (value_offset >= size) {
        fail("the offset for the value in the JSON binary document is " +
                 std::to_string(value_offset) +
                 ", which is larger than the binary form of the JSON document (" +
                 std::to_string(size) + " bytes)",
             pos);
      }
      if (static_cast<int64_t>(base) + value_offset < 0) {
        fail("value offset " + std::to_string(value_offset) +
                 " points before the start of the value",
             pos);
      }
      e.offset = static_cast<size_t>(static_cast<int64_t>(base) + value_offset);
    }

    std::vector<std::string_view> names;
    if (object) {
      // JsonBinary reads the keys sequentially from a stream, skipping forward to each key offset.
      // A skip backwards moves its position counter but not the stream, so keys that overlap or go
      // backwards are read from where the stream really is. MySQL writes keys in order, so this
      // only matters for damaged values, which then render (or fail) exactly as in Debezium.
      size_t stream_pos = pos;
      int64_t counted_pos = static_cast<int64_t>(pos);
      names.reserve(n);
      for (const auto& [key_offset, key_length] : keys) {
        const int64_t skip = static_cast<int64_t>(base) + key_offset - counted_pos;
        if (skip > 0)
          stream_pos = static_cast<size_t>(std::min<int64_t>(
              static_cast<int64_t>(size_), static_cast<int64_t>(stream_pos) + skip));
        counted_pos += skip;
        names.push_back(bytes(stream_pos, key_length));
        stream_pos += key_length;
        counted_pos += static_cast<int64_t>(key_length);
      }
    }

    out_.push_back(object ? '{' : '[');
    for (size_t i = 0; i < n; ++i) {
      if (i != 0) out_.push_back(',');
      if (object) {
        out_.push_back('"');
        appendJavaDecodedUtf8(names[i], true, out_);
        out_ += "\":";
      }
      const Entry& e = entries[i];
      if (!e.inlined) {
        value(e.type, e.offset, depth + 1);
      } else if (e.literal_null) {
        out_ += "null";
      } else if (e.is_bool) {
        out_ += e.bool_value ? "true" : "false";
      } else if (!e.silent) {
        out_ += std::to_string(e.number);
      }
    }
    out_.push_back(object ? '}' : ']');
  }

  void opaque(size_t pos) {
    const uint8_t column_type = u8(pos);
    if (!isKnownColumnType(column_type)) {
      fail("unknown type '" + hexByte(column_type) + "' in first byte of a JSON opaque value", pos);
    }
    ++pos;
    const int32_t length = varLength(pos);
    switch (column_type) {
      case kTypeDecimal:
      case kTypeNewDecimal:
        decimal(pos, checkedLength(length, pos));
        break;
      case kTypeDate: {
        const int64_t value = static_cast<int64_t>(u64(pos)) >> 24;
        const int32_t year_month = static_cast<int32_t>(value >> 22) % (1 << 17);
        const int32_t day = static_cast<int32_t>(value >> 17) % (1 << 5);
        out_.push_back('"');
        appendDate(year_month / 13, year_month % 13, day, out_);
        out_.push_back('"');
        break;
      }
      case kTypeTime:
      case kTypeTime2: {
        // Field extraction mirrors JsonBinary.parseTime, including its handling of negative values.
        const int64_t raw = static_cast<int64_t>(u64(pos));
        const int64_t value = raw >> 24;
        int32_t hour = static_cast<int32_t>(value >> 12) % (1 << 10);
        const int32_t minute = static_cast<int32_t>(value >> 6) % (1 << 6);
        const int32_t second = static_cast<int32_t>(value) % (1 << 6);
        if (value < 0) hour = -hour;
        const auto micros = static_cast<int32_t>(raw % (1 << 24));
        out_.push_back('"');
        if (hour < 0) {
          out_.push_back('-');
          hour = -hour;
        }
        appendTime(hour, minute, second, micros, out_);
        out_.push_back('"');
        break;
      }
      case kTypeDatetime:
      case kTypeDatetime2:
      case kTypeTimestamp:
      case kTypeTimestamp2: {
        const int64_t raw = static_cast<int64_t>(u64(pos));
        const int64_t value = raw >> 24;
        const int32_t year_month = static_cast<int32_t>(value >> 22) % (1 << 17);
        const int32_t day = static_cast<int32_t>(value >> 17) % (1 << 5);
        const int32_t hour = static_cast<int32_t>(value >> 12) % (1 << 5);
        const int32_t minute = static_cast<int32_t>(value >> 6) % (1 << 6);
        const auto second = static_cast<int32_t>(value % (1 << 6));
        const auto micros = static_cast<int32_t>(raw % (1 << 24));
        out_.push_back('"');
        appendDate(year_month / 13, year_month % 13, day, out_);
        out_.push_back(' ');
        appendTime(hour, minute, second, micros, out_);
        out_.push_back('"');
        break;
      }
      default: {
        const std::string_view payload = bytes(pos, checkedLength(length, pos));
        out_.push_back('"');
        common::base64Encode(reinterpret_cast<const uint8_t*>(payload.data()), payload.size(),
                             out_);
        out_.push_back('"');
        break;
      }
    }
  }

  // MySQL's binary DECIMAL (decimal2bin) preceded by precision and scale bytes, printed as
  // BigDecimal.toPlainString with the stored scale.
  void decimal(size_t pos, size_t length) {
    static constexpr int kDigitsPerGroup = 9;
    static constexpr size_t kDigitsToBytes[] = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};
    if (length < 3)
      fail("DECIMAL value of " + std::to_string(length) + " byte(s) is too short", pos);
    const int precision = u8(pos);
    const int scale = u8(pos + 1);
    if (scale > precision) {
      fail("DECIMAL scale " + std::to_string(scale) + " exceeds precision " +
               std::to_string(precision),
           pos);
    }
    const std::string_view raw = bytes(pos + 2, length - 2);
    std::string buf(raw);
    auto* b = reinterpret_cast<uint8_t*>(buf.data());
    const bool positive = (b[0] & 0x80) != 0;
    b[0] ^= 0x80;
    if (!positive) {
      for (uint8_t& c : std::span<uint8_t>(b, buf.size())) c ^= 0xFF;
    }
    const int int_digits = precision - scale;
    const size_t int_groups = static_cast<size_t>(int_digits / kDigitsPerGroup);
    const size_t int_leading_digits = static_cast<size_t>(int_digits % kDigitsPerGroup);
    const size_t frac_groups = static_cast<size_t>(scale / kDigitsPerGroup);
    const size_t frac_trailing_digits = static_cast<size_t>(scale % kDigitsPerGroup);
    const size_t needed = kDigitsToBytes[int_leading_digits] + int_groups * 4 + frac_groups * 4 +
                          kDigitsToBytes[frac_trailing_digits];
    if (buf.size() < needed) {
      fail("DECIMAL(" + std::to_string(precision) + "," + std::to_string(scale) + ") needs " +
               std::to_string(needed) + " bytes but has " + std::to_string(buf.size()),
           pos);
    }
    size_t offset = 0;
    auto group = [&](size_t nbytes, size_t digits) {
      uint32_t v = 0;
      for (size_t i = 0; i < nbytes; ++i) v = (v << 8) | b[offset + i];
      offset += nbytes;
      uint32_t limit = 1;
      for (size_t i = 0; i < digits; ++i) limit *= 10;
      if (v >= limit)
        fail("DECIMAL digit group " + std::to_string(v) + " exceeds " + std::to_string(digits) +
                 " digits",
             pos);
      return v;
    };
    auto padded = [](uint32_t v, size_t digits) {
      std::string s = std::to_string(v);
      return std::string(digits - s.size(), '0') + s;
    };
    std::string int_part;
    if (int_leading_digits > 0)
      int_part += std::to_string(group(kDigitsToBytes[int_leading_digits], int_leading_digits));
    for (size_t i = 0; i < int_groups; ++i)
      int_part += padded(group(4, kDigitsPerGroup), kDigitsPerGroup);
    std::string frac_part;
    for (size_t i = 0; i < frac_groups; ++i)
      frac_part += padded(group(4, kDigitsPerGroup), kDigitsPerGroup);
    if (frac_trailing_digits > 0) {
      frac_part += padded(group(kDigitsToBytes[frac_trailing_digits], frac_trailing_digits),
                          frac_trailing_digits);
    }
    const size_t first_nonzero = int_part.find_first_not_of('0');
    int_part = first_nonzero == std::string::npos ? "0" : int_part.substr(first_nonzero);
    // BigDecimal has no negative zero: a negated zero prints without a sign.
    const bool zero = int_part == "0" && frac_part.find_first_not_of('0') == std::string::npos;
    if (!positive && !zero) out_.push_back('-');
    out_ += int_part;
    if (!frac_part.empty()) {
      out_.push_back('.');
      out_ += frac_part;
    }
  }

  const uint8_t* data_;
  size_t size_;
  std::string& out_;
};

}  // namespace

void appendJsonText(std::string_view mysql_binary_json, std::string& out) {
  if (mysql_binary_json.empty()) {
    throw std::runtime_error(
        "Malformed MySQL binary JSON value: empty value (Debezium emits null for a nullable column "
        "and \"{}\" otherwise without parsing it)");
  }
  const size_t mark = out.size();
  // JsonBinary.isJSONString compares a signed Java byte: only 0x10..0x7f mean text.
  if (static_cast<int8_t>(mysql_binary_json[0]) > 0x0f) {
    appendJavaDecodedUtf8(mysql_binary_json, false, out);
    return;
  }
  try {
    JsonBinaryRenderer(mysql_binary_json, out).render();
  } catch (...) {
    out.resize(mark);
    throw;
  }
}

std::string jsonText(std::string_view mysql_binary_json) {
  std::string out;
  out.reserve(mysql_binary_json.size() * 2);
  appendJsonText(mysql_binary_json, out);
  return out;
}

}  // namespace connectd::mysql::binlog
