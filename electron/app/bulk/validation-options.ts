/**
 * The validator's options for a business, as the editor's save (invoices.handlers.ts) and the
 * engine set them: sandbox rules for practice and NIC-sandbox profiles, production otherwise, the
 * HSN master, and the seller's AATO and e-invoicing start date.
 */
import type { IsoDate } from '../../../shared/dates';
import type { ValidationOptions } from '../../../shared/einvoice/validate';
import type { HsnMaster } from '../../../shared/gst/hsn';
import type { Business, Ledger } from '../../ledger';

export function validationOptionsFor(ledger: Ledger, hsn: HsnMaster, today: IsoDate, b: Business): ValidationOptions {
  const profile = b.profileName ? ledger.profiles.get(b.profileName) : undefined;
  return {
    profile: !profile || profile.kind === 'practice' || profile.kind === 'nic-sandbox' ? 'sandbox' : 'production',
    today,
    hsn,
    seller: {
      ...(b.aatoCrore !== undefined ? { aatoCrore: b.aatoCrore } : {}),
      ...(b.einvoiceStartDate ? { einvoiceStartDate: b.einvoiceStartDate } : {}),
    },
  };
}
