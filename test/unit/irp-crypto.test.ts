import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import {
  CryptoInputError, aesDecrypt, aesEncrypt, decryptSek, decryptToText, encryptAuthPayload, encryptJson, generateAppKey,
} from '../../electron/irp/crypto';

// irp-protocol.md §2.6 (self-computed vectors, re-checked with two libraries).
const APPKEY = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
const SEK = Buffer.from(Array.from({ length: 32 }, (_, i) => 0x20 + i));
const SEK_FIELD = 'YaaTbk6PEBwcwfmTtUKg1OJ0Dor61OTRXQ1mGzguyomfO3UEkm+L024xGOkDpM1K';
const CANCEL_PLAIN = '{"Irn":"706daeccda0ef6f818da78f3a2a05a1288731057373002289b46c3229289a2e7","CnlRsn":"1","CnlRem":"Wrong entry"}';
const CANCEL_DATA =
  'EoL5Q+HMsC6z+SevuE5q2BwfPeX0H7EQkMqHbDMbG7+Q/TBN01gUwZhwO0iEVrMm1nfOrtsKs2B27MHcDr/8Rr6lz2jyq4d4iqotKFWhHW7xfj7fjQmhe34055IK2BdsLLeJ2KFsWWII4bornFKhdw==';

describe('IRP crypto vectors (§2.6)', () => {
  it('vectors use the documented key bytes', () => {
    expect(APPKEY.toString('base64')).toBe('AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=');
    expect(SEK.toString('base64')).toBe('ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=');
  });

  it('decrypts the Sek field with the AppKey', () => {
    expect(decryptSek(SEK_FIELD, APPKEY).equals(SEK)).toBe(true);
  });

  it('encrypts the SEK to the documented Sek field (AES-256-ECB, PKCS#7: 32 + 16 bytes)', () => {
    const enc = aesEncrypt(APPKEY, SEK);
    expect(enc.length).toBe(48);
    expect(enc.toString('base64')).toBe(SEK_FIELD);
  });

  it('encrypts the cancel payload to the documented Data', () => {
    const value = JSON.parse(CANCEL_PLAIN) as unknown;
    expect(encryptJson(SEK, value)).toBe(CANCEL_DATA);
  });

  it('decrypts the documented Data back to the cancel JSON', () => {
    expect(decryptToText(SEK, CANCEL_DATA)).toBe(CANCEL_PLAIN);
  });

  it('refuses a wrong key with a specific error instead of returning garbage', () => {
    const wrong = Buffer.alloc(32, 7);
    expect(() => decryptToText(wrong, CANCEL_DATA)).toThrow(CryptoInputError);
    expect(() => decryptSek('not base64 !!', APPKEY)).toThrow(/not Base64/);
    expect(() => aesDecrypt(Buffer.alloc(5), Buffer.alloc(16))).toThrow(/16, 24 or 32 bytes/);
  });

  it('generates 32 random AppKey bytes', () => {
    const a = generateAppKey();
    const b = generateAppKey();
    expect(a.length).toBe(32);
    expect(a.equals(b)).toBe(false);
  });
});

describe('auth v1.04 payload encryption (§2.2)', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  // Node refuses PKCS#1 v1.5 private decryption (CVE-2023-46809), so the IRP side uses node-forge.
  const forgeKey = forge.pki.privateKeyFromPem(privateKey);

  it('RSA-encrypts the Base64 text of the UTF-8 JSON with PKCS#1 v1.5', () => {
    const payload = { UserName: 'testuser', Password: 'pässword', AppKey: APPKEY.toString('base64'), ForceRefreshAccessToken: false };
    const blob = encryptAuthPayload(publicKey, payload);
    const raw = Buffer.from(blob, 'base64');
    expect(raw.length).toBe(256);
    const b64Text = forgeKey.decrypt(raw.toString('binary'), 'RSAES-PKCS1-V1_5');
    expect(b64Text).toMatch(/^[A-Za-z0-9+/=]+$/);
    expect(JSON.parse(Buffer.from(b64Text, 'base64').toString('utf8'))).toEqual(payload);
  });

  it('is randomised (PKCS#1 v1.5 padding)', () => {
    const payload = { UserName: 'u', Password: 'p', AppKey: 'k', ForceRefreshAccessToken: true };
    expect(encryptAuthPayload(publicKey, payload)).not.toBe(encryptAuthPayload(publicKey, payload));
  });

  it('refuses a payload longer than 245 bytes without echoing the password', () => {
    const secret = 'S3cret-'.repeat(20);
    const payload = { UserName: 'user', Password: secret, AppKey: APPKEY.toString('base64'), ForceRefreshAccessToken: false };
    let err: unknown;
    try {
      encryptAuthPayload(publicKey, payload);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CryptoInputError);
    expect((err as Error).message).toMatch(/too long/);
    expect((err as Error).message).not.toContain('S3cret');
  });
});
