/**
 * The one entry to the validator for every caller (issue 17: "one validator everywhere"): the
 * editor (on every settled keystroke), the core on save and before sending, and `einvoice
 * validate`. Each caller only gathers the facts (profile, today, the seller's turnover and
 * e-invoicing start, the HSN master); what is checked, and with which codes, is decided here once.
 */
import type { IsoDate } from '../dates';
import type { HsnMaster } from '../gst/hsn';
import type { ValidationOptions, ValidationProfile } from './rules/context';
import { validateInvoice } from './validate';
import type { ValidationReport } from './violations';

export type ProfileKind = 'practice' | 'nic-sandbox' | 'nic-production' | 'gsp' | 'portal';

/** What a check depends on besides the invoice: all of it is data the caller looked up. */
export interface CheckSetup {
  profile: ValidationProfile;
  /** Today in IST. */
  today: IsoDate;
  /** The seller's aggregate annual turnover in crore; undefined when not stated. */
  aatoCrore?: number;
  einvoiceStartDate?: IsoDate;
}

/**
 * The rules of the IRP an endpoint profile stands for: the practice IRP and NIC's sandbox let
 * NIC's published test GSTINs through; production, GSPs (which front production) and the portal do not.
 * A business with no profile yet is checked as the practice IRP it would use.
 */
export function profileOfKind(kind: ProfileKind | undefined): ValidationProfile {
  return kind === undefined || kind === 'practice' || kind === 'nic-sandbox' ? 'sandbox' : 'production';
}

export function validationOptions(setup: CheckSetup, hsn: HsnMaster | undefined): ValidationOptions {
  const seller = {
    ...(setup.aatoCrore !== undefined ? { aatoCrore: setup.aatoCrore } : {}),
    ...(setup.einvoiceStartDate ? { einvoiceStartDate: setup.einvoiceStartDate } : {}),
  };
  return { profile: setup.profile, today: setup.today, seller, ...(hsn ? { hsn } : {}) };
}

/** Schema and business rules on an INV-01 payload, as the IRP would apply them. */
export function checkInvoice(payload: unknown, setup: CheckSetup, hsn: HsnMaster | undefined): ValidationReport {
  return validateInvoice(payload, validationOptions(setup, hsn));
}
