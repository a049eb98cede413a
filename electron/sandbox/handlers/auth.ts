/**
 * POST /eivital/v1.04/auth (whole payload RSA-encrypted) and /eivital/v1.03/auth (Password and
 * AppKey RSA-encrypted separately), irp-protocol.md §2.2-§2.4, checked in the order of §13.2:
 * 1011, 1012, 1004, 1010, 1013/1016, 1006/1017, 1018, 1019, 1015, 1014.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { formatIstDateTime } from '../../../shared/dates';
import { accountByUser, isGspClient } from '../accounts';
import { aesEncrypt, fromBase64, rsaDecrypt } from '../crypto';
import type { IrpContext, IrpRequest, Reply } from '../context';
import { err, irpFailure, irpPlainSuccess } from '../envelope';
import { CANONICAL_NAMES } from '../fields';
import { member, memberCi, parseLexical, toPlain, type JNode } from '../lexjson';
import { clientCheck, header } from './gate';

interface Credentials {
  userName: unknown;
  password: string;
  appKey: Buffer;
  forceRefresh: boolean;
}

type Read = { ok: true; creds: Credentials } | { ok: false; reply: Reply };

const fail = (code: string, message: string): Read => ({ ok: false, reply: irpFailure([err(code, message)]) });

/** .NET's binder reads "true"/"True" strings as booleans too. */
function isTrue(v: unknown): boolean {
  return v === true || (typeof v === 'string' && v.toLowerCase() === 'true');
}

function appKeyBytes(raw: Buffer): Buffer | undefined {
  return raw.length === 16 || raw.length === 24 || raw.length === 32 ? raw : undefined;
}

/** v1.04: Data = b64(RSA(b64(json))). */
function readV104(ctx: IrpContext, body: JNode): Read {
  const data = memberCi(body, 'Data');
  if (data?.t !== 'str' || data.v.trim() === '') return fail('5003', 'Data cannot be null or empty');
  let json: JNode;
  try {
    const b64Text = rsaDecrypt(ctx.keys, fromBase64(data.v)).toString('ascii');
    json = parseLexical(fromBase64(b64Text).toString('utf8'), CANONICAL_NAMES);
  } catch {
    return fail('1013', 'Decryption of password failed');
  }
  const p = toPlain(json) as Record<string, unknown> | null;
  if (p === null || typeof p !== 'object') return fail('1013', 'Decryption of password failed');
  let appKey: Buffer | undefined;
  try {
    appKey = typeof p.AppKey === 'string' ? appKeyBytes(fromBase64(p.AppKey)) : undefined;
  } catch {
    appKey = undefined;
  }
  if (!appKey) return fail('1016', 'Decryption of App Key failed');
  return { ok: true, creds: { userName: p.UserName, password: typeof p.Password === 'string' ? p.Password : '', appKey, forceRefresh: isTrue(p.ForceRefreshAccessToken) } };
}

/** v1.03: {"data": {UserName, Password: b64(RSA(password)), AppKey: b64(RSA(raw key)), ForceRefreshAccessToken}}. */
function readV103(ctx: IrpContext, body: JNode): Read {
  const inner = memberCi(body, 'data');
  if (inner?.t !== 'obj') return fail('5003', 'Data cannot be null or empty');
  const canon = parseLexical(JSON.stringify(toPlain(inner)), CANONICAL_NAMES);
  const text = (name: string) => {
    const n = member(canon, name);
    return n?.t === 'str' ? n.v : undefined;
  };
  let password: string;
  try {
    password = rsaDecrypt(ctx.keys, fromBase64(text('Password') ?? '')).toString('utf8');
  } catch {
    return fail('1013', 'Decryption of password failed');
  }
  let appKey: Buffer | undefined;
  try {
    appKey = appKeyBytes(rsaDecrypt(ctx.keys, fromBase64(text('AppKey') ?? '')));
  } catch {
    appKey = undefined;
  }
  if (!appKey) return fail('1016', 'Decryption of App Key failed');
  return { ok: true, creds: { userName: text('UserName'), password, appKey, forceRefresh: isTrue(toPlain(member(canon, 'ForceRefreshAccessToken') ?? { t: 'null' })) } };
}

function samePassword(a: string, b: string): boolean {
  const h = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(h(a), h(b));
}

export function handleAuth(req: IrpRequest, ctx: IrpContext, version: '1.03' | '1.04'): Reply {
  // v1.03 documents the Gstin header as optional; it still binds the token when given.
  const client = clientCheck(req, version === '1.04');
  if ('errors' in client) return irpFailure(client.errors);
  let body: JNode;
  try {
    body = parseLexical(req.body);
  } catch {
    return irpFailure([err('5003', 'Data cannot be null or empty')]);
  }
  const read = version === '1.04' ? readV104(ctx, body) : readV103(ctx, body);
  if (!read.ok) return read.reply;
  const { creds } = read;
  if (typeof creds.userName !== 'string' || creds.userName.trim() === '') return irpFailure([err('1006', 'User Name is required')]);
  const user = accountByUser(creds.userName);
  if (!user) return irpFailure([err('1017', 'Incorrect user id/User does not exists')]);
  // an API user created for one GSP (or for direct access) is unknown through any other (gsp-and-portal.md §1.2)
  if (user.clientId !== client.account.clientId && (isGspClient(user.clientId) || isGspClient(client.account.clientId))) {
    return irpFailure([err('1017', 'Incorrect user id/User does not exists')]);
  }
  if (user.clientId !== client.account.clientId) return irpFailure([err('1018', 'Client Id is not mapped to this user')]);
  if (!samePassword(creds.password, user.password)) return irpFailure([err('1019', 'Incorrect Password')]);
  const gstin = header(req, 'gstin') ?? user.gstin;
  if (gstin !== user.gstin) return irpFailure([err('1015', 'Invalid GSTIN for this user')]);
  const tp = ctx.taxpayer(gstin);
  if (!tp || tp.status !== 'ACT') return irpFailure([err('1014', 'Inactive User')]);
  const now = ctx.clock.now();
  const t = ctx.tokens.issue(user.clientId, user.userName, gstin, creds.forceRefresh, now.getTime());
  ctx.log(`auth ok user=${user.userName} gstin=${gstin} v${version}`);
  return irpPlainSuccess({
    ClientId: user.clientId,
    UserName: user.userName,
    AuthToken: t.token,
    Sek: aesEncrypt(creds.appKey, t.sek).toString('base64'),
    TokenExpiry: formatIstDateTime(new Date(t.expiresAt)),
  });
}
