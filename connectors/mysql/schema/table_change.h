#pragma once

#include <optional>

#include "connectors/mysql/schema/table.h"

namespace connectd::mysql {

// io.debezium.relational.history.TableChanges.TableChange: one table's part of a schema change,
// as written into history records and schema change events.
struct TableChange {
  enum class Type { Create, Alter, Drop };

  Type type = Type::Create;
  TableId id;
  // Set only for RENAME TABLE (an ALTER of the new id whose previous id is the old name).
  std::optional<TableId> previousId;
  // The table after the change for CREATE and ALTER; always absent for DROP (Debezium records a
  // DROP by id only).
  std::optional<Table> table;

  // "CREATE", "ALTER", "DROP" (TableChangeType.name()).
  static const char* typeName(Type type) {
    switch (type) {
      case Type::Create:
        return "CREATE";
      case Type::Alter:
        return "ALTER";
      case Type::Drop:
        return "DROP";
    }
    return "CREATE";
  }
};

}  // namespace connectd::mysql
