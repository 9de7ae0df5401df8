#include "connectors/mysql/values/envelope_schemas.h"

namespace connectd::mysql {

namespace {

api::SchemaPtr buildSourceSchema(bool mariadb) {
  using api::schemas::int32;
  using api::schemas::int64;
  using api::schemas::optionalInt64;
  using api::schemas::optionalString;
  using api::schemas::string;
  auto snapshot = api::SchemaBuilder::string();
  snapshot.optional()
      .name("io.debezium.data.Enum")
      .version(1)
      .parameter("allowed", "true,first,first_in_data_collection,last_in_data_collection,last,false,incremental")
      .defaultValue(api::Value("false"));
  auto b = api::SchemaBuilder::structBuilder();
  b.name(mariadb ? "io.debezium.connector.mariadb.Source" : "io.debezium.connector.mysql.Source")
      .version(1)
      .field("version", string())
      .field("connector", string())
      .field("name", string())
      .field("ts_ms", int64())
      .field("snapshot", snapshot.build())
      .field("db", string())
      .field("sequence", optionalString())
      .field("ts_us", optionalInt64())
      .field("ts_ns", optionalInt64())
      .field("table", optionalString())
      .field("server_id", int64())
      .field("gtid", optionalString())
      .field("file", string())
      .field("pos", int64())
      .field("row", int32())
      .field("thread", optionalInt64())
      .field("query", optionalString());
  return b.build();
}

}  // namespace

api::SchemaPtr sourceSchema(bool mariadb) {
  static const api::SchemaPtr mysql = buildSourceSchema(false);
  static const api::SchemaPtr maria = buildSourceSchema(true);
  return mariadb ? maria : mysql;
}

api::SchemaPtr transactionBlockSchema() {
  static const api::SchemaPtr schema = [] {
    auto b = api::SchemaBuilder::structBuilder();
    b.optional()
        .name("event.block")
        .version(1)
        .field("id", api::schemas::string())
        .field("total_order", api::schemas::int64())
        .field("data_collection_order", api::schemas::int64());
    return b.build();
  }();
  return schema;
}

api::SchemaPtr envelopeSchema(const std::string& name, const api::SchemaPtr& row_schema,
                              const api::SchemaPtr& source_schema, const api::SchemaPtr& transaction_schema) {
  auto b = api::SchemaBuilder::structBuilder();
  b.name(name)
      .version(2)
      .field("before", row_schema)
      .field("after", row_schema)
      .field("source", source_schema)
      .field("transaction", transaction_schema)
      .field("op", api::schemas::string())
      .field("ts_ms", api::schemas::optionalInt64())
      .field("ts_us", api::schemas::optionalInt64())
      .field("ts_ns", api::schemas::optionalInt64());
  return b.build();
}

}  // namespace connectd::mysql
