/**
 * The IRN: lowercase hex SHA-256 of seller GSTIN + financial year ("YYYY-YY" of the document
 * date) + document type + document number (irp-protocol.md §2.6, §6.4; verified against real NIC
 * sandbox IRNs). Since 1-Jun-2025 the IRP upper-cases the document number before hashing and
 * de-duplication (§6.3); earlier IRNs hashed the number as sent.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { financialYear, parseDocDate } from '../dates';

export const DOCNO_UPPERCASE_FROM = '2025-06-01';

export interface IrnParts {
  sellerGstin: string;
  /** dd/mm/yyyy */
  docDate: string;
  docType: string;
  docNo: string;
}

export interface IrnOptions {
  /** Hash the document number as sent (the rule before 1-Jun-2025). Default false. */
  preserveCase?: boolean;
}

/** The IRN of a document; undefined when the date is not a real dd/mm/yyyy date. */
export function computeIrn(parts: IrnParts, options: IrnOptions = {}): string | undefined {
  const iso = parseDocDate(parts.docDate);
  if (!iso) return undefined;
  const docNo = options.preserveCase ? parts.docNo : parts.docNo.toUpperCase();
  const text = `${parts.sellerGstin}${financialYear(iso)}${parts.docType.toUpperCase()}${docNo}`;
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** The IRN the IRP will assign to an INV-01 payload, with the case rule in force on `reportingDate`. */
export function irnOfInvoice(
  inv: { SellerDtls: { Gstin: string }; DocDtls: { Typ: string; No: string; Dt: string } },
  reportingDate: string,
): string | undefined {
  return computeIrn(
    { sellerGstin: inv.SellerDtls.Gstin, docDate: inv.DocDtls.Dt, docType: inv.DocDtls.Typ, docNo: inv.DocDtls.No },
    { preserveCase: reportingDate < DOCNO_UPPERCASE_FROM },
  );
}

export function isIrn(text: string): boolean {
  return /^[0-9a-f]{64}$/.test(text);
}
