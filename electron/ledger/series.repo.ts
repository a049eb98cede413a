/**
 * Numbering series per business and document type (table number_series), and what the ledger
 * knows about numbers already taken: the numbers of a financial year, the latest one, and whether
 * one is used (by the IRN identity: seller GSTIN, FY, type, upper-cased number).
 */
import type { Database, Statement } from 'better-sqlite3';
import type { NumberSeries } from '../../shared/einvoice/numbering';
import { badInput } from './errors';
import { isoNow, type Clock } from './support';

export type SeriesDocType = 'INV' | 'CRN' | 'DBN';

export interface SeriesRow extends NumberSeries {
  businessId: number;
  docType: SeriesDocType;
  updatedAt: string;
}

interface Row {
  business_id: number;
  doc_type: SeriesDocType;
  prefix: string;
  digits: number;
  suffix: string;
  updated_at: string;
}

export class SeriesRepo {
  private readonly upsert: Statement;
  private readonly byBusiness: Statement<{ businessId: number }, Row>;
  private readonly remove: Statement<{ businessId: number; docType: string }>;
  private readonly numbersStmt: Statement<{ businessId: number; docType: string; fy: string }, { doc_no: string }>;
  private readonly latestStmt: Statement<{ businessId: number; docType: string; fy: string }, { doc_no: string }>;

  constructor(
    db: Database,
    private readonly clock: Clock,
  ) {
    this.upsert = db.prepare(
      `INSERT INTO number_series (business_id, doc_type, prefix, digits, suffix, created_at, updated_at)
       VALUES (:businessId, :docType, :prefix, :digits, :suffix, :now, :now)
       ON CONFLICT (business_id, doc_type) DO UPDATE SET prefix = excluded.prefix, digits = excluded.digits, suffix = excluded.suffix, updated_at = excluded.updated_at`,
    );
    this.byBusiness = db.prepare('SELECT * FROM number_series WHERE business_id = :businessId ORDER BY doc_type');
    this.remove = db.prepare('DELETE FROM number_series WHERE business_id = :businessId AND doc_type = :docType');
    // the IRN identity index (seller_gstin, fy, doc_type, upper(doc_no)) serves both
    const scope = `FROM invoices WHERE seller_gstin = (SELECT gstin FROM businesses WHERE id = :businessId)
      AND fy = :fy AND doc_type = :docType AND doc_no IS NOT NULL`;
    this.numbersStmt = db.prepare(`SELECT doc_no ${scope}`);
    this.latestStmt = db.prepare(`SELECT doc_no ${scope} ORDER BY created_at DESC, id DESC LIMIT 1`);
  }

  list(businessId: number): SeriesRow[] {
    return this.byBusiness.all({ businessId }).map(toSeries);
  }

  get(businessId: number, docType: SeriesDocType): SeriesRow | undefined {
    return this.list(businessId).find((s) => s.docType === docType);
  }

  save(businessId: number, docType: SeriesDocType, series: NumberSeries): SeriesRow {
    if (!Number.isInteger(series.digits) || series.digits < 1 || series.digits > 10) throw badInput('digits', 'must be 1 to 10');
    try {
      this.upsert.run({ businessId, docType, prefix: series.prefix, digits: series.digits, suffix: series.suffix, now: isoNow(this.clock) });
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw badInput('businessId', `no business with id ${businessId}`);
      throw e;
    }
    return this.get(businessId, docType)!;
  }

  delete(businessId: number, docType: SeriesDocType): boolean {
    return this.remove.run({ businessId, docType }).changes > 0;
  }

  /** Every number this business gave documents of this type in the FY ("2026-27"), drafts included. */
  numbersInFy(businessId: number, docType: SeriesDocType, fy: string): string[] {
    return this.numbersStmt.all({ businessId, docType, fy }).map((r) => r.doc_no);
  }

  /** The number of the document of this type created last in the FY, if any. */
  latestInFy(businessId: number, docType: SeriesDocType, fy: string): string | undefined {
    return this.latestStmt.get({ businessId, docType, fy })?.doc_no;
  }
}

function toSeries(r: Row): SeriesRow {
  return { businessId: r.business_id, docType: r.doc_type, prefix: r.prefix, digits: r.digits, suffix: r.suffix, updatedAt: r.updated_at };
}
