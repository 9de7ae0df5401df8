import os
import sys
W = os.environ.get('DBZ_ORACLE_WORK', '/tmp/dbz-oracle')
HERE = os.path.dirname(os.path.abspath(__file__))
import json
my = json.load(open(os.path.join(W, 'mysql_def.json')))
ma = json.load(open(os.path.join(W, 'mariadb_def.json')))

C = {
 'topic.prefix': ['Required', 'TopicName'],
 'database.hostname': ['Hostname', 'Required'],
 'database.port': ['IsInteger'],
 'database.user': ['Required'],
 'database.server.id': ['PositiveLong', 'Required'],
 'database.jdbc.driver': ['IsClassName'],
 'database.ssl.mode': ['Enum'],
 'event.processing.failure.handling.mode': ['Enum'],
 'max.batch.size': ['PositiveInteger'],
 'max.queue.size': ['MaxQueueSize'],
 'poll.interval.ms': ['PositiveInteger'],
 'max.queue.size.in.bytes': ['NonNegativeLong'],
 'skipped.operations': ['SkippedOperations'],
 'snapshot.delay.ms': ['NonNegativeLong'],
 'streaming.delay.ms': ['NonNegativeLong'],
 'snapshot.include.collection.list': ['ListOfRegex'],
 'snapshot.fetch.size': ['NonNegativeInteger'],
 'snapshot.max.threads': ['PositiveInteger'],
 'snapshot.max.threads.multiplier': ['PositiveInteger'],
 'snapshot.mode.custom.name': ['SnapshotModeCustomName'],
 'retriable.restart.connector.wait.ms': ['PositiveLong'],
 'query.fetch.size': ['NonNegativeInteger'],
 'errors.max.retries': ['IsInteger'],
 'incremental.snapshot.watermarking.strategy': ['Enum'],
 'connection.validation.timeout.ms': ['PositiveLong'],
 'executor.shutdown.timeout.ms': ['PositiveLong'],
 'openlineage.integration.job.tags': ['ListOfMap'],
 'openlineage.integration.job.owners': ['ListOfMap'],
 'extended.headers.enabled': ['IsBoolean'],
 'guardrail.collections.max': ['NonNegativeInteger'],
 'guardrail.collections.limit.action': ['Enum'],
 'decimal.handling.mode': ['Enum'],
 'connect.timeout.ms': ['PositiveInteger'],
 'connect.keep.alive': ['IsBoolean'],
 'connect.keep.alive.interval.ms': ['PositiveInteger'],
 'binlog.net.write.timeout': ['NonNegativeLong'],
 'binlog.net.read.timeout': ['NonNegativeLong'],
 'snapshot.mode': ['Enum'],
 'snapshot.query.mode': ['Enum'],
 'snapshot.query.mode.custom.name': ['SnapshotQueryModeCustomName'],
 'bigint.unsigned.handling.mode': ['Enum'],
 'time.precision.mode': ['TimePrecisionModeNotAdaptive', 'Enum', 'Enum'],
 'schema.name.adjustment.mode': ['Enum'],
 'min.row.count.to.stream.results': ['NonNegativeLong'],
 'incremental.snapshot.chunk.size': ['NonNegativeInteger'],
 'snapshot.locking.mode': ['SnapshotLockingModeValid', 'Enum'],
 'ddl.parser.type': ['Enum'],
 'tombstones.on.delete': ['IsBoolean'],
 'heartbeat.interval.ms': ['NonNegativeInteger'],
 'signal.data.collection': ['SignalDataCollection'],
 'signal.poll.interval.ms': ['PositiveInteger'],
 'notification.sink.topic.name': ['NotificationTopic'],
 'custom.metric.tags': ['ListOfMap'],
 'column.include.list': ['ListOfRegex'],
 'column.exclude.list': ['ColumnExcludeList', 'ListOfRegex'],
 'table.include.list': ['ListOfRegex'],
 'table.exclude.list': ['TableExcludeList', 'ListOfRegex'],
 'message.key.columns': ['MessageKeyColumns'],
 'column.mask.with.(d+).chars': ['IsInteger'],
 'column.truncate.to.(d+).chars': ['IsInteger'],
 'include.schema.comments': ['IsBoolean'],
 'column.propagate.source.type': ['ListOfRegex'],
 'datatype.propagate.source.type': ['ListOfRegex'],
 'snapshot.tables.order.by.row.count': ['Enum'],
 'table.ignore.builtin': ['IsBoolean'],
 'database.include.list': ['ListOfRegex'],
 'database.exclude.list': ['DatabaseExcludeList', 'ListOfRegex'],
 'binlog.buffer.size': ['NonNegativeInteger'],
 'event.deserialization.failure.handling.mode': ['Enum'],
 'inconsistent.schema.handling.mode': ['Enum'],
 'gtid.source.excludes': ['GtidExcludes'],
}
ALIASES = {'legacy.snapshot.max.threads': ['internal.legacy.snapshot.max.threads']}
SECTION = {'MySQL': 'Type', 'MariaDB': 'Type', 'Connector': 'Connector', 'History Storage': 'History', 'Events': 'Events'}

def lit(s):
    if s is None:
        return 'nullptr'
    out = s.replace('\\', '\\\\').replace('"', '\\"')
    return '"' + out + '"'

def wrap_doc(s, indent):
    # split long literals into adjacent pieces of at most ~90 chars, at spaces
    pieces = []
    cur = None
    for word in s.split(' '):
        cand = word if cur is None else cur + ' ' + word
        if len(cand) > 88 and cur:
            pieces.append(cur + ' ')
            cur = word
        else:
            cur = cand
    pieces.append(cur)
    return ('\n' + ' ' * indent).join(lit(p) for p in pieces)

def flavor_of(name, k_my, k_ma):
    if k_ma is None:
        return 'kMySql'
    if k_my is None:
        return 'kMariaDb'
    return None

ma_keys = {k['name']: k for k in ma['configDef']}
my_fields = {f['name']: f for f in my['allFields']}
ma_fields = {f['name']: f for f in ma['allFields']}

def entry(k, f, flavors):
    name = k['name']
    typ = k['type'].capitalize()
    deflt = k.get('default')
    checks = ', '.join('Check::' + c for c in C.get(name, []))
    rec = f.get('recommender') if f else None
    enum_vals = f.get('recommended', []) if rec == 'EnumRecommender' else []
    invisible = 'true' if rec == 'InvisibleRecommender' else 'false'
    deps = ', '.join(lit(x) for x in k['dependents'])
    aliases = ', '.join(lit(x) for x in ALIASES.get(name, []))
    internal_alias = f is None
    s = '      {%s, Type::%s, %s, Importance::%s, Section::%s, Width::%s,\n' % (
        lit(name), typ, lit(deflt), k['importance'].capitalize(), SECTION[k['group']], k['width'].capitalize())
    s += '       %s,\n' % lit(k['displayName'])
    s += '       {%s}, {%s}, {%s}, %s, {%s}, %s, %s,\n' % (deps, checks, ', '.join(lit(x) for x in enum_vals), invisible, aliases,
                                                     'true' if internal_alias else 'false', flavors)
    s += '       ' + wrap_doc(k['doc'], 7) + '},\n'
    return s

