#include "transforms/timestamp_router.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "server/api/connect_record.h"
#include "server/api/errors.h"
#include "server/api/schema.h"
#include "server/api/struct.h"

namespace connectd::transforms {
namespace {

// TimestampRouterTest.defaultConfiguration, with a struct value, a schemaless map value and a
// sink record: only the topic changes.
TEST(TimestampRouterTest, DefaultConfiguration) {
  TimestampRouter xform;
  xform.configure({});

  api::SchemaPtr schema =
      api::SchemaBuilder::structBuilder().field("f", api::schemas::int32()).build();
  auto value = std::make_shared<api::Struct>(schema);
  value->put("f", int32_t{1});
  api::SourceRecord with_struct({}, {}, "test", 0, nullptr, nullptr, schema, api::Value(value),
                                1483425001864);
  ASSERT_TRUE(xform.apply(with_struct));
  EXPECT_EQ("test-20170103", with_struct.topic);
  EXPECT_EQ(schema, with_struct.valueSchema);
  EXPECT_EQ(api::Value(value), with_struct.value);
  EXPECT_EQ(std::optional<int64_t>(1483425001864), with_struct.timestamp);

  api::SinkRecord with_map;
  with_map.topic = "test";
  with_map.value = api::Map{{"f", int32_t{1}}};
  with_map.timestamp = 1483425001864;
  ASSERT_TRUE(xform.apply(with_map));
  EXPECT_EQ("test-20170103", with_map.topic);
  EXPECT_EQ(api::Value(api::Map{{"f", int32_t{1}}}), with_map.value);
}

TEST(TimestampRouterTest, ReplacesEveryPlaceholderLiterally) {
  TimestampRouter xform;
  xform.configure({{"topic.format", "${timestamp}/${topic}/${topic}$1"},
                   {"timestamp.format", "yyyy-MM-dd'T'HH"}});
  api::SourceRecord record({}, {}, "a$b\\c", 0, nullptr, nullptr, nullptr, nullptr, 1483425001864);
  ASSERT_TRUE(xform.apply(record));
  EXPECT_EQ("2017-01-03T06/a$b\\c/a$b\\c$1", record.topic);
}

TEST(TimestampRouterTest, RecordWithoutTimestampFails) {
  TimestampRouter xform;
  xform.configure({});
  api::SourceRecord record({}, {}, "test", 0, nullptr, nullptr, nullptr, nullptr);
  try {
    xform.apply(record);
    FAIL() << "expected DataException";
  } catch (const api::DataException& e) {
    EXPECT_EQ(0u, std::string(e.what()).rfind("Timestamp missing on record: SourceRecord{", 0))
        << e.what();
    EXPECT_NE(std::string::npos, std::string(e.what()).find("topic='test'"));
  }
}

TEST(TimestampRouterTest, BadPatternFailsTheFirstRecordAsInKafka) {
  TimestampRouter xform;
  xform.configure({{"timestamp.format", "yyyyqq"}});
  api::SourceRecord record({}, {}, "test", 0, nullptr, nullptr, nullptr, nullptr, 0);
  try {
    xform.apply(record);
    FAIL() << "expected ConnectException";
  } catch (const api::ConnectException& e) {
    EXPECT_STREQ("Illegal pattern character 'q'", e.what());
  }
}

}  // namespace
}  // namespace connectd::transforms
