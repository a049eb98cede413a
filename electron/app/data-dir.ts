/**
 * The data directory shared by the desktop app and the CLI: EINVOICE_HOME (or --data), else the
 * OS application-data folder. Holds ledger.sqlite and practice-irp/ (the embedded practice IRP).
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { tightenDataDir } from '../support/private-files';

export const APP_FOLDER = 'e-Invoice Desk';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.EINVOICE_HOME) return resolve(env.EINVOICE_HOME);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), APP_FOLDER);
}

export interface DataPaths {
  dir: string;
  ledger: string;
  practiceIrp: string;
}

/** The folder's paths; creates it private (0700) or takes group/other access off what it holds. */
export function dataPaths(dir: string): DataPaths {
  tightenDataDir(dir);
  return { dir, ledger: join(dir, 'ledger.sqlite'), practiceIrp: join(dir, 'practice-irp') };
}
