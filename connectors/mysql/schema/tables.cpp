#include "connectors/mysql/schema/tables.h"

#include <algorithm>
#include <utility>

#include "server/common/strings.h"

namespace connectd::mysql {

TableId Tables::key(const TableId& id) const {
  if (!case_insensitive_) return id;
  return TableId{id.catalog, common::toLower(id.table)};
}

const Table* Tables::forTable(const TableId& id) const {
  auto it = tables_.find(key(id));
  return it == tables_.end() ? nullptr : &it->second;
}

void Tables::overwrite(Table table) {
  TableId k = key(table.id);
  tables_.insert_or_assign(std::move(k), std::move(table));
}

std::optional<Table> Tables::removeTable(const TableId& id) {
  auto it = tables_.find(key(id));
  if (it == tables_.end()) return std::nullopt;
  Table removed = std::move(it->second);
  tables_.erase(it);
  return removed;
}

std::optional<Table> Tables::renameTable(const TableId& existing, const TableId& renamed) {
  std::optional<Table> table = removeTable(existing);
  if (!table) return std::nullopt;
  table->id = renamed;
  overwrite(*table);
  return table;
}

std::vector<TableId> Tables::removeTablesForDatabase(const std::string& catalog) {
  std::vector<TableId> removed;
  for (auto it = tables_.begin(); it != tables_.end();) {
    if (it->first.catalog == catalog) {
      removed.push_back(it->second.id);
      it = tables_.erase(it);
    } else {
      ++it;
    }
  }
  std::sort(removed.begin(), removed.end());
  return removed;
}

std::vector<TableId> Tables::tableIds() const {
  std::vector<TableId> ids;
  ids.reserve(tables_.size());
  for (const auto& [k, table] : tables_) ids.push_back(table.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace connectd::mysql
