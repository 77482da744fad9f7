#!/usr/bin/env bash
# Provides docker.io/library/debian:bookworm-slim in the local Podman store.
#
# No registry is reachable from these machines, so the one base image every
# LoopLab Dockerfile starts from is made here: debootstrap's minimal Debian 12,
# from the same mirror apt already uses, with the sources list and dpkg/apt
# settings of Debian's official slim image. A machine with Docker Hub access
# never needs this script.
#
# Skips everything when the image exists. Otherwise imports a tarball kept in
# the cache, keyed by suite and the mirror's Release date, so a fresh Podman
# store (or a CI run on the same machine) re-imports in seconds instead of
# bootstrapping again (about half a minute).
#
# Usage: scripts/container-base-image.sh [--force]   (needs root, like debootstrap)
set -euo pipefail
source "$(dirname "$0")/common.sh"

image=docker.io/library/debian:bookworm-slim
suite=bookworm
force=0
[ "${1:-}" = "--force" ] && force=1

[ -n "${CONTAINERS_CONF:-}" ] || export CONTAINERS_CONF="$("$LOOPLAB_ROOT/scripts/podman-setup.sh")"
if [ "$force" = 0 ] && podman image exists "$image"; then
  exit 0
fi

cache="$LOOPLAB_CACHE/base-image"
mkdir -p "$cache"
# One bootstrap at a time (a developer and a test may ask together).
exec 9>"$cache/.lock"
flock 9
if [ "$force" = 0 ] && podman image exists "$image"; then
  exit 0
fi

sources=/etc/apt/sources.list.d/debian.sources
[ -f "$sources" ] || die "$sources not found: cannot tell which Debian mirror apt uses"
# The first URIs line is the main archive (the later ones are debian-security).
mirror="$(sed -n 's/^URIs:[[:space:]]*//p' "$sources" | head -1 | awk '{print $1}')"
[ -n "$mirror" ] || die "no URIs: line in $sources"

# The mirror's Release date names the tarball: a moved mirror gives a new one,
# an unchanged mirror reuses the old one. Offline, the newest tarball serves.
release_date="$(curl -fsS --max-time 20 -r 0-2047 "$mirror/dists/$suite/Release" 2>/dev/null \
  | sed -n 's/^Date:[[:space:]]*//p' | head -1 || true)"
tarball=""
if [ -n "$release_date" ]; then
  stamp="$(date -u -d "$release_date" +%Y%m%dT%H%M%SZ)"
  tarball="$cache/debian-$suite-minbase-$stamp.tar"
elif [ "$force" = 0 ]; then
  tarball="$(ls -1t "$cache"/debian-"$suite"-minbase-*.tar 2>/dev/null | head -1 || true)"
  [ -n "$tarball" ] || die "cannot reach $mirror and no cached base image tarball in $cache"
  log "mirror unreachable: using the cached $(basename "$tarball")"
fi

if [ "$force" = 1 ] || [ ! -f "$tarball" ]; then
  [ -n "$tarball" ] || die "cannot reach $mirror to bootstrap Debian $suite"
  command -v debootstrap >/dev/null || PATH="$PATH:/usr/sbin:/sbin"
  command -v debootstrap >/dev/null || die "debootstrap is missing: run scripts/install-deps.sh first"
  rootfs="$cache/rootfs-$suite-$$"
  trap 'rm -rf "$rootfs" "$tarball.partial"' EXIT
  rm -rf "$rootfs"
  log "bootstrapping Debian $suite (minbase) from $mirror into $rootfs (about half a minute)"
  debootstrap --variant=minbase "$suite" "$rootfs" "$mirror" >"$cache/debootstrap.log" 2>&1 \
    || { tail -20 "$cache/debootstrap.log" >&2; die "debootstrap failed (log: $cache/debootstrap.log)"; }

  # Make it look like Debian's official slim image, which Dockerfiles expect:
  # the deb822 sources file (with -updates and -security, as apt uses here),
  # no docs or man pages, and apt that cleans its downloads after each install.
  rm -f "$rootfs/etc/apt/sources.list"
  cp "$sources" "$rootfs/etc/apt/sources.list.d/debian.sources"
  cat >"$rootfs/etc/dpkg/dpkg.cfg.d/docker" <<'DPKG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
DPKG
  cat >"$rootfs/etc/apt/apt.conf.d/docker-clean" <<'APT'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
APT
  printf 'APT::Install-Recommends "false";\n' >"$rootfs/etc/apt/apt.conf.d/docker-no-recommends"
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/archives/*.deb \
    "$rootfs"/usr/share/doc/*/changelog* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/*
  : >"$rootfs/etc/hostname"
  : >"$rootfs/etc/resolv.conf"
  tar --numeric-owner -C "$rootfs" -cf "$tarball.partial" .
  mv "$tarball.partial" "$tarball"
  rm -rf "$rootfs"
  trap - EXIT
  log "base image tarball cached at $tarball ($(du -h "$tarball" | cut -f1))"
fi

log "importing $(basename "$tarball") as $image"
podman import -q --change 'CMD ["bash"]' --message "debootstrap minbase $suite from $mirror" \
  "$tarball" "$image" >/dev/null
# Older tarballs of this suite are no longer needed.
find "$cache" -maxdepth 1 -name "debian-$suite-minbase-*.tar" ! -path "$tarball" -delete
