/**
 * The gate in front of every API except auth (irp-protocol.md §1.3, §13.3): the five headers in any
 * spelling, the client pair, and a live token bound to the same client id, user and GSTIN (else
 * 1005). Also decrypts `{"Data": b64(AES(SEK, json))}` request bodies.
 */
import { aesDecrypt, DecryptionError, fromBase64 } from '../crypto';
import type { IrpContext, IrpRequest } from '../context';
import { err, type IrpError } from '../envelope';
import { accountByClient, type PracticeAccount } from '../accounts';
import { CANONICAL_NAMES } from '../fields';
import { JsonSyntaxError, memberCi, parseLexical, type JNode } from '../lexjson';
import type { IssuedToken } from '../tokens';

export interface Session {
  account: PracticeAccount;
  token: IssuedToken;
  /** The authenticated GSTIN (the Gstin header, equal to the token's). */
  gstin: string;
}

export type Gated = { ok: true; session: Session } | { ok: false; errors: IrpError[] };

export function header(req: IrpRequest, name: string): string | undefined {
  const v = req.headers[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

/** The client headers in §13.2's order: 1011, 1012, 1004 (unless the GSTIN is optional, v1.03 auth), 1010. */
export function clientCheck(req: IrpRequest, gstinRequired = true): { account: PracticeAccount } | { errors: IrpError[] } {
  const clientId = header(req, 'client_id');
  if (!clientId) return { errors: [err('1011', 'Client Id is required')] };
  const secret = header(req, 'client_secret');
  if (!secret) return { errors: [err('1012', 'Client Secret is required')] };
  if (gstinRequired && !header(req, 'gstin')) return { errors: [err('1004', 'Header GSTIN is required')] };
  const account = accountByClient(clientId);
  if (!account || account.clientSecret !== secret) return { errors: [err('1010', 'Invalid Client-ID/Client-Secret')] };
  return { account };
}

export function gate(req: IrpRequest, ctx: IrpContext): Gated {
  const client = clientCheck(req);
  if ('errors' in client) return { ok: false, errors: client.errors };
  const userName = header(req, 'user_name') ?? header(req, 'username');
  if (!userName) return { ok: false, errors: [err('1006', 'User Name is required')] };
  const tokenText = header(req, 'authtoken') ?? header(req, 'auth_token');
  const gstin = header(req, 'gstin') ?? '';
  const token = tokenText ? ctx.tokens.lookup(tokenText, ctx.clock.now().getTime()) : undefined;
  if (!token || token.clientId !== client.account.clientId || token.userName !== userName || token.gstin !== gstin) {
    return { ok: false, errors: [err('1005', 'Invalid Token')] };
  }
  return { ok: true, session: { account: client.account, token, gstin } };
}

export type Decrypted = { ok: true; node: JNode; text: string } | { ok: false; errors: IrpError[] };

/** Reads `{"Data": ...}` (any case), decrypts it with the session's SEK and parses the JSON inside. */
export function decryptBody(req: IrpRequest, session: Session, field = 'Data'): Decrypted {
  let wrapper: JNode;
  try {
    wrapper = parseLexical(req.body);
  } catch {
    return { ok: false, errors: [err('2255', 'Requested Payload is empty (the body is not JSON)')] };
  }
  const data = memberCi(wrapper, field);
  if (data?.t !== 'str' || data.v.trim() === '') return { ok: false, errors: [err('2255', 'Requested Payload is empty')] };
  let text: string;
  try {
    text = aesDecrypt(session.token.sek, fromBase64(data.v)).toString('utf8');
  } catch (e) {
    const why = e instanceof DecryptionError ? e.message : 'decryption failed';
    return { ok: false, errors: [err('5002', `Application error: the Data could not be decrypted with the session key (SEK): ${why}`)] };
  }
  try {
    return { ok: true, node: parseLexical(text, CANONICAL_NAMES), text };
  } catch (e) {
    const why = e instanceof JsonSyntaxError ? e.message : 'invalid JSON';
    return { ok: false, errors: [err('5002', `Application error: the decrypted payload is not valid JSON (${why})`)] };
  }
}
