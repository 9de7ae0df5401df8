#include "transforms/util/simple_date_format.h"

#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>
#include <string>

namespace connectd::transforms {
namespace {

constexpr int64_t kDay = 86400000;
// 2017-01-03T06:30:01.864Z, a Tuesday (TimestampRouterTest's record).
constexpr int64_t kTuesday = 1483425001864;

struct FormatCase {
  std::string pattern;
  int64_t millis;
  std::string expected;
};

class SimpleDateFormatFormatTest : public ::testing::TestWithParam<FormatCase> {};

TEST_P(SimpleDateFormatFormatTest, FormatsLikeJavaInUtc) {
  EXPECT_EQ(GetParam().expected, SimpleDateFormat(GetParam().pattern).format(GetParam().millis));
}

INSTANTIATE_TEST_SUITE_P(
    Java, SimpleDateFormatFormatTest,
    ::testing::Values(
        FormatCase{"yyyyMMdd", kTuesday, "20170103"},
        FormatCase{"yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", 0, "1970-01-01T00:00:00.000Z"},
        FormatCase{"yyyy MM dd HH mm ss SSS z", kDay + 1234, "1970 01 02 00 00 01 234 UTC"},
        FormatCase{"yy.M.d H:m:s.S", kTuesday, "17.1.3 6:30:1.864"},
        FormatCase{"EEE, d MMM yyyy HH:mm:ss Z", kTuesday, "Tue, 3 Jan 2017 06:30:01 +0000"},
        FormatCase{"EEEE MMMM", kTuesday, "Tuesday January"},
        FormatCase{"h:mm a", kTuesday, "6:30 AM"},
        FormatCase{"h:mm a", kTuesday + 12 * 3600000, "6:30 PM"},
        FormatCase{"k K h", 0, "24 0 12"},
        FormatCase{"D F u w W", kTuesday, "3 1 2 1 1"},
        FormatCase{"SSSS", 5, "0005"},
        FormatCase{"zzzz X XXX G", 0, "Coordinated Universal Time Z Z AD"},
        FormatCase{"'at' HH 'o''clock'", kTuesday, "at 06 o'clock"},
        // en_US weeks: 2024-12-31 is in week 1 of 2025, 2024-12-28 in week 52.
        FormatCase{"YYYY-'W'ww", 1735646400000, "2025-W01"},
        FormatCase{"YYYY-'W'ww", 1735387200000, "2024-W52"},
        // java.util.GregorianCalendar is Julian before 1582-10-15.
        FormatCase{"yyyy-MM-dd", -141427 * kDay, "1582-10-15"},
        FormatCase{"yyyy-MM-dd", -141428 * kDay, "1582-10-04"},
        FormatCase{"yyyy-MM-dd G", -719162 * kDay, "0001-01-03 AD"},
        FormatCase{"yyyy-MM-dd HH:mm:ss.SSS", -1, "1969-12-31 23:59:59.999"}));

struct ParseCase {
  std::string pattern;
  std::string text;
  std::optional<int64_t> expected;
};

class SimpleDateFormatParseTest : public ::testing::TestWithParam<ParseCase> {};

TEST_P(SimpleDateFormatParseTest, ParsesLikeJavaInUtc) {
  EXPECT_EQ(GetParam().expected, SimpleDateFormat(GetParam().pattern).parse(GetParam().text))
      << GetParam().pattern << " / " << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Java, SimpleDateFormatParseTest,
    ::testing::Values(
        ParseCase{"yyyy MM dd HH mm ss SSS z", "1970 01 02 00 00 01 234 UTC", kDay + 1234},
        // Abutting numeric fields take exactly their letter count.
        ParseCase{"yyyyMMdd", "20170103", 1483401600000},
        ParseCase{"yyyy-MM-dd", "2017-1-3", 1483401600000},
        // Lenient: month 13 is January of the next year.
        ParseCase{"yyyy-MM-dd", "2017-13-01", 1514764800000},
        // Leading blanks before a field are skipped, text after the pattern is ignored.
        ParseCase{"yyyy-MM-dd", " 2017-01-03 trailing", 1483401600000},
        ParseCase{"dd/MMM/yyyy", "03/jan/2017", 1483401600000},
        ParseCase{"dd MMMM yyyy", "03 January 2017", 1483401600000},
        ParseCase{"yyyy-MM-dd'T'HH:mm:ssZ", "2017-01-03T06:30:01+0100", 1483421401000},
        ParseCase{"yyyy-MM-dd'T'HH:mm:ssXXX", "2017-01-03T06:30:01Z", 1483425001000},
        ParseCase{"yyyy-MM-dd'T'HH:mm:ssXXX", "2017-01-03T06:30:01-08:00", 1483453801000},
        ParseCase{"yyyy-MM-dd HH:mm:ss z", "2017-01-03 06:30:01 PST", 1483453801000},
        ParseCase{"yyyy-MM-dd HH:mm:ss z", "2017-01-03 06:30:01 GMT+01:00", 1483421401000},
        ParseCase{"h:mm a", "6:30 PM", 66600000},
        ParseCase{"h:mm a", "12:30 AM", 1800000},
        ParseCase{"yy-MM-dd", "17-01-03", 1483401600000},
        ParseCase{"yyyy-MM-dd", "2017/01/03", std::nullopt},
        ParseCase{"yyyy-MM-dd", "bad", std::nullopt},
        ParseCase{"yyyyMMdd", "2017013", 1483401600000},
        ParseCase{"yyyyMMdd", "201701", std::nullopt},
        ParseCase{"yyyy-MM-dd", "", std::nullopt}));

TEST(SimpleDateFormatTest, ParsePositionMovesPastParsedText) {
  SimpleDateFormat format("yyyy-MM-dd");
  size_t pos = 4;
  EXPECT_EQ(std::optional<int64_t>(1483401600000), format.parse("xxxx2017-01-03rest", pos));
  EXPECT_EQ(14u, pos);
  pos = 0;
  EXPECT_EQ(std::nullopt, format.parse("nope", pos));
  EXPECT_EQ(0u, pos);
}

TEST(SimpleDateFormatTest, RejectsIllegalPatternsWithJavasMessages) {
  auto message = [](const std::string& pattern) {
    try {
      SimpleDateFormat f(pattern);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_EQ("Illegal pattern character 'b'", message("bad-format"));
  EXPECT_EQ("Unterminated quote", message("yyyy'T"));
  EXPECT_EQ("invalid ISO 8601 format: length=4", message("XXXX"));
  EXPECT_EQ("", message("'quoted bad letters' yyyy"));
}

TEST(SimpleDateFormatTest, RoundTripsFormattedText) {
  SimpleDateFormat format("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
  for (int64_t millis : {int64_t{0}, kTuesday, int64_t{-1}, int64_t{253402300799999}}) {
    EXPECT_EQ(std::optional<int64_t>(millis), format.parse(format.format(millis))) << millis;
  }
}

}  // namespace
}  // namespace connectd::transforms
