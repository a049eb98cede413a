/**
 * check-encryption payload: a request body encrypted with a SEK (irp-protocol.md §2.5:
 * {"Data": b64(AES-256-ECB-PKCS7(SEK, UTF-8 compact JSON))}), decrypted and then read as what it
 * claims to be: an INV-01 invoice, validated by the one validator of the app
 * (shared/einvoice/validate.ts); or a cancel / e-way bill / cancel-e-way-bill body.
 */
import type { CheckResult } from '../../../shared/ipc/playground.schema';
import { validateInvoice, type ValidationOptions } from '../../../shared/einvoice/validate';
import { member } from '../../irp/envelope';
import { aesOpen, readable } from './aes-open';
import { base64Inside, CheckLog, describeBytes, jsonObject, readBase64 } from './log';

type Body = { data: string; ewbStyle: boolean } | { result: CheckResult };

function readBody(log: CheckLog, input: string): Body {
  const text = input.trim();
  if (!text.startsWith('{')) {
    log.ok('request body', 'Base64 text only (read as the Data value)');
    return { data: text, ewbStyle: false };
  }
  const body = jsonObject(text);
  if (!body) {
    log.fail('request body', 'starts like JSON but is not valid JSON');
    return { result: log.verdict('NOT_JSON', 'The request body is not valid JSON: it must be {"Data": "<Base64>"}.') };
  }
  const data = member(body, 'Data');
  const action = member(body, 'action');
  if (typeof data === 'string') {
    const ewbStyle = typeof action === 'string';
    log.ok('request body', ewbStyle ? `an EWB-system body: {"action": "${action}", "data": "..."}` : 'an e-invoice body: {"Data": "..."}');
    return { data, ewbStyle };
  }
  if (member(body, 'Version') !== undefined || member(body, 'DocDtls') !== undefined || member(body, 'Irn') !== undefined) {
    log.fail('request body', 'holds the plain JSON, unencrypted');
    return { result: log.verdict('NOT_BASE64', 'The body is the plain JSON: encrypt it with the SEK (AES-256-ECB, PKCS#7) and send {"Data": "<Base64 of the result>"}.') };
  }
  log.fail('request body', 'no "Data" member with a string');
  return { result: log.verdict('MISSING_FIELD', 'The request body has no "Data" member: send {"Data": "<Base64>"}.') };
}

/** Cancel IRN (§4.4), e-way bill by IRN (§4.7) and cancel e-way bill (§4.9) bodies: the fields they need. */
function otherBody(obj: Record<string, unknown>): { kind: string; missing: string[] } | undefined {
  const absent = (f: string) => {
    const v = member(obj, f);
    return v === undefined || v === null || v === '';
  };
  if (member(obj, 'CnlRsn') !== undefined) return { kind: 'a cancel-IRN request (§4.4)', missing: ['Irn', 'CnlRsn'].filter(absent) };
  if (member(obj, 'Distance') !== undefined && member(obj, 'Irn') !== undefined) return { kind: 'an e-way-bill-by-IRN request (§4.7)', missing: [] };
  if (member(obj, 'ewbNo') !== undefined) return { kind: 'a cancel-e-way-bill request (§4.9)', missing: ['ewbNo', 'cancelRsnCode'].filter(absent) };
  return undefined;
}

function judgeJson(log: CheckLog, obj: Record<string, unknown>, plaintext: string, validation: ValidationOptions): CheckResult {
  const other = otherBody(obj);
  if (other) {
    if (other.missing.length > 0) {
      log.fail('content', `${other.kind} without ${other.missing.join(', ')}`);
      return log.verdict('MISSING_FIELD', `The decrypted JSON is ${other.kind} but lacks ${other.missing.join(', ')}.`, { plaintext });
    }
    log.ok('content', other.kind);
    return log.verdict('OK', `The payload decrypts with this SEK to ${other.kind}.`, { plaintext });
  }
  const report = validateInvoice(obj, validation);
  if (!report.valid) {
    log.fail('INV-01', `${report.errors.length} problem(s) the IRP would report (first: [${report.errors[0]?.code}] ${report.errors[0]?.path ?? ''})`);
    return log.verdict('NOT_INV01', `The payload decrypts, but the JSON is not a valid INV-01 invoice: ${report.errors.length} problem(s), with the IRP's codes.`, { plaintext, problems: report.errors });
  }
  log.ok('INV-01', `a valid INV-01 invoice${report.warnings.length ? ` (${report.warnings.length} warning(s))` : ''}`);
  return log.verdict('OK', 'The payload decrypts with this SEK to a valid INV-01 invoice.', { plaintext });
}

export function checkPayload(sekText: string, input: string, validation: ValidationOptions): CheckResult {
  const log = new CheckLog();
  const sek = readBase64(sekText);
  if (!sek.ok) {
    log.fail('SEK', `not Base64: ${sek.why}`);
    return log.verdict('NOT_BASE64', `The SEK is not Base64: ${sek.why}.`);
  }
  if (sek.bytes.length !== 32) {
    const hint = sek.bytes.length === 48 ? ' 48 bytes is the encrypted Sek of the auth answer: decrypt it with your AppKey first (check-encryption sek).' : '';
    log.fail('SEK', `${describeBytes(sek.bytes.length)}; a SEK is 32 bytes`);
    return log.verdict('WRONG_KEY', `The SEK decodes to ${describeBytes(sek.bytes.length)}, not 32.${hint}`);
  }
  log.ok('SEK', 'Base64 of 32 bytes');
  const body = readBody(log, input);
  if ('result' in body) return body.result;
  const data = readBase64(body.data);
  if (!data.ok) {
    log.fail('Data', `not Base64: ${data.why}`);
    return log.verdict('NOT_BASE64', `Data is not Base64: ${data.why}.`);
  }
  const inner = data.bytes.length % 16 !== 0 || !aesOpen(sek.bytes, data.bytes).ok ? base64Inside(data.bytes) : undefined;
  if (inner && aesOpen(sek.bytes, inner).ok) {
    log.fail('Data', 'Base64 of Base64: decoding once gives Base64 text of the ciphertext');
    return log.verdict('BASE64_TWICE', 'Data was Base64-encoded twice after encryption: encode the AES output once.');
  }
  log.ok('Data', `Base64 of ${describeBytes(data.bytes.length)}`);
  const opened = aesOpen(sek.bytes, data.bytes);
  if (!opened.ok || !readable(opened.plain)) {
    const why = opened.ok ? 'it decrypts to random bytes: another key was used' : opened.why;
    log.fail('AES-256-ECB', why);
    return log.verdict('WRONG_KEY', `Data does not decrypt with this SEK: ${why}.${opened.ok || !opened.cbc ? ' Use the SEK of the current sign-in (a new auth may bring a new SEK).' : ''}`);
  }
  log.ok('AES-256-ECB', `decrypts with PKCS#7 padding to ${describeBytes(opened.plain.length)}`);
  const text = opened.plain.toString('utf8');
  const obj = jsonObject(opened.plain);
  if (obj) return judgeJson(log, obj, text, validation);
  const decoded = base64Inside(opened.plain);
  const innerObj = decoded ? jsonObject(decoded) : undefined;
  if (innerObj) {
    if (body.ewbStyle) {
      log.ok('Base64 text', 'the EWB system accepts Base64 of the JSON as the plaintext (§2.5)');
      return judgeJson(log, innerObj, decoded?.toString('utf8') ?? '', validation);
    }
    log.fail('JSON', 'the plaintext is Base64 text of the JSON');
    return log.verdict('BASE64_TWICE', 'The JSON was Base64-encoded before encryption: NIC\'s e-invoice APIs encrypt the UTF-8 JSON itself (only auth v1.04 Base64-encodes before RSA).', { plaintext: decoded?.toString('utf8') ?? '' });
  }
  log.fail('JSON', 'the plaintext is not a JSON object');
  return log.verdict('NOT_JSON', 'The payload decrypts, but not to a JSON object.', { plaintext: text.slice(0, 2000) });
}
