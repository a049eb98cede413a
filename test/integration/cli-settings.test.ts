/**
 * `einvoice settings concurrency N|default` stores the per-GSTIN limit in the ledger, where every
 * window and command on it reads it; `--concurrency N` overrides it for one engine; bad values
 * are usage errors (exit 2).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { openAppCore } from '../../electron/app/app-core';
import { DEFAULT_CONCURRENCY } from '../../electron/app/engine/registration-engine';
import { runCli } from '../../electron/cli/main';
import { MemorySecretStore } from '../../electron/vault';

const data = mkdtempSync(join(tmpdir(), 'einvoice-settings-'));
afterAll(() => rmSync(data, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), stdin: new PassThrough(), env: {}, now: () => new Date() };
  const code = await runCli([...args, '--data', data], io);
  return { code, out, err };
}

const engineLimit = async (options: { concurrencyPerGstin?: number } = {}) => {
  const app = await openAppCore({ dataDir: data, vault: new MemorySecretStore(), env: {}, ...options });
  try {
    return app.engine.concurrencyPerGstin();
  } finally {
    await app.close();
  }
};

describe('einvoice settings', () => {
  it('sets, shows and resets the concurrency every engine on the ledger uses', async () => {
    expect(JSON.parse((await cli(['settings', '--json'])).out[0]!)).toEqual({ concurrency: DEFAULT_CONCURRENCY, concurrencySource: 'default' });
    expect(await engineLimit()).toBe(DEFAULT_CONCURRENCY);
    const set = await cli(['settings', 'concurrency', '3']);
    expect(set.code).toBe(0);
    expect(set.out[0]).toMatch(/^concurrency 3 \(set for this ledger\)/);
    expect(await engineLimit()).toBe(3);
    // --concurrency for one run wins over the setting
    expect(await engineLimit({ concurrencyPerGstin: 12 })).toBe(12);
    expect((await cli(['settings', 'concurrency', 'default'])).code).toBe(0);
    expect(await engineLimit()).toBe(DEFAULT_CONCURRENCY);
  });

  it('refuses values it cannot use, as usage errors', async () => {
    for (const args of [['settings', 'concurrency', '0'], ['settings', 'concurrency', '65'], ['settings', 'concurrency', 'x'], ['settings', 'speed', '3'], ['settings', 'concurrency']]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
    }
    expect((await cli(['register', 'x.json', '--profile', 'p', '--concurrency', '0'])).err.join('\n')).toMatch(/--concurrency must be a whole number from 1 to 64/);
  });
});
