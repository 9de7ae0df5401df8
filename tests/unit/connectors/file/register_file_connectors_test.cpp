#include "connectors/file/register_file_connectors.h"

#include <connectd/version.h>
#include <gtest/gtest.h>

#include "server/api/plugin_registry.h"

namespace connectd::file {
namespace {

TEST(RegisterFileConnectorsTest, RegistersConnectorsAndTasks) {
  api::PluginRegistry registry;
  registerFileConnectors(registry);

  const api::PluginDesc* source = registry.find(
      "org.apache.kafka.connect.file.FileStreamSourceConnector", {api::PluginKind::Source});
  ASSERT_NE(nullptr, source);
  EXPECT_EQ(kKafkaConnectVersion, source->version);
  const api::PluginDesc* sink = registry.find(
      "org.apache.kafka.connect.file.FileStreamSinkConnector", {api::PluginKind::Sink});
  ASSERT_NE(nullptr, sink);

  // Kafka's aliases: simple name and the name without "Connector".
  auto connector = registry.newConnector("FileStreamSource");
  ASSERT_NE(nullptr, connector);
  EXPECT_EQ("org.apache.kafka.connect.file.FileStreamSourceTask", connector->taskClass());
  EXPECT_NE(nullptr, registry.newConnector("FileStreamSinkConnector"));

  EXPECT_NE(nullptr, registry.newTask("org.apache.kafka.connect.file.FileStreamSourceTask"));
  EXPECT_NE(nullptr, registry.newTask("org.apache.kafka.connect.file.FileStreamSinkTask"));
}

}  // namespace
}  // namespace connectd::file
