#include "server/converters/json_reader.h"

#include <gtest/gtest.h>

#include <string>

#include "server/converters/json_writer.h"

namespace connectd::converters {
namespace {

TEST(JsonReaderTest, ParsesEveryKind) {
  auto node = JsonReader::parse(R"( {"a": [1, -2.5e3, "x\u00e9\n", true, false, null], "b": {}} )");
  ASSERT_TRUE(node.isObject());
  ASSERT_EQ(node.keys(), (std::vector<std::string>{"a", "b"}));
  const auto& a = node.get("a")->children();
  ASSERT_EQ(a.size(), 6u);
  EXPECT_TRUE(a[0].isInt());
  EXPECT_EQ(a[0].longValue(), 1);
  EXPECT_FALSE(a[1].isIntegralNumber());
  EXPECT_EQ(a[1].text(), "-2.5e3");
  EXPECT_EQ(a[1].doubleValue(), -2500.0);
  EXPECT_EQ(a[1].longValue(), -2500);
  EXPECT_EQ(a[2].text(), "x\xC3\xA9\n");
  EXPECT_TRUE(a[3].booleanValue());
  EXPECT_FALSE(a[4].booleanValue());
  EXPECT_TRUE(a[5].isNull());
  EXPECT_EQ(node.get("b")->size(), 0u);
  EXPECT_EQ(node.get("a")->source(), R"([1, -2.5e3, "x\u00e9\n", true, false, null])");
}

TEST(JsonReaderTest, DecodesSurrogatePairs) {
  auto node = JsonReader::parse(R"("\ud83d\ude00")");
  EXPECT_EQ(node.text(), "\xF0\x9F\x98\x80");
}

TEST(JsonReaderTest, AcceptsLeadingZeros) {
  auto node = JsonReader::parse("0012");
  EXPECT_TRUE(node.isInt());
  EXPECT_EQ(node.intValue(), 12);
}

TEST(JsonReaderTest, IntegerRangesFollowJackson) {
  EXPECT_TRUE(JsonReader::parse("2147483647").isInt());
  EXPECT_FALSE(JsonReader::parse("2147483648").isInt());
  EXPECT_TRUE(JsonReader::parse("2147483648").isIntegralNumber());
  EXPECT_EQ(JsonReader::parse("-9223372036854775808").longValue(), INT64_MIN);
}

TEST(JsonReaderTest, RepeatedKeyKeepsFirstPositionAndLastValue) {
  auto node = JsonReader::parse(R"({"a":1,"b":2,"a":3})");
  ASSERT_EQ(node.size(), 2u);
  EXPECT_EQ(node.keys()[0], "a");
  EXPECT_EQ(node.get("a")->longValue(), 3);
}

TEST(JsonReaderTest, RepeatedKeyInLargeObject) {
  std::string text = "{";
  for (int i = 0; i < 40; ++i) text += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  text += "\"k5\":99}";
  auto node = JsonReader::parse(text);
  EXPECT_EQ(node.size(), 40u);
  EXPECT_EQ(node.get("k5")->longValue(), 99);
}

TEST(JsonReaderTest, EmptyInputIsMissing) {
  EXPECT_TRUE(JsonReader::parse("").isMissing());
  EXPECT_TRUE(JsonReader::parse(" \n").isMissing());
}

TEST(JsonReaderTest, TrailingContentIsIgnoredAsJacksonDoes) {
  auto node = JsonReader::parse(R"({"a":1} trailing)");
  EXPECT_TRUE(node.isObject());
}

TEST(JsonReaderTest, RejectsMalformedInput) {
  for (const char* bad : {"{", "[1,]", "{\"a\" 1}", "tru", "1.", "-", "\"abc", "\"a\x01\"",
                          "{'a':1}", "[1 2]", "\"\\x\"", "NaN", "+1", "nulls"})
    EXPECT_THROW(JsonReader::parse(bad), JsonParseException) << bad;
}

TEST(JsonReaderTest, LimitsNestingDepth) {
  std::string ok(1000, '['), deep(1001, '[');
  ok += std::string(1000, ']');
  deep += std::string(1001, ']');
  EXPECT_NO_THROW(JsonReader::parse(ok));
  EXPECT_THROW(JsonReader::parse(deep), JsonParseException);
}

TEST(JsonReaderTest, LazyMemberTakenByHookIsNotParsed) {
  std::string_view text =
      R"({"schema": {"type": "struct", "x": "}\"{"}, "payload": {"schema": {}}})";
  std::vector<std::string> offered;
  auto node = JsonReader::parse(text, "schema", [&](std::string_view source) {
    offered.emplace_back(source);
    return true;
  });
  ASSERT_EQ(offered.size(), 1u);  // only the top-level member
  EXPECT_EQ(offered[0], R"({"type": "struct", "x": "}\"{"})");
  ASSERT_TRUE(node.get("schema"));
  EXPECT_TRUE(node.get("schema")->isMissing());
  EXPECT_EQ(node.get("schema")->source(), offered[0]);
  EXPECT_TRUE(node.get("payload")->get("schema")->isObject());
}

TEST(JsonReaderTest, LazyMemberDeclinedByHookIsParsed) {
  auto node = JsonReader::parse(R"({"schema": {"type": "int32"}, "payload": 1})", "schema",
                                [](std::string_view) { return false; });
  EXPECT_EQ(node.get("schema")->get("type")->text(), "int32");
}

TEST(JsonReaderTest, LazyMemberStillRejectsMalformedRest) {
  EXPECT_THROW(JsonReader::parse(R"({"schema": {"type": "int32"}, "payload": })", "schema",
                                 [](std::string_view) { return true; }),
               JsonParseException);
  EXPECT_THROW(JsonReader::parse(R"({"schema": {"type": "int32")", "schema",
                                 [](std::string_view) { return true; }),
               JsonParseException);
}

TEST(JsonWriterTest, EscapesLikeJackson) {
  std::string out;
  JsonWriter w(out);
  w.string(std::string("\"\\/\b\f\n\r\t\x00\x1f", 10));
  EXPECT_EQ(out, R"("\"\\/\b\f\n\r\t\u0000\u001F")");
}

TEST(JsonWriterTest, WritesNumbers) {
  std::string out;
  JsonWriter w(out);
  w.int64(INT64_MIN);
  w.raw(',');
  w.float64(-0.0);
  w.raw(',');
  w.float32(3.4028235e38f);
  EXPECT_EQ(out, "-9223372036854775808,-0.0,3.4028235E38");
}

}  // namespace
}  // namespace connectd::converters
