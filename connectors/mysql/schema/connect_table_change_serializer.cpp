#include "connectors/mysql/schema/connect_table_change_serializer.h"

#include <memory>
#include <utility>

#include "server/api/struct.h"

namespace connectd::mysql {

namespace {

api::SchemaPtr optionalStringArray() {
  return api::SchemaBuilder::array(api::schemas::string()).optional().build();
}

}  // namespace

const api::SchemaPtr& tableChangeColumnSchema() {
  static const api::SchemaPtr schema =
      api::SchemaBuilder::structBuilder()
          .name("io.debezium.connector.schema.Column")
          .version(1)
          .field("name", api::schemas::string())
          .field("jdbcType", api::schemas::int32())
          .field("nativeType", api::schemas::optionalInt32())
          .field("typeName", api::schemas::string())
          .field("typeExpression", api::schemas::optionalString())
          .field("charsetName", api::schemas::optionalString())
          .field("length", api::schemas::optionalInt32())
          .field("scale", api::schemas::optionalInt32())
          .field("position", api::schemas::int32())
          .field("optional", api::schemas::optionalBoolean())
          .field("autoIncremented", api::schemas::optionalBoolean())
          .field("generated", api::schemas::optionalBoolean())
          .field("comment", api::schemas::optionalString())
          .field("defaultValueExpression", api::schemas::optionalString())
          .field("enumValues", optionalStringArray())
          .build();
  return schema;
}

const api::SchemaPtr& tableChangeTableSchema() {
  static const api::SchemaPtr schema =
      api::SchemaBuilder::structBuilder()
          .name("io.debezium.connector.schema.Table")
          .version(1)
          .optional()
          .field("defaultCharsetName", api::schemas::optionalString())
          .field("primaryKeyColumnNames", optionalStringArray())
          .field("columns", api::SchemaBuilder::array(tableChangeColumnSchema()).build())
          .field("comment", api::schemas::optionalString())
          .build();
  return schema;
}

const api::SchemaPtr& tableChangeSchema() {
  static const api::SchemaPtr schema = api::SchemaBuilder::structBuilder()
                                           .name("io.debezium.connector.schema.Change")
                                           .version(1)
                                           .field("type", api::schemas::string())
                                           .field("id", api::schemas::string())
                                           .field("table", tableChangeTableSchema())
                                           .build();
  return schema;
}

api::SchemaPtr tableChangesSchema() {
  static const api::SchemaPtr schema = api::SchemaBuilder::array(tableChangeSchema()).build();
  return schema;
}

namespace {

api::Value optionalString(const std::optional<std::string>& s) {
  return s ? api::Value(*s) : api::Value();
}

api::Value columnStruct(const Column& c) {
  auto s = std::make_shared<api::Struct>(tableChangeColumnSchema());
  s->put("name", c.name);
  s->put("jdbcType", static_cast<int32_t>(c.jdbcType));
  if (c.nativeType) s->put("nativeType", static_cast<int32_t>(*c.nativeType));
  s->put("typeName", c.typeName);
  s->put("typeExpression", c.typeExpression);
  s->put("charsetName", optionalString(c.charsetName));
  if (c.length) s->put("length", static_cast<int32_t>(*c.length));
  if (c.scale) s->put("scale", static_cast<int32_t>(*c.scale));
  s->put("position", static_cast<int32_t>(c.position));
  s->put("optional", c.optional);
  s->put("autoIncremented", c.autoIncremented);
  s->put("generated", c.generated);
  s->put("comment", optionalString(c.comment));
  if (c.defaultValueExpression) s->put("defaultValueExpression", *c.defaultValueExpression);
  if (!c.enumValues.empty()) {
    api::Array values;
    for (const std::string& e : c.enumValues) values.emplace_back(e);
    s->put("enumValues", api::Value(std::move(values)));
  }
  return api::Value(std::move(s));
}

api::Value tableStruct(const Table& t) {
  auto s = std::make_shared<api::Struct>(tableChangeTableSchema());
  s->put("defaultCharsetName", optionalString(t.defaultCharsetName));
  api::Array pk;
  for (const std::string& name : t.primaryKeyColumnNames) pk.emplace_back(name);
  s->put("primaryKeyColumnNames", api::Value(std::move(pk)));
  api::Array columns;
  for (const Column& c : t.columns) columns.push_back(columnStruct(c));
  s->put("columns", api::Value(std::move(columns)));
  s->put("comment", optionalString(t.comment));
  return api::Value(std::move(s));
}

}  // namespace

api::Value tableChangesValue(const std::vector<TableChange>& changes) {
  api::Array out;
  out.reserve(changes.size());
  for (const TableChange& change : changes) {
    auto s = std::make_shared<api::Struct>(tableChangeSchema());
    s->put("type", TableChange::typeName(change.type));
    s->put("id", change.id.toDoubleQuotedString());
    if (change.table && change.type != TableChange::Type::Drop) {
      s->put("table", tableStruct(*change.table));
    }
    out.push_back(api::Value(std::move(s)));
  }
  return api::Value(std::move(out));
}

}  // namespace connectd::mysql
