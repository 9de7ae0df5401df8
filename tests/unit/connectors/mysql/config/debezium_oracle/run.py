import os
import sys
W = os.environ.get('DBZ_ORACLE_WORK', '/tmp/dbz-oracle')
HERE = os.path.dirname(os.path.abspath(__file__))
import subprocess, sys, os
sys.path.insert(0, HERE)
from cases import cases

def esc(s):
    return s.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n')
def unesc(s):
    out = []; i = 0
    while i < len(s):
        c = s[i]
        if c == '\\' and i + 1 < len(s):
            n = s[i + 1]; out.append('\t' if n == 't' else '\n' if n == 'n' else n); i += 2
        else:
            out.append(c); i += 1
    return ''.join(out)

with open(os.path.join(W, 'golden/in.tsv'), 'w') as f:
    for c in cases:
        f.write('C\t%s\n' % esc(c['name']))
        f.write('F\t%s\n' % c['flavor'])
        for k, v in c['props'].items():
            f.write('P\t%s\t%s\n' % (esc(k), esc(v)))
        for db, t in c['tables']:
            f.write('T\t%s\t%s\n' % (esc(db), esc(t)))
        for db, t, col in c['cols']:
            f.write('K\t%s\t%s\t%s\n' % (esc(db), esc(t), esc(col)))
        for d in c['dbs']:
            f.write('D\t%s\n' % esc(d))
cp = ':'.join(os.path.join(W, 'oracle/lib/') + j for j in sorted(os.listdir(os.path.join(W, 'oracle/lib')))) + ':' + os.path.join(W, 'mariadb-classes') + ':' + os.path.join(W, 'oracle/classes')
subprocess.run(['java', '-cp', cp, 'Oracle', os.path.join(W, 'golden/in.tsv'), os.path.join(W, 'golden/out.tsv')], check=True, stderr=subprocess.DEVNULL)

results = {}
cur = None
for line in open(os.path.join(W, 'golden/out.tsv'), encoding='utf-8'):
    p = [unesc(x) for x in line.rstrip('\n').split('\t')]
    if p[0] == 'C':
        cur = results.setdefault(p[1], dict(V=[], R=[], T=[], K=[], D=[], H=None, S=None, X=None))
    elif p[0] in ('V', 'R', 'T', 'K', 'D'):
        cur[p[0]].append(p[1:] if len(p) > 2 else p[1])
    else:
        cur[p[0]] = p[1:]

def cstr(s):
    if s == 'a' * 260:
        return 'kLongTable'
    if s == 'dbserver1.inventory.' + 'a' * 229:
        return 'kLongTopic'
    b = s.encode('utf-8')
    out = '"'
    for ch in b:
        c = chr(ch)
        if c == '\\': out += '\\\\'
        elif c == '"': out += '\\"'
        elif c == '\n': out += '\\n'
        elif c == '\t': out += '\\t'
        elif 32 <= ch < 127: out += c
        else: out += '\\x%02x""' % ch
    return out + '"'

lines = []
for c in cases:
    r = results[c['name']]
    lines.append('    {%s, Flavor::%s,' % (cstr(c['name']), 'MySql' if c['flavor'] == 'mysql' else 'MariaDb'))
    def block(items):
        if not items:
            return '     {},'
        return '     {\n' + ''.join('         ' + i + ',\n' for i in items) + '     },'
    lines.append(block(['{%s, %s}' % (cstr(k), cstr(v)) for k, v in c['props'].items()]))
    lines.append(block(['{%s,\n          %s}' % (cstr(k), cstr(m)) for k, m in r['V']]))
    lines.append(block([cstr(m) for m in r['R']]))
    lines.append(block(['{%s, %s, %s, %s, %s, %s,\n          %s}' % (cstr(t[0]), cstr(t[1]), t[2], t[3], t[4], t[5], cstr(t[6])) for t in r['T']]))
    lines.append(block(['{%s, %s, %s, %s}' % (cstr(k[0]), cstr(k[1]), cstr(k[2]), k[3]) for k in r['K']]))
    lines.append(block(['{%s, %s}' % (cstr(d[0]), d[1]) for d in r['D']]))
    h = r['H']
    lines.append('     %s,' % ('TopicsExpect{%s, %s, %s}' % tuple(cstr(x) for x in h) if h else 'std::nullopt'))
    s = r['S']
    if s:
        names = [n.strip() for n in s[0].strip('[]').split(',') if n.strip()]
        code = {'READ': 'r', 'CREATE': 'c', 'UPDATE': 'u', 'DELETE': 'd', 'TRUNCATE': 't', 'MESSAGE': 'm'}
        ops = ''.join(sorted(code[n] for n in names))
        s = [ops, s[1], s[2]]
    lines.append('     %s,' % ('ModesExpect{%s, %s, %s}' % tuple(cstr(x) for x in s) if s else 'std::nullopt'))
    lines.append('     %s},' % (cstr(r['X'][0]) if r['X'] else 'nullptr'))
open(os.path.join(W, 'golden/cases.inc'), 'w').write('\n'.join(lines) + '\n')
print(len(cases), 'cases')
for c in cases:
    r = results[c['name']]
    if r['X']: print('EXC', c['name'], r['X'])
