/**
 * Private by default (docs/security.md): everything e-Invoice Desk writes (ledger and its -wal/-shm,
 * backups, PDFs, exports, the practice IRP's keys and data) is readable by the user alone.
 *
 * One mechanism covers every writer, present and future: the process umask is set to 077 by
 * every entry point (Electron main, browser host, CLI) and again wherever a data folder is opened,
 * so any file created afterwards is 0600 and any folder 0700, whatever the umask of the shell that
 * started us. Worker threads share the process umask. Files that existed before (an older version,
 * a copy from elsewhere) are tightened when the data folder is opened. Copies keep the mode of
 * their source (libuv's copyfile sets it), so copies into the data folder go through privateCopy.
 *
 * Windows has no umask: the data folder lives in the user's profile (%APPDATA%), whose ACL grants
 * the user, SYSTEM and Administrators only; the app adds nothing there.
 */
import { chmodSync, copyFileSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';

export const PRIVATE_UMASK = 0o077;
const POSIX = process.platform !== 'win32';

/** Sets the process umask to 077 (POSIX, main thread: workers share the process's). */
export function usePrivateUmask(): void {
  if (POSIX && isMainThread) process.umask(PRIVATE_UMASK);
}

export interface TightenReport {
  /** Paths whose mode was changed. */
  changed: string[];
  /** Paths that could not be changed (another owner, a read-only medium), with the reason. */
  failed: Array<{ path: string; code: string }>;
}

/** A data folder could hold many backups; deeper trees than ours are none of our business. */
const MAX_DEPTH = 4;
const MAX_ENTRIES = 50_000;

/**
 * Creates dir (0700) when missing and takes group and other bits off it and everything in it.
 * Symbolic links are neither followed nor changed: a link in the data folder must not lead us to
 * change a file elsewhere. Never throws for a file it cannot change (reported instead).
 */
export function tightenDataDir(dir: string): TightenReport {
  usePrivateUmask();
  const report: TightenReport = { changed: [], failed: [] };
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!POSIX) return report;
  let seen = 0;
  const visit = (path: string, depth: number): void => {
    if ((seen += 1) > MAX_ENTRIES) return;
    let st;
    try {
      st = lstatSync(path);
    } catch {
      return;
    }
    if (st.isSymbolicLink()) return;
    if ((st.mode & 0o077) !== 0) {
      try {
        // The owner's bits stay as they are: a read-only ledger stays read-only.
        chmodSync(path, st.mode & 0o700);
        report.changed.push(path);
      } catch (e) {
        report.failed.push({ path, code: (e as NodeJS.ErrnoException).code ?? 'ERROR' });
      }
    }
    if (st.isDirectory() && depth < MAX_DEPTH) {
      let names: string[];
      try {
        names = readdirSync(path);
      } catch {
        return;
      }
      for (const name of names) visit(join(path, name), depth + 1);
    }
  };
  visit(dir, 0);
  return report;
}

/** copyFileSync, with the copy made 0600 whatever the source's mode. */
export function privateCopy(source: string, target: string): void {
  copyFileSync(source, target);
  if (POSIX) chmodSync(target, 0o600);
}
