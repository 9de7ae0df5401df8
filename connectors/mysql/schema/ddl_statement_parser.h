#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/mysql/schema/ddl_parser.h"
#include "connectors/mysql/schema/ddl_tokenizer.h"
#include "connectors/mysql/schema/table_editor.h"
#include "connectors/mysql/schema/tables.h"

namespace connectd::mysql {

// The recursive-descent half of DdlParser: walks the tokens of one QUERY event statement by
// statement, applies each to the Tables and the DdlParser's charset/variable catalog, and
// collects what Debezium's parser listeners would have signalled. Internal to DdlParser::parse.
class DdlStatementParser {
 public:
  DdlStatementParser(DdlParser& parser, Tables& tables, std::string_view text,
                     std::vector<DdlToken> tokens);

  // Parses every statement; throws DdlParseException as documented on DdlParser::parse.
  std::vector<DdlStatement> run();

 private:
  // What a listener signalled; tables are attached after the whole text is applied because
  // Debezium looks them up only then.
  struct Event {
    DdlStatement::Kind kind = DdlStatement::Kind::Other;
    std::string ddl;
    std::string databaseName;
    enum class Effect { None, Create, Alter, Drop, Truncate } effect = Effect::None;
    TableId id;
    std::optional<TableId> previousId;
  };
  struct Pending {
    std::optional<Event> unsignalled;  // a statement without events
    std::vector<Event> events;
  };

  // The per-column state Debezium keeps in ColumnDefinitionParserListener.
  struct ColumnState {
    std::optional<bool> optional;
    bool unique = false;
    bool primaryKey = false;
  };
  enum class ColumnMode {
    Create,        // CREATE TABLE element
    AlterAdd,      // ALTER TABLE ADD [COLUMN] c def
    AlterAddList,  // ALTER TABLE ADD [COLUMN] (c def, ...): MySQL honours NULL/DEFAULT only
    AlterChange,   // CHANGE / MODIFY: the column's other attributes are Debezium's to keep
  };
  struct KeyPart {
    std::optional<std::string> column;  // nullopt for a functional key part "(expr)"
    std::string text;                   // as written, for MariaDB's expression names
  };

  bool isMySql() const { return parser_.options_.flavor == DdlParser::Flavor::MySql; }

  // Token access.
  const DdlToken& tok(size_t ahead = 0) const;
  void advance() {
    if (pos_ < tokens_.size() - 1) ++pos_;
  }
  bool atStatementEnd() const;
  bool peekWord(std::string_view word, size_t ahead = 0) const { return tok(ahead).is(word); }
  bool acceptWord(std::string_view word);
  void expectWord(std::string_view word);
  // Accepts the whole keyword sequence or nothing.
  bool acceptWords(std::initializer_list<std::string_view> words);
  void skipWaitOption();
  bool acceptSymbol(std::string_view symbol);
  void expectSymbol(std::string_view symbol);
  bool isIdentifier(const DdlToken& t) const;
  std::string identifier(const char* what);
  TableId tableName();
  std::string rawText(size_t first_token, size_t last_token) const;
  std::string rawTokenText(const DdlToken& t) const;
  [[noreturn]] void fail(const std::string& message) const;
  [[noreturn]] void failAt(const std::string& message, size_t token_index) const;
  // Skips a parenthesised group starting at the current '('.
  void skipParenthesised();
  // Skips tokens up to (not including) a ',' or ')' at nesting depth 0, or the statement end.
  void skipToElementEnd();
  void skipToStatementEnd();
  // CREATE PROCEDURE/FUNCTION/TRIGGER/EVENT: the body may hold ';' inside BEGIN ... END.
  void skipRoutineToStatementEnd();
  std::string statementText() const;

  // Statements.
  void parseStatement(Pending& pending);
  void parseCreate(Pending& pending);
  void parseCreateTable(Pending& pending, bool or_replace);
  void parseCreateIndex(Pending& pending, size_t text_start, bool unique);
  void parseCreateDatabase(Pending& pending);
  void parseDatabaseOptions(const std::string& db);
  void parseAlter(Pending& pending);
  void parseAlterTable(Pending& pending);
  void parseAlterDatabase(Pending& pending);
  void parseDrop(Pending& pending);
  void parseDropTable(Pending& pending);
  void parseDropDatabase(Pending& pending);
  void parseRename(Pending& pending);
  void parseTruncate(Pending& pending);
  void parseUse(Pending& pending);
  void parseSet(Pending& pending);

  // CREATE/ALTER TABLE pieces.
  bool atTableConstraintStart() const;
  void parseTableElements(TableEditor& editor, std::vector<Column>* deferred_columns);
  void parseTableConstraint(TableEditor& editor);
  std::vector<KeyPart> parseKeyParts();
  void applyPrimaryKey(TableEditor& editor, const std::vector<KeyPart>& parts);
  void applyUniqueKey(TableEditor& editor, const std::vector<KeyPart>& parts);
  Column parseColumnDefinition(TableEditor& editor, std::string name, ColumnMode mode,
                               const Column* existing);
  void resolveDataType(Column& column, ColumnState& state);
  void parseColumnAttributes(Column& column, ColumnState& state, TableEditor& editor,
                             ColumnMode mode);
  bool atColumnAttributeStart() const;
  void parseDefaultValue(Column& column, bool alter_set_default);
  bool parseNowFunction(std::string* raw);
  std::optional<std::string> parseCharsetName();
  void parseTableOptions(TableEditor& editor, bool create);
  bool atTableOptionStart() const;
  bool atCreateTableQueryStart() const;
  void parseAlterSpec(TableEditor& editor);
  void parsePlace(TableEditor& editor, const std::string& column);
  int parseLength(const DdlToken& t);
  int parseInteger(const DdlToken& t, const char* what);

  std::optional<std::string> charsetFromCollation(const std::string& collation) const;

  DdlParser& parser_;
  Tables& tables_;
  std::string_view text_;
  std::vector<DdlToken> tokens_;
  size_t pos_ = 0;
  size_t statement_start_ = 0;
};

}  // namespace connectd::mysql
