import os
import sys
W = os.environ.get('DBZ_ORACLE_WORK', '/tmp/dbz-oracle')
HERE = os.path.dirname(os.path.abspath(__file__))
# Golden cases run through Debezium 3.6.1 (Oracle.java) and embedded in the C++ test.
BASE = {
    'connector.class': 'io.debezium.connector.mysql.MySqlConnector',
    'topic.prefix': 'dbserver1',
    'database.hostname': 'localhost',
    'database.user': 'debezium',
    'database.password': 'dbz',
    'database.server.id': '184054',
    'schema.history.internal.kafka.topic': 'schema-changes.inventory',
    'schema.history.internal.kafka.bootstrap.servers': 'kafka:9092',
}
MARIA = dict(BASE, **{'connector.class': 'io.debezium.connector.mariadb.MariaDbConnector'})

TABLES = [('inventory', 'customers'), ('inventory', 'orders'), ('Inventory', 'Customers'), ('db2', 'x'),
          ('DB2', 'y'), ('mysql', 'user'), ('information_schema', 'TABLES'), ('sys', 'sys_config'),
          ('performance_schema', 'threads'), ('signals', 'debezium_signal'), ('db.with.dots', 't'),
          ('inventory', 'weird name'), ('café', 'tëst'), ('emoji', 'x\U0001F600y'), ('inventory', 'a' * 260)]
COLS = [('inventory', 'customers', 'id'), ('inventory', 'customers', 'email'), ('inventory', 'customers', 'EMAIL'),
        ('inventory', 'orders', 'secret'), ('db2', 'x', 'email')]
DBS = ['inventory', 'Inventory', 'db2', 'mysql', 'other']

cases = []

def case(name, props, flavor='mysql', tables=(), cols=(), dbs=(), base=True):
    p = dict(MARIA if flavor == 'mariadb' else BASE) if base else {}
    p.update(props)
    p = {k: v for k, v in p.items() if v is not None}
    cases.append(dict(name=name, flavor=flavor, props=p, tables=list(tables), cols=list(cols), dbs=list(dbs)))

case('empty', {}, base=False)
case('empty_mariadb', {}, flavor='mariadb', base=False)
case('valid_defaults', {}, tables=TABLES, cols=COLS, dbs=DBS)
case('valid_defaults_mariadb', {}, flavor='mariadb', tables=TABLES[:3], cols=COLS[:1], dbs=DBS[:1])
case('topic_prefix_invalid', {'topic.prefix': 'bad name!'})
case('topic_prefix_empty', {'topic.prefix': ''})
case('topic_prefix_blank', {'topic.prefix': '  '})
case('hostname_invalid', {'database.hostname': 'host name'})
case('hostname_empty', {'database.hostname': ''})
case('hostname_dash_underscore', {'database.hostname': 'my-host_1.example.com'})
case('port_not_int', {'database.port': 'abc'})
case('port_overflow', {'database.port': '99999999999'})
case('port_spaces', {'database.port': ' 3306'})
case('server_id_zero', {'database.server.id': '0'})
case('server_id_text', {'database.server.id': 'abc'})
case('server_id_negative', {'database.server.id': '-5'})
case('server_id_plus', {'database.server.id': '+7'})
case('batch_text', {'max.batch.size': 'abc'})
case('batch_zero', {'max.batch.size': '0'})
case('queue_small', {'max.queue.size': '100'})
case('queue_zero', {'max.queue.size': '0'})
case('queue_text', {'max.queue.size': 'abc'})
case('queue_vs_bad_batch', {'max.queue.size': '2048', 'max.batch.size': 'abc'})
case('poll_interval_long', {'poll.interval.ms': '3000000000'})
case('poll_interval_text', {'poll.interval.ms': 'abc'})
case('queue_bytes_negative', {'max.queue.size.in.bytes': '-1'})
case('skipped_invalid', {'skipped.operations': 'x'})
case('skipped_none_and_ops', {'skipped.operations': 'c,none'})
case('skipped_none', {'skipped.operations': 'none'})
case('skipped_spaces', {'skipped.operations': 'c, u ,d'})
case('skipped_empty', {'skipped.operations': ''})
case('skipped_upper', {'skipped.operations': 'C'})
case('skipped_upper_none', {'skipped.operations': 'NONE'})
case('snapshot_delay_negative', {'snapshot.delay.ms': '-5'})
case('snapshot_fetch_negative', {'snapshot.fetch.size': '-1'})
case('time_precision_adaptive', {'time.precision.mode': 'adaptive'})
case('time_precision_adaptive_upper', {'time.precision.mode': 'ADAPTIVE'})
case('time_precision_bogus', {'time.precision.mode': 'foo'})
case('time_precision_connect', {'time.precision.mode': ' Connect '})
case('snapshot_mode_never', {'snapshot.mode': 'never'})
case('snapshot_mode_schema_only', {'snapshot.mode': 'schema_only'})
case('snapshot_mode_schema_only_recovery', {'snapshot.mode': 'schema_only_recovery'})
case('snapshot_mode_upper', {'snapshot.mode': ' INITIAL_ONLY'})
case('snapshot_mode_custom_no_name', {'snapshot.mode': 'custom'})
case('snapshot_mode_custom_empty_name', {'snapshot.mode': 'Custom', 'snapshot.mode.custom.name': ''})
case('snapshot_mode_custom_named', {'snapshot.mode': 'custom', 'snapshot.mode.custom.name': 'mine'})
case('snapshot_query_custom_no_name', {'snapshot.query.mode': 'custom'})
case('locking_bogus', {'snapshot.locking.mode': 'foo'})
case('locking_percona', {'snapshot.locking.mode': 'minimal_percona'})
case('locking_percona_mariadb', {'snapshot.locking.mode': 'minimal_percona'}, flavor='mariadb')
case('locking_upper_none', {'snapshot.locking.mode': ' NONE '})
case('ssl_mode_mysql_value_on_mariadb', {'database.ssl.mode': 'verify_ca'}, flavor='mariadb')
case('ssl_mode_mariadb_value_on_mysql', {'database.ssl.mode': 'verify-ca'})
case('ssl_mode_mariadb', {'database.ssl.mode': 'Verify-Full'}, flavor='mariadb')
case('table_include_and_exclude', {'table.include.list': 'a\\.b', 'table.exclude.list': 'c\\.d'})
case('column_include_and_exclude', {'column.include.list': 'a', 'column.exclude.list': 'b'})
case('database_include_and_exclude', {'database.include.list': 'a', 'database.exclude.list': 'b'})
case('gtid_include_and_exclude', {'gtid.source.includes': 'a', 'gtid.source.excludes': 'b'})
case('table_include_bad_regex', {'table.include.list': 'inventory\\.(abc'})
case('table_exclude_bad_regex', {'table.exclude.list': 'a,*x'})
case('database_include_bad_regex', {'database.include.list': 'a[b'})
case('column_exclude_bad_regex', {'column.exclude.list': '[z-a]'})
case('snapshot_include_bad_regex', {'snapshot.include.collection.list': 'db\\.t)'})
case('propagate_bad_regex', {'column.propagate.source.type': '+a', 'datatype.propagate.source.type': '.+\\.VARCHAR'})
case('msg_key_empty', {'message.key.columns': ''})
case('msg_key_valid', {'message.key.columns': 'inventory.customers:id,email;(.*).orders:order_id'})
case('msg_key_no_columns', {'message.key.columns': 'db.t'})
case('msg_key_trailing_semicolon', {'message.key.columns': 'db.t:c;'})
case('msg_key_leading_semicolon', {'message.key.columns': ';db.t:c'})
case('msg_key_two_colons', {'message.key.columns': 'a:b:c'})
case('msg_key_spaces', {'message.key.columns': '  db.t : c1 , c2  '})
case('metric_tags_bad', {'custom.metric.tags': 'k1=v1,k2'})
case('metric_tags_ok', {'custom.metric.tags': 'k1=v1, k2 = v2'})
case('metric_tags_empty_key', {'custom.metric.tags': '=v'})
case('lineage_owners_bad', {'openlineage.integration.job.owners': 'a', 'openlineage.integration.job.tags': 'x=y,'})
case('signal_two_collections', {'signal.data.collection': 'a.b,c.d'})
case('signal_two_collections_mariadb', {'signal.data.collection': 'a.b, c.d'}, flavor='mariadb')
case('signal_two_collections_no_class', {'signal.data.collection': 'a.b,c.d', 'connector.class': None})
case('signal_trailing_comma', {'signal.data.collection': 'a.b,'})
case('notification_sink_no_topic', {'notification.enabled.channels': 'log, sink'})
case('booleans_bad', {'tombstones.on.delete': 'yes', 'include.schema.comments': 'maybe', 'connect.keep.alive': '1',
                      'table.ignore.builtin': 'nope', 'include.query': 'TRUE ', 'provide.transaction.metadata': 'x'})
case('errors_max_retries_text', {'errors.max.retries': 'x'})
case('class_names', {'database.jdbc.driver': 'com.foo.1Bad', 'schema.history.internal': 'not a class!',
                     'topic.naming.strategy': 'class', 'transaction.metadata.factory': 'a..b',
                     'sourceinfo.struct.maker': '$ok._x1'})
case('enums_bad', {'event.processing.failure.handling.mode': 'bogus', 'decimal.handling.mode': 'bogus',
                   'bigint.unsigned.handling.mode': 'x', 'schema.name.adjustment.mode': 'x',
                   'incremental.snapshot.watermarking.strategy': 'bogus', 'guardrail.collections.limit.action': 'x',
                   'snapshot.tables.order.by.row.count': 'x', 'event.deserialization.failure.handling.mode': 'x',
                   'inconsistent.schema.handling.mode': 'x', 'ddl.parser.type': 'x', 'snapshot.query.mode': 'x'})
case('enums_bad_mariadb', {'snapshot.locking.mode': 'x', 'database.ssl.mode': 'x'}, flavor='mariadb')
case('enums_good', {'event.processing.failure.handling.mode': 'IGNORE', 'decimal.handling.mode': ' string',
                    'incremental.snapshot.watermarking.strategy': 'insert_delete', 'ddl.parser.type': 'Legacy'})
case('numbers_bad', {'binlog.buffer.size': '-1', 'heartbeat.interval.ms': '-1', 'snapshot.max.threads': '0',
                     'connect.timeout.ms': '0', 'connect.keep.alive.interval.ms': '0', 'guardrail.collections.max': '-1',
                     'incremental.snapshot.chunk.size': '-1', 'min.row.count.to.stream.results': '-1',
                     'binlog.net.write.timeout': '-1', 'retriable.restart.connector.wait.ms': '0',
                     'connection.validation.timeout.ms': 'x', 'query.fetch.size': '-1', 'signal.poll.interval.ms': '0',
                     'database.query.timeout.ms': 'x', 'snapshot.lock.timeout.ms': 'x', 'database.server.id.offset': 'x'})
case('legacy_alias_bad', {'internal.legacy.snapshot.max.threads': 'maybe'})
case('legacy_both', {'internal.legacy.snapshot.max.threads': 'maybe', 'legacy.snapshot.max.threads': 'true'})
case('pattern_named_keys', {'column.truncate.to.(d+).chars': 'x', 'column.mask.with.(d+).chars': 'y'})
case('password_like_values_masked', {'max.batch.size': 'mypassword', 'max.queue.size': 'topsecret'})
# Task-start checks beyond ALL_FIELDS.
case('startup_topic_delimiter', {'topic.delimiter': '/'})
case('startup_topic_names', {'topic.heartbeat.prefix': 'a b', 'topic.transaction': '$', 'topic.heartbeat.name': 'x y',
                             'topic.cache.size': 'x'})
case('startup_heartbeat_name_empty', {'topic.heartbeat.name': ''})
case('startup_history_missing', {'schema.history.internal.kafka.topic': None,
                                 'schema.history.internal.kafka.bootstrap.servers': None})
case('startup_history_blank_topic', {'schema.history.internal.kafka.topic': ' '})
case('startup_history_numbers', {'schema.history.internal.kafka.recovery.attempts': 'x',
                                 'schema.history.internal.kafka.recovery.poll.interval.ms': '-1',
                                 'schema.history.internal.kafka.query.timeout.ms': '0',
                                 'schema.history.internal.kafka.buffer.batch.size': '0'})
case('startup_history_file_missing', {'schema.history.internal': 'io.debezium.storage.file.history.FileSchemaHistory',
                                      'schema.history.internal.kafka.topic': None})
case('startup_history_file_ok', {'schema.history.internal': 'io.debezium.storage.file.history.FileSchemaHistory',
                                 'schema.history.internal.file.filename': '/tmp/h.dat'})
case('startup_dependents_not_checked', {'table.include.list': 'a,*x'})
# Filters and topics.
case('filters_table_include', {'table.include.list': 'Inventory\\.Customers,db2\\..*,signals\\.nothing'},
     tables=TABLES, cols=COLS, dbs=DBS)
case('filters_table_exclude', {'table.exclude.list': 'inventory\\.orders, db2\\.X'}, tables=TABLES, dbs=DBS)
case('filters_database_include', {'database.include.list': 'inventory,mysql'}, tables=TABLES, dbs=DBS)
case('filters_database_exclude', {'database.exclude.list': 'INVENTORY'}, tables=TABLES, dbs=DBS)
case('filters_database_and_table', {'database.include.list': 'inventory', 'table.include.list': '.*\\.orders,db2\\.x'},
     tables=TABLES, dbs=DBS)
case('filters_builtin_not_ignored', {'table.ignore.builtin': 'false'}, tables=TABLES, dbs=DBS)
case('filters_builtin_not_ignored_include', {'table.ignore.builtin': 'false', 'table.include.list': 'mysql\\..*'},
     tables=TABLES)
case('filters_signal_collection', {'table.include.list': 'inventory\\.customers', 'signal.data.collection': 'signals.debezium_signal'},
     tables=TABLES)
case('filters_signal_builtin', {'signal.data.collection': 'mysql.user'}, tables=TABLES)
case('filters_store_only_captured_tables', {'table.include.list': 'inventory\\.customers',
                                            'schema.history.internal.store.only.captured.tables.ddl': 'true'},
     tables=TABLES)
case('filters_store_only_captured_databases', {'database.include.list': 'inventory', 'table.include.list': 'inventory\\.customers',
                                               'schema.history.internal.store.only.captured.databases.ddl': 'true'},
     tables=TABLES)
case('filters_snapshot_include', {'snapshot.include.collection.list': 'inventory\\.orders,"db2"\\."x"'}, tables=TABLES)
case('filters_snapshot_include_escaped_comma', {'snapshot.include.collection.list': 'inventory\\.ord\\,ers,db2\\.x{1\\,2}'},
     tables=TABLES)
case('filters_escaped_comma_table', {'table.include.list': 'db2\\.x{1\\,2}'}, tables=TABLES)
case('filters_column_include', {'column.include.list': 'inventory\\.customers\\.email,.*\\.secret'}, cols=COLS)
case('filters_column_exclude', {'column.exclude.list': 'INVENTORY\\.customers\\.EMAIL'}, cols=COLS)
case('filters_column_include_empty', {'column.include.list': ''}, cols=COLS)
case('filters_anchored', {'table.include.list': 'inventory\\.cust', 'database.include.list': 'inv'}, tables=TABLES, dbs=DBS)
case('topics_custom', {'topic.prefix': 'my-server.1', 'topic.delimiter': '_', 'topic.transaction': 'tx',
                       'topic.heartbeat.prefix': 'hb'}, tables=TABLES[:4])
case('topics_heartbeat_name', {'topic.heartbeat.name': 'shared-heartbeats'}, tables=TABLES[:1])
case('topics_schema_strategy', {'topic.naming.strategy': 'io.debezium.schema.SchemaTopicNamingStrategy'}, tables=TABLES[:4])
