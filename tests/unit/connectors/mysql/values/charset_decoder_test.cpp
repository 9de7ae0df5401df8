#include "connectors/mysql/values/charset_decoder.h"

#include <gtest/gtest.h>

namespace connectd::mysql {
namespace {

TEST(CharsetDecoderTest, Utf8PassesThroughAndReplacesIllFormedBytesLikeJava) {
  CharsetDecoder d("utf8mb4");
  EXPECT_EQ(d.decode("plain \xf0\x9f\x98\x80"), "plain \xf0\x9f\x98\x80");
  // Each maximal ill-formed subsequence becomes one U+FFFD.
  EXPECT_EQ(d.decode("a\xe2\x82z"), "a\xef\xbf\xbdz");
  EXPECT_EQ(d.decode("\xc0\xaf"), "\xef\xbf\xbd\xef\xbf\xbd");
  EXPECT_EQ(d.decode("\xed\xa0\x80"), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
  EXPECT_EQ(CharsetDecoder("").encoding(), "UTF-8");
  EXPECT_EQ(CharsetDecoder("utf8mb3").encoding(), "UTF-8");
}

TEST(CharsetDecoderTest, Latin1IsWindows1252) {
  CharsetDecoder d("LATIN1");
  EXPECT_EQ(d.encoding(), "CP1252");
  EXPECT_EQ(d.decode("\x80\x9f\xe9\xff"), "\xe2\x82\xac\xc5\xb8\xc3\xa9\xc3\xbf");
  // Bytes windows-1252 leaves undefined decode to U+FFFD, as in Java.
  EXPECT_EQ(d.decode("\x81"), "\xef\xbf\xbd");
}

TEST(CharsetDecoderTest, OtherCharsets) {
  EXPECT_EQ(CharsetDecoder("binary").decode("\xe9"), "\xc3\xa9");
  EXPECT_EQ(CharsetDecoder("ascii").decode("ok\x80"), "ok\xef\xbf\xbd");
  EXPECT_EQ(CharsetDecoder("latin2").decode("\xb1"), "\xc4\x85");
  EXPECT_EQ(CharsetDecoder("cp1251").decode("\xc0"), "\xd0\x90");
  EXPECT_EQ(CharsetDecoder("ucs2").decode(std::string_view("\x00\x41\x04\x10", 4)), "A\xd0\x90");
  EXPECT_EQ(CharsetDecoder("utf16le").decode(std::string_view("\x41\x00", 2)), "A");
  EXPECT_EQ(CharsetDecoder("gbk").decode("\xc4\xe3\xba\xc3"), "\xe4\xbd\xa0\xe5\xa5\xbd");
  EXPECT_EQ(CharsetDecoder("sjis").decode("\x82\xa0"), "\xe3\x81\x82");
}

}  // namespace
}  // namespace connectd::mysql
