#!/bin/bash
# The images' HEALTHCHECK: asks the backend's liveness probe /livez over bash's
# /dev/tcp, so the runtime image needs no curl. Healthy means the backend answers
# 200, which it does whenever it can answer at all: at its connection cap too
# (probes have slots of their own), and with the database away (/healthz says so).
# LOOPLAB_HEALTH_PORT and LOOPLAB_HEALTH_PATH point it elsewhere (the nginx image).
set -u
port="${LOOPLAB_HEALTH_PORT:-${LOOPLAB_PORT:-8000}}"
path="${LOOPLAB_HEALTH_PATH:-/livez}"
exec 3<>"/dev/tcp/127.0.0.1/$port" || { echo "nothing listens on port $port"; exit 1; }
printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
IFS= read -r -t 4 status_line <&3 || { echo "no answer from $path"; exit 1; }
status_line="${status_line%$'\r'}"
case "$status_line" in
  "HTTP/1."?" 200 "*)
    # The body's last line: show it in `docker inspect`'s health log.
    timeout 2 tail -n 1 <&3 2>/dev/null | head -c 400
    exit 0 ;;
  *)
    echo "$path answered: $status_line"
    exit 1 ;;
esac
