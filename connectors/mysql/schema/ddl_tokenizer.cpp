#include "connectors/mysql/schema/ddl_tokenizer.h"

#include <array>

#include "server/common/strings.h"

namespace connectd::mysql {

bool DdlToken::is(std::string_view keyword) const {
  return kind == Kind::Word && common::iequals(value, keyword);
}

namespace {

bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isHexDigit(char c) { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool isIdentStart(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || u >= 0x80;
}
bool isIdentChar(char c) { return isIdentStart(c) || isDigit(c); }

constexpr std::array<std::string_view, 12> kMultiCharSymbols = {
    "<=>", "->>", "<=", ">=", "<>", "!=", ":=", "||", "&&", "<<", ">>", "->"};

class Lexer {
 public:
  Lexer(std::string_view sql, const DdlTokenizer::Options& options) : s_(sql), opt_(options) {}

  std::vector<DdlToken> run() {
    while (true) {
      skipTrivia();
      if (i_ >= s_.size()) break;
      lexToken();
    }
    DdlToken end;
    end.kind = DdlToken::Kind::End;
    end.begin = end.end = s_.size();
    out_.push_back(std::move(end));
    return std::move(out_);
  }

 private:
  char at(size_t k) const { return k < s_.size() ? s_[k] : '\0'; }

  void skipToLineEnd() {
    while (i_ < s_.size() && s_[i_] != '\n' && s_[i_] != '\r') ++i_;
  }

  // Skips a block comment starting at i_ ("/*"); an unterminated one runs to the end.
  void skipBlockComment(size_t content_start) {
    size_t close = s_.find("*/", content_start);
    i_ = close == std::string_view::npos ? s_.size() : close + 2;
  }

  void skipTrivia() {
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (isSpace(c)) {
        ++i_;
      } else if (c == '/' && at(i_ + 1) == '*') {
        if (at(i_ + 2) == '!' && opt_.executableComments && !in_version_comment_) {
          size_t j = i_ + 3;
          while (j < s_.size() && isDigit(s_[j])) ++j;
          size_t digits = j - (i_ + 3);
          if (digits == 0) {
            in_version_comment_ = true;
            i_ = j;
          } else if (digits >= 5 && digits <= 9 &&
                     std::stol(std::string(s_.substr(i_ + 3, digits))) <= opt_.serverVersion) {
            in_version_comment_ = true;
            i_ = j;
          } else {
            skipBlockComment(i_ + 3);
          }
        } else {
          skipBlockComment(i_ + 2);
        }
      } else if (c == '*' && at(i_ + 1) == '/' && in_version_comment_) {
        in_version_comment_ = false;
        i_ += 2;
      } else if (c == '#') {
        skipToLineEnd();
      } else if (c == '-' && at(i_ + 1) == '-' &&
                 (!opt_.dashDashNeedsSpace || i_ + 2 >= s_.size() || isSpace(s_[i_ + 2]))) {
        skipToLineEnd();
      } else {
        break;
      }
    }
  }

  void push(DdlToken::Kind kind, size_t begin, std::string value, bool unterminated = false) {
    DdlToken t;
    t.kind = kind;
    t.begin = begin;
    t.end = i_;
    t.value = std::move(value);
    t.unterminated = unterminated;
    out_.push_back(std::move(t));
  }

  // Reads a quoted run starting at i_ (the opening quote). `backslash` enables MySQL's escape
  // sequences; a doubled quote stands for one quote character.
  std::string readQuoted(char quote, bool backslash, bool& unterminated) {
    std::string value;
    ++i_;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == quote) {
        if (at(i_ + 1) == quote) {
          value += quote;
          i_ += 2;
          continue;
        }
        ++i_;
        unterminated = false;
        return value;
      }
      if (c == '\\' && backslash && i_ + 1 < s_.size()) {
        char e = s_[i_ + 1];
        switch (e) {
          case '0':
            value += '\0';
            break;
          case 'b':
            value += '\b';
            break;
          case 'n':
            value += '\n';
            break;
          case 'r':
            value += '\r';
            break;
          case 't':
            value += '\t';
            break;
          case 'Z':
            value += '\x1a';
            break;
          case '%':
            value += "\\%";
            break;
          case '_':
            value += "\\_";
            break;
          default:
            value += e;
            break;
        }
        i_ += 2;
        continue;
      }
      value += c;
      ++i_;
    }
    unterminated = true;
    return value;
  }

  void lexQuotedBinary(DdlToken::Kind kind, size_t begin) {
    // X'0F' / B'0101': the prefix letter, then a quoted run without escapes.
    ++i_;
    bool unterminated = true;
    readQuoted('\'', false, unterminated);
    push(kind, begin, std::string(s_.substr(begin, i_ - begin)), unterminated);
  }

  bool previousIsName() const {
    if (out_.empty()) return false;
    auto k = out_.back().kind;
    return (k == DdlToken::Kind::Word || k == DdlToken::Kind::QuotedId ||
            k == DdlToken::Kind::DoubleQuoted) &&
           out_.back().end == i_;
  }

  void lexNumberOrWord(size_t begin) {
    size_t j = i_;
    while (j < s_.size() && isDigit(s_[j])) ++j;
    if (at(j) == '.' && !previousIsName()) {
      ++j;
      while (j < s_.size() && isDigit(s_[j])) ++j;
    }
    if ((at(j) == 'e' || at(j) == 'E') &&
        (isDigit(at(j + 1)) || ((at(j + 1) == '+' || at(j + 1) == '-') && isDigit(at(j + 2))))) {
      j += 2;
      while (j < s_.size() && isDigit(s_[j])) ++j;
    }
    if (j < s_.size() && isIdentChar(s_[j]) && s_[begin] != '.') {
      // MySQL identifiers may start with digits ("1st_table"), as long as they are not numbers.
      j = begin;
      while (j < s_.size() && isIdentChar(s_[j])) ++j;
      i_ = j;
      push(DdlToken::Kind::Word, begin, std::string(s_.substr(begin, j - begin)));
      return;
    }
    i_ = j;
    push(DdlToken::Kind::Number, begin, std::string(s_.substr(begin, j - begin)));
  }

  void lexToken() {
    size_t begin = i_;
    char c = s_[i_];
    char n = at(i_ + 1);
    bool unterminated = true;
    if (c == '\'') {
      std::string v = readQuoted('\'', true, unterminated);
      push(DdlToken::Kind::String, begin, std::move(v), unterminated);
    } else if (c == '"') {
      std::string v = readQuoted('"', true, unterminated);
      push(DdlToken::Kind::DoubleQuoted, begin, std::move(v), unterminated);
    } else if (c == '`') {
      std::string v = readQuoted('`', false, unterminated);
      push(DdlToken::Kind::QuotedId, begin, std::move(v), unterminated);
    } else if ((c == 'N' || c == 'n') && n == '\'') {
      ++i_;
      std::string v = readQuoted('\'', true, unterminated);
      push(DdlToken::Kind::String, begin, std::move(v), unterminated);
      out_.back().national = true;
    } else if ((c == 'X' || c == 'x') && n == '\'') {
      lexQuotedBinary(DdlToken::Kind::HexLiteral, begin);
    } else if ((c == 'B' || c == 'b') && n == '\'') {
      lexQuotedBinary(DdlToken::Kind::BitLiteral, begin);
    } else if (c == '0' && (n == 'x' || n == 'X') && isHexDigit(at(i_ + 2))) {
      size_t j = i_ + 2;
      while (j < s_.size() && isHexDigit(s_[j])) ++j;
      if (j < s_.size() && isIdentChar(s_[j])) {
        lexNumberOrWord(begin);
        return;
      }
      i_ = j;
      push(DdlToken::Kind::HexLiteral, begin, std::string(s_.substr(begin, j - begin)));
    } else if (c == '0' && (n == 'b' || n == 'B') && (at(i_ + 2) == '0' || at(i_ + 2) == '1')) {
      size_t j = i_ + 2;
      while (j < s_.size() && (s_[j] == '0' || s_[j] == '1')) ++j;
      if (j < s_.size() && isIdentChar(s_[j])) {
        lexNumberOrWord(begin);
        return;
      }
      i_ = j;
      push(DdlToken::Kind::BitLiteral, begin, std::string(s_.substr(begin, j - begin)));
    } else if (isDigit(c) || (c == '.' && isDigit(n) && !previousIsName())) {
      lexNumberOrWord(begin);
    } else if (isIdentStart(c)) {
      size_t j = i_;
      while (j < s_.size() && isIdentChar(s_[j])) ++j;
      i_ = j;
      push(DdlToken::Kind::Word, begin, std::string(s_.substr(begin, j - begin)));
    } else if (c == '@') {
      lexVariable(begin);
    } else {
      for (std::string_view sym : kMultiCharSymbols) {
        if (s_.substr(i_, sym.size()) == sym) {
          i_ += sym.size();
          push(DdlToken::Kind::Symbol, begin, std::string(sym));
          return;
        }
      }
      ++i_;
      push(DdlToken::Kind::Symbol, begin, std::string(1, c));
    }
  }

  void lexVariable(size_t begin) {
    ++i_;
    if (at(i_) == '@') ++i_;
    char q = at(i_);
    if (q == '\'' || q == '"' || q == '`') {
      bool unterminated = true;
      readQuoted(q, q != '`', unterminated);
    } else {
      while (i_ < s_.size() && (isIdentChar(s_[i_]) || s_[i_] == '.')) ++i_;
    }
    push(DdlToken::Kind::Variable, begin, std::string(s_.substr(begin, i_ - begin)));
  }

  std::string_view s_;
  DdlTokenizer::Options opt_;
  size_t i_ = 0;
  bool in_version_comment_ = false;
  std::vector<DdlToken> out_;
};

}  // namespace

std::vector<DdlToken> DdlTokenizer::tokenize(std::string_view sql, const Options& options) {
  return Lexer(sql, options).run();
}

}  // namespace connectd::mysql
