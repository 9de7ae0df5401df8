#include "connectors/mysql/schema/tables.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "connectors/mysql/schema/table_editor.h"

namespace connectd::mysql {
namespace {

Column column(std::string name, int jdbc_type = jdbc::kInteger) {
  Column c;
  c.name = std::move(name);
  c.jdbcType = jdbc_type;
  c.typeName = c.typeExpression = jdbc_type == jdbc::kVarchar ? "VARCHAR" : "INT";
  return c;
}

Table table(std::string db, std::string name, std::vector<std::string> columns) {
  TableEditor editor(TableId{std::move(db), std::move(name)});
  for (auto& c : columns) editor.addColumn(column(c));
  return editor.create();
}

std::vector<std::string> names(const Table& t) {
  std::vector<std::string> out;
  for (const auto& c : t.columns) out.push_back(c.name + "@" + std::to_string(c.position));
  return out;
}

TEST(TableIdTest, QuotesPartsLikeDebezium) {
  EXPECT_EQ(TableId({"inventory", "customers"}).toDoubleQuotedString(),
            "\"inventory\".\"customers\"");
  EXPECT_EQ(TableId({"db", "a\"b"}).toDoubleQuotedString(), "\"db\".\"a\"\"b\"");
  EXPECT_EQ(TableId({"", "t"}).toDoubleQuotedString(), "\"t\"");
  EXPECT_EQ(TableId({"db", "t"}).toQuotedString('`'), "`db`.`t`");
  EXPECT_EQ(TableId({"db", "we`ird"}).toQuotedString('`'), "`db`.`we``ird`");
  EXPECT_EQ(TableId({"db", "t"}).toString(), "db.t");
}

TEST(TableTest, LooksUpColumnsIgnoringCase) {
  Table t = table("db", "t", {"Id", "name"});
  t.primaryKeyColumnNames = {"Id"};
  ASSERT_NE(t.columnWithName("ID"), nullptr);
  EXPECT_EQ(t.columnWithName("ID")->name, "Id");
  EXPECT_EQ(t.columnWithName("missing"), nullptr);
  EXPECT_TRUE(t.isPrimaryKeyColumn("id"));
  EXPECT_FALSE(t.isPrimaryKeyColumn("name"));
}

TEST(TablesTest, OverwritesRemovesAndListsSorted) {
  Tables tables;
  tables.overwrite(table("b", "t", {"x"}));
  tables.overwrite(table("a", "z", {"x"}));
  tables.overwrite(table("a", "t", {"x"}));
  tables.overwrite(table("a", "t", {"x", "y"}));
  EXPECT_EQ(tables.size(), 3u);
  std::vector<TableId> ids = tables.tableIds();
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_EQ(ids[0].toString(), "a.t");
  EXPECT_EQ(ids[1].toString(), "a.z");
  EXPECT_EQ(ids[2].toString(), "b.t");
  EXPECT_EQ(tables.forTable({"a", "t"})->columns.size(), 2u);
  EXPECT_EQ(tables.forTable({"a", "T"}), nullptr);
  std::optional<Table> removed = tables.removeTable({"a", "z"});
  ASSERT_TRUE(removed);
  EXPECT_EQ(removed->id.table, "z");
  EXPECT_FALSE(tables.removeTable({"a", "z"}));
  tables.clear();
  EXPECT_EQ(tables.size(), 0u);
}

TEST(TablesTest, RenamesKnownTablesOnly) {
  Tables tables;
  tables.overwrite(table("db", "old", {"x"}));
  std::optional<Table> renamed = tables.renameTable({"db", "old"}, {"db2", "new"});
  ASSERT_TRUE(renamed);
  EXPECT_EQ(renamed->id.toString(), "db2.new");
  EXPECT_EQ(tables.forTable({"db", "old"}), nullptr);
  EXPECT_EQ(tables.forTable({"db2", "new"})->id.toString(), "db2.new");
  EXPECT_FALSE(tables.renameTable({"db", "nothing"}, {"db", "x"}));
  EXPECT_EQ(tables.size(), 1u);
}

TEST(TablesTest, RemovesEveryTableOfADatabase) {
  Tables tables;
  tables.overwrite(table("db", "a", {"x"}));
  tables.overwrite(table("db", "b", {"x"}));
  tables.overwrite(table("other", "a", {"x"}));
  std::vector<TableId> removed = tables.removeTablesForDatabase("db");
  ASSERT_EQ(removed.size(), 2u);
  EXPECT_EQ(tables.size(), 1u);
  EXPECT_NE(tables.forTable({"other", "a"}), nullptr);
}

TEST(TablesTest, CaseInsensitiveTablesFoldOnlyTheTableName) {
  Tables tables(true);
  tables.overwrite(table("Db", "Orders", {"x"}));
  ASSERT_NE(tables.forTable({"Db", "ORDERS"}), nullptr);
  EXPECT_EQ(tables.forTable({"Db", "ORDERS"})->id.table, "Orders");
  EXPECT_EQ(tables.forTable({"db", "orders"}), nullptr);
}

TEST(TableEditorTest, AddColumnReplacesSameNameInPlace) {
  TableEditor editor(TableId{"db", "t"});
  editor.addColumn(column("a"));
  editor.addColumn(column("b"));
  editor.addColumn(column("A", jdbc::kVarchar));
  Table t = editor.create();
  EXPECT_EQ(names(t), (std::vector<std::string>{"A@1", "b@2"}));
  EXPECT_EQ(t.columns[0].jdbcType, jdbc::kVarchar);
}

TEST(TableEditorTest, ReordersFirstAfterAndUnknownAfterMovesFirst) {
  TableEditor editor(table("db", "t", {"a", "b", "c", "d"}));
  editor.reorderColumn("d", std::string_view("a"));
  EXPECT_EQ(names(editor.create()), (std::vector<std::string>{"a@1", "d@2", "b@3", "c@4"}));
  editor.reorderColumn("c", std::nullopt);
  EXPECT_EQ(names(editor.create()), (std::vector<std::string>{"c@1", "a@2", "d@3", "b@4"}));
  editor.reorderColumn("a", std::string_view("nope"));
  EXPECT_EQ(names(editor.create()), (std::vector<std::string>{"a@1", "c@2", "d@3", "b@4"}));
  editor.reorderColumn("a", std::string_view("b"));
  EXPECT_EQ(names(editor.create()), (std::vector<std::string>{"c@1", "d@2", "b@3", "a@4"}));
  EXPECT_THROW(editor.reorderColumn("zz", std::nullopt), std::invalid_argument);
}

TEST(TableEditorTest, RenameKeepsPositionAndPrimaryKey) {
  TableEditor editor(table("db", "t", {"id", "b"}));
  editor.setPrimaryKeyNames({"id"});
  editor.renameColumn("ID", "key_id");
  Table t = editor.create();
  EXPECT_EQ(names(t), (std::vector<std::string>{"key_id@1", "b@2"}));
  EXPECT_EQ(t.primaryKeyColumnNames, (std::vector<std::string>{"key_id"}));
  editor.renameColumn("b", "B");
  EXPECT_EQ(names(editor.create()), (std::vector<std::string>{"key_id@1", "B@2"}));
  EXPECT_THROW(editor.renameColumn("nope", "x"), std::invalid_argument);
}

TEST(TableEditorTest, RemoveColumnDropsItFromTheKey) {
  TableEditor editor(table("db", "t", {"a", "b"}));
  editor.setPrimaryKeyNames({"a", "b"});
  editor.removeColumn("A");
  Table t = editor.create();
  EXPECT_EQ(names(t), (std::vector<std::string>{"b@1"}));
  EXPECT_EQ(t.primaryKeyColumnNames, (std::vector<std::string>{"b"}));
}

TEST(TableEditorTest, CreateRejectsKeyColumnsThatDoNotExist) {
  TableEditor editor(table("db", "t", {"a"}));
  editor.setPrimaryKeyNames({"b"});
  try {
    editor.create();
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(),
                 "The column \"b\" is referenced as PRIMARY KEY, but a matching column is not "
                 "defined in table \"db.t\"!");
  }
}

TEST(TableEditorTest, CreateGivesCharacterColumnsTheTableCharset) {
  TableEditor editor(TableId{"db", "t"});
  editor.setDefaultCharsetName(std::string("latin1"));
  Column text = column("s", jdbc::kVarchar);
  Column explicit_charset = column("u", jdbc::kVarchar);
  explicit_charset.charsetName = "utf8mb4";
  Column defaulted = column("d", jdbc::kChar);
  defaulted.charsetName = "DEFAULT";
  editor.addColumn(text);
  editor.addColumn(explicit_charset);
  editor.addColumn(defaulted);
  editor.addColumn(column("n"));
  Table t = editor.create();
  EXPECT_EQ(t.columns[0].charsetName, "latin1");
  EXPECT_EQ(t.columns[1].charsetName, "utf8mb4");
  EXPECT_EQ(t.columns[2].charsetName, "latin1");
  EXPECT_FALSE(t.columns[3].charsetName.has_value());
}

TEST(TableEditorTest, OptionalColumnsGetAnImplicitNullDefault) {
  Column c = column("a");
  setColumnOptional(c, false);
  EXPECT_FALSE(c.hasDefaultValue);
  setColumnOptional(c, true);
  EXPECT_TRUE(c.hasDefaultValue);
  EXPECT_FALSE(c.defaultValueExpression.has_value());
  Column d = column("b");
  setColumnDefault(d, std::string("5"));
  setColumnOptional(d, true);
  EXPECT_EQ(d.defaultValueExpression, "5");
}

}  // namespace
}  // namespace connectd::mysql
