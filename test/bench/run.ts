/**
 * `npm run bench`: runs every test/bench/*.bench.ts (or only those named on the command line)
 * and prints one table. Each module exports `bench(): Promise<BenchRow[]>`. Not run in CI.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchRow } from './measure';

const dir = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

const rows: BenchRow[] = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { bench: () => Promise<BenchRow[]> };
  process.stderr.write(`running ${file} ...\n`);
  for (const row of await mod.bench()) {
    rows.push(row);
    process.stderr.write(`  ${row.area} | ${row.name} | ${row.value} ${row.unit}${row.note ? ` (${row.note})` : ''}\n`);
  }
}
const widths = [20, 58, 16, 10];
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 10)).join(' | ')} |`;
console.log(line(['area', 'measure', 'median', 'unit']));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line([r.area, r.name + (r.note ? ` (${r.note})` : ''), String(r.value), r.unit]));
