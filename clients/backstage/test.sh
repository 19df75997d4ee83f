#!/usr/bin/env bash
# The Backstage client's test: installs the pinned packages (npm ci), type-checks the client against
# @backstage/plugin-cost-insights' own types, makes a demo store with `costs demo`, and runs the Node
# tests, which start `costs serve` on it over loopback and compare every figure with `costs query`.
# Uses src/Costs's Release build (built here when missing). Prints node's own "# pass N" / "# fail N".
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../.. && pwd)

npm ci --no-audit --no-fund --loglevel=error
npx tsc -p .

dll="$root/src/Costs/bin/Release/net10.0/costs.dll"
if [ ! -f "$dll" ]; then
  dotnet build "$root/src/Costs/Costs.csproj" -c Release --nologo -v q
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && dotnet "$dll" demo --out "$work/demo" --months 1 >"$work/demo.log" 2>&1) || { cat "$work/demo.log" >&2; exit 1; }

COSTS_DLL="$dll" COSTS_STORE="$work/demo/costs-demo.db" node --test --test-reporter=tap dist/test/
