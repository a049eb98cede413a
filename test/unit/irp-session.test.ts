import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Session, SessionCache, sessionKey, type AuthReason } from '../../electron/irp/session';

const MIN = 60_000;

function harness(start = Date.parse('2026-01-01T00:00:00Z')) {
  let t = start;
  const cache = new SessionCache({ now: () => new Date(t) });
  const calls: Array<{ force: boolean; reason: AuthReason }> = [];
  let n = 0;
  let fail: Error | undefined;
  const auth = async (force: boolean, reason: AuthReason): Promise<Session> => {
    calls.push({ force, reason });
    await new Promise((r) => setTimeout(r, 5));
    if (fail) throw fail;
    n += 1;
    return new Session(`token-${n}`, Buffer.alloc(32, n), new Date(t + 60 * MIN), new Date(t));
  };
  return {
    cache, calls, auth,
    advance: (ms: number) => { t += ms; },
    failWith: (e: Error | undefined) => { fail = e; },
  };
}

const KEY = sessionKey('http://127.0.0.1:1/', '01AMBPG7773M002', 'testuser');

describe('SessionCache', () => {
  it('keys by endpoint, GSTIN and user, ignoring URL slash and case differences', () => {
    expect(sessionKey('HTTP://x/', '01ambpg7773m002', 'u')).toBe(sessionKey('http://x', '01AMBPG7773M002', 'u'));
    expect(sessionKey('http://x', 'A', 'u1')).not.toBe(sessionKey('http://x', 'A', 'u2'));
  });

  it('authenticates once when absent and re-uses the session', async () => {
    const h = harness();
    const a = await h.cache.get(KEY, h.auth);
    const b = await h.cache.get(KEY, h.auth);
    expect(a.authToken).toBe('token-1');
    expect(b).toBe(a);
    expect(h.calls).toEqual([{ force: false, reason: 'absent' }]);
  });

  it('concurrent callers share one in-flight auth', async () => {
    const h = harness();
    const all = await Promise.all(Array.from({ length: 10 }, () => h.cache.get(KEY, h.auth)));
    expect(h.calls).toHaveLength(1);
    expect(new Set(all.map((s) => s.authToken))).toEqual(new Set(['token-1']));
  });

  it('refreshes with ForceRefreshAccessToken within 10 minutes of TokenExpiry, not before', async () => {
    const h = harness();
    await h.cache.get(KEY, h.auth);
    h.advance(49 * MIN + 59_000);
    expect((await h.cache.get(KEY, h.auth)).authToken).toBe('token-1');
    h.advance(1000); // exactly 10 minutes before expiry
    const s = await h.cache.get(KEY, h.auth);
    expect(s.authToken).toBe('token-2');
    expect(s.sek.equals(Buffer.alloc(32, 2))).toBe(true); // the latest SEK is adopted
    expect(h.calls[1]).toEqual({ force: true, reason: 'near-expiry' });
  });

  it('after 1005 (invalidate) re-authenticates once for all callers, forcing a new token', async () => {
    const h = harness();
    const s1 = await h.cache.get(KEY, h.auth);
    h.cache.invalidate(KEY, s1);
    h.cache.invalidate(KEY, s1);
    const [a, b] = await Promise.all([h.cache.get(KEY, h.auth), h.cache.get(KEY, h.auth)]);
    expect(a.authToken).toBe('token-2');
    expect(b).toBe(a);
    expect(h.calls).toEqual([{ force: false, reason: 'absent' }, { force: true, reason: 'invalid-token' }]);
    // A late 1005 for the old token must not throw away the new session.
    h.cache.invalidate(KEY, s1);
    expect(await h.cache.get(KEY, h.auth)).toBe(a);
    expect(h.calls).toHaveLength(2);
  });

  it('keeps using the old token when an early refresh fails, and raises once it has expired', async () => {
    const h = harness();
    await h.cache.get(KEY, h.auth);
    h.advance(55 * MIN);
    h.failWith(new Error('auth endpoint down'));
    expect((await h.cache.get(KEY, h.auth)).authToken).toBe('token-1');
    h.advance(6 * MIN);
    await expect(h.cache.get(KEY, h.auth)).rejects.toThrow('auth endpoint down');
    h.failWith(undefined);
    expect((await h.cache.get(KEY, h.auth)).authToken).toBe('token-2');
  });

  it('does not refresh a session obtained in the last minute even if its expiry looks near (clock skew)', async () => {
    const h = harness();
    const skewed = (): Promise<Session> => Promise.resolve(new Session('skewed', Buffer.alloc(32), new Date(Date.parse('2026-01-01T00:05:00Z')), new Date('2026-01-01T00:00:00Z')));
    await h.cache.get(KEY, skewed);
    expect((await h.cache.get(KEY, h.auth)).authToken).toBe('skewed');
    h.advance(61_000);
    expect((await h.cache.get(KEY, h.auth)).authToken).toBe('token-1');
  });

  it('never prints the token or SEK', () => {
    const s = new Session('SECRET-TOKEN', Buffer.from('SECRET-SEK-BYTES'), new Date(0), new Date(0));
    expect(JSON.stringify(s)).not.toContain('SECRET');
    expect(inspect(s)).not.toContain('SECRET');
  });
});
