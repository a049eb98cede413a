/**
 * Group commit: outbox transitions that are ready at the same moment (a claim here, a completion
 * there, a reschedule) are written in ONE transaction, so they share one fsync at
 * synchronous=FULL instead of paying about 3 ms each (docs/registration.md, "Durability").
 *
 * Durability is unchanged: run() resolves only after the transaction holding that write has
 * committed, so a caller that awaits a claim before sending, or a completion before reporting
 * "registered", knows it is on disk. Each write runs in its own savepoint: one that throws (a row
 * another process has just taken, say) is rolled back alone and rejects only its own caller.
 */
import type { Ledger } from '../../ledger';

interface Job {
  fn: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit {
  private pending: Job[] = [];
  private scheduled = false;
  /** Transactions committed and writes in them, for the benchmark and the tests. */
  readonly stats = { commits: 0, writes: 0 };

  constructor(private readonly ledger: () => Ledger) {}

  /** Runs fn in the next group transaction; resolves with its result once that is committed. */
  run<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // after this turn's I/O callbacks: every answer that arrived together joins one commit
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const ledger = this.ledger();
    const results: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      ledger.transaction(() => {
        for (const job of batch) {
          try {
            results.push({ ok: true, value: ledger.transaction(job.fn) });
          } catch (error) {
            results.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // The commit itself failed (disk full, busy past the timeout): none of it is on disk.
      for (const job of batch) job.reject(error);
      return;
    }
    this.stats.commits += 1;
    this.stats.writes += batch.length;
    batch.forEach((job, i) => {
      const r = results[i]!;
      if (r.ok) job.resolve(r.value);
      else job.reject(r.error);
    });
  }
}
