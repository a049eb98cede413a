/**
 * Backups and restores of the running ledger (<data>/ledger.sqlite) into <data>/backups.
 *
 * - backupLedger: a consistent copy (VACUUM INTO from a read-only connection: one snapshot, WAL
 *   content included, while the app and other processes go on writing) into
 *   `ledger-YYYYMMDD-HHmmss.sqlite` (IST, the time the user sees), a self-contained
 *   rollback-journal file, then verified read-only (backup-check.ts: integrity, same schema
 *   version, journal chain) before it gets its name. Copy and checks run in a worker thread
 *   (ledger-jobs/), with progress, so the window keeps answering on a ledger of any size.
 * - listBackups: every *.sqlite of the folder, newest first, with cheap facts (or the problem).
 * - restoreLedger: plain file names from the folder only; refused while the engine or the outbox
 *   has anything in flight, when the candidate fails the same checks as a fresh backup, and when
 *   the running ledger holds IRNs the candidate lacks (unless allowLosingIrns). It always takes a
 *   safety backup (`ledger-before-restore-….sqlite`) first, then swaps the file under the running
 *   core (AppCore.replaceLedger) and journals `ledger.restored` in the restored ledger.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { copyFile, open } from 'node:fs/promises';
import { privateCopy } from '../support/private-files';
import { basename, join } from 'node:path';
import { formatIstDateTime, parseIstDateTime } from '../../shared/dates';
import type { AppCore } from './app-core';
import { liveFacts, readLedgerFacts, type LostIrns } from './backup-check';
import { AppError } from './handlers/table';
import { runLedgerJob } from './ledger-jobs/run';

export interface BackupInfo {
  fileName: string;
  path: string;
  bytes: number;
  invoices: number;
  registrations: number;
  /** ISO instant (from the file name when it is one of ours, else the file's modification time). */
  createdAt: string;
}

export interface BackupListItem {
  fileName: string;
  bytes: number;
  createdAt: string;
  /** A safety copy taken before a restore. */
  safety: boolean;
  schemaVersion?: number;
  invoices?: number;
  registrations?: number;
  /** Why the file cannot be restored, when its header or schema already says so. */
  problem?: { code: string; message: string };
}

export interface RestoreOptions {
  allowLosingIrns?: boolean;
}

/** Progress of a backup or restore: the step, and how far it is (done of total; 0 of 0: unknown). */
export interface DataProgress {
  step: 'copy' | 'integrity' | 'journal' | 'compare' | 'swap';
  done: number;
  total: number;
}
export type OnDataProgress = (p: DataProgress) => void;

const PHASES = new Set(['copy', 'integrity', 'journal', 'compare']);
const relay = (onProgress: OnDataProgress | undefined) => (phase: string, done: number, total: number) => {
  if (onProgress && PHASES.has(phase)) onProgress({ step: phase as DataProgress['step'], done, total });
};

export interface RestoreResult {
  restored: BackupInfo;
  safetyBackup: BackupInfo;
  /** IRNs the replaced ledger held that the restored one lacks (kept in the safety backup). */
  lostIrns: LostIrns;
}

const SAFETY_PREFIX = 'ledger-before-restore-';
const NAME_TIME = /^ledger-(?:before-restore-)?(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-\d+)?\.sqlite$/;

export function backupsDir(core: Pick<AppCore, 'paths'>): string {
  return join(core.paths.dir, 'backups');
}

/** YYYYMMDD-HHmmss in IST. */
function istStamp(instant: Date): string {
  return formatIstDateTime(instant).replace(/[-:]/g, '').replace(' ', '-');
}

function createdAtOf(fileName: string, mtime: Date): string {
  const m = NAME_TIME.exec(fileName);
  const named = m ? parseIstDateTime(`${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}`) : undefined;
  return (named ?? mtime).toISOString();
}

function freeName(dir: string, prefix: string, instant: Date): string {
  const stamp = istStamp(instant);
  for (let n = 1; ; n += 1) {
    const name = `${prefix}${stamp}${n === 1 ? '' : `-${n}`}.sqlite`;
    if (!existsSync(join(dir, name))) return name;
  }
}

/** One backup or restore at a time per core: a restore closes the connection a backup reads. */
const running = new WeakSet<AppCore>();
async function exclusive<T>(core: AppCore, fn: () => Promise<T>): Promise<T> {
  if (running.has(core)) throw new AppError('DATA_BUSY', 'A backup or restore of the ledger is already running: wait for it to finish.');
  running.add(core);
  try {
    return await fn();
  } finally {
    running.delete(core);
  }
}

/** Copies the running ledger into backups/<prefix>…sqlite, verified, under its final name only once it passed. */
async function writeBackup(core: AppCore, prefix: string, onProgress?: OnDataProgress): Promise<BackupInfo> {
  const dir = backupsDir(core);
  mkdirSync(dir, { recursive: true });
  const fileName = freeName(dir, prefix, core.now());
  const path = join(dir, fileName);
  const partial = `${path}.partial`;
  try {
    await copyWithProgress(core, partial, onProgress);
    const schema = core.ledger.db.pragma('user_version', { simple: true }) as number;
    const facts = await runLedgerJob('verify', { file: partial, name: fileName, expectSchema: schema }, relay(onProgress));
    renameSync(partial, path);
    return { fileName, path, bytes: statSync(path).size, invoices: facts.invoices, registrations: facts.registrations, createdAt: core.now().toISOString() };
  } catch (e) {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
    if (e instanceof AppError) throw new AppError('BACKUP_FAILED', `The backup did not verify, so it was not kept: ${e.message}`, { cause: e.code });
    throw new AppError('BACKUP_FAILED', `The backup could not be written to ${dir}: ${(e as Error).message}`);
  }
}

/** The copy job, its progress read from the size of the file it writes (VACUUM INTO cannot report). */
async function copyWithProgress(core: AppCore, target: string, onProgress?: OnDataProgress): Promise<void> {
  const db = core.ledger.db;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const total = ((db.pragma('page_count', { simple: true }) as number) - (db.pragma('freelist_count', { simple: true }) as number)) * pageSize;
  onProgress?.({ step: 'copy', done: 0, total });
  let finished = false;
  // While the worker writes, the copy's dirty pages are flushed every 100 ms (off this thread, in
  // libuv's pool): otherwise hundreds of MB pile up and the next synchronous commit of the app
  // (an fsync, which on ext4 also waits for other files' pending data) stalls the window.
  const poll = async () => {
    while (!finished) {
      await new Promise((r) => setTimeout(r, 100));
      const file = await open(target, 'r+').catch(() => undefined);
      if (!file) continue;
      try {
        await file.datasync();
        if (!finished) onProgress?.({ step: 'copy', done: Math.min((await file.stat()).size, total), total });
      } finally {
        await file.close();
      }
    }
  };
  const polling = poll();
  try {
    await runLedgerJob('copy', { source: core.ledger.file, target });
  } finally {
    finished = true;
    await polling;
  }
  onProgress?.({ step: 'copy', done: total, total });
}

export async function backupLedger(core: AppCore, onProgress?: OnDataProgress): Promise<BackupInfo> {
  return exclusive(core, async () => {
    const info = await writeBackup(core, 'ledger-', onProgress);
    // A read-only ledger is backed up but cannot record that it was (issue 16).
    if (!core.ledger.readOnly) core.ledger.journal.append({ kind: 'ledger.backup', outcome: 'ok', details: { fileName: info.fileName, bytes: info.bytes, invoices: info.invoices, registrations: info.registrations } });
    return info;
  });
}

/** The *.sqlite files of the backups folder with their size and time (newest-first order is the caller's). */
function backupFiles(core: Pick<AppCore, 'paths'>): Array<{ fileName: string; path: string; bytes: number; createdAt: string }> {
  const dir = backupsDir(core);
  if (!existsSync(dir)) return [];
  const files = [];
  for (const fileName of readdirSync(dir)) {
    if (!fileName.toLowerCase().endsWith('.sqlite')) continue;
    const path = join(dir, fileName);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat?.isFile()) files.push({ fileName, path, bytes: stat.size, createdAt: createdAtOf(fileName, stat.mtime) });
  }
  return files;
}

export function listBackups(core: Pick<AppCore, 'paths'>): BackupListItem[] {
  const items = backupFiles(core).map(({ fileName, path, bytes, createdAt }) => {
    const item: BackupListItem = { fileName, bytes, createdAt, safety: fileName.startsWith(SAFETY_PREFIX) };
    try {
      Object.assign(item, readLedgerFacts(path, fileName));
    } catch (e) {
      item.problem = e instanceof AppError ? { code: e.code, message: e.message } : { code: 'BACKUP_UNREADABLE', message: `${fileName} cannot be read: ${(e as Error).message}` };
    }
    return item;
  });
  return items.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.fileName.localeCompare(a.fileName));
}

/** The newest backup's time (any kind), for "last backup". */
export function lastBackupAt(core: Pick<AppCore, 'paths'>): string | undefined {
  let newest: string | undefined;
  for (const { createdAt } of backupFiles(core)) if (!newest || createdAt > newest) newest = createdAt;
  return newest;
}

/** A plain file name inside the backups folder: no folders, no "..", nothing but a .sqlite name. */
export function backupPath(core: Pick<AppCore, 'paths'>, fileName: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  const plain = fileName === basename(fileName) && !/[/\\:\u0000-\u001f]/.test(fileName) && !fileName.startsWith('.') && /\.sqlite$/i.test(fileName);
  if (!plain) {
    throw new AppError('BACKUP_BAD_NAME', `"${fileName.slice(0, 80)}" is not the name of a file in the backups folder: give a plain file name ending in .sqlite (no folders). To restore a file from elsewhere, copy it into ${backupsDir(core)} first.`);
  }
  const path = join(backupsDir(core), fileName);
  if (!statSync(path, { throwIfNoEntry: false })?.isFile()) {
    throw new AppError('BACKUP_NOT_FOUND', `There is no backup named ${fileName} in ${backupsDir(core)}.`);
  }
  return path;
}

/** Refuses while anything may be talking to the IRP: its answer must land in the ledger it started from. */
function assertIdle(core: AppCore): void {
  const inFlight = core.ledger.outbox.listInFlight();
  if (core.activeCalls() > 0 || inFlight.length > 0) {
    const docs = inFlight.map((r) => core.ledger.invoices.get(r.invoiceId)?.docNo).filter((d): d is string => Boolean(d)).slice(0, 5);
    throw new AppError(
      'RESTORE_BUSY',
      `A request to the IRP is in progress${docs.length ? ` (${docs.join(', ')})` : ''}: wait until it has its answer (the Invoices list shows it), then restore.`,
      { inFlight: inFlight.length, active: core.activeCalls() },
    );
  }
}

/** Changes by this connection and commits by others: equal before and after means nothing was written. */
function writeMark(core: AppCore): string {
  const changes = core.ledger.db.prepare('SELECT total_changes()').pluck().get() as number;
  return `${changes}/${String(core.ledger.db.pragma('data_version', { simple: true }))}`;
}

function refuseLoss(fileName: string, lost: LostIrns): never {
  const more = lost.count > lost.docNos.length ? ` and ${lost.count - lost.docNos.length} more` : '';
  throw new AppError(
    'RESTORE_WOULD_LOSE_IRNS',
    `${fileName} does not have ${lost.count} registered invoice${lost.count === 1 ? '' : 's'} that the current ledger has (${lost.docNos.join(', ')}${more}). Restoring it would forget their IRNs; the current ledger would be kept as a safety backup.`,
    lost,
  );
}

/**
 * Takes the ledger file for this process alone: leaving WAL mode needs every other connection
 * (another e-Invoice Desk, a CLI run) to be gone, and folds the WAL into the file on the way.
 */
function takeExclusive(core: AppCore): void {
  const db = core.ledger.db;
  db.pragma('busy_timeout = 0');
  try {
    db.pragma('journal_mode = DELETE');
  } catch (e) {
    db.pragma('busy_timeout = 5000');
    if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new AppError('LEDGER_IN_USE', 'Another e-Invoice Desk (the app or an einvoice command) has this ledger open: close it, then restore.');
    }
    throw e;
  }
}

/** Moves a prepared copy (same folder, so the rename is atomic) over the closed ledger file. */
function swapIn(prepared: string) {
  return (ledgerFile: string) => {
    // The rename is atomic: a crash leaves the old ledger or the new one, never half of each.
    renameSync(prepared, ledgerFile);
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(ledgerFile + suffix, { force: true });
  };
}

/** A copy of `file` beside the ledger, ready to be renamed over it (synchronous: a rare fallback). */
function copyBeside(core: AppCore, file: string): string {
  const temp = `${core.paths.ledger}.restore-tmp`;
  privateCopy(file, temp);
  return temp;
}

export async function restoreLedger(core: AppCore, fileName: string, options: RestoreOptions = {}, onProgress?: OnDataProgress): Promise<RestoreResult> {
  const candidate = backupPath(core, fileName);
  return exclusive(core, async () => {
    assertIdle(core);
    // the candidate does not change while we wait; the running ledger may, so the rest repeats
    const checked = await runLedgerJob('verify', { file: candidate, name: fileName }, relay(onProgress));
    // the copy that will replace the ledger, made now (off the main thread), renamed into place later
    const prepared = `${core.paths.ledger}.restore-tmp`;
    onProgress?.({ step: 'copy', done: 0, total: statSync(candidate).size });
    await copyFile(candidate, prepared);
    // a copy keeps its source's mode: the ledger-to-be is the user's alone (issue 16)
    if (process.platform !== 'win32') chmodSync(prepared, 0o600);
    try {
      for (let attempt = 1; ; attempt += 1) {
        assertIdle(core);
        const lost = await runLedgerJob('missing', { candidate, live: core.ledger.file }, relay(onProgress));
        if (lost.count > 0 && !options.allowLosingIrns) refuseLoss(fileName, lost);
        const mark = writeMark(core);
        const safety = await writeBackup(core, SAFETY_PREFIX, onProgress);
        // From here to the swap nothing awaits: no request can start or finish in between.
        if (writeMark(core) !== mark || core.activeCalls() > 0) {
          // Something was written during the safety copy: it may miss that, so take it again.
          rmSync(safety.path, { force: true });
          if (attempt < 3) continue;
          throw new AppError('RESTORE_BUSY', 'The ledger kept changing while the safety backup was taken: wait until nothing is being registered, then restore.');
        }
        try {
          takeExclusive(core);
        } catch (e) {
          rmSync(safety.path, { force: true });
          throw e;
        }
        onProgress?.({ step: 'swap', done: 0, total: 0 });
        try {
          core.replaceLedger(swapIn(prepared));
        } catch (e) {
          // The candidate passed every check, so this is the disk; put the safety copy back in place.
          core.replaceLedger(swapIn(copyBeside(core, safety.path)));
          throw new AppError('RESTORE_FAILED', `The restore failed (${(e as Error).message}); the ledger as it was before is back in place.`);
        }
        core.ledger.journal.append({
          kind: 'ledger.restored',
          outcome: 'ok',
          details: { fileName, safetyBackup: safety.fileName, schemaVersion: checked.schemaVersion, invoices: checked.invoices, registrations: checked.registrations, irnsNotInBackup: lost.count },
        });
        const stat = statSync(candidate);
        return {
          restored: { fileName, path: candidate, bytes: stat.size, invoices: checked.invoices, registrations: checked.registrations, createdAt: createdAtOf(fileName, stat.mtime) },
          safetyBackup: safety,
          lostIrns: lost,
        };
      }
    } finally {
      rmSync(prepared, { force: true });
    }
  });
}

/** What Settings → Data shows about the running ledger. */
export function dataFacts(core: AppCore) {
  const size = (f: string) => statSync(f, { throwIfNoEntry: false })?.size ?? 0;
  const facts = liveFacts(core.ledger.db);
  const last = lastBackupAt(core);
  return {
    dataDir: core.paths.dir,
    ledgerFile: core.paths.ledger,
    ledgerBytes: size(core.paths.ledger) + size(`${core.paths.ledger}-wal`),
    invoices: facts.invoices,
    registrations: facts.registrations,
    backupsDir: backupsDir(core),
    ...(last ? { lastBackupAt: last } : {}),
  };
}
