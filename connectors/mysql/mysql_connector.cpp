#include "connectors/mysql/mysql_connector.h"

#include "connectors/mysql/binlog/connection.h"
#include "connectors/mysql/binlog_connection_configuration.h"
#include "connectors/mysql/event_emitter.h"
#include "connectors/mysql/mysql_connector_task.h"
#include "server/api/errors.h"

namespace connectd::mysql {

std::string MySqlConnector::version() const { return kDebeziumVersion; }

void MySqlConnector::start(const api::ConfigMap& props) { props_ = props; }

std::string MySqlConnector::taskClass() const {
  return flavor_ == Flavor::MariaDb ? MySqlConnectorTask::kMariaDbClassName : MySqlConnectorTask::kMySqlClassName;
}

std::vector<api::ConfigMap> MySqlConnector::taskConfigs(int max_tasks) {
  if (max_tasks > 1) throw api::ConnectException("Only a single connector task may be started");
  return {props_};
}

std::vector<api::ConfigValue> MySqlConnector::validate(const api::ConfigMap& props) const {
  // Debezium's RelationalBaseSourceConnector.validate: its own field validation, then a
  // connection test only when every field is valid, reported on database.hostname.
  std::vector<api::ConfigValue> values = validateConnectorConfigValues(props, flavor_);
  const bool all_valid =
      std::all_of(values.begin(), values.end(), [](const api::ConfigValue& v) { return v.error_messages.empty(); });
  if (!all_valid) return values;
  try {
    MySqlConnectorConfig config(props, flavor_);
    ConnectionOptions options;
    try {
      options = binlogConnectionOptions(config);
    } catch (const api::ConfigException& e) {
      // An unusable truststore/keystore is reported on its own key, as Kafka reports a bad value.
      auto it = std::find_if(values.begin(), values.end(),
                             [&](const api::ConfigValue& v) { return v.name == e.configName(); });
      if (it == values.end()) throw;
      it->addErrorMessage(e.what());
      return values;
    }
    Connection conn(options);
    conn.connect();
    conn.close();
  } catch (const std::exception& e) {
    auto it = std::find_if(values.begin(), values.end(),
                           [](const api::ConfigValue& v) { return v.name == "database.hostname"; });
    if (it != values.end()) it->addErrorMessage(std::string("Unable to connect: ") + e.what());
  }
  return values;
}

}  // namespace connectd::mysql
