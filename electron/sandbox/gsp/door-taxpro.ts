/**
 * TaxPro's "dec" API, practised (gsp-and-portal.md §2.2): NIC's paths under /dec, the five
 * credentials as headers or query parameters, NIC's envelope with plain Data (here a JSON string,
 * as TaxPro sometimes sends it), and TaxPro's own gateway errors {status_cd:"0", error:{error_cd}}
 * (GSP752: AuthToken not found → sign in again).
 */
import { formatIstDateTime } from '../../../shared/dates';
import { GSP_CODES } from '../accounts';
import type { IrpContext, IrpRequest, Reply } from '../context';
import { gatewayPage, jsonReply } from '../envelope';
import { bridgeFor, type NicOutcome } from './bridge';
import { body, doorTokens, fault, h, nicRoute, notFound, q, tamper } from './common';
import { PUBLISHED } from './published';

interface Held {
  user: string;
  password: string;
  gstin: string;
}

const gateway = (code: string, message: string): Reply => jsonReply(200, { status_cd: '0', error: { error_cd: code, message } });

/** A credential from its header or, as TaxPro also accepts, the query string. */
function cred(req: IrpRequest, name: string): string | undefined {
  return h(req, name) ?? q(req, name);
}

function nicAnswer(ctx: IrpContext, out: NicOutcome): Reply {
  if (out.ok) return { ...jsonReply(200, { Status: '1', Data: JSON.stringify(tamper(ctx, out.data)), ErrorDetails: null, InfoDtls: out.info }), committed: out.committed };
  return jsonReply(200, { Status: '0', Data: null, ErrorDetails: out.errors.map((e) => ({ ErrorCode: e.code, ErrorMessage: e.message })), InfoDtls: out.info });
}

export function taxproDoor(req: IrpRequest, ctx: IrpContext, path: string): Reply {
  const f = fault(ctx);
  if (f === 'down') return gatewayPage(503);
  const p = PUBLISHED.taxpro;
  if (cred(req, 'aspid') !== p.clientId || cred(req, 'password') !== p.clientSecret) return gateway('GSP102', 'Invalid aspid or password');
  if (f === 'quota' || f === 'rate-limit') return gateway('GSP105', 'Api balance exhausted, recharge Api Balance');
  if (f === 'subscription') return gateway('GSP106', 'ASP validity expired');
  const user = cred(req, 'user_name');
  const gstin = cred(req, 'Gstin');
  const tokens = doorTokens<Held>(ctx, 'taxpro');
  const now = ctx.clock.now();
  const nic = bridgeFor(ctx, GSP_CODES.taxpro);
  if (/^\/eivital\/dec\/v1\.04\/auth\/?$/i.test(path)) {
    const password = cred(req, 'eInvPwd');
    if (!user || !password || !gstin) return gateway('GSP101', 'user_name, eInvPwd and Gstin are required');
    const login = nic.login(user, password, gstin);
    if (!login.ok) return nicAnswer(ctx, { ok: false, data: null, errors: login.errors, info: null, committed: false });
    const ttl = 6 * 3_600_000;
    const token = tokens.issue({ user, password, gstin }, ttl, now.getTime());
    return jsonReply(200, { Status: '1', Data: { ClientId: p.clientId, UserName: user, AuthToken: token, Sek: '', TokenExpiry: formatIstDateTime(new Date(now.getTime() + ttl)) }, ErrorDetails: null, InfoDtls: null });
  }
  const route = nicRoute(req.method, path.replace(/\/dec\//i, '/'));
  if (!route || route.op === 'syncGstin' || !/\/dec\//i.test(path)) return notFound();
  const held = tokens.get(cred(req, 'AuthToken'), now.getTime());
  if (!held || held.user !== user || held.gstin !== gstin) return gateway('GSP752', 'AuthToken not found');
  const params = route.op === 'getByDoc' ? { doctype: q(req, 'doctype') ?? '', docnum: q(req, 'docnum') ?? '', docdate: q(req, 'docdate') ?? '' } : route.params;
  return nicAnswer(ctx, nic.call(held.user, held.password, held.gstin, route.op, params, req.method === 'POST' ? body(req) : undefined));
}
