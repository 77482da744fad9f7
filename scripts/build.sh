#!/usr/bin/env bash
# Builds LoopLab. Usage: scripts/build.sh [native|asan|tsan|wasm|serve]...  (default: native wasm)
#   native  the backend, the database builder, the native core and every native test
#   asan    the same native code and tests under AddressSanitizer + UndefinedBehaviorSanitizer
#   tsan    the backend alone under ThreadSanitizer (one HTTP test runs it on several threads)
#   wasm    the core, the lessons, the pages and the portable tests, compiled by Emscripten
#   serve   only what `./looplab start` serves: the backend and the database builder
#           (build/native) and the site (build/wasm); `./looplab test` builds the rest
# Each build has its own folder under build/; reruns are incremental.
# LOOPLAB_NATIVE_TARGETS / LOOPLAB_WASM_TARGETS: build only these targets of the
# native and wasm builds (the container image needs the backend and the site).
# When wasm is asked for beside a native build, the two run side by side: SDL2's
# one-time configure and the source download leave a core idle otherwise.
# LOOPLAB_BUILD_SERIAL=1 builds one after another instead.
set -euo pipefail
source "$(dirname "$0")/common.sh"

# What serving needs, in each build (the Dockerfile's build stage needs the same).
SERVE_NATIVE_TARGETS="looplab-backend looplab-citydb"
SERVE_WASM_TARGETS="site"

configure_and_build() {  # <dir> <cmake configure args...>
  local dir="$1"; shift
  # Configured again when its arguments change (e.g. a new SDL2 cache entry after
  # scripts/build-sdl2-wasm.sh's options changed), not only on the first build.
  local args; args="$(printf '%s\n' "$@")"
  if [ ! -f "$dir/build.ninja" ] || [ "$(cat "$dir.configure.args" 2>/dev/null)" != "$args" ]; then
    "$@" -S "$LOOPLAB_ROOT" -B "$dir" -G Ninja >"$dir.configure.log" 2>&1 \
      || { cat "$dir.configure.log" >&2; die "configuring $dir failed"; }
    printf '%s\n' "$args" >"$dir.configure.args"
  fi
  # shellcheck disable=SC2086  # a space-separated target list
  cmake --build "$dir" -j "$JOBS" ${build_only:+--target $build_only}
}

build_native() {
  local only="${LOOPLAB_NATIVE_TARGETS:-}"
  log "building native (${only:-backend, core, tests}) in build/native"
  build_only="$only" configure_and_build "$LOOPLAB_BUILD/native" cmake -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DLOOPLAB_ASAN_DIR="$LOOPLAB_BUILD/asan" -DLOOPLAB_TSAN_DIR="$LOOPLAB_BUILD/tsan" \
    -DLOOPLAB_WASM_DIR="$LOOPLAB_BUILD/wasm"
}

build_asan() {
  log "building native tests under ASan+UBSan in build/asan"
  build_only="" configure_and_build "$LOOPLAB_BUILD/asan" cmake -DCMAKE_BUILD_TYPE=Debug -DLOOPLAB_SANITIZE=ON
}

build_tsan() {
  # Only the server: it is the one part with threads of its own, and one test runs it.
  log "building the backend under ThreadSanitizer in build/tsan"
  build_only="looplab-backend" configure_and_build "$LOOPLAB_BUILD/tsan" cmake -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DLOOPLAB_SANITIZE_THREADS=ON
}

build_wasm() {
  "$LOOPLAB_ROOT/scripts/fetch-sources.sh"
  local sdl; sdl="$("$LOOPLAB_ROOT/scripts/build-sdl2-wasm.sh")"
  local only="${LOOPLAB_WASM_TARGETS:-}"
  log "building WebAssembly (${only:-core, lessons, pages, tests}) in build/wasm"
  build_only="$only" configure_and_build "$LOOPLAB_BUILD/wasm" emcmake cmake -DCMAKE_BUILD_TYPE=Release \
    -DLOOPLAB_SDL2_WASM_DIR="$sdl" -DLOOPLAB_THIRD_PARTY="$LOOPLAB_THIRD_PARTY"
}

mkdir -p "$LOOPLAB_BUILD"
requested=("$@"); [ ${#requested[@]} -gt 0 ] || requested=(native wasm)
builds=()
for t in "${requested[@]}"; do
  case "$t" in
    native|asan|tsan|wasm) builds+=("$t") ;;
    serve)
      export LOOPLAB_NATIVE_TARGETS="${LOOPLAB_NATIVE_TARGETS:-$SERVE_NATIVE_TARGETS}"
      export LOOPLAB_WASM_TARGETS="${LOOPLAB_WASM_TARGETS:-$SERVE_WASM_TARGETS}"
      builds+=(wasm native) ;;
    *) die "unknown build '$t' (expected native, asan, tsan, wasm or serve)" ;;
  esac
done

others=()
want_wasm=0
for b in "${builds[@]}"; do
  case " ${others[*]} " in *" $b "*) continue ;; esac  # each build once
  if [ "$b" = wasm ]; then want_wasm=1; else others+=("$b"); fi
done

if [ "$want_wasm" = 1 ] && [ ${#others[@]} -gt 0 ] && [ "${LOOPLAB_BUILD_SERIAL:-0}" != 1 ]; then
  # The wasm build in the background (its own process group, so a failure or
  # Ctrl-C here stops all of it), its lines marked; the native builds in front.
  wasm_log="$LOOPLAB_BUILD/wasm.build.log"
  set -m
  ( set -o pipefail; build_wasm 2>&1 | sed -u 's/^/[wasm] /' | tee "$wasm_log" >&2 ) &
  wasm_pid=$!
  set +m
  trap 'kill -TERM -- "-$wasm_pid" 2>/dev/null || true' EXIT
  trap 'exit 130' INT TERM
  for b in "${others[@]}"; do "build_$b"; done
  wait "$wasm_pid" || { trap - EXIT; die "the wasm build failed (log: $wasm_log)"; }
  trap - EXIT INT TERM
else
  [ "$want_wasm" = 0 ] || build_wasm
  for b in "${others[@]}"; do "build_$b"; done
fi
