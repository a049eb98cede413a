/**
 * Truthful outcomes (issue 13), in one process with a second ledger connection standing in for
 * another window: a document another live process holds is left alone and reported `in_flight`
 * ("being sent by another window or process") with nothing sent; once that process has finished
 * it, the same call reports `registered` with the IRN, "registered by another window or process";
 * a document the ledger refuses is `not_sent` with a plain reason and a stable code, never
 * "rejected"; SQLite failures become plain sentences.
 */
import { join } from 'node:path';
import { rmSync, writeFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localViolation } from '../../electron/app/engine/outcomes';
import { runCli } from '../../electron/cli/main';
import { openLedger } from '../../electron/ledger';
import type { StatsSnapshot } from '../../electron/sandbox/stats';
import { openTestApp, practiceInvoice, SELLER_GSTIN, startPractice, type Practice, type TestApp } from '../support/practice';

let practice: Practice;
let t: TestApp;
const tag = `T${process.pid % 10000}`;

beforeAll(async () => {
  practice = await startPractice();
  t = await openTestApp(practice, { waitForOthersMs: 400 });
});

afterAll(async () => {
  await t.app.close();
  await practice.close();
  rmSync(t.dir, { recursive: true, force: true });
});

const generates = async () => ((await practice.admin('GET', '/sandbox/stats')) as StatsSnapshot).requests.generate ?? 0;

describe('outcomes that say what happened', () => {
  it('leaves a document another live process holds alone, then reports it registered by that process', async () => {
    const invoice = t.app.engine.ingest(practiceInvoice(`${tag}/HELD`), t.businessId);
    // "another window": its own connection (own instance id) claims the row and keeps it alive
    const other = openLedger(join(t.dir, 'ledger.sqlite'));
    try {
      const item = other.outbox.startInFlight({ invoiceId: invoice.id, op: 'register', payload: invoice.payloadJson! });
      const before = await generates();
      const waiting = await t.app.engine.register(invoice.id);
      expect(waiting.status).toBe('in_flight');
      expect(waiting.errors).toEqual([expect.objectContaining({ code: 'IN_FLIGHT_ELSEWHERE', message: expect.stringMatching(/^Being sent by another window or process/) as string })]);
      expect(await generates()).toBe(before);
      // the other window gets its answer while this one waits
      const again = t.app.engine.register(invoice.id);
      setTimeout(() => {
        other.outbox.completeRegistration(item.id, { irn: 'a'.repeat(64), ackNo: '132610000000001', ackDt: '2026-03-10 10:30:00', signedInvoice: 'eyJ.e30.s', signedQrCode: 'eyJ.e30.q' });
      }, 150);
      expect(await again).toMatchObject({ status: 'registered', irn: 'a'.repeat(64), note: 'registered by another window or process' });
      expect(await generates()).toBe(before);
      // asked again later: the ledger's IRN, and who registered it
      expect(await t.app.engine.register(invoice.id)).toMatchObject({ status: 'registered', note: 'registered by another window or process' });
    } finally {
      other.close();
    }
  });

  it('register: a document the ledger refuses is "not sent" with the ledger\'s code and reason (exit 1), not "rejected"', async () => {
    const bad = practiceInvoice(`${tag}/ok`);
    bad.DocDtls.No = `0${tag}`; // the IRP's number rule: may not start with 0 (the ledger refuses it first)
    const file = join(t.dir, 'bad.json');
    writeFileSync(file, JSON.stringify([bad, practiceInvoice(`${tag}/GOOD`)]));
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: () => undefined, stdin: new PassThrough(), env: { EINVOICE_CLIENT_SECRET: practice.account(SELLER_GSTIN).clientSecret, EINVOICE_PASSWORD: practice.account(SELLER_GSTIN).password }, now: () => new Date() };
    // the CLI opens the same ledger beside the app's connection, as a second process would
    const code = await runCli(['register', file, '--profile', 'practice-ka', '--json', '--data', t.dir], io);
    const rows = JSON.parse(out.at(-1)!) as Array<{ status: string; errors: Array<{ code: string; path: string }> }>;
    expect(code).toBe(1);
    expect(rows.map((r) => r.status)).toEqual(['not_sent', 'registered']);
    expect(rows[0]!.errors).toEqual([expect.objectContaining({ code: 'LEDGER_BAD_INPUT', path: 'docNo' })]);
  });

  it('turns SQLite failures into plain sentences with stable codes', () => {
    const sqlite = (code: string) => Object.assign(new Error(`raw ${code}`), { code });
    expect(localViolation(sqlite('SQLITE_BUSY'))).toMatchObject({ code: 'LEDGER_BUSY', message: expect.stringMatching(/busy.*nothing was sent/) as string });
    expect(localViolation(sqlite('SQLITE_FULL'))).toMatchObject({ code: 'LEDGER_DISK_FULL' });
    expect(localViolation(sqlite('SQLITE_READONLY_DBMOVED'))).toMatchObject({ code: 'LEDGER_READ_ONLY' });
    expect(localViolation(sqlite('SQLITE_CORRUPT_VTAB'))).toMatchObject({ code: 'LEDGER_DAMAGED' });
    expect(localViolation(sqlite('SQLITE_WEIRD'))).toMatchObject({ code: 'LEDGER_FAILED', message: expect.stringContaining('SQLITE_WEIRD') as string });
  });
});
