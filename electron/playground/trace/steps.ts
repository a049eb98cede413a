/**
 * The IrpClient's trace events turned into the steps a person reads, one per stage of NIC's
 * protocol (irp-protocol.md §2.2 auth, §2.5 payloads, §7 signed documents). Secrets are withheld
 * here for non-practice profiles (mask.ts); the caller scrubs the whole trace once more.
 */
import { createHash, createPublicKey } from 'node:crypto';
import type { TraceStep, TraceValue } from '../../../shared/ipc/playground.schema';
import type { HttpRequest, HttpResponse, IrpTraceEvent } from '../../irp';
import { headersValue, MASK, secretValue } from './mask';

export interface StepContext {
  reveal: boolean;
  /** Steps are numbered in the order they happened. */
  steps: TraceStep[];
}

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function add(ctx: StepContext, id: string, title: string, explain: string, values: TraceValue[], ok = true): void {
  ctx.steps.push({ id: `${ctx.steps.length + 1}-${id}`, title: `${ctx.steps.length + 1}. ${title}`, explain, values, ok });
}

/** SHA-256 of the DER SubjectPublicKeyInfo, upper-case hex in pairs (compare with `openssl pkey -pubin -outform der | sha256sum`). */
export function publicKeyThumbprint(pem: string): { sha256: string; bits: number } {
  const key = createPublicKey(pem);
  const der = key.export({ type: 'spki', format: 'der' });
  const hex = createHash('sha256').update(der).digest('hex').toUpperCase();
  return { sha256: hex.match(/../g)?.join(':') ?? hex, bits: key.asymmetricKeyDetails?.modulusLength ?? 0 };
}

/** JSON text with the named members replaced (what a non-practice trace shows of the auth JSON or answer). */
function withheld(text: string, members: string[]): string {
  try {
    const obj = JSON.parse(text) as Record<string, unknown>;
    const walk = (o: Record<string, unknown>): Record<string, unknown> =>
      Object.fromEntries(Object.entries(o).map(([k, v]) => [k, members.includes(k.toLowerCase()) && v !== null ? MASK : v !== null && typeof v === 'object' && !Array.isArray(v) ? walk(v as Record<string, unknown>) : v]));
    return JSON.stringify(walk(obj), null, 2);
  } catch {
    return MASK;
  }
}

function requestValues(ctx: StepContext, req: HttpRequest, bodyShown?: string): TraceValue[] {
  return [
    { label: 'Method and URL', kind: 'text', value: `${req.method} ${req.url.toString()}` },
    headersValue(ctx.reveal, 'Headers', req.headers),
    ...(req.body !== undefined ? [{ label: 'Body', kind: 'json' as const, value: bodyShown ?? pretty(req.body) }] : []),
  ];
}

function responseValues(res: HttpResponse, body: string): TraceValue[] {
  return [
    { label: 'HTTP status', kind: 'text', value: String(res.status) },
    { label: 'Body', kind: res.body.trim().startsWith('{') ? 'json' : 'text', value: body },
  ];
}

function authRequest(ctx: StepContext, e: Extract<IrpTraceEvent, { type: 'auth-request' }>): void {
  const r = ctx.reveal;
  add(ctx, 'appkey', 'AppKey (generated)', '32 random bytes made for this sign-in only. The IRP encrypts the session key (SEK) with them, so only this client can read it (§2.1).', [
    secretValue(r, 'AppKey', 'bytes', e.appKey.toString('base64'), `${e.appKey.length} bytes`),
  ]);
  add(ctx, 'auth-json', 'The JSON that gets RSA-encrypted', 'UserName, Password, the AppKey as Base64 and ForceRefreshAccessToken, serialised compactly as UTF-8 (§2.2).', [
    { label: 'Auth JSON', kind: 'json', value: r ? pretty(e.authJson) : withheld(e.authJson, ['password', 'appkey']) },
  ]);
  add(ctx, 'auth-base64', 'Base64 text of the JSON', 'v1.04 encrypts the Base64 TEXT of the JSON, not the JSON bytes: NIC answers 1013 otherwise. At most 245 bytes fit one RSA-2048 block.', [
    secretValue(r, 'Base64 text', 'text', e.base64Text, `${e.base64Text.length} characters`),
  ]);
  const thumb = publicKeyThumbprint(e.encryptionPublicKeyPem);
  add(ctx, 'public-key', 'The IRP\'s encryption public key', 'The profile\'s encryption key (not the signing certificate). Sandbox and production keys differ (§2.1).', [
    { label: 'SHA-256 thumbprint (DER SubjectPublicKeyInfo)', kind: 'text', value: thumb.sha256 },
    { label: 'Key size', kind: 'text', value: `RSA ${thumb.bits} bits` },
    { label: 'Public key (PEM)', kind: 'text', value: e.encryptionPublicKeyPem.trim() },
  ]);
  add(ctx, 'auth-blob', 'Encrypted blob (RSA, PKCS#1 v1.5)', 'The Base64 text encrypted with RSA/ECB/PKCS1Padding (not OAEP), then Base64: the request\'s Data. PKCS#1 v1.5 is randomised, so each run gives a different blob.', [
    secretValue(r, 'Data', 'bytes', e.blob, `${Buffer.from(e.blob, 'base64').length} bytes; it could be replayed to sign in`),
  ]);
  add(ctx, 'auth-request', 'Auth request', 'POST with client_id, client_secret and Gstin headers; no user_name or AuthToken yet (§1.3).', requestValues(ctx, e.request, r ? undefined : JSON.stringify({ Data: MASK }, null, 2)));
}

function authResponse(ctx: StepContext, e: Extract<IrpTraceEvent, { type: 'auth-response' }>): void {
  const ok = e.response.status === 200 && /"status"\s*:\s*"?1/i.test(e.response.body);
  add(ctx, 'auth-response', 'Auth response', 'Status 1 with a plain (not encrypted) Data object: AuthToken, Sek, TokenExpiry; or Status 0 with ErrorDetails (§2.2, §8.1).',
    responseValues(e.response, ctx.reveal ? pretty(e.response.body) : withheld(e.response.body, ['authtoken', 'sek'])), ok);
}

function authSession(ctx: StepContext, e: Extract<IrpTraceEvent, { type: 'auth-session' }>): void {
  const r = ctx.reveal;
  add(ctx, 'sek', 'The SEK, received and decrypted', 'Sek is AES-256-ECB (PKCS#7) of the 32-byte session key under the AppKey. Decrypted with the AppKey it encrypts every request and decrypts every answer until the token expires (§2.2, §2.4).', [
    secretValue(r, 'Sek as received', 'bytes', e.sekField, `${Buffer.from(e.sekField, 'base64').length} bytes`),
    secretValue(r, 'SEK decrypted with the AppKey', 'bytes', e.sek.toString('base64'), `${e.sek.length} bytes`),
    secretValue(r, 'AuthToken', 'text', e.authToken, `${e.authToken.length} characters`),
    { label: 'TokenExpiry (IST)', kind: 'text', value: e.tokenExpiry ?? '(not given)' },
  ]);
}

const OPERATION_TITLES: Record<string, string> = {
  generate: 'Generate IRN', get: 'Get e-invoice by IRN', cancel: 'Cancel IRN', irnbydocdetails: 'Get IRN by document details',
  gstin: 'Get GSTIN details', syncgstin: 'Sync GSTIN', ewb: 'Generate e-way bill by IRN', getewb: 'Get e-way bill by IRN', cancelewb: 'Cancel e-way bill', rejectedirns: 'Rejected IRNs',
};

function callRequest(ctx: StepContext, e: Extract<IrpTraceEvent, { type: 'request' }>): void {
  const name = OPERATION_TITLES[e.operation] ?? e.operation;
  const again = e.attempt > 0 ? ' (sent again after 1005)' : '';
  if (e.plainJson !== null) {
    add(ctx, 'payload', `${name}: the JSON${again}`, e.operation === 'generate' ? 'The INV-01 document exactly as registered: compact UTF-8 JSON, member names as NIC spells them (§5).' : 'The request JSON, compact UTF-8 (§4).', [
      { label: 'Plain JSON', kind: 'json', value: pretty(e.plainJson) },
    ]);
    const data = (JSON.parse(e.request.body ?? '{}') as { Data?: string; data?: string });
    add(ctx, 'encrypt', 'AES-256-ECB with the SEK', 'The JSON bytes encrypted with the SEK (AES-256, ECB mode, PKCS#7 padding, no IV), then Base64: the body\'s Data (§2.5).', [
      secretValue(ctx.reveal, 'SEK', 'bytes', e.sek.toString('base64'), `${e.sek.length} bytes`),
      { label: 'Data', kind: 'bytes', value: data.Data ?? data.data ?? '' },
    ]);
  }
  add(ctx, 'request', `${name} request${again}`, 'Headers client_id, client_secret, Gstin, user_name and AuthToken on every call after auth (§1.3).', requestValues(ctx, e.request));
}

function callResponse(ctx: StepContext, e: Extract<IrpTraceEvent, { type: 'response' }>): void {
  const name = OPERATION_TITLES[e.operation] ?? e.operation;
  const ok = e.response.status === 200 && /"status"\s*:\s*"?1/i.test(e.response.body);
  add(ctx, 'response', `${name} response`, 'HTTP 200 for every business outcome: Status 1 with Data encrypted under the SEK, or Status 0 with ErrorDetails (and InfoDtls, e.g. DUPIRN) (§3).', responseValues(e.response, pretty(e.response.body)), ok);
}

export function addEventStep(ctx: StepContext, e: IrpTraceEvent): void {
  if (e.type === 'auth-request') authRequest(ctx, e);
  else if (e.type === 'auth-response') authResponse(ctx, e);
  else if (e.type === 'auth-session') authSession(ctx, e);
  else if (e.type === 'request') callRequest(ctx, e);
  else if (e.type === 'response') callResponse(ctx, e);
  else add(ctx, 'decrypted', 'Data decrypted with the SEK', 'The response Data, AES-256-ECB-decrypted with the same SEK: the answer as JSON (§2.5, §4).', [{ label: 'Decrypted Data', kind: 'json', value: pretty(e.text) }]);
}

/** A step the trace adds itself (the IRN computed here, the signed documents). */
export function addStep(ctx: StepContext, id: string, title: string, explain: string, values: TraceValue[], ok = true): void {
  add(ctx, id, title, explain, values, ok);
}
