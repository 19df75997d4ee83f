// Browser test of the pages of `costs serve`: Debian's chromium, driven by playwright-core.
// It builds one store (`costs demo --months 2`, plus two services with hostile names under a billing
// account of their own), serves it on a loopback port, and checks in the browser that the index lists
// the demo's services, that a service page shows its chart and the month-to-date figure `costs query`
// gives, and that hostile names show as text. It saves screenshots to docs/images/.
// Run by ./test.sh after `dotnet test` (which builds src/Costs). Prints "browser: P passed, F failed".
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const costsDll = process.env.COSTS_DLL ?? join(root, 'src', 'Costs', 'bin', 'Release', 'net10.0', 'costs.dll');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const images = join(root, 'docs', 'images');
const SCRIPT = '<script>alert(1)</script>';
const FORMULA = '=HYPERLINK("x")';

const run = promisify(execFile);
const results = [];

async function check(name, body) {
  try {
    await body();
    results.push({ name, ok: true });
    console.log(`ok - ${name}`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`not ok - ${name}\n  ${String(e?.stack ?? e).replaceAll('\n', '\n  ')}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

// No configuration but what a command names: not $COSTS_CONFIG, not a costs.json where the test runs.
const env = { ...process.env };
delete env.COSTS_CONFIG;
let workDir = tmpdir();

async function costs(...args) {
  const { stdout } = await run('dotnet', [costsDll, ...args], { cwd: workDir, maxBuffer: 64 * 1024 * 1024, env });
  return stdout;
}

// The page's money format: two decimals, thousands separated by commas (Html.Money).
const money = (n) => Number(n).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Export lines (BigQuery detailed export, JSON lines) of one service, under a billing account the demo does not use. */
function hostileLines(days) {
  const lines = [];
  for (const day of days) {
    for (const [app, cost] of [[SCRIPT, '2.50'], [FORMULA, '1.75']]) {
      lines.push(JSON.stringify({
        billing_account_id: '0HOST1-LE0000-000000',
        service: { id: '152E-C115-5142', description: 'Cloud Run' }, sku: { id: 'AAAA-BBBB-CCCC', description: 'CPU Allocation Time' },
        usage_start_time: `${day} 00:00:00 UTC`, usage_end_time: `${day} 01:00:00 UTC`,
        project: { id: 'acme-hostile', name: 'acme-hostile', labels: [] },
        labels: [{ key: 'app', value: app }, { key: 'team', value: 'hostile' }, { key: 'env', value: 'staging' }],
        cost, currency: 'USD', credits: [], invoice: { month: day.slice(0, 7).replace('-', '') },
      }));
    }
  }
  return lines.join('\n') + '\n';
}

/** Starts `costs serve` on a free loopback port; resolves with its base URL once it logs where it listens. */
function serve(dir, store) {
  writeFileSync(join(dir, 'serve.json'), JSON.stringify({ Http: { Port: 0, BindAddress: '127.0.0.1' } }));
  const child = spawn('dotnet', [costsDll, '--config', join(dir, 'serve.json'), '--store', store, 'serve'],
    { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const url = new Promise((resolveUrl, reject) => {
    const onData = (chunk) => {
      log += chunk;
      const m = /Listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (m) resolveUrl(m[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`costs serve exited ${code}:\n${log}`)));
  });
  return { child, url, log: () => log };
}

async function main() {
  assert(existsSync(costsDll), `${costsDll} is missing: build src/Costs first (dotnet build -c Release)`);
  assert(existsSync(chromiumPath), `${chromiumPath} is missing: apt-get install chromium`);
  const dir = mkdtempSync(join(tmpdir(), 'costs-browser-'));
  workDir = dir;
  let server;
  let browser;
  try {
    await costs('demo', '--months', '2', '--out', join(dir, 'demo'));
    const store = join(dir, 'demo', 'costs-demo.db');
    const span = JSON.parse(await costs('query', '--store', store, '--by', 'month', '--format', 'json'));
    const asOf = span.to;
    const monthStart = asOf.slice(0, 8) + '01';
    const before = new Date(Date.parse(asOf) - 86400000).toISOString().slice(0, 10);
    writeFileSync(join(dir, 'hostile.jsonl'), hostileLines(before >= monthStart ? [before, asOf] : [asOf]));
    await costs('ingest', 'file', join(dir, 'hostile.jsonl'), '--store', store);
    const query = JSON.parse(await costs('query', '--store', store, '--by', 'service', '--from', monthStart, '--to', asOf, '--format', 'json'));
    const services = query.rows.map((r) => r.service);

    server = serve(dir, store);
    const base = await server.url;
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const dialogs = [];
    page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
    mkdirSync(images, { recursive: true });

    await check('index lists every service of the month with its query figure', async () => {
      const response = await page.goto(base + '/');
      assert(response.status() === 200, `GET / answered ${response.status()}`);
      assert(await page.locator('html').getAttribute('lang') === 'en', 'no lang="en"');
      const rows = await page.locator('#services + table tbody tr').evaluateAll((trs) =>
        trs.map((tr) => [tr.querySelector('th').textContent, tr.querySelector('td').textContent]));
      const shown = new Map(rows);
      for (const r of query.rows) {
        assert(shown.has(r.service), `service ${r.service} not on the index`);
        assert(shown.get(r.service) === money(r.net), `${r.service}: index shows ${shown.get(r.service)}, query ${money(r.net)}`);
      }
      assert(rows.length === services.length, `index has ${rows.length} rows, query ${services.length}`);
      await page.screenshot({ path: join(images, 'service-index.png'), fullPage: true });
    });

    const demoService = query.rows.find((r) => r.service === 'fraud-check') ?? query.rows.find((r) => !r.service.startsWith('('));
    await check(`service page of ${demoService.service} shows its chart and the month to date of query`, async () => {
      await page.goto(base + '/');
      await page.getByRole('link', { name: demoService.service, exact: true }).click();
      await page.waitForURL(/\/service\?name=/);
      assert(await page.getByRole('heading', { level: 1 }).textContent() === demoService.service, 'wrong heading');
      const chart = page.getByRole('img', { name: `Net cost per day of ${demoService.service}, USD` });
      assert(await chart.isVisible(), 'the chart is not visible');
      const box = await chart.boundingBox();
      assert(box.width > 600 && box.height > 150, `the chart is ${box.width}x${box.height}`);
      const bars = await page.locator('svg.chart rect.bar').count();
      assert(bars > 30, `only ${bars} bars`);
      const mtd = await page.locator('.kpi', { hasText: 'Month to date' }).locator('.value').textContent();
      assert(mtd === `${money(demoService.net)} USD`, `page shows ${mtd}, query ${money(demoService.net)} USD`);
      await page.screenshot({ path: join(images, 'service-page.png'), fullPage: true });
    });

    for (const name of [SCRIPT, FORMULA]) {
      await check(`a service named ${name} shows as text`, async () => {
        await page.goto(base + '/');
        const link = page.getByRole('link', { name, exact: true });
        assert(await link.count() === 1, `no link named ${name} on the index`);
        await link.click();
        await page.waitForURL(/\/service\?name=/);
        assert(await page.getByRole('heading', { level: 1 }).textContent() === name, 'the heading is not the name as text');
        assert(await page.locator('body script').count() === 0, 'a script element made it into the page');
        const figure = query.rows.find((r) => r.service === name);
        const mtd = await page.locator('.kpi', { hasText: 'Month to date' }).locator('.value').textContent();
        assert(mtd === `${money(figure.net)} USD`, `page shows ${mtd}, query ${money(figure.net)} USD`);
      });
    }

    await check('no script ran (no dialog opened)', async () => {
      assert(dialogs.length === 0, `dialogs: ${dialogs.join(', ')}`);
    });
  } finally {
    if (browser) await browser.close();
    if (server) {
      server.child.kill('SIGTERM');
      await new Promise((r) => (server.child.exitCode !== null ? r() : server.child.on('exit', r)));
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (e) {
  results.push({ name: 'setup', ok: false });
  console.log(`not ok - setup\n  ${String(e?.stack ?? e).replaceAll('\n', '\n  ')}`);
}
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
