#include "connectors/mysql/schema/ddl_normalizer.h"

#include <optional>

#include "server/common/java_regex.h"
#include "server/common/strings.h"

namespace connectd::mysql {

namespace {

constexpr const char* kKeywords =
    "CUME_DIST|DENSE_RANK|FIRST_VALUE|JSON_TABLE|LAG|LAST_VALUE|LEAD|NTH_VALUE|NTILE|"
    "PERCENT_RANK|RANK|ROW_NUMBER";

const common::JavaRegex& tableNamePattern() {
  static const common::JavaRegex re(
      std::string("(?i)\\b(CREATE\\s+TABLE|ALTER\\s+TABLE|DROP\\s+TABLE|FROM|JOIN|LEFT\\s+JOIN|"
                  "RIGHT\\s+JOIN|INNER\\s+JOIN|OUTER\\s+JOIN|INTO)\\s+(") +
      kKeywords + ")\\b");
  return re;
}

const common::JavaRegex& columnNamePattern() {
  static const common::JavaRegex re(
      std::string("(?i)\\b(") + kKeywords +
      ")\\s+((?:VAR)?CHAR|INT|BIGINT|DECIMAL|NUMERIC|FLOAT|DOUBLE|JSON|TEXT|BLOB|DATE|DATETIME|"
      "TIMESTAMP|TIME|YEAR|ENUM|SET|BINARY|VARBINARY|BIT|BOOL|BOOLEAN)\\b");
  return re;
}

const common::JavaRegex& labelPattern() {
  static const common::JavaRegex re(std::string("(?i)\\b(") + kKeywords + ")\\s*:");
  return re;
}

// Cheap pre-check so the regexes only run on text that can contain one of the keywords.
bool mayHoldKeyword(std::string_view plain) {
  std::string upper = common::toUpper(plain);
  for (std::string_view k :
       {"RANK", "LAG", "LEAD", "NTILE", "CUME_DIST", "ROW_NUMBER", "JSON_TABLE", "_VALUE"}) {
    if (upper.find(k) != std::string::npos) return true;
  }
  return false;
}

void appendPlain(std::string_view plain, std::string& out) {
  if (plain.empty()) return;
  if (!mayHoldKeyword(plain)) {
    out.append(plain);
    return;
  }
  std::string s = tableNamePattern().replaceAll(plain, "$1 `$2`");
  s = columnNamePattern().replaceAll(s, "`$1` $2");
  s = labelPattern().replaceAll(s, "`$1`:");
  out += s;
}

// The end of a quoted run "<q>(?:<q><q>|[^<q>\\]|\\.)*<q>" starting at `start`, with the
// backtracking a regex engine would do: when no closing quote follows, the match ends at the
// first quote of the last doubled pair. nullopt when there is no match.
std::optional<size_t> quotedEnd(std::string_view s, size_t start, char q, bool backslash) {
  size_t i = start + 1;
  std::optional<size_t> last_pair;
  while (i < s.size()) {
    char c = s[i];
    if (c == q) {
      if (i + 1 < s.size() && s[i + 1] == q) {
        last_pair = i;
        i += 2;
        continue;
      }
      return i + 1;
    }
    if (c == '\\' && backslash) {
      if (i + 1 >= s.size()) break;
      i += 2;
      continue;
    }
    ++i;
  }
  if (last_pair) return *last_pair + 1;
  return std::nullopt;
}

}  // namespace

std::string DdlNormalizer::normalize(std::string_view ddl, bool ansi_quotes) {
  std::string out;
  out.reserve(ddl.size() + 16);
  size_t plain_start = 0;
  size_t i = 0;
  while (i < ddl.size()) {
    char c = ddl[i];
    std::optional<size_t> end;
    bool convert = false;
    if (c == '-' && i + 1 < ddl.size() && ddl[i + 1] == '-') {
      size_t e = ddl.find('\n', i);
      end = e == std::string_view::npos ? ddl.size() : e;
    } else if (c == '#') {
      size_t e = ddl.find('\n', i);
      end = e == std::string_view::npos ? ddl.size() : e;
    } else if (c == '/' && i + 1 < ddl.size() && ddl[i + 1] == '*' &&
               !(i + 2 < ddl.size() && ddl[i + 2] == '!')) {
      size_t e = ddl.find("*/", i + 2);
      if (e != std::string_view::npos) end = e + 2;
    } else if (c == '\'') {
      end = quotedEnd(ddl, i, '\'', true);
    } else if (c == '"') {
      end = quotedEnd(ddl, i, '"', true);
      convert = end.has_value() && !ansi_quotes;
    } else if (c == '`') {
      end = quotedEnd(ddl, i, '`', false);
    }
    if (!end) {
      ++i;
      continue;
    }
    appendPlain(ddl.substr(plain_start, i - plain_start), out);
    if (convert) {
      out += '\'';
      for (char ch : ddl.substr(i + 1, *end - i - 2)) {
        if (ch == '\'') out += '\'';
        out += ch;
      }
      out += '\'';
    } else {
      out.append(ddl.substr(i, *end - i));
    }
    i = *end;
    plain_start = i;
  }
  appendPlain(ddl.substr(plain_start), out);
  return out;
}

}  // namespace connectd::mysql
