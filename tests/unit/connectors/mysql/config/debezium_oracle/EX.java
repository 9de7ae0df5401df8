import io.debezium.config.*;
public class EX { public static void main(String[] a) throws Exception {
  Field[] fs = { io.debezium.schema.AbstractTopicNamingStrategy.TOPIC_DELIMITER, io.debezium.schema.AbstractTopicNamingStrategy.TOPIC_CACHE_SIZE,
    io.debezium.schema.AbstractTopicNamingStrategy.TOPIC_HEARTBEAT_PREFIX, io.debezium.schema.AbstractTopicNamingStrategy.TOPIC_HEARTBEAT_NAME,
    io.debezium.schema.AbstractTopicNamingStrategy.TOPIC_TRANSACTION,
    io.debezium.storage.kafka.history.KafkaSchemaHistory.TOPIC, io.debezium.storage.kafka.history.KafkaSchemaHistory.BOOTSTRAP_SERVERS,
    io.debezium.relational.history.SchemaHistory.NAME,
    io.debezium.storage.kafka.history.KafkaSchemaHistory.RECOVERY_POLL_INTERVAL_MS, io.debezium.storage.kafka.history.KafkaSchemaHistory.RECOVERY_POLL_ATTEMPTS,
    io.debezium.storage.kafka.history.KafkaSchemaHistory.KAFKA_QUERY_TIMEOUT_MS, io.debezium.storage.kafka.history.KafkaSchemaHistory.KAFKA_CREATE_TIMEOUT_MS,
    io.debezium.storage.kafka.history.KafkaSchemaHistory.BUFFER_BATCH_SIZE, io.debezium.storage.file.history.FileSchemaHistory.FILE_PATH,
    io.debezium.relational.history.SchemaHistory.DDL_FILTER,
    io.debezium.pipeline.signal.channels.KafkaSignalChannel.SIGNAL_TOPIC, io.debezium.pipeline.signal.channels.KafkaSignalChannel.BOOTSTRAP_SERVERS,
    io.debezium.pipeline.signal.channels.KafkaSignalChannel.SIGNAL_POLL_TIMEOUT_MS, io.debezium.pipeline.signal.channels.KafkaSignalChannel.GROUP_ID,
    io.debezium.pipeline.signal.channels.FileSignalChannel.SIGNAL_FILE,
    CommonConnectorConfig.BINARY_HANDLING_MODE, CommonConnectorConfig.FIELD_NAME_ADJUSTMENT_MODE, CommonConnectorConfig.SKIP_MESSAGES_WITHOUT_CHANGE,
    CommonConnectorConfig.EVENT_CONVERTING_FAILURE_HANDLING_MODE, io.debezium.relational.RelationalDatabaseConnectorConfig.UNAVAILABLE_VALUE_PLACEHOLDER,
    io.debezium.connector.binlog.BinlogConnectorConfig.READ_ONLY_CONNECTION, CommonConnectorConfig.SNAPSHOT_LOCKING_MODE_CUSTOM_NAME };
  for (Field f : fs) {
    String rec = "";
    if (f.recommender() != null) rec = String.valueOf(f.recommender().validValues(f, Configuration.empty()));
    System.out.println(f.name() + "\t" + f.type() + "\t" + f.defaultValueAsString() + "\t" + f.importance() + "\t" + f.width() + "\t" + f.displayName() + "\t" + rec + "\t" + f.description());
  }
}}
