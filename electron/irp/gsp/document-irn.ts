/**
 * A document's IRN is a hash of seller GSTIN, financial year, type and number (irp-protocol.md
 * §6.4), so the app can name it itself where a GSP does not: to look a document up by IRN when the
 * GSP has no "get by document details", and to fetch the duplicate behind a 2150 whose DUPIRN the
 * GSP's envelope dropped (MasterGST has no InfoDtls).
 */
import { istDateOf } from '../../../shared/dates';
import { computeIrn, irnOfInvoice } from '../../../shared/einvoice/irn';
import type { Invoice } from '../../../shared/einvoice/schema';
import { IrpError, isIrpError } from '../errors';
import type { DocDetailsQuery } from '../types';

/** The IRN under both NIC rules: the number upper-cased (from 1-Jun-2025) and as it was sent (before). */
export function irnCandidates(sellerGstin: string, q: DocDetailsQuery): string[] {
  const parts = { sellerGstin, docDate: q.docDate, docType: q.docType, docNo: q.docNo };
  return [...new Set([computeIrn(parts), computeIrn(parts, { preserveCase: true })].filter((x): x is string => Boolean(x)))];
}

/** `e` with the duplicate's IRN filled in when it is a 2150 that came without one. */
export function withDuplicate(e: unknown, invoice: unknown, now: Date): unknown {
  if (!isIrpError(e) || e.code !== '2150' || e.duplicate) return e;
  const irn = irnOfInvoice(invoice as Invoice, istDateOf(now));
  if (!irn) return e;
  return new IrpError({ kind: e.kind, code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}), ...(e.details ? { details: e.details } : {}), ...(e.path ? { path: e.path } : {}), duplicate: { irn, ackNo: 0, ackDt: '' } });
}
