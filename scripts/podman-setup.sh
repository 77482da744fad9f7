#!/usr/bin/env bash
# Makes Podman usable on this machine kind, where it stands in for Docker when
# testing the self-hosting files. Idempotent; prints the containers.conf path on
# stdout so callers can `export CONTAINERS_CONF="$(scripts/podman-setup.sh)"`.
#
# Two settings are needed, and both go in a containers.conf of our own (named by
# CONTAINERS_CONF) rather than in /etc, so the machine's Podman stays untouched:
#   - root here lacks CAP_SYS_RESOURCE, so Podman's default of raising nofile and
#     nproc for every container fails; pin them to a limit root may set.
#   - crun fails on this kernel's cgroups; runc works.
set -euo pipefail
source "$(dirname "$0")/common.sh"

for tool in podman runc podman-compose debootstrap; do
  command -v "$tool" >/dev/null || PATH="$PATH:/usr/sbin:/sbin" command -v "$tool" >/dev/null \
    || die "$tool is missing: run scripts/install-deps.sh first"
done

conf_dir="$LOOPLAB_STATE/podman"
conf="$conf_dir/containers.conf"
wanted="$(cat <<CONF
# Written by LoopLab's scripts/podman-setup.sh; used through CONTAINERS_CONF.
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
# Podman's packaged defaults (replaced as a whole when CONTAINERS_CONF is set).
default_sysctls = ["net.ipv4.ping_group_range=0 0"]

[engine]
runtime = "runc"
# Where runc lives on Debian (/usr/sbin is not on every PATH).
[engine.runtimes]
runc = ["/usr/bin/runc", "/usr/sbin/runc"]
CONF
)"
mkdir -p "$conf_dir"
if [ ! -f "$conf" ] || [ "$(cat "$conf")" != "$wanted" ]; then
  log "writing $conf (ulimits 1024, runtime runc)"
  printf '%s\n' "$wanted" >"$conf.tmp"
  mv "$conf.tmp" "$conf"
fi

# Check it took: Podman must parse the file and pick runc.
runtime="$(CONTAINERS_CONF="$conf" podman info --format '{{.Host.OCIRuntime.Name}}' 2>&1)" \
  || die "podman info failed with $conf: $runtime"
[ "$runtime" = "runc" ] || die "podman picked runtime '$runtime' instead of runc with $conf"
echo "$conf"
