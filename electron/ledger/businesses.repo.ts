/** Businesses: the seller GSTINs this install invoices for, each with its endpoint profile. */
import type { Database, Statement } from 'better-sqlite3';
import { badInput, isUniqueViolation, LedgerError } from './errors';
import { isoNow, opt, type Clock } from './support';

const GSTIN = /^[0-9]{2}[0-9A-Z]{13}$/;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_SIGNATURE = Buffer.from([0xff, 0xd8, 0xff]);

export interface BusinessInput {
  gstin: string;
  legalName: string;
  tradeName?: string;
  address1: string;
  address2?: string;
  location: string;
  pin: number;
  stateCode: string;
  phone?: string;
  email?: string;
  aatoCrore?: number;
  einvoiceStartDate?: string;
  bank?: { name?: string; account?: string; ifsc?: string; branch?: string };
  /** PNG or JPEG bytes (the print embeds either); anything else is refused. The name predates JPEG. */
  logoPng?: Uint8Array;
  terms?: string;
  profileName?: string;
}

export interface Business extends BusinessInput {
  id: number;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: number;
  gstin: string;
  legal_name: string;
  trade_name: string | null;
  address1: string;
  address2: string | null;
  location: string;
  pin: number;
  state_code: string;
  phone: string | null;
  email: string | null;
  aato_crore: number | null;
  einvoice_start_date: string | null;
  bank_name: string | null;
  bank_account: string | null;
  bank_ifsc: string | null;
  bank_branch: string | null;
  logo_png: Buffer | null;
  terms: string | null;
  profile_name: string | null;
  created_at: string;
  updated_at: string;
}

const COLUMNS = `gstin, legal_name, trade_name, address1, address2, location, pin, state_code, phone, email,
  aato_crore, einvoice_start_date, bank_name, bank_account, bank_ifsc, bank_branch, logo_png, terms, profile_name`;
const VALUES = `:gstin, :legalName, :tradeName, :address1, :address2, :location, :pin, :stateCode, :phone, :email,
  :aatoCrore, :einvoiceStartDate, :bankName, :bankAccount, :bankIfsc, :bankBranch, :logoPng, :terms, :profileName`;

export class BusinessesRepo {
  private readonly insertStmt: Statement;
  private readonly updateStmt: Statement;
  private readonly byId: Statement<{ id: number }, Row>;
  private readonly byGstin: Statement<{ gstin: string }, Row>;
  private readonly allStmt: Statement<[], Row>;

  constructor(
    db: Database,
    private readonly clock: Clock,
  ) {
    this.insertStmt = db.prepare(`INSERT INTO businesses (${COLUMNS}, created_at, updated_at) VALUES (${VALUES}, :now, :now)`);
    this.updateStmt = db.prepare(
      `UPDATE businesses SET (${COLUMNS}, updated_at) = (${VALUES}, :now) WHERE id = :id`,
    );
    this.byId = db.prepare('SELECT * FROM businesses WHERE id = :id');
    this.byGstin = db.prepare('SELECT * FROM businesses WHERE gstin = :gstin');
    this.allStmt = db.prepare('SELECT * FROM businesses ORDER BY legal_name, id');
  }

  create(input: BusinessInput): Business {
    try {
      const id = Number(this.insertStmt.run(params(input, isoNow(this.clock))).lastInsertRowid);
      return this.get(id)!;
    } catch (e) {
      if (isUniqueViolation(e)) throw new LedgerError('LEDGER_DUPLICATE', `A business with GSTIN ${input.gstin} already exists.`, 'gstin');
      throw foreignKey(e, input);
    }
  }

  update(id: number, input: BusinessInput): Business {
    let changes: number;
    try {
      changes = this.updateStmt.run({ ...params(input, isoNow(this.clock)), id }).changes;
    } catch (e) {
      if (isUniqueViolation(e)) throw new LedgerError('LEDGER_DUPLICATE', `A business with GSTIN ${input.gstin} already exists.`, 'gstin');
      throw foreignKey(e, input);
    }
    if (changes === 0) throw new LedgerError('LEDGER_NOT_FOUND', `No business with id ${id}.`);
    return this.get(id)!;
  }

  get(id: number): Business | undefined {
    const row = this.byId.get({ id });
    return row && toBusiness(row);
  }

  getByGstin(gstin: string): Business | undefined {
    const row = this.byGstin.get({ gstin });
    return row && toBusiness(row);
  }

  list(): Business[] {
    return this.allStmt.all().map(toBusiness);
  }
}

function foreignKey(e: unknown, input: BusinessInput): unknown {
  if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new LedgerError('LEDGER_NOT_FOUND', `No endpoint profile named "${input.profileName ?? ''}".`, 'profileName');
  }
  return e;
}

function isPngOrJpeg(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 8)).equals(PNG_SIGNATURE) || Buffer.from(bytes.subarray(0, 3)).equals(JPEG_SIGNATURE);
}

function params(b: BusinessInput, now: string): Record<string, unknown> {
  if (!GSTIN.test(b.gstin)) throw badInput('gstin', 'must be 15 characters: 2 digits then 13 capital letters or digits');
  if (!b.legalName.trim()) throw badInput('legalName', 'is required');
  if (!Number.isInteger(b.pin) || b.pin < 100000 || b.pin > 999999) throw badInput('pin', 'must be a 6-digit PIN code');
  if (b.aatoCrore !== undefined && !(Number.isFinite(b.aatoCrore) && b.aatoCrore >= 0)) throw badInput('aatoCrore', 'must be a number of crore rupees, 0 or more');
  if (b.einvoiceStartDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(b.einvoiceStartDate)) throw badInput('einvoiceStartDate', 'must be a date YYYY-MM-DD');
  if (b.logoPng !== undefined && !isPngOrJpeg(b.logoPng)) throw badInput('logoPng', 'must be a PNG or JPEG image');
  return {
    gstin: b.gstin,
    legalName: b.legalName,
    tradeName: opt(b.tradeName),
    address1: b.address1,
    address2: opt(b.address2),
    location: b.location,
    pin: b.pin,
    stateCode: b.stateCode,
    phone: opt(b.phone),
    email: opt(b.email),
    aatoCrore: opt(b.aatoCrore),
    einvoiceStartDate: opt(b.einvoiceStartDate),
    bankName: opt(b.bank?.name),
    bankAccount: opt(b.bank?.account),
    bankIfsc: opt(b.bank?.ifsc),
    bankBranch: opt(b.bank?.branch),
    logoPng: b.logoPng === undefined ? null : Buffer.from(b.logoPng),
    terms: opt(b.terms),
    profileName: opt(b.profileName),
    now,
  };
}

function toBusiness(r: Row): Business {
  const bank = { name: r.bank_name ?? undefined, account: r.bank_account ?? undefined, ifsc: r.bank_ifsc ?? undefined, branch: r.bank_branch ?? undefined };
  return {
    id: r.id,
    gstin: r.gstin,
    legalName: r.legal_name,
    tradeName: r.trade_name ?? undefined,
    address1: r.address1,
    address2: r.address2 ?? undefined,
    location: r.location,
    pin: r.pin,
    stateCode: r.state_code,
    phone: r.phone ?? undefined,
    email: r.email ?? undefined,
    aatoCrore: r.aato_crore ?? undefined,
    einvoiceStartDate: r.einvoice_start_date ?? undefined,
    bank: Object.values(bank).some((v) => v !== undefined) ? bank : undefined,
    logoPng: r.logo_png ?? undefined,
    terms: r.terms ?? undefined,
    profileName: r.profile_name ?? undefined,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
