/**
 * The outbox: one row per IRP operation still to do or being done, so no registration can be
 * lost or sent twice across crashes. States: queued -> in_flight -> done | failed, and
 * in_flight -> queued again (reschedule, with backoff). Two partial unique indexes back the
 * rules: one in-flight operation per invoice, one pending operation of a kind per invoice.
 *
 * The engine's critical steps are single calls, each one transaction that also writes the
 * journal: startInFlight() records the exact payload and "in flight" BEFORE the request leaves;
 * completeRegistration() stores the IRP's answer, marks the invoice registered and closes the
 * row together, so a crash leaves either "in flight" (ask irnbydocdetails) or "registered".
 */
import type { Database, Statement } from 'better-sqlite3';
import { sha256Hex } from './canonical-json';
import type { EwayBillInput, EwayBillsRepo } from './ewaybills.repo';
import { LedgerError } from './errors';
import type { InvoiceError, InvoicesRepo, InvoiceStatus } from './invoices.repo';
import type { JournalRepo } from './journal.repo';
import { isSecretKey, maskSecrets } from './mask-secrets';
import type { CancelInput, RegistrationInput, RegistrationsRepo } from './registrations.repo';
import { isoNow, json, opt, parseJson, type Clock } from './support';

export type OutboxOp = 'register' | 'cancel' | 'ewb' | 'cancel_ewb';
export type OutboxState = 'queued' | 'in_flight' | 'done' | 'failed';

export interface OutboxItem {
  id: number;
  invoiceId: number;
  op: OutboxOp;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string;
  claimedAt?: string;
  lastErrors?: InvoiceError[];
  /**
   * The exact request body (plain JSON, before encryption), as sent or to be sent. Once a
   * registration is done it is `null` here: the payload stays on the invoice (same hash).
   */
  payloadJson: string;
  payloadSha256: string;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: number;
  invoice_id: number;
  op: OutboxOp;
  state: OutboxState;
  attempts: number;
  next_attempt_at: string;
  claimed_at: string | null;
  last_error_json: string | null;
  payload_json: string;
  payload_sha256: string;
  created_at: string;
  updated_at: string;
}

export interface EnqueueInput {
  invoiceId: number;
  op: OutboxOp;
  /** A JSON value (serialised here) or the exact JSON text to send. */
  payload: unknown;
  /** Not before this instant (default: now). */
  notBefore?: Date;
}

export interface ClaimOptions {
  limit: number;
  /** Only operations for this seller (the engine's per-GSTIN concurrency limit). */
  sellerGstin?: string;
  ops?: readonly OutboxOp[];
}

/** Exponential backoff: 30 s, 1 min, 2 min ... capped at 30 min. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000);
}

const STATUS_BEFORE_REGISTER: readonly InvoiceStatus[] = ['draft', 'rejected', 'queued'];

export class OutboxRepo {
  private readonly s: Record<'insert' | 'byId' | 'pendingOp' | 'inFlightOf' | 'due' | 'claim' | 'inFlight' | 'forInvoice' | 'requeue' | 'finish' | 'replacePayload' | 'prunePayload' | 'invoiceOf' | 'nextAttempt', Statement>;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly repos: { invoices: InvoicesRepo; registrations: RegistrationsRepo; ewaybills: EwayBillsRepo; journal: JournalRepo },
  ) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO outbox (invoice_id, op, state, attempts, next_attempt_at, claimed_at, payload_json, payload_sha256, created_at, updated_at)
         VALUES (:invoiceId, :op, :state, :attempts, :nextAttemptAt, :claimedAt, :payloadJson, :payloadSha256, :now, :now)`,
      ),
      byId: db.prepare('SELECT * FROM outbox WHERE id = :id'),
      pendingOp: db.prepare("SELECT * FROM outbox WHERE invoice_id = :invoiceId AND op = :op AND state IN ('queued','in_flight')"),
      inFlightOf: db.prepare("SELECT * FROM outbox WHERE invoice_id = :invoiceId AND state = 'in_flight'"),
      due: db.prepare(
        `SELECT o.* FROM outbox o JOIN invoices i ON i.id = o.invoice_id
          WHERE o.state = 'queued' AND o.next_attempt_at <= :now
            AND (:sellerGstin IS NULL OR i.seller_gstin = :sellerGstin)
            AND (:ops IS NULL OR o.op IN (SELECT value FROM json_each(:ops)))
            AND NOT EXISTS (SELECT 1 FROM outbox f WHERE f.invoice_id = o.invoice_id AND f.state = 'in_flight')
          ORDER BY o.next_attempt_at, o.id LIMIT :scan`,
      ),
      claim: db.prepare(
        "UPDATE outbox SET state = 'in_flight', attempts = attempts + 1, claimed_at = :now, updated_at = :now WHERE id = :id AND state = 'queued'",
      ),
      inFlight: db.prepare("SELECT * FROM outbox WHERE state = 'in_flight' ORDER BY claimed_at, id"),
      forInvoice: db.prepare('SELECT * FROM outbox WHERE invoice_id = :invoiceId ORDER BY id'),
      requeue: db.prepare(
        "UPDATE outbox SET state = 'queued', next_attempt_at = :nextAttemptAt, last_error_json = :errors, updated_at = :now WHERE id = :id AND state = 'in_flight'",
      ),
      finish: db.prepare(
        "UPDATE outbox SET state = :state, last_error_json = :errors, updated_at = :now WHERE id = :id AND state IN ('queued','in_flight')",
      ),
      replacePayload: db.prepare('UPDATE outbox SET payload_json = :payloadJson, payload_sha256 = :payloadSha256, updated_at = :now WHERE id = :id'),
      // A registered payload is kept once, in invoice_bodies; the closed row keeps its hash.
      prunePayload: db.prepare("UPDATE outbox SET payload_json = 'null' WHERE id = :id AND op = 'register' AND state = 'done'"),
      invoiceOf: db.prepare('SELECT status FROM invoices WHERE id = :invoiceId'),
      nextAttempt: db.prepare("SELECT MIN(next_attempt_at) AS at FROM outbox WHERE state = 'queued'"),
    };
  }

  /** Queues an operation. Idempotent: queuing the same payload again returns the pending row. */
  enqueue(input: EnqueueInput): OutboxItem {
    return this.db.transaction(() => this.queueOrReuse(input, 'queued')).immediate();
  }

  /**
   * "Write the in-flight row before sending": queues (or reuses the pending row of) the operation
   * and marks it in flight, attempts + 1, in one transaction. Throws OUTBOX_BUSY when another
   * operation of the invoice is already in flight.
   */
  startInFlight(input: Omit<EnqueueInput, 'notBefore'>): OutboxItem {
    return this.db.transaction(() => this.queueOrReuse(input, 'in_flight')).immediate();
  }

  /** Marks up to `limit` due rows in flight (at most one per invoice) and returns them. */
  claimDue(options: ClaimOptions): OutboxItem[] {
    return this.db
      .transaction(() => {
        const now = isoNow(this.clock);
        const candidates = this.s.due.all({
          now,
          sellerGstin: opt(options.sellerGstin),
          ops: options.ops ? JSON.stringify(options.ops) : null,
          scan: Math.max(1, options.limit) * 4,
        }) as Row[];
        const taken = new Set<number>();
        const claimed: OutboxItem[] = [];
        for (const row of candidates) {
          if (claimed.length >= options.limit) break;
          if (taken.has(row.invoice_id)) continue;
          if (this.s.claim.run({ id: row.id, now }).changes === 0) continue;
          taken.add(row.invoice_id);
          const item = this.get(row.id)!;
          this.afterClaim(item);
          claimed.push(item);
        }
        return claimed;
      })
      .immediate();
  }

  /** Rows left in flight, e.g. by a crash: resolve each with irnbydocdetails before any resend. */
  /** When the earliest queued operation becomes due (the retry the UI can promise), if any. */
  nextAttemptAt(): string | undefined {
    const row = this.s.nextAttempt.get() as { at: string | null } | undefined;
    return row?.at ?? undefined;
  }

  listInFlight(): OutboxItem[] {
    return (this.s.inFlight.all() as Row[]).map(toItem);
  }

  forInvoice(invoiceId: number): OutboxItem[] {
    return (this.s.forInvoice.all({ invoiceId }) as Row[]).map(toItem);
  }

  get(id: number): OutboxItem | undefined {
    const row = this.s.byId.get({ id }) as Row | undefined;
    return row && toItem(row);
  }

  /** In flight -> queued again after a retryable failure (IRP down, timeout resolved as "not found"). */
  reschedule(id: number, options: { errors?: InvoiceError[]; delayMs?: number } = {}): OutboxItem {
    return this.db
      .transaction(() => {
        const item = this.mustGet(id);
        const delay = options.delayMs ?? backoffMs(item.attempts);
        const next = new Date(this.clock().getTime() + delay).toISOString();
        const errors = maskErrors(options.errors);
        if (this.s.requeue.run({ id, nextAttemptAt: next, errors: json(errors), now: isoNow(this.clock) }).changes === 0) {
          throw new LedgerError('OUTBOX_BAD_STATE', `Outbox row ${id} is ${item.state}; only an in-flight operation can be rescheduled.`);
        }
        if (item.op === 'register') this.repos.invoices.setStatus(item.invoiceId, 'queued', { errors });
        this.journal(item, 'retry', 'error', { nextAttemptAt: next, errors: errors ?? [] });
        return this.get(id)!;
      })
      .immediate();
  }

  /** A final refusal by the IRP: the row is failed; a refused registration marks the invoice rejected. */
  fail(id: number, errors: InvoiceError[]): OutboxItem {
    return this.db
      .transaction(() => {
        const item = this.finish(id, 'failed', errors);
        const masked = maskErrors(errors);
        const status = item.op === 'register' ? 'rejected' : this.statusOf(item.invoiceId);
        this.repos.invoices.setStatus(item.invoiceId, status, { errors: masked });
        this.journal(item, 'failed', 'error', { errors: masked ?? [] });
        return this.get(id)!;
      })
      .immediate();
  }

  /** "Store the IRP's answer and mark registered" in one transaction. */
  completeRegistration(id: number, registration: RegistrationInput): OutboxItem {
    return this.complete(id, 'register', (item) => {
      this.repos.registrations.insert(item.invoiceId, registration);
      this.repos.invoices.setStatus(item.invoiceId, 'registered');
      this.s.prunePayload.run({ id: item.id });
      return { irn: registration.irn, ackNo: String(registration.ackNo), ackDt: registration.ackDt, adopted: registration.adopted === true };
    });
  }

  completeCancel(id: number, irn: string, cancel: CancelInput): OutboxItem {
    return this.complete(id, 'cancel', (item) => {
      this.repos.registrations.markCancelled(irn, cancel);
      this.repos.invoices.setStatus(item.invoiceId, 'cancelled');
      return { irn, cancelDate: cancel.cancelDate, reason: cancel.reason };
    });
  }

  completeEwayBill(id: number, ewb: EwayBillInput): OutboxItem {
    return this.complete(id, 'ewb', (item) => {
      const saved = this.repos.ewaybills.insert(item.invoiceId, ewb);
      this.repos.invoices.setStatus(item.invoiceId, this.statusOf(item.invoiceId));
      return { ewbNo: saved.ewbNo, ewbDate: saved.ewbDate, validTill: saved.validTill ?? null };
    });
  }

  completeEwayBillCancel(id: number, ewbNo: string | number, cancelDate: string): OutboxItem {
    return this.complete(id, 'cancel_ewb', (item) => {
      this.repos.ewaybills.markCancelled(ewbNo, cancelDate);
      this.repos.invoices.setStatus(item.invoiceId, this.statusOf(item.invoiceId));
      return { ewbNo: String(ewbNo), cancelDate };
    });
  }

  private complete(id: number, op: OutboxOp, apply: (item: OutboxItem) => Record<string, unknown>): OutboxItem {
    return this.db
      .transaction(() => {
        const before = this.mustGet(id);
        if (before.op !== op) throw new LedgerError('OUTBOX_BAD_STATE', `Outbox row ${id} is a ${before.op}, not a ${op}.`);
        const item = this.finish(id, 'done');
        // apply() also sets the invoice's status, which clears the last error shown to the user.
        const details = apply(item);
        this.journal(item, 'ok', 'ok', details);
        return this.get(id)!;
      })
      .immediate();
  }

  private finish(id: number, state: 'done' | 'failed', errors?: InvoiceError[]): OutboxItem {
    const item = this.mustGet(id);
    if (this.s.finish.run({ id, state, errors: json(maskErrors(errors)), now: isoNow(this.clock) }).changes === 0) {
      throw new LedgerError('OUTBOX_BAD_STATE', `Outbox row ${id} is already ${item.state}.`);
    }
    return item;
  }

  private mustGet(id: number): OutboxItem {
    const item = this.get(id);
    if (!item) throw new LedgerError('LEDGER_NOT_FOUND', `No outbox row ${id}.`);
    return item;
  }

  private queueOrReuse(input: Omit<EnqueueInput, 'notBefore'> & { notBefore?: Date }, target: 'queued' | 'in_flight'): OutboxItem {
    const payloadJson = typeof input.payload === 'string' ? input.payload : JSON.stringify(input.payload);
    refuseSecrets(payloadJson);
    const payloadSha256 = sha256Hex(payloadJson);
    const now = isoNow(this.clock);
    const busy = this.s.inFlightOf.get({ invoiceId: input.invoiceId }) as Row | undefined;
    if (busy) throw new LedgerError('OUTBOX_BUSY', `Invoice ${input.invoiceId} already has a ${busy.op} in flight (attempt ${busy.attempts}); resolve it first.`);
    this.checkInvoice(input.invoiceId, input.op);
    const pending = this.s.pendingOp.get({ invoiceId: input.invoiceId, op: input.op }) as Row | undefined;
    let id: number;
    if (pending) {
      if (pending.payload_sha256 !== payloadSha256) {
        // A payload that may already have reached the IRP must not silently change.
        if (pending.attempts > 0) throw new LedgerError('OUTBOX_BUSY', `Invoice ${input.invoiceId} has a ${input.op} that was already attempted with a different payload; resolve it first.`);
        this.s.replacePayload.run({ id: pending.id, payloadJson, payloadSha256, now });
      }
      id = pending.id;
      if (target === 'in_flight') this.s.claim.run({ id, now });
    } else {
      const notBefore = input.notBefore ? input.notBefore.toISOString() : now;
      id = Number(
        this.s.insert.run({
          invoiceId: input.invoiceId,
          op: input.op,
          state: target,
          attempts: target === 'in_flight' ? 1 : 0,
          nextAttemptAt: notBefore,
          claimedAt: target === 'in_flight' ? now : null,
          payloadJson,
          payloadSha256,
          now,
        }).lastInsertRowid,
      );
      if (input.op === 'register') this.repos.invoices.setStatus(input.invoiceId, 'queued', { payloadJson, payloadSha256 });
      if (target === 'queued') this.journal(this.get(id)!, 'queued', 'info', { payloadSha256 });
    }
    if (input.op === 'register' && pending && pending.payload_sha256 !== payloadSha256) this.repos.invoices.setStatus(input.invoiceId, 'queued', { payloadJson, payloadSha256 });
    const item = this.get(id)!;
    if (target === 'in_flight') this.afterClaim(item);
    return item;
  }

  private afterClaim(item: OutboxItem): void {
    if (item.op === 'register') this.repos.invoices.setStatus(item.invoiceId, 'in_flight');
    this.journal(item, 'sent', 'info', { attempt: item.attempts, payloadSha256: item.payloadSha256 });
  }

  private statusOf(invoiceId: number): InvoiceStatus {
    return (this.s.invoiceOf.get({ invoiceId }) as { status: InvoiceStatus }).status;
  }

  private checkInvoice(invoiceId: number, op: OutboxOp): void {
    const inv = this.s.invoiceOf.get({ invoiceId }) as { status: InvoiceStatus } | undefined;
    if (!inv) throw new LedgerError('LEDGER_NOT_FOUND', `No invoice with id ${invoiceId}.`);
    const ok = op === 'register' ? STATUS_BEFORE_REGISTER.includes(inv.status) : inv.status === 'registered';
    if (!ok) throw new LedgerError('INVOICE_LOCKED', `Invoice ${invoiceId} is ${inv.status}; a ${op} is not possible now.`);
  }

  private journal(item: OutboxItem, step: string, outcome: 'ok' | 'error' | 'info', details: Record<string, unknown>): void {
    this.repos.journal.append({ kind: `${item.op}.${step}`, invoiceId: item.invoiceId, outcome, details: { outboxId: item.id, ...details } });
  }
}

function maskErrors(errors: InvoiceError[] | undefined): InvoiceError[] | undefined {
  return errors === undefined ? undefined : (maskSecrets(errors) as InvoiceError[]);
}

/** Outbox payloads are IRP request bodies; a secret-named key in one means a caller bug. */
function refuseSecrets(payloadJson: string): void {
  let value: unknown;
  try {
    value = JSON.parse(payloadJson);
  } catch {
    throw new LedgerError('LEDGER_BAD_INPUT', 'The outbox payload is not valid JSON.', 'payload');
  }
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (isSecretKey(k)) throw new LedgerError('LEDGER_SECRET_REFUSED', `The outbox payload has a secret-looking field "${k}"; secrets never go to the ledger.`, `payload.${k}`);
        walk(x);
      }
    }
  };
  walk(value);
}

function toItem(r: Row): OutboxItem {
  return {
    id: r.id,
    invoiceId: r.invoice_id,
    op: r.op,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    claimedAt: r.claimed_at ?? undefined,
    lastErrors: parseJson<InvoiceError[]>(r.last_error_json),
    payloadJson: r.payload_json,
    payloadSha256: r.payload_sha256,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
