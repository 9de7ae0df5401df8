#include "connectors/mysql/schema/ddl_normalizer.h"

#include <gtest/gtest.h>

namespace connectd::mysql {
namespace {

TEST(DdlNormalizerTest, TurnsDoubleQuotedStringsIntoSingleQuotedOnes) {
  EXPECT_EQ(DdlNormalizer::normalize(R"(ALTER TABLE t ADD c VARCHAR(5) DEFAULT "it's")", false),
            R"(ALTER TABLE t ADD c VARCHAR(5) DEFAULT 'it''s')");
  EXPECT_EQ(DdlNormalizer::normalize(R"(COMMENT "a\"b")", false), R"(COMMENT 'a\"b')");
}

TEST(DdlNormalizerTest, LeavesQuotedTextAndCommentsAlone) {
  std::string sql = R"(CREATE TABLE `a"b` (c INT COMMENT 'x "y" z') /* "c" */ -- "d")";
  EXPECT_EQ(DdlNormalizer::normalize(sql, false), sql);
  // /*! ... */ is SQL, so strings inside it are converted.
  EXPECT_EQ(DdlNormalizer::normalize(R"(/*!40101 SET x="y" */)", false),
            R"(/*!40101 SET x='y' */)");
}

TEST(DdlNormalizerTest, KeepsDoubleQuotesUnderAnsiQuotes) {
  std::string sql = R"(CREATE TABLE "t" ("c" INT))";
  EXPECT_EQ(DdlNormalizer::normalize(sql, true), sql);
}

TEST(DdlNormalizerTest, QuotesWindowFunctionNamesUsedAsIdentifiers) {
  EXPECT_EQ(DdlNormalizer::normalize("CREATE TABLE rank (lag INT, row_number varchar(5))", false),
            "CREATE TABLE `rank` (`lag` INT, `row_number` varchar(5))");
  EXPECT_EQ(DdlNormalizer::normalize("SELECT RANK() OVER w FROM t", false),
            "SELECT RANK() OVER w FROM t");
}

TEST(DdlNormalizerTest, UnterminatedQuotesAreLeftAsWritten) {
  EXPECT_EQ(DdlNormalizer::normalize(R"(SET a = "open)", false), R"(SET a = "open)");
  // Backtracking like the regex: the match ends at the last doubled quote.
  EXPECT_EQ(DdlNormalizer::normalize(R"("ab""c)", false), R"('ab'"c)");
}

}  // namespace
}  // namespace connectd::mysql
