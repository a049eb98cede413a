/**
 * check-encryption auth: is this auth request body what NIC decrypts? v1.04 (irp-protocol.md §2.2):
 * {"Data": b64(RSA-PKCS#1-v1.5(pub, ASCII(b64(UTF-8 JSON))))}; or the legacy v1.03 (§2.3):
 * {"data": {UserName, Password: b64(RSA(password)), AppKey: b64(RSA(32 raw bytes)), ...}}; or just
 * the Base64 text of the blob. Checked against the practice IRP's key pair, one verdict per mistake.
 */
import type forge from 'node-forge';
import type { CheckResult } from '../../../shared/ipc/playground.schema';
import { member } from '../../irp/envelope';
import { base64Inside, CheckLog, describeBytes, jsonObject, readBase64 } from './log';
import { rsaOpen } from './rsa-open';

export interface PracticeKeyPair {
  privateKey: forge.pki.rsa.PrivateKey;
  /** SHA-256 of the public key (DER SubjectPublicKeyInfo), hex: what the user compares with their key. */
  thumbprint: string;
}

/** The published password of a practice API user, to say whether the password would work. */
export type PracticePasswordOf = (userName: string) => string | undefined;

const MASK_NOTE = '(hidden: not a practice user\'s published password)';

function textField(obj: Record<string, unknown>, name: string): string | undefined {
  const v = member(obj, name);
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The auth JSON for display: the password stays hidden unless it is a published practice one. */
function shownJson(obj: Record<string, unknown>, practicePassword: PracticePasswordOf): string {
  const user = textField(obj, 'UserName');
  const password = textField(obj, 'Password');
  if (password === undefined || (user !== undefined && practicePassword(user) === password)) return JSON.stringify(obj);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = k.toLowerCase() === 'password' ? MASK_NOTE : v;
  return JSON.stringify(out);
}

function practiceNote(log: CheckLog, obj: Record<string, unknown>, practicePassword: PracticePasswordOf): void {
  const user = textField(obj, 'UserName') ?? '';
  const published = practicePassword(user);
  if (published === undefined) log.ok('practice user', `"${user}" is not a practice API user: the encryption is right, but the practice IRP would answer 1017 (unknown user)`);
  else log.ok('practice user', `"${user}" is a practice API user; the password ${published === textField(obj, 'Password') ? 'matches' : 'does NOT match (the IRP would answer 1019)'}`);
}

/** The three members NIC needs, then the AppKey's shape (Base64 of exactly 32 bytes). */
function checkFields(log: CheckLog, obj: Record<string, unknown>, practicePassword: PracticePasswordOf): CheckResult | undefined {
  const missing = ['UserName', 'Password', 'AppKey'].filter((f) => textField(obj, f) === undefined);
  if (missing.length > 0) {
    log.fail('fields', `missing or empty: ${missing.join(', ')} (names are matched ignoring case)`);
    return log.verdict('MISSING_FIELD', `The auth JSON lacks ${missing.join(', ')}: NIC needs UserName, Password, AppKey and ForceRefreshAccessToken.`, { plaintext: shownJson(obj, practicePassword) });
  }
  const force = member(obj, 'ForceRefreshAccessToken');
  log.ok('fields', `UserName, Password and AppKey present${force === undefined ? '; ForceRefreshAccessToken absent (read as false)' : `; ForceRefreshAccessToken ${JSON.stringify(force)}`}`);
  const appKey = readBase64(textField(obj, 'AppKey') ?? '');
  if (!appKey.ok) {
    log.fail('AppKey', `not Base64: ${appKey.why}`);
    return log.verdict('NOT_BASE64', `The AppKey is not Base64 (${appKey.why}): send Base64 of 32 random bytes (44 characters).`, { plaintext: shownJson(obj, practicePassword) });
  }
  if (appKey.bytes.length !== 32) {
    const hint = (textField(obj, 'AppKey') ?? '').length === 32 ? ' It looks like a 32-character text sent as is: generate 32 random bytes and send their Base64 (44 characters).' : '';
    log.fail('AppKey', `${describeBytes(appKey.bytes.length)} after Base64 decoding; NIC expects 32 (AES-256)`);
    return log.verdict('APPKEY_NOT_32_BYTES', `The AppKey decodes to ${describeBytes(appKey.bytes.length)}; it must be 32 random bytes.${hint}`, { plaintext: shownJson(obj, practicePassword) });
  }
  log.ok('AppKey', 'Base64 of 32 bytes (AES-256): the IRP will encrypt the SEK with it');
  return undefined;
}

/** What is inside the RSA block of v1.04: must be Base64 text of the JSON. */
function checkV104Plain(log: CheckLog, plain: Buffer, practicePassword: PracticePasswordOf): CheckResult {
  const once = base64Inside(plain);
  const direct = jsonObject(plain);
  if (!once) {
    if (direct) {
      log.fail('Base64 text', 'the RSA block holds the JSON itself');
      return log.verdict('JSON_NOT_BASE64_ENCODED', 'The JSON was encrypted as is: v1.04 encrypts the Base64 TEXT of the JSON (JSON → UTF-8 → Base64 → RSA). NIC answers 1013.', { plaintext: shownJson(direct, practicePassword) });
    }
    log.fail('Base64 text', 'the RSA block holds neither Base64 text nor JSON');
    return log.verdict('NOT_JSON', 'The decrypted data is neither Base64 text nor JSON: encrypt Base64(UTF-8 JSON).');
  }
  log.ok('Base64 text', `the RSA block holds ${plain.length} characters of Base64 text`);
  const obj = jsonObject(once);
  if (!obj) {
    const twice = base64Inside(once);
    const inner = twice ? jsonObject(twice) : undefined;
    if (inner) {
      log.fail('JSON', 'the Base64 text decodes to Base64 text again, which holds the JSON');
      return log.verdict('BASE64_TWICE', 'The JSON was Base64-encoded twice before RSA: encode it once.', { plaintext: shownJson(inner, practicePassword) });
    }
    log.fail('JSON', 'the Base64 text does not decode to a JSON object');
    return log.verdict('NOT_JSON', 'The Base64 text inside the RSA block does not decode to a JSON object.');
  }
  log.ok('JSON', 'the Base64 text decodes to a JSON object');
  const bad = checkFields(log, obj, practicePassword);
  if (bad) return bad;
  practiceNote(log, obj, practicePassword);
  return log.verdict('OK', 'This is a correct v1.04 auth payload for the practice IRP\'s public key.', { plaintext: shownJson(obj, practicePassword) });
}

/** One RSA-encrypted Base64 field (v1.03 Password/AppKey, or the v1.04 Data). */
function openField(log: CheckLog, keys: PracticeKeyPair, name: string, text: string): { plain: Buffer } | { result: CheckResult } {
  const b64 = readBase64(text);
  if (!b64.ok) {
    log.fail(name, `not Base64: ${b64.why}`);
    return { result: log.verdict('NOT_BASE64', `${name} is not Base64: ${b64.why}.`) };
  }
  const twice = b64.bytes.length !== 256 ? base64Inside(b64.bytes) : undefined;
  if (twice?.length === 256 && rsaOpen(keys.privateKey, twice).padding !== 'none') {
    log.fail(name, 'Base64 of Base64: decoding once gives Base64 text of a 256-byte RSA block');
    return { result: log.verdict('BASE64_TWICE', `${name} was Base64-encoded twice after encryption: encode the RSA output once.`) };
  }
  log.ok(name, `Base64 of ${describeBytes(b64.bytes.length)}`);
  const opened = rsaOpen(keys.privateKey, b64.bytes);
  if (opened.padding === 'none') {
    log.fail(`${name}: RSA`, opened.why);
    return { result: log.verdict('WRONG_KEY', `${name} does not decrypt with the practice IRP's private key: ${opened.why}. The practice IRP's public key has SHA-256 thumbprint ${keys.thumbprint}.`) };
  }
  if (opened.padding === 'oaep') {
    log.fail(`${name}: RSA`, `decrypts with RSA-OAEP (${opened.hash}) padding`);
    return { result: log.verdict('OAEP_PADDING', `${name} was encrypted with RSA-OAEP (${opened.hash}); NIC uses RSA/ECB/PKCS1Padding (PKCS#1 v1.5). NIC answers 1013.`) };
  }
  log.ok(`${name}: RSA`, `decrypts with the practice key, PKCS#1 v1.5 padding, ${describeBytes(opened.plain.length)} inside`);
  return { plain: opened.plain };
}

function checkLegacy(log: CheckLog, keys: PracticeKeyPair, data: Record<string, unknown>, practicePassword: PracticePasswordOf): CheckResult {
  log.ok('version', 'a v1.03 body ({"data": {...}}): Password and AppKey RSA-encrypted one by one (§2.3)');
  const missing = ['UserName', 'Password', 'AppKey'].filter((f) => textField(data, f) === undefined);
  if (missing.length > 0) {
    log.fail('fields', `missing or empty: ${missing.join(', ')}`);
    return log.verdict('MISSING_FIELD', `The v1.03 body lacks ${missing.join(', ')}.`);
  }
  const password = openField(log, keys, 'Password', textField(data, 'Password') ?? '');
  if ('result' in password) return password.result;
  const appKey = openField(log, keys, 'AppKey', textField(data, 'AppKey') ?? '');
  if ('result' in appKey) return appKey.result;
  const raw = appKey.plain;
  const plainObj = { UserName: textField(data, 'UserName'), Password: password.plain.toString('utf8'), AppKey: raw.toString('base64'), ForceRefreshAccessToken: member(data, 'ForceRefreshAccessToken') ?? false };
  if (raw.length !== 32) {
    const inner = base64Inside(raw);
    const why = inner?.length === 32 ? 'it holds the Base64 TEXT of a 32-byte key; v1.03 encrypts the 32 raw bytes' : `it holds ${describeBytes(raw.length)}`;
    log.fail('AppKey', why);
    return log.verdict('APPKEY_NOT_32_BYTES', `The encrypted AppKey is not 32 raw bytes: ${why}.`);
  }
  log.ok('AppKey', '32 raw bytes: the IRP will encrypt the SEK with them');
  practiceNote(log, plainObj, practicePassword);
  return log.verdict('LEGACY_V103', 'A correct legacy v1.03 auth body. NIC has moved to v1.04 (/eivital/v1.04/auth, the whole JSON encrypted at once): prefer that.', { plaintext: shownJson(plainObj, practicePassword) });
}

export function checkAuthPayload(input: string, keys: PracticeKeyPair, practicePassword: PracticePasswordOf = () => undefined): CheckResult {
  const log = new CheckLog();
  const text = input.trim();
  let blobText = text;
  if (text.startsWith('{')) {
    const body = jsonObject(text);
    if (!body) {
      log.fail('request body', 'starts like JSON but is not valid JSON');
      return log.verdict('NOT_JSON', 'The request body is not valid JSON: it must be {"Data": "<Base64>"}.');
    }
    const data = member(body, 'Data');
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) return checkLegacy(log, keys, data as Record<string, unknown>, practicePassword);
    if (typeof data !== 'string') {
      if (textField(body, 'UserName') !== undefined || textField(body, 'AppKey') !== undefined) {
        log.fail('request body', 'holds the auth JSON itself, unencrypted');
        return log.verdict('NOT_BASE64', 'The body is the plain auth JSON: RSA-encrypt Base64(JSON) with NIC\'s public key and send {"Data": "<Base64 of the result>"}.');
      }
      log.fail('request body', 'no "Data" member with a string');
      return log.verdict('MISSING_FIELD', 'The request body has no "Data" member: v1.04 sends {"Data": "<Base64>"}.');
    }
    log.ok('request body', 'a v1.04 body: {"Data": "..."}');
    blobText = data;
  } else {
    log.ok('request body', 'Base64 text only (read as the v1.04 Data value)');
  }
  const opened = openField(log, keys, 'Data', blobText);
  if ('result' in opened) return opened.result;
  return checkV104Plain(log, opened.plain, practicePassword);
}
