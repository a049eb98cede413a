/**
 * The registration engine (architecture.md §3): an IRN is never lost and never registered twice,
 * even with several processes on one ledger (the desktop app, a second window, `einvoice
 * register` from an ERP, `einvoice reconcile`).
 *
 * - The in-flight outbox row (exact payload, owner, lease) is on disk BEFORE the request leaves;
 *   the IRN is on disk before "registered" is reported. Writes that are ready together share one
 *   commit (group-commit.ts).
 * - A row held by a live owner elsewhere is left alone: this engine waits (up to
 *   `waitForOthersMs`) and reports what that owner achieved, or `in_flight` ("being sent by
 *   another window or process"). A row whose owner is gone is taken over and resolved by lookup.
 * - Outcomes are read back from the ledger when anything races (outcomes.ts, register-flow.ts).
 * - At most `concurrencyPerGstin` requests per seller GSTIN (default DEFAULT_CONCURRENCY, or the
 *   ledger setting `registration.concurrency`, or the caller's, e.g. `--concurrency`).
 */
import { parseDocDate } from '../../../shared/dates';
import type { Invoice as Inv01 } from '../../../shared/einvoice/schema';
import { checkInvoice } from '../../../shared/einvoice/check';
import type { Violation } from '../../../shared/einvoice/violations';
import type { HsnMaster } from '../../../shared/gst/hsn';
import type { IrpConnection } from '../../irp/connection';
import { LedgerError, sha256Hex, type Invoice, type Ledger, type Profile } from '../../ledger';
import type { EndpointResolver } from '../endpoints';
import { checkSetupFor } from '../seller-setup';
import { GroupCommit } from './group-commit';
import { Limiter, mapPool } from './limiter';
import { BY_ANOTHER, ELSEWHERE, type RegisterOutcome } from './outcomes';
import { RegisterFlow } from './register-flow';

export { toViolations, type RegisterOutcome, type RegisterStatus } from './outcomes';

/**
 * Requests at once per seller GSTIN when nothing else is said. Chosen by measurement against the
 * practice IRP with a NIC-like service time (docs/benchmarks.md, "Registration throughput").
 */
export const DEFAULT_CONCURRENCY = 8;
export const MAX_CONCURRENCY = 64;
/** How long a call waits for another process that holds the document before saying so. */
export const DEFAULT_WAIT_FOR_OTHERS_MS = 20_000;
const POLL_MS = 100;

export type EngineEvent =
  | { type: 'ledger:changed'; invoiceId: number }
  | { type: 'register:progress'; done: number; total: number; outcome: RegisterOutcome };

export interface EngineOptions {
  ledger: Ledger;
  endpoints: EndpointResolver;
  hsn: HsnMaster;
  now: () => Date;
  /** Overrides the ledger setting and DEFAULT_CONCURRENCY. */
  concurrencyPerGstin?: number;
  /** How long to wait for a document another process is sending (default 20 s). */
  waitForOthersMs?: number;
  onEvent?: (event: EngineEvent) => void;
}

export interface IngestResult {
  invoice?: Invoice;
  error?: unknown;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class RegistrationEngine {
  private readonly limiters = new Map<string, Limiter>();
  /** One connection per profile, for the profile as it is now: a repointed profile gets a new one. */
  private readonly clients = new Map<string, { key: string; connection: Promise<IrpConnection> }>();
  /** Calls running in this engine, by invoice: a second call for the same document shares the first. */
  private readonly running = new Map<number, Promise<RegisterOutcome>>();
  readonly commits: GroupCommit;
  private readonly flow: RegisterFlow;

  constructor(private readonly o: EngineOptions) {
    this.commits = new GroupCommit(() => this.o.ledger);
    this.flow = new RegisterFlow({
      ledger: () => this.o.ledger,
      commits: this.commits,
      profileFor: (gstin) => this.profileFor(gstin),
      client: (profile) => this.client(profile),
      validate: (invoice, payload, profile) => this.validate(invoice, payload, profile),
      changed: (invoiceId) => this.emit({ type: 'ledger:changed', invoiceId }),
    });
  }

  private emit(event: EngineEvent): void {
    this.o.onEvent?.(event);
  }

  /** Requests at once per seller GSTIN: the caller's, else the ledger setting, else the default. */
  concurrencyPerGstin(): number {
    return this.o.concurrencyPerGstin ?? this.o.ledger.settings.concurrency() ?? DEFAULT_CONCURRENCY;
  }

  private limiter(gstin: string): Limiter {
    let l = this.limiters.get(gstin);
    if (!l) {
      l = new Limiter(this.concurrencyPerGstin());
      this.limiters.set(gstin, l);
    }
    return l;
  }

  /** The endpoint profile of a seller: the business's profile, else the one profile for its GSTIN. */
  profileFor(sellerGstin: string): Profile {
    const business = this.o.ledger.businesses.getByGstin(sellerGstin);
    const named = business?.profileName ? this.o.ledger.profiles.get(business.profileName) : undefined;
    const profile = named ?? this.o.ledger.profiles.list().find((p) => p.gstin === sellerGstin);
    if (!profile) throw new LedgerError('LEDGER_NOT_FOUND', `No endpoint profile for seller GSTIN ${sellerGstin}: add one with "einvoice profile add".`);
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

  /** Local validation with the rules the IRP applies (shared/einvoice/check.ts, as the editor and CLI). */
  private validate(invoice: Invoice, payload: Inv01, profile: Profile): Violation[] {
    const business = this.o.ledger.businesses.getByGstin(invoice.sellerGstin);
    return checkInvoice(payload, checkSetupFor(this.o.ledger, business, this.o.now(), profile.kind), this.o.hsn).errors;
  }

  /** Registers one invoice that has its INV-01 payload in the ledger. Safe to call again at any time. */
  register(invoiceId: number): Promise<RegisterOutcome> {
    let call = this.running.get(invoiceId);
    if (!call) {
      call = this.registerOnce(invoiceId).finally(() => this.running.delete(invoiceId));
      this.running.set(invoiceId, call);
    }
    return call;
  }

  private async registerOnce(invoiceId: number): Promise<RegisterOutcome> {
    const deadline = Date.now() + (this.o.waitForOthersMs ?? DEFAULT_WAIT_FOR_OTHERS_MS);
    let waited = false;
    for (;;) {
      const invoice = this.o.ledger.invoices.get(invoiceId);
      const outcome = invoice
        ? await this.limiter(invoice.sellerGstin).run(() => this.flow.run(invoiceId))
        : this.flow.truth(invoiceId, new LedgerError('LEDGER_NOT_FOUND', `No invoice with id ${invoiceId}.`));
      const heldElsewhere = outcome.status === 'in_flight' && outcome.errors.some((e) => e.code === ELSEWHERE);
      if (!heldElsewhere) {
        // whatever the other holder achieved while we waited is its doing, not ours
        if (waited && (outcome.status === 'registered' || outcome.status === 'adopted')) outcome.note = BY_ANOTHER;
        return outcome;
      }
      if (Date.now() >= deadline) return outcome;
      waited = true;
      // outside the per-GSTIN limit: waiting for someone else's request takes no slot of ours
      await this.waitWhileHeld(invoiceId, deadline);
    }
  }

  /** Polls until the document's in-flight row is gone or its holder is (or the deadline). */
  private async waitWhileHeld(invoiceId: number, deadline: number): Promise<void> {
    while (Date.now() < deadline) {
      await sleep(POLL_MS);
      const row = this.o.ledger.outbox.forInvoice(invoiceId).find((r) => r.state === 'in_flight');
      if (!row || this.o.ledger.outbox.holder(row) !== 'live') return;
    }
  }

  /** Registers many invoices: per-GSTIN limits apply inside; progress after each one. */
  async registerMany(invoiceIds: readonly number[], concurrency = this.concurrencyPerGstin()): Promise<RegisterOutcome[]> {
    let done = 0;
    return mapPool(invoiceIds, concurrency, async (id) => {
      const outcome = await this.register(id).catch((e: unknown) => this.flow.truth(id, e));
      done += 1;
      this.emit({ type: 'register:progress', done, total: invoiceIds.length, outcome });
      return outcome;
    });
  }

  /**
   * Resolves every in-flight row (crash leftovers first, by lookup; rows another live process
   * holds are waited for) and every queued registration, now.
   */
  async reconcile(concurrency = this.concurrencyPerGstin()): Promise<RegisterOutcome[]> {
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
      return this.o.ledger.invoices.get(saved.id)!;
    });
  }

  /**
   * Many payloads in few commits (one per `chunk`): each in its own savepoint, so one that the
   * ledger refuses is reported alone and the others are kept. `businessFor` runs inside too.
   */
  ingestMany(items: ReadonlyArray<{ payload: Inv01; businessId: () => number }>, chunk = 500): IngestResult[] {
    const out: IngestResult[] = [];
    for (let from = 0; from < items.length; from += chunk) {
      const part = items.slice(from, from + chunk);
      const results: IngestResult[] = [];
      try {
        this.o.ledger.transaction(() => {
          for (const item of part) {
            try {
              results.push({ invoice: this.o.ledger.transaction(() => this.ingest(item.payload, item.businessId())) });
            } catch (error) {
              results.push({ error });
            }
          }
        });
        out.push(...results);
      } catch (error) {
        // the commit failed: none of this chunk is in the ledger
        out.push(...part.map(() => ({ error })));
      }
    }
    return out;
  }
}
