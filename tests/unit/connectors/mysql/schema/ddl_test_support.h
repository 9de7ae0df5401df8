#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "connectors/mysql/schema/ddl_parser.h"

namespace connectd::mysql::testing {

// One column as Debezium's parser would record it; `-1` length/scale means unset.
struct ColumnSpec {
  std::string name;
  int jdbcType;
  std::string typeName;
  std::optional<std::string> charset;
  int length = -1;
  int scale = -1;
  bool optional = true;
  bool autoIncremented = false;
  bool generated = false;
  bool hasDefault = true;
  std::optional<std::string> defaultExpression = std::nullopt;
  std::vector<std::string> enumValues = {};
};

inline void expectColumns(const Table& table, const std::vector<ColumnSpec>& specs) {
  ASSERT_EQ(table.columns.size(), specs.size()) << table.id.toString();
  for (size_t i = 0; i < specs.size(); ++i) {
    const Column& c = table.columns[i];
    const ColumnSpec& e = specs[i];
    SCOPED_TRACE("column " + e.name);
    EXPECT_EQ(c.name, e.name);
    EXPECT_EQ(c.position, static_cast<int>(i + 1));
    EXPECT_EQ(c.jdbcType, e.jdbcType);
    EXPECT_EQ(c.typeName, e.typeName);
    EXPECT_EQ(c.typeExpression, e.typeName);
    EXPECT_EQ(c.charsetName, e.charset);
    EXPECT_EQ(c.length, e.length < 0 ? std::nullopt : std::optional<int>(e.length));
    EXPECT_EQ(c.scale, e.scale < 0 ? std::nullopt : std::optional<int>(e.scale));
    EXPECT_EQ(c.optional, e.optional);
    EXPECT_EQ(c.autoIncremented, e.autoIncremented);
    EXPECT_EQ(c.generated, e.generated);
    EXPECT_EQ(c.hasDefaultValue, e.hasDefault);
    EXPECT_EQ(c.defaultValueExpression, e.defaultExpression);
    EXPECT_EQ(c.enumValues, e.enumValues);
    EXPECT_FALSE(c.nativeType.has_value());
  }
}

inline DdlParser::Options flavor(DdlParser::Flavor f, bool comments = false) {
  DdlParser::Options o;
  o.flavor = f;
  o.includeComments = comments;
  return o;
}

// A parser set up like the connector after reading the server: character_set_server utf8mb4.
inline DdlParser makeParser(DdlParser::Flavor f = DdlParser::Flavor::MySql, bool comments = false) {
  DdlParser parser(flavor(f, comments));
  parser.setServerCharset("utf8mb4");
  return parser;
}

// Parses `sql` in `db` and returns the only table the statements left behind under `table`.
inline const Table& tableAfter(DdlParser& parser, Tables& tables, const std::string& sql,
                               const std::string& db, const std::string& table) {
  parser.parse(sql, db, tables);
  const Table* t = tables.forTable({db, table});
  if (t == nullptr) throw std::runtime_error("no table " + db + "." + table + " after " + sql);
  return *t;
}

}  // namespace connectd::mysql::testing
