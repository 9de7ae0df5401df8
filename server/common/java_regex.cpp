#include "server/common/java_regex.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <array>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

namespace connectd::common {

namespace {

std::string javaMessage(const std::string& description, const std::string& pattern, int index) {
  std::string out = description;
  if (index >= 0) out += " near index " + std::to_string(index);
  out += "\n" + pattern;
  if (index >= 0 && static_cast<size_t>(index) < pattern.size()) {
    out += "\n" + std::string(static_cast<size_t>(index), ' ') + "^";
  }
  return out;
}

bool isHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool isOctal(char c) { return c >= '0' && c <= '7'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::string hex(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%X", v);
  return buf;
}

// Java's ASCII-only property classes and the POSIX class PCRE2 has for each.
std::optional<std::string_view> posixClassFor(std::string_view java_name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 13> kNames{{
      {"Lower", "lower"},
      {"Upper", "upper"},
      {"ASCII", "ascii"},
      {"Alpha", "alpha"},
      {"Digit", "digit"},
      {"Alnum", "alnum"},
      {"Punct", "punct"},
      {"Graph", "graph"},
      {"Print", "print"},
      {"Blank", "blank"},
      {"Cntrl", "cntrl"},
      {"XDigit", "xdigit"},
      {"Space", "space"},
  }};
  for (const auto& [java, posix] : kNames) {
    if (java == java_name) return posix;
  }
  return std::nullopt;
}

// Rewrites a Java pattern into PCRE2 syntax, remembering for every output byte the index of the
// Java pattern character it came from, so PCRE2 error offsets point into what the user wrote.
class Translator {
 public:
  explicit Translator(const std::string& pattern) : p_(pattern) {}

  std::string run() {
    while (i_ < p_.size()) {
      char c = p_[i_];
      if (c == '\\') {
        escape();
      } else if (in_class_) {
        classChar(c);
      } else if (c == '[') {
        emit("[", i_);
        ++i_;
        if (i_ < p_.size() && p_[i_] == '^') {
          emit("^", i_);
          ++i_;
        }
        in_class_ = true;
        class_empty_ = true;
      } else if (c == '(' && i_ + 1 < p_.size() && p_[i_ + 1] == '?') {
        group();
      } else if (c == '{') {
        repetition();
      } else {
        emit(std::string_view(&p_[i_], 1), i_);
        ++i_;
      }
    }
    origin_.push_back(static_cast<int>(p_.size()));
    return out_;
  }

  // Index in the Java pattern of PCRE2's error offset into the translated text.
  int originOf(size_t offset) const {
    if (offset >= origin_.size()) return static_cast<int>(p_.size());
    return origin_[offset];
  }

 private:
  [[noreturn]] void fail(const std::string& description, size_t index) const {
    throw PatternSyntaxException(description, p_, static_cast<int>(index));
  }

  void emit(std::string_view text, size_t origin) {
    out_.append(text);
    origin_.insert(origin_.end(), text.size(), static_cast<int>(origin));
  }

  void classChar(char c) {
    // Java reads '[' inside a class as a nested class (union) and "&&" as intersection;
    // PCRE2 would take both literally and silently match a different set.
    if (c == '[') fail("Nested character classes are not supported", i_);
    if (c == '&' && i_ + 1 < p_.size() && p_[i_ + 1] == '&') {
      fail("Character class intersection (&&) is not supported", i_);
    }
    if (c == ']' && !class_empty_) in_class_ = false;
    class_empty_ = false;
    emit(std::string_view(&p_[i_], 1), i_);
    ++i_;
  }

  void escape() {
    size_t start = i_;
    if (i_ + 1 >= p_.size()) {
      // PCRE2 reports "\ at end of pattern"; keep it for the error mapping.
      emit("\\", start);
      ++i_;
      return;
    }
    char n = p_[i_ + 1];
    class_empty_ = false;
    switch (n) {
      case 'Q': {
        size_t end = p_.find("\\E", i_ + 2);
        size_t stop = end == std::string::npos ? p_.size() : end + 2;
        for (size_t k = i_; k < stop; ++k) emit(std::string_view(&p_[k], 1), k);
        i_ = stop;
        return;
      }
      case 'u':
        unicodeEscape();
        return;
      case '0':
        octalEscape();
        return;
      case 'p':
      case 'P':
        property(n == 'P');
        return;
      default:
        emit(std::string_view(&p_[i_], 2), start);
        i_ += 2;
        return;
    }
  }

  std::optional<uint32_t> hex4(size_t at) const {
    if (at + 4 > p_.size()) return std::nullopt;
    uint32_t v = 0;
    for (size_t k = at; k < at + 4; ++k) {
      if (!isHex(p_[k])) return std::nullopt;
      char h = p_[k];
      uint32_t digit = h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10;
      v = v * 16 + digit;
    }
    return v;
  }

  void unicodeEscape() {
    size_t start = i_;
    auto unit = hex4(i_ + 2);
    if (!unit) fail("Illegal Unicode escape sequence", i_ + 2);
    uint32_t cp = *unit;
    i_ += 6;
    if (cp >= 0xD800 && cp <= 0xDBFF && i_ + 1 < p_.size() && p_[i_] == '\\' && p_[i_ + 1] == 'u') {
      auto low = hex4(i_ + 2);
      if (low && *low >= 0xDC00 && *low <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (*low - 0xDC00);
        i_ += 6;
      }
    }
    emit("\\x{" + hex(cp) + "}", start);
  }

  // Java: \0n, \0nn, \0mnn (m <= 3); PCRE2 would read \0 as NUL followed by digits.
  void octalEscape() {
    size_t start = i_;
    size_t k = i_ + 2;
    if (k >= p_.size() || !isOctal(p_[k])) fail("Illegal octal escape sequence", k);
    uint32_t v = static_cast<uint32_t>(p_[k] - '0');
    ++k;
    if (k < p_.size() && isOctal(p_[k])) {
      uint32_t first = v;
      v = v * 8 + static_cast<uint32_t>(p_[k] - '0');
      ++k;
      if (first <= 3 && k < p_.size() && isOctal(p_[k])) {
        v = v * 8 + static_cast<uint32_t>(p_[k] - '0');
        ++k;
      }
    }
    i_ = k;
    char buf[16];
    std::snprintf(buf, sizeof(buf), "\\o{%o}", v);
    emit(buf, start);
  }

  void property(bool negated) {
    size_t start = i_;
    size_t k = i_ + 2;
    std::string name;
    if (k < p_.size() && p_[k] == '{') {
      size_t close = p_.find('}', k);
      if (close == std::string::npos) fail("Unclosed character family", p_.size());
      name = p_.substr(k + 1, close - k - 1);
      k = close + 1;
    } else if (k < p_.size()) {
      name = std::string(1, p_[k]);
      ++k;
    } else {
      fail("Illegal character family", k);
    }
    i_ = k;
    if (auto posix = posixClassFor(name)) {
      std::string cls = std::string("[:") + (negated ? "^" : "") + std::string(*posix) + ":]";
      emit(in_class_ ? cls : "[" + cls + "]", start);
      return;
    }
    std::string pcre_name = name;
    if (name == "javaLowerCase") {
      pcre_name = "Ll";
    } else if (name == "javaUpperCase") {
      pcre_name = "Lu";
    } else if (name.size() > 2 && name.compare(0, 2, "Is") == 0) {
      // \p{IsLatin}, \p{IsLu}, \p{IsAlphabetic}: PCRE2 takes the bare name.
      pcre_name = name.substr(2);
    }
    emit(std::string("\\") + (negated ? "P" : "p") + "{" + pcre_name + "}", start);
  }

  // "(?flags)" / "(?flags:": Java knows i d m s u x U; PCRE2 knows i m s x and reads U as
  // "ungreedy", so U is refused and the flags without a PCRE2 counterpart are dropped.
  void group() {
    size_t start = i_;
    size_t k = i_ + 2;
    std::string kept;
    while (k < p_.size()) {
      char f = p_[k];
      if (f == 'i' || f == 'm' || f == 's' || f == 'x' || f == '-') {
        kept += f;
      } else if (f == 'U') {
        fail("Unsupported inline flag U (UNICODE_CHARACTER_CLASS)", k);
      } else if (f != 'd' && f != 'u') {
        break;
      }
      ++k;
    }
    if (k >= p_.size() || (p_[k] != ')' && p_[k] != ':')) {
      // Not a flag group: (?<name>, (?=, (?<=, (?>, ... read normally by PCRE2.
      emit("(?", start);
      i_ += 2;
      return;
    }
    char term = p_[k];
    i_ = k + 1;
    bool has_flag = kept.find_first_not_of('-') != std::string::npos;
    if (term == ')') {
      if (has_flag) emit("(?" + kept + ")", start);
    } else {
      emit(has_flag ? "(?" + kept + ":" : std::string("(?:"), start);
    }
  }

  // Java reads every unescaped '{' outside a class as a repetition; PCRE2 takes a malformed one
  // literally. "{n}", "{n,}" and "{n,m}" are the valid forms.
  void repetition() {
    size_t k = i_ + 1;
    size_t digits = 0;
    while (k < p_.size() && isDigit(p_[k])) {
      ++k;
      ++digits;
    }
    bool ok = digits > 0 && k < p_.size();
    if (ok && p_[k] == ',') {
      ++k;
      while (k < p_.size() && isDigit(p_[k])) ++k;
    }
    ok = ok && k < p_.size() && p_[k] == '}';
    if (!ok) fail("Illegal repetition", i_);
    for (size_t j = i_; j <= k; ++j) emit(std::string_view(&p_[j], 1), j);
    i_ = k + 1;
  }

  const std::string& p_;
  size_t i_ = 0;
  bool in_class_ = false;
  bool class_empty_ = false;
  std::string out_;
  std::vector<int> origin_;
};

std::string pcre2Message(int code) {
  PCRE2_UCHAR buf[256];
  int n = pcre2_get_error_message(code, buf, sizeof(buf));
  if (n < 0) return "regular expression error " + std::to_string(code);
  return std::string(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
}

// The Java description for the PCRE2 compile errors people actually make; others keep PCRE2's.
std::pair<std::string, int> javaDescription(int code, const std::string& pattern, int index) {
  switch (code) {
    case PCRE2_ERROR_END_BACKSLASH:
      return {"Unexpected internal error", static_cast<int>(pattern.size())};
    case PCRE2_ERROR_MISSING_SQUARE_BRACKET:
      return {"Unclosed character class", static_cast<int>(pattern.size()) - 1};
    case PCRE2_ERROR_QUANTIFIER_INVALID: {
      int at = index > 0 && static_cast<size_t>(index) <= pattern.size() ? index - 1 : 0;
      if (static_cast<size_t>(at) < pattern.size()) {
        return {std::string("Dangling meta character '") + pattern[static_cast<size_t>(at)] + "'",
                at};
      }
      return {pcre2Message(code), index};
    }
    case PCRE2_ERROR_MISSING_CLOSING_PARENTHESIS:
      return {"Unclosed group", static_cast<int>(pattern.size())};
    case PCRE2_ERROR_UNMATCHED_CLOSING_PARENTHESIS:
      return {"Unmatched closing ')'", index > 0 ? index - 1 : 0};
    case PCRE2_ERROR_QUANTIFIER_OUT_OF_ORDER:
      return {"Illegal repetition range", index};
    case PCRE2_ERROR_CLASS_RANGE_ORDER:
    case PCRE2_ERROR_CLASS_INVALID_RANGE:
      return {"Illegal character range", index};
    case PCRE2_ERROR_UNKNOWN_ESCAPE:
      return {"Illegal/unsupported escape sequence", index};
    default:
      return {pcre2Message(code), index};
  }
}

struct CodeDeleter {
  void operator()(pcre2_code* c) const { pcre2_code_free(c); }
};
struct MatchDataDeleter {
  void operator()(pcre2_match_data* m) const { pcre2_match_data_free(m); }
};
struct CompileContextDeleter {
  void operator()(pcre2_compile_context* c) const { pcre2_compile_context_free(c); }
};
using CodePtr = std::unique_ptr<pcre2_code, CodeDeleter>;
using MatchDataPtr = std::unique_ptr<pcre2_match_data, MatchDataDeleter>;

// Length of the UTF-8 sequence starting at `lead` (1 for stray bytes), so an empty match never
// splits a character when replaceAll steps past it.
size_t utf8Step(unsigned char lead) {
  if (lead < 0xC0) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

}  // namespace

PatternSyntaxException::PatternSyntaxException(std::string description, std::string pattern,
                                               int index)
    : std::invalid_argument(javaMessage(description, pattern, index)),
      description_(std::move(description)),
      pattern_(std::move(pattern)),
      index_(index) {}

struct JavaRegex::Compiled {
  // Two programs because the JIT cannot honour PCRE2_ANCHORED/ENDANCHORED at match time:
  // `find` scans for a match anywhere, `full` must consume the whole subject.
  CodePtr find;
  CodePtr full;
  uint32_t group_count = 0;
  // Group name -> number, for ${name} in replacements.
  std::vector<std::pair<std::string, int>> names;

  // Runs `code` on `subject` from byte `start`; the match data holds the groups on success.
  bool run(const pcre2_code* code, std::string_view subject, size_t start, pcre2_match_data* md,
           const std::string& pattern) const {
    auto match = [&](uint32_t options) {
      return pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), start,
                         options, md, nullptr);
    };
    int rc = match(0);
    // The JIT's fixed stack can run out on deeply nested backtracking where the interpreter,
    // which keeps its backtracking frames on the heap, still succeeds.
    if (rc == PCRE2_ERROR_JIT_STACKLIMIT) rc = match(PCRE2_NO_JIT);
    if (rc >= 0) return true;
    if (rc == PCRE2_ERROR_NOMATCH) return false;
    throw std::runtime_error("Matching '" + std::string(subject) +
                                "' against the regular expression '" + pattern +
                                "' failed: " + pcre2Message(rc));
  }
};

JavaRegex::JavaRegex(std::string_view pattern)
    : pattern_(pattern), compiled_(std::make_unique<Compiled>()) {
  Translator translator(pattern_);
  std::string translated = translator.run();

  std::unique_ptr<pcre2_compile_context, CompileContextDeleter> ctx(
      pcre2_compile_context_create(nullptr));
  // Java's line terminators are \n, \r\n, \r, U+0085, U+2028 and U+2029; ANY is the closest set.
  pcre2_set_newline(ctx.get(), PCRE2_NEWLINE_ANY);

  auto compile = [&](uint32_t extra) {
    int error = 0;
    PCRE2_SIZE offset = 0;
    pcre2_code* code =
        pcre2_compile(reinterpret_cast<PCRE2_SPTR>(translated.data()), translated.size(),
                      PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | extra, &error, &offset, ctx.get());
    if (code == nullptr) {
      auto [description, index] = javaDescription(error, pattern_, translator.originOf(offset));
      throw PatternSyntaxException(description, pattern_, index);
    }
    // JIT is an optimisation only; without it pcre2_match interprets the same program.
    pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
    return CodePtr(code);
  };
  compiled_->find = compile(0);
  compiled_->full = compile(PCRE2_ANCHORED | PCRE2_ENDANCHORED);

  pcre2_pattern_info(compiled_->find.get(), PCRE2_INFO_CAPTURECOUNT, &compiled_->group_count);
  uint32_t name_count = 0;
  uint32_t entry_size = 0;
  PCRE2_SPTR table = nullptr;
  pcre2_pattern_info(compiled_->find.get(), PCRE2_INFO_NAMECOUNT, &name_count);
  pcre2_pattern_info(compiled_->find.get(), PCRE2_INFO_NAMEENTRYSIZE, &entry_size);
  pcre2_pattern_info(compiled_->find.get(), PCRE2_INFO_NAMETABLE, &table);
  for (uint32_t n = 0; n < name_count; ++n) {
    PCRE2_SPTR entry = table + static_cast<size_t>(n) * entry_size;
    int number = (entry[0] << 8) | entry[1];
    compiled_->names.emplace_back(reinterpret_cast<const char*>(entry + 2), number);
  }
}

JavaRegex::~JavaRegex() = default;
JavaRegex::JavaRegex(JavaRegex&&) noexcept = default;
JavaRegex& JavaRegex::operator=(JavaRegex&&) noexcept = default;

int JavaRegex::groupCount() const { return static_cast<int>(compiled_->group_count); }

bool JavaRegex::matches(std::string_view subject) const {
  MatchDataPtr md(pcre2_match_data_create_from_pattern(compiled_->full.get(), nullptr));
  return compiled_->run(compiled_->full.get(), subject, 0, md.get(), pattern_);
}

bool JavaRegex::find(std::string_view subject) const {
  MatchDataPtr md(pcre2_match_data_create_from_pattern(compiled_->find.get(), nullptr));
  return compiled_->run(compiled_->find.get(), subject, 0, md.get(), pattern_);
}

namespace {

// Matcher.appendExpandedReplacement: the replacement with group references resolved against
// the match in `md`.
void appendReplacement(std::string& out, std::string_view subject, std::string_view replacement,
                       pcre2_match_data* md, uint32_t group_count,
                       const std::vector<std::pair<std::string, int>>& names) {
  const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(md);
  auto appendGroup = [&](uint32_t group) {
    if (group > group_count) throw std::out_of_range("No group " + std::to_string(group));
    PCRE2_SIZE begin = ovector[2 * group];
    PCRE2_SIZE end = ovector[2 * group + 1];
    if (begin != PCRE2_UNSET && end != PCRE2_UNSET) out.append(subject.substr(begin, end - begin));
  };
  size_t cursor = 0;
  while (cursor < replacement.size()) {
    char c = replacement[cursor];
    if (c == '\\') {
      ++cursor;
      if (cursor == replacement.size())
        throw std::invalid_argument("character to be escaped is missing");
      out += replacement[cursor];
      ++cursor;
    } else if (c == '$') {
      ++cursor;
      if (cursor == replacement.size()) {
        throw std::invalid_argument("Illegal group reference: group index is missing");
      }
      char n = replacement[cursor];
      if (n == '{') {
        ++cursor;
        std::string name;
        while (cursor < replacement.size() && isAsciiAlnum(replacement[cursor]))
          name += replacement[cursor++];
        if (name.empty()) throw std::invalid_argument("named capturing group has 0 length name");
        if (cursor >= replacement.size() || replacement[cursor] != '}') {
          throw std::invalid_argument("named capturing group is missing trailing '}'");
        }
        if (isDigit(name[0])) {
          throw std::invalid_argument("capturing group name {" + name +
                                      "} starts with digit character");
        }
        const std::pair<std::string, int>* found = nullptr;
        for (const auto& entry : names) {
          if (entry.first == name) found = &entry;
        }
        if (found == nullptr) throw std::invalid_argument("No group with name {" + name + "}");
        ++cursor;
        appendGroup(static_cast<uint32_t>(found->second));
      } else {
        if (!isDigit(n)) throw std::invalid_argument("Illegal group reference");
        uint32_t group = static_cast<uint32_t>(n - '0');
        ++cursor;
        // Java takes further digits only while they still name an existing group.
        while (cursor < replacement.size() && isDigit(replacement[cursor])) {
          uint32_t next = group * 10 + static_cast<uint32_t>(replacement[cursor] - '0');
          if (next > group_count) break;
          group = next;
          ++cursor;
        }
        appendGroup(group);
      }
    } else {
      out += c;
      ++cursor;
    }
  }
}

}  // namespace

std::string JavaRegex::replaceFirst(std::string_view subject, std::string_view replacement) const {
  MatchDataPtr md(pcre2_match_data_create_from_pattern(compiled_->find.get(), nullptr));
  if (!compiled_->run(compiled_->find.get(), subject, 0, md.get(), pattern_))
    return std::string(subject);
  const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(md.get());
  std::string out(subject.substr(0, ovector[0]));
  appendReplacement(out, subject, replacement, md.get(), compiled_->group_count, compiled_->names);
  out.append(subject.substr(ovector[1]));
  return out;
}

std::string JavaRegex::replaceAll(std::string_view subject, std::string_view replacement) const {
  MatchDataPtr md(pcre2_match_data_create_from_pattern(compiled_->find.get(), nullptr));
  std::string out;
  size_t append_from = 0;
  size_t search_from = 0;
  while (search_from <= subject.size() &&
         compiled_->run(compiled_->find.get(), subject, search_from, md.get(), pattern_)) {
    const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(md.get());
    size_t begin = ovector[0];
    size_t end = ovector[1];
    out.append(subject.substr(append_from, begin - append_from));
    appendReplacement(out, subject, replacement, md.get(), compiled_->group_count,
                      compiled_->names);
    append_from = end;
    // As Matcher.find(): after an empty match the next search starts one character later.
    if (end == begin) {
      if (end >= subject.size()) break;
      search_from = end + utf8Step(static_cast<unsigned char>(subject[end]));
    } else {
      search_from = end;
    }
  }
  out.append(subject.substr(std::min(append_from, subject.size())));
  return out;
}

}  // namespace connectd::common
