#!/usr/bin/env node
// Downloads the Electron binary for local development, explicitly: npm's allowScripts denies
// electron's postinstall (it downloads from GitHub during every `npm install`). This runs the
// package's own install.js (checksums from node_modules/electron/checksums.json; ELECTRON_MIRROR and
// electron_config_cache are honoured) and FAILS SOFT: where the network does not allow the
// download, it says so and exits 0, and everything else keeps working through the browser host
// (npm start) while the desktop smoke test reports itself skipped.
//
// Usage: node scripts/fetch-electron.mjs [--strict]   (--strict: exit 1 on failure, for CI)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const strict = process.argv.includes('--strict');
const TIMEOUT_MS = Number(process.env.FETCH_ELECTRON_TIMEOUT_MS ?? 10 * 60_000);

function electronDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return undefined;
  }
}

/** The binary path when installed (what require('electron') returns), else undefined. */
function installedBinary(dir) {
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

function finish(ok, message) {
  (ok ? console.log : console.error)(message);
  process.exit(ok || !strict ? 0 : 1);
}

const dir = electronDir();
if (!dir) finish(false, 'fetch-electron: the electron package is not installed (run npm install first). Nothing downloaded.');
const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
const already = installedBinary(dir);
if (already) finish(true, `fetch-electron: Electron ${version} is already installed at ${already}.`);

console.log(`fetch-electron: downloading Electron ${version} for ${process.platform}-${process.arch}${process.env.ELECTRON_MIRROR ? ` from ${process.env.ELECTRON_MIRROR}` : ''}...`);
const env = { ...process.env };
// install.js exits silently when this is set; an explicit fetch means "do download".
delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
const run = spawnSync(process.execPath, [join(dir, 'install.js')], { cwd: dir, env, encoding: 'utf8', timeout: TIMEOUT_MS });
const binary = installedBinary(dir);
if (run.status === 0 && binary) finish(true, `fetch-electron: Electron ${version} installed at ${binary}. npm start now opens the desktop app (after npm run build).`);

const output = `${run.stderr ?? ''}${run.stdout ?? ''}`;
const firstError = output.split('\n').find((l) => /error|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|certificate|403|404/i.test(l))?.trim();
const reason = run.error?.code === 'ETIMEDOUT' ? `no answer within ${Math.round(TIMEOUT_MS / 1000)} s` : (firstError ?? `install.js exited with ${run.status ?? run.signal}`);
finish(
  false,
  [
    `fetch-electron: could not download Electron ${version} (${reason.slice(0, 300)}).`,
    '  This machine probably cannot reach GitHub releases. Nothing is broken:',
    '  - npm start runs the app in your browser (the browser host) instead of the desktop window;',
    '  - npm run test:e2e-electron reports the desktop smoke test as skipped.',
    '  To get the desktop runtime, run this again where the network allows, or point ELECTRON_MIRROR',
    '  at a mirror of https://github.com/electron/electron/releases (e.g. https://npmmirror.com/mirrors/electron/).',
  ].join('\n'),
);
