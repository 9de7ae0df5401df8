#include "connectors/mysql/values/column_mapper.h"

#include <gtest/gtest.h>

#include "server/api/errors.h"
#include "test_columns.h"

namespace connectd::mysql {
namespace {

using api::Value;
using testing::col;

ColumnMappingRule rule(ColumnMappingRule::Kind kind, std::string subject, int n = 0, std::string alg = "",
                       std::string salt = "") {
  return {kind, [subject](const std::string& s) { return s == subject; }, n, std::move(alg), std::move(salt)};
}

TEST(ColumnMapperTest, FirstMatchingRuleWins) {
  TableId id{"db", "t"};
  Column c = col("name", "VARCHAR", jdbc::kVarchar, 20);
  std::vector<ColumnMappingRule> rules = {rule(ColumnMappingRule::Kind::MaskChars, "db.t.other", 3),
                                          rule(ColumnMappingRule::Kind::Truncate, "db.t.name", 5),
                                          rule(ColumnMappingRule::Kind::MaskChars, "db.t.name", 3)};
  auto m = ColumnMapper::forColumn(id, c, rules, std::nullopt);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->apply(Value("abcdefgh")), Value("abcde"));
  EXPECT_FALSE(ColumnMapper::forColumn(id, col("x", "INT", jdbc::kInteger), rules, std::nullopt));
}

TEST(ColumnMapperTest, TruncateOnlyWhenTheColumnCanBeLonger) {
  TableId id{"db", "t"};
  auto rules = std::vector<ColumnMappingRule>{rule(ColumnMappingRule::Kind::Truncate, "db.t.s", 10)};
  auto short_col = ColumnMapper::forColumn(id, col("s", "VARCHAR", jdbc::kVarchar, 8), rules, std::nullopt);
  auto b = api::SchemaBuilder::string();
  short_col->alterFieldSchema(b);
  EXPECT_TRUE(b.build()->parameters().empty());
  EXPECT_FALSE(short_col->changesValues());
  auto text_col = ColumnMapper::forColumn(id, col("s", "TEXT", jdbc::kVarchar), rules, std::nullopt);
  EXPECT_TRUE(text_col->changesValues());
  // UTF-16 code units: the emoji counts two.
  EXPECT_EQ(text_col->apply(Value("123456789\xf0\x9f\x98\x80")), Value("123456789"));
  EXPECT_EQ(text_col->apply(Value("12345678\xf0\x9f\x98\x80xyz")), Value("12345678\xf0\x9f\x98\x80"));
  EXPECT_TRUE(text_col->apply(Value()).isNull());
}

TEST(ColumnMapperTest, MaskReplacesEveryCharacterValueIncludingNull) {
  TableId id{"db", "t"};
  auto rules = std::vector<ColumnMappingRule>{rule(ColumnMappingRule::Kind::MaskChars, "db.t.s", 4),
                                              rule(ColumnMappingRule::Kind::MaskChars, "db.t.n", 4)};
  auto m = ColumnMapper::forColumn(id, col("s", "CHAR", jdbc::kChar, 2), rules, std::nullopt);
  EXPECT_EQ(m->apply(Value("x")), Value("****"));
  EXPECT_EQ(m->apply(Value()), Value("****"));
  // Non-character columns keep their values but still get the parameter.
  auto n = ColumnMapper::forColumn(id, col("n", "INT", jdbc::kInteger), rules, std::nullopt);
  EXPECT_EQ(n->apply(Value(int32_t{5})), Value(int32_t{5}));
  auto b = api::SchemaBuilder::int32();
  n->alterFieldSchema(b);
  EXPECT_EQ(*b.build()->parameter("masked"), "true");
}

TEST(ColumnMapperTest, HashV1HashesTheJavaSerializedString) {
  EXPECT_EQ(javaSerializedString("hello"), std::string("\xac\xed\x00\x05\x74\x00\x05hello", 12));
  EXPECT_EQ(javaSerializedString(std::string_view("a\0", 2)), std::string("\xac\xed\x00\x05\x74\x00\x03" "a\xc0\x80", 10));
  EXPECT_EQ(javaSerializedString("\xf0\x9f\x98\x80"), std::string("\xac\xed\x00\x05\x74\x00\x06\xed\xa0\xbd\xed\xb8\x80", 13));
  TableId id{"db", "t"};
  auto rules = std::vector<ColumnMappingRule>{rule(ColumnMappingRule::Kind::MaskHash, "db.t.s", 0, "SHA-256", "CzQMA0cB5K")};
  auto m = ColumnMapper::forColumn(id, col("s", "VARCHAR", jdbc::kVarchar, 255), rules, std::nullopt);
  EXPECT_EQ(m->apply(Value("hello")), Value("b4d39ab0d198fb4cac8b2f023da74f670bcaf192dcc79b5d6361b7ae6b2fafdf"));
  EXPECT_TRUE(m->apply(Value()).isNull());
  auto short_col = ColumnMapper::forColumn(id, col("s", "VARCHAR", jdbc::kVarchar, 8), rules, std::nullopt);
  EXPECT_EQ(short_col->apply(Value("hello")), Value("b4d39ab0"));
  EXPECT_THROW(ColumnMapper::forColumn(id, col("s", "VARCHAR", jdbc::kVarchar), {rule(ColumnMappingRule::Kind::MaskHash, "db.t.s", 0, "NOPE", "x")},
                                       std::nullopt),
               api::ConfigException);
  EXPECT_EQ(hexDigest("md5", ""), "d41d8cd98f00b204e9800998ecf8427e");
}

TEST(ColumnMapperTest, PropagateSourceTypeParametersInOrder) {
  TableId id{"db", "t"};
  auto rules = std::vector<ColumnMappingRule>{rule(ColumnMappingRule::Kind::PropagateDataType, "db.t.DECIMAL")};
  auto m = ColumnMapper::forColumn(id, col("price", "DECIMAL", jdbc::kDecimal, 10, 2), rules, std::string("cost"));
  ASSERT_TRUE(m);
  auto b = api::logical::decimal(2);
  b.parameter("connect.decimal.precision", "10");
  m->alterFieldSchema(b);
  auto params = b.build()->parameters();
  std::vector<std::pair<std::string, std::string>> want = {{"scale", "2"},
                                                          {"connect.decimal.precision", "10"},
                                                          {"__debezium.source.column.type", "DECIMAL"},
                                                          {"__debezium.source.column.length", "10"},
                                                          {"__debezium.source.column.scale", "2"},
                                                          {"__debezium.source.column.comment", "cost"},
                                                          {"__debezium.source.column.name", "price"}};
  EXPECT_EQ(params, want);
  EXPECT_FALSE(m->changesValues());
}

}  // namespace
}  // namespace connectd::mysql
