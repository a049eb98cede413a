/** The shapes an import passes through: file rows → documents (drafts + what the file said) → problems. */
import type { IsoDate } from '../dates';
import type { DraftInvoice } from '../einvoice/compute';
import type { SellerDtls } from '../einvoice/schema';
import type { Cell } from './cells';
import type { FieldId } from './fields';

/** One data row of a sheet or CSV, reduced to the mapped fields. `row` is the file's own row number. */
export interface SourceRow {
  row: number;
  values: Partial<Record<FieldId, Cell>>;
  /** Fields whose cell Excel formats as a percentage (0.18 shown as 18%). */
  percent?: readonly FieldId[];
}

export interface ImportProblem {
  /** The file's row (1-based, as the spreadsheet shows it); for JSON, the document's position. */
  row: number;
  /** The column's header (or the INV-01 path for JSON); '' when no column is at fault. */
  column: string;
  /** The IRP's error code where the IRP has one (the validator's), else FORMAT, DUPLICATE, ... */
  code: string;
  message: string;
  severity: 'error' | 'warning';
  docNo?: string;
}

/** Amounts as the file wrote them (paise), kept to check against the computation. */
export interface GivenLine {
  gross?: number;
  discount?: number;
  taxable?: number;
  igst?: number;
  cgst?: number;
  sgst?: number;
  cess?: number;
  stateCess?: number;
  other?: number;
  total?: number;
}

export interface GivenDoc {
  taxable?: number;
  igst?: number;
  cgst?: number;
  sgst?: number;
  roundOff?: number;
  total?: number;
}

/** A document found in the file, before duplicates are looked for in the ledger. */
export interface ImportDoc {
  /** Position among the file's documents (0-based). */
  index: number;
  businessId?: number;
  draft: DraftInvoice;
  /** The document date (ISO) when it parsed. */
  isoDate?: IsoDate;
  given: { lines: GivenLine[]; doc: GivenDoc };
  /** The file row of the document (its first row) and of each line. */
  firstRow: number;
  lineRows: number[];
  /** Problems found while reading the cells (formats, inconsistent repeats). */
  problems: ImportProblem[];
}

/** A seller this install invoices for, as the import needs it. */
export interface ImportBusiness {
  id: number;
  gstin: string;
  seller: SellerDtls;
}

/** What the parties master knows of a buyer, to fill what a register leaves out (address, PIN). */
export interface KnownParty {
  legalName: string;
  tradeName?: string;
  address1?: string;
  address2?: string;
  location?: string;
  pin?: number;
  stateCode?: string;
}

export interface BuildContext {
  mapping: { columns: Partial<Record<FieldId, string>>; defaults?: { docType?: DraftInvoice['docType']; supplyType?: DraftInvoice['supplyType'] } };
  businesses: readonly ImportBusiness[];
  /** The business chosen for files without a seller column (or to hold every row to). */
  business?: ImportBusiness;
  party?: (gstin: string) => KnownParty | undefined;
}
