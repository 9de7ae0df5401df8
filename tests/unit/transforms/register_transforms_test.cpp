#include "transforms/register_transforms.h"

#include <connectd/version.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "server/api/plugin_registry.h"
#include "transforms/debezium/debezium_config.h"

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

TEST(RegisterTransformsTest, RegistersFieldSmts) {
  api::PluginRegistry registry;
  registerTransforms(registry);
  std::vector<std::string> names = {"org.apache.kafka.connect.transforms.ValueToKey"};
  for (const char* smt :
       {"ReplaceField", "MaskField", "ExtractField", "HoistField", "Flatten", "Cast"}) {
    for (const char* side : {"$Key", "$Value"}) {
      names.push_back(std::string("org.apache.kafka.connect.transforms.") + smt + side);
    }
  }
  for (const auto& name : names) {
    const api::PluginDesc* desc = registry.find(name, {api::PluginKind::Transformation});
    ASSERT_NE(nullptr, desc) << name;
    EXPECT_EQ(kKafkaConnectVersion, desc->version);
    EXPECT_NE(nullptr, registry.newTransformation(name)) << name;
  }
}

TEST(RegisterTransformsTest, RegistersTimestampHeaderAndDebeziumSmts) {
  api::PluginRegistry registry;
  registerTransforms(registry);
  std::vector<std::string> kafka = {"TimestampRouter", "Filter", "InsertHeader", "DropHeaders"};
  for (const char* smt : {"TimestampConverter", "SetSchemaMetadata", "HeaderFrom"}) {
    for (const char* side : {"$Key", "$Value"}) kafka.push_back(std::string(smt) + side);
  }
  for (const auto& smt : kafka) {
    std::string name = "org.apache.kafka.connect.transforms." + smt;
    const api::PluginDesc* desc = registry.find(name, {api::PluginKind::Transformation});
    ASSERT_NE(nullptr, desc) << name;
    EXPECT_EQ(kKafkaConnectVersion, desc->version);
    EXPECT_NE(nullptr, registry.newTransformation(name)) << name;
  }
  for (const char* predicate : {"HasHeaderKey", "RecordIsTombstone"}) {
    std::string name = std::string("org.apache.kafka.connect.transforms.predicates.") + predicate;
    ASSERT_NE(nullptr, registry.find(name, {api::PluginKind::Predicate})) << name;
    EXPECT_NE(nullptr, registry.newPredicate(name)) << name;
  }
  for (const char* name : {"io.debezium.transforms.ExtractNewRecordState",
                           "io.debezium.transforms.ByLogicalTableRouter"}) {
    const api::PluginDesc* desc = registry.find(name, {api::PluginKind::Transformation});
    ASSERT_NE(nullptr, desc) << name;
    EXPECT_EQ(kDebeziumVersion, desc->version);
    EXPECT_NE(nullptr, registry.newTransformation(name)) << name;
  }
  // Kafka's alias rules: the simple name resolves when it is unique.
  EXPECT_NE(nullptr, registry.find("ExtractNewRecordState", {api::PluginKind::Transformation}));
  EXPECT_NE(nullptr, registry.find("Filter", {api::PluginKind::Transformation}));
}

}  // namespace
}  // namespace connectd::transforms
