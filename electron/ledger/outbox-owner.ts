/**
 * Who holds an outbox row in flight, and whether that holder is still there. A holder is a
 * process (host + pid) plus a random instance id per ledger connection: the id tells a reused pid
 * (or a second connection in the same process) from the row's real owner.
 *
 * A row is taken over by another holder only when its lease has run out (the owner renews it
 * every LEASE_RENEW_MS while it works) or when the owner is provably gone: same host, and no
 * process with that pid exists any more (a SIGKILL, a crash, a closed laptop lid is NOT gone:
 * its lease runs out instead).
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

export interface OutboxOwner {
  host: string;
  pid: number;
  instance: string;
}

/** How long a claim stays the owner's without renewal. */
export const LEASE_MS = 30_000;
/** How often an owner renews the leases of the rows it holds. */
export const LEASE_RENEW_MS = 5_000;

export function newOwner(): OutboxOwner {
  return { host: hostname(), pid: process.pid, instance: randomUUID() };
}

/** Is there a process with this pid on this machine? (EPERM: there is, owned by someone else.) */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

export type Holder = 'mine' | 'live' | 'gone';

/**
 * 'mine' for this connection's own rows; 'gone' when the row may be taken over (no owner: a
 * leftover of an older version; lease over; owner process dead on this host); else 'live'.
 */
export function holderOf(owner: OutboxOwner | undefined, leaseUntil: string | undefined, me: OutboxOwner, nowIso: string): Holder {
  if (owner?.instance === me.instance) return 'mine';
  if (!owner || !leaseUntil || leaseUntil <= nowIso) return 'gone';
  if (owner.host === me.host && owner.pid !== me.pid && !processExists(owner.pid)) return 'gone';
  return 'live';
}

/** "pid 1234 on desk-3": how a holder is named in messages. */
export function describeOwner(owner: OutboxOwner | undefined, me: OutboxOwner): string {
  if (!owner) return 'an earlier run';
  if (owner.host === me.host && owner.pid === me.pid) return 'this process';
  return `process ${owner.pid}${owner.host === me.host ? '' : ` on ${owner.host}`}`;
}
