/**
 * Issue 14 end to end through the CLI, on real-shaped files against the practice IRP over real HTTP:
 * import (dry run: the preview's problems) → import → the drafts in the ledger → register by number
 * → export → the exported register lists the IRNs. For a Tally-style register (.xlsx, lakh-grouped
 * text amounts, state names, title rows, continuation rows, a Grand Total row), a one-row-per-
 * document CSV, and NIC's bulk layout (.xlsx) and bulk JSON.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { buildPayload } from '../../shared/einvoice/compute';
import { BUYERS, writeNicXlsx, writeOneRowCsv, writeTallyXlsx } from '../support/bulk-files';
import { draft, goodsLine, serviceLine } from '../support/invoices';
import { openTestApp, PRACTICE_BUYER, SELLER_GSTIN, startPractice, todayDocDate, type Practice } from '../support/practice';

let practice: Practice;
let dir: string;
let env: NodeJS.ProcessEnv;
const today = todayDocDate();
const tag = `${process.pid % 1000}`;

beforeAll(async () => {
  practice = await startPractice();
  const t = await openTestApp(practice);
  dir = t.dir;
  const account = practice.account(SELLER_GSTIN);
  env = { EINVOICE_CLIENT_SECRET: account.clientSecret, EINVOICE_PASSWORD: account.password };
  await t.app.close();
});

afterAll(async () => {
  await practice.close();
});

async function cli(...args: string[]): Promise<{ code: number; out: string[]; err: string[]; json: () => unknown }> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), stdin: new PassThrough(), env, now: () => new Date() };
  const code = await runCli([...args, '--data', dir], io);
  return { code, out, err, json: () => JSON.parse(out.find((l) => l.startsWith('{') || l.startsWith('[')) ?? 'null') as unknown };
}

interface ImportOut {
  documents: number;
  lines: number;
  imported: number;
  skipped: number;
  problems: Array<{ row: number; column: string; code: string; message: string }>;
  warnings: Array<{ row: number; column: string; code: string; message: string }>;
}

async function sheetRows(file: string, sheet: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const rows: unknown[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}

describe('a Tally-style sales register (.xlsx)', () => {
  it('previews the planted problem, imports the rest as drafts, never twice, registers them by number, exports the IRNs', async () => {
    const file = join(dir, 'tally.xlsx');
    const rice = { item: 'Basmati rice 25 kg bag', hsn: '10063020', qty: 10, unit: 'Bags', ratePaise: 1_85_000, gst: 5 };
    const shirt = { item: 'Cotton T-shirt', hsn: '61091000', qty: 1200, unit: 'pcs', ratePaise: 45_000, gst: 12 };
    const laptop = { item: 'Laptop 14 inch', hsn: '84713010', qty: 2, unit: 'Nos', ratePaise: 55_00_000, gst: 18 };
    await writeTallyXlsx(file, [
      { no: `TS${tag}/1`, date: today, buyer: 'mh', lines: [rice, shirt] },
      { no: `TS${tag}/2`, date: today, buyer: 'ka', lines: [laptop] },
      { no: `TS${tag}/3`, date: today, buyer: 'tn', lines: [laptop], igstFirstLine: 20_00_000 },
    ]);

    const preview = await cli('import', file, '--dry-run', '--json');
    expect(preview.code).toBe(1);
    const p = preview.json() as ImportOut;
    expect(p).toMatchObject({ documents: 3, lines: 4, imported: 0 });
    // the register's rows: 5 header, 6-7 TS/1 (second item on a continuation row), 8 TS/2, 9 TS/3, 10 Grand Total
    expect(p.problems).toContainEqual(expect.objectContaining({ row: 9, column: 'IGST', code: '2235' }));
    expect(p.problems.every((x) => x.row === 9)).toBe(true);
    expect(p.warnings).toContainEqual(expect.objectContaining({ row: 10, code: 'SKIPPED_ROW' }));
    expect((await cli('ledger', 'list', '--json')).json()).toEqual([]);

    const real = await cli('import', file, '--json');
    expect(real.code).toBe(1);
    expect(real.json()).toMatchObject({ documents: 3, imported: 2, skipped: 1 });
    expect(real.err.join('\n')).toMatch(/importing 2\/2/);
    const drafts = (await cli('ledger', 'list', '--status', 'draft', '--json')).json() as Array<{ docNo: string; status: string; total: number; buyerGstin: string }>;
    expect(drafts.map((d) => [d.docNo, d.status, d.buyerGstin]).sort()).toEqual([[`TS${tag}/1`, 'draft', BUYERS.mh.gstin], [`TS${tag}/2`, 'draft', BUYERS.ka.gstin]]);
    // 10 bags × 1,850 + 1,200 pcs × 450 = 5,58,500 taxable; IGST 925 + 64,800
    expect(drafts.find((d) => d.docNo === `TS${tag}/1`)?.total).toBe(624225);

    const again = (await cli('import', file, '--json')).json() as ImportOut;
    expect(again.imported).toBe(0);
    expect(again.problems.filter((x) => x.code === 'DUPLICATE').map((x) => x.row).sort()).toEqual([6, 8]);

    const reg = await cli('register', '--doc', `ts${tag}/1`, '--doc', `TS${tag}/2`, '--doc', 'NOPE/1', '--json');
    const rows = reg.json() as Array<{ docNo: string; status: string; irn: string | null; errors: Array<{ code: string }> }>;
    expect(rows.filter((r) => r.status === 'registered').map((r) => r.docNo).sort()).toEqual([`TS${tag}/1`, `TS${tag}/2`]);
    expect(rows.find((r) => r.docNo === 'NOPE/1')?.errors[0]?.code).toBe('NOT_FOUND');
    expect(reg.code).toBe(1);
    const irns = rows.filter((r) => r.irn).map((r) => r.irn as string);
    expect(irns).toHaveLength(2);

    const out = join(dir, 'register.xlsx');
    const exp = await cli('export', 'register', '--from', today, '--to', today, '-o', out, '--json');
    expect(exp.code).toBe(0);
    const register = await sheetRows(out, 'Register');
    expect(register[0]).toContain('IRN');
    const irnCol = (register[0] as string[]).indexOf('IRN');
    for (const irn of irns) expect(register.some((r) => r[irnCol] === irn)).toBe(true);
    const ts1 = register.find((r) => r[1] === `TS${tag}/1`) as unknown[];
    const head = register[0] as string[];
    expect([ts1[head.indexOf('Taxable Value')], ts1[head.indexOf('IGST')], ts1[head.indexOf('Total Invoice Value')], ts1[head.indexOf('Status')]]).toEqual([558500, 65725, 624225, 'registered']);
    const lines = await sheetRows(out, 'Lines');
    expect(lines.filter((r) => r[1] === `TS${tag}/1`).map((r) => r[6])).toEqual(['10063020', '61091000']);
  });
});

describe('a one-row-per-document CSV', () => {
  it('imports intra- and inter-state documents, registers all drafts, exports the register as CSV', async () => {
    const file = join(dir, 'one-row.csv');
    writeOneRowCsv(file, [
      { no: `OR${tag}-1`, date: today, buyer: 'mh', taxablePaise: 1_23_45_678, gst: 18 },
      { no: `OR${tag}-2`, date: today, buyer: 'ka', taxablePaise: 5_00_000, gst: 18 },
    ]);
    const imported = await cli('import', file, '--json');
    expect(imported.json()).toMatchObject({ documents: 2, imported: 2, problems: [] });
    expect(imported.code).toBe(0);
    const reg = await cli('register', '--all-drafts', '--json');
    expect(reg.code).toBe(0);
    const rows = reg.json() as Array<{ docNo: string; status: string; irn: string }>;
    expect(rows.map((r) => r.status)).toEqual(['registered', 'registered']);
    const out = join(dir, 'register.csv');
    expect((await cli('export', 'register', '--from', today, '--to', today, '-o', out, '--status', 'registered', '--json')).json()).toMatchObject({ files: [out, join(dir, 'register-lines.csv')] });
    const text = (await import('node:fs')).readFileSync(out, 'utf8');
    for (const r of rows) expect(text).toContain(r.irn);
    expect(text).toContain(`OR${tag}-2`);
  });
});

describe('NIC Bulk Generation Tool layout and its JSON', () => {
  it('imports the single-sheet layout and the INV-01 array; the GSTR-1 export lists them in b2b', async () => {
    const base = { docDate: today, buyer: PRACTICE_BUYER, lines: [goodsLine(), serviceLine()] };
    const file = join(dir, 'nic.xlsx');
    await writeNicXlsx(file, [draft({ ...base, docNo: `NB${tag}/1` }), draft({ ...base, docNo: `NB${tag}/2`, lines: [serviceLine()] })]);
    const nic = await cli('import', file, '--json');
    expect(nic.json()).toMatchObject({ documents: 2, lines: 3, imported: 2, problems: [] });

    const json = join(dir, 'bulk.json');
    writeFileSync(json, JSON.stringify([buildPayload(draft({ ...base, docNo: `NJ${tag}/1` })), buildPayload(draft({ ...base, docNo: `NJ${tag}/2` }))]));
    const bulk = await cli('import', json, '--json');
    expect(bulk.json()).toMatchObject({ documents: 2, imported: 2, problems: [] });

    const reg = await cli('register', '--doc', `NB${tag}/1`, '--doc', `NB${tag}/2`, '--doc', `NJ${tag}/1`, '--doc', `NJ${tag}/2`, '--json');
    expect(reg.code).toBe(0);
    const irns = (reg.json() as Array<{ irn: string }>).map((r) => r.irn);
    expect(irns).toHaveLength(4);

    const out = join(dir, 'gstr1.xlsx');
    const g = await cli('export', 'gstr1', '--from', today, '--to', today, '-o', out, '--json');
    expect(g.code).toBe(0);
    const b2b = await sheetRows(out, 'b2b');
    // the offline tool's template: a summary above, the header on row 4 (exceljs skips the empty row 3)
    expect(b2b[0]).toEqual(['Summary For B2B']);
    expect(b2b[2]).toEqual(['GSTIN/UIN of Recipient', 'Receiver Name', 'Invoice Number', 'Invoice date', 'Invoice Value', 'Place Of Supply', 'Reverse Charge', 'Applicable % of Tax Rate', 'Invoice Type', 'E-Commerce GSTIN', 'Rate', 'Taxable Value', 'Cess Amount']);
    const nb2 = b2b.filter((r) => r[2] === `NB${tag}/2`);
    expect(nb2).toEqual([[PRACTICE_BUYER.Gstin, PRACTICE_BUYER.LglNm, `NB${tag}/2`, expect.stringMatching(/^\d{2}-[A-Z][a-z]{2}-\d{4}$/), 59000, '27-Maharashtra', 'N', undefined, 'Regular B2B', undefined, 18, 50000, 0]]);
    expect(b2b.filter((r) => r[2] === `NB${tag}/1`).map((r) => r[10])).toEqual([5, 18]);
    const register = await sheetRows(join(dir, 'register.xlsx'), 'Register');
    expect(register.length).toBeGreaterThan(1);
  });
});

describe('mappings from a file, by name and by layout', () => {
  it('a column the app does not know is unmapped until a mapping says what it is; the mapping is reused', async () => {
    const csv = (no: string) => ['Bill No,Bill Date,Customer GSTIN,Customer Name,Address,City,PIN,State,Service,Commodity Code,Taxable Value,GST %',
      `${no},${today},${BUYERS.mh.gstin},${BUYERS.mh.name},"${BUYERS.mh.address}",Mumbai,400001,MH,Consulting,998311,"1,00,000",18`].join('\n');
    const first = join(dir, 'custom-1.csv');
    writeFileSync(first, csv(`MP${tag}/1`));
    const unmapped = await cli('import', first, '--json');
    expect(unmapped.code).toBe(1);
    expect((unmapped.json() as ImportOut).problems).toEqual([{ row: 1, column: '', code: 'UNMAPPED', message: 'No column is mapped to HSN/SAC' }]);

    const mappingFile = join(dir, 'services-layout.json');
    writeFileSync(mappingFile, JSON.stringify({ columns: { docNo: 'Bill No', docDate: 'Bill Date', buyerGstin: 'Customer GSTIN', buyerName: 'Customer Name', buyerAddress1: 'Address', buyerCity: 'City', buyerPin: 'PIN', placeOfSupply: 'State', description: 'Service', hsn: 'Commodity Code', taxableValue: 'Taxable Value', gstRate: 'GST %' } }));
    expect((await cli('import', first, '--mapping', mappingFile, '--json')).json()).toMatchObject({ imported: 1, problems: [] });

    const second = join(dir, 'custom-2.csv');
    writeFileSync(second, csv(`MP${tag}/2`));
    expect((await cli('import', second, '--mapping', 'services-layout', '--json')).json()).toMatchObject({ imported: 1, problems: [] });
    const third = join(dir, 'custom-3.csv');
    writeFileSync(third, csv(`MP${tag}/3`));
    const byLayout = await cli('import', third, '--json');
    expect(byLayout.err).toContain('using the mapping "services-layout" saved for this layout');
    expect(byLayout.json()).toMatchObject({ imported: 1, problems: [] });
    expect((await cli('import', third, '--mapping', 'nope', '--json')).code).toBe(2);
    const bad = join(dir, 'bad-mapping.json');
    writeFileSync(bad, JSON.stringify({ columns: { docNumber: 'Bill No' } }));
    expect((await cli('import', third, '--mapping', bad)).code).toBe(2);
  });
});
