#include "transforms/hoist_field.h"

#include <gtest/gtest.h>

#include "server/api/errors.h"
#include "smt_test_util.h"

namespace connectd::transforms {
namespace {

using api::SchemaBuilder;
using testing::sinkRecord;
using testing::thrownMessage;
namespace schemas = api::schemas;

TEST(HoistFieldTest, Schemaless) {
  HoistField::Key xform;
  xform.configure({{"field", "magic"}});
  api::SinkRecord r = sinkRecord(nullptr, int32_t{42}, nullptr, nullptr);
  ASSERT_TRUE(xform.apply(r));
  EXPECT_EQ(nullptr, r.keySchema);
  EXPECT_EQ(api::Value(api::Map{{"magic", int32_t{42}}}), r.key);
}

TEST(HoistFieldTest, WithSchema) {
  HoistField::Key xform;
  xform.configure({{"field", "magic"}});
  api::SinkRecord r = sinkRecord(schemas::int32(), int32_t{42}, nullptr, nullptr);
  ASSERT_TRUE(xform.apply(r));
  ASSERT_EQ(api::Type::Struct, r.keySchema->type());
  EXPECT_EQ(schemas::int32(), r.keySchema->field("magic")->schema);
  EXPECT_FALSE(r.keySchema->isOptional());
  EXPECT_FALSE(r.keySchema->name().has_value());
  EXPECT_EQ(api::Value(int32_t{42}), r.key.asStruct().get("magic"));
}

TEST(HoistFieldTest, SchemalessNullIsWrapped) {
  HoistField::Value xform;
  xform.configure({{"field", "magic"}});
  api::SinkRecord r = sinkRecord(nullptr, "k", nullptr, nullptr);
  ASSERT_TRUE(xform.apply(r));
  ASSERT_EQ(1u, r.value.asMap().size());
  EXPECT_TRUE(r.value.mapGet("magic")->isNull());
  EXPECT_EQ(api::Value("k"), r.key);
}

TEST(HoistFieldTest, WrapsStructsAndOptionalNulls) {
  HoistField::Value xform;
  xform.configure({{"field", "payload"}});
  api::SchemaPtr inner = SchemaBuilder::structBuilder().field("a", schemas::int32()).build();
  api::Struct value(inner);
  value.put("a", int32_t{1});
  api::SinkRecord r = sinkRecord(nullptr, nullptr, inner, testing::structValue(value));
  ASSERT_TRUE(xform.apply(r));
  EXPECT_EQ(inner, r.valueSchema->field("payload")->schema);
  EXPECT_EQ(api::Value(value), r.value.asStruct().get("payload"));

  api::SinkRecord tombstone = sinkRecord(nullptr, nullptr, schemas::optionalString(), nullptr);
  ASSERT_TRUE(xform.apply(tombstone));
  EXPECT_TRUE(tombstone.value.asStruct().get("payload").isNull());
}

TEST(HoistFieldTest, NullWithRequiredSchemaFails) {
  HoistField::Value xform;
  xform.configure({{"field", "magic"}});
  api::SinkRecord r = sinkRecord(nullptr, nullptr, schemas::int32(), nullptr);
  EXPECT_EQ("Invalid value: null used for required field: \"magic\", schema type: INT32",
            thrownMessage<api::DataException>([&] { xform.apply(r); }));
}

TEST(HoistFieldTest, CachesSchemaPerInputSchema) {
  HoistField::Value xform;
  xform.configure({{"field", "magic"}});
  api::SinkRecord first = sinkRecord(nullptr, nullptr, schemas::int64(), int64_t{1});
  api::SinkRecord second = sinkRecord(nullptr, nullptr, SchemaBuilder::int64().build(), int64_t{2});
  ASSERT_TRUE(xform.apply(first));
  ASSERT_TRUE(xform.apply(second));
  EXPECT_EQ(first.valueSchema.get(), second.valueSchema.get());
}

TEST(HoistFieldTest, FieldIsRequired) {
  HoistField::Value xform;
  EXPECT_EQ("Missing required configuration \"field\" which has no default value.",
            thrownMessage<api::ConfigException>([&] { xform.configure({}); }));
}

}  // namespace
}  // namespace connectd::transforms
