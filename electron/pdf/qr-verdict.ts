/**
 * What a checked QR amounts to, in one rule for `einvoice verify-qr` and the invoice detail:
 *
 *   real         the signature holds with a production NIC signer, or one the user vouched for
 *                (--cert, a GSP profile's certificate): a real e-invoice as far as we can tell
 *   sandbox      the signature holds with NIC's sandbox: a test document, never a real e-invoice
 *                (anyone with free sandbox credentials gets such a QR for a made-up invoice)
 *   practice     the signature holds with this app's practice IRP: a practice document
 *   invalid      the signer its kid names does not verify it: changed or forged
 *   not-irp      no e-invoice QR, and no valid signature either
 *   not-checked  nobody here can check the signature
 *
 * Only "real" is ever shown as a pass (green, exit 0); the CLI lets integrators accept sandbox QRs
 * with --allow-sandbox and practice QRs by asking for the practice key (--practice).
 */
import type { QrCheck } from './qr-verify';

export type Standing = 'real' | 'sandbox' | 'practice' | 'invalid' | 'not-irp' | 'not-checked';

export interface Judgement {
  standing: Standing;
  /** One line, upper-case lead word first ("VALID: ...", "SANDBOX: ..."). */
  text: string;
}

function shapeNote(check: QrCheck): string {
  if (check.shape !== 'older') return '';
  const lacks = check.missing.length ? `lacks ${check.missing.join(', ')}` : '';
  return ` (an older e-invoice QR, as the IRP signed them in 2020-2021: ${[lacks, ...check.olderForms].filter(Boolean).join('; ')})`;
}

/** "; the token is not an e-invoice QR's data: ..." when a signed token carries something else (a SignedInvoice). */
const dataNote = (check: QrCheck) => (check.problems.length > 0 ? `; the token is not an e-invoice QR's data: ${check.problems.join('; ')}` : '');

/** Validity unknown is said plainly: a bare public key carries no dates. */
const validityNote = (check: QrCheck) => (check.verifiedBy && check.verifiedBy.validity === null ? ' [a bare public key, validity period unknown]' : '');

export function judge(check: QrCheck): Judgement {
  if (check.signature === 'invalid') return { standing: 'invalid', text: `INVALID: ${check.signatureNote}` };
  if (check.signature === 'valid') {
    const by = check.verifiedBy?.label ?? 'a trusted certificate';
    switch (check.verifiedBy?.environment) {
      case 'sandbox':
        return { standing: 'sandbox', text: `SANDBOX: signed by NIC's sandbox (test system): not a real e-invoice; the signature holds with ${by}${validityNote(check)}, but anyone with free sandbox credentials can get such a QR for a made-up invoice${shapeNote(check)}${dataNote(check)}` };
      case 'practice':
        return { standing: 'practice', text: `PRACTICE: signed by ${by} (a simulator on this computer): not a real e-invoice; the signature holds${shapeNote(check)}${dataNote(check)}` };
      default:
        if (check.problems.length > 0) return { standing: 'real', text: `VALID SIGNATURE by ${by}${validityNote(check)}, but not an e-invoice QR's data: ${check.problems.join('; ')}` };
        return { standing: 'real', text: `VALID: an e-invoice QR signed by ${by}${validityNote(check)}${shapeNote(check)}` };
    }
  }
  if (check.problems.length > 0) return { standing: 'not-irp', text: `NOT AN IRP e-INVOICE QR: ${check.problems.join('; ')}` };
  return { standing: 'not-checked', text: `DECODED, SIGNATURE NOT CHECKED: ${check.signatureNote}${shapeNote(check)}` };
}
