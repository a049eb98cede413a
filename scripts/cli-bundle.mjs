// The `einvoice` command's bundle: the CLI's TypeScript (electron/cli/main.ts and everything it
// imports from electron/ and shared/) built by esbuild into dist/cli-<id>/, one file per command
// (code splitting keeps `einvoice validate` from loading SQLite or the HTTP stack), npm packages
// left as imports. Starting from the bundle takes about a third of starting through tsx.
//
// Built by `npm install` / `npm ci` (the "prepare" script runs `node scripts/cli-bundle.mjs`) and
// again on the fly by bin/einvoice.mjs whenever a source file it was built from has changed
// (dist/cli.json lists every input with its size and modification time), so a fresh clone, a
// `git pull` or an edit never runs stale code. Builds go to a new folder and the manifest is
// replaced atomically, so two commands starting at once never see half a bundle.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const manifestFile = join(dist, 'cli.json');
/** Folders of older builds are removed once they are this old (a running command may still load from one). */
const STALE_MS = 10 * 60_000;

function readManifest() {
  try {
    return JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Every input as it was built: same size and modification time (and the output still there). */
function fresh(manifest) {
  if (!manifest || typeof manifest.dir !== 'string' || typeof manifest.inputs !== 'object') return false;
  try {
    statSync(join(dist, manifest.dir, manifest.entry));
    for (const [file, [size, mtimeMs]] of Object.entries(manifest.inputs)) {
      const s = statSync(join(root, file));
      if (s.size !== size || s.mtimeMs !== mtimeMs) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/** Builds a new bundle and points the manifest at it; returns the manifest. */
export async function buildCliBundle() {
  const { build } = await import('esbuild');
  const dir = `cli-${Date.now().toString(36)}-${process.pid.toString(36)}`;
  const outdir = join(dist, dir);
  // The output sits two levels below the root, like electron/<area>/<file>, so the few modules
  // that find files relative to themselves (resources/, package.json) find the same ones.
  const common = { absWorkingDir: root, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'silent', metafile: true };
  const main = await build({ ...common, entryPoints: { main: 'electron/cli/main.ts' }, splitting: true, outdir, chunkNames: 'chunk-[hash]' });
  // Workers for long ledger jobs: one self-contained file next to the code that starts them.
  const worker = await build({ ...common, entryPoints: { 'ledger-worker': 'electron/app/ledger-jobs/worker.ts' }, outdir });
  const inputs = {};
  for (const file of [...Object.keys(main.metafile.inputs), ...Object.keys(worker.metafile.inputs)]) {
    const s = statSync(join(root, file));
    inputs[file] = [s.size, s.mtimeMs];
  }
  const manifest = { dir, entry: 'main.js', inputs };
  const temp = `${manifestFile}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(manifest));
  renameSync(temp, manifestFile);
  removeStale(dir);
  return manifest;
}

function removeStale(keep) {
  for (const name of readdirSync(dist)) {
    if (!name.startsWith('cli-') || name === keep) continue;
    try {
      if (Date.now() - statSync(join(dist, name)).mtimeMs > STALE_MS) rmSync(join(dist, name), { recursive: true, force: true });
    } catch {
      // another command removed it first
    }
  }
}

/**
 * The bundled runCli, built first when missing or stale; undefined when it cannot be had (no
 * esbuild, a read-only install, EINVOICE_CLI_BUNDLE=0): the caller then runs the sources.
 */
export async function loadBundledCli() {
  if (process.env.EINVOICE_CLI_BUNDLE === '0') return undefined;
  try {
    let manifest = readManifest();
    if (!fresh(manifest)) {
      mkdirSync(dist, { recursive: true });
      manifest = await buildCliBundle();
    }
    const mod = await import(pathToFileURL(join(dist, manifest.dir, manifest.entry)).href);
    return typeof mod.runCli === 'function' ? mod.runCli : undefined;
  } catch (e) {
    if (process.env.EINVOICE_CLI_DEBUG) process.stderr.write(`einvoice: running from sources (${e instanceof Error ? e.message : String(e)})\n`);
    return undefined;
  }
}

// `node scripts/cli-bundle.mjs` (npm's "prepare"): build now; never fail an install over it.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    mkdirSync(dist, { recursive: true });
    const m = await buildCliBundle();
    process.stdout.write(`einvoice: CLI bundle built in dist/${m.dir}\n`);
  } catch (e) {
    process.stdout.write(`einvoice: CLI bundle not built (${e instanceof Error ? e.message : String(e)}); the command runs from sources\n`);
  }
}
