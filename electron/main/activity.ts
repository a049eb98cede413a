/**
 * What must not be interrupted: a registration or cancellation talking to the IRP right now, and a
 * draft the user has not saved. Quit (by the user, the OS, or an update install) waits for the first
 * and asks about the second:
 * - IRP calls are counted here (begin/end around the mutating channels and the queue runner); quit
 *   is postponed until they settle, up to a limit (a crash would be recovered anyway: the outbox row
 *   stays in flight and the next start asks irnbydocdetails before any resend).
 * - an unsaved draft is the renderer's to guard with `beforeunload`; Electron then refuses to close
 *   the window and emits 'will-prevent-unload', and nothing here forces it.
 * The update policy (docs/release.md) builds on the same tracker: an update is only ever installed
 * on a quit that passed this guard, never by quitAndInstall() in the middle of work.
 */
import type { Channel } from '../../shared/ipc/contract';
import type { HandlerTable } from '../app/handlers';

/** Channels whose handlers talk to the IRP and change the ledger. */
export const IRP_CHANNELS: readonly Channel[] = ['invoices:register', 'invoices:cancel'];

export class ActivityTracker {
  private active = 0;
  private waiters: Array<() => void> = [];

  begin(): void {
    this.active += 1;
  }

  end(): void {
    this.active = Math.max(0, this.active - 1);
    if (this.active === 0) for (const w of this.waiters.splice(0)) w();
  }

  busy(): boolean {
    return this.active > 0;
  }

  async track<T>(work: () => Promise<T>): Promise<T> {
    this.begin();
    try {
      return await work();
    } finally {
      this.end();
    }
  }

  /** Resolves true once idle, false if still busy after timeoutMs. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.active === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done);
        resolve(false);
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.waiters.push(done);
    });
  }
}

/** The table with the IRP channels counted by the tracker (other channels untouched). */
export function trackedTable(table: HandlerTable, tracker: ActivityTracker): HandlerTable {
  const out: Record<string, unknown> = { ...table };
  for (const channel of IRP_CHANNELS) {
    const handler = table[channel] as (req: unknown, ctx: unknown) => unknown;
    out[channel] = (req: unknown, ctx: unknown) => tracker.track(() => Promise.resolve(handler(req, ctx)));
  }
  return out as HandlerTable;
}

export const QUIT_WAIT_MS = 30_000;

export interface QuitEventLike {
  preventDefault(): void;
}

/**
 * For app.on('before-quit'): the first quit while busy is postponed; when the work settles (or the
 * wait runs out) `quit` runs again and this time passes. Returns true when it postponed.
 */
export function createQuitGuard(tracker: ActivityTracker, quit: () => void, waitMs = QUIT_WAIT_MS, onWait?: () => void): (event: QuitEventLike) => boolean {
  let waiting = false;
  let released = false;
  return (event) => {
    if (released || !tracker.busy()) return false;
    event.preventDefault();
    if (!waiting) {
      waiting = true;
      onWait?.();
      void tracker.idle(waitMs).then(() => {
        released = true;
        quit();
      });
    }
    return true;
  };
}

/** Whether an update may be installed now: never while IRP work runs (drafts: see above). */
export function mayInstallUpdate(tracker: ActivityTracker): boolean {
  return !tracker.busy();
}
