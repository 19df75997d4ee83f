#!/usr/bin/env bash
# Measures `costs ingest file` (load + analyze) on generated exports of growing size: wall time, CPU
# time, rows per second and peak memory. Streaming means the peak memory stays about flat while the
# file grows. Usage: bench/ingest.sh [DAYS...]   (default: 30 90 240)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Costs -c Release --nologo -v quiet >/dev/null
costs="dotnet src/Costs/bin/Release/net10.0/costs.dll"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%6s %10s %9s %8s %8s %10s %9s\n' days rows file_MB wall_s cpu_s rows_per_s peak_MB
for days in "${@:-30 90 240}"; do
  for d in $days; do
    $costs generate --days "$d" --end 2026-11-01 --out "$work/x.jsonl" >/dev/null
    rows=$(wc -l < "$work/x.jsonl")
    mb=$(( $(stat -c %s "$work/x.jsonl") / 1048576 ))
    rm -f "$work"/s.db*
    /usr/bin/time -f '%e %U %S %M' -o "$work/t" $costs ingest file "$work/x.jsonl" --store "$work/s.db" >/dev/null
    read -r wall user sys rss < "$work/t"
    cpu=$(echo "$user + $sys" | bc)
    printf '%6s %10s %9s %8s %8s %10.0f %9s\n' "$d" "$rows" "$mb" "$wall" "$cpu" "$(echo "$rows / $wall" | bc -l)" "$((rss / 1024))"
  done
done
