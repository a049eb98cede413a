/**
 * Token + SEK cache per (endpoint, GSTIN, API user) (irp-protocol.md §2.4, §10). A session is
 * re-used until 10 minutes before its TokenExpiry, then replaced by a new auth with
 * ForceRefreshAccessToken (NIC honours the flag only in those last 10 minutes). Concurrent callers
 * share one in-flight auth. The SEK of the latest auth always wins (whether NIC re-sends the same
 * SEK on a repeated auth is undocumented, §14 #19).
 */
import { inspect } from 'node:util';

export class Session {
  constructor(
    readonly authToken: string,
    readonly sek: Buffer,
    readonly tokenExpiry: Date,
    readonly obtainedAt: Date,
    /** Set when the IRP answered 1005 to this token. */
    public invalid = false,
  ) {}

  /** Secrets stay out of JSON and console output. */
  toJSON(): Record<string, unknown> {
    return { tokenExpiry: this.tokenExpiry.toISOString(), obtainedAt: this.obtainedAt.toISOString(), invalid: this.invalid };
  }

  [inspect.custom](): string {
    return `Session(expires ${this.tokenExpiry.toISOString()}${this.invalid ? ', invalid' : ''})`;
  }
}

export type AuthReason = 'absent' | 'near-expiry' | 'invalid-token';

/** Performs one auth; `force` asks the IRP for a new token rather than the current one. */
export type Authenticate = (force: boolean, reason: AuthReason) => Promise<Session>;

export interface SessionCacheOptions {
  now?: () => Date;
  /** How long before TokenExpiry a session is replaced (default 10 minutes, §2.4). */
  refreshBeforeMs?: number;
}

/**
 * A session fresher than this is used even when its TokenExpiry already looks near: with a skewed
 * local clock, refreshing on every call would storm the auth API; a real expiry still shows as 1005.
 */
const MIN_SESSION_USE_MS = 60_000;

export function sessionKey(baseUrl: string, gstin: string, userName: string): string {
  return JSON.stringify([baseUrl.replace(/\/+$/, '').toLowerCase(), gstin.toUpperCase(), userName]);
}

export class SessionCache {
  private readonly sessions = new Map<string, Session>();
  private readonly inflight = new Map<string, Promise<Session>>();
  private readonly now: () => Date;
  private readonly refreshBeforeMs: number;

  constructor(options: SessionCacheOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.refreshBeforeMs = options.refreshBeforeMs ?? 10 * 60_000;
  }

  /** Why `s` cannot be used as is, or undefined when it can. */
  private staleness(s: Session | undefined): AuthReason | undefined {
    if (s === undefined) return 'absent';
    if (s.invalid) return 'invalid-token';
    const now = this.now().getTime();
    if (now - s.obtainedAt.getTime() < MIN_SESSION_USE_MS) return undefined;
    return now >= s.tokenExpiry.getTime() - this.refreshBeforeMs ? 'near-expiry' : undefined;
  }

  /** A usable session for `key`, authenticating (once, shared by concurrent callers) when needed. */
  async get(key: string, authenticate: Authenticate): Promise<Session> {
    const current = this.sessions.get(key);
    const reason = this.staleness(current);
    if (reason === undefined && current) return current;
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const run = (async () => {
      try {
        const fresh = await authenticate(current !== undefined, reason ?? 'absent');
        this.sessions.set(key, fresh);
        return fresh;
      } catch (e) {
        // A failed early refresh leaves the old token usable until it really expires.
        if (reason === 'near-expiry' && current && this.now() < current.tokenExpiry) return current;
        throw e;
      } finally {
        this.inflight.delete(key);
      }
    })();
    this.inflight.set(key, run);
    return run;
  }

  /** Marks `stale` invalid after a 1005, unless another caller already replaced it. */
  invalidate(key: string, stale: Session): void {
    if (this.sessions.get(key) === stale) stale.invalid = true;
  }

  /** The cached session, for diagnostics and tests (never log its token or SEK). */
  peek(key: string): Session | undefined {
    return this.sessions.get(key);
  }

  delete(key: string): void {
    this.sessions.delete(key);
  }

  clear(): void {
    this.sessions.clear();
  }
}
