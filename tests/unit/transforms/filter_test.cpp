#include "transforms/filter.h"

#include <gtest/gtest.h>

#include <memory>

#include "server/api/connect_record.h"
#include "server/api/schema.h"
#include "server/api/struct.h"

namespace connectd::transforms {
namespace {

// Filter drops every record: with a struct value, a schemaless map value, or none.
TEST(FilterTest, DropsEveryRecord) {
  Filter xform;
  xform.configure({});
  EXPECT_TRUE(xform.config().keys().empty());

  api::SchemaPtr schema =
      api::SchemaBuilder::structBuilder().field("f", api::schemas::string()).build();
  auto value = std::make_shared<api::Struct>(schema);
  value->put("f", "value");
  api::SourceRecord with_struct({}, {}, "topic", 0, nullptr, "key", schema, api::Value(value), 0);
  EXPECT_FALSE(xform.apply(with_struct));

  api::SinkRecord with_map;
  with_map.value = api::Map{{"f", "value"}};
  EXPECT_FALSE(xform.apply(with_map));

  api::SourceRecord tombstone({}, {}, "topic", 0, nullptr, nullptr, nullptr, nullptr);
  EXPECT_FALSE(xform.apply(tombstone));
}

}  // namespace
}  // namespace connectd::transforms
