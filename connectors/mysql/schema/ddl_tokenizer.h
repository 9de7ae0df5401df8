#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace connectd::mysql {

// One lexical token of MySQL/MariaDB SQL. `begin`/`end` are byte offsets into the tokenized text
// so the parser can cut statement text exactly as written (comments and spacing included).
struct DdlToken {
  enum class Kind {
    Word,          // keyword or unquoted identifier: value = text as written
    QuotedId,      // `name`: value = name with `` folded to `
    DoubleQuoted,  // "text": an identifier under ANSI_QUOTES, a string otherwise; value unescaped
    String,        // 'text' or N'text': value unescaped; `national` for N'..'
    Number,        // 12, 1.5, .5, 1e10: value = text
    HexLiteral,    // X'0F' or 0x0F: value = text
    BitLiteral,    // B'101' or 0b101: value = text
    Variable,      // @name, @'name', @@name, @@global.name: value = text
    Symbol,        // punctuation and operators: value = text
    End,           // end of input
  };

  Kind kind = Kind::End;
  size_t begin = 0;
  size_t end = 0;
  std::string value;
  bool national = false;
  // A quoted token or comment that runs to the end of the input.
  bool unterminated = false;

  // A Word equal to `keyword` ignoring ASCII case.
  bool is(std::string_view keyword) const;
  bool isSymbol(std::string_view symbol) const { return kind == Kind::Symbol && value == symbol; }
  bool isString() const { return kind == Kind::String; }
};

// A hand-written MySQL lexer: comments are dropped, executable comments are opened or dropped
// like the server (or Debezium's grammar) does, quoted identifiers and strings are unescaped.
// Never throws: malformed input (an unterminated quote) yields tokens flagged `unterminated`.
class DdlTokenizer {
 public:
  struct Options {
    // MySQL (Debezium's Oracle grammar): the content of /*! ... */ and of /*!NNNNN ... */ with
    // NNNNN <= serverVersion is SQL. MariaDB (Debezium's MariaDB grammar): every /*! ... */ is
    // a comment. /*M! ... */ is a comment for both.
    bool executableComments = true;
    int serverVersion = 80200;
    // MariaDB's grammar takes any "--" as the start of a line comment; MySQL wants "-- ".
    bool dashDashNeedsSpace = true;
  };

  static std::vector<DdlToken> tokenize(std::string_view sql, const Options& options);
};

}  // namespace connectd::mysql
