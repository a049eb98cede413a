/**
 * One measured import or export, in its own process so its peak RSS is its own (run by
 * bulk.bench.ts): prints {ms, maxRssMb, ...} as JSON. The time covers the operation only, not the
 * process start.
 *   tsx test/bench/bulk-task.ts preview|import FILE DATA_DIR
 *   tsx test/bench/bulk-task.ts register-xlsx|register-csv|gstr1-xlsx LEDGER OUT_FILE FROM TO
 */
import { join } from 'node:path';
import { exportGstr1, exportRegister } from '../../electron/app/bulk/export';
import { commitImport } from '../../electron/app/bulk/import-commit';
import { prepareImport } from '../../electron/app/bulk/import-service';
import { loadHsnMaster } from '../../electron/app/masters';
import { openLedger } from '../../electron/ledger';

const [task, a, b, c, d] = process.argv.slice(2);
const hsn = loadHsnMaster();
// CPU time besides wall time: on a machine shared by a dozen busy processes, the wall clock
// measures the queue as much as the work
const cpu0 = process.cpuUsage();
let result: Record<string, unknown>;
if (task === 'preview' || task === 'import') {
  const ledger = openLedger(join(b ?? '', 'ledger.sqlite'));
  if (ledger.businesses.list().length === 0) {
    ledger.businesses.create({ gstin: '29ABCDE1234F1ZW', legalName: 'Practice Traders Bengaluru', address1: '12 MG Road', location: 'Bengaluru', pin: 560001, stateCode: '29' });
  }
  const t0 = performance.now();
  const prepared = await prepareImport({ ledger, hsn, now: () => new Date() }, a ?? '');
  const previewMs = performance.now() - t0;
  const valid = prepared.docs.filter((x) => x.status === 'ok').length;
  const imported = task === 'import' ? commitImport(ledger, prepared).imported : 0;
  result = { ms: performance.now() - t0, previewMs, documents: prepared.docs.length, lines: prepared.lines, valid, imported, errors: prepared.problems.filter((p) => p.severity === 'error').slice(0, 3) };
  ledger.close();
} else {
  const ledger = openLedger(a ?? '');
  const query = { from: c ?? '', to: d ?? '' };
  const t0 = performance.now();
  const r = task === 'gstr1-xlsx'
    ? await exportGstr1(ledger.db, { query, format: 'xlsx', file: b ?? '' })
    : await exportRegister(ledger.db, { query, format: task === 'register-csv' ? 'csv' : 'xlsx', file: b ?? '' });
  result = { ms: performance.now() - t0, documents: r.documents, lines: r.lines, files: r.files };
  ledger.close();
}
const used = process.cpuUsage(cpu0);
process.stdout.write(`${JSON.stringify({ ...result, cpuMs: Math.round((used.user + used.system) / 1000), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
