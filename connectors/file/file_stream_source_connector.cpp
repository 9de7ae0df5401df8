#include "connectors/file/file_stream_source_connector.h"

#include <connectd/version.h>
#include <spdlog/spdlog.h>

#include "connectors/file/file_stream_source_task.h"

namespace connectd::file {

const api::ConfigDef& FileStreamSourceConnector::configDef() {
  static const api::ConfigDef def = [] {
    using api::ConfigDef;
    ConfigDef d;
    d.defineNullDefault(kFileConfig, ConfigDef::Type::String, ConfigDef::Importance::High,
                        "Source filename. If not specified, the standard input will be used");
    d.define(kTopicConfig, ConfigDef::Type::String, ConfigDef::nonEmptyString(),
             ConfigDef::Importance::High, "The topic to publish data to");
    d.define(kTaskBatchSizeConfig, ConfigDef::Type::Int, std::to_string(kDefaultTaskBatchSize),
             ConfigDef::Importance::Low,
             "The maximum number of records the source task can read from the file each time it is "
             "polled");
    return d;
  }();
  return def;
}

std::string FileStreamSourceConnector::version() const { return kKafkaConnectVersion; }

void FileStreamSourceConnector::start(const api::ConfigMap& props) {
  // Parsing fails start() on a bad config, as Kafka's AbstractConfig does.
  api::ParsedConfig config(configDef(), props);
  props_ = props;
  std::string filename = config.getString(kFileConfig);
  spdlog::info("Starting file source connector reading from {}",
               filename.empty() ? "standard input" : filename);
}

std::string FileStreamSourceConnector::taskClass() const {
  return FileStreamSourceTask::kClassName;
}

std::vector<api::ConfigMap> FileStreamSourceConnector::taskConfigs(int max_tasks) {
  return {props_};
}

}  // namespace connectd::file
