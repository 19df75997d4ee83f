// The exceljs side of bench/run.sh's workbook comparison: exceljs's streaming writer writes a Data sheet with the
// columns of Costs' Data sheet (a date, 16 text columns, 3 money columns; header frozen, autofilter, widths).
//   node exceljs-workbook.mjs ROWS.csv COUNT OUT.xlsx
// ROWS.csv is `costs query --format csv --by day,month,kind,service,...` of the same store; COUNT is the Data
// sheet's row count that `costs report` printed; the CSV's rows are written in order (repeated if fewer).
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import ExcelJS from 'exceljs';

const [csvPath, countText, out] = process.argv.slice(2);
if (!out) { console.error('usage: node exceljs-workbook.mjs ROWS.csv COUNT OUT.xlsx'); process.exit(2); }
const count = Number(countText);

function cells(line) {
  const result = [];
  let field = '', quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { result.push(field); field = ''; }
    else field += ch;
  }
  result.push(field);
  return result;
}

const source = [];
let header;
for await (const line of createInterface({ input: createReadStream(csvPath), crlfDelay: Infinity })) {
  if (!line) continue;
  if (!header) { header = cells(line); continue; }
  source.push(cells(line));
}
const at = name => header.indexOf(name);
const [day, month, kind] = [at('day'), at('month'), at('kind')];
const texts = ['service', 'team', 'environment', 'project', 'cloud-service', 'sku', 'region', 'cluster', 'namespace', 'node-pool', 'node', 'workload'].map(at);
const [cost, credits, net] = [at('cost'), at('credits'), at('net')];

const headers = ['Day', 'Invoice month', 'Kind', 'Service', 'Team', 'Environment', 'Project', 'Cloud service', 'SKU',
  'Region', 'Cluster', 'Namespace', 'Node pool', 'Node', 'Workload', 'Rule', 'Missing labels', 'Cost', 'Credits', 'Net'];
const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true, useSharedStrings: false });
const sheet = workbook.addWorksheet('Data', { views: [{ state: 'frozen', ySplit: 1 }] });
sheet.columns = headers.map((h, i) => ({
  header: h, key: String(i), width: i === 0 ? 12 : i >= 17 ? 14 : 18,
  style: i === 0 ? { numFmt: 'yyyy-mm-dd' } : i >= 17 ? { numFmt: '#,##0.00' } : {},
}));
sheet.autoFilter = { from: 'A1', to: { row: count + 1, column: headers.length } };
sheet.getRow(1).font = { bold: true };
sheet.getRow(1).commit();
for (let i = 0; i < count; i++) {
  const r = source[i % source.length];
  const [y, m, d] = r[day].split('-').map(Number);
  sheet.addRow([
    new Date(Date.UTC(y, m - 1, d)), r[month].replace('-', ''), r[kind], ...texts.map(c => r[c] || null),
    'app label', null, Number(r[cost]), Number(r[credits]), Number(r[net]),
  ]).commit();
}
sheet.commit();
await workbook.commit();
console.log(`Wrote ${out} (${count} data rows)`);
