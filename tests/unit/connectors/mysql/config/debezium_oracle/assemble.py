import os
import sys
W = os.environ.get('DBZ_ORACLE_WORK', '/tmp/dbz-oracle')
HERE = os.path.dirname(os.path.abspath(__file__))
src = open(os.path.join(HERE, '..', 'mysql_connector_config_golden_test.cpp')).read()
start = src.index('  static const std::vector<GoldenCase> cases = {\n') + len('  static const std::vector<GoldenCase> cases = {\n')
end = src.index('  };\n  return cases;\n}')
src = src[:start] + open(os.path.join(W, 'golden/cases.inc')).read() + src[end:]
if 'kLongTableName' not in src:
    src = src.replace('const std::vector<GoldenCase>& goldenCases() {', '''// A table name past Kafka's 249-character topic limit, and the topic Debezium cuts it to.
const std::string kLongTableName(260, 'a');
const std::string kLongTopicName = "dbserver1.inventory." + std::string(229, 'a');
const char* const kLongTable = kLongTableName.c_str();
const char* const kLongTopic = kLongTopicName.c_str();

const std::vector<GoldenCase>& goldenCases() {''')
    src = src.replace('#include <map>\n', '#include <map>\n#include <optional>\n')
open(os.path.join(HERE, '..', 'mysql_connector_config_golden_test.cpp'), 'w').write(src)
# The ConfigDef expectations (gen_def.py output).
src = open(os.path.join(HERE, '..', 'mysql_connector_config_golden_test.cpp')).read()
start = src.index('const std::vector<ExpectedKey> kMySqlKeys = {')
end = src.index('\nvoid expectConfigDef')
src = src[:start] + open(os.path.join(W, 'golden/defs.inc')).read() + src[end:]
open(os.path.join(HERE, '..', 'mysql_connector_config_golden_test.cpp'), 'w').write(src)
