#include "connectors/mysql/filters.h"

#include <gtest/gtest.h>

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "server/api/errors.h"

namespace connectd::mysql {
namespace {

using Props = std::map<std::string, std::string>;

TEST(SplitRegexListTest, SplitsOnUnescapedCommasTrimsAndDropsEmptyItems) {
  EXPECT_EQ(splitRegexList("a, b ,c"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(splitRegexList("a,,b,"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(splitRegexList(""), std::vector<std::string>{});
  // A blank item is not empty before trimming, so it survives as "" (Pattern "" matches only "").
  EXPECT_EQ(splitRegexList("a, ,b"), (std::vector<std::string>{"a", "", "b"}));
}

TEST(SplitRegexListTest, BackslashCommaStaysInsideTheExpressionAsAPlainComma) {
  EXPECT_EQ(splitRegexList("db\\.t{1\\,2},x"), (std::vector<std::string>{"db\\.t{1,2}", "x"}));
  // Other escapes are left alone for the regex engine.
  EXPECT_EQ(splitRegexList("a\\.b\\\\,c"), (std::vector<std::string>{"a\\.b\\\\", "c"}));
}

TEST(SplitRegexListTest, TrailingLoneBackslashIsAnUnterminatedEscape) {
  try {
    splitRegexList("abc\\");
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "Unterminated escape sequence at the end of the string");
  }
}

TEST(JavaStringHelpersTest, SplitDropsTrailingEmptiesAndTrimStripsControlCharacters) {
  EXPECT_EQ(javaSplit("a,b,,", ','), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(javaSplit(",a", ','), (std::vector<std::string>{"", "a"}));
  EXPECT_EQ(javaSplit("", ','), std::vector<std::string>{""});
  EXPECT_EQ(javaSplit(",,", ','), std::vector<std::string>{});
  EXPECT_EQ(javaTrim("\t\n x \x01"), "x");
}

TEST(ParseTableIdTest, ParsesPlainQuotedAndEscapedIdentifiers) {
  EXPECT_EQ(parseTableIdParts("db.table"), (std::vector<std::string>{"db", "table"}));
  EXPECT_EQ(parseTableIdParts("  db . table  "), (std::vector<std::string>{"db", "table"}));
  EXPECT_EQ(parseTableIdParts("`my.db`.\"t\"\"x\""), (std::vector<std::string>{"my.db", "t\"x"}));
  EXPECT_EQ(parseTableIdParts("'a''b'"), (std::vector<std::string>{"a'b"}));
  EXPECT_EQ(parseTableIdParts("a.b.c"), (std::vector<std::string>{"a", "b", "c"}));
}

TEST(ParseTableIdTest, RejectsMalformedIdentifiers) {
  EXPECT_THROW(parseTableIdParts("a..b"), std::invalid_argument);
  EXPECT_THROW(parseTableIdParts(".a"), std::invalid_argument);
  EXPECT_THROW(parseTableIdParts("a."), std::invalid_argument);
  EXPECT_THROW(parseTableIdParts("a b"), std::invalid_argument);
  EXPECT_THROW(parseTableIdParts("\"open"), std::invalid_argument);
  EXPECT_THROW(parseTableIdParts(""), std::invalid_argument);
}

TEST(ParseTableIdTest, MapsOneAndTwoPartsToMySqlTableIds) {
  EXPECT_EQ(parseTableId("inventory.customers"), (TableId{"inventory", "customers"}));
  EXPECT_EQ(parseTableId("customers"), (TableId{"", "customers"}));
  EXPECT_EQ(parseTableId("a.b.c"), std::nullopt);
  EXPECT_EQ(parseTableId("a..b"), std::nullopt);
}

TEST(RegexListTest, MatchesWholeNamesCaseInsensitively) {
  RegexList list("inventory\\.cust.*,db2\\.x");
  EXPECT_TRUE(list.matches("inventory.customers"));
  EXPECT_TRUE(list.matches("INVENTORY.Customers"));
  EXPECT_TRUE(list.matches("DB2.X"));
  EXPECT_FALSE(list.matches("xinventory.customers"));
  EXPECT_FALSE(list.matches("db2.xy"));
  EXPECT_EQ(list.size(), 2u);
  EXPECT_FALSE(RegexList().matches(""));
}

TEST(RegexListTest, DotAllLetsDotCrossLineBreaks) {
  EXPECT_FALSE(RegexList("SAVEPOINT .*").matches("SAVEPOINT a\nb"));
  EXPECT_TRUE(RegexList::dotAll("SAVEPOINT .*").matches("savepoint a\nb"));
}

TEST(RegexListTest, InvalidExpressionThrowsJavasMessage) {
  try {
    RegexList list("ok,*x");
    FAIL() << "expected a PatternSyntaxException";
  } catch (const common::PatternSyntaxException& e) {
    EXPECT_EQ(std::string(e.what()), "Dangling meta character '*' near index 0\n*x\n^");
  }
}

TEST(FiltersTest, EverythingButBuiltInDatabasesIsCapturedByDefault) {
  Filters f(Props{});
  EXPECT_TRUE(f.tableIncluded({"inventory", "customers"}));
  EXPECT_TRUE(f.databaseIncluded("mysql"));
  for (const char* db :
       {"mysql", "performance_schema", "sys", "information_schema", "MySQL", "SYS"}) {
    SCOPED_TRACE(db);
    EXPECT_TRUE(Filters::isBuiltInDatabase(db));
    EXPECT_FALSE(f.tableIncluded({db, "t"}));
    EXPECT_FALSE(f.eligibleTable({db, "t"}));
    EXPECT_FALSE(f.eligibleForSchema({db, "t"}));
  }
  EXPECT_FALSE(Filters::isBuiltInDatabase("mysql2"));
  EXPECT_TRUE(f.columnIncluded({"inventory", "customers"}, "email"));
  EXPECT_FALSE(f.columnsFiltered());
  EXPECT_TRUE(f.snapshotIncluded({"inventory", "customers"}));
}

TEST(FiltersTest, TableIgnoreBuiltinFalseCapturesSystemTables) {
  Filters f(Props{{"table.ignore.builtin", "false"}});
  EXPECT_TRUE(f.tableIncluded({"mysql", "user"}));
  EXPECT_TRUE(f.eligibleForSchema({"mysql", "user"}));
}

TEST(FiltersTest, TableIncludeListIsAnchoredAndCaseInsensitive) {
  Filters f(Props{{"table.include.list", "inventory\\.cust"}});
  EXPECT_FALSE(f.tableIncluded({"inventory", "customers"}));
  EXPECT_TRUE(f.tableIncluded({"INVENTORY", "CUST"}));
  // Tables outside the include list still count for the schema snapshot by default.
  EXPECT_TRUE(f.eligibleForSchema({"inventory", "customers"}));
  EXPECT_TRUE(f.eligibleTable({"inventory", "customers"}));
}

TEST(FiltersTest, DatabaseListRestrictsTablesAndEligibility) {
  Filters f(Props{{"database.include.list", "inventory"}, {"table.include.list", ".*\\.orders"}});
  EXPECT_TRUE(f.tableIncluded({"inventory", "orders"}));
  EXPECT_FALSE(f.tableIncluded({"shop", "orders"}));
  EXPECT_FALSE(f.tableIncluded({"inventory", "customers"}));
  EXPECT_TRUE(f.eligibleTable({"inventory", "customers"}));
  EXPECT_FALSE(f.eligibleTable({"shop", "orders"}));
  EXPECT_TRUE(f.databaseIncluded("Inventory"));
  EXPECT_FALSE(f.databaseIncluded("shop"));
}

TEST(FiltersTest, ExcludeListsInvertTheMatch) {
  Filters f(Props{{"database.exclude.list", "tmp.*"}, {"table.exclude.list", "inventory\\.audit"}});
  EXPECT_FALSE(f.databaseIncluded("tmp1"));
  EXPECT_FALSE(f.tableIncluded({"tmp1", "t"}));
  EXPECT_FALSE(f.tableIncluded({"inventory", "audit"}));
  EXPECT_TRUE(f.tableIncluded({"inventory", "orders"}));
}

TEST(FiltersTest, IncludeListWinsWhenBothListsAreSet) {
  Filters f(Props{{"table.include.list", "a\\.b"}, {"table.exclude.list", "a\\.b"}});
  EXPECT_TRUE(f.tableIncluded({"a", "b"}));
  EXPECT_FALSE(f.tableIncluded({"a", "c"}));
}

TEST(FiltersTest, BlankListsMeanNoFilter) {
  Filters f(Props{{"table.include.list", "  "}, {"database.include.list", ""}});
  EXPECT_TRUE(f.tableIncluded({"any", "table"}));
  EXPECT_TRUE(f.databaseIncluded("any"));
}

TEST(FiltersTest, SignalDataCollectionIsAlwaysCaptured) {
  Filters f(Props{{"table.include.list", "inventory\\.customers"},
                  {"signal.data.collection", "signals.debezium_signal"}});
  EXPECT_TRUE(f.tableIncluded({"signals", "debezium_signal"}));
  EXPECT_FALSE(f.tableIncluded({"signals", "other"}));
  ASSERT_EQ(f.signalDataCollections().size(), 1u);
  EXPECT_EQ(f.signalDataCollections()[0], (TableId{"signals", "debezium_signal"}));
}

TEST(FiltersTest, StoreOnlyCapturedTablesLimitsTheSchemaFilter) {
  Filters tables(Props{{"table.include.list", "inventory\\.customers"},
                       {"schema.history.internal.store.only.captured.tables.ddl", "true"}});
  EXPECT_TRUE(tables.eligibleForSchema({"inventory", "customers"}));
  EXPECT_FALSE(tables.eligibleForSchema({"inventory", "orders"}));

  Filters databases(Props{{"database.include.list", "inventory"},
                          {"table.include.list", "inventory\\.customers"},
                          {"schema.history.internal.store.only.captured.databases.ddl", "true"}});
  EXPECT_TRUE(databases.eligibleForSchema({"inventory", "orders"}));
  EXPECT_FALSE(databases.eligibleForSchema({"shop", "orders"}));
}

TEST(FiltersTest, ColumnListsMatchQualifiedColumnNames) {
  Filters include(Props{{"column.include.list", "inventory\\.customers\\.(id|email)"}});
  EXPECT_TRUE(include.columnIncluded({"inventory", "customers"}, "EMAIL"));
  EXPECT_FALSE(include.columnIncluded({"inventory", "customers"}, "name"));
  EXPECT_TRUE(include.columnsFiltered());

  Filters exclude(Props{{"column.exclude.list", ".*\\.password"}});
  EXPECT_FALSE(exclude.columnIncluded({"inventory", "users"}, "password"));
  EXPECT_TRUE(exclude.columnIncluded({"inventory", "users"}, "login"));

  // An empty include list is still an include list, and matches nothing.
  Filters empty(Props{{"column.include.list", ""}});
  EXPECT_FALSE(empty.columnIncluded({"inventory", "users"}, "login"));
  EXPECT_FALSE(empty.columnsFiltered());
}

TEST(FiltersTest, SnapshotIncludeListMatchesPlainOrDoubleQuotedIds) {
  Filters f(Props{{"snapshot.include.collection.list", "inventory\\.orders,\"db2\"\\.\"x\""}});
  EXPECT_TRUE(f.snapshotIncluded({"inventory", "orders"}));
  EXPECT_TRUE(f.snapshotIncluded({"db2", "x"}));
  EXPECT_FALSE(f.snapshotIncluded({"inventory", "customers"}));
}

TEST(FiltersTest, InvalidRegexIsAConfigExceptionInDebeziumWords) {
  try {
    Filters f(Props{{"table.include.list", "a[b"}});
    FAIL() << "expected a ConfigException";
  } catch (const api::ConfigException& e) {
    EXPECT_EQ(std::string(e.what()),
              "The 'table.include.list' value is invalid: A comma-separated list of valid regular "
              "expressions is "
              "expected, but Unclosed character class near index 2\na[b\n  ^");
  }
}

}  // namespace
}  // namespace connectd::mysql
