#pragma once

#include <string>
#include <vector>

#include "connectors/mysql/mysql_connector_config.h"
#include "server/api/config_def.h"
#include "server/api/connector.h"

namespace connectd::mysql {

// io.debezium.connector.mysql.MySqlConnector and io.debezium.connector.mariadb.MariaDbConnector:
// one task carrying the connector's whole configuration.
class MySqlConnector : public api::SourceConnector {
 public:
  static constexpr const char* kMySqlClassName = "io.debezium.connector.mysql.MySqlConnector";
  static constexpr const char* kMariaDbClassName = "io.debezium.connector.mariadb.MariaDbConnector";

  explicit MySqlConnector(Flavor flavor) : flavor_(flavor) {}

  std::string version() const override;
  void start(const api::ConfigMap& props) override;
  std::string taskClass() const override;
  // Throws ConnectException for tasks.max > 1 ("Only a single connector task may be started").
  std::vector<api::ConfigMap> taskConfigs(int max_tasks) override;
  void stop() override {}
  api::ConfigDef config() const override { return mySqlConnectorConfigDef(flavor_); }
  // Debezium's own validation and, when every key is valid, a connection test whose failure is
  // reported on database.hostname.
  std::vector<api::ConfigValue> validate(const api::ConfigMap& props) const override;

 private:
  Flavor flavor_;
  api::ConfigMap props_;
};

}  // namespace connectd::mysql
