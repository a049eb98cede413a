/** NIC's paths (irp-protocol.md §1.2) → handlers. Paths match case-insensitively, as on IIS. */
import { formatIstDateTime } from '../../shared/dates';
import type { IrpContext, IrpRequest, Reply } from './context';
import { NOT_FOUND_PAGE, textReply } from './envelope';
import { handleAuth } from './handlers/auth';
import { handleCancel } from './handlers/cancel';
import { handleCancelEwb, handleGenerateEwb, handleGetEwb } from './handlers/ewb';
import { handleGetByDoc, handleGetByIrn, handleRejected } from './handlers/fetch';
import { handleGenerate } from './handlers/generate';
import { handleGstin } from './handlers/gstin';

type Handler = (req: IrpRequest, ctx: IrpContext, param: string) => Reply;

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
  /** The operation's name in /sandbox/stats. */
  name: string;
}

const SEG = '([^/]+)';

function route(method: string, path: string, handler: Handler, name: string): Route {
  const source = path.replace('{}', SEG).replace(/\./g, '\\.');
  return { method, pattern: new RegExp(`^${source}/?$`, 'i'), handler, name };
}

function heartbeat(_req: IrpRequest, ctx: IrpContext): Reply {
  const [date = '', time = ''] = formatIstDateTime(ctx.clock.now()).split(' ');
  const [y, m, d] = date.split('-');
  return textReply(200, `e-Invoice Vital:-${d}-${m}-${y} ${time}`, 'text/plain; charset=utf-8');
}

export const ROUTES: readonly Route[] = [
  route('POST', '/eivital/v1.04/auth', (r, c) => handleAuth(r, c, '1.04'), 'auth'),
  route('POST', '/eivital/v1.03/auth', (r, c) => handleAuth(r, c, '1.03'), 'auth'),
  route('POST', '/eicore/v1.03/Invoice', handleGenerate, 'generate'),
  route('GET', '/eicore/v1.03/Invoice/irn/{}', (r, c, p) => handleGetByIrn(r, c, p), 'getByIrn'),
  route('GET', '/eicore/v1.03/Invoice/irnbydocdetails', handleGetByDoc, 'getByDocDetails'),
  route('POST', '/eicore/v1.03/Invoice/Cancel', handleCancel, 'cancel'),
  route('GET', '/eicore/v1.03/Invoice/rejectedirns', handleRejected, 'rejectedIrns'),
  route('GET', '/eivital/v1.04/Master/gstin/{}', (r, c, p) => handleGstin(r, c, p, false), 'gstin'),
  route('GET', '/eivital/v1.03/Master/gstin/{}', (r, c, p) => handleGstin(r, c, p, false), 'gstin'),
  route('GET', '/eivital/v1.03/Master/syncgstin/{}', (r, c, p) => handleGstin(r, c, p, true), 'syncGstin'),
  route('GET', '/eivital/v1.04/Master/syncgstin/{}', (r, c, p) => handleGstin(r, c, p, true), 'syncGstin'),
  route('POST', '/eiewb/v1.03/ewaybill', handleGenerateEwb, 'ewb'),
  route('GET', '/eiewb/v1.03/ewaybill/irn/{}', (r, c, p) => handleGetEwb(r, c, p), 'getEwb'),
  route('POST', '/ewaybillapi/v1.03/ewayapi', handleCancelEwb, 'cancelEwb'),
  route('GET', '/eivital/v1.04/heartbeat/ping', heartbeat, 'heartbeat'),
];

/** The operation a request is for ("generate", "getByDocDetails" ...), or "unknown". */
export function operationOf(req: Pick<IrpRequest, 'method' | 'path'>): string {
  return ROUTES.find((r) => r.method === req.method && r.pattern.test(req.path))?.name ?? 'unknown';
}

/** The IRP API reply for a request (admin paths are handled before this). */
export function dispatch(req: IrpRequest, ctx: IrpContext): Reply {
  for (const r of ROUTES) {
    const m = r.pattern.exec(req.path);
    if (!m) continue;
    if (r.method !== req.method) return textReply(405, '<h2>405 - HTTP verb used to access this page is not allowed.</h2>');
    let param: string;
    try {
      param = decodeURIComponent(m[1] ?? '');
    } catch {
      param = m[1] ?? '';
    }
    return r.handler(req, ctx, param);
  }
  return NOT_FOUND_PAGE;
}
