/**
 * Many hands on one ledger (issue 13): several `einvoice` processes on one data folder against
 * the practice IRP, which counts what it receives (GET /sandbox/stats).
 *
 * - Two `register` processes over the same 300 files: the IRP sees exactly one generate per
 *   document (no 2150 duplicate), both exit 0 and report every document registered (the one that
 *   did not send it says "registered by another window or process").
 * - `reconcile` run again and again during a `register`: the same, and no reconcile ever calls a
 *   document queued.
 * - A process SIGKILLed with rows in flight, then two processes started at once: each leftover is
 *   taken over once and resolved by lookup (irnbydocdetails), never sent again; a leftover the IRP
 *   never received is looked up, then resent as a new attempt with its own `register.sent`.
 * - Every time: the journal's `register.sent` entries equal the generate requests the IRP received.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../electron/ledger';
import type { StatsSnapshot } from '../../electron/sandbox/stats';
import { deadPid, jsonRows, spawnCli } from '../support/cli-process';
import { cliDataFolder, practiceInvoice, startPractice, type Practice } from '../support/practice';

let practice: Practice;
let dataDir: string;
let env: NodeJS.ProcessEnv;
let files: string;
const tag = `M${process.pid % 10000}`;

beforeAll(async () => {
  practice = await startPractice();
  ({ dataDir, env } = await cliDataFolder(practice));
  files = mkdtempSync(join(tmpdir(), 'einvoice-many-'));
});

afterAll(async () => {
  await practice.close();
  rmSync(files, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

/** `count` invoice files, one document each, numbered `<prefix>/1` ... */
function batch(prefix: string, count: number): string[] {
  const dir = join(files, prefix);
  mkdirSync(dir, { recursive: true });
  return Array.from({ length: count }, (_, i) => {
    const file = join(dir, `${i + 1}.json`);
    writeFileSync(file, JSON.stringify(practiceInvoice(`${prefix}/${i + 1}`, undefined, 1 + (i % 2))));
    return file;
  });
}

const stats = async () => (await practice.admin('GET', '/sandbox/stats')) as StatsSnapshot;
const resetStats = () => practice.admin('DELETE', '/sandbox/stats');
const register = (list: string[], ...extra: string[]) => spawnCli(['register', ...list, '--profile', 'practice-ka', '--json', '--data', dataDir, ...extra], env);
const reconcile = () => spawnCli(['reconcile', '--json', '--data', dataDir], env);

function withLedger<T>(fn: (ledger: Ledger) => T): T {
  const ledger = openLedger(join(dataDir, 'ledger.sqlite'));
  try {
    return fn(ledger);
  } finally {
    ledger.close();
  }
}

const journalSince = (ledger: Ledger, seq: number, kind: string) => ledger.journal.recent(1_000_000).filter((j) => j.seq > seq && j.kind === kind);
const lastSeq = () => withLedger((l) => l.journal.recent(1)[0]?.seq ?? 0);

/** Generate requests per document of this prefix, as the IRP counted them. */
function generatesOf(s: StatsSnapshot, prefix: string): number[] {
  return Object.entries(s.generate.byDocNo).filter(([no]) => no.startsWith(`${prefix}/`)).map(([, n]) => n);
}

describe('several processes on one ledger', () => {
  it('two register processes over the same 300 files: one generate per document, both report every document registered', async () => {
    const list = batch(`${tag}A`, 300);
    await resetStats();
    const mark = lastSeq();
    const [a, b] = await Promise.all([register(list).done, register(list).done]);
    expect([a.code, b.code], a.err + b.err).toEqual([0, 0]);
    const rowsA = jsonRows(a.out);
    const rowsB = jsonRows(b.out);
    for (const rows of [rowsA, rowsB]) {
      expect(rows).toHaveLength(300);
      expect(rows.filter((r) => r.status !== 'registered')).toEqual([]);
      expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.irn ?? ''))).toBe(true);
    }
    // the two reports agree on every IRN
    expect(rowsB.map((r) => r.irn)).toEqual(rowsA.map((r) => r.irn));
    // each process sent some and found the rest registered by the other
    const byOther = [rowsA, rowsB].map((rows) => rows.filter((r) => r.note === 'registered by another window or process').length);
    expect(byOther[0]! + byOther[1]!).toBeGreaterThanOrEqual(300);

    const s = await stats();
    const perDoc = generatesOf(s, `${tag}A`);
    expect(perDoc).toHaveLength(300);
    expect(perDoc.every((n) => n === 1)).toBe(true);
    expect(s.generate.duplicate).toBe(0);
    withLedger((ledger) => {
      expect(journalSince(ledger, mark, 'register.sent')).toHaveLength(s.requests.generate ?? 0);
      expect(ledger.outbox.listInFlight()).toEqual([]);
      expect(ledger.journal.verifyChain().ok).toBe(true);
    });
  }, 180_000);

  it('reconcile run again and again during a register: one generate per document, and no finished document called queued', async () => {
    const list = batch(`${tag}B`, 300);
    await resetStats();
    const mark = lastSeq();
    const main = register(list);
    let finished = false;
    void main.done.then(() => (finished = true));
    const reconciles: Array<{ code: number | null; rows: ReturnType<typeof jsonRows> }> = [];
    while (!finished) {
      const r = await reconcile().done;
      reconciles.push({ code: r.code, rows: jsonRows(r.out) });
    }
    const end = await main.done;
    expect(end.code, end.err).toBe(0);
    expect(jsonRows(end.out).filter((r) => r.status !== 'registered')).toEqual([]);
    expect(reconciles.length).toBeGreaterThanOrEqual(2);
    for (const r of reconciles) {
      expect(r.code).toBe(0);
      expect(r.rows.filter((row) => row.status !== 'registered' && row.status !== 'adopted')).toEqual([]);
    }
    const s = await stats();
    const perDoc = generatesOf(s, `${tag}B`);
    expect(perDoc).toHaveLength(300);
    expect(perDoc.every((n) => n === 1)).toBe(true);
    expect(s.generate.duplicate).toBe(0);
    withLedger((ledger) => expect(journalSince(ledger, mark, 'register.sent')).toHaveLength(s.requests.generate ?? 0));
  }, 180_000);

  it('after a SIGKILL with rows in flight, two processes started at once resolve each leftover once, by lookup', async () => {
    const prefix = `${tag}C`;
    const list = batch(prefix, 40);
    await resetStats();
    // a slow IRP, so that requests are in flight (and then committed at the IRP) when the client dies
    await practice.admin('POST', '/sandbox/faults', { latencyMs: 1500 });
    const victim = register(list, '--concurrency', '8');
    const deadline = Date.now() + 60_000;
    while (((await stats()).requests.generate ?? 0) < 8 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    victim.child.kill('SIGKILL');
    expect((await victim.done).signal).toBe('SIGKILL');
    // the IRP finishes what it received: those documents are registered there, not in the ledger
    while ((await practice.registrations()).filter((r) => r.docNo.startsWith(`${prefix}/`)).length < ((await stats()).requests.generate ?? 0)) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await practice.admin('DELETE', '/sandbox/faults');
    const leftovers = withLedger((ledger) => ledger.outbox.listInFlight().map((r) => r.invoiceId));
    expect(leftovers.length).toBeGreaterThanOrEqual(8);
    // and one leftover the IRP never received: claimed on disk by a process that died before sending
    const ghost = await deadPid();
    const neverSent = withLedger((ledger) => {
      const draft = ledger.invoiceList.page({ search: prefix, status: 'draft', limit: 1 }).rows[0]!;
      const item = ledger.outbox.startInFlight({ invoiceId: draft.id, op: 'register', payload: ledger.invoices.get(draft.id)!.payloadJson! });
      ledger.db.prepare("UPDATE outbox SET owner_pid = ?, owner_instance = 'ghost', lease_until = ? WHERE id = ?").run(ghost, new Date(Date.now() + 3_600_000).toISOString(), item.id);
      return draft.docNo!;
    });
    const atIrpBefore = (await practice.registrations()).filter((r) => r.docNo.startsWith(`${prefix}/`)).length;
    await resetStats();
    const mark = lastSeq();

    const [a, b] = await Promise.all([register(list).done, reconcile().done]);
    expect([a.code, b.code], a.err + b.err).toEqual([0, 0]);
    expect(jsonRows(a.out).filter((r) => r.status !== 'registered')).toEqual([]);
    const s = await stats();
    // every leftover asked about exactly once; none generated again; the rest generated once each
    expect(s.requests.getByDocDetails).toBe(leftovers.length + 1);
    expect(s.generate.duplicate).toBe(0);
    expect(s.generate.registered).toBe(40 - atIrpBefore);
    expect(s.generate.byDocNo[neverSent.toUpperCase()]).toBe(1);
    withLedger((ledger) => {
      const takeovers = journalSince(ledger, mark, 'register.taken_over');
      expect(takeovers.map((j) => j.invoiceId).sort()).toEqual([...leftovers, ledger.invoiceList.page({ search: neverSent }).rows[0]!.id].sort());
      expect(journalSince(ledger, mark, 'register.recovered')).toHaveLength(leftovers.length);
      const sent = journalSince(ledger, mark, 'register.sent');
      expect(sent).toHaveLength(s.requests.generate ?? 0);
      // the leftover nobody had sent: looked up, then sent as attempt 2 through the claim
      const ghostRow = ledger.invoiceList.page({ search: neverSent }).rows[0]!;
      expect(sent.filter((j) => j.invoiceId === ghostRow.id).map((j) => (j.details as { attempt: number; resend?: boolean }))).toEqual([expect.objectContaining({ attempt: 2, resend: true })]);
      expect(ghostRow.status).toBe('registered');
      expect(ledger.outbox.listInFlight()).toEqual([]);
      const registered = ledger.invoiceList.page({ search: prefix, limit: 100 }).rows.filter((r) => r.docNo?.startsWith(`${prefix}/`));
      expect(registered.filter((r) => r.status !== 'registered')).toEqual([]);
      expect(registered).toHaveLength(40);
    });
  }, 180_000);
});
