#pragma once

#include <string>
#include <string_view>

namespace connectd::mysql {

// io.debezium.connector.mysql.antlr.DdlNormalizer: what Debezium's MySQL parser does to a QUERY
// event's SQL before parsing it (and so what the statement texts it records look like).
// Outside ANSI_QUOTES mode double-quoted strings become single-quoted ones ("it's" ->
// 'it''s'); comments, single-quoted strings and backtick identifiers are kept as they are; and
// the window-function names MySQL 8 reserved (RANK, LAG, ...) are backtick-quoted where they are
// used as table or column names.
class DdlNormalizer {
 public:
  static std::string normalize(std::string_view ddl, bool ansi_quotes);
};

}  // namespace connectd::mysql
