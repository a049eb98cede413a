/**
 * MasterGST's e-invoice API, practised (gsp-and-portal.md §2.3): ?email= on every call, the
 * ip_address / client_id / client_secret / username / gstin headers, /einvoice/type/<TYPE>/version/V1_03,
 * and {status_cd, status_desc, data} where a refusal's status_desc is NIC's error list as a JSON
 * string, or MasterGST's own words (invalid token, credits, subscription).
 */
import { formatIstDateTime } from '../../../shared/dates';
import { GSP_CODES } from '../accounts';
import type { IrpContext, IrpRequest, Reply } from '../context';
import { gatewayPage, jsonReply } from '../envelope';
import { bridgeFor, type NicOp, type NicOutcome } from './bridge';
import { body, doorTokens, fault, h, notFound, q, tamper } from './common';
import { PUBLISHED } from './published';

interface Held {
  user: string;
  password: string;
  gstin: string;
}

const refuse = (desc: string): Reply => jsonReply(200, { status_cd: '0', status_desc: desc });

function nicAnswer(ctx: IrpContext, out: NicOutcome): Reply {
  if (out.ok) return { ...jsonReply(200, { status_cd: '1', status_desc: 'Request processed successfully', data: tamper(ctx, out.data) }), committed: out.committed };
  return refuse(JSON.stringify(out.errors.map((e) => ({ ErrorCode: e.code, ErrorMessage: e.message }))));
}

const TYPES: Record<string, NicOp> = {
  'POST GENERATE': 'generate', 'POST CANCEL': 'cancel', 'GET GETIRN': 'getByIrn', 'GET GETIRNBYDOCDETAILS': 'getByDoc',
  'GET GSTNDETAILS': 'gstin', 'POST GENERATE_EWAYBILL': 'ewb', 'GET GETEWAYBILLIRN': 'getEwb',
};

export function mastergstDoor(req: IrpRequest, ctx: IrpContext, path: string): Reply {
  const f = fault(ctx);
  if (f === 'down') return gatewayPage(503);
  const p = PUBLISHED.mastergst;
  if (q(req, 'email') !== p.fields.email) return refuse('Invalid email: register it with MasterGST');
  if (!h(req, 'ip_address')) return refuse('ip_address header is required');
  if (h(req, 'client_id') !== p.clientId || h(req, 'client_secret') !== p.clientSecret) return refuse('Invalid client_id or client_secret');
  if (f === 'quota' || f === 'rate-limit') return refuse('Insufficient credit balance: please recharge');
  if (f === 'subscription') return refuse('Your subscription has expired');
  const user = h(req, 'username');
  const gstin = h(req, 'gstin');
  if (!user || !gstin) return refuse('username and gstin headers are required');
  const tokens = doorTokens<Held>(ctx, 'mastergst');
  const now = ctx.clock.now();
  const nic = bridgeFor(ctx, GSP_CODES.mastergst);
  if (req.method === 'GET' && /^\/einvoice\/authenticate\/?$/i.test(path)) {
    const password = h(req, 'password') ?? '';
    const login = nic.login(user, password, gstin);
    if (!login.ok) return nicAnswer(ctx, { ok: false, data: null, errors: login.errors, info: null, committed: false });
    const ttl = 6 * 3_600_000;
    const token = tokens.issue({ user, password, gstin }, ttl, now.getTime());
    return jsonReply(200, { status_cd: '1', status_desc: 'Authentication successful', data: { ClientId: p.clientId, UserName: user, AuthToken: token, Sek: '', TokenExpiry: formatIstDateTime(new Date(now.getTime() + ttl)) } });
  }
  const m = /^\/einvoice\/type\/([A-Z_]+)\/version\/V1_03\/?$/i.exec(path);
  const op = m ? TYPES[`${req.method} ${(m[1] ?? '').toUpperCase()}`] : undefined;
  if (!op) return notFound();
  const held = tokens.get(h(req, 'auth-token'), now.getTime());
  if (!held || held.user !== user || held.gstin !== gstin) return refuse('Invalid Token');
  const param1 = q(req, 'param1') ?? '';
  const params: Record<string, string> = op === 'getByDoc'
    ? { doctype: param1, docnum: h(req, 'docnum') ?? '', docdate: h(req, 'docdate') ?? '' }
    : op === 'gstin' ? { gstin: param1 } : { irn: param1 };
  return nicAnswer(ctx, nic.call(held.user, held.password, held.gstin, op, params, req.method === 'POST' ? body(req) : undefined));
}
