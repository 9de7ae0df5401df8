#include "server/common/properties.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace connectd::common {

namespace {

bool isWhitespace(char c) { return c == ' ' || c == '\t' || c == '\f'; }

void appendUtf8(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Splits the text into logical lines: continuation backslashes and the leading whitespace
// of continued lines removed, escapes still in place (Properties.LineReader).
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}

  bool next(std::string& line) {
    line.clear();
    bool in_line = false;        // a non-blank, non-comment logical line has begun
    bool skip_whitespace = true;  // at the start of a natural line
    bool is_comment = false;
    bool append_continuation = false;
    bool preceding_backslash = false;
    while (pos_ < text_.size()) {
      char c = text_[pos_++];
      if (skip_whitespace) {
        if (isWhitespace(c)) continue;
        if (!append_continuation && (c == '\r' || c == '\n')) continue;
        skip_whitespace = false;
        append_continuation = false;
      }
      if (!in_line && line.empty()) {
        if (c == '#' || c == '!') {
          is_comment = true;
        }
      }
      if (is_comment) {
        // Comments end at the natural line end; backslashes do not continue them.
        if (c == '\n' || c == '\r') {
          is_comment = false;
          skip_whitespace = true;
        }
        continue;
      }
      if (c != '\n' && c != '\r') {
        in_line = true;
        line.push_back(c);
        preceding_backslash = (c == '\\') ? !preceding_backslash : false;
        continue;
      }
      // End of a natural line.
      if (preceding_backslash) {
        line.pop_back();
        preceding_backslash = false;
        skip_whitespace = true;
        append_continuation = true;
        if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
        continue;
      }
      if (line.empty()) {
        skip_whitespace = true;
        continue;
      }
      return true;
    }
    if (preceding_backslash && !line.empty()) line.pop_back();
    return in_line && !line.empty();
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

std::string unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    if (++i >= s.size()) break;
    c = s[i];
    switch (c) {
      case 't': out.push_back('\t'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 'f': out.push_back('\f'); break;
      case 'u': {
        uint32_t cp = 0;
        int digits = 0;
        while (digits < 4 && i + 1 < s.size() && hexValue(s[i + 1]) >= 0) {
          cp = (cp << 4) | static_cast<uint32_t>(hexValue(s[++i]));
          ++digits;
        }
        if (digits < 4) throw std::invalid_argument("Malformed \\uxxxx encoding.");
        // Join a UTF-16 surrogate pair written as two escapes.
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 < s.size() && s[i + 1] == '\\' && s[i + 2] == 'u') {
          uint32_t low = 0;
          bool ok = true;
          for (int k = 0; k < 4; ++k) {
            int h = hexValue(s[i + 3 + k]);
            if (h < 0) {
              ok = false;
              break;
            }
            low = (low << 4) | static_cast<uint32_t>(h);
          }
          if (ok && low >= 0xDC00 && low <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            i += 6;
          }
        }
        appendUtf8(cp, out);
        break;
      }
      default: out.push_back(c); break;
    }
  }
  return out;
}

}  // namespace

std::map<std::string, std::string> parseProperties(std::string_view text) {
  std::map<std::string, std::string> props;
  LineReader reader(text);
  std::string line;
  while (reader.next(line)) {
    size_t key_len = 0;
    size_t value_start = line.size();
    bool has_separator = false;
    bool preceding_backslash = false;
    while (key_len < line.size()) {
      char c = line[key_len];
      if ((c == '=' || c == ':') && !preceding_backslash) {
        value_start = key_len + 1;
        has_separator = true;
        break;
      }
      if (isWhitespace(c) && !preceding_backslash) {
        value_start = key_len + 1;
        break;
      }
      preceding_backslash = (c == '\\') ? !preceding_backslash : false;
      ++key_len;
    }
    while (value_start < line.size()) {
      char c = line[value_start];
      if (!isWhitespace(c)) {
        if (!has_separator && (c == '=' || c == ':')) {
          has_separator = true;
        } else {
          break;
        }
      }
      ++value_start;
    }
    std::string_view view(line);
    props[unescape(view.substr(0, key_len))] = unescape(view.substr(std::min(value_start, line.size())));
  }
  return props;
}

std::map<std::string, std::string> loadPropertiesFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": " + std::strerror(errno));
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) throw std::runtime_error(path + ": read error");
  try {
    return parseProperties(buf.str());
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

}  // namespace connectd::common
