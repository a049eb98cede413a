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
 *
 * Several processes share one ledger: every claim records its owner and a lease (outbox-owner.ts)
 * that this repository renews while the owner holds rows in flight. takeOver() moves a row whose
 * owner is gone to this connection, atomically; resend() is a new attempt on a row this
 * connection holds (attempts + 1 and a `…sent` journal entry, like a first send).
 */
import type { Database, Statement } from 'better-sqlite3';
import { sha256Hex } from './canonical-json';
import type { EwayBillInput, EwayBillsRepo } from './ewaybills.repo';
import { LedgerError } from './errors';
import type { InvoiceError, InvoicesRepo, InvoiceStatus } from './invoices.repo';
import type { JournalRepo } from './journal.repo';
import type { CancelInput, RegistrationInput, RegistrationsRepo } from './registrations.repo';
import { describeOwner, holderOf, LEASE_MS, LEASE_RENEW_MS, newOwner, type Holder, type OutboxOwner } from './outbox-owner';
import { backoffMs, maskErrors, refuseSecrets, toItem, type ClaimOptions, type EnqueueInput, type OutboxItem, type OutboxOp, type OutboxRow as Row } from './outbox-rows';
import { isoNow, json, opt, type Clock } from './support';

export { backoffMs, type ClaimOptions, type EnqueueInput, type OutboxItem, type OutboxOp, type OutboxState } from './outbox-rows';
export type { Holder, OutboxOwner } from './outbox-owner';

const STATUS_BEFORE_REGISTER: readonly InvoiceStatus[] = ['draft', 'rejected', 'queued'];

export class OutboxRepo {
  private readonly s: Record<
    'insert' | 'byId' | 'pendingOp' | 'inFlightOf' | 'due' | 'claim' | 'inFlight' | 'forInvoice' | 'requeue' | 'finish' | 'replacePayload' | 'prunePayload' | 'invoiceOf' | 'nextAttempt' | 'renew' | 'takeOver' | 'again',
    Statement
  >;
  /** This connection as an owner of outbox rows (a random instance id per ledger connection). */
  readonly owner: OutboxOwner;
  private renewTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly repos: { invoices: InvoicesRepo; registrations: RegistrationsRepo; ewaybills: EwayBillsRepo; journal: JournalRepo },
    options: { owner?: OutboxOwner } = {},
  ) {
    this.owner = options.owner ?? newOwner();
    const claimedBy = 'owner_host = :host, owner_pid = :pid, owner_instance = :instance, lease_until = :lease';
    this.s = {
      insert: db.prepare(
        `INSERT INTO outbox (invoice_id, op, state, attempts, next_attempt_at, claimed_at, payload_json, payload_sha256, owner_host, owner_pid, owner_instance, lease_until, created_at, updated_at)
         VALUES (:invoiceId, :op, :state, :attempts, :nextAttemptAt, :claimedAt, :payloadJson, :payloadSha256, :host, :pid, :instance, :lease, :now, :now)`,
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
      claim: db.prepare(`UPDATE outbox SET state = 'in_flight', attempts = attempts + 1, claimed_at = :now, ${claimedBy}, updated_at = :now WHERE id = :id AND state = 'queued'`),
      renew: db.prepare("UPDATE outbox SET lease_until = :lease WHERE state = 'in_flight' AND owner_instance = :instance"),
      // compare-and-swap on the previous owner: of two processes taking the same row over, one wins
      takeOver: db.prepare(`UPDATE outbox SET ${claimedBy}, updated_at = :now WHERE id = :id AND state = 'in_flight' AND owner_instance IS :previous`),
      again: db.prepare(
        `UPDATE outbox SET attempts = attempts + 1, claimed_at = :now, ${claimedBy}, updated_at = :now WHERE id = :id AND state = 'in_flight' AND owner_instance = :instance`,
      ),
      inFlight: db.prepare("SELECT * FROM outbox WHERE state = 'in_flight' ORDER BY claimed_at, id"),
      forInvoice: db.prepare('SELECT * FROM outbox WHERE invoice_id = :invoiceId ORDER BY id'),
      // Only the holder may put its row back or fail it: a row taken over is someone else's now.
      requeue: db.prepare(
        "UPDATE outbox SET state = 'queued', next_attempt_at = :nextAttemptAt, last_error_json = :errors, lease_until = NULL, updated_at = :now WHERE id = :id AND state = 'in_flight' AND owner_instance IS :instance",
      ),
      // An answer from the IRP completes the row whoever holds it now (the IRN is the truth).
      finish: db.prepare(
        "UPDATE outbox SET state = :state, last_error_json = :errors, lease_until = NULL, updated_at = :now WHERE id = :id AND state IN ('queued','in_flight') AND (:anyHolder = 1 OR state = 'queued' OR owner_instance IS :instance)",
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
          if (this.s.claim.run({ id: row.id, now, ...this.claimedBy(now) }).changes === 0) continue;
          taken.add(row.invoice_id);
          const item = this.get(row.id)!;
          this.afterClaim(item);
          claimed.push(item);
        }
        return claimed;
      })
      .immediate();
  }

  /** When the earliest queued operation becomes due (the retry the UI can promise), if any. */
  nextAttemptAt(): string | undefined {
    const row = this.s.nextAttempt.get() as { at: string | null } | undefined;
    return row?.at ?? undefined;
  }

  /** Rows in flight (this process's, other processes', and crash leftovers: see holder()). */
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

  /** Whether this connection holds the in-flight row, another live holder does, or nobody any more. */
  holder(item: OutboxItem): Holder {
    return holderOf(item.owner, item.leaseUntil, this.owner, isoNow(this.clock));
  }

  /**
   * Takes an in-flight row over from a holder that is gone (lease over, or its process dead on
   * this host), in one transaction: of several processes trying at once exactly one gets it.
   * Returns the row (now this connection's) or undefined when it is not in flight any more or a
   * live holder has it. Journals `<op>.taken_over` with the previous holder.
   */
  takeOver(id: number): OutboxItem | undefined {
    return this.db
      .transaction(() => {
        const item = this.get(id);
        if (!item || item.state !== 'in_flight') return undefined;
        const holder = this.holder(item);
        if (holder === 'mine') return item;
        if (holder === 'live') return undefined;
        const now = isoNow(this.clock);
        if (this.s.takeOver.run({ id, now, previous: item.owner?.instance ?? null, ...this.claimedBy(now) }).changes === 0) return undefined;
        const from = item.owner ? { host: item.owner.host, pid: item.owner.pid } : null;
        this.journal(item, 'taken_over', 'info', { from, leaseUntil: item.leaseUntil ?? null, attempt: item.attempts });
        return this.get(id)!;
      })
      .immediate();
  }

  /**
   * A new attempt on a row this connection holds in flight (a resend after irnbydocdetails said
   * "not there"): attempts + 1, a fresh lease and a `<op>.sent` journal entry, exactly like a first
   * send, so the journal counts every request that leaves. Throws OUTBOX_BAD_STATE otherwise.
   */
  resend(id: number): OutboxItem {
    return this.db
      .transaction(() => {
        const now = isoNow(this.clock);
        if (this.s.again.run({ id, now, ...this.claimedBy(now) }).changes === 0) {
          const item = this.get(id);
          throw new LedgerError('OUTBOX_BAD_STATE', `Outbox row ${id} is ${item?.state === 'in_flight' ? `held by ${describeOwner(item.owner, this.owner)}` : (item?.state ?? 'missing')}; only its holder can send it again.`);
        }
        const item = this.get(id)!;
        this.journal(item, 'sent', 'info', { attempt: item.attempts, payloadSha256: item.payloadSha256, resend: true });
        return item;
      })
      .immediate();
  }

  /** Extends the lease of every row this connection holds; returns how many. */
  renewLeases(): number {
    const lease = new Date(this.clock().getTime() + LEASE_MS).toISOString();
    return this.s.renew.run({ lease, instance: this.owner.instance }).changes;
  }

  /** Stops renewing (the ledger is closing); rows still held keep their lease until it runs out. */
  dispose(): void {
    clearInterval(this.renewTimer);
    this.renewTimer = undefined;
  }

  /** While this connection holds rows, a timer renews their leases; it stops once none is held. */
  private keepRenewing(): void {
    if (this.renewTimer) return;
    this.renewTimer = setInterval(() => {
      try {
        if (this.db.open && this.renewLeases() > 0) return;
      } catch {
        // busy or closing: the next tick tries again, the lease has room for several misses
        if (this.db.open) return;
      }
      this.dispose();
    }, LEASE_RENEW_MS);
    this.renewTimer.unref?.();
  }

  /** In flight -> queued again after a retryable failure (IRP down, timeout resolved as "not found"). */
  reschedule(id: number, options: { errors?: InvoiceError[]; delayMs?: number } = {}): OutboxItem {
    return this.db
      .transaction(() => {
        const item = this.mustGet(id);
        const delay = options.delayMs ?? backoffMs(item.attempts);
        const next = new Date(this.clock().getTime() + delay).toISOString();
        const errors = maskErrors(options.errors);
        if (this.s.requeue.run({ id, nextAttemptAt: next, errors: json(errors), now: isoNow(this.clock), instance: this.owner.instance }).changes === 0) {
          throw new LedgerError('OUTBOX_BAD_STATE', `Outbox row ${id} is ${item.state === 'in_flight' ? `held by ${describeOwner(item.owner, this.owner)}` : item.state}; only the holder of an in-flight operation can reschedule it.`);
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
        const item = this.finish(id, 'failed', errors, false);
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
        const item = this.finish(id, 'done', undefined, true);
        // apply() also sets the invoice's status, which clears the last error shown to the user.
        const details = apply(item);
        this.journal(item, 'ok', 'ok', details);
        return this.get(id)!;
      })
      .immediate();
  }

  private finish(id: number, state: 'done' | 'failed', errors: InvoiceError[] | undefined, anyHolder: boolean): OutboxItem {
    const item = this.mustGet(id);
    if (this.s.finish.run({ id, state, errors: json(maskErrors(errors)), now: isoNow(this.clock), anyHolder: anyHolder ? 1 : 0, instance: this.owner.instance }).changes === 0) {
      const why = item.state === 'in_flight' ? `held by ${describeOwner(item.owner, this.owner)}` : `already ${item.state}`;
      throw new LedgerError('OUTBOX_BAD_STATE', `Outbox row ${id} is ${why}.`);
    }
    return item;
  }

  /** The claim columns for this connection, the lease running from `now`. */
  private claimedBy(now: string): { host: string; pid: number; instance: string; lease: string } {
    this.keepRenewing();
    return { ...this.owner, lease: new Date(Date.parse(now) + LEASE_MS).toISOString() };
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
    if (busy) {
      const holder = describeOwner(toItem(busy).owner, this.owner);
      throw new LedgerError('OUTBOX_BUSY', `Invoice ${input.invoiceId} already has a ${busy.op} in flight (attempt ${busy.attempts}, ${holder}); resolve it first.`);
    }
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
      if (target === 'in_flight') this.s.claim.run({ id, now, ...this.claimedBy(now) });
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
          ...(target === 'in_flight' ? this.claimedBy(now) : { host: null, pid: null, instance: null, lease: null }),
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
