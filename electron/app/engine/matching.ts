/**
 * Is the invoice the IRP holds the one we sent? Checked before adopting a duplicate (2150) or a
 * document found by irnbydocdetails after a timeout (architecture.md §3e-f): seller, buyer,
 * document type/number/date, total and item count.
 */
import type { Invoice } from '../../../shared/einvoice/schema';

interface Held {
  SellerDtls?: { Gstin?: unknown };
  BuyerDtls?: { Gstin?: unknown };
  DocDtls?: { Typ?: unknown; No?: unknown; Dt?: unknown };
  ValDtls?: { TotInvVal?: unknown };
  ItemList?: unknown[];
}

const upper = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '').toUpperCase();

/** The differences, in words; empty when the held document matches ours. */
export function payloadMismatches(ours: Invoice, signedInvoiceData: Record<string, unknown>): string[] {
  const held = signedInvoiceData as Held;
  const out: string[] = [];
  const check = (what: string, a: unknown, b: unknown) => {
    if (a !== b) out.push(`${what}: ours ${JSON.stringify(a)}, IRP ${JSON.stringify(b) ?? 'none'}`);
  };
  check('seller GSTIN', upper(ours.SellerDtls.Gstin), upper(held.SellerDtls?.Gstin));
  check('buyer GSTIN', upper(ours.BuyerDtls.Gstin), upper(held.BuyerDtls?.Gstin));
  check('document type', upper(ours.DocDtls.Typ), upper(held.DocDtls?.Typ));
  check('document number', upper(ours.DocDtls.No), upper(held.DocDtls?.No));
  check('document date', ours.DocDtls.Dt, held.DocDtls?.Dt);
  check('invoice total', Math.round(ours.ValDtls.TotInvVal * 100), Math.round(Number(held.ValDtls?.TotInvVal) * 100));
  check('item count', ours.ItemList.length, Array.isArray(held.ItemList) ? held.ItemList.length : undefined);
  return out;
}
