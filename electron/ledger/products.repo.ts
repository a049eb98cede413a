/** Products and services a business sells, with the defaults the editor fills into a line. */
import type { Database, Statement } from 'better-sqlite3';
import { badInput, isUniqueViolation, LedgerError } from './errors';
import { ftsQuery } from './invoice-list.repo';
import { bit, bool, isoNow, type Clock } from './support';

export interface ProductInput {
  businessId: number;
  name: string;
  hsn: string;
  isService: boolean;
  /** UQC unit code (NOS, KGS, ...). */
  unit: string;
  unitPricePaise: number;
  /** Percent, e.g. 18 or 0.25. */
  gstRate: number;
  cessRate?: number;
}

export interface Product extends Required<ProductInput> {
  id: number;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: number;
  business_id: number;
  name: string;
  hsn: string;
  is_service: number;
  unit: string;
  unit_price_paise: number;
  gst_rate: number;
  cess_rate: number;
  created_at: string;
  updated_at: string;
}

/** A page of the item master for the Items screen. */
export interface ProductPage {
  items: Product[];
  total: number;
}

/** The GST rate a business usually charges on an HSN, and how many items or recent lines say so. */
export interface UsualRate {
  rate: number;
  uses: number;
  source: 'items' | 'invoices';
}

/** How many of a business's latest invoices the usual-rate query reads (bounded: it parses JSON). */
const RECENT_INVOICES = 500;

export class ProductsRepo {
  private readonly db: Database;
  private readonly insertStmt: Statement;
  private readonly updateStmt: Statement;
  private readonly deleteStmt: Statement<{ id: number }>;
  private readonly byId: Statement<{ id: number }, Row>;
  private readonly byBusiness: Statement<{ businessId: number }, Row>;
  private readonly searchStmt: Statement<{ businessId: number; match: string; prefix: string; limit: number }, Row>;

  constructor(
    db: Database,
    private readonly clock: Clock,
  ) {
    this.db = db;
    this.insertStmt = db.prepare(
      `INSERT INTO products (business_id, name, hsn, is_service, unit, unit_price_paise, gst_rate, cess_rate, created_at, updated_at)
       VALUES (:businessId, :name, :hsn, :isService, :unit, :unitPricePaise, :gstRate, :cessRate, :now, :now)`,
    );
    this.updateStmt = db.prepare(
      `UPDATE products SET name = :name, hsn = :hsn, is_service = :isService, unit = :unit, unit_price_paise = :unitPricePaise,
         gst_rate = :gstRate, cess_rate = :cessRate, updated_at = :now WHERE id = :id AND business_id = :businessId`,
    );
    this.deleteStmt = db.prepare('DELETE FROM products WHERE id = :id');
    this.byId = db.prepare('SELECT * FROM products WHERE id = :id');
    this.byBusiness = db.prepare('SELECT * FROM products WHERE business_id = :businessId ORDER BY name COLLATE NOCASE');
    // every word starts a word of the name or the HSN; a name that starts with what was typed first
    this.searchStmt = db.prepare(
      `SELECT p.* FROM products_search s JOIN products p ON p.id = s.rowid
        WHERE products_search MATCH :match AND p.business_id = :businessId
        ORDER BY (p.name LIKE :prefix ESCAPE '\\') DESC, bm25(products_search), p.name COLLATE NOCASE LIMIT :limit`,
    );
  }

  create(input: ProductInput): Product {
    try {
      return this.get(Number(this.insertStmt.run(params(input, isoNow(this.clock))).lastInsertRowid))!;
    } catch (e) {
      throw mapError(e, input);
    }
  }

  update(id: number, input: ProductInput): Product {
    let changes: number;
    try {
      changes = this.updateStmt.run({ ...params(input, isoNow(this.clock)), id }).changes;
    } catch (e) {
      throw mapError(e, input);
    }
    if (changes === 0) throw new LedgerError('LEDGER_NOT_FOUND', `No product ${id} in business ${input.businessId}.`);
    return this.get(id)!;
  }

  delete(id: number): boolean {
    return this.deleteStmt.run({ id }).changes > 0;
  }

  get(id: number): Product | undefined {
    const row = this.byId.get({ id });
    return row && toProduct(row);
  }

  list(businessId: number): Product[] {
    return this.byBusiness.all({ businessId }).map(toProduct);
  }

  /** Items whose name or HSN has every typed word at the start of one of its words. */
  search(businessId: number, text: string, limit = 20): Product[] {
    const match = ftsQuery(text, true);
    if (match === undefined) return [];
    return this.searchStmt.all({ businessId, match, prefix: `${escapeLike(text.trim())}%`, limit }).map(toProduct);
  }

  /** The Items screen: everything by name, or the word search, a page at a time with the count. */
  page(businessId: number, text: string, limit: number, offset: number): ProductPage {
    const match = ftsQuery(text, true);
    if (match === undefined) {
      const total = (this.db.prepare('SELECT count(*) AS n FROM products WHERE business_id = ?').get(businessId) as { n: number }).n;
      const rows = this.db.prepare('SELECT * FROM products WHERE business_id = ? ORDER BY name COLLATE NOCASE LIMIT ? OFFSET ?').all(businessId, limit, offset) as Row[];
      return { items: rows.map(toProduct), total };
    }
    const from = 'FROM products_search s JOIN products p ON p.id = s.rowid WHERE products_search MATCH ? AND p.business_id = ?';
    const total = (this.db.prepare(`SELECT count(*) AS n ${from}`).get(match, businessId) as { n: number }).n;
    const rows = this.db.prepare(`SELECT p.* ${from} ORDER BY p.name COLLATE NOCASE LIMIT ? OFFSET ?`).all(match, businessId, limit, offset) as Row[];
    return { items: rows.map(toProduct), total };
  }

  /**
   * The rate this business charges on an HSN: the commonest among its items with that code, else
   * among the lines of its latest invoices; undefined when it never used the code.
   */
  usualRate(businessId: number, hsn: string): UsualRate | undefined {
    const items = this.db
      .prepare('SELECT gst_rate AS rate, count(*) AS uses FROM products WHERE business_id = ? AND hsn = ? GROUP BY gst_rate ORDER BY uses DESC, rate DESC LIMIT 1')
      .get(businessId, hsn) as { rate: number; uses: number } | undefined;
    if (items) return { ...items, source: 'items' };
    const lines = this.db
      .prepare(
        `SELECT json_extract(l.value, '$.GstRt') AS rate, count(*) AS uses
           FROM (SELECT b.payload_json FROM invoices i JOIN invoice_bodies b ON b.invoice_id = i.id
                  WHERE i.business_id = ? AND b.payload_json IS NOT NULL ORDER BY i.id DESC LIMIT ${RECENT_INVOICES}) recent,
                json_each(recent.payload_json, '$.ItemList') l
          WHERE json_extract(l.value, '$.HsnCd') = ? AND json_type(l.value, '$.GstRt') IN ('integer', 'real')
          GROUP BY rate ORDER BY uses DESC, rate DESC LIMIT 1`,
      )
      .get(businessId, hsn) as { rate: number; uses: number } | undefined;
    return lines ? { ...lines, source: 'invoices' } : undefined;
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function params(p: ProductInput, now: string): Record<string, unknown> {
  if (!p.name.trim()) throw badInput('name', 'is required');
  if (!/^[0-9]{4,8}$/.test(p.hsn)) throw badInput('hsn', 'must be a 4 to 8 digit HSN/SAC code');
  if (!/^[A-Z]{3}$/.test(p.unit)) throw badInput('unit', 'must be a 3-letter UQC code such as NOS');
  if (!Number.isSafeInteger(p.unitPricePaise) || p.unitPricePaise < 0) throw badInput('unitPricePaise', 'must be a whole number of paise, 0 or more');
  if (!(p.gstRate >= 0 && p.gstRate <= 100)) throw badInput('gstRate', 'must be a percentage between 0 and 100');
  const cess = p.cessRate ?? 0;
  if (!(cess >= 0 && cess <= 100)) throw badInput('cessRate', 'must be a percentage between 0 and 100');
  return { businessId: p.businessId, name: p.name, hsn: p.hsn, isService: bit(p.isService), unit: p.unit, unitPricePaise: p.unitPricePaise, gstRate: p.gstRate, cessRate: cess, now };
}

function mapError(e: unknown, p: ProductInput): unknown {
  if (isUniqueViolation(e)) return new LedgerError('LEDGER_DUPLICATE', `The business already has a product named "${p.name}".`, 'name');
  if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return new LedgerError('LEDGER_NOT_FOUND', `No business with id ${p.businessId}.`, 'businessId');
  return e;
}

function toProduct(r: Row): Product {
  return {
    id: r.id,
    businessId: r.business_id,
    name: r.name,
    hsn: r.hsn,
    isService: bool(r.is_service),
    unit: r.unit,
    unitPricePaise: r.unit_price_paise,
    gstRate: r.gst_rate,
    cessRate: r.cess_rate,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
