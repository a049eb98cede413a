/**
 * The practice IRP as a server: restarts keep registrations and keys, injected faults (latency,
 * drop after commit, 5xx, IRP down), reset, close() finishing in-flight requests, heartbeat, and
 * the `einvoice sandbox` command's one line and clean shutdown.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { compactVerify, importX509 } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, NicTestClient, sampleInvoice, startHarness, type Harness, type Party } from '../support/nic-test-client';

const MH: Party = { gstin: '27AADCP1234M1ZD', name: 'Practice Manufacturing', stateCode: '27', pin: 400001, loc: 'Mumbai' };
const KA: Party = { gstin: '29ABCDE1234F1ZW', name: 'Practice Traders', stateCode: '29', pin: 560001, loc: 'Bengaluru' };

interface Listed {
  irn: string;
  gstin: string;
  docType: string;
  docNo: string;
  docDate: string;
  ackNo: number;
  ackDt: string;
  status: string;
  ewbNo: number | null;
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

describe('persistence', () => {
  it('a restart keeps registrations, keys, the clock and the AckNo sequence; old tokens must re-authenticate', async () => {
    const c = await h.client(MH.gstin);
    const r = await c.generate(sampleInvoice(MH, KA, 'KEEP-1', await h.today()));
    const irn = r.data?.Irn as string;
    const clockBefore = (await admin<{ now: string }>(h.url, 'GET', 'clock')).now;
    const keysBefore = h.keys;
    await h.restart();
    expect(await admin(h.url, 'GET', 'keys')).toEqual(keysBefore);
    expect(Date.parse((await admin<{ now: string }>(h.url, 'GET', 'clock')).now) - Date.parse(clockBefore)).toBeLessThan(60_000);
    const listed = await admin<Listed[]>(h.url, 'GET', 'registrations');
    expect(listed).toContainEqual({ irn, gstin: MH.gstin, docType: 'INV', docNo: 'KEEP-1', docDate: await h.today(), ackNo: r.data?.AckNo, ackDt: r.data?.AckDt, status: 'ACT', ewbNo: null });
    const stale = new NicTestClient(h.url, c.account, h.keys.encryptionPublicKeyPem);
    stale.token = c.token;
    stale.sek = c.sek;
    expect((await stale.get(`/eicore/v1.03/Invoice/irn/${irn}`)).codes).toEqual(['1005']);
    await c.auth();
    const got = await c.get(`/eicore/v1.03/Invoice/irn/${irn}`);
    expect(got.data?.SignedInvoice).toBe(r.data?.SignedInvoice);
    await compactVerify(got.data?.SignedInvoice as string, await importX509(h.keys.signingCertificatePem, 'RS256'));
    const next = await c.generate(sampleInvoice(MH, KA, 'KEEP-2', await h.today()));
    expect(Number(next.data?.AckNo)).toBeGreaterThan(Number(r.data?.AckNo));
  });
});

describe('faults', () => {
  it('down: every IRP API answers 503 with a non-JSON body until cleared; the admin API still works', async () => {
    const c = await h.client(MH.gstin);
    expect(await admin(h.url, 'POST', 'faults', { down: true })).toMatchObject({ down: true });
    for (const res of [await c.auth(), await c.get('/eivital/v1.04/heartbeat/ping')]) {
      expect(res.httpStatus).toBe(503);
      expect(res.env).toBeUndefined();
    }
    await admin(h.url, 'DELETE', 'faults');
    expect((await c.auth()).env?.Status).toBe(1);
  });

  it('http5xxRate 1: 500/502/504 with non-JSON bodies before anything is done', async () => {
    const c = await h.client(MH.gstin);
    await admin(h.url, 'POST', 'faults', { http5xxRate: 1, seed: 42 });
    const seen = new Set<number>();
    for (let i = 0; i < 12; i += 1) {
      const r = await c.generate(sampleInvoice(MH, KA, 'FAIL-5XX', await h.today()));
      expect(r.env).toBeUndefined();
      seen.add(r.httpStatus);
    }
    await admin(h.url, 'DELETE', 'faults');
    expect([...seen].every((s) => [500, 502, 504].includes(s))).toBe(true);
    const listed = await admin<Listed[]>(h.url, 'GET', 'registrations');
    expect(listed.some((l) => l.docNo === 'FAIL-5XX')).toBe(false);
  });

  it('dropAfterCommitRate 1: the socket closes without an answer, the registration is committed', async () => {
    const c = await h.client(MH.gstin);
    await admin(h.url, 'POST', 'faults', { dropAfterCommitRate: 1 });
    await expect(c.generate(sampleInvoice(MH, KA, 'DROP-1', await h.today()))).rejects.toThrow();
    await admin(h.url, 'DELETE', 'faults');
    const listed = await admin<Listed[]>(h.url, 'GET', 'registrations');
    const row = listed.find((l) => l.docNo === 'DROP-1');
    expect(row?.status).toBe('ACT');
    const again = await c.generate(sampleInvoice(MH, KA, 'DROP-1', await h.today()));
    expect(again.codes).toEqual(['2150']);
    expect((again.env?.InfoDtls?.[0]?.Desc as { Irn: string }).Irn).toBe(row?.irn);
  });

  it('latencyMs delays IRP replies; bad fault values are refused with 400', async () => {
    const c = await h.client(MH.gstin);
    await admin(h.url, 'POST', 'faults', { latencyMs: 300 });
    const t0 = Date.now();
    await c.get('/eivital/v1.04/Master/gstin/29ABCDE1234F1ZW');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    await admin(h.url, 'DELETE', 'faults');
    const res = await fetch(`${h.url}/sandbox/faults`, { method: 'POST', body: JSON.stringify({ http5xxRate: 2 }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain('http5xxRate');
  });

  it('a client that vanishes mid-body does not block close()', async () => {
    const sock = connect(h.irp.port, '127.0.0.1');
    await new Promise<void>((r) => sock.once('connect', () => r()));
    sock.write('POST /eicore/v1.03/Invoice HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"Data":"abc');
    await new Promise((r) => setTimeout(r, 100));
    sock.destroy();
    const t0 = Date.now();
    await h.irp.close();
    expect(Date.now() - t0).toBeLessThan(2_000);
    await h.restart();
  });

  it('close() lets an in-flight registration finish and commit', async () => {
    const c = await h.client(MH.gstin);
    await admin(h.url, 'POST', 'faults', { latencyMs: 400 });
    const pending = c.generate(sampleInvoice(MH, KA, 'INFLIGHT-1', await h.today()));
    await new Promise((r) => setTimeout(r, 100));
    const closing = h.irp.close();
    const r = await pending;
    await closing;
    expect(r.env?.Status).toBe(1);
    await h.restart();
    await admin(h.url, 'DELETE', 'faults');
    expect((await admin<Listed[]>(h.url, 'GET', 'registrations')).some((l) => l.irn === r.data?.Irn)).toBe(true);
  });
});

describe('concurrency and secrets', () => {
  it('eight simultaneous submissions of one document: exactly one registration, seven 2150 with its IRN', async () => {
    const clients = await Promise.all(Array.from({ length: 8 }, () => h.client(MH.gstin)));
    const today = await h.today();
    const results = await Promise.all(clients.map((c) => c.generate(sampleInvoice(MH, KA, 'RACE-1', today))));
    const ok = results.filter((r) => r.env?.Status === 1);
    expect(ok).toHaveLength(1);
    for (const r of results.filter((x) => x.env?.Status === 0)) {
      expect(r.codes).toEqual(['2150']);
      expect((r.env?.InfoDtls?.[0]?.Desc as { Irn: string }).Irn).toBe(ok[0]?.data?.Irn);
    }
  });

  it('never writes a password, client secret, token or SEK to SQLite or the log', async () => {
    const lines: string[] = [];
    const s = await startHarness({ log: (l) => lines.push(l) });
    try {
      const c = await s.client(MH.gstin);
      await c.generate(sampleInvoice(MH, KA, 'SECRET-1', await s.today()));
      await c.auth({ force: true });
      const files = readdirSync(s.dir).filter((f) => f.startsWith('practice-irp.sqlite'));
      const bytes = Buffer.concat(files.map((f) => readFileSync(join(s.dir, f))));
      const secrets = [c.account.password, c.account.clientSecret, c.token ?? '', c.sek?.toString('base64') ?? '', c.sek?.toString('hex') ?? ''];
      for (const secret of secrets) {
        expect(secret.length).toBeGreaterThan(8);
        expect(bytes.includes(Buffer.from(secret))).toBe(false);
        expect(lines.join('\n')).not.toContain(secret);
      }
      expect(c.sek && bytes.includes(c.sek)).toBe(false);
      expect(lines.some((l) => l.includes('registered'))).toBe(true);
    } finally {
      await s.close();
    }
  });
});

describe('admin and transport', () => {
  it('reset clears registrations, tokens and faults but keeps keys and accounts', async () => {
    const c = await h.client(MH.gstin);
    const before = await c.generate(sampleInvoice(MH, KA, 'RESET-1', await h.today()));
    await admin(h.url, 'POST', 'faults', { latencyMs: 5 });
    await admin(h.url, 'POST', 'reset');
    expect(await admin(h.url, 'GET', 'registrations')).toEqual([]);
    expect(await admin(h.url, 'GET', 'faults')).toMatchObject({ latencyMs: 0, down: false });
    expect((await c.get('/eivital/v1.04/Master/gstin/29ABCDE1234F1ZW')).codes).toEqual(['1005']);
    expect(await admin(h.url, 'GET', 'keys')).toEqual(h.keys);
    await h.restart();
    expect((await c.auth()).env?.Status).toBe(1);
    // The same document registers again after a reset, with a higher AckNo (numbers never repeat).
    const after = await c.generate(sampleInvoice(MH, KA, 'RESET-1', await h.today()));
    expect(after.data?.Irn).toBe(before.data?.Irn);
    expect(Number(after.data?.AckNo)).toBeGreaterThan(Number(before.data?.AckNo));
  });

  it('heartbeat answers NIC\'s text; unknown paths get a non-JSON 404; clock accepts set/advance and refuses junk', async () => {
    const ping = await fetch(`${h.url}/eivital/v1.04/heartbeat/ping`);
    expect(await ping.text()).toMatch(/^e-Invoice Vital:-\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}$/);
    const nf = await fetch(`${h.url}/eicore/v1.03/Nope`);
    expect(nf.status).toBe(404);
    expect(await nf.text()).toContain('404');
    const set = await admin<{ now: string }>(h.url, 'POST', 'clock', { set: '2026-06-01T09:00:00+05:30' });
    expect(Date.parse(set.now) - Date.parse('2026-06-01T03:30:00.000Z')).toBeLessThan(1_000);
    const adv = await admin<{ now: string }>(h.url, 'POST', 'clock', { advanceMinutes: 30 });
    expect(Date.parse(adv.now) - Date.parse('2026-06-01T04:00:00.000Z')).toBeLessThan(5_000);
    expect((await fetch(`${h.url}/sandbox/clock`, { method: 'POST', body: '{"set":"yesterday"}' })).status).toBe(400);
  });
});

describe('einvoice sandbox (CLI)', () => {
  it('prints exactly one line once it accepts requests and exits 0 on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'practice-irp-cli-'));
    const child = spawn(process.execPath, ['bin/einvoice.mjs', 'sandbox', '--port', '0', '--data', dir, '--token-ttl-min', '30'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const lines = createInterface({ input: child.stdout });
      const first = await new Promise<string>((resolve, reject) => {
        lines.once('line', resolve);
        child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
      });
      const m = /^practice IRP listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(first);
      expect(m).not.toBeNull();
      const url = m?.[1] ?? '';
      expect(await (await fetch(`${url}/eivital/v1.04/heartbeat/ping`)).text()).toMatch(/^e-Invoice Vital:-/);
      const more: string[] = [];
      lines.on('line', (l) => more.push(l));
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(more).toEqual([]);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
