#include "server/common/properties.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

using connectd::common::loadPropertiesFile;
using connectd::common::parseProperties;

TEST(PropertiesTest, ParsesAllSeparatorForms) {
  auto p = parseProperties("a=1\nb:2\nc 3\nd = 4\ne\t:\t5\nf\n");
  EXPECT_EQ(p.at("a"), "1");
  EXPECT_EQ(p.at("b"), "2");
  EXPECT_EQ(p.at("c"), "3");
  EXPECT_EQ(p.at("d"), "4");
  EXPECT_EQ(p.at("e"), "5");
  EXPECT_EQ(p.at("f"), "");
  EXPECT_EQ(p.size(), 6u);
}

TEST(PropertiesTest, SkipsCommentsAndBlankLines) {
  auto p = parseProperties("# comment\n  ! another\n\n   \nkey=value # not a comment\n");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p.at("key"), "value # not a comment");
}

TEST(PropertiesTest, JoinsContinuationLinesDroppingLeadingWhitespace) {
  auto p = parseProperties("list=a,\\\n    b,\\\n\tc\nnext=1\n");
  EXPECT_EQ(p.at("list"), "a,b,c");
  EXPECT_EQ(p.at("next"), "1");
}

TEST(PropertiesTest, EvenBackslashesDoNotContinue) {
  auto p = parseProperties("path=C:\\\\\nnext=1\n");
  EXPECT_EQ(p.at("path"), "C:\\");
  EXPECT_EQ(p.at("next"), "1");
}

TEST(PropertiesTest, CommentLineEndingInBackslashDoesNotContinue) {
  auto p = parseProperties("# a comment \\\nkey=v\n");
  EXPECT_EQ(p.at("key"), "v");
}

TEST(PropertiesTest, DecodesEscapes) {
  auto p = parseProperties("tabs=a\\tb\\nc\nkey\\ with\\=sep=v\\:x\nu=caf\\u00e9 \\u20ac\nother=\\q\n");
  EXPECT_EQ(p.at("tabs"), "a\tb\nc");
  EXPECT_EQ(p.at("key with=sep"), "v:x");
  EXPECT_EQ(p.at("u"), "caf\xC3\xA9 \xE2\x82\xAC");
  EXPECT_EQ(p.at("other"), "q");
}

TEST(PropertiesTest, MalformedUnicodeEscapeThrows) {
  EXPECT_THROW(parseProperties("a=\\u12G4\n"), std::invalid_argument);
}

TEST(PropertiesTest, HandlesCrLfAndLastDuplicateWins) {
  auto p = parseProperties("a=1\r\nb=2\r\na=3");
  EXPECT_EQ(p.at("a"), "3");
  EXPECT_EQ(p.at("b"), "2");
}

TEST(PropertiesTest, KeepsTrailingWhitespaceOfValues) {
  auto p = parseProperties("a=  value  \n");
  EXPECT_EQ(p.at("a"), "value  ");
}

TEST(PropertiesTest, LoadsFileAndReportsMissingFile) {
  auto path = std::filesystem::temp_directory_path() / "connectd_properties_test.properties";
  {
    std::ofstream out(path);
    out << "bootstrap.servers=localhost:9092\n";
  }
  EXPECT_EQ(loadPropertiesFile(path.string()).at("bootstrap.servers"), "localhost:9092");
  std::filesystem::remove(path);
  try {
    loadPropertiesFile(path.string());
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos);
  }
}
