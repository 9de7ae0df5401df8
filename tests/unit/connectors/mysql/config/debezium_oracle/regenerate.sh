#!/usr/bin/env bash
# Regenerates the Debezium-derived data of connectors/mysql/mysql_connector_config.cpp (the key
# tables) and the expectations of mysql_connector_config_golden_test.cpp by running Debezium
# itself. Needs java/javac 17+, mvn (Maven Central), python3, clang-format, and a checkout of
# github.com/debezium/debezium at the same tag (the MariaDB connector is not on Maven Central):
#   DEBEZIUM_SRC=/path/to/debezium DBZ_ORACLE_WORK=/tmp/dbz-oracle ./regenerate.sh
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
W="${DBZ_ORACLE_WORK:-/tmp/dbz-oracle}"
: "${DEBEZIUM_SRC:?set DEBEZIUM_SRC to a debezium checkout at the version in pom.xml}"
export DBZ_ORACLE_WORK="$W"
mkdir -p "$W/oracle/classes" "$W/mariadb-classes" "$W/golden" "$W/gen" "$W/hs"
cp "$HERE/pom.xml" "$W/oracle/pom.xml"
(cd "$W/oracle" && mvn -q -B dependency:copy-dependencies -DoutputDirectory="$W/oracle/lib")
CP="$(ls "$W"/oracle/lib/*.jar | tr '\n' ':')"
javac -nowarn -proc:none -cp "$CP" -d "$W/mariadb-classes" \
  $(find "$DEBEZIUM_SRC/debezium-connector-mariadb/src/main/java" -name '*.java')
cp -r "$DEBEZIUM_SRC/debezium-connector-mariadb/src/main/resources/." "$W/mariadb-classes/"
CP="$CP$W/mariadb-classes:$W/oracle/classes"
javac -cp "$CP" -d "$W/oracle/classes" "$HERE"/*.java "$HERE"/io/debezium/relational/*.java
java -cp "$CP" Dump mysql > "$W/mysql_def.json" 2>/dev/null
java -cp "$CP" Dump mariadb > "$W/mariadb_def.json" 2>/dev/null
(cd "$W/hs" && java -cp "$CP" EX > "$W/hs/ex_java.txt" 2>/dev/null)
python3 "$HERE/gen_fields.py"
python3 "$HERE/run.py"
python3 "$HERE/gen_def.py"
python3 "$HERE/assemble.py"
ROOT="$HERE/../../../../../.."
clang-format --style=file -i "$ROOT/connectors/mysql/mysql_connector_config.cpp" \
  "$HERE/../mysql_connector_config_golden_test.cpp"
