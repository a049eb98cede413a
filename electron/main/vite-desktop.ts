/**
 * Vite configurations of the two desktop bundles, used by vite.config.ts for `--mode main` and
 * `--mode preload`:
 * - main: dist/main/index.js, ESM for Node (Electron's main process). Every npm dependency stays
 *   external (the natives better-sqlite3 and keytar must; pdfkit and the fonts find their data
 *   files next to their own modules), as do electron and the Node builtins; our own code from
 *   electron/ and shared/ is bundled. Beside it, dist/main/ledger-worker.js: the worker thread
 *   of long ledger jobs (backup, restore checks; electron/app/ledger-jobs), a separate bundle.
 * - preload: dist/preload/index.cjs, one CommonJS file as a sandboxed preload requires (it may
 *   require only 'electron'), with the contract (and zod) bundled in.
 */
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin, UserConfig } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const at = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** Bare imports (packages) are external in main; relative and absolute paths are bundled. */
export function isExternalInMain(id: string): boolean {
  if (id === 'electron' || NODE_BUILTINS.includes(id)) return true;
  return !id.startsWith('.') && !id.startsWith('/') && !/^[a-zA-Z]:[\\/]/.test(id) && !id.startsWith('\0');
}

/** Builds electron/app/ledger-jobs/worker.ts into ledger-worker.js next to the main bundle. */
function ledgerWorker(): Plugin {
  return {
    name: 'einvoice-ledger-worker',
    async writeBundle(options) {
      const { build } = await import('esbuild');
      await build({
        entryPoints: [at('electron/app/ledger-jobs/worker.ts')], outfile: join(options.dir ?? at('dist/main'), 'ledger-worker.js'),
        bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'silent',
      });
    },
  };
}

export function mainConfig(): UserConfig {
  return {
    root,
    publicDir: false,
    plugins: [ledgerWorker()],
    build: {
      outDir: at('dist/main'),
      emptyOutDir: true,
      sourcemap: true,
      target: 'node20',
      minify: false,
      ssr: at('electron/main/index.ts'),
      rollupOptions: {
        external: isExternalInMain,
        output: { format: 'es', entryFileNames: 'index.js' },
      },
    },
    ssr: { target: 'node', noExternal: [] },
  };
}

export function preloadConfig(): UserConfig {
  return {
    root,
    publicDir: false,
    build: {
      outDir: at('dist/preload'),
      emptyOutDir: true,
      sourcemap: false,
      target: 'es2022',
      minify: false,
      lib: { entry: at('electron/preload/index.ts'), formats: ['cjs'], fileName: () => 'index.cjs' },
      rollupOptions: { external: ['electron'] },
    },
  };
}
