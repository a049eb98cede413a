/**
 * GET /eicore/v1.03/Invoice/irn/{irn}, …/irnbydocdetails and …/rejectedirns (irp-protocol.md
 * §4.2, §4.3, §4.6): owner only (or the e-commerce operator with sup_gstin), within the retrieval
 * window (2283), unknown → 2148 by IRN / 2154 by document.
 */
import { parseDocDate } from '../../../shared/dates';
import { computeIrn, isIrn } from '../../../shared/einvoice/irn';
import type { IrpContext, IrpRequest, Reply } from '../context';
import { err, irpFailure, irpSuccess } from '../envelope';
import type { EwayBill, Registration } from '../store';
import { gate, header, type Session } from './gate';

/** The Data of generate / get: NIC's key order (§4.1). */
export function registrationData(reg: Registration, ewb: EwayBill | undefined): Record<string, unknown> {
  const active = ewb?.status === 'ACT' ? ewb : undefined;
  return {
    AckNo: reg.ackNo,
    AckDt: reg.ackDt,
    Irn: reg.irn,
    SignedInvoice: reg.signedInvoice,
    SignedQRCode: reg.signedQrCode,
    Status: reg.status,
    EwbNo: active?.ewbNo ?? null,
    EwbDt: active?.ewbDt ?? null,
    EwbValidTill: active?.validTill ?? null,
    Remarks: null,
  };
}

/** The caller may read a registration it made, or one made for it through an e-commerce operator. */
export function mayAccess(reg: Registration, session: Session, supGstin: string | undefined): boolean {
  if (reg.gstin === session.gstin) return true;
  return supGstin === reg.gstin && reg.ecmGstin === session.gstin;
}

function windowError(reg: Registration, ctx: IrpContext) {
  const ageMs = ctx.clock.now().getTime() - Date.parse(reg.ackAt);
  if (ageMs <= ctx.retrievalWindowDays * 86_400_000) return undefined;
  return err('2283', `IRN details cannot be provided as it is generated more than ${ctx.retrievalWindowDays} days prior`);
}

function reply(reg: Registration, ctx: IrpContext, session: Session): Reply {
  const w = windowError(reg, ctx);
  if (w) return irpFailure([w]);
  return irpSuccess(session.token.sek, registrationData(reg, ctx.store.ewayBillOfIrn(reg.irn)));
}

export function handleGetByIrn(req: IrpRequest, ctx: IrpContext, irn: string): Reply {
  const g = gate(req, ctx);
  if (!g.ok) return irpFailure(g.errors);
  const reg = isIrn(irn) ? ctx.store.registration(irn) : undefined;
  if (!reg) return irpFailure([err('2148', 'Requested IRN data is not available')]);
  if (!mayAccess(reg, g.session, header(req, 'sup_gstin'))) {
    return irpFailure([err('2143', 'Invoice does not belongs to the user GSTIN')]);
  }
  return reply(reg, ctx, g.session);
}

/** Parameters from the query, or (as MasterGST forwards them) from headers. */
function param(req: IrpRequest, name: string): string | undefined {
  for (const [k, v] of req.query) if (k.toLowerCase() === name && v.trim() !== '') return v.trim();
  return header(req, name);
}

export function handleGetByDoc(req: IrpRequest, ctx: IrpContext): Reply {
  const g = gate(req, ctx);
  if (!g.ok) return irpFailure(g.errors);
  const docType = param(req, 'doctype')?.toUpperCase();
  const docNo = param(req, 'docnum');
  const docDate = param(req, 'docdate');
  if (!docType || !docNo || !docDate) return irpFailure([err('2142', 'Incomplete request parameters: doctype, docnum and docdate are required')]);
  if (!['INV', 'CRN', 'DBN'].includes(docType)) return irpFailure([err('2161', 'Invalid Document Type')]);
  if (!parseDocDate(docDate)) return irpFailure([err('2144', 'Document date should be in the format (dd/MM/yyyy)')]);
  const seller = header(req, 'sup_gstin') ?? g.session.gstin;
  // Registrations made before 1-Jun-2025 hashed the number as sent; later ones upper-cased it.
  const candidates = [computeIrn({ sellerGstin: seller, docDate, docType, docNo }), computeIrn({ sellerGstin: seller, docDate, docType, docNo }, { preserveCase: true })];
  const reg = candidates.map((irn) => (irn ? ctx.store.registration(irn) : undefined)).find((r) => r !== undefined);
  if (!reg || !mayAccess(reg, g.session, header(req, 'sup_gstin'))) return irpFailure([err('2154', 'IRN details are not found')]);
  return reply(reg, ctx, g.session);
}

export function handleRejected(req: IrpRequest, ctx: IrpContext): Reply {
  const g = gate(req, ctx);
  if (!g.ok) return irpFailure(g.errors);
  const date = param(req, 'date');
  const iso = date ? parseDocDate(date) : undefined;
  if (!iso) return irpFailure([err('2144', 'Document date should be in the format (dd/MM/yyyy): give ?date=dd/mm/yyyy')]);
  return irpSuccess(g.session.token.sek, ctx.store.rejectedOn(g.session.gstin, iso));
}
