#!/usr/bin/env bash
# LoopLab's own PostgreSQL 15 for the slow-query lesson.
#   scripts/postgres.sh start    start (initialising on first use) and build the cities
#                                database; prints the backend's --db-* flags on stdout,
#                                one per line, and everything else on stderr
#   scripts/postgres.sh stop     stop it (fast shutdown)
#   scripts/postgres.sh status   say whether it runs, where, and what it holds
# Settings (environment):
#   LOOPLAB_DB_COPIES  copies of the city list (default 1400 = 7,789,600 rows, the seed's
#                      scale); a different count rebuilds the database on the next start
#   LOOPLAB_DB_PORT    port to listen on; without it 5432, or the first free port above
#                      5432 when something else holds 5432
#   LOOPLAB_DB_DIR     data folder (default $LOOPLAB_STATE/pg15)
# Same database and credentials as the seed's scenario, so its Python clients run
# unchanged: database postgres, user postgres, password pythonasync, on 127.0.0.1 only.
# The backend logs in as looplab_reader instead, a role that can only SELECT the
# lesson's tables (looplab-citydb sets it up). Password (SCRAM) over TCP; the unix
# socket, inside the data folder, trusts local users.
set -euo pipefail
source "$(dirname "$0")/common.sh"

PG_BIN=/usr/lib/postgresql/15/bin
DB_PASSWORD=pythonasync
DB_READER=looplab_reader
# The backend's default for --db-password: the same published password as the seed's,
# on a server that listens on 127.0.0.1 only. compose.yaml and Kubernetes set their own.
DB_READER_PASSWORD=pythonasync
COPIES="${LOOPLAB_DB_COPIES:-1400}"
CITYDB="${LOOPLAB_CITYDB:-$LOOPLAB_BUILD/native/native_backend/citydb/looplab-citydb}"

# PostgreSQL refuses to run as root: as root everything server-side runs as `postgres`.
as_server_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The data folder must be reachable by the server's user. Root's home usually is not
# (mode 700), so there the state moves to postgres's own home, and the log says so.
data_dir() {
  if [ -n "${LOOPLAB_DB_DIR:-}" ]; then echo "$LOOPLAB_DB_DIR"; return; fi
  local wanted="$LOOPLAB_STATE/pg15"
  if [ "$(id -u)" = 0 ]; then
    local probe="$LOOPLAB_STATE"
    while [ ! -e "$probe" ]; do probe="$(dirname "$probe")"; done
    if ! runuser -u postgres -- test -x "$probe"; then
      echo "the postgres user cannot enter $probe, so the data folder is /var/lib/postgresql/looplab/pg15 (set LOOPLAB_DB_DIR to choose)" >"$DATA_NOTE_FILE"
      echo "/var/lib/postgresql/looplab/pg15"
      return
    fi
  fi
  echo "$wanted"
}

DATA_NOTE_FILE="$(mktemp)"
DATA="$(data_dir)"
DATA_NOTE="$(cat "$DATA_NOTE_FILE")"; rm -f "$DATA_NOTE_FILE"
SERVER_LOG="$DATA/looplab-server.log"

server_pid() {  # prints the postmaster's pid when one really runs on $DATA
  [ -f "$DATA/postmaster.pid" ] || return 1
  local pid; pid="$(head -n1 "$DATA/postmaster.pid" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  # A pid file left by a killed server can name a pid now used by something else.
  [ "$(readlink "/proc/$pid/exe" 2>/dev/null || true)" = "$PG_BIN/postgres" ] || return 1
  echo "$pid"
}

server_port() {  # line 4 of postmaster.pid is the port the running server listens on
  sed -n 4p "$DATA/postmaster.pid"
}

port_in_use() {
  ss -Hltn "( sport = :$1 )" 2>/dev/null | grep -q .
}

choose_port() {
  if [ -n "${LOOPLAB_DB_PORT:-}" ]; then
    port_in_use "$LOOPLAB_DB_PORT" && die "LOOPLAB_DB_PORT=$LOOPLAB_DB_PORT is already in use by another program"
    echo "$LOOPLAB_DB_PORT"; return
  fi
  local port=5432
  while port_in_use "$port"; do
    port=$((port + 1))
    [ "$port" -lt 5532 ] || die "no free port between 5432 and 5531; set LOOPLAB_DB_PORT"
  done
  echo "$port"
}

initialise() {
  log "initialising PostgreSQL 15 in $DATA (first start)"
  local parent; parent="$(dirname "$DATA")"
  mkdir -p "$parent"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$parent"; fi
  # initdb into a fresh sibling, renamed when complete: an interrupted initdb leaves
  # nothing that looks like a cluster.
  local tmp="$DATA.initdb.$$"
  rm -rf "$tmp"
  local pwfile; pwfile="$(mktemp)"
  printf '%s\n' "$DB_PASSWORD" >"$pwfile"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$pwfile"; fi
  if ! as_server_user "$PG_BIN/initdb" -D "$tmp" -U postgres --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >"$parent/initdb.log" 2>&1; then
    rm -f "$pwfile"; cat "$parent/initdb.log" >&2; rm -rf "$tmp"
    die "initdb failed (log above)"
  fi
  rm -f "$pwfile"
  mv "$tmp" "$DATA"
}

start_server() {
  local port="$1"
  # A server killed without shutdown leaves postmaster.pid behind; server_pid already
  # decided no server owns it, so it goes.
  # Same for the unix socket's lock file, which lives in the data folder too.
  local stale
  for stale in "$DATA/postmaster.pid" "$DATA"/.s.PGSQL.*.lock; do
    if [ -f "$stale" ]; then
      log "removing $(basename "$stale") left by a server that no longer runs"
      rm -f "$stale"
    fi
  done
  # wal_level=minimal lets the database build skip WAL for tables it creates;
  # every other setting is PostgreSQL's default, as in the seed's container.
  local opts="-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='$DATA'"
  opts+=" -c wal_level=minimal -c max_wal_senders=0 -c max_wal_size=4GB"
  if ! as_server_user "$PG_BIN/pg_ctl" -D "$DATA" -o "$opts" -l "$SERVER_LOG" -w -t 60 start >/dev/null; then
    tail -n 20 "$SERVER_LOG" >&2 || true
    die "PostgreSQL did not start (log: $SERVER_LOG)"
  fi
}

build_database() {
  local port="$1"
  if [ ! -x "$CITYDB" ]; then
    die "the database builder is missing at $CITYDB (run ./looplab build native)"
  fi
  # The unix socket: the fastest way to stream 7.8 M rows in.
  # The reader's password goes through the environment, not the process list.
  LOOPLAB_DB_READER_PASSWORD="$DB_READER_PASSWORD" \
    "$CITYDB" --copies "$COPIES" --db-host "$DATA" --db-port "$port" --reader-user "$DB_READER" >&2 \
    || die "building the cities database failed (see above); the lesson's queries will answer 503"
}

cmd_start() {
  [[ "$COPIES" =~ ^[0-9]+$ ]] && [ "$COPIES" -ge 1 ] || die "LOOPLAB_DB_COPIES must be a positive whole number, not '$COPIES'"
  if [ -n "$DATA_NOTE" ]; then log "$DATA_NOTE"; fi
  [ -f "$DATA/PG_VERSION" ] || initialise
  local port
  if server_pid >/dev/null; then
    port="$(server_port)"
    log "PostgreSQL already runs on 127.0.0.1:$port (data: $DATA); reusing it"
  else
    port="$(choose_port)"
    if [ "$port" != 5432 ] && [ -z "${LOOPLAB_DB_PORT:-}" ]; then
      log "NOTE: port 5432 is taken by another program: LoopLab's PostgreSQL listens on 127.0.0.1:$port instead (set LOOPLAB_DB_PORT to choose)"
    fi
    start_server "$port"
    log "PostgreSQL 15 listens on 127.0.0.1:$port (database postgres, user postgres, password $DB_PASSWORD; data: $DATA)"
    log "the backend logs in as $DB_READER, which can only read the lesson's tables"
  fi
  build_database "$port"
  printf '%s\n' "--db-host=127.0.0.1" "--db-port=$port" "--db-name=postgres" "--db-user=$DB_READER" \
    "--db-password=$DB_READER_PASSWORD"
}

cmd_stop() {
  if server_pid >/dev/null; then
    as_server_user "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null
    log "PostgreSQL stopped"
  else
    log "PostgreSQL is not running"
  fi
}

cmd_status() {
  if server_pid >/dev/null; then
    local port; port="$(server_port)"
    echo "running on 127.0.0.1:$port (pid $(server_pid), data: $DATA)"
    if [ -x "$CITYDB" ]; then
      "$CITYDB" --check --copies "$COPIES" --db-host "$DATA" --db-port "$port" || true
    fi
  elif [ -f "$DATA/PG_VERSION" ]; then
    echo "stopped (data: $DATA)"; return 3
  else
    echo "not initialised (data would go to $DATA)"; return 3
  fi
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: scripts/postgres.sh start|stop|status" >&2; exit 2 ;;
esac
