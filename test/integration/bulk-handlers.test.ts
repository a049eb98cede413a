/**
 * Issue 14 through the handler table (what the Import screen and the Export button call), over a
 * real core and practice IRP: a register uploaded in chunks, analysed, mapped, previewed with its
 * row-level problem, imported with progress, the mapping saved and found again for the next file of
 * that layout, the drafts registered with progress, the register and GSTR-1 exported.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHandlerHarness, type HandlerHarness } from '../support/handler-harness';
import { writeTallyXlsx } from '../support/bulk-files';
import { todayDocDate } from '../support/practice';

let h: HandlerHarness;
const today = todayDocDate();
const laptop = { item: 'Laptop 14 inch', hsn: '84713010', qty: 2, unit: 'Nos', ratePaise: 55_00_000, gst: 18 };

beforeAll(async () => {
  h = await openHandlerHarness('einvoice-bulk-handlers-');
});
afterAll(async () => h.close());

async function upload(file: string, chunk = 4096): Promise<string> {
  const bytes = readFileSync(file);
  let uploadId: string | undefined;
  for (let offset = 0; offset < bytes.length; offset += chunk) {
    const part = bytes.subarray(offset, offset + chunk);
    const r = await h.call('import:upload', { ...(uploadId ? { uploadId } : {}), fileName: 'sales.xlsx', offset, base64: part.toString('base64'), final: offset + chunk >= bytes.length });
    uploadId = r.uploadId;
    expect(r.bytes).toBe(offset + part.length);
  }
  return uploadId as string;
}

describe('import and export channels', () => {
  it('uploads, maps by hand, previews, imports, remembers the mapping, registers and exports', async () => {
    const file = join(h.dir, 'sales.xlsx');
    await writeTallyXlsx(file, [
      { no: 'HX/1', date: today, buyer: 'mh', lines: [laptop, { ...laptop, item: 'Mouse', hsn: '84716060', qty: 5, ratePaise: 50_000 }] },
      { no: 'HX/2', date: today, buyer: 'ka', lines: [laptop] },
      { no: 'HX/3', date: today, buyer: 'tn', lines: [laptop], igstFirstLine: 1 },
    ]);
    const uploadId = await upload(file);
    const a = await h.call('import:analyze', { uploadId });
    expect(a).toMatchObject({ kind: 'xlsx', sheets: ['Sales Register'], headerRow: 5, dataRows: 5, missing: [] });
    expect(a.samples[a.headers.indexOf('State')]).toEqual(['Maharashtra', 'Karnataka', 'Tamil Nadu']);
    // the user maps one column by hand: "Stock Item" was already matched; unmap the totals column
    const mapping = { ...a.mapping, columns: { ...a.mapping.columns } };
    delete mapping.columns.totalInvoiceValue;

    h.events.length = 0;
    const p = await h.call('import:preview', { uploadId, mapping });
    expect(p).toMatchObject({ documents: 3, lines: 4, valid: 2, withErrors: 1, duplicates: 0, errors: 1 });
    expect(p.problems.filter((x) => x.severity === 'error')).toEqual([expect.objectContaining({ row: 9, column: 'IGST', code: '2235', docNo: 'HX/3' })]);
    expect(p.docs.map((d) => [d.docNo, d.status, d.lines, d.row])).toEqual([['HX/1', 'ok', 2, 6], ['HX/2', 'ok', 1, 8], ['HX/3', 'error', 1, 9]]);

    const c = await h.call('import:commit', { uploadId, mapping, saveMappingAs: 'Tally sales register' });
    expect(c).toMatchObject({ imported: 2, skipped: 1, parties: 2, products: 2 });
    expect(h.events).toContainEqual({ type: 'bulk:progress', job: 'import-save', done: 2, total: 2 });
    expect((await h.refused('import:analyze', { uploadId })).code).toBe('UPLOAD_UNKNOWN');

    // next month's register from the same package: the saved mapping comes back
    const again = await h.call('import:analyze', { uploadId: await upload(file) });
    expect(again.savedMapping).toBe('Tally sales register');
    expect(again.mapping.columns.totalInvoiceValue).toBeUndefined();

    h.events.length = 0;
    const { outcomes } = await h.call('invoices:register', { ids: c.invoiceIds });
    expect(outcomes.map((o) => o.status)).toEqual(['registered', 'registered']);
    expect(h.events.filter((e) => e.type === 'register:progress').map((e) => (e as { done: number }).done)).toEqual([1, 2]);

    const iso = (d: string) => d.split('/').reverse().join('-');
    const r = await h.call('export:register', { from: iso(today), to: iso(today), status: ['registered'], format: 'xlsx' });
    expect(r).toMatchObject({ documents: 2, lines: 3 });
    expect(r.files.map((f) => f.fileName)).toEqual([`invoice-register-${iso(today).replace(/-/g, '')}-${iso(today).replace(/-/g, '')}.xlsx`]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.files[0]!.base64, 'base64') as unknown as ArrayBuffer);
    const head = (wb.getWorksheet('Register')!.getRow(1).values as unknown[]).slice(1);
    const irnCol = head.indexOf('IRN') + 1;
    const irns = outcomes.map((o) => o.irn);
    expect([2, 3].map((n) => wb.getWorksheet('Register')!.getRow(n).getCell(irnCol).value).sort()).toEqual([...irns].sort());

    const csv = await h.call('export:register', { format: 'csv', search: 'HX/1' });
    expect(csv.files.map((f) => f.fileName.replace(/\d{8}/g, 'D'))).toEqual(['invoice-register-start-D.csv', 'invoice-register-start-D-lines.csv']);
    const docsCsv = Buffer.from(csv.files[0]!.base64, 'base64').toString('utf8');
    expect(docsCsv).toContain(outcomes[0]!.irn);
    expect(docsCsv.split('\n').filter((l) => l.includes('HX/'))).toHaveLength(1);

    const g = await h.call('export:gstrOne', { from: iso(today), to: iso(today), format: 'csv' });
    expect(g.rows).toEqual({ b2b: 2, cdnr: 0, cdnur: 0, exp: 0, hsn: 2 });
    expect(g.files.map((f) => f.fileName.replace(/\d{8}/g, 'D'))).toEqual(['gstr1-D-D-b2b.csv', 'gstr1-D-D-cdnr.csv', 'gstr1-D-D-cdnur.csv', 'gstr1-D-D-exp.csv', 'gstr1-D-D-hsn.csv']);

    // a cancelled IRN leaves GSTR-1 and stays in the register, marked
    await h.call('invoices:cancel', { id: c.invoiceIds[1]!, reason: '2', remark: 'wrong rate' });
    const after = await h.call('export:gstrOne', { from: iso(today), to: iso(today), format: 'csv' });
    expect(after.rows).toMatchObject({ b2b: 1, hsn: 2 });
    const b2bCsv = Buffer.from(after.files[0]!.base64, 'base64').toString('utf8');
    expect(b2bCsv).toContain('HX/1');
    expect(b2bCsv).not.toContain('HX/2');
    const reg = await h.call('export:register', { from: iso(today), to: iso(today), format: 'csv' });
    const hx2 = Buffer.from(reg.files[0]!.base64, 'base64').toString('utf8').split('\n').find((l) => l.includes('HX/2')) ?? '';
    expect(hx2).toContain(outcomes[1]!.irn);
    expect(hx2).toMatch(/,cancelled,.*,CNL,\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} [AP]M,Data entry mistake/);
  });

  it('refuses chunks out of order, files over the limit and a bad period', async () => {
    const first = await h.call('import:upload', { fileName: 'x.csv', offset: 0, base64: Buffer.from('a,b\n').toString('base64'), final: false });
    expect((await h.refused('import:upload', { uploadId: first.uploadId, fileName: 'x.csv', offset: 0, base64: 'YQ==', final: true })).code).toBe('UPLOAD_ORDER');
    expect((await h.refused('import:preview', { uploadId: first.uploadId, mapping: { columns: {} } })).code).toBe('UPLOAD_INCOMPLETE');
    expect((await h.refused('import:analyze', { uploadId: 'f'.repeat(32) })).code).toBe('UPLOAD_UNKNOWN');
    expect((await h.refused('export:gstrOne', { from: '2026-12-01', to: '2026-11-01', format: 'xlsx' })).code).toBe('BAD_PERIOD');
    const big = await h.call('import:upload', { fileName: 'big.csv', offset: 0, base64: Buffer.alloc(4_000_000).toString('base64'), final: false });
    let refusal = { code: '' };
    for (let offset = 4_000_000; offset < 40_000_000 && refusal.code === ''; offset += 4_000_000) {
      const r = await h.refused('import:upload', { uploadId: big.uploadId, fileName: 'big.csv', offset, base64: Buffer.alloc(4_000_000).toString('base64'), final: false }).catch(() => undefined);
      if (r) refusal = r;
    }
    expect(refusal.code).toBe('FILE_TOO_LARGE');
  });
});
