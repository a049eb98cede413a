/**
 * The dashboard's figures (issue 17 item 11). Every query is an index range, never a scan of the
 * invoices: registered values and drafts walk invoices_status_date_value (covering: no table
 * lookups), open cancel windows walk registrations_status_ack (at most a day of IRNs), e-way
 * bills walk ewaybills_status_valid, and the queue is read from the running invoice_totals.
 */
import type { Database, Statement } from 'better-sqlite3';
import { netTotals, type InvoiceTotals } from './invoice-list.repo';
import type { DocType } from './invoices.repo';

export interface OverviewQuery {
  businessId?: number;
  /** Document-date ranges, YYYY-MM-DD inclusive (IST calendar days). */
  today: string;
  monthStart: string;
  /** Drafts dated on or before this day are near the 30-day limit; on or before `draftLimitDate`, past it. */
  draftWarnDate: string;
  draftLimitDate: string;
  /** ISO instants: IRNs acknowledged after `cancelOpenAfter` can still be cancelled; those acknowledged at or before `cancelClosingBy` close soon. */
  cancelOpenAfter: string;
  cancelClosingBy: string;
  /**
   * IST "yyyy-MM-dd HH:mm:ss": now, the end of the "expiring soon" horizon, and how far back an
   * expired bill still counts (a bill stays ACT after it expires, so older ones are history).
   */
  nowIst: string;
  ewbSoonIst: string;
  ewbExpiredSinceIst: string;
}

export interface Overview {
  today: InvoiceTotals;
  month: InvoiceTotals;
  /** nearLimit: dated between draftLimitDate (exclusive) and draftWarnDate; pastLimit: on or before draftLimitDate. */
  drafts: { count: number; oldestDate?: string; nearLimit: number; pastLimit: number };
  cancelWindow: { open: number; closingSoon: number; blockedByEwb: number; firstClosesAt?: string };
  queue: { waiting: number; failed: number };
  /** active: valid now; expiringSoon: validity ending between ewbExpiredSinceIst and ewbSoonIst (expired ones among them counted in `expired`). */
  ewaybills: { active: number; expiringSoon: number; expired: number; partAOnly: number };
}

const BIZ = (alias: string) => `(:businessId IS NULL OR ${alias}.business_id = :businessId)`;
const EWB_BIZ = '(:businessId IS NULL OR EXISTS (SELECT 1 FROM invoices i WHERE i.id = e.invoice_id AND i.business_id = :businessId))';

export class OverviewRepo {
  private readonly s: Record<'registered' | 'drafts' | 'cancel' | 'queue' | 'ewb', Statement>;

  constructor(db: Database) {
    this.s = {
      registered: db.prepare(
        `SELECT i.doc_type, 0 AS cancelled, count(*) AS count, coalesce(sum(i.total_paise), 0) AS total_paise
           FROM invoices i INDEXED BY invoices_status_date_value
          WHERE i.status = 'registered' AND i.doc_date BETWEEN :from AND :to AND ${BIZ('i')}
          GROUP BY i.doc_type`,
      ),
      drafts: db.prepare(
        `SELECT count(*) AS count, min(i.doc_date) AS oldest, coalesce(sum(i.doc_date <= :warn AND i.doc_date > :limit), 0) AS near, coalesce(sum(i.doc_date <= :limit), 0) AS past
           FROM invoices i INDEXED BY invoices_status_date_value
          WHERE i.status = 'draft' AND ${BIZ('i')}`,
      ),
      cancel: db.prepare(
        `SELECT coalesce(sum(NOT blocked), 0) AS open, coalesce(sum(NOT blocked AND ack_at <= :closingBy), 0) AS closing,
                coalesce(sum(blocked), 0) AS blocked, min(CASE WHEN NOT blocked THEN ack_at END) AS first_ack
           FROM (SELECT r.ack_at, EXISTS (SELECT 1 FROM ewaybills e WHERE e.invoice_id = r.invoice_id AND e.status = 'ACT') AS blocked
                   FROM registrations r INDEXED BY registrations_status_ack JOIN invoices i ON i.id = r.invoice_id
                  WHERE r.status = 'ACT' AND r.ack_at > :openAfter AND i.status = 'registered' AND ${BIZ('i')})`,
      ),
      queue: db.prepare(
        `SELECT coalesce(sum(CASE WHEN t.status IN ('queued','in_flight') THEN t.count END), 0) AS waiting,
                coalesce(sum(CASE WHEN t.status = 'rejected' THEN t.count END), 0) AS failed
           FROM invoice_totals t WHERE t.status IN ('queued','in_flight','rejected') AND ${BIZ('t')}`,
      ),
      // four index ranges; the business check runs per counted bill only when a business is chosen
      ewb: db.prepare(
        `SELECT (SELECT count(*) FROM ewaybills e INDEXED BY ewaybills_status_valid WHERE e.status = 'ACT' AND e.valid_till >= :now AND ${EWB_BIZ}) AS active,
                (SELECT count(*) FROM ewaybills e INDEXED BY ewaybills_status_valid WHERE e.status = 'ACT' AND e.valid_till >= :since AND e.valid_till <= :soon AND ${EWB_BIZ}) AS soon,
                (SELECT count(*) FROM ewaybills e INDEXED BY ewaybills_status_valid WHERE e.status = 'ACT' AND e.valid_till >= :since AND e.valid_till < :now AND ${EWB_BIZ}) AS expired,
                (SELECT count(*) FROM ewaybills e INDEXED BY ewaybills_status_valid WHERE e.status = 'ACT' AND e.valid_till IS NULL AND ${EWB_BIZ}) AS part_a`,
      ),
    };
  }

  summary(q: OverviewQuery): Overview {
    const businessId = q.businessId ?? null;
    const registered = (from: string, to: string) =>
      netTotals(this.s.registered.all({ from, to, businessId }) as { doc_type: DocType; cancelled: number; count: number; total_paise: number }[]);
    const d = this.s.drafts.get({ warn: q.draftWarnDate, limit: q.draftLimitDate, businessId }) as { count: number; oldest: string | null; near: number; past: number };
    const c = this.s.cancel.get({ openAfter: q.cancelOpenAfter, closingBy: q.cancelClosingBy, businessId }) as { open: number; closing: number; blocked: number; first_ack: string | null };
    const queue = this.s.queue.get({ businessId }) as { waiting: number; failed: number };
    const e = this.s.ewb.get({ soon: q.ewbSoonIst, now: q.nowIst, since: q.ewbExpiredSinceIst, businessId }) as { active: number; soon: number; expired: number; part_a: number };
    return {
      today: registered(q.today, q.today),
      month: registered(q.monthStart, q.today),
      drafts: { count: d.count, ...(d.oldest ? { oldestDate: d.oldest } : {}), nearLimit: d.near, pastLimit: d.past },
      cancelWindow: { open: c.open, closingSoon: c.closing, blockedByEwb: c.blocked, ...(c.first_ack ? { firstClosesAt: new Date(Date.parse(c.first_ack) + 86_400_000).toISOString() } : {}) },
      queue,
      ewaybills: { active: e.active, expiringSoon: e.soon, expired: e.expired, partAOnly: e.part_a },
    };
  }

  /** The query plans, so the benchmark and tests can show that no figure scans the invoices. */
  plans(): string[] {
    return Object.values(this.s).flatMap((st) => {
      const params = Object.fromEntries((st.source.match(/:[a-zA-Z]+/g) ?? []).map((p) => [p.slice(1), p === ':businessId' ? null : '2026-01-01']));
      // (a statement with :businessId bound to null still shows the plan of its business branch: EXISTS on the primary key)
      return (st.database.prepare(`EXPLAIN QUERY PLAN ${st.source}`).all(params) as { detail: string }[]).map((r) => r.detail);
    });
  }
}
