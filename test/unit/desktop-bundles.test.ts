/**
 * The two desktop bundles as vite builds them (into a temp dir): main is ESM whose every external
 * import links under plain Node (electron replaced by a stub through a module hook), and the
 * preload is one CommonJS file that requires nothing but electron and exposes window.api.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { build, mergeConfig } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mainConfig, preloadConfig } from '../../electron/main/vite-desktop';

let out: string;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'desk-bundles-'));
  const quiet = { logLevel: 'silent' as const, configFile: false as const };
  await build(mergeConfig(mainConfig(), { ...quiet, build: { outDir: join(out, 'main'), sourcemap: false } }));
  await build(mergeConfig(preloadConfig(), { ...quiet, build: { outDir: join(out, 'preload') } }));
}, 120_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('main bundle', () => {
  it('is ESM and links every external import under Node', () => {
    const code = readFileSync(join(out, 'main', 'index.js'), 'utf8');
    expect(code).toMatch(/^import .* from "electron";$/m);
    // the worker thread of long ledger jobs, a bundle of its own beside it
    expect(readFileSync(join(out, 'main', 'ledger-worker.js'), 'utf8')).toMatch(/VACUUM INTO/);
    expect(code).toMatch(/^import Database from "better-sqlite3";$/m);
    // Our own code is bundled, not imported from the source tree.
    expect(code).not.toMatch(/from "\.\.?\//);
    writeFileSync(
      join(out, 'electron-stub.mjs'),
      `const noop = () => {};
export const app = { requestSingleInstanceLock: () => false, quit: () => console.log('QUIT'), on: noop, whenReady: () => new Promise(noop), setAppUserModelId: noop };
export const protocol = { registerSchemesAsPrivileged: (s) => console.log('SCHEME ' + s[0].scheme), handle: noop };
export const BrowserWindow = class {}, Menu = {}, Notification = class {}, dialog = {}, ipcMain = {}, screen = {}, session = {}, shell = {};`,
    );
    writeFileSync(join(out, 'hooks.mjs'), `export async function resolve(s, c, next) { return s === 'electron' ? { url: new URL('./electron-stub.mjs', import.meta.url).href, shortCircuit: true } : next(s, c); }`);
    writeFileSync(join(out, 'register.mjs'), `import { register } from 'node:module'; register('./hooks.mjs', import.meta.url);`);
    // Run from inside the repository so bare imports resolve in its node_modules, as they do in app.asar.
    const cache = join(process.cwd(), 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    const checkDir = mkdtempSync(join(cache, 'desk-bundle-'));
    const copy = join(checkDir, 'index.mjs');
    writeFileSync(copy, code);
    try {
      const stdout = execFileSync(process.execPath, ['--import', join(out, 'register.mjs'), copy], { encoding: 'utf8', timeout: 60_000 });
      // The scheme is registered before ready; a refused single-instance lock quits at once.
      expect(stdout.trim().split('\n')).toEqual(['SCHEME app', 'QUIT']);
    } finally {
      rmSync(checkDir, { recursive: true, force: true });
    }
  });
});

describe('preload bundle', () => {
  it('is one CommonJS file that requires only electron and exposes invoke and onEvent', () => {
    const code = readFileSync(join(out, 'preload', 'index.cjs'), 'utf8');
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    const exposed: Record<string, unknown> = {};
    const invoked: unknown[] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
      ipcRenderer: { invoke: (...args: unknown[]) => (invoked.push(args), Promise.resolve({ ok: true, value: 1 })), on: () => undefined, removeListener: () => undefined },
    };
    const module = { exports: {} };
    runInNewContext(code, { module, exports: module.exports, require: (id: string) => (id === 'electron' ? electron : undefined) });
    const api = exposed.api as { invoke(c: string, r: unknown): Promise<unknown>; onEvent: unknown };
    expect(Object.keys(exposed)).toEqual(['api']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onEvent']);
    void api.invoke('health', {});
    void api.invoke('shell:event', {});
    expect(invoked).toEqual([['health', {}]]);
  });
});
