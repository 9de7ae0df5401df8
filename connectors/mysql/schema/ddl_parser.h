#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/mysql/schema/ddl_filter.h"
#include "connectors/mysql/schema/table.h"
#include "connectors/mysql/schema/table_change.h"
#include "connectors/mysql/schema/tables.h"

namespace connectd::mysql {

// io.debezium.text.ParsingException for a statement the parser recognises but cannot parse or
// apply: a malformed CREATE/ALTER TABLE, CHANGE/MODIFY/RENAME of a column the table does not
// have, a primary key naming no column, CREATE UNIQUE INDEX on an unknown captured table. The
// caller decides what to do (schema.history.internal.skip.unparseable.ddl).
class DdlParseException : public std::runtime_error {
 public:
  DdlParseException(const std::string& message, std::string statement, size_t position)
      : std::runtime_error(message), statement_(std::move(statement)), position_(position) {}
  // The statement's text and the byte offset of the offending token within it.
  const std::string& statement() const { return statement_; }
  size_t position() const { return position_; }

 private:
  std::string statement_;
  size_t position_;
};

// One statement of a QUERY event as Debezium's DDL parser sees it. Debezium turns every event
// its parser signals into one schema change (one history record, one schema change topic
// record); a statement that signals several events (DROP TABLE a, b; RENAME TABLE a TO b, c TO
// d) comes back as one DdlStatement per event, each with the statement text Debezium records
// for it ("DROP TABLE `db`.`a`", "RENAME TABLE a TO b", ...).
struct DdlStatement {
  enum class Kind {
    CreateTable,
    AlterTable,
    DropTable,
    RenameTable,
    CreateIndex,
    DropIndex,
    CreateDatabase,
    AlterDatabase,
    DropDatabase,
    Use,
    Set,
    Truncate,
    TransactionControl,  // BEGIN, START TRANSACTION, COMMIT, ROLLBACK, XA, SAVEPOINT, ...
    Dml,                 // INSERT, UPDATE, DELETE, REPLACE (statement-format events)
    Other,               // recognised statements without schema effect: GRANT, CREATE VIEW, ...
    Unparsed,            // a statement the parser does not know
  };

  // The statement text: Debezium's event statement when `signalled`, otherwise the statement as
  // written (without the terminating ';'). For MySQL it is cut from the normalized SQL
  // (double-quoted strings turned into single-quoted ones), as Debezium's is.
  std::string ddl;
  // The database Debezium files the event under: the table's database for table events, the
  // database for database events, the current database ("" when none) for SET and USE. For
  // statements that signal nothing, the current database when the statement was read.
  std::string databaseName;
  // What the statement did to `tables`. CREATE/ALTER carry the table as it stands after the
  // whole QUERY event (Debezium looks tables up only then, so a table dropped later in the same
  // event leaves no change); DROP carries only the id; RENAME TABLE is an ALTER of the new id
  // with previousId, ALTER TABLE ... RENAME TO an ALTER of the new id without one. Empty for
  // statements without table events (and for a RENAME of an unknown table).
  std::vector<TableChange> changes;
  // TRUNCATE [TABLE] t: the table, to be emitted as a truncate event rather than a schema change.
  std::vector<TableId> truncated;
  Kind kind = Kind::Other;
  // Debezium's parser signalled an event for this statement (DdlParserListener.Event): the
  // caller records it as one schema change (TRUNCATE: a truncate event). When no statement of a
  // QUERY event is signalled, Debezium records the whole event text as one database-level change.
  bool signalled = false;
};

// Debezium's MySQL/MariaDB DDL parser (MySqlAntlrDdlParser / MariaDbAntlrDdlParser and their
// listeners) as a hand-written tokenizer and recursive-descent parser over the DDL subset the
// connector needs. It keeps Debezium's catalog of database default charsets and system
// variables (character_set_server, character_set_database, sql_mode) across calls.
//
// Used by one thread (the task's); not thread-safe.
class DdlParser {
 public:
  // Which Debezium grammar to mirror where the two differ.
  enum class Flavor {
    MySql,    // io.debezium.connector.mysql.MySqlConnector (Oracle grammar, the 3.6 default)
    MariaDb,  // io.debezium.connector.mariadb.MariaDbConnector
  };
  // java.sql system variable scopes (BinlogSystemVariables.BinlogScope); SESSION wins.
  enum class Scope { Session, Global };

  struct Options {
    Flavor flavor = Flavor::MySql;
    // include.schema.comments: keep table and column comments (Debezium drops them by default).
    bool includeComments = false;
    // The table filter Debezium consults for CREATE UNIQUE INDEX; everything by default.
    std::function<bool(const TableId&)> tableFilter;
  };

  DdlParser();
  explicit DdlParser(Options options);

  // Parses one QUERY event's SQL (possibly several ';'-separated statements), resolving
  // unqualified names against `current_database` (and any USE inside), and applies the changes
  // to `tables` and to this parser's charset catalog. Statements it does not know come back as
  // Kind::Unparsed without effect; throws DdlParseException only as described there, after
  // having applied the statements before the failing one.
  std::vector<DdlStatement> parse(std::string_view sql, std::string_view current_database,
                                  Tables& tables);

  // The current database after the last parse() (changed by USE).
  const std::string& currentDatabase() const { return current_database_; }
  void setCurrentDatabase(std::string database) { current_database_ = std::move(database); }

  // The default charset of `db` (CREATE DATABASE ... CHARSET, snapshot); empty string removes.
  void setDatabaseCharset(const std::string& db, const std::string& charset);
  std::optional<std::string> databaseCharset(const std::string& db) const;
  // character_set_server at GLOBAL scope (the server's setting read at start).
  void setServerCharset(const std::string& charset);
  void setSystemVariable(Scope scope, const std::string& name, std::optional<std::string> value);
  // SESSION value, else GLOBAL value, else nullopt (names are case-insensitive).
  std::optional<std::string> systemVariable(const std::string& name) const;

  // MySqlAntlrDdlParser.charsetForTable: the database's default charset, else
  // character_set_database, else character_set_server.
  std::optional<std::string> charsetForTable(const TableId& id) const;

  const Options& options() const { return options_; }

 private:
  friend class DdlStatementParser;

  std::optional<std::string> currentDatabaseCharset() const;
  bool ansiQuotes() const;

  Options options_;
  std::string current_database_;
  std::map<std::string, std::string> database_charsets_;
  std::map<std::string, std::string> session_variables_;
  std::map<std::string, std::string> global_variables_;
};

}  // namespace connectd::mysql
