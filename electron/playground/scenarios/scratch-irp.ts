/**
 * The practice IRP the scenario catalogue runs against: a fresh instance per run, so that moving
 * its clock (cancel after 24 h, the retrieval window), expiring its tokens or marking it down never
 * touches the practice IRP the user works with, nor another run. Its key pair is kept in
 * <data>/playground-irp and copied into each run's temporary folder: a run starts in milliseconds
 * instead of generating two RSA keys, and its signing certificate stays the same across runs.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPracticeIrp, type PracticeIrp } from '../../sandbox';
import { loadOrCreateKeys } from '../../sandbox/keys';

export interface ScratchIrp {
  irp: PracticeIrp;
  close(): Promise<void>;
}

export async function startScratchIrp(keysDir: string): Promise<ScratchIrp> {
  mkdirSync(keysDir, { recursive: true });
  loadOrCreateKeys(keysDir);
  const dir = mkdtempSync(join(tmpdir(), 'einvoice-playground-irp-'));
  try {
    for (const f of readdirSync(keysDir)) if (f.endsWith('.pem')) copyFileSync(join(keysDir, f), join(dir, f));
    const irp = await startPracticeIrp({ dataDir: dir, port: 0 });
    return {
      irp,
      async close() {
        await irp.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
