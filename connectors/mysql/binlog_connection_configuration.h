#pragma once

#include "connectors/mysql/binlog/connection.h"
#include "connectors/mysql/mysql_connector_config.h"

namespace connectd::mysql {

// Debezium's BinlogConnectionConfiguration: the settings of one database connection (query,
// snapshot, heartbeat or binlog replication connection; all of them use these, so all of them
// get the same TLS) from the connector's database.* keys: host, port, user, password,
// connect.timeout.ms, database.ssl.mode and, when the mode is not disabled, the client
// certificate of database.ssl.keystore(.password) and the trusted CAs of
// database.ssl.truststore(.password), read from their files (see KeyStore for the formats) at
// every call so that replaced files are picked up by the next connection. The truststore is
// read in every TLS mode (a broken one fails as in Debezium) but only the verify modes use it.
// Not included: database.initial.statements (the task adds them).
//
// Throws api::ConfigException naming the key (database.ssl.truststore, ...password, ...) when a
// store cannot be used: unreadable, a Java-only format (JKS/JCEKS), a wrong password, no
// certificate, or a keystore without a private key.
ConnectionOptions binlogConnectionOptions(const MySqlConnectorConfig& config);

}  // namespace connectd::mysql
