#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/mysql/schema/table.h"
#include "server/common/java_regex.h"

namespace connectd::mysql {

// Debezium's Strings.RegExSplitter: splits a comma-separated list of regular expressions. A
// backslash escapes the next character, so "\," keeps a comma inside an expression (and is
// then replaced by a plain ","); items are trimmed and empty items dropped. Throws
// std::invalid_argument("Unterminated escape sequence at the end of the string") when the
// list ends with a lone backslash.
std::vector<std::string> splitRegexList(std::string_view list);

// Java's String.trim(): strips every character <= U+0020 from both ends.
std::string_view javaTrim(std::string_view s);

// Java's String.split(regex) for a literal single-character separator: keeps inner and
// leading empty pieces, drops trailing empty pieces; "" gives {""}.
std::vector<std::string> javaSplit(std::string_view s, char separator);

// Debezium's TableIdParser: splits "db.table" (optionally quoted with ", ' or `, doubled
// quotes escaping the quote) into its parts. Throws std::invalid_argument on malformed input
// ("Unexpected input: .", "Invalid identifier: ...").
std::vector<std::string> parseTableIdParts(std::string_view text);

// TableId.parse(text, useCatalogBeforeSchema=true) for MySQL: one part is a table without a
// database, two parts are database.table. Three parts (catalog.schema.table) cannot name a
// MySQL table and yield nullopt, as do empty input and malformed input.
std::optional<TableId> parseTableId(std::string_view text);

// A list of Java regular expressions matched case-insensitively against whole names, as
// Debezium builds them with Strings.setOfRegex(list, Pattern.CASE_INSENSITIVE) and tests them
// with Matcher.matches(). Immutable and cheap to copy; safe to use from any thread.
class RegexList {
 public:
  // Matches nothing.
  RegexList() = default;
  // Throws common::PatternSyntaxException (Java's message) for the first invalid expression
  // and std::invalid_argument for a trailing lone backslash.
  explicit RegexList(std::string_view list);
  // Each element is one expression (no comma splitting), e.g. the pieces of message.key.columns.
  static RegexList ofPatterns(const std::vector<std::string>& patterns);
  // With Pattern.DOTALL too (the schema history DDL filter).
  static RegexList dotAll(std::string_view list);

  bool matches(std::string_view subject) const;
  bool empty() const { return patterns_.empty(); }
  size_t size() const { return patterns_.size(); }

 private:
  void add(const std::string& pattern, bool dot_all);
  std::vector<std::shared_ptr<const common::JavaRegex>> patterns_;
};

// Debezium's RelationalTableFilters as the binlog connectors configure it (MySQL table ids are
// database.table, built-in databases mysql, performance_schema, sys and information_schema,
// column filters keyed by "db.table.column"). Built once from the connector config; const and
// thread-safe afterwards.
class Filters {
 public:
  // Reads database.include/exclude.list, table.include/exclude.list, table.ignore.builtin,
  // column.include/exclude.list, snapshot.include.collection.list, signal.data.collection and
  // schema.history.internal.store.only.captured.{tables,databases}.ddl. The include list wins
  // when both an include and an exclude list are set (the config validation rejects that).
  // Throws api::ConfigException with Debezium's validation message for an invalid regex.
  explicit Filters(const std::map<std::string, std::string>& props);

  // The database filter (RelationalTableFilters.databaseFilter): database.include.list /
  // database.exclude.list only; built-in databases are not special here.
  bool databaseIncluded(const std::string& db) const;
  // The data collection filter: database and table lists, built-in databases dropped when
  // table.ignore.builtin=true, plus the signal.data.collection table, which is always captured.
  bool tableIncluded(const TableId& id) const;
  // mysql, performance_schema, sys, information_schema (case-insensitive).
  static bool isBuiltInDatabase(const std::string& db);
  // Whether a column appears in value structs (column.include.list / column.exclude.list,
  // matched against "db.table.column"). Key columns are never filtered by this.
  bool columnIncluded(const TableId& id, const std::string& column) const;
  // Whether snapshot.include.collection.list lets the initial snapshot read the table's data
  // (true when unset). Only meaningful for tables that tableIncluded() accepts; Debezium matches
  // both "db.table" and "\"db\".\"table\"".
  bool snapshotIncluded(const TableId& id) const;
  // eligibleDataCollectionFilter: database lists and built-ins only, no table lists.
  bool eligibleTable(const TableId& id) const;
  // eligibleForSchemaDataCollectionFilter: the tables whose DDL the schema snapshot captures
  // and the history stores: captured tables only with store.only.captured.tables.ddl, tables
  // of captured databases with store.only.captured.databases.ddl, else every non-built-in
  // table (every table when table.ignore.builtin=false).
  bool eligibleForSchema(const TableId& id) const;
  // Whether any column.include.list / column.exclude.list is configured (isColumnsFiltered).
  bool columnsFiltered() const { return columns_filtered_; }
  // The signal.data.collection tables (normally at most one).
  const std::vector<TableId>& signalDataCollections() const { return signal_collections_; }

 private:
  struct NameFilter {
    // Include list wins over exclude list; neither means "everything".
    std::optional<RegexList> include;
    std::optional<RegexList> exclude;
    bool test(std::string_view name) const;
    bool active() const { return include || exclude; }
  };
  bool tableListsAccept(const TableId& id) const;

  NameFilter databases_;
  NameFilter tables_;
  bool ignore_builtin_ = true;
  std::vector<RegexList> signal_patterns_;
  std::vector<TableId> signal_collections_;
  // Column include list (if set) or exclude list.
  std::optional<RegexList> column_include_;
  RegexList column_exclude_;
  bool columns_filtered_ = false;
  RegexList snapshot_include_;
  bool store_only_captured_tables_ = false;
  bool store_only_captured_databases_ = false;
};

}  // namespace connectd::mysql
