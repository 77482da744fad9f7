#!/usr/bin/env bash
# Screenshots of the start page and every lesson page (before and after a run) at
# 1600x1000, 1440x900, 1280x720, 1280x800 and on a phone (390x844, DPR 3), from the built backend and site.
# LOOPLAB_SHOT_SIZES=phone-390x844,desktop-1440x900 takes only those sizes.
# LOOPLAB_SHOT_PARAMS='part=requests&n=100&clock=real' opens the lessons with those URL
# parameters (pictures named <lesson>-params-...); LOOPLAB_SHOT_RUN_TIMEOUT_S bounds a run (15).
# Usage: tests/browser/screenshots.sh [out-dir] [lesson...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${LOOPLAB_BUILD:-$root/build}"
export LOOPLAB_BACKEND="${LOOPLAB_BACKEND:-$build/native/native_backend/looplab-backend}"
export LOOPLAB_SITE="${LOOPLAB_SITE:-$build/wasm/site}"
[ -x "$LOOPLAB_BACKEND" ] || { echo "no backend at $LOOPLAB_BACKEND: ./looplab build native" >&2; exit 1; }
[ -f "$LOOPLAB_SITE/looplab.wasm" ] || { echo "no site at $LOOPLAB_SITE: ./looplab build wasm" >&2; exit 1; }
cd "$here"
exec node screenshots.mjs "$@"
