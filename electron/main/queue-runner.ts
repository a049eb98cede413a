/**
 * Queued registrations (IRP down, network lost) are retried from the desktop app: at start and then
 * every few minutes, one reconcile at a time, counted by the activity tracker so quit and updates
 * wait for it. Outcomes reach the notifier through the engine's register:progress events.
 */
import type { RegistrationEngine } from '../app/engine/registration-engine';
import type { Ledger } from '../ledger';
import type { ActivityTracker } from './activity';

export const QUEUE_INTERVAL_MS = 5 * 60_000;

export interface QueueRunnerOptions {
  engine: Pick<RegistrationEngine, 'reconcile'>;
  ledger: Pick<Ledger, 'invoiceList' | 'outbox'>;
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
  const pending = () =>
    o.ledger.outbox.listInFlight().some((r) => r.op === 'register') || o.ledger.invoiceList.page({ status: 'queued', limit: 1 }).rows.length > 0;
  const runOnce = (): Promise<void> => {
    if (running) return running;
    if (!pending()) return Promise.resolve();
    running = o.tracker
      .track(() => o.engine.reconcile())
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
