#pragma once

#include <string>
#include <vector>

#include "server/api/config_def.h"
#include "server/api/connector.h"

namespace connectd::file {

// Kafka's FileStreamSourceConnector: one task that tails a file (or reads standard input when
// `file` is unset) and publishes every line to `topic`.
class FileStreamSourceConnector : public api::SourceConnector {
 public:
  static constexpr const char* kClassName =
      "org.apache.kafka.connect.file.FileStreamSourceConnector";
  static constexpr const char* kTopicConfig = "topic";
  static constexpr const char* kFileConfig = "file";
  static constexpr const char* kTaskBatchSizeConfig = "batch.size";
  static constexpr int kDefaultTaskBatchSize = 2000;

  static const api::ConfigDef& configDef();

  std::string version() const override;
  void start(const api::ConfigMap& props) override;
  std::string taskClass() const override;
  // Always exactly one task: there is only one input stream to read.
  std::vector<api::ConfigMap> taskConfigs(int max_tasks) override;
  void stop() override {}
  api::ConfigDef config() const override { return configDef(); }

 private:
  api::ConfigMap props_;
};

}  // namespace connectd::file
