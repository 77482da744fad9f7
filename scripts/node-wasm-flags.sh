#!/bin/sh
# scripts/node-wasm-flags.sh [node]: prints, on one line, the flags that <node> (default: the
# `node` on PATH) needs to run LoopLab's Emscripten-built .js/.wasm. The one place that
# knows them: CMake asks it once at configure time for the wasm tests, the benchmarks ask it
# before they start Node.
#   --no-experimental-fetch          Node's global fetch breaks Emscripten 3.1.6's wasm loading
#                                    ("Failed to parse URL").
#   --experimental-wasm-return-call  only before Node 20: the wasm is built with -mtail-call
#                                    (coroutines' symmetric transfer), and Node 18's V8 10.2
#                                    keeps tail calls behind this flag (Debian 12's own nodejs is
#                                    18.20); Node 20's V8 11.3 has them on, and a V8 flag is no
#                                    stable interface, so newer Nodes get none.
set -eu
node="${1:-node}"
version="$("$node" --version 2>/dev/null)" || {
  echo "node-wasm-flags: cannot run '$node' (install Node with scripts/install-deps.sh)" >&2
  exit 1
}
major="${version#v}"
major="${major%%.*}"
case "$major" in
  ''|*[!0-9]*)
    echo "node-wasm-flags: '$node --version' printed '$version', not a Node version" >&2
    exit 1 ;;
esac
if [ "$major" -lt 18 ]; then
  echo "node-wasm-flags: $node is Node $version; LoopLab's wasm needs Node 18 or newer (Debian 12's nodejs is 18.20)" >&2
  exit 1
fi
if [ "$major" -lt 20 ]; then
  echo "--no-experimental-fetch --experimental-wasm-return-call"
else
  echo "--no-experimental-fetch"
fi
