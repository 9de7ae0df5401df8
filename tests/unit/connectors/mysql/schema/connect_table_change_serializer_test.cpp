#include "connectors/mysql/schema/connect_table_change_serializer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "connectors/mysql/schema/ddl_parser.h"
#include "ddl_test_support.h"
#include "server/api/struct.h"
#include "server/converters/json_converter.h"

namespace connectd::mysql {
namespace {

using Json = nlohmann::ordered_json;

std::string spec() {
  std::ifstream in(std::string(CONNECTD_SHARED_DIR) + "/spec/debezium-mysql.md");
  if (!in) throw std::runtime_error("cannot read the spec");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The "tableChanges" field of the spec §5.2 SchemaChangeValue schema, without its "field" name.
std::string specTableChangesSchema() {
  std::string s = spec();
  const std::string start =
      R"({"type":"array","items":{"type":"struct","fields":[{"type":"string","optional":false,"field":"type"})";
  const std::string end = R"(,"optional":false,"field":"tableChanges"})";
  size_t b = s.find(start);
  size_t e = s.find(end, b);
  if (b == std::string::npos || e == std::string::npos) throw std::runtime_error("not in spec");
  return s.substr(b, e - b) + R"(,"optional":false})";
}

// The "tableChanges" member of the spec §5.2 example payload.
Json specTableChangesPayload() {
  std::string s = spec();
  size_t anchor = s.find("The `payload` member (pretty-printed here");
  size_t b = s.find("```json\n", anchor);
  size_t e = s.find("\n```", b + 8);
  return Json::parse(s.substr(b + 8, e - b - 8))["tableChanges"];
}

std::vector<TableChange> specChanges() {
  DdlParser parser = testing::makeParser();
  parser.setDatabaseCharset("inventory", "utf8mb4");
  Tables tables;
  parser.parse(
      "CREATE TABLE customers (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, first_name "
      "VARCHAR(255) NOT NULL, last_name VARCHAR(255) NOT NULL, email VARCHAR(255) NOT NULL UNIQUE "
      "KEY) AUTO_INCREMENT=1001",
      "inventory", tables);
  return parser
      .parse("ALTER TABLE customers ADD middle_name varchar(255) AFTER first_name", "inventory",
             tables)[0]
      .changes;
}

std::string render(const api::Value& value) {
  converters::JsonConverter converter;
  std::string out;
  converter.convertToJson(tableChangesSchema().get(), value, out);
  return out;
}

TEST(ConnectTableChangeSerializerTest, SchemaMatchesTheSpec) {
  converters::JsonConverter converter;
  EXPECT_EQ(*converter.asJsonSchema(tableChangesSchema()), specTableChangesSchema());
  EXPECT_EQ(tableChangesSchema().get(), tableChangesSchema().get()) << "built once";
}

TEST(ConnectTableChangeSerializerTest, ValueMatchesTheSpecPayload) {
  api::Value value = tableChangesValue(specChanges());
  api::validateValue(tableChangesSchema(), value);
  EXPECT_EQ(Json::parse(render(value)).dump(), specTableChangesPayload().dump());
}

TEST(ConnectTableChangeSerializerTest, DropsHaveNoTableAndEnumsListTheirValues) {
  TableChange drop;
  drop.type = TableChange::Type::Drop;
  drop.id = {"db", "gone"};
  Table t;
  t.id = {"db", "t"};
  Column e;
  e.name = "e";
  e.position = 1;
  e.jdbcType = jdbc::kChar;
  e.typeName = e.typeExpression = "ENUM";
  e.length = 1;
  e.scale = 0;
  e.nativeType = 3;
  e.hasDefaultValue = true;
  e.defaultValueExpression = "a";
  e.enumValues = {"'a'", "'b'"};
  t.columns = {e};
  TableChange create;
  create.type = TableChange::Type::Create;
  create.id = t.id;
  create.table = t;
  api::Value value = tableChangesValue({drop, create});
  api::validateValue(tableChangesSchema(), value);
  EXPECT_EQ(render(value),
            R"([{"type":"DROP","id":"\"db\".\"gone\"","table":null},)"
            R"({"type":"CREATE","id":"\"db\".\"t\"","table":{"defaultCharsetName":null,)"
            R"("primaryKeyColumnNames":[],"columns":[{"name":"e","jdbcType":1,"nativeType":3,)"
            R"("typeName":"ENUM","typeExpression":"ENUM","charsetName":null,"length":1,"scale":0,)"
            R"("position":1,"optional":true,"autoIncremented":false,"generated":false,)"
            R"("comment":null,"defaultValueExpression":"a","enumValues":["'a'","'b'"]}],)"
            R"("comment":null}}])");
}

}  // namespace
}  // namespace connectd::mysql
