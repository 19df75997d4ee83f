// Runs the client against `costs serve` on a demo store over loopback, and checks that every figure it
// returns equals what `costs query --format json` prints for the same days. Given by the environment
// (see ./test.sh): COSTS_DLL (the built costs.dll) and COSTS_STORE (a store made by `costs demo`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Cost } from '@backstage/plugin-cost-insights-common';
import { CostsApiError, CostsCostInsightsClient } from '../src/CostsCostInsightsClient';

const run = promisify(execFile);
const dll = required('COSTS_DLL');
const store = required('COSTS_STORE');
const token = 'demo-token-' + process.pid;
let server: ChildProcess | undefined;
let baseUrl = '';
let serverLog = '';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run clients/backstage/test.sh`);
  return value;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'costs-backstage-'));
  const tokenFile = join(dir, 'token');
  writeFileSync(tokenFile, token + '\n');
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  server = spawn('dotnet', [dll, 'serve', '--store', store], {
    env: { ...process.env, COSTS_Http__Port: String(port), COSTS_Http__BindAddress: '127.0.0.1', COSTS_Http__TokenFile: tokenFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (d: Buffer) => (serverLog += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (serverLog += d.toString()));
  // Wait for the readiness probe (no token needed); the server is given a generous while to start.
  for (let i = 0; ; i++) {
    if (server.exitCode !== null) throw new Error(`costs serve exited with ${server.exitCode}:\n${serverLog}`);
    try {
      if ((await fetch(`${baseUrl}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 600) throw new Error(`costs serve did not become ready:\n${serverLog}`);
    await new Promise((r) => setTimeout(r, 200));
  }
});

after(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
});

const client = () => new CostsCostInsightsClient({ baseUrl, token });

// Exact decimal arithmetic on the numbers as printed (both sides print exact decimals).
const SCALE = 12;
function dec(text: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  assert.ok(m, `not a plain decimal: ${text}`);
  const fraction = (m[3] ?? '').padEnd(SCALE, '0');
  assert.ok(fraction.length === SCALE, `more than ${SCALE} decimals: ${text}`);
  const value = BigInt(m[2]! + fraction);
  return m[1] ? -value : value;
}
const decSum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);
const decText = (x: bigint) => {
  const sign = x < 0n ? '-' : '';
  const digits = (x < 0n ? -x : x).toString().padStart(SCALE + 1, '0');
  return `${sign}${digits.slice(0, -SCALE)}.${digits.slice(-SCALE)}`;
};
const sameNumber = (x: bigint, n: number) => assert.equal(n, Number(decText(x)), `${n} != ${decText(x)}`);

function day(d: string, offset: number): string {
  const t = new Date(d + 'T00:00:00Z');
  t.setUTCDate(t.getUTCDate() + offset);
  return t.toISOString().slice(0, 10);
}

interface QueryRow { [dimension: string]: string | null }

/** `costs query --by BY --from --to --format json`, its money kept as the decimal text it printed. */
async function query(by: string, from: string, to: string): Promise<QueryRow[]> {
  const { stdout } = await run('dotnet', [dll, 'query', '--store', store, '--by', by, '--from', from, '--to', to, '--format', 'json'],
    { maxBuffer: 64 * 1024 * 1024 });
  const quoted = stdout.replace(/"(cost|credits|net)": (-?[0-9.]+)/g, '"$1": "$2"');
  return (JSON.parse(quoted) as { rows: QueryRow[] }).rows;
}

/** The JSON the server sent for a method, its amounts kept as text, for exact comparisons. */
async function raw(method: string, params: Record<string, string>): Promise<unknown> {
  const url = new URL(`${baseUrl}/api/cost-insights/${method}`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200);
  return JSON.parse((await response.text()).replace(/"amount":(-?[0-9.]+)/g, '"amount":"$1"'));
}

async function window() {
  const last = await client().getLastCompleteBillingDate();
  const end = day(last, 1);
  return { last, intervals: `R2/P30D/${end}`, from: day(end, -60), middle: day(end, -30) };
}

/** Checks a daily cost against query rows whose `dimension` is `value`, day by day, and its change. */
function checkDaily(cost: Cost, rawCost: { aggregation: { date: string; amount: string }[] }, rows: QueryRow[], dimension: string,
  value: string, from: string, middle: string, last: string) {
  const expected = new Map<string, bigint>();
  for (const r of rows.filter((r) => r[dimension] === value)) expected.set(r['day']!, dec(r['net']!));
  assert.equal(cost.aggregation.length, 60);
  assert.equal(cost.aggregation[0]!.date, from);
  assert.equal(cost.aggregation.at(-1)!.date, last);
  for (const a of rawCost.aggregation) assert.equal(dec(a.amount), expected.get(a.date) ?? 0n, `${value} on ${a.date}`);
  const previous = decSum([...expected].filter(([d]) => d < middle).map(([, v]) => v));
  const current = decSum([...expected].filter(([d]) => d >= middle).map(([, v]) => v));
  sameNumber(current - previous, cost.change!.amount);
  assert.ok(Number.isFinite(cost.trendline!.slope) && Number.isFinite(cost.trendline!.intercept));
}

test('getLastCompleteBillingDate is a billed day no later than two days ago', async () => {
  const last = await client().getLastCompleteBillingDate();
  assert.match(last, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(last <= day(new Date().toISOString().slice(0, 10), -2));
  const rows = await query('day', last, last);
  assert.equal(rows.length, 1);
});

test('getUserGroups lists the teams that costs query lists', async () => {
  const { last } = await window();
  const teams = (await query('team', day(last, -89), last)).map((r) => r['team']).filter((t): t is string => t !== null && !t.startsWith('('));
  const groups = await client().getUserGroups('user:default/guest');
  assert.ok(groups.length > 0);
  assert.deepEqual(groups.map((g) => g.id), [...teams].sort());
});

test('getGroupDailyCost equals costs query --by team,day', async () => {
  const { last, intervals, from, middle } = await window();
  const rows = await query('team,day', from, last);
  const groups = await client().getUserGroups('user:default/guest');
  for (const group of groups) {
    const cost = await client().getGroupDailyCost(group.id, intervals);
    checkDaily(cost, (await raw('group-daily-cost', { group: group.id, intervals })) as never, rows, 'team', group.id, from, middle, last);
    for (const breakdown of Object.values(cost.groupedCosts ?? {}))
      cost.aggregation.forEach((a, i) =>
        assert.ok(Math.abs(breakdown.reduce((s, b) => s + b.aggregation[i]!.amount, 0) - a.amount) < 1e-6, `breakdown of ${group.id} on ${a.date}`));
  }
});

test('getGroupProjects and getProjectDailyCost equal costs query --by project,day', async () => {
  const { last, intervals, from, middle } = await window();
  const [group] = await client().getUserGroups('user:default/guest');
  const projects = await client().getGroupProjects(group!.id);
  const expected = (await query('team,project', day(last, -89), last)).filter((r) => r['team'] === group!.id && r['project'] !== null).map((r) => r['project']);
  assert.deepEqual(projects.map((p) => p.id), [...expected].sort());
  const rows = await query('project,day', from, last);
  for (const project of projects) {
    const cost = await client().getProjectDailyCost(project.id, intervals);
    checkDaily(cost, (await raw('project-daily-cost', { project: project.id, intervals })) as never, rows, 'project', project.id, from, middle, last);
  }
});

test('getCatalogEntityDailyCost equals costs query --by service,day for the component named after the service', async () => {
  const { last, intervals, from, middle } = await window();
  const rows = await query('service,day', from, last);
  const services = [...new Set(rows.map((r) => r['service']).filter((s): s is string => s !== null && !s.startsWith('(')))].slice(0, 3);
  assert.ok(services.length > 0);
  for (const service of services) {
    const entity = `component:default/${service}`;
    const cost = await client().getCatalogEntityDailyCost(entity, intervals);
    assert.equal(cost.id, entity);
    checkDaily(cost, (await raw('catalog-entity-daily-cost', { entity, intervals })) as never, rows, 'service', service, from, middle, last);
  }
});

test('getProductInsights equals costs query --by team,cloud-service for each period', async () => {
  const { last, intervals, from, middle } = await window();
  const [group] = await client().getUserGroups('user:default/guest');
  const before = await query('team,cloud-service', from, day(middle, -1));
  const now = await query('team,cloud-service', middle, last);
  const services = [...new Set(now.filter((r) => r['team'] === group!.id).map((r) => r['cloud-service']!))];
  assert.ok(services.length > 0);
  for (const service of services) {
    const kind = service.replace(/[^A-Za-z0-9]/g, '');
    const entity = await client().getProductInsights({ product: kind, group: group!.id, intervals, project: null });
    const rawEntity = (await raw('product-insights', { product: kind, group: group!.id, intervals })) as { aggregation: number[] };
    const net = (rows: QueryRow[]) => decSum(rows.filter((r) => r['team'] === group!.id && r['cloud-service'] === service).map((r) => dec(r['net']!)));
    sameNumber(net(before), rawEntity.aggregation[0]!);
    sameNumber(net(now), rawEntity.aggregation[1]!);
    assert.equal(entity.id, kind);
    sameNumber(net(now) - net(before), entity.change.amount);
  }
});

test('getAlerts gives each alert a title and a subtitle', async () => {
  for (const group of await client().getUserGroups('user:default/guest')) {
    const alerts = await client().getAlerts(group.id);
    assert.ok(Array.isArray(alerts));
    for (const a of alerts) {
      assert.equal(typeof a.title, 'string');
      assert.equal(typeof a.subtitle, 'string');
    }
  }
});

test('a malformed interval is a 400 that says why', async () => {
  await assert.rejects(client().getGroupDailyCost('payments', 'R2/P30D/2026-13-01'),
    (e: unknown) => e instanceof CostsApiError && e.status === 400 && /not a calendar date/.test(e.message));
});

test('without the bearer token the API answers 401', async () => {
  const anonymous = new CostsCostInsightsClient({ baseUrl });
  await assert.rejects(anonymous.getLastCompleteBillingDate(), (e: unknown) => e instanceof CostsApiError && e.status === 401);
});

test('getDailyMetricData says Costs keeps no business metrics', async () => {
  await assert.rejects(client().getDailyMetricData('dailyUsers', 'R2/P30D/2026-11-01'), /no business metrics/);
});
