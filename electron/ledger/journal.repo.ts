/**
 * The journal: an append-only, hash-chained record of every step (what, when, outcome, error
 * codes). Triggers refuse UPDATE and DELETE; the chain makes edits done behind the triggers' back
 * (dropping them, or editing the file) detectable by verifyChain(). Details pass through
 * maskSecrets() before they are hashed or stored, so a secret never reaches the file.
 */
import type { Database, Statement } from 'better-sqlite3';
import { canonicalJson, sha256Hex } from './canonical-json';
import { badInput } from './errors';
import { maskSecrets } from './mask-secrets';
import { isoNow, opt, type Clock } from './support';

export const GENESIS_HASH = '0'.repeat(64);

export type JournalOutcome = 'ok' | 'error' | 'info';

export interface JournalInput {
  /** What happened, dotted: `invoice.saved`, `register.sent`, `register.ok`, `cancel.failed` ... */
  kind: string;
  invoiceId?: number;
  outcome?: JournalOutcome;
  details?: unknown;
}

export interface JournalEntry {
  seq: number;
  at: string;
  kind: string;
  invoiceId: number | null;
  outcome: JournalOutcome;
  details: unknown;
  prevHash: string;
  hash: string;
}

export type ChainCheck = { ok: true; count: number } | { ok: false; seq: number; reason: string };

interface Row {
  seq: number;
  at: string;
  kind: string;
  invoice_id: number | null;
  outcome: JournalOutcome;
  details_json: string;
  prev_hash: string;
  hash: string;
}

/** The hashed content of a row: everything but the hashes themselves. */
function rowHash(prevHash: string, r: { seq: number; at: string; kind: string; invoiceId: number | null; outcome: string; details: unknown }): string {
  const body = canonicalJson({ seq: r.seq, at: r.at, kind: r.kind, invoiceId: r.invoiceId, outcome: r.outcome, details: r.details });
  return sha256Hex(prevHash + body);
}

export class JournalRepo {
  private readonly last: Statement<[], { seq: number; hash: string }>;
  private readonly insert: Statement;
  private readonly byInvoice: Statement<{ invoiceId: number }, Row>;
  private readonly recentStmt: Statement<{ limit: number }, Row>;
  private readonly all: Statement<[], Row>;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    this.last = db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1');
    this.insert = db.prepare(
      `INSERT INTO journal (seq, at, kind, invoice_id, outcome, details_json, prev_hash, hash)
       VALUES (:seq, :at, :kind, :invoiceId, :outcome, :details, :prevHash, :hash)`,
    );
    this.byInvoice = db.prepare('SELECT * FROM journal WHERE invoice_id = :invoiceId ORDER BY seq');
    this.recentStmt = db.prepare('SELECT * FROM journal ORDER BY seq DESC LIMIT :limit');
    this.all = db.prepare('SELECT * FROM journal ORDER BY seq');
  }

  /** Appends one entry; reading the chain head and inserting happen in one transaction. */
  append(input: JournalInput): JournalEntry {
    if (!/^[a-z][a-z0-9_.-]{0,63}$/.test(input.kind)) throw badInput('kind', 'must be a short dotted lower-case name like "register.ok"');
    return this.db.transaction(() => {
      const head = this.last.get();
      const seq = (head?.seq ?? 0) + 1;
      const prevHash = head?.hash ?? GENESIS_HASH;
      // Round-trip through JSON so what is hashed is exactly what a reader will parse back.
      const details = JSON.parse(JSON.stringify(maskSecrets(input.details ?? {}) ?? {})) as unknown;
      const entry = { seq, at: isoNow(this.clock), kind: input.kind, invoiceId: input.invoiceId ?? null, outcome: input.outcome ?? 'info', details };
      const hash = rowHash(prevHash, entry);
      this.insert.run({ ...entry, invoiceId: opt(entry.invoiceId ?? undefined), details: JSON.stringify(details), prevHash, hash });
      return { ...entry, prevHash, hash };
    }).immediate();
  }

  forInvoice(invoiceId: number): JournalEntry[] {
    return this.byInvoice.all({ invoiceId }).map(toEntry);
  }

  recent(limit = 100): JournalEntry[] {
    return this.recentStmt.all({ limit }).map(toEntry);
  }

  /**
   * Recomputes the chain from the first row. Reports the first row whose sequence, link or hash
   * does not match. (Removing rows from the end leaves a valid shorter chain; the count is returned
   * so a caller that remembers it elsewhere can notice.) `onProgress` hears the rows checked so far
   * every 5,000 rows (a backup check of a large ledger shows it).
   */
  verifyChain(onProgress?: (checked: number) => void): ChainCheck {
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let count = 0;
    for (const row of this.all.iterate()) {
      if (row.seq !== expectedSeq) return { ok: false, seq: row.seq, reason: `expected seq ${expectedSeq}: rows are missing` };
      if (row.prev_hash !== prev) return { ok: false, seq: row.seq, reason: 'prev_hash does not match the previous row' };
      let details: unknown;
      try {
        details = JSON.parse(row.details_json);
      } catch {
        return { ok: false, seq: row.seq, reason: 'details are not valid JSON' };
      }
      const hash = rowHash(prev, { seq: row.seq, at: row.at, kind: row.kind, invoiceId: row.invoice_id, outcome: row.outcome, details });
      if (hash !== row.hash) return { ok: false, seq: row.seq, reason: 'hash does not match the row content' };
      prev = row.hash;
      expectedSeq += 1;
      count += 1;
      if (onProgress && count % 5000 === 0) onProgress(count);
    }
    return { ok: true, count };
  }
}

function toEntry(r: Row): JournalEntry {
  return {
    seq: r.seq,
    at: r.at,
    kind: r.kind,
    invoiceId: r.invoice_id,
    outcome: r.outcome,
    details: JSON.parse(r.details_json) as unknown,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
