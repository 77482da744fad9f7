#!/usr/bin/env bash
# Installs the browser tests' npm packages (playwright-core only: it drives
# Debian's Chromium, and never downloads a browser of its own).
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$LOOPLAB_ROOT/tests/browser"
if [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  command -v npm >/dev/null || die "npm is missing: run scripts/install-deps.sh (it installs Debian's npm)"
  log "installing playwright-core from npm"
  npm ci --no-audit --no-fund --loglevel=error
fi
