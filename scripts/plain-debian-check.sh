#!/usr/bin/env bash
# Runs the README's two commands on a plain, minimal Debian 12, the way a teacher's
# own server looks: a fresh debootstrapped bookworm container (no Node, npm,
# compilers, curl, git or Python), a fresh clone of one commit copied in, then
#   1. `./looplab start`, checked from outside: the delay API answers after the
#      delay asked for, the slow-query database answers with its row counts, and
#      Debian's Chromium opens the start page and every lesson page (they reach
#      the backend and draw); then stopped as Ctrl-C would stop it, and checked
#      that nothing of it is left running;
#   2. `./looplab test` to the end, containers test included: Podman runs nested
#      inside the (privileged) check container, with its own image store on a
#      volume, exactly as on a real machine.
# Prints the timings and CTest's summary (also in artifacts/plain-debian/<run>/).
# Takes about an hour or more on 2 cores, so it is not part of `./looplab test`.
#
# Usage: scripts/plain-debian-check.sh [--ref REF] [--keep] [--start-only|--test-only]
#   --ref REF      the commit to check (default HEAD; uncommitted changes are not
#                  in a clone, so commit first)
#   --keep         leave the container (and its volume) for a look afterwards
#   --start-only   check command 1 only
#   --test-only    run command 2 only, on a box where command 1 never ran (command 2
#                  cold; it installs and builds everything itself)
# Needs root and this machine's Podman (scripts/podman-setup.sh); run it where no
# other container run overlaps, e.g. under flock.
set -euo pipefail
source "$(dirname "$0")/common.sh"

ref=HEAD keep=0 start_only=0 test_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --ref) ref="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --start-only) start_only=1; shift ;;
    --test-only) test_only=1; shift ;;
    *) die "unknown option '$1' (see the usage at the top of $0)" ;;
  esac
done
[ "$(id -u)" = 0 ] || die "the check needs root (privileged Podman)"
commit="$(git -C "$LOOPLAB_ROOT" rev-parse --verify "$ref^{commit}")" || die "no commit '$ref'"
if [ "$ref" = HEAD ] && [ -n "$(git -C "$LOOPLAB_ROOT" status --porcelain --untracked-files=no)" ]; then
  log "NOTE: uncommitted changes in $LOOPLAB_ROOT are not checked (a clone has only $commit)"
fi

# This machine's side: Podman, the base image, and the browser check's Chromium.
"$LOOPLAB_ROOT/scripts/install-deps.sh" >&2
"$LOOPLAB_ROOT/scripts/install-node-deps.sh" >&2
CONTAINERS_CONF="$("$LOOPLAB_ROOT/scripts/podman-setup.sh")"
export CONTAINERS_CONF
"$LOOPLAB_ROOT/scripts/container-base-image.sh"
image=docker.io/library/debian:bookworm-slim

run_id="$(date -u +%Y%m%dT%H%M%SZ)-${commit:0:9}"
out="$LOOPLAB_ROOT/artifacts/plain-debian/$run_id"
mkdir -p "$out"
summary="$out/summary.txt"
note() { printf '%s\n' "$*" | tee -a "$summary"; }
fail() { note "FAIL: $*"; exit 1; }

name="looplab-plain-debian-$$"
volume="$name-storage"
network="$name-net"
work="$(mktemp -d)"
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ "$keep" = 1 ]; then
    log "--keep: container $name and volume $volume left (podman rm -f $name; podman volume rm $volume; podman network rm $network)"
  else
    podman rm -f -t 0 "$name" >/dev/null 2>&1 || true
    podman volume rm -f "$volume" >/dev/null 2>&1 || true
    podman network rm -f "$network" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
  log "results in $out"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

note "plain Debian 12 check of $commit ($(git -C "$LOOPLAB_ROOT" log -1 --format=%s "$commit"))"
note "started $(date -u '+%F %T') UTC on $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"

git clone -q "$LOOPLAB_ROOT" "$work/looplab"
git -C "$work/looplab" checkout -q --detach "$commit"

# Privileged, for the nested Podman of the containers test; its image store on a
# volume (overlay cannot sit on the container's own overlay). Open-file limits as
# this machine's own; nproc stays at the 1024 root here may set (root ignores it).
# The box reaches the package registries through this machine's network, which
# may inspect TLS with a certificate authority of its own: the box trusts what
# this machine trusts (the local CAs, which Debian's ca-certificates adds to the
# system bundle when command 1 installs it, and Node's extra-CA setting), and
# nothing else of this machine's comes in.
trust=()
[ -z "${NODE_EXTRA_CA_CERTS:-}" ] || trust+=(--env "NODE_EXTRA_CA_CERTS=$NODE_EXTRA_CA_CERTS")
podman volume create "$volume" >/dev/null
# The box gets a network of its own, off Podman's default 10.88.0.0/16: the nested
# Podman inside gives its own bridge that same default subnet, and a box sitting
# on it loses its route out, so image builds in the containers test cannot
# resolve Debian's mirror. (Compose's networks take 10.89.x, so keep clear of it.)
podman network create --subnet 10.231.0.0/24 "$network" >/dev/null
podman run -d --name "$name" --hostname plain-debian --network "$network" --privileged --shm-size 2g \
  --ulimit "nofile=$(ulimit -Sn):$(ulimit -Hn)" --ulimit nproc=1024:1024 -v "$volume:/var/lib/containers" \
  "${trust[@]}" "$image" sleep infinity >/dev/null
podman cp "$work/looplab" "$name:/root/looplab"
podman exec "$name" mkdir -p /usr/local/share/ca-certificates
for ca in /usr/local/share/ca-certificates/*.crt; do
  [ -f "$ca" ] && podman cp "$ca" "$name:/usr/local/share/ca-certificates/"
done
in_box() { podman exec "$name" "$@"; }
box_pid="$(podman inspect --format '{{.State.Pid}}' "$name")"
# Checks run from this machine inside the box's network namespace, so they reach
# its 127.0.0.1:8000 and need nothing installed in the box.
in_box_net() { nsenter --net="/proc/$box_pid/ns/net" "$@"; }
note "box: $(in_box sh -c '. /etc/os-release; echo "$PRETTY_NAME"'), $(in_box sh -c 'dpkg-query -W -f=. | wc -c') packages;" \
  "node: $(in_box sh -c 'command -v node || echo none'), npm: $(in_box sh -c 'command -v npm || echo none')," \
  "g++: $(in_box sh -c 'command -v g++ || echo none'), curl: $(in_box sh -c 'command -v curl || echo none')"

minutes() { awk -v s="$1" 'BEGIN { printf "%d min %02d s", s / 60, s % 60 }'; }

# ---------------------------------------------------------------------------
# Command 1, in its own session so that stopping it is Ctrl-C to its whole group.
base=http://127.0.0.1:8000
start_s=""
if [ "$test_only" = 0 ]; then
  log "command 1: ./looplab start (log: $out/start.log)"
  t0=$SECONDS
  podman exec "$name" setsid -w bash -c 'echo $$ >/run/looplab-start.pid; cd /root/looplab && exec ./looplab start' \
    >"$out/start.log" 2>&1 &
  start_job=$!
  until in_box_net curl -fsS -o /dev/null --max-time 5 "$base/" 2>/dev/null; do
    kill -0 "$start_job" 2>/dev/null || { tail -30 "$out/start.log"; fail "command 1 ended before serving (log: $out/start.log)"; }
    [ $((SECONDS - t0)) -lt 3600 ] || fail "command 1 did not serve $base/ within an hour"
    sleep 5
  done
  start_s=$((SECONDS - t0))
  note "command 1 served $base/ after $(minutes "$start_s") (cold: nothing installed or built before)"
  grep -E 'installing [0-9]+ Debian packages|installed them in|installed and built in' "$out/start.log" | sed 's/\x1b\[[0-9;]*m//g; s/^/  /' | tee -a "$summary" || true

  reply="$(in_box_net curl -sS --max-time 30 -w '|%{http_code}|%{time_total}' "$base/delay-me?seconds=1")"
  IFS='|' read -r body code took <<<"$reply"
  [ "$code" = 200 ] && [ "$body" = "Done, I waited for 1 secs" ] || fail "/delay-me?seconds=1 answered $code '$body'"
  awk -v t="$took" 'BEGIN { exit !(t >= 1 && t < 5) }' || fail "/delay-me?seconds=1 took $took s"
  note "  ok: /delay-me?seconds=1 answered '$body' after $took s"

  sq="$(in_box_net curl -fsS --max-time 120 "$base/slow-query?name=R2")" || fail "/slow-query?name=R2 did not answer 200"
  rows="$(/usr/bin/python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["rows"], d["copies"])' "$sq")"
  [ "$rows" = "$((411 * ${rows#* })) ${rows#* }" ] || fail "/slow-query?name=R2 gave rows/copies '$rows' (411 rows per copy expected)"
  note "  ok: /slow-query?name=R2: ${rows% *} rows at ${rows#* } copies, from the database command 1 built"

  (cd "$LOOPLAB_ROOT/tests/browser" && LOOPLAB_STACK_URL="$base/" LOOPLAB_ARTIFACTS="$out" \
    in_box_net node "$LOOPLAB_ROOT/tests/containers/lesson_page_check.mjs") >"$out/pages.log" 2>&1 \
    || { cat "$out/pages.log"; fail "the pages served by command 1 did not load in Chromium (log: $out/pages.log)"; }
  sed -n 's/^ *ok: /  ok: /p' "$out/pages.log" | tee -a "$summary"

  in_box bash -c 'kill -INT -- "-$(cat /run/looplab-start.pid)"'
  t_stop=$SECONDS
  for _ in $(seq 60); do kill -0 "$start_job" 2>/dev/null || break; sleep 1; done
  kill -0 "$start_job" 2>/dev/null && fail "command 1 was still running 60 s after Ctrl-C"
  wait "$start_job" && start_status=0 || start_status=$?
  left="$(in_box bash -c 'for p in /proc/[0-9]*; do e="$(readlink "$p/exe" 2>/dev/null)" || continue; case "$e" in *looplab-backend|*/postgres) echo "${p#/proc/} $e";; esac; done')"
  [ -z "$left" ] || fail "after Ctrl-C these still run: $left"
  in_box_net curl -s -o /dev/null --max-time 5 "$base/" && fail "$base/ still answers after Ctrl-C"
  note "  ok: Ctrl-C stopped command 1 in $((SECONDS - t_stop)) s (exit status $start_status); no backend or PostgreSQL left"

  if [ "$start_only" = 1 ]; then note "--start-only: command 2 not run"; exit 0; fi
fi

# ---------------------------------------------------------------------------
log "command 2: ./looplab test (log: $out/test.log)"
t0=$SECONDS
in_box bash -c 'cd /root/looplab && ./looplab test' >"$out/test.log" 2>&1 && test_status=0 || test_status=$?
test_s=$((SECONDS - t0))
podman cp "$name:/root/looplab/artifacts" "$out/box-artifacts" 2>/dev/null || true
if [ "$test_only" = 1 ]; then when="cold: nothing installed or built before"; else when="first run on this box, after command 1"; fi
note "command 2 ended after $(minutes "$test_s") with exit status $test_status ($when)"
sed 's/\x1b\[[0-9;]*m//g' "$out/test.log" | grep -E 'installing [0-9]+ Debian packages|installed them in|tests passed|Total Test time' \
  | sed 's/^/  /' | tee -a "$summary" || true
sed -n '/^The following tests FAILED:/,/^Errors while running CTest/p' "$out/test.log" | tee -a "$summary"
note "  slowest tests:"
sed -n 's/^ *[0-9]*\/[0-9]* Test *#[0-9]*: \([^ ]*\) .*[^0-9]\([0-9][0-9.]*\) sec$/\2 \1/p' "$out/test.log" \
  | sort -rn | head -10 | awk '{ printf "    %8.1f s  %s\n", $1, $2 }' | tee -a "$summary"
[ "$test_status" = 0 ] || fail "command 2 failed (log: $out/test.log)"
if [ -n "$start_s" ]; then
  note "PASS: both commands on plain Debian 12 (command 1 $(minutes "$start_s") to serve, command 2 $(minutes "$test_s"))"
else
  note "PASS: command 2 on plain Debian 12 ($(minutes "$test_s"), cold)"
fi
