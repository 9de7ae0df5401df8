#include "connectors/file/register_file_connectors.h"

#include <connectd/version.h>

#include <memory>

#include "connectors/file/file_stream_sink_connector.h"
#include "connectors/file/file_stream_sink_task.h"
#include "connectors/file/file_stream_source_connector.h"
#include "connectors/file/file_stream_source_task.h"

namespace connectd::file {

void registerFileConnectors(api::PluginRegistry& registry) {
  const std::string version = kKafkaConnectVersion;
  registry.addSourceConnector(
      FileStreamSourceConnector::kClassName, version,
      [] { return FileStreamSourceConnector::configDef(); },
      [] { return std::make_unique<FileStreamSourceConnector>(); });
  registry.addSinkConnector(
      FileStreamSinkConnector::kClassName, version,
      [] { return FileStreamSinkConnector::configDef(); },
      [] { return std::make_unique<FileStreamSinkConnector>(); });
  registry.addTask(FileStreamSourceTask::kClassName,
                   [] { return std::make_unique<FileStreamSourceTask>(); });
  registry.addTask(FileStreamSinkTask::kClassName,
                   [] { return std::make_unique<FileStreamSinkTask>(); });
}

}  // namespace connectd::file
