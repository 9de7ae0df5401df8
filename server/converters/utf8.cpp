#include "server/converters/utf8.h"

#include <cstdint>

namespace connectd::converters {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Length of the well-formed sequence at s[i], or 0 with `consumed` set to the length of the
// maximal ill-formed subpart (Unicode 3.9, table 3-7).
size_t sequenceAt(std::string_view s, size_t i, size_t& consumed) {
  auto b = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  uint8_t c = b(i);
  consumed = 1;
  if (c < 0x80) return 1;
  size_t need;
  uint8_t lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    need = 1;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 2;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  for (size_t k = 1; k <= need; ++k) {
    if (i + k >= s.size()) return 0;
    uint8_t t = b(i + k);
    uint8_t l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
    if (t < l || t > h) return 0;
    consumed = k + 1;
  }
  return need + 1;
}

}  // namespace

std::string decodeUtf8Lossy(std::string_view bytes) {
  size_t i = 0;
  while (i < bytes.size() && static_cast<uint8_t>(bytes[i]) < 0x80) ++i;
  if (i == bytes.size()) return std::string(bytes);

  std::string out(bytes.substr(0, i));
  out.reserve(bytes.size() + 8);
  while (i < bytes.size()) {
    size_t consumed;
    size_t len = sequenceAt(bytes, i, consumed);
    if (len) {
      out.append(bytes.substr(i, len));
      i += len;
    } else {
      out.append(kReplacement);
      i += consumed;
    }
  }
  return out;
}

}  // namespace connectd::converters
