#include "connectors/mysql/mysql_connector_config.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdlib>
#include <stdexcept>
#include <unordered_set>

#include "server/api/errors.h"
#include "server/common/strings.h"

namespace connectd::mysql {

namespace {

using Type = api::ConfigDef::Type;
using Importance = api::ConfigDef::Importance;
using Width = api::ConfigDef::Width;

// Where Debezium's ConfigDefinition puts a field (its ConfigDef group), plus the groups of the
// keys Debezium reads outside its ConfigDef.
enum class Section {
  Type,
  Connector,
  History,
  Events,
  TopicNaming,
  HistoryStorage,
  Signals,
  ConnectorExtras
};

// Debezium's Field validators. A field runs its type validator (Field.validatorForType) and
// then these, in the order Debezium's Validator.and() chains run them; duplicates are kept
// because Debezium reports their messages twice.
enum class Check {
  Required,
  TopicName,
  Hostname,
  IsInteger,
  IsBoolean,
  IsClassName,
  PositiveInteger,
  NonNegativeInteger,
  PositiveLong,
  NonNegativeLong,
  ListOfRegex,
  ListOfMap,
  Enum,
  MaxQueueSize,
  SkippedOperations,
  SnapshotModeCustomName,
  SnapshotQueryModeCustomName,
  SnapshotLockingModeCustomName,
  TimePrecisionModeNotAdaptive,
  SnapshotLockingModeValid,
  GtidExcludes,
  ColumnExcludeList,
  TableExcludeList,
  DatabaseExcludeList,
  MessageKeyColumns,
  SignalDataCollection,
  NotificationTopic,
  HeartbeatTopicName,
};

constexpr unsigned kMySql = 1;
constexpr unsigned kMariaDb = 2;
constexpr unsigned kBoth = kMySql | kMariaDb;

struct FieldDef {
  const char* name = nullptr;
  Type type = Type::String;
  const char* default_value = nullptr;  // Java null
  Importance importance = Importance::Medium;
  Section section = Section::Connector;
  Width width = Width::None;
  const char* display_name = nullptr;
  std::vector<std::string> dependents{};
  std::vector<Check> checks{};
  // EnumRecommender literals, in the order Debezium lists them (a Java HashSet's iteration
  // order, which is what its messages and recommended values show).
  std::vector<std::string> enum_literals{};
  bool invisible = false;  // InvisibleRecommender
  std::vector<std::string> aliases{};
  // A deprecated alias Debezium defines in its ConfigDef but does not validate itself.
  bool alias_only = false;
  unsigned flavors = kBoth;
  const char* doc = "";
};

// Debezium 3.6.1's MySqlConnector.config() / MariaDbConnector.config(), key by key and in
// order. Entries differing between the flavours appear once per flavour.
const std::vector<FieldDef>& debeziumFields() {
  static const std::vector<FieldDef> fields = {
      {.name = "topic.prefix",
       .importance = Importance::High,
       .section = Section::Type,
       .width = Width::Medium,
       .display_name = "Topic prefix",
       .checks = {Check::Required, Check::TopicName},
       .doc =
           "Topic prefix that identifies and provides a namespace for the particular database "
           "server/cluster is capturing changes. The topic prefix should be unique across all "
           "other "
           "connectors, since it is used as a prefix for all Kafka topic names that receive events "
           "emitted by this connector. Only alphanumeric characters, hyphens, dots and underscores "
           "must be accepted."},
      {.name = "database.hostname",
       .importance = Importance::High,
       .section = Section::Type,
       .width = Width::Medium,
       .display_name = "Hostname",
       .checks = {Check::Hostname, Check::Required},
       .doc = "Resolvable hostname or IP address of the database server."},
      {.name = "database.port",
       .type = Type::Int,
       .default_value = "3306",
       .importance = Importance::High,
       .section = Section::Type,
       .width = Width::Short,
       .display_name = "Port",
       .checks = {Check::IsInteger},
       .doc = "Port of the database server."},
      {.name = "database.user",
       .importance = Importance::High,
       .section = Section::Type,
       .width = Width::Short,
       .display_name = "User",
       .checks = {Check::Required},
       .doc = "Name of the database user to be used when connecting to the database."},
      {.name = "database.password",
       .type = Type::Password,
       .importance = Importance::High,
       .section = Section::Type,
       .width = Width::Short,
       .display_name = "Password",
       .doc = "Password of the database user to be used when connecting to the database."},
      {.name = "database.query.timeout.ms",
       .type = Type::Int,
       .default_value = "600000",
       .importance = Importance::Low,
       .section = Section::Type,
       .display_name = "Query timeout",
       .doc = "Time to wait for a query to execute, given in milliseconds. Defaults to 600 seconds "
              "(600,000 ms); zero means there is no limit."},
      {.name = "database.initial.statements",
       .importance = Importance::Low,
       .section = Section::Type,
       .width = Width::Long,
       .display_name = "Initial statements",
       .doc =
           "A semicolon separated list of SQL statements to be executed when a JDBC connection "
           "(not "
           "binlog reading connection) to the database is established. Note that the connector may "
           "establish JDBC connections at its own discretion, so this should typically be used for "
           "configuration of session parameters only, but not for executing DML statements. Use "
           "doubled semicolon (';;') to use a semicolon as a character and not as a delimiter."},
      {.name = "database.server.id",
       .type = Type::Long,
       .importance = Importance::High,
       .section = Section::Type,
       .width = Width::Long,
       .display_name = "Cluster ID",
       .checks = {Check::PositiveLong, Check::Required},
       .doc = "A numeric ID of this database client, which must be unique across all "
              "currently-running "
              "database processes in the cluster. This connector joins the database cluster as "
              "another "
              "server (with this unique ID) so it can read the binlog."},
      {.name = "database.server.id.offset",
       .type = Type::Long,
       .default_value = "10000",
       .importance = Importance::High,
       .section = Section::Type,
       .width = Width::Long,
       .display_name = "Cluster ID offset",
       .doc = "Only relevant if parallel snapshotting is configured. During parallel snapshotting, "
              "multiple (4) connections open to the database client, and they each need their own "
              "unique connection ID. This offset is used to generate those IDs from the base "
              "configured "
              "cluster ID."},
      {.name = "database.ssl.keystore",
       .section = Section::Type,
       .width = Width::Long,
       .display_name = "SSL Keystore",
       .doc = "The location of the key store file. This is optional and can be used for two-way "
              "authentication between the client and the database."},
      {.name = "database.ssl.keystore.password",
       .type = Type::Password,
       .section = Section::Type,
       .width = Width::Medium,
       .display_name = "SSL Keystore Password",
       .doc = "The password for the key store file. This is optional and only needed if "
              "'database.ssl.keystore' is configured."},
      {.name = "database.ssl.truststore",
       .section = Section::Type,
       .width = Width::Long,
       .display_name = "SSL Truststore",
       .doc = "The location of the trust store file for the server certificate verification."},
      {.name = "database.ssl.truststore.password",
       .type = Type::Password,
       .section = Section::Type,
       .width = Width::Medium,
       .display_name = "SSL Truststore Password",
       .doc =
           "The password for the trust store file. Used to check the integrity of the truststore, "
           "and unlock the truststore."},
      {.name = "database.jdbc.driver",
       .type = Type::Class,
       .default_value = "com.mysql.cj.jdbc.Driver",
       .importance = Importance::Low,
       .section = Section::Type,
       .width = Width::Medium,
       .display_name = "JDBC Driver Class Name",
       .checks = {Check::IsClassName},
       .flavors = kMySql,
       .doc = "JDBC Driver class name used to connect to the MySQL database server."},
      {.name = "database.protocol",
       .default_value = "jdbc:mysql",
       .importance = Importance::Low,
       .section = Section::Type,
       .width = Width::Medium,
       .display_name = "JDBC Protocol",
       .flavors = kMySql,
       .doc = "JDBC protocol to use with the driver."},
      {.name = "database.ssl.mode",
       .default_value = "preferred",
       .section = Section::Type,
       .width = Width::Medium,
       .display_name = "SSL mode",
       .checks = {Check::Enum},
       .enum_literals = {"verify_identity", "disabled", "preferred", "required", "verify_ca"},
       .flavors = kMySql,
       .doc =
           "Whether to use an encrypted connection to the database. Options include: 'disabled' to "
           "use an unencrypted connection; 'preferred' (the default) to establish a secure "
           "(encrypted) connection if the server supports secure connections, but fall back to an "
           "unencrypted connection otherwise; 'required' to use a secure (encrypted) connection, "
           "and "
           "fail if one cannot be established; 'verify_ca' like 'required' but additionally verify "
           "the server TLS certificate against the configured Certificate Authority (CA) "
           "certificates, or fail if no valid matching CA certificates are found; or "
           "'verify_identity' like 'verify_ca' but additionally verify that the server certificate "
           "matches the host to which the connection is attempted."},
      {.name = "database.ssl.mode",
       .default_value = "disable",
       .section = Section::Type,
       .width = Width::Medium,
       .display_name = "SSL mode",
       .checks = {Check::Enum},
       .enum_literals = {"trust", "disable", "verify-ca", "verify-full"},
       .flavors = kMariaDb,
       .doc =
           "Whether to use an encrypted connection to the database. Options include: 'disable' to "
           "use an unencrypted connection; 'trust' to use a secure (encrypted) connection, but not "
           "perform certificate or hostname verification; 'verify_ca' to use a secure (encrypted) "
           "connection, and perform certificates verification, but do not perform hostname "
           "verification; 'verify_identity' to use a secure (encrypted) connection, and perform "
           "certificate verification, and hostname verification."},
      {.name = "event.processing.failure.handling.mode",
       .default_value = "fail",
       .section = Section::Connector,
       .width = Width::Short,
       .display_name = "Event deserialization failure handling",
       .checks = {Check::Enum},
       .enum_literals = {"warn", "fail", "ignore", "skip"},
       .doc =
           "Specify how failures during processing of events (i.e. when encountering a corrupted "
           "event) should be handled, including: 'fail' (the default) an exception indicating the "
           "problematic event and its position is raised, causing the connector to be stopped; "
           "'warn' the problematic event and its position will be logged and the event will be "
           "skipped; 'ignore' the problematic event will be skipped."},
      {.name = "max.batch.size",
       .type = Type::Int,
       .default_value = "2048",
       .section = Section::Connector,
       .width = Width::Short,
       .display_name = "Change event batch size",
       .checks = {Check::PositiveInteger},
       .doc = "Maximum size of each batch of source records. Defaults to 2048."},
      {.name = "max.queue.size",
       .type = Type::Int,
       .default_value = "8192",
       .section = Section::Connector,
       .width = Width::Short,
       .display_name = "Change event buffer size",
       .checks = {Check::MaxQueueSize},
       .doc =
           "Maximum size of the queue for change events read from the database log but not yet "
           "recorded or forwarded. Defaults to 8192, and should always be larger than the maximum "
           "batch size."},
      {.name = "poll.interval.ms",
       .type = Type::Long,
       .default_value = "500",
       .section = Section::Connector,
       .width = Width::Short,
       .display_name = "Poll interval (ms)",
       .checks = {Check::PositiveInteger},
       .doc = "Time to wait for new change events to appear after receiving no events, given in "
              "milliseconds. Defaults to 500 ms."},
      {.name = "max.queue.size.in.bytes",
       .type = Type::Long,
       .default_value = "0",
       .section = Section::Connector,
       .width = Width::Long,
       .display_name = "Change event buffer size in bytes",
       .checks = {Check::NonNegativeLong},
       .doc = "Maximum size of the queue in bytes for change events read from the database log but "
              "not "
              "yet recorded or forwarded. Defaults to 0. Mean the feature is not enabled"},
      {.name = "provide.transaction.metadata",
       .type = Type::Boolean,
       .default_value = "false",
       .importance = Importance::Low,
       .section = Section::Connector,
       .width = Width::Short,
       .display_name = "Store transaction metadata information in a dedicated topic.",
       .doc = "Enables transaction metadata extraction together with event counting"},
      {.name = "skipped.operations",
       .type = Type::List,
       .default_value = "t",
       .importance = Importance::Low,
       .section = Section::Connector,
       .width = Width::Short,
       .display_name = "Skipped Operations",
       .checks = {Check::SkippedOperations},
       .doc =
           "The comma-separated list of operations to skip during streaming, defined as: 'c' for "
           "inserts/create; 'u' for updates; 'd' for deletes, 't' for truncates, and 'none' to "
           "indicate nothing skipped. By default, only truncate operations will be skipped."},
      {.name = "snapshot.delay.ms",
       .type = Type::Long,
       .default_value = "0",
       .importance = Importance::Low,
       .section = Section::Connector,
       .width = Width::Medium,
       .display_name = "Snapshot Delay (milliseconds)",
       .checks = {Check::NonNegativeLong},
       .doc =
           "A delay period before a snapshot will begin, given in milliseconds. Defaults to 0 ms."},
      {.name = "streaming.delay.ms",
       .type = Type::Long,
       .default_value = "0",
       .importance = Importance::Low,
       .section = Section::Connector,
       .width = Width::Medium,
       .display_name = "Streaming Delay (milliseconds)",
       .checks = {Check::NonNegativeLong},
       .doc = "A delay period after the snapshot is completed and the streaming begins, given in "
              "milliseconds. Defaults to 0 ms."},
      {.name = "snapshot.include.collection.list",
       .type = Type::List,
       .section = Section::Connector,
       .width = Width::Long,
       .display_name = "Snapshot mode include data collection",
       .checks = {Check::ListOfRegex},
       .doc = "This setting must be set to specify a list of tables/collections whose snapshot "
              "must be "
              "taken on creating or restarting the connector."},
      {.name = "snapshot.fetch.size",
       .type = Type::Int,
       .section = Section::Connector,
       .width = Width::Medium,
       .display_name = "Snapshot fetch size",
       .checks = {Check::NonNegativeInteger},
       .doc = "The maximum number of records that should be loaded into memory while performing a "
              "snapshot."},
      {.name = "snapshot.max.threads",
       .type = Type::Int,
       .default_value = "1",
       .section = Section::Connector,
       .width = Width::Short,
       .display_name = "Snapshot maximum threads",
       .checks = {Check::PositiveInteger},
       .doc = "The maximum number of threads used to perform the snapshot. Defaults to 1."},
      {.name = "snapshot.max.threads.multiplier",
       .type = Type::Int,
       .default_value = "1",
       .section = Section::Connector,
       .width = Width::Short,
       .display_name = "Snapshot maximum thread multiplier",
       .checks = {Check::PositiveInteger},
       .doc =
           "The factor used to scale the number of snapshot chunks per table. The default behavior "
           "is to take 'row_count/snapshot.max.threads' to compute the number of rows per chunks. "
           "This may not be ideal for larger tables, and using the multiplier, the formula is "
           "adjusted to increase the number of chunks by using 'row_count/(snapshot.max.threads * "
           "snapshot.max.threads.multiplier)."},
      {.name = "legacy.snapshot.max.threads",
       .type = Type::Boolean,
       .default_value = "false",
       .importance = Importance::Low,
       .section = Section::Connector,
       .width = Width::Short,
       .display_name = "Enforces using a single thread per table regardless of table size",
       .aliases = {"internal.legacy.snapshot.max.threads"},
       .doc = "When enabled, uses the legacy table-per-thread parallel snapshot algorithm. When "
              "set to "
              "false (the default), tables are split into chunks and processed across all snapshot "
              "threads, allowing for higher concurrency for snapshots."},
      {.name = "internal.legacy.snapshot.max.threads",
       .type = Type::Boolean,
       .default_value = "false",
       .importance = Importance::Low,
       .section = Section::Connector,
       .width = Width::Short,
       .display_name = "Enforces using a single thread per table regardless of table size",
       .alias_only = true,
       .doc = "When enabled, uses the legacy table-per-thread parallel snapshot algorithm. When "
              "set to "
              "false (the default), tables are split into chunks and processed across all snapshot "
              "threads, allowing for higher concurrency for snapshots."},
      {.name = "snapshot.mode.custom.name",
       .section = Section::Connector,
       .width = Width::Medium,
       .display_name = "Snapshot Mode Custom Name",
       .checks = {Check::SnapshotModeCustomName},
       .doc = "When 'snapshot.mode' is set as custom, this setting must be set to specify a the "
              "name of "
              "the custom implementation provided in the 'name()' method. The implementations must "
              "implement the 'Snapshotter' interface and is called on each app boot to determine "
              "whether to do a snapshot."},
      {.name = "snapshot.mode.configuration.based.snapshot.data",
       .type = Type::Boolean,
       .default_value = "false",
       .section = Section::Connector,
       .width = Width::Medium,
       .display_name = "Snapshot mode property based snapshot data",
       .doc = "When 'snapshot.mode' is set as configuration_based, this setting permits to specify "
              "whenever the data should be snapshotted or not."},
      {.name = "snapshot.mode.configuration.based.snapshot.schema",
       .type = Type::Boolean,
       .default_value = "false",
       .section = Section::Connector,
       .width = Width::Medium,
       .display_name = "Snapshot mode property based snapshot schema",
       .doc = "When 'snapshot.mode' is set as configuration_based, this setting permits to specify "
              "whenever the schema should be snapshotted or not."},
      {.name = "snapshot.mode.configuration.based.start.stream",
       .type = Type::Boolean,
       .default_value = "false",
       .section = Section::Connector,
       .width = Width::Medium,
       .display_name = "Snapshot mode property based start stream",
       .doc = "When 'snapshot.mode' is set as configuration_based, this setting permits to specify "
              "whenever the stream should start or not after snapshot."},
      {.name = "snapshot.mode.configuration.based.snapshot.on.schema.error",
       .type = Type::Boolean,
       .default_value = "false",
       .section = Section::Connector,
       .width = Width::Medium,
       .display_name = "Snapshot mode property based snapshot on schema error",
       .doc = "When 'snapshot.mode' is set as configuration_based, this setting permits to specify "
              "whenever the schema should be snapshotted or not in case of error."},
      {.name = "snapshot.mode.configuration.based.snapshot.on.data.error",
       .type = Type::Boolean,
       .default_value = "false",
       .section = Section::Connector,
       .width = Width::Medium,
       .display_name = "Snapshot mode property based snapshot on data error",
       .doc = "When 'snapshot.mode' is set as configuration_based, this setting permits to specify "
              "whenever the data should be snapshotted or not in case of error."},
      {.name = "retriable.restart.connector.wait.ms",
       .type = Type::Long,
       .default_value = "10000",
       .importance = Importance::Low,
       .section = Section::Connector,
       .width = Width::Medium,
       .display_name = "Retriable restart wait (ms)",
       .checks = {Check::PositiveLong},
       .doc =
           "Time to wait before restarting connector after retriable exception occurs. Defaults to "
           "10000ms."},
      {.name = "query.fetch.size",
       .type = Type::Int,
       .default_value = "0",
       .section = Section::Connector,
       .width = Width::Medium,
       .display_name = "Query fetch size",
       .checks = {Check::NonNegativeInteger},
       .doc = "The maximum number of records that should be loaded into memory while streaming. A "
              "value "
              "of '0' uses the default JDBC fetch size."},
      {.name = "errors.max.retries",
       .type = Type::Int,
       .default_value = "-1",
       .importance = Importance::Low,
       .section = Section::Connector,
       .width = Width::Medium,
       .display_name = "The maximum number of retries",
       .checks = {Check::IsInteger},
       .doc =
           "The maximum number of retries on connection errors before failing (-1 = no limit, 0 = "
           "disabled, > 0 = num of retries)."},
      {.name = "incremental.snapshot.watermarking.strategy",
       .default_value = "INSERT_INSERT",
       .importance = Importance::Low,
       .section = Section::Connector,
       .width = Width::Medium,
       .display_name = "Incremental snapshot watermarking strategy",
       .checks = {Check::Enum},
       .enum_literals = {"insert_delete", "insert_insert"},
       .doc =
           "Specify the strategy used for watermarking during an incremental snapshot: "
           "'insert_insert' both open and close signal is written into signal data collection "
           "(default); 'insert_delete' only open signal is written on signal data collection, the "
           "close will delete the relative open signal;"},
      {.name = "internal.log.position.check.enable",
       .type = Type::Boolean,
       .default_value = "true",
       .section = Section::Connector,
       .width = Width::Medium,
       .display_name = "Enable/Disable log position check",
       .doc = "When enabled the connector checks if the position stored in the offset is still "
              "available in the log"},
      {.name = "internal.advanced.metrics.enable",
       .type = Type::Boolean,
       .default_value = "false",
       .section = Section::Connector,
       .width = Width::Medium,
       .display_name = "Enable/Disable advance metrics",
       .doc = "When enabled the connector will emit advanced streaming metrics"},
      {.name = "connection.validation.timeout.ms",
       .type = Type::Long,
       .default_value = "60000",
       .importance = Importance::Low,
       .section = Section::Connector,
       .width = Width::Short,
       .display_name = "Connection validation timeout (ms)",
       .checks = {Check::PositiveLong},
       .doc = "The maximum time in milliseconds to wait for connection validation to complete. "
              "Defaults "
              "to 60 seconds."},
      {.name = "executor.shutdown.timeout.ms",
       .type = Type::Long,
       .default_value = "4000",
       .section = Section::Connector,
       .width = Width::Medium,
       .display_name = "Executor shutdown timeout (ms)",
       .checks = {Check::PositiveLong},
       .doc = "The maximum time in milliseconds to wait for task executor to shut down."},
      {.name = "openlineage.integration.enabled",
       .type = Type::Boolean,
       .default_value = "false",
       .importance = Importance::Low,
       .section = Section::Connector,
       .width = Width::Short,
       .display_name = "Enables OpenLineage integration",
       .doc = "Enable Debezium to emit data lineage metadata through OpenLineage API"},
      {.name = "openlineage.integration.config.file.path",
       .default_value = "./openlineage.yml",
       .importance = Importance::Low,
       .section = Section::Connector,
       .width = Width::Long,
       .display_name = "Path to OpenLineage file configuration",
       .doc = "Path to OpenLineage file configuration. See "
              "https://openlineage.io/docs/client/java/configuration"},
      {.name = "openlineage.integration.job.namespace",
       .importance = Importance::Low,
       .section = Section::Connector,
       .width = Width::Long,
       .display_name = "Namespace used for Debezium job",
       .doc = "The job's namespace emitted by Debezium"},
      {.name = "openlineage.integration.job.description",
       .default_value = "Debezium change data capture job",
       .importance = Importance::Low,
       .section = Section::Connector,
       .width = Width::Long,
       .display_name = "Description used for Debezium job",
       .doc = "The job's description emitted by Debezium"},
      {.name = "openlineage.integration.job.tags",
       .type = Type::List,
       .importance = Importance::Low,
       .section = Section::Connector,
       .width = Width::Long,
       .display_name = "Debezium job tags",
       .checks = {Check::ListOfMap},
       .doc = "The job's tags emitted by Debezium. A comma-separated list of key-value pairs.For "
              "example: k1=v1,k2=v2"},
      {.name = "openlineage.integration.job.owners",
       .type = Type::List,
       .importance = Importance::Low,
       .section = Section::Connector,
       .width = Width::Long,
       .display_name = "Debezium job owners",
       .checks = {Check::ListOfMap},
       .doc = "The job's owners emitted by Debezium. A comma-separated list of key-value pairs.For "
              "example: k1=v1,k2=v2"},
      {.name = "openlineage.integration.dataset.kafka.bootstrap.servers",
       .importance = Importance::Low,
       .section = Section::Connector,
       .width = Width::Long,
       .display_name = "Kafka bootstrap server used in Kafka Connect deployment",
       .doc = "The Kafka bootstrap server address used as input/output namespace/"},
      {.name = "extended.headers.enabled",
       .type = Type::Boolean,
       .default_value = "true",
       .importance = Importance::Low,
       .section = Section::Connector,
       .width = Width::Short,
       .display_name = "Enable/Disable extended headers",
       .checks = {Check::IsBoolean},
       .doc =
           "Enable/Disable Debezium context headers that provides essential metadata for tracking "
           "and identifying the source of CDC events in downstream processing systems."},
      {.name = "guardrail.collections.max",
       .type = Type::Int,
       .default_value = "0",
       .section = Section::Connector,
       .width = Width::Short,
       .display_name = "Maximum number of collections or tables",
       .checks = {Check::NonNegativeInteger},
       .doc =
           "The maximum number of collections or tables that can be captured by the connector. "
           "When "
           "this limit is exceeded, the action specified by 'guardrail.collections.limit.action' "
           "will be taken. Set to 0 to disable this guardrail."},
      {.name = "guardrail.collections.limit.action",
       .default_value = "warn",
       .section = Section::Connector,
       .width = Width::Short,
       .display_name = "Guardrail collections limit action",
       .checks = {Check::Enum},
       .enum_literals = {"warn", "fail"},
       .doc =
           "Specify the action to take when a guardrail collections limit is exceeded: 'warn' (the "
           "default) logs a warning message and continues processing; 'fail' stops the connector "
           "with an error."},
      {.name = "custom.sanitize.pattern",
       .default_value = ".*secret$|.*password$|.*sasl\\.jaas\\.config$|.*basic\\.auth\\.user\\."
                        "info|.*registry\\.auth\\.client-secret|.*credentials\\.json$|.*"
                        "connectionstring$|.*connection\\.string$",
       .importance = Importance::Low,
       .section = Section::Connector,
       .width = Width::Long,
       .display_name = "Custom pattern for masking sensitive configuration",
       .doc =
           "Regular expression identifying configuration keys whose values should be masked. When "
           "set, this custom pattern replaces Debezium’s default password masking pattern."},
      {.name = "statistics.metrics.enabled",
       .type = Type::Boolean,
       .default_value = "true",
       .section = Section::Connector,
       .width = Width::Short,
       .display_name = "Enable collecting statistics metrics like latencies",
       .doc =
           "Enable to collect various kind of statistics, like latencies in record processing, and "
           "derived data like quantiles. By default collecting statistics is enabled."},
      {.name = "decimal.handling.mode",
       .default_value = "precise",
       .section = Section::Connector,
       .width = Width::Short,
       .display_name = "Decimal Handling",
       .checks = {Check::Enum},
       .enum_literals = {"string", "double", "precise"},
       .doc = "Specify how DECIMAL and NUMERIC columns should be represented in change events, "
              "including: 'precise' (the default) uses java.math.BigDecimal to represent values, "
              "which "
              "are encoded in the change events using a binary representation and Kafka Connect's "
              "'org.apache.kafka.connect.data.Decimal' type; 'string' uses string to represent "
              "values; "
              "'double' represents values using Java's 'double', which may not offer the precision "
              "but "
              "will be far easier to use in consumers."},
      {.name = "snapshot.lock.timeout.ms",
       .type = Type::Long,
       .default_value = "10000",
       .section = Section::Connector,
       .width = Width::Long,
       .display_name = "Snapshot lock timeout (ms)",
       .doc =
           "The maximum number of millis to wait for table locks at the beginning of a snapshot. "
           "If "
           "locks cannot be acquired in this time frame, the snapshot will be aborted. Defaults to "
           "10 seconds"},
      {.name = "memory.management.schemas.class",
       .type = Type::Class,
       .default_value = "io.debezium.relational.ConcurrentMapTableMappingStorage",
       .importance = Importance::Low,
       .section = Section::Connector,
       .width = Width::Long,
       .display_name = "Schema storage class",
       .doc =
           "The fully-qualified class name of the storage implementation for schema metadata. The "
           "class must implement "
           "io.debezium.relational.TableMappingStorage<io.debezium.relational.TableSchema>. "
           "Defaults "
           "to io.debezium.relational.ConcurrentMapTableMappingStorage for in-memory storage."},
      {.name = "memory.management.tables.class",
       .type = Type::Class,
       .default_value = "io.debezium.relational.ConcurrentMapTableMappingStorage",
       .importance = Importance::Low,
       .section = Section::Connector,
       .width = Width::Long,
       .display_name = "Table storage class",
       .doc =
           "The fully-qualified class name of the storage implementation for table metadata. The "
           "class must implement "
           "io.debezium.relational.TableMappingStorage<io.debezium.relational.Table>. Defaults to "
           "io.debezium.relational.ConcurrentMapTableMappingStorage for in-memory storage."},
      {.name = "connect.timeout.ms",
       .type = Type::Int,
       .default_value = "30000",
       .section = Section::Connector,
       .width = Width::Short,
       .display_name = "Connection Timeout (ms)",
       .checks = {Check::PositiveInteger},
       .doc = "Maximum time to wait after trying to connect to the database before timing out, "
              "given in "
              "milliseconds. Defaults to 30 seconds (30,000 ms)."},
      {.name = "connect.keep.alive",
       .type = Type::Boolean,
       .default_value = "true",
       .importance = Importance::Low,
       .section = Section::Connector,
       .width = Width::Short,
       .display_name = "Keep connection alive (true/false)",
       .checks = {Check::IsBoolean},
       .doc = "Whether a separate thread should be used to ensure the connection is kept alive."},
      {.name = "connect.keep.alive.interval.ms",
       .type = Type::Long,
       .default_value = "60000",
       .importance = Importance::Low,
       .section = Section::Connector,
       .width = Width::Short,
       .display_name = "Keep alive interval (ms)",
       .checks = {Check::PositiveInteger},
       .doc =
           "Interval for connection checking if keep alive thread is used, given in milliseconds "
           "Defaults to 1 minute (60,000 ms)."},
      {.name = "use.nongraceful.disconnect",
       .type = Type::Boolean,
       .default_value = "false",
       .section = Section::Connector,
       .width = Width::Short,
       .display_name = "Use Non-graceful Disconnect",
       .doc = "Whether to use `socket.setSoLinger(true, 0)` when BinaryLogClient keepalive thread "
              "triggers a disconnect for a stale connection."},
      {.name = "binlog.net.write.timeout",
       .type = Type::Long,
       .default_value = "0",
       .section = Section::Connector,
       .width = Width::Short,
       .display_name = "Binlog Net Write Timeout",
       .checks = {Check::NonNegativeLong},
       .doc =
           "The number of seconds to wait for a write to the binlog connection to complete before "
           "the server times out. A value of 0 means use the MySQL server default. May need to be "
           "increased when large data volumes cause EOFException during streaming."},
      {.name = "binlog.net.read.timeout",
       .type = Type::Long,
       .default_value = "0",
       .section = Section::Connector,
       .width = Width::Short,
       .display_name = "Binlog Net Read Timeout",
       .checks = {Check::NonNegativeLong},
       .doc =
           "The number of seconds to wait for a read from the binlog connection to complete before "
           "the server times out. A value of 0 means use the MySQL server default. May need to be "
           "increased in high-latency network environments to prevent EOFException during "
           "streaming."},
      {.name = "snapshot.mode",
       .default_value = "initial",
       .importance = Importance::Low,
       .section = Section::Connector,
       .width = Width::Short,
       .display_name = "Snapshot mode",
       .checks = {Check::Enum},
       .enum_literals = {"always", "initial_only", "configuration_based", "when_needed", "initial",
                         "custom", "no_data", "recovery"},
       .doc =
           "The criteria for running a snapshot upon startup of the connector. Select one of the "
           "following snapshot options: 'when_needed': On startup, the connector runs a snapshot "
           "if "
           "one is needed.; 'schema_only': If the connector does not detect any offsets for the "
           "logical server name, it runs a snapshot that captures only the schema (table "
           "structures), but not any table data. After the snapshot completes, the connector "
           "begins "
           "to stream changes from the binlog.; 'schema_only_recovery': The connector performs a "
           "snapshot that captures only the database schema history. The connector then "
           "transitions "
           "back to streaming. Use this setting to restore a corrupted or lost database schema "
           "history topic. Do not use if the database schema was modified after the connector "
           "stopped.; 'initial' (default): If the connector does not detect any offsets for the "
           "logical server name, it runs a snapshot that captures the current full state of the "
           "configured tables. After the snapshot completes, the connector begins to stream "
           "changes "
           "from the binlog.; 'initial_only': The connector performs a snapshot as it does for the "
           "'initial' option, but after the connector completes the snapshot, it stops, and does "
           "not "
           "stream changes from the binlog."},
      {.name = "snapshot.query.mode",
       .default_value = "select_all",
       .importance = Importance::Low,
       .section = Section::Connector,
       .width = Width::Short,
       .display_name = "Snapshot query mode",
       .checks = {Check::Enum},
       .enum_literals = {"custom", "select_all"},
       .doc = "Controls query used during the snapshot"},
      {.name = "snapshot.query.mode.custom.name",
       .section = Section::Connector,
       .width = Width::Medium,
       .display_name = "Snapshot Query Mode Custom Name",
       .checks = {Check::SnapshotQueryModeCustomName},
       .doc =
           "When 'snapshot.query.mode' is set as custom, this setting must be set to specify a the "
           "name of the custom implementation provided in the 'name()' method. The implementations "
           "must implement the 'SnapshotterQuery' interface and is called to determine how to "
           "build "
           "queries during snapshot."},
      {.name = "bigint.unsigned.handling.mode",
       .default_value = "long",
       .section = Section::Connector,
       .width = Width::Short,
       .display_name = "The mode for handling bigint-unsigned values",
       .checks = {Check::Enum},
       .enum_literals = {"precise", "long"},
       .doc =
           "Specify how BIGINT UNSIGNED columns should be represented in change events, including: "
           "'precise' uses java.math.BigDecimal to represent values, which are encoded in the "
           "change "
           "events using a binary representation and Kafka Connect's "
           "'org.apache.kafka.connect.data.Decimal' type; 'long' (the default) represents values "
           "using Java's 'long', which may not offer the precision but will be far easier to use "
           "in "
           "consumers."},
      {.name = "time.precision.mode",
       .default_value = "adaptive_time_microseconds",
       .section = Section::Connector,
       .width = Width::Short,
       .display_name = "The time precision mode to be used",
       .checks = {Check::TimePrecisionModeNotAdaptive, Check::Enum, Check::Enum},
       .enum_literals = {"adaptive", "adaptive_time_microseconds", "isostring", "microseconds",
                         "nanoseconds", "connect"},
       .doc =
           "Time, date and timestamps can be represented with different kinds of precisions, "
           "including: 'adaptive_time_microseconds': the precision of date and timestamp values is "
           "based the database column's precision; but time fields always use microseconds "
           "precision; 'connect': always represents time, date and timestamp values using Kafka "
           "Connect's built-in representations for Time, Date, and Timestamp, which uses "
           "millisecond "
           "precision regardless of the database columns' precision."},
      {.name = "enable.time.adjuster",
       .type = Type::Boolean,
       .default_value = "true",
       .importance = Importance::Low,
       .section = Section::Connector,
       .width = Width::Short,
       .display_name = "Enable Time Adjuster",
       .doc =
           "The database allows the user to insert year value as either 2-digit or 4-digit. In "
           "case "
           "of two digit the value is automatically mapped into 1970 - 2069.false - delegates the "
           "implicit conversion to the database; true - (the default) Debezium makes the "
           "conversion"},
      {.name = "schema.name.adjustment.mode",
       .default_value = "none",
       .importance = Importance::Low,
       .section = Section::Connector,
       .width = Width::Medium,
       .display_name = "Schema Name Adjustment",
       .checks = {Check::Enum},
       .enum_literals = {"none", "avro_unicode", "avro"},
       .doc = "Specify how schema names should be adjusted for compatibility with the message "
              "converter "
              "used by the connector, including: 'avro' replaces the characters that cannot be "
              "used in "
              "the Avro type name with underscore; 'avro_unicode' replaces the underscore or "
              "characters "
              "that cannot be used in the Avro type name with corresponding unicode like _uxxxx. "
              "Note: "
              "_ is an escape sequence like backslash in Java;'none' does not apply any adjustment "
              "(default)"},
      {.name = "min.row.count.to.stream.results",
       .type = Type::Int,
       .default_value = "1000",
       .importance = Importance::Low,
       .section = Section::Connector,
       .width = Width::Medium,
       .display_name = "Stream result set of size",
       .checks = {Check::NonNegativeLong},
       .doc =
           "The number of rows a table must contain to stream results rather than pull all into "
           "memory during snapshots. Defaults to 1,000. Use 0 to stream all results and completely "
           "avoid checking the size of each table."},
      {.name = "incremental.snapshot.chunk.size",
       .type = Type::Int,
       .default_value = "1024",
       .section = Section::Connector,
       .width = Width::Medium,
       .display_name = "Incremental snapshot chunk size",
       .checks = {Check::NonNegativeInteger},
       .doc = "The maximum size of chunk (number of documents/rows) for incremental snapshotting"},
      {.name = "incremental.snapshot.allow.schema.changes",
       .type = Type::Boolean,
       .default_value = "false",
       .importance = Importance::Low,
       .section = Section::Connector,
       .width = Width::Short,
       .display_name = "Allow schema changes during incremental snapshot if supported.",
       .doc =
           "Detect schema change during an incremental snapshot and re-select a current chunk to "
           "avoid locking DDLs. Note that changes to a primary key are not supported and can cause "
           "incorrect results if performed during an incremental snapshot. Another limitation is "
           "that if a schema change affects only columns' default values, then the change won't be "
           "detected until the DDL is processed from the binlog stream. This doesn't affect the "
           "snapshot events' values, but the schema of snapshot events may have outdated "
           "defaults."},
      {.name = "snapshot.locking.mode",
       .default_value = "minimal",
       .importance = Importance::Low,
       .section = Section::Connector,
       .width = Width::Short,
       .display_name = "Snapshot locking mode",
       .checks = {Check::SnapshotLockingModeValid, Check::Enum},
       .enum_literals = {"minimal", "minimal_percona", "custom", "none",
                         "minimal_percona_no_table_locks", "extended"},
       .flavors = kMySql,
       .doc =
           "Controls how long the connector holds onto the global read lock while it is performing "
           "a "
           "snapshot. The default is 'minimal', which means the connector holds the global read "
           "lock "
           "(and thus prevents any updates) for just the initial portion of the snapshot while the "
           "database schemas and other metadata are being read. The remaining work in a snapshot "
           "involves selecting all rows from each table, and this can be done using the snapshot "
           "process' REPEATABLE READ transaction even when the lock is no longer held and other "
           "operations are updating the database. However, in some cases it may be desirable to "
           "block all writes for the entire duration of the snapshot; in such cases set this "
           "property to 'extended'. Using a value of 'none' will prevent the connector from "
           "acquiring any table locks during the snapshot process. This mode can only be used in "
           "combination with snapshot.mode values of 'schema_only' or 'schema_only_recovery' and "
           "is "
           "only safe to use if no schema changes are happening while the snapshot is taken."},
      {.name = "snapshot.locking.mode",
       .default_value = "minimal",
       .importance = Importance::Low,
       .section = Section::Connector,
       .display_name = "Snapshot locking mode",
       .checks = {Check::SnapshotLockingModeValid, Check::Enum},
       .enum_literals = {"minimal", "custom", "none", "extended"},
       .flavors = kMariaDb,
       .doc =
           "Controls how long the connector holds onto the global read lock while it is performing "
           "a "
           "snapshot. The default is 'minimal', meaning the connector holds the global read lock "
           "(and thus prevents updates) for just the initial portion of the snapshot while the "
           "database schemas and other metadata are being read. The remaining work in a snapshot "
           "involves selecting all rows from each table, and this can be done using the snapshot "
           "process' REPEATABLE READ transaction isolation even when the lock is no longer held "
           "and "
           "other operations are updating the database. However, in some cases it may be desirable "
           "to block all writes for the entire duration of the snapshot; in such cases set this to "
           "'extended'. Using a value of 'none' will prevent the connector from acquiring any "
           "table "
           "locks during the snapshot process. This mode can only be used in combination with "
           "snapshot.mode values of 'schema_only' or 'schema_only_recovery' and is only safe to "
           "use "
           "if no schema changes are happening while the snapshot is taken."},
      {.name = "ddl.parser.type",
       .default_value = "default",
       .importance = Importance::Low,
       .section = Section::Connector,
       .width = Width::Short,
       .display_name = "DDL Parser Type",
       .checks = {Check::Enum},
       .enum_literals = {"default", "legacy"},
       .flavors = kMySql,
       .doc =
           "Specifies which ANTLR grammar to use for parsing MySQL DDL statements. 'default' uses "
           "the Oracle MySQL grammar, which is actively maintained and supports MySQL 8.0+ "
           "features. "
           "'legacy' uses the Positive Technologies grammar for backward compatibility with "
           "existing "
           "deployments."},
      {.name = "schema.history.internal",
       .type = Type::Class,
       .default_value = "io.debezium.storage.kafka.history.KafkaSchemaHistory",
       .importance = Importance::Low,
       .section = Section::History,
       .width = Width::Long,
       .display_name = "Database schema history class",
       .invisible = true,
       .doc =
           "The name of the SchemaHistory class that should be used to store and recover database "
           "schema changes. The configuration properties for the history are prefixed with the "
           "'schema.history.internal.' string."},
      {.name = "schema.history.internal.skip.unparseable.ddl",
       .type = Type::Boolean,
       .default_value = "false",
       .importance = Importance::Low,
       .section = Section::History,
       .width = Width::Short,
       .display_name = "Skip DDL statements that cannot be parsed",
       .doc =
           "Controls the action Debezium will take when it meets a DDL statement in binlog, that "
           "it "
           "cannot parse.By default the connector will stop operating but by changing the setting "
           "it "
           "can ignore the statements which it cannot parse. If skipping is enabled then Debezium "
           "can miss metadata changes."},
      {.name = "schema.history.internal.store.only.captured.tables.ddl",
       .type = Type::Boolean,
       .default_value = "false",
       .importance = Importance::Low,
       .section = Section::History,
       .width = Width::Short,
       .display_name =
           "Store only DDL that modifies tables that are captured based on include/exclude lists",
       .doc =
           "Controls what DDL will Debezium store in database schema history. By default (false) "
           "Debezium will store all incoming DDL statements. If set to true, then only DDL that "
           "manipulates a captured table will be stored."},
      {.name = "schema.history.internal.store.only.captured.databases.ddl",
       .type = Type::Boolean,
       .default_value = "false",
       .importance = Importance::Low,
       .section = Section::History,
       .width = Width::Short,
       .display_name = "Store only DDL that modifies tables of databases that are captured based "
                       "on include/exclude lists",
       .doc =
           "Controls what DDL will Debezium store in database schema history. By default (false) "
           "Debezium will store all incoming DDL statements. If set to true, then only DDL that "
           "manipulates a table from captured schema/database will be stored."},
      {.name = "converters",
       .importance = Importance::Low,
       .section = Section::Events,
       .width = Width::Medium,
       .display_name = "List of prefixes defining custom values converters.",
       .doc = "Optional list of custom converters that would be used instead of default ones. The "
              "converters are defined using '<converter.prefix>.type' config option and configured "
              "using options '<converter.prefix>.<option>'"},
      {.name = "post.processors",
       .importance = Importance::Low,
       .section = Section::Events,
       .width = Width::Medium,
       .display_name = "List of change event post processors.",
       .doc = "Optional list of post processors. The processors are defined using "
              "'<post.processor.prefix>.type' config option and configured using options "
              "'<post.processor.prefix.<option>'"},
      {.name = "tombstones.on.delete",
       .type = Type::Boolean,
       .default_value = "true",
       .section = Section::Events,
       .width = Width::Short,
       .display_name = "Change the behaviour of Debezium with regards to delete operations",
       .checks = {Check::IsBoolean},
       .doc =
           "Whether delete operations should be represented by a delete event and a subsequent "
           "tombstone event (true) or only by a delete event (false). Emitting the tombstone event "
           "(the default behavior) allows Kafka to completely delete all events pertaining to the "
           "given key once the source record got deleted."},
      {.name = "heartbeat.interval.ms",
       .type = Type::Int,
       .default_value = "0",
       .section = Section::Events,
       .width = Width::Medium,
       .display_name = "Connector heartbeat interval (milli-seconds)",
       .checks = {Check::NonNegativeInteger},
       .doc =
           "Length of an interval in milli-seconds in in which the connector periodically sends "
           "heartbeat messages to a heartbeat topic. Use 0 to disable heartbeat messages. Disabled "
           "by default."},
      {.name = "heartbeat.topics.prefix",
       .default_value = "__debezium-heartbeat",
       .importance = Importance::Low,
       .section = Section::Events,
       .width = Width::Medium,
       .display_name = "A prefix used for naming of heartbeat topics",
       .doc = "The prefix that is used to name heartbeat topics.Defaults to __debezium-heartbeat."},
      {.name = "signal.data.collection",
       .type = Type::List,
       .section = Section::Events,
       .width = Width::Medium,
       .display_name = "Signaling data collection",
       .checks = {Check::SignalDataCollection},
       .doc =
           "The name of the data collection that is used to send signals/commands to Debezium. For "
           "multi-partition mode connectors, multiple signal data collections can be specified as "
           "a "
           "comma-separated list. Signaling is disabled when not set."},
      {.name = "signal.poll.interval.ms",
       .type = Type::Long,
       .default_value = "5000",
       .section = Section::Events,
       .width = Width::Short,
       .display_name = "Signal processor poll interval",
       .checks = {Check::PositiveInteger},
       .doc = "Interval for looking for new signals in registered channels, given in milliseconds. "
              "Defaults to 5 seconds."},
      {.name = "signal.enabled.channels",
       .type = Type::List,
       .default_value = "source",
       .section = Section::Events,
       .width = Width::Long,
       .display_name = "Enabled channels names",
       .doc = "List of channels names that are enabled. Source channel is enabled by default"},
      {.name = "topic.naming.strategy",
       .type = Type::Class,
       .default_value = "io.debezium.schema.SchemaTopicNamingStrategy",
       .section = Section::Events,
       .width = Width::Medium,
       .display_name = "Topic naming strategy class",
       .doc =
           "The name of the TopicNamingStrategy class that should be used to determine the topic "
           "name for data change, schema change, transaction, heartbeat event etc."},
      {.name = "notification.enabled.channels",
       .type = Type::List,
       .section = Section::Events,
       .width = Width::Long,
       .display_name = "Enabled notification channels names",
       .doc = "List of notification channels names that are enabled."},
      {.name = "notification.sink.topic.name",
       .importance = Importance::High,
       .section = Section::Events,
       .width = Width::Long,
       .display_name = "Notification topic name",
       .checks = {Check::NotificationTopic},
       .doc =
           "The name of the topic for the notifications. This is required in case 'sink' is in the "
           "list of enabled channels"},
      {.name = "transaction.metadata.factory",
       .type = Type::Class,
       .default_value = "io.debezium.pipeline.txmetadata.DefaultTransactionMetadataFactory",
       .importance = Importance::Low,
       .section = Section::Events,
       .width = Width::Medium,
       .display_name =
           "Factory class to create transaction context & transaction struct maker classes",
       .doc = "Class to make transaction context & transaction struct/schemas"},
      {.name = "custom.metric.tags",
       .type = Type::List,
       .importance = Importance::Low,
       .section = Section::Events,
       .width = Width::Medium,
       .display_name = "Customize metric tags",
       .checks = {Check::ListOfMap},
       .doc =
           "The custom metric tags will accept key-value pairs to customize the MBean object name "
           "which should be appended the end of regular name, each key would represent a tag for "
           "the "
           "MBean object name, and the corresponding value would be the value of that tag the key "
           "is. For example: k1=v1,k2=v2"},
      {.name = "column.include.list",
       .type = Type::List,
       .section = Section::Events,
       .width = Width::Long,
       .display_name = "Include Columns",
       .checks = {Check::ListOfRegex},
       .doc = "Regular expressions matching columns to include in change events"},
      {.name = "column.exclude.list",
       .type = Type::List,
       .section = Section::Events,
       .width = Width::Long,
       .display_name = "Exclude Columns",
       .checks = {Check::ColumnExcludeList, Check::ListOfRegex},
       .doc = "Regular expressions matching columns to exclude from change events"},
      {.name = "table.include.list",
       .type = Type::List,
       .importance = Importance::High,
       .section = Section::Events,
       .width = Width::Long,
       .display_name = "Include Tables",
       .checks = {Check::ListOfRegex},
       .doc = "The tables for which changes are to be captured"},
      {.name = "table.exclude.list",
       .type = Type::List,
       .section = Section::Events,
       .width = Width::Long,
       .display_name = "Exclude Tables",
       .checks = {Check::TableExcludeList, Check::ListOfRegex},
       .doc =
           "A comma-separated list of regular expressions that match the fully-qualified names of "
           "tables to be excluded from monitoring"},
      {.name = "message.key.columns",
       .section = Section::Events,
       .width = Width::Long,
       .display_name = "Columns PK mapping",
       .checks = {Check::MessageKeyColumns},
       .doc =
           "A semicolon-separated list of expressions that match fully-qualified tables and "
           "column(s) to be used as message key. Each expression must match the pattern "
           "'<fully-qualified table name>:<key columns>', where the table names could be defined "
           "as "
           "(DB_NAME.TABLE_NAME) or (SCHEMA_NAME.TABLE_NAME), depending on the specific connector, "
           "and the key columns are a comma-separated list of columns representing the custom key. "
           "For any table without an explicit key configuration the table's primary key column(s) "
           "will be used as message key. Example: "
           "dbserver1.inventory.orderlines:orderId,orderLineId;dbserver1.inventory.orders:id"},
      {.name = "snapshot.select.statement.overrides",
       .section = Section::Events,
       .width = Width::Long,
       .display_name = "List of tables where the default select statement used during snapshotting "
                       "should be overridden.",
       .doc =
           " This property contains a comma-separated list of fully-qualified tables "
           "(DB_NAME.TABLE_NAME) or (SCHEMA_NAME.TABLE_NAME), depending on the specific "
           "connectors. "
           "Select statements for the individual tables are specified in further configuration "
           "properties, one for each table, identified by the id "
           "'snapshot.select.statement.overrides.[DB_NAME].[TABLE_NAME]' or "
           "'snapshot.select.statement.overrides.[SCHEMA_NAME].[TABLE_NAME]', respectively. The "
           "value of those properties is the select statement to use when retrieving data from the "
           "specific table during snapshotting. A possible use case for large append-only tables "
           "is "
           "setting a specific point where to start (resume) snapshotting, in case a previous "
           "snapshotting was interrupted."},
      {.name = "column.mask.hash.([^.]+).with.salt.(.+)",
       .section = Section::Events,
       .width = Width::Long,
       .display_name = "Mask Columns Using Hash and Salt",
       .doc = "A comma-separated list of regular expressions matching fully-qualified names of "
              "columns "
              "that should be masked by hashing the input. Using the specified hash algorithms and "
              "salt."},
      {.name = "column.mask.with.(d+).chars",
       .section = Section::Events,
       .display_name = "Mask Columns With n Asterisks",
       .checks = {Check::IsInteger},
       .doc = "A comma-separated list of regular expressions matching fully-qualified names of "
              "columns "
              "that should be masked with configured amount of asterisk ('*') characters."},
      {.name = "column.truncate.to.(d+).chars",
       .type = Type::Int,
       .section = Section::Events,
       .display_name = "Truncate Columns To n Characters",
       .checks = {Check::IsInteger},
       .doc = "A comma-separated list of regular expressions matching fully-qualified names of "
              "columns "
              "that should be truncated to the configured amount of characters."},
      {.name = "include.schema.changes",
       .type = Type::Boolean,
       .default_value = "true",
       .section = Section::Events,
       .width = Width::Short,
       .display_name = "Include database schema changes",
       .doc =
           "Whether the connector should publish changes in the database schema to a Kafka topic "
           "with the same name as the database server ID. Each schema change will be recorded "
           "using "
           "a key that contains the database name and whose value include logical description of "
           "the "
           "new schema and optionally the DDL statement(s). The default is 'true'. This is "
           "independent of how the connector internally records database schema history."},
      {.name = "include.schema.comments",
       .type = Type::Boolean,
       .default_value = "false",
       .section = Section::Events,
       .width = Width::Short,
       .display_name = "Include Table and Column Comments",
       .checks = {Check::IsBoolean},
       .doc =
           "Whether the connector parse table and column's comment to metadata object. Note: "
           "Enable "
           "this option will bring the implications on memory usage. The number and size of "
           "ColumnImpl objects is what largely impacts how much memory is consumed by the Debezium "
           "connectors, and adding a String to each of them can potentially be quite heavy. The "
           "default is 'false'."},
      {.name = "column.propagate.source.type",
       .type = Type::List,
       .section = Section::Events,
       .display_name = "Propagate Source Types by Columns",
       .checks = {Check::ListOfRegex},
       .doc = "A comma-separated list of regular expressions matching fully-qualified names of "
              "columns "
              "that adds the column’s original type and original length as parameters to the "
              "corresponding field schemas in the emitted change records."},
      {.name = "datatype.propagate.source.type",
       .type = Type::List,
       .section = Section::Events,
       .display_name = "Propagate Source Types by Data Type",
       .checks = {Check::ListOfRegex},
       .doc =
           "A comma-separated list of regular expressions matching the database-specific data type "
           "names that adds the data type's original type and original length as parameters to the "
           "corresponding field schemas in the emitted change records."},
      {.name = "internal.snapshot.scan.all.columns.force",
       .type = Type::Boolean,
       .default_value = "false",
       .importance = Importance::Low,
       .section = Section::Events,
       .width = Width::Short,
       .display_name = "Snapshot force scan all columns of all tables",
       .doc =
           "Restore pre 1.5 behaviour and scan all tables to discover columns. If you are "
           "excluding "
           "one table then turning this on may improve performance. If you are excluding a lot of "
           "tables the default behavior should work well."},
      {.name = "snapshot.tables.order.by.row.count",
       .default_value = "disabled",
       .section = Section::Events,
       .display_name = "Initial snapshot tables order by row count",
       .checks = {Check::Enum},
       .enum_literals = {"disabled", "ascending", "descending"},
       .doc = "Controls the order in which tables are processed in the initial snapshot. A "
              "`descending` "
              "value will order the tables by row count descending. A `ascending` value will order "
              "the "
              "tables by row count ascending. A value of `disabled` (the default) will disable "
              "ordering "
              "by row count."},
      {.name = "heartbeat.action.query",
       .importance = Importance::Low,
       .section = Section::Events,
       .width = Width::Medium,
       .display_name = "An optional query to execute with every heartbeat",
       .doc = "The query executed with every heartbeat."},
      {.name = "include.query",
       .type = Type::Boolean,
       .default_value = "false",
       .section = Section::Events,
       .width = Width::Short,
       .display_name = "Include original SQL query with in change events",
       .doc =
           "Whether the connector should include the original SQL query that generated the change "
           "event. Note: This option requires the database to be configured using the server "
           "option "
           "binlog_rows_query_log_events (MySQL) or binlog_annotate_row_events (MariaDB) set to "
           "ON.Query will not be present for events generated from snapshot. WARNING: Enabling "
           "this "
           "option may expose tables or fields explicitly excluded or masked by including the "
           "original SQL statement in the change event. For this reason the default value is "
           "'false'."},
      {.name = "table.ignore.builtin",
       .type = Type::Boolean,
       .default_value = "true",
       .importance = Importance::Low,
       .section = Section::Events,
       .width = Width::Short,
       .display_name = "Ignore system databases",
       .dependents = {"database.include.list"},
       .checks = {Check::IsBoolean},
       .doc = "Flag specifying whether built-in tables should be ignored."},
      {.name = "database.include.list",
       .type = Type::List,
       .importance = Importance::High,
       .section = Section::Events,
       .width = Width::Long,
       .display_name = "Include Databases",
       .dependents = {"table.include.list"},
       .checks = {Check::ListOfRegex},
       .doc = "The databases for which changes are to be captured"},
      {.name = "database.exclude.list",
       .type = Type::List,
       .section = Section::Events,
       .width = Width::Long,
       .display_name = "Exclude Databases",
       .checks = {Check::DatabaseExcludeList, Check::ListOfRegex},
       .doc =
           "A comma-separated list of regular expressions that match database names to be excluded "
           "from monitoring"},
      {.name = "binlog.buffer.size",
       .type = Type::Int,
       .default_value = "0",
       .section = Section::Events,
       .width = Width::Medium,
       .display_name = "Binlog reader buffer size",
       .checks = {Check::NonNegativeInteger},
       .doc = "The size of a look-ahead buffer used by the binlog reader to decide whether the "
              "transaction in progress is going to be committed or rolled back. Use 0 to disable "
              "look-ahead buffering. Defaults to 0 (i.e. buffering is disabled."},
      {.name = "event.deserialization.failure.handling.mode",
       .default_value = "fail",
       .section = Section::Events,
       .width = Width::Short,
       .display_name = "Event deserialization failure handling",
       .checks = {Check::Enum},
       .enum_literals = {"warn", "fail", "ignore", "skip"},
       .doc =
           "Specify how failures during deserialization of binlog events (i.e. when encountering a "
           "corrupted event) should be handled, including: 'fail' (the default) an exception "
           "indicating the problematic event and its binlog position is raised, causing the "
           "connector to be stopped; 'warn' the problematic event and its binlog position will be "
           "logged and the event will be skipped; 'ignore' the problematic event will be skipped."},
      {.name = "inconsistent.schema.handling.mode",
       .default_value = "fail",
       .section = Section::Events,
       .width = Width::Short,
       .display_name = "Inconsistent schema failure handling",
       .checks = {Check::Enum},
       .enum_literals = {"warn", "fail", "ignore", "skip"},
       .doc =
           "Specify how binlog events that belong to a table missing from internal schema "
           "representation (i.e. internal representation is not consistent with database) should "
           "be "
           "handled, including: 'fail' (the default) an exception indicating the problematic event "
           "and its binlog position is raised, causing the connector to be stopped; 'warn' the "
           "problematic event and its binlog position will be logged and the event will be "
           "skipped; "
           "'skip' the problematic event will be skipped."},
      {.name = "gtid.source.filter.dml.events",
       .type = Type::Boolean,
       .default_value = "true",
       .section = Section::Events,
       .width = Width::Short,
       .display_name = "Filter DML events",
       .doc = "When set to true, only produce DML events for transactions that were written on the "
              "server with matching GTIDs defined by the `gtid.source.includes` or "
              "`gtid.source.excludes`, if they were specified."},
      {.name = "gtid.ignore.on.recovery",
       .type = Type::Boolean,
       .default_value = "false",
       .importance = Importance::Low,
       .section = Section::Events,
       .width = Width::Short,
       .display_name = "Ignore GTID on recovery",
       .doc =
           "Whether the connector should ignore GTID during recovery and restart from the binlog "
           "file and position instead. GTID mode on the server remains enabled, and GTID tracking "
           "resumes normally after recovery."},
      {.name = "gtid.source.includes",
       .type = Type::List,
       .importance = Importance::High,
       .section = Section::Events,
       .width = Width::Long,
       .display_name = "Include GTID sources",
       .dependents = {"table.include.list"},
       .flavors = kMySql,
       .doc = "The source UUIDs used to include GTID ranges when determine the starting position "
              "in the "
              "MySQL server's binlog."},
      {.name = "gtid.source.includes",
       .type = Type::List,
       .importance = Importance::High,
       .section = Section::Events,
       .width = Width::Long,
       .display_name = "Include GTID sources",
       .dependents = {"table.include.list"},
       .flavors = kMariaDb,
       .doc = "The source domain IDs used to include GTID ranges when determining the starting "
              "position "
              "in the MariaDB server's binlog."},
      {.name = "gtid.source.excludes",
       .section = Section::Events,
       .width = Width::Long,
       .display_name = "Exclude GTID sources",
       .checks = {Check::GtidExcludes},
       .invisible = true,
       .flavors = kMySql,
       .doc = "The source UUIDs used to exclude GTID ranges when determine the starting position "
              "in the "
              "MySQL server's binlog."},
      {.name = "gtid.source.excludes",
       .section = Section::Events,
       .width = Width::Long,
       .display_name = "Exclude GTID sources",
       .checks = {Check::GtidExcludes},
       .invisible = true,
       .flavors = kMariaDb,
       .doc = "The source domain IDs used to exclude GTID ranges when determining the starting "
              "position "
              "in the MariaDB server's binlog."},
      {.name = "sourceinfo.struct.maker",
       .type = Type::Class,
       .default_value = "io.debezium.connector.mysql.MySqlSourceInfoStructMaker",
       .importance = Importance::Low,
       .section = Section::Events,
       .width = Width::Medium,
       .display_name = "Source info struct maker class",
       .flavors = kMySql,
       .doc = "The name of the SourceInfoStructMaker class that returns SourceInfo schema and "
              "struct."},
      {.name = "sourceinfo.struct.maker",
       .type = Type::Class,
       .default_value = "io.debezium.connector.mariadb.MariaDbSourceInfoStructMaker",
       .importance = Importance::Low,
       .section = Section::Events,
       .width = Width::Medium,
       .display_name = "Source info struct maker class",
       .flavors = kMariaDb,
       .doc = "The name of the SourceInfoStructMaker class that returns SourceInfo schema and "
              "struct."},
  };
  return fields;
}

// Keys Debezium reads outside its ConfigDef: the topic naming strategy's, the schema history
// storage's, the signal channels' and a few connector options that 3.6 no longer lists.
const std::vector<FieldDef>& extraFields() {
  static const std::vector<FieldDef> fields = {
      {.name = "topic.delimiter",
       .default_value = ".",
       .importance = Importance::Low,
       .section = Section::TopicNaming,
       .width = Width::Medium,
       .display_name = "Topic delimiter",
       .checks = {Check::TopicName},
       .doc = "Specify the delimiter for topic name."},
      {.name = "topic.cache.size",
       .type = Type::Int,
       .default_value = "10000",
       .importance = Importance::Low,
       .section = Section::TopicNaming,
       .width = Width::Medium,
       .display_name = "Topic cache size",
       .doc = "The size used for holding the topic names in bounded concurrent hash map. The cache "
              "will "
              "help to determine the topic name corresponding to a given data collection"},
      {.name = "topic.heartbeat.prefix",
       .default_value = "__debezium-heartbeat",
       .importance = Importance::Low,
       .section = Section::TopicNaming,
       .width = Width::Medium,
       .display_name = "Prefix name of heartbeat topic",
       .checks = {Check::TopicName},
       .doc = "Specify the heartbeat topic name. Defaults to __debezium-heartbeat.${topic.prefix}"},
      {.name = "topic.heartbeat.name",
       .importance = Importance::Low,
       .section = Section::TopicNaming,
       .width = Width::Medium,
       .display_name = "Full name of heartbeat topic",
       .checks = {Check::HeartbeatTopicName},
       .doc =
           "Specify the full heartbeat topic name. When set, this overrides the default heartbeat "
           "topic naming of ${topic.heartbeat.prefix}.${topic.prefix}, allowing multiple "
           "connectors "
           "to share the same heartbeat topic."},
      {.name = "topic.transaction",
       .default_value = "transaction",
       .importance = Importance::Low,
       .section = Section::TopicNaming,
       .width = Width::Medium,
       .display_name = "Transaction topic name",
       .checks = {Check::TopicName},
       .doc = "Specify the transaction topic name. Defaults to ${topic.prefix}.transaction"},
      {.name = "schema.history.internal.kafka.topic",
       .importance = Importance::High,
       .section = Section::HistoryStorage,
       .width = Width::Long,
       .display_name = "Database schema history topic name",
       .checks = {Check::Required},
       .doc = "The name of the topic for the database schema history"},
      {.name = "schema.history.internal.kafka.bootstrap.servers",
       .importance = Importance::High,
       .section = Section::HistoryStorage,
       .width = Width::Long,
       .display_name = "Kafka broker addresses",
       .checks = {Check::Required},
       .doc = "A list of host/port pairs that the connector will use for establishing the initial "
              "connection to the Kafka cluster for retrieving database schema history previously "
              "stored "
              "by the connector. This should point to the same Kafka cluster used by the Kafka "
              "Connect "
              "process."},
      {.name = "schema.history.internal.name",
       .importance = Importance::Low,
       .section = Section::HistoryStorage,
       .width = Width::Medium,
       .display_name = "Logical name for the database schema history",
       .doc = "The name used for the database schema history, perhaps differently by each "
              "implementation."},
      {.name = "schema.history.internal.kafka.recovery.poll.interval.ms",
       .type = Type::Int,
       .default_value = "100",
       .importance = Importance::Low,
       .section = Section::HistoryStorage,
       .width = Width::Short,
       .display_name = "Poll interval during database schema history recovery (ms)",
       .checks = {Check::NonNegativeInteger},
       .doc =
           "The number of milliseconds to wait while polling for persisted data during recovery."},
      {.name = "schema.history.internal.kafka.recovery.attempts",
       .type = Type::Int,
       .default_value = "100",
       .importance = Importance::Low,
       .section = Section::HistoryStorage,
       .width = Width::Short,
       .display_name = "Max attempts to recovery database schema history",
       .checks = {Check::IsInteger},
       .doc = "The number of attempts in a row that no data are returned from Kafka before recover "
              "completes. The maximum amount of time to wait after receiving no data is "
              "(recovery.attempts) x (recovery.poll.interval.ms)."},
      {.name = "schema.history.internal.kafka.query.timeout.ms",
       .type = Type::Long,
       .default_value = "3000",
       .importance = Importance::Low,
       .section = Section::HistoryStorage,
       .width = Width::Short,
       .display_name = "Kafka admin client query timeout (ms)",
       .checks = {Check::PositiveInteger},
       .doc = "The number of milliseconds to wait while fetching cluster information using Kafka "
              "admin "
              "client."},
      {.name = "schema.history.internal.kafka.create.timeout.ms",
       .type = Type::Long,
       .default_value = "30000",
       .importance = Importance::Low,
       .section = Section::HistoryStorage,
       .width = Width::Short,
       .display_name = "Kafka admin client create timeout (ms)",
       .checks = {Check::PositiveInteger},
       .doc =
           "The number of milliseconds to wait while create kafka history topic using Kafka admin "
           "client."},
      {.name = "schema.history.internal.kafka.buffer.batch.size",
       .type = Type::Int,
       .default_value = "1024",
       .importance = Importance::Low,
       .section = Section::HistoryStorage,
       .width = Width::Short,
       .display_name = "Buffered writes batch size",
       .checks = {Check::PositiveInteger},
       .doc = "The maximum number of schema history records to accumulate in the buffer before "
              "draining "
              "and verifying the pending writes. Only applies when buffering is active (between "
              "startBuffering/stopBuffering calls). A larger value reduces the number of blocking "
              "drain "
              "operations but increases memory usage."},
      {.name = "schema.history.internal.file.filename",
       .section = Section::HistoryStorage,
       .checks = {Check::Required},
       .doc = "The path to the file that will be used to record the database schema history"},
      {.name = "internal.schema.history.internal.ddl.filter",
       .default_value =
           "DROP TEMPORARY TABLE IF EXISTS .+ /\\* generated by server \\*/,(SET STATEMENT "
           ".*)?INSERT INTO (mysql\\.)?rds_heartbeat2\\(.*\\) values \\(.*\\) ON DUPLICATE KEY "
           "UPDATE value = .*,(SET STATEMENT .*)?DELETE FROM (mysql\\.)?rds_sysinfo.*,(SET "
           "STATEMENT .*)?INSERT INTO (mysql\\.)?rds_sysinfo\\(.*\\) values \\(.*\\),(SET "
           "STATEMENT .*)?INSERT INTO (mysql\\.)?rds_monitor\\(.*\\) values \\(.*\\) ON DUPLICATE "
           "KEY UPDATE value = .*,(SET STATEMENT .*)?INSERT INTO (mysql\\.)?rds_monitor\\(.*\\) "
           "values \\(.*\\),(SET STATEMENT .*)?DELETE FROM (mysql\\.)?rds_monitor.*,FLUSH RELAY "
           "LOGS.*,flush relay logs.*,SAVEPOINT .*,^\\s*#\\s*Dummy event.*,(SET STATEMENT "
           ".*)?TRUNCATE TABLE .*,(SET STATEMENT .*)?REPLACE INTO .*,^(?:SET "
           "STATEMENT\\s+.*?FOR\\s+)?(?:GRANT|REVOKE)\\s+.*,^(?:SET "
           "STATEMENT\\s+.*?FOR\\s+)?(?:ANALYZE|OPTIMIZE|REPAIR)\\s+(?:NO_WRITE_TO_BINLOG\\s+|"
           "LOCAL\\s+)?TABLE\\s+.*,^(?:SET "
           "STATEMENT\\s+.*?FOR\\s+)?(CREATE|ALTER|DROP)\\s+(?:OR\\s+REPLACE\\s+)?(?:IF\\s+(?:"
           "NOT\\s+)?EXISTS\\s+)?(USER|ROLE)\\b.*,^(?:SET "
           "STATEMENT\\s+.*?FOR\\s+)?(CREATE|ALTER|DROP)\\s+(?:OR\\s+REPLACE\\s+)?(?:ALGORITHM\\s*="
           "\\s*[^\\s]+\\s+)?(?:DEFINER\\s*=\\s*[^\\s]+\\s+)?(?:SQL\\s+SECURITY\\s+[^\\s]+\\s+)?("
           "VIEW|FUNCTION|PROCEDURE|TRIGGER)\\s+.*",
       .importance = Importance::Low,
       .section = Section::HistoryStorage,
       .width = Width::Long,
       .display_name = "DDL filter",
       .checks = {Check::ListOfRegex},
       .doc =
           "A regular expression to filter out a subset of incoming DDL statements from processing "
           "and storing into schema history evolution."},
      {.name = "signal.kafka.topic",
       .importance = Importance::High,
       .section = Section::Signals,
       .width = Width::Long,
       .display_name = "Signal topic name",
       .checks = {Check::Required},
       .doc = "The name of the topic for the signals to the connector"},
      {.name = "signal.kafka.bootstrap.servers",
       .importance = Importance::High,
       .section = Section::Signals,
       .width = Width::Long,
       .display_name = "Kafka broker addresses",
       .checks = {Check::Required},
       .doc = "A list of host/port pairs that the connector will use for establishing the initial "
              "connection to the Kafka cluster for retrieving signals to the connector.This should "
              "point to the same Kafka cluster used by the Kafka Connect process."},
      {.name = "signal.kafka.poll.timeout.ms",
       .type = Type::Int,
       .default_value = "0",
       .importance = Importance::Low,
       .section = Section::Signals,
       .width = Width::Short,
       .display_name = "Poll timeout for kafka signals (ms)",
       .checks = {Check::NonNegativeInteger},
       .doc = "The number of milliseconds to wait while polling signals."},
      {.name = "signal.kafka.groupId",
       .default_value = "kafka-signal",
       .importance = Importance::Low,
       .section = Section::Signals,
       .width = Width::Medium,
       .display_name = "Consumer group id for the signal topic",
       .doc = "Consumer group id for the signal topic"},
      {.name = "signal.file",
       .importance = Importance::High,
       .section = Section::Signals,
       .width = Width::Long,
       .display_name = "Signal file name",
       .checks = {Check::Required},
       .doc = "The name of the file for the signals to the connector"},
      {.name = "binary.handling.mode",
       .default_value = "bytes",
       .importance = Importance::Low,
       .section = Section::ConnectorExtras,
       .width = Width::Medium,
       .display_name = "Binary Handling",
       .checks = {Check::Enum},
       .enum_literals = {"bytes", "base64", "hex", "base64-url-safe"},
       .doc =
           "Specify how binary (blob, binary, etc.) columns should be represented in change "
           "events, "
           "including: 'bytes' represents binary data as byte array (default); 'base64' represents "
           "binary data as base64-encoded string; 'base64-url-safe' represents binary data as "
           "base64-url-safe-encoded string; 'hex' represents binary data as hex-encoded (base16) "
           "string"},
      {.name = "field.name.adjustment.mode",
       .default_value = "none",
       .importance = Importance::Low,
       .section = Section::ConnectorExtras,
       .width = Width::Medium,
       .display_name = "Field Name Adjustment",
       .checks = {Check::Enum},
       .enum_literals = {"none", "avro_unicode", "avro"},
       .doc = "Specify how field names should be adjusted for compatibility with the message "
              "converter "
              "used by the connector, including: 'avro' replaces the characters that cannot be "
              "used in "
              "the Avro type name with underscore; 'avro_unicode' replaces the underscore or "
              "characters "
              "that cannot be used in the Avro type name with corresponding unicode like _uxxxx. "
              "Note: "
              "_ is an escape sequence like backslash in Java;'none' does not apply any adjustment "
              "(default)"},
      {.name = "skip.messages.without.change",
       .type = Type::Boolean,
       .default_value = "false",
       .section = Section::ConnectorExtras,
       .width = Width::Short,
       .display_name = "Enable skipping messages without change",
       .checks = {Check::IsBoolean},
       .doc = "Enable to skip publishing messages when there is no change in included columns.This "
              "would essentially filter messages to be sent when there is no change in columns "
              "included "
              "as per column.include.list/column.exclude.list.For Postgres - this would require "
              "REPLICA "
              "IDENTITY of table to be FULL."},
      {.name = "event.converting.failure.handling.mode",
       .default_value = "warn",
       .section = Section::ConnectorExtras,
       .width = Width::Medium,
       .display_name = "Event converting failure handling mode",
       .checks = {Check::Enum},
       .enum_literals = {"warn", "fail", "skip"},
       .doc =
           "Specify how failures during converting of event should be handled, including: 'fail' "
           "throw an exception that the column of event conversion is failed with unmatched schema "
           "type, causing the connector to be stopped. it could need schema recovery to covert "
           "successfully; 'warn' (the default) the value of column of event that conversion failed "
           "will be null and be logged with warn level; 'skip' the value of column of event that "
           "conversion failed will be null and be logged with debug level."},
      {.name = "unavailable.value.placeholder",
       .default_value = "__debezium_unavailable_value",
       .section = Section::ConnectorExtras,
       .width = Width::Medium,
       .display_name = "Unavailable value placeholder",
       .doc =
           "Specify the constant that will be provided by Debezium to indicate that the original "
           "value is unavailable and not provided by the database."},
      {.name = "read.only",
       .type = Type::Boolean,
       .default_value = "false",
       .importance = Importance::Low,
       .section = Section::ConnectorExtras,
       .width = Width::Short,
       .display_name = "Read only connection",
       .doc = "Switched connector to use alternative methods to deliver signals to Debezium "
              "instead of "
              "writing to signaling table"},
      {.name = "snapshot.locking.mode.custom.name",
       .section = Section::ConnectorExtras,
       .width = Width::Medium,
       .display_name = "Snapshot Locking Mode Custom Name",
       .checks = {Check::SnapshotLockingModeCustomName},
       .doc =
           "When 'snapshot.locking.mode' is set as custom, this setting must be set to specify a "
           "the "
           "name of the custom implementation provided in the 'name()' method. The implementations "
           "must implement the 'SnapshotterLocking' interface and is called to determine how to "
           "lock "
           "tables during schema snapshot."},
  };
  return fields;
}

const char* groupName(Section section, Flavor flavor) {
  switch (section) {
    case Section::Type:
      return flavor == Flavor::MySql ? "MySQL" : "MariaDB";
    case Section::Connector:
      return "Connector";
    case Section::History:
      return "History Storage";
    case Section::Events:
      return "Events";
    case Section::TopicNaming:
      return "Topic Naming";
    case Section::HistoryStorage:
      return "Schema History Storage";
    case Section::Signals:
      return "Signals";
    case Section::ConnectorExtras:
      return "Connector Extras";
  }
  return "";
}

unsigned flavorBit(Flavor flavor) { return flavor == Flavor::MySql ? kMySql : kMariaDb; }

std::vector<const FieldDef*> fieldsFor(const std::vector<FieldDef>& all, Flavor flavor,
                                       bool with_aliases) {
  std::vector<const FieldDef*> out;
  for (const auto& f : all)
    if ((f.flavors & flavorBit(flavor)) != 0 && (with_aliases || !f.alias_only)) out.push_back(&f);
  return out;
}

const FieldDef& fieldNamed(Flavor flavor, const std::string& name) {
  for (const auto* list : {&debeziumFields(), &extraFields()})
    for (const auto& f : *list)
      if ((f.flavors & flavorBit(flavor)) != 0 && name == f.name) return f;
  throw std::logic_error("no MySQL connector field " + name);
}

void defineAll(api::ConfigDef& def, const std::vector<const FieldDef*>& fields, Flavor flavor) {
  std::map<Section, int> order;
  for (const FieldDef* f : fields) {
    api::ConfigDef::Key key;
    key.name = f->name;
    key.type = f->type;
    key.required = false;
    if (f->default_value != nullptr) key.default_value = std::string(f->default_value);
    key.importance = f->importance;
    key.documentation = f->doc;
    key.group = groupName(f->section, flavor);
    // Field.group() numbers keys by position; a deprecated alias shares its field's number.
    key.order_in_group = f->alias_only ? order[f->section] : ++order[f->section];
    key.width = f->width;
    key.display_name = f->display_name != nullptr ? f->display_name : "";
    key.dependents = f->dependents;
    key.recommended_values = f->enum_literals;
    key.internal = common::startsWith(key.name, "internal.schema.history.");
    def.define(std::move(key));
  }
}

const api::ConfigDef& cachedFullDef(Flavor flavor) {
  static const api::ConfigDef mysql = mySqlConnectorFullConfigDef(Flavor::MySql);
  static const api::ConfigDef mariadb = mySqlConnectorFullConfigDef(Flavor::MariaDb);
  return flavor == Flavor::MySql ? mysql : mariadb;
}

// Integer.parseInt / Long.parseLong: an optional sign and at least one ASCII digit, nothing
// else (no whitespace), within range.
std::optional<int64_t> parseJavaInteger(std::string_view s, int64_t min, int64_t max) {
  size_t i = 0;
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    i = 1;
  }
  if (i == s.size()) return std::nullopt;
  // Accumulate negatively so Long.MIN_VALUE parses.
  int64_t value = 0;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c < '0' || c > '9') return std::nullopt;
    int digit = c - '0';
    if (value < (INT64_MIN + digit) / 10) return std::nullopt;
    value = value * 10 - digit;
  }
  if (!negative) {
    if (value == INT64_MIN) return std::nullopt;
    value = -value;
  }
  if (value < min || value > max) return std::nullopt;
  return value;
}

std::optional<int32_t> parseJavaInt(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  auto v = parseJavaInteger(*s, INT32_MIN, INT32_MAX);
  if (!v) return std::nullopt;
  return static_cast<int32_t>(*v);
}

std::optional<int64_t> parseJavaLong(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  return parseJavaInteger(*s, INT64_MIN, INT64_MAX);
}

bool isJavaKeyword(std::string_view s) {
  static const std::unordered_set<std::string_view> keywords = {
      "abstract", "assert", "boolean",    "break",     "byte",       "case",      "catch",
      "char",     "class",  "const",      "continue",  "default",    "do",        "double",
      "else",     "enum",   "extends",    "final",     "finally",    "float",     "for",
      "goto",     "if",     "implements", "import",    "instanceof", "int",       "interface",
      "long",     "native", "new",        "package",   "private",    "protected", "public",
      "return",   "short",  "static",     "strictfp",  "super",      "switch",    "synchronized",
      "this",     "throw",  "throws",     "transient", "try",        "void",      "volatile",
      "while",    "true",   "false",      "null",      "_"};
  return keywords.count(s) != 0;
}

// javax.lang.model.SourceVersion.isName: dot-separated Java identifiers, none a keyword.
// Non-ASCII characters are taken as identifier characters.
bool isJavaName(std::string_view s) {
  for (const auto& part : common::split(s, '.')) {
    if (part.empty() || isJavaKeyword(part)) return false;
    for (size_t i = 0; i < part.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(part[i]);
      bool start = std::isalpha(c) || c == '_' || c == '$' || c >= 0x80;
      if (!(start || (i > 0 && std::isdigit(c)))) return false;
    }
  }
  return true;
}

const common::JavaRegex& topicNamePattern() {
  static const common::JavaRegex re("^[a-zA-Z0-9_.\\-]+$");
  return re;
}

const common::JavaRegex& hostnamePattern() {
  static const common::JavaRegex re("^[a-zA-Z0-9-_.]+$");
  return re;
}

constexpr const char* kMessageKeyColumnsPattern = "^\\s*([^:]+):([^:,]+(,[^:,]+)*)\\s*$";

const common::JavaRegex& messageKeyColumnsPattern() {
  static const common::JavaRegex re(kMessageKeyColumnsPattern);
  return re;
}

// Configuration.PASSWORD_PATTERN: validateAndRecord masks values that look like secrets.
const common::JavaRegex& passwordPattern() {
  static const common::JavaRegex re(
      "(?i).*secret$|.*password$|.*sasl\\.jaas\\.config$|.*basic\\.auth\\.user\\.info|.*registry\\."
      "auth\\.client-"
      "secret|.*credentials\\.json$|.*connectionstring$|.*connection\\.string$");
  return re;
}

// The value a Debezium validator hands to ValidationOutput next to its message: null, a
// String (quoted by validateAndRecord) or another object (printed as is).
struct ProblemValue {
  enum class Kind { Null, Text, Object } kind = Kind::Null;
  std::string text;
  static ProblemValue null() { return {}; }
  static ProblemValue of(const std::optional<std::string>& s) {
    return s ? ProblemValue{Kind::Text, *s} : ProblemValue{};
  }
  static ProblemValue object(std::string s) { return {Kind::Object, std::move(s)}; }
};

using Sink = std::function<void(const FieldDef&, const ProblemValue&, const std::string&)>;

std::string restMessage(const FieldDef& field, const std::string& problem) {
  return "The '" + std::string(field.name) + "' value is invalid: " + problem;
}

// Configuration.validateAndRecord's wording (the lines Debezium logs when a task refuses its
// configuration).
std::string recordMessage(const FieldDef& field, const ProblemValue& value,
                          const std::string& problem) {
  if (value.kind == ProblemValue::Kind::Null) return restMessage(field, problem);
  std::string shown = value.text;
  if (value.kind == ProblemValue::Kind::Text)
    shown = passwordPattern().matches(value.text) ? "********" : "'" + value.text + "'";
  return "The '" + std::string(field.name) + "' value " + shown + " is invalid: " + problem;
}

std::string javaListToString(const std::vector<std::string>& items) {
  return "[" + common::join(items, ", ") + "]";
}

// Configuration.getList(key): String.split(",") with every piece trimmed; null -> empty.
std::vector<std::string> javaTrimmedList(const std::optional<std::string>& value) {
  std::vector<std::string> out;
  if (!value) return out;
  for (const auto& piece : javaSplit(*value, ',')) out.emplace_back(javaTrim(piece));
  return out;
}

// Debezium's Configuration over the raw connector properties, plus the Field validators.
class Validator {
 public:
  Validator(const std::map<std::string, std::string>& props, Flavor flavor)
      : props_(props), flavor_(flavor) {}

  std::optional<std::string> raw(const std::string& key) const {
    auto it = props_.find(key);
    if (it == props_.end()) return std::nullopt;
    return it->second;
  }

  // Configuration.getString(Field): the value, else a deprecated alias's value, else the default.
  std::optional<std::string> value(const FieldDef& f) const {
    if (auto v = raw(f.name)) return v;
    for (const auto& alias : f.aliases)
      if (auto v = raw(alias)) return v;
    if (f.default_value != nullptr) return std::string(f.default_value);
    return std::nullopt;
  }

  std::optional<std::string> valueOf(const std::string& name) const {
    return value(fieldNamed(flavor_, name));
  }

  void run(const FieldDef& f, const Sink& sink) const {
    runTypeValidator(f, sink);
    for (Check check : f.checks) runCheck(f, check, sink);
  }

 private:
  void runTypeValidator(const FieldDef& f, const Sink& sink) const {
    auto v = value(f);
    if (!v) return;
    switch (f.type) {
      case Type::Boolean:
        checkBoolean(f, *v, sink);
        break;
      case Type::Class:
        checkClassName(f, *v, sink);
        break;
      case Type::Int:
        checkInteger(f, *v, sink);
        break;
      case Type::Short:
        if (!parseJavaInteger(*v, INT16_MIN, INT16_MAX))
          sink(f, ProblemValue::of(v), "A short value is expected");
        break;
      case Type::Long:
        if (!parseJavaLong(v)) sink(f, ProblemValue::of(v), "A long value is expected");
        break;
      case Type::Double: {
        std::string trimmed(javaTrim(*v));
        char* end = nullptr;
        std::strtod(trimmed.c_str(), &end);
        if (trimmed.empty() || end != trimmed.c_str() + trimmed.size())
          sink(f, ProblemValue::of(v), "A double value is expected");
        break;
      }
      case Type::String:
      case Type::List:
      case Type::Password:
        break;
    }
  }

  static void checkBoolean(const FieldDef& f, const std::string& v, const Sink& sink) {
    std::string_view t = javaTrim(v);
    if (!common::iequals(t, "true") && !common::iequals(t, "false"))
      sink(f, ProblemValue::of(v), "Either 'true' or 'false' is expected");
  }
  static void checkClassName(const FieldDef& f, const std::string& v, const Sink& sink) {
    if (!isJavaName(v)) sink(f, ProblemValue::of(v), "A Java class name is expected");
  }
  static void checkInteger(const FieldDef& f, const std::string& v, const Sink& sink) {
    if (!parseJavaInt(v)) sink(f, ProblemValue::of(v), "An integer is expected");
  }

  void checkExcludeList(const FieldDef& f, const char* include_key, const Sink& sink) const {
    auto include = valueOf(include_key);
    auto exclude = value(f);
    if (include && exclude)
      sink(f, ProblemValue::of(exclude),
           "\"" + std::string(include_key) + "\" is already specified");
  }

  void checkCustomName(const FieldDef& f, const std::optional<std::string>& mode,
                       const std::string& mode_key, const Sink& sink) const {
    if (mode && common::iequals(*mode, "custom") && value(f).value_or("").empty())
      sink(f, ProblemValue::of(std::string()),
           std::string(f.name) + " cannot be empty when " + mode_key + " 'custom' is defined");
  }

  void runCheck(const FieldDef& f, Check check, const Sink& sink) const {
    auto v = value(f);
    switch (check) {
      case Check::Required:
        if (!v || javaTrim(*v).empty()) sink(f, ProblemValue::of(v), "A value is required");
        break;
      case Check::TopicName:
        if (v && !topicNamePattern().find(*v))
          sink(f, ProblemValue::of(v),
               *v + " has invalid format (only the underscore, hyphen, dot and alphanumeric "
                    "characters are allowed)");
        break;
      case Check::HeartbeatTopicName:
        if (v && !v->empty()) runCheck(f, Check::TopicName, sink);
        break;
      case Check::Hostname:
        if (v && !javaTrim(*v).empty() && !hostnamePattern().find(*v))
          sink(f, ProblemValue::of(v),
               *v + " has invalid format (only the underscore, hyphen, dot and alphanumeric "
                    "characters are allowed)");
        break;
      case Check::IsInteger:
        if (v) checkInteger(f, *v, sink);
        break;
      case Check::IsBoolean:
        if (v) checkBoolean(f, *v, sink);
        break;
      case Check::IsClassName:
        if (v) checkClassName(f, *v, sink);
        break;
      case Check::PositiveInteger:
        if (v && !(parseJavaInt(v).value_or(0) > 0))
          sink(f, ProblemValue::of(v), "A positive, non-zero integer value is expected");
        break;
      case Check::NonNegativeInteger:
        if (v && !(parseJavaInt(v).value_or(-1) >= 0))
          sink(f, ProblemValue::of(v), "An non-negative integer is expected");
        break;
      case Check::PositiveLong:
        if (v && !(parseJavaLong(v).value_or(0) > 0))
          sink(f, ProblemValue::of(v), "A positive, non-zero long value is expected");
        break;
      case Check::NonNegativeLong:
        if (v && !(parseJavaLong(v).value_or(-1) >= 0))
          sink(f, ProblemValue::of(v), "A non-negative long value is expected");
        break;
      case Check::ListOfRegex:
        if (v) {
          try {
            RegexList list(*v);
            (void)list;
          } catch (const common::PatternSyntaxException& e) {
            sink(f, ProblemValue::of(v),
                 std::string(
                     "A comma-separated list of valid regular expressions is expected, but ") +
                     e.what());
          } catch (const std::invalid_argument& e) {
            sink(f, ProblemValue::of(v),
                 std::string(
                     "A comma-separated list of valid regular expressions is expected, but ") +
                     e.what());
          }
        }
        break;
      case Check::ListOfMap:
        if (v && !javaTrim(*v).empty()) {
          for (const auto& item : javaSplit(*v, ',')) {
            if (javaSplit(javaTrim(item), '=').size() != 2) {
              sink(f, ProblemValue::of(v),
                   "A equivalent-separated map of valid key/value pairs is expected, for example: "
                   "k1=v1,k2=v2");
              break;
            }
          }
        }
        break;
      case Check::Enum: {
        if (!v) {
          if (f.default_value != nullptr)
            sink(f, ProblemValue::null(),
                 "Value must be one of " + common::join(f.enum_literals, ", "));
          break;
        }
        std::string lowered = common::toLower(javaTrim(*v));
        if (std::find(f.enum_literals.begin(), f.enum_literals.end(), lowered) ==
            f.enum_literals.end())
          sink(f, ProblemValue::of(v),
               "Value must be one of " + common::join(f.enum_literals, ", "));
        break;
      }
      case Check::MaxQueueSize: {
        int32_t queue = parseJavaInt(raw(f.name)).value_or(8192);
        int32_t batch = parseJavaInt(raw("max.batch.size")).value_or(2048);
        if (queue <= 0)
          sink(f, ProblemValue::object(std::to_string(queue)), "A positive queue size is required");
        if (queue <= batch)
          sink(f, ProblemValue::object(std::to_string(queue)),
               "Must be larger than the maximum batch size");
        break;
      }
      case Check::SkippedOperations: {
        if (!v || *v == "none") break;
        bool none = false;
        bool operations = false;
        for (const auto& op : javaSplit(*v, ',')) {
          std::string_view t = javaTrim(op);
          if (t == "none") {
            none = true;
          } else if (t == "r" || t == "c" || t == "u" || t == "d" || t == "t") {
            operations = true;
          } else {
            sink(f, ProblemValue::of(op), "Invalid operation");
            return;
          }
        }
        if (none && operations)
          sink(f, ProblemValue::of(std::string("none")),
               "'none' cannot be specified with other skipped operation types");
        break;
      }
      case Check::SnapshotModeCustomName:
        checkCustomName(f, raw("snapshot.mode"), "snapshot.mode", sink);
        break;
      case Check::SnapshotQueryModeCustomName:
        checkCustomName(f, valueOf("snapshot.query.mode"), "snapshot.query.mode", sink);
        break;
      case Check::SnapshotLockingModeCustomName:
        checkCustomName(f, raw("snapshot.locking.mode"), "snapshot.locking.mode", sink);
        break;
      case Check::TimePrecisionModeNotAdaptive:
        if (auto mode = raw("time.precision.mode"); mode && *mode == "adaptive")
          sink(f, ProblemValue::of(mode),
               "The 'adaptive' time.precision.mode is no longer supported");
        break;
      case Check::SnapshotLockingModeValid:
        if (auto mode = raw("snapshot.locking.mode")) {
          std::string lowered = common::toLower(javaTrim(*mode));
          if (std::find(f.enum_literals.begin(), f.enum_literals.end(), lowered) ==
              f.enum_literals.end())
            sink(f, ProblemValue::null(), "Must be a valid snapshot.locking.mode value");
        }
        break;
      case Check::GtidExcludes:
        if (valueOf("gtid.source.includes") && v)
          sink(f, ProblemValue::of(v), "Cannot specify GTID excludes when includes are provided.");
        break;
      case Check::ColumnExcludeList:
        checkExcludeList(f, "column.include.list", sink);
        break;
      case Check::TableExcludeList:
        checkExcludeList(f, "table.include.list", sink);
        break;
      case Check::DatabaseExcludeList:
        checkExcludeList(f, "database.include.list", sink);
        break;
      case Check::MessageKeyColumns:
        if (v) {
          if (v->empty()) sink(f, ProblemValue::of(std::string()), "Must not be empty");
          for (const auto& piece : javaSplit(*v, ';')) {
            if (!messageKeyColumnsPattern().find(piece))
              sink(
                  f, ProblemValue::of(piece),
                  piece + " has an invalid format (expecting '" + kMessageKeyColumnsPattern + "')");
          }
        }
        break;
      case Check::SignalDataCollection: {
        auto connector_class = raw("connector.class");
        // Debezium loads connector.class and checks @SupportsMultiTask; both binlog connectors
        // are single-task, and a class it cannot load passes.
        if (!connector_class ||
            (*connector_class != "io.debezium.connector.mysql.MySqlConnector" &&
             *connector_class != "io.debezium.connector.mariadb.MariaDbConnector"))
          break;
        auto collections = javaTrimmedList(v);
        if (collections.size() > 1)
          sink(f, ProblemValue::object(javaListToString(collections)),
               "For single task connector only one signal data collection is permitted.");
        break;
      }
      case Check::NotificationTopic: {
        auto channels = javaTrimmedList(raw("notification.enabled.channels"));
        if (!v && std::find(channels.begin(), channels.end(), "sink") != channels.end())
          sink(f, ProblemValue::null(),
               "Notification topic name must be provided when kafka notification channel is "
               "enabled");
        break;
      }
    }
  }

  const std::map<std::string, std::string>& props_;
  Flavor flavor_;
};

// Field.Set.forEachTopLevelField: fields nobody names as a dependent.
std::vector<const FieldDef*> topLevel(const std::vector<const FieldDef*>& fields) {
  std::set<std::string> dependents;
  for (const auto* f : fields) dependents.insert(f->dependents.begin(), f->dependents.end());
  std::vector<const FieldDef*> out;
  for (const auto* f : fields)
    if (dependents.count(f->name) == 0) out.push_back(f);
  return out;
}

std::vector<std::string> recordAll(const Validator& validator,
                                   const std::vector<const FieldDef*>& fields) {
  std::vector<std::string> out;
  Sink sink = [&](const FieldDef& f, const ProblemValue& v, const std::string& problem) {
    out.push_back(recordMessage(f, v, problem));
  };
  for (const auto* f : fields) validator.run(*f, sink);
  return out;
}

std::string javaToLowerTrimmed(const std::string& s) { return common::toLower(javaTrim(s)); }

}  // namespace

api::ConfigDef mySqlConnectorConfigDef(Flavor flavor) {
  api::ConfigDef def;
  defineAll(def, fieldsFor(debeziumFields(), flavor, true), flavor);
  return def;
}

api::ConfigDef mySqlConnectorExtraConfigDef(Flavor flavor) {
  api::ConfigDef def;
  defineAll(def, fieldsFor(extraFields(), flavor, true), flavor);
  return def;
}

api::ConfigDef mySqlConnectorFullConfigDef(Flavor flavor) {
  api::ConfigDef def = mySqlConnectorConfigDef(flavor);
  def.merge(mySqlConnectorExtraConfigDef(flavor));
  return def;
}

std::vector<api::ConfigValue> validateConnectorConfigValues(
    const std::map<std::string, std::string>& props, Flavor flavor) {
  const auto fields = fieldsFor(debeziumFields(), flavor, false);
  Validator validator(props, flavor);
  std::map<std::string, api::ConfigValue> results;
  for (const auto* f : fields) results[f->name].name = f->name;
  std::map<std::string, const FieldDef*> by_name;
  for (const auto* f : fields) by_name[f->name] = f;

  // Field.validate: messages, then the recommender, then the dependents, recursively. A field
  // that is the dependent of two others is validated (and reports) twice, as in Debezium.
  std::function<void(const FieldDef&)> validate = [&](const FieldDef& f) {
    api::ConfigValue& cv = results[f.name];
    validator.run(f, [&](const FieldDef& field, const ProblemValue&, const std::string& problem) {
      cv.addErrorMessage(restMessage(field, problem));
    });
    if (!f.enum_literals.empty()) {
      cv.visible = true;
      cv.recommended_values = f.enum_literals;
    } else if (f.invisible) {
      cv.visible = false;
      cv.recommended_values.clear();
    }
    for (const auto& dependent : f.dependents) {
      auto it = by_name.find(dependent);
      if (it != by_name.end()) validate(*it->second);
    }
  };
  for (const auto* f : topLevel(fields)) validate(*f);

  std::vector<api::ConfigValue> out;
  out.reserve(fields.size());
  for (const auto* f : fields) out.push_back(std::move(results[f->name]));
  return out;
}

std::map<std::string, std::vector<std::string>> validateConnectorConfig(
    const std::map<std::string, std::string>& props, Flavor flavor) {
  std::map<std::string, std::vector<std::string>> out;
  for (auto& cv : validateConnectorConfigValues(props, flavor))
    if (!cv.error_messages.empty()) out[cv.name] = std::move(cv.error_messages);
  return out;
}

std::vector<std::string> validateStartupConfig(const std::map<std::string, std::string>& props,
                                               Flavor flavor) {
  Validator validator(props, flavor);
  // BaseSourceTask.start: validateAndRecord(ALL_FIELDS) checks top-level fields only.
  auto messages = recordAll(validator, topLevel(fieldsFor(debeziumFields(), flavor, false)));
  if (!messages.empty()) return messages;

  // AbstractTopicNamingStrategy.configure.
  std::vector<const FieldDef*> naming;
  for (const char* name : {"topic.prefix", "topic.delimiter", "topic.cache.size",
                           "topic.transaction", "topic.heartbeat.prefix", "topic.heartbeat.name"})
    naming.push_back(&fieldNamed(flavor, name));
  messages = recordAll(validator, naming);
  if (!messages.empty()) return messages;

  // The schema history's configure(): KafkaSchemaHistory.ALL_FIELDS or FileSchemaHistory's.
  std::string history = validator.valueOf("schema.history.internal").value_or("");
  std::vector<const FieldDef*> storage;
  if (history == MySqlConnectorConfig::kKafkaSchemaHistory) {
    for (const char* name :
         {"schema.history.internal.kafka.topic", "schema.history.internal.kafka.bootstrap.servers",
          "schema.history.internal.name", "schema.history.internal.kafka.recovery.poll.interval.ms",
          "schema.history.internal.kafka.recovery.attempts",
          "schema.history.internal.kafka.query.timeout.ms",
          "schema.history.internal.kafka.buffer.batch.size"})
      storage.push_back(&fieldNamed(flavor, name));
  } else if (history == MySqlConnectorConfig::kFileSchemaHistory) {
    storage.push_back(&fieldNamed(flavor, "schema.history.internal.file.filename"));
  }
  return recordAll(validator, storage);
}

namespace {

constexpr const char* kDefaultTopicNamingStrategy = "io.debezium.schema.DefaultTopicNamingStrategy";
constexpr const char* kSchemaTopicNamingStrategy = "io.debezium.schema.SchemaTopicNamingStrategy";

[[noreturn]] void unsupported(const std::string& key, const std::string& value,
                              const std::string& why) {
  throw api::ConfigException(key, value, why);
}

// Debezium's regex-list options, turned into a ConfigException when a list does not compile.
RegexList compileList(const std::string& key, const std::string& value) {
  try {
    return RegexList(value);
  } catch (const common::PatternSyntaxException& e) {
    throw api::ConfigException("The '" + key +
                               "' value is invalid: A comma-separated list of valid regular " +
                               "expressions is expected, but " + e.what());
  } catch (const std::invalid_argument& e) {
    throw api::ConfigException("The '" + key +
                               "' value is invalid: A comma-separated list of valid regular " +
                               "expressions is expected, but " + e.what());
  }
}

// The N of column.truncate.to.N.chars / column.mask.with.N.chars (the \d+ group parsed with
// Integer.valueOf; keys whose number overflows an int are skipped, as Debezium does).
std::optional<int> numberBetween(const std::string& key, std::string_view prefix,
                                 std::string_view suffix) {
  if (key.size() <= prefix.size() + suffix.size() || !common::startsWith(key, prefix) ||
      !common::endsWith(key, suffix))
    return std::nullopt;
  std::string_view digits =
      std::string_view(key).substr(prefix.size(), key.size() - prefix.size() - suffix.size());
  for (char c : digits)
    if (c < '0' || c > '9') return std::nullopt;
  auto v = parseJavaInteger(digits, INT32_MIN, INT32_MAX);
  if (!v) return std::nullopt;
  return static_cast<int>(*v);
}

// "<ALG>.with.salt.<SALT>" after the column.mask.hash. / column.mask.hash.v2. prefix:
// ALG has no dot, SALT is non-empty and free of line terminators (Java's '.').
bool parseHashKey(std::string_view rest, std::string& algorithm, std::string& salt) {
  size_t dot = rest.find('.');
  if (dot == 0 || dot == std::string_view::npos) return false;
  constexpr std::string_view kWithSalt = ".with.salt.";
  if (rest.substr(dot, kWithSalt.size()) != kWithSalt) return false;
  std::string_view s = rest.substr(dot + kWithSalt.size());
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\n' || c == '\r') return false;
    // U+0085, U+2028, U+2029 in UTF-8.
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x85) return false;
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0xA8 ||
         static_cast<unsigned char>(s[i + 2]) == 0xA9))
      return false;
  }
  algorithm = std::string(rest.substr(0, dot));
  salt = std::string(s);
  return true;
}

// java.util.UUID.fromString's acceptance: five '-'-separated groups of (signed) hex digits,
// at most 36 characters, each group fitting a long.
bool isJavaUuid(std::string_view s) {
  if (s.size() > 36) return false;
  auto groups = common::split(s, '-');
  if (groups.size() != 5) return false;
  for (const auto& g : groups) {
    std::string_view digits = g;
    if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) digits.remove_prefix(1);
    if (digits.empty()) return false;
    for (char c : digits)
      if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
    size_t significant = digits.find_first_not_of('0');
    if (significant != std::string_view::npos && digits.size() - significant > 16) return false;
    if (significant != std::string_view::npos && digits.size() - significant == 16 &&
        digits[significant] > '7')
      return false;
  }
  return true;
}

// Runs Debezium's task-start validation before anything else reads the properties.
const std::map<std::string, std::string>& startupChecked(
    const std::map<std::string, std::string>& props, Flavor flavor) {
  auto problems = validateStartupConfig(props, flavor);
  if (!problems.empty()) {
    for (const auto& p : problems) spdlog::error("{}", p);
    throw api::ConfigException(problems.front());
  }
  return props;
}

// The properties for the Kafka-style parsed() view. Debezium never validates some keys (the
// deprecated alias, read.only, skip.messages.without.change, ...) and reads an unparseable value
// of those as the default; dropping such values keeps parsed() in line instead of failing.
std::map<std::string, std::string> kafkaParseable(const api::ConfigDef& def,
                                                  const std::map<std::string, std::string>& props) {
  std::map<std::string, std::string> out = props;
  for (const auto& key : def.keys()) {
    auto it = out.find(key.name);
    if (it == out.end()) continue;
    try {
      api::ConfigDef::parseType(key.name, it->second, key.type);
    } catch (const api::ConfigException&) {
      out.erase(it);
    }
  }
  return out;
}

}  // namespace

MySqlConnectorConfig::MySqlConnectorConfig(const std::map<std::string, std::string>& props,
                                           Flavor flavor)
    : flavor_(flavor),
      props_(startupChecked(props, flavor)),
      filters_(props_),
      parsed_(cachedFullDef(flavor), kafkaParseable(cachedFullDef(flavor), props_)) {
  std::string precision = getLowerTrimmed("time.precision.mode", "adaptive_time_microseconds");
  if (precision != "adaptive_time_microseconds" && precision != "connect")
    unsupported("time.precision.mode", getString("time.precision.mode", ""),
                "connectd's MySQL connector supports adaptive_time_microseconds and connect");
  if (auto id = parseJavaLong(raw("database.server.id")); id && *id > UINT32_MAX)
    unsupported("database.server.id", *raw("database.server.id"),
                "MySQL server ids are 32-bit; use a value between 1 and 4294967295");
  std::string history = schemaHistoryClass();
  if (history != kKafkaSchemaHistory && history != kFileSchemaHistory)
    throw api::ConfigException("Unable to instantiate the database schema history class " +
                               history);
  std::string naming = topicNamingStrategy();
  if (naming != kDefaultTopicNamingStrategy && naming != kSchemaTopicNamingStrategy)
    throw api::ConfigException("Unable to instantiate the topic naming strategy class " + naming);

  // CustomKeyMapper: "<table regex>:<col>,<col>;..." becomes one "<table regex>.<col>" regex
  // list per column.
  if (auto key_columns = raw("message.key.columns")) {
    for (const auto& expression : javaSplit(*key_columns, ';')) {
      size_t colon = expression.find(':');
      if (colon == std::string::npos) continue;
      std::string table_part = expression.substr(0, colon);
      for (const auto& column : javaSplit(std::string_view(expression).substr(colon + 1), ',')) {
        key_mappings_.push_back(KeyMapping{
            compileList("message.key.columns", table_part + "." + std::string(javaTrim(column)))});
      }
    }
  }
  try {
    ddl_filter_ = RegexList::dotAll(
        getString("internal.schema.history.internal.ddl.filter",
                  fieldNamed(flavor, "internal.schema.history.internal.ddl.filter").default_value));
  } catch (const std::exception& e) {
    throw api::ConfigException(
        "The 'internal.schema.history.internal.ddl.filter' value is invalid: " +
        std::string(e.what()));
  }
  // Fail at start rather than on the first row: every mapping rule and GTID list must compile.
  (void)columnMappingRules();
  (void)gtidSourceFilter();
}

std::optional<std::string> MySqlConnectorConfig::raw(const std::string& key) const {
  auto it = props_.find(key);
  if (it == props_.end()) return std::nullopt;
  return it->second;
}

std::string MySqlConnectorConfig::getString(const std::string& key,
                                            const std::string& default_value) const {
  return raw(key).value_or(default_value);
}

bool MySqlConnectorConfig::getBoolean(const std::string& key, bool default_value) const {
  auto v = raw(key);
  if (!v) return default_value;
  std::string lowered = javaToLowerTrimmed(*v);
  if (lowered == "true") return true;
  if (lowered == "false") return false;
  return default_value;
}

int32_t MySqlConnectorConfig::getInt(const std::string& key, int32_t default_value) const {
  return parseJavaInt(raw(key)).value_or(default_value);
}

int64_t MySqlConnectorConfig::getLong(const std::string& key, int64_t default_value) const {
  return parseJavaLong(raw(key)).value_or(default_value);
}

std::string MySqlConnectorConfig::getLowerTrimmed(const std::string& key,
                                                  const std::string& default_value) const {
  return javaToLowerTrimmed(getString(key, default_value));
}

std::map<std::string, std::string> MySqlConnectorConfig::withPrefix(
    const std::string& prefix) const {
  std::map<std::string, std::string> out;
  for (auto it = props_.lower_bound(prefix);
       it != props_.end() && common::startsWith(it->first, prefix); ++it)
    out[it->first.substr(prefix.size())] = it->second;
  return out;
}

std::string MySqlConnectorConfig::connectorName() const { return getString("name", ""); }
std::string MySqlConnectorConfig::topicPrefix() const { return getString("topic.prefix", ""); }
std::string MySqlConnectorConfig::hostname() const { return getString("database.hostname", ""); }
int MySqlConnectorConfig::port() const { return getInt("database.port", 3306); }
std::string MySqlConnectorConfig::user() const { return getString("database.user", ""); }
std::string MySqlConnectorConfig::password() const { return getString("database.password", ""); }
uint32_t MySqlConnectorConfig::serverId() const {
  return static_cast<uint32_t>(getLong("database.server.id", 0));
}
int64_t MySqlConnectorConfig::serverIdOffset() const {
  return getLong("database.server.id.offset", 10000);
}

std::string MySqlConnectorConfig::sslMode() const {
  return getLowerTrimmed("database.ssl.mode", flavor_ == Flavor::MySql ? "preferred" : "disable");
}

bool MySqlConnectorConfig::sslEnabled() const {
  std::string mode = sslMode();
  return mode != (flavor_ == Flavor::MySql ? "disabled" : "disable");
}

std::optional<std::string> MySqlConnectorConfig::sslKeystore() const {
  return raw("database.ssl.keystore");
}
std::optional<std::string> MySqlConnectorConfig::sslKeystorePassword() const {
  return raw("database.ssl.keystore.password");
}
std::optional<std::string> MySqlConnectorConfig::sslTruststore() const {
  return raw("database.ssl.truststore");
}
std::optional<std::string> MySqlConnectorConfig::sslTruststorePassword() const {
  return raw("database.ssl.truststore.password");
}

std::vector<std::string> MySqlConnectorConfig::initialStatements() const {
  std::vector<std::string> out;
  auto statements = raw("database.initial.statements");
  if (!statements) return out;
  const std::string& s = *statements;
  std::string current;
  auto flush = [&] {
    std::string trimmed(javaTrim(current));
    if (!trimmed.empty()) out.push_back(std::move(trimmed));
    current.clear();
  };
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != ';') {
      current += s[i];
    } else if (i + 1 == s.size()) {
      // A trailing ';' only ends the last statement.
    } else if (s[i + 1] == ';') {
      current += ';';
      ++i;
    } else {
      flush();
    }
  }
  flush();
  return out;
}

int64_t MySqlConnectorConfig::queryTimeoutMs() const {
  return getInt("database.query.timeout.ms", 600000);
}
int64_t MySqlConnectorConfig::connectTimeoutMs() const {
  return getInt("connect.timeout.ms", 30000);
}
bool MySqlConnectorConfig::keepAlive() const { return getBoolean("connect.keep.alive", true); }
int64_t MySqlConnectorConfig::keepAliveIntervalMs() const {
  return getLong("connect.keep.alive.interval.ms", 60000);
}
bool MySqlConnectorConfig::useNongracefulDisconnect() const {
  return getBoolean("use.nongraceful.disconnect", false);
}
int64_t MySqlConnectorConfig::binlogNetWriteTimeout() const {
  return getLong("binlog.net.write.timeout", 0);
}
int64_t MySqlConnectorConfig::binlogNetReadTimeout() const {
  return getLong("binlog.net.read.timeout", 0);
}
int64_t MySqlConnectorConfig::connectionValidationTimeoutMs() const {
  return getLong("connection.validation.timeout.ms", 60000);
}
std::map<std::string, std::string> MySqlConnectorConfig::driverConfig() const {
  return withPrefix("driver.");
}

std::string MySqlConnectorConfig::snapshotMode() const {
  return getLowerTrimmed("snapshot.mode", "initial");
}
std::string MySqlConnectorConfig::snapshotModeCustomName() const {
  return getString("snapshot.mode.custom.name", "");
}

MySqlConnectorConfig::ConfigurationBasedSnapshot MySqlConnectorConfig::configurationBasedSnapshot()
    const {
  const std::string p = "snapshot.mode.configuration.based.";
  ConfigurationBasedSnapshot c;
  c.snapshot_data = getBoolean(p + "snapshot.data", false);
  c.snapshot_schema = getBoolean(p + "snapshot.schema", false);
  c.start_stream = getBoolean(p + "start.stream", false);
  c.snapshot_on_schema_error = getBoolean(p + "snapshot.on.schema.error", false);
  c.snapshot_on_data_error = getBoolean(p + "snapshot.on.data.error", false);
  return c;
}

std::string MySqlConnectorConfig::snapshotLockingMode() const {
  return getLowerTrimmed("snapshot.locking.mode", "minimal");
}
std::string MySqlConnectorConfig::snapshotLockingModeCustomName() const {
  return getString("snapshot.locking.mode.custom.name", "");
}
std::string MySqlConnectorConfig::snapshotQueryMode() const {
  return getLowerTrimmed("snapshot.query.mode", "select_all");
}
std::string MySqlConnectorConfig::snapshotQueryModeCustomName() const {
  return getString("snapshot.query.mode.custom.name", "");
}
int64_t MySqlConnectorConfig::snapshotLockTimeoutMs() const {
  return getLong("snapshot.lock.timeout.ms", 10000);
}
int64_t MySqlConnectorConfig::snapshotDelayMs() const { return getLong("snapshot.delay.ms", 0); }
int64_t MySqlConnectorConfig::streamingDelayMs() const { return getLong("streaming.delay.ms", 0); }

std::optional<int> MySqlConnectorConfig::snapshotFetchSize() const {
  return parseJavaInt(raw("snapshot.fetch.size"));
}

int64_t MySqlConnectorConfig::minRowCountToStreamResults() const {
  return getLong("min.row.count.to.stream.results", 1000);
}

std::map<TableId, std::string> MySqlConnectorConfig::snapshotSelectOverrides() const {
  std::map<TableId, std::string> out;
  auto tables = raw("snapshot.select.statement.overrides");
  if (!tables) return out;
  for (const auto& piece : javaSplit(*tables, ',')) {
    std::string table(javaTrim(piece));
    auto statement = raw("snapshot.select.statement.overrides." + table);
    if (!statement) {
      spdlog::warn(
          "Detected snapshot.select.statement.overrides for {} but no statement property {} "
          "defined",
          "snapshot.select.statement.overrides." + table, table);
      continue;
    }
    if (auto id = parseTableId(table)) out[*id] = *statement;
  }
  return out;
}

int MySqlConnectorConfig::snapshotMaxThreads() const { return getInt("snapshot.max.threads", 1); }
std::string MySqlConnectorConfig::snapshotTablesOrderByRowCount() const {
  return getLowerTrimmed("snapshot.tables.order.by.row.count", "disabled");
}
int MySqlConnectorConfig::incrementalSnapshotChunkSize() const {
  return getInt("incremental.snapshot.chunk.size", 1024);
}
bool MySqlConnectorConfig::incrementalSnapshotAllowSchemaChanges() const {
  return getBoolean("incremental.snapshot.allow.schema.changes", false);
}
std::string MySqlConnectorConfig::incrementalSnapshotWatermarkingStrategy() const {
  return getLowerTrimmed("incremental.snapshot.watermarking.strategy", "insert_insert");
}
bool MySqlConnectorConfig::readOnly() const { return getBoolean("read.only", false); }

bool MySqlConnectorConfig::includeSchemaChanges() const {
  return getBoolean("include.schema.changes", true);
}
bool MySqlConnectorConfig::includeQuery() const { return getBoolean("include.query", false); }
bool MySqlConnectorConfig::tombstonesOnDelete() const {
  return getBoolean("tombstones.on.delete", true);
}
bool MySqlConnectorConfig::provideTransactionMetadata() const {
  return getBoolean("provide.transaction.metadata", false);
}

std::set<char> MySqlConnectorConfig::skippedOperations() const {
  std::set<char> out;
  std::string operations = getString("skipped.operations", "t");
  if (common::iequals(javaTrim(operations), "none")) return out;
  for (const auto& op : javaSplit(operations, ',')) {
    std::string_view t = javaTrim(op);
    if (t.size() == 1) out.insert(t[0]);
  }
  return out;
}

bool MySqlConnectorConfig::skipMessagesWithoutChange() const {
  return getBoolean("skip.messages.without.change", false);
}
std::string MySqlConnectorConfig::eventProcessingFailureHandlingMode() const {
  return getLowerTrimmed("event.processing.failure.handling.mode", "fail");
}
std::string MySqlConnectorConfig::inconsistentSchemaHandlingMode() const {
  return getLowerTrimmed("inconsistent.schema.handling.mode", "fail");
}
std::string MySqlConnectorConfig::eventConvertingFailureHandlingMode() const {
  return getLowerTrimmed("event.converting.failure.handling.mode", "warn");
}
int MySqlConnectorConfig::maxBatchSize() const { return getInt("max.batch.size", 2048); }
int MySqlConnectorConfig::maxQueueSize() const { return getInt("max.queue.size", 8192); }
int64_t MySqlConnectorConfig::maxQueueSizeInBytes() const {
  return getLong("max.queue.size.in.bytes", 0);
}
int64_t MySqlConnectorConfig::pollIntervalMs() const { return getLong("poll.interval.ms", 500); }
int64_t MySqlConnectorConfig::heartbeatIntervalMs() const {
  return getInt("heartbeat.interval.ms", 0);
}

std::optional<std::string> MySqlConnectorConfig::heartbeatActionQuery() const {
  auto q = raw("heartbeat.action.query");
  if (!q || q->empty()) return std::nullopt;
  return q;
}

int MySqlConnectorConfig::binlogBufferSize() const { return getInt("binlog.buffer.size", 0); }
int MySqlConnectorConfig::errorsMaxRetries() const { return getInt("errors.max.retries", -1); }
int64_t MySqlConnectorConfig::retriableRestartWaitMs() const {
  return getLong("retriable.restart.connector.wait.ms", 10000);
}
int MySqlConnectorConfig::queryFetchSize() const { return getInt("query.fetch.size", 0); }

std::vector<std::string> MySqlConnectorConfig::signalEnabledChannels() const {
  return javaTrimmedList(getString("signal.enabled.channels", "source"));
}
int64_t MySqlConnectorConfig::signalPollIntervalMs() const {
  return getLong("signal.poll.interval.ms", 5000);
}

std::string MySqlConnectorConfig::topicNamingStrategy() const {
  return std::string(javaTrim(getString("topic.naming.strategy", kDefaultTopicNamingStrategy)));
}
std::string MySqlConnectorConfig::topicDelimiter() const {
  return getString("topic.delimiter", ".");
}

std::string MySqlConnectorConfig::heartbeatTopic() const {
  std::string name = getString("topic.heartbeat.name", "");
  if (!name.empty()) return name;
  return getString("topic.heartbeat.prefix", "__debezium-heartbeat") + topicDelimiter() +
         topicPrefix();
}

std::string MySqlConnectorConfig::transactionTopic() const {
  return topicPrefix() + topicDelimiter() + getString("topic.transaction", "transaction");
}

std::string MySqlConnectorConfig::dataTopic(const TableId& id) const {
  // DefaultTopicNamingStrategy joins prefix, database and table; SchemaTopicNamingStrategy
  // prefix, (null) schema and table. Blank parts are left out.
  std::vector<std::string> parts = {topicPrefix()};
  if (topicNamingStrategy() == kDefaultTopicNamingStrategy) parts.push_back(id.catalog);
  parts.push_back(id.table);
  std::string name;
  for (const auto& p : parts) {
    if (javaTrim(p).empty()) continue;
    if (!name.empty()) name += topicDelimiter();
    name += p;
  }
  return sanitizedTopicName(name);
}

std::string MySqlConnectorConfig::schemaChangeTopic() const { return topicPrefix(); }

std::string MySqlConnectorConfig::sanitizedTopicName(const std::string& name) {
  constexpr size_t kMaxNameLength = 249;
  std::string out;
  out.reserve(name.size());
  for (size_t i = 0; i < name.size();) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    if (c < 0x80) {
      bool valid = c == '.' || c == '_' || c == '-' || std::isalnum(c);
      out += valid ? static_cast<char>(c) : '_';
      ++i;
      continue;
    }
    // One '_' per UTF-16 code unit of the character, as Java iterates chars.
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    out += len == 4 ? "__" : "_";
    i += std::min(len, name.size() - i);
  }
  if (out.size() > kMaxNameLength) {
    out.resize(kMaxNameLength);
  } else if (out == ".") {
    out = "_";
  } else if (out == "..") {
    out = "__";
  }
  if (out != name)
    spdlog::warn("Topic '{}' name isn't a valid topic name, replacing it with '{}'.", name, out);
  return out;
}

bool MySqlConnectorConfig::extendedHeadersEnabled() const {
  return getBoolean("extended.headers.enabled", true);
}

ValueConverterConfig MySqlConnectorConfig::valueConverterConfig() const {
  ValueConverterConfig v;
  std::string decimal = getLowerTrimmed("decimal.handling.mode", "precise");
  v.decimal = decimal == "double"   ? ValueConverterConfig::DecimalMode::Double
              : decimal == "string" ? ValueConverterConfig::DecimalMode::String
                                    : ValueConverterConfig::DecimalMode::Precise;
  v.bigint_unsigned = getLowerTrimmed("bigint.unsigned.handling.mode", "long") == "precise"
                          ? ValueConverterConfig::BigIntUnsignedMode::Precise
                          : ValueConverterConfig::BigIntUnsignedMode::Long;
  std::string binary = getLowerTrimmed("binary.handling.mode", "bytes");
  v.binary = binary == "base64"            ? ValueConverterConfig::BinaryMode::Base64
             : binary == "base64-url-safe" ? ValueConverterConfig::BinaryMode::Base64UrlSafe
             : binary == "hex"             ? ValueConverterConfig::BinaryMode::Hex
                                           : ValueConverterConfig::BinaryMode::Bytes;
  v.time_precision =
      getLowerTrimmed("time.precision.mode", "adaptive_time_microseconds") == "connect"
          ? ValueConverterConfig::TimePrecisionMode::Connect
          : ValueConverterConfig::TimePrecisionMode::AdaptiveTimeMicroseconds;
  v.enable_time_adjuster = getBoolean("enable.time.adjuster", true);
  v.mariadb = flavor_ == Flavor::MariaDb;
  return v;
}

std::vector<ColumnMappingRule> MySqlConnectorConfig::columnMappingRules() const {
  using Kind = ColumnMappingRule::Kind;
  auto rule = [](Kind kind, const std::string& key, const std::string& value) {
    ColumnMappingRule r{};
    r.kind = kind;
    r.matches = [list = compileList(key, value)](const std::string& subject) {
      return list.matches(subject);
    };
    return r;
  };
  std::vector<ColumnMappingRule> truncate, mask, propagate, datatype, hash, hash_v2;
  for (const auto& [key, value] : props_) {
    if (auto n = numberBetween(key, "column.truncate.to.", ".chars")) {
      ColumnMappingRule r = rule(Kind::Truncate, key, value);
      r.n = *n;
      truncate.push_back(std::move(r));
    } else if (auto m = numberBetween(key, "column.mask.with.", ".chars")) {
      ColumnMappingRule r = rule(Kind::MaskChars, key, value);
      r.n = *m;
      mask.push_back(std::move(r));
    } else if (key == "column.propagate.source.type") {
      propagate.push_back(rule(Kind::PropagateSourceType, key, value));
    } else if (key == "datatype.propagate.source.type") {
      datatype.push_back(rule(Kind::PropagateDataType, key, value));
    } else if (common::startsWith(key, "column.mask.hash.")) {
      std::string algorithm;
      std::string salt;
      std::string_view rest =
          std::string_view(key).substr(std::string_view("column.mask.hash.").size());
      if (parseHashKey(rest, algorithm, salt)) {
        ColumnMappingRule r = rule(Kind::MaskHash, key, value);
        r.algorithm = algorithm;
        r.salt = salt;
        hash.push_back(std::move(r));
      }
      if (common::startsWith(rest, "v2.") && parseHashKey(rest.substr(3), algorithm, salt)) {
        ColumnMappingRule r = rule(Kind::MaskHashV2, key, value);
        r.algorithm = algorithm;
        r.salt = salt;
        hash_v2.push_back(std::move(r));
      }
    }
  }
  std::vector<ColumnMappingRule> out;
  for (auto* group : {&truncate, &mask, &propagate, &datatype, &hash, &hash_v2})
    for (auto& r : *group) out.push_back(std::move(r));
  return out;
}

bool MySqlConnectorConfig::includeSchemaComments() const {
  return getBoolean("include.schema.comments", false);
}
std::string MySqlConnectorConfig::schemaNameAdjustmentMode() const {
  return getLowerTrimmed("schema.name.adjustment.mode", "none");
}
std::string MySqlConnectorConfig::fieldNameAdjustmentMode() const {
  return getLowerTrimmed("field.name.adjustment.mode", "none");
}
std::string MySqlConnectorConfig::unavailableValuePlaceholder() const {
  return getString("unavailable.value.placeholder", "__debezium_unavailable_value");
}

std::function<bool(const std::string&)> MySqlConnectorConfig::gtidSourceFilter() const {
  auto includes = raw("gtid.source.includes");
  auto excludes = raw("gtid.source.excludes");
  if (!includes && !excludes) return nullptr;
  const std::string key = includes ? "gtid.source.includes" : "gtid.source.excludes";
  const std::string& list = includes ? *includes : *excludes;
  const bool negate = !includes;
  if (flavor_ == Flavor::MariaDb) {
    RegexList patterns = compileList(key, list);
    return [patterns, negate](const std::string& source) {
      return patterns.matches(source) != negate;
    };
  }
  // Predicates.includesUuids: comma-separated, untrimmed; UUIDs compared literally.
  std::set<std::string> literals;
  std::vector<std::string> regexes;
  for (const auto& item : javaSplit(list, ',')) {
    if (isJavaUuid(item)) {
      literals.insert(common::toLower(item));
    } else {
      regexes.push_back(item);
    }
  }
  RegexList patterns;
  try {
    patterns = RegexList::ofPatterns(regexes);
  } catch (const common::PatternSyntaxException& e) {
    throw api::ConfigException("The '" + key + "' value is invalid: " + e.what());
  }
  return [literals, patterns, negate](const std::string& source) {
    bool included = literals.count(common::toLower(source)) != 0 || patterns.matches(source);
    return included != negate;
  };
}

bool MySqlConnectorConfig::gtidSourceFilterDmlEvents() const {
  return getBoolean("gtid.source.filter.dml.events", true);
}
bool MySqlConnectorConfig::gtidIgnoreOnRecovery() const {
  return getBoolean("gtid.ignore.on.recovery", false);
}

std::string MySqlConnectorConfig::schemaHistoryClass() const {
  return std::string(javaTrim(getString("schema.history.internal", kKafkaSchemaHistory)));
}
std::string MySqlConnectorConfig::historyKafkaTopic() const {
  return getString("schema.history.internal.kafka.topic", "");
}
std::string MySqlConnectorConfig::historyKafkaBootstrapServers() const {
  return getString("schema.history.internal.kafka.bootstrap.servers", "");
}
std::map<std::string, std::string> MySqlConnectorConfig::historyProducerConfig() const {
  return withPrefix("schema.history.internal.producer.");
}
std::map<std::string, std::string> MySqlConnectorConfig::historyConsumerConfig() const {
  return withPrefix("schema.history.internal.consumer.");
}
std::string MySqlConnectorConfig::historyName() const {
  return getString("schema.history.internal.name", topicPrefix() + "-schemahistory");
}
int MySqlConnectorConfig::historyRecoveryAttempts() const {
  return getInt("schema.history.internal.kafka.recovery.attempts", 100);
}
int64_t MySqlConnectorConfig::historyRecoveryPollIntervalMs() const {
  return getInt("schema.history.internal.kafka.recovery.poll.interval.ms", 100);
}
int64_t MySqlConnectorConfig::historyKafkaQueryTimeoutMs() const {
  return getLong("schema.history.internal.kafka.query.timeout.ms", 3000);
}
int64_t MySqlConnectorConfig::historyKafkaCreateTimeoutMs() const {
  return getLong("schema.history.internal.kafka.create.timeout.ms", 30000);
}
bool MySqlConnectorConfig::skipUnparseableDdl() const {
  return getBoolean("schema.history.internal.skip.unparseable.ddl", false);
}
bool MySqlConnectorConfig::storeOnlyCapturedTablesDdl() const {
  return getBoolean("schema.history.internal.store.only.captured.tables.ddl", false);
}
bool MySqlConnectorConfig::storeOnlyCapturedDatabasesDdl() const {
  return getBoolean("schema.history.internal.store.only.captured.databases.ddl", false);
}
std::optional<std::string> MySqlConnectorConfig::historyFileFilename() const {
  return raw("schema.history.internal.file.filename");
}
bool MySqlConnectorConfig::isDdlFiltered(const std::string& ddl) const {
  return ddl_filter_.matches(ddl);
}

std::optional<std::vector<std::string>> MySqlConnectorConfig::keyColumnsFor(
    const Table& table) const {
  std::vector<std::string> columns;
  const std::string prefix =
      (table.id.catalog.empty() ? "" : table.id.catalog + ".") + table.id.table + ".";
  for (const auto& mapping : key_mappings_) {
    for (const auto& column : table.columns) {
      if (!mapping.pattern.matches(prefix + column.name)) continue;
      if (std::find(columns.begin(), columns.end(), column.name) == columns.end())
        columns.push_back(column.name);
    }
  }
  if (columns.empty()) return std::nullopt;
  return columns;
}

}  // namespace connectd::mysql
