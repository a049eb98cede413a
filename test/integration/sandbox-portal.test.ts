/**
 * The practice portal stand-in (issue 12, item 6): /portal/bulk-upload registers each invoice of a
 * JSON array with the practice IRP's own generate logic (real AckNo, real signatures, the same
 * refusals and duplicate rules), and offers the results as JSON, CSV and Excel.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSigningCertificate, verifyIrnTokens } from '../../electron/irp';
import { ERROR_COLUMNS, GENERATED_COLUMNS } from '../../electron/sandbox/portal/results-files';
import { portalDownload, portalUpload } from '../support/portal';
import { practiceInvoice, SELLER_GSTIN, startPractice, type Practice } from '../support/practice';

let practice: Practice;
const tag = `SP${process.pid % 1000}`;

beforeAll(async () => {
  practice = await startPractice();
});

afterAll(async () => {
  await practice.close();
});

async function post(body: string, gstin = SELLER_GSTIN) {
  const res = await fetch(`${practice.irp.url}/portal/bulk-upload?gstin=${gstin}`, { method: 'POST', body });
  return { status: res.status, body: (await res.json()) as { error?: string } };
}

describe('practice portal', () => {
  it('refuses a file it cannot take, whole, with a reason, and registers nothing', async () => {
    const before = (await practice.registrations()).length;
    expect(await post('{"Version":"1.1"')).toMatchObject({ status: 400, body: { error: expect.stringMatching(/not JSON/) as unknown } });
    expect(await post(JSON.stringify(practiceInvoice(`${tag}/X`)))).toMatchObject({ status: 400, body: { error: expect.stringMatching(/JSON array/) as unknown } });
    expect(await post('[]')).toMatchObject({ status: 400, body: { error: 'the file holds no invoices' } });
    expect(await post(JSON.stringify([practiceInvoice(`${tag}/X`)]), '29AAAAA0000A1Z5')).toMatchObject({ status: 400, body: { error: expect.stringMatching(/no practice portal login/) as unknown } });
    const big = JSON.stringify(Array.from({ length: 1000 }, (_, i) => practiceInvoice(`${tag}/B${i}`)));
    expect(big.length).toBeGreaterThan(1024 * 1024);
    expect(await post(big)).toMatchObject({ status: 400, body: { error: expect.stringMatching(/larger than 1 MB/) as unknown } });
    expect((await practice.registrations()).length).toBe(before);
  });

  it('registers each invoice like generate-IRN: real signed results, 2143 for another seller, 2150 for a repeat, 5002 for a non-object', async () => {
    const a = practiceInvoice(`${tag}/1`);
    const foreign = { ...practiceInvoice(`${tag}/2`), SellerDtls: { ...a.SellerDtls, Gstin: '27AADCP1234M1ZD', Stcd: '27' } };
    const up = await portalUpload(practice.irp.url, SELLER_GSTIN, JSON.stringify([a, foreign, a, 42]), 'mixed.json');
    expect(up).toMatchObject({ total: 4, generated: 1, failed: 3 });
    const rows = JSON.parse((await portalDownload(practice.irp.url, up.downloads.json)).toString('utf8')) as Array<Record<string, unknown>>;
    expect(rows.map((r) => r.SlNo)).toEqual([1, 2, 3, 4]);
    const codes = (r: Record<string, unknown>) => (r.ErrorDetails as Array<{ ErrorCode: string }>).map((e) => e.ErrorCode);
    expect(codes(rows[1]!)).toContain('2143');
    expect(codes(rows[2]!)).toEqual(['2150']);
    expect(rows[2]!.InfoDtls).toEqual([{ InfCd: 'DUPIRN', Desc: { AckNo: rows[0]!.AckNo, AckDt: rows[0]!.AckDt, Irn: rows[0]!.Irn } }]);
    expect(codes(rows[3]!)).toEqual(['5002']);
    const held = (await practice.registrations()).find((r) => r.docNo === `${tag}/1`);
    expect(held).toMatchObject({ irn: rows[0]!.Irn, status: 'ACT', gstin: SELLER_GSTIN });
    const { signingCertificatePem } = (await practice.admin('GET', '/sandbox/keys')) as { signingCertificatePem: string };
    const verified = await verifyIrnTokens(rows[0]!.SignedInvoice, rows[0]!.SignedQRCode, rows[0]!.Irn as string, await importSigningCertificate(signingCertificatePem));
    expect(verified.qr.data).toMatchObject({ SellerGstin: SELLER_GSTIN, DocNo: `${tag}/1`, TotInvVal: a.ValDtls.TotInvVal, ItemCnt: 2 });
    expect(verified.invoice.data).toMatchObject({ AckNo: rows[0]!.AckNo, AckDt: rows[0]!.AckDt, Irn: rows[0]!.Irn });
  });

  it('offers IRP-6\'s CSV tables and an Excel workbook with both', async () => {
    const ok = practiceInvoice(`${tag}/3`);
    const bad = { ...practiceInvoice(`${tag}/4`), ValDtls: { ...ok.ValDtls, TotInvVal: ok.ValDtls.TotInvVal + 5 } };
    const up = await portalUpload(practice.irp.url, SELLER_GSTIN, JSON.stringify([ok, bad]), 'two.json');
    const csv = (await portalDownload(practice.irp.url, up.downloads.generatedCsv)).toString('utf8').trim().split('\n');
    expect(csv[0]).toBe(GENERATED_COLUMNS.join(','));
    expect(csv).toHaveLength(2);
    expect(csv[1]).toMatch(new RegExp(`^two\\.json,\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:\\d{2},${SELLER_GSTIN},27AADCP1234M1ZD,INV,${tag}/3,${ok.DocDtls.Dt},\\d{15},\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:\\d{2},[0-9a-f]{64}$`));
    const errors = (await portalDownload(practice.irp.url, up.downloads.errorsCsv)).toString('utf8').trim().split('\n');
    expect(errors[0]).toBe(ERROR_COLUMNS.join(','));
    expect(errors.slice(1).every((l) => l.includes(`,${tag}/4,`))).toBe(true);
    expect(errors.slice(1).some((l) => l.includes(',2189,'))).toBe(true);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await portalDownload(practice.irp.url, up.downloads.xlsx)) as unknown as ExcelJS.Buffer);
    expect(book.worksheets.map((w) => [w.name, w.rowCount])).toEqual([['IRN Generated', 2], ['IRN not Generated', errors.length]]);
    expect(book.worksheets[0]!.getRow(1).values).toEqual([undefined, ...GENERATED_COLUMNS]);
  });

  it('serves a page for people and says what is missing', async () => {
    const page = await fetch(`${practice.irp.url}/portal/`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('Practice e-invoice portal: Bulk Upload');
    expect((await fetch(`${practice.irp.url}/portal/uploads/nope-1/results.json`)).status).toBe(404);
    expect((await fetch(`${practice.irp.url}/portal/bulk-upload`)).status).toBe(405);
    const list = (await (await fetch(`${practice.irp.url}/portal/uploads`)).json()) as Array<{ fileName: string }>;
    expect(list[0]?.fileName).toBe('two.json');
  });
});
