#include "connectors/mysql/values/schema_name_adjuster.h"

#include <cstdio>
#include <vector>

namespace connectd::mysql {

namespace {

std::vector<uint16_t> toUtf16(std::string_view s) {
  std::vector<uint16_t> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    uint32_t cp;
    size_t len;
    if (c < 0x80) {
      cp = c;
      len = 1;
    } else if (c < 0xE0 && i + 1 < s.size()) {
      cp = (c & 0x1Fu) << 6 | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
      len = 2;
    } else if (c < 0xF0 && i + 2 < s.size()) {
      cp = (c & 0x0Fu) << 12 | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6 |
           (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
      len = 3;
    } else if (i + 3 < s.size()) {
      cp = (c & 0x07u) << 18 | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 12 |
           (static_cast<unsigned char>(s[i + 2]) & 0x3Fu) << 6 | (static_cast<unsigned char>(s[i + 3]) & 0x3Fu);
      len = 4;
    } else {
      cp = 0xFFFD;
      len = 1;
    }
    i += len;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<uint16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<uint16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(static_cast<uint16_t>(cp));
    }
  }
  return out;
}

bool isLetter(uint16_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isDigit(uint16_t c) { return c >= '0' && c <= '9'; }

std::string adjust(std::string_view name, NameAdjustmentMode mode, bool allow_dot) {
  if (mode == NameAdjustmentMode::None || name.empty()) return std::string(name);
  const bool unicode = mode == NameAdjustmentMode::AvroUnicode;
  auto validFirst = [&](uint16_t c) { return isLetter(c) || (!unicode && c == '_'); };
  auto validNext = [&](uint16_t c) { return isLetter(c) || c == '_' || isDigit(c) || (allow_dot && c == '.'); };
  auto replacement = [&](uint16_t c) {
    if (!unicode) return std::string("_");
    char buf[16];
    std::snprintf(buf, sizeof buf, "%x", c);
    std::string hex = buf;
    if (hex.size() <= 2) hex = "00" + hex;
    return "_u" + hex;
  };
  auto units = toUtf16(name);
  bool changed = false;
  std::string out;
  for (size_t i = 0; i < units.size(); ++i) {
    uint16_t c = units[i];
    bool valid = i == 0 ? validFirst(c) : validNext(c);
    if (valid) {
      out.push_back(static_cast<char>(c));
      continue;
    }
    changed = true;
    out += replacement(c);
    if (i == 0 && !unicode && isDigit(c)) out.push_back(static_cast<char>(c));
  }
  return changed ? out : std::string(name);
}

}  // namespace

std::string adjustSchemaName(std::string_view name, NameAdjustmentMode mode) { return adjust(name, mode, true); }
std::string adjustFieldName(std::string_view name, NameAdjustmentMode mode) { return adjust(name, mode, false); }

}  // namespace connectd::mysql
