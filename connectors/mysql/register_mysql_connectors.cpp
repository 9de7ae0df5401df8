#include "connectors/mysql/register_mysql_connectors.h"

#include <memory>

#include "connectors/mysql/event_emitter.h"
#include "connectors/mysql/mysql_connector.h"
#include "connectors/mysql/mysql_connector_task.h"

namespace connectd::mysql {

void registerMySqlConnectors(api::PluginRegistry& registry) {
  registry.addSourceConnector(
      MySqlConnector::kMySqlClassName, kDebeziumVersion, [] { return mySqlConnectorConfigDef(Flavor::MySql); },
      [] { return std::make_unique<MySqlConnector>(Flavor::MySql); });
  registry.addSourceConnector(
      MySqlConnector::kMariaDbClassName, kDebeziumVersion, [] { return mySqlConnectorConfigDef(Flavor::MariaDb); },
      [] { return std::make_unique<MySqlConnector>(Flavor::MariaDb); });
  registry.addTask(MySqlConnectorTask::kMySqlClassName, [] { return std::make_unique<MySqlConnectorTask>(Flavor::MySql); });
  registry.addTask(MySqlConnectorTask::kMariaDbClassName,
                   [] { return std::make_unique<MySqlConnectorTask>(Flavor::MariaDb); });
}

}  // namespace connectd::mysql
