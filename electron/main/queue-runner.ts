/**
 * Queued registrations (IRP down, network lost) are sent again from the desktop app, as the browser
 * host does: at start one reconcile (crash leftovers in flight first, then everything queued), then
 * every few seconds the invoices whose outbox backoff is over (`dueRegistrations` of the browser
 * host's retry loop, so both hosts retry alike). One pass at a time, counted by the activity
 * tracker so quit and updates wait for it. Outcomes reach the notifier through the engine's
 * register:progress events.
 */
import type { RegistrationEngine } from '../app/engine/registration-engine';
import type { Ledger } from '../ledger';
import type { ActivityTracker } from './activity';

/** The browser host's retry interval (electron/host/launch.ts). */
export const QUEUE_INTERVAL_MS = 10_000;

export interface QueueRunnerOptions {
  engine: Pick<RegistrationEngine, 'reconcile' | 'registerMany'>;
  ledger: Pick<Ledger, 'invoiceList' | 'outbox'>;
  /** Invoice ids whose queued registration is due now. */
  due: () => number[];
  tracker: ActivityTracker;
  intervalMs?: number;
  onError?: (e: unknown) => void;
}

export interface QueueRunner {
  /** Runs one pass now unless one is running; resolves when it ends. */
  runOnce(): Promise<void>;
  stop(): void;
}

export function startQueueRunner(o: QueueRunnerOptions): QueueRunner {
  let running: Promise<void> | undefined;
  let first = true;
  const pendingAtStart = () =>
    o.ledger.outbox.listInFlight().some((r) => r.op === 'register') || o.ledger.invoiceList.page({ status: 'queued', limit: 1 }).rows.length > 0;
  const pass = (): (() => Promise<unknown>) | undefined => {
    if (first) {
      first = false;
      return pendingAtStart() ? () => o.engine.reconcile() : undefined;
    }
    const ids = o.due();
    return ids.length > 0 ? () => o.engine.registerMany(ids) : undefined;
  };
  const runOnce = (): Promise<void> => {
    if (running) return running;
    let work: (() => Promise<unknown>) | undefined;
    try {
      work = pass();
    } catch (e) {
      o.onError?.(e);
      return Promise.resolve();
    }
    if (!work) return Promise.resolve();
    running = o.tracker
      .track(work)
      .then(
        () => undefined,
        (e: unknown) => o.onError?.(e),
      )
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => void runOnce(), o.intervalMs ?? QUEUE_INTERVAL_MS);
  timer.unref?.();
  void runOnce();
  return { runOnce, stop: () => clearInterval(timer) };
}
