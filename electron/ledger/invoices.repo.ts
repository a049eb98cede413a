/**
 * Invoices: one row per document, from draft to registered/cancelled/rejected. Drafts (and
 * rejected documents, which the user corrects) are editable; once queued, the row belongs to the
 * registration engine and changes only through the outbox repository.
 */
import type { Database, Statement } from 'better-sqlite3';
import { financialYear } from '../../shared/dates';
import { badInput, isUniqueViolation, LedgerError } from './errors';
import { maskSecrets } from './mask-secrets';
import { isoNow, json, opt, parseJson, type Clock } from './support';

export type DocType = 'INV' | 'CRN' | 'DBN';
export type InvoiceStatus = 'draft' | 'queued' | 'in_flight' | 'registered' | 'cancelled' | 'rejected';
export const INVOICE_STATUSES: readonly InvoiceStatus[] = ['draft', 'queued', 'in_flight', 'registered', 'cancelled', 'rejected'];

export interface InvoiceError {
  code: string;
  path?: string;
  message: string;
}

export interface DraftInput {
  /** Omit to create; give to update an existing draft or rejected document. */
  id?: number;
  businessId: number;
  docType: DocType;
  docNo?: string;
  /** ISO date YYYY-MM-DD. */
  docDate: string;
  buyerGstin?: string;
  buyerName?: string;
  totalPaise: number;
  /** The editor's model, stored as JSON. */
  draft: unknown;
}

export interface Invoice {
  id: number;
  businessId: number;
  sellerGstin: string;
  docType: DocType;
  docNo?: string;
  docDate: string;
  fy: string;
  buyerGstin?: string;
  buyerName?: string;
  totalPaise: number;
  status: InvoiceStatus;
  draft?: unknown;
  payloadJson?: string;
  payloadSha256?: string;
  lastErrors?: InvoiceError[];
  createdAt: string;
  updatedAt: string;
}

export interface InvoiceRow {
  id: number;
  business_id: number;
  seller_gstin: string;
  doc_type: DocType;
  doc_no: string | null;
  doc_date: string;
  fy: string;
  buyer_gstin: string | null;
  buyer_name: string | null;
  total_paise: number;
  status: InvoiceStatus;
  draft_json: string | null;
  payload_json: string | null;
  payload_sha256: string | null;
  last_error_json: string | null;
  created_at: string;
  updated_at: string;
}

const EDITABLE: readonly InvoiceStatus[] = ['draft', 'rejected'];

export class InvoicesRepo {
  private readonly insertStmt: Statement;
  private readonly updateStmt: Statement;
  private readonly draftBody: Statement<{ id: number; draft: string }>;
  private readonly payloadBody: Statement<{ id: number; payloadJson: string }>;
  private readonly byId: Statement<{ id: number }, InvoiceRow>;
  private readonly byIdentity: Statement<{ sellerGstin: string; fy: string; docType: string; docNo: string }, InvoiceRow>;
  private readonly statusStmt: Statement;
  private readonly deleteStmt: Statement<{ id: number }>;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    this.insertStmt = db.prepare(
      `INSERT INTO invoices (business_id, seller_gstin, doc_type, doc_no, doc_date, fy, buyer_gstin, buyer_name, total_paise, status, created_at, updated_at)
       VALUES (:businessId, (SELECT gstin FROM businesses WHERE id = :businessId), :docType, :docNo, :docDate, :fy, :buyerGstin, :buyerName, :totalPaise, 'draft', :now, :now)`,
    );
    this.draftBody = db.prepare(
      'INSERT INTO invoice_bodies (invoice_id, draft_json) VALUES (:id, :draft) ON CONFLICT (invoice_id) DO UPDATE SET draft_json = excluded.draft_json',
    );
    this.payloadBody = db.prepare(
      'INSERT INTO invoice_bodies (invoice_id, payload_json) VALUES (:id, :payloadJson) ON CONFLICT (invoice_id) DO UPDATE SET payload_json = excluded.payload_json',
    );
    this.updateStmt = db.prepare(
      `UPDATE invoices SET business_id = :businessId, seller_gstin = (SELECT gstin FROM businesses WHERE id = :businessId), doc_type = :docType,
         doc_no = :docNo, doc_date = :docDate, fy = :fy, buyer_gstin = :buyerGstin, buyer_name = :buyerName, total_paise = :totalPaise,
         status = 'draft', last_error_json = NULL, updated_at = :now
       WHERE id = :id AND status IN ('draft', 'rejected')`,
    );
    const select = 'SELECT i.*, b.draft_json, b.payload_json FROM invoices i LEFT JOIN invoice_bodies b ON b.invoice_id = i.id';
    this.byId = db.prepare(`${select} WHERE i.id = :id`);
    this.byIdentity = db.prepare(
      `${select} WHERE i.seller_gstin = :sellerGstin AND i.fy = :fy AND i.doc_type = :docType AND upper(i.doc_no) = upper(:docNo)`,
    );
    this.statusStmt = db.prepare(
      `UPDATE invoices SET status = :status, payload_sha256 = coalesce(:payloadSha256, payload_sha256),
         last_error_json = :lastError, updated_at = :now WHERE id = :id`,
    );
    this.deleteStmt = db.prepare("DELETE FROM invoices WHERE id = :id AND status = 'draft'");
  }

  /** Creates or updates a draft. Editing a rejected document turns it back into a draft. */
  saveDraft(input: DraftInput): Invoice {
    const p = draftParams(input, isoNow(this.clock));
    try {
      return this.db.transaction(() => {
        let id = input.id;
        if (id === undefined) id = Number(this.insertStmt.run(p).lastInsertRowid);
        else if (this.updateStmt.run({ ...p, id }).changes === 0) {
          const current = this.get(id);
          if (!current) throw new LedgerError('LEDGER_NOT_FOUND', `No invoice with id ${id}.`);
          throw new LedgerError('INVOICE_LOCKED', `Invoice ${current.docNo ?? id} is ${current.status}; only drafts and rejected invoices can be edited.`);
        }
        this.draftBody.run({ id, draft: p.draft as string });
        return this.get(id)!;
      })();
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw new LedgerError('LEDGER_DUPLICATE', `${input.docType} ${input.docNo ?? ''} of FY ${String(p.fy)} already exists for this seller; the IRP would refuse it as a duplicate.`, 'docNo');
      }
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_NOTNULL') throw new LedgerError('LEDGER_NOT_FOUND', `No business with id ${input.businessId}.`, 'businessId');
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new LedgerError('LEDGER_NOT_FOUND', `No business with id ${input.businessId}.`, 'businessId');
      throw e;
    }
  }

  get(id: number): Invoice | undefined {
    const row = this.byId.get({ id });
    return row && toInvoice(row);
  }

  /** The document with this IRN identity (seller, FY of the date, type, number in any case). */
  findByIdentity(sellerGstin: string, docType: DocType, docNo: string, docDate: string): Invoice | undefined {
    const row = this.byIdentity.get({ sellerGstin, fy: financialYear(docDate), docType, docNo });
    return row && toInvoice(row);
  }

  /** Only drafts can be deleted; anything sent to an IRP stays for the record. */
  deleteDraft(id: number): boolean {
    return this.deleteStmt.run({ id }).changes > 0;
  }

  /** For the outbox repository, inside its transaction: a status change with optional payload and errors. */
  setStatus(id: number, status: InvoiceStatus, extra: { payloadJson?: string; payloadSha256?: string; errors?: InvoiceError[] } = {}): void {
    if (extra.payloadJson !== undefined) this.payloadBody.run({ id, payloadJson: extra.payloadJson });
    const changes = this.statusStmt.run({
      id,
      status,
      payloadSha256: opt(extra.payloadSha256),
      lastError: json(extra.errors === undefined ? undefined : maskSecrets(extra.errors)),
      now: isoNow(this.clock),
    }).changes;
    if (changes === 0) throw new LedgerError('LEDGER_NOT_FOUND', `No invoice with id ${id}.`);
  }

  isEditable(invoice: Invoice): boolean {
    return EDITABLE.includes(invoice.status);
  }
}

function draftParams(d: DraftInput, now: string): Record<string, unknown> {
  if (!['INV', 'CRN', 'DBN'].includes(d.docType)) throw badInput('docType', 'must be INV, CRN or DBN');
  if (d.docNo !== undefined && !/^[a-zA-Z1-9][a-zA-Z0-9/-]{0,15}$/.test(d.docNo)) {
    throw badInput('docNo', 'must be 1-16 letters, digits, / or -, not starting with 0, / or -');
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d.docDate) || Number.isNaN(Date.parse(`${d.docDate}T00:00:00Z`))) throw badInput('docDate', 'must be a date YYYY-MM-DD');
  if (!Number.isSafeInteger(d.totalPaise)) throw badInput('totalPaise', 'must be a whole number of paise');
  return {
    businessId: d.businessId,
    docType: d.docType,
    docNo: opt(d.docNo),
    docDate: d.docDate,
    fy: financialYear(d.docDate),
    buyerGstin: opt(d.buyerGstin),
    buyerName: opt(d.buyerName),
    totalPaise: d.totalPaise,
    draft: JSON.stringify(d.draft ?? null),
    now,
  };
}

export function toInvoice(r: InvoiceRow): Invoice {
  return {
    id: r.id,
    businessId: r.business_id,
    sellerGstin: r.seller_gstin,
    docType: r.doc_type,
    docNo: r.doc_no ?? undefined,
    docDate: r.doc_date,
    fy: r.fy,
    buyerGstin: r.buyer_gstin ?? undefined,
    buyerName: r.buyer_name ?? undefined,
    totalPaise: r.total_paise,
    status: r.status,
    draft: parseJson(r.draft_json),
    payloadJson: r.payload_json ?? undefined,
    payloadSha256: r.payload_sha256 ?? undefined,
    lastErrors: parseJson<InvoiceError[]>(r.last_error_json),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
