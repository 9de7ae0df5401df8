#pragma once

#include <vector>

#include "connectors/mysql/schema/table_change.h"
#include "server/api/schema.h"
#include "server/api/value.h"

namespace connectd::mysql {

// io.debezium.relational.history.ConnectTableChangeSerializer: table changes as Connect data
// for the schema change topic's "tableChanges" field (SchemaFactory's
// io.debezium.connector.schema.Change / Table / Column, version 1).

// The io.debezium.connector.schema.Column struct schema.
const api::SchemaPtr& tableChangeColumnSchema();
// The io.debezium.connector.schema.Table struct schema (optional).
const api::SchemaPtr& tableChangeTableSchema();
// The io.debezium.connector.schema.Change struct schema.
const api::SchemaPtr& tableChangeSchema();
// The required array of Change that is the "tableChanges" field. Shared; built once.
api::SchemaPtr tableChangesSchema();

// The value for tableChangesSchema(): one Change struct per change. Unlike the history JSON
// there is no previousId, no attributes and no hasDefaultValue, and enumValues is null unless
// the column has ENUM/SET values.
api::Value tableChangesValue(const std::vector<TableChange>& changes);

}  // namespace connectd::mysql
