/**
 * The INV-01 payload of a ledger invoice, checked the way the registration engine checks it
 * before sending: shared/einvoice/check.ts with the facts of seller-setup.ts (rule profile from
 * the business's endpoint profile, today in IST, HSN master, the seller's AATO and start date).
 * The portal validates with NIC's production rules, so a business without an endpoint profile (a
 * portal-only business) is checked as production; a practice or NIC-sandbox profile as sandbox.
 */
import { checkInvoice } from '../../../shared/einvoice/check';
import type { Invoice as Inv01 } from '../../../shared/einvoice/schema';
import type { Violation } from '../../../shared/einvoice/violations';
import type { HsnMaster } from '../../../shared/gst/hsn';
import type { Invoice, Ledger, Profile } from '../../ledger';
import type { RegistrationEngine } from '../engine/registration-engine';
import { checkSetupFor } from '../seller-setup';

/** The seller's endpoint profile as the engine picks it; none for a portal-only business. */
export function sellerProfile(engine: Pick<RegistrationEngine, 'profileFor'>, sellerGstin: string): Profile | undefined {
  try {
    return engine.profileFor(sellerGstin);
  } catch {
    return undefined;
  }
}

export type CheckedPayload = { ok: true; payload: Inv01; payloadJson: string } | { ok: false; errors: Violation[] };

export function checkPayload(ledger: Ledger, hsn: HsnMaster, now: Date, profile: Profile | undefined, invoice: Invoice): CheckedPayload {
  if (!invoice.payloadJson) {
    return { ok: false, errors: [{ code: 'NO_PAYLOAD', path: '', message: 'The invoice has no INV-01 payload yet: open it in the editor and save it.' }] };
  }
  const payload = JSON.parse(invoice.payloadJson) as Inv01;
  const business = ledger.businesses.getByGstin(invoice.sellerGstin);
  // no profile: a portal-only business, checked with the portal's (production) rules
  const report = checkInvoice(payload, checkSetupFor(ledger, business, now, profile?.kind ?? 'portal'), hsn);
  return report.errors.length > 0 ? { ok: false, errors: report.errors } : { ok: true, payload, payloadJson: invoice.payloadJson };
}
