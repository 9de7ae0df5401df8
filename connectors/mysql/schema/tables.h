#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "connectors/mysql/schema/table.h"

namespace connectd::mysql {

// io.debezium.relational.Tables: the connector's in-memory catalog of table definitions, built
// from DDL (snapshot SHOW CREATE TABLE output, streamed QUERY events, recovered history).
//
// With `tableIdCaseInsensitive` (the server runs with lower_case_table_names != 0) lookups fold
// the table name (not the database name) to lower case, as Debezium's TableId.toLowercase does;
// the stored Table keeps its id as written in the DDL.
//
// Not thread-safe: owned by the task thread that parses DDL and decodes rows.
class Tables {
 public:
  explicit Tables(bool tableIdCaseInsensitive = false)
      : case_insensitive_(tableIdCaseInsensitive) {}

  // The definition of `id`, or nullptr. The pointer is valid until the next mutation.
  const Table* forTable(const TableId& id) const;
  // Adds or replaces the definition under table.id.
  void overwrite(Table table);
  // Removes and returns the definition of `id` (nullopt when unknown).
  std::optional<Table> removeTable(const TableId& id);
  // Re-registers `existing` under `renamed` (Tables.renameTable); nullopt when `existing` is
  // unknown, in which case nothing changes.
  std::optional<Table> renameTable(const TableId& existing, const TableId& renamed);
  // Drops every table of database `catalog` (DROP DATABASE); returns their ids, sorted.
  std::vector<TableId> removeTablesForDatabase(const std::string& catalog);
  // Every known table id (the tables' own spelling), sorted.
  std::vector<TableId> tableIds() const;
  void clear() { tables_.clear(); }
  size_t size() const { return tables_.size(); }
  bool tableIdCaseInsensitive() const { return case_insensitive_; }

 private:
  TableId key(const TableId& id) const;

  bool case_insensitive_;
  std::map<TableId, Table> tables_;
};

}  // namespace connectd::mysql
