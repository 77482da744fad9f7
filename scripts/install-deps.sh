#!/usr/bin/env bash
# Installs every Debian package LoopLab needs, and nothing by hand.
# Idempotent: packages already present are skipped quickly by apt.
set -euo pipefail

packages=(
  # native build
  build-essential cmake make ninja-build pkg-config git ca-certificates
  libboost-dev libboost-program-options-dev
  nlohmann-json3-dev libpq-dev doctest-dev
  # wasm build (Emscripten 3.1.6) and the sources we compile for it
  emscripten dpkg-dev
  # page build
  cmark fonts-dejavu-core gzip
  # database for the slow-query lesson
  postgresql-15 postgresql-client-15
  # tests: browser, CPython reference, peers for benchmarks
  chromium nodejs python3 python3-django python3-aiohttp python3-requests
  python3-psycopg2 python3-asyncpg nginx-light wrk hyperfine procps curl iproute2
  # self-hosting tests (Podman stands in for Docker here)
  podman runc debootstrap podman-compose
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "looplab: installing ${#missing[@]} Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "looplab: all Debian packages present"
fi
