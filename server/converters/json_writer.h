#pragma once

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

#include "server/common/json_escape.h"
#include "server/common/strings.h"

namespace connectd::converters {

// Appends JSON tokens to a caller-owned buffer, byte for byte as Kafka's JsonSerializer (Jackson)
// writes them: compact, strings escaped only for '"', '\\' and control characters, non-ASCII kept
// as raw UTF-8, floating point in Java's Float/Double.toString form, NaN and infinities quoted.
//
// The writer keeps no structural state: the caller emits ',' ':' '{' ... itself, because the
// converters always know the shape they write and a state stack would only cost time.
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void raw(char c) { out_.push_back(c); }
  void raw(std::string_view s) { out_.append(s); }
  void null() { out_.append("null", 4); }
  void boolean(bool v) { v ? out_.append("true", 4) : out_.append("false", 5); }
  void int64(int64_t v) {
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, static_cast<size_t>(res.ptr - buf));
  }
  void float32(float v);
  void float64(double v);
  void string(std::string_view s) { appendQuoted(s, out_); }
  // Bytes as Jackson writes a binary node: a base64 string (standard alphabet, padded).
  void base64(std::string_view bytes) {
    out_.push_back('"');
    common::base64Encode(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), out_);
    out_.push_back('"');
  }
  // `"key":`
  void key(std::string_view k) {
    appendQuoted(k, out_);
    out_.push_back(':');
  }
  // `{"key":` for the first member of an object, `,"key":` for the next ones.
  void member(bool first, std::string_view k) {
    out_.push_back(first ? '{' : ',');
    key(k);
  }

  std::string& buffer() { return out_; }

  // The quoted, escaped form of `s`, appended to `out`.
  static void appendQuoted(std::string_view s, std::string& out) { common::appendJsonQuoted(s, out); }

 private:
  std::string& out_;
};

}  // namespace connectd::converters
