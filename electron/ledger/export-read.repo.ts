/**
 * Reads documents for the exports (issue 14), a page of 1,000 at a time, oldest first (document
 * date, then id). Filters by business, status and dates are one keyset query joining the payload
 * and what the IRP returned; a search or buyer filter goes through the invoice list's own query
 * (its FTS logic), so "export the current filters" means exactly what the list shows. Pages are
 * separate statements, never an iterator held open across the caller's awaits: the app's other
 * writers share this connection. Takes only a connection, so a worker thread can run it on its
 * own read-only connection to the ledger file.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { ExportDoc } from '../../shared/export/register-rows';
import type { Invoice as Inv01 } from '../../shared/einvoice/schema';
import { InvoiceListRepo, type InvoiceListQuery } from './invoice-list.repo';

interface Row {
  id: number;
  doc_type: ExportDoc['docType'];
  doc_no: string | null;
  doc_date: string;
  seller_gstin: string;
  buyer_gstin: string | null;
  buyer_name: string | null;
  status: string;
  total_paise: number;
  payload_json: string | null;
  irn: string | null;
  ack_no: string | null;
  ack_dt: string | null;
  irn_status: string | null;
  cancel_date: string | null;
  cancel_reason: string | null;
}

const PAGE = 1000;

const COLUMNS = `i.id, i.doc_type, i.doc_no, i.doc_date, i.seller_gstin, i.buyer_gstin, i.buyer_name, i.status, i.total_paise,
  b.payload_json, r.irn, r.ack_no, r.ack_dt, r.status AS irn_status, r.cancel_date, r.cancel_reason`;
const JOINS = 'LEFT JOIN invoice_bodies b ON b.invoice_id = i.id LEFT JOIN registrations r ON r.invoice_id = i.id';

export type ExportQuery = Omit<InvoiceListQuery, 'limit' | 'cursor' | 'offset' | 'sort' | 'direction'>;

/** Assigned field by field: spreads of conditional objects cost a 100,000-document export seconds of GC. */
function toDoc(r: Row): ExportDoc {
  const d: ExportDoc = { id: r.id, docType: r.doc_type, docDate: r.doc_date, sellerGstin: r.seller_gstin, status: r.status, totalPaise: r.total_paise };
  if (r.doc_no) d.docNo = r.doc_no;
  if (r.buyer_gstin) d.buyerGstin = r.buyer_gstin;
  if (r.buyer_name) d.buyerName = r.buyer_name;
  if (r.payload_json) d.payload = JSON.parse(r.payload_json) as Inv01;
  if (r.irn) d.irn = r.irn;
  if (r.ack_no) d.ackNo = r.ack_no;
  if (r.ack_dt) d.ackDt = r.ack_dt;
  if (r.irn_status) d.irnStatus = r.irn_status;
  if (r.cancel_date) d.cancelDate = r.cancel_date;
  if (r.cancel_reason) d.cancelReason = r.cancel_reason;
  return d;
}

export class ExportReader {
  private readonly list: InvoiceListRepo;
  private readonly byIds: Statement<{ ids: string }, Row>;
  private readonly keyset: Statement<Record<string, unknown>, Row>;

  constructor(db: Database) {
    this.list = new InvoiceListRepo(db);
    this.byIds = db.prepare(`SELECT ${COLUMNS} FROM json_each(:ids) j JOIN invoices i ON i.id = j.value ${JOINS} ORDER BY j.key`);
    this.keyset = db.prepare(
      `SELECT ${COLUMNS} FROM invoices i ${JOINS}
       WHERE i.doc_date >= :from AND i.doc_date <= :to AND (:businessId IS NULL OR i.business_id = :businessId)
         AND (:statuses IS NULL OR i.status IN (SELECT value FROM json_each(:statuses)))
         AND (i.doc_date > :afterDate OR (i.doc_date = :afterDate AND i.id > :afterId))
       ORDER BY i.doc_date, i.id LIMIT ${PAGE}`,
    );
  }

  count(query: ExportQuery): number {
    return this.list.totals(query).count;
  }

  /** The documents of the query, oldest first, page by page. */
  *documents(query: ExportQuery): Generator<ExportDoc[]> {
    if (query.search !== undefined || query.buyer !== undefined) {
      yield* this.listed(query);
      return;
    }
    const statuses = query.status === undefined ? null : JSON.stringify(typeof query.status === 'string' ? [query.status] : query.status);
    let after = { afterDate: '', afterId: 0 };
    for (;;) {
      const rows = this.keyset.all({ from: query.from ?? '0000-00-00', to: query.to ?? '9999-99-99', businessId: query.businessId ?? null, statuses, ...after });
      if (rows.length === 0) return;
      yield rows.map(toDoc);
      const last = rows[rows.length - 1] as Row;
      after = { afterDate: last.doc_date, afterId: last.id };
      if (rows.length < PAGE) return;
    }
  }

  /** Through the list's own query (search and buyer filters), then the bodies of each page. */
  private *listed(query: ExportQuery): Generator<ExportDoc[]> {
    let cursor: string | undefined;
    do {
      const page = this.list.page({ ...query, sort: 'date', direction: 'asc', limit: PAGE, ...(cursor ? { cursor } : {}) });
      cursor = page.nextCursor;
      yield this.byIds.all({ ids: JSON.stringify(page.rows.map((r) => r.id)) }).map(toDoc);
    } while (cursor);
  }
}
