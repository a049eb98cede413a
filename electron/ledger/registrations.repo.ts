/**
 * Registrations: what the IRP returned for a document (IRN, AckNo, AckDt, SignedInvoice,
 * SignedQRCode) and its later cancellation. Written by the outbox repository inside the same
 * transaction that marks the invoice registered or cancelled.
 */
import type { Database, Statement } from 'better-sqlite3';
import { parseIstDateTime } from '../../shared/dates';
import { badInput, isUniqueViolation, LedgerError } from './errors';
import { bit, bool, isoNow, opt, type Clock } from './support';

export interface RegistrationInput {
  irn: string;
  /** NIC's AckNo (15 digits today); kept as text so no digit is ever lost to floating point. */
  ackNo: string | number;
  /** As the IRP sent it: IST wall clock "yyyy-MM-dd HH:mm:ss" (it is also inside the signed QR). */
  ackDt: string;
  signedInvoice: string;
  signedQrCode: string;
  /** True when a 2150 duplicate was proven ours and adopted rather than freshly registered. */
  adopted?: boolean;
  signatureVerified?: boolean;
}

export interface CancelInput {
  /** IRP's CancelDate, IST "yyyy-MM-dd HH:mm:ss". */
  cancelDate: string;
  reason: '1' | '2' | '3' | '4';
  remark?: string;
}

export interface Registration {
  id: number;
  invoiceId: number;
  irn: string;
  ackNo: string;
  ackDt: string;
  /** AckDt as an ISO UTC instant, for the 24-hour cancel window. */
  ackAt: string;
  signedInvoice: string;
  signedQrCode: string;
  status: 'ACT' | 'CNL';
  cancelDate?: string;
  cancelReason?: '1' | '2' | '3' | '4';
  cancelRemark?: string;
  adopted: boolean;
  signatureVerified: boolean;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: number;
  invoice_id: number;
  irn: string;
  ack_no: string;
  ack_dt: string;
  ack_at: string;
  signed_invoice: string;
  signed_qr: string;
  status: 'ACT' | 'CNL';
  cancel_date: string | null;
  cancel_reason: '1' | '2' | '3' | '4' | null;
  cancel_remark: string | null;
  adopted: number;
  signature_verified: number;
  created_at: string;
  updated_at: string;
}

export class RegistrationsRepo {
  private readonly insertStmt: Statement;
  private readonly cancelStmt: Statement;
  private readonly verifiedStmt: Statement<{ irn: string; now: string }>;
  private readonly byIrn: Statement<{ irn: string }, Row>;
  private readonly byInvoice: Statement<{ invoiceId: number }, Row>;

  constructor(
    db: Database,
    private readonly clock: Clock,
  ) {
    this.insertStmt = db.prepare(
      `INSERT INTO registrations (invoice_id, irn, ack_no, ack_dt, ack_at, signed_invoice, signed_qr, adopted, signature_verified, created_at, updated_at)
       VALUES (:invoiceId, :irn, :ackNo, :ackDt, :ackAt, :signedInvoice, :signedQrCode, :adopted, :signatureVerified, :now, :now)`,
    );
    this.cancelStmt = db.prepare(
      `UPDATE registrations SET status = 'CNL', cancel_date = :cancelDate, cancel_reason = :reason, cancel_remark = :remark, updated_at = :now
       WHERE irn = :irn`,
    );
    this.verifiedStmt = db.prepare('UPDATE registrations SET signature_verified = 1, updated_at = :now WHERE irn = :irn');
    this.byIrn = db.prepare('SELECT * FROM registrations WHERE irn = :irn');
    this.byInvoice = db.prepare('SELECT * FROM registrations WHERE invoice_id = :invoiceId');
  }

  /** For the outbox repository; call inside its transaction. */
  insert(invoiceId: number, r: RegistrationInput): Registration {
    if (!/^[0-9a-f]{64}$/.test(r.irn)) throw badInput('irn', 'must be 64 lower-case hex characters');
    const ackNo = String(r.ackNo);
    if (!/^[0-9]{1,20}$/.test(ackNo) || (typeof r.ackNo === 'number' && !Number.isSafeInteger(r.ackNo))) throw badInput('ackNo', 'must be the digits of the acknowledgement number');
    const ackAt = parseIstDateTime(r.ackDt);
    if (!ackAt) throw badInput('ackDt', 'must be the IRP date-time "yyyy-MM-dd HH:mm:ss"');
    if (!r.signedInvoice || !r.signedQrCode) throw badInput('signedInvoice', 'the signed invoice and signed QR code are both required');
    try {
      this.insertStmt.run({
        invoiceId,
        irn: r.irn,
        ackNo,
        ackDt: r.ackDt,
        ackAt: ackAt.toISOString(),
        signedInvoice: r.signedInvoice,
        signedQrCode: r.signedQrCode,
        adopted: bit(r.adopted),
        signatureVerified: bit(r.signatureVerified),
        now: isoNow(this.clock),
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new LedgerError('LEDGER_DUPLICATE', `IRN ${r.irn} or invoice ${invoiceId} is already registered in the ledger.`, 'irn');
      throw e;
    }
    return this.get(r.irn)!;
  }

  /** For the outbox repository; call inside its transaction. */
  markCancelled(irn: string, c: CancelInput): void {
    if (!parseIstDateTime(c.cancelDate)) throw badInput('cancelDate', 'must be the IRP date-time "yyyy-MM-dd HH:mm:ss"');
    if (!['1', '2', '3', '4'].includes(c.reason)) throw badInput('reason', 'must be 1, 2, 3 or 4');
    const changes = this.cancelStmt.run({ irn, cancelDate: c.cancelDate, reason: c.reason, remark: opt(c.remark), now: isoNow(this.clock) }).changes;
    if (changes === 0) throw new LedgerError('LEDGER_NOT_FOUND', `No registration with IRN ${irn}.`);
  }

  markSignatureVerified(irn: string): boolean {
    return this.verifiedStmt.run({ irn, now: isoNow(this.clock) }).changes > 0;
  }

  get(irn: string): Registration | undefined {
    const row = this.byIrn.get({ irn });
    return row && toRegistration(row);
  }

  forInvoice(invoiceId: number): Registration | undefined {
    const row = this.byInvoice.get({ invoiceId });
    return row && toRegistration(row);
  }
}

function toRegistration(r: Row): Registration {
  return {
    id: r.id,
    invoiceId: r.invoice_id,
    irn: r.irn,
    ackNo: r.ack_no,
    ackDt: r.ack_dt,
    ackAt: r.ack_at,
    signedInvoice: r.signed_invoice,
    signedQrCode: r.signed_qr,
    status: r.status,
    cancelDate: r.cancel_date ?? undefined,
    cancelReason: r.cancel_reason ?? undefined,
    cancelRemark: r.cancel_remark ?? undefined,
    adopted: bool(r.adopted),
    signatureVerified: bool(r.signature_verified),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
