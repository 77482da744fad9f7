#!/usr/bin/env bash
# Builds SDL2 for WebAssembly once, into a cache outside the clone keyed by the
# SDL2 and Emscripten versions and the build options below (it takes minutes;
# everything else takes seconds). Prints the cache folder on stdout.
set -euo pipefail
source "$(dirname "$0")/common.sh"

# Only what the page uses: video (the WebGL2 canvas), events, timers. Every other
# subsystem would still be linked in through SDL_Init's and the video driver's tables
# (audio, joystick and its controller database, haptic, sensors, the offscreen and
# dummy video drivers, the 2D renderer...): about a third of SDL's code in the module.
# Built for size: none of SDL runs in a hot loop.
SDL2_OPTIONS=(
  -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF -DCMAKE_BUILD_TYPE=Release
  "-DCMAKE_C_FLAGS_RELEASE=-Oz -DNDEBUG" -DSDL_ASSERTIONS=disabled
  -DSDL_AUDIO=OFF -DSDL_JOYSTICK=OFF -DSDL_HAPTIC=OFF -DSDL_HIDAPI=OFF -DSDL_SENSOR=OFF
  -DSDL_POWER=OFF -DSDL_FILESYSTEM=OFF -DSDL_LOCALE=OFF -DSDL_MISC=OFF -DSDL_RENDER=OFF
  -DSDL_OFFSCREEN=OFF -DSDL_DUMMYVIDEO=OFF
)

emver="$(emcc --version 2>/dev/null | sed -n 's/.*emcc.* \([0-9][0-9.]*\).*/\1/p' | head -1)"
[ -n "$emver" ] || die "emcc not found or did not report a version"
# A change of options is a new cache entry, never a reuse of one built otherwise.
options_key="$(printf '%s\n' "${SDL2_OPTIONS[@]}" | sha1sum | cut -c1-10)"
out="$LOOPLAB_CACHE/sdl2-$SDL2_VERSION-emscripten-$emver-$options_key"
if [ -f "$out/lib/libSDL2.a" ]; then
  echo "$out"; exit 0
fi
# One build at a time per cache: a second checkout (another worktree, a test)
# asking meanwhile waits for the first and takes its result, instead of building
# the same thing again and then replacing the entry under the first one's feet
# (which made every wasm file that includes SDL2 rebuild).
mkdir -p "$LOOPLAB_CACHE"
exec 8>"$LOOPLAB_CACHE/.sdl2-build.lock"
if ! flock -n 8; then
  log "another SDL2 build for $LOOPLAB_CACHE is running; waiting for it"
  flock 8
fi
if [ -f "$out/lib/libSDL2.a" ]; then
  echo "$out"; exit 0
fi

src="$LOOPLAB_THIRD_PARTY/libsdl2-$SDL2_VERSION+dfsg"
[ -f "$src/CMakeLists.txt" ] || die "SDL2 sources missing at $src (run scripts/fetch-sources.sh)"
log "building SDL2 $SDL2_VERSION for WebAssembly (Emscripten $emver); cached in $out, a few minutes once"
work="$LOOPLAB_CACHE/.sdl2-build-$$"
rm -rf "$work"; mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
(
  cd "$work"
  emcmake cmake "$src" "${SDL2_OPTIONS[@]}" >config.log 2>&1 \
    || { tail -30 config.log >&2; exit 1; }
  emmake make -j"$JOBS" >build.log 2>&1 || { tail -30 build.log >&2; exit 1; }
)
# Assemble the cache entry next to its final place, then rename: an interrupted
# build never leaves a half-filled cache behind.
stage="$out.partial-$$"
rm -rf "$stage"; mkdir -p "$stage/lib" "$stage/include"
cp "$work/libSDL2.a" "$stage/lib/"
# The generated SDL_config.h must come first; it lives in include-config-release.
cp -r "$work/include-config-release/." "$stage/include/"
cp -rn "$work/include/." "$stage/include/"
rm -rf "$out"; mv "$stage" "$out"
echo "$out"
