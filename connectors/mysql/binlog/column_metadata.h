#pragma once

#include <cstdint>

#include "connectors/mysql/binlog/table_map_event.h"

namespace connectd::mysql::binlog {

// The real type and maximum byte length of a String column (CHAR, BINARY, ENUM, SET). MySQL
// folds bits 8-9 of a CHAR length above 255 into the real-type byte, inverted, so that a
// real type with those two bits clear still reads as STRING (0xfe).
struct StringMetadata {
  ColumnType real_type;
  uint32_t length;  // CHAR/BINARY: max bytes; ENUM/SET: storage bytes
};

inline StringMetadata decodeStringMetadata(uint16_t metadata) {
  auto real = static_cast<uint8_t>(metadata >> 8);
  uint32_t length = metadata & 0xff;
  if ((real & 0x30) != 0x30) {
    length |= static_cast<uint32_t>((real & 0x30) ^ 0x30) << 4;
    real |= 0x30;
  }
  return {static_cast<ColumnType>(real), length};
}

}  // namespace connectd::mysql::binlog
