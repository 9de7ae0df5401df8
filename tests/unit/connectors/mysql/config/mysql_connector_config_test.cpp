#include "connectors/mysql/mysql_connector_config.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "server/api/errors.h"

namespace connectd::mysql {
namespace {

using Props = std::map<std::string, std::string>;

Props baseProps(Props extra = {}) {
  Props p = {
      {"name", "inventory-connector"},
      {"connector.class", "io.debezium.connector.mysql.MySqlConnector"},
      {"topic.prefix", "dbserver1"},
      {"database.hostname", "mysql"},
      {"database.user", "debezium"},
      {"database.password", "dbz"},
      {"database.server.id", "184054"},
      {"schema.history.internal.kafka.topic", "schema-changes.inventory"},
      {"schema.history.internal.kafka.bootstrap.servers", "kafka:9092"},
  };
  for (auto& [k, v] : extra) p[k] = v;
  return p;
}

std::string messageOf(const Props& props, Flavor flavor = Flavor::MySql) {
  try {
    MySqlConnectorConfig config(props, flavor);
  } catch (const api::ConfigException& e) {
    return e.what();
  }
  return "";
}

Table tableWithColumns(const std::string& db, const std::string& name,
                       std::vector<std::string> columns, std::vector<std::string> pk = {}) {
  Table t;
  t.id = {db, name};
  int position = 1;
  for (auto& c : columns) {
    Column col;
    col.name = c;
    col.position = position++;
    t.columns.push_back(col);
  }
  t.primaryKeyColumnNames = std::move(pk);
  return t;
}

TEST(MySqlConnectorConfigTest, DefaultsMatchDebezium) {
  MySqlConnectorConfig c(baseProps(), Flavor::MySql);
  EXPECT_EQ(c.connectorName(), "inventory-connector");
  EXPECT_EQ(c.topicPrefix(), "dbserver1");
  EXPECT_EQ(c.hostname(), "mysql");
  EXPECT_EQ(c.port(), 3306);
  EXPECT_EQ(c.user(), "debezium");
  EXPECT_EQ(c.password(), "dbz");
  EXPECT_EQ(c.serverId(), 184054u);
  EXPECT_EQ(c.serverIdOffset(), 10000);
  EXPECT_EQ(c.sslMode(), "preferred");
  EXPECT_TRUE(c.sslEnabled());
  EXPECT_EQ(c.sslKeystore(), std::nullopt);
  EXPECT_TRUE(c.initialStatements().empty());
  EXPECT_EQ(c.queryTimeoutMs(), 600000);
  EXPECT_EQ(c.connectTimeoutMs(), 30000);
  EXPECT_TRUE(c.keepAlive());
  EXPECT_EQ(c.keepAliveIntervalMs(), 60000);
  EXPECT_FALSE(c.useNongracefulDisconnect());
  EXPECT_EQ(c.binlogNetWriteTimeout(), 0);
  EXPECT_EQ(c.binlogNetReadTimeout(), 0);
  EXPECT_EQ(c.connectionValidationTimeoutMs(), 60000);

  EXPECT_EQ(c.snapshotMode(), "initial");
  EXPECT_EQ(c.snapshotLockingMode(), "minimal");
  EXPECT_EQ(c.snapshotQueryMode(), "select_all");
  EXPECT_EQ(c.snapshotLockTimeoutMs(), 10000);
  EXPECT_EQ(c.snapshotDelayMs(), 0);
  EXPECT_EQ(c.streamingDelayMs(), 0);
  EXPECT_EQ(c.snapshotFetchSize(), std::nullopt);
  EXPECT_EQ(c.minRowCountToStreamResults(), 1000);
  EXPECT_TRUE(c.snapshotSelectOverrides().empty());
  EXPECT_EQ(c.snapshotMaxThreads(), 1);
  EXPECT_EQ(c.snapshotTablesOrderByRowCount(), "disabled");
  EXPECT_EQ(c.incrementalSnapshotChunkSize(), 1024);
  EXPECT_FALSE(c.incrementalSnapshotAllowSchemaChanges());
  EXPECT_EQ(c.incrementalSnapshotWatermarkingStrategy(), "insert_insert");
  EXPECT_FALSE(c.readOnly());
  auto cb = c.configurationBasedSnapshot();
  EXPECT_FALSE(cb.snapshot_data || cb.snapshot_schema || cb.start_stream ||
               cb.snapshot_on_schema_error || cb.snapshot_on_data_error);

  EXPECT_TRUE(c.includeSchemaChanges());
  EXPECT_FALSE(c.includeQuery());
  EXPECT_TRUE(c.tombstonesOnDelete());
  EXPECT_FALSE(c.provideTransactionMetadata());
  EXPECT_EQ(c.skippedOperations(), (std::set<char>{'t'}));
  EXPECT_FALSE(c.skipMessagesWithoutChange());
  EXPECT_EQ(c.eventProcessingFailureHandlingMode(), "fail");
  EXPECT_EQ(c.inconsistentSchemaHandlingMode(), "fail");
  EXPECT_EQ(c.eventConvertingFailureHandlingMode(), "warn");
  EXPECT_EQ(c.maxBatchSize(), 2048);
  EXPECT_EQ(c.maxQueueSize(), 8192);
  EXPECT_EQ(c.maxQueueSizeInBytes(), 0);
  EXPECT_EQ(c.pollIntervalMs(), 500);
  EXPECT_EQ(c.heartbeatIntervalMs(), 0);
  EXPECT_EQ(c.heartbeatActionQuery(), std::nullopt);
  EXPECT_EQ(c.binlogBufferSize(), 0);
  EXPECT_EQ(c.errorsMaxRetries(), -1);
  EXPECT_EQ(c.retriableRestartWaitMs(), 10000);
  EXPECT_EQ(c.queryFetchSize(), 0);
  EXPECT_EQ(c.signalEnabledChannels(), std::vector<std::string>{"source"});
  EXPECT_EQ(c.signalPollIntervalMs(), 5000);
  EXPECT_TRUE(c.signalDataCollections().empty());

  EXPECT_EQ(c.topicNamingStrategy(), "io.debezium.schema.DefaultTopicNamingStrategy");
  EXPECT_EQ(c.topicDelimiter(), ".");
  EXPECT_EQ(c.heartbeatTopic(), "__debezium-heartbeat.dbserver1");
  EXPECT_EQ(c.transactionTopic(), "dbserver1.transaction");
  EXPECT_EQ(c.schemaChangeTopic(), "dbserver1");
  EXPECT_EQ(c.dataTopic({"inventory", "customers"}), "dbserver1.inventory.customers");
  EXPECT_TRUE(c.extendedHeadersEnabled());

  auto v = c.valueConverterConfig();
  EXPECT_EQ(v.decimal, ValueConverterConfig::DecimalMode::Precise);
  EXPECT_EQ(v.bigint_unsigned, ValueConverterConfig::BigIntUnsignedMode::Long);
  EXPECT_EQ(v.binary, ValueConverterConfig::BinaryMode::Bytes);
  EXPECT_EQ(v.time_precision, ValueConverterConfig::TimePrecisionMode::AdaptiveTimeMicroseconds);
  EXPECT_TRUE(v.enable_time_adjuster);
  EXPECT_FALSE(v.mariadb);
  EXPECT_TRUE(c.columnMappingRules().empty());
  EXPECT_FALSE(c.includeSchemaComments());
  EXPECT_EQ(c.schemaNameAdjustmentMode(), "none");
  EXPECT_EQ(c.fieldNameAdjustmentMode(), "none");
  EXPECT_EQ(c.unavailableValuePlaceholder(), "__debezium_unavailable_value");

  EXPECT_EQ(c.gtidSourceFilter(), nullptr);
  EXPECT_TRUE(c.gtidSourceFilterDmlEvents());
  EXPECT_FALSE(c.gtidIgnoreOnRecovery());

  EXPECT_EQ(c.schemaHistoryClass(), MySqlConnectorConfig::kKafkaSchemaHistory);
  EXPECT_EQ(c.historyKafkaTopic(), "schema-changes.inventory");
  EXPECT_EQ(c.historyKafkaBootstrapServers(), "kafka:9092");
  EXPECT_EQ(c.historyName(), "dbserver1-schemahistory");
  EXPECT_EQ(c.historyRecoveryAttempts(), 100);
  EXPECT_EQ(c.historyRecoveryPollIntervalMs(), 100);
  EXPECT_EQ(c.historyKafkaQueryTimeoutMs(), 3000);
  EXPECT_EQ(c.historyKafkaCreateTimeoutMs(), 30000);
  EXPECT_FALSE(c.skipUnparseableDdl());
  EXPECT_FALSE(c.storeOnlyCapturedTablesDdl());
  EXPECT_FALSE(c.storeOnlyCapturedDatabasesDdl());
  EXPECT_EQ(c.historyFileFilename(), std::nullopt);
  EXPECT_TRUE(c.historyProducerConfig().empty());
  EXPECT_EQ(c.connectorModuleName(), "mysql");
}

TEST(MySqlConnectorConfigTest, MariaDbDefaultsDifferWhereDebeziumsDo) {
  Props p = baseProps({{"connector.class", "io.debezium.connector.mariadb.MariaDbConnector"}});
  MySqlConnectorConfig c(p, Flavor::MariaDb);
  EXPECT_EQ(c.sslMode(), "disable");
  EXPECT_FALSE(c.sslEnabled());
  EXPECT_TRUE(c.valueConverterConfig().mariadb);
  EXPECT_EQ(c.connectorModuleName(), "mariadb");

  auto mysql = mySqlConnectorConfigDef(Flavor::MySql);
  auto mariadb = mySqlConnectorConfigDef(Flavor::MariaDb);
  EXPECT_EQ(mysql.find("database.ssl.mode")->default_value, "preferred");
  EXPECT_EQ(mariadb.find("database.ssl.mode")->default_value, "disable");
  EXPECT_NE(mysql.find("database.jdbc.driver"), nullptr);
  EXPECT_EQ(mariadb.find("database.jdbc.driver"), nullptr);
  EXPECT_EQ(mariadb.find("ddl.parser.type"), nullptr);
  EXPECT_EQ(mariadb.find("topic.prefix")->group, "MariaDB");
  EXPECT_EQ(mariadb.find("sourceinfo.struct.maker")->default_value,
            "io.debezium.connector.mariadb.MariaDbSourceInfoStructMaker");
}

TEST(MySqlConnectorConfigTest, ConfigDefHasNoRequiredKeysAndKeepsDebeziumsAliasKey) {
  auto def = mySqlConnectorConfigDef(Flavor::MySql);
  EXPECT_EQ(def.keys().size(), 124u);
  for (const auto& k : def.keys()) EXPECT_FALSE(k.required) << k.name;
  const auto* legacy = def.find("legacy.snapshot.max.threads");
  const auto* alias = def.find("internal.legacy.snapshot.max.threads");
  ASSERT_NE(alias, nullptr);
  EXPECT_EQ(alias->order_in_group, legacy->order_in_group);
  EXPECT_EQ(def.groups(),
            (std::vector<std::string>{"MySQL", "Connector", "History Storage", "Events"}));
  // The advertised default differs from the one the binlog connectors actually use.
  EXPECT_EQ(def.find("topic.naming.strategy")->default_value,
            "io.debezium.schema.SchemaTopicNamingStrategy");
}

TEST(MySqlConnectorConfigTest, ExtraAndFullDefsCoverTheKeysDebeziumReadsOutsideItsConfigDef) {
  auto extra = mySqlConnectorExtraConfigDef(Flavor::MySql);
  for (const char* key :
       {"topic.delimiter", "topic.heartbeat.prefix", "topic.heartbeat.name", "topic.transaction",
        "topic.cache.size", "schema.history.internal.kafka.topic",
        "schema.history.internal.kafka.bootstrap.servers",
        "schema.history.internal.kafka.recovery.attempts", "schema.history.internal.file.filename",
        "binary.handling.mode", "skip.messages.without.change", "read.only",
        "snapshot.locking.mode.custom.name", "signal.kafka.topic"}) {
    EXPECT_NE(extra.find(key), nullptr) << key;
  }
  EXPECT_EQ(extra.find("binary.handling.mode")->default_value, "bytes");
  EXPECT_EQ(extra.find("topic.heartbeat.prefix")->default_value, "__debezium-heartbeat");
  EXPECT_TRUE(extra.find("internal.schema.history.internal.ddl.filter")->internal);

  auto full = mySqlConnectorFullConfigDef(Flavor::MySql);
  EXPECT_EQ(full.keys().size(),
            mySqlConnectorConfigDef(Flavor::MySql).keys().size() + extra.keys().size());
  std::string table = full.toMarkdownTable();
  EXPECT_NE(table.find("| `topic.prefix` | STRING | null |"), std::string::npos);
  EXPECT_NE(table.find("| `schema.history.internal.kafka.topic` |"), std::string::npos);
}

TEST(MySqlConnectorConfigTest, ValidateConfigValuesCarryRecommendationsAndVisibility) {
  auto values = validateConnectorConfigValues(baseProps(), Flavor::MySql);
  EXPECT_EQ(values.size(), 123u);
  auto find = [&](const std::string& name) {
    return *std::find_if(values.begin(), values.end(),
                         [&](const api::ConfigValue& v) { return v.name == name; });
  };
  EXPECT_EQ(find("snapshot.mode").recommended_values,
            (std::vector<std::string>{"always", "initial_only", "configuration_based",
                                      "when_needed", "initial", "custom", "no_data", "recovery"}));
  EXPECT_TRUE(find("snapshot.mode").visible);
  EXPECT_FALSE(find("schema.history.internal").visible);
  EXPECT_FALSE(find("gtid.source.excludes").visible);
  EXPECT_EQ(find("topic.prefix").value, std::nullopt);
  for (const auto& v : values) EXPECT_TRUE(v.error_messages.empty()) << v.name;
  EXPECT_TRUE(validateConnectorConfig(baseProps(), Flavor::MySql).empty());
}

TEST(MySqlConnectorConfigTest, TableIncludeListProblemsAreReportedTwiceAsDebeziumDoes) {
  // table.include.list is the dependent of both database.include.list and gtid.source.includes.
  auto errors = validateConnectorConfig(baseProps({{"table.include.list", "(x"}}), Flavor::MySql);
  ASSERT_EQ(errors.count("table.include.list"), 1u);
  EXPECT_EQ(errors["table.include.list"].size(), 2u);
}

TEST(MySqlConnectorConfigTest, IncludeAndExcludeListsAreMutuallyExclusive) {
  auto errors = validateConnectorConfig(baseProps({{"table.include.list", "a"},
                                                   {"table.exclude.list", "b"},
                                                   {"database.include.list", "a"},
                                                   {"database.exclude.list", "b"},
                                                   {"column.include.list", "a"},
                                                   {"column.exclude.list", "b"}}),
                                        Flavor::MySql);
  EXPECT_EQ(errors["table.exclude.list"],
            std::vector<std::string>{"The 'table.exclude.list' value is invalid: "
                                     "\"table.include.list\" is already specified"});
  EXPECT_EQ(errors["database.exclude.list"],
            std::vector<std::string>{"The 'database.exclude.list' value is invalid: "
                                     "\"database.include.list\" is already specified"});
  EXPECT_EQ(errors["column.exclude.list"],
            std::vector<std::string>{"The 'column.exclude.list' value is invalid: "
                                     "\"column.include.list\" is already specified"});
}

TEST(MySqlConnectorConfigTest, ConstructorThrowsTheFirstTaskStartProblem) {
  EXPECT_EQ(messageOf(baseProps({{"topic.prefix", ""}})),
            "The 'topic.prefix' value '' is invalid: A value is required");
  EXPECT_EQ(messageOf(baseProps({{"schema.history.internal.kafka.topic", ""}})),
            "The 'schema.history.internal.kafka.topic' value '' is invalid: A value is required");
  EXPECT_EQ(messageOf(baseProps({{"topic.delimiter", "/"}})),
            "The 'topic.delimiter' value '/' is invalid: / has invalid format (only the "
            "underscore, hyphen, dot and "
            "alphanumeric characters are allowed)");
  // Secrets-looking values are masked the way Debezium's validateAndRecord masks them.
  EXPECT_EQ(messageOf(baseProps({{"max.batch.size", "mypassword"}})),
            "The 'max.batch.size' value ******** is invalid: An integer is expected");
}

TEST(MySqlConnectorConfigTest, ConstructorRejectsWhatConnectdDoesNotImplement) {
  EXPECT_NE(
      messageOf(baseProps({{"time.precision.mode", "isostring"}})).find("time.precision.mode"),
      std::string::npos);
  EXPECT_NE(messageOf(baseProps({{"time.precision.mode", "ADAPTIVE"}})).find("time.precision.mode"),
            std::string::npos);
  EXPECT_EQ(messageOf(baseProps({{"database.server.id", "4294967295"}})), "");
  EXPECT_NE(messageOf(baseProps({{"database.server.id", "4294967296"}})).find("database.server.id"),
            std::string::npos);
  EXPECT_EQ(messageOf(baseProps({{"schema.history.internal",
                                  "io.debezium.relational.history.MemorySchemaHistory"}})),
            "Unable to instantiate the database schema history class "
            "io.debezium.relational.history.MemorySchemaHistory");
  EXPECT_EQ(messageOf(baseProps({{"topic.naming.strategy", "com.example.MyStrategy"}})),
            "Unable to instantiate the topic naming strategy class com.example.MyStrategy");
}

TEST(MySqlConnectorConfigTest, FileSchemaHistoryNeedsOnlyItsFilename) {
  Props p = baseProps({{"schema.history.internal", MySqlConnectorConfig::kFileSchemaHistory},
                       {"schema.history.internal.file.filename", "/var/lib/history.dat"}});
  p.erase("schema.history.internal.kafka.topic");
  MySqlConnectorConfig c(p, Flavor::MySql);
  EXPECT_EQ(c.schemaHistoryClass(), MySqlConnectorConfig::kFileSchemaHistory);
  EXPECT_EQ(c.historyFileFilename(), "/var/lib/history.dat");
}

TEST(MySqlConnectorConfigTest, SkippedOperationsParsing) {
  auto ops = [](const std::string& value) {
    return MySqlConnectorConfig(baseProps({{"skipped.operations", value}}), Flavor::MySql)
        .skippedOperations();
  };
  EXPECT_EQ(ops("none"), std::set<char>{});
  EXPECT_EQ(ops("c, u,d"), (std::set<char>{'c', 'u', 'd'}));
  EXPECT_EQ(ops("t"), std::set<char>{'t'});
  EXPECT_EQ(ops("r"), std::set<char>{'r'});
  EXPECT_NE(messageOf(baseProps({{"skipped.operations", "x"}})).find("Invalid operation"),
            std::string::npos);
}

TEST(MySqlConnectorConfigTest, NormalizesModesAndReadsNumbers) {
  MySqlConnectorConfig c(baseProps({{"snapshot.mode", " When_Needed "},
                                    {"snapshot.locking.mode", "NONE"},
                                    {"database.ssl.mode", "VERIFY_CA"},
                                    {"snapshot.fetch.size", "500"},
                                    {"max.batch.size", "100"},
                                    {"max.queue.size", "101"},
                                    {"heartbeat.interval.ms", "1000"},
                                    {"heartbeat.action.query", "INSERT INTO hb VALUES (1)"},
                                    {"database.port", "3307"},
                                    {"connect.timeout.ms", "5000"},
                                    {"decimal.handling.mode", "STRING"},
                                    {"binary.handling.mode", "base64-url-safe"},
                                    {"time.precision.mode", "connect"},
                                    {"bigint.unsigned.handling.mode", "precise"},
                                    {"enable.time.adjuster", "false"}}),
                         Flavor::MySql);
  EXPECT_EQ(c.snapshotMode(), "when_needed");
  EXPECT_EQ(c.snapshotLockingMode(), "none");
  EXPECT_EQ(c.sslMode(), "verify_ca");
  EXPECT_EQ(c.snapshotFetchSize(), 500);
  EXPECT_EQ(c.maxBatchSize(), 100);
  EXPECT_EQ(c.maxQueueSize(), 101);
  EXPECT_EQ(c.heartbeatIntervalMs(), 1000);
  EXPECT_EQ(c.heartbeatActionQuery(), "INSERT INTO hb VALUES (1)");
  EXPECT_EQ(c.port(), 3307);
  EXPECT_EQ(c.connectTimeoutMs(), 5000);
  auto v = c.valueConverterConfig();
  EXPECT_EQ(v.decimal, ValueConverterConfig::DecimalMode::String);
  EXPECT_EQ(v.binary, ValueConverterConfig::BinaryMode::Base64UrlSafe);
  EXPECT_EQ(v.time_precision, ValueConverterConfig::TimePrecisionMode::Connect);
  EXPECT_EQ(v.bigint_unsigned, ValueConverterConfig::BigIntUnsignedMode::Precise);
  EXPECT_FALSE(v.enable_time_adjuster);
}

TEST(MySqlConnectorConfigTest, InitialStatementsSplitOnSemicolonsWithDoubledSemicolonEscape) {
  MySqlConnectorConfig c(
      baseProps({{"database.initial.statements", " SET a=1; SET b=';;x' ;; ;SET c=2;"}}),
      Flavor::MySql);
  EXPECT_EQ(c.initialStatements(),
            (std::vector<std::string>{"SET a=1", "SET b=';x' ;", "SET c=2"}));
}

TEST(MySqlConnectorConfigTest, SnapshotSelectOverridesNeedTheirStatementProperty) {
  MySqlConnectorConfig c(
      baseProps({{"snapshot.select.statement.overrides", "inventory.orders, inventory.customers"},
                 {"snapshot.select.statement.overrides.inventory.orders",
                  "SELECT * FROM inventory.orders WHERE id > 10"}}),
      Flavor::MySql);
  auto overrides = c.snapshotSelectOverrides();
  ASSERT_EQ(overrides.size(), 1u);
  EXPECT_EQ(overrides.at(TableId{"inventory", "orders"}),
            "SELECT * FROM inventory.orders WHERE id > 10");
}

TEST(MySqlConnectorConfigTest, MessageKeyColumnsPickMatchingColumnsInDebeziumOrder) {
  MySqlConnectorConfig c(
      baseProps({{"message.key.columns",
                  "inventory.customers:email,id;(.*).orders:order_id;inventory.cust.*:ID"}}),
      Flavor::MySql);
  Table customers = tableWithColumns("inventory", "customers", {"id", "email", "name"}, {"id"});
  // Expression order first, column position within one expression, duplicates dropped.
  EXPECT_EQ(c.keyColumnsFor(customers), (std::vector<std::string>{"email", "id"}));
  Table orders = tableWithColumns("shop", "orders", {"order_id", "line"}, {"order_id", "line"});
  EXPECT_EQ(c.keyColumnsFor(orders), (std::vector<std::string>{"order_id"}));
  Table other = tableWithColumns("inventory", "products", {"id"}, {"id"});
  EXPECT_EQ(c.keyColumnsFor(other), std::nullopt);
}

TEST(MySqlConnectorConfigTest, MessageKeyColumnTableRegexIsAnchored) {
  MySqlConnectorConfig c(baseProps({{"message.key.columns", "inventory.cust:id"}}), Flavor::MySql);
  EXPECT_EQ(c.keyColumnsFor(tableWithColumns("inventory", "customers", {"id"})), std::nullopt);
  EXPECT_EQ(c.keyColumnsFor(tableWithColumns("inventory", "cust", {"ID"})),
            (std::vector<std::string>{"ID"}));
}

TEST(MySqlConnectorConfigTest, ColumnMappingRuleKeysAreParsedIntoRulesInDebeziumOrder) {
  MySqlConnectorConfig c(
      baseProps({{"column.mask.hash.v2.SHA-256.with.salt.CzQMA0cB5K", "inventory.users.ssn"},
                 {"column.mask.hash.SHA-512.with.salt.s.a.l.t", "inventory.users.card"},
                 {"column.propagate.source.type", "inventory\\..*\\.price"},
                 {"datatype.propagate.source.type", ".+\\.VARCHAR"},
                 {"column.mask.with.12.chars", "inventory.users.email"},
                 {"column.truncate.to.20.chars", "inventory.users.name,inventory.users.bio"},
                 {"column.truncate.to.x.chars", "ignored"},
                 {"column.truncate.to.99999999999.chars", "ignored"},
                 {"column.truncate.to.(d+).chars", "7"}}),
      Flavor::MySql);
  auto rules = c.columnMappingRules();
  ASSERT_EQ(rules.size(), 6u);
  using Kind = ColumnMappingRule::Kind;
  EXPECT_EQ(rules[0].kind, Kind::Truncate);
  EXPECT_EQ(rules[0].n, 20);
  EXPECT_TRUE(rules[0].matches("inventory.users.BIO"));
  EXPECT_FALSE(rules[0].matches("inventory.users.email"));
  EXPECT_EQ(rules[1].kind, Kind::MaskChars);
  EXPECT_EQ(rules[1].n, 12);
  EXPECT_TRUE(rules[1].matches("inventory.users.email"));
  EXPECT_EQ(rules[2].kind, Kind::PropagateSourceType);
  EXPECT_TRUE(rules[2].matches("inventory.products.price"));
  EXPECT_EQ(rules[3].kind, Kind::PropagateDataType);
  EXPECT_TRUE(rules[3].matches("inventory.users.VARCHAR"));
  EXPECT_FALSE(rules[3].matches("inventory.users.name"));
  EXPECT_EQ(rules[4].kind, Kind::MaskHash);
  EXPECT_EQ(rules[4].algorithm, "SHA-512");
  EXPECT_EQ(rules[4].salt, "s.a.l.t");
  EXPECT_TRUE(rules[4].matches("inventory.users.card"));
  EXPECT_EQ(rules[5].kind, Kind::MaskHashV2);
  EXPECT_EQ(rules[5].algorithm, "SHA-256");
  EXPECT_EQ(rules[5].salt, "CzQMA0cB5K");
  EXPECT_TRUE(rules[5].matches("inventory.users.ssn"));
}

TEST(MySqlConnectorConfigTest, InvalidMappingRegexFailsAtStart) {
  EXPECT_NE(messageOf(baseProps({{"column.truncate.to.5.chars", "a("}}))
                .find("column.truncate.to.5.chars"),
            std::string::npos);
}

TEST(MySqlConnectorConfigTest, MySqlGtidFilterComparesUuidsLiterallyAndOtherEntriesAsRegexes) {
  MySqlConnectorConfig includes(
      baseProps({{"gtid.source.includes", "3E11FA47-71CA-11E1-9E33-C80AA9429562,abc.*"}}),
      Flavor::MySql);
  auto filter = includes.gtidSourceFilter();
  ASSERT_NE(filter, nullptr);
  EXPECT_TRUE(filter("3e11fa47-71ca-11e1-9e33-c80aa9429562"));
  EXPECT_TRUE(filter("ABCdef"));
  EXPECT_FALSE(filter("4e11fa47-71ca-11e1-9e33-c80aa9429562"));

  MySqlConnectorConfig excludes(
      baseProps({{"gtid.source.excludes", "3e11fa47-71ca-11e1-9e33-c80aa9429562"}}), Flavor::MySql);
  auto exclude = excludes.gtidSourceFilter();
  EXPECT_FALSE(exclude("3E11FA47-71CA-11E1-9E33-C80AA9429562"));
  EXPECT_TRUE(exclude("4e11fa47-71ca-11e1-9e33-c80aa9429562"));
}

TEST(MySqlConnectorConfigTest, MariaDbGtidFilterMatchesDomainServerRegexes) {
  Props p = baseProps({{"connector.class", "io.debezium.connector.mariadb.MariaDbConnector"},
                       {"gtid.source.includes", "0-1, 1-.*"}});
  MySqlConnectorConfig c(p, Flavor::MariaDb);
  auto filter = c.gtidSourceFilter();
  EXPECT_TRUE(filter("0-1"));
  EXPECT_TRUE(filter("1-77"));
  EXPECT_FALSE(filter("0-2"));
}

TEST(MySqlConnectorConfigTest, TopicNamesAreSanitizedLikeDebezium) {
  EXPECT_EQ(MySqlConnectorConfig::sanitizedTopicName("a.b-c_D9"), "a.b-c_D9");
  EXPECT_EQ(MySqlConnectorConfig::sanitizedTopicName("db.weird name$"), "db.weird_name_");
  // One '_' per UTF-16 unit: 'é' is one unit, U+1F600 two.
  EXPECT_EQ(MySqlConnectorConfig::sanitizedTopicName("caf\xc3\xa9.x\xf0\x9f\x98\x80y"),
            "caf_.x__y");
  EXPECT_EQ(MySqlConnectorConfig::sanitizedTopicName("."), "_");
  EXPECT_EQ(MySqlConnectorConfig::sanitizedTopicName(".."), "__");
  EXPECT_EQ(MySqlConnectorConfig::sanitizedTopicName(std::string(300, 'x')), std::string(249, 'x'));

  MySqlConnectorConfig c(baseProps({{"topic.prefix", "srv"}, {"topic.delimiter", "_"}}),
                         Flavor::MySql);
  EXPECT_EQ(c.dataTopic({"my db", "t"}), "srv_my_db_t");
  EXPECT_EQ(c.dataTopic({"", "t"}), "srv_t");
  EXPECT_EQ(c.transactionTopic(), "srv_transaction");
  EXPECT_EQ(c.heartbeatTopic(), "__debezium-heartbeat_srv");
}

TEST(MySqlConnectorConfigTest, HeartbeatTopicNameOverridesPrefixAndSchemaStrategyDropsTheDatabase) {
  MySqlConnectorConfig named(baseProps({{"topic.heartbeat.name", "shared-heartbeats"}}),
                             Flavor::MySql);
  EXPECT_EQ(named.heartbeatTopic(), "shared-heartbeats");
  MySqlConnectorConfig schema(
      baseProps({{"topic.naming.strategy", "io.debezium.schema.SchemaTopicNamingStrategy"}}),
      Flavor::MySql);
  EXPECT_EQ(schema.dataTopic({"inventory", "customers"}), "dbserver1.customers");
}

TEST(MySqlConnectorConfigTest, DdlFilterDropsServerGeneratedAndAdministrativeStatements) {
  MySqlConnectorConfig c(baseProps(), Flavor::MySql);
  EXPECT_TRUE(
      c.isDdlFiltered("DROP TEMPORARY TABLE IF EXISTS `tmp`.`t1` /* generated by server */"));
  EXPECT_TRUE(
      c.isDdlFiltered("INSERT INTO mysql.rds_heartbeat2(id, value) values (1,1694000000000) ON "
                      "DUPLICATE KEY UPDATE value = "
                      "1694000000000"));
  EXPECT_TRUE(c.isDdlFiltered("grant select on *.* to 'u'@'%'"));
  EXPECT_TRUE(c.isDdlFiltered("CREATE DEFINER=`root`@`%` VIEW v AS\nSELECT 1"));
  EXPECT_TRUE(c.isDdlFiltered("SAVEPOINT sp1"));
  EXPECT_FALSE(c.isDdlFiltered("CREATE TABLE t (id INT PRIMARY KEY)"));
  EXPECT_FALSE(c.isDdlFiltered("ALTER TABLE users ADD COLUMN age INT"));
}

TEST(MySqlConnectorConfigTest, PassThroughPrefixesAreStripped) {
  MySqlConnectorConfig c(baseProps({{"schema.history.internal.producer.security.protocol", "SSL"},
                                    {"schema.history.internal.consumer.max.poll.records", "10"},
                                    {"driver.connectTimeout", "1000"}}),
                         Flavor::MySql);
  EXPECT_EQ(c.historyProducerConfig(),
            (std::map<std::string, std::string>{{"security.protocol", "SSL"}}));
  EXPECT_EQ(c.historyConsumerConfig(),
            (std::map<std::string, std::string>{{"max.poll.records", "10"}}));
  EXPECT_EQ(c.driverConfig(), (std::map<std::string, std::string>{{"connectTimeout", "1000"}}));
}

TEST(MySqlConnectorConfigTest, ParsedViewFallsBackToDefaultsForValuesDebeziumIgnores) {
  MySqlConnectorConfig c(baseProps({{"internal.legacy.snapshot.max.threads", "maybe"},
                                    {"legacy.snapshot.max.threads", "true"},
                                    {"read.only", "sometimes"}}),
                         Flavor::MySql);
  EXPECT_FALSE(c.parsed().getBoolean("internal.legacy.snapshot.max.threads"));
  EXPECT_TRUE(c.parsed().getBoolean("legacy.snapshot.max.threads"));
  EXPECT_FALSE(c.readOnly());
  EXPECT_EQ(c.parsed().getLong("database.server.id"), 184054);
}

TEST(MySqlConnectorConfigTest, StartupValidationSkipsHistoryFieldsOfOtherStores) {
  Props p = baseProps({{"schema.history.internal", MySqlConnectorConfig::kFileSchemaHistory}});
  p.erase("schema.history.internal.kafka.topic");
  auto problems = validateStartupConfig(p, Flavor::MySql);
  EXPECT_EQ(problems, std::vector<std::string>{
                          "The 'schema.history.internal.file.filename' value is invalid: A value "
                          "is required"});
  // The connector validation (REST) never looks at the history storage keys, like Debezium 3.6.
  EXPECT_TRUE(validateConnectorConfig(p, Flavor::MySql).empty());
}

}  // namespace
}  // namespace connectd::mysql
