// The DuckDB side of bench/run.sh: the same work as Costs, done the way a user of DuckDB would do it.
//   node duckdb-peer.mjs ingest EXPORT.jsonl DB   load the export's lines into a table, then aggregate them by
//                                                  day x service x environment into a second table
//   node duckdb-peer.mjs reanalyze DB              re-aggregate the whole lines table (as after a changed rule)
//   node duckdb-peer.mjs query DB                  cost by day x team from the file, in a fresh process
// Money is DECIMAL(38,9) throughout, so sums are exact as Costs' are.
import { DuckDBInstance } from '@duckdb/node-api';

const [mode, ...args] = process.argv.slice(2);

const LINES = `
  SELECT
    billing_account_id,
    service.id AS service_id, service.description AS service_description,
    sku.id AS sku_id, sku.description AS sku_description,
    strptime(usage_start_time, '%Y-%m-%d %H:%M:%S UTC') AS usage_start,
    strptime(usage_end_time, '%Y-%m-%d %H:%M:%S UTC') AS usage_end,
    project.id AS project_id,
    labels,
    location.region AS region, location.zone AS zone,
    resource.name AS resource_name,
    strptime(export_time, '%Y-%m-%d %H:%M:%S.%f UTC') AS export_time,
    CAST(cost AS DECIMAL(38,9)) AS cost,
    currency,
    CAST(usage.amount AS DECIMAL(38,9)) AS usage_amount, usage.unit AS usage_unit,
    list_transform(credits, c -> {'type': c.type, 'amount': CAST(c.amount AS DECIMAL(38,9))}) AS credits,
    invoice.month AS invoice_month,
    cost_type
  FROM read_json(?, format = 'newline_delimited', columns = {
    billing_account_id: 'VARCHAR',
    service: 'STRUCT(id VARCHAR, description VARCHAR)',
    sku: 'STRUCT(id VARCHAR, description VARCHAR)',
    usage_start_time: 'VARCHAR', usage_end_time: 'VARCHAR',
    project: 'STRUCT(id VARCHAR, name VARCHAR)',
    labels: 'STRUCT(key VARCHAR, value VARCHAR)[]',
    location: 'STRUCT(region VARCHAR, zone VARCHAR)',
    resource: 'STRUCT(name VARCHAR)',
    export_time: 'VARCHAR',
    cost: 'DECIMAL(38,9)',
    currency: 'VARCHAR',
    usage: 'STRUCT(amount DECIMAL(38,9), unit VARCHAR)',
    credits: 'STRUCT(type VARCHAR, amount DECIMAL(38,9))[]',
    invoice: 'STRUCT(month VARCHAR)',
    cost_type: 'VARCHAR'
  })`;

const LABEL = key => `list_extract(list_transform(list_filter(labels, l -> l.key = '${key}'), l -> l.value), 1)`;

const DAILY = `
  CREATE OR REPLACE TABLE daily AS
  SELECT CAST(usage_start AS DATE) AS day, ${LABEL('app')} AS service, ${LABEL('env')} AS environment,
         SUM(cost) AS cost,
         SUM(COALESCE(list_sum(list_transform(credits, c -> c.amount)), 0)) AS credits,
         COUNT(*) AS lines
  FROM lines GROUP BY ALL`;

async function open(path) {
  const instance = await DuckDBInstance.create(path);
  return [instance, await instance.connect()];
}

async function scalar(connection, sql) {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRows()[0][0];
}

if (mode === 'ingest') {
  const [file, db] = args;
  const [, c] = await open(db);
  const prepared = await c.prepare(`CREATE OR REPLACE TABLE lines AS ${LINES}`);
  prepared.bindVarchar(1, file);
  await prepared.run();
  await c.run(DAILY);
  console.log(`lines ${await scalar(c, 'SELECT COUNT(*) FROM lines')}, daily rows ${await scalar(c, 'SELECT COUNT(*) FROM daily')}`);
  await c.run('CHECKPOINT');
} else if (mode === 'reanalyze') {
  const [, c] = await open(args[0]);
  await c.run(DAILY);
  console.log(`daily rows ${await scalar(c, 'SELECT COUNT(*) FROM daily')}`);
  await c.run('CHECKPOINT');
} else if (mode === 'query') {
  const [, c] = await open(args[0]);
  const reader = await c.runAndReadAll(`
    SELECT CAST(usage_start AS DATE) AS day, ${LABEL('team')} AS team, SUM(cost) AS cost
    FROM lines GROUP BY ALL ORDER BY day, team`);
  const rows = reader.getRows();
  process.stdout.write(rows.map(r => r.map(String).join(',')).join('\n') + '\n');
  console.error(`${rows.length} groups`);
} else {
  console.error('usage: node duckdb-peer.mjs ingest EXPORT.jsonl DB | reanalyze DB | query DB');
  process.exit(2);
}
