#include "connectors/mysql/values/charset_decoder.h"

#include <iconv.h>

#include <cerrno>
#include <mutex>
#include <unordered_map>

#include "server/common/strings.h"

namespace connectd::mysql {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// MySQL charset -> the iconv name of the Java charset Connector/J uses for it.
struct CharsetInfo {
  const char* mysql;
  const char* iconv;
  bool single_byte;
};
constexpr CharsetInfo kCharsets[] = {
    {"utf8mb4", "UTF-8", false},  {"utf8mb3", "UTF-8", false},   {"utf8", "UTF-8", false},
    {"latin1", "CP1252", true},   {"binary", "ISO-8859-1", true}, {"ascii", "US-ASCII", true},
    {"latin2", "ISO-8859-2", true}, {"latin5", "ISO-8859-9", true}, {"latin7", "ISO-8859-13", true},
    {"greek", "ISO-8859-7", true}, {"hebrew", "ISO-8859-8", true}, {"cp1250", "CP1250", true},
    {"cp1251", "CP1251", true},   {"cp1256", "CP1256", true},    {"cp1257", "CP1257", true},
    {"cp850", "CP850", true},     {"cp852", "CP852", true},      {"cp866", "CP866", true},
    {"koi8r", "KOI8-R", true},    {"koi8u", "KOI8-U", true},     {"macroman", "MACINTOSH", true},
    {"macce", "MAC-CENTRALEUROPE", true}, {"tis620", "TIS-620", true}, {"armscii8", "ARMSCII-8", true},
    {"keybcs2", "CP895", true},   {"dec8", "ISO-8859-1", true},  {"hp8", "ISO-8859-1", true},
    {"swe7", "ISO-8859-1", true}, {"geostd8", "GEORGIAN-PS", true},
    {"ucs2", "UTF-16BE", false},  {"utf16", "UTF-16BE", false},  {"utf16le", "UTF-16LE", false},
    {"utf32", "UTF-32BE", false}, {"sjis", "SHIFT_JIS", false},  {"cp932", "CP932", false},
    {"ujis", "EUC-JP", false},    {"eucjpms", "EUC-JP-MS", false}, {"euckr", "EUC-KR", false},
    {"gb2312", "EUC-CN", false},  {"gbk", "GBK", false},         {"gb18030", "GB18030", false},
    {"big5", "BIG5", false},
};

// Converts with iconv to UTF-8; an unconvertible or truncated sequence becomes U+FFFD and
// decoding resumes one byte later.
bool iconvToUtf8(iconv_t cd, std::string_view bytes, std::string& out) {
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  char buf[4096];
  while (in_left > 0) {
    char* o = buf;
    size_t o_left = sizeof(buf);
    size_t r = iconv(cd, &in, &in_left, &o, &o_left);
    out.append(buf, sizeof(buf) - o_left);
    if (r == static_cast<size_t>(-1)) {
      if (errno == E2BIG) continue;
      out.append(kReplacement);
      ++in;
      --in_left;
      iconv(cd, nullptr, nullptr, nullptr, nullptr);
    }
  }
  char* o = buf;
  size_t o_left = sizeof(buf);
  iconv(cd, nullptr, nullptr, &o, &o_left);
  out.append(buf, sizeof(buf) - o_left);
  return true;
}

std::shared_ptr<const std::array<std::string, 256>> buildTable(const char* encoding) {
  static std::mutex mu;
  static std::unordered_map<std::string, std::shared_ptr<const std::array<std::string, 256>>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(encoding);
  if (it != cache.end()) return it->second;
  iconv_t cd = iconv_open("UTF-8", encoding);
  if (cd == reinterpret_cast<iconv_t>(-1)) return nullptr;
  auto table = std::make_shared<std::array<std::string, 256>>();
  for (int b = 0; b < 256; ++b) {
    char in_byte = static_cast<char>(b);
    char* in = &in_byte;
    size_t in_left = 1;
    char buf[8];
    char* o = buf;
    size_t o_left = sizeof(buf);
    iconv(cd, nullptr, nullptr, nullptr, nullptr);
    size_t r = iconv(cd, &in, &in_left, &o, &o_left);
    if (r == static_cast<size_t>(-1) || in_left != 0 || o_left == sizeof(buf))
      (*table)[b] = std::string(kReplacement);
    else
      (*table)[b].assign(buf, sizeof(buf) - o_left);
  }
  iconv_close(cd);
  cache.emplace(encoding, table);
  return table;
}

}  // namespace

void appendUtf8Lossy(std::string_view bytes, std::string& out) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t n = bytes.size(), i = 0;
  out.reserve(out.size() + n);
  while (i < n) {
    size_t start = i;
    while (i < n && s[i] < 0x80) ++i;
    out.append(bytes.data() + start, i - start);
    if (i >= n) break;
    unsigned char c = s[i];
    size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    }
    if (len == 0) {
      out.append(kReplacement);
      ++i;
      continue;
    }
    // Maximal subpart: consume continuation bytes while they are valid; replace what was read.
    size_t j = i + 1;
    bool ok = true;
    for (size_t k = 1; k < len; ++k, ++j) {
      unsigned char lo_k = k == 1 ? lo : 0x80, hi_k = k == 1 ? hi : 0xBF;
      if (j >= n || s[j] < lo_k || s[j] > hi_k) {
        ok = false;
        break;
      }
    }
    if (ok) {
      out.append(bytes.data() + i, len);
      i += len;
    } else {
      out.append(kReplacement);
      i = j;
    }
  }
}

CharsetDecoder::CharsetDecoder(std::string_view mysql_charset) {
  std::string name = common::toLower(common::trim(mysql_charset));
  for (const auto& info : kCharsets) {
    if (name != info.mysql) continue;
    if (std::string_view(info.iconv) == "UTF-8") return;
    if (info.single_byte) {
      table_ = buildTable(info.iconv);
      if (table_) {
        mode_ = Mode::SingleByte;
        encoding_ = info.iconv;
      }
      return;
    }
    iconv_t cd = iconv_open("UTF-8", info.iconv);
    if (cd != reinterpret_cast<iconv_t>(-1)) {
      iconv_close(cd);
      mode_ = Mode::Iconv;
      encoding_ = info.iconv;
    }
    return;
  }
}

void CharsetDecoder::decode(std::string_view bytes, std::string& out) const {
  switch (mode_) {
    case Mode::Utf8:
      appendUtf8Lossy(bytes, out);
      return;
    case Mode::SingleByte: {
      const auto& table = *table_;
      out.reserve(out.size() + bytes.size());
      for (unsigned char c : bytes) {
        if (c < 0x80 && table[c].size() == 1 && table[c][0] == static_cast<char>(c))
          out.push_back(static_cast<char>(c));
        else
          out.append(table[c]);
      }
      return;
    }
    case Mode::Iconv: {
      // iconv descriptors carry shift state, so each call gets its own.
      iconv_t cd = iconv_open("UTF-8", encoding_.c_str());
      if (cd == reinterpret_cast<iconv_t>(-1)) {
        appendUtf8Lossy(bytes, out);
        return;
      }
      iconvToUtf8(cd, bytes, out);
      iconv_close(cd);
      return;
    }
  }
}

}  // namespace connectd::mysql
