/**
 * Drafts → the portal's bulk-upload files (issue 12, 5a): each file a JSON array of the drafts'
 * exact INV-01 payloads; split at 100 invoices, at the byte limit, and per seller; a draft the IRP
 * would refuse is left out with its codes; selection by document number or all drafts, with clear
 * problems for numbers that name nothing, non-drafts, or several businesses.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPortalExport, PORTAL_FILE_LIMITS } from '../../electron/app/portal/bulk-export';
import { selectDrafts } from '../../electron/app/draft-selection';
import { runCli } from '../../electron/cli/main';
import type { Invoice } from '../../shared/einvoice/schema';
import { BUYER_KA, validInvoice } from '../support/invoices';
import { collectingIo, portalUpload } from '../support/portal';
import { openTestApp, practiceInvoice, SELLER_GSTIN, startPractice, todayDocDate, type Practice, type TestApp } from '../support/practice';

let practice: Practice;
let t: TestApp;
let mhBusiness = 0;
const MH = { Gstin: '27AADCP1234M1ZD', LglNm: 'Practice Manufacturing Private Limited', Addr1: 'Plot 4, Andheri East', Loc: 'Mumbai', Pin: 400001, Stcd: '27' };
const out = mkdtempSync(join(tmpdir(), 'einvoice-portal-export-'));

beforeAll(async () => {
  practice = await startPractice();
  t = await openTestApp(practice);
  mhBusiness = t.app.ledger.businesses.create({ gstin: MH.Gstin, legalName: MH.LglNm, address1: MH.Addr1, location: MH.Loc, pin: MH.Pin, stateCode: MH.Stcd, aatoCrore: 150 }).id;
  t.app.ledger.transaction(() => {
    for (let i = 1; i <= 201; i += 1) t.app.engine.ingest(practiceInvoice(`KA/${i}`, todayDocDate(), 1), t.businessId);
    for (let i = 1; i <= 3; i += 1) t.app.engine.ingest(validInvoice({ docNo: `MH/${i}`, docDate: todayDocDate(), seller: MH, buyer: { ...BUYER_KA, Pos: '29' } }), mhBusiness);
    // the same number in both businesses
    t.app.engine.ingest(practiceInvoice('BOTH/1'), t.businessId);
    t.app.engine.ingest(validInvoice({ docNo: 'BOTH/1', docDate: todayDocDate(), seller: MH, buyer: { ...BUYER_KA, Pos: '29' } }), mhBusiness);
    // a draft the IRP would refuse: a GST rate that is not notified
    const bad = practiceInvoice('KA/BAD');
    t.app.engine.ingest({ ...bad, ItemList: bad.ItemList.map((it, i) => (i === 0 ? { ...it, GstRt: 7 } : it)) }, t.businessId);
  });
}, 60_000);

afterAll(async () => {
  await t.app.close();
  await practice.close();
});

describe('portal export', () => {
  it('splits one business\'s 201 drafts into files of at most 100 invoices, leaves out a refused draft with its codes', () => {
    const x = buildPortalExport(t.app, { allDrafts: true }, { businessGstin: SELLER_GSTIN, stem: 'ka' });
    expect(x.files.map((f) => [f.fileName, f.docNos.length])).toEqual([['ka-1.json', 100], ['ka-2.json', 100], ['ka-3.json', 2]]);
    expect(x.splitReasons).toEqual([`a file holds at most ${PORTAL_FILE_LIMITS.maxInvoices} invoices`]);
    expect(x.refused).toHaveLength(1);
    expect(x.refused[0]).toMatchObject({ docNo: 'KA/BAD' });
    expect(x.refused[0]!.errors.map((e) => e.code)).toContain('2240');
    const exported = x.files.flatMap((f) => (JSON.parse(f.text) as Invoice[]).map((i) => i.DocDtls.No));
    expect(new Set(exported).size).toBe(202);
    expect(exported).not.toContain('KA/BAD');
    for (const f of x.files) expect(f.bytes).toBeLessThanOrEqual(PORTAL_FILE_LIMITS.maxBytes);
  });

  it('splits at the byte limit and never puts two sellers in one file', () => {
    const limits = { maxBytes: 4000, maxInvoices: 100 };
    const x = buildPortalExport(t.app, { docNos: ['KA/1', 'KA/2', 'KA/3', 'KA/4', 'KA/5', 'MH/1', 'MH/2'] }, { limits, stem: 'up' });
    expect(x.files.every((f) => f.bytes <= limits.maxBytes && Buffer.byteLength(f.text) === f.bytes)).toBe(true);
    expect(x.files.every((f) => (JSON.parse(f.text) as Invoice[]).every((i) => i.SellerDtls.Gstin === f.sellerGstin))).toBe(true);
    expect(x.files.map((f) => f.docNos).flat().sort()).toEqual(['KA/1', 'KA/2', 'KA/3', 'KA/4', 'KA/5', 'MH/1', 'MH/2']);
    expect(x.files.length).toBeGreaterThan(2);
    // sorted by seller: the Maharashtra business's two invoices fit one file, Karnataka's five need more
    expect(x.files.map((f) => f.fileName)).toEqual([`up-${MH.Gstin}.json`, ...x.files.slice(1).map((_, i) => `up-${SELLER_GSTIN}-${i + 1}.json`)]);
    expect(x.splitReasons.join(' | ')).toMatch(/belong to 2 businesses.*\| a file stays under/);
  });

  it('refuses an invoice too large for any file rather than writing a file the portal refuses', () => {
    const x = buildPortalExport(t.app, { docNos: ['KA/1'] }, { limits: { maxBytes: 500, maxInvoices: 100 } });
    expect(x.files).toEqual([]);
    expect(x.refused[0]!.errors[0]!.code).toBe('PORTAL_FILE_TOO_LARGE');
  });

  it('selects drafts by number (any case) and says which numbers name nothing, no draft, or several businesses', () => {
    const reg = t.app.engine.ingest(practiceInvoice('KA/REG'), t.businessId);
    t.app.ledger.invoices.setStatus(reg.id, 'queued');
    const s = selectDrafts(t.app.ledger, { docNos: ['ka/7', 'NOPE/1', 'KA/REG', 'BOTH/1'] });
    expect(s.invoices.map((i) => i.docNo)).toEqual(['KA/7']);
    expect(s.problems.map((p) => [p.ref, p.code])).toEqual([['NOPE/1', 'NOT_FOUND'], ['KA/REG', 'NOT_A_DRAFT'], ['BOTH/1', 'AMBIGUOUS']]);
    expect(selectDrafts(t.app.ledger, { docNos: ['BOTH/1'] }, { businessGstin: MH.Gstin }).invoices.map((i) => i.sellerGstin)).toEqual([MH.Gstin]);
    expect(selectDrafts(t.app.ledger, { allDrafts: true }, { businessGstin: '29AAAAA0000A1Z5' }).problems[0]!.code).toBe('UNKNOWN_BUSINESS');
  });

  it('einvoice portal export: --doc A B --business, files on disk that the practice portal registers whole; exit codes', async () => {
    const file = join(out, 'mh.json');
    let lines: string[] = [];
    expect(await runCli(['portal', 'export', '--doc', 'MH/1', 'MH/2', 'BOTH/1', '--business', MH.Gstin, '-o', file, '--data', t.dir, '--json'], collectingIo(lines))).toBe(0);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ exported: 3, files: [{ file, invoices: 3, sellerGstin: MH.Gstin }], refused: [], problems: [] });
    expect(readdirSync(out)).toEqual(['mh.json']);
    const up = await portalUpload(practice.irp.url, MH.Gstin, readFileSync(file, 'utf8'));
    expect(up).toMatchObject({ total: 3, generated: 3, failed: 0 });
    // a number that names nothing: the rest is still written, exit 1
    expect(await runCli(['portal', 'export', '--doc', 'KA/9', '--doc', 'NOPE/9', '-o', join(out, 'ka.json'), '--data', t.dir], collectingIo(lines = []))).toBe(1);
    expect(lines.join('\n')).toContain('NOT EXPORTED NOPE/9: No document numbered NOPE/9');
    expect(await runCli(['portal', 'export', '--doc', 'KA/9', '--all-drafts', '-o', join(out, 'x.json'), '--data', t.dir], collectingIo([]))).toBe(2);
    expect(await runCli(['portal', 'export', '--all-drafts', '--data', t.dir], collectingIo([]))).toBe(2);
  });
});
