/**
 * E-way bills by IRN (irp-protocol.md §4.7-§4.9, §9): POST /eiewb/v1.03/ewaybill,
 * GET /eiewb/v1.03/ewaybill/irn/{irn}, and the sandbox-only cancel
 * POST /ewaybillapi/v1.03/ewayapi {"action":"CANEWB"} with the EWB-system envelope.
 */
import { formatIstDateTime } from '../../../shared/dates';
import { isIrn } from '../../../shared/einvoice/irn';
import type { Invoice } from '../../../shared/einvoice/schema';
import { aesDecrypt, fromBase64 } from '../crypto';
import type { IrpContext, IrpRequest, Reply } from '../context';
import { err, ewbFailure, ewbSuccess, irpFailure, irpSuccess, type InfoDetail } from '../envelope';
import { planEwayBill, type EwbRequest } from '../ewb-rules';
import { CANONICAL_NAMES } from '../fields';
import { memberCi, parseLexical, toPlain, type JNode } from '../lexjson';
import { decryptBody, gate, header } from './gate';
import { handleVehicleUpdate } from './ewb-partb';
import { mayAccess } from './fetch';

export const EWB_CANCEL_WINDOW_MS = 24 * 3_600_000;

export function handleGenerateEwb(req: IrpRequest, ctx: IrpContext): Reply {
  const g = gate(req, ctx);
  if (!g.ok) return irpFailure(g.errors);
  const body = decryptBody(req, g.session);
  if (!body.ok) return irpFailure(body.errors);
  const p = (toPlain(body.node) ?? {}) as EwbRequest & { Irn?: unknown };
  if (typeof p.Irn !== 'string' || p.Irn.trim() === '') return irpFailure([err('4006', 'Requesting parameter cannot be empty (Irn)')]);
  const reg = isIrn(p.Irn) ? ctx.store.registration(p.Irn) : undefined;
  if (!reg) return irpFailure([err('4003', 'Requested IRN data is not available')]);
  if (!mayAccess(reg, g.session, header(req, 'sup_gstin'))) return irpFailure([err('4037', 'You are not authorised to get data')]);
  if (reg.status !== 'ACT') return irpFailure([err('4000', 'Status of the IRN is not active')]);
  if (ctx.store.ewayBillOfIrn(reg.irn)?.status === 'ACT') return irpFailure([err('4002', 'EwayBill is already generated for this IRN')]);
  const now = ctx.clock.now();
  const inv = JSON.parse(reg.invoiceJson) as Invoice;
  const outcome = planEwayBill(inv, p, now, (x) => ctx.taxpayer(x));
  if (!outcome.ok) return irpFailure(outcome.errors);
  const ewbDt = formatIstDateTime(now);
  const ewbNo = ctx.nextEwbNo();
  ctx.store.insertEwayBill({
    ewbNo, irn: reg.irn, gstin: reg.gstin, ewbDt, ewbAt: now.toISOString(), validTill: outcome.plan.validTill,
    status: 'ACT', distance: outcome.plan.distance, cancelDt: null,
  });
  ctx.log(`e-way bill ${ewbNo} for ${reg.irn} (${outcome.plan.distance} km)`);
  const ppd = outcome.plan.computed ? `Pin-Pin calc distance: ${outcome.plan.distance}KM` : null;
  const info: InfoDetail[] | null = ppd ? [{ InfCd: 'EWBPPD', Desc: ppd }] : null;
  return { ...irpSuccess(g.session.token.sek, { EwbNo: ewbNo, EwbDt: ewbDt, EwbValidTill: outcome.plan.validTill, Remarks: ppd }, info), committed: true };
}

export function handleGetEwb(req: IrpRequest, ctx: IrpContext, irn: string): Reply {
  const g = gate(req, ctx);
  if (!g.ok) return irpFailure(g.errors);
  const reg = isIrn(irn) ? ctx.store.registration(irn) : undefined;
  if (reg && !mayAccess(reg, g.session, header(req, 'sup_gstin'))) return irpFailure([err('4037', 'You are not authorised to get data')]);
  const ewb = reg ? ctx.store.ewayBillOfIrn(irn) : undefined;
  if (!ewb) return irpFailure([err('4005', 'Eway Bill details are not found')]);
  return irpSuccess(g.session.token.sek, { EwbNo: ewb.ewbNo, Status: ewb.status, GenGstin: ewb.gstin, EwbDt: ewb.ewbDt, EwbValidTill: ewb.validTill });
}

/** The EWB system's "dd/MM/yyyy hh:mm:ss AM" in IST. */
export function ewbSystemDateTime(instant: Date): string {
  const [date = '', time = ''] = formatIstDateTime(instant).split(' ');
  const [y, m, d] = date.split('-');
  const [hh = '0', mm, ss] = time.split(':');
  const h = Number(hh);
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${d}/${m}/${y} ${String(h12).padStart(2, '0')}:${mm}:${ss} ${h < 12 ? 'AM' : 'PM'}`;
}

/** The EWB system's plaintext is sometimes Base64 of the JSON: accept both (§2.5). */
function readCancelPayload(sek: Buffer, data: string): JNode | undefined {
  try {
    const text = aesDecrypt(sek, fromBase64(data)).toString('utf8').trim();
    const json = text.startsWith('{') ? text : fromBase64(text).toString('utf8');
    return parseLexical(json, CANONICAL_NAMES);
  } catch {
    return undefined;
  }
}

export function handleCancelEwb(req: IrpRequest, ctx: IrpContext): Reply {
  const g = gate(req, ctx);
  if (!g.ok) return ewbFailure(g.errors.map((e) => e.code));
  let wrapper: JNode;
  try {
    wrapper = parseLexical(req.body);
  } catch {
    return ewbFailure(['240']);
  }
  const action = memberCi(wrapper, 'action');
  const data = memberCi(wrapper, 'data');
  const actionText = action?.t === 'str' ? action.v : req.query.get('action');
  const isVehicleUpdate = actionText?.toUpperCase() === 'VEHEWB';
  if ((actionText?.toUpperCase() !== 'CANEWB' && !isVehicleUpdate) || data?.t !== 'str') return ewbFailure(['240']);
  const node = readCancelPayload(g.session.token.sek, data.v);
  if (isVehicleUpdate) {
    const plain = node ? toPlain(node) : undefined;
    if (!plain || typeof plain !== 'object') return ewbFailure(['240']);
    return handleVehicleUpdate(plain as Record<string, unknown>, g.session, ctx, ewbSystemDateTime(ctx.clock.now()));
  }
  const p = (node ? toPlain(node) : undefined) as { ewbNo?: unknown; cancelRsnCode?: unknown; cancelRmrk?: unknown } | undefined;
  if (!p) return ewbFailure(['240']);
  const ewbNo = Number(p.ewbNo);
  const rsn = Number(p.cancelRsnCode);
  if (!Number.isInteger(ewbNo) || String(ewbNo).length !== 12) return ewbFailure(['4008']);
  if (![1, 2, 3, 4].includes(rsn) || (p.cancelRmrk !== undefined && (typeof p.cancelRmrk !== 'string' || p.cancelRmrk.length > 50))) {
    return ewbFailure(['240']);
  }
  const ewb = ctx.store.ewayBill(ewbNo);
  if (!ewb || ewb.gstin !== g.session.gstin || ewb.status !== 'ACT') return ewbFailure(['312']);
  const now = ctx.clock.now();
  if (now.getTime() - Date.parse(ewb.ewbAt) > EWB_CANCEL_WINDOW_MS) return ewbFailure(['315']);
  ctx.store.cancelEwayBill(ewbNo, formatIstDateTime(now));
  ctx.log(`e-way bill ${ewbNo} cancelled`);
  return { ...ewbSuccess(g.session.token.sek, { ewayBillNo: String(ewbNo), cancelDate: ewbSystemDateTime(now) }), committed: true };
}
