/**
 * POST /eicore/v1.03/Invoice/Cancel (irp-protocol.md §4.4, §13.7): owner only (2143), already
 * cancelled → 9999, more than 24 h after AckDt → 2270, an active e-way bill → 2230.
 */
import { formatIstDateTime } from '../../../shared/dates';
import { isIrn } from '../../../shared/einvoice/irn';
import type { IrpContext, IrpRequest, Reply } from '../context';
import { err, irpFailure, irpSuccess, type IrpError } from '../envelope';
import { toPlain } from '../lexjson';
import { decryptBody, gate, header } from './gate';
import { mayAccess } from './fetch';

export const CANCEL_WINDOW_MS = 24 * 3_600_000;

export function handleCancel(req: IrpRequest, ctx: IrpContext): Reply {
  const g = gate(req, ctx);
  if (!g.ok) return irpFailure(g.errors);
  const body = decryptBody(req, g.session);
  if (!body.ok) return irpFailure(body.errors);
  const p = (toPlain(body.node) ?? {}) as Record<string, unknown>;
  const errors: IrpError[] = [];
  const irn = typeof p.Irn === 'string' ? p.Irn.trim() : '';
  if (!isIrn(irn)) errors.push(err('2145', 'IRN is not valid'));
  const rsn = typeof p.CnlRsn === 'number' ? String(p.CnlRsn) : p.CnlRsn;
  if (typeof rsn !== 'string' || !['1', '2', '3', '4'].includes(rsn)) {
    errors.push(err('5002', 'The field CnlRsn must be 1 (duplicate), 2 (data entry mistake), 3 (order cancelled) or 4 (others)'));
  }
  if (p.CnlRem !== undefined && p.CnlRem !== null && (typeof p.CnlRem !== 'string' || p.CnlRem.length > 100)) {
    errors.push(err('5002', 'The field CnlRem must be a string with a maximum length of 100'));
  }
  if (errors.length > 0) return irpFailure(errors);
  const reg = ctx.store.registration(irn);
  if (!reg) return irpFailure([err('2148', 'Requested IRN data is not available')]);
  if (!mayAccess(reg, g.session, header(req, 'sup_gstin'))) return irpFailure([err('2143', 'Invoice does not belongs to the user GSTIN')]);
  if (reg.status !== 'ACT') return irpFailure([err('9999', 'Invoice is not active')]);
  const now = ctx.clock.now();
  if (now.getTime() - Date.parse(reg.ackAt) > CANCEL_WINDOW_MS) {
    return irpFailure([err('2270', 'The allowed cancellation time limit is crossed, you cannot cancel the IRN (more than 24 hrs after generation)')]);
  }
  if (ctx.store.ewayBillOfIrn(irn)?.status === 'ACT') {
    return irpFailure([err('2230', 'This IRN cannot be cancelled because e-way bill has been generated, you can cancel e-way bill and then try cancelling IRN')]);
  }
  const cancelDt = formatIstDateTime(now);
  ctx.store.setStatus(irn, 'CNL', { cancelDt });
  ctx.log(`cancelled ${irn}`);
  return { ...irpSuccess(g.session.token.sek, { Irn: irn, CancelDate: cancelDt }), committed: true };
}
