// Estimates the bytes BigQuery would bill for one daily incremental `costs run` against an export holding the
// rows of EXPORT.jsonl, and prints it as a Markdown section for bench/RESULTS.md.
//   node bq-bytes.mjs EXPORT.jsonl [CHECK_PARTITION_DAYS]
// On-demand queries are billed by the logical bytes of the columns they reference in the partitions they scan
// (STRING: 2 + UTF-8 bytes; INT64, FLOAT64, TIMESTAMP: 8; NUMERIC: 16; a STRUCT or ARRAY: its fields' and
// elements' sizes; NULL: 0), at least 10 MB per query. _PARTITIONTIME is free. Both queries of
// sql/bigquery filter _PARTITIONTIME, so only the partitions of the window are counted.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const [file, checkText] = process.argv.slice(2);
const checkDays = Number(checkText ?? 10);
const str = s => (s === null || s === undefined ? 0 : 2 + Buffer.byteLength(String(s)));
const num = v => (v === null || v === undefined ? 0 : 8);
const numeric = v => (v === null || v === undefined ? 0 : 16);
const labels = list => (list ?? []).reduce((n, l) => n + str(l.key) + str(l.value), 0);

// The columns sql/bigquery/billing_lines.sql references (FLOAT64 in the export; CAST to NUMERIC after reading).
function billingLinesBytes(r) {
  return str(r.billing_account_id) + num(r.usage_start_time) + str(r.invoice?.month) + str(r.currency) + num(r.currency_conversion_rate)
    + str(r.project?.id) + str(r.project?.name) + labels(r.project?.labels)
    + str(r.service?.id) + str(r.service?.description) + str(r.sku?.id) + str(r.sku?.description)
    + str(r.location?.region) + str(r.location?.location) + labels(r.labels)
    + str(r.resource?.name) + str(r.resource?.global_name) + str(r.cost_type) + str(r.consumption_model?.id)
    + num(r.cost) + num(r.cost_at_list) + num(r.usage?.amount) + str(r.usage?.unit) + num(r.usage?.amount_in_pricing_units) + str(r.usage?.pricing_unit)
    + (r.credits ?? []).reduce((n, c) => n + str(c.type) + str(c.name) + num(c.amount), 0)
    + num(r.export_time);
}
// sql/bigquery/partition_export_times.sql references export_time and usage_start_time.
const partitionsBytes = r => num(r.export_time) + num(r.usage_start_time);

let rows = 0, pull = 0, check = 0;
const days = new Set();
for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
  if (!line) continue;
  const r = JSON.parse(line);
  rows++; pull += billingLinesBytes(r); check += partitionsBytes(r);
  days.add(r.usage_start_time.slice(0, 10));
}
const perDay = rows / days.size;
const pullPartitions = 3;
const mb = b => (b / 1e6).toFixed(1);
const billed = b => Math.max(b, 10e6);
const checkBytes = perDay * checkDays * (check / rows);
const pullBytes = perDay * pullPartitions * (pull / rows);
console.log(`## BigQuery bytes of a daily incremental run (estimate)

Both queries in sql/bigquery filter \`_PARTITIONTIME\` to the window (asserted by
BigQueryIngestTests.RunAsync_DailyRun_EveryQueryScansOnlyTheRestatementWindow on the SQL sent to the loopback fake).
From the generated export (${rows.toLocaleString('en')} rows, ${days.size} days, ${Math.round(perDay).toLocaleString('en')} rows a day),
with the logical sizes BigQuery bills for the columns each query references:

| query | partitions scanned | bytes per row | bytes | billed (10 MB minimum a query) |
|---|---|---|---|---|
| partition check (partition_export_times.sql) | ${checkDays} (BigQuery:CheckPartitionDays) | ${(check / rows).toFixed(0)} | ${mb(checkBytes)} MB | ${mb(billed(checkBytes))} MB |
| pull of the changed days (billing_lines.sql) | ${pullPartitions} (usage days D−1 and D, from the day before the first to tomorrow) | ${(pull / rows).toFixed(0)} | ${mb(pullBytes)} MB | ${mb(billed(pullBytes))} MB |
| **a daily run** | | | **${mb(checkBytes + pullBytes)} MB** | **${mb(billed(checkBytes) + billed(pullBytes))} MB** |

Without the partition filter the same two queries would read every partition of the table: for a year of this
organisation about ${mb(perDay * 365 * (check + pull) / rows / 1000)} GB a run.`);
