#!/usr/bin/env bash
# Command 1: installs what serving needs and is missing, builds only what it
# serves (the backend, the database builder, the site: `./looplab test` builds
# the tests), starts LoopLab in the foreground on http://127.0.0.1:8000
# (backend, its PostgreSQL, the pages). Ctrl-C stops all of it; nothing is left running.
set -euo pipefail
source "$(dirname "$0")/common.sh"

"$LOOPLAB_ROOT/scripts/install-deps.sh" start
"$LOOPLAB_ROOT/scripts/build.sh" serve

backend="$LOOPLAB_BUILD/native/native_backend/looplab-backend"
site="$LOOPLAB_BUILD/wasm/site"
[ -x "$backend" ] || die "backend binary missing at $backend"
[ -d "$site" ] || die "built pages missing at $site"

backend_pid=""
stop_all() {
  trap - INT TERM EXIT
  if [ -n "$backend_pid" ] && kill -0 "$backend_pid" 2>/dev/null; then
    kill -TERM "$backend_pid" 2>/dev/null || true
    wait "$backend_pid" 2>/dev/null || true
  fi
  if [ -x "$LOOPLAB_ROOT/scripts/postgres.sh" ]; then
    "$LOOPLAB_ROOT/scripts/postgres.sh" stop || true
  fi
  log "stopped"
}
trap stop_all INT TERM EXIT

db_args=()
if [ -x "$LOOPLAB_ROOT/scripts/postgres.sh" ]; then
  # Prints the backend's database settings (e.g. --db-port=5432) on stdout.
  mapfile -t db_args < <("$LOOPLAB_ROOT/scripts/postgres.sh" start)
fi

log "installed and built in $SECONDS s; starting the backend on http://127.0.0.1:${LOOPLAB_PORT:-8000}/ (Ctrl-C stops LoopLab)"
# In its own process group, so Ctrl-C reaches the backend once, from stop_all:
# the terminal's SIGINT and then stop_all's SIGTERM would be two signals, and a
# second signal means "stop now, without the grace period for open requests".
set -m
"$backend" --site "$site" --port "${LOOPLAB_PORT:-8000}" "${db_args[@]}" &
backend_pid=$!
set +m
wait "$backend_pid"
