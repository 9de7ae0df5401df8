#include "connectors/mysql/values/schema_name_adjuster.h"

#include <gtest/gtest.h>

namespace connectd::mysql {
namespace {

TEST(SchemaNameAdjusterTest, NoneKeepsNames) {
  EXPECT_EQ(adjustSchemaName("a-b.c", NameAdjustmentMode::None), "a-b.c");
}

TEST(SchemaNameAdjusterTest, AvroReplacesInvalidCharacters) {
  EXPECT_EQ(adjustSchemaName("server-1.db.t$x.Value", NameAdjustmentMode::Avro), "server_1.db.t_x.Value");
  EXPECT_EQ(adjustSchemaName("1abc", NameAdjustmentMode::Avro), "_1abc");
  EXPECT_EQ(adjustFieldName("a.b", NameAdjustmentMode::Avro), "a_b");
  EXPECT_EQ(adjustFieldName("caf\xc3\xa9", NameAdjustmentMode::Avro), "caf_");
}

TEST(SchemaNameAdjusterTest, AvroUnicodeEscapesCodeUnits) {
  EXPECT_EQ(adjustSchemaName("a-b", NameAdjustmentMode::AvroUnicode), "a_u002db");
  EXPECT_EQ(adjustSchemaName("_x", NameAdjustmentMode::AvroUnicode), "_u005fx");
  EXPECT_EQ(adjustFieldName("caf\xc3\xa9", NameAdjustmentMode::AvroUnicode), "caf_u00e9");
  EXPECT_EQ(adjustFieldName("\xce\xa9", NameAdjustmentMode::AvroUnicode), "_u3a9");
}

}  // namespace
}  // namespace connectd::mysql
