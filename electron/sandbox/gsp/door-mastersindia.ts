/**
 * Masters India's legacy API, practised (gsp-and-portal.md §2.6): OAuth password grant, the token
 * in the JSON body (or the query of a GET), its own snake_case invoice mapped back to INV-01 with
 * the connector's own table (mastersindia-map.ts), and {results:{message, errorMessage, InfoDtls,
 * status, code}}. Masters India holds the e-invoice API user behind the account.
 */
import { fromMastersIndia, MappingError } from '../../irp/gsp/mastersindia-map';
import { GSP_CODES, gspUserName, PRACTICE_ACCOUNTS } from '../accounts';
import type { IrpContext, IrpRequest, Reply } from '../context';
import { gatewayPage, jsonReply } from '../envelope';
import { bridgeFor, type NicOp, type NicOutcome } from './bridge';
import { body, doorTokens, fault, notFound, q, tamper } from './common';
import { PUBLISHED } from './published';

interface Held {
  user: string;
  password: string;
  gstin: string;
}

const results = (r: Record<string, unknown>, status = 200): Reply => jsonReply(status, { results: { message: {}, errorMessage: '', InfoDtls: null, status: 'Failed', code: 204, ...r } });

function answer(ctx: IrpContext, out: NicOutcome): Reply {
  if (out.ok) return { ...results({ message: tamper(ctx, out.data), status: 'Success', code: 200, InfoDtls: out.info }), committed: out.committed };
  return results({ errorMessage: out.errors.map((e) => `${e.code}: ${e.message}`).join(', '), InfoDtls: out.info });
}

function token(req: IrpRequest, ctx: IrpContext): Reply {
  const b = body(req) as Record<string, unknown> | undefined;
  const p = PUBLISHED.mastersindia;
  if (b?.client_id !== p.clientId || b.client_secret !== p.clientSecret || b.grant_type !== 'password') return jsonReply(401, { error: 'invalid_client' });
  const account = PRACTICE_ACCOUNTS.find((a) => gspUserName(GSP_CODES.mastersindia, a.userName) === b.username);
  if (!account || account.password !== b.password) return jsonReply(401, { error: 'invalid_grant', error_description: 'Invalid username and password combination' });
  const ttl = 3_600_000;
  const access = doorTokens<Held>(ctx, 'mastersindia').issue({ user: String(b.username), password: account.password, gstin: account.gstin }, ttl, ctx.clock.now().getTime());
  return jsonReply(200, { access_token: access, expires_in: ttl / 1000, token_type: 'bearer' });
}

const OPS: Record<string, NicOp> = {
  'POST /generateeinvoice': 'generate', 'GET /geteinvoicedata': 'getByIrn', 'POST /canceleinvoice': 'cancel', 'POST /generateewaybillbyirn': 'ewb',
};

export function mastersIndiaDoor(req: IrpRequest, ctx: IrpContext, path: string): Reply {
  if (req.method === 'POST' && /^\/oauth\/access_token\/?$/i.test(path)) return token(req, ctx);
  const op = OPS[`${req.method} ${path.replace(/\/+$/, '').toLowerCase()}`];
  if (!op) return notFound();
  const f = fault(ctx);
  if (f === 'down') return gatewayPage(503);
  const b = (body(req) ?? {}) as Record<string, unknown>;
  const held = doorTokens<Held>(ctx, 'mastersindia').get(op === 'getByIrn' ? q(req, 'access_token') : (b.access_token as string | undefined), ctx.clock.now().getTime());
  if (!held) return results({ errorMessage: 'Invalid access token', code: 401 }, 401);
  if (f) return results({ errorMessage: f === 'subscription' ? 'Your subscription has expired' : 'Credit limit exhausted, please recharge' });
  const gstin = op === 'getByIrn' ? q(req, 'gstin') : (b.user_gstin as string | undefined);
  if (gstin !== held.gstin) return results({ errorMessage: `user_gstin ${String(gstin)} does not belong to this account` });
  const nic = bridgeFor(ctx, GSP_CODES.mastersindia);
  const call = (params: Record<string, string>, payload?: unknown) => answer(ctx, nic.call(held.user, held.password, held.gstin, op, params, payload));
  if (op === 'getByIrn') return call({ irn: q(req, 'irn') ?? '' });
  if (op === 'cancel') return call({}, { Irn: b.irn, CnlRsn: b.cancel_reason, CnlRem: b.cancel_remarks });
  if (op === 'ewb') {
    const ewb = { Irn: b.irn, Distance: b.distance, TransMode: b.transportation_mode, TransId: b.transporter_id, TransName: b.transporter_name, TransDocNo: b.transporter_document_number, TransDocDt: b.transporter_document_date, VehNo: b.vehicle_number, VehType: b.vehicle_type };
    return call({}, Object.fromEntries(Object.entries(ewb).filter(([, v]) => v !== undefined && v !== null && v !== '')));
  }
  let inv: unknown;
  try {
    inv = fromMastersIndia(b);
  } catch (e) {
    return results({ errorMessage: e instanceof MappingError ? e.message : 'The invoice could not be read' });
  }
  return call({}, inv);
}
