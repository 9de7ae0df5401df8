import os
import sys
W = os.environ.get('DBZ_ORACLE_WORK', '/tmp/dbz-oracle')
HERE = os.path.dirname(os.path.abspath(__file__))
import json
def fnv(s):
    h = 0xcbf29ce484222325
    for b in s.encode('utf-8'):
        h ^= b
        h = (h * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h
def cstr(s):
    if s is None: return 'nullptr'
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'
out = []
for fl, path in (('MySql', os.path.join(W, 'mysql_def.json')), ('MariaDb', os.path.join(W, 'mariadb_def.json'))):
    d = json.load(open(path))
    recs = {f['name']: f.get('recommended', []) for f in d['allFields']}
    out.append('const std::vector<ExpectedKey> k%sKeys = {' % fl)
    for k in d['configDef']:
        out.append('    {%s, "%s", %s, "%s", %s, %d, "%s", %s, {%s}, {%s}, 0x%016xULL},' % (
            cstr(k['name']), k['type'], cstr(k.get('default')), k['importance'], cstr(k['group']), k['order'], k['width'],
            cstr(k['displayName']), ', '.join(cstr(x) for x in k['dependents']),
            ', '.join(cstr(x) for x in recs.get(k['name'], [])), fnv(k['doc'])))
    out.append('};')
open(os.path.join(W, 'golden/defs.inc'), 'w').write('\n'.join(out) + '\n')
