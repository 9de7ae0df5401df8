#pragma once

#include <string>
#include <vector>

#include "server/api/config_def.h"
#include "server/api/connector.h"

namespace connectd::file {

// Kafka's FileStreamSinkConnector: appends every record value as a line to a file (or writes to
// standard output when `file` is unset). The topics come from the runtime's `topics` /
// `topics.regex` keys.
class FileStreamSinkConnector : public api::SinkConnector {
 public:
  static constexpr const char* kClassName = "org.apache.kafka.connect.file.FileStreamSinkConnector";
  static constexpr const char* kFileConfig = "file";

  static const api::ConfigDef& configDef();

  std::string version() const override;
  void start(const api::ConfigMap& props) override;
  std::string taskClass() const override;
  // `max_tasks` identical configs; all tasks append to the same file.
  std::vector<api::ConfigMap> taskConfigs(int max_tasks) override;
  void stop() override {}
  api::ConfigDef config() const override { return configDef(); }

 private:
  api::ConfigMap props_;
};

}  // namespace connectd::file
