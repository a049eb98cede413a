import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../electron/ledger/canonical-json';
import { isSecretKey, maskSecrets, maskSecretText, REDACTED } from '../../electron/ledger/mask-secrets';

const AUTH_JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhcGkiLCJleHAiOjE3MDAwMDAwMDB9.c2lnbmF0dXJlLWJ5dGVz';
const SIGNED = 'eyJhbGciOiJSUzI1NiIsImtpZCI6IkVEQzU3REUxMzU4QjMwMEJBOUY3OTM0MEE2Njk2ODMxRjNDODUwNDciLCJ0eXAiOiJKV1QifQ.eyJkYXRhIjoie30ifQ.c2ln';

describe('maskSecrets', () => {
  it('redacts every key named like a credential, at any depth and in arrays', () => {
    const input = {
      UserName: 'bharat_api',
      Password: 'Pa55word!',
      client_secret: 'cs-123',
      clientSecret: 'cs-456',
      AppKey: 'YXBwa2V5',
      Sek: 'c2Vr',
      decryptedSek: 'raw',
      AuthToken: '1hBjcsWWTZ2Ms',
      nested: [{ token: 'tok' }, { headers: { authorization: 'Basic xyz', 'x-auth-token': 'abc' } }],
      TokenExpiry: '2026-03-10 18:00:00',
      ClientId: 'AAGCB29TXPXXXX',
    };
    expect(maskSecrets(input)).toEqual({
      UserName: 'bharat_api',
      Password: REDACTED,
      client_secret: REDACTED,
      clientSecret: REDACTED,
      AppKey: REDACTED,
      Sek: REDACTED,
      decryptedSek: REDACTED,
      AuthToken: REDACTED,
      nested: [{ token: REDACTED }, { headers: { authorization: REDACTED, 'x-auth-token': REDACTED } }],
      TokenExpiry: '2026-03-10 18:00:00',
      ClientId: 'AAGCB29TXPXXXX',
    });
    expect(input.Password).toBe('Pa55word!');
  });

  it('redacts JWTs and bearer tokens inside any text but keeps SignedInvoice and SignedQRCode', () => {
    const out = maskSecrets({
      message: `request failed: Authorization: Bearer ${AUTH_JWT} rejected`,
      note: `token was ${AUTH_JWT}`,
      SignedInvoice: SIGNED,
      SignedQRCode: SIGNED,
      list: [AUTH_JWT],
    }) as Record<string, unknown>;
    expect(out.message).toBe(`request failed: Authorization: Bearer ${REDACTED} rejected`);
    expect(out.note).toBe(`token was ${REDACTED}`);
    expect(out.SignedInvoice).toBe(SIGNED);
    expect(out.SignedQRCode).toBe(SIGNED);
    expect(out.list).toEqual([REDACTED]);
    expect(JSON.stringify(out)).not.toContain(AUTH_JWT);
    expect(maskSecretText('plain text with 1234 and a.b.c')).toBe('plain text with 1234 and a.b.c');
  });

  it('turns errors, dates, bigints and cycles into plain JSON data without throwing', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const err = Object.assign(new Error(`auth failed for ${AUTH_JWT}`), { code: 'E1' });
    expect(maskSecrets({ err, at: new Date('2026-03-10T00:00:00Z'), big: 10n ** 20n, cyclic, fn: () => 1, u: undefined })).toEqual({
      err: { name: 'Error', message: `auth failed for ${REDACTED}`, code: 'E1' },
      at: '2026-03-10T00:00:00.000Z',
      big: '100000000000000000000',
      cyclic: { a: 1, self: '[too deep]' },
    });
    expect(maskSecrets('Bearer abcdefghijklmnopqrstuvwxyz')).toBe(`Bearer ${REDACTED}`);
  });

  it('classifies key names', () => {
    for (const k of ['password', 'PASSWORD', 'passwd', 'client-secret', 'appKey', 'app_key', 'SEK', 'authToken', 'access_token', 'Authorization']) expect(isSecretKey(k), k).toBe(true);
    for (const k of ['UserName', 'ClientId', 'Gstin', 'TokenExpiry', 'token_expires_at', 'SignedInvoice', 'seller', 'desk']) expect(isSecretKey(k), k).toBe(false);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined members, so equal values give equal bytes', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined }, e: null })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1,"e":null}');
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
    expect(canonicalJson([undefined, Number.NaN, 'é"'])).toBe('[null,null,"é\\""]');
  });
});
