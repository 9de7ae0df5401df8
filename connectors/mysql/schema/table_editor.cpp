#include "connectors/mysql/schema/table_editor.h"

#include <algorithm>
#include <stdexcept>

#include "server/common/strings.h"

namespace connectd::mysql {

namespace {

constexpr int kLongVarchar = -1;
constexpr int kLongNVarchar = -16;
constexpr int kClob = 2005;
constexpr int kNClob = 2011;
constexpr int kDatalink = 70;
constexpr int kSqlXml = 2009;

}  // namespace

bool typeUsesCharset(int jdbc_type) {
  switch (jdbc_type) {
    case jdbc::kChar:
    case jdbc::kVarchar:
    case kLongVarchar:
    case kClob:
    case jdbc::kNChar:
    case jdbc::kNVarchar:
    case kLongNVarchar:
    case kNClob:
    case kDatalink:
    case kSqlXml:
      return true;
    default:
      return false;
  }
}

void setColumnOptional(Column& column, bool optional) {
  column.optional = optional;
  if (optional && !column.hasDefaultValue) setColumnDefault(column, std::nullopt);
}

const Column* TableEditor::columnWithName(std::string_view name) const {
  return table_.columnWithName(name);
}

bool TableEditor::hasDefaultCharsetName() const {
  return table_.defaultCharsetName && !common::trim(*table_.defaultCharsetName).empty();
}

void TableEditor::addColumn(Column column) {
  if (Column* existing = table_.columnWithName(column.name)) {
    *existing = std::move(column);
  } else {
    table_.columns.push_back(std::move(column));
  }
}

void TableEditor::setColumns(std::vector<Column> columns) {
  table_.columns.clear();
  for (Column& c : columns) addColumn(std::move(c));
}

void TableEditor::removeColumn(std::string_view name) {
  auto& cols = table_.columns;
  auto it = std::find_if(cols.begin(), cols.end(),
                         [&](const Column& c) { return common::iequals(c.name, name); });
  std::string removed_name(name);
  if (it != cols.end()) {
    removed_name = it->name;
    cols.erase(it);
  }
  auto& pk = table_.primaryKeyColumnNames;
  auto pk_it = std::find(pk.begin(), pk.end(), removed_name);
  if (pk_it != pk.end()) pk.erase(pk_it);
}

void TableEditor::updateColumn(const Column& column) {
  for (Column& c : table_.columns) {
    if (c.name == column.name) c = column;
  }
}

void TableEditor::reorderColumn(std::string_view name, std::optional<std::string_view> after) {
  auto& cols = table_.columns;
  auto it = std::find_if(cols.begin(), cols.end(),
                         [&](const Column& c) { return common::iequals(c.name, name); });
  if (it == cols.end()) {
    throw std::invalid_argument("No column with name '" + std::string(name) + "'");
  }
  Column moved = std::move(*it);
  cols.erase(it);
  auto insert_at = cols.begin();
  if (after) {
    auto after_it = std::find_if(cols.begin(), cols.end(),
                                 [&](const Column& c) { return common::iequals(c.name, *after); });
    // An AFTER naming no column moves the column first, as Debezium's reorderColumn does.
    if (after_it != cols.end()) insert_at = after_it + 1;
  }
  cols.insert(insert_at, std::move(moved));
}

void TableEditor::renameColumn(std::string_view existing, const std::string& new_name) {
  Column* column = table_.columnWithName(existing);
  if (column == nullptr) {
    throw std::invalid_argument("No column with name '" + std::string(existing) + "'");
  }
  const std::string old_name = column->name;
  if (!common::iequals(old_name, new_name)) {
    // Debezium adds the renamed column, moves it next to the old one and then removes the old
    // one, so a different column that already had the new name is replaced.
    auto& cols = table_.columns;
    auto clash = std::find_if(cols.begin(), cols.end(),
                              [&](const Column& c) { return common::iequals(c.name, new_name); });
    if (clash != cols.end()) {
      cols.erase(clash);
      column = table_.columnWithName(old_name);
    }
  }
  column->name = new_name;
  for (std::string& pk : table_.primaryKeyColumnNames) {
    if (pk == old_name) pk = new_name;
  }
}

Table TableEditor::create() const {
  Table table = table_;
  int position = 1;
  for (Column& c : table.columns) {
    c.position = position++;
    if (typeUsesCharset(c.jdbcType) &&
        (!c.charsetName || common::iequals(*c.charsetName, "DEFAULT"))) {
      c.charsetName = table.defaultCharsetName;
    }
  }
  for (const std::string& pk : table.primaryKeyColumnNames) {
    if (table.columnWithName(pk) == nullptr) {
      throw std::invalid_argument("The column \"" + pk +
                                  "\" is referenced as PRIMARY KEY, but a matching column is not "
                                  "defined in table \"" +
                                  table.id.toString() + "\"!");
    }
  }
  return table;
}

}  // namespace connectd::mysql
