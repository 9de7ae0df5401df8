#include "transforms/register_transforms.h"

#include <connectd/version.h>
#include <gtest/gtest.h>

#include "server/api/plugin_registry.h"

namespace connectd::transforms {
namespace {

TEST(RegisterTransformsTest, RegistersKafkaClassNames) {
  api::PluginRegistry registry;
  registerTransforms(registry);
  for (const char* name : {"org.apache.kafka.connect.transforms.InsertField$Key",
                           "org.apache.kafka.connect.transforms.InsertField$Value",
                           "org.apache.kafka.connect.transforms.RegexRouter"}) {
    const api::PluginDesc* desc = registry.find(name, {api::PluginKind::Transformation});
    ASSERT_NE(nullptr, desc) << name;
    EXPECT_EQ(kKafkaConnectVersion, desc->version);
    EXPECT_NE(nullptr, registry.newTransformation(name)) << name;
  }
  const char* predicate = "org.apache.kafka.connect.transforms.predicates.TopicNameMatches";
  ASSERT_NE(nullptr, registry.find(predicate, {api::PluginKind::Predicate}));
  EXPECT_NE(nullptr, registry.newPredicate(predicate));
}

}  // namespace
}  // namespace connectd::transforms
