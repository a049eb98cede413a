/**
 * Auth tokens and their SEKs, in memory only (a token and a SEK are secrets: never in SQLite or
 * logs). Rules of irp-protocol.md §2.4: a repeated auth within validity returns the same token
 * (and the same SEK, re-encrypted under the new AppKey); ForceRefreshAccessToken issues a new token
 * only in the last 10 minutes; a token is bound to client id + user + GSTIN.
 */
import { randomBytes } from 'node:crypto';

export interface IssuedToken {
  token: string;
  sek: Buffer;
  clientId: string;
  userName: string;
  gstin: string;
  expiresAt: number;
}

export const FORCE_REFRESH_WINDOW_MS = 10 * 60_000;
const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function newTokenText(): string {
  const bytes = randomBytes(25);
  return Array.from(bytes, (b) => TOKEN_ALPHABET.charAt(b % TOKEN_ALPHABET.length)).join('');
}

export class TokenRegistry {
  private readonly byToken = new Map<string, IssuedToken>();
  /** The current token per client id + user + GSTIN. */
  private readonly current = new Map<string, IssuedToken>();

  constructor(private readonly ttlMs: number) {}

  /** The token auth returns now: the current one while valid, a new one when absent/expired or force-refreshed in its last 10 minutes. */
  issue(clientId: string, userName: string, gstin: string, forceRefresh: boolean, now: number): IssuedToken {
    const key = `${clientId}\u0000${userName}\u0000${gstin}`;
    const cur = this.current.get(key);
    if (cur && cur.expiresAt > now && !(forceRefresh && cur.expiresAt - now <= FORCE_REFRESH_WINDOW_MS)) return cur;
    const t: IssuedToken = { token: newTokenText(), sek: randomBytes(32), clientId, userName, gstin, expiresAt: now + this.ttlMs };
    this.current.set(key, t);
    this.byToken.set(t.token, t);
    this.sweep(now);
    return t;
  }

  /** A token that is known and unexpired at `now`. */
  lookup(token: string, now: number): IssuedToken | undefined {
    const t = this.byToken.get(token);
    return t && t.expiresAt > now ? t : undefined;
  }

  expireAll(now: number): void {
    for (const t of this.byToken.values()) t.expiresAt = Math.min(t.expiresAt, now);
  }

  clear(): void {
    this.byToken.clear();
    this.current.clear();
  }

  private sweep(now: number): void {
    if (this.byToken.size < 1000) return;
    for (const [k, t] of this.byToken) if (t.expiresAt <= now) this.byToken.delete(k);
  }
}
