/** Outbox rows as stored and as returned, the inputs, the backoff, and the checks a payload passes before it is stored. */
import { LedgerError } from './errors';
import type { InvoiceError } from './invoices.repo';
import { isSecretKey, maskSecrets } from './mask-secrets';
import type { OutboxOwner } from './outbox-owner';
import { parseJson } from './support';

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
  /** Who claimed the row last (kept after it is done: "registered by another process"). */
  owner?: OutboxOwner;
  /** Until when the owner's claim holds without renewal (ISO instant). */
  leaseUntil?: string;
  createdAt: string;
  updatedAt: string;
}

export interface OutboxRow {
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
  owner_host: string | null;
  owner_pid: number | null;
  owner_instance: string | null;
  lease_until: string | null;
  created_at: string;
  updated_at: string;
}

export function maskErrors(errors: InvoiceError[] | undefined): InvoiceError[] | undefined {
  return errors === undefined ? undefined : (maskSecrets(errors) as InvoiceError[]);
}

/** Outbox payloads are IRP request bodies; a secret-named key in one means a caller bug. */
export function refuseSecrets(payloadJson: string): void {
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

export function toItem(r: OutboxRow): OutboxItem {
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
    owner: r.owner_instance !== null ? { host: r.owner_host ?? '', pid: r.owner_pid ?? 0, instance: r.owner_instance } : undefined,
    leaseUntil: r.lease_until ?? undefined,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
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
