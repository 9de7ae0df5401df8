#include "connectors/mysql/values/table_schema.h"

#include <spdlog/spdlog.h>

#include "connectors/mysql/values/default_value_converter.h"
#include "server/api/errors.h"
#include "server/api/struct.h"
#include "server/common/strings.h"

namespace connectd::mysql {

namespace {

const Column* findColumn(const Table& table, std::string_view name) {
  for (const auto& c : table.columns)
    if (common::iequals(c.name, name)) return &c;
  return nullptr;
}

std::vector<const Column*> keyColumns(const Table& table, const TableSchemaOptions& options) {
  std::vector<const Column*> out;
  auto add = [&](const Column* c) {
    if (!c) return;
    for (const Column* existing : out)
      if (existing == c) return;
    out.push_back(c);
  };
  if (options.key_columns)
    for (const auto& name : *options.key_columns) add(findColumn(table, name));
  if (out.empty())
    for (const auto& name : table.primaryKeyColumnNames) add(findColumn(table, name));
  return out;
}

// TableSchemaBuilder.addField: the field schema of `column`, with the mapper's parameters, the
// column's nullability, doc and converted default. nullopt for an unmapped type.
std::optional<TableSchema::FieldPlan> planField(const Table& table, const Column& column, const TableSchemaOptions& options,
                                                const std::optional<ColumnMapper>& mapper, api::SchemaBuilder& parent,
                                                const std::string& field_name) {
  auto converter = ColumnValueConverter::forColumn(column, options.values);
  if (!converter) {
    spdlog::warn("Unexpected JDBC type '{}' for column '{}' that will be ignored", column.jdbcType, column.name);
    return std::nullopt;
  }
  std::optional<api::Value> default_value;
  if (column.hasDefaultValue) {
    try {
      // The default converts against the column's bare schema (its own null fallback rules).
      ColumnValueConverter bare = *converter;
      bare.bind(bare.schemaBuilder().build());
      default_value = BinlogDefaultValueConverter::parseDefaultValue(column, bare);
    } catch (const std::exception& e) {
      spdlog::warn("Unexpected default value for JDBC type '{}.{}' and column '{}': {}", table.id.toString(),
                   column.typeName, column.name, e.what());
    }
  }
  api::SchemaBuilder builder = converter->schemaBuilder();
  if (mapper) mapper->alterFieldSchema(builder);
  if (column.optional) builder.optional();
  const bool has_doc = converter->kind() == ColumnValueConverter::Kind::Geometry ||
                       converter->kind() == ColumnValueConverter::Kind::Point;
  if (options.include_schema_comments && column.comment && !has_doc) builder.doc(*column.comment);
  if (default_value && !default_value->isNull()) {
    try {
      builder.defaultValue(*default_value);
    } catch (const api::DataException& e) {
      spdlog::warn("Failed to set field default value for '{}.{}' of type {}: {}", table.id.toString(), column.name,
                   column.typeName, e.what());
    }
  }
  api::SchemaPtr field_schema = builder.build();
  parent.field(field_name, field_schema);
  TableSchema::FieldPlan plan;
  plan.column_index = column.position - 1;
  plan.field_index = static_cast<int>(parent.fields().size()) - 1;
  plan.converter = std::move(*converter);
  plan.converter.bind(field_schema);
  if (mapper && mapper->changesValues()) plan.mapper = mapper;
  return plan;
}

}  // namespace

std::shared_ptr<const TableSchema> buildTableSchema(const Table& table, const TableSchemaOptions& options) {
  auto ts = std::shared_ptr<TableSchema>(new TableSchema());
  ts->table_id_ = table.id;
  ts->column_count_ = table.columns.size();
  const auto field_name = [&](const Column& c) { return adjustFieldName(c.name, options.field_name_adjustment); };

  auto key_builder = api::SchemaBuilder::structBuilder();
  key_builder.name(adjustSchemaName(options.topic_name + ".Key", options.schema_name_adjustment));
  bool has_key = false;
  for (const Column* column : keyColumns(table, options)) {
    has_key = true;
    auto plan = planField(table, *column, options, std::nullopt, key_builder, field_name(*column));
    if (plan) ts->key_fields_.push_back(std::move(*plan));
  }

  auto value_builder = api::SchemaBuilder::structBuilder();
  value_builder.name(adjustSchemaName(options.topic_name + ".Value", options.schema_name_adjustment));
  for (const Column& column : table.columns) {
    if (options.column_included && !options.column_included(table.id, column.name)) continue;
    std::optional<std::string> comment = options.include_schema_comments ? column.comment : std::nullopt;
    auto mapper = ColumnMapper::forColumn(table.id, column, options.mappers, comment);
    auto plan = planField(table, column, options, mapper, value_builder, field_name(column));
    if (plan) ts->value_fields_.push_back(std::move(*plan));
  }
  value_builder.optional();
  ts->value_schema_ = value_builder.build();
  if (has_key) ts->key_schema_ = key_builder.build();
  ts->envelope_schema_ = envelopeSchema(
      adjustSchemaName(options.topic_name + ".Envelope", options.schema_name_adjustment), ts->value_schema_,
      options.source_schema ? options.source_schema : sourceSchema(options.values.mariadb),
      options.transaction_schema ? options.transaction_schema : transactionBlockSchema());
  return ts;
}

template <typename Convert>
api::Value TableSchema::build(const api::SchemaPtr& schema, const std::vector<FieldPlan>& fields, size_t row_size,
                              Convert&& convert) const {
  auto result = std::make_shared<api::Struct>(schema);
  for (const FieldPlan& f : fields) {
    if (static_cast<size_t>(f.column_index) >= row_size)
      throw api::ConnectException(
          "Data row is smaller than a column index, internal schema representation is probably out of sync with real "
          "database schema");
    try {
      api::Value v = convert(f);
      if (f.mapper) v = f.mapper->apply(std::move(v));
      result->putUnchecked(f.field_index, std::move(v));
    } catch (const api::DataException& e) {
      // event.converting.failure.handling.mode=warn: the field stays null.
      spdlog::warn("Failed to properly convert data value for '{}.{}' of type {}: {}", table_id_.toString(),
                   f.converter.column().name, f.converter.column().typeName, e.what());
    }
  }
  return api::Value(std::move(result));
}

api::Value TableSchema::keyFromBinlog(const std::vector<binlog::Cell>& row) const {
  if (!key_schema_) return api::Value();
  return build(key_schema_, key_fields_, row.size(),
               [&](const FieldPlan& f) { return f.converter.fromCell(row[static_cast<size_t>(f.column_index)]); });
}

api::Value TableSchema::valueFromBinlog(const std::vector<binlog::Cell>& row) const {
  return build(value_schema_, value_fields_, row.size(),
               [&](const FieldPlan& f) { return f.converter.fromCell(row[static_cast<size_t>(f.column_index)]); });
}

api::Value TableSchema::keyFromText(char** row, const unsigned long* lengths) const {
  if (!key_schema_) return api::Value();
  return build(key_schema_, key_fields_, column_count_, [&](const FieldPlan& f) {
    auto i = static_cast<size_t>(f.column_index);
    return f.converter.fromText(row[i], row[i] ? lengths[i] : 0);
  });
}

api::Value TableSchema::valueFromText(char** row, const unsigned long* lengths) const {
  return build(value_schema_, value_fields_, column_count_, [&](const FieldPlan& f) {
    auto i = static_cast<size_t>(f.column_index);
    return f.converter.fromText(row[i], row[i] ? lengths[i] : 0);
  });
}

}  // namespace connectd::mysql
