#include "connectors/mysql/event_emitter.h"

#include <chrono>
#include <utility>

#include "connectors/mysql/schema/connect_table_change_serializer.h"
#include "server/api/struct.h"

namespace connectd::mysql {

namespace {

struct Now {
  int64_t ms;
  int64_t us;
  int64_t ns;
};

Now now() {
  const int64_t ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  return {ns / 1000000, ns / 1000, ns};
}

api::SchemaPtr structSchema(std::string name, std::optional<int> version,
                            std::vector<std::pair<std::string, api::SchemaPtr>> fields, bool optional = false) {
  api::SchemaBuilder b = api::SchemaBuilder::structBuilder();
  b.name(std::move(name));
  if (version) b.version(*version);
  if (optional) b.optional();
  for (auto& [n, s] : fields) b.field(n, s);
  return b.build();
}

}  // namespace

EventEmitter::EventEmitter(Options options, ChangeEventQueue& queue)
    : options_(std::move(options)), queue_(queue), connector_(options_.mariadb ? "mariadb" : "mysql") {
  source_schema_ = mysql::sourceSchema(options_.mariadb);
  if (options_.extended_headers) {
    context_headers_.addString("__debezium.context.connectorLogicalName", options_.topic_prefix);
    context_headers_.addString("__debezium.context.taskId", "0");
    context_headers_.addString("__debezium.context.connectorName", connector_);
    context_headers_.addString("__debezium.context.runId", options_.run_id);
  }
  transaction_block_schema_ = transactionBlockSchema();
  const std::string flavour_ns = options_.mariadb ? "io.debezium.connector.mariadb" : "io.debezium.connector.mysql";
  schema_change_key_schema_ =
      structSchema(flavour_ns + ".SchemaChangeKey", 1, {{"databaseName", api::schemas::string()}});
  schema_change_value_schema_ = structSchema(flavour_ns + ".SchemaChangeValue", 1,
                                             {{"source", source_schema_},
                                              {"ts_ms", api::schemas::int64()},
                                              {"databaseName", api::schemas::optionalString()},
                                              {"schemaName", api::schemas::optionalString()},
                                              {"ddl", api::schemas::optionalString()},
                                              {"tableChanges", tableChangesSchema()}});
  heartbeat_key_schema_ =
      structSchema("io.debezium.connector.common.ServerNameKey", 1, {{"serverName", api::schemas::string()}});
  heartbeat_value_schema_ = structSchema("io.debezium.connector.common.Heartbeat", 1, {{"ts_ms", api::schemas::int64()}});
  tx_key_schema_ = structSchema("io.debezium.connector.common.TransactionMetadataKey", 1, {{"id", api::schemas::string()}});
  tx_collection_schema_ = structSchema("event.collection", 1,
                                       {{"data_collection", api::schemas::string()}, {"event_count", api::schemas::int64()}});
  tx_value_schema_ = structSchema(
      "io.debezium.connector.common.TransactionMetadataValue", 1,
      {{"status", api::schemas::string()},
       {"id", api::schemas::string()},
       {"event_count", api::schemas::optionalInt64()},
       {"data_collections", api::SchemaBuilder::array(tx_collection_schema_).optional().build()},
       {"ts_ms", api::schemas::int64()}});
}

void EventEmitter::addContextHeaders(api::SourceRecord& record) const {
  if (!options_.extended_headers) return;
  if (record.headers.empty()) {
    record.headers = context_headers_;
    return;
  }
  for (const auto& h : context_headers_) record.headers.add(h.key, h.schema, h.value);
}

bool EventEmitter::send(api::SourceRecord&& record) {
  ++emitted_;
  if (buffering_) {
    if (buffered_) {
      api::SourceRecord previous = std::move(*buffered_);
      buffered_ = std::move(record);
      return queue_.enqueue(std::move(previous));
    }
    buffered_ = std::move(record);
    return true;
  }
  return queue_.enqueue(std::move(record));
}

void EventEmitter::markBuffered(SnapshotMarker marker) {
  if (!buffered_ || buffered_->value.isNull()) return;
  api::Struct& env = buffered_->value.mutableStruct();
  const api::Field* f = env.schema()->field("source");
  if (f == nullptr) return;
  api::Value source = env.values()[static_cast<size_t>(f->index)];
  if (source.isNull()) return;
  // Copy-on-write: the source struct may be shared with the record's other events.
  auto copy = std::make_shared<api::Struct>(source.asStruct());
  copy->putUnchecked(copy->schema()->field("snapshot")->index, api::Value(snapshotMarkerText(marker)));
  env.putUnchecked(f->index, api::Value(std::move(copy)));
}

bool EventEmitter::flushBuffered(bool last, const BinlogOffsetContext* completed_ctx) {
  if (!buffered_) return true;
  if (last) {
    markBuffered(SnapshotMarker::Last);
    if (completed_ctx != nullptr) buffered_->sourceOffset = completed_ctx->offset();
  }
  api::SourceRecord r = std::move(*buffered_);
  buffered_.reset();
  return queue_.enqueue(std::move(r));
}

std::optional<api::Value> EventEmitter::transactionBlock(const TableId& table, BinlogOffsetContext& ctx) const {
  if (!options_.provide_transaction_metadata || !ctx.transactionId()) return std::nullopt;
  auto [total, per_table] = ctx.countTransactionEvent(table.toString());
  auto block = std::make_shared<api::Struct>(transaction_block_schema_);
  block->putUnchecked(0, api::Value(*ctx.transactionId()));
  block->putUnchecked(1, api::Value(total));
  block->putUnchecked(2, api::Value(per_table));
  return api::Value(std::move(block));
}

api::Value EventEmitter::envelope(const TableSchema& schema, api::Value before, api::Value after,
                                  const api::Value& source, const std::optional<api::Value>& transaction,
                                  char op) const {
  auto env = std::make_shared<api::Struct>(schema.envelopeSchema());
  const Now t = now();
  env->putUnchecked(0, std::move(before));
  env->putUnchecked(1, std::move(after));
  env->putUnchecked(2, source);
  if (transaction) env->putUnchecked(3, *transaction);
  env->putUnchecked(4, api::Value(std::string(1, op)));
  env->putUnchecked(5, api::Value(t.ms));
  env->putUnchecked(6, api::Value(t.us));
  env->putUnchecked(7, api::Value(t.ns));
  return api::Value(std::move(env));
}

bool EventEmitter::changeRecord(char op, const TableId& table, const std::string& topic, const TableSchema& schema,
                                api::Value before_key, api::Value before, api::Value after_key, api::Value after,
                                BinlogOffsetContext& ctx) {
  ctx.setDatabaseAndTable(table.catalog, table.table);
  const api::Value source = ctx.sourceStruct(source_schema_, kDebeziumVersion, connector_);
  const api::OffsetMap& partition = ctx.partition();
  auto transaction = [&] { return transactionBlock(table, ctx); };
  // Every record of the event carries the same offset; each builds its own (no copy to make).
  // As Debezium's EventDispatcher: the transaction monitor counts the event first, then the
  // record takes the offset (so the offset's per-table order includes this event).
  auto make = [&](const api::Value& key, api::Value value_before, api::Value value_after, char record_op) {
    std::optional<api::Value> tx = transaction();
    api::Value value = envelope(schema, std::move(value_before), std::move(value_after), source, tx, record_op);
    return api::SourceRecord(partition, ctx.offset(), topic, std::nullopt, schema.keySchema(), key,
                             schema.envelopeSchema(), std::move(value));
  };
  auto tombstone = [&](const api::SourceRecord& deleted) {
    api::SourceRecord t(partition, deleted.sourceOffset, topic, std::nullopt, schema.keySchema(), deleted.key, nullptr,
                        api::Value());
    t.headers = deleted.headers;
    return t;
  };

  if (op == 'u' && schema.keySchema() && !(before_key == after_key)) {
    // Primary key change: delete under the old key, tombstone, create under the new key.
    api::SourceRecord d = make(before_key, std::move(before), api::Value(), 'd');
    d.headers.add("__debezium.newkey", schema.keySchema(), after_key);
    addContextHeaders(d);
    api::SourceRecord t = options_.tombstones_on_delete ? tombstone(d) : api::SourceRecord();
    api::SourceRecord c = make(after_key, api::Value(), std::move(after), 'c');
    c.headers.add("__debezium.oldkey", schema.keySchema(), before_key);
    addContextHeaders(c);
    if (!send(std::move(d))) return false;
    if (options_.tombstones_on_delete && !send(std::move(t))) return false;
    return send(std::move(c));
  }
  const api::Value& key = op == 'd' ? before_key : after_key;
  api::SourceRecord r = make(key, std::move(before), std::move(after), op);
  addContextHeaders(r);
  if (op == 'd' && options_.tombstones_on_delete) {
    api::SourceRecord t = tombstone(r);
    if (!send(std::move(r))) return false;
    return send(std::move(t));
  }
  return send(std::move(r));
}

bool EventEmitter::truncateRecord(const TableId& table, const std::string& topic, const TableSchema& schema,
                                  BinlogOffsetContext& ctx) {
  ctx.setDatabaseAndTable(table.catalog, table.table);
  const api::Value source = ctx.sourceStruct(source_schema_, kDebeziumVersion, connector_);
  const std::optional<api::Value> transaction = transactionBlock(table, ctx);
  api::SourceRecord r(ctx.partition(), ctx.offset(), topic, std::nullopt, nullptr, api::Value(),
                      schema.envelopeSchema(), envelope(schema, api::Value(), api::Value(), source, transaction, 't'));
  addContextHeaders(r);
  return send(std::move(r));
}

bool EventEmitter::schemaChangeRecord(const std::string& database, const std::string& ddl,
                                      const std::vector<TableChange>& changes, BinlogOffsetContext& ctx) {
  std::optional<std::string> tables;
  for (const auto& c : changes) {
    tables = tables ? *tables + "," + c.id.table : c.id.table;
  }
  ctx.setDatabaseAndTable(database, tables);
  const api::Value source = ctx.sourceStruct(source_schema_, kDebeziumVersion, connector_);
  auto key = std::make_shared<api::Struct>(schema_change_key_schema_);
  key->putUnchecked(0, api::Value(database));
  auto value = std::make_shared<api::Struct>(schema_change_value_schema_);
  value->putUnchecked(0, source);
  value->putUnchecked(1, api::Value(now().ms));
  value->putUnchecked(2, api::Value(database));
  value->putUnchecked(4, api::Value(ddl));
  value->putUnchecked(5, tableChangesValue(changes));
  api::SourceRecord r(ctx.partition(), ctx.offset(), options_.schema_change_topic, 0, schema_change_key_schema_,
                      api::Value(std::move(key)), schema_change_value_schema_, api::Value(std::move(value)));
  addContextHeaders(r);
  return send(std::move(r));
}

bool EventEmitter::heartbeatRecord(const BinlogOffsetContext& ctx) {
  auto key = std::make_shared<api::Struct>(heartbeat_key_schema_);
  key->putUnchecked(0, api::Value(options_.topic_prefix));
  auto value = std::make_shared<api::Struct>(heartbeat_value_schema_);
  value->putUnchecked(0, api::Value(now().ms));
  api::SourceRecord r(ctx.partition(), ctx.offset(), options_.heartbeat_topic, 0, heartbeat_key_schema_,
                      api::Value(std::move(key)), heartbeat_value_schema_, api::Value(std::move(value)));
  ++emitted_;
  return queue_.enqueue(std::move(r));
}

bool EventEmitter::offsetRecord(const BinlogOffsetContext& ctx) {
  api::SourceRecord r;
  r.sourcePartition = ctx.partition();
  r.sourceOffset = ctx.offset();
  ++emitted_;
  return queue_.enqueue(std::move(r));
}

bool EventEmitter::transactionBegin(const BinlogOffsetContext& ctx, const std::string& id, int64_t ts_ms) {
  auto key = std::make_shared<api::Struct>(tx_key_schema_);
  key->putUnchecked(0, api::Value(id));
  auto value = std::make_shared<api::Struct>(tx_value_schema_);
  value->putUnchecked(0, api::Value("BEGIN"));
  value->putUnchecked(1, api::Value(id));
  value->putUnchecked(4, api::Value(ts_ms));
  api::SourceRecord r(ctx.partition(), ctx.offset(), options_.transaction_topic, std::nullopt, tx_key_schema_,
                      api::Value(std::move(key)), tx_value_schema_, api::Value(std::move(value)));
  return send(std::move(r));
}

bool EventEmitter::transactionEnd(const BinlogOffsetContext& ctx, const std::string& id, int64_t ts_ms) {
  auto key = std::make_shared<api::Struct>(tx_key_schema_);
  key->putUnchecked(0, api::Value(id));
  auto value = std::make_shared<api::Struct>(tx_value_schema_);
  value->putUnchecked(0, api::Value("END"));
  value->putUnchecked(1, api::Value(id));
  value->putUnchecked(2, api::Value(ctx.transactionTotalOrder()));
  api::Array collections;
  for (const auto& [table, count] : ctx.transactionPerTableCounts()) {
    auto c = std::make_shared<api::Struct>(tx_collection_schema_);
    c->putUnchecked(0, api::Value(table));
    c->putUnchecked(1, api::Value(count));
    collections.emplace_back(std::move(c));
  }
  value->putUnchecked(3, api::Value(std::move(collections)));
  value->putUnchecked(4, api::Value(ts_ms));
  api::SourceRecord r(ctx.partition(), ctx.offset(), options_.transaction_topic, std::nullopt, tx_key_schema_,
                      api::Value(std::move(key)), tx_value_schema_, api::Value(std::move(value)));
  return send(std::move(r));
}

}  // namespace connectd::mysql
