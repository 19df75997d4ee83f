#!/usr/bin/env bash
# Fault script (issue 11, "How it is verified"): kills `costs ingest` and `costs analyze` with SIGKILL at 20
# moments chosen by the data (after the Nth stored row, through the test-only COSTS_FAULT_AFTER_ROWS, see
# src/CostModel/Store/FaultPoint.cs), and fills the disk under a load; after each, `costs query` must print
# byte for byte what a clean run prints. Runnable on a clean clone: ./bench/faults.sh [WORKDIR]
# Exit 0 when every case recovered, 1 otherwise. Needs root for the full-disk part (mount -t tmpfs); without
# it that part says so and is skipped.
set -uo pipefail
cd "$(dirname "$0")/.."
WORK="${1:-$(mktemp -d /tmp/costs-faults-XXXXXX)}"
mkdir -p "$WORK"
dotnet build src/Costs/Costs.csproj -c Release -v quiet -nologo >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
COSTS="$PWD/src/Costs/bin/Release/net10.0/costs"
QUERY=(query --by service,team,environment,kind,day --format csv)

failures=0
kills=0
recovered=0
say() { printf '%s\n' "$*"; }
q() { "$COSTS" --store "$1" "${QUERY[@]}" 2>&1; }

# The data: 14 days of the sample organisation, hourly (the same seed gives the same file).
"$COSTS" generate --out "$WORK/export.jsonl" --days 14 --services 16 --end 2026-11-01 --seed 11 >/dev/null
LINES=$(grep -c . "$WORK/export.jsonl")

# The clean run, and how many allocation rows its analysis stores.
rm -f "$WORK/clean.db"*
analyzed=$("$COSTS" --store "$WORK/clean.db" ingest file "$WORK/export.jsonl")
q "$WORK/clean.db" >"$WORK/clean.csv"
ROWS=$(printf '%s\n' "$analyzed" | sed -n 's/.*: \([0-9,]*\) allocation rows.*/\1/p' | tr -d ,)
say "data: $LINES billing lines; the clean analysis stores $ROWS allocation rows; clean query: $(wc -l <"$WORK/clean.csv") lines"

# kill CASE STORE N ARGS...: runs costs ARGS with the fault after N rows; true when it died of SIGKILL.
kill_at() {
  local n=$1 store=$2; shift 2
  COSTS_FAULT_AFTER_ROWS=$n "$COSTS" --store "$store" "$@" >/dev/null 2>&1
  local rc=$?
  if [ $rc -eq 137 ]; then kills=$((kills + 1)); return 0; fi
  say "  (after $n rows: the process ended with $rc before the fault point)"; return 1
}

same() { # same LABEL STORE: the store's query equals the clean one
  if q "$2" | cmp -s - "$WORK/clean.csv"; then return 0; fi
  say "  DIFFERENT: $1"; q "$2" | diff "$WORK/clean.csv" - | head -5; return 1
}

point() { echo $(( 1 + ($2 - 1) * $1 / 4 )); } # point I TOTAL: five points spread over 1..TOTAL

# 1-5: the first load of a fresh store, killed; then loaded again.
for i in 0 1 2 3 4; do
  n=$(point $i $((LINES + ROWS))); s="$WORK/f$i.db"; rm -f "$s"*
  kill_at "$n" "$s" ingest file "$WORK/export.jsonl" || continue
  "$COSTS" --store "$s" ingest file "$WORK/export.jsonl" >/dev/null
  if same "fresh ingest killed after $n rows, loaded again" "$s"; then recovered=$((recovered + 1)); else failures=$((failures + 1)); fi
  say "ingest (fresh store) killed after row $n: $(same x "$s" >/dev/null && echo recovered || echo DIFFERENT)"
done

# 6-10: a reload of a loaded store, killed: the store is as before at once, and after loading again.
for i in 0 1 2 3 4; do
  n=$(point $i $((LINES + ROWS))); s="$WORK/r$i.db"; rm -f "$s"*; cp "$WORK/clean.db" "$s"
  kill_at "$n" "$s" ingest file "$WORK/export.jsonl" || continue
  ok=1; same "reload killed after $n rows, before loading again" "$s" || ok=0
  "$COSTS" --store "$s" ingest file "$WORK/export.jsonl" >/dev/null
  same "reload killed after $n rows, loaded again" "$s" || ok=0
  if [ $ok -eq 1 ]; then recovered=$((recovered + 1)); else failures=$((failures + 1)); fi
  say "ingest (loaded store) killed after row $n: $([ $ok -eq 1 ] && echo 'unchanged, then recovered' || echo DIFFERENT)"
done

# 11-15: the analysis of a load made with --no-analyze, killed; then analyzed again.
for i in 0 1 2 3 4; do
  n=$(point $i "$ROWS"); s="$WORK/a$i.db"; rm -f "$s"*
  "$COSTS" --store "$s" ingest file "$WORK/export.jsonl" --no-analyze >/dev/null
  kill_at "$n" "$s" analyze || continue
  "$COSTS" --store "$s" analyze >/dev/null
  if same "analysis killed after $n rows, analyzed again" "$s"; then recovered=$((recovered + 1)); else failures=$((failures + 1)); fi
  say "analyze (new days) killed after row $n: $(same x "$s" >/dev/null && echo recovered || echo DIFFERENT)"
done

# 16-20: a re-analysis of an analyzed store, killed: the old analysis stands at once, and after analyzing again.
for i in 0 1 2 3 4; do
  n=$(point $i "$ROWS"); s="$WORK/b$i.db"; rm -f "$s"*; cp "$WORK/clean.db" "$s"
  kill_at "$n" "$s" analyze --from 2026-10-18 --to 2026-10-31 || continue
  ok=1; same "re-analysis killed after $n rows, before analyzing again" "$s" || ok=0
  "$COSTS" --store "$s" analyze --from 2026-10-18 --to 2026-10-31 >/dev/null
  same "re-analysis killed after $n rows, analyzed again" "$s" || ok=0
  if [ $ok -eq 1 ]; then recovered=$((recovered + 1)); else failures=$((failures + 1)); fi
  say "analyze (analyzed store) killed after row $n: $([ $ok -eq 1 ] && echo 'unchanged, then recovered' || echo DIFFERENT)"
done
say "SIGKILL: $kills kills, $recovered recovered byte-identical, $failures different"

# Full disk: the store on a small tmpfs that holds the clean store but not a second, larger load.
DISK="$WORK/disk"; mkdir -p "$DISK"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=$(( $(stat -c %s "$WORK/clean.db") / 1024 + 2048 ))k tmpfs "$DISK" 2>/dev/null; then
  cp "$WORK/clean.db" "$DISK/costs.db"
  "$COSTS" generate --out "$WORK/bigger.jsonl" --days 60 --services 16 --end 2026-11-01 --seed 11 >/dev/null
  out=$("$COSTS" --store "$DISK/costs.db" ingest file "$WORK/bigger.jsonl" 2>&1); rc=$?
  say "full disk: ingest of $(grep -c . "$WORK/bigger.jsonl") lines into a $(df -h --output=size "$DISK" | tail -1 | tr -d ' ') tmpfs ended with exit $rc: $(printf '%s' "$out" | tail -1)"
  if ! printf '%s' "$out" | grep -q "The disk holding the store $DISK/costs.db is full"; then
    say "full disk: the message does not name the store"; failures=$((failures + 1))
  fi
  if [ $rc -ne 0 ] && same "after the full disk" "$DISK/costs.db"; then
    say "full disk: the store is unchanged (query byte-identical to the clean run)"
  else
    say "full disk: NOT recovered"; failures=$((failures + 1))
  fi
  mount -o remount,size=256m "$DISK"
  "$COSTS" --store "$DISK/costs.db" ingest file "$WORK/export.jsonl" >/dev/null
  if same "after the disk was enlarged and the load run again" "$DISK/costs.db"; then say "full disk: after room was made, a load again gives the clean result"; else failures=$((failures + 1)); fi
  umount "$DISK"
else
  say "full disk: not run (needs root and mount -t tmpfs)"
fi

[ $failures -eq 0 ] && say "faults: all recovered" || say "faults: $failures case(s) did not recover"
[ $failures -eq 0 ]
