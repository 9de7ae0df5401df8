#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "connectors/mysql/binlog/binlog_event.h"

namespace connectd::mysql::binlog::test {

inline std::string unhex(std::string_view hex) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    throw std::invalid_argument("bad hex");
  };
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<char>(nibble(hex[i]) << 4 | nibble(hex[i + 1])));
  return out;
}

// A captured event: the raw bytes stay alive with the decoded view.
struct RawEvent {
  std::string raw;
  Event event;
  explicit RawEvent(std::string_view hex, bool crc32 = true) : raw(unhex(hex)) {
    event = decodeEvent(raw, crc32, true);
  }
};

inline void putLe(std::string& out, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

// Builds a raw event around `body`: common header and, with `crc32`, a valid checksum.
inline std::string buildEvent(uint8_t type, std::string_view body, bool crc32 = true,
                              uint32_t server_id = 1, uint32_t log_pos = 1000,
                              uint32_t timestamp = 1700000000) {
  std::string raw;
  uint32_t size = static_cast<uint32_t>(kEventHeaderLength + body.size() + (crc32 ? 4 : 0));
  putLe(raw, timestamp, 4);
  raw.push_back(static_cast<char>(type));
  putLe(raw, server_id, 4);
  putLe(raw, size, 4);
  putLe(raw, log_pos, 4);
  putLe(raw, 0, 2);
  raw.append(body);
  if (crc32) putLe(raw, ::connectd::mysql::binlog::crc32(raw.data(), raw.size()), 4);
  return raw;
}

}  // namespace connectd::mysql::binlog::test
