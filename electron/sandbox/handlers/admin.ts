/**
 * The practice admin API under /sandbox/ (loopback only; plain JSON): keys, accounts, clock,
 * faults, token expiry, reset, the registration list crash tests compare with a client's ledger,
 * marking an IRN rejected (what NIC's de-duplication registry does, §4.6), and the count of
 * requests received (stats.ts).
 */
import { istDateOf } from '../../../shared/dates';
import { PRACTICE_ACCOUNTS } from '../accounts';
import type { IrpContext, IrpRequest, Reply } from '../context';
import { jsonReply } from '../envelope';
import { FaultsError } from '../faults';
import { gspAccountsView } from '../gsp/published';

const bad = (message: string): Reply => jsonReply(400, { error: message });

function body(req: IrpRequest): Record<string, unknown> | undefined {
  if (req.body.trim() === '') return {};
  try {
    const v = JSON.parse(req.body) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function clock(req: IrpRequest, ctx: IrpContext): Reply {
  if (req.method === 'GET') return jsonReply(200, { now: ctx.clock.now().toISOString() });
  const b = body(req);
  if (!b) return bad('the body must be a JSON object');
  if (typeof b.set === 'string') {
    const t = Date.parse(b.set);
    if (Number.isNaN(t)) return bad('set must be an ISO date-time such as 2026-04-01T10:00:00+05:30');
    return jsonReply(200, { now: ctx.clock.set(new Date(t)).toISOString() });
  }
  if (typeof b.advanceMinutes === 'number' && Number.isFinite(b.advanceMinutes)) {
    return jsonReply(200, { now: ctx.clock.advanceMinutes(b.advanceMinutes).toISOString() });
  }
  return bad('give {"set": ISO} or {"advanceMinutes": N}');
}

function faults(req: IrpRequest, ctx: IrpContext): Reply {
  if (req.method === 'GET') return jsonReply(200, ctx.faults.settings);
  if (req.method === 'DELETE') return jsonReply(200, ctx.faults.clear());
  const b = body(req);
  if (!b) return bad('the body must be a JSON object');
  try {
    return jsonReply(200, ctx.faults.update(b));
  } catch (e) {
    return bad(e instanceof FaultsError ? e.message : 'bad fault settings');
  }
}

function reject(req: IrpRequest, ctx: IrpContext): Reply {
  const b = body(req);
  const irn = typeof b?.irn === 'string' ? b.irn : '';
  const reg = ctx.store.registration(irn);
  if (!reg) return jsonReply(404, { error: `no registration with IRN ${irn}` });
  ctx.store.setStatus(irn, 'REJ', { rejectedOn: istDateOf(ctx.clock.now()) });
  return jsonReply(200, { irn, status: 'REJ' });
}

const ROUTES: Record<string, (req: IrpRequest, ctx: IrpContext) => Reply> = {
  'GET keys': (_r, ctx) => jsonReply(200, { encryptionPublicKeyPem: ctx.keys.encryptionPublicKeyPem, signingCertificatePem: ctx.keys.signingCertificatePem }),
  'GET accounts': () =>
    // the turnover too: the practice IRP applies the 6-digit HSN and 30-day rules by it, so the
    // business set up for an account must carry the same band (issue 17: 2199 was a surprise)
    jsonReply(200, PRACTICE_ACCOUNTS.map(({ gstin, clientId, clientSecret, userName, password, legalName, stateCode, aatoCrore }) => ({ gstin, clientId, clientSecret, userName, password, legalName, stateCode, aatoCrore }))),
  'GET gsp-accounts': () => jsonReply(200, gspAccountsView()),
  'GET clock': clock,
  'POST clock': clock,
  'GET faults': faults,
  'POST faults': faults,
  'DELETE faults': faults,
  'POST tokens/expire': (_r, ctx) => {
    ctx.tokens.expireAll(ctx.clock.now().getTime());
    return jsonReply(200, { expired: true });
  },
  'POST reset': (_r, ctx) => {
    ctx.store.reset();
    ctx.tokens.clear();
    ctx.faults.clear();
    return jsonReply(200, { reset: true });
  },
  'GET registrations': (_r, ctx) =>
    jsonReply(200, ctx.store.registrations().map((r) => ({
      irn: r.irn, gstin: r.gstin, docType: r.docType, docNo: r.docNo, docDate: r.docDate, ackNo: r.ackNo, ackDt: r.ackDt,
      status: r.status, ewbNo: ctx.store.ewayBillOfIrn(r.irn)?.ewbNo ?? null,
    }))),
  'POST reject': reject,
  'GET stats': (_r, ctx) => jsonReply(200, ctx.stats.snapshot()),
  'DELETE stats': (_r, ctx) => jsonReply(200, ctx.stats.reset()),
};

/** `sub` is the path after /sandbox/, lower-cased, without a trailing slash. */
export function handleAdmin(req: IrpRequest, ctx: IrpContext, sub: string): Reply {
  const route = ROUTES[`${req.method} ${sub}`];
  if (route) return route(req, ctx);
  const known = Object.keys(ROUTES).some((k) => k.endsWith(` ${sub}`));
  return known ? jsonReply(405, { error: `${req.method} is not allowed on /sandbox/${sub}` }) : jsonReply(404, { error: `no admin endpoint /sandbox/${sub}` });
}
