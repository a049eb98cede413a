/**
 * The facts a business's invoices are checked with (shared/einvoice/check.ts): the IRP its profile
 * points at, today in IST, its turnover and e-invoicing start. One function for the editor (through
 * `editor:setup`), `invoices:save` and the registration engine, so all three check alike.
 */
import { istDateOf } from '../../shared/dates';
import { profileOfKind, type CheckSetup, type ProfileKind } from '../../shared/einvoice/check';
import type { Business, Ledger } from '../ledger';

/** `kind` overrides the business's profile (the engine checks against the profile it sends to). */
export function checkSetupFor(ledger: Ledger, business: Business | undefined, now: Date, kind?: ProfileKind): CheckSetup {
  const profile = kind ?? (business?.profileName ? ledger.profiles.get(business.profileName)?.kind : undefined);
  return {
    profile: profileOfKind(profile),
    today: istDateOf(now),
    ...(business?.aatoCrore !== undefined ? { aatoCrore: business.aatoCrore } : {}),
    ...(business?.einvoiceStartDate ? { einvoiceStartDate: business.einvoiceStartDate } : {}),
  };
}
