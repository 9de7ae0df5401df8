#include "connectors/mysql/schema/ddl_parser.h"

#include <utility>

#include "connectors/mysql/schema/ddl_normalizer.h"
#include "connectors/mysql/schema/ddl_statement_parser.h"
#include "connectors/mysql/schema/ddl_tokenizer.h"
#include "server/common/strings.h"

namespace connectd::mysql {

DdlParser::DdlParser() : DdlParser(Options{}) {}

DdlParser::DdlParser(Options options) : options_(std::move(options)) {}

std::vector<DdlStatement> DdlParser::parse(std::string_view sql, std::string_view current_database,
                                           Tables& tables) {
  current_database_ = std::string(current_database);
  const bool mysql = options_.flavor == Flavor::MySql;
  // Debezium's MySQL parser works on (and records statements from) the normalized text.
  std::string text = mysql ? DdlNormalizer::normalize(sql, ansiQuotes()) : std::string(sql);
  DdlTokenizer::Options lexing;
  lexing.executableComments = mysql;
  lexing.dashDashNeedsSpace = mysql;
  DdlStatementParser parser(*this, tables, text, DdlTokenizer::tokenize(text, lexing));
  return parser.run();
}

void DdlParser::setDatabaseCharset(const std::string& db, const std::string& charset) {
  if (charset.empty()) {
    database_charsets_.erase(db);
  } else {
    database_charsets_[db] = charset;
  }
}

std::optional<std::string> DdlParser::databaseCharset(const std::string& db) const {
  auto it = database_charsets_.find(db);
  if (it == database_charsets_.end()) return std::nullopt;
  return it->second;
}

void DdlParser::setServerCharset(const std::string& charset) {
  setSystemVariable(Scope::Global, "character_set_server", charset);
}

void DdlParser::setSystemVariable(Scope scope, const std::string& name,
                                  std::optional<std::string> value) {
  auto& variables = scope == Scope::Session ? session_variables_ : global_variables_;
  std::string key = common::toLower(name);
  if (value) {
    variables[key] = std::move(*value);
  } else {
    variables.erase(key);
  }
}

std::optional<std::string> DdlParser::systemVariable(const std::string& name) const {
  std::string key = common::toLower(name);
  if (auto it = session_variables_.find(key); it != session_variables_.end()) return it->second;
  if (auto it = global_variables_.find(key); it != global_variables_.end()) return it->second;
  return std::nullopt;
}

std::optional<std::string> DdlParser::currentDatabaseCharset() const {
  std::optional<std::string> charset = systemVariable("character_set_database");
  if (!charset || common::iequals(*charset, "DEFAULT")) {
    charset = systemVariable("character_set_server");
  }
  return charset;
}

std::optional<std::string> DdlParser::charsetForTable(const TableId& id) const {
  if (!id.catalog.empty()) {
    if (auto charset = databaseCharset(id.catalog)) return charset;
  }
  return currentDatabaseCharset();
}

bool DdlParser::ansiQuotes() const {
  std::optional<std::string> mode = systemVariable("sql_mode");
  if (!mode) return false;
  for (const std::string& part : common::split(common::toUpper(*mode), ',')) {
    if (part == "ANSI_QUOTES" || part == "ANSI" || part == "DB2" || part == "MAXDB" ||
        part == "MSSQL" || part == "ORACLE" || part == "POSTGRESQL") {
      return true;
    }
  }
  return false;
}

}  // namespace connectd::mysql
