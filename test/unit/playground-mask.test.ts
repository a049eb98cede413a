/**
 * What a trace may show (electron/playground/trace/mask.ts): secrets only for a practice profile on
 * this computer with the published credentials, and a last scrub that catches a secret in any of the
 * encodings a trace uses.
 */
import { describe, expect, it } from 'vitest';
import { headersValue, MASK, mayReveal, Secrets } from '../../electron/playground/trace/mask';

const published = [{ clientSecret: 'Pr4ct1ceS3cret', password: 'Practice@1' }];

describe('mayReveal', () => {
  it('reveals only a loopback practice profile using published credentials', () => {
    expect(mayReveal({ kind: 'practice', baseUrl: 'http://127.0.0.1:8700' }, published[0]!, published)).toBe(true);
    expect(mayReveal({ kind: 'practice', baseUrl: 'http://localhost:8700' }, published[0]!, published)).toBe(true);
    // a practice profile pointing elsewhere, real credentials in a practice profile, any NIC or GSP profile
    expect(mayReveal({ kind: 'practice', baseUrl: 'https://practice.example.com' }, published[0]!, published)).toBe(false);
    expect(mayReveal({ kind: 'practice', baseUrl: 'http://127.0.0.1:8700' }, { clientSecret: 'real', password: 'Practice@1' }, published)).toBe(false);
    for (const kind of ['nic-sandbox', 'nic-production', 'gsp']) expect(mayReveal({ kind, baseUrl: 'http://127.0.0.1:1' }, published[0]!, published)).toBe(false);
  });
});

describe('Secrets.scrub', () => {
  it('removes a secret as text, JSON-escaped, URL-encoded, and bytes as Base64, base64url and hex', () => {
    const s = new Secrets();
    const key = Buffer.from(Array.from({ length: 32 }, (_, i) => 250 - i));
    s.add('pa"ss/wo rd');
    s.add(key);
    const text = [JSON.stringify({ p: 'pa"ss/wo rd' }), encodeURIComponent('pa"ss/wo rd'), key.toString('base64'), key.toString('base64url'), key.toString('hex'), key.toString('hex').toUpperCase()].join(' | ');
    const out = s.scrub(text);
    expect(out.split(' | ')).toEqual([`{"p":"${MASK}"}`, MASK, MASK, MASK, MASK, MASK]);
    expect(s.has(out)).toBe(false);
    expect(s.has(text)).toBe(true);
  });

  it('ignores strings too short to be a credential', () => {
    const s = new Secrets();
    s.add('ab');
    expect(s.scrub('abc')).toBe('abc');
  });
});

describe('headersValue', () => {
  it('masks secret-looking headers unless revealed', () => {
    const h = { client_id: 'ID1', client_secret: 'S', AuthToken: 'T', Gstin: 'G', gspappsecret: 'X' };
    expect(JSON.parse(headersValue(false, 'Headers', h).value)).toEqual({ client_id: 'ID1', client_secret: MASK, AuthToken: MASK, Gstin: 'G', gspappsecret: MASK });
    expect(JSON.parse(headersValue(true, 'Headers', h).value)).toEqual(h);
  });
});
