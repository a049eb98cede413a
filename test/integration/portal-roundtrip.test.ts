/**
 * The portal round trip of issue 12, through the CLI: drafts → `einvoice portal export` → the
 * practice portal (bulk upload, results download) → `einvoice portal import-results` → the ledger
 * holds the IRNs exactly as an API registration records them, `einvoice print` puts the signed QR
 * on the PDF (read back with zbarimg), the invoice can be cancelled through the API, and a second
 * import changes nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppCore } from '../../electron/app/app-core';
import { runCli } from '../../electron/cli/main';
import { decodeQrWithZbar } from '../../electron/pdf/qr-read';
import { openLedger } from '../../electron/ledger';
import { MemorySecretStore } from '../../electron/vault';
import { istDateOf } from '../../shared/dates';
import { collectingIo, portalUpload } from '../support/portal';
import { openTestApp, practiceInvoice, SELLER_GSTIN, startPractice, type Practice, type TestApp } from '../support/practice';

let practice: Practice;
let t: TestApp;
const out = mkdtempSync(join(tmpdir(), 'einvoice-portal-rt-'));
const tag = `PRT${process.pid % 1000}`;
const docs = [`${tag}/1`, `${tag}/2`, `${tag}/3`];

beforeAll(async () => {
  practice = await startPractice();
  t = await openTestApp(practice);
  for (const no of docs) t.app.engine.ingest(practiceInvoice(no), t.businessId);
  await t.app.close();
});

afterAll(async () => {
  await practice.close();
});

function ledgerSnapshot() {
  const ledger = openLedger(join(t.dir, 'ledger.sqlite'));
  try {
    const regs = ledger.db.prepare('SELECT invoice_id, irn, ack_no, ack_dt, signed_qr, signed_invoice, signature_verified, adopted FROM registrations ORDER BY invoice_id').all();
    const statuses = ledger.db.prepare('SELECT doc_no, status FROM invoices ORDER BY id').all();
    const journal = ledger.db.prepare('SELECT count(*) AS n FROM journal').get() as { n: number };
    const outbox = ledger.db.prepare('SELECT invoice_id, op, state FROM outbox ORDER BY id').all();
    return { regs, statuses, journal: journal.n, outbox, chain: ledger.journal.verifyChain() };
  } finally {
    ledger.close();
  }
}

describe('portal round trip (CLI + practice portal)', () => {
  const upload = join(out, 'upload.json');
  const results = join(out, 'upload-results.json');

  it('exports the drafts as one bulk-upload JSON array of their exact INV-01 payloads, without secrets', async () => {
    const lines: string[] = [];
    expect(await runCli(['portal', 'export', '--all-drafts', '-o', upload, '--data', t.dir, '--json'], collectingIo(lines))).toBe(0);
    const report = JSON.parse(lines.at(-1)!) as { exported: number; files: Array<{ file: string; invoices: number }> };
    expect(report.exported).toBe(3);
    expect(report.files.map((f) => f.file)).toEqual([upload]);
    const text = readFileSync(upload, 'utf8');
    const array = JSON.parse(text) as Array<{ Version: string; DocDtls: { No: string }; Irn?: string }>;
    expect(array.map((x) => x.DocDtls.No)).toEqual(docs);
    expect(array.every((x) => x.Version === '1.1' && x.Irn === undefined)).toBe(true);
    const ledger = openLedger(join(t.dir, 'ledger.sqlite'));
    const payloads = docs.map((no) => ledger.invoices.findByIdentity(SELLER_GSTIN, 'INV', no, istDateOf(new Date()))?.payloadJson ?? '');
    ledger.close();
    // byte for byte the payloads the API road would send
    expect(text).toBe(`[${payloads.join(',')}]`);
    const account = practice.account(SELLER_GSTIN);
    for (const secret of [account.clientSecret, account.password]) expect(text).not.toContain(secret);
  });

  it('the practice portal registers the file and gives results; importing records every IRN as a registration does', async () => {
    const summary = await portalUpload(practice.irp.url, SELLER_GSTIN, readFileSync(upload, 'utf8'), 'upload.json');
    expect(summary).toMatchObject({ total: 3, generated: 3, failed: 0 });
    const lines: string[] = [];
    expect(await runCli(['portal', 'practice-upload', upload, '--gstin', SELLER_GSTIN, '--url', practice.irp.url, '--json'], collectingIo(lines))).toBe(1);
    // the second upload of the same file: every invoice is a duplicate now (2150), as on the real portal
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ total: 3, generated: 0, failed: 3 });
    const first = await fetch(`${practice.irp.url}${summary.downloads.json}`);
    writeFileSync(results, Buffer.from(await first.arrayBuffer()));

    const before = ledgerSnapshot();
    const imported: string[] = [];
    expect(await runCli(['portal', 'import-results', results, '--data', t.dir, '--json'], collectingIo(imported))).toBe(0);
    expect(JSON.parse(imported.at(-1)!)).toMatchObject({ matched: 3, recorded: 3, alreadyRecorded: 0, unknown: 0, flagged: 0, rejected: 0 });
    const after = ledgerSnapshot();
    expect(before.regs).toEqual([]);
    const atIrp = await practice.registrations();
    expect(after.regs.map((r) => (r as { irn: string }).irn).sort()).toEqual(atIrp.filter((r) => docs.includes(r.docNo)).map((r) => r.irn).sort());
    expect(after.regs.every((r) => (r as { signature_verified: number; adopted: number }).signature_verified === 1 && (r as { adopted: number }).adopted === 0)).toBe(true);
    expect(after.statuses).toEqual(docs.map((d) => ({ doc_no: d, status: 'registered' })));
    // the outbox holds a closed register row per invoice, as after an API registration
    expect(after.outbox).toEqual(after.regs.map((r) => ({ invoice_id: (r as { invoice_id: number }).invoice_id, op: 'register', state: 'done' })));
    expect(after.chain.ok).toBe(true);
    const ledger = openLedger(join(t.dir, 'ledger.sqlite'));
    const kinds = ledger.journal.forInvoice((after.regs[0] as { invoice_id: number }).invoice_id).map((e) => e.kind);
    ledger.close();
    expect(kinds).toEqual(expect.arrayContaining(['portal.exported', 'portal.result', 'register.sent', 'register.ok']));
  });

  it('a second import of the same results changes nothing', async () => {
    const before = ledgerSnapshot();
    const lines: string[] = [];
    expect(await runCli(['portal', 'import-results', results, '--data', t.dir, '--json'], collectingIo(lines))).toBe(0);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ matched: 3, recorded: 0, alreadyRecorded: 3, unknown: 0, flagged: 0, rejected: 0 });
    expect(ledgerSnapshot()).toEqual(before);
  });

  it('the printed PDF carries the signed QR of the portal result (read back with zbarimg)', async () => {
    const pdf = join(out, 'inv1.pdf');
    expect(await runCli(['print', docs[0]!, '-o', pdf, '--data', t.dir], collectingIo([]))).toBe(0);
    const row = (JSON.parse(readFileSync(results, 'utf8')) as Array<{ DocNo: string; SignedQRCode: string }>).find((r) => r.DocNo === docs[0]);
    const png = join(out, 'inv1-page1');
    execFileSync('pdftoppm', ['-r', '150', '-f', '1', '-l', '1', '-png', '-singlefile', pdf, png]);
    expect(await decodeQrWithZbar(`${png}.png`)).toBe(row?.SignedQRCode);
  });

  it('an invoice registered through the portal can be cancelled through the API', async () => {
    const account = practice.account(SELLER_GSTIN);
    const core = await openAppCore({ dataDir: t.dir, vault: new MemorySecretStore(), env: { EINVOICE_CLIENT_SECRET: account.clientSecret, EINVOICE_PASSWORD: account.password } });
    try {
      const reg = core.ledger.registrations.get((ledgerSnapshot().regs[1] as { irn: string }).irn)!;
      const cancelled = await core.operations.cancel(reg.irn, '3', 'Order cancelled');
      expect(cancelled.status).toBe('CNL');
      expect(core.ledger.invoices.get(reg.invoiceId)?.status).toBe('cancelled');
      expect((await practice.registrations()).find((r) => r.irn === reg.irn)?.status).toBe('CNL');
    } finally {
      await core.close();
    }
  });

  it('leaves no secret in the data folder, the exported files or the results', () => {
    const account = practice.account(SELLER_GSTIN);
    const files = (root: string): string[] => readdirSync(root).flatMap((f) => (statSync(join(root, f)).isDirectory() ? files(join(root, f)) : [join(root, f)]));
    const all = [...files(t.dir), ...files(out)];
    expect(all.some((f) => f.endsWith('upload.json'))).toBe(true);
    for (const f of all) {
      const bytes = readFileSync(f).toString('latin1');
      for (const secret of [account.clientSecret, account.password]) expect(bytes.includes(secret), `${secret} in ${f}`).toBe(false);
    }
  });
});
