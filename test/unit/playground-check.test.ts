/**
 * check-encryption: each mistake made on purpose gets its own verdict (issue 15). The §2.6 vectors
 * of irp-protocol.md (AppKey 00..1f, SEK 20..3f, the cancel Data) pass as OK.
 */
import { istDateOf } from '../../shared/dates';
import { constants, createCipheriv, generateKeyPairSync, publicEncrypt, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { encryptAuthPayload } from '../../electron/irp/crypto';
import { checkAuthPayload, type PracticeKeyPair } from '../../electron/playground/check/check-auth';
import { checkPayload } from '../../electron/playground/check/check-payload';
import { checkSek } from '../../electron/playground/check/check-sek';
import { practiceInvoice } from '../support/practice';

const APPKEY = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
const SEK = Buffer.from(Array.from({ length: 32 }, (_, i) => 0x20 + i));
const SEK_FIELD = 'YaaTbk6PEBwcwfmTtUKg1OJ0Dor61OTRXQ1mGzguyomfO3UEkm+L024xGOkDpM1K';
const CANCEL_PLAIN = '{"Irn":"706daeccda0ef6f818da78f3a2a05a1288731057373002289b46c3229289a2e7","CnlRsn":"1","CnlRem":"Wrong entry"}';
const CANCEL_DATA = 'EoL5Q+HMsC6z+SevuE5q2BwfPeX0H7EQkMqHbDMbG7+Q/TBN01gUwZhwO0iEVrMm1nfOrtsKs2B27MHcDr/8Rr6lz2jyq4d4iqotKFWhHW7xfj7fjQmhe34055IK2BdsLLeJ2KFsWWII4bornFKhdw==';

let pub: string;
let otherPub: string;
let keys: PracticeKeyPair;
const practicePassword = (u: string) => (u === 'practice_ka' ? 'Practice@229' : undefined);

beforeAll(() => {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  pub = pair.publicKey;
  otherPub = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } }).publicKey;
  keys = { privateKey: forge.pki.privateKeyFromPem(pair.privateKey), thumbprint: 'AB'.repeat(32) };
});

const authJson = (o: Record<string, unknown> = {}) => JSON.stringify({ UserName: 'practice_ka', Password: 'Practice@229', AppKey: APPKEY.toString('base64'), ForceRefreshAccessToken: false, ...o });
const rsa = (key: string, plain: Buffer, padding = constants.RSA_PKCS1_PADDING, oaepHash?: string) =>
  publicEncrypt({ key, padding, ...(oaepHash ? { oaepHash } : {}) }, plain).toString('base64');
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const body = (data: string) => JSON.stringify({ Data: data });
const ecb = (key: Buffer, plain: Buffer) => {
  const c = createCipheriv('aes-256-ecb', key, null);
  return Buffer.concat([c.update(plain), c.final()]);
};

describe('check-encryption auth', () => {
  it('a correct v1.04 body is OK, and its plaintext shows a practice password', () => {
    const r = checkAuthPayload(body(encryptAuthPayload(pub, JSON.parse(authJson()) as never)), keys, practicePassword);
    expect(r).toMatchObject({ ok: true, verdict: 'OK' });
    expect(JSON.parse(r.plaintext!)).toMatchObject({ UserName: 'practice_ka', Password: 'Practice@229', AppKey: APPKEY.toString('base64') });
    expect(r.steps.map((s) => s.step)).toEqual(['request body', 'Data', 'Data: RSA', 'Base64 text', 'JSON', 'fields', 'AppKey', 'practice user']);
    expect(r.steps.at(-1)?.detail).toContain('matches');
  });

  it('the bare Base64 text is read as the Data value', () => {
    expect(checkAuthPayload(encryptAuthPayload(pub, JSON.parse(authJson()) as never), keys).verdict).toBe('OK');
  });

  it('hides a password that is not a published practice one', () => {
    const r = checkAuthPayload(body(rsa(pub, Buffer.from(b64(authJson({ UserName: 'acme_erp', Password: 'Real-Secret-99' }))))), keys, practicePassword);
    expect(r.verdict).toBe('OK');
    expect(r.plaintext).not.toContain('Real-Secret-99');
    expect(r.steps.at(-1)?.detail).toContain('1017');
  });

  it('NOT_BASE64, with the reason (hex, base64url, a stray character)', () => {
    expect(checkAuthPayload(body('this is not base64!'), keys)).toMatchObject({ ok: false, verdict: 'NOT_BASE64' });
    const hex = Buffer.from(rsa(pub, Buffer.from(b64(authJson()))), 'base64').toString('hex');
    expect(checkAuthPayload(body(hex), keys).message).toContain('hexadecimal');
    expect(checkAuthPayload(body(`-_${'A'.repeat(342)}`), keys).message).toContain('base64url');
    expect(checkAuthPayload(body('AAAA*AAA'), keys).message).toContain('"*" at position 5');
  });

  it('the plain JSON sent as the body is NOT_BASE64 (not encrypted at all)', () => {
    expect(checkAuthPayload(authJson(), keys)).toMatchObject({ verdict: 'NOT_BASE64' });
  });

  it('WRONG_KEY: encrypted for another public key', () => {
    const r = checkAuthPayload(body(rsa(otherPub, Buffer.from(b64(authJson())))), keys);
    expect(r).toMatchObject({ ok: false, verdict: 'WRONG_KEY' });
    expect(r.message).toContain(keys.thumbprint);
  });

  it('OAEP_PADDING, with SHA-1 and with SHA-256', () => {
    const sha1 = checkAuthPayload(body(rsa(pub, Buffer.from(b64(authJson())), constants.RSA_PKCS1_OAEP_PADDING, 'sha1')), keys);
    expect(sha1).toMatchObject({ verdict: 'OAEP_PADDING' });
    expect(sha1.message).toContain('SHA-1');
    const sha256 = checkAuthPayload(body(rsa(pub, Buffer.from(b64(authJson())), constants.RSA_PKCS1_OAEP_PADDING, 'sha256')), keys);
    expect(sha256.message).toContain('SHA-256');
  });

  it('JSON_NOT_BASE64_ENCODED: the JSON bytes encrypted directly', () => {
    expect(checkAuthPayload(body(rsa(pub, Buffer.from(authJson()))), keys, practicePassword).verdict).toBe('JSON_NOT_BASE64_ENCODED');
  });

  it('BASE64_TWICE: inside the RSA block, and around it', () => {
    const shortJson = JSON.stringify({ UserName: 'u1', Password: 'p1', AppKey: APPKEY.toString('base64') });
    expect(checkAuthPayload(body(rsa(pub, Buffer.from(b64(b64(shortJson))))), keys).verdict).toBe('BASE64_TWICE');
    expect(checkAuthPayload(body(b64(rsa(pub, Buffer.from(b64(authJson()))))), keys).verdict).toBe('BASE64_TWICE');
  });

  it('NOT_JSON: Base64 text of something that is not JSON', () => {
    expect(checkAuthPayload(body(rsa(pub, Buffer.from(b64('UserName=practice_ka&Password=x')))), keys).verdict).toBe('NOT_JSON');
  });

  it('MISSING_FIELD: no Password, or a body without Data', () => {
    const r = checkAuthPayload(body(rsa(pub, Buffer.from(b64(JSON.stringify({ UserName: 'practice_ka', AppKey: APPKEY.toString('base64') }))))), keys);
    expect(r).toMatchObject({ verdict: 'MISSING_FIELD' });
    expect(r.message).toContain('Password');
    expect(checkAuthPayload('{"Payload":"abc"}', keys).verdict).toBe('MISSING_FIELD');
  });

  it('APPKEY_NOT_32_BYTES: a 16-byte key, and a 32-character text sent as is', () => {
    expect(checkAuthPayload(body(rsa(pub, Buffer.from(b64(authJson({ AppKey: randomBytes(16).toString('base64') }))))), keys).verdict).toBe('APPKEY_NOT_32_BYTES');
    const r = checkAuthPayload(body(rsa(pub, Buffer.from(b64(authJson({ AppKey: 'abcdefghijklmnopqrstuvwxyz012345' }))))), keys);
    expect(r.verdict).toBe('APPKEY_NOT_32_BYTES');
    expect(r.message).toContain('32-character text');
  });

  it('LEGACY_V103: a v1.03 body decoded field by field; its mistakes keep their own verdicts', () => {
    const legacy = (appKey: Buffer, padding = constants.RSA_PKCS1_PADDING) =>
      JSON.stringify({ data: { UserName: 'practice_ka', Password: rsa(pub, Buffer.from('Practice@229'), padding), AppKey: rsa(pub, appKey, padding), ForceRefreshAccessToken: false } });
    const ok = checkAuthPayload(legacy(APPKEY), keys, practicePassword);
    expect(ok).toMatchObject({ ok: true, verdict: 'LEGACY_V103' });
    expect(JSON.parse(ok.plaintext!)).toMatchObject({ Password: 'Practice@229', AppKey: APPKEY.toString('base64') });
    const textKey = checkAuthPayload(legacy(Buffer.from(APPKEY.toString('base64'))), keys);
    expect(textKey.verdict).toBe('APPKEY_NOT_32_BYTES');
    expect(textKey.message).toContain('Base64 TEXT');
    expect(checkAuthPayload(legacy(APPKEY, constants.RSA_PKCS1_OAEP_PADDING), keys).verdict).toBe('OAEP_PADDING');
  });

  it('NOT_JSON for a body that is not JSON at all', () => {
    expect(checkAuthPayload('{"Data": ', keys).verdict).toBe('NOT_JSON');
  });
});

describe('check-encryption sek', () => {
  it('the §2.6 vector: AppKey 00..1f opens the Sek field to SEK 20..3f', () => {
    const r = checkSek(APPKEY.toString('base64'), SEK_FIELD);
    expect(r).toMatchObject({ ok: true, verdict: 'OK', plaintext: SEK.toString('base64') });
  });

  it('WRONG_KEY for another AppKey', () => {
    expect(checkSek(randomBytes(32).toString('base64'), SEK_FIELD)).toMatchObject({ ok: false, verdict: 'WRONG_KEY' });
  });

  it('APPKEY_NOT_32_BYTES, NOT_BASE64 and BASE64_TWICE', () => {
    expect(checkSek(randomBytes(16).toString('base64'), SEK_FIELD).verdict).toBe('APPKEY_NOT_32_BYTES');
    expect(checkSek(APPKEY.toString('hex'), SEK_FIELD).verdict).toBe('NOT_BASE64');
    expect(checkSek(APPKEY.toString('base64'), 'Sek=not base64').verdict).toBe('NOT_BASE64');
    expect(checkSek(APPKEY.toString('base64'), b64(SEK_FIELD)).verdict).toBe('BASE64_TWICE');
  });
});

describe('check-encryption payload', () => {
  const validation = { profile: 'sandbox' as const, today: istDateOf(new Date()) };

  it('the §2.6 vector: the cancel Data decrypts with SEK 20..3f to the cancel JSON', () => {
    const r = checkPayload(SEK.toString('base64'), body(CANCEL_DATA), validation);
    expect(r).toMatchObject({ ok: true, verdict: 'OK', plaintext: CANCEL_PLAIN });
    expect(ecb(SEK, Buffer.from(CANCEL_PLAIN)).toString('base64')).toBe(CANCEL_DATA);
  });

  it('a valid INV-01 invoice is OK; an invalid one is NOT_INV01 with the validator\'s problems', () => {
    const inv = practiceInvoice('CHK/1');
    expect(checkPayload(SEK.toString('base64'), body(ecb(SEK, Buffer.from(JSON.stringify(inv))).toString('base64')), validation).verdict).toBe('OK');
    const bad = { ...inv, ValDtls: { ...inv.ValDtls, TotInvVal: inv.ValDtls.TotInvVal + 500 } };
    const r = checkPayload(SEK.toString('base64'), body(ecb(SEK, Buffer.from(JSON.stringify(bad))).toString('base64')), validation);
    expect(r).toMatchObject({ ok: false, verdict: 'NOT_INV01' });
    expect(r.problems?.map((p) => p.code)).toContain('2189');
  });

  it('WRONG_KEY for another SEK, for the encrypted Sek field given as SEK, and for CBC mode', () => {
    expect(checkPayload(randomBytes(32).toString('base64'), body(CANCEL_DATA), validation).verdict).toBe('WRONG_KEY');
    expect(checkPayload(SEK_FIELD, body(CANCEL_DATA), validation).message).toContain('decrypt it with your AppKey');
    const iv = randomBytes(16);
    const c = createCipheriv('aes-256-cbc', SEK, iv);
    const cbc = Buffer.concat([iv, c.update(CANCEL_PLAIN), c.final()]).toString('base64');
    const r = checkPayload(SEK.toString('base64'), body(cbc), validation);
    expect(r.verdict).toBe('WRONG_KEY');
    expect(r.message).toContain('CBC');
  });

  it('NOT_BASE64, BASE64_TWICE (around and inside), NOT_JSON', () => {
    expect(checkPayload(SEK.toString('base64'), body('{"Irn":"x"}'), validation).verdict).toBe('NOT_BASE64');
    expect(checkPayload(SEK.toString('base64'), CANCEL_PLAIN, validation).verdict).toBe('NOT_BASE64');
    expect(checkPayload(SEK.toString('base64'), body(b64(CANCEL_DATA)), validation).verdict).toBe('BASE64_TWICE');
    expect(checkPayload(SEK.toString('base64'), body(ecb(SEK, Buffer.from(b64(CANCEL_PLAIN))).toString('base64')), validation).verdict).toBe('BASE64_TWICE');
    expect(checkPayload(SEK.toString('base64'), body(ecb(SEK, Buffer.from('Irn=706d&CnlRsn=1')).toString('base64')), validation).verdict).toBe('NOT_JSON');
  });

  it('MISSING_FIELD for a cancel body without CnlRsn, or a cancel-e-way-bill body without its reason', () => {
    const enc = (json: string) => body(ecb(SEK, Buffer.from(json)).toString('base64'));
    const noRsn = checkPayload(SEK.toString('base64'), enc('{"Irn":"706daeccda0ef6f818da78f3a2a05a1288731057373002289b46c3229289a2e7","CnlRsn":null}'), validation);
    expect(noRsn).toMatchObject({ verdict: 'MISSING_FIELD' });
    expect(noRsn.message).toContain('CnlRsn');
    expect(checkPayload(SEK.toString('base64'), enc('{"ewbNo":123456789012}'), validation).verdict).toBe('MISSING_FIELD');
  });
});

