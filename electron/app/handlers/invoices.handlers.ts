/**
 * Invoices: the list, one document with everything the IRP returned, saving the editor's draft
 * (with its computed INV-01 payload, so the engine registers exactly what the user saw), register
 * and cancel. Every mutation emits `ledger:changed`.
 */
import { parseDocDate } from '../../../shared/dates';
import { buildPayload, type DraftInvoice } from '../../../shared/einvoice/compute';
import type { SellerDtls } from '../../../shared/einvoice/schema';
import { checkInvoice } from '../../../shared/einvoice/check';
import { sha256Hex, type Business, type InvoiceListQuery } from '../../ledger';
import { checkSetupFor } from '../seller-setup';
import { AppError, type HandlerContext, type HandlerTable } from './table';
import { registrationSigner } from '../signers';
import { cancelBy, ewayBillView, invoiceView, journalView, registrationView } from './views';

type InvoiceHandlers = Pick<HandlerTable, 'invoices:list' | 'invoices:get' | 'invoices:save' | 'invoices:register' | 'invoices:cancel' | 'invoices:ewb'>;

/** The seller block always comes from the business record, never from what the page sent. */
export function sellerOf(b: Business): SellerDtls {
  return {
    Gstin: b.gstin,
    LglNm: b.legalName,
    ...(b.tradeName ? { TrdNm: b.tradeName } : {}),
    Addr1: b.address1,
    ...(b.address2 ? { Addr2: b.address2 } : {}),
    Loc: b.location,
    Pin: b.pin,
    Stcd: b.stateCode,
    ...(b.phone ? { Ph: b.phone } : {}),
    ...(b.email ? { Em: b.email } : {}),
  };
}

function buyerParty(d: DraftInvoice) {
  const b = d.buyer;
  return {
    gstin: b.Gstin,
    legalName: b.LglNm ?? '',
    ...(b.TrdNm ? { tradeName: b.TrdNm } : {}),
    ...(b.Addr1 ? { address1: b.Addr1 } : {}),
    ...(b.Addr2 ? { address2: b.Addr2 } : {}),
    ...(b.Loc ? { location: b.Loc } : {}),
    ...(typeof b.Pin === 'number' ? { pin: b.Pin } : {}),
    ...(b.Stcd ? { stateCode: b.Stcd } : {}),
  };
}

function mustInvoice(ctx: HandlerContext, id: number) {
  const inv = ctx.core.ledger.invoices.get(id);
  if (!inv) throw new AppError('LEDGER_NOT_FOUND', `No invoice with id ${id}.`);
  return inv;
}

export const invoiceHandlers: InvoiceHandlers = {
  'invoices:list': (req, { core }) => {
    const { withTotals, status, ...rest } = req;
    // (cancelWindow and ewbValid pass straight through: the dashboard's links use them)
    const query: InvoiceListQuery = { ...rest, ...(status && status.length > 0 ? { status } : {}) };
    const page = core.ledger.invoiceList.page(query);
    return {
      rows: page.rows.map((r) => ({ ...r, ...(r.status === 'registered' && r.ackDt ? { cancelBy: cancelBy(r.ackDt) } : {}) })),
      nextCursor: page.nextCursor,
      ...(withTotals ? { totals: core.ledger.invoiceList.totals(query) } : {}),
    };
  },

  'invoices:get': async ({ id }, ctx) => {
    const { ledger } = ctx.core;
    const inv = mustInvoice(ctx, id);
    const reg = ledger.registrations.forInvoice(id);
    // who signed its QR, by verify-qr's rule: a sandbox or practice QR is never shown as verified
    const signer = reg ? await registrationSigner(ctx.core, reg) : undefined;
    return {
      invoice: invoiceView(inv),
      ...(reg ? { registration: { ...registrationView(reg), signer } } : {}),
      ewaybills: ledger.ewaybills.forInvoice(id).map((e) => ewayBillView(ledger, e)),
      journal: ledger.journal.forInvoice(id).map((j) => ({ ...journalView(j), document: { docType: inv.docType, ...(inv.docNo ? { docNo: inv.docNo } : {}) } })),
      ...(reg?.status === 'ACT' && inv.docType === 'INV' ? { ewbEstimate: ctx.core.ewb.estimate(id) } : {}),
    };
  },

  'invoices:save': ({ id, businessId, draft: sent, workingCopy }, ctx) => {
    const { ledger } = ctx.core;
    const business = ledger.businesses.get(businessId);
    if (!business) throw new AppError('LEDGER_NOT_FOUND', `No business with id ${businessId}.`, { path: 'businessId' });
    const draft: DraftInvoice = { ...sent, seller: sellerOf(business) };
    const docDate = parseDocDate(draft.docDate);
    if (!docDate) throw new AppError('2144', `Document date "${draft.docDate}" is not a date dd/mm/yyyy.`, { path: 'DocDtls.Dt' });
    const payload = buildPayload(draft);
    const payloadJson = JSON.stringify(payload);
    const report = checkInvoice(payload, checkSetupFor(ledger, business, ctx.core.now()), ctx.core.hsn);
    const saved = ledger.transaction(() => {
      const inv = ledger.invoices.saveDraft({
        ...(id !== undefined ? { id } : {}),
        businessId,
        docType: draft.docType,
        ...(draft.docNo.trim() ? { docNo: draft.docNo.trim() } : {}),
        docDate,
        ...(draft.buyer.Gstin ? { buyerGstin: draft.buyer.Gstin } : {}),
        ...(draft.buyer.LglNm ? { buyerName: draft.buyer.LglNm } : {}),
        totalPaise: Math.round(payload.ValDtls.TotInvVal * 100),
        draft,
      });
      ledger.invoices.setStatus(inv.id, 'draft', { payloadJson, payloadSha256: sha256Hex(payloadJson) });
      ledger.journal.append({ kind: 'invoice.saved', invoiceId: inv.id, outcome: 'info', details: { docNo: draft.docNo, errors: report.errors.map((e) => e.code) } });
      // the buyer joins the party master (a GST-master record is never overwritten by typing)
      if (draft.buyer.Gstin) ledger.parties.rememberBuyer(buyerParty(draft));
      // what was typed is now the saved draft: its working copy goes in the same commit
      if (workingCopy) ledger.workingCopies.discard(workingCopy);
      return mustInvoice(ctx, inv.id);
    });
    ctx.emit({ type: 'ledger:changed', invoiceId: saved.id });
    return { invoice: invoiceView(saved), errors: report.errors, warnings: report.warnings };
  },

  'invoices:register': async ({ ids }, ctx) => {
    for (const id of ids) mustInvoice(ctx, id);
    const outcomes = await ctx.core.engine.registerMany([...new Set(ids)]);
    ctx.emit({ type: 'ledger:changed' });
    return { outcomes };
  },

  'invoices:cancel': async ({ id, reason, remark }, ctx) => {
    mustInvoice(ctx, id);
    const reg = ctx.core.ledger.registrations.forInvoice(id);
    if (!reg) throw new AppError('NOT_REGISTERED', 'This invoice has no IRN to cancel.');
    try {
      return registrationView(await ctx.core.operations.cancel(reg.irn, reason, remark));
    } finally {
      ctx.emit({ type: 'ledger:changed', invoiceId: id });
    }
  },

  'invoices:ewb': async ({ id, distance, mode, vehicleNo, vehicleType, transporterId, transportDocNo, transportDocDate }, ctx) => {
    mustInvoice(ctx, id);
    const reg = ctx.core.ledger.registrations.forInvoice(id);
    if (!reg) throw new AppError('NOT_REGISTERED', 'Register the invoice first: an e-way bill is raised on its IRN.');
    try {
      const r = await ctx.core.operations.ewayBill(reg.irn, {
        Distance: distance,
        ...(mode ? { TransMode: mode } : {}),
        ...(vehicleNo ? { VehNo: vehicleNo, VehType: vehicleType ?? 'R' } : {}),
        ...(transporterId ? { TransId: transporterId } : {}),
        ...(transportDocNo ? { TransDocNo: transportDocNo } : {}),
        ...(transportDocDate ? { TransDocDt: transportDocDate } : {}),
      });
      return { ewbNo: String(r.ewbNo), ewbDt: r.ewbDt, ewbValidTill: r.ewbValidTill };
    } finally {
      ctx.emit({ type: 'ledger:changed', invoiceId: id });
    }
  },
};
