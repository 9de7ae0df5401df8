#pragma once

#include <string>

#include "server/api/schema.h"

namespace connectd::mysql {

// Source block schema (§1.5): "io.debezium.connector.mysql.Source" /
// "io.debezium.connector.mariadb.Source", version 1, the 3.x field order. Built once per flavour
// and shared (the same SchemaPtr every call, so JsonConverter's per-schema JSON cache hits).
api::SchemaPtr sourceSchema(bool mariadb);
// The envelope's "transaction" block: "event.block" v1, optional (id, total_order,
// data_collection_order). Shared like sourceSchema().
api::SchemaPtr transactionBlockSchema();
// Envelope v2: before, after (the optional row schema), source, transaction, op, ts_ms, ts_us,
// ts_ns (Envelope.defineSchema() of Debezium 2.7+/3.x).
api::SchemaPtr envelopeSchema(const std::string& name, const api::SchemaPtr& row_schema,
                              const api::SchemaPtr& source_schema, const api::SchemaPtr& transaction_schema);

}  // namespace connectd::mysql
