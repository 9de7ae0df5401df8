#include "connectors/mysql/values/table_schema.h"

#include <gtest/gtest.h>

#include "server/api/errors.h"
#include "server/api/struct.h"
#include "server/converters/json_converter.h"
#include "test_columns.h"

namespace connectd::mysql {
namespace {

using api::Value;
using binlog::Cell;
using testing::bytesCell;
using testing::col;
using testing::intCell;
using testing::nullCell;
using testing::withDefault;

std::string schemaJson(const api::SchemaPtr& schema) {
  converters::JsonConverter jc;
  return *jc.asJsonSchema(schema);
}

std::string recordJson(const api::SchemaPtr& schema, const Value& value) {
  converters::JsonConverter jc;
  std::string out;
  jc.fromConnectData("t", schema, value, out);
  return out;
}

Table customers() {
  Table t;
  t.id = {"inventory", "customers"};
  Column id = col("id", "INT", jdbc::kInteger, 11, std::nullopt, false);
  id.autoIncremented = true;
  t.columns.push_back(id);
  for (const char* name : {"first_name", "last_name", "email"}) {
    Column c = col(name, "VARCHAR", jdbc::kVarchar, 255, std::nullopt, false);
    c.charsetName = "utf8mb4";
    t.columns.push_back(c);
  }
  for (size_t i = 0; i < t.columns.size(); ++i) t.columns[i].position = static_cast<int>(i + 1);
  t.primaryKeyColumnNames = {"id"};
  return t;
}

TableSchemaOptions options(std::string topic) {
  TableSchemaOptions o;
  o.topic_name = std::move(topic);
  o.source_schema = sourceSchema(false);
  return o;
}

// The schema member of the spec's create event (§1.10), byte for byte.
constexpr std::string_view kCustomersEnvelopeSchema =
    R"j({"type":"struct","fields":[{"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"},{"type":"string","optional":false,"field":"first_name"},{"type":"string","optional":false,"field":"last_name"},{"type":"string","optional":false,"field":"email"}],"optional":true,"name":"dbserver1.inventory.customers.Value","field":"before"},{"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"},{"type":"string","optional":false,"field":"first_name"},{"type":"string","optional":false,"field":"last_name"},{"type":"string","optional":false,"field":"email"}],"optional":true,"name":"dbserver1.inventory.customers.Value","field":"after"},{"type":"struct","fields":[{"type":"string","optional":false,"field":"version"},{"type":"string","optional":false,"field":"connector"},{"type":"string","optional":false,"field":"name"},{"type":"int64","optional":false,"field":"ts_ms"},{"type":"string","optional":true,"name":"io.debezium.data.Enum","version":1,"parameters":{"allowed":"true,first,first_in_data_collection,last_in_data_collection,last,false,incremental"},"default":"false","field":"snapshot"},{"type":"string","optional":false,"field":"db"},{"type":"string","optional":true,"field":"sequence"},{"type":"int64","optional":true,"field":"ts_us"},{"type":"int64","optional":true,"field":"ts_ns"},{"type":"string","optional":true,"field":"table"},{"type":"int64","optional":false,"field":"server_id"},{"type":"string","optional":true,"field":"gtid"},{"type":"string","optional":false,"field":"file"},{"type":"int64","optional":false,"field":"pos"},{"type":"int32","optional":false,"field":"row"},{"type":"int64","optional":true,"field":"thread"},{"type":"string","optional":true,"field":"query"}],"optional":false,"name":"io.debezium.connector.mysql.Source","version":1,"field":"source"},{"type":"struct","fields":[{"type":"string","optional":false,"field":"id"},{"type":"int64","optional":false,"field":"total_order"},{"type":"int64","optional":false,"field":"data_collection_order"}],"optional":true,"name":"event.block","version":1,"field":"transaction"},{"type":"string","optional":false,"field":"op"},{"type":"int64","optional":true,"field":"ts_ms"},{"type":"int64","optional":true,"field":"ts_us"},{"type":"int64","optional":true,"field":"ts_ns"}],"optional":false,"name":"dbserver1.inventory.customers.Envelope","version":2})j";

TEST(TableSchemaTest, CustomersSchemasMatchTheSpecExample) {
  auto ts = buildTableSchema(customers(), options("dbserver1.inventory.customers"));
  EXPECT_EQ(schemaJson(ts->envelopeSchema()), kCustomersEnvelopeSchema);
  std::vector<Cell> row = {intCell(1004, 4), bytesCell(Cell::Kind::String, "Anne"),
                           bytesCell(Cell::Kind::String, "Kretchmar"), bytesCell(Cell::Kind::String, "annek@noanswer.org")};
  EXPECT_EQ(recordJson(ts->keySchema(), ts->keyFromBinlog(row)),
            R"j({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"}],"optional":false,"name":"dbserver1.inventory.customers.Key"},"payload":{"id":1004}})j");
  EXPECT_EQ(recordJson(ts->valueSchema(), ts->valueFromBinlog(row)),
            R"j({"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"},{"type":"string","optional":false,"field":"first_name"},{"type":"string","optional":false,"field":"last_name"},{"type":"string","optional":false,"field":"email"}],"optional":true,"name":"dbserver1.inventory.customers.Value"},"payload":{"id":1004,"first_name":"Anne","last_name":"Kretchmar","email":"annek@noanswer.org"}})j");
  // The same row from a snapshot result set.
  const char* cells[] = {"1004", "Anne", "Kretchmar", "annek@noanswer.org"};
  unsigned long lengths[] = {4, 4, 9, 18};
  EXPECT_EQ(ts->valueFromText(const_cast<char**>(cells), lengths), ts->valueFromBinlog(row));
  EXPECT_EQ(ts->keyFromText(const_cast<char**>(cells), lengths), ts->keyFromBinlog(row));
}

TEST(TableSchemaTest, FieldSchemasMatchTheMappingTableExamples) {
  Table t;
  t.id = {"inv", "t"};
  Column price = col("price", "DECIMAL", jdbc::kDecimal, 10, 2, false);
  Column flags = col("flags", "BIT", jdbc::kBit, 16);
  Column size = col("size", "ENUM", jdbc::kChar, 1);
  size.enumValues = {"'small'", "'medium'", "'large'"};
  Column tags = col("tags", "SET", jdbc::kChar, 1);
  tags.enumValues = {"'a'", "'b'", "'c'"};
  Column doc = col("doc", "JSON", jdbc::kOther);
  Column y = col("y", "YEAR", jdbc::kInteger);
  Column d = col("d", "DATE", jdbc::kDate, std::nullopt, std::nullopt, false);
  Column tm = col("t", "TIME", jdbc::kTime);
  Column created = withDefault(col("created_at", "DATETIME", jdbc::kTimestamp), "CURRENT_TIMESTAMP");
  Column dt6 = col("dt6", "DATETIME", jdbc::kTimestamp, 6);
  Column updated = withDefault(col("updated_at", "TIMESTAMP", jdbc::kTimestampWithTimezone, std::nullopt, std::nullopt, false),
                               "CURRENT_TIMESTAMP");
  Column g = col("g", "GEOMETRY", jdbc::kOther);
  Column p = col("p", "POINT", jdbc::kOther, std::nullopt, std::nullopt, false);
  t.columns = {price, flags, size, tags, doc, y, d, tm, created, dt6, updated, g, p};
  for (size_t i = 0; i < t.columns.size(); ++i) t.columns[i].position = static_cast<int>(i + 1);
  auto ts = buildTableSchema(t, options("s.inv.t"));
  EXPECT_EQ(ts->keySchema(), nullptr);
  EXPECT_EQ(ts->keyFromBinlog(std::vector<Cell>(13)), Value());
  const std::string expected = std::string(R"j({"type":"struct","fields":[)j") +
      R"j({"type":"bytes","optional":false,"name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2","connect.decimal.precision":"10"},"field":"price"},)j"
      R"j({"type":"bytes","optional":true,"name":"io.debezium.data.Bits","version":1,"parameters":{"length":"16"},"field":"flags"},)j"
      R"j({"type":"string","optional":true,"name":"io.debezium.data.Enum","version":1,"parameters":{"allowed":"small,medium,large"},"field":"size"},)j"
      R"j({"type":"string","optional":true,"name":"io.debezium.data.EnumSet","version":1,"parameters":{"allowed":"a,b,c"},"field":"tags"},)j"
      R"j({"type":"string","optional":true,"name":"io.debezium.data.Json","version":1,"field":"doc"},)j"
      R"j({"type":"int32","optional":true,"name":"io.debezium.time.Year","version":1,"field":"y"},)j"
      R"j({"type":"int32","optional":false,"name":"io.debezium.time.Date","version":1,"field":"d"},)j"
      R"j({"type":"int64","optional":true,"name":"io.debezium.time.MicroTime","version":1,"field":"t"},)j"
      R"j({"type":"int64","optional":true,"name":"io.debezium.time.Timestamp","version":1,"default":0,"field":"created_at"},)j"
      R"j({"type":"int64","optional":true,"name":"io.debezium.time.MicroTimestamp","version":1,"field":"dt6"},)j"
      R"j({"type":"string","optional":false,"name":"io.debezium.time.ZonedTimestamp","version":1,"default":"1970-01-01T00:00:00Z","field":"updated_at"},)j"
      R"j({"type":"struct","fields":[{"type":"bytes","optional":false,"field":"wkb"},{"type":"int32","optional":true,"field":"srid"}],"optional":true,"name":"io.debezium.data.geometry.Geometry","version":1,"doc":"Geometry","field":"g"},)j"
      R"j({"type":"struct","fields":[{"type":"double","optional":false,"field":"x"},{"type":"double","optional":false,"field":"y"},{"type":"bytes","optional":true,"field":"wkb"},{"type":"int32","optional":true,"field":"srid"}],"optional":false,"name":"io.debezium.data.geometry.Point","version":1,"doc":"Geometry (POINT)","field":"p"})j"
      R"j(],"optional":true,"name":"s.inv.t.Value"})j";
  EXPECT_EQ(schemaJson(ts->valueSchema()), expected);
}

TEST(TableSchemaTest, KeyUsesPrimaryKeyOrderAndMessageKeyColumns) {
  Table t = customers();
  t.primaryKeyColumnNames = {"last_name", "id"};
  auto ts = buildTableSchema(t, options("p.inventory.customers"));
  ASSERT_EQ(ts->keySchema()->fields().size(), 2u);
  EXPECT_EQ(ts->keySchema()->fields()[0].name, "last_name");
  EXPECT_EQ(ts->keySchema()->fields()[1].name, "id");
  EXPECT_FALSE(ts->keySchema()->isOptional());

  auto o = options("p.inventory.customers");
  o.key_columns = std::vector<std::string>{"EMAIL", "nope"};
  auto custom = buildTableSchema(t, o);
  ASSERT_EQ(custom->keySchema()->fields().size(), 1u);
  EXPECT_EQ(custom->keySchema()->fields()[0].name, "email");

  o.key_columns = std::vector<std::string>{"nope"};
  EXPECT_EQ(buildTableSchema(t, o)->keySchema()->fields().size(), 2u);

  t.primaryKeyColumnNames.clear();
  EXPECT_EQ(buildTableSchema(t, options("p.inventory.customers"))->keySchema(), nullptr);
}

TEST(TableSchemaTest, ColumnFilterAppliesToValueFieldsOnly) {
  auto o = options("p.inventory.customers");
  o.column_included = [](const TableId& id, const std::string& column) {
    return id.table == "customers" && column != "email" && column != "id";
  };
  auto ts = buildTableSchema(customers(), o);
  ASSERT_EQ(ts->valueSchema()->fields().size(), 2u);
  EXPECT_EQ(ts->valueSchema()->fields()[0].name, "first_name");
  EXPECT_EQ(ts->keySchema()->fields()[0].name, "id");
  std::vector<Cell> row = {intCell(7, 4), bytesCell(Cell::Kind::String, "A"), bytesCell(Cell::Kind::String, "B"),
                           bytesCell(Cell::Kind::String, "C")};
  Value row_value = ts->valueFromBinlog(row);
  const api::Struct& v = row_value.asStruct();
  EXPECT_EQ(v.get("first_name"), Value("A"));
  EXPECT_EQ(v.get("last_name"), Value("B"));
  EXPECT_EQ(ts->keyFromBinlog(row).asStruct().get("id"), Value(int32_t{7}));
}

TEST(TableSchemaTest, DefaultsAppearInKeyAndValueAndNullsStayNull) {
  Table t;
  t.id = {"db", "d"};
  t.columns = {withDefault(col("k", "INT", jdbc::kInteger, std::nullopt, std::nullopt, false), "5"),
               withDefault(col("n", "INT", jdbc::kInteger), "9"),
               withDefault(col("m", "INT", jdbc::kInteger, std::nullopt, std::nullopt, false), "3")};
  for (size_t i = 0; i < t.columns.size(); ++i) t.columns[i].position = static_cast<int>(i + 1);
  t.primaryKeyColumnNames = {"k"};
  auto ts = buildTableSchema(t, options("p.db.d"));
  EXPECT_EQ(ts->keySchema()->fields()[0].schema->defaultValue(), Value(int32_t{5}));
  EXPECT_EQ(ts->valueSchema()->field("n")->schema->defaultValue(), Value(int32_t{9}));
  Value row_value = ts->valueFromBinlog({intCell(1, 4), nullCell(), nullCell()});
  const api::Struct& v = row_value.asStruct();
  // A nullable column keeps its null (JsonConverter substitutes the default, not us) ...
  EXPECT_TRUE(v.getWithoutDefault("n").isNull());
  // ... while a NOT NULL column gets the schema default as Debezium's convertValue does.
  EXPECT_EQ(v.getWithoutDefault("m"), Value(int32_t{3}));
}

TEST(TableSchemaTest, MappersChangeValueFieldsOnly) {
  Table t = customers();
  auto o = options("p.inventory.customers");
  auto is = [](std::string want) { return [want](const std::string& s) { return s == want; }; };
  o.mappers.push_back({ColumnMappingRule::Kind::MaskChars, is("inventory.customers.email"), 3, "", ""});
  o.mappers.push_back({ColumnMappingRule::Kind::Truncate, is("inventory.customers.first_name"), 2, "", ""});
  o.mappers.push_back({ColumnMappingRule::Kind::PropagateSourceType, is("inventory.customers.id"), 0, "", ""});
  o.mappers.push_back({ColumnMappingRule::Kind::MaskHashV2, is("inventory.customers.last_name"), 0, "SHA-256", "CzQMA0cB5K"});
  t.primaryKeyColumnNames = {"id", "email"};
  auto ts = buildTableSchema(t, o);
  EXPECT_EQ(schemaJson(ts->valueSchema()),
            R"j({"type":"struct","fields":[{"type":"int32","optional":false,"parameters":{"__debezium.source.column.type":"INT","__debezium.source.column.length":"11","__debezium.source.column.name":"id"},"field":"id"},{"type":"string","optional":false,"parameters":{"truncateLength":"2"},"field":"first_name"},{"type":"string","optional":false,"parameters":{"masked":"true"},"field":"last_name"},{"type":"string","optional":false,"parameters":{"masked":"true"},"field":"email"}],"optional":true,"name":"p.inventory.customers.Value"})j");
  EXPECT_EQ(schemaJson(ts->keySchema()),
            R"j({"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"},{"type":"string","optional":false,"field":"email"}],"optional":false,"name":"p.inventory.customers.Key"})j");
  std::vector<Cell> row = {intCell(1, 4), bytesCell(Cell::Kind::String, "Anne"), bytesCell(Cell::Kind::String, "hello"),
                           bytesCell(Cell::Kind::String, "a@b")};
  Value row_value = ts->valueFromBinlog(row);
  const api::Struct& v = row_value.asStruct();
  EXPECT_EQ(v.get("first_name"), Value("An"));
  EXPECT_EQ(v.get("email"), Value("***"));
  // SHA-256 of salt + "hello", cut to the column length (255 > 64, so whole).
  EXPECT_EQ(v.get("last_name"), Value("c4bf2f9ebc99b7f64add45103e81eb4ca483649064e3e1398b21f41786360c7b"));
  EXPECT_EQ(ts->keyFromBinlog(row).asStruct().get("email"), Value("a@b"));
}

TEST(TableSchemaTest, SchemaAndFieldNameAdjustment) {
  Table t;
  t.id = {"db", "my-table"};
  t.columns = {col("1st col", "INT", jdbc::kInteger)};
  t.columns[0].position = 1;
  auto o = options("p.db.my-table");
  o.schema_name_adjustment = TableSchemaOptions::NameAdjustment::Avro;
  o.field_name_adjustment = TableSchemaOptions::NameAdjustment::Avro;
  auto ts = buildTableSchema(t, o);
  EXPECT_EQ(*ts->valueSchema()->name(), "p.db.my_table.Value");
  EXPECT_EQ(*ts->envelopeSchema()->name(), "p.db.my_table.Envelope");
  EXPECT_EQ(ts->valueSchema()->fields()[0].name, "_1st_col");
}

TEST(TableSchemaTest, CommentsBecomeDocsOnlyWhenRequested) {
  Table t = customers();
  t.columns[1].comment = "given name";
  auto plain = buildTableSchema(t, options("p.inventory.customers"));
  EXPECT_FALSE(plain->valueSchema()->field("first_name")->schema->doc().has_value());
  auto o = options("p.inventory.customers");
  o.include_schema_comments = true;
  auto with = buildTableSchema(t, o);
  EXPECT_EQ(*with->valueSchema()->field("first_name")->schema->doc(), "given name");
}

TEST(TableSchemaTest, ShortRowsAndBadValuesAreHandled) {
  auto ts = buildTableSchema(customers(), options("p.inventory.customers"));
  EXPECT_THROW(ts->valueFromBinlog({intCell(1, 4)}), api::ConnectException);
  // A cell the column type cannot take leaves the field null (event.converting.failure.handling.mode=warn).
  std::vector<Cell> row = {bytesCell(Cell::Kind::Json, "x"), bytesCell(Cell::Kind::String, "A"),
                           bytesCell(Cell::Kind::String, "B"), bytesCell(Cell::Kind::String, "C")};
  EXPECT_TRUE(ts->valueFromBinlog(row).asStruct().getWithoutDefault("id").isNull());
}

TEST(TableSchemaTest, MariaDbSourceSchemaName) {
  EXPECT_EQ(*sourceSchema(true)->name(), "io.debezium.connector.mariadb.Source");
  EXPECT_EQ(sourceSchema(false), sourceSchema(false));
  EXPECT_EQ(schemaJson(transactionBlockSchema()),
            R"j({"type":"struct","fields":[{"type":"string","optional":false,"field":"id"},{"type":"int64","optional":false,"field":"total_order"},{"type":"int64","optional":false,"field":"data_collection_order"}],"optional":true,"name":"event.block","version":1})j");
}

}  // namespace
}  // namespace connectd::mysql
