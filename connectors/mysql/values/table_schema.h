#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "connectors/mysql/binlog/binlog_cell.h"
#include "connectors/mysql/schema/table.h"
#include "connectors/mysql/values/column_mapper.h"
#include "connectors/mysql/values/column_mapping_rule.h"
#include "connectors/mysql/values/column_value_converter.h"
#include "connectors/mysql/values/envelope_schemas.h"
#include "connectors/mysql/values/schema_name_adjuster.h"
#include "connectors/mysql/values/value_converter_config.h"
#include "server/api/schema.h"
#include "server/api/value.h"

namespace connectd::mysql {

// What buildTableSchema needs besides the table (Debezium's TableSchemaBuilder inputs).
struct TableSchemaOptions {
  std::string topic_name;  // "<prefix>.<db>.<table>": the schema name base (Key/Value/Envelope)
  ValueConverterConfig values;
  // column.include.list / column.exclude.list; null = all. Applies to value fields only.
  std::function<bool(const TableId&, const std::string& column)> column_included;
  // message.key.columns resolved for this table (column names, in key order); columns the table
  // does not have are ignored, and when none is left the primary key is used (Key.CustomKeyMapper).
  std::optional<std::vector<std::string>> key_columns;
  std::vector<ColumnMappingRule> mappers;
  // include.schema.comments: column comments become field docs (and the propagate mappers'
  // comment parameter); without it Debezium's parser drops comments, so they are ignored here.
  bool include_schema_comments = false;
  api::SchemaPtr source_schema;  // the Source struct schema for the envelope (sourceSchema())
  // transaction block schema for the envelope; null = transactionBlockSchema()
  api::SchemaPtr transaction_schema;
  using NameAdjustment = NameAdjustmentMode;
  NameAdjustment schema_name_adjustment = NameAdjustment::None, field_name_adjustment = NameAdjustment::None;
};

// Everything needed to turn one table's rows into Connect key/value structs, built once per
// table version by buildTableSchema() and shared read-only (schemas are interned: the
// JsonConverter caches each schema's JSON on the Schema object). Every per-column decision
// (type, unsigned width, charset, temporal unit, default, mapper) is resolved at build time, so
// a row costs one converter switch per field. All methods are const and thread-safe.
class TableSchema {
 public:
  const TableId& tableId() const { return table_id_; }
  const api::SchemaPtr& keySchema() const { return key_schema_; }            // null when the table has no key
  const api::SchemaPtr& valueSchema() const { return value_schema_; }        // the optional "<topic>.Value" row struct
  const api::SchemaPtr& envelopeSchema() const { return envelope_schema_; }  // "<topic>.Envelope" v2

  // Row from a binlog row image: cells indexed by table column position-1. The caller checks
  // that the table map's column count equals the table's; a shorter row throws
  // api::ConnectException (Debezium: "internal schema representation is probably out of sync").
  api::Value keyFromBinlog(const std::vector<binlog::Cell>& row) const;    // null Value when no key
  api::Value valueFromBinlog(const std::vector<binlog::Cell>& row) const;  // Struct
  // Row from a snapshot SELECT * over the text protocol (session time_zone '+00:00', character
  // results in utf8mb4): row[i]/lengths[i] for column position i+1, nullptr = NULL. BIT, BINARY,
  // BLOB and GEOMETRY are raw bytes, TIME like "-838:59:59.000000", zero dates "0000-00-00 ...".
  api::Value keyFromText(char** row, const unsigned long* lengths) const;
  api::Value valueFromText(char** row, const unsigned long* lengths) const;

  // One schema field and how its value is produced.
  struct FieldPlan {
    int column_index = 0;  // position - 1
    int field_index = 0;
    ColumnValueConverter converter;
    std::optional<ColumnMapper> mapper;  // value fields only, and only when it changes values
  };
  const std::vector<FieldPlan>& keyFields() const { return key_fields_; }
  const std::vector<FieldPlan>& valueFields() const { return value_fields_; }

 private:
  friend std::shared_ptr<const TableSchema> buildTableSchema(const Table& table, const TableSchemaOptions& options);
  template <typename Convert>
  api::Value build(const api::SchemaPtr& schema, const std::vector<FieldPlan>& fields, size_t row_size,
                   Convert&& convert) const;

  TableId table_id_;
  size_t column_count_ = 0;
  api::SchemaPtr key_schema_;
  api::SchemaPtr value_schema_;
  api::SchemaPtr envelope_schema_;
  std::vector<FieldPlan> key_fields_;
  std::vector<FieldPlan> value_fields_;
};

// TableSchemaBuilder.create for the MySQL/MariaDB value converters. Columns whose type has no
// Connect mapping are left out with a warning. Throws api::ConfigException for an unknown hash
// algorithm in a masking rule.
std::shared_ptr<const TableSchema> buildTableSchema(const Table& table, const TableSchemaOptions& options);

}  // namespace connectd::mysql
