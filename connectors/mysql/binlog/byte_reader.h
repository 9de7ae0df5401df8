#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "connectors/mysql/binlog/binlog_event.h"

namespace connectd::mysql::binlog {

// Bounds-checked cursor over little-endian binlog bytes. Every read past the end throws
// BinlogFormatException naming `what`, so a truncated or corrupt event never reads out of bounds.
class ByteReader {
 public:
  ByteReader(std::string_view data, const char* what)
      : p_(reinterpret_cast<const uint8_t*>(data.data())), end_(p_ + data.size()), what_(what) {}

  size_t remaining() const { return static_cast<size_t>(end_ - p_); }
  bool empty() const { return p_ == end_; }
  const uint8_t* pos() const { return p_; }

  void need(size_t n) const {
    if (remaining() < n) fail(n);
  }
  void skip(size_t n) {
    need(n);
    p_ += n;
  }
  uint8_t u8() {
    need(1);
    return *p_++;
  }
  uint16_t u16() { return static_cast<uint16_t>(uint(2)); }
  uint32_t u24() { return static_cast<uint32_t>(uint(3)); }
  uint32_t u32() { return static_cast<uint32_t>(uint(4)); }
  uint64_t u48() { return uint(6); }
  uint64_t u64() { return uint(8); }
  // Little-endian unsigned of 1..8 bytes.
  uint64_t uint(size_t n) {
    need(n);
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i) v |= static_cast<uint64_t>(p_[i]) << (8 * i);
    p_ += n;
    return v;
  }
  // Big-endian unsigned of 1..8 bytes (temporal and decimal encodings).
  uint64_t uintBE(size_t n) {
    need(n);
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i) v = (v << 8) | p_[i];
    p_ += n;
    return v;
  }
  // Length-encoded integer of the client/server protocol (net_field_length).
  uint64_t packed() {
    uint8_t first = u8();
    if (first < 0xfb) return first;
    if (first == 0xfc) return uint(2);
    if (first == 0xfd) return uint(3);
    if (first == 0xfe) return uint(8);
    fail(0);
  }
  // MySQL serialization library varlen integer: the count of trailing one bits of the first
  // byte plus one is the byte count; 0xff means eight raw bytes follow.
  uint64_t varlen() {
    uint8_t first = u8();
    if (first == 0xff) return u64();
    size_t n = 1;
    while (first & (1u << (n - 1))) ++n;
    --p_;
    uint64_t v = uint(n);
    return v >> n;
  }
  std::string_view bytes(size_t n) {
    need(n);
    std::string_view v(reinterpret_cast<const char*>(p_), n);
    p_ += n;
    return v;
  }
  std::string_view rest() { return bytes(remaining()); }

  [[noreturn]] void fail(size_t n) const {
    throw BinlogFormatException(std::string("Truncated or malformed ") + what_ + " event: needed " +
                                std::to_string(n) + " more byte(s), " +
                                std::to_string(remaining()) + " left");
  }

 private:
  const uint8_t* p_;
  const uint8_t* end_;
  const char* what_;
};

}  // namespace connectd::mysql::binlog
