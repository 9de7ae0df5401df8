#include "connectors/file/file_stream_source_connector.h"

#include <connectd/version.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "server/api/errors.h"

namespace connectd::file {
namespace {

class FileStreamSourceConnectorTest : public ::testing::Test {
 protected:
  api::ConfigMap props_{{"topic", "test"}, {"file", "/somefilename"}};
  FileStreamSourceConnector connector_;

  // The error messages validate() reports for `key`.
  std::vector<std::string> errorsFor(const api::ConfigMap& props, const std::string& key) {
    for (const auto& v : connector_.validate(props)) {
      if (v.name == key) return v.error_messages;
    }
    ADD_FAILURE() << "no ConfigValue for " << key;
    return {};
  }
};

TEST_F(FileStreamSourceConnectorTest, ValidConfigHasNoErrors) {
  for (const auto& v : connector_.validate(props_)) EXPECT_TRUE(v.error_messages.empty()) << v.name;
}

TEST_F(FileStreamSourceConnectorTest, DefaultsMatchKafka) {
  api::ParsedConfig config(FileStreamSourceConnector::configDef(), props_);
  EXPECT_EQ("test", config.getString("topic"));
  EXPECT_EQ(2000, config.getInt("batch.size"));
  const auto* file = FileStreamSourceConnector::configDef().find("file");
  ASSERT_NE(nullptr, file);
  EXPECT_FALSE(file->required);
  EXPECT_EQ("Source filename. If not specified, the standard input will be used",
            file->documentation);
  EXPECT_EQ(api::ConfigDef::Importance::High, file->importance);
}

struct InvalidConfigCase {
  std::string name;
  std::string key;
  std::optional<std::string> value;  // nullopt removes the key
  std::string message;
};

class FileStreamSourceConnectorInvalidTest
    : public FileStreamSourceConnectorTest,
      public ::testing::WithParamInterface<InvalidConfigCase> {};

TEST_P(FileStreamSourceConnectorInvalidTest, ValidateAndStartReportKafkasMessage) {
  const InvalidConfigCase& c = GetParam();
  api::ConfigMap props = props_;
  if (c.value) {
    props[c.key] = *c.value;
  } else {
    props.erase(c.key);
  }
  EXPECT_EQ(std::vector<std::string>{c.message}, errorsFor(props, c.key));
  try {
    connector_.start(props);
    FAIL() << "start() accepted the config";
  } catch (const api::ConfigException& e) {
    EXPECT_EQ(c.message, e.what());
  }
}

INSTANTIATE_TEST_SUITE_P(
    Kafka, FileStreamSourceConnectorInvalidTest,
    ::testing::Values(
        InvalidConfigCase{"MissingTopic", "topic", std::nullopt,
                          "Missing required configuration \"topic\" which has no default value."},
        InvalidConfigCase{"BlankTopic", "topic", "   ",
                          "Invalid value  for configuration topic: String must be non-empty"},
        InvalidConfigCase{
            "InvalidBatchSize", "batch.size", "abcd",
            "Invalid value abcd for configuration batch.size: Not a number of type INT"}),
    [](const auto& info) { return info.param.name; });

TEST_F(FileStreamSourceConnectorTest, ReturnsExactlyOneTaskConfig) {
  connector_.start(props_);
  for (int max_tasks : {1, 2, 5}) {
    auto configs = connector_.taskConfigs(max_tasks);
    ASSERT_EQ(1u, configs.size());
    EXPECT_EQ("/somefilename", configs[0].at("file"));
    EXPECT_EQ("test", configs[0].at("topic"));
  }
}

TEST_F(FileStreamSourceConnectorTest, TaskConfigForStdinHasNoFile) {
  props_.erase("file");
  connector_.start(props_);
  auto configs = connector_.taskConfigs(1);
  ASSERT_EQ(1u, configs.size());
  EXPECT_EQ(0u, configs[0].count("file"));
}

// KAFKA-13809: the whole connector config reaches the task, so transform changes apply.
TEST_F(FileStreamSourceConnectorTest, ConnectorConfigsPropagateToTaskConfigs) {
  props_["transforms"] = "insert";
  connector_.start(props_);
  auto configs = connector_.taskConfigs(1);
  ASSERT_EQ(1u, configs.size());
  EXPECT_EQ("insert", configs[0].at("transforms"));
}

TEST_F(FileStreamSourceConnectorTest, TaskClassAndVersion) {
  EXPECT_EQ("org.apache.kafka.connect.file.FileStreamSourceTask", connector_.taskClass());
  EXPECT_EQ(kKafkaConnectVersion, connector_.version());
}

}  // namespace
}  // namespace connectd::file
