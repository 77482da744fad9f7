#!/bin/bash
# The database container's entrypoint: PostgreSQL 15 with the slow-query lesson's
# cities database, built by looplab-citydb (the same builder `./looplab start` uses).
#
# Every start:
#   1. first start only: initdb on the volume (superuser postgres, no password);
#   2. who may log in is rewritten (pg_hba.conf): over the network only the
#      read-only role looplab_reader, with its password; the superuser only on the
#      container's own unix socket, so nothing on the network can reach it;
#   3. a private server on the unix socket only, so no client sees a half-built
#      database: looplab-citydb sets up looplab_reader (its password from
#      LOOPLAB_DB_READER_PASSWORD, SELECT on the lesson's tables only) and builds
#      the database at LOOPLAB_DB_COPIES (or, when a finished build of that size is
#      there, says so and does nothing), its progress in the logs;
#   4. that server stops and the real one replaces this script as PID 1,
#      listening on every address.
# Settings: LOOPLAB_DB_READER_PASSWORD (required), LOOPLAB_DB_COPIES (1400),
# PGDATA (a folder inside the volume), any extra `postgres -c` flags as arguments.
set -euo pipefail

PG_BIN=/usr/lib/postgresql/15/bin
VOLUME_DIR="$(dirname "$PGDATA")"
SOCKET_DIR=/run/postgresql
CITYDB_DATA=/usr/local/share/looplab/citydb-data
: "${LOOPLAB_DB_READER_PASSWORD:?set LOOPLAB_DB_READER_PASSWORD (the password of looplab_reader, the role the backends use)}"
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
  # A volume made by an image whose postgres user had another uid: hand it over.
  if [ -e "$PGDATA" ] && [ "$(stat -c %u "$PGDATA")" != "$(id -u postgres)" ]; then
    say "the data folder belongs to uid $(stat -c %u "$PGDATA"): giving it to postgres (uid $(id -u postgres))"
    chown -R postgres:postgres "$VOLUME_DIR"
  fi
  as_postgres=(setpriv --reuid=postgres --regid=postgres --init-groups --)
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  say "first start: creating the PostgreSQL 15 cluster in $PGDATA"
  # initdb into a sibling, renamed when complete: an interrupted initdb leaves
  # nothing that looks like a cluster.
  tmp="$PGDATA.initdb"
  rm -rf "$tmp"
  "${as_postgres[@]}" "$PG_BIN/initdb" -D "$tmp" -U postgres -E UTF8 \
    --locale=C.UTF-8 --auth-local=trust --auth-host=reject >/dev/null
  mv "$tmp" "$PGDATA"
fi

# Who may connect, rewritten on every start (so an older volume, which let everyone
# in with a password, is closed too). The first matching line wins.
cat >"$PGDATA/pg_hba.conf" <<'HBA'
# Written by the looplab-postgres entrypoint on every start; edits are lost.
# The container's own socket: the entrypoint, and `docker compose exec postgres psql`.
local  all       all             trust
# The network: only the backends' read-only role, with its password.
host   postgres  looplab_reader  all  scram-sha-256
# Everything else, the superuser included: refused.
host   all       all             all  reject
HBA
[ "$(id -u)" != 0 ] || chown postgres:postgres "$PGDATA/pg_hba.conf"

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

# The superuser needs no password: it is only reachable on the socket. (An older
# volume set one; it goes.)
echo "ALTER ROLE postgres PASSWORD NULL;" \
  | "${as_postgres[@]}" psql -X -q -v ON_ERROR_STOP=1 -h "$SOCKET_DIR" -U postgres -d postgres >/dev/null

say "cities database: $LOOPLAB_DB_COPIES copies of the city list"
# In the background so a stop signal is handled at once, not after the build.
# The reader's password reaches looplab-citydb through its environment, never argv.
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
say "ready: PostgreSQL 15 on port 5432, database postgres, network logins only as looplab_reader"
exec "${as_postgres[@]}" "$PG_BIN/postgres" -D "$PGDATA" -c listen_addresses='*' "${SERVER_FLAGS[@]}" "$@"
