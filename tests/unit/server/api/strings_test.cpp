#include <gtest/gtest.h>

#include "server/common/strings.h"

namespace connectd::common {
namespace {

std::string jd(double v) {
  std::string s;
  appendJavaDouble(v, s);
  return s;
}
std::string jf(float v) {
  std::string s;
  appendJavaFloat(v, s);
  return s;
}

TEST(StringsTest, JavaDoubleToString) {
  EXPECT_EQ(jd(1.0), "1.0");
  EXPECT_EQ(jd(0.1), "0.1");
  EXPECT_EQ(jd(-2.5), "-2.5");
  EXPECT_EQ(jd(1e10), "1.0E10");
  EXPECT_EQ(jd(1234567.0), "1234567.0");
  EXPECT_EQ(jd(12345678.0), "1.2345678E7");
  EXPECT_EQ(jd(0.001), "0.001");
  EXPECT_EQ(jd(0.0001), "1.0E-4");
  EXPECT_EQ(jd(0.0), "0.0");
  EXPECT_EQ(jf(3.14f), "3.14");
  EXPECT_EQ(jf(1e-5f), "1.0E-5");
}

TEST(StringsTest, Base64RoundTrip) {
  EXPECT_EQ(base64Encode("hello"), "aGVsbG8=");
  EXPECT_EQ(base64Decode("aGVsbG8="), "hello");
  EXPECT_EQ(base64Encode(""), "");
  EXPECT_THROW(base64Decode("a$b="), std::invalid_argument);
}

TEST(StringsTest, SplitListTrimsLikeKafka) {
  auto l = splitList(" a, b ,c ");
  ASSERT_EQ(l.size(), 3u);
  EXPECT_EQ(l[1], "b");
  EXPECT_TRUE(splitList("  ").empty());
}

TEST(StringsTest, UrlDecode) {
  EXPECT_EQ(urlDecode("a%2Fb%20c", false), "a/b c");
  EXPECT_EQ(urlDecode("a+b", true), "a b");
  EXPECT_EQ(urlDecode("%E2%9C%93", false), "\xE2\x9C\x93");
  EXPECT_EQ(urlEncodePathSegment("a/b c"), "a%2Fb%20c");
}

}  // namespace
}  // namespace connectd::common
