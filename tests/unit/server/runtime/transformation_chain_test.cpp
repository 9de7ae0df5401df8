#include "server/runtime/transformation_chain.h"

#include <gtest/gtest.h>

#include "server/api/errors.h"
#include "server/runtime/caused_connect_exception.h"
#include "server/runtime/connector_config.h"
#include "test_plugins.h"

using connectd::api::ConfigMap;
using connectd::api::ConnectRecord;
using connectd::api::Value;
using connectd::runtime::RetryWithToleranceOperator;
using connectd::runtime::TransformationChain;

namespace {

class TransformationChainTest : public ::testing::Test {
 protected:
  void SetUp() override { connectd::testing::registerTestPlugins(registry_); }

  std::string errorOf(const ConfigMap& props) {
    try {
      TransformationChain::fromConfig(registry_, props);
    } catch (const connectd::api::ConnectException& e) {
      return e.what();
    }
    return "";
  }

  static ConnectRecord record(std::string topic, std::string value) {
    return ConnectRecord(std::move(topic), 0, nullptr, Value(), nullptr, Value(std::move(value)));
  }

  connectd::api::PluginRegistry registry_;
};

}  // namespace

TEST_F(TransformationChainTest, EmptyWithoutTransforms) {
  auto chain = TransformationChain::fromConfig(registry_, {{"name", "c"}});
  EXPECT_TRUE(chain.empty());
}

TEST_F(TransformationChainTest, AppliesStagesInDeclaredOrderWithPrefixStrippedConfigs) {
  auto chain = TransformationChain::fromConfig(registry_, {{"transforms", "b, a"},
                                                           {"transforms.a.type", "test.AppendSuffix"},
                                                           {"transforms.a.suffix", "-A"},
                                                           {"transforms.b.type", "test.AppendSuffix"},
                                                           {"transforms.b.suffix", "-B"}});
  ASSERT_EQ(chain.stages().size(), 2u);
  EXPECT_EQ(chain.stages()[0].alias, "b");
  auto r = record("t", "v");
  EXPECT_TRUE(chain.apply(r));
  EXPECT_EQ(r.value.asString(), "v-B-A");
}

TEST_F(TransformationChainTest, DroppedRecordStopsTheChain) {
  auto chain = TransformationChain::fromConfig(registry_, {{"transforms", "drop,a"},
                                                           {"transforms.drop.type", "test.DropAll"},
                                                           {"transforms.a.type", "test.AppendSuffix"},
                                                           {"transforms.a.suffix", "-A"}});
  auto r = record("t", "v");
  EXPECT_FALSE(chain.apply(r));
  EXPECT_EQ(r.value.asString(), "v");
}

TEST_F(TransformationChainTest, PredicateAndNegateSelectRecords) {
  ConfigMap props{{"transforms", "a"},           {"transforms.a.type", "test.AppendSuffix"},
                  {"transforms.a.suffix", "!"},  {"transforms.a.predicate", "isOrders"},
                  {"predicates", "isOrders"},    {"predicates.isOrders.type", "test.TopicIs"},
                  {"predicates.isOrders.topic", "orders"}};
  auto chain = TransformationChain::fromConfig(registry_, props);
  auto orders = record("orders", "o");
  auto other = record("other", "x");
  chain.apply(orders);
  chain.apply(other);
  EXPECT_EQ(orders.value.asString(), "o!");
  EXPECT_EQ(other.value.asString(), "x");

  props["transforms.a.negate"] = "true";
  auto negated = TransformationChain::fromConfig(registry_, props);
  orders = record("orders", "o");
  other = record("other", "x");
  negated.apply(orders);
  negated.apply(other);
  EXPECT_EQ(orders.value.asString(), "o");
  EXPECT_EQ(other.value.asString(), "x!");
}

TEST_F(TransformationChainTest, UnknownClassHasKafkasMessage) {
  EXPECT_EQ(errorOf({{"transforms", "a"}, {"transforms.a.type", "com.example.Nope"}}),
            "Invalid value com.example.Nope for configuration transforms.a.type: Class com.example.Nope could not be "
            "found.");
}

TEST_F(TransformationChainTest, MissingTypeHasKafkasMessage) {
  EXPECT_EQ(errorOf({{"transforms", "a"}}),
            "Invalid value null for configuration transforms.a.type: Not a Transformation");
}

TEST_F(TransformationChainTest, MissingPredicateTypeHasKafkasMessage) {
  EXPECT_EQ(errorOf({{"transforms", "a"},
                     {"transforms.a.type", "test.DropAll"},
                     {"transforms.a.predicate", "p"},
                     {"predicates", "p"}}),
            "Invalid value null for configuration predicates.p.type: Not a Predicate");
}

TEST_F(TransformationChainTest, NegateWithoutPredicateHasKafkasMessage) {
  EXPECT_EQ(errorOf({{"transforms", "a"}, {"transforms.a.type", "test.DropAll"}, {"transforms.a.negate", "true"}}),
            "Config 'transforms.a.negate' was provided but there is no config 'transforms.a.predicate' defining a "
            "predicate to be negated.");
}

TEST_F(TransformationChainTest, UndeclaredPredicateAliasIsWrappedConfigException) {
  EXPECT_EQ(errorOf({{"transforms", "a"},
                     {"transforms.a.type", "test.DropAll"},
                     {"transforms.a.predicate", "p"},
                     {"predicates.p.type", "test.TopicIs"},
                     {"predicates.p.topic", "x"}}),
            "org.apache.kafka.common.config.ConfigException: Unknown configuration 'predicates.p.type'");
}

TEST_F(TransformationChainTest, MissingSmtKeyIsReportedWithItsPrefixedName) {
  EXPECT_EQ(errorOf({{"transforms", "a"}, {"transforms.a.type", "test.AppendSuffix"}}),
            "Missing required configuration \"transforms.a.suffix\" which has no default value.");
}

TEST_F(TransformationChainTest, DuplicateAliasHasKafkasMessage) {
  EXPECT_EQ(errorOf({{"transforms", "a,a"}, {"transforms.a.type", "test.DropAll"}}),
            "Invalid value [a, a] for configuration transforms: Duplicate alias provided.");
}

TEST_F(TransformationChainTest, ToleranceAllSkipsAFailingRecord) {
  auto chain = TransformationChain::fromConfig(
      registry_, {{"transforms", "a"}, {"transforms.a.type", "test.AppendSuffix"}, {"transforms.a.suffix", "!"}});
  RetryWithToleranceOperator all(0, 60000, true, false, false, "t-0");
  ConnectRecord bad("t", 0, nullptr, Value(), nullptr, Value(int32_t{1}));
  EXPECT_FALSE(chain.apply(bad, all));
  EXPECT_EQ(all.totalFailures(), 1);
  auto good = record("t", "v");
  EXPECT_TRUE(chain.apply(good, all));
  EXPECT_EQ(good.value.asString(), "v!");
}

TEST_F(TransformationChainTest, ToleranceNoneFailsWithCause) {
  auto chain = TransformationChain::fromConfig(
      registry_, {{"transforms", "a"}, {"transforms.a.type", "test.AppendSuffix"}, {"transforms.a.suffix", "!"}});
  RetryWithToleranceOperator none(0, 60000, false, false, false, "t-0");
  ConnectRecord bad("t", 0, nullptr, Value(), nullptr, Value(int32_t{1}));
  try {
    chain.apply(bad, none);
    FAIL() << "expected a failure";
  } catch (const connectd::runtime::CausedConnectException& e) {
    EXPECT_STREQ(e.what(), "Tolerance exceeded in error handler");
    EXPECT_EQ(connectd::runtime::stackTraceOf(e),
              "org.apache.kafka.connect.errors.ConnectException: Tolerance exceeded in error handler\n"
              "Caused by: org.apache.kafka.connect.errors.DataException: Only strings are supported\n");
  }
}

TEST_F(TransformationChainTest, EnrichedDefinitionEmbedsSmtKeysForValidation) {
  ConfigMap props{{"transforms", "a"}, {"transforms.a.type", "test.AppendSuffix"}};
  auto def = connectd::runtime::ConnectorConfig::enrich(registry_, connectd::runtime::ConnectorConfig::configDef(&registry_),
                                                        props, false);
  const auto* type = def.find("transforms.a.type");
  ASSERT_NE(type, nullptr);
  EXPECT_EQ(type->group, "Transforms: a");
  EXPECT_EQ(type->display_name, "Transformation type for a");
  const auto* suffix = def.find("transforms.a.suffix");
  ASSERT_NE(suffix, nullptr);
  EXPECT_EQ(suffix->group, "Transforms: a");
  EXPECT_NE(def.find("transforms.a.predicate"), nullptr);
  EXPECT_NE(def.find("transforms.a.negate"), nullptr);
  bool reported = false;
  for (const auto& v : def.validate(props)) {
    if (v.name == "transforms.a.suffix") {
      ASSERT_EQ(v.error_messages.size(), 1u);
      EXPECT_EQ(v.error_messages[0], "Missing required configuration \"transforms.a.suffix\" which has no default value.");
      reported = true;
    }
  }
  EXPECT_TRUE(reported);
}
