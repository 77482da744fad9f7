#!/bin/bash
# Writes the run-time part of nginx's configuration, then becomes nginx.
#   LOOPLAB_UPSTREAM   backends' service name and port (default looplab:8000)
#   LOOPLAB_MAX_DELAY  the backends' longest /delay-me in seconds (default 300):
#                      nginx waits that long plus a margin for an answer
# The DNS server comes from the container's /etc/resolv.conf: Docker's embedded
# DNS (127.0.0.11) or Podman's network DNS, whichever this engine provides.
set -euo pipefail

upstream="${LOOPLAB_UPSTREAM:-looplab:8000}"
max_delay="${LOOPLAB_MAX_DELAY:-300}"
if [[ ! "$max_delay" =~ ^[0-9]+$ ]]; then
  echo "looplab-nginx: LOOPLAB_MAX_DELAY must be a whole number of seconds, not '$max_delay'" >&2
  exit 2
fi
if [[ ! "$upstream" =~ ^[A-Za-z0-9._-]+:[0-9]+$ ]]; then
  echo "looplab-nginx: LOOPLAB_UPSTREAM must look like name:port, not '$upstream'" >&2
  exit 2
fi

# Only the first nameserver: it is the engine's, which knows the service names.
# Podman lists the host's resolver after it, and nginx, which asks its
# resolvers in turn rather than in order, would get "not found" from that one
# for every other lookup.
nameserver="$(awk '$1 == "nameserver" { print $2; exit }' /etc/resolv.conf)"
[ -n "$nameserver" ] || { echo "looplab-nginx: no nameserver in /etc/resolv.conf" >&2; exit 1; }
# nginx wants IPv6 resolver addresses in brackets.
[[ "$nameserver" == *:* ]] && nameserver="[$nameserver]"

mkdir -p /tmp/nginx
cat >/tmp/nginx/runtime.conf <<CONF
resolver $nameserver valid=5s ipv6=off;
resolver_timeout 3s;
proxy_read_timeout $((max_delay + 60))s;
proxy_send_timeout 60s;
map "" \$looplab_upstream { default "$upstream"; }
CONF

echo "looplab-nginx: proxying port 8080 to $upstream (DNS $nameserver)" >&2
exec nginx -c /etc/nginx/looplab.conf -g 'daemon off;' "$@"
