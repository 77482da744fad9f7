# Shared settings for LoopLab's scripts. Sourced, not run.
LOOPLAB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOOPLAB_BUILD="${LOOPLAB_BUILD:-$LOOPLAB_ROOT/build}"
LOOPLAB_THIRD_PARTY="$LOOPLAB_ROOT/third_party"
# Slow, version-keyed builds (SDL2 for wasm, the container base image) live outside the clone.
LOOPLAB_CACHE="${LOOPLAB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/looplab}"
# Runtime state (the PostgreSQL data folder) also lives outside the clone.
LOOPLAB_STATE="${LOOPLAB_STATE:-${XDG_STATE_HOME:-$HOME/.local/state}/looplab}"
IMGUI_VERSION=1.86
SDL2_VERSION=2.26.5
# Emscripten's JS optimizer needs Debian's node modules (acorn, ...).
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"
JOBS="${JOBS:-$(nproc)}"

log() { printf '\033[1mlooplab:\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31mlooplab: error:\033[0m %s\n' "$*" >&2; exit 1; }
