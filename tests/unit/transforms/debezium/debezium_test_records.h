#pragma once

// Records shaped like Debezium's change events, after io.debezium.transforms
// AbstractExtractStateTest: an envelope (before, after, source, [extra], op, ts_ms, ts_us, ts_ns,
// transaction) named "dummy.Envelope".

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "server/api/connect_record.h"
#include "server/api/schema.h"
#include "server/api/struct.h"

namespace connectd::transforms::testing {

inline constexpr int64_t kEventMillis = 1700000000000;
inline constexpr int64_t kSourceTsMs = 1588252618953;

inline api::SchemaPtr transactionBlockSchema() {
  static const api::SchemaPtr schema = api::SchemaBuilder::structBuilder()
                                           .optional()
                                           .name("event.block")
                                           .version(1)
                                           .field("id", api::schemas::string())
                                           .field("total_order", api::schemas::int64())
                                           .field("data_collection_order", api::schemas::int64())
                                           .build();
  return schema;
}

inline api::SchemaPtr envelopeSchema(const api::SchemaPtr& record_schema,
                                     const api::SchemaPtr& source_schema,
                                     const std::string& name = "dummy.Envelope",
                                     std::vector<std::pair<std::string, api::SchemaPtr>> extra = {}) {
  api::SchemaBuilder b = api::SchemaBuilder::structBuilder().name(name).version(2);
  b.field("before", record_schema).field("after", record_schema).field("source", source_schema);
  for (auto& [field, schema] : extra) b.field(field, schema);
  b.field("op", api::schemas::string())
      .field("ts_ms", api::schemas::optionalInt64())
      .field("ts_us", api::schemas::optionalInt64())
      .field("ts_ns", api::schemas::optionalInt64())
      .field("transaction", transactionBlockSchema());
  return b.build();
}

inline api::SchemaPtr recordSchema() {
  static const api::SchemaPtr schema =
      api::SchemaBuilder::structBuilder()
          .field("id", api::SchemaBuilder::int8()
                           .parameter("__debezium.source.column.name", "id")
                           .parameter("__debezium.source.column.type", "int")
                           .build())
          .field("name", api::SchemaBuilder::string()
                             .parameter("__debezium.source.column.name", "name")
                             .parameter("__debezium.source.column.type", "varchar")
                             .parameter("__debezium.source.column.length", "255")
                             .build())
          .build();
  return schema;
}

inline api::SchemaPtr sourceSchema() {
  static const api::SchemaPtr schema = api::SchemaBuilder::structBuilder()
                                           .field("lsn", api::schemas::int32())
                                           .field("ts_ms", api::schemas::optionalInt64())
                                           .field("ts_us", api::schemas::optionalInt64())
                                           .field("ts_ns", api::schemas::optionalInt64())
                                           .field("db", api::schemas::optionalString())
                                           .field("table", api::schemas::optionalString())
                                           .build();
  return schema;
}

inline api::SchemaPtr optionalNullRecordSchema() {
  static const api::SchemaPtr schema =
      api::SchemaBuilder::structBuilder()
          .field("id", api::schemas::int8())
          .field("name", api::SchemaBuilder::string().optional().defaultValue("default_str").build())
          .build();
  return schema;
}

inline std::shared_ptr<api::Struct> source(const api::SchemaPtr& schema = sourceSchema(),
                                           bool with_db_table = true) {
  auto s = std::make_shared<api::Struct>(schema);
  s->put("lsn", int32_t{1234});
  if (schema->field("ts_ms")) {
    s->put("ts_ms", kSourceTsMs).put("ts_us", kSourceTsMs * 1000).put("ts_ns", kSourceTsMs * 1000000);
  }
  if (with_db_table && schema->field("db")) s->put("db", "test_db").put("table", "test_table");
  return s;
}

inline std::shared_ptr<api::Struct> row(const api::SchemaPtr& schema, int8_t id, api::Value name) {
  auto r = std::make_shared<api::Struct>(schema);
  r->put("id", id).put("name", std::move(name));
  return r;
}

inline std::shared_ptr<api::Struct> transaction() {
  auto t = std::make_shared<api::Struct>(transactionBlockSchema());
  t->put("id", "571").put("total_order", int64_t{42}).put("data_collection_order", int64_t{42});
  return t;
}

// Envelope.create/update/delete/truncate with the event time `millis` (plus sub-ms parts).
inline std::shared_ptr<api::Struct> envelope(const api::SchemaPtr& schema, const char* op,
                                             api::Value before, api::Value after,
                                             api::Value source_value, int64_t millis = kEventMillis,
                                             int64_t extra_micros = 0, int64_t extra_nanos = 0) {
  auto e = std::make_shared<api::Struct>(schema);
  e->put("op", op);
  if (!before.isNull()) e->put("before", std::move(before));
  if (!after.isNull()) e->put("after", std::move(after));
  if (!source_value.isNull()) e->put("source", std::move(source_value));
  e->put("ts_ms", millis)
      .put("ts_us", millis * 1000 + extra_micros)
      .put("ts_ns", millis * 1000000 + extra_micros * 1000 + extra_nanos);
  return e;
}

inline api::SourceRecord sourceRecord(api::SchemaPtr key_schema, api::Value key,
                                      std::shared_ptr<api::Struct> value,
                                      const std::string& topic = "dummy") {
  api::SchemaPtr value_schema = value ? value->schema() : nullptr;
  return api::SourceRecord({}, {}, topic, std::nullopt, std::move(key_schema), std::move(key),
                           std::move(value_schema), value ? api::Value(value) : api::Value());
}

inline api::SourceRecord createRecord() {
  api::SchemaPtr schema = envelopeSchema(recordSchema(), sourceSchema());
  return sourceRecord(nullptr, nullptr,
                      envelope(schema, "c", nullptr, api::Value(row(recordSchema(), 1, "myRecord")),
                               api::Value(source())));
}

inline api::SourceRecord updateRecord() {
  api::SchemaPtr schema = envelopeSchema(recordSchema(), sourceSchema());
  auto e = envelope(schema, "u", api::Value(row(recordSchema(), 1, "myRecord")),
                    api::Value(row(recordSchema(), 1, "updatedRecord")), api::Value(source()));
  e->put("transaction", api::Value(transaction()));
  return sourceRecord(nullptr, nullptr, e);
}

inline api::SourceRecord deleteRecord() {
  api::SchemaPtr delete_source = api::SchemaBuilder::structBuilder()
                                     .field("lsn", api::schemas::int32())
                                     .field("version", api::schemas::string())
                                     .field("db", api::schemas::optionalString())
                                     .field("table", api::schemas::optionalString())
                                     .build();
  auto s = std::make_shared<api::Struct>(delete_source);
  s->put("lsn", int32_t{1234}).put("version", "version!").put("db", "test_db").put("table", "test_table");
  api::SchemaPtr schema = envelopeSchema(recordSchema(), delete_source);
  return sourceRecord(nullptr, nullptr,
                      envelope(schema, "d", api::Value(row(recordSchema(), 1, "myRecord")), nullptr,
                               api::Value(s)));
}

inline api::SourceRecord truncateRecord() {
  api::SchemaPtr schema = envelopeSchema(recordSchema(), sourceSchema());
  return sourceRecord(nullptr, nullptr, envelope(schema, "t", nullptr, nullptr, api::Value(source())));
}

inline api::SourceRecord tombstoneRecord() { return sourceRecord(nullptr, nullptr, nullptr); }

inline api::SourceRecord createRecordWithOptionalNull() {
  api::SchemaPtr schema = envelopeSchema(optionalNullRecordSchema(), sourceSchema());
  return sourceRecord(nullptr, nullptr,
                      envelope(schema, "c", nullptr,
                               api::Value(row(optionalNullRecordSchema(), 1, nullptr)),
                               api::Value(source(sourceSchema(), false))));
}

inline api::SchemaPtr idKeySchema() {
  static const api::SchemaPtr schema =
      api::SchemaBuilder::structBuilder().field("id", api::schemas::int8()).build();
  return schema;
}

inline api::Value idKey() {
  auto k = std::make_shared<api::Struct>(idKeySchema());
  k->put("id", int8_t{1});
  return api::Value(k);
}

inline api::SourceRecord createRecordWithKey() {
  api::SourceRecord r = createRecordWithOptionalNull();
  r.keySchema = idKeySchema();
  r.key = idKey();
  return r;
}

inline api::SourceRecord updateRecordWithOptionalNull(bool with_key) {
  api::SchemaPtr schema = envelopeSchema(optionalNullRecordSchema(), sourceSchema());
  auto e = envelope(schema, "u", api::Value(row(optionalNullRecordSchema(), 1, nullptr)),
                    api::Value(row(optionalNullRecordSchema(), 1, "updatedRecord")),
                    api::Value(source(sourceSchema(), with_key)));
  e->put("transaction", api::Value(transaction()));
  if (!with_key) return sourceRecord(nullptr, nullptr, e);
  return sourceRecord(idKeySchema(), idKey(), e);
}

}  // namespace connectd::transforms::testing
