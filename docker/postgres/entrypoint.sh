#!/bin/bash
# The database container's entrypoint: PostgreSQL 15 with the slow-query lesson's
# cities database, built by looplab-citydb (the same builder `./looplab start` uses).
#
# Every start:
#   1. first start only: initdb on the volume (user postgres, password from
#      POSTGRES_PASSWORD, SCRAM over TCP, trust on the container's own socket);
#   2. a private server on the unix socket only, so no client sees a half-built
#      database: the password is set from POSTGRES_PASSWORD and looplab-citydb
#      builds the database at LOOPLAB_DB_COPIES (or, when a finished build of that
#      size is there, says so and does nothing), its progress in the logs;
#   3. that server stops and the real one replaces this script as PID 1,
#      listening on every address.
# Settings: POSTGRES_PASSWORD (default pythonasync), LOOPLAB_DB_COPIES (1400),
# PGDATA (a folder inside the volume), any extra `postgres -c` flags as arguments.
set -euo pipefail

PG_BIN=/usr/lib/postgresql/15/bin
VOLUME_DIR="$(dirname "$PGDATA")"
SOCKET_DIR=/run/postgresql
CITYDB_DATA=/usr/local/share/looplab/citydb-data
: "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD (the password of the postgres user)}"
: "${LOOPLAB_DB_COPIES:=1400}"
# wal_level=minimal lets the build skip WAL for the tables it creates (as
# scripts/postgres.sh does); this database is rebuilt, never replicated.
SERVER_FLAGS=(-c wal_level=minimal -c max_wal_senders=0 -c max_wal_size=4GB
  -c "unix_socket_directories=$SOCKET_DIR")

say() { printf 'looplab-postgres: %s\n' "$*" >&2; }

if [[ ! "$LOOPLAB_DB_COPIES" =~ ^[0-9]+$ ]] || [ "$LOOPLAB_DB_COPIES" -lt 1 ]; then
  say "LOOPLAB_DB_COPIES must be a positive whole number, not '$LOOPLAB_DB_COPIES'"
  exit 2
fi

# Started as root: fix ownership of the volume and the socket folder, then run
# everything else as postgres (the server refuses root).
as_postgres=()
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$VOLUME_DIR" "$SOCKET_DIR"
  chown postgres:postgres "$VOLUME_DIR" "$SOCKET_DIR"
  chmod 700 "$VOLUME_DIR"
  as_postgres=(setpriv --reuid=postgres --regid=postgres --init-groups --)
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  say "first start: creating the PostgreSQL 15 cluster in $PGDATA"
  # initdb into a sibling, renamed when complete: an interrupted initdb leaves
  # nothing that looks like a cluster.
  tmp="$PGDATA.initdb"
  rm -rf "$tmp"
  pwfile="$(mktemp)"
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  [ "$(id -u)" != 0 ] || chown postgres "$pwfile"
  "${as_postgres[@]}" "$PG_BIN/initdb" -D "$tmp" -U postgres --pwfile="$pwfile" -E UTF8 \
    --locale=C.UTF-8 --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f "$pwfile"
  # Other containers (the backends) connect over the network, with the password.
  printf '%s\n' "host all all all scram-sha-256" >>"$tmp/pg_hba.conf"
  mv "$tmp" "$PGDATA"
fi

# A server killed without shutdown (the container was) leaves its pid file; no
# server of ours can run now, so it goes.
rm -f "$PGDATA/postmaster.pid"

say "starting a private server (unix socket only) to check the cities database"
"${as_postgres[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA" -w -t 120 -l "$VOLUME_DIR/setup.log" \
  -o "-c listen_addresses='' ${SERVER_FLAGS[*]}" start >/dev/null \
  || { cat "$VOLUME_DIR/setup.log" >&2; exit 1; }

setup_child=""
stop_private_server() {
  [ -z "$setup_child" ] || kill -TERM "$setup_child" 2>/dev/null || true
  "${as_postgres[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w -t 60 stop >/dev/null 2>&1 || true
}
# PID 1 gets no default signal handling: stop cleanly when asked to during the build.
trap 'say "stopping during set-up"; stop_private_server; exit 143' TERM INT

# The password follows POSTGRES_PASSWORD on every start, not only the first.
# (A psql variable keeps any character in it from being read as SQL.)
printf '%s\n' "ALTER ROLE postgres PASSWORD :'password';" \
  | "${as_postgres[@]}" psql -X -q -v ON_ERROR_STOP=1 -v "password=$POSTGRES_PASSWORD" \
      -h "$SOCKET_DIR" -U postgres -d postgres >/dev/null

say "cities database: $LOOPLAB_DB_COPIES copies of the city list"
# In the background so a stop signal is handled at once, not after the build.
env -u LOOPLAB_DB_HOST -u LOOPLAB_DB_PORT -u LOOPLAB_DB_PASSWORD \
  "${as_postgres[@]}" looplab-citydb --copies "$LOOPLAB_DB_COPIES" --data "$CITYDB_DATA" \
  --db-host "$SOCKET_DIR" --db-port 5432 --db-user postgres --db-name postgres &
setup_child=$!
if ! wait "$setup_child"; then
  setup_child=""
  stop_private_server
  say "building the cities database failed (see above)"
  exit 1
fi
setup_child=""

"${as_postgres[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w -t 60 stop >/dev/null
trap - TERM INT
say "ready: PostgreSQL 15 on port 5432, database postgres, user postgres"
exec "${as_postgres[@]}" "$PG_BIN/postgres" -D "$PGDATA" -c listen_addresses='*' "${SERVER_FLAGS[@]}" "$@"
