#!/usr/bin/env bash
# Runs the browser test of `costs serve`'s pages (browser.test.mjs). It needs what .NET does not bring:
# Debian's chromium (installed here with apt-get when missing; playwright-core downloads no browser) and
# playwright-core from npm, pinned in package-lock.json (npm ci). src/Costs must be built in Release
# (./test.sh runs this after `dotnet test`, which builds it). Its last line is "browser: P passed, F failed".
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x /usr/bin/chromium ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update >&2
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >&2
fi

# npm ci only when the installed tree is not the locked one.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund >&2
fi

exec node browser.test.mjs
