#include <gtest/gtest.h>

#include "connectors/mysql/schema/ddl_parser.h"
#include "ddl_test_support.h"

namespace connectd::mysql {
namespace {

using testing::ColumnSpec;
using testing::expectColumns;
using testing::makeParser;
using Flavor = DdlParser::Flavor;

// The inventory.customers table of Debezium's tutorial.
constexpr const char* kCustomers =
    "CREATE TABLE customers (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, first_name VARCHAR(255) "
    "NOT NULL, last_name VARCHAR(255) NOT NULL, email VARCHAR(255) NOT NULL UNIQUE KEY) "
    "AUTO_INCREMENT=1001";

class AlterTableTest : public ::testing::Test {
 protected:
  void SetUp() override { reset(Flavor::MySql); }

  void reset(Flavor f) {
    parser_ = makeParser(f);
    parser_.setDatabaseCharset("inventory", "utf8mb4");
    tables_.clear();
    parser_.parse(kCustomers, "inventory", tables_);
  }

  // Runs one ALTER and returns the table it reported.
  Table alter(const std::string& sql) {
    std::vector<DdlStatement> s = parser_.parse(sql, "inventory", tables_);
    EXPECT_EQ(s.size(), 1u);
    EXPECT_EQ(s[0].kind, DdlStatement::Kind::AlterTable);
    EXPECT_TRUE(s[0].signalled);
    EXPECT_EQ(s[0].ddl, sql);
    EXPECT_EQ(s[0].changes.size(), 1u);
    if (s[0].changes.empty() || !s[0].changes[0].table) return Table{};
    EXPECT_EQ(s[0].changes[0].type, TableChange::Type::Alter);
    EXPECT_FALSE(s[0].changes[0].previousId);
    return *s[0].changes[0].table;
  }

  std::vector<std::string> columnNames(const Table& t) {
    std::vector<std::string> names;
    for (const Column& c : t.columns) names.push_back(c.name);
    return names;
  }

  DdlParser parser_ = makeParser();
  Tables tables_;
};

using Names = std::vector<std::string>;

TEST_F(AlterTableTest, AddColumnAfterAsInTheSpecExample) {
  Table t = alter("ALTER TABLE customers ADD middle_name varchar(255) AFTER first_name");
  EXPECT_EQ(t.defaultCharsetName, "utf8mb4");
  EXPECT_EQ(t.primaryKeyColumnNames, Names{"id"});
  expectColumns(
      t, {{"id", jdbc::kInteger, "INT", {}, -1, -1, false, true, true, false},
          {"first_name", jdbc::kVarchar, "VARCHAR", "utf8mb4", 255, -1, false, false, false, false},
          // Debezium 3.x marks a nullable column without DEFAULT as having the NULL default.
          {"middle_name", jdbc::kVarchar, "VARCHAR", "utf8mb4", 255},
          {"last_name", jdbc::kVarchar, "VARCHAR", "utf8mb4", 255, -1, false, false, false, false},
          {"email", jdbc::kVarchar, "VARCHAR", "utf8mb4", 255, -1, false, false, false, false}});
}

TEST_F(AlterTableTest, AddColumnFirstAndAtTheEnd) {
  Table t = alter(
      "ALTER TABLE customers ADD COLUMN a INT FIRST, ADD z INT, ADD COLUMN `m` INT AFTER `z`");
  EXPECT_EQ(columnNames(t), (Names{"a", "id", "first_name", "last_name", "email", "z", "m"}));
}

TEST_F(AlterTableTest, AddColumnWithInlinePrimaryKeyReplacesTheKey) {
  Table t = alter("ALTER TABLE customers DROP PRIMARY KEY, ADD COLUMN k INT PRIMARY KEY FIRST");
  EXPECT_EQ(t.primaryKeyColumnNames, Names{"k"});
  EXPECT_FALSE(t.columns[0].optional);
}

TEST_F(AlterTableTest, InlineUniqueInAlterDependsOnTheFlavour) {
  Table t = alter("ALTER TABLE customers DROP PRIMARY KEY, ADD COLUMN u INT NOT NULL UNIQUE");
  EXPECT_TRUE(t.primaryKeyColumnNames.empty());
  reset(Flavor::MariaDb);
  t = alter("ALTER TABLE customers DROP PRIMARY KEY, ADD COLUMN u INT NOT NULL UNIQUE");
  EXPECT_EQ(t.primaryKeyColumnNames, Names{"u"});
}

TEST_F(AlterTableTest, AddColumnListHonoursOnlyNullabilityAndDefaultInMySql) {
  Table t = alter(
      "ALTER TABLE customers ADD COLUMN (age INT NOT NULL DEFAULT 3 AUTO_INCREMENT, nick "
      "VARCHAR(10) COMMENT 'x' COLLATE latin1_bin, INDEX (age))");
  EXPECT_EQ(columnNames(t), (Names{"id", "first_name", "last_name", "email", "age", "nick"}));
  const Column& age = *t.columnWithName("age");
  EXPECT_FALSE(age.optional);
  EXPECT_EQ(age.defaultValueExpression, "3");
  EXPECT_FALSE(age.autoIncremented);
  EXPECT_EQ(t.columnWithName("nick")->charsetName, "utf8mb4");
  reset(Flavor::MariaDb);
  t = alter("ALTER TABLE customers ADD (age INT NOT NULL DEFAULT 3 AUTO_INCREMENT)");
  EXPECT_TRUE(t.columnWithName("age")->autoIncremented);
}

TEST_F(AlterTableTest, AddColumnIfNotExistsKeepsAnExistingColumn) {
  Table t = alter("ALTER TABLE customers ADD COLUMN IF NOT EXISTS email INT FIRST");
  EXPECT_EQ(columnNames(t), (Names{"id", "first_name", "last_name", "email"}));
  EXPECT_EQ(t.columnWithName("email")->jdbcType, jdbc::kVarchar);
}

TEST_F(AlterTableTest, ChangeColumnEditsTheExistingColumn) {
  Table t = alter(
      "ALTER TABLE customers CHANGE COLUMN id customer_id BIGINT NOT NULL AFTER email, "
      "CHANGE first_name given VARCHAR(10) CHARACTER SET latin1");
  EXPECT_EQ(columnNames(t), (Names{"given", "last_name", "email", "customer_id"}));
  EXPECT_EQ(t.primaryKeyColumnNames, Names{"customer_id"});
  const Column& id = *t.columnWithName("customer_id");
  EXPECT_EQ(id.typeName, "BIGINT");
  EXPECT_EQ(id.jdbcType, jdbc::kBigInt);
  // CHANGE edits the old column: AUTO_INCREMENT survives a definition that no longer says so.
  EXPECT_TRUE(id.autoIncremented);
  EXPECT_TRUE(id.generated);
  const Column& given = *t.columnWithName("given");
  EXPECT_EQ(given.length, 10);
  EXPECT_EQ(given.charsetName, "latin1");
  EXPECT_TRUE(given.optional);
  EXPECT_TRUE(given.hasDefaultValue);
}

TEST_F(AlterTableTest, ChangeColumnDropsTheOldDefaultAndKeepsEnumValues) {
  parser_.parse(
      "ALTER TABLE customers ADD size ENUM('s','m') NOT NULL DEFAULT 's', ADD n DECIMAL(5,2)",
      "inventory", tables_);
  Table t = alter("ALTER TABLE customers CHANGE size size VARCHAR(5) NOT NULL, CHANGE n n INT");
  const Column& size = *t.columnWithName("size");
  EXPECT_FALSE(size.hasDefaultValue);
  EXPECT_FALSE(size.defaultValueExpression);
  EXPECT_EQ(size.typeName, "VARCHAR");
  EXPECT_EQ(size.enumValues, (Names{"'s'", "'m'"}));
  EXPECT_FALSE(t.columnWithName("n")->scale);
  EXPECT_FALSE(t.columnWithName("n")->length);
}

TEST_F(AlterTableTest, ModifyColumnStartsFromScratchInPlace) {
  Table t = alter(
      "ALTER TABLE customers MODIFY COLUMN ID BIGINT UNSIGNED NOT NULL, MODIFY email TEXT FIRST");
  EXPECT_EQ(columnNames(t), (Names{"email", "ID", "first_name", "last_name"}));
  const Column& id = t.columns[1];
  EXPECT_EQ(id.typeName, "BIGINT UNSIGNED");
  EXPECT_FALSE(id.autoIncremented);
  EXPECT_EQ(t.primaryKeyColumnNames, Names{"id"});
  EXPECT_TRUE(t.isPrimaryKeyColumn("ID"));
  EXPECT_TRUE(t.columns[0].optional);
}

TEST_F(AlterTableTest, ChangingAnUnknownColumnThrowsUnlessIfExists) {
  EXPECT_THROW(parser_.parse("ALTER TABLE customers MODIFY nope INT", "inventory", tables_),
               DdlParseException);
  EXPECT_THROW(parser_.parse("ALTER TABLE customers CHANGE nope x INT", "inventory", tables_),
               DdlParseException);
  EXPECT_THROW(parser_.parse("ALTER TABLE customers RENAME COLUMN nope TO x", "inventory", tables_),
               DdlParseException);
  Table t =
      alter("ALTER TABLE customers MODIFY COLUMN IF EXISTS nope INT, CHANGE IF EXISTS n x INT");
  EXPECT_EQ(t.columns.size(), 4u);
}

TEST_F(AlterTableTest, DropColumnAndKeys) {
  Table t = alter(
      "ALTER TABLE customers DROP COLUMN id, DROP INDEX email, DROP FOREIGN KEY fk, DROP CHECK c, "
      "DROP IF EXISTS nothing");
  EXPECT_EQ(columnNames(t), (Names{"first_name", "last_name", "email"}));
  EXPECT_TRUE(t.primaryKeyColumnNames.empty());
  t = alter("ALTER TABLE customers ADD UNIQUE INDEX uk (last_name, email)");
  EXPECT_EQ(t.primaryKeyColumnNames, (Names{"last_name", "email"}));
  t = alter(
      "ALTER TABLE customers DROP PRIMARY KEY, ADD CONSTRAINT pk PRIMARY KEY USING BTREE (email)");
  EXPECT_EQ(t.primaryKeyColumnNames, Names{"email"});
  EXPECT_THROW(parser_.parse("ALTER TABLE customers ADD PRIMARY KEY (nope)", "inventory", tables_),
               DdlParseException);
}

TEST_F(AlterTableTest, AddingAKeyOverANullableColumnMakesItNotNull) {
  parser_.parse("ALTER TABLE customers DROP PRIMARY KEY, ADD note INT", "inventory", tables_);
  Table t = alter("ALTER TABLE customers ADD PRIMARY KEY (note)");
  EXPECT_FALSE(t.columnWithName("note")->optional);
  EXPECT_FALSE(t.columnWithName("note")->hasDefaultValue);
}

TEST_F(AlterTableTest, RenameColumn) {
  Table t = alter("ALTER TABLE customers RENAME COLUMN id TO customer_id");
  EXPECT_EQ(columnNames(t), (Names{"customer_id", "first_name", "last_name", "email"}));
  EXPECT_EQ(t.primaryKeyColumnNames, Names{"customer_id"});
  EXPECT_TRUE(t.columns[0].autoIncremented);
}

TEST_F(AlterTableTest, AlterColumnDefaults) {
  parser_.parse("ALTER TABLE customers ADD age INT DEFAULT 1", "inventory", tables_);
  Table t = alter("ALTER TABLE customers ALTER COLUMN age SET DEFAULT 5");
  EXPECT_EQ(t.columnWithName("age")->defaultValueExpression, "5");
  t = alter("ALTER TABLE customers ALTER age SET DEFAULT NULL");
  EXPECT_EQ(t.columnWithName("age")->defaultValueExpression, "5");
  t = alter(
      "ALTER TABLE customers ALTER COLUMN age SET DEFAULT 'x', ALTER email SET DEFAULT (uuid())");
  EXPECT_EQ(t.columnWithName("age")->defaultValueExpression, "x");
  EXPECT_TRUE(t.columnWithName("email")->hasDefaultValue);
  EXPECT_FALSE(t.columnWithName("email")->defaultValueExpression);
  t = alter("ALTER TABLE customers ALTER COLUMN age DROP DEFAULT, ALTER nope DROP DEFAULT");
  EXPECT_FALSE(t.columnWithName("age")->hasDefaultValue);
  t = alter("ALTER TABLE customers ALTER COLUMN age SET INVISIBLE");
  EXPECT_FALSE(t.columnWithName("age")->hasDefaultValue);
}

TEST_F(AlterTableTest, ConvertToCharacterSetRewritesCharacterColumns) {
  Table t = alter("ALTER TABLE customers CONVERT TO CHARACTER SET latin2 COLLATE latin2_bin");
  EXPECT_EQ(t.defaultCharsetName, "latin2");
  EXPECT_EQ(t.columnWithName("email")->charsetName, "latin2");
  EXPECT_FALSE(t.columnWithName("id")->charsetName);
  // Debezium ignores the table charset option of ALTER TABLE.
  t = alter("ALTER TABLE customers DEFAULT CHARSET=utf8mb3, ENGINE=InnoDB");
  EXPECT_EQ(t.defaultCharsetName, "latin2");
  t = alter("ALTER TABLE customers CONVERT TO CHARSET utf8mb3, ADD c CHAR(1)");
  EXPECT_EQ(t.columnWithName("c")->charsetName, "utf8mb3");
}

TEST_F(AlterTableTest, RenameToMovesTheTableWithoutPreviousId) {
  std::vector<DdlStatement> s = parser_.parse(
      "ALTER TABLE customers RENAME TO clients, ADD COLUMN x INT", "inventory", tables_);
  ASSERT_EQ(s.size(), 1u);
  ASSERT_EQ(s[0].changes.size(), 1u);
  EXPECT_EQ(s[0].changes[0].id.toString(), "inventory.clients");
  EXPECT_FALSE(s[0].changes[0].previousId);
  EXPECT_EQ(s[0].changes[0].table->columns.size(), 5u);
  EXPECT_EQ(tables_.forTable({"inventory", "customers"}), nullptr);
  s = parser_.parse("ALTER TABLE clients RENAME AS archive.c", "inventory", tables_);
  EXPECT_EQ(s[0].databaseName, "archive");
  EXPECT_NE(tables_.forTable({"archive", "c"}), nullptr);
}

TEST_F(AlterTableTest, OptionsAndSpecificationsWithoutSchemaEffect) {
  Table before = *tables_.forTable({"inventory", "customers"});
  Table t = alter(
      "ALTER TABLE customers ENGINE=InnoDB ROW_FORMAT=DYNAMIC AUTO_INCREMENT=5, ALGORITHM=INPLACE, "
      "LOCK=NONE, ADD INDEX idx (last_name(10)), ADD FULLTEXT (email), ADD CONSTRAINT fk FOREIGN "
      "KEY (id) REFERENCES p (id) ON DELETE CASCADE, ADD CONSTRAINT ck CHECK (id > 0), RENAME "
      "INDEX a TO b, ALTER INDEX b INVISIBLE, FORCE, ORDER BY last_name, email");
  EXPECT_EQ(t.columns.size(), before.columns.size());
  EXPECT_EQ(t.primaryKeyColumnNames, before.primaryKeyColumnNames);
  t = alter("ALTER TABLE customers PARTITION BY HASH(id) PARTITIONS 4");
  EXPECT_EQ(t.columns.size(), before.columns.size());
  t = alter("ALTER TABLE customers COMMENT = 'dropped without include.schema.comments'");
  EXPECT_FALSE(t.comment);
}

TEST_F(AlterTableTest, TableCommentWithSchemaComments) {
  parser_ = makeParser(Flavor::MySql, /*comments=*/true);
  Table t = alter(
      "ALTER TABLE customers ENGINE=InnoDB COMMENT='people', MODIFY email TEXT COMMENT 'mail'");
  EXPECT_EQ(t.comment, "people");
  EXPECT_EQ(t.columnWithName("email")->comment, "mail");
}

TEST_F(AlterTableTest, UnknownTablesAreIgnored) {
  std::vector<DdlStatement> s =
      parser_.parse("ALTER TABLE nothing ADD COLUMN x INT", "inventory", tables_);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].kind, DdlStatement::Kind::AlterTable);
  EXPECT_FALSE(s[0].signalled);
  EXPECT_TRUE(s[0].changes.empty());
  EXPECT_EQ(tables_.size(), 1u);
}

TEST_F(AlterTableTest, MalformedAlterThrows) {
  EXPECT_THROW(parser_.parse("ALTER TABLE customers ADD COLUMN x", "inventory", tables_),
               DdlParseException);
  EXPECT_THROW(parser_.parse("ALTER TABLE customers ADD x INT y", "inventory", tables_),
               DdlParseException);
  EXPECT_EQ(tables_.forTable({"inventory", "customers"})->columns.size(), 4u);
}

TEST_F(AlterTableTest, MariaDbAlterSyntax) {
  reset(Flavor::MariaDb);
  Table t = alter(
      "ALTER ONLINE IGNORE TABLE IF EXISTS customers WAIT 5 ADD COLUMN IF NOT EXISTS v INT "
      "INVISIBLE, DROP COLUMN IF EXISTS nothing, ADD SYSTEM VERSIONING");
  EXPECT_EQ(columnNames(t), (Names{"id", "first_name", "last_name", "email", "v"}));
}

}  // namespace
}  // namespace connectd::mysql
