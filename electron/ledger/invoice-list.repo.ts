/**
 * The invoice list behind the UI and `einvoice ledger list`: filters, full-text search, four
 * sort orders, keyset paging (stable under inserts, cost independent of the page number) or
 * offset paging, and the totals of the filtered set. Every order has an index ending in id, so a
 * status-filtered page is an index range walk that stops after `limit` rows.
 */
import type { Database, Statement } from 'better-sqlite3';
import { badInput } from './errors';
import { INVOICE_STATUSES, type DocType, type InvoiceStatus } from './invoices.repo';
import { ID_MASK, searchKey } from './search-key';

export type InvoiceSort = 'date' | 'number' | 'total' | 'status';

export interface InvoiceListQuery {
  businessId?: number;
  status?: InvoiceStatus | readonly InvoiceStatus[];
  /** Document dates, inclusive, YYYY-MM-DD. */
  from?: string;
  to?: string;
  /** Text matched against the buyer's name and GSTIN (prefix per word). */
  buyer?: string;
  /** Text matched against document number, buyer name, buyer GSTIN and IRN (prefix per word). */
  search?: string;
  sort?: InvoiceSort;
  direction?: 'asc' | 'desc';
  /** Page size, 1-1000 (default 100). */
  limit?: number;
  /** The nextCursor of the previous page (keyset paging). */
  cursor?: string;
  /** Rows to skip (offset paging; ignored when a cursor is given). */
  offset?: number;
  /**
   * Only IRNs that can still be cancelled: active, acknowledged after `after` (an ISO instant, now
   * less 24 hours) and, when given, at or before `before`; none with an active e-way bill.
   */
  cancelWindow?: { after: string; before?: string };
  /** Only documents with an active e-way bill whose validity ends in this range (IST "yyyy-MM-dd HH:mm:ss", inclusive). */
  ewbValid?: { from: string; to: string };
}

export interface InvoiceListItem {
  id: number;
  businessId: number;
  docType: DocType;
  docNo?: string;
  docDate: string;
  sellerGstin: string;
  buyerGstin?: string;
  buyerName?: string;
  totalPaise: number;
  status: InvoiceStatus;
  irn?: string;
  ackNo?: string;
  ackDt?: string;
  /** An active e-way bill exists: the IRN cannot be cancelled until it is cancelled (IRP rule 2230). */
  ewbActive?: boolean;
  /** The active e-way bill's validity, IST "yyyy-MM-dd HH:mm:ss" (absent for Part-A only bills). */
  ewbValidTill?: string;
}

export interface InvoicePage {
  rows: InvoiceListItem[];
  /** Present when more rows may follow. */
  nextCursor?: string;
}

export interface TypeTotal {
  count: number;
  totalPaise: number;
}

/**
 * What a set of documents adds up to. `count` is every document in the set; `totalPaise` is the
 * net value: invoices and debit notes add, credit notes subtract, cancelled documents are left
 * out (they are counted apart in `cancelled`).
 */
export interface InvoiceTotals {
  count: number;
  totalPaise: number;
  byType: Record<DocType, TypeTotal>;
  cancelled: TypeTotal;
}

interface TotalsRow {
  doc_type: DocType;
  cancelled: number;
  count: number;
  total_paise: number;
}

/** Folds per-(type, cancelled) sums into InvoiceTotals. */
export function netTotals(rows: readonly TotalsRow[]): InvoiceTotals {
  const zero = (): TypeTotal => ({ count: 0, totalPaise: 0 });
  const t: InvoiceTotals = { count: 0, totalPaise: 0, byType: { INV: zero(), CRN: zero(), DBN: zero() }, cancelled: zero() };
  for (const r of rows) {
    t.count += r.count;
    const bucket = r.cancelled ? t.cancelled : t.byType[r.doc_type];
    bucket.count += r.count;
    bucket.totalPaise += r.total_paise;
    if (!r.cancelled) t.totalPaise += r.doc_type === 'CRN' ? -r.total_paise : r.total_paise;
  }
  return t;
}

interface Row {
  id: number;
  business_id: number;
  doc_type: DocType;
  doc_no: string | null;
  doc_date: string;
  seller_gstin: string;
  buyer_gstin: string | null;
  buyer_name: string | null;
  total_paise: number;
  status: InvoiceStatus;
  irn: string | null;
  ack_no: string | null;
  ack_dt: string | null;
  ewb_active: number | null;
  ewb_valid_till: string | null;
}

/** Per shown row only: whether an e-way bill is active (the IRN then cannot be cancelled), and until when. */
const EWB_COLUMNS = `EXISTS (SELECT 1 FROM ewaybills e WHERE e.invoice_id = p.id AND e.status = 'ACT') AS ewb_active,
        (SELECT max(e.valid_till) FROM ewaybills e WHERE e.invoice_id = p.id AND e.status = 'ACT') AS ewb_valid_till`;

/** From this many FTS matches on, a page walks the sort index instead of sorting the matches. */
const DENSE_MATCHES = 2000;
/**
 * A date-ordered search walks the index's postings newest first and checks the other filters on
 * each; worth it while those filters keep at least this share of all invoices (else the walk
 * could visit tens of thousands of postings to fill a page of a rare status).
 */
const WALK_MIN_SHARE = 0.1;

/** Sort keys in order (SQL on alias `t`); each list is followed by t.id as the tie-breaker. */
const SORT_KEYS: Record<InvoiceSort, { expr: (t: string) => string; field: (r: Row) => string | number }[]> = {
  date: [{ expr: (t) => `${t}.doc_date`, field: (r) => r.doc_date }],
  number: [{ expr: (t) => `coalesce(${t}.doc_no, '')`, field: (r) => r.doc_no ?? '' }],
  total: [{ expr: (t) => `${t}.total_paise`, field: (r) => r.total_paise }],
  status: [
    { expr: (t) => `${t}.status`, field: (r) => r.status },
    { expr: (t) => `${t}.doc_date`, field: (r) => r.doc_date },
  ],
};

/**
 * Turns what a person typed into an FTS5 query: each word a phrase of its letters/digits. Only
 * the last word is a prefix (the one still being typed): an FTS5 prefix term must merge the
 * whole doclist of every matching token before it can be intersected, which on a common name in
 * a million rows costs a hundred milliseconds, while exact tokens are intersected lazily.
 */
export function ftsQuery(text: string, everyWordPrefix = false): string | undefined {
  // (the masters, a few thousand rows, take every word as a prefix: "bas ric" finds Basmati rice)
  const phrases = text
    .split(/\s+/)
    .map((word) => word.match(/[\p{L}\p{N}]+/gu))
    .filter((tokens): tokens is RegExpMatchArray => tokens !== null)
    .map((tokens, i, all) => `"${tokens.join(' ')}"${everyWordPrefix || i === all.length - 1 ? '*' : ''}`);
  return phrases.length > 0 ? phrases.join(' ') : undefined;
}

export class InvoiceListRepo {
  private readonly cache = new Map<string, Statement>();

  constructor(
    private readonly db: Database,
    /** From this many FTS matches on, a page walks the sort index (tests lower it). */
    private readonly denseMatches = DENSE_MATCHES,
    /** The share of invoices the other filters must keep for a date-ordered search walk (above 1: never). */
    private readonly walkMinShare = WALK_MIN_SHARE,
  ) {}

  page(query: InvoiceListQuery = {}): InvoicePage {
    const { sql, params, keys, limit } = this.build(query);
    const rows = this.stmt(sql).all(params) as Row[];
    const more = rows.length > limit;
    const pageRows = more ? rows.slice(0, limit) : rows;
    const last = pageRows[pageRows.length - 1];
    return {
      rows: pageRows.map(toItem),
      nextCursor: more && last ? encodeCursor([...keys.map((k) => k.field(last)), last.id]) : undefined,
    };
  }

  /** Count and sum of the whole filtered set (not just the page). */
  totals(query: InvoiceListQuery = {}): InvoiceTotals {
    const onlyStatusAndBusiness = query.from === undefined && query.to === undefined && query.search === undefined && query.buyer === undefined
      && query.cancelWindow === undefined && query.ewbValid === undefined;
    const { where, params } = this.filters(query, true);
    const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
    // Status tabs (and the whole ledger) are answered by the running totals per status and type.
    const sql = onlyStatusAndBusiness
      ? `SELECT i.doc_type, i.status = 'cancelled' AS cancelled, sum(i.count) AS count, sum(i.total_paise) AS total_paise FROM invoice_totals i ${cond} GROUP BY 1, 2`
      : `SELECT i.doc_type, i.status = 'cancelled' AS cancelled, count(*) AS count, coalesce(sum(i.total_paise), 0) AS total_paise FROM invoices i ${cond} GROUP BY 1, 2`;
    return netTotals(this.stmt(sql).all(params) as TotalsRow[]);
  }

  /** The query plan of a page query, so tests and the benchmark can show which index it walks. */
  explain(query: InvoiceListQuery = {}): string[] {
    const { sql, params } = this.build(query);
    return (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
  }

  private build(query: InvoiceListQuery): { sql: string; params: Record<string, unknown>; keys: (typeof SORT_KEYS)[InvoiceSort]; limit: number } {
    const limit = query.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw badInput('limit', 'must be a whole number from 1 to 1000');
    const sort = query.sort ?? 'date';
    if (!Object.hasOwn(SORT_KEYS, sort)) throw badInput('sort', 'must be date, number, total or status');
    const dir = query.direction ?? 'desc';
    if (dir !== 'asc' && dir !== 'desc') throw badInput('direction', 'must be asc or desc');
    const keys = SORT_KEYS[sort];
    const match = matchOf(query);
    if (match && sort === 'date' && this.broadEnough(query)) return { ...this.walk(query, match, limit, dir), keys, limit };
    const { where, params, ftsDriven } = this.filters(query);
    if (query.cursor !== undefined) {
      const values = decodeCursor(query.cursor, keys.length + 1);
      const cols = [...keys.map((k) => k.expr('i')), 'i.id'];
      // Row values; with the FTS driving, '+' on each column keeps the cursor from choosing an
      // index walk (a '+' before the whole row value is an SQLite error: "row value misused").
      where.push(`(${cols.map((c) => `${ftsDriven ? '+' : ''}${c}`).join(', ')}) ${dir === 'desc' ? '<' : '>'} (${values.map((_, n) => `:c${n}`).join(', ')})`);
      values.forEach((v, n) => (params[`c${n}`] = v));
    } else if (query.offset !== undefined) {
      if (!Number.isInteger(query.offset) || query.offset < 0) throw badInput('offset', 'must be a whole number, 0 or more');
      params.offset = query.offset;
    }
    const order = (t: string) => [...keys.map((k) => `${k.expr(t)} ${dir}`), `${t}.id ${dir}`].join(', ');
    // The page is cut first, then joined to registrations: only the rows shown pay for the join.
    const sql = `SELECT p.*, r.irn, r.ack_no, r.ack_dt, ${EWB_COLUMNS} FROM (
        SELECT i.id, i.business_id, i.doc_type, i.doc_no, i.doc_date, i.seller_gstin, i.buyer_gstin, i.buyer_name, i.total_paise, i.status
          FROM invoices i
          ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY ${order('i')} LIMIT :limit${params.offset !== undefined ? ' OFFSET :offset' : ''}
      ) p LEFT JOIN registrations r ON r.invoice_id = p.id
      ORDER BY ${order('p')}`;
    // One row more than asked tells whether another page follows.
    params.limit = limit + 1;
    return { sql, params, keys, limit };
  }

  /**
   * WHERE terms and parameters. With a text search the plan is chosen by how many rows match. A
   * few (under denseMatches): their ids, fetched once, drive the query and are sorted (unary +
   * keeps SQLite from walking a status/date index past a million rows to find ten matches). Many:
   * the query walks the sort order's index and probes the match set until the page is full.
   */
  private filters(query: InvoiceListQuery, forTotals = false): { where: string[]; params: Record<string, unknown>; ftsDriven: boolean } {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    const match = matchOf(query);
    const ids = match ? this.matchingIds(match) : undefined;
    const ftsDriven = ids !== undefined && (forTotals || ids.length < this.denseMatches);
    const col = (name: string) => `${ftsDriven ? '+' : ''}i.${name}`;
    this.plainFilters(query, where, params, col);
    if (ids !== undefined && ids.length < this.denseMatches) {
      where.push('i.id IN (SELECT value FROM json_each(:ids))');
      params.ids = JSON.stringify(ids);
    } else if (match) {
      where.push(`${ftsDriven ? '' : '+'}i.id IN (SELECT rowid & ${ID_MASK} FROM invoice_search WHERE invoice_search MATCH :match)`);
      params.match = match;
    }
    return { where, params, ftsDriven };
  }

  /** Business, status, document-date, cancel-window and e-way bill terms (col() decides whether an index may serve the first three). */
  private plainFilters(query: InvoiceListQuery, where: string[], params: Record<string, unknown>, col: (name: string) => string): void {
    if (query.businessId !== undefined) {
      where.push(`${col('business_id')} = :businessId`);
      params.businessId = query.businessId;
    }
    const statuses = query.status === undefined ? [] : typeof query.status === 'string' ? [query.status] : [...query.status];
    for (const s of statuses) if (!INVOICE_STATUSES.includes(s)) throw badInput('status', `must be one of ${INVOICE_STATUSES.join(', ')}`);
    if (statuses.length === 1) {
      where.push(`${col('status')} = :status`);
      params.status = statuses[0];
    } else if (statuses.length > 1) {
      where.push(`${col('status')} IN (${statuses.map((_, n) => `:status${n}`).join(', ')})`);
      statuses.forEach((s, n) => (params[`status${n}`] = s));
    }
    for (const [key, op] of [['from', '>='], ['to', '<=']] as const) {
      const v = query[key];
      if (v === undefined) continue;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw badInput(key, 'must be a date YYYY-MM-DD');
      where.push(`${col('doc_date')} ${op} :${key}`);
      params[key] = v;
    }
    if (query.cancelWindow !== undefined) {
      where.push(`i.id IN (SELECT r.invoice_id FROM registrations r WHERE r.status = 'ACT' AND r.ack_at > :ackAfter AND r.ack_at <= :ackBefore
        AND NOT EXISTS (SELECT 1 FROM ewaybills e WHERE e.invoice_id = r.invoice_id AND e.status = 'ACT'))`);
      params.ackAfter = query.cancelWindow.after;
      params.ackBefore = query.cancelWindow.before ?? '9999';
    }
    if (query.ewbValid !== undefined) {
      where.push(`i.id IN (SELECT invoice_id FROM ewaybills WHERE status = 'ACT' AND valid_till >= :ewbFrom AND valid_till <= :ewbTo)`);
      params.ewbFrom = query.ewbValid.from;
      params.ewbTo = query.ewbValid.to;
    }
  }

  /**
   * A page in date order straight from the search index: its rowid is the date order
   * (search-key.ts), so SQLite walks the matching postings newest (or oldest) first, joins each
   * to its invoice, checks the other filters and stops when the page is full. Dates and the
   * cursor become rowid bounds, which FTS5 seeks to.
   */
  private walk(query: InvoiceListQuery, match: string, limit: number, dir: 'asc' | 'desc'): { sql: string; params: Record<string, unknown> } {
    const where: string[] = ['invoice_search MATCH :match'];
    const params: Record<string, unknown> = { match, limit: limit + 1 };
    this.plainFilters({ ...query, from: undefined, to: undefined }, where, params, (name) => `i.${name}`);
    for (const key of ['from', 'to'] as const) {
      const v = query[key];
      if (v === undefined) continue;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) throw badInput(key, 'must be a date YYYY-MM-DD');
      where.push(key === 'from' ? 's.rowid >= :kFrom' : 's.rowid < :kTo');
      params[key === 'from' ? 'kFrom' : 'kTo'] = key === 'from' ? searchKey(v, 0) : searchKey(v, 0) + 2 ** 32;
    }
    if (query.cursor !== undefined) {
      const [date, id] = decodeCursor(query.cursor, 2);
      if (typeof date !== 'string' || typeof id !== 'number' || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw badInput('cursor', 'does not belong to this sort order');
      where.push(`s.rowid ${dir === 'desc' ? '<' : '>'} :kCursor`);
      params.kCursor = searchKey(date, id);
    }
    const sql = `SELECT p.*, r.irn, r.ack_no, r.ack_dt, ${EWB_COLUMNS} FROM (
        SELECT i.id, i.business_id, i.doc_type, i.doc_no, i.doc_date, i.seller_gstin, i.buyer_gstin, i.buyer_name, i.total_paise, i.status, s.rowid AS k
          FROM invoice_search s CROSS JOIN invoices i ON i.id = (s.rowid & ${ID_MASK})
         WHERE ${where.join(' AND ')}
         ORDER BY s.rowid ${dir} LIMIT :limit
      ) p LEFT JOIN registrations r ON r.invoice_id = p.id
      ORDER BY p.k ${dir}`;
    return { sql, params };
  }

  /** Do the business and status filters keep a large enough share of the ledger for a walk? */
  private broadEnough(query: InvoiceListQuery): boolean {
    if (this.walkMinShare > 1) return false;
    if (query.businessId === undefined && query.status === undefined) return true;
    const all = this.totals({}).count;
    return all * this.walkMinShare <= this.totals({ ...(query.businessId !== undefined ? { businessId: query.businessId } : {}), ...(query.status !== undefined ? { status: query.status } : {}) }).count;
  }

  /** The ids matching the search, up to denseMatches of them (enough to choose the plan). */
  private matchingIds(match: string): number[] {
    return (this.stmt(`SELECT rowid & ${ID_MASK} AS id FROM invoice_search WHERE invoice_search MATCH :match LIMIT :cap`).all({ match, cap: this.denseMatches }) as { id: number }[]).map((r) => r.id);
  }

  private stmt(sql: string): Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }
}

/** The FTS5 query of a list query's search and buyer texts, if any. */
function matchOf(query: InvoiceListQuery): string | undefined {
  const search = query.search === undefined ? undefined : ftsQuery(query.search);
  const buyer = query.buyer === undefined ? undefined : ftsQuery(query.buyer);
  return [search && `(${search})`, buyer && `{party_name gstin} : (${buyer})`].filter(Boolean).join(' AND ') || undefined;
}

function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, length: number): (string | number)[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badInput('cursor', 'is not a cursor returned by a previous page');
  }
  if (!Array.isArray(values) || values.length !== length || !values.every((v) => typeof v === 'string' || typeof v === 'number')) {
    throw badInput('cursor', 'does not belong to this sort order');
  }
  return values;
}

function toItem(r: Row): InvoiceListItem {
  return {
    id: r.id,
    businessId: r.business_id,
    docType: r.doc_type,
    docNo: r.doc_no ?? undefined,
    docDate: r.doc_date,
    sellerGstin: r.seller_gstin,
    buyerGstin: r.buyer_gstin ?? undefined,
    buyerName: r.buyer_name ?? undefined,
    totalPaise: r.total_paise,
    status: r.status,
    irn: r.irn ?? undefined,
    ackNo: r.ack_no ?? undefined,
    ackDt: r.ack_dt ?? undefined,
    ...(r.ewb_active ? { ewbActive: true } : {}),
    ...(r.ewb_valid_till ? { ewbValidTill: r.ewb_valid_till } : {}),
  };
}
