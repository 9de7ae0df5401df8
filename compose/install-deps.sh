#!/usr/bin/env bash
# Installs the Debian packages connectd needs to build, test and benchmark, when missing.
# Safe to run again: it installs only what dpkg does not already have.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git curl
  libboost-dev librdkafka-dev libmariadb-dev libpq-dev nlohmann-json3-dev libspdlog-dev libfmt-dev
  libssl-dev libpcre2-dev libjemalloc-dev googletest libgtest-dev libgmock-dev libbenchmark-dev
  kcat openssl
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  echo "[deps] installing: ${missing[*]}" >&2
  SUDO=""
  [[ $EUID -eq 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
