/** Whether this machine can run the desktop app: an Electron binary and the built bundles. */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

/** The Electron executable, or the reason there is none. */
export function electronRuntime(): { path: string } | { missing: string } {
  let path: unknown;
  try {
    // The electron package exports the binary's path, and throws when its download never ran.
    path = createRequire(join(ROOT, 'package.json'))('electron');
  } catch (e) {
    return { missing: `no Electron runtime (${(e instanceof Error ? e.message : String(e)).split('\n')[0]}); run node scripts/fetch-electron.mjs where the network allows` };
  }
  if (typeof path !== 'string' || !existsSync(path)) return { missing: 'no Electron runtime: the electron package has no binary' };
  for (const bundle of ['dist/main/index.js', 'dist/preload/index.cjs', 'dist/renderer/index.html']) {
    if (!existsSync(join(ROOT, bundle))) return { missing: `${bundle} is not built: run npm run build` };
  }
  return { path };
}
