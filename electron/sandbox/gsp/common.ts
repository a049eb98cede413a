/** What the practice GSP front doors share: header and body reading, their tokens, the tamper fault. */
import { randomBytes } from 'node:crypto';
import type { IrpContext, IrpRequest, Reply } from '../context';
import { jsonReply } from '../envelope';
import { header } from '../handlers/gate';
import type { GspFault } from '../faults';
import type { NicOp } from './bridge';

export type Door = (req: IrpRequest, ctx: IrpContext, path: string) => Reply;

/** A request header, any spelling ("X-CT-Auth-Token" arrives as x_ct_auth_token). */
export function h(req: IrpRequest, name: string): string | undefined {
  return header(req, name.toLowerCase().replace(/-/g, '_'));
}

/** A query parameter, name case-insensitive. */
export function q(req: IrpRequest, name: string): string | undefined {
  for (const [k, v] of req.query) if (k.toLowerCase() === name.toLowerCase() && v.trim() !== '') return v.trim();
  return undefined;
}

export function body(req: IrpRequest): unknown {
  try {
    return JSON.parse(req.body) as unknown;
  } catch {
    return undefined;
  }
}

export function fault(ctx: IrpContext): GspFault | null {
  return ctx.faults.settings.gsp;
}

/**
 * The tamper fault: the signed QR handed on with one character of its payload changed and the
 * signature left as it was. The app must refuse it (verify against NIC's certificate).
 */
export function tamper<T>(ctx: IrpContext, data: T): T {
  if (!ctx.faults.settings.tamperSignedQr || data === null || typeof data !== 'object') return data;
  const d = { ...(data as Record<string, unknown>) };
  const qr = d.SignedQRCode;
  if (typeof qr === 'string') {
    const [head = '', payload = '', sig = ''] = qr.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { data: string };
    claims.data = claims.data.replace(/"TotInvVal":\s*([\d.]+)/, (_m, v: string) => `"TotInvVal":${Number(v) + 1}`);
    d.SignedQRCode = `${head}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${sig}`;
    ctx.log('fault: a GSP front door tampered with a signed QR');
  }
  return d as T;
}

/** Tokens a GSP issues itself (not NIC's): opaque strings with an expiry and what they stand for. */
export class DoorTokens<T> {
  private readonly tokens = new Map<string, { value: T; expiresAt: number }>();

  issue(value: T, ttlMs: number, now: number): string {
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, { value, expiresAt: now + ttlMs });
    return token;
  }

  get(token: string | undefined, now: number): T | undefined {
    const t = token ? this.tokens.get(token) : undefined;
    return t && t.expiresAt > now ? t.value : undefined;
  }
}

const perIrp = new WeakMap<IrpContext, Map<string, unknown>>();

/** One `make()` per practice IRP and key (a door's tokens, a GSP's NIC sessions), kept while the IRP lives. */
export function perContext<T>(ctx: IrpContext, key: string, make: () => T): T {
  let m = perIrp.get(ctx);
  if (!m) {
    m = new Map();
    perIrp.set(ctx, m);
  }
  if (!m.has(key)) m.set(key, make());
  return m.get(key) as T;
}

/** The token store of one door on one practice IRP. */
export function doorTokens<T>(ctx: IrpContext, door: string): DoorTokens<T> {
  return perContext(ctx, `tokens:${door}`, () => new DoorTokens<T>());
}

export const notFound = (): Reply => jsonReply(404, { error: 'no such API path on this GSP' });

/** NIC operations of the "NIC path" doors (TaxPro's /dec, Vayana's basic routes, the pass-throughs). */
export function nicRoute(method: string, path: string): { op: NicOp; params: Record<string, string> } | undefined {
  const table: Array<[string, RegExp, NicOp, string?]> = [
    ['POST', /^\/eicore\/v1\.03\/Invoice$/i, 'generate'],
    ['POST', /^\/eicore\/v1\.03\/Invoice\/Cancel$/i, 'cancel'],
    ['GET', /^\/eicore\/v1\.03\/Invoice\/irn\/([^/]+)$/i, 'getByIrn', 'irn'],
    ['GET', /^\/eicore\/v1\.03\/Invoice\/irnbydocdetails$/i, 'getByDoc'],
    ['GET', /^\/eivital\/v1\.0[34]\/Master\/gstin\/([^/]+)$/i, 'gstin', 'gstin'],
    ['GET', /^\/eivital\/v1\.0[34]\/Master\/syncgstin\/([^/]+)$/i, 'syncGstin', 'gstin'],
    ['POST', /^\/eiewb\/v1\.03\/ewaybill$/i, 'ewb'],
    ['GET', /^\/eiewb\/v1\.03\/ewaybill\/irn\/([^/]+)$/i, 'getEwb', 'irn'],
  ];
  for (const [m, re, op, param] of table) {
    const hit = re.exec(path);
    if (hit && m === method) return { op, params: param ? { [param]: decodeURIComponent(hit[1] ?? '') } : {} };
  }
  return undefined;
}
