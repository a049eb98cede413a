/**
 * Sends queued registrations again when their backoff is over, so "queued, will be sent
 * automatically" is true while the app runs. The engine decides what a retry does (irnbydocdetails
 * before any resend); this loop only finds the invoices whose outbox row is due.
 */
import type { AppCore } from '../app/app-core';

const PER_TICK = 200;

export function dueRegistrations(core: AppCore, limit = PER_TICK): number[] {
  const now = core.now().toISOString();
  const due: number[] = [];
  let cursor: string | undefined;
  do {
    const page = core.ledger.invoiceList.page({ status: 'queued', sort: 'date', direction: 'asc', limit: 200, ...(cursor ? { cursor } : {}) });
    for (const row of page.rows) {
      const item = core.ledger.outbox.forInvoice(row.id).find((o) => o.op === 'register' && o.state === 'queued');
      // no outbox row yet (queued by an older run) counts as due
      if (!item || item.nextAttemptAt <= now) due.push(row.id);
      if (due.length >= limit) return due;
    }
    cursor = page.nextCursor;
  } while (cursor);
  return due;
}

export function startRetryLoop(core: AppCore, intervalMs: number): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const ids = dueRegistrations(core);
      if (ids.length > 0) await core.engine.registerMany(ids);
    } catch {
      // the engine journals each failure; the next tick tries again
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
