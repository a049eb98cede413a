/**
 * electron-builder.yml against the configuration schema shipped inside electron-builder
 * (app-builder-lib/scheme.json), plus the settings issue 7 requires that a schema cannot demand.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
interface Target {
  target: string;
  arch: string[];
}
interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asarUnpack: string[];
  extraResources: unknown;
  publish: unknown;
  electronFuses: Record<string, boolean>;
  win: { target: Target[] };
  mac: { target: Target[]; hardenedRuntime: boolean; notarize: boolean; entitlements: string; entitlementsInherit: string };
}
const config = parse(readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8')) as BuilderConfig;

function validator() {
  // The schema uses draft-07 plus a few non-standard keywords (e.g. "tsType"): allow unknown keywords.
  const ajv = new Ajv({ allErrors: true, strict: false });
  return ajv.compile(schema);
}

describe('electron-builder.yml', () => {
  it('is valid against app-builder-lib/scheme.json', () => {
    const validate = validator();
    const ok = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("is accepted by electron-builder's own configuration loader and validator", async () => {
    // Internal modules of app-builder-lib (stable across 26.x); what `electron-builder` runs first.
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      getConfig: (projectDir: string, configPath: string | null, cliConfig: unknown) => Promise<Record<string, unknown>>;
      validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const loaded = await getConfig(root, join(root, 'electron-builder.yml'), null);
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
    expect(loaded.productName).toBe('e-Invoice Desk');
    await expect(validateConfiguration({ ...loaded, nsis: { oneClik: false } }, new DebugLogger(false))).rejects.toThrow(/configuration/i);
  });

  it('the schema check is not vacuous: a misspelt key and a wrong type are refused', () => {
    const validate = validator();
    expect(validate({ ...config, productNmae: 'x' })).toBe(false);
    expect(validate({ ...config, mac: { ...config.mac, hardenedRuntime: 'yes' } })).toBe(false);
    expect(validate({ ...config, electronFuses: { ...config.electronFuses, runAsNodee: false } })).toBe(false);
  });

  it('names the product and targets NSIS and dmg+zip on x64 and arm64', () => {
    expect(config.productName).toBe('e-Invoice Desk');
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }]);
    expect(config.mac.target).toEqual([
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ]);
  });

  it('signs macOS with the hardened runtime and entitlements that exist', () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.notarize).toBe(true);
    for (const file of [config.mac.entitlements, config.mac.entitlementsInherit]) {
      const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
      expect(text).toContain('com.apple.security.cs.allow-jit');
      expect(text).not.toContain('disable-library-validation');
      expect(text).not.toContain('get-task-allow');
    }
  });

  it('flips the fuses issue 7 names', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('unpacks the natives, ships resources/ and publishes for electron-updater from the environment', () => {
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/better-sqlite3/**', 'node_modules/keytar/**']));
    expect(config.extraResources).toEqual([{ from: 'resources', to: 'resources', filter: ['**/*'] }]);
    expect(config.publish).toEqual([{ provider: 'generic', url: '${env.EINVOICE_UPDATE_URL}', channel: 'latest' }]);
    // Nothing secret-shaped in the file: credentials come from the environment only.
    const text = readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8');
    expect(text).not.toMatch(/password\s*:|cscLink\s*:|appleIdPassword/i);
  });

  it('packs the built bundles the main process loads', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/main/index.js');
    expect(config.files).toEqual(expect.arrayContaining(['dist/main/**/*', 'dist/preload/**/*', 'dist/renderer/**/*', 'package.json']));
    // What main loads at run time must not be filtered out of the archive.
    const runtime = ['better-sqlite3', 'keytar', 'pdfkit', 'dejavu-fonts-ttf', 'zod', 'jose', 'node-forge', 'qrcode', 'fontkit', '@zxing/library'];
    for (const dep of runtime) expect(config.files.some((f) => f === `!node_modules/${dep}/**`), dep).toBe(false);
    expect(config.files).not.toContain('!node_modules/better-sqlite3/build/Release/better_sqlite3.node');
  });
});
