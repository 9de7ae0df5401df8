#include <gtest/gtest.h>

#include "server/api/errors.h"
#include "server/api/plugin_registry.h"

namespace connectd::api {
namespace {

class NoopConnector : public SourceConnector {
 public:
  std::string version() const override { return "1"; }
  void start(const ConfigMap&) override {}
  std::string taskClass() const override { return "t"; }
  std::vector<ConfigMap> taskConfigs(int) override { return {}; }
  void stop() override {}
  ConfigDef config() const override { return {}; }
};

PluginRegistry registry() {
  PluginRegistry r;
  auto f = [] { return std::make_unique<NoopConnector>(); };
  r.addSourceConnector("org.apache.kafka.connect.file.FileStreamSourceConnector", "3.9.0", nullptr, f);
  r.addSinkConnector("org.apache.kafka.connect.file.FileStreamSinkConnector", "3.9.0", nullptr, f);
  r.addSourceConnector("io.debezium.connector.mysql.MySqlConnector", "3.0", nullptr, f);
  r.addSourceConnector("com.example.MySqlConnector", "1", nullptr, f);  // makes MySql ambiguous
  r.addTransformation("org.apache.kafka.connect.transforms.InsertField$Value", "3.9.0", nullptr, nullptr);
  r.addTransformation("org.apache.kafka.connect.transforms.ReplaceField$Value", "3.9.0", nullptr, nullptr);
  r.addTransformation("org.apache.kafka.connect.transforms.RegexRouter", "3.9.0", nullptr, nullptr);
  return r;
}

TEST(PluginRegistryTest, ResolvesExactSimpleAndPrunedNames) {
  auto r = registry();
  const std::string cls = "org.apache.kafka.connect.file.FileStreamSourceConnector";
  EXPECT_EQ(r.connector(cls).class_name, cls);
  EXPECT_EQ(r.connector("FileStreamSourceConnector").class_name, cls);
  EXPECT_EQ(r.connector("FileStreamSource").class_name, cls);
  EXPECT_EQ(r.find("RegexRouter", {PluginKind::Transformation})->class_name,
            "org.apache.kafka.connect.transforms.RegexRouter");
}

TEST(PluginRegistryTest, AmbiguousAliasesAreNotRegistered) {
  auto r = registry();
  EXPECT_EQ(r.find("MySqlConnector", {PluginKind::Source}), nullptr);
  EXPECT_EQ(r.find("MySql", {PluginKind::Source}), nullptr);
  EXPECT_NE(r.find("io.debezium.connector.mysql.MySqlConnector", {PluginKind::Source}), nullptr);
  // Nested classes share the simple name "Value", so it is no alias.
  EXPECT_EQ(r.find("Value", {PluginKind::Transformation}), nullptr);
}

TEST(PluginRegistryTest, UnknownConnectorNamesClosestMatch) {
  auto r = registry();
  try {
    r.connector("FileStreamSourse");
    FAIL();
  } catch (const ConnectException& e) {
    std::string msg = e.what();
    EXPECT_EQ(msg.rfind("Failed to find any class that implements Connector and which name matches FileStreamSourse", 0),
              0u);
    EXPECT_NE(msg.find("did you mean org.apache.kafka.connect.file.FileStreamSourceConnector?"), std::string::npos)
        << msg;
  }
}

TEST(PluginRegistryTest, ListsPluginsByKindSorted) {
  auto r = registry();
  auto list = r.plugins({PluginKind::Source, PluginKind::Sink});
  ASSERT_EQ(list.size(), 4u);
  EXPECT_EQ(list[0]->class_name, "com.example.MySqlConnector");
  EXPECT_EQ(pluginKindName(list[0]->kind), "source");
}

}  // namespace
}  // namespace connectd::api
