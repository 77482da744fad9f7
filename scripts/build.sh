#!/usr/bin/env bash
# Builds LoopLab. Usage: scripts/build.sh [native|asan|wasm]...  (default: native wasm)
# Each build has its own folder under build/; reruns are incremental.
# LOOPLAB_NATIVE_TARGETS / LOOPLAB_WASM_TARGETS: build only these targets (the
# container image needs the backend and the site, not the tests).
set -euo pipefail
source "$(dirname "$0")/common.sh"

configure_and_build() {  # <dir> <cmake configure args...>
  local dir="$1"; shift
  if [ ! -f "$dir/build.ninja" ]; then
    "$@" -S "$LOOPLAB_ROOT" -B "$dir" -G Ninja >"$dir.configure.log" 2>&1 \
      || { cat "$dir.configure.log" >&2; die "configuring $dir failed"; }
  fi
  cmake --build "$dir" -j "$JOBS" ${build_only:+--target $build_only}
}

build_native() {
  log "building native (backend, core, tests) in build/native"
  build_only="${LOOPLAB_NATIVE_TARGETS:-}" configure_and_build "$LOOPLAB_BUILD/native" cmake -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DLOOPLAB_ASAN_DIR="$LOOPLAB_BUILD/asan" -DLOOPLAB_WASM_DIR="$LOOPLAB_BUILD/wasm"
}

build_asan() {
  log "building native tests under ASan+UBSan in build/asan"
  configure_and_build "$LOOPLAB_BUILD/asan" cmake -DCMAKE_BUILD_TYPE=Debug -DLOOPLAB_SANITIZE=ON
}

build_wasm() {
  "$LOOPLAB_ROOT/scripts/fetch-sources.sh"
  local sdl; sdl="$("$LOOPLAB_ROOT/scripts/build-sdl2-wasm.sh")"
  log "building WebAssembly (core, lessons, pages) in build/wasm"
  build_only="${LOOPLAB_WASM_TARGETS:-}" configure_and_build "$LOOPLAB_BUILD/wasm" emcmake cmake -DCMAKE_BUILD_TYPE=Release \
    -DLOOPLAB_SDL2_WASM_DIR="$sdl" -DLOOPLAB_THIRD_PARTY="$LOOPLAB_THIRD_PARTY"
}

mkdir -p "$LOOPLAB_BUILD"
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(native wasm)
for t in "${targets[@]}"; do
  case "$t" in
    native|asan|wasm) "build_$t" ;;
    *) die "unknown build '$t' (expected native, asan or wasm)" ;;
  esac
done
