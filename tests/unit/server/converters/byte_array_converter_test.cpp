#include "server/converters/byte_array_converter.h"

#include <gtest/gtest.h>

#include "server/api/errors.h"

namespace connectd::converters {
namespace {

using api::Bytes;
using api::DataException;
using api::Value;
namespace schemas = api::schemas;

constexpr const char* kTopic = "topic";
const std::string kSample = "sample string";

class ByteArrayConverterTest : public ::testing::Test {
 protected:
  void SetUp() override { converter_.configure({}, false); }
  ByteArrayConverter converter_;
};

TEST_F(ByteArrayConverterTest, FromConnect) {
  std::string out;
  ASSERT_TRUE(converter_.fromConnectData(kTopic, schemas::bytes(), Value(Bytes{kSample}), out));
  EXPECT_EQ(out, kSample);
}

TEST_F(ByteArrayConverterTest, FromConnectSchemaless) {
  std::string out;
  ASSERT_TRUE(converter_.fromConnectData(kTopic, nullptr, Value(Bytes{kSample}), out));
  EXPECT_EQ(out, kSample);
}

TEST_F(ByteArrayConverterTest, FromConnectBadSchema) {
  std::string out;
  try {
    converter_.fromConnectData(kTopic, schemas::int32(), Value(Bytes{kSample}), out);
    FAIL() << "expected DataException";
  } catch (const DataException& e) {
    EXPECT_STREQ(e.what(), "Invalid schema type for ByteArrayConverter: INT32");
  }
}

TEST_F(ByteArrayConverterTest, FromConnectInvalidValue) {
  std::string out;
  try {
    converter_.fromConnectData(kTopic, schemas::bytes(), Value(int32_t{12}), out);
    FAIL() << "expected DataException";
  } catch (const DataException& e) {
    EXPECT_STREQ(
        e.what(),
        "ByteArrayConverter is not compatible with objects of type class java.lang.Integer");
  }
}

TEST_F(ByteArrayConverterTest, FromConnectNull) {
  std::string out = "stale";
  EXPECT_FALSE(converter_.fromConnectData(kTopic, schemas::bytes(), Value(), out));
  EXPECT_TRUE(out.empty());
}

TEST_F(ByteArrayConverterTest, FromConnectEmptyBytesIsNotNull) {
  std::string out = "stale";
  EXPECT_TRUE(converter_.fromConnectData(kTopic, schemas::bytes(), Value(Bytes{}), out));
  EXPECT_TRUE(out.empty());
}

TEST_F(ByteArrayConverterTest, BinaryDataPassesThrough) {
  std::string binary("\x00\xFF\x7F\n", 4);
  std::string out;
  ASSERT_TRUE(converter_.fromConnectData(kTopic, nullptr, Value(Bytes{binary}), out));
  EXPECT_EQ(out, binary);
  auto sv = converter_.toConnectData(kTopic, binary.data(), binary.size());
  EXPECT_EQ(sv.value, Value(Bytes{binary}));
}

TEST_F(ByteArrayConverterTest, ToConnect) {
  auto sv = converter_.toConnectData(kTopic, kSample.data(), kSample.size());
  EXPECT_TRUE(api::schemaEquals(sv.schema, schemas::optionalBytes()));
  EXPECT_EQ(sv.value, Value(Bytes{kSample}));
}

TEST_F(ByteArrayConverterTest, ToConnectNull) {
  auto sv = converter_.toConnectData(kTopic, nullptr, 0);
  EXPECT_TRUE(api::schemaEquals(sv.schema, schemas::optionalBytes()));
  EXPECT_TRUE(sv.value.isNull());
}

TEST_F(ByteArrayConverterTest, HeadersDelegate) {
  std::string out;
  ASSERT_TRUE(
      converter_.fromConnectHeader(kTopic, "h", schemas::bytes(), Value(Bytes{kSample}), out));
  EXPECT_EQ(out, kSample);
  auto sv = converter_.toConnectHeader(kTopic, "h", kSample.data(), kSample.size());
  EXPECT_EQ(sv.value, Value(Bytes{kSample}));
}

}  // namespace
}  // namespace connectd::converters
