#!/usr/bin/env bash
# Fetches the Dear ImGui and SDL2 sources from Debian's source packages into
# third_party/ (ignored). Debian's -dev packages are native-only, so the wasm
# build compiles these sources itself.
set -euo pipefail
source "$(dirname "$0")/common.sh"

imgui_dir="$LOOPLAB_THIRD_PARTY/imgui-$IMGUI_VERSION+ds"
sdl_dir="$LOOPLAB_THIRD_PARTY/libsdl2-$SDL2_VERSION+dfsg"
if [ -f "$imgui_dir/imgui.cpp" ] && [ -f "$sdl_dir/CMakeLists.txt" ]; then
  exit 0
fi

src_list=/etc/apt/sources.list.d/looplab-deb-src.sources
if [ ! -f "$src_list" ]; then
  log "adding a deb-src entry so apt can fetch source packages"
  sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > "$src_list"
  apt-get update -qq
fi

mkdir -p "$LOOPLAB_THIRD_PARTY"
cd "$LOOPLAB_THIRD_PARTY"
if [ ! -f "$imgui_dir/imgui.cpp" ]; then
  log "fetching Dear ImGui $IMGUI_VERSION sources"
  apt-get source -qq "imgui=$IMGUI_VERSION+ds-1" >/dev/null 2>&1 || apt-get source -qq imgui >/dev/null
fi
if [ ! -f "$sdl_dir/CMakeLists.txt" ]; then
  log "fetching SDL2 $SDL2_VERSION sources"
  apt-get source -qq libsdl2 >/dev/null
fi
[ -f "$imgui_dir/imgui.cpp" ] || die "Dear ImGui $IMGUI_VERSION sources not found in $LOOPLAB_THIRD_PARTY after apt-get source"
[ -f "$sdl_dir/CMakeLists.txt" ] || die "SDL2 $SDL2_VERSION sources not found in $LOOPLAB_THIRD_PARTY after apt-get source"
# Keep only the unpacked trees.
rm -f ./*.dsc ./*.tar.* 2>/dev/null || true
