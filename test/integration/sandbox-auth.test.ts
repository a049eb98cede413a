/**
 * Practice IRP authentication over real HTTP (irp-protocol.md §2.2-§2.4, §13.2): v1.04 and v1.03,
 * header spellings, the error order, token reuse, force refresh, expiry by clock, and the gate
 * (1005) of every other API.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, aesDecrypt, NicTestClient, startHarness, type Harness } from '../support/nic-test-client';

let h: Harness;
const MH = '27AADCP1234M1ZD';
const KA = '29ABCDE1234F1ZW';

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const client = (gstin = MH, style: 'underscore' | 'hyphen' | 'upper' = 'underscore') => new NicTestClient(h.url, h.account(gstin), h.keys.encryptionPublicKeyPem, style);
const gstinPath = (gstin: string) => `/eivital/v1.04/Master/gstin/${gstin}`;

describe('practice accounts', () => {
  it('lists at least two valid-check-digit GSTINs in different states plus NIC test identities', () => {
    const gstins = h.accounts.map((a) => a.gstin);
    expect(gstins).toEqual(expect.arrayContaining([MH, KA, '29AWGPV7107B1Z1', '37ARZPT4384Q1MT']));
    expect(new Set(h.accounts.slice(0, 2).map((a) => a.stateCode)).size).toBe(2);
    for (const a of h.accounts) expect(Object.keys(a)).toEqual(['gstin', 'clientId', 'clientSecret', 'userName', 'password', 'legalName', 'stateCode', 'aatoCrore']);
  });
});

describe('auth v1.04', () => {
  it('returns a token, a SEK encrypted with the AppKey and an IST expiry 60 minutes ahead', async () => {
    const c = client();
    const appKey = randomBytes(32);
    const r = await c.auth({ appKey });
    expect(r.httpStatus).toBe(200);
    expect(r.env).toMatchObject({ Status: 1, ErrorDetails: null, InfoDtls: null });
    const d = r.env?.Data as Record<string, string>;
    expect(Object.keys(d)).toEqual(['ClientId', 'UserName', 'AuthToken', 'Sek', 'TokenExpiry']);
    expect(d.AuthToken).toMatch(/^[A-Za-z0-9]{25}$/);
    expect(aesDecrypt(appKey, Buffer.from(d.Sek ?? '', 'base64'))).toHaveLength(32);
    expect(d.TokenExpiry).toMatch(/^2026-05-15 11:00:\d{2}$/);
    const g = await c.get(gstinPath(KA));
    expect(g.env?.Status).toBe(1);
    expect(g.data).toMatchObject({ Gstin: KA, Status: 'ACT', StateCode: 29 });
  });

  it('accepts hyphenated and upper-case header names, and 16- and 24-byte AppKeys', async () => {
    for (const style of ['hyphen', 'upper'] as const) {
      const c = client(KA, style);
      expect((await c.auth({ appKey: randomBytes(16) })).env?.Status).toBe(1);
      expect((await c.get(gstinPath(MH))).data).toMatchObject({ Gstin: MH });
    }
    const c24 = client(KA);
    expect((await c24.auth({ appKey: randomBytes(24) })).env?.Status).toBe(1);
    expect(c24.sek).toHaveLength(32);
  });

  it('returns the same token within validity and adopts the same SEK under a new AppKey', async () => {
    const c = client(KA);
    await c.auth();
    const first = { token: c.token, sek: c.sek };
    await c.auth();
    expect(c.token).toBe(first.token);
    expect(c.sek?.equals(first.sek ?? Buffer.alloc(0))).toBe(true);
  });
});

describe('auth v1.03', () => {
  it('accepts the RSA-encrypted Password and raw AppKey', async () => {
    const c = client('29AWGPV7107B1Z1');
    const r = await c.auth({ version: '1.03' });
    expect(r.env?.Status).toBe(1);
    expect((await c.get(gstinPath('37ARZPT4384Q1MT'))).data).toMatchObject({ Gstin: '37ARZPT4384Q1MT' });
  });

  it('binds the token to the user\'s GSTIN when the optional Gstin header is absent', async () => {
    const c = client('29AWGPV7107B1Z1');
    expect((await c.auth({ version: '1.03', headers: { Gstin: undefined } })).env?.Status).toBe(1);
    expect((await c.get(gstinPath(KA))).env?.Status).toBe(1);
  });

  it('reports 1016 when the AppKey is not an AES key', async () => {
    const r = await client('29AWGPV7107B1Z1').auth({ version: '1.03', appKey: randomBytes(20) });
    expect(r.codes).toEqual(['1016']);
  });
});

describe('auth errors, in the order of §13.2', () => {
  const cases: Array<[string, string, (c: NicTestClient) => ReturnType<NicTestClient['auth']>]> = [
    ['1011', 'no client id', (c) => c.auth({ headers: { client_id: undefined, client_secret: 'wrong' } })],
    ['1012', 'no client secret', (c) => c.auth({ headers: { client_secret: undefined, Gstin: undefined } })],
    ['1004', 'no GSTIN header', (c) => c.auth({ headers: { Gstin: undefined }, password: 'wrong' })],
    ['1010', 'wrong client secret', (c) => c.auth({ headers: { client_secret: 'not-the-secret' }, password: 'wrong' })],
    ['1013', 'Data not encrypted with the practice key', (c) => c.auth({ rawData: randomBytes(256).toString('base64') })],
    ['1016', 'AppKey of a wrong size', (c) => c.auth({ appKey: randomBytes(20) })],
    ['1006', 'empty user name', (c) => c.auth({ userName: '' })],
    ['1017', 'unknown user', (c) => c.auth({ userName: 'nobody' })],
    ['1018', 'user of another client id', (c) => c.auth({ userName: 'practice_ka' })],
    ['1019', 'wrong password', (c) => c.auth({ password: 'Practice@000' })],
    ['1015', 'GSTIN header of another taxpayer', (c) => c.auth({ headers: { Gstin: KA } })],
  ];
  for (const [code, what, run] of cases) {
    it(`${code}: ${what}`, async () => {
      const r = await run(client());
      expect(r.httpStatus).toBe(200);
      expect(r.env).toMatchObject({ Status: 0, Data: null, InfoDtls: null });
      expect(r.codes).toEqual([code]);
    });
  }

  it('1014: a user whose GSTIN is inactive', async () => {
    const inactive = h.accounts.find((a) => a.userName === 'practice_ina');
    expect(inactive).toBeDefined();
    const c = new NicTestClient(h.url, inactive!, h.keys.encryptionPublicKeyPem);
    expect((await c.auth()).codes).toEqual(['1014']);
  });

  it('5003: an auth body without Data', async () => {
    const c = client();
    const r = await c.send('POST', '/eivital/v1.04/auth', c.clientHeaders(), '{}');
    expect(r.codes).toEqual(['5003']);
  });
});

describe('the token gate and the token life-cycle', () => {
  it('1005 for an unknown token, a user_name or GSTIN not matching the token, and missing headers give their codes', async () => {
    const c = await h.client(MH);
    expect((await c.get(gstinPath(KA), { AuthToken: 'NotARealToken123456789012' })).codes).toEqual(['1005']);
    expect((await c.get(gstinPath(KA), { user_name: 'practice_ka' })).codes).toEqual(['1005']);
    const other = await h.client(KA);
    expect((await c.get(gstinPath(KA), { AuthToken: other.token })).codes).toEqual(['1005']);
    expect((await c.get(gstinPath(KA), { user_name: undefined })).codes).toEqual(['1006']);
    expect((await c.get(gstinPath(KA), { client_secret: 'x' })).codes).toEqual(['1010']);
  });

  it('ForceRefreshAccessToken is ignored before the last 10 minutes and honoured inside them; expiry by clock gives 1005', async () => {
    await admin(h.url, 'POST', 'clock', { set: '2026-05-16T09:00:00+05:30' });
    const c = client('37ARZPT4384Q1MT');
    await c.auth();
    const t1 = c.token;
    await admin(h.url, 'POST', 'clock', { advanceMinutes: 45 });
    await c.auth({ force: true });
    expect(c.token).toBe(t1);
    await admin(h.url, 'POST', 'clock', { advanceMinutes: 6 });
    await c.auth({ force: true });
    const t2 = c.token;
    expect(t2).not.toBe(t1);
    expect((await c.get(gstinPath(KA))).env?.Status).toBe(1);
    await admin(h.url, 'POST', 'clock', { advanceMinutes: 61 });
    expect((await c.get(gstinPath(KA))).codes).toEqual(['1005']);
    await c.auth();
    expect(c.token).not.toBe(t2);
    expect((await c.get(gstinPath(KA))).env?.Status).toBe(1);
  });

  it('POST /sandbox/tokens/expire expires every token now', async () => {
    const c = await h.client(KA);
    expect((await c.get(gstinPath(MH))).env?.Status).toBe(1);
    await admin(h.url, 'POST', 'tokens/expire');
    expect((await c.get(gstinPath(MH))).codes).toEqual(['1005']);
  });
});
