#!/usr/bin/env node
// `npm start`: the desktop app where an Electron runtime and the desktop shell exist; otherwise
// the browser host with the practice IRP embedded. Works right after `npm install`: the renderer
// is built when dist/renderer is missing or older than its sources, and the TypeScript of the host
// runs through tsx (no build step). Arguments after `npm start --` go to the host (--data, --port,
// --no-open). `--build-only` builds the renderer when stale and exits (the e2e global setup).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** The Electron binary, when the package's download actually happened (it is opt-in here). */
function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** The built Electron main bundle package.json names (sources alone cannot run in Electron). */
function desktopShell() {
  const main = require(join(root, 'package.json')).main;
  return typeof main === 'string' && existsSync(join(root, main)) ? main : undefined;
}

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function buildRendererIfStale() {
  const index = join(root, 'dist/renderer/index.html');
  const sources = Math.max(newestMtime(join(root, 'renderer')), newestMtime(join(root, 'shared')), statSync(join(root, 'vite.config.ts')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  console.log('Building the user interface (first start or changed sources)...');
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('e-Invoice Desk could not build its user interface (see the messages above).');
    process.exit(r.status ?? 1);
  }
}

const args = process.argv.slice(2);
if (args.includes('--build-only')) {
  buildRendererIfStale();
  process.exit(0);
}
const electron = electronBinary();
const shell = desktopShell();
if (electron && shell) {
  const child = spawn(electron, [root, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (electron) console.log('An Electron runtime is installed but the desktop shell (electron/main) is not built yet: starting in the browser instead.');
  buildRendererIfStale();
  const { register } = await import('tsx/esm/api');
  register();
  process.argv = [process.argv[0], join(root, 'electron/host/main.ts'), ...args];
  await import('../electron/host/main.ts');
}
