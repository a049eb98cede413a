/**
 * Reads documents for the exports (issue 14), page by page: the invoice list's own query picks the
 * documents and their order (so "export the current filters" means exactly what the list shows),
 * then one query per page fetches the INV-01 payloads and what the IRP returned. Takes only a
 * connection, so a worker thread can run it on its own read-only connection to the ledger file.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { ExportDoc } from '../../shared/export/register-rows';
import type { Invoice as Inv01 } from '../../shared/einvoice/schema';
import { InvoiceListRepo, type InvoiceListQuery } from './invoice-list.repo';

interface BodyRow {
  id: number;
  payload_json: string | null;
  irn: string | null;
  ack_no: string | null;
  ack_dt: string | null;
  irn_status: string | null;
  cancel_date: string | null;
  cancel_reason: string | null;
}

const PAGE = 1000;

export type ExportQuery = Omit<InvoiceListQuery, 'limit' | 'cursor' | 'offset' | 'sort' | 'direction'>;

export class ExportReader {
  private readonly list: InvoiceListRepo;
  private readonly bodies: Statement<{ ids: string }, BodyRow>;

  constructor(db: Database) {
    this.list = new InvoiceListRepo(db);
    this.bodies = db.prepare(
      `SELECT i.id, b.payload_json, r.irn, r.ack_no, r.ack_dt, r.status AS irn_status, r.cancel_date, r.cancel_reason
       FROM json_each(:ids) j JOIN invoices i ON i.id = j.value
       LEFT JOIN invoice_bodies b ON b.invoice_id = i.id LEFT JOIN registrations r ON r.invoice_id = i.id`,
    );
  }

  count(query: ExportQuery): number {
    return this.list.totals(query).count;
  }

  /** The documents of the query, oldest first (document date, then number), page by page. */
  *documents(query: ExportQuery): Generator<ExportDoc[]> {
    let cursor: string | undefined;
    do {
      const page = this.list.page({ ...query, sort: 'date', direction: 'asc', limit: PAGE, ...(cursor ? { cursor } : {}) });
      cursor = page.nextCursor;
      const byId = new Map(this.bodies.all({ ids: JSON.stringify(page.rows.map((r) => r.id)) }).map((b) => [b.id, b]));
      yield page.rows.map((r) => {
        const b = byId.get(r.id);
        return {
          id: r.id, docType: r.docType, docDate: r.docDate, sellerGstin: r.sellerGstin, status: r.status, totalPaise: r.totalPaise,
          ...(r.docNo ? { docNo: r.docNo } : {}), ...(r.buyerGstin ? { buyerGstin: r.buyerGstin } : {}), ...(r.buyerName ? { buyerName: r.buyerName } : {}),
          ...(b?.payload_json ? { payload: JSON.parse(b.payload_json) as Inv01 } : {}),
          ...(b?.irn ? { irn: b.irn } : {}), ...(b?.ack_no ? { ackNo: b.ack_no } : {}), ...(b?.ack_dt ? { ackDt: b.ack_dt } : {}),
          ...(b?.irn_status ? { irnStatus: b.irn_status } : {}), ...(b?.cancel_date ? { cancelDate: b.cancel_date } : {}),
          ...(b?.cancel_reason ? { cancelReason: b.cancel_reason } : {}),
        };
      });
    } while (cursor);
  }
}
