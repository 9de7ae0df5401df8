#include <gtest/gtest.h>

#include "connectors/mysql/schema/ddl_parser.h"
#include "ddl_test_support.h"

namespace connectd::mysql {
namespace {

using testing::ColumnSpec;
using testing::expectColumns;
using testing::makeParser;
using testing::tableAfter;
using Flavor = DdlParser::Flavor;

// SHOW CREATE TABLE output captured from MariaDB 10.11.19 (database h2_test, utf8mb4).
constexpr const char* kMariaDbAllTypes = R"sql(CREATE TABLE `all_types` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `c_bit1` bit(1) DEFAULT NULL,
  `c_bit16` bit(16) DEFAULT b'101',
  `c_tinyint` tinyint(4) DEFAULT -5,
  `c_tinyint1` tinyint(1) NOT NULL DEFAULT 0,
  `c_bool` tinyint(1) DEFAULT 1,
  `c_tinyint_u` tinyint(3) unsigned DEFAULT NULL,
  `c_smallint` smallint(6) DEFAULT NULL,
  `c_smallint_u` smallint(5) unsigned zerofill DEFAULT NULL,
  `c_mediumint` mediumint(9) DEFAULT NULL,
  `c_mediumint_u` mediumint(8) unsigned DEFAULT NULL,
  `c_int` int(11) DEFAULT NULL,
  `c_int_u` int(10) unsigned DEFAULT NULL,
  `c_integer` int(11) DEFAULT NULL,
  `c_bigint` bigint(20) DEFAULT 42,
  `c_bigint_u` bigint(20) unsigned DEFAULT NULL,
  `c_float` float DEFAULT NULL,
  `c_float_p` float(7,4) DEFAULT NULL,
  `c_float24` double DEFAULT NULL,
  `c_real` double DEFAULT NULL,
  `c_double` double DEFAULT 1.5,
  `c_double_p` double DEFAULT NULL,
  `c_decimal` decimal(10,0) DEFAULT NULL,
  `c_decimal_p` decimal(10,2) NOT NULL DEFAULT 12.50,
  `c_numeric` decimal(5,0) DEFAULT NULL,
  `c_fixed` decimal(8,3) DEFAULT NULL,
  `c_char` char(1) DEFAULT NULL,
  `c_char10` char(10) CHARACTER SET latin1 COLLATE latin1_swedish_ci DEFAULT NULL,
  `c_varchar` varchar(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT 'it''s',
  `c_nchar` char(5) CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci DEFAULT NULL,
  `c_nvarchar` varchar(20) CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci DEFAULT NULL,
  `c_tinytext` tinytext DEFAULT NULL,
  `c_text` text DEFAULT NULL,
  `c_mediumtext` mediumtext DEFAULT NULL,
  `c_longtext` longtext DEFAULT NULL,
  `c_binary` binary(4) DEFAULT NULL,
  `c_varbinary` varbinary(100) DEFAULT NULL,
  `c_tinyblob` tinyblob DEFAULT NULL,
  `c_blob` blob DEFAULT NULL,
  `c_mediumblob` mediumblob DEFAULT NULL,
  `c_longblob` longblob DEFAULT NULL,
  `c_json` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL CHECK (json_valid(`c_json`)),
  `c_enum` enum('small','medium','large') DEFAULT 'medium',
  `c_set` set('a','b','c') DEFAULT NULL,
  `c_year` year(4) DEFAULT NULL,
  `c_date` date DEFAULT '2020-01-01',
  `c_time` time(3) DEFAULT NULL,
  `c_datetime` datetime DEFAULT current_timestamp(),
  `c_datetime6` datetime(6) DEFAULT NULL,
  `c_timestamp` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  `c_timestamp3` timestamp(3) NULL DEFAULT NULL,
  `c_geometry` geometry DEFAULT NULL,
  `c_point` point NOT NULL,
  `c_linestring` linestring DEFAULT NULL,
  `c_polygon` polygon DEFAULT NULL,
  `c_multipoint` multipoint DEFAULT NULL,
  `c_multilinestring` multilinestring DEFAULT NULL,
  `c_multipolygon` multipolygon DEFAULT NULL,
  `c_geomcollection` geometrycollection DEFAULT NULL,
  `c_uuid` uuid DEFAULT NULL,
  `c_inet6` inet6 DEFAULT NULL,
  `c_inet4` inet4 DEFAULT NULL,
  `c_gen` int(11) GENERATED ALWAYS AS (`c_int` + 1) VIRTUAL,
  `c_gen_s` varchar(10) GENERATED ALWAYS AS (ucase(`c_varchar`)) STORED,
  `c_invisible` int(11) INVISIBLE DEFAULT 7 COMMENT 'hidden col',
  `c_expr_default` varchar(36) DEFAULT uuid(),
  `c_check` int(11) DEFAULT NULL CHECK (`c_check` > 0),
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_varchar` (`c_varchar`),
  KEY `idx_int` (`c_int`,`c_bigint`),
  SPATIAL KEY `sp_point` (`c_point`),
  FULLTEXT KEY `ft_text` (`c_text`),
  CONSTRAINT `chk_pos` CHECK (`c_bigint` >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='every type')sql";
constexpr const char* kMariaDbParent = R"sql(CREATE TABLE `parent` (
  `id` bigint(20) unsigned NOT NULL,
  `code` varchar(10) NOT NULL,
  PRIMARY KEY (`id`,`code`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci)sql";
constexpr const char* kMariaDbChild = R"sql(CREATE TABLE `child` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `parent_id` bigint(20) unsigned NOT NULL,
  `parent_code` varchar(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL,
  `email` varchar(100) NOT NULL,
  `note` varchar(20) DEFAULT NULL,
  UNIQUE KEY `id` (`id`),
  UNIQUE KEY `uk_email` (`email`),
  KEY `fk_parent` (`parent_id`,`parent_code`),
  CONSTRAINT `fk_parent` FOREIGN KEY (`parent_id`, `parent_code`) REFERENCES `parent` (`id`, `code`) ON DELETE CASCADE
) ENGINE=InnoDB AUTO_INCREMENT=100 DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci ROW_FORMAT=DYNAMIC)sql";
constexpr const char* kMariaDbParted = R"sql(CREATE TABLE `parted` (
  `id` int(11) NOT NULL,
  `d` date NOT NULL,
  PRIMARY KEY (`id`,`d`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci
 PARTITION BY RANGE (year(`d`))
(PARTITION `p0` VALUES LESS THAN (2000) ENGINE = InnoDB,
 PARTITION `p1` VALUES LESS THAN MAXVALUE ENGINE = InnoDB))sql";
constexpr const char* kMariaDbNopk = R"sql(CREATE TABLE `nopk` (
  `a` int(11) DEFAULT NULL,
  `b` varchar(10) NOT NULL,
  `c` int(11) NOT NULL,
  UNIQUE KEY `uk_bc` (`b`,`c`),
  UNIQUE KEY `a` (`a`)
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci)sql";
constexpr const char* kMariaDbVersioned = R"sql(CREATE TABLE `versioned` (
  `x` int(11) DEFAULT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci WITH SYSTEM VERSIONING)sql";

// A MySQL 8.0 SHOW CREATE TABLE (integer display widths gone, quoted numeric defaults,
// expression defaults, version comments).
constexpr const char* kMySql8Orders = R"sql(CREATE TABLE `orders` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `customer_id` int NOT NULL,
  `status` enum('new','paid','it''s') CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT 'new',
  `amount` decimal(12,2) NOT NULL DEFAULT '0.00',
  `flag` tinyint(1) NOT NULL DEFAULT '1',
  `note` varchar(255) COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `label` varchar(20) CHARACTER SET latin1 COLLATE latin1_bin DEFAULT _latin1'x',
  `doc` json DEFAULT NULL,
  `created_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `updated_at` datetime(3) DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  `uid` varchar(36) DEFAULT (uuid()),
  `total` decimal(13,2) GENERATED ALWAYS AS ((`amount` * 1.1)) VIRTUAL,
  `loc` point NOT NULL /*!80003 SRID 4326 */,
  `hidden` int DEFAULT NULL /*!80023 INVISIBLE */,
  `bits` bit(8) DEFAULT b'101',
  `raw` varbinary(16) DEFAULT NULL,
  `y` year DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_cust` (`customer_id`,`status`),
  KEY `idx_note` (`note`(10)),
  KEY `idx_expr` ((lower(`note`))),
  SPATIAL KEY `sp` (`loc`),
  CONSTRAINT `fk_c` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`) ON DELETE CASCADE ON UPDATE SET NULL,
  CONSTRAINT `chk_amount` CHECK ((`amount` >= 0))
) ENGINE=InnoDB AUTO_INCREMENT=1001 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci COMMENT='Orders'
/*!50100 PARTITION BY HASH (`id`)
PARTITIONS 4 */)sql";

std::vector<ColumnSpec> mariaDbAllTypesColumns(bool on_update_marks_generated) {
  const std::string epoch = "1970-01-01 00:00:00";
  return {
      {"id", jdbc::kInteger, "INT", {}, 11, -1, false, true, true, false},
      {"c_bit1", jdbc::kBit, "BIT", {}, 1},
      {"c_bit16", jdbc::kBit, "BIT", {}, 16, -1, true, false, false, true, "101"},
      {"c_tinyint", jdbc::kSmallInt, "TINYINT", {}, 4, -1, true, false, false, true, "-5"},
      {"c_tinyint1", jdbc::kSmallInt, "TINYINT", {}, 1, -1, false, false, false, true, "0"},
      {"c_bool", jdbc::kSmallInt, "TINYINT", {}, 1, -1, true, false, false, true, "1"},
      {"c_tinyint_u", jdbc::kSmallInt, "TINYINT UNSIGNED", {}, 3},
      {"c_smallint", jdbc::kSmallInt, "SMALLINT", {}, 6},
      {"c_smallint_u", jdbc::kSmallInt, "SMALLINT UNSIGNED ZEROFILL", {}, 5},
      {"c_mediumint", jdbc::kInteger, "MEDIUMINT", {}, 9},
      {"c_mediumint_u", jdbc::kInteger, "MEDIUMINT UNSIGNED", {}, 8},
      {"c_int", jdbc::kInteger, "INT", {}, 11},
      {"c_int_u", jdbc::kInteger, "INT UNSIGNED", {}, 10},
      {"c_integer", jdbc::kInteger, "INT", {}, 11},
      {"c_bigint", jdbc::kBigInt, "BIGINT", {}, 20, -1, true, false, false, true, "42"},
      {"c_bigint_u", jdbc::kBigInt, "BIGINT UNSIGNED", {}, 20},
      {"c_float", jdbc::kFloat, "FLOAT", {}},
      {"c_float_p", jdbc::kFloat, "FLOAT", {}, 7, 4},
      {"c_float24", jdbc::kDouble, "DOUBLE", {}},
      {"c_real", jdbc::kDouble, "DOUBLE", {}},
      {"c_double", jdbc::kDouble, "DOUBLE", {}, -1, -1, true, false, false, true, "1.5"},
      {"c_double_p", jdbc::kDouble, "DOUBLE", {}},
      {"c_decimal", jdbc::kDecimal, "DECIMAL", {}, 10, 0},
      {"c_decimal_p", jdbc::kDecimal, "DECIMAL", {}, 10, 2, false, false, false, true, "12.50"},
      {"c_numeric", jdbc::kDecimal, "DECIMAL", {}, 5, 0},
      {"c_fixed", jdbc::kDecimal, "DECIMAL", {}, 8, 3},
      {"c_char", jdbc::kChar, "CHAR", "utf8mb4", 1},
      {"c_char10", jdbc::kChar, "CHAR", "latin1", 10},
      // Debezium keeps the literal's text between the outer quotes, escapes included.
      {"c_varchar", jdbc::kVarchar, "VARCHAR", "utf8mb4", 255, -1, true, false, false, true,
       "it''s"},
      {"c_nchar", jdbc::kChar, "CHAR", "utf8mb3", 5},
      {"c_nvarchar", jdbc::kVarchar, "VARCHAR", "utf8mb3", 20},
      {"c_tinytext", jdbc::kVarchar, "TINYTEXT", "utf8mb4"},
      {"c_text", jdbc::kVarchar, "TEXT", "utf8mb4"},
      {"c_mediumtext", jdbc::kVarchar, "MEDIUMTEXT", "utf8mb4"},
      {"c_longtext", jdbc::kVarchar, "LONGTEXT", "utf8mb4"},
      {"c_binary", jdbc::kBinary, "BINARY", {}, 4},
      {"c_varbinary", jdbc::kVarbinary, "VARBINARY", {}, 100},
      {"c_tinyblob", jdbc::kBlob, "TINYBLOB", {}},
      {"c_blob", jdbc::kBlob, "BLOB", {}},
      {"c_mediumblob", jdbc::kBlob, "MEDIUMBLOB", {}},
      {"c_longblob", jdbc::kBlob, "LONGBLOB", {}},
      // MariaDB's JSON is LONGTEXT with a json_valid CHECK.
      {"c_json", jdbc::kVarchar, "LONGTEXT", "utf8mb4"},
      {"c_enum",
       jdbc::kChar,
       "ENUM",
       "utf8mb4",
       1,
       -1,
       true,
       false,
       false,
       true,
       "medium",
       {"'small'", "'medium'", "'large'"}},
      {"c_set",
       jdbc::kChar,
       "SET",
       "utf8mb4",
       5,
       -1,
       true,
       false,
       false,
       true,
       {},
       {"'a'", "'b'", "'c'"}},
      {"c_year", jdbc::kInteger, "YEAR", {}, 4},
      {"c_date", jdbc::kDate, "DATE", {}, -1, -1, true, false, false, true, "2020-01-01"},
      {"c_time", jdbc::kTime, "TIME", {}, 3},
      {"c_datetime", jdbc::kTimestamp, "DATETIME", {}, -1, -1, true, false, false, true, epoch},
      {"c_datetime6", jdbc::kTimestamp, "DATETIME", {}, 6},
      {"c_timestamp",
       jdbc::kTimestampWithTimezone,
       "TIMESTAMP",
       {},
       -1,
       -1,
       false,
       on_update_marks_generated,
       on_update_marks_generated,
       true,
       epoch},
      {"c_timestamp3", jdbc::kTimestampWithTimezone, "TIMESTAMP", {}, 3},
      {"c_geometry", jdbc::kOther, "GEOMETRY", {}},
      {"c_point", jdbc::kOther, "POINT", {}, -1, -1, false, false, false, false},
      {"c_linestring", jdbc::kOther, "LINESTRING", {}},
      {"c_polygon", jdbc::kOther, "POLYGON", {}},
      {"c_multipoint", jdbc::kOther, "MULTIPOINT", {}},
      {"c_multilinestring", jdbc::kOther, "MULTILINESTRING", {}},
      {"c_multipolygon", jdbc::kOther, "MULTIPOLYGON", {}},
      {"c_geomcollection", jdbc::kOther, "GEOMETRYCOLLECTION", {}},
      {"c_uuid", jdbc::kOther, "UUID", {}},
      {"c_inet6", jdbc::kOther, "INET6", {}},
      {"c_inet4", jdbc::kOther, "INET4", {}},
      // Debezium does not mark computed columns as generated.
      {"c_gen", jdbc::kInteger, "INT", {}, 11},
      {"c_gen_s", jdbc::kVarchar, "VARCHAR", "utf8mb4", 10},
      {"c_invisible", jdbc::kInteger, "INT", {}, 11, -1, true, false, false, true, "7"},
      // DEFAULT uuid(): a calculated default, recorded without expression.
      {"c_expr_default", jdbc::kVarchar, "VARCHAR", "utf8mb4", 36},
      {"c_check", jdbc::kInteger, "INT", {}, 11},
  };
}

TEST(DdlParserCreateTableTest, MariaDbShowCreateTableWithEveryTypeAsTheMySqlConnectorSeesIt) {
  DdlParser parser = makeParser(Flavor::MySql);
  parser.setDatabaseCharset("h2_test", "utf8mb4");
  Tables tables;
  std::vector<DdlStatement> statements = parser.parse(kMariaDbAllTypes, "h2_test", tables);
  ASSERT_EQ(statements.size(), 1u);
  const DdlStatement& s = statements[0];
  EXPECT_EQ(s.kind, DdlStatement::Kind::CreateTable);
  EXPECT_TRUE(s.signalled);
  EXPECT_EQ(s.databaseName, "h2_test");
  EXPECT_EQ(s.ddl, kMariaDbAllTypes);
  ASSERT_EQ(s.changes.size(), 1u);
  const TableChange& change = s.changes[0];
  EXPECT_EQ(change.type, TableChange::Type::Create);
  EXPECT_EQ(change.id.toString(), "h2_test.all_types");
  ASSERT_TRUE(change.table);
  const Table& t = *change.table;
  EXPECT_EQ(t.defaultCharsetName, "utf8mb4");
  EXPECT_EQ(t.primaryKeyColumnNames, std::vector<std::string>{"id"});
  EXPECT_FALSE(t.comment) << "comments are dropped unless include.schema.comments";
  expectColumns(t, mariaDbAllTypesColumns(true));
  EXPECT_EQ(tables.size(), 1u);
}

TEST(DdlParserCreateTableTest, MariaDbShowCreateTableWithEveryTypeAsTheMariaDbConnectorSeesIt) {
  DdlParser parser = makeParser(Flavor::MariaDb, /*comments=*/true);
  parser.setDatabaseCharset("h2_test", "utf8mb4");
  Tables tables;
  const Table& t = tableAfter(parser, tables, kMariaDbAllTypes, "h2_test", "all_types");
  // MariaDB's grammar reads "DEFAULT current_timestamp() ON UPDATE current_timestamp()" as one
  // default, so the column is not marked auto-updated.
  std::vector<ColumnSpec> columns = mariaDbAllTypesColumns(false);
  expectColumns(t, columns);
  EXPECT_EQ(t.comment, "every type");
  EXPECT_EQ(t.columnWithName("c_invisible")->comment, "hidden col");
}

TEST(DdlParserCreateTableTest, ForeignKeysPartitionsAndUniqueKeysFromMariaDb) {
  for (Flavor f : {Flavor::MySql, Flavor::MariaDb}) {
    DdlParser parser = makeParser(f);
    parser.setDatabaseCharset("h2_test", "utf8mb4");
    Tables tables;
    parser.parse(std::string(kMariaDbParent) + ";\n" + kMariaDbChild + ";\n" + kMariaDbParted +
                     ";\n" + kMariaDbNopk + ";\n" + kMariaDbVersioned,
                 "h2_test", tables);
    ASSERT_EQ(tables.size(), 5u);
    const Table& parent = *tables.forTable({"h2_test", "parent"});
    EXPECT_EQ(parent.primaryKeyColumnNames, (std::vector<std::string>{"id", "code"}));
    expectColumns(
        parent,
        {{"id", jdbc::kBigInt, "BIGINT UNSIGNED", {}, 20, -1, false, false, false, false},
         {"code", jdbc::kVarchar, "VARCHAR", "utf8mb4", 10, -1, false, false, false, false}});
    // No primary key: the first UNIQUE key over NOT NULL columns stands in for it.
    const Table& child = *tables.forTable({"h2_test", "child"});
    EXPECT_EQ(child.defaultCharsetName, "latin1");
    EXPECT_EQ(child.primaryKeyColumnNames, std::vector<std::string>{"id"});
    expectColumns(
        child,
        {{"id", jdbc::kBigInt, "BIGINT UNSIGNED", {}, 20, -1, false, true, true, false},
         {"parent_id", jdbc::kBigInt, "BIGINT UNSIGNED", {}, 20, -1, false, false, false, false},
         {"parent_code", jdbc::kVarchar, "VARCHAR", "utf8mb4", 10, -1, false, false, false, false},
         {"email", jdbc::kVarchar, "VARCHAR", "latin1", 100, -1, false, false, false, false},
         {"note", jdbc::kVarchar, "VARCHAR", "latin1", 20}});
    EXPECT_EQ(tables.forTable({"h2_test", "parted"})->primaryKeyColumnNames,
              (std::vector<std::string>{"id", "d"}));
    // UNIQUE KEY uk_bc (b, c) over NOT NULL columns wins; the nullable `a` key cannot.
    EXPECT_EQ(tables.forTable({"h2_test", "nopk"})->primaryKeyColumnNames,
              (std::vector<std::string>{"b", "c"}));
    const Table& versioned = *tables.forTable({"h2_test", "versioned"});
    EXPECT_TRUE(versioned.primaryKeyColumnNames.empty());
    expectColumns(versioned, {{"x", jdbc::kInteger, "INT", {}, 11}});
  }
}

TEST(DdlParserCreateTableTest, MySql8ShowCreateTable) {
  DdlParser parser = makeParser(Flavor::MySql);
  Tables tables;
  const Table& t = tableAfter(parser, tables, kMySql8Orders, "shop", "orders");
  EXPECT_EQ(t.defaultCharsetName, "utf8mb4");
  EXPECT_EQ(t.primaryKeyColumnNames, std::vector<std::string>{"id"});
  const std::string epoch = "1970-01-01 00:00:00";
  expectColumns(
      t, {
             {"id", jdbc::kBigInt, "BIGINT UNSIGNED", {}, -1, -1, false, true, true, false},
             {"customer_id", jdbc::kInteger, "INT", {}, -1, -1, false, false, false, false},
             {"status",
              jdbc::kChar,
              "ENUM",
              "utf8mb4",
              1,
              -1,
              false,
              false,
              false,
              true,
              "new",
              {"'new'", "'paid'", "'it''s'"}},
             {"amount", jdbc::kDecimal, "DECIMAL", {}, 12, 2, false, false, false, true, "0.00"},
             {"flag", jdbc::kSmallInt, "TINYINT", {}, 1, -1, false, false, false, true, "1"},
             // COLLATE alone: the charset is the collation's prefix.
             {"note", jdbc::kVarchar, "VARCHAR", "utf8mb4", 255},
             // The charset introducer is dropped from the default.
             {"label", jdbc::kVarchar, "VARCHAR", "latin1", 20, -1, true, false, false, true, "x"},
             {"doc", jdbc::kOther, "JSON", {}},
             {"created_at",
              jdbc::kTimestampWithTimezone,
              "TIMESTAMP",
              {},
              -1,
              -1,
              false,
              false,
              false,
              true,
              epoch},
             // ON UPDATE marks the column auto-updated in Debezium's MySQL grammar.
             {"updated_at", jdbc::kTimestamp, "DATETIME", {}, 3, -1, true, true, true, true, epoch},
             {"uid", jdbc::kVarchar, "VARCHAR", "utf8mb4", 36},
             {"total", jdbc::kDecimal, "DECIMAL", {}, 13, 2},
             {"loc", jdbc::kOther, "POINT", {}, -1, -1, false, false, false, false},
             {"hidden", jdbc::kInteger, "INT", {}},
             {"bits", jdbc::kBit, "BIT", {}, 8, -1, true, false, false, true, "101"},
             {"raw", jdbc::kVarbinary, "VARBINARY", {}, 16},
             {"y", jdbc::kInteger, "YEAR", {}},
         });
}

struct TypeCase {
  std::string type;
  int jdbcType;
  std::string typeName;
  int length;
  int scale;
  std::optional<std::string> charset;
};

TEST(DdlParserCreateTableTest, ResolvesTypeNamesLengthsAndScales) {
  const std::vector<TypeCase> cases = {
      {"INT(11)", jdbc::kInteger, "INT", 11, -1, {}},
      {"INTEGER UNSIGNED", jdbc::kInteger, "INTEGER UNSIGNED", -1, -1, {}},
      {"int4", jdbc::kInteger, "INT4", -1, -1, {}},
      {"MIDDLEINT", jdbc::kInteger, "MIDDLEINT", -1, -1, {}},
      {"TINYINT(1)", jdbc::kSmallInt, "TINYINT", 1, -1, {}},
      {"tinyint unsigned", jdbc::kSmallInt, "TINYINT UNSIGNED", -1, -1, {}},
      {"SMALLINT SIGNED", jdbc::kSmallInt, "SMALLINT SIGNED", -1, -1, {}},
      {"INT ZEROFILL", jdbc::kInteger, "INT UNSIGNED ZEROFILL", -1, -1, {}},
      {"BIGINT(20) UNSIGNED ZEROFILL", jdbc::kBigInt, "BIGINT UNSIGNED ZEROFILL", 20, -1, {}},
      {"INT8", jdbc::kBigInt, "INT8", -1, -1, {}},
      {"SERIAL", jdbc::kBigInt, "BIGINT UNSIGNED", -1, -1, {}},
      {"BOOL", jdbc::kBoolean, "BOOL", -1, -1, {}},
      {"BOOLEAN", jdbc::kBoolean, "BOOLEAN", -1, -1, {}},
      {"BIT", jdbc::kBit, "BIT", 1, -1, {}},
      {"BIT(64)", jdbc::kBit, "BIT", 64, -1, {}},
      {"FLOAT", jdbc::kFloat, "FLOAT", -1, -1, {}},
      {"FLOAT(7,4)", jdbc::kFloat, "FLOAT", 7, 4, {}},
      {"FLOAT(30)", jdbc::kFloat, "FLOAT", 30, -1, {}},
      {"FLOAT4", jdbc::kFloat, "FLOAT4", -1, -1, {}},
      {"REAL", jdbc::kReal, "REAL", -1, -1, {}},
      {"DOUBLE", jdbc::kDouble, "DOUBLE", -1, -1, {}},
      {"DOUBLE PRECISION", jdbc::kDouble, "DOUBLE PRECISION", -1, -1, {}},
      {"DOUBLE(10,2) UNSIGNED", jdbc::kDouble, "DOUBLE UNSIGNED", 10, 2, {}},
      {"FLOAT8", jdbc::kDouble, "FLOAT8", -1, -1, {}},
      {"DECIMAL", jdbc::kDecimal, "DECIMAL", 10, 0, {}},
      {"DECIMAL(5)", jdbc::kDecimal, "DECIMAL", 5, 0, {}},
      {"DECIMAL(19.5,2)", jdbc::kDecimal, "DECIMAL", 19, 2, {}},
      {"DEC(8,3)", jdbc::kDecimal, "DEC", 8, 3, {}},
      {"NUMERIC(6,1)", jdbc::kNumeric, "NUMERIC", 6, 1, {}},
      {"FIXED", jdbc::kDecimal, "FIXED", 10, 0, {}},
      {"CHAR", jdbc::kChar, "CHAR", -1, -1, "latin1"},
      {"CHARACTER(3)", jdbc::kChar, "CHARACTER", 3, -1, "latin1"},
      {"CHAR VARYING(3)", jdbc::kVarchar, "CHAR VARYING", 3, -1, "latin1"},
      {"VARCHAR(255) CHARACTER SET utf8mb4", jdbc::kVarchar, "VARCHAR", 255, -1, "utf8mb4"},
      {"VARCHAR(10) CHARSET 'ascii'", jdbc::kVarchar, "VARCHAR", 10, -1, "ascii"},
      {"VARCHAR(10) BINARY", jdbc::kVarchar, "VARCHAR BINARY", 10, -1, "latin1"},
      {"VARCHAR(0)", jdbc::kVarchar, "VARCHAR", 10, -1, "latin1"},
      {"NCHAR(5)", jdbc::kNChar, "NCHAR", 5, -1, "utf8"},
      {"NCHAR", jdbc::kNChar, "NCHAR", 1, -1, "utf8"},
      {"NATIONAL CHAR(4)", jdbc::kNChar, "NATIONAL CHAR", 4, -1, "utf8"},
      {"NATIONAL VARCHAR(4)", jdbc::kNVarchar, "NATIONAL VARCHAR", 4, -1, "utf8"},
      {"NVARCHAR(20)", jdbc::kNVarchar, "NVARCHAR", 20, -1, "utf8"},
      {"NCHAR VARCHAR(6)", jdbc::kNVarchar, "NCHAR VARCHAR", 6, -1, "utf8"},
      {"TINYTEXT", jdbc::kVarchar, "TINYTEXT", -1, -1, "latin1"},
      {"TEXT(1000)", jdbc::kVarchar, "TEXT", 1000, -1, "latin1"},
      {"MEDIUMTEXT CHARACTER SET utf8mb4", jdbc::kVarchar, "MEDIUMTEXT", -1, -1, "utf8mb4"},
      {"LONGTEXT", jdbc::kVarchar, "LONGTEXT", -1, -1, "latin1"},
      {"LONG VARCHAR", jdbc::kVarchar, "LONG VARCHAR", -1, -1, "latin1"},
      {"LONG VARBINARY", jdbc::kBlob, "LONG VARBINARY", -1, -1, {}},
      {"BINARY(16)", jdbc::kBinary, "BINARY", 16, -1, {}},
      {"VARBINARY(200)", jdbc::kVarbinary, "VARBINARY", 200, -1, {}},
      {"TINYBLOB", jdbc::kBlob, "TINYBLOB", -1, -1, {}},
      {"BLOB(300)", jdbc::kBlob, "BLOB", 300, -1, {}},
      {"MEDIUMBLOB", jdbc::kBlob, "MEDIUMBLOB", -1, -1, {}},
      {"LONGBLOB", jdbc::kBlob, "LONGBLOB", -1, -1, {}},
      {"DATE", jdbc::kDate, "DATE", -1, -1, {}},
      {"TIME", jdbc::kTime, "TIME", -1, -1, {}},
      {"TIME(6)", jdbc::kTime, "TIME", 6, -1, {}},
      {"DATETIME(3)", jdbc::kTimestamp, "DATETIME", 3, -1, {}},
      {"TIMESTAMP(6)", jdbc::kTimestampWithTimezone, "TIMESTAMP", 6, -1, {}},
      {"YEAR(4)", jdbc::kInteger, "YEAR", 4, -1, {}},
      {"JSON", jdbc::kOther, "JSON", -1, -1, {}},
      {"GEOMCOLLECTION", jdbc::kOther, "GEOMCOLLECTION", -1, -1, {}},
      {"MULTIPOLYGON", jdbc::kOther, "MULTIPOLYGON", -1, -1, {}},
      {"VECTOR(3)", jdbc::kOther, "VECTOR", 3, -1, {}},
      {"ENUM('a','b') CHARACTER SET utf8mb4", jdbc::kChar, "ENUM", 1, -1, "utf8mb4"},
      {"SET('x','y','z','w')", jdbc::kChar, "SET", 7, -1, "latin1"},
  };
  for (const TypeCase& c : cases) {
    SCOPED_TRACE(c.type);
    DdlParser parser = makeParser();
    parser.setDatabaseCharset("db", "latin1");
    Tables tables;
    const Table& t = tableAfter(parser, tables, "CREATE TABLE t (c " + c.type + ")", "db", "t");
    ASSERT_EQ(t.columns.size(), 1u);
    const Column& col = t.columns[0];
    EXPECT_EQ(col.jdbcType, c.jdbcType);
    EXPECT_EQ(col.typeName, c.typeName);
    EXPECT_EQ(col.length, c.length < 0 ? std::nullopt : std::optional<int>(c.length));
    EXPECT_EQ(col.scale, c.scale < 0 ? std::nullopt : std::optional<int>(c.scale));
    EXPECT_EQ(col.charsetName, c.charset);
  }
}

TEST(DdlParserCreateTableTest, MariaDbFlavourTypeNameDifferences) {
  DdlParser parser = makeParser(Flavor::MariaDb);
  Tables tables;
  const Table& t = tableAfter(
      parser, tables, "CREATE TABLE t (a INT ZEROFILL, b VARCHAR(0), c VECTOR, d INT1)", "db", "t");
  EXPECT_EQ(t.columns[0].typeName, "INT ZEROFILL");
  EXPECT_EQ(t.columns[1].length, 0);
  EXPECT_EQ(t.columns[2].length, 2048);
  EXPECT_EQ(t.columns[3].typeName, "INT1");
  EXPECT_EQ(t.columns[3].jdbcType, jdbc::kSmallInt);
}

struct DefaultCase {
  std::string definition;
  bool hasDefault;
  std::optional<std::string> expression;
  bool optional = true;
};

TEST(DdlParserCreateTableTest, RecordsDefaultsLikeDefaultValueParserListener) {
  const std::string epoch = "1970-01-01 00:00:00";
  const std::vector<DefaultCase> cases = {
      {"INT", true, {}},
      {"INT NOT NULL", false, {}, false},
      {"INT NULL", true, {}},
      {"INT DEFAULT NULL", true, {}},
      {"INT NOT NULL DEFAULT 0", true, "0", false},
      {"INT DEFAULT -1", true, "-1"},
      {"INT DEFAULT +1", true, "+1"},
      {"DECIMAL(5,2) DEFAULT 1.50", true, "1.50"},
      {"DOUBLE DEFAULT 1e3", true, "1e3"},
      {"VARCHAR(5) DEFAULT 'abc'", true, "abc"},
      {"VARCHAR(5) DEFAULT ''", true, ""},
      {"VARCHAR(5) DEFAULT 'it''s'", true, "it''s"},
      {"VARCHAR(5) DEFAULT 'a' 'b'", true, "a''b"},
      {"VARCHAR(5) DEFAULT \"dq\"", true, "dq"},
      {"VARCHAR(5) DEFAULT _utf8mb4'x'", true, "x"},
      {"VARCHAR(5) DEFAULT N'x'", true, "N'x'"},
      {"BOOL DEFAULT TRUE", true, "TRUE"},
      {"BIT(3) DEFAULT b'101'", true, "101"},
      {"VARBINARY(3) DEFAULT x'0F'", true, "0F"},
      {"VARBINARY(3) DEFAULT 0x0F", true, "0"},
      {"DATE DEFAULT DATE '2020-01-01'", true, "DATE'2020-01-01'"},
      {"TIMESTAMP DEFAULT CURRENT_TIMESTAMP", true, epoch},
      {"TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)", true, epoch, false},
      {"DATETIME DEFAULT NOW()", true, epoch},
      {"DATETIME DEFAULT LOCALTIMESTAMP", true, epoch},
      {"VARCHAR(36) DEFAULT (uuid())", true, {}},
      {"VARCHAR(36) NOT NULL DEFAULT (uuid())", true, {}, false},
      {"INT DEFAULT 1 + 2", true, {}},
  };
  for (const DefaultCase& c : cases) {
    SCOPED_TRACE(c.definition);
    DdlParser parser = makeParser();
    Tables tables;
    const Table& t =
        tableAfter(parser, tables, "CREATE TABLE t (c " + c.definition + ")", "db", "t");
    const Column& col = t.columns[0];
    EXPECT_EQ(col.hasDefaultValue, c.hasDefault);
    EXPECT_EQ(col.defaultValueExpression, c.expression);
    EXPECT_EQ(col.optional, c.optional);
  }
}

TEST(DdlParserCreateTableTest, MariaDbFlavourDefaults) {
  const std::vector<DefaultCase> cases = {
      {"VARCHAR(5) DEFAULT _utf8mb4'x'", true, "_utf8mb4'x'"},
      {"DATE DEFAULT curdate()", true, "curdate()"},
      {"DATETIME DEFAULT localtimestamp()", true, "localtimestamp()"},
      {"VARBINARY(3) DEFAULT x'0F'", true, {}},
      {"VARCHAR(36) DEFAULT uuid()", true, {}},
      {"INT DEFAULT nextval(seq)", true, {}},
  };
  for (const DefaultCase& c : cases) {
    SCOPED_TRACE(c.definition);
    DdlParser parser = makeParser(Flavor::MariaDb);
    Tables tables;
    const Table& t =
        tableAfter(parser, tables, "CREATE TABLE t (c " + c.definition + ")", "db", "t");
    EXPECT_EQ(t.columns[0].hasDefaultValue, c.hasDefault);
    EXPECT_EQ(t.columns[0].defaultValueExpression, c.expression);
  }
}

TEST(DdlParserCreateTableTest, PrimaryKeysAndUniqueKeys) {
  DdlParser parser = makeParser();
  Tables tables;
  // An inline PRIMARY KEY makes the column NOT NULL.
  const Table& a =
      tableAfter(parser, tables, "CREATE TABLE a (id INT PRIMARY KEY, v INT)", "db", "a");
  EXPECT_EQ(a.primaryKeyColumnNames, std::vector<std::string>{"id"});
  EXPECT_FALSE(a.columns[0].optional);
  EXPECT_FALSE(a.columns[0].hasDefaultValue);
  // A table-level key over a nullable column does too, and drops its implicit NULL default.
  const Table& b =
      tableAfter(parser, tables, "CREATE TABLE b (x INT, y INT, PRIMARY KEY (y, x))", "db", "b");
  EXPECT_EQ(b.primaryKeyColumnNames, (std::vector<std::string>{"y", "x"}));
  EXPECT_FALSE(b.columns[0].optional);
  EXPECT_FALSE(b.columns[0].hasDefaultValue);
  // Inline UNIQUE takes the key without looking at nullability; KEY alone means PRIMARY KEY.
  const Table& c = tableAfter(parser, tables, "CREATE TABLE c (u INT UNIQUE, k INT)", "db", "c");
  EXPECT_EQ(c.primaryKeyColumnNames, std::vector<std::string>{"u"});
  EXPECT_TRUE(c.columns[0].optional);
  const Table& d = tableAfter(parser, tables, "CREATE TABLE d (k INT KEY)", "db", "d");
  EXPECT_EQ(d.primaryKeyColumnNames, std::vector<std::string>{"k"});
  // A table-level UNIQUE needs NOT NULL columns; functional parts never qualify.
  const Table& e = tableAfter(
      parser, tables,
      "CREATE TABLE e (a INT, b INT NOT NULL, UNIQUE KEY (a), UNIQUE ((b + 1)), UNIQUE KEY (b))",
      "db", "e");
  EXPECT_EQ(e.primaryKeyColumnNames, std::vector<std::string>{"b"});
  // A UNIQUE key declared before its columns is not taken.
  const Table& f =
      tableAfter(parser, tables, "CREATE TABLE f (UNIQUE KEY (a), a INT NOT NULL)", "db", "f");
  EXPECT_TRUE(f.primaryKeyColumnNames.empty());
  // SERIAL is BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE.
  const Table& g = tableAfter(parser, tables, "CREATE TABLE g (id SERIAL, v INT)", "db", "g");
  EXPECT_EQ(g.primaryKeyColumnNames, std::vector<std::string>{"id"});
  EXPECT_FALSE(g.columns[0].optional);
  EXPECT_TRUE(g.columns[0].autoIncremented);
  EXPECT_TRUE(g.columns[0].generated);
  const Table& h =
      tableAfter(parser, tables, "CREATE TABLE h (v INT SERIAL DEFAULT VALUE)", "db", "h");
  EXPECT_EQ(h.primaryKeyColumnNames, std::vector<std::string>{"v"});
  EXPECT_TRUE(h.columns[0].autoIncremented);
}

TEST(DdlParserCreateTableTest, CharsetsComeFromColumnTableDatabaseThenServer) {
  DdlParser parser = makeParser();
  parser.setDatabaseCharset("db1", "latin1");
  Tables tables;
  parser.parse(
      "CREATE TABLE db1.a (x VARCHAR(5), y VARCHAR(5) CHARACTER SET utf8mb3, z VARCHAR(5) COLLATE "
      "ucs2_bin, n INT);"
      "CREATE TABLE db1.b (x TEXT) DEFAULT CHARACTER SET = cp1250 COLLATE cp1250_bin;"
      "CREATE TABLE db2.c (x TEXT);"
      "CREATE TABLE db1.d (x TEXT) CHARSET DEFAULT",
      "db1", tables);
  const Table& a = *tables.forTable({"db1", "a"});
  EXPECT_EQ(a.defaultCharsetName, "latin1");
  EXPECT_EQ(a.columns[0].charsetName, "latin1");
  EXPECT_EQ(a.columns[1].charsetName, "utf8mb3");
  EXPECT_EQ(a.columns[2].charsetName, "ucs2");
  EXPECT_FALSE(a.columns[3].charsetName);
  EXPECT_EQ(tables.forTable({"db1", "b"})->columns[0].charsetName, "cp1250");
  EXPECT_EQ(tables.forTable({"db2", "c"})->defaultCharsetName, "utf8mb4");
  EXPECT_EQ(tables.forTable({"db1", "d"})->defaultCharsetName, "latin1");
}

TEST(DdlParserCreateTableTest, CreateTableLikeCopiesTheKnownTable) {
  DdlParser parser = makeParser();
  Tables tables;
  parser.parse("CREATE TABLE src (id INT PRIMARY KEY, v VARCHAR(3)) CHARSET latin1", "db", tables);
  std::vector<DdlStatement> s = parser.parse("CREATE TABLE copy LIKE src", "db", tables);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_TRUE(s[0].signalled);
  ASSERT_EQ(s[0].changes.size(), 1u);
  const Table& copy = *s[0].changes[0].table;
  EXPECT_EQ(copy.id.toString(), "db.copy");
  EXPECT_EQ(copy.primaryKeyColumnNames, std::vector<std::string>{"id"});
  EXPECT_EQ(copy.defaultCharsetName, "latin1");
  expectColumns(copy, {{"id", jdbc::kInteger, "INT", {}, -1, -1, false, false, false, false},
                       {"v", jdbc::kVarchar, "VARCHAR", "latin1", 3}});
  EXPECT_EQ(parser.parse("CREATE TABLE db2.c2 (LIKE db.src)", "db", tables)[0].changes.size(), 1u);
  // Debezium signals nothing when the original is unknown.
  s = parser.parse("CREATE TABLE other LIKE nothing", "db", tables);
  EXPECT_FALSE(s[0].signalled);
  EXPECT_EQ(tables.forTable({"db", "other"}), nullptr);
}

TEST(DdlParserCreateTableTest, ExistingTablesAreLeftAloneUnlessReplaced) {
  DdlParser parser = makeParser();
  Tables tables;
  parser.parse("CREATE TABLE t (a INT)", "db", tables);
  std::vector<DdlStatement> s = parser.parse("CREATE TABLE IF NOT EXISTS t (b INT)", "db", tables);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].kind, DdlStatement::Kind::CreateTable);
  EXPECT_FALSE(s[0].signalled);
  EXPECT_TRUE(s[0].changes.empty());
  EXPECT_EQ(tables.forTable({"db", "t"})->columns[0].name, "a");
  s = parser.parse("CREATE OR REPLACE TABLE t (b INT)", "db", tables);
  EXPECT_TRUE(s[0].signalled);
  EXPECT_EQ(tables.forTable({"db", "t"})->columns[0].name, "b");
}

TEST(DdlParserCreateTableTest, CreateTableAsSelectDependsOnTheFlavour) {
  DdlParser mysql = makeParser(Flavor::MySql);
  Tables tables;
  std::vector<DdlStatement> s =
      mysql.parse("CREATE TABLE t (id INT) ENGINE=InnoDB AS SELECT 1 AS id", "db", tables);
  ASSERT_TRUE(s[0].signalled);
  expectColumns(*tables.forTable({"db", "t"}), {{"id", jdbc::kInteger, "INT", {}}});
  s = mysql.parse("CREATE TABLE u SELECT * FROM t", "db", tables);
  ASSERT_TRUE(s[0].signalled);
  EXPECT_TRUE(tables.forTable({"db", "u"})->columns.empty());

  DdlParser mariadb = makeParser(Flavor::MariaDb);
  Tables maria_tables;
  s = mariadb.parse("CREATE TABLE t (id INT) AS SELECT 1 AS id", "db", maria_tables);
  EXPECT_FALSE(s[0].signalled);
  EXPECT_EQ(maria_tables.size(), 0u);
}

TEST(DdlParserCreateTableTest, ColumnAttributesDebeziumIgnores) {
  DdlParser parser = makeParser(Flavor::MySql);
  Tables tables;
  const Table& t = tableAfter(
      parser, tables,
      "CREATE TEMPORARY TABLE IF NOT EXISTS `t` (\n"
      "  a INT COLUMN_FORMAT FIXED STORAGE DISK COMMENT 'c' VISIBLE,\n"
      "  b INT CONSTRAINT ck CHECK (b > 0) NOT ENFORCED,\n"
      "  c INT REFERENCES p (id) MATCH FULL ON DELETE SET NULL ON UPDATE NO ACTION,\n"
      "  d POINT SRID 4326 ENGINE_ATTRIBUTE '{}',\n"
      "  e INT AS (a + 1) STORED NOT NULL,\n"
      "  f TIMESTAMP(6) GENERATED ALWAYS AS ROW START,\n"
      "  g INT WITHOUT SYSTEM VERSIONING,\n"
      "  h BLOB COMPRESSED,\n"
      "  i GEOMETRY REF_SYSTEM_ID=4326,\n"
      "  PERIOD FOR SYSTEM_TIME (f, f),\n"
      "  INDEX USING BTREE (a) KEY_BLOCK_SIZE=8 COMMENT 'idx',\n"
      "  FULLTEXT INDEX ft (a) WITH PARSER ngram\n"
      ") ENGINE = MyISAM UNION = (x, y) DATA DIRECTORY = '/tmp' TABLESPACE ts STORAGE DISK "
      "PAGE_CHECKSUM=1 WITH SYSTEM VERSIONING",
      "db", "t");
  ASSERT_EQ(t.columns.size(), 9u);
  EXPECT_FALSE(t.columns[0].comment);
  EXPECT_FALSE(t.columns[4].optional);
  EXPECT_FALSE(t.columns[4].generated);
}

TEST(DdlParserCreateTableTest, MalformedCreateTableThrows) {
  DdlParser parser = makeParser();
  Tables tables;
  for (const char* sql : {"CREATE TABLE t (a INT", "CREATE TABLE t (a NOSUCHTYPE)",
                          "CREATE TABLE t (a INT BOGUS)", "CREATE TABLE t (a INT, PRIMARY KEY (b))",
                          "CREATE TABLE t (a VARCHAR(5) DEFAULT 'x) ENGINE=InnoDB"}) {
    SCOPED_TRACE(sql);
    EXPECT_THROW(parser.parse(sql, "db", tables), DdlParseException);
  }
  EXPECT_EQ(tables.size(), 0u);
  try {
    parser.parse("CREATE TABLE t (a INT, PRIMARY KEY (b))", "db", tables);
  } catch (const DdlParseException& e) {
    EXPECT_EQ(e.statement(), "CREATE TABLE t (a INT, PRIMARY KEY (b))");
    EXPECT_NE(std::string(e.what()).find("The column \"b\" is referenced as PRIMARY KEY"),
              std::string::npos);
  }
}

}  // namespace
}  // namespace connectd::mysql
