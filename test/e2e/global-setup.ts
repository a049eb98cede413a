/** Builds the renderer once (when stale), so no test's host start includes a build. */
import { spawnSync } from 'node:child_process';

export default function globalSetup(): void {
  const r = spawnSync(process.execPath, ['scripts/start.mjs', '--build-only'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`building the renderer failed (exit ${r.status})`);
}
