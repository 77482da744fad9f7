#!/usr/bin/env bash
# Installs every Debian package LoopLab needs, and nothing by hand.
#
# Usage: scripts/install-deps.sh [all|start|build]
#   all    (default) everything: building, serving, every test, the benchmarks;
#          what `./looplab test` installs
#   start  what `./looplab start` needs: building, serving, the database
#   build  what compiling alone needs (the container image's build stage)
#
# The list below is the whole truth: each group's heading ends with the uses it
# serves in brackets. To add a package, put its name in the group whose uses
# fit, or start a new group with a heading of the same form. It must work on a
# plain, minimal Debian 12 (a debootstrapped bookworm has bash, coreutils,
# apt, dpkg, grep, sed, tar, gzip, util-linux and little else), so every
# program any script, test or benchmark runs is named here, even the usual
# ones.
#
# Idempotent and quick when nothing is missing: one dpkg query, no apt call. A
# package counts as present when it is installed or an installed package
# provides it (NodeSource's nodejs provides npm and conflicts with Debian's).
# Standalone on purpose: the image build copies this file alone.
set -euo pipefail

packages=(
  # the scripts themselves [build start test]
  bash coreutils tar gzip xz-utils util-linux ca-certificates git
  # native build [build start test]
  build-essential cmake make ninja-build pkg-config
  libboost-dev libboost-program-options-dev
  nlohmann-json3-dev libpq-dev doctest-dev
  # wasm build (Emscripten 3.1.6, on Node) and the sources we compile for it [build start test]
  emscripten nodejs dpkg-dev
  # page build; python3 also runs the backend's worker script for /runs/concurrency [build start test]
  cmark fonts-dejavu-core python3 python3-fonttools zopfli
  # serving: the backend's database for the slow-query lesson (scripts/postgres.sh) [start test]
  postgresql-15 postgresql-client-15 procps iproute2
  # tests: browser (Playwright from npm, Debian's Chromium), CPython reference, HTTP [test]
  chromium npm python3-aiohttp python3-requests python3-psycopg2 python3-asyncpg curl
  # benchmarks' peers (./bench/run) [test]
  python3-django nginx-light wrk hyperfine
  # self-hosting tests (Podman stands in for Docker here; its bridge networks need iptables) [test]
  podman runc debootstrap podman-compose iptables
  # (Debian only recommends these: the --init process, and container names in DNS) [test]
  catatonit golang-github-containernetworking-plugin-dnsname
)

use="${1:-all}"
case "$use" in
  all) ;;
  start|build)
    # Keep the groups whose heading's [uses] name this use.
    mapfile -t packages < <(awk -v use="$use" '
      /^packages=\(/ { inside = 1; next }
      inside && /^\)/ { exit }
      inside && /^[[:space:]]*#/ {
        take = 0
        if (match($0, /\[[a-z ]+\][[:space:]]*$/)) {
          n = split(substr($0, RSTART + 1, RLENGTH - 2), uses, " ")
          for (i = 1; i <= n; i++) if (uses[i] == use) take = 1
        }
        next
      }
      inside && take { sub(/#.*/, ""); for (i = 1; i <= NF; i++) print $i }' "$0")
    [ ${#packages[@]} -gt 0 ] || { echo "looplab: no packages for '$use' found in $0" >&2; exit 1; }
    ;;
  *) echo "looplab: unknown package group '$use' (expected all, start or build)" >&2; exit 2 ;;
esac

# Installed packages, and the virtual names they provide.
declare -A present=()
while read -r name; do
  present[$name]=1
done < <(dpkg-query -W -f='${db:Status-Abbrev}|${Package}|${Provides}\n' 2>/dev/null \
  | awk -F'|' '$1 ~ /^.i/ {
      print $2
      n = split($3, provided, ",")
      for (i = 1; i <= n; i++) { sub(/^[[:space:]]+/, "", provided[i]); sub(/[[:space:](:].*/, "", provided[i]); if (provided[i] != "") print provided[i] }
    }')

missing=()
for p in "${packages[@]}"; do
  [ -n "${present[$p]:-}" ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "looplab: all Debian packages present ($use)"
  exit 0
fi
[ "$(id -u)" = 0 ] || { echo "looplab: ${#missing[@]} Debian packages are missing (${missing[*]}); run this as root to install them" >&2; exit 1; }
echo "looplab: installing ${#missing[@]} Debian packages ($use): ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
started=$SECONDS
apt_log="$(mktemp)"
trap 'rm -f "$apt_log"' EXIT
apt-get update -qq
# dpkg's hundreds of unpacking lines go to a log, shown when something fails.
apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$apt_log" 2>&1 \
  || { tail -40 "$apt_log" >&2; echo "looplab: apt-get install failed (above)" >&2; exit 1; }
echo "looplab: installed them in $((SECONDS - started)) s"
