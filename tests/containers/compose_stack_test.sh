#!/usr/bin/env bash
# The self-hosting test: builds LoopLab's images from this checkout, brings the
# whole compose.yaml stack up with podman-compose (Podman stands in for Docker
# here), and checks it the way a teacher's class would use it:
#   - /delay-me through nginx answers byte-exactly, after the delay asked for;
#   - the slow-query endpoint returns the exact row counts at 10 copies;
#   - the start page and a lesson page load in Chromium and reach the backend;
#   - the database container restarted mid-way: the backends recover by themselves;
#   - two backend replicas behind nginx both serve, and one stopping (SIGTERM,
#     promptly and cleanly) leaves the other serving;
#   - healthchecks pass, the backend runs as non-root;
#   - hardening (issue 10): read-only root file systems, capabilities dropped, no new
#     privileges, rotated logs, a process limit; no password in any image and none
#     defaulted by compose.yaml; the database's superuser refused over the network
#     while the backends' read-only role can only SELECT; no internal address in replies.
# Then it tears everything down and checks nothing of it is left, and on any
# failure the trap tears down all the same.
#
# Usage: tests/containers/compose_stack_test.sh   (as root; run by CTest, label containers)
# Settings: LOOPLAB_CONTAINER_TEST_KEEP=1 leaves the stack up for a look (no teardown).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../../scripts/common.sh"

if [ "$(id -u)" != 0 ]; then
  echo "SKIP: the container test needs root (debootstrap, rootful Podman)"; exit 77
fi
for tool in podman podman-compose curl node; do
  command -v "$tool" >/dev/null || die "$tool is missing: run scripts/install-deps.sh"
done

started_at=$SECONDS
phase_at=$SECONDS
phase() {  # prints how long the previous phase took, then names the next one
  local now=$SECONDS
  [ -z "${phase_name:-}" ] || printf '  (%s: %d s)\n' "$phase_name" $((now - phase_at))
  phase_name="$1"; phase_at=$now
  printf '\n== %s\n' "$1"
}
fail() { printf '\nFAIL: %s\n' "$*" >&2; exit 1; }
pass() { printf '  ok: %s\n' "$*"; }

export CONTAINERS_CONF="$("$LOOPLAB_ROOT/scripts/podman-setup.sh")"
# HEALTHCHECK only survives in Docker-format images (OCI has no field for it).
export BUILDAH_FORMAT=docker

project="looplab-ctest-$$"
artifacts="$LOOPLAB_ROOT/artifacts/containers"
mkdir -p "$artifacts"
compose=(podman-compose -p "$project" -f "$LOOPLAB_ROOT/compose.yaml")

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# The stack's settings: a small database, two replicas, a non-default password
# (with a quote in it, which must reach PostgreSQL intact), local-only port.
export LOOPLAB_PORT="$(free_port)"
export LOOPLAB_BIND=127.0.0.1
export LOOPLAB_DB_COPIES=10
export LOOPLAB_REPLICAS=2
export LOOPLAB_MAX_DELAY=30
export LOOPLAB_DB_PASSWORD="it's-a-test-$RANDOM"
export LOOPLAB_ALLOW_ORIGIN=http://example.org
base="http://127.0.0.1:$LOOPLAB_PORT"

# Podman here has no systemd to run health checks on a timer, and says so on
# every container start and stop; the test runs the checks itself instead.
quiet_podman() { podman "$@" 2> >(grep -v 'unable to get systemd connection' >&2); }

project_containers() { podman ps -a -q --filter "label=io.podman.compose.project=$project"; }
project_volumes() { podman volume ls -q --filter "label=io.podman.compose.project=$project"; }
project_networks() { podman network ls -q --filter "label=io.podman.compose.project=$project"; }

teardown() {
  local status=$?
  trap - EXIT INT TERM
  if [ "${LOOPLAB_CONTAINER_TEST_KEEP:-0}" = 1 ]; then
    echo "LOOPLAB_CONTAINER_TEST_KEEP=1: leaving project $project up on $base"; exit "$status"
  fi
  if [ "$status" != 0 ]; then
    echo "--- container states and last log lines (failure) ---"
    podman ps -a --filter "label=io.podman.compose.project=$project" --format '{{.Names}} {{.Status}}' || true
    local c
    for c in $(project_containers); do
      echo "--- $(podman inspect --format '{{.Name}}' "$c")"; podman logs --tail 25 "$c" 2>&1 || true
    done
  fi
  echo "== teardown"
  "${compose[@]}" down -v >"$artifacts/down.log" 2>&1 || true
  # podman-compose 1.0.3 leaves the network behind (and anything a failed
  # `up` left half made): remove whatever still carries the project's label.
  project_containers | xargs -r podman rm -f -t 2 >/dev/null 2>&1 || true
  project_volumes | xargs -r podman volume rm -f >/dev/null 2>&1 || true
  project_networks | xargs -r podman network rm -f >/dev/null 2>&1 || true
  exit "$status"
}
trap teardown EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------
phase "base image and build caches"
"$LOOPLAB_ROOT/scripts/container-base-image.sh"
# SDL2 for WebAssembly takes minutes to build. The image build keeps it in a
# cache mount (id looplab-cache), which rootful Podman 4.3 keeps in
# /var/tmp/buildah-cache/looplab-cache. When this machine already built the
# same SDL2 with the same Emscripten (the folder name says both), hand it over
# instead of building it again inside the image: same script, same compiler.
buildah_cache=/var/tmp/buildah-cache/looplab-cache
for sdl in "$LOOPLAB_CACHE"/sdl2-*-emscripten-*; do
  [ -f "$sdl/lib/libSDL2.a" ] || continue
  if [ ! -f "$buildah_cache/$(basename "$sdl")/lib/libSDL2.a" ]; then
    mkdir -p "$buildah_cache"
    cp -a "$sdl" "$buildah_cache/.seed-$$" && mv "$buildah_cache/.seed-$$" "$buildah_cache/$(basename "$sdl")"
    echo "  seeded the image build's cache with $(basename "$sdl")"
  fi
done

phase "building the images (layers cached in Podman's store)"
# With podman build itself, as compose.yaml's build sections say: podman-compose
# 1.0.3's `build` ignores a failed build and exits 0, which would leave the
# previous images in place to be tested.
: >"$artifacts/build.log"
build_image() {  # <tag> <podman build options...>
  local tag="$1"; shift
  local t0=$SECONDS
  podman build --format docker --tag "$tag" "$@" "$LOOPLAB_ROOT" >>"$artifacts/build.log" 2>&1 \
    || { tail -40 "$artifacts/build.log"; fail "building $tag failed (log: $artifacts/build.log)"; }
  printf '  built %s in %d s\n' "$tag" $((SECONDS - t0))
}
build_image looplab-postgres:latest --target postgres
build_image looplab:latest --target looplab
build_image looplab-nginx:latest --file "$LOOPLAB_ROOT/docker/nginx/Dockerfile"
for image in looplab looplab-postgres looplab-nginx; do
  size="$(podman image inspect --format '{{.Size}}' "localhost/$image:latest")"
  awk -v name="$image" -v bytes="$size" 'BEGIN { printf "  image %-17s %6.1f MB\n", name, bytes / 1e6 }'
done

phase "starting the stack (podman-compose up -d, project $project, port $LOOPLAB_PORT)"
"${compose[@]}" up -d --no-build >"$artifacts/up.log" 2>&1 || { tail -30 "$artifacts/up.log"; fail "podman-compose up failed"; }
# podman-compose 1.0.3 exits 0 even when a container failed to start: look.
expected="${project}_postgres_1 ${project}_looplab_1 ${project}_looplab_2 ${project}_web_1"
for name in $expected; do
  state="$(podman inspect --format '{{.State.Status}}' "$name" 2>/dev/null || echo missing)"
  [ "$state" = running ] || { tail -30 "$artifacts/up.log"; fail "container $name is $state, not running"; }
done
pass "4 containers running: $expected"

wait_until() {  # <seconds> <what> <command...>: polls once a second
  local limit="$1" what="$2"; shift 2
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || fail "timed out after $limit s waiting for $what"
    sleep 1
  done
}
http_ok() { curl -fsS -o /dev/null --max-time 5 "$base$1"; }

wait_until 60 "nginx and a backend to answer /healthz" http_ok /healthz
pass "/healthz answers through nginx"

# ---------------------------------------------------------------------------
phase "the delay API, byte for byte"
check_delay() {  # <seconds as sent> <lowest elapsed> <highest elapsed>
  local seconds="$1" low="$2" high="$3" out="$artifacts/delay-body"
  local meta; meta="$(curl -sS -o "$out" --max-time 60 -w '%{http_code}|%{content_type}|%{time_total}' \
    "$base/delay-me?seconds=$seconds")"
  IFS='|' read -r code ctype elapsed <<<"$meta"
  [ "$code" = 200 ] || fail "/delay-me?seconds=$seconds answered $code: $(head -c 200 "$out")"
  printf 'Done, I waited for %s secs' "$seconds" | cmp -s - "$out" \
    || fail "/delay-me?seconds=$seconds body is not byte-exact: $(od -c "$out" | head -3)"
  [ "$ctype" = "text/html; charset=utf-8" ] || fail "/delay-me content type is '$ctype'"
  awk -v e="$elapsed" -v lo="$low" -v hi="$high" 'BEGIN { exit !(e >= lo && e <= hi) }' \
    || fail "/delay-me?seconds=$seconds took $elapsed s (expected $low to $high)"
  pass "/delay-me?seconds=$seconds: 'Done, I waited for $seconds secs' ($ctype) after $elapsed s"
}
check_delay 0 0 2
check_delay 2 2 4
check_delay 0.5 0.5 2.5
code="$(curl -sS -o /dev/null -w '%{http_code}' "$base/delay-me?seconds=31")"
[ "$code" != 200 ] || fail "a delay above LOOPLAB_MAX_DELAY=30 was accepted"
pass "a delay above LOOPLAB_MAX_DELAY is refused ($code): the setting reached the backends"
origin="$(curl -sS -D - -o /dev/null -H 'Origin: http://example.org' "$base/delay-me?seconds=0" \
  | tr -d '\r' | awk -F': ' 'tolower($1) == "access-control-allow-origin" { print $2 }')"
[ "$origin" = http://example.org ] || fail "LOOPLAB_ALLOW_ORIGIN did not reach the backends (got '$origin')"
pass "CORS header from LOOPLAB_ALLOW_ORIGIN"

# ---------------------------------------------------------------------------
phase "the slow-query database (10 copies, built by the database container)"
slow_query_rows() {  # prints "<rows> <copies>" for query $1, fails unless 200
  local body; body="$(curl -fsS --max-time 60 "$base/slow-query?name=$1")" || return 1
  /usr/bin/python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["rows"], d["copies"])' "$body"
}
# The first start builds the database; the entrypoint keeps TCP closed until then.
wait_until 300 "the database to be built and reachable (R2 answering 200)" slow_query_rows R2
check_counts() {
  local name want got
  for name in R1:55640 R2:4110 R3:19500; do
    want="${name#*:}"; name="${name%%:*}"
    got="$(slow_query_rows "$name")" || fail "/slow-query?name=$name did not answer 200"
    [ "$got" = "$want 10" ] || fail "/slow-query?name=$name gave rows/copies '$got', expected '$want 10'"
    pass "/slow-query?name=$name: $want rows at 10 copies ($1)"
  done
}
check_counts "first start"
grep -q "built 10 copies" <(podman logs "${project}_postgres_1" 2>&1) \
  || fail "the database container's log does not show the build ('built 10 copies')"
pass "the database log shows the build: $(podman logs "${project}_postgres_1" 2>&1 | grep -m1 'built 10 copies')"
code="$(curl -sS -o /dev/null -w '%{http_code}' "$base/slow-query?name=DROP")"
[ "$code" = 400 ] || fail "an unknown query name answered $code, not 400"
pass "unknown query name: 400"

# ---------------------------------------------------------------------------
phase "healthchecks, user, and how the images were made"
for name in $expected; do
  podman healthcheck run "$name" >/dev/null 2>&1 || fail "the healthcheck of $name failed"
done
pass "the healthcheck of every container passes (run by hand: no systemd timers here)"
for image in looplab looplab-postgres looplab-nginx; do
  podman image inspect --format '{{.Config.Healthcheck.Test}}' "localhost/$image:latest" 2>/dev/null | grep -q CMD \
    || fail "the image $image lost its HEALTHCHECK"
done
pass "the three images carry their HEALTHCHECK"
user="$(podman exec "${project}_looplab_1" id -u)"
[ "$user" != 0 ] || fail "the backend runs as root"
pass "the backend runs as uid $user"
podman exec "${project}_looplab_1" sh -c 'command -v curl' >/dev/null 2>&1 \
  && fail "the runtime image carries curl (the healthcheck should need none)"
pass "no curl in the runtime image"

# ---------------------------------------------------------------------------
phase "hardening: file systems, privileges, logs, passwords, database roles"
for name in $expected; do
  facts="$(podman inspect --format '{{.HostConfig.ReadonlyRootfs}} {{.HostConfig.CapDrop}} {{.HostConfig.SecurityOpt}} {{.HostConfig.LogConfig.Type}} {{.HostConfig.LogConfig.Size}} {{.HostConfig.PidsLimit}}' "$name")"
  read -r readonly _ <<<"$facts"
  [ "$readonly" = true ] || fail "$name has a writable root file system ($facts)"
  grep -q 'no-new-privileges' <<<"$facts" || fail "$name may gain privileges ($facts)"
  grep -qiE 'CAP_(NET_RAW|MKNOD|SYS_CHROOT|AUDIT_WRITE)' <<<"$(podman inspect --format '{{.EffectiveCaps}}' "$name")" \
    && fail "$name keeps capabilities it does not need: $(podman inspect --format '{{.EffectiveCaps}}' "$name")"
  grep -qE 'k8s-file|json-file' <<<"$facts" && grep -qE ' 10(MB|m|485760)' <<<"$facts" \
    || fail "$name's log is not rotated at 10 MB ($facts)"
  pass "$name: read-only root, no new privileges, capabilities dropped, log rotated ($facts)"
done
# podman-compose 1.0.3 passes no pids_limit to Podman (Docker Compose does), so the
# running containers only show Podman's own default: check what compose.yaml asks for,
# service by service, with its anchors resolved as Compose resolves them.
limits="$(/usr/bin/python3 -c '
import sys, yaml
services = yaml.safe_load(open(sys.argv[1]))["services"]
print(" ".join(name + "=" + str(spec.get(sys.argv[2])) for name, spec in sorted(services.items())))
' "$LOOPLAB_ROOT/compose.yaml" pids_limit)"
[ "$limits" = "looplab=128 postgres=128 web=128" ] || fail "compose.yaml does not limit every service to 128 processes ($limits)"
pass "compose.yaml limits every service's processes ($limits; podman-compose 1.0.3 drops pids_limit, so Podman applies its default of $(podman inspect --format '{{.HostConfig.PidsLimit}}' "${project}_looplab_1") here)"
for image in looplab looplab-postgres looplab-nginx; do
  ! podman image inspect --format '{{.Config.Env}}' "localhost/$image:latest" | grep -qi 'password' \
    || fail "the image $image carries a password in its environment"
done
pass "no image carries a password"
if env -u LOOPLAB_DB_PASSWORD "${compose[@]}" ps >"$artifacts/config-nopassword.log" 2>&1; then
  fail "compose.yaml starts without LOOPLAB_DB_PASSWORD (it must have no default)"
fi
grep -q 'LOOPLAB_DB_PASSWORD' "$artifacts/config-nopassword.log" || fail "without LOOPLAB_DB_PASSWORD compose says nothing useful"
pass "without LOOPLAB_DB_PASSWORD compose refuses, naming it"
network="$(podman inspect --format '{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}' "${project}_looplab_1")"
psql_from_network() {  # <user> <password> <sql>: psql run from a container on the backends' network
  podman run --rm --no-healthcheck --network "$network" -e PGPASSWORD="$2" --entrypoint psql localhost/looplab-postgres:latest \
    -h postgres -U "$1" -d postgres -XAtc "$3" 2>&1
}
out="$(psql_from_network postgres pythonasync 'SELECT 1' || true)"
grep -q 'rejects connection' <<<"$out" || fail "the superuser could log in from the network: $out"
pass "the superuser is refused from the network: $(head -1 <<<"$out")"
out="$(psql_from_network looplab_reader "$LOOPLAB_DB_PASSWORD" 'SELECT count(*) FROM cities' || true)"
[ "$out" = 55640 ] || fail "the backends' role could not read the cities: $out"
out="$(psql_from_network looplab_reader "$LOOPLAB_DB_PASSWORD" "COPY (SELECT 1) TO PROGRAM 'id'" || true)"
grep -qi 'permission denied\|must be superuser\|read-only' <<<"$out" || fail "looplab_reader ran COPY TO PROGRAM: $out"
pass "looplab_reader reads the cities (55640 rows) and cannot run programs: $(head -1 <<<"$out")"

# ---------------------------------------------------------------------------
phase "the lesson pages in Chromium (through nginx)"
LOOPLAB_STACK_URL="$base/" node "$here/lesson_page_check.mjs" || fail "the browser check failed"

# ---------------------------------------------------------------------------
phase "the database restarts mid-way"
backend_starts_before="$(podman inspect --format '{{.State.StartedAt}}' "${project}_looplab_1" "${project}_looplab_2")"
quiet_podman stop -t 20 "${project}_postgres_1" >/dev/null
code="$(curl -sS -o /dev/null --max-time 30 -w '%{http_code}' "$base/slow-query?name=R2")"
[ "$code" = 503 ] || fail "with the database stopped, /slow-query answered $code, not 503"
pass "database stopped: /slow-query answers 503"
check_delay 0 0 2
quiet_podman start "${project}_postgres_1" >/dev/null
wait_until 120 "the backends to reach the restarted database" slow_query_rows R2
check_counts "after the database restarted"
backend_starts_after="$(podman inspect --format '{{.State.StartedAt}}' "${project}_looplab_1" "${project}_looplab_2")"
[ "$backend_starts_before" = "$backend_starts_after" ] || fail "the backends were restarted; they should recover by themselves"
pass "the backends recovered without being restarted"
# Each backend reports the database as it last found it, and nginx spreads requests over
# both: one that has not queried since the restart still says unreachable. So ask each in
# turn to query, then read /healthz, until it says reachable (bounded).
health_reachable() {
  curl -fsS -o /dev/null --max-time 10 "$base/slow-query?name=R2" || return 1
  health="$(curl -fsS --max-time 5 "$base/healthz")" || return 1
  /usr/bin/python3 -c 'import json,sys; d=json.loads(sys.argv[1]); db=d["components"]["database"]; assert db["reachable"] is True, db' "$health"
}
wait_until 30 "/healthz to report the database reachable" health_reachable
pass "/healthz reports the database reachable again"

# ---------------------------------------------------------------------------
phase "two replicas behind nginx"
# Which replica served is in each backend's own access log (replies never name it).
for i in $(seq 1 40); do
  headers="$(curl -fsS -D - -o /dev/null "$base/healthz?spread=$i" | tr -d '\r')"
  ! grep -qi '^x-looplab-upstream' <<<"$headers" || fail "a reply names the internal upstream: $headers"
done
sleep 0.5  # access-log lines are written in batches
# Whole logs first: grep -m1 at the end of a pipe would stop podman with SIGPIPE,
# which pipefail turns into a silent exit.
log_1="$(podman logs "${project}_looplab_1" 2>/dev/null)"
log_2="$(podman logs "${project}_looplab_2" 2>/dev/null)"
served_1="$(grep -c '"GET /healthz?spread=' <<<"$log_1" || true)"
served_2="$(grep -c '"GET /healthz?spread=' <<<"$log_2" || true)"
[ "$served_1" -gt 0 ] && [ "$served_2" -gt 0 ] || fail "40 requests did not reach both backends ($served_1 and $served_2)"
[ $((served_1 + served_2)) -eq 40 ] || fail "the backends logged $((served_1 + served_2)) of 40 requests"
pass "backend 1 served $served_1 and backend 2 served $served_2 of 40 requests; no reply names an upstream"
# nginx's X-Forwarded-For names the peer it saw (the address curl came from, without a
# port); without --trusted-proxy the log would show nginx's own address and port.
client="$(awk '/"GET \/healthz\?spread=/ { print $2; exit }' <<<"$log_1")"
nginx_ip="$(podman inspect --format '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "${project}_web_1")"
[ -n "$client" ] && [ "$client" != "$nginx_ip" ] && [[ "$client" != *:* ]] \
  || fail "the access log names '$client' for a request through nginx ($nginx_ip), not the client it forwarded for"
pass "the access log names the client nginx forwarded for ($client), not nginx ($nginx_ip)"

# SIGTERM: the backend stops promptly and cleanly; nginx keeps serving from the other.
stop_started=$SECONDS
quiet_podman stop -t 20 "${project}_looplab_2" >/dev/null
stop_took=$((SECONDS - stop_started))
exit_code="$(podman inspect --format '{{.State.ExitCode}}' "${project}_looplab_2")"
[ "$stop_took" -le 8 ] || fail "the backend took $stop_took s to stop on SIGTERM"
[ "$exit_code" = 0 ] || fail "the backend exited with $exit_code on SIGTERM, not 0"
pass "a backend stops on SIGTERM in $stop_took s with exit code 0"
# Until DNS forgets the stopped one, nginx may first try it and move on after
# its 2 s connect timeout.
for _ in $(seq 1 10); do check_delay 0 0 5 >/dev/null; done
pass "with one replica stopped, 10 requests in a row still succeed"

# ---------------------------------------------------------------------------
phase "tearing down"
trap - EXIT
"${compose[@]}" down -v >"$artifacts/down.log" 2>&1 || true
project_networks | xargs -r podman network rm -f >/dev/null 2>&1 || true
left="$(project_containers; project_volumes; project_networks)"
[ -z "$left" ] || { trap teardown EXIT; fail "left behind after teardown: $left"; }
pass "no container, volume or network of $project is left"
phase "done"
printf 'PASS compose stack (%d s in all)\n' $((SECONDS - started_at))
