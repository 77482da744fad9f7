#!/usr/bin/env bash
# Command 2: installs what is missing, builds all three builds, and runs every
# test (native, sanitizer, wasm under Node, CPython differential, browser,
# database, containers) from the native build's CTest.
set -euo pipefail
source "$(dirname "$0")/common.sh"

"$LOOPLAB_ROOT/scripts/install-deps.sh"
"$LOOPLAB_ROOT/scripts/install-node-deps.sh"
"$LOOPLAB_ROOT/scripts/build.sh" wasm asan tsan native

log "running the test suite"
mkdir -p "$LOOPLAB_ROOT/artifacts"
cd "$LOOPLAB_BUILD/native"
ctest --output-on-failure -j "${CTEST_JOBS:-2}" "$@"
