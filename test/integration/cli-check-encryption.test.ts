/**
 * `einvoice check-encryption`: against the practice IRP's key pair in <data>/practice-irp, the
 * --json shape {ok, verdict, message, steps, plaintext?, problems?} and the exit codes (0 OK or a
 * valid legacy body, 1 any other verdict, 2 unreadable input or bad arguments).
 */
import { constants, createCipheriv, publicEncrypt } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { practiceInvoice } from '../support/practice';

const data = mkdtempSync(join(tmpdir(), 'einvoice-cli-check-'));
const APPKEY = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
const SEK = Buffer.from(Array.from({ length: 32 }, (_, i) => 0x20 + i));
let pem = '';

async function cli(args: string[], stdin?: string): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const input = new PassThrough();
  if (stdin !== undefined) input.end(stdin);
  const code = await runCli([...args, '--data', data], { out: (s) => out.push(s), err: (s) => err.push(s), stdin: input, env: {}, now: () => new Date() });
  return { code, out, err };
}

function file(name: string, text: string): string {
  const f = join(data, name);
  writeFileSync(f, text);
  return f;
}

const authJson = JSON.stringify({ UserName: 'practice_ka', Password: 'Practice@229', AppKey: APPKEY.toString('base64'), ForceRefreshAccessToken: false });
const rsa = (plain: string, padding = constants.RSA_PKCS1_PADDING) => publicEncrypt({ key: pem, padding }, Buffer.from(plain)).toString('base64');
const ecb = (plain: string) => {
  const c = createCipheriv('aes-256-ecb', SEK, null);
  return Buffer.concat([c.update(plain), c.final()]).toString('base64');
};

beforeAll(async () => {
  const r = await cli(['check-encryption', 'key', '--json']);
  expect(r.code).toBe(0);
  const key = JSON.parse(r.out[0]!) as { publicKeyPem: string; sha256: string };
  expect(key.sha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  pem = key.publicKeyPem;
});

describe('einvoice check-encryption', () => {
  it('auth: a correct v1.04 body is OK with exit 0 and the documented JSON shape', async () => {
    const r = await cli(['check-encryption', 'auth', file('ok.json', JSON.stringify({ Data: rsa(Buffer.from(authJson).toString('base64')) })), '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out[0]!) as Record<string, unknown>;
    expect(Object.keys(j).sort()).toEqual(['message', 'ok', 'plaintext', 'steps', 'verdict']);
    expect(j).toMatchObject({ ok: true, verdict: 'OK' });
    expect(JSON.parse(j.plaintext as string)).toMatchObject({ UserName: 'practice_ka', AppKey: APPKEY.toString('base64') });
  });

  it('auth: OAEP padding and JSON-not-Base64 are exit 1 with their verdicts; text output names the verdict', async () => {
    const oaep = await cli(['check-encryption', 'auth', file('oaep.txt', rsa(Buffer.from(authJson).toString('base64'), constants.RSA_PKCS1_OAEP_PADDING)), '--json']);
    expect(oaep.code).toBe(1);
    expect(JSON.parse(oaep.out[0]!)).toMatchObject({ ok: false, verdict: 'OAEP_PADDING' });
    const raw = await cli(['check-encryption', 'auth', file('raw.json', JSON.stringify({ Data: rsa(authJson) }))]);
    expect(raw.code).toBe(1);
    expect(raw.out[0]).toBe('verdict: JSON_NOT_BASE64_ENCODED');
  });

  it('auth: a legacy v1.03 body is LEGACY_V103 with exit 0; standard input works', async () => {
    const body = JSON.stringify({ data: { UserName: 'practice_ka', Password: rsa('Practice@229'), AppKey: publicEncrypt({ key: pem, padding: constants.RSA_PKCS1_PADDING }, APPKEY).toString('base64'), ForceRefreshAccessToken: false } });
    const r = await cli(['check-encryption', 'auth', '-', '--json'], body);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out[0]!)).toMatchObject({ ok: true, verdict: 'LEGACY_V103' });
  });

  it('sek: the §2.6 AppKey opens the §2.6 Sek (exit 0); another AppKey is WRONG_KEY (exit 1)', async () => {
    const ok = await cli(['check-encryption', 'sek', '--appkey', APPKEY.toString('base64'), '--sek', 'YaaTbk6PEBwcwfmTtUKg1OJ0Dor61OTRXQ1mGzguyomfO3UEkm+L024xGOkDpM1K', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out[0]!)).toMatchObject({ verdict: 'OK', plaintext: SEK.toString('base64') });
    const bad = await cli(['check-encryption', 'sek', '--appkey', SEK.toString('base64'), '--sek', 'YaaTbk6PEBwcwfmTtUKg1OJ0Dor61OTRXQ1mGzguyomfO3UEkm+L024xGOkDpM1K', '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out[0]!)).toMatchObject({ verdict: 'WRONG_KEY' });
  });

  it('payload: a valid invoice is OK; one whose total is wrong is NOT_INV01 with the validator\'s problems', async () => {
    const inv = practiceInvoice('CLI/CHK/1');
    const ok = await cli(['check-encryption', 'payload', '--sek', SEK.toString('base64'), file('inv.json', JSON.stringify({ Data: ecb(JSON.stringify(inv)) })), '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out[0]!)).toMatchObject({ ok: true, verdict: 'OK' });
    const bad = await cli(['check-encryption', 'payload', '--sek', SEK.toString('base64'), file('bad.json', JSON.stringify({ Data: ecb(JSON.stringify({ ...inv, ValDtls: { ...inv.ValDtls, TotInvVal: 1 } })) })), '--json']);
    expect(bad.code).toBe(1);
    const j = JSON.parse(bad.out[0]!) as { verdict: string; problems: Array<{ code: string; path: string }> };
    expect(j.verdict).toBe('NOT_INV01');
    expect(j.problems).toContainEqual(expect.objectContaining({ code: '2189', path: 'ValDtls.TotInvVal' }));
  });

  it('exit 2 for a file that cannot be read, one too large, and bad arguments', async () => {
    expect((await cli(['check-encryption', 'auth', join(data, 'missing.json')])).code).toBe(2);
    const big = file('big.txt', 'A'.repeat(8 * 1024 * 1024 + 1));
    const r = await cli(['check-encryption', 'auth', big]);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toContain('limit');
    expect((await cli(['check-encryption', 'sek', '--appkey', 'x'])).code).toBe(2);
    expect((await cli(['check-encryption', 'payload', file('p.txt', 'x')])).code).toBe(2);
    expect((await cli(['check-encryption', 'nonsense'])).code).toBe(2);
  });
});
