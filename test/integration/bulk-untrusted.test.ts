/**
 * Issue 14 and the brief: files from outside are untrusted. Size, rows, columns, cell length, zip
 * expansion and time are bounded, each refusal with its own code and a sentence; files that are
 * not what they claim are refused by content; encodings and delimiters of real CSVs are read.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitImport } from '../../electron/app/bulk/import-commit';
import { analyzeFile, prepareImport, type ImportEnv } from '../../electron/app/bulk/import-service';
import { goodsLine, validInvoice } from '../support/invoices';
import { DEFAULT_LIMITS, ImportFileError, type ImportLimits } from '../../electron/app/bulk/limits';
import { guardZip } from '../../electron/app/bulk/read-xlsx';
import { loadHsnMaster } from '../../electron/app/masters';
import { runCli } from '../../electron/cli/main';
import { openLedger, type Ledger } from '../../electron/ledger';

let dir: string;
let ledger: Ledger;
let env: ImportEnv;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'einvoice-untrusted-'));
  ledger = openLedger(join(dir, 'ledger.sqlite'));
  ledger.businesses.create({ gstin: '29ABCDE1234F1ZW', legalName: 'Practice Traders Bengaluru', address1: '12 MG Road', location: 'Bengaluru', pin: 560001, stateCode: '29' });
  env = { ledger, hsn: loadHsnMaster(), now: () => new Date('2026-11-21T06:00:00Z') };
});

afterAll(() => ledger.close());

const limited = (l: Partial<ImportLimits>): ImportEnv => ({ ...env, limits: { ...DEFAULT_LIMITS, ...l } });

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ImportFileError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('the file was accepted');
}

function write(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const CSV_HEAD = 'Invoice No,Invoice Date,Customer GSTIN,Customer Name,HSN/SAC,Taxable Value,GST %\n';
const csvRow = (i: number) => `A/${i},20/11/2026,27AADCP1234M1ZD,Buyer,998311,"1,000.00",18\n`;

/** A real zip whose one part inflates to `bytes` of zeros (JSZip writes it; deflate squeezes zeros ~1000:1). */
async function zipOf(parts: Record<string, string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, text] of Object.entries(parts)) zip.file(name, text);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

describe('bounds, each with its own code', () => {
  it('refuses a file larger than the limit before reading it', async () => {
    const file = write('big.csv', CSV_HEAD + csvRow(1).repeat(2000));
    expect(await refusal(analyzeFile(limited({ maxFileBytes: 10_000 }), file))).toEqual({ code: 'FILE_TOO_LARGE', message: 'The file is 113 KB; files up to 9.8 KB can be imported. Split it by month.' });
  });

  it('refuses too many rows, too many columns and an over-long cell', async () => {
    const rows = write('rows.csv', CSV_HEAD + Array.from({ length: 80 }, (_, i) => csvRow(i)).join(''));
    expect((await refusal(prepareImport(limited({ maxRows: 20 }), rows))).code).toBe('TOO_MANY_ROWS');
    const wide = write('wide.csv', `${Array.from({ length: 300 }, (_, i) => `c${i}`).join(',')}\n`);
    expect(await refusal(analyzeFile(env, wide))).toEqual({ code: 'TOO_MANY_COLUMNS', message: 'Row 1 has more than 256 columns; keep only the columns of the register.' });
    const long = write('long.csv', `${CSV_HEAD}A/1,20/11/2026,27AADCP1234M1ZD,"${'x'.repeat(5000)}",998311,1000,18\n`);
    expect((await refusal(analyzeFile(env, long))).code).toBe('CELL_TOO_LONG');
  });

  it('refuses an .xlsx that inflates past the limit, counting the bytes it really expands to', async () => {
    const bomb = write('bomb.xlsx', await zipOf({ '[Content_Types].xml': '<Types/>', 'xl/worksheets/sheet1.xml': '0'.repeat(8 * 1024 * 1024) }));
    const r = await refusal(analyzeFile(limited({ maxUnzippedBytes: 4 * 1024 * 1024 }), bomb));
    expect(r.code).toBe('ZIP_BOMB');
    expect(r.message).toMatch(/expands to more than 4\.0 MB .*\(limit 4\.0 MB\); it is not an ordinary spreadsheet/);
    const strings = write('strings.xlsx', await zipOf({ 'xl/sharedStrings.xml': 'a'.repeat(3 * 1024 * 1024) }));
    expect((await refusal(guardZip(strings, { ...DEFAULT_LIMITS, maxSharedStringsBytes: 1024 * 1024 }))).code).toBe('ZIP_BOMB');
    const parts = write('parts.xlsx', await zipOf(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`p${i}.xml`, 'x']))));
    expect((await refusal(guardZip(parts, { ...DEFAULT_LIMITS, maxZipEntries: 10 }))).code).toBe('ZIP_BOMB');
  });

  it('stops reading when the time is up', async () => {
    const file = write('slow.csv', CSV_HEAD + csvRow(1));
    expect((await refusal(analyzeFile(limited({ maxMillis: -1 }), file))).code).toBe('TOO_SLOW');
  });
});

describe('files that are not what they claim', () => {
  it.each([
    ['empty.csv', '', 'EMPTY_FILE'],
    ['old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'OLD_EXCEL'],
    ['fake.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]), 'NOT_XLSX'],
    ['binary.csv', Buffer.from([0x41, 0x2c, 0x00, 0x42, 0x0a]), 'NOT_CSV'],
    ['broken.json', '[{"Version": "1.1",', 'BAD_JSON'],
    ['quote.csv', 'Invoice No,Date\n"A/1,20/11/2026\n', 'BAD_CSV'],
  ])('%s is refused with %s', async (name, content, code) => {
    expect((await refusal(analyzeFile(env, write(name, content)))).code).toBe(code);
  });

  it('a workbook without the asked sheet says which sheets it has', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sales').addRow(['Invoice No', 'Invoice Date', 'HSN/SAC', 'Taxable Value']);
    const file = join(dir, 'sheets.xlsx');
    await wb.xlsx.writeFile(file);
    expect(await refusal(prepareImport(env, file, { mapping: { columns: {}, sheet: 'Purchases' } }))).toEqual({ code: 'NO_SUCH_SHEET', message: 'The workbook has no sheet named "Purchases" (it has Sales).' });
  });

  it('the CLI exits 2 with the reason', async () => {
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s), stdin: new PassThrough(), env: {}, now: () => new Date() };
    expect(await runCli(['import', write('nothing.csv', ''), '--json', '--data', dir], io)).toBe(2);
    expect(JSON.parse(out.find((l) => l.startsWith('{')) ?? '{}')).toEqual({ error: { code: 'EMPTY_FILE', message: 'The file is empty.' } });
  });
});

describe('real CSVs', () => {
  it('reads Windows-1252 and UTF-16 text, semicolons and tabs', async () => {
    const text = `${CSV_HEAD.replace('Customer Name', 'Customer Name')}A/1,20/11/2026,27AADCP1234M1ZD,Café Traders,998311,"1,000.00",18\n`;
    const cp1252 = Buffer.from(text, 'latin1');
    const a = await analyzeFile(env, write('cp1252.csv', cp1252));
    expect(a.samples[3]).toEqual(['Café Traders']);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect((await analyzeFile(env, write('utf16.csv', utf16))).samples[3]).toEqual(['Café Traders']);
    const semi = text.replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g, ';');
    const s = await analyzeFile(env, write('semi.csv', semi));
    expect(s.headers).toEqual(['Invoice No', 'Invoice Date', 'Customer GSTIN', 'Customer Name', 'HSN/SAC', 'Taxable Value', 'GST %']);
    expect(s.samples[5]).toEqual(['1,000.00']);
    const tabs = write('tabs.csv', text.replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g, '\t'));
    expect((await analyzeFile(env, tabs)).headers).toHaveLength(7);
  });
});

describe('the masters are a convenience', () => {
  it('a product the products master refuses (cess above its 100 %) is left out; the document is imported', async () => {
    const inv = validInvoice({ docNo: 'CS/1', lines: [goodsLine({ description: 'Pan masala 1 kg', hsn: '21069020', gstRate: 28, cessRate: 160 })] });
    const file = write('cess.json', JSON.stringify([inv]));
    const prepared = await prepareImport(env, file);
    expect(prepared.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const r = commitImport(ledger, prepared);
    expect(r).toMatchObject({ imported: 1, products: 0, parties: 1 });
    expect(ledger.invoices.findByIdentity('29ABCDE1234F1ZW', 'INV', 'CS/1', '2026-11-14')?.status).toBe('draft');
  });
});
