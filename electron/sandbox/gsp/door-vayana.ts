/**
 * Vayana, practised (gsp-and-portal.md §2.5): a login to Vayana (theodore: e-mail handle and
 * password → a token), then either the classic GSP (NIC's protocol passed through under
 * /gus/irp/{ni1|ni2}) or the Enriched API Service (plain JSON under /basic/einv/v3.0/{irp}, the
 * X-FLYNN-N-* headers, {status, data, error, info}; NIC's refusals as HTTP 502 with
 * error.args.details; no NIC password needed while Vayana still holds a session).
 */
import { GSP_CODES } from '../accounts';
import type { IrpContext, IrpRequest, Reply } from '../context';
import { gatewayPage, jsonReply } from '../envelope';
import { bridgeFor, type NicOutcome } from './bridge';
import { body, doorTokens, fault, h, nicRoute, notFound, q, tamper } from './common';
import { passThrough } from './pass-through';
import { PUBLISHED } from './published';

type Which = 'vayana' | 'vayana-eas';

function login(req: IrpRequest, ctx: IrpContext, which: Which): Reply {
  const b = body(req) as { handle?: unknown; password?: unknown; tokenDurationInMins?: unknown } | undefined;
  const p = PUBLISHED[which];
  if (b?.handle !== p.clientId || b.password !== p.clientSecret) return jsonReply(401, { status: '0', error: { message: 'err-invalid-credentials' } });
  const minutes = typeof b.tokenDurationInMins === 'number' ? Math.min(Math.max(b.tokenDurationInMins, 1), 360) : 20;
  const token = doorTokens<true>(ctx, which).issue(true, minutes * 60_000, ctx.clock.now().getTime());
  return jsonReply(200, { status: '1', data: { token, expiry: minutes } });
}

/** The Vayana account's token and org on a call; a Reply when they are wrong. */
function vayanaAccount(req: IrpRequest, ctx: IrpContext, which: Which): Reply | undefined {
  if (h(req, 'X-FLYNN-N-ORG-ID') !== PUBLISHED[which].fields['org-id']) return jsonReply(401, { status: '0', error: { message: 'err-invalid-org' } });
  if (!doorTokens<true>(ctx, which).get(h(req, 'X-FLYNN-N-USER-TOKEN'), ctx.clock.now().getTime())) return jsonReply(401, { status: '0', error: { message: 'err-token-expired' } });
  const f = fault(ctx);
  if (f === 'down') return gatewayPage(503);
  if (f) return jsonReply(429, { status: '0', error: { message: f === 'rate-limit' ? 'err-too-many-requests' : 'err-plan-limit-reached' } });
  return undefined;
}

export function vayanaDoor(req: IrpRequest, ctx: IrpContext, path: string): Reply {
  if (/^\/theodore\/apis\/v1\/authtokens\/?$/i.test(path) && req.method === 'POST') return login(req, ctx, 'vayana');
  const m = /^\/gus\/irp\/(ni1|ni2)(\/.*)$/i.exec(path);
  if (!m) return notFound();
  const refused = vayanaAccount(req, ctx, 'vayana');
  if (refused) return refused;
  return passThrough(req, ctx, m[2] ?? '', GSP_CODES.vayana);
}

function easAnswer(ctx: IrpContext, out: NicOutcome): Reply {
  if (out.ok) return { ...jsonReply(200, { status: '1', data: tamper(ctx, out.data), error: null, info: out.info, additionalInfo: null, alert: null }), committed: out.committed };
  if (out.errors.some((e) => e.code === 'NO_SESSION')) return jsonReply(400, { status: '0', data: null, error: { message: 'err-unable-to-authenticate-with-empty-password' } });
  return jsonReply(502, { status: '0', data: null, error: { message: 'err-irp-returned-error', args: { details: out.errors.map((e) => ({ ErrorCode: e.code, ErrorMessage: e.message })) } }, info: out.info });
}

export function vayanaEasDoor(req: IrpRequest, ctx: IrpContext, path: string): Reply {
  if (/^\/theodore\/apis\/v1\/authtokens\/?$/i.test(path) && req.method === 'POST') return login(req, ctx, 'vayana-eas');
  const m = /^\/basic\/einv\/v3\.0\/(ni1|ni2)(\/.*)$/i.exec(path);
  const route = m ? nicRoute(req.method, m[2] ?? '') : undefined;
  if (!route) return notFound();
  const refused = vayanaAccount(req, ctx, 'vayana-eas');
  if (refused) return refused;
  const gstin = h(req, 'X-FLYNN-N-IRP-GSTIN');
  const user = h(req, 'X-FLYNN-N-IRP-USERNAME');
  if (h(req, 'X-FLYNN-N-IRP-GSP-CODE') !== 'vay' || !gstin || !user) return jsonReply(400, { status: '0', error: { message: 'err-missing-irp-headers' } });
  const params = route.op === 'getByDoc' ? { doctype: q(req, 'doctype') ?? '', docnum: q(req, 'docnum') ?? '', docdate: q(req, 'docdate') ?? '' } : route.params;
  const nic = bridgeFor(ctx, GSP_CODES['vayana-eas']);
  return easAnswer(ctx, nic.call(user, h(req, 'X-FLYNN-N-IRP-PWD'), gstin, route.op, params, req.method === 'POST' ? body(req) : undefined));
}
