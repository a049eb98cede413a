import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backoffMs, LEASE_MS, openLedger, type Ledger } from '../../electron/ledger';
import { deadPid } from '../support/cli-process';

let dir: string;
let file: string;
let ledger: Ledger;
let now: number;
let businessId: number;
const clock = () => new Date(now);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-outbox-'));
  file = join(dir, 'ledger.sqlite');
  now = Date.parse('2026-03-10T05:00:00.000Z');
  ledger = openLedger(file, { clock });
  businessId = ledger.businesses.create({ gstin: '29AAGCB1286Q000', legalName: 'Bharat Tools', address1: 'Peenya', location: 'Bengaluru', pin: 560058, stateCode: '29' }).id;
});
afterEach(() => {
  ledger.close();
  rmSync(dir, { recursive: true, force: true });
});

function invoice(no: string, seller = businessId): number {
  return ledger.invoices.saveDraft({ businessId: seller, docType: 'INV', docNo: no, docDate: '2026-03-09', totalPaise: 100, draft: {} }).id;
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('outbox', () => {
  it('startInFlight writes the exact payload, its hash and "in flight" before anything is sent', () => {
    const id = invoice('A-1');
    const payload = '{"Version":"1.1","DocDtls":{"Typ":"INV","No":"A-1","Dt":"09/03/2026"}}';
    const item = ledger.outbox.startInFlight({ invoiceId: id, op: 'register', payload });
    expect(item).toMatchObject({ state: 'in_flight', attempts: 1, payloadJson: payload, payloadSha256: sha(payload), claimedAt: '2026-03-10T05:00:00.000Z' });
    expect(ledger.invoices.get(id)).toMatchObject({ status: 'in_flight', payloadJson: payload, payloadSha256: sha(payload) });
    expect(ledger.journal.forInvoice(id).map((e) => e.kind)).toEqual(['register.sent']);
    // Done: the payload is kept once, on the invoice; the closed row keeps the hash.
    ledger.outbox.completeRegistration(item.id, { irn: sha('A-1'), ackNo: '1', ackDt: '2026-03-10 10:30:00', signedInvoice: 's', signedQrCode: 'q' });
    expect(ledger.outbox.get(item.id)).toMatchObject({ state: 'done', payloadJson: 'null', payloadSha256: sha(payload) });
    expect(ledger.invoices.get(id)).toMatchObject({ status: 'registered', payloadJson: payload, payloadSha256: sha(payload) });
    expect(ledger.journal.forInvoice(id).map((e) => e.kind)).toEqual(['register.sent', 'register.ok']);
  });

  it('never has two operations in flight for one invoice', () => {
    const id = invoice('A-2');
    ledger.outbox.startInFlight({ invoiceId: id, op: 'register', payload: { n: 1 } });
    expect(() => ledger.outbox.startInFlight({ invoiceId: id, op: 'register', payload: { n: 1 } })).toThrow(expect.objectContaining({ code: 'OUTBOX_BUSY' }) as Error);
    expect(() => ledger.outbox.enqueue({ invoiceId: id, op: 'register', payload: { n: 1 } })).toThrow(expect.objectContaining({ code: 'OUTBOX_BUSY' }) as Error);
    expect(ledger.outbox.forInvoice(id)).toHaveLength(1);
  });

  it('enqueue is idempotent; a queued payload may change only while it has never been attempted', () => {
    const id = invoice('A-3');
    const a = ledger.outbox.enqueue({ invoiceId: id, op: 'register', payload: { v: 1 } });
    expect(ledger.outbox.enqueue({ invoiceId: id, op: 'register', payload: { v: 1 } }).id).toBe(a.id);
    const b = ledger.outbox.enqueue({ invoiceId: id, op: 'register', payload: { v: 2 } });
    expect(b).toMatchObject({ id: a.id, payloadJson: '{"v":2}', attempts: 0 });
    expect(ledger.invoices.get(id)!.payloadJson).toBe('{"v":2}');
    const [claimed] = ledger.outbox.claimDue({ limit: 10 });
    ledger.outbox.reschedule(claimed!.id, { errors: [{ code: 'IRP_DOWN', message: 'HTTP 503' }] });
    expect(() => ledger.outbox.enqueue({ invoiceId: id, op: 'register', payload: { v: 3 } })).toThrow(expect.objectContaining({ code: 'OUTBOX_BUSY' }) as Error);
    expect(ledger.outbox.get(a.id)!.payloadJson).toBe('{"v":2}');
  });

  it('claims due rows oldest first, at most one per invoice, filtered by seller and operation', () => {
    const other = ledger.businesses.create({ gstin: '27AAGCB1286Q000', legalName: 'Bharat West', address1: 'x', location: 'Pune', pin: 411001, stateCode: '27' }).id;
    const ids = ['Q-1', 'Q-2', 'Q-3'].map((n) => invoice(n));
    const foreign = invoice('Q-9', other);
    for (const id of [...ids, foreign]) {
      ledger.outbox.enqueue({ invoiceId: id, op: 'register', payload: { id } });
      now += 1000;
    }
    ledger.outbox.enqueue({ invoiceId: invoice('Q-later'), op: 'register', payload: {}, notBefore: new Date(now + 3600_000) });
    const mine = ledger.outbox.claimDue({ limit: 2, sellerGstin: '29AAGCB1286Q000' });
    expect(mine.map((m) => m.invoiceId)).toEqual([ids[0], ids[1]]);
    expect(mine.every((m) => m.state === 'in_flight' && m.attempts === 1)).toBe(true);
    expect(ledger.invoices.get(ids[0]!)!.status).toBe('in_flight');
    expect(ledger.outbox.claimDue({ limit: 10, ops: ['cancel'] })).toEqual([]);
    const rest = ledger.outbox.claimDue({ limit: 10 });
    expect(rest.map((m) => m.invoiceId)).toEqual([ids[2], foreign]);
    expect(ledger.outbox.claimDue({ limit: 10 })).toEqual([]);
    now += 3600_000;
    expect(ledger.outbox.claimDue({ limit: 10 })).toHaveLength(1);
  });

  it('claims only one of two queued operations of the same invoice', () => {
    const id = invoice('B-1');
    const reg = ledger.outbox.startInFlight({ invoiceId: id, op: 'register', payload: {} });
    ledger.outbox.completeRegistration(reg.id, { irn: sha('B-1'), ackNo: '1', ackDt: '2026-03-10 10:30:00', signedInvoice: 's', signedQrCode: 'q' });
    ledger.outbox.enqueue({ invoiceId: id, op: 'ewb', payload: { Distance: 10 } });
    ledger.outbox.enqueue({ invoiceId: id, op: 'cancel', payload: { CnlRsn: '1' } });
    const first = ledger.outbox.claimDue({ limit: 10 });
    expect(first.map((f) => f.op)).toEqual(['ewb']);
    expect(ledger.outbox.claimDue({ limit: 10 })).toEqual([]);
    ledger.outbox.fail(first[0]!.id, [{ code: '4009', message: 'EWB not allowed for services' }]);
    expect(ledger.invoices.get(id)).toMatchObject({ status: 'registered', lastErrors: [{ code: '4009', message: 'EWB not allowed for services' }] });
    expect(ledger.outbox.claimDue({ limit: 10 }).map((f) => f.op)).toEqual(['cancel']);
  });

  it('reschedules with exponential backoff and keeps the invoice queued with the plain error', () => {
    const id = invoice('R-1');
    const item = ledger.outbox.startInFlight({ invoiceId: id, op: 'register', payload: {} });
    const again = ledger.outbox.reschedule(item.id, { errors: [{ code: 'IRP_DOWN', message: 'The IRP is not answering' }] });
    expect(again).toMatchObject({ state: 'queued', attempts: 1, nextAttemptAt: new Date(now + 30_000).toISOString() });
    expect(ledger.invoices.get(id)).toMatchObject({ status: 'queued', lastErrors: [{ code: 'IRP_DOWN', message: 'The IRP is not answering' }] });
    expect(ledger.outbox.claimDue({ limit: 1 })).toEqual([]);
    now += 30_000;
    const [second] = ledger.outbox.claimDue({ limit: 1 });
    expect(second).toMatchObject({ id: item.id, attempts: 2 });
    expect(ledger.outbox.reschedule(item.id).nextAttemptAt).toBe(new Date(now + 60_000).toISOString());
    expect([1, 2, 3, 7, 8, 20].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 1_800_000, 1_800_000, 1_800_000]);
    expect(() => ledger.outbox.reschedule(item.id)).toThrow(expect.objectContaining({ code: 'OUTBOX_BAD_STATE' }) as Error);
  });

  it('a refused registration marks the invoice rejected; after an edit it can be queued again', () => {
    const id = invoice('F-1');
    const item = ledger.outbox.startInFlight({ invoiceId: id, op: 'register', payload: {} });
    ledger.outbox.fail(item.id, [{ code: '2172', path: 'ItemList[0].GstRt', message: 'Invalid GST rate' }]);
    expect(ledger.invoices.get(id)).toMatchObject({ status: 'rejected', lastErrors: [{ code: '2172', path: 'ItemList[0].GstRt' }] });
    expect(() => ledger.outbox.completeRegistration(item.id, { irn: sha('x'), ackNo: '1', ackDt: '2026-03-10 10:00:00', signedInvoice: 's', signedQrCode: 'q' })).toThrow(expect.objectContaining({ code: 'OUTBOX_BAD_STATE' }) as Error);
    ledger.invoices.saveDraft({ id, businessId, docType: 'INV', docNo: 'F-1', docDate: '2026-03-09', totalPaise: 100, draft: { fixed: true } });
    const retry = ledger.outbox.startInFlight({ invoiceId: id, op: 'register', payload: { fixed: true } });
    expect(retry.id).not.toBe(item.id);
    expect(ledger.journal.forInvoice(id).map((e) => `${e.kind}:${e.outcome}`)).toEqual(['register.sent:info', 'register.failed:error', 'register.sent:info']);
  });

  it('lists what was in flight when the process died, after reopening the file', () => {
    const id = invoice('K-1');
    ledger.outbox.startInFlight({ invoiceId: id, op: 'register', payload: { DocDtls: { No: 'K-1' } } });
    ledger.close();
    ledger = openLedger(file, { clock });
    const stuck = ledger.outbox.listInFlight();
    expect(stuck).toEqual([expect.objectContaining({ invoiceId: id, op: 'register', attempts: 1, payloadJson: '{"DocDtls":{"No":"K-1"}}' })]);
    expect(ledger.invoices.get(id)!.status).toBe('in_flight');
  });

  it('refuses payloads with secret-looking fields and operations an invoice cannot have', () => {
    const id = invoice('S-1');
    expect(() => ledger.outbox.enqueue({ invoiceId: id, op: 'register', payload: { Password: 'x' } })).toThrow(expect.objectContaining({ code: 'LEDGER_SECRET_REFUSED' }) as Error);
    expect(() => ledger.outbox.enqueue({ invoiceId: id, op: 'cancel', payload: {} })).toThrow(expect.objectContaining({ code: 'INVOICE_LOCKED' }) as Error);
    expect(() => ledger.outbox.enqueue({ invoiceId: 999, op: 'register', payload: {} })).toThrow(expect.objectContaining({ code: 'LEDGER_NOT_FOUND' }) as Error);
    expect(() => ledger.outbox.enqueue({ invoiceId: id, op: 'register', payload: '{not json' })).toThrow(expect.objectContaining({ path: 'payload' }) as Error);
  });

  it('three processes claiming from one file at once never claim the same row twice', async () => {
    const ids: number[] = [];
    ledger.transaction(() => {
      for (let n = 0; n < 120; n += 1) {
        const id = invoice(`P-${n}`);
        ids.push(id);
        ledger.outbox.enqueue({ invoiceId: id, op: 'register', payload: { n } });
      }
    });
    const script = join(dir, 'claimer.ts');
    writeFileSync(
      script,
      `import { openLedger } from ${JSON.stringify(resolve('electron/ledger/index.ts'))};
       const l = openLedger(process.argv[2]!);
       const got: number[] = [];
       for (;;) { const c = l.outbox.claimDue({ limit: 3 }); if (c.length === 0) break; got.push(...c.map((x) => x.invoiceId)); }
       l.close();
       process.stdout.write(JSON.stringify(got));`,
    );
    const run = () =>
      new Promise<number[]>((done, fail) => {
        const child = spawn(process.execPath, ['--import', 'tsx', script, file], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('close', (code) => (code === 0 ? done(JSON.parse(out) as number[]) : fail(new Error(`claimer exited ${code}: ${err}`))));
      });
    const results = await Promise.all([run(), run(), run()]);
    const all = results.flat();
    expect(all).toHaveLength(120);
    expect(new Set(all)).toEqual(new Set(ids));
    expect(ledger.outbox.listInFlight()).toHaveLength(120);
  }, 60_000);
});

describe('owned rows: several connections (processes) on one ledger', () => {
  let other: Ledger;
  beforeEach(() => {
    other = openLedger(file, { clock });
  });
  afterEach(() => other.close());

  it('records the owner and a lease; another connection may not take a live row, and may once the lease ran out', () => {
    const id = invoice('O-1');
    const item = ledger.outbox.startInFlight({ invoiceId: id, op: 'register', payload: { n: 1 } });
    expect(item.owner).toEqual(ledger.outbox.owner);
    expect(item.owner!.pid).toBe(process.pid);
    expect(item.leaseUntil).toBe(new Date(now + LEASE_MS).toISOString());
    const seen = other.outbox.get(item.id)!;
    expect(ledger.outbox.holder(seen)).toBe('mine');
    // same pid (one process, two connections): alive until the lease runs out
    expect(other.outbox.holder(seen)).toBe('live');
    expect(other.outbox.takeOver(item.id)).toBeUndefined();
    expect(() => other.outbox.reschedule(item.id)).toThrow(expect.objectContaining({ code: 'OUTBOX_BAD_STATE' }) as Error);
    expect(() => other.outbox.resend(item.id)).toThrow(expect.objectContaining({ code: 'OUTBOX_BAD_STATE' }) as Error);
    // renewing moves the lease on
    now += 20_000;
    expect(ledger.outbox.renewLeases()).toBe(1);
    now += 20_000;
    expect(other.outbox.takeOver(item.id)).toBeUndefined();
    now += LEASE_MS;
    const taken = other.outbox.takeOver(item.id)!;
    expect(taken.owner).toEqual(other.outbox.owner);
    expect(taken.attempts).toBe(1);
    // the first holder is no longer the holder: it may not put the row back
    expect(() => ledger.outbox.reschedule(item.id)).toThrow(expect.objectContaining({ code: 'OUTBOX_BAD_STATE' }) as Error);
    const kinds = ledger.journal.forInvoice(id).map((e) => e.kind);
    expect(kinds).toEqual(['register.sent', 'register.taken_over']);
    expect(ledger.journal.forInvoice(id)[1]!.details).toMatchObject({ from: { pid: process.pid }, attempt: 1 });
  });

  it('takes a row over at once when its owner process is gone from this host, and of two takers exactly one wins', async () => {
    const id = invoice('O-2');
    const item = ledger.outbox.startInFlight({ invoiceId: id, op: 'register', payload: { n: 2 } });
    ledger.db.prepare("UPDATE outbox SET owner_pid = ?, owner_instance = 'killed' WHERE id = ?").run(await deadPid(), item.id);
    const third = openLedger(file, { clock });
    try {
      expect(other.outbox.holder(other.outbox.get(item.id)!)).toBe('gone');
      const first = other.outbox.takeOver(item.id);
      const second = third.outbox.takeOver(item.id);
      expect(first?.owner?.instance).toBe(other.outbox.owner.instance);
      expect(second).toBeUndefined();
      expect(third.outbox.holder(third.outbox.get(item.id)!)).toBe('live');
    } finally {
      third.close();
    }
    expect(ledger.journal.forInvoice(id).filter((e) => e.kind === 'register.taken_over')).toHaveLength(1);
  });

  it('resend is a new attempt through the claim: attempts + 1, a fresh lease and a register.sent entry', () => {
    const id = invoice('O-3');
    const item = ledger.outbox.startInFlight({ invoiceId: id, op: 'register', payload: { n: 3 } });
    now += 10_000;
    const again = ledger.outbox.resend(item.id);
    expect(again).toMatchObject({ state: 'in_flight', attempts: 2, claimedAt: new Date(now).toISOString(), leaseUntil: new Date(now + LEASE_MS).toISOString() });
    const sent = ledger.journal.forInvoice(id).filter((e) => e.kind === 'register.sent');
    expect(sent.map((e) => e.details)).toEqual([
      expect.objectContaining({ attempt: 1 }),
      expect.objectContaining({ attempt: 2, resend: true }),
    ]);
    // an answer from the IRP completes the row whoever holds it; the done row keeps its owner
    other.outbox.completeRegistration(item.id, { irn: sha('O-3'), ackNo: '1', ackDt: '2026-03-10 10:30:00', signedInvoice: 's', signedQrCode: 'q' });
    expect(ledger.outbox.get(item.id)).toMatchObject({ state: 'done', owner: ledger.outbox.owner });
    expect(() => ledger.outbox.resend(item.id)).toThrow(expect.objectContaining({ code: 'OUTBOX_BAD_STATE' }) as Error);
  });

  it('a leftover of an older version (no owner) is gone at once', () => {
    const id = invoice('O-4');
    const item = ledger.outbox.startInFlight({ invoiceId: id, op: 'register', payload: { n: 4 } });
    ledger.db.prepare('UPDATE outbox SET owner_host = NULL, owner_pid = NULL, owner_instance = NULL, lease_until = NULL WHERE id = ?').run(item.id);
    expect(other.outbox.holder(other.outbox.get(item.id)!)).toBe('gone');
    expect(other.outbox.takeOver(item.id)?.owner?.instance).toBe(other.outbox.owner.instance);
    expect(ledger.journal.forInvoice(id).at(-1)!.details).toMatchObject({ from: null });
  });
});
