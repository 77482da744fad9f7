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
  cmark fonts-dejavu-core gzip python3-fonttools
  # database for the slow-query lesson
  postgresql-15 postgresql-client-15
  # tests: browser, CPython reference, peers for benchmarks
  chromium nodejs python3 python3-django python3-aiohttp python3-requests
  python3-psycopg2 python3-asyncpg nginx-light wrk hyperfine procps curl iproute2
  # self-hosting tests (Podman stands in for Docker here)
  podman runc debootstrap podman-compose
  # (Debian only recommends these: the --init process, and container names in DNS)
  catatonit golang-github-containernetworking-plugin-dnsname
)

# `install-deps.sh build` installs only what building needs (the container image's
# build stage): the groups above whose heading comment contains the word "build".
if [ "${1:-all}" = build ]; then
  mapfile -t packages < <(awk '
    /^packages=\(/ { inside = 1; next }
    inside && /^\)/ { exit }
    inside && /^[[:space:]]*#/ { take = ($0 ~ /build/); next }
    inside && take { sub(/#.*/, ""); for (i = 1; i <= NF; i++) print $i }' "$0")
  [ ${#packages[@]} -gt 0 ] || { echo "looplab: no build packages found in $0" >&2; exit 1; }
elif [ "${1:-all}" != all ]; then
  echo "looplab: unknown package group '$1' (expected build or all)" >&2; exit 2
fi

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
