#include <gtest/gtest.h>

#include "server/api/value.h"
#include "server/common/strings.h"

namespace connectd::api {
namespace {

std::string hex(const std::string& bytes) {
  static const char* k = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(k[c >> 4]);
    out.push_back(k[c & 15]);
  }
  return out;
}

struct DecimalCase {
  const char* text;
  const char* unscaled_hex;  // BigInteger.toByteArray of the unscaled value
  int scale;
  const char* plain;
};

class DecimalRoundTrip : public ::testing::TestWithParam<DecimalCase> {};

TEST_P(DecimalRoundTrip, MatchesJavaBigDecimal) {
  const auto& c = GetParam();
  auto d = DecimalValue::fromString(c.text);
  EXPECT_EQ(hex(d.unscaled), c.unscaled_hex);
  EXPECT_EQ(d.scale, c.scale);
  EXPECT_EQ(d.toPlainString(), c.plain);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, DecimalRoundTrip,
    ::testing::Values(DecimalCase{"12.34", "04d2", 2, "12.34"},      // spec §4.1 worked example (BNI=)
                      DecimalCase{"0", "00", 0, "0"},                 //
                      DecimalCase{"-1", "ff", 0, "-1"},               //
                      DecimalCase{"127", "7f", 0, "127"},             //
                      DecimalCase{"128", "0080", 0, "128"},           //
                      DecimalCase{"-128", "80", 0, "-128"},           //
                      DecimalCase{"-129", "ff7f", 0, "-129"},         //
                      DecimalCase{"0.001", "01", 3, "0.001"},         //
                      DecimalCase{"-0.50", "ce", 2, "-0.50"},         //
                      DecimalCase{"1.2E+3", "0c", -2, "1200"},        //
                      DecimalCase{"99999999999999999999999999999999999.999999999999999999999999999999",
                                  "00f316271c7fc3908a8bef464e3945ef7a253609ffffffffffffffff", 30,
                                  "99999999999999999999999999999999999.999999999999999999999999999999"}));

TEST(DecimalTest, Base64OfWorkedExample) {
  auto d = DecimalValue::fromString("12.34");
  EXPECT_EQ(common::base64Encode(d.unscaled), "BNI=");
}

TEST(DecimalTest, FromInt64IsMinimal) {
  EXPECT_EQ(hex(DecimalValue::fromInt64(1234, 2).unscaled), "04d2");
  EXPECT_EQ(hex(DecimalValue::fromInt64(-1, 0).unscaled), "ff");
  EXPECT_EQ(hex(DecimalValue::fromInt64(INT64_MIN, 0).unscaled), "8000000000000000");
  EXPECT_EQ(DecimalValue::fromInt64(-5, 3).toPlainString(), "-0.005");
}

TEST(DecimalTest, ToStringUsesScientificNotationLikeJava) {
  EXPECT_EQ(DecimalValue::fromString("1E+3").toString(), "1E+3");
  EXPECT_EQ(DecimalValue::fromString("0.0000001").toString(), "1E-7");
  EXPECT_EQ(DecimalValue::fromString("123.45").toString(), "123.45");
}

}  // namespace
}  // namespace connectd::api
