#include "server/common/json_escape.h"

#include <cstring>

namespace connectd::common {

namespace {

// 0: copy as is; 'u': \u00XX; otherwise the character after the backslash. Jackson's standard
// escapes: the two-character forms for \b \t \n \f \r, \u00XX (upper-case hex) for the other
// control characters. DEL and everything >= 0x80 are written raw.
constexpr auto kEscapes = [] {
  struct Table {
    char v[256] = {};
  } t;
  for (int c = 0; c < 0x20; ++c) t.v[c] = 'u';
  t.v[static_cast<int>('\b')] = 'b';
  t.v[static_cast<int>('\t')] = 't';
  t.v[static_cast<int>('\n')] = 'n';
  t.v[static_cast<int>('\f')] = 'f';
  t.v[static_cast<int>('\r')] = 'r';
  t.v[static_cast<int>('"')] = '"';
  t.v[static_cast<int>('\\')] = '\\';
  return t;
}();

void appendJsonQuotedSlow(std::string_view s, size_t first_escape, std::string& out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out.reserve(out.size() + s.size() + 8);
  out.push_back('"');
  out.append(s.data(), first_escape);
  size_t run_start = first_escape;
  for (size_t i = first_escape; i < s.size(); ++i) {
    char esc = kEscapes.v[static_cast<unsigned char>(s[i])];
    if (esc == 0) continue;
    out.append(s.data() + run_start, i - run_start);
    run_start = i + 1;
    if (esc == 'u') {
      unsigned char c = static_cast<unsigned char>(s[i]);
      const char seq[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
      out.append(seq, 6);
    } else {
      const char seq[2] = {'\\', esc};
      out.append(seq, 2);
    }
  }
  out.append(s.data() + run_start, s.size() - run_start);
  out.push_back('"');
}

}  // namespace

void appendJsonQuoted(std::string_view s, std::string& out) {
  size_t i = 0;
  while (i < s.size() && kEscapes.v[static_cast<unsigned char>(s[i])] == 0) ++i;
  if (i == s.size()) {
    // Nearly every string needs no escaping: one growth check and one copy.
    size_t at = out.size();
    out.resize(at + s.size() + 2);
    char* p = out.data() + at;
    *p = '"';
    std::memcpy(p + 1, s.data(), s.size());
    p[s.size() + 1] = '"';
    return;
  }
  appendJsonQuotedSlow(s, i, out);
}

}  // namespace connectd::common
