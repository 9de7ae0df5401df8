#include "server/converters/string_converter.h"

#include <gtest/gtest.h>

#include "server/api/errors.h"
#include "server/api/struct.h"

namespace connectd::converters {
namespace {

using api::Value;
namespace schemas = api::schemas;

constexpr const char* kTopic = "topic";
constexpr const char* kSample = "a string";

std::string toBytes(StringConverter& c, const api::SchemaPtr& schema, const Value& value) {
  std::string out;
  EXPECT_TRUE(c.fromConnectData(kTopic, schema, value, out));
  return out;
}

TEST(StringConverterTest, StringToBytes) {
  StringConverter c;
  EXPECT_EQ(toBytes(c, schemas::string(), Value(kSample)), kSample);
}

TEST(StringConverterTest, NonStringToBytes) {
  StringConverter c;
  EXPECT_EQ(toBytes(c, schemas::boolean(), Value(true)), "true");
  EXPECT_EQ(toBytes(c, schemas::int32(), Value(int32_t{-42})), "-42");
  EXPECT_EQ(toBytes(c, schemas::float64(), Value(1e10)), "1.0E10");
}

TEST(StringConverterTest, StructUsesJavaToString) {
  auto schema = api::SchemaBuilder::structBuilder()
                    .field("a", schemas::int32())
                    .field("b", schemas::string())
                    .build();
  api::Struct s(schema);
  s.put("a", Value(int32_t{1})).put("b", Value("x"));
  StringConverter c;
  EXPECT_EQ(toBytes(c, schema, Value(s)), "Struct{a=1,b=x}");
}

TEST(StringConverterTest, NullToBytes) {
  StringConverter c;
  std::string out = "stale";
  EXPECT_FALSE(c.fromConnectData(kTopic, schemas::optionalString(), Value(), out));
  EXPECT_TRUE(out.empty());
}

TEST(StringConverterTest, ToBytesIgnoresSchema) {
  StringConverter c;
  EXPECT_EQ(toBytes(c, nullptr, Value(true)), "true");
}

TEST(StringConverterTest, BytesToString) {
  StringConverter c;
  auto sv = c.toConnectData(kTopic, kSample, 8);
  EXPECT_TRUE(api::schemaEquals(sv.schema, schemas::optionalString()));
  EXPECT_EQ(sv.value, Value(kSample));
}

TEST(StringConverterTest, BytesNullToString) {
  StringConverter c;
  auto sv = c.toConnectData(kTopic, nullptr, 0);
  EXPECT_TRUE(api::schemaEquals(sv.schema, schemas::optionalString()));
  EXPECT_TRUE(sv.value.isNull());
}

TEST(StringConverterTest, MalformedUtf8IsReplacedAsJavaDecodes) {
  StringConverter c;
  std::string in =
      "a\xFF"
      "b\xE2\x82";
  auto sv = c.toConnectData(kTopic, in.data(), in.size());
  EXPECT_EQ(sv.value, Value("a\xEF\xBF\xBD"
                            "b\xEF\xBF\xBD"));
}

TEST(StringConverterTest, Utf8EncodingIsAccepted) {
  StringConverter c;
  EXPECT_NO_THROW(c.configure({{"converter.encoding", "utf-8"}}, true));
  EXPECT_NO_THROW(c.configure({{"converter.encoding", "UTF8"}}, false));
  EXPECT_NO_THROW(c.configure(std::map<std::string, std::string>{}));
}

TEST(StringConverterTest, NonUtf8EncodingIsConfigException) {
  StringConverter c;
  try {
    c.configure({{"converter.encoding", "UTF-16"}}, true);
    FAIL() << "expected ConfigException";
  } catch (const api::ConfigException& e) {
    EXPECT_EQ(e.configName(), "converter.encoding");
    EXPECT_NE(
        std::string(e.what()).find("Invalid value UTF-16 for configuration converter.encoding"),
        std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("UTF-8"), std::string::npos);
  }
}

TEST(StringConverterTest, HeaderValueToBytes) {
  StringConverter c;
  std::string out;
  ASSERT_TRUE(c.fromConnectHeader(kTopic, "hdr", schemas::string(), Value(kSample), out));
  EXPECT_EQ(out, kSample);
  ASSERT_TRUE(c.fromConnectHeader(kTopic, "hdr", schemas::boolean(), Value(true), out));
  EXPECT_EQ(out, "true");
  EXPECT_FALSE(c.fromConnectHeader(kTopic, "hdr", schemas::optionalString(), Value(), out));
}

TEST(StringConverterTest, ConfigDefHasEncoding) {
  StringConverter c;
  auto def = c.config();
  const auto* key = def.find("converter.encoding");
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(key->default_value, std::optional<std::string>("UTF-8"));
}

}  // namespace
}  // namespace connectd::converters
