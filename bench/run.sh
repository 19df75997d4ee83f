#!/usr/bin/env bash
# Every measurement of Costs against the tools a user would pick instead (DuckDB through @duckdb/node-api,
# exceljs's streaming writer), on a big organisation's generated data: 1,600 services, 14 GKE clusters in
# 3 regions, 600 node VMs. Each comparison runs the two sides interleaved (A B A B ...) after one warm-up of
# each, takes the median of the runs and the peak resident memory that /usr/bin/time -v reports, prints a
# table and writes bench/RESULTS.md.
#
# Usage: bench/run.sh [--rows 1M|4M|N] [--quick] [--runs N] [--warmup N] [--only SECTIONS] [--out FILE]
#   --rows    export rows of the main data set (default 1M; also BENCH_SIZE); whole days, so a little more
#   --quick   a try in minutes: 100k rows, 3 runs, a small fleet sample and one month for the daily run
#   --runs    counted runs of each side (default 5); --warmup: runs not counted, first (default 1)
#   --only    some of: compare (ingest, re-analyze, store size, query, report), workbook, alloc, run, bigquery
#   --out     where the results go (default bench/RESULTS.md)
# The organisation: BENCH_SERVICES=1600 BENCH_CLUSTERS=14 BENCH_NODES=600 (smaller only to try the script).
# Sizes of the slower set-ups (defaults are the issue's):
#   BENCH_PODS=10000 BENCH_SAMPLE_DAYS=30 BENCH_SAMPLE_INTERVAL=5   cluster allocation: pods, days, minutes
#   BENCH_RUN_DAYS=182                                              days in the store before the daily `costs run`
#   BENCH_WORKBOOK_ROWS=200000                                      Data sheet rows of the workbook comparison (whole days)
#   BENCH_WORK=DIR (kept)   BENCH_NOTE="text" (a line for RESULTS.md about the machine's load)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

size=${BENCH_SIZE:-1M}; runs=5; runs_given=0; warmup=1; quick=0; only=compare,workbook,alloc,run,bigquery; out=bench/RESULTS.md
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) size=$2; shift 2 ;;
    --quick) quick=1; shift ;;
    --runs) runs=$2; runs_given=1; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
pods=${BENCH_PODS:-10000}; sample_days=${BENCH_SAMPLE_DAYS:-30}; interval=${BENCH_SAMPLE_INTERVAL:-5}
run_days=${BENCH_RUN_DAYS:-182}; wb_rows=${BENCH_WORKBOOK_ROWS:-200000}
if [ "$quick" = 1 ]; then
  [ "$size" = "${BENCH_SIZE:-1M}" ] && size=${BENCH_SIZE:-100k}
  [ "$runs_given" = 1 ] || runs=3
  pods=${BENCH_PODS:-1000}; sample_days=${BENCH_SAMPLE_DAYS:-1}; interval=${BENCH_SAMPLE_INTERVAL:-60}
  run_days=${BENCH_RUN_DAYS:-30}; wb_rows=${BENCH_WORKBOOK_ROWS:-20000}
fi
org=(--services "${BENCH_SERVICES:-1600}" --clusters "${BENCH_CLUSTERS:-14}" --nodes "${BENCH_NODES:-600}")
want() { [[ ",$only," == *",$1,"* ]]; }
case "$runs$warmup" in *[!0-9]*) echo "bench/run.sh: --runs and --warmup take whole numbers" >&2; exit 2 ;; esac
[ "$runs" -ge 1 ] || { echo "bench/run.sh: --runs must be at least 1" >&2; exit 2; }
end=2026-11-01

for tool in node npm dotnet /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh: $tool is needed (apt-get install nodejs npm time; the .NET 10 SDK)" >&2; exit 1; }
done

echo "== peers (npm ci) and Costs (Release build)"
(cd bench && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
# The executable as the container image ships it (Dockerfile): published ReadyToRun, so that a cold process
# does not spend its first second compiling. Kept in bench/app between runs of the script.
dotnet publish src/Costs/Costs.csproj -c Release --use-current-runtime --no-self-contained -p:PublishReadyToRun=true \
  -o "$root/bench/app" --nologo -v quiet >/dev/null
costs=(dotnet "$root/bench/app/costs.dll")
peer=(node "$root/bench/duckdb-peer.mjs")

if [ -n "${BENCH_WORK:-}" ]; then work=$BENCH_WORK; mkdir -p "$work"; else work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi
results="$work/results.tsv"; : > "$results"

median() { sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "nan"; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# timed NAME CMD...: one run under /usr/bin/time -v; appends "wall_s peak_MB" to $work/NAME.times.
timed() {
  local name=$1; shift
  /usr/bin/time -v -o "$work/time.out" "$@" >"$work/$name.out" 2>"$work/$name.err" || {
    echo "bench/run.sh: '$*' failed; its output:" >&2; tail -20 "$work/$name.err" >&2; exit 1; }
  local wall rss cpu
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$work/time.out")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$work/time.out")
  cpu=$(awk -F': ' '/User time|System time/ {s+=$2} END {printf "%.2f", s}' "$work/time.out")
  echo "$wall $rss $cpu" >> "$work/$name.times"
}

# compare KEY PREP_A CMD_A PREP_B CMD_B: warm-up of each, then $runs of each, interleaved. PREP_* run untimed
# before every run (e.g. removing the store a load makes). Records the medians under KEY.a and KEY.b.
compare() {
  local key=$1 prep_a=$2 cmd_a=$3 prep_b=$4 cmd_b=$5 i
  rm -f "$work/$key.a.times" "$work/$key.b.times"
  for i in $(seq $(( 1 - warmup )) "$runs"); do
    eval "$prep_a"; timed "$key.a" bash -c "$cmd_a"
    eval "$prep_b"; timed "$key.b" bash -c "$cmd_b"
    if [ "$i" -le 0 ]; then : > "$work/$key.a.times"; : > "$work/$key.b.times"; fi   # warm-ups are not counted
  done
  record "$key.a"; record "$key.b"
}

# single KEY PREP CMD: warm-up, then $runs runs of one command.
single() {
  local key=$1 prep=$2 cmd=$3 i
  rm -f "$work/$key.times"
  for i in $(seq $(( 1 - warmup )) "$runs"); do
    eval "$prep"; timed "$key" bash -c "$cmd"
    if [ "$i" -le 0 ]; then : > "$work/$key.times"; fi
  done
  record "$key"
}

record() {
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$(cut -d' ' -f1 "$work/$1.times" | median)" "$(cut -d' ' -f2 "$work/$1.times" | median)" \
    "$(cut -d' ' -f1 "$work/$1.times" | tr '\n' ' ')" "$(cut -d' ' -f3 "$work/$1.times" | median)" >> "$results"
}
get() { awk -F'\t' -v k="$1" -v c="$2" '$1 == k {print $c}' "$results"; }
mb() { awk -v b="$(stat -c %s "$@" 2>/dev/null | paste -sd+ | bc)" 'BEGIN {printf "%.1f", b/1048576}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a/b; else print "n/a"}'; }

if want compare || want bigquery; then
echo "== data: $size export rows of the organisation"
"${costs[@]}" generate "${org[@]}" --rows "$size" --end "$end" --out "$work/export.jsonl" | tee "$work/generate.out"
export_rows=$(wc -l < "$work/export.jsonl")
fi

if want compare; then
echo "== ingest + analyze ($export_rows rows), interleaved with DuckDB"
compare ingest "rm -f $work/costs.db*" "${costs[*]} ingest file $work/export.jsonl --store $work/costs.db" \
  "rm -f $work/peer.duckdb*" "${peer[*]} ingest $work/export.jsonl $work/peer.duckdb"
store_mb=$(mb "$work"/costs.db*); duck_mb=$(mb "$work"/peer.duckdb*)

echo "== re-analyze the whole store, interleaved with DuckDB re-aggregating its table"
compare reanalyze ":" "${costs[*]} analyze --store $work/costs.db" ":" "${peer[*]} reanalyze $work/peer.duckdb"

echo "== query --by day,team and report, cold processes, against DuckDB's group-by from its file"
compare query ":" "${costs[*]} query --by day,team --format csv --store $work/costs.db" ":" "${peer[*]} query $work/peer.duckdb"
compare report "rm -rf $work/report" "${costs[*]} report --store $work/costs.db --out $work/report" ":" "${peer[*]} query $work/peer.duckdb"
fi

if want workbook; then
echo "== workbook: a Data sheet of $wb_rows rows, against exceljs's streaming writer"
# The Costs side is the whole `costs report`: nine sheets, a chart and the Recommendations and Commitments sheets,
# whose commitment sizing reads every billing line of the store's last 180 days. This organisation has about 1,650
# allocation rows a day and 68,000 billing lines, so 200,000 Data rows mean about 122 days and 8 million lines read:
# at that size the read, not the writing of the workbook, is most of the Costs side's time.
# A store with as many whole days as make $wb_rows Data rows (the comparisons' store is smaller at 1M rows).
"${costs[@]}" generate "${org[@]}" --days 1 --end "$end" --out "$work/wb1.jsonl" >/dev/null
"${costs[@]}" ingest file "$work/wb1.jsonl" --store "$work/wb1.db" >/dev/null
per_day=$("${costs[@]}" report --store "$work/wb1.db" --out "$work/wb1" | sed -n 's/.*; \([0-9,]*\) data rows.*/\1/p' | tr -d ,)
wb_days=$(( (wb_rows + per_day - 1) / per_day ))
"${costs[@]}" generate "${org[@]}" --days "$wb_days" --end "$end" --out "$work/wb.jsonl" >/dev/null
"${costs[@]}" ingest file "$work/wb.jsonl" --store "$work/wb.db" >/dev/null
rm -f "$work/wb.jsonl" "$work/wb1.jsonl"
data_rows=$("${costs[@]}" report --store "$work/wb.db" --out "$work/wb" | sed -n 's/.*; \([0-9,]*\) data rows.*/\1/p' | tr -d ,)
"${costs[@]}" query --store "$work/wb.db" --format csv \
  --by day,month,kind,service,team,environment,project,cloud-service,sku,region,cluster,namespace,node-pool,node,workload > "$work/wb.csv"
compare workbook "rm -rf $work/wb" "${costs[*]} report --store $work/wb.db --out $work/wb" \
  "rm -f $work/wb.xlsx" "node $root/bench/exceljs-workbook.mjs $work/wb.csv $data_rows $work/wb.xlsx"
fi

if want alloc; then
echo "== cluster allocation: $pods pods on ${BENCH_NODES:-600} nodes in ${BENCH_CLUSTERS:-14} clusters, $sample_days day(s) of samples every $interval min"
alloc() {  # alloc KEY PODS: a store with the fleet's bill and its samples; analyze it $runs times.
  local key=$1 n=$2 db="$work/$1.db"
  rm -f "$db"*
  "${costs[@]}" generate "${org[@]}" --days "$sample_days" --end "$end" --out "$work/$key.jsonl" >/dev/null
  "${costs[@]}" ingest file "$work/$key.jsonl" --no-analyze --store "$db" >/dev/null
  local before; before=$(stat -c %s "$db")
  /usr/bin/time -f '%e %U %S' -o "$work/$key.gen" "${costs[@]}" generate-samples --store "$db" --pods "$n" --days "$sample_days" \
    --interval "$interval" --end "$end" >/dev/null
  # The save's last connection closes with a checkpoint (no WAL left), so what the samples added is the growth of the file.
  local after; after=$(stat -c %s "$db"* | paste -sd+ | bc)
  echo "$key $(( (after - before) / (n * sample_days) )) $(awk '{printf "%.0f %.1f", $1, $2 + $3}' "$work/$key.gen")" >> "$work/alloc.bytes"
  single "$key" ":" "${costs[*]} analyze --store $db"
}
: > "$work/alloc.bytes"
alloc alloc1 "$pods"
alloc alloc2 $(( pods * 2 ))
fi

if want run; then
echo "== costs run for one day, with $run_days days in the store"
"${costs[@]}" generate "${org[@]}" --days "$run_days" --end "$end" --out "$work/history.jsonl" >/dev/null
"${costs[@]}" ingest file "$work/history.jsonl" --store "$work/run.db" >/dev/null
rm -f "$work/history.jsonl"
"${costs[@]}" generate "${org[@]}" --days 1 --end 2026-11-02 --out "$work/day.jsonl" >/dev/null
single run ":" "${costs[*]} ingest file $work/day.jsonl --no-analyze --store $work/run.db && ${costs[*]} run --store $work/run.db"
fi

: > "$work/bq.md"
if want bigquery; then
echo "== BigQuery bytes of a daily incremental run"
node bench/bq-bytes.mjs "$work/export.jsonl" > "$work/bq.md"
fi

# ---- the table and RESULTS.md
A() { get "$1.a" 2; } ; B() { get "$1.b" 2; } ; AM() { get "$1.a" 3; } ; BM() { get "$1.b" 3; }
AC() { get "$1.a" 5; } ; BC() { get "$1.b" 5; }
row() { printf '| %s | %s s (CPU %s s), %s MB | %s s (CPU %s s), %s MB | **%s×** time, %s× CPU, %s× memory |\n' "$1" \
  "$(A "$2")" "$(AC "$2")" "$(AM "$2")" "$(B "$2")" "$(BC "$2")" "$(BM "$2")" \
  "$(ratio "$(A "$2")" "$(B "$2")")" "$(ratio "$(AC "$2")" "$(BC "$2")")" "$(ratio "$(AM "$2")" "$(BM "$2")")"; }
{
  echo "| measure | Costs | peer | Costs ÷ peer |"
  echo "|---|---|---|---|"
  if want compare; then
  row "ingest + analyze, $export_rows rows (peer: DuckDB read_json + group by day × service × environment)" ingest
  row "re-analyze the whole store (peer: DuckDB re-aggregating its table)" reanalyze
  echo "| store size after the load | $store_mb MB SQLite | $duck_mb MB DuckDB file | **$(ratio "$store_mb" "$duck_mb")×** |"
  row "\`query --by day,team\`, cold process (peer: DuckDB group-by from its file)" query
  row "\`report\` (whole workbook), cold process (peer: the same DuckDB group-by)" report
  fi
  if want workbook; then row "workbook with a $data_rows-row Data sheet (peer: exceljs streaming writer, same rows and columns)" workbook; fi
  if want alloc; then
  a1=$(get alloc1 2); a2=$(get alloc2 2)
  ab() { awk -v k="$1" -v c="$2" '$1 == k {print $c}' "$work/alloc.bytes"; }
  echo "| cluster allocation: \`analyze\` of $sample_days day(s) of the bill and of samples every $interval min, $pods pods, ${BENCH_NODES:-600} nodes, ${BENCH_CLUSTERS:-14} clusters | $a1 s (CPU $(get alloc1 5) s), $(get alloc1 3) MB | | |"
  echo "| the same with $(( pods * 2 )) pods | $a2 s (CPU $(get alloc2 5) s), $(get alloc2 3) MB | | **$(ratio "$a2" "$a1")×** the time of $pods pods, $(ratio "$(get alloc2 5)" "$(get alloc1 5)")× the CPU |"
  echo "| stored samples per pod-day ($pods pods / $(( pods * 2 )) pods) | $(ab alloc1 2) / $(ab alloc2 2) bytes | | |"
  echo "| saving the samples (\`generate-samples\`, as \`collect\` saves them), $pods / $(( pods * 2 )) pods | $(ab alloc1 3) s (CPU $(ab alloc1 4) s) / $(ab alloc2 3) s (CPU $(ab alloc2 4) s) | | |"
  fi
  if want run; then echo "| \`costs run\` for one day (load of the day's export, analyze, alert, reports) with $run_days days in the store | $(get run 2) s, $(get run 3) MB | | |"; fi
} > "$work/table.md"

{
  echo "# Benchmark results"
  echo
  echo "Written by \`bench/run.sh --rows $size --runs $runs --warmup $warmup --only $only$([ "$quick" = 1 ] && echo " --quick")\` on $(date -u '+%Y-%m-%d %H:%M UTC')."
  echo "Each figure is the median of $runs runs after $warmup warm-up(s), the two sides of a comparison interleaved (A B A B …); memory is the peak resident set of the"
  echo "largest process and CPU the user + system seconds of all its processes (/usr/bin/time -v). Ratios are Costs ÷ peer:"
  echo "below 1 Costs is faster or smaller. On a loaded machine CPU seconds compare better than wall seconds; DuckDB uses both cores."
  echo
  echo "## The machine"
  echo
  echo "- $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/Mem:/ {print $2}') GiB memory"
  echo "- .NET SDK $(dotnet --version), Node $(node --version), DuckDB $(cd bench && node -p "require('@duckdb/node-api/package.json').version"), exceljs $(cd bench && node -p "require('exceljs/package.json').version")"
  echo "- load average when the run ended: $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ -n "${BENCH_NOTE:-}" ]; then echo "- $BENCH_NOTE"; fi
  echo
  echo "## Data"
  echo
  if [ -f "$work/generate.out" ]; then cat "$work/generate.out"; fi
  echo "the organisation of \`costs generate ${org[*]}\`."
  echo
  echo "## Figures"
  echo
  cat "$work/table.md"
  echo
  echo "Every run's wall seconds, in order:"
  echo
  echo '```'
  cut -f1,4 "$results"
  echo '```'
  echo
  cat "$work/bq.md"
} > "$out"
echo
cat "$work/table.md"
echo
echo "Wrote $out"
