#include "connectors/mysql/schema/history_record.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "connectors/mysql/schema/ddl_parser.h"
#include "ddl_test_support.h"

namespace connectd::mysql {
namespace {

std::string readFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The exact-formatting history record example of spec §5.1.
std::string specHistoryExample() {
  std::string spec = readFile(std::string(CONNECTD_SHARED_DIR) + "/spec/debezium-mysql.md");
  size_t anchor = spec.find("Example (streaming `ALTER TABLE`, exact formatting):");
  if (anchor == std::string::npos) throw std::runtime_error("spec example not found");
  size_t begin = spec.find("```text\n", anchor);
  size_t end = spec.find("\n```", begin + 8);
  return spec.substr(begin + 8, end - begin - 8);
}

Column varchar(std::string name, int position, bool optional, bool has_default) {
  Column c;
  c.name = std::move(name);
  c.position = position;
  c.jdbcType = jdbc::kVarchar;
  c.typeName = c.typeExpression = "VARCHAR";
  c.charsetName = "utf8mb4";
  c.length = 255;
  c.optional = optional;
  c.hasDefaultValue = has_default;
  return c;
}

HistoryRecord specRecord() {
  HistoryRecord r;
  r.source = {{"server", api::Value("dbserver1")}};
  r.position = {{"ts_sec", api::Value(int64_t{1700000300})},
                {"file", api::Value("mysql-bin.000003")},
                {"pos", api::Value(int64_t{2531})},
                {"server_id", api::Value(int64_t{223344})}};
  r.ts_ms = 1700000300555;
  r.databaseName = "inventory";
  r.ddl = "ALTER TABLE customers ADD middle_name varchar(255) AFTER first_name";
  Table t;
  t.id = {"inventory", "customers"};
  t.defaultCharsetName = "utf8mb4";
  t.primaryKeyColumnNames = {"id"};
  Column id;
  id.name = "id";
  id.position = 1;
  id.jdbcType = jdbc::kInteger;
  id.typeName = id.typeExpression = "INT";
  id.optional = false;
  id.autoIncremented = true;
  id.generated = true;
  t.columns = {id, varchar("first_name", 2, false, false), varchar("middle_name", 3, true, false),
               varchar("last_name", 4, false, false), varchar("email", 5, false, false)};
  TableChange change;
  change.type = TableChange::Type::Alter;
  change.id = t.id;
  change.table = t;
  r.tableChanges = {change};
  return r;
}

TEST(HistoryRecordTest, SerializesTheSpecExampleByteForByte) {
  EXPECT_EQ(serializeHistoryRecord(specRecord()), specHistoryExample());
}

TEST(HistoryRecordTest, ParserOutputMatchesTheSpecExample) {
  DdlParser parser = testing::makeParser();
  parser.setDatabaseCharset("inventory", "utf8mb4");
  Tables tables;
  parser.parse(
      "CREATE TABLE customers (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, first_name "
      "VARCHAR(255) NOT NULL, last_name VARCHAR(255) NOT NULL, email VARCHAR(255) NOT NULL UNIQUE "
      "KEY) AUTO_INCREMENT=1001",
      "inventory", tables);
  std::vector<DdlStatement> s = parser.parse(
      "ALTER TABLE customers ADD middle_name varchar(255) AFTER first_name", "inventory", tables);
  ASSERT_EQ(s.size(), 1u);
  HistoryRecord r = specRecord();
  r.databaseName = s[0].databaseName;
  r.ddl = s[0].ddl;
  r.tableChanges = s[0].changes;
  // The spec's example shows the 2.x hasDefaultValue of a nullable column without DEFAULT;
  // Debezium 3.6 (ColumnEditorImpl.optional) records the implicit NULL default.
  std::string expected = specHistoryExample();
  const std::string middle = "\"name\" : \"middle_name\"";
  size_t at = expected.find("\"hasDefaultValue\" : false", expected.find(middle));
  expected.replace(at, 25, "\"hasDefaultValue\" : true");
  EXPECT_EQ(serializeHistoryRecord(r), expected);
}

TEST(HistoryRecordTest, WritesDropsRenamesAndOptionalMembers) {
  HistoryRecord r;
  r.ts_ms = 5;
  r.databaseName = "";
  r.schemaName = "s";
  r.ddl = "DROP TABLE `db`.`t` \"q\"\n\t\\ é";
  TableChange drop;
  drop.type = TableChange::Type::Drop;
  drop.id = {"db", "t"};
  TableChange rename;
  rename.type = TableChange::Type::Alter;
  rename.id = {"db", "b"};
  rename.previousId = TableId{"db", "a"};
  Table t;
  t.id = rename.id;
  t.comment = "c";
  Column e;
  e.name = "e";
  e.position = 1;
  e.jdbcType = jdbc::kChar;
  e.typeName = e.typeExpression = "ENUM";
  e.length = 1;
  e.scale = 0;
  e.nativeType = 7;
  e.comment = "x";
  e.hasDefaultValue = true;
  e.defaultValueExpression = "a";
  e.enumValues = {"'a'", "'b'"};
  t.columns = {e};
  rename.table = t;
  r.tableChanges = {drop, rename};
  EXPECT_EQ(serializeHistoryRecord(r),
            "{\n"
            "  \"source\" : { },\n"
            "  \"position\" : { },\n"
            "  \"ts_ms\" : 5,\n"
            "  \"databaseName\" : \"\",\n"
            "  \"schemaName\" : \"s\",\n"
            "  \"ddl\" : \"DROP TABLE `db`.`t` \\\"q\\\"\\n\\t\\\\ é\",\n"
            "  \"tableChanges\" : [ {\n"
            "    \"type\" : \"DROP\",\n"
            "    \"id\" : \"\\\"db\\\".\\\"t\\\"\"\n"
            "  }, {\n"
            "    \"type\" : \"ALTER\",\n"
            "    \"id\" : \"\\\"db\\\".\\\"b\\\"\",\n"
            "    \"previousId\" : \"\\\"db\\\".\\\"a\\\"\",\n"
            "    \"table\" : {\n"
            "      \"defaultCharsetName\" : null,\n"
            "      \"primaryKeyColumnNames\" : [ ],\n"
            "      \"columns\" : [ {\n"
            "        \"name\" : \"e\",\n"
            "        \"jdbcType\" : 1,\n"
            "        \"nativeType\" : 7,\n"
            "        \"typeName\" : \"ENUM\",\n"
            "        \"typeExpression\" : \"ENUM\",\n"
            "        \"charsetName\" : null,\n"
            "        \"length\" : 1,\n"
            "        \"scale\" : 0,\n"
            "        \"position\" : 1,\n"
            "        \"optional\" : true,\n"
            "        \"autoIncremented\" : false,\n"
            "        \"generated\" : false,\n"
            "        \"comment\" : \"x\",\n"
            "        \"hasDefaultValue\" : true,\n"
            "        \"defaultValueExpression\" : \"a\",\n"
            "        \"enumValues\" : [ \"'a'\", \"'b'\" ]\n"
            "      } ],\n"
            "      \"attributes\" : [ ]\n"
            "    },\n"
            "    \"comment\" : \"c\"\n"
            "  } ]\n"
            "}");
}

TEST(HistoryRecordTest, WritesPositionValuesAsJackson) {
  HistoryRecord r;
  r.source = {{"server", api::Value("s")}};
  r.position = {{"snapshot", api::Value("INITIAL")},
                {"gtids", api::Value("0-1-5")},
                {"event", api::Value(int32_t{2})},
                {"flag", api::Value(true)},
                {"none", api::Value()},
                {"ratio", api::Value(0.5)}};
  std::string json = serializeHistoryRecord(r);
  EXPECT_NE(json.find("  \"position\" : {\n    \"snapshot\" : \"INITIAL\",\n    \"gtids\" : "
                      "\"0-1-5\",\n    \"event\" : 2,\n    \"flag\" : true,\n    \"none\" : null,\n"
                      "    \"ratio\" : 0.5\n  },"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"tableChanges\" : [ ]\n}"), std::string::npos);
}

TEST(HistoryRecordTest, RoundTripsItsOwnOutput) {
  DdlParser parser = testing::makeParser(DdlParser::Flavor::MySql, /*comments=*/true);
  Tables tables;
  std::vector<DdlStatement> s = parser.parse(
      "CREATE TABLE t (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT, e ENUM('x','y') DEFAULT 'x' "
      "COMMENT 'an enum', d DECIMAL(10,2) NOT NULL DEFAULT '1.00', n VARCHAR(3) CHARACTER SET "
      "latin1, PRIMARY KEY (id)) COMMENT 'table'",
      "db", tables);
  HistoryRecord r = specRecord();
  r.ddl = s[0].ddl;
  r.tableChanges = s[0].changes;
  std::string json = serializeHistoryRecord(r);
  HistoryRecord back = parseHistoryRecord(json);
  EXPECT_EQ(serializeHistoryRecord(back), json);
  ASSERT_EQ(back.tableChanges.size(), 1u);
  const Table& t = *back.tableChanges[0].table;
  EXPECT_EQ(t.comment, "table");
  EXPECT_EQ(t.columnWithName("e")->comment, "an enum");
  EXPECT_EQ(back.position[0].second.kind(), api::Value::Kind::Int32);
  EXPECT_EQ(back.position[0].second.toInt64(), 1700000300);
  EXPECT_EQ(back.source, r.source);
  EXPECT_EQ(back.ts_ms, r.ts_ms);
}

TEST(HistoryRecordTest, ReadsCompactRecordsTheWayDebeziumDeserializesThem) {
  // Compact JSON as FileSchemaHistory writes it, from an older Debezium (no hasDefaultValue,
  // table-level attributes, positions out of order).
  const std::string json =
      R"({"source":{"server":"dbserver1"},"position":{"ts_sec":1700000000,)"
      R"("file":"mysql-bin.000003","pos":154,"gtids":"a:1-5","snapshot":true,)"
      R"("big":9007199254740993},"ts_ms":1700000000123,"databaseName":"inventory",)"
      R"("ddl":"ALTER TABLE x","tableChanges":[)"
      R"({"type":"DROP","id":"\"inventory\".\"old\""},)"
      R"({"type":"ALTER","id":"\"inventory\".\"new\"","previousId":"\"inventory\".\"x\"",)"
      R"("table":{"defaultCharsetName":"latin1","primaryKeyColumnNames":["id"],)"
      R"("columns":[{"name":"id","jdbcType":4,"typeName":"INT","typeExpression":"INT",)"
      R"("charsetName":null,"position":7,"optional":false,"autoIncremented":true,)"
      R"("generated":true},{"name":"s","jdbcType":12,"typeName":"VARCHAR",)"
      R"("charsetName":null,"length":20,"position":9,"optional":true,)"
      R"("autoIncremented":false,"generated":false,"enumValues":[]}],)"
      R"("attributes":[{"name":"k","value":"v"}]},"comment":"table comment"}]})";
  HistoryRecord r = parseHistoryRecord(json);
  EXPECT_EQ(r.databaseName, "inventory");
  EXPECT_FALSE(r.schemaName);
  EXPECT_EQ(r.ddl, "ALTER TABLE x");
  EXPECT_EQ(r.ts_ms, 1700000000123);
  ASSERT_EQ(r.position.size(), 6u);
  EXPECT_EQ(r.position[0].first, "ts_sec");
  EXPECT_EQ(r.position[0].second.kind(), api::Value::Kind::Int32);
  EXPECT_EQ(r.position[4].second, api::Value(true));
  EXPECT_EQ(r.position[5].second.kind(), api::Value::Kind::Int64);
  ASSERT_EQ(r.tableChanges.size(), 2u);
  EXPECT_EQ(r.tableChanges[0].type, TableChange::Type::Drop);
  EXPECT_EQ(r.tableChanges[0].id.toString(), "inventory.old");
  EXPECT_FALSE(r.tableChanges[0].table);
  const TableChange& alter = r.tableChanges[1];
  EXPECT_EQ(alter.previousId->toString(), "inventory.x");
  const Table& t = *alter.table;
  EXPECT_EQ(t.id.toString(), "inventory.new");
  EXPECT_EQ(t.comment, "table comment");
  ASSERT_EQ(t.columns.size(), 2u);
  EXPECT_EQ(t.columns[0].position, 1);
  EXPECT_EQ(t.columns[1].position, 2);
  EXPECT_FALSE(t.columns[0].hasDefaultValue);
  // As in JsonTableChangeSerializer: a nullable column gets the implicit NULL default, a
  // character column without charset the table's, a missing typeExpression the type name.
  EXPECT_TRUE(t.columns[1].hasDefaultValue);
  EXPECT_FALSE(t.columns[1].defaultValueExpression);
  EXPECT_EQ(t.columns[1].charsetName, "latin1");
  EXPECT_EQ(t.columns[1].typeExpression, "VARCHAR");
}

TEST(HistoryRecordTest, ParsesTableIdsWithQuotesAndDots) {
  const std::string base = R"({"source":{},"position":{},"tableChanges":[{"type":"DROP","id":)";
  auto idOf = [&](const std::string& id) {
    return parseHistoryRecord(base + id + "}]}").tableChanges[0].id;
  };
  EXPECT_EQ(idOf(R"("\"a.b\".\"c\"\"d\"")"), (TableId{"a.b", "c\"d"}));
  EXPECT_EQ(idOf(R"("db.t")"), (TableId{"db", "t"}));
  EXPECT_EQ(idOf(R"("\"t\"")"), (TableId{"", "t"}));
  EXPECT_EQ(idOf(R"("c.s.t")"), (TableId{"c", "t"}));
}

TEST(HistoryRecordTest, RejectsTextThatIsNotAHistoryRecord) {
  for (const char* bad : {
           "not json",
           "[1,2]",
           R"({"position":{}})",
           R"({"source":{},"position":{},"tableChanges":{}})",
           R"({"source":{},"position":{},"tableChanges":[{"type":"MERGE","id":"t"}]})",
           R"({"source":{},"position":{},"tableChanges":[{"type":"CREATE","id":"t"}]})",
           R"({"source":{},"position":{},"tableChanges":[{"type":"CREATE","id":"t","table":)"
           R"({"columns":[{"name":"a","typeName":"INT"}]}}]})",
           R"({"source":{},"position":{},"tableChanges":[{"type":"CREATE","id":"t","table":)"
           R"({"primaryKeyColumnNames":["b"],"columns":[]}}]})",
           R"({"source":{},"position":{},"ts_ms":"soon"})",
       }) {
    SCOPED_TRACE(bad);
    EXPECT_THROW(parseHistoryRecord(bad), std::runtime_error);
  }
}

}  // namespace
}  // namespace connectd::mysql
