/** Removes the temp data dir the run used (the web server is already stopped by then). */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

export default function globalTeardown(): void {
  const dir = process.env.E2E_DATA;
  if (dir?.startsWith(tmpdir())) rmSync(dir, { recursive: true, force: true });
}
