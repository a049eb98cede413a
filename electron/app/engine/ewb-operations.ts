/**
 * The e-way bill after it is raised (issue 17 item 8): the distance estimate shown before raising
 * one, Part-B updates (vehicle or transport document) and cancelling within 24 hours. Cancel goes
 * through the outbox (op cancel_ewb) like an IRN cancel; a Part-B update is journalled before it is
 * sent and after the answer (`ewb_partb.sent/ok/failed/retry`): sending the same vehicle twice is
 * harmless, so it needs no in-flight lock, and what the IRP answered is stored with the bill.
 *
 * On NIC's production IRP these two calls do not exist (irp-protocol.md §4.9: "sandbox only; on
 * production use the E-Way Bill System API"), so for production and GSP profiles the app says
 * where to do it instead of sending a request that cannot work.
 */
import { formatIstDateTime, formatIstForDisplay, parseIstDateTime } from '../../../shared/dates';
import type { Invoice as Inv01 } from '../../../shared/einvoice/schema';
import { IrpClient, isIrpError, type EwbPartBRequest } from '../../irp';
import type { EwayBill, Ledger } from '../../ledger';
import { pinToPinDistance } from '../../sandbox/distance';
import type { EndpointResolver } from '../endpoints';
import { ewbSystemToIst } from './ewb-facts';
import { OperationError } from './irn-operations';
import { toViolations, type RegistrationEngine } from './registration-engine';

export const EWB_CANCEL_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface DistanceEstimate {
  fromPin?: number;
  toPin?: number;
  /** The practice IRP's PIN-to-PIN figure (NIC's own table decides on the real IRP). */
  km?: number;
  /** Same PIN at both ends: the IRP wants the actual distance (1-100 km), not 0. */
  samePin: boolean;
}

export interface PartBInput {
  transMode: '1' | '2' | '3' | '4';
  vehicleNo?: string;
  vehicleType?: 'R' | 'O';
  transDocNo?: string;
  transDocDate?: string;
  fromPlace: string;
  fromState: string;
  reason: '1' | '2' | '3' | '4';
  remark: string;
}

export class EwbOperations {
  constructor(private readonly o: { ledger: Ledger; engine: RegistrationEngine; endpoints: EndpointResolver; now: () => Date }) {}

  /** The PINs an e-way bill for this invoice runs between (dispatch/ship-to first) and the estimate. */
  estimate(invoiceId: number): DistanceEstimate {
    const inv = this.o.ledger.invoices.get(invoiceId);
    if (!inv?.payloadJson) return { samePin: false };
    const p = JSON.parse(inv.payloadJson) as Inv01;
    const fromPin = p.DispDtls?.Pin ?? p.SellerDtls.Pin;
    const toPin = p.ShipDtls?.Pin ?? p.BuyerDtls.Pin;
    const samePin = fromPin === toPin;
    const d = typeof fromPin === 'number' && typeof toPin === 'number' && !samePin ? pinToPinDistance(fromPin, toPin) : undefined;
    return { ...(typeof fromPin === 'number' ? { fromPin } : {}), ...(typeof toPin === 'number' ? { toPin } : {}), ...(d ? { km: d.km } : {}), samePin };
  }

  private bill(ewbNo: string): EwayBill {
    const bill = this.o.ledger.ewaybills.get(ewbNo);
    if (!bill) throw new OperationError('LEDGER_NOT_FOUND', `E-way bill ${ewbNo} is not in this ledger.`);
    return bill;
  }

  private async clientFor(bill: EwayBill, what: string) {
    const invoice = this.o.ledger.invoices.get(bill.invoiceId);
    if (!invoice) throw new OperationError('LEDGER_NOT_FOUND', `No invoice for e-way bill ${bill.ewbNo}.`);
    const profile = this.o.engine.profileFor(invoice.sellerGstin);
    const client = profile.kind === 'practice' || profile.kind === 'nic-sandbox' ? await this.o.endpoints.client(profile, 'any') : undefined;
    // the IRP offers these e-way bill actions on its sandbox only (NIC's own API, not a GSP or the portal)
    if (!(client instanceof IrpClient)) {
      throw new OperationError('EWB_PORTAL_ONLY', `To ${what} e-way bill ${bill.ewbNo}, use the e-way bill portal (ewaybillgst.gov.in): the IRP offers this only on its sandbox.`);
    }
    return { invoice, client };
  }

  async cancel(ewbNo: string, reason: 1 | 2 | 3 | 4, remark: string): Promise<EwayBill> {
    const bill = this.bill(ewbNo);
    if (bill.status === 'CNL') return bill;
    const raised = parseIstDateTime(bill.ewbDate);
    if (raised && this.o.now().getTime() > raised.getTime() + EWB_CANCEL_WINDOW_MS) {
      throw new OperationError('315', `E-way bill ${ewbNo} can no longer be cancelled: the 24-hour window closed on ${formatIstForDisplay(new Date(raised.getTime() + EWB_CANCEL_WINDOW_MS))} IST.`);
    }
    const { invoice, client } = await this.clientFor(bill, 'cancel');
    const body = { ewbNo: Number(ewbNo), cancelRsnCode: reason, cancelRmrk: remark };
    const item = this.o.ledger.outbox.startInFlight({ invoiceId: invoice.id, op: 'cancel_ewb', payload: body });
    const done = (cancelDate: string) =>
      this.o.ledger.transaction(() => {
        this.o.ledger.outbox.completeEwayBillCancel(item.id, ewbNo, cancelDate);
        this.o.ledger.ewaybills.noteCancel(ewbNo, String(reason), remark);
      });
    try {
      const res = await client.cancelEwb({ ewbNo: Number(ewbNo), reasonCode: reason, remark });
      done(ewbSystemToIst(res.cancelDate));
    } catch (e) {
      // 312 also means "already cancelled": an earlier attempt may have got through; ask the IRP.
      const reg = this.o.ledger.registrations.forInvoice(invoice.id);
      if (isIrpError(e) && e.code === '312' && reg) {
        const held = await client.getEwbByIrn(reg.irn).catch(() => undefined);
        if (held && String(held.ewbNo) === ewbNo && held.status === 'CNL') {
          done(formatIstDateTime(this.o.now()));
          return this.bill(ewbNo);
        }
      }
      if (isIrpError(e) && e.kind === 'business' && !e.retriable) this.o.ledger.outbox.fail(item.id, toViolations(e));
      else this.o.ledger.outbox.reschedule(item.id, { errors: toViolations(e) });
      throw e;
    }
    return this.bill(ewbNo);
  }

  async updatePartB(ewbNo: string, input: PartBInput): Promise<EwayBill> {
    const bill = this.bill(ewbNo);
    if (bill.status !== 'ACT') throw new OperationError('312', `E-way bill ${ewbNo} is cancelled: its vehicle cannot be changed.`);
    const { invoice, client } = await this.clientFor(bill, 'update Part-B of');
    const req: EwbPartBRequest = {
      ewbNo: Number(ewbNo),
      transMode: input.transMode,
      ...(input.vehicleNo ? { vehicleNo: input.vehicleNo.toUpperCase(), vehicleType: input.vehicleType ?? 'R' } : {}),
      ...(input.transDocNo ? { transDocNo: input.transDocNo } : {}),
      ...(input.transDocDate ? { transDocDate: input.transDocDate } : {}),
      fromPlace: input.fromPlace.trim(),
      fromState: Number(input.fromState),
      reasonCode: Number(input.reason) as 1 | 2 | 3 | 4,
      reasonRem: input.remark,
    };
    const journal = (step: string, outcome: 'ok' | 'error' | 'info', details: Record<string, unknown>) =>
      this.o.ledger.journal.append({ kind: `ewb_partb.${step}`, invoiceId: invoice.id, outcome, details: { ewbNo, ...details } });
    journal('sent', 'info', { vehicleNo: req.vehicleNo ?? null, transDocNo: req.transDocNo ?? null, reason: input.reason });
    try {
      const res = await client.updateEwbPartB(req);
      return this.o.ledger.transaction(() => {
        const validTill = res.validUpto ? ewbSystemToIst(res.validUpto) : undefined;
        const saved = this.o.ledger.ewaybills.recordPartB(ewbNo, {
          updatedAt: ewbSystemToIst(res.vehUpdDate), transMode: input.transMode,
          ...(req.vehicleNo ? { vehicleNo: req.vehicleNo } : {}), ...(req.transDocNo ? { transDocNo: req.transDocNo } : {}),
          ...(req.transDocDate ? { transDocDt: req.transDocDate } : {}),
          fromPlace: req.fromPlace, fromState: input.fromState, reasonCode: input.reason, ...(input.remark ? { remark: input.remark } : {}),
          ...(validTill ? { validTill } : {}),
        });
        journal('ok', 'ok', { vehicleNo: req.vehicleNo ?? null, validTill: validTill ?? null });
        return saved;
      });
    } catch (e) {
      const refused = isIrpError(e) && e.kind === 'business' && !e.retriable;
      journal(refused ? 'failed' : 'retry', 'error', { errors: toViolations(e) });
      throw e;
    }
  }
}
