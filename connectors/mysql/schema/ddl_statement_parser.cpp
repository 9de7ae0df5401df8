#include "connectors/mysql/schema/ddl_statement_parser.h"

#include <algorithm>
#include <climits>
#include <initializer_list>
#include <stdexcept>
#include <utility>

#include "server/common/strings.h"

namespace connectd::mysql {

namespace {

using Kind = DdlStatement::Kind;
using TokenKind = DdlToken::Kind;

constexpr const char* kEpochDefault = "1970-01-01 00:00:00";

template <typename Words>
bool isOneOfRange(const DdlToken& t, const Words& words) {
  if (t.kind != TokenKind::Word) return false;
  for (std::string_view w : words) {
    if (common::iequals(t.value, w)) return true;
  }
  return false;
}

bool isOneOf(const DdlToken& t, std::initializer_list<std::string_view> words) {
  return isOneOfRange(t, words);
}

// AbstractDdlParser.withoutQuotes: strips one pair of matching quotes (`, ' or ").
std::string withoutQuotes(std::string_view s) {
  if (s.size() >= 2) {
    char f = s.front();
    if ((f == '`' || f == '\'' || f == '"') && s.back() == f) {
      return std::string(s.substr(1, s.size() - 2));
    }
  }
  return std::string(s);
}

// DefaultValueParserListener.unquote: only ' and " quoting is removed, escapes are kept.
std::string unquote(std::string_view s) {
  if (s.size() >= 2 &&
      ((s.front() == '\'' && s.back() == '\'') || (s.front() == '"' && s.back() == '"'))) {
    return std::string(s.substr(1, s.size() - 2));
  }
  return std::string(s);
}

// DefaultValueParserListener.unquoteBinary: "b'101'" -> "101" (and, faithfully, "0x0F" -> "0").
std::string unquoteBinary(std::string_view s) {
  if (s.size() > 2) return std::string(s.substr(2, s.size() - 3));
  return std::string(s);
}

bool isIntegerType(std::string_view w) {
  for (std::string_view t : {"INT", "INTEGER", "INT4", "MEDIUMINT", "MIDDLEINT", "INT3", "TINYINT",
                             "INT1", "SMALLINT", "INT2", "BIGINT", "INT8"}) {
    if (w == t) return true;
  }
  return false;
}

int integerJdbcType(std::string_view w) {
  if (w == "TINYINT" || w == "INT1" || w == "SMALLINT" || w == "INT2") return jdbc::kSmallInt;
  if (w == "BIGINT" || w == "INT8") return jdbc::kBigInt;
  return jdbc::kInteger;
}

// clang-format off
constexpr std::string_view kTableOptionWords[] = {
    "ENGINE", "AUTO_INCREMENT", "AVG_ROW_LENGTH", "CHECKSUM", "TABLE_CHECKSUM", "COMPRESSION",
    "CONNECTION", "DATA", "INDEX", "DELAY_KEY_WRITE", "ENCRYPTION", "INSERT_METHOD",
    "KEY_BLOCK_SIZE", "MAX_ROWS", "MIN_ROWS", "PACK_KEYS", "PASSWORD", "ROW_FORMAT",
    "STATS_AUTO_RECALC", "STATS_PERSISTENT", "STATS_SAMPLE_PAGES", "TABLESPACE", "UNION",
    "DEFAULT", "CHARACTER", "CHARSET", "COLLATE", "COMMENT", "STORAGE", "SECONDARY_ENGINE",
    "ENGINE_ATTRIBUTE", "SECONDARY_ENGINE_ATTRIBUTE", "AUTOEXTEND_SIZE", "START", "PAGE_CHECKSUM",
    "PAGE_COMPRESSED", "PAGE_COMPRESSION_LEVEL", "TRANSACTIONAL", "ENCRYPTED",
    "ENCRYPTION_KEY_ID", "IETF_QUOTES", "SEQUENCE", "WITH"};
// clang-format on

// clang-format off
constexpr std::string_view kColumnAttributeWords[] = {
    "NOT", "NULL", "DEFAULT", "ON", "AUTO_INCREMENT", "SERIAL", "PRIMARY", "KEY", "UNIQUE",
    "COMMENT", "COLLATE", "COLUMN_FORMAT", "STORAGE", "SRID", "CONSTRAINT", "CHECK", "ENFORCED",
    "ENGINE_ATTRIBUTE", "SECONDARY_ENGINE_ATTRIBUTE", "VISIBLE", "INVISIBLE", "GENERATED", "AS",
    "REFERENCES", "WITH", "WITHOUT", "COMPRESSED", "CHARACTER", "CHARSET", "FIRST", "AFTER"};
// clang-format on

}  // namespace

DdlStatementParser::DdlStatementParser(DdlParser& parser, Tables& tables, std::string_view text,
                                       std::vector<DdlToken> tokens)
    : parser_(parser), tables_(tables), text_(text), tokens_(std::move(tokens)) {}

const DdlToken& DdlStatementParser::tok(size_t ahead) const {
  size_t i = std::min(pos_ + ahead, tokens_.size() - 1);
  return tokens_[i];
}

bool DdlStatementParser::atStatementEnd() const {
  const DdlToken& t = tok();
  return t.kind == TokenKind::End || t.isSymbol(";");
}

bool DdlStatementParser::acceptWord(std::string_view word) {
  if (!tok().is(word)) return false;
  advance();
  return true;
}

void DdlStatementParser::expectWord(std::string_view word) {
  if (!acceptWord(word)) fail("expected " + std::string(word));
}

bool DdlStatementParser::acceptWords(std::initializer_list<std::string_view> words) {
  size_t i = 0;
  for (std::string_view w : words) {
    if (!tok(i++).is(w)) return false;
  }
  for (size_t k = 0; k < words.size(); ++k) advance();
  return true;
}

void DdlStatementParser::skipWaitOption() {
  // MariaDB's lock wait clause: WAIT n | NOWAIT.
  if (acceptWord("WAIT")) {
    advance();
  } else {
    acceptWord("NOWAIT");
  }
}

bool DdlStatementParser::acceptSymbol(std::string_view symbol) {
  if (!tok().isSymbol(symbol)) return false;
  advance();
  return true;
}

void DdlStatementParser::expectSymbol(std::string_view symbol) {
  if (!acceptSymbol(symbol)) fail("expected '" + std::string(symbol) + "'");
}

bool DdlStatementParser::isIdentifier(const DdlToken& t) const {
  // Double-quoted text only survives normalization under ANSI_QUOTES, where it is an
  // identifier; MariaDB's grammar takes it for a string, accepted here for leniency.
  return t.kind == TokenKind::Word || t.kind == TokenKind::QuotedId ||
         t.kind == TokenKind::DoubleQuoted;
}

std::string DdlStatementParser::identifier(const char* what) {
  const DdlToken& t = tok();
  if (!isIdentifier(t) || t.unterminated) fail(std::string("expected ") + what);
  std::string v = t.value;
  advance();
  return v;
}

TableId DdlStatementParser::tableName() {
  std::string first = identifier("a table name");
  if (tok().isSymbol(".") && isIdentifier(tok(1))) {
    advance();
    std::string table = identifier("a table name");
    return TableId{std::move(first), std::move(table)};
  }
  return TableId{parser_.current_database_, std::move(first)};
}

std::string DdlStatementParser::rawTokenText(const DdlToken& t) const {
  return std::string(text_.substr(t.begin, t.end - t.begin));
}

std::string DdlStatementParser::rawText(size_t first_token, size_t last_token) const {
  const DdlToken& a = tokens_[first_token];
  const DdlToken& b = tokens_[last_token];
  if (b.end <= a.begin) return {};
  return std::string(text_.substr(a.begin, b.end - a.begin));
}

std::string DdlStatementParser::statementText() const {
  if (pos_ == 0 || pos_ <= statement_start_) return {};
  return rawText(statement_start_, pos_ - 1);
}

void DdlStatementParser::fail(const std::string& message) const { failAt(message, pos_); }

void DdlStatementParser::failAt(const std::string& message, size_t token_index) const {
  size_t end = token_index;
  while (end < tokens_.size() - 1 && !tokens_[end].isSymbol(";")) ++end;
  std::string statement =
      end > statement_start_ ? rawText(statement_start_, end - 1) : std::string();
  const DdlToken& at = tokens_[std::min(token_index, tokens_.size() - 1)];
  size_t position =
      at.begin >= tokens_[statement_start_].begin ? at.begin - tokens_[statement_start_].begin : 0;
  std::string found = at.kind == TokenKind::End || at.isSymbol(";")
                          ? std::string("end of statement")
                          : "'" + rawTokenText(at) + "'";
  std::string what = "Cannot parse DDL statement '" + statement + "': " + message +
                     " at position " + std::to_string(position) + ", found " + found;
  throw DdlParseException(what, std::move(statement), position);
}

void DdlStatementParser::skipParenthesised() {
  expectSymbol("(");
  int depth = 1;
  while (depth > 0) {
    const DdlToken& t = tok();
    if (t.kind == TokenKind::End || t.isSymbol(";")) fail("unbalanced parentheses");
    if (t.isSymbol("(")) ++depth;
    if (t.isSymbol(")")) --depth;
    advance();
  }
}

void DdlStatementParser::skipToElementEnd() {
  int depth = 0;
  while (!atStatementEnd()) {
    const DdlToken& t = tok();
    if (depth == 0 && (t.isSymbol(",") || t.isSymbol(")"))) return;
    if (t.isSymbol("(")) ++depth;
    if (t.isSymbol(")")) --depth;
    advance();
  }
}

void DdlStatementParser::skipToStatementEnd() {
  while (!atStatementEnd()) advance();
}

void DdlStatementParser::skipRoutineToStatementEnd() {
  // Compound statements nest as BEGIN ... END and CASE ... END [CASE]; IF/LOOP/WHILE/REPEAT
  // blocks only occur inside BEGIN ... END and close with END IF/LOOP/WHILE/REPEAT.
  int depth = 0;
  while (tok().kind != TokenKind::End) {
    const DdlToken& t = tok();
    if (t.isSymbol(";") && depth == 0) return;
    if (t.is("BEGIN") || t.is("CASE")) {
      ++depth;
    } else if (t.is("END")) {
      if (isOneOf(tok(1), {"IF", "LOOP", "WHILE", "REPEAT"})) {
        advance();
      } else {
        if (depth > 0) --depth;
        if (tok(1).is("CASE")) advance();
      }
    }
    advance();
  }
}

int DdlStatementParser::parseLength(const DdlToken& t) {
  if (t.kind != TokenKind::Number) fail("expected a length");
  long long length = 0;
  try {
    // ColumnDefinitionParserListener.parseLength: "19.5" is taken as 19.
    length = static_cast<long long>(std::stod(t.value));
  } catch (const std::exception&) {
    length = isMySql() ? 10 : 0;
  }
  if (isMySql() && length <= 0) return 10;
  if (length > INT_MAX) return INT_MAX;
  return static_cast<int>(length);
}

int DdlStatementParser::parseInteger(const DdlToken& t, const char* what) {
  // Integer.valueOf: a number that is not an int is a parse error.
  if (t.kind == TokenKind::Number) {
    try {
      size_t used = 0;
      long long v = std::stoll(t.value, &used);
      if (v >= INT_MIN && v <= INT_MAX) return static_cast<int>(v);
    } catch (const std::exception&) {
    }
  }
  fail(std::string("expected ") + what);
}

std::optional<std::string> DdlStatementParser::charsetFromCollation(
    const std::string& collation) const {
  // Debezium's MySQL listener takes the collation's prefix; its MariaDB listener looks the
  // collation up in the driver's table, where the charset is the same prefix.
  std::string name = isMySql() ? collation : common::toLower(collation);
  if (common::iequals(name, "binary")) return std::string("binary");
  size_t underscore = name.find('_');
  if (underscore == std::string::npos || underscore == 0) return std::nullopt;
  return name.substr(0, underscore);
}

std::vector<DdlStatement> DdlStatementParser::run() {
  struct Collected {
    Event event;
    bool signalled;
  };
  std::vector<Collected> collected;
  while (tok().kind != TokenKind::End) {
    if (tok().isSymbol(";")) {
      advance();
      continue;
    }
    const size_t outer_start = pos_;
    statement_start_ = pos_;
    const std::string database = parser_.current_database_;
    Pending pending;
    parseStatement(pending);
    skipToStatementEnd();
    const std::string text = statementText();
    if (pending.events.empty()) {
      Event e = pending.unsignalled.value_or(Event{});
      if (!pending.unsignalled) e.kind = Kind::Unparsed;
      e.ddl = pos_ > outer_start ? rawText(outer_start, pos_ - 1) : std::string();
      e.databaseName = database;
      collected.push_back({std::move(e), false});
    } else {
      for (Event& e : pending.events) {
        if (e.ddl.empty()) e.ddl = text;
        collected.push_back({std::move(e), true});
      }
    }
    if (tok().isSymbol(";")) advance();
  }

  // Debezium attaches tables to its events after the whole QUERY event is applied.
  std::vector<DdlStatement> out;
  out.reserve(collected.size());
  for (Collected& c : collected) {
    DdlStatement s;
    s.ddl = std::move(c.event.ddl);
    s.databaseName = std::move(c.event.databaseName);
    s.kind = c.event.kind;
    s.signalled = c.signalled;
    switch (c.event.effect) {
      case Event::Effect::Create:
      case Event::Effect::Alter:
        if (const Table* table = tables_.forTable(c.event.id)) {
          TableChange change;
          change.type = c.event.effect == Event::Effect::Create ? TableChange::Type::Create
                                                                : TableChange::Type::Alter;
          change.id = table->id;
          change.previousId = c.event.previousId;
          change.table = *table;
          s.changes.push_back(std::move(change));
        }
        break;
      case Event::Effect::Drop: {
        TableChange change;
        change.type = TableChange::Type::Drop;
        change.id = c.event.id;
        s.changes.push_back(std::move(change));
        break;
      }
      case Event::Effect::Truncate:
        s.truncated.push_back(c.event.id);
        break;
      case Event::Effect::None:
        break;
    }
    out.push_back(std::move(s));
  }
  return out;
}

void DdlStatementParser::parseStatement(Pending& pending) {
  auto unsignalled = [&](Kind kind) {
    Event e;
    e.kind = kind;
    pending.unsignalled = std::move(e);
  };
  if (tok().is("SET") && tok(1).is("STATEMENT")) {
    // MariaDB's SET STATEMENT var=value[, ...] FOR <statement>: the statement is what counts.
    int depth = 0;
    while (!atStatementEnd()) {
      if (tok().isSymbol("(")) ++depth;
      if (tok().isSymbol(")")) --depth;
      if (depth == 0 && tok().is("FOR")) break;
      advance();
    }
    if (!acceptWord("FOR")) {
      unsignalled(Kind::Set);
      return;
    }
    statement_start_ = pos_;
  }
  const DdlToken& t = tok();
  if (t.kind != TokenKind::Word) {
    unsignalled(Kind::Unparsed);
    return;
  }
  if (t.is("CREATE")) return parseCreate(pending);
  if (t.is("ALTER")) return parseAlter(pending);
  if (t.is("DROP")) return parseDrop(pending);
  if (t.is("RENAME")) return parseRename(pending);
  if (t.is("TRUNCATE")) return parseTruncate(pending);
  if (t.is("USE")) return parseUse(pending);
  if (t.is("SET")) return parseSet(pending);
  if (t.is("BEGIN")) {
    if (tok(1).is("NOT") && tok(2).is("ATOMIC")) {
      unsignalled(Kind::Other);
      skipRoutineToStatementEnd();
      return;
    }
    unsignalled(Kind::TransactionControl);
    return;
  }
  if (isOneOf(t, {"COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "XA"}) ||
      (t.is("START") && tok(1).is("TRANSACTION"))) {
    unsignalled(Kind::TransactionControl);
    return;
  }
  if (isOneOf(t, {"INSERT", "UPDATE", "DELETE", "REPLACE"})) {
    unsignalled(Kind::Dml);
    return;
  }
  if (isOneOf(t,
              {"GRANT",    "REVOKE",  "FLUSH",      "ANALYZE", "OPTIMIZE",  "REPAIR",   "CHECK",
               "CHECKSUM", "LOCK",    "UNLOCK",     "INSTALL", "UNINSTALL", "RESET",    "PURGE",
               "CHANGE",   "KILL",    "SHOW",       "SELECT",  "DO",        "HANDLER",  "CALL",
               "PREPARE",  "EXECUTE", "DEALLOCATE", "LOAD",    "CACHE",     "SHUTDOWN", "RESTART",
               "CLONE",    "BINLOG",  "HELP",       "EXPLAIN", "DESCRIBE",  "DESC",     "WITH",
               "VALUES",   "TABLE",   "IMPORT",     "STOP",    "START",     "SIGNAL",   "RESIGNAL",
               "GET",      "DECLARE", "BACKUP"})) {
    unsignalled(Kind::Other);
    return;
  }
  unsignalled(Kind::Unparsed);
}

void DdlStatementParser::parseCreate(Pending& pending) {
  auto unsignalled = [&](Kind kind) {
    Event e;
    e.kind = kind;
    pending.unsignalled = std::move(e);
  };
  advance();  // CREATE
  const size_t after_create = pos_;
  bool or_replace = false;
  if (tok().is("OR") && tok(1).is("REPLACE")) {
    advance();
    advance();
    or_replace = true;
  }
  // View and routine prefixes: ALGORITHM=..., DEFINER=user@host, SQL SECURITY ...
  while (true) {
    if (acceptWord("ALGORITHM")) {
      acceptSymbol("=");
      advance();
    } else if (acceptWord("DEFINER")) {
      acceptSymbol("=");
      if (tok().is("CURRENT_USER")) {
        advance();
        if (tok().isSymbol("(")) skipParenthesised();
      } else {
        advance();
        if (tok().kind == TokenKind::Variable) advance();
      }
    } else if (tok().is("SQL") && tok(1).is("SECURITY")) {
      advance();
      advance();
      advance();
    } else {
      break;
    }
  }
  const DdlToken& t = tok();
  if (t.is("TABLE") || (t.is("TEMPORARY") && tok(1).is("TABLE"))) {
    return parseCreateTable(pending, or_replace);
  }
  if (t.is("DATABASE") || t.is("SCHEMA")) return parseCreateDatabase(pending);
  size_t k = 0;
  if (isOneOf(tok(k), {"ONLINE", "OFFLINE"})) ++k;
  bool unique = tok(k).is("UNIQUE");
  if (isOneOf(tok(k), {"UNIQUE", "FULLTEXT", "SPATIAL"}) && tok(k + 1).is("INDEX")) ++k;
  if (tok(k).is("INDEX")) {
    // Debezium's MySQL grammar starts the createIndex rule after CREATE, so that is the text
    // it records; its MariaDB grammar includes CREATE.
    return parseCreateIndex(pending, isMySql() ? after_create : statement_start_, unique);
  }
  if (isOneOf(t, {"PROCEDURE", "FUNCTION", "TRIGGER", "EVENT", "AGGREGATE", "PACKAGE"})) {
    unsignalled(Kind::Other);
    skipRoutineToStatementEnd();
    return;
  }
  if (isOneOf(t, {"VIEW", "USER", "ROLE", "SEQUENCE", "SERVER", "TABLESPACE", "LOGFILE", "SPATIAL",
                  "RESOURCE", "UNDO"})) {
    unsignalled(Kind::Other);
    return;
  }
  unsignalled(Kind::Unparsed);
}

void DdlStatementParser::parseCreateTable(Pending& pending, bool or_replace) {
  Event base;
  base.kind = Kind::CreateTable;
  pending.unsignalled = base;
  acceptWord("TEMPORARY");
  expectWord("TABLE");
  acceptWords({"IF", "NOT", "EXISTS"});
  TableId id = tableName();

  auto createOrFail = [&](const TableEditor& editor) {
    try {
      return editor.create();
    } catch (const std::invalid_argument& e) {
      fail(e.what());
    }
  };

  // CREATE TABLE t LIKE other / CREATE TABLE t (LIKE other)
  bool parenthesised_like = tok().isSymbol("(") && tok(1).is("LIKE");
  if (tok().is("LIKE") || parenthesised_like) {
    if (parenthesised_like) advance();
    advance();  // LIKE
    TableId original_id = tableName();
    if (parenthesised_like) expectSymbol(")");
    if (const Table* original = tables_.forTable(original_id)) {
      Table copy;
      copy.id = id;
      copy.columns = original->columns;
      copy.primaryKeyColumnNames = original->primaryKeyColumnNames;
      copy.defaultCharsetName = original->defaultCharsetName;
      tables_.overwrite(createOrFail(TableEditor(std::move(copy))));
      Event e = base;
      e.effect = Event::Effect::Create;
      e.id = id;
      e.databaseName = id.catalog;
      pending.events.push_back(std::move(e));
    }
    return;
  }

  // Debezium leaves an existing table alone (CREATE TABLE IF NOT EXISTS); CREATE OR REPLACE
  // replaces it, as the server does.
  const bool apply = tables_.forTable(id) == nullptr || or_replace;
  TableEditor editor(id);
  if (tok().isSymbol("(") && !isOneOf(tok(1), {"SELECT", "WITH", "VALUES", "TABLE"}) &&
      !tok(1).isSymbol("(")) {
    parseTableElements(editor, nullptr);
  }
  parseTableOptions(editor, true);
  bool query = false;
  if (tok().is("PARTITION")) {
    int depth = 0;
    while (!atStatementEnd()) {
      if (tok().isSymbol("(")) ++depth;
      if (tok().isSymbol(")")) --depth;
      if (depth == 0 && isOneOf(tok(), {"SELECT", "AS"})) query = true;
      advance();
    }
  }
  if (!atStatementEnd() && atCreateTableQueryStart()) {
    query = true;
    skipToStatementEnd();
  }
  if (!atStatementEnd()) fail("unexpected text after the table definition");
  // MariaDB's grammar has no listener for CREATE TABLE ... SELECT; MySQL's creates the table
  // with whatever columns were declared.
  if (query && !isMySql()) return;
  if (!apply) return;
  if (!editor.hasDefaultCharsetName()) editor.setDefaultCharsetName(parser_.charsetForTable(id));
  tables_.overwrite(createOrFail(editor));
  Event e = base;
  e.effect = Event::Effect::Create;
  e.id = id;
  e.databaseName = id.catalog;
  pending.events.push_back(std::move(e));
}

bool DdlStatementParser::atCreateTableQueryStart() const {
  const DdlToken& t = tok();
  if (t.isSymbol("(")) return true;
  if (t.is("WITH")) return !tok(1).is("SYSTEM");
  return isOneOf(t, {"AS", "SELECT", "IGNORE", "REPLACE", "VALUES", "TABLE"});
}

bool DdlStatementParser::atTableConstraintStart() const {
  const DdlToken& t = tok();
  if (isOneOf(t, {"CONSTRAINT", "PRIMARY", "UNIQUE", "INDEX", "KEY", "FULLTEXT", "SPATIAL",
                  "FOREIGN", "CHECK"})) {
    return true;
  }
  return t.is("PERIOD") && tok(1).is("FOR");
}

void DdlStatementParser::parseTableElements(TableEditor& editor,
                                            std::vector<Column>* deferred_columns) {
  expectSymbol("(");
  if (acceptSymbol(")")) return;
  while (true) {
    if (atTableConstraintStart()) {
      parseTableConstraint(editor);
    } else {
      std::string name = identifier("a column name");
      ColumnMode mode =
          deferred_columns != nullptr && isMySql() ? ColumnMode::AlterAddList : ColumnMode::Create;
      Column column = parseColumnDefinition(editor, std::move(name), mode, nullptr);
      if (deferred_columns != nullptr && isMySql()) {
        deferred_columns->push_back(std::move(column));
      }
    }
    if (acceptSymbol(",")) continue;
    expectSymbol(")");
    return;
  }
}

std::vector<DdlStatementParser::KeyPart> DdlStatementParser::parseKeyParts() {
  std::vector<KeyPart> parts;
  expectSymbol("(");
  while (true) {
    KeyPart part;
    size_t start = pos_;
    if (tok().isSymbol("(")) {
      skipParenthesised();
    } else if (tok().kind == TokenKind::String && !isMySql()) {
      part.column = tok().value;
      advance();
    } else if (isIdentifier(tok()) && (tok(1).isSymbol(",") || tok(1).isSymbol(")") ||
                                       tok(1).isSymbol("(") || isOneOf(tok(1), {"ASC", "DESC"}))) {
      part.column = identifier("a column name");
      if (tok().isSymbol("(")) skipParenthesised();
    } else {
      // An expression without its own parentheses (MariaDB's grammar allows it).
      skipToElementEnd();
    }
    // getText() of the part: MariaDB's listener names an expression key part by it.
    for (size_t i = start; i < pos_; ++i) part.text += rawTokenText(tokens_[i]);
    acceptWord("ASC") || acceptWord("DESC");
    parts.push_back(std::move(part));
    if (acceptSymbol(",")) continue;
    expectSymbol(")");
    return parts;
  }
}

void DdlStatementParser::applyPrimaryKey(TableEditor& editor, const std::vector<KeyPart>& parts) {
  // MySqlAntlrDdlParser.parsePrimaryIndexColumnNames: key columns become NOT NULL and lose the
  // implicit NULL default; expression parts are left out (MySQL) or kept by text (MariaDB).
  std::vector<std::string> names;
  for (const KeyPart& part : parts) {
    if (!part.column && isMySql()) continue;
    std::string name = part.column ? *part.column : part.text;
    const Column* column = editor.columnWithName(name);
    if (column != nullptr && column->optional) {
      Column updated = *column;
      setColumnOptional(updated, false);
      if (updated.hasDefaultValue && !updated.defaultValueExpression) unsetColumnDefault(updated);
      editor.addColumn(updated);
    }
    column = editor.columnWithName(name);
    names.push_back(column != nullptr ? column->name : name);
  }
  editor.setPrimaryKeyNames(std::move(names));
}

void DdlStatementParser::applyUniqueKey(TableEditor& editor, const std::vector<KeyPart>& parts) {
  if (editor.hasPrimaryKey()) return;
  // isTableUniqueIndexIncluded: every part is an existing column (MySQL: and no expression).
  std::vector<const Column*> columns;
  for (const KeyPart& part : parts) {
    if (!part.column && isMySql()) return;
    const Column* column = editor.columnWithName(part.column ? *part.column : part.text);
    if (column == nullptr) return;
    columns.push_back(column);
  }
  // parseUniqueIndexColumnNames: a key over a nullable column cannot identify rows.
  std::vector<std::string> names;
  for (const Column* column : columns) {
    if (column->optional) return;
    names.push_back(column->name);
  }
  editor.setPrimaryKeyNames(std::move(names));
}

void DdlStatementParser::parseTableConstraint(TableEditor& editor) {
  if (acceptWord("CONSTRAINT")) {
    if (!isOneOf(tok(), {"PRIMARY", "UNIQUE", "FOREIGN", "CHECK"})) {
      identifier("a constraint name");
    }
  }
  if (tok().is("PERIOD") || tok().is("FOREIGN") || tok().is("CHECK")) {
    skipToElementEnd();
    return;
  }
  bool primary = false;
  bool unique = false;
  if (acceptWord("PRIMARY")) {
    expectWord("KEY");
    primary = true;
  } else if (acceptWord("UNIQUE")) {
    acceptWord("KEY") || acceptWord("INDEX");
    unique = true;
  } else if (acceptWord("FULLTEXT") || acceptWord("SPATIAL")) {
    acceptWord("KEY") || acceptWord("INDEX");
  } else if (!acceptWord("KEY") && !acceptWord("INDEX")) {
    fail("expected a key definition");
  }
  acceptWords({"IF", "NOT", "EXISTS"});
  // [index_name] [USING|TYPE BTREE|HASH] (key parts)
  if (!tok().isSymbol("(") && !isOneOf(tok(), {"USING", "TYPE"})) identifier("an index name");
  if (acceptWord("USING") || acceptWord("TYPE")) advance();
  std::vector<KeyPart> parts = parseKeyParts();
  skipToElementEnd();  // index options
  if (primary) applyPrimaryKey(editor, parts);
  if (unique) applyUniqueKey(editor, parts);
}

Column DdlStatementParser::parseColumnDefinition(TableEditor& editor, std::string name,
                                                 ColumnMode mode, const Column* existing) {
  Column column = existing != nullptr ? *existing : Column{};
  column.name = std::move(name);
  ColumnState state;
  resolveDataType(column, state);
  parseColumnAttributes(column, state, editor, mode);
  setColumnOptional(column, state.optional.value_or(true));
  if (mode == ColumnMode::AlterAddList) return column;
  if (state.primaryKey) {
    // The [PRIMARY] KEY attribute registers the column and makes it the key right away.
    editor.addColumn(column);
    editor.setPrimaryKeyNames({column.name});
  }
  // MySQL's ALTER TABLE path never looks at UNIQUE; CREATE TABLE (and MariaDB everywhere) takes
  // the first UNIQUE column as the key when there is none yet.
  bool honour_unique = mode == ColumnMode::Create || !isMySql();
  if (honour_unique && state.unique && !editor.hasPrimaryKey()) {
    editor.addColumn(column);
    editor.setPrimaryKeyNames({column.name});
  }
  if (mode == ColumnMode::Create) editor.addColumn(column);
  return column;
}

std::optional<std::string> DdlStatementParser::parseCharsetName() {
  const DdlToken& t = tok();
  if (t.kind == TokenKind::String || isIdentifier(t)) {
    std::string v = t.value;
    advance();
    return v;
  }
  fail("expected a character set name");
}

void DdlStatementParser::resolveDataType(Column& column, ColumnState& state) {
  const DdlToken& first = tok();
  if (first.kind != TokenKind::Word) fail("expected a data type");
  const std::string w = common::toUpper(first.value);
  advance();

  int jdbc_type = jdbc::kOther;
  std::string name = w;
  std::optional<int> length;
  std::optional<int> scale;
  std::optional<int> default_length;
  std::optional<int> default_scale;
  std::optional<std::string> charset;
  bool binary_modifier = false;
  bool national = false;
  bool numeric_options = false;
  bool char_options = false;
  bool is_enum = false;
  bool is_set = false;
  bool serial = false;
  std::vector<std::string> options;

  auto fieldLength = [&] {
    if (tok().isSymbol("(")) {
      advance();
      length = parseLength(tok());
      advance();
      expectSymbol(")");
    }
  };
  // (M) or (M,D)
  auto precision = [&] {
    if (tok().isSymbol("(")) {
      advance();
      length = parseLength(tok());
      advance();
      if (acceptSymbol(",")) {
        scale = parseInteger(tok(), "a scale");
        advance();
      }
      expectSymbol(")");
    }
  };
  auto fsp = [&] {
    if (tok().isSymbol("(")) {
      advance();
      length = parseInteger(tok(), "a fractional seconds precision");
      advance();
      expectSymbol(")");
    }
  };
  auto upperText = [&](size_t ahead) { return common::toUpper(tok(ahead).value); };

  if (isIntegerType(w)) {
    jdbc_type = integerJdbcType(w);
    fieldLength();
    numeric_options = true;
  } else if (w == "REAL") {
    jdbc_type = jdbc::kReal;
    precision();
    numeric_options = true;
  } else if (w == "DOUBLE" || w == "FLOAT8") {
    jdbc_type = jdbc::kDouble;
    if (tok().is("PRECISION")) {
      name += " " + upperText(0);
      advance();
    }
    precision();
    numeric_options = true;
  } else if (w == "FLOAT" || w == "FLOAT4") {
    jdbc_type = jdbc::kFloat;
    precision();
    numeric_options = true;
  } else if (w == "DECIMAL" || w == "DEC" || w == "NUMERIC" || w == "FIXED") {
    jdbc_type = w == "NUMERIC" ? jdbc::kNumeric : jdbc::kDecimal;
    default_length = 10;
    default_scale = 0;
    precision();
    numeric_options = true;
  } else if (w == "BIT") {
    jdbc_type = jdbc::kBit;
    default_length = 1;
    fieldLength();
  } else if (w == "BOOL" || w == "BOOLEAN") {
    jdbc_type = jdbc::kBoolean;
  } else if (w == "CHAR" || w == "CHARACTER") {
    if (tok().is("VARYING")) {
      name += " " + upperText(0);
      advance();
      jdbc_type = jdbc::kVarchar;
    } else {
      jdbc_type = jdbc::kChar;
    }
    fieldLength();
    char_options = true;
  } else if (w == "VARCHAR" || w == "VARCHARACTER") {
    jdbc_type = jdbc::kVarchar;
    fieldLength();
    char_options = true;
  } else if (w == "NCHAR") {
    national = true;
    if (tok().is("VARCHAR") || tok().is("VARCHARACTER") || tok().is("VARYING")) {
      name += " " + upperText(0);
      advance();
      jdbc_type = jdbc::kNVarchar;
    } else {
      jdbc_type = jdbc::kNChar;
    }
    fieldLength();
    if (acceptWord("BINARY")) binary_modifier = true;
  } else if (w == "NATIONAL") {
    national = true;
    if (tok().is("CHAR") || tok().is("CHARACTER")) {
      name += " " + upperText(0);
      advance();
      if (tok().is("VARYING")) {
        name += " " + upperText(0);
        advance();
        jdbc_type = jdbc::kNVarchar;
      } else {
        jdbc_type = jdbc::kNChar;
      }
    } else if (tok().is("VARCHAR") || tok().is("VARCHARACTER")) {
      name += " " + upperText(0);
      advance();
      jdbc_type = jdbc::kNVarchar;
    } else {
      fail("expected CHAR or VARCHAR after NATIONAL");
    }
    fieldLength();
    if (acceptWord("BINARY")) binary_modifier = true;
  } else if (w == "NVARCHAR") {
    national = true;
    jdbc_type = jdbc::kNVarchar;
    fieldLength();
    if (acceptWord("BINARY")) binary_modifier = true;
  } else if (w == "BINARY") {
    jdbc_type = jdbc::kBinary;
    fieldLength();
  } else if (w == "VARBINARY") {
    jdbc_type = jdbc::kVarbinary;
    fieldLength();
  } else if (w == "TINYTEXT" || w == "TEXT" || w == "MEDIUMTEXT" || w == "LONGTEXT") {
    jdbc_type = jdbc::kVarchar;
    if (w == "TEXT") fieldLength();
    char_options = true;
  } else if (w == "LONG") {
    if (tok().is("VARBINARY")) {
      name += " " + upperText(0);
      advance();
      jdbc_type = jdbc::kBlob;
    } else {
      jdbc_type = jdbc::kVarchar;
      if (tok().is("VARCHAR")) {
        name += " " + upperText(0);
        advance();
      } else if (tok().is("CHAR") && tok(1).is("VARYING")) {
        name += " " + upperText(0) + " " + upperText(1);
        advance();
        advance();
      }
      char_options = true;
    }
  } else if (w == "TINYBLOB" || w == "BLOB" || w == "MEDIUMBLOB" || w == "LONGBLOB") {
    jdbc_type = jdbc::kBlob;
    if (w == "BLOB") fieldLength();
  } else if (w == "YEAR") {
    jdbc_type = jdbc::kInteger;
    fieldLength();
    numeric_options = true;
  } else if (w == "DATE") {
    jdbc_type = jdbc::kDate;
  } else if (w == "TIME") {
    jdbc_type = jdbc::kTime;
    fsp();
  } else if (w == "TIMESTAMP") {
    jdbc_type = jdbc::kTimestampWithTimezone;
    fsp();
  } else if (w == "DATETIME") {
    jdbc_type = jdbc::kTimestamp;
    fsp();
  } else if (w == "ENUM" || w == "SET") {
    jdbc_type = jdbc::kChar;
    is_enum = w == "ENUM";
    is_set = !is_enum;
    expectSymbol("(");
    while (true) {
      const DdlToken& o = tok();
      if (o.kind != TokenKind::String && o.kind != TokenKind::DoubleQuoted &&
          o.kind != TokenKind::HexLiteral && o.kind != TokenKind::BitLiteral) {
        fail("expected an ENUM/SET value");
      }
      options.push_back(rawTokenText(o));
      advance();
      if (acceptSymbol(",")) continue;
      expectSymbol(")");
      break;
    }
    char_options = true;
  } else if (w == "SERIAL") {
    jdbc_type = jdbc::kBigInt;
    name = "BIGINT UNSIGNED";
    serial = true;
  } else if (w == "JSON" || w == "GEOMETRY" || w == "GEOMETRYCOLLECTION" || w == "GEOMCOLLECTION" ||
             w == "POINT" || w == "MULTIPOINT" || w == "LINESTRING" || w == "MULTILINESTRING" ||
             w == "POLYGON" || w == "MULTIPOLYGON") {
    jdbc_type = jdbc::kOther;
  } else if (w == "VECTOR") {
    jdbc_type = jdbc::kOther;
    if (!isMySql()) default_length = 2048;
    fieldLength();
  } else if (w == "UUID" || w == "INET4" || w == "INET6") {
    // MariaDB types; Debezium's MariaDB grammar knows UUID, the INET types are accepted the
    // same way rather than failing the connector.
    jdbc_type = jdbc::kOther;
  } else {
    fail("unknown data type " + first.value);
  }

  if (numeric_options) {
    bool is_signed = false;
    bool is_unsigned = false;
    bool zerofill = false;
    std::string signedness;
    while (isOneOf(tok(), {"SIGNED", "UNSIGNED", "ZEROFILL"})) {
      std::string o = upperText(0);
      if (o == "ZEROFILL") {
        zerofill = true;
      } else {
        signedness = o;
        (o == "SIGNED" ? is_signed : is_unsigned) = true;
      }
      advance();
    }
    if (isMySql()) {
      // The Oracle-grammar listener: the last signedness wins, ZEROFILL implies UNSIGNED.
      if (zerofill) {
        name += " UNSIGNED ZEROFILL";
      } else if (!signedness.empty()) {
        name += " " + signedness;
      }
    } else {
      // DataTypeResolver suffix tokens, each once, in the entry's order.
      if (is_signed) name += " SIGNED";
      if (is_unsigned) name += " UNSIGNED";
      if (zerofill) name += " ZEROFILL";
    }
  }
  if (char_options) {
    // charsetWithOptBinary: ASCII/UNICODE/BYTE variants carry no charset name.
    for (int round = 0; round < 2; ++round) {
      if (tok().is("CHARACTER") && tok(1).is("SET")) {
        advance();
        advance();
        charset = parseCharsetName();
      } else if (tok().is("CHARSET")) {
        advance();
        charset = parseCharsetName();
      } else if (tok().is("BINARY")) {
        advance();
        binary_modifier = true;
      } else if (isOneOf(tok(), {"ASCII", "UNICODE", "BYTE"})) {
        advance();
        if (acceptWord("BINARY")) {
          // ascii/unicode BINARY variants are not BINARY modifiers for Debezium.
        }
      } else {
        break;
      }
    }
  }
  if (binary_modifier && !common::endsWith(name, " BINARY")) name += " BINARY";

  column.jdbcType = jdbc_type;
  column.typeName = name;
  column.typeExpression = name;
  if (is_enum || is_set) {
    if (name == "ENUM" || name == "SET") column.enumValues = options;
    length = is_set ? std::max(0, static_cast<int>(options.size()) * 2 - 1) : 1;
  }
  column.length = length ? length : default_length;
  column.scale = scale ? scale : (column.scale ? column.scale : default_scale);
  if (national) {
    column.charsetName = "utf8";
    if (jdbc_type == jdbc::kNChar && !column.length) column.length = 1;
  } else {
    column.charsetName = charset;
  }
  if (serial) {
    if (!state.optional) state.optional = false;
    state.unique = true;
    column.autoIncremented = true;
    column.generated = true;
  }
}

bool DdlStatementParser::atColumnAttributeStart() const {
  const DdlToken& t = tok();
  if (t.isSymbol(",") || t.isSymbol(")") || atStatementEnd()) return true;
  return isOneOfRange(t, kColumnAttributeWords);
}

bool DdlStatementParser::parseNowFunction(std::string* raw) {
  const DdlToken& t = tok();
  bool known = isOneOf(t, {"CURRENT_TIMESTAMP", "NOW", "LOCALTIME", "LOCALTIMESTAMP"}) ||
               (!isMySql() && isOneOf(t, {"CURDATE", "CURTIME"}));
  if (!known) return false;
  size_t start = pos_;
  advance();
  if (tok().isSymbol("(")) {
    advance();
    if (tok().kind == TokenKind::Number) advance();
    expectSymbol(")");
  }
  if (raw != nullptr) {
    // getText(): the tokens' text joined without the whitespace between them.
    raw->clear();
    for (size_t i = start; i < pos_; ++i) *raw += rawTokenText(tokens_[i]);
  }
  return true;
}

void DdlStatementParser::parseDefaultValue(Column& column, bool alter_set_default) {
  auto skipExpression = [&] {
    int depth = 0;
    while (!atStatementEnd()) {
      const DdlToken& t = tok();
      if (depth == 0 &&
          (t.isSymbol(",") || t.isSymbol(")") || isOneOfRange(t, kColumnAttributeWords))) {
        return;
      }
      if (t.isSymbol("(")) ++depth;
      if (t.isSymbol(")")) --depth;
      advance();
    }
  };
  // A calculated default (DEFAULT (expr) or, in MariaDB, any expression) is recorded as a
  // default without expression.
  auto expression = [&] {
    skipExpression();
    setColumnDefault(column, std::nullopt);
  };

  if (tok().isSymbol("(")) {
    if (!isMySql() && isOneOf(tok(1), {"NEXT", "PREVIOUS"})) {
      skipParenthesised();
      return;
    }
    skipParenthesised();
    if (!atColumnAttributeStart()) {
      expression();
      return;
    }
    setColumnDefault(column, std::nullopt);
    return;
  }
  if (tok().is("NULL")) {
    advance();
    return;
  }
  std::string raw;
  const DdlToken& fn = tok();
  bool is_current_timestamp = fn.is("CURRENT_TIMESTAMP") || fn.is("NOW");
  if (parseNowFunction(&raw)) {
    if (!atColumnAttributeStart() && !tok().is("ON")) {
      expression();
      return;
    }
    std::optional<std::string> value =
        isMySql() || is_current_timestamp ? std::string(kEpochDefault) : raw;
    if (!isMySql() && tok().is("ON") && tok(1).is("UPDATE")) {
      // MariaDB's grammar reads "DEFAULT <now> ON UPDATE <now>" as one default value, so the
      // ON UPDATE does not mark the column auto-updated there.
      size_t save = pos_;
      advance();
      advance();
      if (!parseNowFunction(nullptr)) pos_ = save;
    }
    setColumnDefault(column, std::move(value));
    return;
  }
  if (!isMySql() && isOneOf(tok(), {"CAST", "LASTVAL", "NEXTVAL"}) && tok(1).isSymbol("(")) {
    advance();
    skipParenthesised();
    return;
  }

  std::string sign;
  if (tok().isSymbol("-") || tok().isSymbol("+")) {
    sign = tok().value;
    advance();
  }
  const DdlToken& t = tok();
  std::optional<std::string> value;
  bool literal = true;
  auto isStringToken = [&](const DdlToken& s) {
    return s.kind == TokenKind::String || (s.kind == TokenKind::DoubleQuoted && !isMySql());
  };
  bool introducer =
      t.kind == TokenKind::Word && !t.value.empty() && t.value[0] == '_' && isStringToken(tok(1));
  if (t.kind == TokenKind::Number) {
    value = sign + t.value;
    advance();
  } else if (isStringToken(t) || introducer) {
    std::string with_introducer;
    std::string strings_only;
    std::string first_string;
    if (introducer) {
      with_introducer += rawTokenText(t);
      advance();
    }
    while (isStringToken(tok())) {
      std::string r = rawTokenText(tok());
      if (first_string.empty()) first_string = r;
      with_introducer += r;
      strings_only += r;
      advance();
    }
    if (isMySql()) {
      value = sign + unquote(introducer && !alter_set_default ? strings_only : with_introducer);
    } else if (tok().is("COLLATE")) {
      // MariaDB: a COLLATE right after the literal belongs to the literal.
      advance();
      parseCharsetName();
      value = sign + unquote(first_string);
    } else {
      value = sign + unquote(with_introducer);
    }
  } else if (t.is("TRUE") || t.is("FALSE")) {
    value = t.value;
    advance();
  } else if (t.kind == TokenKind::HexLiteral) {
    if (isMySql() && !alter_set_default) value = unquoteBinary(rawTokenText(t));
    advance();
  } else if (t.kind == TokenKind::BitLiteral) {
    value = unquoteBinary(rawTokenText(t));
    advance();
  } else if (isMySql() && isOneOf(t, {"DATE", "TIME", "TIMESTAMP"}) &&
             tok(1).kind == TokenKind::String) {
    value = sign + rawTokenText(t) + rawTokenText(tok(1));
    advance();
    advance();
  } else {
    literal = false;
  }
  if (!literal || !atColumnAttributeStart()) {
    expression();
    return;
  }
  if (value) setColumnDefault(column, std::move(value));
}

void DdlStatementParser::parseColumnAttributes(Column& column, ColumnState& state,
                                               TableEditor& editor, ColumnMode mode) {
  // MySQL's multi-column ADD (...) only looks at NULL/NOT NULL and DEFAULT.
  const bool limited = mode == ColumnMode::AlterAddList;
  const bool in_alter = mode != ColumnMode::Create;
  while (!atStatementEnd()) {
    const DdlToken& t = tok();
    if (t.isSymbol(",") || t.isSymbol(")")) return;
    if (in_alter && (t.is("FIRST") || t.is("AFTER"))) return;
    if (t.is("NOT")) {
      advance();
      if (acceptWord("NULL")) {
        state.optional = false;
      } else if (!acceptWord("SECONDARY") && !acceptWord("ENFORCED")) {
        fail("expected NULL after NOT");
      }
    } else if (acceptWord("NULL")) {
      state.optional = true;
    } else if (acceptWord("DEFAULT")) {
      parseDefaultValue(column, false);
    } else if (t.is("ON") && tok(1).is("UPDATE")) {
      advance();
      advance();
      if (!parseNowFunction(nullptr)) fail("expected CURRENT_TIMESTAMP after ON UPDATE");
      if (!limited) {
        column.autoIncremented = true;
        column.generated = true;
      }
    } else if (acceptWord("AUTO_INCREMENT")) {
      if (!limited) {
        column.autoIncremented = true;
        column.generated = true;
      }
    } else if (acceptWord("SERIAL")) {
      expectWord("DEFAULT");
      expectWord("VALUE");
      if (!limited) {
        if (!state.optional) state.optional = false;
        state.unique = true;
        column.autoIncremented = true;
        column.generated = true;
      }
    } else if (t.is("PRIMARY") || t.is("KEY")) {
      if (acceptWord("PRIMARY")) {
        expectWord("KEY");
      } else {
        advance();
      }
      if (!limited) {
        state.optional = false;
        state.primaryKey = true;
      }
    } else if (acceptWord("UNIQUE")) {
      acceptWord("KEY");
      if (!limited) state.unique = true;
    } else if (acceptWord("COMMENT")) {
      const DdlToken& c = tok();
      if (c.kind != TokenKind::String && c.kind != TokenKind::DoubleQuoted) {
        fail("expected a comment string");
      }
      if (!limited && parser_.options_.includeComments) {
        column.comment = withoutQuotes(rawTokenText(c));
      }
      advance();
    } else if (acceptWord("COLLATE")) {
      std::optional<std::string> collation = parseCharsetName();
      if (!limited && !column.charsetName && collation) {
        column.charsetName = charsetFromCollation(*collation);
      }
    } else if ((t.is("CHARACTER") && tok(1).is("SET")) || t.is("CHARSET")) {
      if (t.is("CHARACTER")) advance();
      advance();
      column.charsetName = parseCharsetName();
    } else if (isOneOf(t, {"COLUMN_FORMAT", "STORAGE", "SRID"})) {
      advance();
      advance();
    } else if (acceptWord("CONSTRAINT")) {
      if (!tok().is("CHECK")) identifier("a constraint name");
    } else if (acceptWord("CHECK")) {
      skipParenthesised();
    } else if (acceptWord("ENFORCED") || acceptWord("VISIBLE") || acceptWord("INVISIBLE")) {
    } else if (isOneOf(t, {"ENGINE_ATTRIBUTE", "SECONDARY_ENGINE_ATTRIBUTE"})) {
      advance();
      acceptSymbol("=");
      advance();
    } else if (t.is("GENERATED") || t.is("AS")) {
      if (acceptWord("GENERATED")) expectWord("ALWAYS");
      expectWord("AS");
      if (acceptWord("ROW")) {
        advance();  // START | END
      } else {
        skipParenthesised();
        acceptWord("VIRTUAL") || acceptWord("STORED") || acceptWord("PERSISTENT");
      }
    } else if (acceptWord("REFERENCES")) {
      tableName();
      if (tok().isSymbol("(")) skipParenthesised();
      while (true) {
        if (acceptWord("MATCH")) {
          advance();
        } else if (tok().is("ON") && isOneOf(tok(1), {"DELETE", "UPDATE"})) {
          advance();
          advance();
          if (acceptWord("SET") || acceptWord("NO")) {
            advance();
          } else {
            advance();  // RESTRICT | CASCADE
          }
        } else {
          break;
        }
      }
    } else if ((t.is("WITH") || t.is("WITHOUT")) && tok(1).is("SYSTEM")) {
      advance();
      advance();
      expectWord("VERSIONING");
    } else if (acceptWord("COMPRESSED")) {
      if (acceptSymbol("=")) advance();
    } else if (t.kind == TokenKind::Word && tok(1).isSymbol("=")) {
      // Engine-defined attributes (MariaDB's REF_SYSTEM_ID=4326, CONNECT's FIELD_FORMAT=...).
      advance();
      advance();
      advance();
    } else {
      fail("unexpected text in the definition of column " + column.name);
    }
  }
}

void DdlStatementParser::parseTableOptions(TableEditor& editor, bool create) {
  while (!atStatementEnd()) {
    const DdlToken& t = tok();
    if (t.isSymbol(",")) {
      if (!create) return;
      advance();
      continue;
    }
    if (t.is("PARTITION")) return;
    if (create && atCreateTableQueryStart()) return;
    if (!create && !atTableOptionStart()) return;
    bool with_default = acceptWord("DEFAULT");
    if ((tok().is("CHARACTER") && tok(1).is("SET")) || tok().is("CHARSET")) {
      if (tok().is("CHARACTER")) advance();
      advance();
      acceptSymbol("=");
      std::optional<std::string> charset = parseCharsetName();
      // Debezium's ALTER TABLE listener ignores table charset options.
      if (create) {
        if (charset && common::iequals(*charset, "default")) {
          charset = parser_.charsetForTable(editor.tableId());
        }
        editor.setDefaultCharsetName(charset);
      }
    } else if (acceptWord("COLLATE")) {
      acceptSymbol("=");
      parseCharsetName();
    } else if (with_default) {
      fail("expected CHARACTER SET or COLLATE after DEFAULT");
    } else if (acceptWord("COMMENT")) {
      acceptSymbol("=");
      const DdlToken& c = tok();
      if (c.kind != TokenKind::String && c.kind != TokenKind::DoubleQuoted) {
        fail("expected a comment string");
      }
      if (parser_.options_.includeComments) editor.setComment(withoutQuotes(rawTokenText(c)));
      advance();
    } else if (tok().is("WITH") && tok(1).is("SYSTEM")) {
      advance();
      advance();
      expectWord("VERSIONING");
    } else if (tok().is("START") && tok(1).is("TRANSACTION")) {
      advance();
      advance();
    } else if (acceptWord("UNION")) {
      acceptSymbol("=");
      skipParenthesised();
    } else if ((tok().is("DATA") || tok().is("INDEX")) && tok(1).is("DIRECTORY")) {
      advance();
      advance();
      acceptSymbol("=");
      advance();
    } else if (acceptWord("TABLESPACE")) {
      acceptSymbol("=");
      identifier("a tablespace name");
      if (acceptWord("STORAGE")) advance();
    } else if (acceptWord("STORAGE")) {
      advance();
    } else if (tok().kind == TokenKind::Word) {
      advance();
      acceptSymbol("=");
      if (tok().isSymbol("(")) {
        skipParenthesised();
      } else if (atStatementEnd()) {
        fail("expected a table option value");
      } else {
        if (tok().isSymbol("-")) advance();
        advance();
      }
    } else {
      fail("expected a table option");
    }
  }
}

bool DdlStatementParser::atTableOptionStart() const {
  const DdlToken& t = tok();
  if (t.is("WITH")) return tok(1).is("SYSTEM");
  if (t.is("START")) return tok(1).is("TRANSACTION");
  if (t.is("INDEX") || t.is("DATA")) return tok(1).is("DIRECTORY");
  return isOneOfRange(t, kTableOptionWords);
}

void DdlStatementParser::parseCreateIndex(Pending& pending, size_t text_start, bool unique) {
  Event base;
  base.kind = Kind::CreateIndex;
  pending.unsignalled = base;
  acceptWord("ONLINE") || acceptWord("OFFLINE");
  acceptWord("UNIQUE") || acceptWord("FULLTEXT") || acceptWord("SPATIAL");
  expectWord("INDEX");
  acceptWords({"IF", "NOT", "EXISTS"});
  identifier("an index name");
  if (acceptWord("USING") || acceptWord("TYPE")) advance();
  expectWord("ON");
  TableId id = tableName();
  std::vector<KeyPart> parts = parseKeyParts();
  skipToStatementEnd();
  if (!unique) return;
  const auto& filter = parser_.options_.tableFilter;
  if (filter && !filter(id)) return;
  const Table* existing = tables_.forTable(id);
  if (existing == nullptr) {
    failAt("Trying to create index on non existing table " + id.toString() + ".", statement_start_);
  }
  TableEditor editor(*existing);
  // Debezium signals the index only when the key could serve as the primary key (no key yet,
  // all parts existing columns), whether or not it then becomes one.
  if (editor.hasPrimaryKey()) return;
  for (const KeyPart& part : parts) {
    if (!part.column && isMySql()) return;
    if (editor.columnWithName(part.column ? *part.column : part.text) == nullptr) return;
  }
  applyUniqueKey(editor, parts);
  try {
    tables_.overwrite(editor.create());
  } catch (const std::invalid_argument& e) {
    fail(e.what());
  }
  Event e = base;
  e.effect = Event::Effect::Alter;
  e.id = id;
  e.databaseName = id.catalog;
  if (pos_ > text_start) e.ddl = rawText(text_start, pos_ - 1);
  pending.events.push_back(std::move(e));
}

// The [DEFAULT] CHARACTER SET / COLLATE options of CREATE and ALTER DATABASE, up to the end.
void DdlStatementParser::parseDatabaseOptions(const std::string& db) {
  while (!atStatementEnd()) {
    acceptWord("DEFAULT");
    if ((tok().is("CHARACTER") && tok(1).is("SET")) || tok().is("CHARSET")) {
      if (tok().is("CHARACTER")) advance();
      advance();
      acceptSymbol("=");
      std::string charset = parseCharsetName().value_or("");
      if (common::iequals(charset, "DEFAULT")) {
        charset = parser_.systemVariable("character_set_server").value_or("");
      }
      parser_.setDatabaseCharset(db, charset);
    } else if (acceptWord("COLLATE")) {
      acceptSymbol("=");
      std::string collation = parseCharsetName().value_or("");
      // MySQL uses the collation's charset when no charset was given; Debezium's MariaDB
      // listener ignores a lone collation.
      if (isMySql() && !parser_.databaseCharset(db)) {
        if (auto charset = charsetFromCollation(collation))
          parser_.setDatabaseCharset(db, *charset);
      }
    } else {
      skipToStatementEnd();
    }
  }
}

void DdlStatementParser::parseCreateDatabase(Pending& pending) {
  Event base;
  base.kind = Kind::CreateDatabase;
  pending.unsignalled = base;
  advance();  // DATABASE | SCHEMA
  acceptWords({"IF", "NOT", "EXISTS"});
  std::string db = identifier("a database name");
  parseDatabaseOptions(db);
  Event e = base;
  e.databaseName = db;
  pending.events.push_back(std::move(e));
}

void DdlStatementParser::parseAlter(Pending& pending) {
  advance();  // ALTER
  size_t k = 0;
  while (isOneOf(tok(k), {"ONLINE", "OFFLINE", "IGNORE"})) ++k;
  if (tok(k).is("TABLE")) {
    for (size_t i = 0; i < k; ++i) advance();
    return parseAlterTable(pending);
  }
  if (tok().is("DATABASE") || tok().is("SCHEMA")) return parseAlterDatabase(pending);
  Event e;
  if (tok().is("EVENT")) {
    e.kind = Kind::Other;
    pending.unsignalled = e;
    skipRoutineToStatementEnd();
    return;
  }
  e.kind = isOneOf(tok(), {"VIEW", "PROCEDURE", "FUNCTION", "USER", "ROLE", "SEQUENCE", "SERVER",
                           "TABLESPACE", "LOGFILE", "INSTANCE", "RESOURCE", "UNDO", "DEFINER",
                           "ALGORITHM", "SQL"})
               ? Kind::Other
               : Kind::Unparsed;
  pending.unsignalled = e;
}

void DdlStatementParser::parseAlterTable(Pending& pending) {
  Event base;
  base.kind = Kind::AlterTable;
  pending.unsignalled = base;
  expectWord("TABLE");
  acceptWords({"IF", "EXISTS"});
  TableId id = tableName();
  skipWaitOption();
  const Table* existing = tables_.forTable(id);
  if (existing == nullptr) {
    // Debezium ignores ALTER TABLE for tables it does not know.
    skipToStatementEnd();
    return;
  }
  TableEditor editor(*existing);
  while (!atStatementEnd()) {
    parseAlterSpec(editor);
    if (atStatementEnd()) break;
    if (acceptSymbol(",")) continue;
    if (atTableOptionStart() || tok().is("PARTITION") || tok().is("REMOVE")) continue;
    fail("expected ',' between ALTER TABLE specifications");
  }
  try {
    tables_.overwrite(editor.create());
  } catch (const std::invalid_argument& e) {
    fail(e.what());
  }
  Event e = base;
  e.effect = Event::Effect::Alter;
  e.id = editor.tableId();
  e.databaseName = e.id.catalog;
  pending.events.push_back(std::move(e));
}

void DdlStatementParser::parsePlace(TableEditor& editor, const std::string& column) {
  if (acceptWord("FIRST")) {
    editor.reorderColumn(column, std::nullopt);
  } else if (acceptWord("AFTER")) {
    std::string after = identifier("a column name");
    editor.reorderColumn(column, after);
  }
}

void DdlStatementParser::parseAlterSpec(TableEditor& editor) {
  auto ifExists = [&] { return acceptWords({"IF", "EXISTS"}); };
  auto missingColumn = [&](const std::string& name, size_t at) {
    failAt("Trying to change column " + name + " in " + editor.tableId().toString() +
               " table, which does not exist.",
           at);
  };
  const DdlToken& t = tok();

  if (acceptWord("ADD")) {
    bool column_keyword = acceptWord("COLUMN");
    bool if_not_exists = acceptWords({"IF", "NOT", "EXISTS"});
    if (tok().isSymbol("(")) {
      std::vector<Column> deferred;
      parseTableElements(editor, &deferred);
      for (Column& c : deferred) editor.addColumn(std::move(c));
      return;
    }
    if (!column_keyword) {
      if (atTableConstraintStart()) {
        parseTableConstraint(editor);
        return;
      }
      if (tok().is("PARTITION")) {
        skipToStatementEnd();
        return;
      }
      if (tok().is("SYSTEM") && tok(1).is("VERSIONING")) {
        advance();
        advance();
        return;
      }
    }
    std::string name = identifier("a column name");
    if (if_not_exists && editor.columnWithName(name) != nullptr) {
      // MariaDB keeps the existing column; so does the model.
      TableEditor scratch(editor.tableId());
      parseColumnDefinition(scratch, name, ColumnMode::AlterAdd, nullptr);
      if (acceptWord("AFTER")) identifier("a column name");
      acceptWord("FIRST");
      return;
    }
    Column column = parseColumnDefinition(editor, std::move(name), ColumnMode::AlterAdd, nullptr);
    editor.addColumn(column);
    parsePlace(editor, column.name);
    return;
  }

  if (t.is("CHANGE") || t.is("MODIFY")) {
    const bool change = t.is("CHANGE");
    advance();
    acceptWord("COLUMN");
    bool if_exists = ifExists();
    size_t name_at = pos_;
    std::string old_name = identifier("a column name");
    std::string new_name = change ? identifier("a column name") : old_name;
    const Column* existing = editor.columnWithName(old_name);
    if (existing == nullptr) {
      if (!if_exists) missingColumn(old_name, name_at);
      TableEditor scratch(editor.tableId());
      parseColumnDefinition(scratch, new_name, ColumnMode::AlterChange, nullptr);
      if (acceptWord("AFTER")) identifier("a column name");
      acceptWord("FIRST");
      return;
    }
    Column column;
    if (change) {
      // CHANGE edits the existing column (keeping what the new definition does not restate,
      // such as AUTO_INCREMENT), without its default, length and scale.
      Column base = *existing;
      unsetColumnDefault(base);
      base.length.reset();
      base.scale.reset();
      column = parseColumnDefinition(editor, base.name, ColumnMode::AlterChange, &base);
    } else {
      column = parseColumnDefinition(editor, old_name, ColumnMode::AlterChange, nullptr);
    }
    editor.addColumn(column);
    if (change && column.name != new_name) editor.renameColumn(column.name, new_name);
    parsePlace(editor, change ? new_name : column.name);
    return;
  }

  if (acceptWord("DROP")) {
    if (tok().is("PRIMARY") && tok(1).is("KEY")) {
      advance();
      advance();
      editor.setPrimaryKeyNames({});
    } else if (tok().is("FOREIGN") && tok(1).is("KEY")) {
      advance();
      advance();
      ifExists();
      identifier("a foreign key name");
    } else if (isOneOf(tok(), {"INDEX", "KEY", "CHECK", "CONSTRAINT"})) {
      advance();
      ifExists();
      identifier("a key name");
    } else if (tok().is("PARTITION")) {
      skipToStatementEnd();
    } else if (tok().is("SYSTEM") && tok(1).is("VERSIONING")) {
      advance();
      advance();
    } else if (tok().is("PERIOD")) {
      skipToElementEnd();
    } else {
      acceptWord("COLUMN");
      ifExists();
      std::string name = identifier("a column name");
      acceptWord("RESTRICT") || acceptWord("CASCADE");
      editor.removeColumn(name);
    }
    return;
  }

  if (t.is("ALTER")) {
    advance();
    if (isOneOf(tok(), {"INDEX", "KEY", "CHECK", "CONSTRAINT"})) {
      skipToElementEnd();
      return;
    }
    acceptWord("COLUMN");
    ifExists();
    std::string name = identifier("a column name");
    const Column* existing = editor.columnWithName(name);
    Column column = existing != nullptr ? *existing : Column{};
    if (acceptWord("SET")) {
      if (acceptWord("DEFAULT")) {
        parseDefaultValue(column, true);
      } else if (!acceptWord("VISIBLE") && !acceptWord("INVISIBLE")) {
        fail("expected DEFAULT, VISIBLE or INVISIBLE");
      }
    } else if (acceptWord("DROP")) {
      expectWord("DEFAULT");
      unsetColumnDefault(column);
    } else {
      fail("expected SET or DROP");
    }
    if (existing != nullptr) editor.updateColumn(column);
    return;
  }

  if (acceptWord("RENAME")) {
    if (acceptWord("COLUMN")) {
      size_t name_at = pos_;
      std::string old_name = identifier("a column name");
      expectWord("TO");
      std::string new_name = identifier("a column name");
      const Column* existing = editor.columnWithName(old_name);
      if (existing == nullptr) missingColumn(old_name, name_at);
      std::string current = existing->name;
      if (current != new_name) editor.renameColumn(current, new_name);
    } else if (isOneOf(tok(), {"INDEX", "KEY"})) {
      advance();
      identifier("an index name");
      expectWord("TO");
      identifier("an index name");
    } else {
      acceptWord("TO") || acceptWord("AS") || acceptSymbol("=");
      TableId new_id = tableName();
      try {
        tables_.overwrite(editor.create());
      } catch (const std::invalid_argument& e) {
        fail(e.what());
      }
      tables_.renameTable(editor.tableId(), new_id);
      editor = TableEditor(*tables_.forTable(new_id));
    }
    return;
  }

  if (t.is("CONVERT") && tok(1).is("TO")) {
    advance();
    advance();
    if (tok().is("CHARACTER")) advance();
    if (!acceptWord("SET") && !acceptWord("CHARSET")) fail("expected CHARACTER SET");
    std::optional<std::string> charset;
    if (!acceptWord("DEFAULT")) charset = parseCharsetName();
    if (acceptWord("COLLATE")) {
      std::optional<std::string> collation = parseCharsetName();
      if (!charset && collation) charset = charsetFromCollation(*collation);
    }
    if (charset) {
      editor.setDefaultCharsetName(charset);
      std::vector<Column> columns = editor.columns();
      for (Column& c : columns) {
        if (c.charsetName) c.charsetName = charset;
      }
      editor.setColumns(std::move(columns));
    }
    return;
  }

  if (isOneOf(t, {"PARTITION", "REMOVE", "COALESCE", "REORGANIZE", "EXCHANGE", "ANALYZE", "CHECK",
                  "OPTIMIZE", "REBUILD", "REPAIR", "TRUNCATE", "UPGRADE"})) {
    skipToStatementEnd();
    return;
  }
  if ((t.is("DISCARD") || t.is("IMPORT")) && tok(1).is("TABLESPACE")) {
    advance();
    advance();
    return;
  }
  if ((t.is("DISCARD") || t.is("IMPORT")) && tok(1).is("PARTITION")) {
    skipToStatementEnd();
    return;
  }
  if (atTableOptionStart()) {
    parseTableOptions(editor, false);
    return;
  }
  // ALGORITHM=, LOCK=, FORCE, ENABLE/DISABLE KEYS, ORDER BY, WITH/WITHOUT VALIDATION, ...:
  // nothing Debezium models.
  skipToElementEnd();
}

void DdlStatementParser::parseAlterDatabase(Pending& pending) {
  Event e;
  e.kind = Kind::AlterDatabase;
  pending.unsignalled = e;
  advance();  // DATABASE | SCHEMA
  std::string db = parser_.current_database_;
  bool option_start =
      tok().is("DEFAULT") || tok().is("CHARACTER") || tok().is("CHARSET") || tok().is("COLLATE");
  if (!option_start && isIdentifier(tok())) db = identifier("a database name");
  parseDatabaseOptions(db);
}

void DdlStatementParser::parseDrop(Pending& pending) {
  const size_t drop_token = pos_;
  advance();  // DROP
  size_t k = 0;
  if (tok(k).is("TEMPORARY")) ++k;
  if (tok(k).is("TABLE") || tok(k).is("TABLES")) {
    pos_ = drop_token;
    return parseDropTable(pending);
  }
  if (tok().is("DATABASE") || tok().is("SCHEMA")) return parseDropDatabase(pending);
  Event e;
  if (tok().is("INDEX") || ((tok().is("ONLINE") || tok().is("OFFLINE")) && tok(1).is("INDEX"))) {
    e.kind = Kind::DropIndex;
  } else if (isOneOf(tok(), {"VIEW", "PROCEDURE", "FUNCTION", "TRIGGER", "EVENT", "USER", "ROLE",
                             "SEQUENCE", "SERVER", "TABLESPACE", "LOGFILE", "SPATIAL", "RESOURCE",
                             "UNDO", "PACKAGE"})) {
    e.kind = Kind::Other;
  } else {
    e.kind = Kind::Unparsed;
  }
  pending.unsignalled = e;
}

void DdlStatementParser::parseDropTable(Pending& pending) {
  Event base;
  base.kind = Kind::DropTable;
  pending.unsignalled = base;
  const size_t drop_token = pos_;
  advance();  // DROP
  acceptWord("TEMPORARY");
  if (!acceptWord("TABLE")) expectWord("TABLES");
  acceptWords({"IF", "EXISTS"});
  const size_t first_table = pos_;
  std::vector<TableId> ids;
  ids.push_back(tableName());
  while (acceptSymbol(",")) ids.push_back(tableName());
  skipWaitOption();
  std::string suffix;
  if (tok().is("RESTRICT") || tok().is("CASCADE")) {
    suffix = " " + (isMySql() ? common::toUpper(tok().value) : tok().value);
    advance();
  }
  // Debezium records one DROP per table: the text up to the table list, the quoted table name
  // and RESTRICT/CASCADE.
  std::string prefix(text_.substr(tokens_[drop_token].begin,
                                  tokens_[first_table].begin - tokens_[drop_token].begin));
  for (const TableId& id : ids) {
    tables_.removeTable(id);
    Event e = base;
    e.effect = Event::Effect::Drop;
    e.id = id;
    e.databaseName = id.catalog;
    e.ddl = prefix + id.toQuotedString('`') + suffix;
    pending.events.push_back(std::move(e));
  }
}

void DdlStatementParser::parseDropDatabase(Pending& pending) {
  Event base;
  base.kind = Kind::DropDatabase;
  pending.unsignalled = base;
  advance();  // DATABASE | SCHEMA
  acceptWords({"IF", "EXISTS"});
  std::string db = identifier("a database name");
  tables_.removeTablesForDatabase(db);
  parser_.database_charsets_.erase(db);
  Event e = base;
  e.databaseName = db;
  pending.events.push_back(std::move(e));
}

void DdlStatementParser::parseRename(Pending& pending) {
  const size_t rename_token = pos_;
  advance();  // RENAME
  if (!tok().is("TABLE") && !tok().is("TABLES")) {
    Event e;
    e.kind = tok().is("USER") ? Kind::Other : Kind::Unparsed;
    pending.unsignalled = e;
    return;
  }
  Event base;
  base.kind = Kind::RenameTable;
  pending.unsignalled = base;
  advance();
  const size_t first_pair = pos_;
  std::string prefix(text_.substr(tokens_[rename_token].begin,
                                  tokens_[first_pair].begin - tokens_[rename_token].begin));
  while (true) {
    const size_t pair_start = pos_;
    TableId old_id = tableName();
    expectWord("TO");
    TableId new_id = tableName();
    tables_.renameTable(old_id, new_id);
    Event e = base;
    e.effect = Event::Effect::Alter;
    e.id = new_id;
    e.previousId = old_id;
    e.databaseName = new_id.catalog;
    e.ddl = prefix + rawText(pair_start, pos_ - 1);
    pending.events.push_back(std::move(e));
    if (!acceptSymbol(",")) break;
  }
  skipWaitOption();
}

void DdlStatementParser::parseTruncate(Pending& pending) {
  Event base;
  base.kind = Kind::Truncate;
  pending.unsignalled = base;
  advance();  // TRUNCATE
  acceptWord("TABLE");
  TableId id = tableName();
  skipWaitOption();
  Event e = base;
  e.effect = Event::Effect::Truncate;
  e.id = id;
  e.databaseName = id.catalog;
  pending.events.push_back(std::move(e));
}

void DdlStatementParser::parseUse(Pending& pending) {
  Event base;
  base.kind = Kind::Use;
  pending.unsignalled = base;
  advance();  // USE
  std::string db = identifier("a database name");
  parser_.current_database_ = db;
  // The server resets character_set_database on every USE; Debezium mirrors it.
  parser_.setSystemVariable(DdlParser::Scope::Session, "character_set_database",
                            parser_.databaseCharset(db));
  Event e = base;
  e.databaseName = db;
  pending.events.push_back(std::move(e));
}

void DdlStatementParser::parseSet(Pending& pending) {
  Event base;
  base.kind = Kind::Set;
  pending.unsignalled = base;
  advance();  // SET
  if (isOneOf(tok(), {"TRANSACTION", "PASSWORD", "ROLE", "DEFAULT"}) ||
      (isOneOf(tok(), {"GLOBAL", "SESSION", "LOCAL"}) && tok(1).is("TRANSACTION"))) {
    return;
  }
  std::optional<DdlParser::Scope> current_scope;
  bool signalled = false;
  auto readValue = [&] {
    // getText(): the value's tokens joined without whitespace, then withoutQuotes.
    std::string value;
    int depth = 0;
    while (!atStatementEnd()) {
      const DdlToken& v = tok();
      if (depth == 0 && v.isSymbol(",")) break;
      if (v.isSymbol("(")) ++depth;
      if (v.isSymbol(")")) --depth;
      value += rawTokenText(v);
      advance();
    }
    return withoutQuotes(value);
  };
  auto charsetValue = [&]() -> std::optional<std::string> {
    if (acceptWord("DEFAULT")) return parser_.currentDatabaseCharset();
    std::optional<std::string> cs = parseCharsetName();
    if (cs && common::iequals(*cs, "default")) return parser_.currentDatabaseCharset();
    return cs;
  };
  while (!atStatementEnd()) {
    if (acceptWord("NAMES")) {
      std::optional<std::string> cs = charsetValue();
      if (acceptWord("COLLATE")) parseCharsetName();
      for (const char* v :
           {"character_set_client", "character_set_results", "character_set_connection"}) {
        parser_.setSystemVariable(DdlParser::Scope::Session, v, cs);
      }
    } else if ((tok().is("CHARACTER") && tok(1).is("SET")) || tok().is("CHARSET")) {
      if (tok().is("CHARACTER")) advance();
      advance();
      std::optional<std::string> cs = charsetValue();
      parser_.setSystemVariable(DdlParser::Scope::Session, "character_set_client", cs);
      parser_.setSystemVariable(DdlParser::Scope::Session, "character_set_results", cs);
      parser_.setSystemVariable(DdlParser::Scope::Session, "character_set_connection",
                                parser_.systemVariable("character_set_database"));
    } else {
      if (acceptWord("GLOBAL")) {
        current_scope = DdlParser::Scope::Global;
      } else if (acceptWord("SESSION") || acceptWord("LOCAL")) {
        current_scope = DdlParser::Scope::Session;
      } else {
        acceptWord("PERSIST") || acceptWord("PERSIST_ONLY");
      }
      std::optional<std::string> name;
      std::optional<DdlParser::Scope> scope = current_scope;
      const DdlToken& target = tok();
      if (target.kind == TokenKind::Variable) {
        std::string v = target.value;
        if (common::startsWith(v, "@@")) {
          std::string rest = v.substr(2);
          std::string lower = common::toLower(rest);
          DdlParser::Scope s = DdlParser::Scope::Session;
          if (common::startsWith(lower, "global.")) {
            s = DdlParser::Scope::Global;
            rest = rest.substr(7);
          } else if (common::startsWith(lower, "session.")) {
            rest = rest.substr(8);
          } else if (common::startsWith(lower, "local.")) {
            rest = rest.substr(6);
          }
          name = withoutQuotes(rest);
          scope = s;
          // MariaDB's listener carries an @@ scope over to the following variables.
          if (!isMySql()) current_scope = s;
        }
        advance();
      } else if (isIdentifier(target)) {
        name = identifier("a variable name");
        if (tok().isSymbol(".") && isIdentifier(tok(1))) {
          advance();
          name = identifier("a variable name");
        }
      } else {
        return;
      }
      if (!acceptSymbol("=") && !acceptSymbol(":=")) return;
      std::string value = readValue();
      if (name) {
        parser_.setSystemVariable(scope.value_or(DdlParser::Scope::Session), *name, value);
        if (common::iequals(*name, "character_set_database") &&
            !parser_.current_database_.empty()) {
          parser_.setDatabaseCharset(parser_.current_database_, value);
        }
        if (!signalled) {
          Event e = base;
          e.databaseName = parser_.current_database_;
          pending.events.push_back(std::move(e));
          signalled = true;
        }
      }
    }
    if (!acceptSymbol(",")) break;
  }
}

}  // namespace connectd::mysql
