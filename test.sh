#!/usr/bin/env bash
# Runs the whole test suite, on a machine with only the .NET SDK and Node.js: it first installs, from
# Debian's packages, what the tests need beyond .NET (a real SMTP server for the e-mail tests, chromium
# for the browser test of the service pages). The deploy tests also need kubectl, which is not installed
# from Debian (see below).
# Prints a closing line "tests: N passed, N failed, N skipped" and exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"

# The deploy tests render every overlay with `kubectl kustomize` (kubectl 1.22 or later). Debian's only
# kubectl (kubernetes-client 1.20) embeds a kustomize too old to read deploy/, so nothing is installed
# here: without kubectl those tests fail, and this says why up front.
if ! command -v kubectl >/dev/null 2>&1; then
  echo "test.sh: kubectl is not on PATH: the deploy/ overlay tests will fail (install kubectl 1.22 or later)." >&2
fi

if [ -x tests/smtp/start-smtp.sh ]; then
  tests/smtp/start-smtp.sh >/dev/null
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Costs.sln -c Release --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# dotnet test prints one "Passed!/Failed!  - Failed: F, Passed: P, Skipped: S, Total: T" line per test project.
read -r passed failed skipped < <(grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\2 \1 \3/' |
  awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
projects=$(grep -cE '^(Passed|Failed)!' "$log" || true)

# The Backstage client (clients/backstage): npm ci, type-checked against the plugin's types, then Node tests
# that run it against `costs serve` on a demo store. Its failure fails the suite; its counts join the total.
node_log=$(mktemp)
set +e
clients/backstage/test.sh 2>&1 | tee "$node_log"
node_status=${PIPESTATUS[0]}
set -e
node_passed=$(sed -nE 's/^# pass ([0-9]+)$/\1/p' "$node_log" | tail -1)
node_failed=$(sed -nE 's/^# fail ([0-9]+)$/\1/p' "$node_log" | tail -1)
rm -f "$node_log"
if [ "$node_status" -ne 0 ] && [ "${node_failed:-0}" -eq 0 ]; then node_failed=1; fi
echo "backstage: ${node_passed:-0} passed, ${node_failed:-0} failed"
passed=$((passed + ${node_passed:-0}))
failed=$((failed + ${node_failed:-0}))
if [ "$node_status" -ne 0 ]; then status=1; fi
expected=$(find tests -mindepth 2 -maxdepth 2 -name '*.Tests.csproj' | wc -l)
if [ "$status" -eq 0 ] && [ "$projects" -lt "$expected" ]; then
  echo "test.sh: only $projects of $expected test project(s) reported; expected every project under tests/." >&2
  status=1
fi
# The browser test of `costs serve`'s pages (chromium + playwright-core from npm) runs the executable that
# `dotnet test` just built; its "browser: P passed, F failed" line adds to the counts.
set +e
tests/browser/run.sh 2>&1 | tee "$log"
browser_status=${PIPESTATUS[0]}
set -e
read -r bpassed bfailed < <(sed -nE 's/^browser: ([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' "$log" | tail -1; echo "0 1")
passed=$((passed + bpassed))
failed=$((failed + bfailed))
if [ "$browser_status" -ne 0 ]; then
  echo "test.sh: the browser test failed (tests/browser/run.sh exited $browser_status)." >&2
  status=1
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
