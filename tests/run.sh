#!/usr/bin/env bash
# Runs every connectd test on a fresh machine: installs what is missing, builds, runs the unit
# tests, starts the local stack (compose/local) for the integration tests, runs them, and stops
# the services it started (services that were already running are left alone).
#
#   tests/run.sh                 # everything
#   TESTS=unit tests/run.sh      # unit tests only (no services)
#   BUILD_DIR=build-x tests/run.sh
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
BUILD_DIR=${BUILD_DIR:-build}
TESTS=${TESTS:-all}
JOBS=${JOBS:-2}

step() { printf '\n=== %s\n' "$*"; }

step "dependencies"
compose/install-deps.sh

step "build ($BUILD_DIR)"
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DCONNECTD_BUILD_BENCH=OFF >/dev/null
cmake --build "$BUILD_DIR" -j"$JOBS"

step "unit tests"
ctest --test-dir "$BUILD_DIR" -L unit --output-on-failure -j"$JOBS"

if [[ $TESTS == unit ]]; then
  exit 0
fi

step "local stack"
# Start only what is not running yet, and stop exactly that on exit.
started=()
for svc in kafka mariadb postgres clickhouse; do
  if ! compose/local/stack.sh status 2>/dev/null | grep -Eq "^$svc[[:space:]]+running"; then
    started+=("$svc")
  fi
done
stop_stack() {
  if ((${#started[@]})); then
    step "stopping ${started[*]}"
    SERVICES="${started[*]}" compose/local/stack.sh down || true
  fi
}
trap stop_stack EXIT
if ((${#started[@]})); then
  SERVICES="${started[*]}" compose/local/stack.sh up
fi

step "integration tests"
ctest --test-dir "$BUILD_DIR" -L integration --output-on-failure
