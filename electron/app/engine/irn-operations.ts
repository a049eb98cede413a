/**
 * Operations on registered documents: cancel (reasons 1-4, refused locally after 24 hours with
 * the exact deadline), fetch by IRN, e-way bill by IRN. Each goes through the outbox like a
 * registration, so a crash mid-call is resolved, not repeated blindly.
 */
import { formatIstDateTime, formatIstForDisplay, parseIstDateTime } from '../../../shared/dates';
import { isIrpError, type CancelReason, type EwbByIrnRequest, type GstinDetails, type IrnResult } from '../../irp';
import type { ConnectionOperation } from '../../irp/connection';
import type { Ledger, LookupInput, Party, Registration } from '../../ledger';
import type { EndpointResolver } from '../endpoints';
import { toViolations, type RegistrationEngine } from './registration-engine';
import { computedDistance, transportOf } from './ewb-facts';

export const CANCEL_WINDOW_MS = 24 * 60 * 60 * 1000;
/** GSTIN lookups are re-asked after 30 days (india-compliance's default refresh interval, peers doc). */
export const GSTIN_LOOKUP_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

const TAXPAYER_STATUSES = new Set(['ACT', 'CNL', 'INA', 'PRO', 'SUS']);

/** The IRP's GSTIN details in the ledger's terms. */
export function lookupFromDetails(d: GstinDetails): LookupInput {
  const address2 = [d.addrBno, d.addrFlno, d.addrBnm].filter((x): x is string => Boolean(x && x.trim())).join(', ');
  return {
    gstin: d.gstin,
    legalName: (d.legalName ?? d.tradeName ?? d.gstin).trim(),
    ...(d.tradeName?.trim() ? { tradeName: d.tradeName.trim() } : {}),
    ...(d.addrSt?.trim() ? { address1: d.addrSt.trim() } : {}),
    ...(address2 ? { address2 } : {}),
    ...(d.addrLoc?.trim() ? { location: d.addrLoc.trim() } : {}),
    ...(d.addrPncd ? { pin: Number(d.addrPncd) } : {}),
    ...(d.stateCode ? { stateCode: String(d.stateCode).padStart(2, '0') } : {}),
    status: (TAXPAYER_STATUSES.has(d.status ?? '') ? d.status : 'ACT') as LookupInput['status'],
    taxpayerType: d.txpType ?? 'REG',
    ...(d.dtReg ? { registeredOn: d.dtReg } : {}),
    ...(d.dtDReg ? { deregisteredOn: d.dtDReg } : {}),
    blocked: d.blkStatus === 'B',
  };
}

export class OperationError extends Error {
  override name = 'OperationError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** When an IRN's cancel window closes (24 hours after its AckDt, IST). */
export function cancelDeadline(reg: Pick<Registration, 'ackDt'>): Date {
  const ack = parseIstDateTime(reg.ackDt);
  if (!ack) throw new OperationError('BAD_ACKDT', `The stored AckDt "${reg.ackDt}" is not a date.`);
  return new Date(ack.getTime() + CANCEL_WINDOW_MS);
}

export class IrnOperations {
  constructor(private readonly o: { ledger: Ledger; engine: RegistrationEngine; endpoints: EndpointResolver; now: () => Date }) {}

  private registration(irn: string): Registration {
    const reg = this.o.ledger.registrations.get(irn.toLowerCase());
    if (!reg) throw new OperationError('2148', `IRN ${irn} is not in this ledger.`);
    return reg;
  }

  /** The seller's connection, refused before the outbox row when its road cannot do `op`. */
  private async clientFor(reg: Registration, op: ConnectionOperation) {
    const invoice = this.o.ledger.invoices.get(reg.invoiceId);
    if (!invoice) throw new OperationError('LEDGER_NOT_FOUND', `No invoice for IRN ${reg.irn}.`);
    return { invoice, client: await this.o.endpoints.client(this.o.engine.profileFor(invoice.sellerGstin), op) };
  }

  async cancel(irn: string, reason: CancelReason, remark: string): Promise<Registration> {
    const reg = this.registration(irn);
    if (reg.status === 'CNL') return reg;
    const deadline = cancelDeadline(reg);
    if (this.o.now() > deadline) {
      throw new OperationError('2270', `IRN ${reg.irn} can no longer be cancelled: the 24-hour window closed on ${formatIstForDisplay(deadline)} IST. Issue a credit note instead.`);
    }
    if (this.o.ledger.ewaybills.forInvoice(reg.invoiceId).some((e) => e.status === 'ACT')) {
      throw new OperationError('2230', `IRN ${reg.irn} has an active e-way bill: cancel the e-way bill first.`);
    }
    const { client } = await this.clientFor(reg, 'cancel');
    const body = { Irn: reg.irn, CnlRsn: reason, CnlRem: remark };
    const item = this.o.ledger.outbox.startInFlight({ invoiceId: reg.invoiceId, op: 'cancel', payload: body });
    try {
      const res = await client.cancelIrn(reg.irn, reason, remark);
      this.o.ledger.outbox.completeCancel(item.id, reg.irn, { cancelDate: res.cancelDate, reason, remark });
    } catch (e) {
      if (isIrpError(e) && e.code === '9999') {
        // "Invoice is not active": already cancelled at the IRP (an earlier attempt got through)
        this.o.ledger.outbox.completeCancel(item.id, reg.irn, { cancelDate: formatIstDateTime(this.o.now()), reason, remark });
      } else if (isIrpError(e) && e.kind === 'business' && !e.retriable) {
        this.o.ledger.outbox.fail(item.id, toViolations(e));
        throw e;
      } else {
        this.o.ledger.outbox.reschedule(item.id, { errors: toViolations(e) });
        throw e;
      }
    }
    return this.registration(irn);
  }

  /** The IRP's copy of an IRN (verified signatures); also refreshes nothing locally. */
  async fetch(irn: string, sellerGstin?: string): Promise<IrnResult> {
    const local = this.o.ledger.registrations.get(irn.toLowerCase());
    const gstin = sellerGstin ?? (local ? this.o.ledger.invoices.get(local.invoiceId)?.sellerGstin : undefined);
    if (!gstin) throw new OperationError('2148', `IRN ${irn} is not in this ledger; say which seller GSTIN it belongs to.`);
    const client = await this.o.endpoints.client(this.o.engine.profileFor(gstin), 'getByIrn');
    return client.getByIrn(irn);
  }

  /**
   * A GSTIN's master record for the buyer picker and the status rules: the ledger's copy when it
   * is younger than maxAgeMs, else the IRP's (asked as `sellerGstin`), stored for next time.
   * `sync` asks the IRP to re-pull it from the GST portal first (after 3028/3029).
   */
  async lookupGstin(gstin: string, sellerGstin: string, options: { maxAgeMs?: number; sync?: boolean } = {}): Promise<{ party: Party; source: 'cache' | 'irp' }> {
    const wanted = gstin.trim().toUpperCase();
    if (!/^[0-9]{2}[0-9A-Z]{13}$/.test(wanted)) throw new OperationError('3030', `"${gstin}" is not a 15-character GSTIN.`);
    const cached = this.o.ledger.parties.getByGstin(wanted);
    const age = this.o.ledger.parties.lookupAgeMs(wanted);
    if (!options.sync && cached && age !== undefined && age <= (options.maxAgeMs ?? GSTIN_LOOKUP_MAX_AGE_MS)) return { party: cached, source: 'cache' };
    const client = await this.o.endpoints.client(this.o.engine.profileFor(sellerGstin), options.sync ? 'syncGstin' : 'gstinDetails');
    try {
      const details = options.sync ? await client.syncGstin(wanted) : await client.gstinDetails(wanted);
      return { party: this.o.ledger.parties.saveLookup(lookupFromDetails(details)), source: 'irp' };
    } catch (e) {
      if (isIrpError(e) && e.code === '3001') throw new OperationError('3001', `GSTIN ${wanted} is not in the GST master: check it with the buyer.`);
      throw e;
    }
  }

  async ewayBill(irn: string, request: Omit<EwbByIrnRequest, 'Irn'>) {
    const reg = this.registration(irn);
    if (reg.status !== 'ACT') throw new OperationError('4000', `IRN ${reg.irn} is cancelled: no e-way bill can be raised on it.`);
    const { client } = await this.clientFor(reg, 'generateEwb');
    const body: EwbByIrnRequest = { Irn: reg.irn, ...request };
    const item = this.o.ledger.outbox.startInFlight({ invoiceId: reg.invoiceId, op: 'ewb', payload: body });
    try {
      const res = await client.generateEwb(body);
      return this.o.ledger.transaction(() => {
        const transport = transportOf(body, computedDistance(res.info, res.remarks));
        this.o.ledger.outbox.completeEwayBill(item.id, { ewbNo: res.ewbNo, ewbDate: res.ewbDt, validTill: res.ewbValidTill, ...transport });
        return { ...res, ewbNo: String(res.ewbNo) };
      });
    } catch (e) {
      if (isIrpError(e) && e.code === '4002') {
        const held = await client.getEwbByIrn(reg.irn);
        const ewbDt = held.ewbDt ?? formatIstDateTime(this.o.now());
        this.o.ledger.outbox.completeEwayBill(item.id, { ewbNo: held.ewbNo, ewbDate: ewbDt, validTill: held.ewbValidTill, ...transportOf(body) });
        return { ewbNo: String(held.ewbNo), ewbDt, ewbValidTill: held.ewbValidTill, remarks: null, info: [] };
      }
      if (isIrpError(e) && e.kind === 'business' && !e.retriable) this.o.ledger.outbox.fail(item.id, toViolations(e));
      else this.o.ledger.outbox.reschedule(item.id, { errors: toViolations(e) });
      throw e;
    }
  }
}
