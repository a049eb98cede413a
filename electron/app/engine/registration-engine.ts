/**
 * The registration engine (architecture.md §3): an IRN is never lost and never registered twice.
 *
 * - The in-flight outbox row (with the exact payload) is written BEFORE the request leaves.
 * - Success: both JWS were verified by the client; the answer is stored and the invoice marked
 *   registered in one transaction.
 * - 2150 Duplicate: adopted only after the signed invoice fetched from the IRP matches ours.
 * - Timeout, dropped connection, crash (a row left in flight), or any retry: ask irnbydocdetails
 *   first; adopt a match, resend only when the IRP has no such document. Never a blind resend.
 * - IRP down / 5xx: the invoice stays queued with backoff and a plain message.
 * - At most `concurrencyPerGstin` requests per seller GSTIN; never two for one document (the
 *   ledger refuses a second in-flight row per invoice, across processes).
 */
import { parseDocDate } from '../../../shared/dates';
import type { Invoice as Inv01 } from '../../../shared/einvoice/schema';
import { checkInvoice } from '../../../shared/einvoice/check';
import { locateViolation } from '../../../shared/einvoice/locate';
import { checkSetupFor } from '../seller-setup';
import type { Violation } from '../../../shared/einvoice/violations';
import type { HsnMaster } from '../../../shared/gst/hsn';
import { factsFor, isIrpError, type IrnResult, type IrpError } from '../../irp';
import type { IrpConnection } from '../../irp/connection';
import { LedgerError, sha256Hex, type Invoice, type Ledger, type OutboxItem, type Profile } from '../../ledger';
import { ProfileSetupError } from '../credentials';
import type { EndpointResolver } from '../endpoints';
import { Limiter, mapPool } from './limiter';
import { payloadMismatches } from './matching';

export type RegisterStatus = 'registered' | 'adopted' | 'rejected' | 'queued';

export interface RegisterOutcome {
  invoiceId: number;
  docNo: string;
  status: RegisterStatus;
  irn?: string;
  ackNo?: string;
  ackDt?: string;
  errors: Violation[];
}

export type EngineEvent =
  | { type: 'ledger:changed'; invoiceId: number }
  | { type: 'register:progress'; done: number; total: number; outcome: RegisterOutcome };

export interface EngineOptions {
  ledger: Ledger;
  endpoints: EndpointResolver;
  hsn: HsnMaster;
  now: () => Date;
  concurrencyPerGstin?: number;
  onEvent?: (event: EngineEvent) => void;
}

/** An ambiguous send resolved as "not at the IRP" is resent at once, a few times, before backing off. */
const QUICK_RETRIES = 3;
/** After an authentication or signature problem, wait long: a person has to fix the setup. */
const SETUP_PROBLEM_DELAY_MS = 30 * 60_000;

/** Any failure as {code, path, message} rows: every IRP error detail with its hint, ledger errors with their field. */
export function toViolations(e: unknown, sent?: Inv01): Violation[] {
  if (isIrpError(e)) {
    if (sent && e.details?.length) {
      // each refusal at its own field of what was sent, with the hint for its own code
      return e.details.map((d) => {
        const facts = factsFor(d.code, d.message);
        const at = locateViolation({ code: d.code, path: '', message: d.message }, facts.path, sent);
        return facts.hint && !d.message.includes(facts.hint) ? { ...at, message: `${d.message}${/[.!?]$/.test(d.message) ? '' : '.'} ${facts.hint}` } : at;
      });
    }
    const details = e.details?.length ? e.details.map((d) => ({ code: d.code, path: e.path ?? '', message: d.message })) : [e.toViolation()];
    return e.hint ? details.map((d) => ({ ...d, message: d.message.includes(e.hint ?? '') ? d.message : `${d.message} ${e.hint}` })) : details;
  }
  if (e instanceof LedgerError) return [{ code: e.code, path: e.path ?? '', message: e.message }];
  if (e instanceof ProfileSetupError) return [{ code: e.code, path: '', message: e.message }];
  return [{ code: 'ERROR', path: '', message: e instanceof Error ? e.message : String(e) }];
}

export class RegistrationEngine {
  private readonly limiters = new Map<string, Limiter>();
  /** One connection per profile, for the profile as it is now: a repointed profile gets a new one. */
  private readonly clients = new Map<string, { key: string; connection: Promise<IrpConnection> }>();

  constructor(private readonly o: EngineOptions) {}

  private emit(event: EngineEvent): void {
    this.o.onEvent?.(event);
  }

  private limiter(gstin: string): Limiter {
    let l = this.limiters.get(gstin);
    if (!l) {
      l = new Limiter(this.o.concurrencyPerGstin ?? 4);
      this.limiters.set(gstin, l);
    }
    return l;
  }

  /** The endpoint profile of a seller: the business's profile, else the one profile for its GSTIN. */
  profileFor(sellerGstin: string): Profile {
    const business = this.o.ledger.businesses.getByGstin(sellerGstin);
    const named = business?.profileName ? this.o.ledger.profiles.get(business.profileName) : undefined;
    const profile = named ?? this.o.ledger.profiles.list().find((p) => p.gstin === sellerGstin);
    if (!profile) throw new Error(`No endpoint profile for seller GSTIN ${sellerGstin}: add one with "einvoice profile add".`);
    return profile;
  }

  private client(profile: Profile): Promise<IrpConnection> {
    // Profiles are read from the ledger on every use, so a change saved by this process or another
    // (Settings, `einvoice profile add`) is seen here: the cached connection must follow it.
    const key = JSON.stringify(profile);
    const cached = this.clients.get(profile.name);
    if (cached?.key === key) return cached.connection;
    const entry = { key, connection: this.o.endpoints.client(profile) };
    this.clients.set(profile.name, entry);
    entry.connection.catch(() => {
      if (this.clients.get(profile.name) === entry) this.clients.delete(profile.name);
    });
    return entry.connection;
  }

  private outcome(invoice: Invoice, status: RegisterStatus, errors: Violation[] = []): RegisterOutcome {
    const reg = this.o.ledger.registrations.forInvoice(invoice.id);
    const out: RegisterOutcome = { invoiceId: invoice.id, docNo: invoice.docNo ?? '', status, errors };
    if (reg && (status === 'registered' || status === 'adopted')) Object.assign(out, { irn: reg.irn, ackNo: reg.ackNo, ackDt: reg.ackDt });
    this.emit({ type: 'ledger:changed', invoiceId: invoice.id });
    return out;
  }

  private mustGet(invoiceId: number): Invoice {
    const inv = this.o.ledger.invoices.get(invoiceId);
    if (!inv) throw new LedgerError('LEDGER_NOT_FOUND', `No invoice with id ${invoiceId}.`);
    return inv;
  }

  /** Local validation with the rules the IRP applies (sandbox profile for practice and NIC sandbox). */
  private validate(invoice: Invoice, payload: Inv01, profile: Profile): Violation[] {
    const business = this.o.ledger.businesses.getByGstin(invoice.sellerGstin);
    return checkInvoice(payload, checkSetupFor(this.o.ledger, business, this.o.now(), profile.kind), this.o.hsn).errors;
  }

  /** Registers one invoice that has its INV-01 payload in the ledger. Safe to call again at any time. */
  async register(invoiceId: number): Promise<RegisterOutcome> {
    const invoice = this.mustGet(invoiceId);
    return this.limiter(invoice.sellerGstin).run(() => this.registerNow(invoice));
  }

  private async registerNow(start: Invoice): Promise<RegisterOutcome> {
    let invoice = this.mustGet(start.id);
    if (invoice.status === 'registered' || invoice.status === 'cancelled') return this.outcome(invoice, this.o.ledger.registrations.forInvoice(invoice.id)?.adopted ? 'adopted' : 'registered');
    if (!invoice.payloadJson) return this.outcome(invoice, 'rejected', [{ code: 'NO_PAYLOAD', path: '', message: 'The invoice has no INV-01 payload yet: save it from the editor first.' }]);
    const payload = JSON.parse(invoice.payloadJson) as Inv01;
    let profile: Profile;
    try {
      profile = this.profileFor(invoice.sellerGstin);
    } catch (e) {
      return this.unsent(invoice.id, e);
    }
    if (invoice.status !== 'in_flight') {
      const errors = this.validate(invoice, payload, profile);
      if (errors.length > 0) {
        this.o.ledger.invoices.setStatus(invoice.id, 'rejected', { errors });
        return this.outcome(this.mustGet(invoice.id), 'rejected', errors);
      }
    }
    let client: IrpConnection;
    try {
      client = await this.client(profile);
    } catch (e) {
      return this.unsent(invoice.id, e);
    }
    // set when the IRP has just answered "no such document" (2154): the resend needs no second asking
    let justChecked = false;
    for (let quick = 0; quick < QUICK_RETRIES; quick += 1) {
      invoice = this.mustGet(invoice.id);
      let item: OutboxItem | undefined;
      if (invoice.status === 'in_flight') {
        // left in flight (a crash, or another process): resolve, never resend blind
        item = this.o.ledger.outbox.forInvoice(invoice.id).find((r) => r.state === 'in_flight' && r.op === 'register');
        if (!item) return this.outcome(invoice, 'queued', [{ code: 'IN_FLIGHT', path: '', message: 'Another request for this document is in flight.' }]);
      } else {
        try {
          item = this.o.ledger.outbox.startInFlight({ invoiceId: invoice.id, op: 'register', payload: invoice.payloadJson });
        } catch (e) {
          return this.outcome(invoice, 'queued', toViolations(e));
        }
      }
      const maybeSent = invoice.status === 'in_flight' || item.attempts > 1;
      const result = await this.attempt(item, invoice, payload, client, maybeSent && !justChecked);
      if (result !== 'resend') return result;
      justChecked = true;
    }
    return this.outcome(this.mustGet(invoice.id), 'queued', [{ code: 'RETRY', path: '', message: 'The IRP did not answer clearly; the invoice stays queued and will be checked before any resend.' }]);
  }

  /** One attempt for an in-flight row. 'resend' means: the IRP surely has no such document, go again. */
  private async attempt(item: OutboxItem, invoice: Invoice, payload: Inv01, client: IrpConnection, checkFirst: boolean): Promise<RegisterOutcome | 'resend'> {
    if (checkFirst) {
      const found = await this.lookup(item, invoice, payload, client);
      if (found !== 'absent') return found;
    }
    try {
      const res = await client.generateIrn(payload);
      return this.store(item, invoice, res, false);
    } catch (e) {
      if (isIrpError(e) && e.code === '2150' && e.duplicate) return this.adoptDuplicate(item, invoice, payload, client, e);
      if (isIrpError(e) && e.ambiguous) {
        const found = await this.lookup(item, invoice, payload, client);
        if (found !== 'absent') return found;
        this.o.ledger.outbox.reschedule(item.id, { errors: toViolations(e), delayMs: 0 });
        return 'resend';
      }
      return this.settleFailure(item, invoice, e);
    }
  }

  /** irnbydocdetails: adopts our document when the IRP has it; 'absent' when it surely does not. */
  private async lookup(item: OutboxItem, invoice: Invoice, payload: Inv01, client: IrpConnection): Promise<RegisterOutcome | 'absent'> {
    try {
      const held = await client.getByDocDetails({ docType: payload.DocDtls.Typ.toUpperCase() as 'INV', docNo: payload.DocDtls.No, docDate: payload.DocDtls.Dt });
      this.o.ledger.journal.append({ kind: 'register.recovered', invoiceId: invoice.id, outcome: 'info', details: { via: 'irnbydocdetails', irn: held.irn, attempt: item.attempts } });
      return this.adoptIfOurs(item, invoice, payload, held, false);
    } catch (e) {
      if (isIrpError(e) && e.code === '2154') return 'absent';
      return this.settleFailure(item, invoice, e);
    }
  }

  private async adoptDuplicate(item: OutboxItem, invoice: Invoice, payload: Inv01, client: IrpConnection, dup: IrpError): Promise<RegisterOutcome> {
    try {
      const held = await client.getByIrn(dup.duplicate?.irn ?? '');
      return this.adoptIfOurs(item, invoice, payload, held, true);
    } catch (e) {
      if (isIrpError(e) && (e.code === '2283' || e.code === '2148')) {
        const errors: Violation[] = [{ code: '2150', path: 'DocDtls.No', message: `The IRP already registered this document number (IRN ${dup.duplicate?.irn ?? '?'}) and no longer lets us fetch it to prove it is ours (${e.code}). Check it on the e-invoice portal before doing anything else.` }];
        this.o.ledger.outbox.fail(item.id, errors);
        return this.outcome(this.mustGet(invoice.id), 'rejected', errors);
      }
      return this.settleFailure(item, invoice, e);
    }
  }

  private adoptIfOurs(item: OutboxItem, invoice: Invoice, payload: Inv01, held: IrnResult, duplicate: boolean): RegisterOutcome {
    const diffs = payloadMismatches(payload, held.signedInvoiceData);
    if (diffs.length > 0) {
      const errors: Violation[] = [{ code: '2150', path: 'DocDtls.No', message: `The IRP holds document ${payload.DocDtls.No} (IRN ${held.irn}) with different content (${diffs.join('; ')}); not adopted. Use a new document number, or cancel that IRN on the portal.` }];
      this.o.ledger.outbox.fail(item.id, errors);
      return this.outcome(this.mustGet(invoice.id), 'rejected', errors);
    }
    return this.store(item, invoice, held, duplicate);
  }

  /**
   * Commits without waiting for the disk (synchronous=NORMAL) for writes whose loss on a power cut
   * is harmless: a lost completion leaves the row in flight, which recovery resolves through
   * irnbydocdetails, and the next FULL commit flushes the WAL up to and including it anyway. The
   * in-flight row written before a request leaves always commits at the connection's FULL.
   * (Measured: FULL costs 2.9 ms per commit here and better-sqlite3 blocks the event loop for it.)
   */
  private relaxed<T>(fn: () => T): T {
    const db = this.o.ledger.db;
    const before = db.pragma('synchronous', { simple: true }) as number;
    db.pragma('synchronous = NORMAL');
    try {
      return fn();
    } finally {
      db.pragma(`synchronous = ${before}`);
    }
  }

  private store(item: OutboxItem, invoice: Invoice, res: IrnResult, adopted: boolean): RegisterOutcome {
    this.relaxed(() => this.o.ledger.transaction(() => {
      this.o.ledger.outbox.completeRegistration(item.id, {
        irn: res.irn, ackNo: String(res.ackNo), ackDt: res.ackDt, signedInvoice: res.signedInvoice, signedQrCode: res.signedQrCode,
        adopted, signatureVerified: true,
      });
      if (res.ewbNo !== null && res.ewbDt && !this.o.ledger.ewaybills.get(res.ewbNo)) {
        this.o.ledger.ewaybills.insert(invoice.id, { ewbNo: res.ewbNo, ewbDate: res.ewbDt, validTill: res.ewbValidTill });
      }
    }));
    return this.outcome(this.mustGet(invoice.id), adopted ? 'adopted' : 'registered');
  }

  /** Non-ambiguous failures: business refusals reject; everything else stays queued with backoff. */
  private settleFailure(item: OutboxItem, invoice: Invoice, e: unknown): RegisterOutcome {
    const errors = toViolations(e, invoice.payloadJson ? (JSON.parse(invoice.payloadJson) as Inv01) : undefined);
    if (isIrpError(e) && e.kind === 'business' && !e.retriable) {
      this.o.ledger.outbox.fail(item.id, errors);
      return this.outcome(this.mustGet(invoice.id), 'rejected', errors);
    }
    const setup = e instanceof ProfileSetupError || (isIrpError(e) && (e.kind === 'auth' || e.kind === 'signature' || (e.kind === 'protocol' && !e.retriable)));
    this.o.ledger.outbox.reschedule(item.id, { errors, ...(setup ? { delayMs: SETUP_PROBLEM_DELAY_MS } : {}) });
    return this.outcome(this.mustGet(invoice.id), 'queued', errors);
  }

  /**
   * The outcome of a registration that threw before or outside the outbox's care: "queued" only
   * when the ledger really holds it queued (it will be retried); otherwise it was never sent and
   * stays a draft, so the outcome says "rejected" with the reason (a profile without keys or
   * credentials, say) rather than promising a retry nobody will make.
   */
  private unsent(id: number, e: unknown): RegisterOutcome {
    const invoice = this.o.ledger.invoices.get(id);
    const status = invoice && (invoice.status === 'queued' || invoice.status === 'in_flight') ? 'queued' : 'rejected';
    return { invoiceId: id, docNo: invoice?.docNo ?? '', status, errors: toViolations(e) };
  }

  /** Registers many invoices: per-GSTIN limits apply inside; progress after each one. */
  async registerMany(invoiceIds: readonly number[], concurrency = 4): Promise<RegisterOutcome[]> {
    let done = 0;
    return mapPool(invoiceIds, concurrency, async (id) => {
      const outcome = await this.register(id).catch((e: unknown) => this.unsent(id, e));
      done += 1;
      this.emit({ type: 'register:progress', done, total: invoiceIds.length, outcome });
      return outcome;
    });
  }

  /** Resolves every in-flight row (crash leftovers first) and every queued registration, now. */
  async reconcile(concurrency = 4): Promise<RegisterOutcome[]> {
    const inFlight = this.o.ledger.outbox.listInFlight().filter((r) => r.op === 'register').map((r) => r.invoiceId);
    const queued: number[] = [];
    let cursor: string | undefined;
    do {
      const page = this.o.ledger.invoiceList.page({ status: 'queued', limit: 500, ...(cursor ? { cursor } : {}) });
      queued.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    return this.registerMany([...new Set([...inFlight, ...queued])], concurrency);
  }

  /** Stores an INV-01 payload as a document to register (idempotent by the IRN identity). */
  ingest(payload: Inv01, businessId: number): Invoice {
    const docDate = parseDocDate(payload.DocDtls.Dt);
    if (!docDate) throw new LedgerError('LEDGER_BAD_INPUT', `DocDtls.Dt "${payload.DocDtls.Dt}" is not a date dd/mm/yyyy.`, 'DocDtls.Dt');
    const docType = payload.DocDtls.Typ.toUpperCase() as Invoice['docType'];
    const existing = this.o.ledger.invoices.findByIdentity(payload.SellerDtls.Gstin, docType, payload.DocDtls.No, docDate);
    if (existing && !this.o.ledger.invoices.isEditable(existing)) return existing;
    const payloadJson = JSON.stringify(payload);
    return this.o.ledger.transaction(() => {
      const saved = this.o.ledger.invoices.saveDraft({
        ...(existing ? { id: existing.id } : {}),
        businessId,
        docType,
        docNo: payload.DocDtls.No,
        docDate,
        buyerGstin: payload.BuyerDtls.Gstin,
        buyerName: payload.BuyerDtls.LglNm,
        totalPaise: Math.round(payload.ValDtls.TotInvVal * 100),
        draft: null,
      });
      this.o.ledger.invoices.setStatus(saved.id, 'draft', { payloadJson, payloadSha256: sha256Hex(payloadJson) });
      return this.mustGet(saved.id);
    });
  }
}

