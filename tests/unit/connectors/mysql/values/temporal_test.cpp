#include "connectors/mysql/values/temporal.h"

#include <gtest/gtest.h>

namespace connectd::mysql::temporal {
namespace {

std::string zoned(int64_t s, uint32_t nano, int width) {
  std::string out;
  appendZonedTimestamp(s, nano, width, out);
  return out;
}

TEST(TemporalTest, CivilDateRoundTrip) {
  EXPECT_EQ(daysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(daysFromCivil(2024, 3, 15), 19797);
  EXPECT_EQ(daysFromCivil(0, 1, 1), -719528);
  for (int64_t d : {-719528L, -1L, 0L, 11016L, 2932896L}) {
    auto c = civilFromDays(d);
    EXPECT_EQ(daysFromCivil(c.year, c.month, c.day), d);
  }
  EXPECT_TRUE(isValidDate(2024, 2, 29));
  EXPECT_FALSE(isValidDate(2023, 2, 29));
  EXPECT_FALSE(isValidDate(2024, 13, 1));
}

TEST(TemporalTest, ZonedTimestampFormats) {
  EXPECT_EQ(zoned(0, 0, -1), "1970-01-01T00:00:00Z");
  EXPECT_EQ(zoned(1529501823, 0, 0), "2018-06-20T13:37:03Z");
  EXPECT_EQ(zoned(1529501823, 120000000, -1), "2018-06-20T13:37:03.12Z");
  EXPECT_EQ(zoned(1529501823, 120000000, 3), "2018-06-20T13:37:03.120Z");
  EXPECT_EQ(zoned(1529501823, 0, 6), "2018-06-20T13:37:03.000000Z");
  EXPECT_EQ(zoned(1529501823, 123456789, 4), "2018-06-20T13:37:03.1234Z");
  EXPECT_EQ(zoned(-1, 0, -1), "1969-12-31T23:59:59Z");
  EXPECT_EQ(zoned(253402300800, 0, -1), "+10000-01-01T00:00:00Z");
}

TEST(TemporalTest, ParseDateTimeAndDuration) {
  auto dt = parseDateTime("2024-03-15 10:20:30.123456");
  ASSERT_TRUE(dt);
  EXPECT_EQ(dt->epochMicros(), 1710498030123456);
  EXPECT_EQ(parseDateTime("2024-03-15")->epochMillis(), 1710460800000);
  EXPECT_FALSE(parseDateTime("garbage"));
  EXPECT_EQ(parseDurationMicros("-838:59:59.000000"), -3020399000000);
  EXPECT_EQ(parseDurationMicros("-00:10:00"), -600000000);
  EXPECT_EQ(parseDurationMicros("10:20"), 37200000000);
  EXPECT_EQ(parseDurationMicros("1:2:3.0000009"), 3723000000);
  EXPECT_FALSE(parseDurationMicros("1020"));
  EXPECT_EQ(adjustYear(0), 2000);
  EXPECT_EQ(adjustYear(69), 2069);
  EXPECT_EQ(adjustYear(70), 1970);
  EXPECT_EQ(adjustYear(100), 100);
}

}  // namespace
}  // namespace connectd::mysql::temporal
