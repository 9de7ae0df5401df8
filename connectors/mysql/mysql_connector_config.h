#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "connectors/mysql/filters.h"
#include "connectors/mysql/schema/table.h"
#include "connectors/mysql/values/column_mapping_rule.h"
#include "connectors/mysql/values/value_converter_config.h"
#include "server/api/config_def.h"

namespace connectd::mysql {

enum class Flavor { MySql, MariaDb };

// The ConfigDef the connector plugin exposes (GET /connector-plugins/{p}/config and the key
// part of PUT .../config/validate): exactly the keys, order, groups ("MySQL"/"MariaDB",
// "Connector", "History Storage", "Events"), types, defaults, importance, documentation,
// widths, display names and dependents of Debezium 3.6.1's MySqlConnector.config() /
// MariaDbConnector.config(), including its quirks (the alias key
// internal.legacy.snapshot.max.threads, the pattern-named column.mask.* keys, the
// topic.naming.strategy default it advertises). Like Debezium's, no key is "required" at this
// level and no key carries a Kafka validator: Debezium validates through
// validateConnectorConfig() only, so the REST layer must not add ConfigDef::validate()
// messages for these keys. Enum keys carry their recommended values.
api::ConfigDef mySqlConnectorConfigDef(Flavor flavor);

// Keys Debezium reads but does not list in its ConfigDef (topic naming, schema history
// storage, signal channels, and a few connector options such as binary.handling.mode),
// grouped "Topic Naming", "Schema History Storage", "Signals" and "Connector Extras".
// For documentation (README tables) and typed access; not part of the REST plugin surface.
api::ConfigDef mySqlConnectorExtraConfigDef(Flavor flavor);

// mySqlConnectorConfigDef() followed by mySqlConnectorExtraConfigDef(): every key connectd's
// MySQL connector understands.
api::ConfigDef mySqlConnectorFullConfigDef(Flavor flavor);

// Debezium's connector validation (RelationalBaseSourceConnector.validate minus the database
// connection test): Configuration.validate(ALL_FIELDS) run over the raw properties. One
// ConfigValue per field of Debezium's ALL_FIELDS (the ConfigDef keys without the alias key),
// in ConfigDef order, with every message as Debezium words it ("The 'topic.prefix' value is
// invalid: A value is required"), duplicates included where Debezium's validator chains
// report a problem twice. value is always null (Debezium never fills it); recommended_values
// and visible follow Debezium's recommenders. Never throws for user input.
std::vector<api::ConfigValue> validateConnectorConfigValues(
    const std::map<std::string, std::string>& props, Flavor flavor);

// The same validation reduced to the keys that have errors (empty map: valid). The caller
// (REST validate, connector start) merges these into its ConfigValues.
std::map<std::string, std::vector<std::string>> validateConnectorConfig(
    const std::map<std::string, std::string>& props, Flavor flavor);

// Debezium's task-start checks, in its order, stopping after the first stage that fails (as the
// task does, with "Error configuring an instance of ...; check the logs for details"):
// BaseSourceTask's validateAndRecord(ALL_FIELDS), which checks top-level fields only (not
// table.include.list / database.include.list); the topic naming strategy's fields
// (topic.prefix, topic.delimiter, topic.cache.size, topic.transaction, topic.heartbeat.*); the
// schema history storage's fields (KafkaSchemaHistory: schema.history.internal.kafka.topic and
// .bootstrap.servers required, numeric settings; FileSchemaHistory:
// schema.history.internal.file.filename required). Lines as validateAndRecord logs them
// ("The 'max.batch.size' value 'abc' is invalid: ..."); empty when valid.
std::vector<std::string> validateStartupConfig(const std::map<std::string, std::string>& props,
                                               Flavor flavor);

// Debezium's MySqlConnectorConfig / MariaDbConnectorConfig: the typed view of one connector
// configuration. Built once per task start; immutable and thread-safe afterwards.
class MySqlConnectorConfig {
 public:
  static constexpr const char* kKafkaSchemaHistory =
      "io.debezium.storage.kafka.history.KafkaSchemaHistory";
  static constexpr const char* kFileSchemaHistory =
      "io.debezium.storage.file.history.FileSchemaHistory";

  // Throws api::ConfigException carrying the first line of validateStartupConfig() (all of
  // them are logged at ERROR first), an invalid regular expression in a list Debezium only
  // compiles at start (table/database lists, message.key.columns, column mapping rules, GTID
  // lists), or a value connectd does not support: time.precision.mode other than
  // adaptive_time_microseconds / connect, database.server.id above 4294967295, a
  // schema.history.internal other than the Kafka and file stores, a topic.naming.strategy other
  // than DefaultTopicNamingStrategy / SchemaTopicNamingStrategy.
  MySqlConnectorConfig(const std::map<std::string, std::string>& props, Flavor flavor);

  Flavor flavor() const { return flavor_; }
  // "mysql" / "mariadb" (Module.name(), the connector field of the source block).
  std::string connectorModuleName() const { return flavor_ == Flavor::MySql ? "mysql" : "mariadb"; }

  // Identity and connection.
  // The Kafka Connect connector name ("name"); empty when absent.
  std::string connectorName() const;
  std::string topicPrefix() const;
  std::string hostname() const;
  int port() const;
  std::string user() const;
  // Empty when unset.
  std::string password() const;
  uint32_t serverId() const;
  int64_t serverIdOffset() const;
  // Lower-cased database.ssl.mode (MySQL: disabled, preferred, required, verify_ca,
  // verify_identity; MariaDB: disable, trust, verify-ca, verify-full).
  std::string sslMode() const;
  // False for MySQL "disabled" and MariaDB "disable".
  bool sslEnabled() const;
  std::optional<std::string> sslKeystore() const;
  std::optional<std::string> sslKeystorePassword() const;
  std::optional<std::string> sslTruststore() const;
  std::optional<std::string> sslTruststorePassword() const;
  // database.initial.statements split at ';' (";;" is a literal ';'), trimmed, empties dropped.
  std::vector<std::string> initialStatements() const;
  int64_t queryTimeoutMs() const;
  int64_t connectTimeoutMs() const;
  bool keepAlive() const;
  int64_t keepAliveIntervalMs() const;
  bool useNongracefulDisconnect() const;
  // Session net_write_timeout / net_read_timeout for the binlog connection; 0 = server default.
  int64_t binlogNetWriteTimeout() const;
  int64_t binlogNetReadTimeout() const;
  int64_t connectionValidationTimeoutMs() const;
  // driver.* pass-through properties, prefix stripped.
  std::map<std::string, std::string> driverConfig() const;

  // Snapshot.
  // Trimmed, lower-cased snapshot.mode: initial, initial_only, when_needed, always, no_data,
  // recovery, configuration_based or custom (3.6 rejects never, schema_only and
  // schema_only_recovery at validation).
  std::string snapshotMode() const;
  std::string snapshotModeCustomName() const;
  struct ConfigurationBasedSnapshot {
    bool snapshot_data = false;
    bool snapshot_schema = false;
    bool start_stream = false;
    bool snapshot_on_schema_error = false;
    bool snapshot_on_data_error = false;
  };
  ConfigurationBasedSnapshot configurationBasedSnapshot() const;
  // Lower-cased snapshot.locking.mode (minimal, extended, none, custom; MySQL also
  // minimal_percona, minimal_percona_no_table_locks).
  std::string snapshotLockingMode() const;
  std::string snapshotLockingModeCustomName() const;
  // select_all or custom.
  std::string snapshotQueryMode() const;
  std::string snapshotQueryModeCustomName() const;
  int64_t snapshotLockTimeoutMs() const;
  int64_t snapshotDelayMs() const;
  int64_t streamingDelayMs() const;
  // nullopt when unset (MySQL then streams row by row, Integer.MIN_VALUE fetch size; MariaDB
  // uses a fetch size of 1).
  std::optional<int> snapshotFetchSize() const;
  int64_t minRowCountToStreamResults() const;
  // snapshot.select.statement.overrides: table -> SELECT from
  // snapshot.select.statement.overrides.<db>.<table>. Tables without a statement are skipped.
  std::map<TableId, std::string> snapshotSelectOverrides() const;
  int snapshotMaxThreads() const;
  // ascending, descending or disabled.
  std::string snapshotTablesOrderByRowCount() const;
  int incrementalSnapshotChunkSize() const;
  bool incrementalSnapshotAllowSchemaChanges() const;
  // insert_insert or insert_delete.
  std::string incrementalSnapshotWatermarkingStrategy() const;
  bool readOnly() const;

  // Events.
  bool includeSchemaChanges() const;
  bool includeQuery() const;
  bool tombstonesOnDelete() const;
  bool provideTransactionMetadata() const;
  // Operation codes 'c', 'u', 'd', 't' (and 'r') to drop while streaming; "none" -> empty.
  std::set<char> skippedOperations() const;
  bool skipMessagesWithoutChange() const;
  // Lower-cased: fail, warn, skip, ignore.
  std::string eventProcessingFailureHandlingMode() const;
  std::string inconsistentSchemaHandlingMode() const;
  // fail, warn, skip.
  std::string eventConvertingFailureHandlingMode() const;
  int maxBatchSize() const;
  int maxQueueSize() const;
  int64_t maxQueueSizeInBytes() const;
  int64_t pollIntervalMs() const;
  int64_t heartbeatIntervalMs() const;
  // nullopt when unset or empty.
  std::optional<std::string> heartbeatActionQuery() const;
  int binlogBufferSize() const;
  int errorsMaxRetries() const;
  int64_t retriableRestartWaitMs() const;
  int queryFetchSize() const;
  // signal.data.collection tables, signal.enabled.channels, signal.poll.interval.ms.
  const std::vector<TableId>& signalDataCollections() const {
    return filters_.signalDataCollections();
  }
  std::vector<std::string> signalEnabledChannels() const;
  int64_t signalPollIntervalMs() const;

  // Topics (DefaultTopicNamingStrategy, the strategy the binlog connectors actually use).
  std::string topicNamingStrategy() const;
  std::string topicDelimiter() const;
  // topic.heartbeat.name if set, else <topic.heartbeat.prefix><delimiter><topic.prefix>.
  std::string heartbeatTopic() const;
  // <topic.prefix><delimiter><topic.transaction>.
  std::string transactionTopic() const;
  // <topic.prefix>.<db>.<table> with the delimiter, empty parts skipped, sanitized.
  std::string dataTopic(const TableId& id) const;
  // The schema change topic: <topic.prefix>.
  std::string schemaChangeTopic() const;
  // AbstractTopicNamingStrategy.sanitizedTopicName: characters outside [A-Za-z0-9._-] become
  // '_' (one per UTF-16 unit, so two for a code point beyond the BMP), the name is cut to 249
  // characters, "." and ".." become "_" and "__".
  static std::string sanitizedTopicName(const std::string& name);
  bool extendedHeadersEnabled() const;

  // Values.
  ValueConverterConfig valueConverterConfig() const;
  // Debezium's ColumnMappers rules in its order: truncate, mask with chars, propagate by
  // column, propagate by data type, hash, hash v2 (same-kind keys in key order). The first rule
  // matching a column is its only mapper.
  std::vector<ColumnMappingRule> columnMappingRules() const;
  bool includeSchemaComments() const;
  // none, avro, avro_unicode.
  std::string schemaNameAdjustmentMode() const;
  std::string fieldNameAdjustmentMode() const;
  std::string unavailableValuePlaceholder() const;

  // GTIDs.
  // Null when neither gtid.source.includes nor gtid.source.excludes is set. MySQL: entries
  // that parse as a UUID are compared literally (case-insensitive), others are regexes;
  // MariaDB: regexes over "<domain>-<server>".
  std::function<bool(const std::string&)> gtidSourceFilter() const;
  bool gtidSourceFilterDmlEvents() const;
  bool gtidIgnoreOnRecovery() const;

  // Schema history.
  std::string schemaHistoryClass() const;
  std::string historyKafkaTopic() const;
  std::string historyKafkaBootstrapServers() const;
  // schema.history.internal.producer.* / .consumer.*, prefix stripped.
  std::map<std::string, std::string> historyProducerConfig() const;
  std::map<std::string, std::string> historyConsumerConfig() const;
  // schema.history.internal.name, default "<topic.prefix>-schemahistory" (client id and
  // consumer group of the history clients).
  std::string historyName() const;
  int historyRecoveryAttempts() const;
  int64_t historyRecoveryPollIntervalMs() const;
  int64_t historyKafkaQueryTimeoutMs() const;
  int64_t historyKafkaCreateTimeoutMs() const;
  bool skipUnparseableDdl() const;
  bool storeOnlyCapturedTablesDdl() const;
  bool storeOnlyCapturedDatabasesDdl() const;
  std::optional<std::string> historyFileFilename() const;
  // The internal DDL filter (internal.schema.history.internal.ddl.filter): statements it
  // matches are neither applied nor stored (RDS heartbeats, GRANT, DROP TEMPORARY TABLE, ...).
  bool isDdlFiltered(const std::string& ddl) const;

  const Filters& filters() const { return filters_; }
  // message.key.columns for this table: the matching columns in Debezium's order (each
  // "<table regex>:<col>" expression in config order, the table's columns in position order
  // within one expression, duplicates removed), or nullopt when none matches and the primary
  // key applies.
  std::optional<std::vector<std::string>> keyColumnsFor(const Table& table) const;

  // The properties parsed with mySqlConnectorFullConfigDef (Kafka's AbstractConfig view). A
  // value Debezium never validates and could not parse (it reads those as the default) is left
  // out, so the view shows the default too.
  const api::ParsedConfig& parsed() const { return parsed_; }
  const std::map<std::string, std::string>& originals() const { return props_; }

 private:
  std::optional<std::string> raw(const std::string& key) const;
  std::string getString(const std::string& key, const std::string& default_value) const;
  bool getBoolean(const std::string& key, bool default_value) const;
  int32_t getInt(const std::string& key, int32_t default_value) const;
  int64_t getLong(const std::string& key, int64_t default_value) const;
  std::string getLowerTrimmed(const std::string& key, const std::string& default_value) const;
  std::map<std::string, std::string> withPrefix(const std::string& prefix) const;

  Flavor flavor_;
  std::map<std::string, std::string> props_;
  Filters filters_;
  api::ParsedConfig parsed_;
  struct KeyMapping {
    RegexList pattern;  // "<table regex>.<column>" matched against "db.table.column"
  };
  std::vector<KeyMapping> key_mappings_;
  RegexList ddl_filter_;
};

}  // namespace connectd::mysql
