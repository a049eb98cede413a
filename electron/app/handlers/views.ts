/** Ledger rows as the contract shows them: no logo bytes, no signed invoice, no secrets. */
import { DraftInvoiceSchema, type BusinessView, type EwayBillView, type InvoiceView, type JournalEntryView, type RegistrationView } from '../../../shared/ipc/contract';
import { parseIstDateTime } from '../../../shared/dates';
import type { Business, EwayBill, Invoice, JournalEntry, Ledger, Registration } from '../../ledger';
import { EWB_CANCEL_WINDOW_MS } from '../engine/ewb-operations';
import { cancelDeadline } from '../engine/irn-operations';

export function businessView(b: Business): BusinessView {
  const { logoPng, ...rest } = b;
  return { ...rest, hasLogo: logoPng !== undefined };
}

export function invoiceView(inv: Invoice): InvoiceView {
  // Documents ingested as INV-01 payloads (CLI, ERP) have no editor draft.
  const draft = DraftInvoiceSchema.safeParse(inv.draft);
  return {
    id: inv.id,
    businessId: inv.businessId,
    sellerGstin: inv.sellerGstin,
    docType: inv.docType,
    docNo: inv.docNo,
    docDate: inv.docDate,
    fy: inv.fy,
    buyerGstin: inv.buyerGstin,
    buyerName: inv.buyerName,
    totalPaise: inv.totalPaise,
    status: inv.status,
    draft: draft.success ? draft.data : null,
    lastErrors: (inv.lastErrors ?? []).map((e) => ({ code: e.code, path: e.path ?? '', message: e.message })),
    createdAt: inv.createdAt,
    updatedAt: inv.updatedAt,
  };
}

/** The 24-hour window's end, or undefined when the stored AckDt cannot be read. */
export function cancelBy(ackDt: string): string | undefined {
  try {
    return cancelDeadline({ ackDt }).toISOString();
  } catch {
    return undefined;
  }
}

export function registrationView(r: Registration): RegistrationView {
  return {
    irn: r.irn,
    ackNo: r.ackNo,
    ackDt: r.ackDt,
    signedQrCode: r.signedQrCode,
    status: r.status,
    signatureVerified: r.signatureVerified,
    adopted: r.adopted,
    cancelDate: r.cancelDate,
    cancelReason: r.cancelReason,
    cancelRemark: r.cancelRemark,
    cancelBy: cancelBy(r.ackDt) ?? r.ackAt,
  };
}

export function journalView(e: JournalEntry): JournalEntryView {
  return { seq: e.seq, at: e.at, kind: e.kind, invoiceId: e.invoiceId, outcome: e.outcome, details: e.details };
}

/**
 * An e-way bill with its cancel details, Part-B history and how long it may be cancelled. Its
 * mode, vehicle and transport document are the current ones: the latest Part-B update's, else
 * what it was raised with (the history keeps every one).
 */
export function ewayBillView(ledger: Ledger, e: EwayBill): EwayBillView {
  const raised = parseIstDateTime(e.ewbDate);
  const { id: _id, invoiceId: _inv, createdAt: _c, updatedAt: _u, ...rest } = e;
  const partB = ledger.ewaybills.updates(e.ewbNo);
  const latest = partB[partB.length - 1];
  const current = latest
    ? { transMode: latest.transMode, vehicleNo: latest.vehicleNo, transDocNo: latest.transDocNo, transDocDt: latest.transDocDt }
    : { transMode: e.transMode, vehicleNo: e.vehicleNo, transDocNo: e.transDocNo, transDocDt: e.transDocDt };
  const { transMode: _m, vehicleNo: _v, transDocNo: _n, transDocDt: _d, ...fixed } = rest;
  return {
    ...fixed,
    ...Object.fromEntries(Object.entries(current).filter(([, v]) => v !== undefined)),
    ...(raised && e.status === 'ACT' ? { cancelBy: new Date(raised.getTime() + EWB_CANCEL_WINDOW_MS).toISOString() } : {}),
    partB,
  };
}
