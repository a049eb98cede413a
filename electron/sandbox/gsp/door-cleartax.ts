/**
 * ClearTax, practised, both products (gsp-and-portal.md §2.4):
 * - the GSP API: NIC's protocol passed through under /einv-gsp-style short paths (vital, core, ewb),
 *   the X-CT-Auth-Token header instead of a client id and secret (ClearTax adds its own);
 * - the ASP API: plain INV-01 inside [{"transaction": …}], X-Cleartax-Auth-Token and gstin headers,
 *   ClearTax holding the GSTIN's API user, and per-document answers whose govt_response carries NIC's
 *   reply (2xx does not mean each document succeeded). ClearTax's own codes: 301/302 busy, 201 no
 *   NIC credentials for the GSTIN, 502 no access.
 */
import { GSP_CODES, gspUserName, PRACTICE_ACCOUNTS } from '../accounts';
import type { IrpContext, IrpRequest, Reply } from '../context';
import { gatewayPage, jsonReply } from '../envelope';
import { bridgeFor, type NicOp, type NicOutcome } from './bridge';
import { body, fault, h, notFound, q, tamper } from './common';
import { passThrough } from './pass-through';
import { PUBLISHED } from './published';

const GSP_PATHS: Array<[RegExp, string]> = [
  [/^\/vital\//i, '/eivital/'],
  [/^\/core\//i, '/eicore/'],
  [/^\/ewb\/v1\.03\/ewayapi/i, '/ewaybillapi/v1.03/ewayapi'],
  [/^\/eiewb\//i, '/eiewb/'],
];

export function cleartaxGspDoor(req: IrpRequest, ctx: IrpContext, path: string): Reply {
  const f = fault(ctx);
  if (f === 'down') return gatewayPage(503);
  if (h(req, 'X-CT-Auth-Token') !== PUBLISHED['cleartax-gsp'].clientSecret) return jsonReply(401, { error_code: 'UNAUTHORIZED', error_message: 'Invalid X-CT-Auth-Token' });
  if (f) return jsonReply(429, { error_code: 'TOO_MANY_REQUESTS', error_message: 'Rate limit exceeded' });
  const hit = GSP_PATHS.find(([re]) => re.test(path));
  if (!hit) return notFound();
  return passThrough(req, ctx, path.replace(hit[0], hit[1]), GSP_CODES['cleartax-gsp']);
}

type Doc = Record<string, unknown>;

function govt(ctx: IrpContext, out: NicOutcome): Doc {
  if (out.ok) return { document_status: 'SUCCESS', govt_response: { Success: 'Y', ...(tamper(ctx, out.data) as Doc), InfoDtls: out.info } };
  return { document_status: 'FAILED', govt_response: { Success: 'N', ErrorDetails: out.errors.map((e) => ({ error_code: e.code, error_message: e.message, error_source: 'NIC' })), InfoDtls: out.info } };
}

const own = (code: string, message: string): Doc => ({ document_status: 'FAILED', govt_response: { Success: 'N', ErrorDetails: [{ error_code: code, error_message: message, error_source: 'CLEARTAX' }] } });

const ASP: Record<string, NicOp> = {
  'PUT /einv/v2/einvoice/generate': 'generate',
  'GET /einv/v2/einvoice/get': 'getByIrn',
  'PUT /einv/v2/einvoice/cancel': 'cancel',
  'POST /einv/v2/einvoice/ewaybill': 'ewb',
  'POST /einv/v2/einvoice/ewaybill/cancel': 'cancelEwb',
};

export function cleartaxAspDoor(req: IrpRequest, ctx: IrpContext, path: string): Reply {
  const op = ASP[`${req.method} ${path.replace(/\/+$/, '').toLowerCase()}`];
  if (!op) return notFound();
  if (h(req, 'X-Cleartax-Auth-Token') !== PUBLISHED['cleartax-asp'].clientSecret) return jsonReply(401, { error_code: 'UNAUTHORIZED', error_message: 'Invalid auth token' });
  const gstin = h(req, 'gstin');
  const f = fault(ctx);
  if (f === 'rate-limit' || f === 'quota') return jsonReply(429, { error_code: 'TOO_MANY_REQUESTS', error_message: 'Rate limit exceeded' });
  if (f === 'subscription') return jsonReply(403, { error_code: 'FORBIDDEN', error_message: 'Subscription inactive' });
  if (f === 'down') return jsonReply(200, [own('302', 'NIC servers are not responding. We are working with NIC to resolve this at the earliest. Please try again after sometime.')]);
  // ClearTax holds the GSTIN's API user: the one made for it on the portal
  const account = PRACTICE_ACCOUNTS.find((a) => a.gstin === gstin);
  if (!gstin || !account) return jsonReply(200, [own('201', 'NIC Credentials are not Present In Database')]);
  const user = gspUserName(GSP_CODES['cleartax-asp'], account.userName);
  const nic = bridgeFor(ctx, GSP_CODES['cleartax-asp']);
  const call = (o: NicOp, params: Record<string, string>, b?: unknown) => nic.call(user, account.password, gstin, o, params, b);
  if (op === 'getByIrn') return jsonReply(200, [govt(ctx, call(op, { irn: q(req, 'irn') ?? '' }))]);
  const items = body(req);
  if (!Array.isArray(items) || items.length === 0) return jsonReply(400, { error_code: 'BAD_REQUEST', error_message: 'The body must be a non-empty array' });
  let committed = false;
  const docs = items.map((item: Doc) => {
    const out = op === 'generate' ? call(op, {}, item.transaction)
      : op === 'cancel' ? call(op, {}, { Irn: item.irn, CnlRsn: item.CnlRsn, CnlRem: item.CnlRem })
        : call(op, {}, item);
    committed ||= out.committed;
    return govt(ctx, out);
  });
  return { ...jsonReply(200, docs), committed };
}
