#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/mysql/schema/table.h"

namespace connectd::mysql {

// io.debezium.relational.TableEditorImpl: the mutable form of a Table the DDL parser and the
// history reader work on. create() yields the Table Debezium would build: positions renumbered
// 1..n, character columns without a charset given the table's default, and the primary key
// checked against the columns.
class TableEditor {
 public:
  explicit TableEditor(TableId id) { table_.id = std::move(id); }
  explicit TableEditor(Table table) : table_(std::move(table)) {}

  const TableId& tableId() const { return table_.id; }
  void setTableId(TableId id) { table_.id = std::move(id); }

  const std::vector<Column>& columns() const { return table_.columns; }
  // Case-insensitive, as MySQL column names are.
  const Column* columnWithName(std::string_view name) const;
  // Replaces the column of the same name (keeping its position) or appends it.
  void addColumn(Column column);
  void setColumns(std::vector<Column> columns);
  // Removes the column (and its primary key entry); unknown names are ignored.
  void removeColumn(std::string_view name);
  // Replaces the column whose name is exactly column.name; others are left alone.
  void updateColumn(const Column& column);
  // Moves `name` right after `after`, or first when `after` is absent or names no column.
  // Throws std::invalid_argument when `name` is unknown.
  void reorderColumn(std::string_view name, std::optional<std::string_view> after);
  // Renames in place, carrying the primary key entry along. Throws std::invalid_argument when
  // `existing` is unknown.
  void renameColumn(std::string_view existing, const std::string& new_name);

  const std::vector<std::string>& primaryKeyColumnNames() const {
    return table_.primaryKeyColumnNames;
  }
  void setPrimaryKeyNames(std::vector<std::string> names) {
    table_.primaryKeyColumnNames = std::move(names);
  }
  bool hasPrimaryKey() const { return !table_.primaryKeyColumnNames.empty(); }

  const std::optional<std::string>& defaultCharsetName() const { return table_.defaultCharsetName; }
  void setDefaultCharsetName(std::optional<std::string> charset) {
    table_.defaultCharsetName = std::move(charset);
  }
  // A non-blank default charset is set.
  bool hasDefaultCharsetName() const;
  void setComment(std::optional<std::string> comment) { table_.comment = std::move(comment); }

  // Throws std::invalid_argument (Debezium's IllegalArgumentException text) when a primary key
  // column is not a column of the table.
  Table create() const;

 private:
  Table table_;
};

// java.sql.Types that carry a character set (Column.typeUsesCharset).
bool typeUsesCharset(int jdbc_type);

// ColumnEditor.optional: making a column nullable without a DEFAULT gives it an implicit NULL
// default (hasDefaultValue true, no expression).
void setColumnOptional(Column& column, bool optional);
// ColumnEditor.defaultValueExpression: any call, even with no expression, marks a default.
inline void setColumnDefault(Column& column, std::optional<std::string> expression) {
  column.hasDefaultValue = true;
  column.defaultValueExpression = std::move(expression);
}
inline void unsetColumnDefault(Column& column) {
  column.hasDefaultValue = false;
  column.defaultValueExpression.reset();
}

}  // namespace connectd::mysql
