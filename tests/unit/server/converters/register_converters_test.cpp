#include "server/converters/register_converters.h"

#include <connectd/version.h>
#include <gtest/gtest.h>

namespace connectd::converters {
namespace {

TEST(RegisterConvertersTest, RegistersKafkaClassNames) {
  api::PluginRegistry registry;
  registerConverters(registry);
  using K = api::PluginKind;
  for (const char* name : {"org.apache.kafka.connect.json.JsonConverter",
                           "org.apache.kafka.connect.storage.StringConverter",
                           "org.apache.kafka.connect.converters.ByteArrayConverter"}) {
    const auto* converter = registry.find(name, {K::Converter});
    ASSERT_NE(converter, nullptr) << name;
    EXPECT_EQ(converter->version, kKafkaConnectVersion);
    EXPECT_NE(registry.find(name, {K::HeaderConverter}), nullptr) << name;
    EXPECT_NE(registry.newConverter(name), nullptr) << name;
    EXPECT_NE(registry.newHeaderConverter(name), nullptr) << name;
  }
  EXPECT_NE(
      registry.find("org.apache.kafka.connect.storage.SimpleHeaderConverter", {K::HeaderConverter}),
      nullptr);
  EXPECT_EQ(registry.find("org.apache.kafka.connect.storage.SimpleHeaderConverter", {K::Converter}),
            nullptr);
}

TEST(RegisterConvertersTest, ResolvesAliasesAndConfigDefs) {
  api::PluginRegistry registry;
  registerConverters(registry);
  auto json = registry.newConverter("JsonConverter");
  ASSERT_NE(json, nullptr);
  json->configure({{"schemas.enable", "false"}}, false);
  std::string out;
  ASSERT_TRUE(json->fromConnectData("t", nullptr, api::Value(int64_t{7}), out));
  EXPECT_EQ(out, "7");
  const auto* desc = registry.find("StringConverter", {api::PluginKind::Converter});
  ASSERT_NE(desc, nullptr);
  auto def = desc->config_def();
  EXPECT_NE(def.find("converter.encoding"), nullptr);
}

}  // namespace
}  // namespace connectd::converters
