/**
 * SignedInvoice / SignedQRCode taken apart for the trace (irp-protocol.md §7.1): header, payload
 * and signature of the compact JWS, the `data` inside the payload, and the verification against the
 * profile's signing certificate (never the encryption key), with the certificate named.
 */
import { compactVerify, importX509 } from 'jose';
import type { TraceValue } from '../../../shared/ipc/playground.schema';
import { certificateFacts } from '../../app/profiles';

function part(token: string, i: number): string {
  return Buffer.from(token.split('.')[i] ?? '', 'base64url').toString('utf8');
}

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** A string member of a JSON object text, or '' (a token's header or payload may be anything). */
function jsonMember(text: string, name: string): string {
  try {
    const v = (JSON.parse(text) as Record<string, unknown>)[name];
    return typeof v === 'string' ? v : '';
  } catch {
    return '';
  }
}

/** "valid" or why not; the signature is checked with jose exactly as the client does (RS256 only). */
async function verify(token: string, certPem: string): Promise<{ ok: boolean; text: string }> {
  try {
    await compactVerify(token, await importX509(certPem, 'RS256'), { algorithms: ['RS256'] });
    return { ok: true, text: 'valid: the RS256 signature verifies with this profile\'s signing certificate' };
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    return { ok: false, text: `NOT valid (${code || (e instanceof Error ? e.message : 'unreadable token')}): do not trust this document` };
  }
}

export async function jwsValues(token: string, certPem: string): Promise<{ ok: boolean; values: TraceValue[] }> {
  const header = part(token, 0);
  const payload = part(token, 1);
  const dataText = jsonMember(payload, 'data');
  const data = dataText ? pretty(dataText) : '';
  const check = await verify(token, certPem);
  const kid = jsonMember(header, 'kid');
  let certText: string;
  try {
    const facts = certificateFacts(certPem);
    const thumb = facts.thumbprintSha1.replace(/:/g, '');
    certText = `${facts.subject}; SHA-1 thumbprint ${facts.thumbprintSha1}; valid ${facts.validFrom} to ${facts.validTo}; ${kid.toUpperCase() === thumb ? 'the header\'s kid names this certificate' : `the header's kid ${kid || '(none)'} names ANOTHER certificate`}`;
  } catch {
    certText = 'the profile\'s signing certificate cannot be read';
  }
  const signature = Buffer.from(token.split('.')[2] ?? '', 'base64url').toString('base64');
  return {
    ok: check.ok,
    values: [
      { label: 'Header', kind: 'json', value: pretty(header) },
      { label: 'Payload', kind: 'json', value: pretty(payload) },
      ...(data ? [{ label: 'data (inside the payload)', kind: 'json' as const, value: data }] : []),
      { label: 'Signature (RSASSA-PKCS1-v1_5 SHA-256)', kind: 'bytes', value: signature },
      { label: 'Verification', kind: 'text', value: check.text },
      { label: 'Certificate used', kind: 'text', value: certText },
      { label: 'Compact JWS as received', kind: 'text', value: token },
    ],
  };
}
