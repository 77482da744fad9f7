#!/usr/bin/env bash
# Prints the Debian packages that hold the shared libraries the given programs
# load, one per line. The build stage runs it so the runtime stage installs
# exactly what the binaries need, and a new library in the backend can never be
# forgotten in a hand-kept list.
set -euo pipefail

[ $# -gt 0 ] || { echo "usage: $0 <program>..." >&2; exit 2; }

owner_of() {  # dpkg records one of the merged-/usr spellings of a path
  local path="$1" candidate found
  for candidate in "$path" "$(readlink -f "$path")" "${path#/usr}" "/usr${path}"; do
    found="$(dpkg-query -S "$candidate" 2>/dev/null | head -1 | cut -d: -f1)"
    if [ -n "$found" ]; then echo "$found"; return 0; fi
  done
  return 1
}

for program in "$@"; do
  ldd "$program" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }' | while read -r lib; do
    owner_of "$lib" || { echo "runtime-packages: no Debian package owns $lib (needed by $program)" >&2; exit 1; }
  done
done | sort -u
