#include "connectors/file/file_stream_sink_connector.h"

#include <connectd/version.h>
#include <gtest/gtest.h>

namespace connectd::file {
namespace {

TEST(FileStreamSinkConnectorTest, ValidConfigHasNoErrors) {
  FileStreamSinkConnector connector;
  for (const auto& v : connector.validate({{"file", "/tmp/out"}, {"topics", "a,b"}})) {
    EXPECT_TRUE(v.error_messages.empty()) << v.name;
  }
  for (const auto& v : connector.validate({})) EXPECT_TRUE(v.error_messages.empty()) << v.name;
}

TEST(FileStreamSinkConnectorTest, ReturnsMaxTasksCopiesOfTheConfig) {
  FileStreamSinkConnector connector;
  api::ConfigMap props{{"file", "/tmp/out"}, {"topics", "a"}};
  connector.start(props);
  EXPECT_EQ(1u, connector.taskConfigs(1).size());
  auto configs = connector.taskConfigs(3);
  ASSERT_EQ(3u, configs.size());
  for (const auto& c : configs) EXPECT_EQ(props, c);
}

TEST(FileStreamSinkConnectorTest, TaskClassVersionAndConfigDef) {
  FileStreamSinkConnector connector;
  EXPECT_EQ("org.apache.kafka.connect.file.FileStreamSinkTask", connector.taskClass());
  EXPECT_EQ(kKafkaConnectVersion, connector.version());
  const auto& keys = FileStreamSinkConnector::configDef().keys();
  ASSERT_EQ(1u, keys.size());
  EXPECT_EQ("file", keys[0].name);
  EXPECT_EQ("Destination filename. If not specified, the standard output will be used",
            keys[0].documentation);
}

}  // namespace
}  // namespace connectd::file
