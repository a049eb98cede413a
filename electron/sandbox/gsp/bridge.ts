/**
 * How a practice GSP reaches the practice IRP: exactly as a real GSP reaches NIC, with its own
 * NIC client id, NIC's auth (RSA + AppKey → SEK) and encrypted payloads, through the same handlers
 * any client meets (handleAuth, dispatch). So every NIC check and code (1017 for an API user made
 * for another GSP, 2150, 2283 …) comes from the practice IRP itself, never from the front door.
 */
import { constants, createHash, publicEncrypt, randomBytes } from 'node:crypto';
import { aesDecrypt, aesEncrypt, fromBase64 } from '../crypto';
import type { IrpContext, IrpRequest, Reply } from '../context';
import { err, type InfoDetail, type IrpError } from '../envelope';
import { gspNicClient } from '../accounts';
import { handleAuth } from '../handlers/auth';
import { dispatch } from '../router';
import { perContext } from './common';

interface NicSession {
  token: string;
  sek: Buffer;
  password: string;
}

export interface NicOutcome {
  ok: boolean;
  data: unknown;
  errors: IrpError[];
  info: InfoDetail[] | null;
  committed: boolean;
}

export type NicOp = 'generate' | 'cancel' | 'getByIrn' | 'getByDoc' | 'gstin' | 'syncGstin' | 'ewb' | 'getEwb' | 'cancelEwb';

const ROUTES: Readonly<Record<NicOp, { method: 'GET' | 'POST'; path: (p: Record<string, string>) => string }>> = {
  generate: { method: 'POST', path: () => '/eicore/v1.03/Invoice' },
  cancel: { method: 'POST', path: () => '/eicore/v1.03/Invoice/Cancel' },
  getByIrn: { method: 'GET', path: (p) => `/eicore/v1.03/Invoice/irn/${p.irn ?? ''}` },
  getByDoc: { method: 'GET', path: () => '/eicore/v1.03/Invoice/irnbydocdetails' },
  gstin: { method: 'GET', path: (p) => `/eivital/v1.04/Master/gstin/${p.gstin ?? ''}` },
  syncGstin: { method: 'GET', path: (p) => `/eivital/v1.03/Master/syncgstin/${p.gstin ?? ''}` },
  ewb: { method: 'POST', path: () => '/eiewb/v1.03/ewaybill' },
  getEwb: { method: 'GET', path: (p) => `/eiewb/v1.03/ewaybill/irn/${p.irn ?? ''}` },
  cancelEwb: { method: 'POST', path: () => '/ewaybillapi/v1.03/ewayapi' },
};

function json(text: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function errorsOf(body: Record<string, unknown>): IrpError[] {
  const list = body.ErrorDetails;
  const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
  if (Array.isArray(list)) return list.map((e: Record<string, unknown>) => err(text(e.ErrorCode), text(e.ErrorMessage)));
  if (typeof body.error === 'string') {
    const codes = text((json(Buffer.from(body.error, 'base64').toString('utf8')) ?? {}).errorCodes);
    return codes.split(',').filter(Boolean).map((c) => err(c.trim(), `E-way bill system error ${c.trim()}`));
  }
  return [err('5002', 'Application error')];
}

export class NicBridge {
  private readonly sessions = new Map<string, NicSession>();

  constructor(
    private readonly ctx: IrpContext,
    readonly code: string,
  ) {}

  private key(user: string, gstin: string): string {
    return `${user}\u0000${gstin}`;
  }

  hasSession(user: string, gstin: string): boolean {
    return this.sessions.has(this.key(user, gstin));
  }

  /** NIC's auth v1.04 for this GSP's client, as any client would send it. */
  login(user: string, password: string, gstin: string): { ok: true; session: NicSession } | { ok: false; errors: IrpError[] } {
    const client = gspNicClient(this.code);
    const appKey = randomBytes(32);
    const plain = Buffer.from(Buffer.from(JSON.stringify({ UserName: user, Password: password, AppKey: appKey.toString('base64'), ForceRefreshAccessToken: false })).toString('base64'), 'ascii');
    if (plain.length > 245) return { ok: false, errors: [err('1013', 'Decryption of password failed')] };
    const blob = publicEncrypt({ key: this.ctx.keys.encryptionPublicKeyPem, padding: constants.RSA_PKCS1_PADDING }, plain).toString('base64');
    const req: IrpRequest = { method: 'POST', path: '/eivital/v1.04/auth', query: new URLSearchParams(), headers: { client_id: client.clientId, client_secret: client.clientSecret, gstin }, body: JSON.stringify({ Data: blob }) };
    const body = json(handleAuth(req, this.ctx, '1.04').body) ?? {};
    if (body.Status !== 1) return { ok: false, errors: errorsOf(body) };
    const data = body.Data as { AuthToken: string; Sek: string };
    const session = { token: data.AuthToken, sek: aesDecrypt(appKey, fromBase64(data.Sek)), password };
    this.sessions.set(this.key(user, gstin), session);
    return { ok: true, session };
  }

  private session(user: string, password: string | undefined, gstin: string): { ok: true; session: NicSession } | { ok: false; errors: IrpError[] } {
    const cached = this.sessions.get(this.key(user, gstin));
    const same = (a: string, b: string) => createHash('sha256').update(a).digest().equals(createHash('sha256').update(b).digest());
    if (cached && (password === undefined || password === '' || same(cached.password, password))) return { ok: true, session: cached };
    if (!password) return { ok: false, errors: [err('NO_SESSION', 'No IRP session and no password to open one')] };
    return this.login(user, password, gstin);
  }

  /** One NIC call for the user; a 1005 (token expired) opens a new session once, as a GSP would. */
  call(user: string, password: string | undefined, gstin: string, op: NicOp, params: Record<string, string> = {}, body?: unknown): NicOutcome {
    for (let attempt = 0; attempt < 2; attempt++) {
      const s = this.session(user, password, gstin);
      if (!s.ok) return { ok: false, data: null, errors: s.errors, info: null, committed: false };
      const out = this.send(s.session, user, gstin, op, params, body);
      if (!out.ok && attempt === 0 && out.errors.some((e) => e.code === '1005')) {
        this.sessions.delete(this.key(user, gstin));
        password ??= s.session.password;
        continue;
      }
      return out;
    }
    return { ok: false, data: null, errors: [err('1005', 'Invalid Token')], info: null, committed: false };
  }

  private send(s: NicSession, user: string, gstin: string, op: NicOp, params: Record<string, string>, body: unknown): NicOutcome {
    const client = gspNicClient(this.code);
    const route = ROUTES[op];
    const query = new URLSearchParams(op === 'getByDoc' ? { doctype: params.doctype ?? '', docnum: params.docnum ?? '', docdate: params.docdate ?? '' } : {});
    const enc = body === undefined ? undefined : aesEncrypt(s.sek, Buffer.from(op === 'cancelEwb' ? Buffer.from(JSON.stringify(body)).toString('base64') : JSON.stringify(body), 'utf8')).toString('base64');
    const req: IrpRequest = {
      method: route.method, path: route.path(params), query,
      headers: { client_id: client.clientId, client_secret: client.clientSecret, gstin, user_name: user, authtoken: s.token, ...(params.sup_gstin ? { sup_gstin: params.sup_gstin } : {}) },
      body: enc === undefined ? '' : JSON.stringify(op === 'cancelEwb' ? { action: 'CANEWB', data: enc } : { Data: enc }),
    };
    return this.read(dispatch(req, this.ctx), s, op === 'cancelEwb');
  }

  private read(reply: Reply, s: NicSession, ewbStyle: boolean): NicOutcome {
    const body = json(reply.body) ?? {};
    const ok = ewbStyle ? body.status === '1' : body.Status === 1;
    const info = (Array.isArray(body.InfoDtls) ? body.InfoDtls : null) as InfoDetail[] | null;
    if (!ok) return { ok: false, data: null, errors: errorsOf(body), info, committed: false };
    const raw = ewbStyle ? body.data : body.Data;
    let text = typeof raw === 'string' ? aesDecrypt(s.sek, fromBase64(raw)).toString('utf8') : JSON.stringify(raw ?? null);
    if (ewbStyle && !text.trim().startsWith('{')) text = Buffer.from(text, 'base64').toString('utf8');
    return { ok: true, data: JSON.parse(text) as unknown, errors: [], info, committed: reply.committed === true };
  }
}

/** One bridge (NIC sessions) per practice IRP and GSP. */
export function bridgeFor(ctx: IrpContext, code: string): NicBridge {
  return perContext(ctx, `bridge:${code}`, () => new NicBridge(ctx, code));
}
