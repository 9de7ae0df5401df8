#include "transforms/predicates/record_is_tombstone.h"

#include <gtest/gtest.h>

#include <memory>

#include "server/api/connect_record.h"
#include "server/api/schema.h"
#include "server/api/struct.h"

namespace connectd::transforms {
namespace {

TEST(RecordIsTombstoneTest, TrueOnlyForNullValues) {
  RecordIsTombstone predicate;
  predicate.configure({});
  EXPECT_TRUE(predicate.config().keys().empty());

  api::SchemaPtr schema =
      api::SchemaBuilder::structBuilder().field("f", api::schemas::int32()).optional().build();
  auto value = std::make_shared<api::Struct>(schema);
  value->put("f", int32_t{1});
  api::SourceRecord with_struct({}, {}, "t", 0, nullptr, nullptr, schema, api::Value(value));
  EXPECT_FALSE(predicate.test(with_struct));

  api::SinkRecord with_map;
  with_map.value = api::Map{{"f", int32_t{1}}};
  EXPECT_FALSE(predicate.test(with_map));

  // The schema does not matter: a null value under a struct schema is a tombstone too.
  api::SourceRecord null_with_schema({}, {}, "t", 0, nullptr, nullptr, schema, nullptr);
  EXPECT_TRUE(predicate.test(null_with_schema));
  EXPECT_TRUE(predicate.test(api::SinkRecord()));
  EXPECT_EQ("RecordIsTombstone{}", predicate.toString());
}

}  // namespace
}  // namespace connectd::transforms
