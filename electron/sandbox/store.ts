/**
 * The practice IRP's own SQLite file (practice-irp.sqlite in its data directory): registrations,
 * e-way bills, GSTIN-master changes made by "sync", and a few settings (the clock offset). WAL and
 * synchronous=FULL so a registration committed before the response survives a crash. No secret
 * (client secret, password, AppKey, SEK, token) is ever written here: tokens live in memory only.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';

export interface Registration {
  irn: string;
  gstin: string;
  ecmGstin: string | null;
  docType: string;
  docNo: string;
  /** dd/mm/yyyy as sent */
  docDate: string;
  ackNo: number;
  /** IST "yyyy-MM-dd HH:mm:ss" */
  ackDt: string;
  /** the same instant, ISO UTC (for the 24 h and retrieval-window rules) */
  ackAt: string;
  status: 'ACT' | 'CNL' | 'REJ';
  cancelDt: string | null;
  signedInvoice: string;
  signedQrCode: string;
  /** the canonical invoice JSON (numbers as sent), for e-way bills generated later */
  invoiceJson: string;
}

export interface EwayBill {
  ewbNo: number;
  irn: string;
  gstin: string;
  ewbDt: string;
  ewbAt: string;
  validTill: string | null;
  status: 'ACT' | 'CNL';
  distance: number;
  cancelDt: string | null;
}

const SCHEMA_VERSION = 1;

const MIGRATION_1 = `
CREATE TABLE registrations (
  irn TEXT PRIMARY KEY, gstin TEXT NOT NULL, ecm_gstin TEXT, doc_type TEXT NOT NULL, doc_no TEXT NOT NULL,
  doc_date TEXT NOT NULL, ack_no INTEGER NOT NULL UNIQUE, ack_dt TEXT NOT NULL, ack_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ACT','CNL','REJ')), cancel_dt TEXT, rejected_on TEXT,
  signed_invoice TEXT NOT NULL, signed_qr_code TEXT NOT NULL, invoice_json TEXT NOT NULL
) STRICT;
CREATE INDEX registrations_doc ON registrations (gstin, doc_type, doc_date);
CREATE TABLE eway_bills (
  ewb_no INTEGER PRIMARY KEY, irn TEXT NOT NULL REFERENCES registrations(irn) ON DELETE CASCADE,
  gstin TEXT NOT NULL, ewb_dt TEXT NOT NULL, ewb_at TEXT NOT NULL, valid_till TEXT,
  status TEXT NOT NULL CHECK (status IN ('ACT','CNL')), distance INTEGER NOT NULL, cancel_dt TEXT
) STRICT;
CREATE INDEX eway_bills_irn ON eway_bills (irn);
CREATE TABLE taxpayer_status (gstin TEXT PRIMARY KEY, status TEXT NOT NULL) STRICT;
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
`;

type Row = Record<string, unknown>;

function toRegistration(r: Row): Registration {
  return {
    irn: r.irn as string,
    gstin: r.gstin as string,
    ecmGstin: (r.ecm_gstin as string | null) ?? null,
    docType: r.doc_type as string,
    docNo: r.doc_no as string,
    docDate: r.doc_date as string,
    ackNo: r.ack_no as number,
    ackDt: r.ack_dt as string,
    ackAt: r.ack_at as string,
    status: r.status as Registration['status'],
    cancelDt: (r.cancel_dt as string | null) ?? null,
    signedInvoice: r.signed_invoice as string,
    signedQrCode: r.signed_qr_code as string,
    invoiceJson: r.invoice_json as string,
  };
}

function toEwayBill(r: Row): EwayBill {
  return {
    ewbNo: r.ewb_no as number,
    irn: r.irn as string,
    gstin: r.gstin as string,
    ewbDt: r.ewb_dt as string,
    ewbAt: r.ewb_at as string,
    validTill: (r.valid_till as string | null) ?? null,
    status: r.status as EwayBill['status'],
    distance: r.distance as number,
    cancelDt: (r.cancel_dt as string | null) ?? null,
  };
}

export class PracticeStore {
  readonly db: Database.Database;

  constructor(dataDir: string) {
    this.db = new Database(join(dataDir, 'practice-irp.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      this.db.close();
      throw new Error(`practice-irp.sqlite is from a newer version (schema ${version}); refusing to open it`);
    }
    if (version < 1) {
      this.db.transaction(() => {
        this.db.exec(MIGRATION_1);
        this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
      })();
    }
  }

  close(): void {
    this.db.close();
  }

  setting(key: string): string | undefined {
    const r = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as Row | undefined;
    return r?.value as string | undefined;
  }

  setSetting(key: string, value: string): void {
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  registration(irn: string): Registration | undefined {
    const r = this.db.prepare('SELECT * FROM registrations WHERE irn = ?').get(irn) as Row | undefined;
    return r ? toRegistration(r) : undefined;
  }

  registrations(): Registration[] {
    return (this.db.prepare('SELECT * FROM registrations ORDER BY ack_no').all() as Row[]).map(toRegistration);
  }

  rejectedOn(gstin: string, isoDate: string): string[] {
    return (this.db.prepare("SELECT irn FROM registrations WHERE gstin = ? AND status = 'REJ' AND rejected_on = ? ORDER BY ack_no").all(gstin, isoDate) as Row[]).map((r) => r.irn as string);
  }

  /** The highest AckNo ever issued (a reset keeps it as a floor, so AckNos never repeat). */
  lastAckNo(): number {
    const r = this.db.prepare('SELECT MAX(ack_no) AS m FROM registrations').get() as Row;
    return Math.max((r.m as number | null) ?? 0, Number(this.setting('ack_no_floor') ?? '0'));
  }

  lastEwbNo(): number {
    const r = this.db.prepare('SELECT MAX(ewb_no) AS m FROM eway_bills').get() as Row;
    return Math.max((r.m as number | null) ?? 0, Number(this.setting('ewb_no_floor') ?? '0'));
  }

  /** Inserts a registration and its e-way bill (if any) in one committed transaction. */
  insertRegistration(reg: Registration, ewb?: EwayBill): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO registrations (irn, gstin, ecm_gstin, doc_type, doc_no, doc_date, ack_no, ack_dt, ack_at, status,
             cancel_dt, signed_invoice, signed_qr_code, invoice_json)
           VALUES (@irn, @gstin, @ecmGstin, @docType, @docNo, @docDate, @ackNo, @ackDt, @ackAt, @status, @cancelDt,
             @signedInvoice, @signedQrCode, @invoiceJson)`,
        )
        .run(reg);
      if (ewb) this.insertEwayBill(ewb);
    })();
  }

  setStatus(irn: string, status: Registration['status'], at: { cancelDt?: string; rejectedOn?: string }): void {
    this.db.prepare('UPDATE registrations SET status = ?, cancel_dt = COALESCE(?, cancel_dt), rejected_on = COALESCE(?, rejected_on) WHERE irn = ?')
      .run(status, at.cancelDt ?? null, at.rejectedOn ?? null, irn);
  }

  insertEwayBill(e: EwayBill): void {
    this.db
      .prepare(
        `INSERT INTO eway_bills (ewb_no, irn, gstin, ewb_dt, ewb_at, valid_till, status, distance, cancel_dt)
         VALUES (@ewbNo, @irn, @gstin, @ewbDt, @ewbAt, @validTill, @status, @distance, @cancelDt)`,
      )
      .run(e);
  }

  /** The latest e-way bill of an IRN (active first). */
  ewayBillOfIrn(irn: string): EwayBill | undefined {
    const r = this.db.prepare("SELECT * FROM eway_bills WHERE irn = ? ORDER BY status = 'ACT' DESC, ewb_no DESC LIMIT 1").get(irn) as Row | undefined;
    return r ? toEwayBill(r) : undefined;
  }

  ewayBill(ewbNo: number): EwayBill | undefined {
    const r = this.db.prepare('SELECT * FROM eway_bills WHERE ewb_no = ?').get(ewbNo) as Row | undefined;
    return r ? toEwayBill(r) : undefined;
  }

  /** A Part-A only bill gets its validity when Part-B is first entered. */
  setEwayBillValidity(ewbNo: number, validTill: string): void {
    this.db.prepare('UPDATE eway_bills SET valid_till = ? WHERE ewb_no = ?').run(validTill, ewbNo);
  }

  cancelEwayBill(ewbNo: number, cancelDt: string): void {
    this.db.prepare("UPDATE eway_bills SET status = 'CNL', cancel_dt = ? WHERE ewb_no = ?").run(cancelDt, ewbNo);
  }

  taxpayerStatus(gstin: string): string | undefined {
    const r = this.db.prepare('SELECT status FROM taxpayer_status WHERE gstin = ?').get(gstin) as Row | undefined;
    return r?.status as string | undefined;
  }

  setTaxpayerStatus(gstin: string, status: string): void {
    this.db.prepare('INSERT INTO taxpayer_status (gstin, status) VALUES (?, ?) ON CONFLICT(gstin) DO UPDATE SET status = excluded.status').run(gstin, status);
  }

  /** Clears registrations, e-way bills and synced statuses (keeps settings such as the clock and the number floors). */
  reset(): void {
    this.db.transaction(() => {
      this.setSetting('ack_no_floor', String(this.lastAckNo()));
      this.setSetting('ewb_no_floor', String(this.lastEwbNo()));
      this.db.exec('DELETE FROM eway_bills; DELETE FROM registrations; DELETE FROM taxpayer_status;');
    })();
  }
}
