#include "connectors/file/file_stream_sink_connector.h"

#include <connectd/version.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "connectors/file/file_stream_sink_task.h"

namespace connectd::file {

const api::ConfigDef& FileStreamSinkConnector::configDef() {
  static const api::ConfigDef def = [] {
    using api::ConfigDef;
    ConfigDef d;
    d.defineNullDefault(kFileConfig, ConfigDef::Type::String, ConfigDef::Importance::High,
                        "Destination filename. If not specified, the standard output will be used");
    return d;
  }();
  return def;
}

std::string FileStreamSinkConnector::version() const { return kKafkaConnectVersion; }

void FileStreamSinkConnector::start(const api::ConfigMap& props) {
  api::ParsedConfig config(configDef(), props);
  props_ = props;
  std::string filename = config.getString(kFileConfig);
  spdlog::info("Starting file sink connector writing to {}",
               filename.empty() ? "standard output" : filename);
}

std::string FileStreamSinkConnector::taskClass() const { return FileStreamSinkTask::kClassName; }

std::vector<api::ConfigMap> FileStreamSinkConnector::taskConfigs(int max_tasks) {
  return std::vector<api::ConfigMap>(static_cast<size_t>(std::max(max_tasks, 0)), props_);
}

}  // namespace connectd::file
