/**
 * Parties (buyers): GSTIN master lookups cached with the time they were fetched, so callers can
 * decide when a cached status (ACT/CNL/blocked) is too old to trust, plus parties typed by hand.
 * A lookup overwrites what the master says; a manual save never claims to be a lookup.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { TaxpayerInfo } from '../../shared/einvoice/rules/context';
import { badInput, LedgerError } from './errors';
import { ftsQuery } from './invoice-list.repo';
import { bit, bool, isoNow, opt, type Clock } from './support';

export interface PartyInput {
  gstin?: string;
  legalName: string;
  tradeName?: string;
  address1?: string;
  address2?: string;
  location?: string;
  pin?: number;
  stateCode?: string;
}

/** What a GSTIN master lookup returned (irp-protocol.md §4.5), already mapped to our names. */
export interface LookupInput extends PartyInput {
  gstin: string;
  status: TaxpayerInfo['status'];
  taxpayerType: string;
  registeredOn?: string;
  deregisteredOn?: string;
  blocked: boolean;
}

export interface Party extends PartyInput {
  id: number;
  status?: string;
  taxpayerType?: string;
  registeredOn?: string;
  deregisteredOn?: string;
  blocked: boolean;
  source: 'lookup' | 'manual';
  lookedUpAt?: string;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: number;
  gstin: string | null;
  legal_name: string;
  trade_name: string | null;
  address1: string | null;
  address2: string | null;
  location: string | null;
  pin: number | null;
  state_code: string | null;
  status: string | null;
  taxpayer_type: string | null;
  registered_on: string | null;
  deregistered_on: string | null;
  blocked: number;
  source: 'lookup' | 'manual';
  looked_up_at: string | null;
  created_at: string;
  updated_at: string;
}

const GSTIN = /^([0-9]{2}[0-9A-Z]{13}|URP)$/;

export class PartiesRepo {
  private readonly upsertLookupStmt: Statement;
  private readonly insertManual: Statement;
  private readonly updateManual: Statement;
  private readonly byId: Statement<{ id: number }, Row>;
  private readonly byGstin: Statement<{ gstin: string }, Row>;
  private readonly searchStmt: Statement<{ match: string; prefix: string; limit: number }, Row>;
  private readonly db: Database;

  constructor(
    db: Database,
    private readonly clock: Clock,
  ) {
    const cols = 'gstin, legal_name, trade_name, address1, address2, location, pin, state_code';
    const vals = ':gstin, :legalName, :tradeName, :address1, :address2, :location, :pin, :stateCode';
    this.upsertLookupStmt = db.prepare(
      `INSERT INTO parties (${cols}, status, taxpayer_type, registered_on, deregistered_on, blocked, source, looked_up_at, created_at, updated_at)
       VALUES (${vals}, :status, :taxpayerType, :registeredOn, :deregisteredOn, :blocked, 'lookup', :now, :now, :now)
       ON CONFLICT (gstin) DO UPDATE SET legal_name = excluded.legal_name, trade_name = excluded.trade_name,
         address1 = excluded.address1, address2 = excluded.address2, location = excluded.location, pin = excluded.pin,
         state_code = excluded.state_code, status = excluded.status, taxpayer_type = excluded.taxpayer_type,
         registered_on = excluded.registered_on, deregistered_on = excluded.deregistered_on, blocked = excluded.blocked,
         source = 'lookup', looked_up_at = excluded.looked_up_at, updated_at = excluded.updated_at`,
    );
    this.insertManual = db.prepare(`INSERT INTO parties (${cols}, source, created_at, updated_at) VALUES (${vals}, 'manual', :now, :now)`);
    this.updateManual = db.prepare(`UPDATE parties SET (${cols}, updated_at) = (${vals}, :now) WHERE id = :id`);
    this.byId = db.prepare('SELECT * FROM parties WHERE id = :id');
    this.byGstin = db.prepare('SELECT * FROM parties WHERE gstin = :gstin');
    // every typed word starts a word of a name, the GSTIN or the city; names that start with it first
    this.searchStmt = db.prepare(
      `SELECT p.* FROM parties_search s JOIN parties p ON p.id = s.rowid WHERE parties_search MATCH :match
        ORDER BY (p.legal_name LIKE :prefix ESCAPE '\\' OR p.gstin LIKE :prefix ESCAPE '\\') DESC, p.legal_name COLLATE NOCASE LIMIT :limit`,
    );
    this.db = db;
  }

  /** Stores (or refreshes) what the GSTIN master said, stamped with the clock's now. */
  saveLookup(input: LookupInput): Party {
    checkParty(input);
    if (input.gstin === 'URP') throw badInput('gstin', 'a master lookup needs a real GSTIN, not URP');
    this.upsertLookupStmt.run({
      ...base(input),
      status: input.status,
      taxpayerType: input.taxpayerType,
      registeredOn: opt(input.registeredOn),
      deregisteredOn: opt(input.deregisteredOn),
      blocked: bit(input.blocked),
      now: isoNow(this.clock),
    });
    return this.getByGstin(input.gstin)!;
  }

  /** A party typed by hand; with a GSTIN already known, its name and address are updated. */
  saveManual(input: PartyInput & { id?: number }): Party {
    checkParty(input);
    const now = isoNow(this.clock);
    const existing = input.id !== undefined ? this.get(input.id) : input.gstin ? this.getByGstin(input.gstin) : undefined;
    if (input.id !== undefined && !existing) throw new LedgerError('LEDGER_NOT_FOUND', `No party with id ${input.id}.`);
    if (existing) {
      this.updateManual.run({ ...base(input), now, id: existing.id });
      return this.get(existing.id)!;
    }
    return this.get(Number(this.insertManual.run({ ...base(input), now }).lastInsertRowid))!;
  }

  get(id: number): Party | undefined {
    const row = this.byId.get({ id });
    return row && toParty(row);
  }

  getByGstin(gstin: string): Party | undefined {
    const row = this.byGstin.get({ gstin });
    return row && toParty(row);
  }

  /** Milliseconds since the GSTIN was last looked up, or undefined if it never was. */
  lookupAgeMs(gstin: string): number | undefined {
    const at = this.getByGstin(gstin)?.lookedUpAt;
    return at === undefined ? undefined : this.clock().getTime() - Date.parse(at);
  }

  /** The cached master facts when they are younger than maxAgeMs; undefined means "look it up". */
  freshTaxpayer(gstin: string, maxAgeMs: number): TaxpayerInfo | undefined {
    const p = this.getByGstin(gstin);
    if (!p?.lookedUpAt || this.clock().getTime() - Date.parse(p.lookedUpAt) > maxAgeMs) return undefined;
    return {
      gstin,
      status: p.status as TaxpayerInfo['status'],
      txpType: p.taxpayerType ?? '',
      registeredOn: p.registeredOn ?? null,
      deregisteredOn: p.deregisteredOn ?? null,
      blocked: p.blocked,
    };
  }

  /** Word search on legal name, trade name, GSTIN and city, for the buyer picker. */
  search(text: string, limit = 20): Party[] {
    const match = ftsQuery(text, true);
    if (match === undefined) return [];
    const prefix = `${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.searchStmt.all({ match, prefix, limit }).map(toParty);
  }

  /** The Parties screen: all by name, or the word search, a page at a time with the count. */
  page(text: string, limit: number, offset: number): { parties: Party[]; total: number } {
    const match = ftsQuery(text, true);
    const from = match === undefined ? 'FROM parties p' : 'FROM parties_search s JOIN parties p ON p.id = s.rowid WHERE parties_search MATCH :match';
    const params = match === undefined ? {} : { match };
    const total = (this.db.prepare(`SELECT count(*) AS n ${from}`).get(params) as { n: number }).n;
    const rows = this.db.prepare(`SELECT p.* ${from} ORDER BY p.legal_name COLLATE NOCASE LIMIT :limit OFFSET :offset`).all({ ...params, limit, offset }) as Row[];
    return { parties: rows.map(toParty), total };
  }

  delete(id: number): boolean {
    return this.db.prepare('DELETE FROM parties WHERE id = ?').run(id).changes > 0;
  }

  /**
   * The buyer of a saved invoice, remembered for the picker: added when the GSTIN is new, its name
   * and address refreshed when it was typed by hand, left alone when it came from the GST master.
   */
  rememberBuyer(input: PartyInput & { gstin: string }): Party | undefined {
    if (input.gstin === 'URP' || !/^[0-9]{2}[0-9A-Z]{13}$/.test(input.gstin) || !input.legalName.trim()) return undefined;
    const known = this.getByGstin(input.gstin);
    if (known?.source === 'lookup') return known;
    const text = (typed: string | undefined, before: string | undefined) => (typed?.trim() ? typed.trim() : before);
    const pin = input.pin !== undefined && input.pin >= 100000 && input.pin <= 999999 ? input.pin : known?.pin;
    return this.saveManual({
      ...(known ? { id: known.id } : {}),
      gstin: input.gstin,
      legalName: input.legalName.trim(),
      tradeName: text(input.tradeName, known?.tradeName),
      address1: text(input.address1, known?.address1),
      address2: text(input.address2, known?.address2),
      location: text(input.location, known?.location),
      pin,
      stateCode: text(input.stateCode, known?.stateCode),
    });
  }
}

function checkParty(p: PartyInput): void {
  if (p.gstin !== undefined && !GSTIN.test(p.gstin)) throw badInput('gstin', 'must be 15 characters: 2 digits then 13 capital letters or digits (or URP)');
  if (!p.legalName.trim()) throw badInput('legalName', 'is required');
  if (p.pin !== undefined && (!Number.isInteger(p.pin) || p.pin < 100000 || p.pin > 999999)) throw badInput('pin', 'must be a 6-digit PIN code');
}

function base(p: PartyInput): Record<string, unknown> {
  return {
    // URP (unregistered person) is not an identity: such parties have no GSTIN row key.
    gstin: p.gstin === 'URP' ? null : opt(p.gstin),
    legalName: p.legalName,
    tradeName: opt(p.tradeName),
    address1: opt(p.address1),
    address2: opt(p.address2),
    location: opt(p.location),
    pin: opt(p.pin),
    stateCode: opt(p.stateCode),
  };
}

function toParty(r: Row): Party {
  return {
    id: r.id,
    gstin: r.gstin ?? undefined,
    legalName: r.legal_name,
    tradeName: r.trade_name ?? undefined,
    address1: r.address1 ?? undefined,
    address2: r.address2 ?? undefined,
    location: r.location ?? undefined,
    pin: r.pin ?? undefined,
    stateCode: r.state_code ?? undefined,
    status: r.status ?? undefined,
    taxpayerType: r.taxpayer_type ?? undefined,
    registeredOn: r.registered_on ?? undefined,
    deregisteredOn: r.deregistered_on ?? undefined,
    blocked: bool(r.blocked),
    source: r.source,
    lookedUpAt: r.looked_up_at ?? undefined,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
