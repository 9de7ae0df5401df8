import os
import sys
W = os.environ.get('DBZ_ORACLE_WORK', '/tmp/dbz-oracle')
HERE = os.path.dirname(os.path.abspath(__file__))
import json, re
exec(open(os.path.join(HERE, 'gen_fields_common.py')).read().split("out = []")[0])  # reuse C, ALIASES, SECTION, lit, wrap_doc, loaders

def designated(name, typ, deflt, importance, section, width, display, deps, checks, enum_vals, invisible, aliases, alias_only, flavors, doc):
    parts = ['.name = %s' % lit(name)]
    if typ != 'String': parts.append('.type = Type::%s' % typ)
    if deflt is not None: parts.append('.default_value = %s' % lit(deflt))
    if importance != 'Medium': parts.append('.importance = Importance::%s' % importance)
    parts.append('.section = Section::%s' % section)
    if width != 'None': parts.append('.width = Width::%s' % width)
    if display is not None: parts.append('.display_name = %s' % lit(display))
    if deps: parts.append('.dependents = {%s}' % ', '.join(lit(x) for x in deps))
    if checks: parts.append('.checks = {%s}' % ', '.join('Check::' + c for c in checks))
    if enum_vals: parts.append('.enum_literals = {%s}' % ', '.join(lit(x) for x in enum_vals))
    if invisible: parts.append('.invisible = true')
    if aliases: parts.append('.aliases = {%s}' % ', '.join(lit(x) for x in aliases))
    if alias_only: parts.append('.alias_only = true')
    if flavors != 'kBoth': parts.append('.flavors = %s' % flavors)
    parts.append('.doc = ' + wrap_doc(doc, 14))
    return '      {' + ',\n       '.join(parts) + '},\n'

def entry2(k, f, flavors):
    name = k['name']
    rec = f.get('recommender') if f else None
    return designated(name, k['type'].capitalize(), k.get('default'), k['importance'].capitalize(), SECTION[k['group']],
                      k['width'].capitalize(), k['displayName'], k['dependents'], C.get(name, []),
                      f.get('recommended', []) if rec == 'EnumRecommender' else [], rec == 'InvisibleRecommender',
                      ALIASES.get(name, []), f is None, flavors, k['doc'])

out = []
for k in my['configDef']:
    name = k['name']
    km = ma_keys.get(name)
    f = my_fields.get(name)
    if km is None:
        out.append(entry2(k, f, 'kMySql')); continue
    fm = ma_fields.get(name)
    same = all(k[x] == km[x] for x in ('type', 'default', 'importance', 'doc', 'width', 'displayName', 'dependents')) and \
        ((f or {}).get('recommended') == (fm or {}).get('recommended'))
    if same:
        out.append(entry2(k, f, 'kBoth'))
    else:
        out.append(entry2(k, f, 'kMySql'))
        out.append(entry2(km, fm, 'kMariaDb'))
open(os.path.join(W, 'gen/table2.inc'), 'w').write(''.join(out))

# Extras, from the Java Field definitions (checked against Debezium by the EX.java dump).
ex = [l.rstrip('\n').split('\t', 7) for l in open(os.path.join(W, 'hs/ex_java.txt'))]
EXTRA_SECTION = {'topic.': 'TopicNaming', 'schema.history.': 'HistoryStorage', 'internal.schema.history.': 'HistoryStorage',
                 'signal.': 'Signals'}
EXTRA_CHECKS = {
 'topic.delimiter': ['TopicName'], 'topic.heartbeat.prefix': ['TopicName'], 'topic.heartbeat.name': ['HeartbeatTopicName'],
 'topic.transaction': ['TopicName'],
 'schema.history.internal.kafka.topic': ['Required'], 'schema.history.internal.kafka.bootstrap.servers': ['Required'],
 'schema.history.internal.kafka.recovery.poll.interval.ms': ['NonNegativeInteger'],
 'schema.history.internal.kafka.recovery.attempts': ['IsInteger'],
 'schema.history.internal.kafka.query.timeout.ms': ['PositiveInteger'],
 'schema.history.internal.kafka.create.timeout.ms': ['PositiveInteger'],
 'schema.history.internal.kafka.buffer.batch.size': ['PositiveInteger'],
 'schema.history.internal.file.filename': ['Required'],
 'internal.schema.history.internal.ddl.filter': ['ListOfRegex'],
 'signal.kafka.topic': ['Required'], 'signal.kafka.bootstrap.servers': ['Required'],
 'signal.kafka.poll.timeout.ms': ['NonNegativeInteger'], 'signal.file': ['Required'],
 'binary.handling.mode': ['Enum'], 'field.name.adjustment.mode': ['Enum'], 'skip.messages.without.change': ['IsBoolean'],
 'event.converting.failure.handling.mode': ['Enum'], 'snapshot.locking.mode.custom.name': ['SnapshotLockingModeCustomName'],
}
out = []
for name, typ, deflt, imp, width, display, rec, doc in ex:
    section = next((v for p, v in EXTRA_SECTION.items() if name.startswith(p)), 'ConnectorExtras')
    enum_vals = [x.strip() for x in rec.strip('[]').split(',')] if rec else []
    out.append(designated(name, typ.capitalize(), None if deflt == 'null' else deflt, imp.capitalize(), section,
                          width.capitalize(), None if display == 'null' else display, [], EXTRA_CHECKS.get(name, []),
                          enum_vals, False, [], False, 'kBoth', doc))
open(os.path.join(W, 'gen/extras2.inc'), 'w').write(''.join(out))


# Splice both tables into connectors/mysql/mysql_connector_config.cpp.
target = os.path.join(HERE, '..', '..', '..', '..', '..', '..', 'connectors', 'mysql', 'mysql_connector_config.cpp')
src = open(target).read()
def splice(src, func, content):
    i = src.index(func)
    a = src.index('  static const std::vector<FieldDef> fields = {\n', i) + len('  static const std::vector<FieldDef> fields = {\n')
    b = src.index('  };\n  return fields;\n}', a)
    return src[:a] + content + src[b:]
src = splice(src, 'const std::vector<FieldDef>& debeziumFields() {', open(os.path.join(W, 'gen/table2.inc')).read())
src = splice(src, 'const std::vector<FieldDef>& extraFields() {', open(os.path.join(W, 'gen/extras2.inc')).read())
open(target, 'w').write(src)
