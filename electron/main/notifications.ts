/**
 * OS notifications the desktop app owes its user:
 * - one hour before an IRN's 24-hour cancel window closes (cancelDeadline of the app core), so a
 *   wrong invoice can still be cancelled instead of needing a credit note;
 * - when a registration that had been queued (IRP down, network lost) goes through later, since the
 *   user has long moved on by then.
 * Timers and the notifier are injected: the logic is tested without Electron or real time.
 */
import { cancelDeadline } from '../app/engine/irn-operations';
import type { EngineEvent } from '../app/engine/registration-engine';
import type { Ledger } from '../ledger';

export const REMINDER_LEAD_MS = 60 * 60 * 1000;
/** Document dates may precede registration by weeks; look this far back for open cancel windows. */
const LOOKBACK_DAYS = 45;

export interface Notice {
  title: string;
  body: string;
  /** The invoice the notice is about, if any. */
  invoiceId?: number;
}

export interface NotifierDeps {
  notify: (notice: Notice) => void;
  now: () => Date;
  /** Whether the IRN can still be cancelled when the reminder fires (it may have been cancelled meanwhile). */
  stillActive?: (irn: string) => boolean;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

interface Registered {
  invoiceId: number;
  docNo: string;
  irn: string;
  ackDt: string;
}

export class DesktopNotifier {
  private readonly timers = new Map<string, unknown>();
  /** Invoices last seen queued: their later success deserves a notice. */
  private readonly waiting = new Set<number>();
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly d: NotifierDeps) {
    this.setTimer = d.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = d.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  /** Schedules the reminder of one registration; a closed window or a duplicate is ignored. */
  remind(r: Registered): void {
    if (this.timers.has(r.irn)) return;
    let deadline: Date;
    try {
      deadline = cancelDeadline(r);
    } catch {
      return;
    }
    const now = this.d.now().getTime();
    if (now >= deadline.getTime()) return;
    const fire = () => {
      this.timers.set(r.irn, 'fired');
      if (this.d.stillActive && !this.d.stillActive(r.irn)) return;
      const minutes = Math.max(1, Math.round((deadline.getTime() - this.d.now().getTime()) / 60_000));
      this.d.notify({
        title: `Cancel window closing: ${r.docNo}`,
        body: `IRN of ${r.docNo} can be cancelled for ${minutes} more minute${minutes === 1 ? '' : 's'}. After that only a credit note can correct it.`,
        invoiceId: r.invoiceId,
      });
    };
    // Started inside the last hour (app opened late): remind at once rather than never.
    this.timers.set(r.irn, this.setTimer(fire, Math.max(0, deadline.getTime() - REMINDER_LEAD_MS - now)));
  }

  /** At start: reminders for every registered IRN whose window is still open, and the queue to watch. */
  loadFromLedger(ledger: Pick<Ledger, 'invoiceList'>): void {
    const from = new Date(this.d.now().getTime() - LOOKBACK_DAYS * 86_400_000).toISOString().slice(0, 10);
    let cursor: string | undefined;
    do {
      const page = ledger.invoiceList.page({ status: 'registered', from, limit: 500, ...(cursor ? { cursor } : {}) });
      for (const row of page.rows) {
        if (row.irn && row.ackDt) this.remind({ invoiceId: row.id, docNo: row.docNo ?? `#${row.id}`, irn: row.irn, ackDt: row.ackDt });
      }
      cursor = page.nextCursor;
    } while (cursor);
    for (const status of ['queued', 'in_flight'] as const) {
      for (const row of ledger.invoiceList.page({ status, limit: 1000 }).rows) this.waiting.add(row.id);
    }
  }

  /** Engine events: successes get a reminder; a success after a queued state also gets a notice. */
  onEngineEvent(event: EngineEvent): void {
    if (event.type !== 'register:progress') return;
    const o = event.outcome;
    if (o.status === 'queued') {
      this.waiting.add(o.invoiceId);
      return;
    }
    const wasQueued = this.waiting.delete(o.invoiceId);
    if ((o.status === 'registered' || o.status === 'adopted') && o.irn && o.ackDt) {
      this.remind({ invoiceId: o.invoiceId, docNo: o.docNo || `#${o.invoiceId}`, irn: o.irn, ackDt: o.ackDt });
      if (wasQueued) {
        this.d.notify({
          title: `Registered: ${o.docNo}`,
          body: `${o.docNo} was waiting in the queue and is now registered with the IRP (Ack No ${o.ackNo ?? ''}).`.replace(' (Ack No )', ''),
          invoiceId: o.invoiceId,
        });
      }
    }
  }

  /** Number of reminders still pending (for tests and the quit check). */
  pending(): number {
    return [...this.timers.values()].filter((t) => t !== 'fired').length;
  }

  stop(): void {
    for (const t of this.timers.values()) if (t !== 'fired') this.clearTimer(t);
    this.timers.clear();
  }
}
