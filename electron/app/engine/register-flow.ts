/**
 * One registration, from the ledger's state to a true outcome (registration-engine.ts runs it
 * under the per-GSTIN limit and waits when another process holds the document).
 *
 * - draft / rejected / queued: validate locally, claim the row (on disk before the request
 *   leaves), send. A row tried before is first looked up (irnbydocdetails).
 * - in flight, holder gone (crash, killed process, expired lease): take it over atomically,
 *   resolve it by lookup first; only "not at the IRP" leads to a resend, and that resend is a new
 *   attempt through the same claim (attempts + 1, a `register.sent` journal entry).
 * - in flight, live holder elsewhere: left alone, reported `in_flight` (the engine waits).
 * - registered / cancelled: reported registered with the IRN (and who did it).
 * - Whatever a write throws (another process finished or took the row in between), the outcome is
 *   read back from the ledger: never "rejected" for something the IRP did not refuse.
 */
import type { Invoice as Inv01 } from '../../../shared/einvoice/schema';
import type { Violation } from '../../../shared/einvoice/violations';
import { isIrpError, type IrnResult, type IrpError } from '../../irp';
import type { IrpConnection } from '../../irp/connection';
import { LedgerError, type Invoice, type Ledger, type OutboxItem, type Profile } from '../../ledger';
import { ProfileSetupError } from '../credentials';
import type { GroupCommit } from './group-commit';
import { payloadMismatches } from './matching';
import { BY_ANOTHER, EARLIER, ELSEWHERE, toViolations, type RegisterOutcome, type RegisterStatus } from './outcomes';

/** An ambiguous send resolved as "not at the IRP" is resent at once, a few times, before backing off. */
const QUICK_RETRIES = 3;
/** After an authentication or signature problem, wait long: a person has to fix the setup. */
const SETUP_PROBLEM_DELAY_MS = 30 * 60_000;
/** Re-reads of the ledger when another process changes the document between two steps. */
const RACE_ROUNDS = 5;

export interface FlowContext {
  ledger: () => Ledger;
  commits: GroupCommit;
  profileFor: (sellerGstin: string) => Profile;
  client: (profile: Profile) => Promise<IrpConnection>;
  validate: (invoice: Invoice, payload: Inv01, profile: Profile) => Violation[];
  changed: (invoiceId: number) => void;
}

type Attempt = RegisterOutcome | { resend: Violation[] };

const asViolations = (errors: ReadonlyArray<{ code: string; path?: string; message: string }> | undefined): Violation[] =>
  (errors ?? []).map((e) => ({ code: e.code, path: e.path ?? '', message: e.message }));

export class RegisterFlow {
  constructor(private readonly c: FlowContext) {}

  private get ledger(): Ledger {
    return this.c.ledger();
  }

  /** One pass over the document's current state; an `in_flight` outcome means "held elsewhere". */
  async run(invoiceId: number): Promise<RegisterOutcome> {
    for (let round = 0; round < RACE_ROUNDS; round += 1) {
      const invoice = this.ledger.invoices.get(invoiceId);
      if (!invoice) return this.notSent(invoiceId, '', [{ code: 'LEDGER_NOT_FOUND', path: '', message: `No invoice with id ${invoiceId}.` }]);
      if (invoice.status === 'registered' || invoice.status === 'cancelled') return this.finished(invoice);
      const row = invoice.status === 'in_flight' ? this.inFlightRow(invoiceId) : undefined;
      if (invoice.status === 'in_flight' && !row) continue; // finished between two reads
      const payloadJson = row?.payloadJson ?? invoice.payloadJson;
      if (!payloadJson) return this.notSent(invoice.id, invoice.docNo, [{ code: 'NO_PAYLOAD', path: '', message: 'The invoice has no INV-01 payload yet: save it from the editor first.' }]);
      const payload = JSON.parse(payloadJson) as Inv01;
      let profile: Profile;
      let client: IrpConnection;
      try {
        profile = this.c.profileFor(invoice.sellerGstin);
        if (!row) {
          const errors = this.c.validate(invoice, payload, profile);
          if (errors.length > 0) {
            this.ledger.invoices.setStatus(invoice.id, 'rejected', { errors });
            return this.notSent(invoice.id, invoice.docNo, errors);
          }
        }
        client = await this.c.client(profile);
      } catch (e) {
        return this.truth(invoice.id, e);
      }
      if (row) {
        if (this.ledger.outbox.holder(row) === 'live') return this.elsewhere(invoice, row);
        const taken = await this.c.commits.run(() => this.ledger.outbox.takeOver(row.id)).catch(() => undefined);
        if (!taken) continue;
        return this.resolveLeftover(taken, invoice, payload, client);
      }
      let item: OutboxItem;
      try {
        item = await this.c.commits.run(() => this.ledger.outbox.startInFlight({ invoiceId: invoice.id, op: 'register', payload: payloadJson }));
      } catch (e) {
        // another process claimed or finished it a moment ago: look again
        if (e instanceof LedgerError && (e.code === 'OUTBOX_BUSY' || e.code === 'INVOICE_LOCKED')) continue;
        return this.truth(invoice.id, e);
      }
      return this.sendLoop(item, invoice, payload, client, item.attempts > 1);
    }
    return this.truth(invoiceId);
  }

  private inFlightRow(invoiceId: number): OutboxItem | undefined {
    return this.ledger.outbox.forInvoice(invoiceId).find((r) => r.state === 'in_flight' && r.op === 'register');
  }

  /** A row whose holder is gone: the request may have reached the IRP, so ask before anything else. */
  private async resolveLeftover(item: OutboxItem, invoice: Invoice, payload: Inv01, client: IrpConnection): Promise<RegisterOutcome> {
    const found = await this.lookup(item, invoice, payload, client);
    if (found !== 'absent') return found;
    try {
      const again = await this.c.commits.run(() => this.ledger.outbox.resend(item.id));
      return await this.sendLoop(again, invoice, payload, client, false);
    } catch (e) {
      return this.truth(invoice.id, e);
    }
  }

  private async sendLoop(start: OutboxItem, invoice: Invoice, payload: Inv01, client: IrpConnection, checkFirst: boolean): Promise<RegisterOutcome> {
    let item = start;
    let check = checkFirst;
    let last: Violation[] = [];
    for (let quick = 0; quick < QUICK_RETRIES; quick += 1) {
      const result = await this.attempt(item, invoice, payload, client, check);
      if (!('resend' in result)) return result;
      last = result.resend;
      if (quick === QUICK_RETRIES - 1) break;
      try {
        // the IRP surely has no such document: a new attempt, journalled like the first
        item = await this.c.commits.run(() => this.ledger.outbox.resend(item.id));
      } catch (e) {
        return this.truth(invoice.id, e);
      }
      check = false;
    }
    const errors = [...last, { code: 'RETRY', path: '', message: 'The IRP did not answer clearly; the invoice stays queued and will be checked before any resend.' }];
    try {
      await this.c.commits.run(() => this.ledger.outbox.reschedule(item.id, { errors }));
    } catch (e) {
      return this.truth(invoice.id, e);
    }
    return this.outcome(invoice.id, 'queued', errors);
  }

  /** One send of a row this process holds. `resend`: the IRP surely has no such document. */
  private async attempt(item: OutboxItem, invoice: Invoice, payload: Inv01, client: IrpConnection, checkFirst: boolean): Promise<Attempt> {
    if (checkFirst) {
      const found = await this.lookup(item, invoice, payload, client);
      if (found !== 'absent') return found;
    }
    try {
      const res = await client.generateIrn(payload);
      return await this.store(item, invoice, res, false);
    } catch (e) {
      if (isIrpError(e) && e.code === '2150' && e.duplicate) return this.adoptDuplicate(item, invoice, payload, client, e);
      if (isIrpError(e) && e.ambiguous) {
        const found = await this.lookup(item, invoice, payload, client);
        return found === 'absent' ? { resend: toViolations(e) } : found;
      }
      return this.settleFailure(item, invoice, e);
    }
  }

  /** irnbydocdetails: adopts our document when the IRP has it; 'absent' when it surely does not. */
  private async lookup(item: OutboxItem, invoice: Invoice, payload: Inv01, client: IrpConnection): Promise<RegisterOutcome | 'absent'> {
    let held: IrnResult;
    try {
      held = await client.getByDocDetails({ docType: payload.DocDtls.Typ.toUpperCase() as 'INV', docNo: payload.DocDtls.No, docDate: payload.DocDtls.Dt });
    } catch (e) {
      if (isIrpError(e) && e.code === '2154') return 'absent';
      return this.settleFailure(item, invoice, e);
    }
    return this.adoptIfOurs(item, invoice, payload, held, false, { via: 'irnbydocdetails', irn: held.irn, attempt: item.attempts });
  }

  private async adoptDuplicate(item: OutboxItem, invoice: Invoice, payload: Inv01, client: IrpConnection, dup: IrpError): Promise<RegisterOutcome> {
    try {
      const held = await client.getByIrn(dup.duplicate?.irn ?? '');
      return await this.adoptIfOurs(item, invoice, payload, held, true);
    } catch (e) {
      if (isIrpError(e) && (e.code === '2283' || e.code === '2148')) {
        const errors: Violation[] = [{ code: '2150', path: 'DocDtls.No', message: `The IRP already registered this document number (IRN ${dup.duplicate?.irn ?? '?'}) and no longer lets us fetch it to prove it is ours (${e.code}). Check it on the e-invoice portal before doing anything else.` }];
        return this.failed(item, invoice, errors);
      }
      return this.settleFailure(item, invoice, e);
    }
  }

  private async adoptIfOurs(item: OutboxItem, invoice: Invoice, payload: Inv01, held: IrnResult, duplicate: boolean, recovered?: Record<string, unknown>): Promise<RegisterOutcome> {
    const diffs = payloadMismatches(payload, held.signedInvoiceData);
    if (diffs.length > 0) {
      const errors: Violation[] = [{ code: '2150', path: 'DocDtls.No', message: `The IRP holds document ${payload.DocDtls.No} (IRN ${held.irn}) with different content (${diffs.join('; ')}); not adopted. Use a new document number, or cancel that IRN on the portal.` }];
      return this.failed(item, invoice, errors);
    }
    return this.store(item, invoice, held, duplicate, recovered);
  }

  /** IRN and invoice "registered" in one transaction; reported only once that is on disk. */
  private async store(item: OutboxItem, invoice: Invoice, res: IrnResult, adopted: boolean, recovered?: Record<string, unknown>): Promise<RegisterOutcome> {
    try {
      await this.c.commits.run(() => {
        const ledger = this.ledger;
        if (recovered) ledger.journal.append({ kind: 'register.recovered', invoiceId: invoice.id, outcome: 'info', details: recovered });
        ledger.outbox.completeRegistration(item.id, {
          irn: res.irn, ackNo: String(res.ackNo), ackDt: res.ackDt, signedInvoice: res.signedInvoice, signedQrCode: res.signedQrCode,
          adopted, signatureVerified: true,
        });
        if (res.ewbNo !== null && res.ewbDt && !ledger.ewaybills.get(res.ewbNo)) {
          ledger.ewaybills.insert(invoice.id, { ewbNo: res.ewbNo, ewbDate: res.ewbDt, validTill: res.ewbValidTill });
        }
      });
    } catch (e) {
      return this.truth(invoice.id, e);
    }
    return this.outcome(invoice.id, adopted ? 'adopted' : 'registered');
  }

  /** A final refusal by the IRP (or a duplicate that is not ours). */
  private async failed(item: OutboxItem, invoice: Invoice, errors: Violation[]): Promise<RegisterOutcome> {
    try {
      await this.c.commits.run(() => this.ledger.outbox.fail(item.id, errors));
    } catch (e) {
      return this.truth(invoice.id, e);
    }
    return this.outcome(invoice.id, 'rejected', errors);
  }

  /** Non-ambiguous failures: business refusals reject; everything else stays queued with backoff. */
  private async settleFailure(item: OutboxItem, invoice: Invoice, e: unknown): Promise<RegisterOutcome> {
    // each IRP refusal at its own field of what was sent
    const errors = toViolations(e, invoice.payloadJson ? (JSON.parse(invoice.payloadJson) as Inv01) : undefined);
    if (isIrpError(e) && e.kind === 'business' && !e.retriable) return this.failed(item, invoice, errors);
    const setup = e instanceof ProfileSetupError || (isIrpError(e) && (e.kind === 'auth' || e.kind === 'signature' || (e.kind === 'protocol' && !e.retriable)));
    try {
      await this.c.commits.run(() => this.ledger.outbox.reschedule(item.id, { errors, ...(setup ? { delayMs: SETUP_PROBLEM_DELAY_MS } : {}) }));
    } catch (err) {
      return this.truth(invoice.id, err);
    }
    return this.outcome(invoice.id, 'queued', errors);
  }

  /**
   * The outcome the ledger supports now, after `e` (if any) stopped this call: registered if it
   * is (whoever did it), in flight elsewhere, queued, rejected by the IRP earlier; otherwise not
   * sent, with e as the reason.
   */
  truth(invoiceId: number, e?: unknown): RegisterOutcome {
    const invoice = this.ledger.invoices.get(invoiceId);
    const reason = e === undefined ? [] : toViolations(e);
    if (!invoice) return this.notSent(invoiceId, '', reason);
    if (invoice.status === 'registered' || invoice.status === 'cancelled') return this.finished(invoice);
    if (invoice.status === 'in_flight') {
      const row = this.inFlightRow(invoiceId);
      if (row && this.ledger.outbox.holder(row) === 'live') return this.elsewhere(invoice, row);
      // ours or nobody's: the request may be at the IRP; reconcile asks before any resend
      return this.outcome(invoiceId, 'queued', [...reason, { code: 'IN_FLIGHT', path: '', message: 'The answer for this document is not recorded yet; it is checked with the IRP (irnbydocdetails) before anything is sent again.' }]);
    }
    if (invoice.status === 'queued') return this.outcome(invoiceId, 'queued', [...reason, ...(asViolations(invoice.lastErrors))]);
    if (reason.length > 0) return this.notSent(invoiceId, invoice.docNo, reason);
    // rejected by the IRP (its last register row failed), or never sent (a local check refused it)
    const last = this.ledger.outbox.forInvoice(invoiceId).filter((r) => r.op === 'register').pop();
    if (invoice.status === 'rejected' && last?.state === 'failed') return this.outcome(invoiceId, 'rejected', asViolations(invoice.lastErrors));
    return this.notSent(invoiceId, invoice.docNo, invoice.lastErrors?.length ? asViolations(invoice.lastErrors) : [{ code: 'NOT_SENT', path: '', message: 'The document was not sent.' }]);
  }

  /** Registered or cancelled in the ledger: the IRN, and who registered it when it was not this process. */
  finished(invoice: Invoice): RegisterOutcome {
    const reg = this.ledger.registrations.forInvoice(invoice.id);
    const done = this.ledger.outbox.forInvoice(invoice.id).filter((r) => r.op === 'register' && r.state === 'done').pop();
    const holder = done?.owner ? (done.owner.instance === this.ledger.outbox.owner.instance ? 'mine' : 'other') : 'unknown';
    const out = this.outcome(invoice.id, reg?.adopted ? 'adopted' : 'registered');
    if (holder === 'other') out.note = BY_ANOTHER;
    else if (holder === 'unknown') out.note = EARLIER;
    return out;
  }

  private elsewhere(invoice: Invoice, row: OutboxItem): RegisterOutcome {
    const who = row.owner ? `process ${row.owner.pid}${row.owner.host === this.ledger.outbox.owner.host ? '' : ` on ${row.owner.host}`}` : 'another process';
    return this.outcome(invoice.id, 'in_flight', [
      { code: ELSEWHERE, path: '', message: `Being sent by another window or process (${who}, attempt ${row.attempts}); left alone so it is never sent twice.` },
    ]);
  }

  private notSent(invoiceId: number, docNo: string | undefined, errors: Violation[]): RegisterOutcome {
    this.c.changed(invoiceId);
    return { invoiceId, docNo: docNo ?? '', status: 'not_sent', errors };
  }

  private outcome(invoiceId: number, status: RegisterStatus, errors: Violation[] = []): RegisterOutcome {
    const invoice = this.ledger.invoices.get(invoiceId);
    const out: RegisterOutcome = { invoiceId, docNo: invoice?.docNo ?? '', status, errors };
    const reg = status === 'registered' || status === 'adopted' ? this.ledger.registrations.forInvoice(invoiceId) : undefined;
    if (reg) Object.assign(out, { irn: reg.irn, ackNo: reg.ackNo, ackDt: reg.ackDt });
    this.c.changed(invoiceId);
    return out;
  }
}
