/**
 * Adaequare's enriched API, practised (gsp-and-portal.md §2.1): OAuth-like sign-in with gspappid /
 * gspappsecret, then plain JSON with user_name, password, gstin and the bearer token on every call;
 * answers {success, message, result} with NIC's codes as "CODE : text" prose in message, the
 * duplicate's DUPIRN in result, GSPGSTDOWN when the GST system is out of reach, 401/403 for its keys.
 */
import { GSP_CODES } from '../accounts';
import type { IrpContext, IrpRequest, Reply } from '../context';
import { jsonReply } from '../envelope';
import { bridgeFor, type NicOp, type NicOutcome } from './bridge';
import { body, doorTokens, fault, h, notFound, q, tamper } from './common';
import { PUBLISHED } from './published';

const TOKEN_TTL_MS = 6 * 3_600_000;

function fail(message: string, result: unknown = null): Reply {
  return jsonReply(200, { success: false, message, result });
}

function answer(ctx: IrpContext, out: NicOutcome): Reply {
  if (out.ok) return { ...jsonReply(200, { success: true, message: 'Success', result: tamper(ctx, out.data), info: out.info }), committed: out.committed };
  const dup = out.info?.find((i) => i.InfCd === 'DUPIRN');
  return fail(out.errors.map((e) => `${e.code} : ${e.message}`).join(', '), dup ? [dup] : null);
}

function signIn(req: IrpRequest, ctx: IrpContext): Reply {
  if (req.method !== 'POST') return jsonReply(405, { error: 'method_not_allowed' });
  if (q(req, 'grant_type') !== 'token') return jsonReply(400, { error: 'unsupported_grant_type', error_description: 'grant_type must be token' });
  const p = PUBLISHED.adaequare;
  if (h(req, 'gspappid') !== p.clientId || h(req, 'gspappsecret') !== p.clientSecret) return jsonReply(401, { error: 'invalid_client', error_description: 'Bad client credentials' });
  const token = doorTokens<true>(ctx, 'adaequare').issue(true, TOKEN_TTL_MS, ctx.clock.now().getTime());
  return jsonReply(200, { access_token: token, token_type: 'Bearer', expires_in: TOKEN_TTL_MS / 1000, scope: 'gsp' });
}

const ROUTES: Record<string, NicOp> = {
  'POST /enriched/ei/api/invoice': 'generate',
  'POST /enriched/ei/api/invoice/cancel': 'cancel',
  'GET /enriched/ei/api/invoice/irn': 'getByIrn',
  'GET /enriched/ei/api/master/gstin': 'gstin',
  'GET /enriched/ei/api/master/syncgstin': 'syncGstin',
  'POST /enriched/ei/api/ewaybill': 'ewb',
  'GET /enriched/ei/api/ewaybill/irn': 'getEwb',
  'POST /enriched/ewb/ewayapi': 'cancelEwb',
};

export function adaequareDoor(req: IrpRequest, ctx: IrpContext, path: string): Reply {
  if (/^\/gsp\/authenticate\/?$/i.test(path)) return signIn(req, ctx);
  const op = ROUTES[`${req.method} ${path.replace(/\/+$/, '').toLowerCase()}`];
  if (!op) return notFound();
  const auth = /^Bearer (.+)$/i.exec(h(req, 'authorization') ?? '');
  if (!doorTokens<true>(ctx, 'adaequare').get(auth?.[1], ctx.clock.now().getTime())) return jsonReply(401, { error: 'invalid_token', error_description: 'Access token expired or invalid' });
  const f = fault(ctx);
  if (f === 'down') return fail('GSPGSTDOWN : GST System is down, please try after some time');
  if (f === 'quota' || f === 'rate-limit') return jsonReply(429, { success: false, message: 'API credits exhausted' });
  if (f === 'subscription') return jsonReply(403, { error: 'access_denied', error_description: 'Subscription expired' });
  // the e-way bill API names the user header "username"
  const user = op === 'cancelEwb' ? h(req, 'username') : h(req, 'user_name');
  const password = h(req, 'password');
  const gstin = h(req, 'gstin');
  if (!user || !password || !gstin) return fail(`${op === 'cancelEwb' ? 'username' : 'user_name'}, password and gstin headers are required`);
  const b = body(req) as Record<string, unknown> | undefined;
  const nic = bridgeFor(ctx, GSP_CODES.adaequare);
  if (op === 'cancel') return answer(ctx, nic.call(user, password, gstin, op, {}, { Irn: b?.Irn, CnlRsn: b?.Cnlrsn, CnlRem: b?.Cnlrem }));
  if (op === 'getByIrn' || op === 'getEwb') return answer(ctx, nic.call(user, password, gstin, op, { irn: q(req, 'irn') ?? '' }));
  if (op === 'gstin' || op === 'syncGstin') return answer(ctx, nic.call(user, password, gstin, op, { gstin: q(req, 'gstin') ?? '' }));
  if (op === 'cancelEwb' && q(req, 'action') !== 'CANEWB') return fail('action=CANEWB is required');
  return answer(ctx, nic.call(user, password, gstin, op, {}, b));
}
