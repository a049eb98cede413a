/**
 * Importing portal results (issue 12, 5b): unknown rows are reported and never invented; rows whose
 * totals, GSTINs or IRN differ from the draft are flagged and not adopted; portal refusals show on
 * their drafts; tampered or foreign-signed QRs are refused; CSV/Excel rows without a signed QR are
 * flagged; a document in flight through the API is not recorded from a file; every import twice
 * changes nothing. Real practice portal over HTTP, real ledger.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppCore } from '../../electron/app/app-core';
import { buildPortalExport } from '../../electron/app/portal/bulk-export';
import { importPortalResults, type ImportSummary, type RowReport } from '../../electron/app/portal/results-import';
import { ResultsFileError } from '../../electron/app/portal/results-read';
import { runCli } from '../../electron/cli/main';
import { MemorySecretStore } from '../../electron/vault';
import { istDateOf } from '../../shared/dates';
import type { Invoice } from '../../shared/einvoice/schema';
import { BUYER_KA } from '../support/invoices';
import { collectingIo, portalDownload, portalUpload } from '../support/portal';
import { openTestApp, practiceInvoice, SELLER_GSTIN, startPractice, todayDocDate, type Practice, type TestApp } from '../support/practice';
import { makeSigningIdentity, signNicToken } from '../support/signed-fixtures';

let practice: Practice;
let t: TestApp;
const tag = `PIC${process.pid % 1000}`;
const dir = mkdtempSync(join(tmpdir(), 'einvoice-portal-cases-'));

beforeAll(async () => {
  practice = await startPractice();
  t = await openTestApp(practice);
});

afterAll(async () => {
  await t.app.close();
  await practice.close();
});

type ResultJson = Array<Record<string, unknown> & { DocNo: string; Irn?: string; SignedQRCode?: string; SignedInvoice?: string }>;

function draftOf(no: string, lines = 2): number {
  return t.app.engine.ingest(practiceInvoice(no, todayDocDate(), lines), t.businessId).id;
}

/** Exports the named drafts, lets `mutate` change the uploaded array, uploads it and returns the upload summary. */
async function uploadDrafts(docNos: string[], mutate: (invoices: Invoice[]) => Invoice[] = (x) => x) {
  const out = buildPortalExport(t.app, { docNos });
  expect(out.refused).toEqual([]);
  expect(out.files).toHaveLength(1);
  const invoices = mutate(JSON.parse(out.files[0]!.text) as Invoice[]);
  return portalUpload(practice.irp.url, SELLER_GSTIN, JSON.stringify(invoices));
}

async function resultsJson(docNos: string[], mutate?: (invoices: Invoice[]) => Invoice[]): Promise<ResultJson> {
  const up = await uploadDrafts(docNos, mutate);
  return JSON.parse((await portalDownload(practice.irp.url, up.downloads.json)).toString('utf8')) as ResultJson;
}

const run = (rows: unknown, file = 'results.json') => importPortalResults(t.app, Buffer.from(typeof rows === 'string' ? rows : JSON.stringify(rows)), file);
const rowOf = (s: ImportSummary, docNo: string): RowReport => s.rows.find((r) => r.docNo === docNo)!;
const journalSize = () => (t.app.ledger.db.prepare('SELECT count(*) AS n FROM journal').get() as { n: number }).n;
const invoice = (id: number) => t.app.ledger.invoices.get(id)!;

describe('portal results import', () => {
  it('reports a result for a document the ledger does not hold, and invents nothing', async () => {
    const known = `${tag}/U1`;
    const stranger = `${tag}/U2`;
    draftOf(known);
    const results = await resultsJson([known], (inv) => [...inv, practiceInvoice(stranger)]);
    const before = (t.app.ledger.db.prepare('SELECT count(*) AS n FROM invoices').get() as { n: number }).n;
    const s = await run(results);
    expect(s).toMatchObject({ matched: 1, recorded: 1, unknown: 1, flagged: 0, rejected: 0 });
    expect(rowOf(s, stranger)).toMatchObject({ outcome: 'unknown', code: 'PORTAL_UNKNOWN_DOCUMENT' });
    expect(rowOf(s, stranger).invoiceId).toBeUndefined();
    expect((t.app.ledger.db.prepare('SELECT count(*) AS n FROM invoices').get() as { n: number }).n).toBe(before);
    expect(t.app.ledger.invoices.findByIdentity(SELLER_GSTIN, 'INV', stranger, istDateOf(new Date()))).toBeUndefined();
    // the CLI says so with exit 1
    const file = join(dir, 'unknown.json');
    writeFileSync(file, JSON.stringify(results));
    const lines: string[] = [];
    expect(await runCli(['portal', 'import-results', file, '--data', t.dir, '--json'], collectingIo(lines))).toBe(1);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ matched: 1, recorded: 0, alreadyRecorded: 1, unknown: 1, flagged: 0, rejected: 0 });
  });

  it('flags a result whose totals differ from the draft (edited after the upload), shows why on the draft, adopts nothing', async () => {
    const no = `${tag}/T1`;
    const id = draftOf(no, 2);
    const results = await resultsJson([no]);
    draftOf(no, 1); // the draft now has one line: another total and item count
    const s = await run(results);
    expect(s).toMatchObject({ matched: 1, recorded: 0, flagged: 1 });
    const r = rowOf(s, no);
    expect(r.code).toBe('PORTAL_MISMATCH');
    expect(r.reasons.join(' ')).toMatch(/invoice total/);
    expect(r.reasons.join(' ')).toMatch(/item count/);
    expect(t.app.ledger.registrations.forInvoice(id)).toBeUndefined();
    expect(invoice(id).status).toBe('draft');
    expect(invoice(id).lastErrors?.[0]?.code).toBe('PORTAL_MISMATCH');
    const n = journalSize();
    expect((await run(results)).flagged).toBe(1);
    expect(journalSize()).toBe(n);
  });

  it('flags a result whose buyer GSTIN differs from the draft', async () => {
    const no = `${tag}/G1`;
    const id = draftOf(no);
    const results = await resultsJson([no]);
    t.app.engine.ingest({ ...practiceInvoice(no), BuyerDtls: { ...BUYER_KA } }, t.businessId);
    const s = await run(results);
    expect(rowOf(s, no)).toMatchObject({ outcome: 'flagged', code: 'PORTAL_MISMATCH' });
    expect(rowOf(s, no).reasons.join(' ')).toContain(`buyer GSTIN is 27AADCP1234M1ZD, the draft's is ${BUYER_KA.Gstin}`);
    expect(t.app.ledger.registrations.forInvoice(id)).toBeUndefined();
  });

  it('catches rows whose IRN is not their document\'s (SHA-256 of seller, FY, type, number)', async () => {
    const [a, b] = [`${tag}/I1`, `${tag}/I2`];
    const ids = [draftOf(a), draftOf(b)];
    const results = await resultsJson([a, b]);
    [results[0]!.Irn, results[1]!.Irn] = [results[1]!.Irn, results[0]!.Irn];
    const s = await run(results);
    expect(s).toMatchObject({ recorded: 0, flagged: 2 });
    expect(rowOf(s, a).reasons[0]).toMatch(/is not this document's IRN/);
    for (const id of ids) expect(t.app.ledger.registrations.forInvoice(id)).toBeUndefined();
  });

  it('refuses a tampered signed QR and a QR signed by another key', async () => {
    const [a, b] = [`${tag}/Q1`, `${tag}/Q2`];
    const ids = [draftOf(a), draftOf(b)];
    const results = await resultsJson([a, b]);
    // a: the QR's payload changed (total lowered), header and signature kept
    const [h, p, sig] = results[0]!.SignedQRCode!.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString('utf8')) as { data: string };
    claims.data = claims.data.replace(/"TotInvVal":[0-9.]+/, '"TotInvVal":1');
    results[0]!.SignedQRCode = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${sig}`;
    // b: both tokens re-signed with a key that is not the IRP's
    const other = makeSigningIdentity('Not the IRP');
    const dataOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { data: string }).data;
    results[1]!.SignedQRCode = await signNicToken(other, dataOf(results[1]!.SignedQRCode!));
    results[1]!.SignedInvoice = await signNicToken(other, dataOf(results[1]!.SignedInvoice!));
    const s = await run(results);
    expect(s).toMatchObject({ recorded: 0, flagged: 2 });
    for (const no of [a, b]) expect(rowOf(s, no)).toMatchObject({ outcome: 'flagged', code: 'PORTAL_SIGNATURE' });
    for (const id of ids) expect(t.app.ledger.registrations.forInvoice(id)).toBeUndefined();
  });

  it('shows the portal\'s refusal on its draft (once), and records the document after a corrected upload', async () => {
    const no = `${tag}/R1`;
    const id = draftOf(no);
    // the uploaded copy has a rate the IRP refuses (the draft in the ledger is fine)
    const bad = await resultsJson([no], (inv) => inv.map((x) => ({ ...x, ItemList: x.ItemList.map((it, i) => (i === 0 ? { ...it, GstRt: 7 } : it)) })));
    expect(bad[0]!.Irn).toBeUndefined();
    const s = await run(bad);
    expect(s).toMatchObject({ matched: 1, rejected: 1, recorded: 0 });
    const codes = rowOf(s, no).errors.map((e) => e.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(invoice(id).status).toBe('rejected');
    expect(invoice(id).lastErrors?.map((e) => e.code)).toEqual(codes);
    expect(t.app.ledger.journal.forInvoice(id).filter((e) => e.kind === 'portal.rejected')).toHaveLength(1);
    const n = journalSize();
    await run(bad);
    expect(journalSize()).toBe(n);
    // uploaded again as drafted: registered and recorded, the rejection is gone
    const good = await resultsJson([no]);
    expect((await run(good)).recorded).toBe(1);
    expect(invoice(id).status).toBe('registered');
    expect(invoice(id).lastErrors).toBeUndefined();
  });

  it('a duplicate refusal (2150) of a document already recorded counts as already recorded; before it, the draft shows the IRN the portal holds', async () => {
    const no = `${tag}/D1`;
    const id = draftOf(no);
    const first = await resultsJson([no]);
    const second = await resultsJson([no]);
    expect((second[0]!.ErrorDetails as Array<{ ErrorCode: string }>)[0]!.ErrorCode).toBe('2150');
    const early = await run(second);
    expect(early.rejected).toBe(1);
    expect(invoice(id).status).toBe('rejected');
    expect(invoice(id).lastErrors?.[0]?.message).toContain(`The portal already holds IRN ${first[0]!.Irn}`);
    expect((await run(first)).recorded).toBe(1);
    const late = await run(second);
    expect(late).toMatchObject({ alreadyRecorded: 1, rejected: 0 });
  });

  it('CSV and Excel downloads: generated rows without a signed QR are flagged until the JSON is imported, then already recorded', async () => {
    const [ok, refused] = [`${tag}/C1`, `${tag}/C2`];
    const ids = [draftOf(ok), draftOf(refused)];
    const up = await uploadDrafts([ok, refused], (inv) => inv.map((x) => (x.DocDtls.No === refused ? { ...x, ValDtls: { ...x.ValDtls, TotInvVal: x.ValDtls.TotInvVal + 100 } } : x)));
    expect(up).toMatchObject({ generated: 1, failed: 1 });
    const csv = await portalDownload(practice.irp.url, up.downloads.generatedCsv);
    const errors = await portalDownload(practice.irp.url, up.downloads.errorsCsv);
    const xlsx = await portalDownload(practice.irp.url, up.downloads.xlsx);
    const s1 = await importPortalResults(t.app, csv, 'generated.csv');
    expect(s1).toMatchObject({ format: 'csv', matched: 1, flagged: 1 });
    expect(rowOf(s1, ok)).toMatchObject({ code: 'PORTAL_UNSIGNED', irn: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown, ackNo: expect.stringMatching(/^\d{15}$/) as unknown });
    expect(invoice(ids[0]!).lastErrors?.[0]?.message).toContain(rowOf(s1, ok).irn);
    const s2 = await importPortalResults(t.app, errors, 'errors.csv');
    expect(s2).toMatchObject({ format: 'csv', rejected: 1 });
    expect(rowOf(s2, refused).errors.map((e) => e.code)).toContain('2189');
    expect(invoice(ids[1]!).status).toBe('rejected');
    const json = await portalDownload(practice.irp.url, up.downloads.json);
    expect(await importPortalResults(t.app, json, 'results.json')).toMatchObject({ recorded: 1, rejected: 1 });
    const s3 = await importPortalResults(t.app, xlsx, 'results.xlsx');
    expect(s3).toMatchObject({ format: 'xlsx', alreadyRecorded: 1, rejected: 1, flagged: 0 });
    expect(await importPortalResults(t.app, csv, 'generated.csv')).toMatchObject({ alreadyRecorded: 1, flagged: 0 });
  });

  it('never records a document that is in flight through the API', async () => {
    const no = `${tag}/F1`;
    const id = draftOf(no);
    const results = await resultsJson([no]);
    t.app.ledger.outbox.startInFlight({ invoiceId: id, op: 'register', payload: invoice(id).payloadJson! });
    const s = await run(results);
    expect(rowOf(s, no)).toMatchObject({ outcome: 'flagged', code: 'PORTAL_IN_FLIGHT' });
    expect(invoice(id).status).toBe('in_flight');
    expect(t.app.ledger.registrations.forInvoice(id)).toBeUndefined();
    // the engine resolves its own in-flight row: irnbydocdetails finds the portal's registration, which matches
    const outcome = await t.app.engine.register(id);
    expect(outcome.status).toBe('registered');
    expect(outcome.irn).toBe(results[0]!.Irn);
    expect((await run(results)).alreadyRecorded).toBe(1);
  });

  it('two connections importing the same results at once record each IRN exactly once', async () => {
    const nos = [1, 2, 3, 4, 5, 6].map((i) => `${tag}/P${i}`);
    const ids = nos.map((no) => draftOf(no));
    const results = await resultsJson(nos);
    // a second app core on the same data folder: its own SQLite connection, as another process has
    const other = await openAppCore({ dataDir: t.dir, vault: new MemorySecretStore(), env: {} });
    try {
      const bytes = Buffer.from(JSON.stringify(results));
      // The other importer checks its first row ("not registered yet"), then waits for its
      // certificate; meanwhile this one records every row. Its recording transaction must then
      // see the registration made in between and record nothing twice.
      const endpoint = other.endpoints.endpoint.bind(other.endpoints);
      other.endpoints.endpoint = async (p) => {
        await new Promise((r) => setTimeout(r, 300));
        return endpoint(p);
      };
      const late = importPortalResults(other, bytes, 'b.json');
      const early = importPortalResults(t.app, bytes, 'a.json');
      const [a, b] = await Promise.all([early, late]);
      expect(a).toMatchObject({ recorded: nos.length, alreadyRecorded: 0, flagged: 0 });
      expect(b).toMatchObject({ recorded: 0, alreadyRecorded: nos.length, flagged: 0 });
    } finally {
      await other.close();
    }
    for (const id of ids) {
      expect(t.app.ledger.registrations.forInvoice(id)?.irn).toBe(results.find((r) => r.DocNo === invoice(id).docNo)!.Irn);
      expect(t.app.ledger.outbox.forInvoice(id).map((o) => o.state)).toEqual(['done']);
      expect(t.app.ledger.journal.forInvoice(id).filter((e) => e.kind === 'portal.result')).toHaveLength(1);
    }
  });

  it('says clearly why a file cannot be read (exit 2 from the CLI)', async () => {
    await expect(run('just some text,\nwith no header row')).rejects.toThrow(/no header row with the portal's columns/);
    await expect(run('[{"DocNo": 1')).rejects.toThrow(ResultsFileError);
    await expect(run('{"Status":1}')).rejects.toThrow(/no list of results/);
    await expect(importPortalResults(t.app, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), 'old.xls')).rejects.toThrow(/old-style \.xls/);
    await expect(importPortalResults(t.app, Buffer.alloc(6 * 1024 * 1024, 0x20), 'big.json')).rejects.toThrow(/up to 5 MB/);
    const file = join(dir, 'garbage.json');
    writeFileSync(file, '[{"DocNo": 1');
    const lines: string[] = [];
    expect(await runCli(['portal', 'import-results', file, '--data', t.dir], collectingIo(lines))).toBe(2);
    expect(lines.join('\n')).toMatch(/garbage\.json cannot be imported: it is not valid JSON/);
  });
});
