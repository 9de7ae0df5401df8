#include "transforms/debezium/schema_name_adjuster.h"

#include <spdlog/spdlog.h>

#include <cstdint>
#include <vector>

#include "server/api/errors.h"
#include "server/common/strings.h"

namespace connectd::transforms {

namespace {

// The UTF-16 code units of a UTF-8 string, as Java holds it; a malformed byte becomes U+FFFD.
std::vector<char16_t> utf16Units(std::string_view s) {
  std::vector<char16_t> out;
  size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<unsigned char>(s[i]);
    uint32_t cp = 0xFFFD;
    size_t len = 1;
    if (b < 0x80) {
      cp = b;
    } else if ((b & 0xE0) == 0xC0) {
      len = 2;
    } else if ((b & 0xF0) == 0xE0) {
      len = 3;
    } else if ((b & 0xF8) == 0xF0) {
      len = 4;
    }
    if (len > 1) {
      bool ok = i + len <= s.size();
      uint32_t v = b & (0x7F >> len);
      for (size_t k = 1; ok && k < len; ++k) {
        auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xC0) != 0x80) ok = false;
        v = (v << 6) | (c & 0x3F);
      }
      if (ok) {
        cp = v;
      } else {
        len = 1;
      }
    }
    i += len;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
  }
  return out;
}

bool isAsciiLetter(char16_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isAsciiDigit(char16_t c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<SchemaNameAdjuster::Mode> SchemaNameAdjuster::parseMode(std::string_view value) {
  std::string v = common::toLower(common::trim(value));
  if (v == "none") return Mode::None;
  if (v == "avro") return Mode::Avro;
  if (v == "avro_unicode") return Mode::AvroUnicode;
  return std::nullopt;
}

std::string SchemaNameAdjuster::adjust(std::string_view proposed_name) {
  if (mode_ == Mode::None || proposed_name.empty()) return std::string(proposed_name);
  const bool unicode = mode_ == Mode::AvroUnicode;
  auto validFirst = [unicode](char16_t c) { return isAsciiLetter(c) || (!unicode && c == '_'); };
  auto validNonFirst = [&](char16_t c) { return validFirst(c) || c == '.' || isAsciiDigit(c); };
  auto replacement = [unicode](char16_t c) -> std::string {
    if (!unicode) return "_";
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned v = c; v != 0 || hex.empty(); v >>= 4) hex.insert(hex.begin(), kHex[v & 0xF]);
    if (hex.size() <= 2) hex = "00" + hex;
    return "_u" + hex;
  };

  std::vector<char16_t> units = utf16Units(proposed_name);
  std::string result;
  bool changed = false;
  for (size_t i = 0; i < units.size(); ++i) {
    char16_t c = units[i];
    if (i == 0 ? validFirst(c) : validNonFirst(c)) {
      result.push_back(static_cast<char>(c));
      continue;
    }
    result += replacement(c);
    // Avro keeps a leading digit after its '_' so names differing only there stay distinct.
    if (i == 0 && !unicode && isAsciiDigit(c)) result.push_back(static_cast<char>(c));
    changed = true;
  }
  if (!changed) return std::string(proposed_name);

  auto [it, inserted] = original_by_replacement_.emplace(result, std::string(proposed_name));
  if (inserted) {
    spdlog::warn(
        "The Kafka Connect schema name '{}' is not a valid Avro schema name, so replacing with "
        "'{}'",
        proposed_name, result);
  } else if (it->second != proposed_name) {
    std::string message = "The Kafka Connect schema name '" + std::string(proposed_name) +
                          "' is not a valid Avro schema name and its replacement '" + result +
                          "' conflicts with another different schema '" + it->second + "'";
    spdlog::error("{}", message);
    throw api::ConnectException(message);
  }
  return result;
}

}  // namespace connectd::transforms
