#!/usr/bin/env bash
# The main job on a fresh machine: installs what is missing, builds connectd, starts the local
# stack (compose/local), starts connectd, and runs a pipeline through its REST API:
#   a file -> FileStreamSource -> Kafka topic -> FileStreamSink -> another file
# then checks that every line arrived, in order.
#
#   compose/demo.sh            # run the demo; connectd is stopped at the end, the stack stays up
#   KEEP=1 compose/demo.sh     # leave connectd running on :8083 afterwards
#   compose/local/stack.sh down   # stop the stack
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
PORT=${CONNECTD_PORT:-8083}
STATE=${STACK_DIR:-$REPO/.local-stack}/demo
LINES=${LINES:-1000}

say() { printf '\n>>> %s\n' "$*"; }

say "dependencies and build"
compose/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j2 --target connectd >/dev/null
build/connectd --version

say "local stack"
compose/local/stack.sh up

say "connectd on :$PORT"
rm -rf "$STATE" && mkdir -p "$STATE"
cat >"$STATE/worker.properties" <<PROPS
bootstrap.servers=127.0.0.1:${KAFKA_PORT:-9092}
key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
key.converter.schemas.enable=false
value.converter.schemas.enable=false
offset.storage.file.filename=$STATE/connect.offsets
offset.flush.interval.ms=1000
listeners=http://127.0.0.1:$PORT
PROPS
build/connectd --standalone "$STATE/worker.properties" >"$STATE/connectd.log" 2>&1 &
PID=$!
echo "$PID" >"$STATE/connectd.pid"
cleanup() {
  if [[ ${KEEP:-0} != 1 ]] && kill -0 "$PID" 2>/dev/null; then
    kill -TERM "$PID" && wait "$PID" || true
    echo "connectd stopped (log: $STATE/connectd.log)"
  fi
}
trap cleanup EXIT
for _ in $(seq 1 200); do
  curl -sf "http://127.0.0.1:$PORT/" >/dev/null && break
  sleep 0.05
done
curl -sf "http://127.0.0.1:$PORT/" && echo

say "pipeline: $STATE/in.txt -> topic demo-lines -> $STATE/out.txt"
seq 1 "$LINES" | sed 's/^/line /' >"$STATE/in.txt"
curl -sf -X POST -H 'Content-Type: application/json' "http://127.0.0.1:$PORT/connectors" -d @- <<JSON && echo
{"name":"demo-source","config":{"connector.class":"FileStreamSource","file":"$STATE/in.txt","topic":"demo-lines"}}
JSON
curl -sf -X POST -H 'Content-Type: application/json' "http://127.0.0.1:$PORT/connectors" -d @- <<JSON && echo
{"name":"demo-sink","config":{"connector.class":"FileStreamSink","file":"$STATE/out.txt","topics":"demo-lines"}}
JSON

for _ in $(seq 1 600); do
  [[ -f $STATE/out.txt ]] && (($(wc -l <"$STATE/out.txt") >= LINES)) && break
  sleep 0.1
done
curl -sf "http://127.0.0.1:$PORT/connectors?expand=status" && echo

if cmp -s "$STATE/in.txt" "$STATE/out.txt"; then
  say "OK: $LINES lines went file -> Kafka -> file through connectd"
else
  say "FAILED: $STATE/out.txt differs from $STATE/in.txt (see $STATE/connectd.log)"
  exit 1
fi
