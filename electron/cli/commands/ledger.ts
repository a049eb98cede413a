/**
 * `einvoice ledger list`: what the ledger holds, filtered and searched.
 * `einvoice ledger backup`: a verified backup into <data>/backups.
 * `einvoice ledger check`: SQLite's full integrity check and the journal chain; exit 0 sound, 1 damaged.
 * `einvoice ledger restore FILE`: FILE (any path) is copied into <data>/backups, then restored with
 * the same checks as Settings → Data (docs/ledger.md). Exit 0 done, 1 refused or failed, 2 usage
 * or an unreadable FILE.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { formatDocDate } from '../../../shared/dates';
import { formatInr } from '../../../shared/money';
import type { AppCore } from '../../app/app-core';
import type { InvoiceStatus } from '../../ledger';
import { ackNumber, DATA_OPTION, dataDirFrom, withApp, withLedger } from '../app';
import { checkLedgerFile } from '../../app/ledger-check';
import { parse } from '../args';
import { UsageError, type CliIo, type Command } from '../io';
import { privateCopy } from '../../support/private-files';
import { formatBytes } from '../../../shared/bytes';

const STATUSES: readonly InvoiceStatus[] = ['draft', 'queued', 'in_flight', 'registered', 'cancelled', 'rejected'];

export const ledgerCommand: Command = {
  summary: 'list, back up, check or restore the local ledger',
  usage: [
    'einvoice ledger list [--status draft|queued|in_flight|registered|cancelled|rejected] [--search Q] [--limit N] [--json] [--data DIR]',
    '       einvoice ledger backup [--json] [--data DIR]',
    '       einvoice ledger check [--json] [--data DIR]',
    '       einvoice ledger restore FILE [--allow-losing-irns] [--json] [--data DIR]',
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parse(args, {
      ...DATA_OPTION, status: { type: 'string' }, search: { type: 'string' }, limit: { type: 'string', default: '1000' }, json: { type: 'boolean', default: false },
      'allow-losing-irns': { type: 'boolean', default: false },
    });
    const verb = positionals[0];
    if (verb === 'backup') {
      if (positionals.length > 1) throw new UsageError('"ledger backup" takes no FILE: backups go to the backups folder of the data folder');
      return withApp(values, io, (app) => backup(app, io, values.json));
    }
    if (verb === 'check') {
      if (positionals.length > 1) throw new UsageError('"ledger check" takes no FILE: it checks the ledger of the data folder');
      const r = checkLedgerFile(join(dataDirFrom(values, io), 'ledger.sqlite'));
      if (values.json) io.out(JSON.stringify(r));
      else if (r.ok) io.out(r.message);
      else io.err(r.message);
      return r.ok ? 0 : 1;
    }
    if (verb === 'restore') {
      const [, file, ...rest] = positionals;
      if (!file || rest.length > 0) throw new UsageError('give exactly one FILE to restore');
      const source = resolve(file);
      if (!statSync(source, { throwIfNoEntry: false })?.isFile()) {
        io.err(`${file} does not exist or is not a file`);
        return 2;
      }
      return withApp(values, io, (app) => restore(app, io, source, { allowLosingIrns: values['allow-losing-irns'], json: values.json }));
    }
    if (verb !== 'list') throw new UsageError('expected "ledger list", "ledger backup", "ledger check" or "ledger restore FILE"');
    if (values.status && !STATUSES.includes(values.status as InvoiceStatus)) throw new UsageError(`--status must be one of ${STATUSES.join(', ')}`);
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError('--limit must be 1 to 1000');
    return withLedger(values, io, async (ledger) => {
      const page = ledger.invoiceList.page({
        ...(values.status ? { status: values.status as InvoiceStatus } : {}),
        ...(values.search ? { search: values.search } : {}),
        limit,
      });
      const rows = page.rows.map((r) => ({
        docType: r.docType, docNo: r.docNo ?? null, docDate: formatDocDate(r.docDate), sellerGstin: r.sellerGstin, buyerGstin: r.buyerGstin ?? null,
        total: r.totalPaise / 100, status: r.status, irn: r.irn ?? null, ackNo: ackNumber(r.ackNo), ackDt: r.ackDt ?? null,
      }));
      if (values.json) io.out(JSON.stringify(rows));
      else for (const r of rows) io.out(`${r.status.padEnd(10)} ${r.docType} ${String(r.docNo).padEnd(16)} ${r.docDate} ${String(r.buyerGstin).padEnd(15)} ${formatInr(Math.round(r.total * 100)).padStart(16)} ${r.irn ?? ''}`);
      return Promise.resolve(0);
    });
  },
};

/**
 * An AppError of the backup module, told by its shape: that module (and the app's handler table
 * behind AppError) loads only for backup and restore, so `ledger list` starts quickly.
 */
function isAppError(e: unknown): e is Error & { code: string } {
  return e instanceof Error && e.name === 'AppError' && typeof (e as { code?: unknown }).code === 'string';
}

function failed(io: CliIo, e: unknown): number {
  if (!isAppError(e)) throw e;
  io.err(`${e.message} (${e.code})`);
  return 1;
}

async function backup(app: AppCore, io: CliIo, json: boolean): Promise<number> {
  const { backupLedger } = await import('../../app/backup');
  try {
    const b = await backupLedger(app);
    if (json) io.out(JSON.stringify(b));
    else io.out(`backup written and verified: ${b.path} (${formatBytes(b.bytes)}, ${b.invoices} invoices, ${b.registrations} IRNs)`);
    return 0;
  } catch (e) {
    return failed(io, e);
  }
}

/** FILE's name in the backups folder: its own when free (or the same bytes are there already). */
function importName(dir: string, source: string): { name: string; copied: boolean } {
  if (dirname(source) === dir && /\.sqlite$/i.test(source)) return { name: basename(source), copied: false };
  const base = basename(source).replace(/^\.+/, '').replace(/\.sqlite$/i, '') || 'imported';
  const size = statSync(source).size;
  for (let n = 1; ; n += 1) {
    const name = `${base}${n === 1 ? '' : `-${n}`}.sqlite`;
    const path = join(dir, name);
    if (!existsSync(path)) {
      privateCopy(source, path);
      return { name, copied: true };
    }
    if (statSync(path).size === size && readFileSync(path).equals(readFileSync(source))) return { name, copied: false };
  }
}

async function restore(app: AppCore, io: CliIo, source: string, o: { allowLosingIrns: boolean; json: boolean }): Promise<number> {
  const { backupsDir, restoreLedger } = await import('../../app/backup');
  const dir = backupsDir(app);
  mkdirSync(dir, { recursive: true });
  const { name, copied } = importName(dir, source);
  if (copied) io.err(`copied ${source} into ${join(dir, name)}`);
  try {
    const r = await restoreLedger(app, name, { allowLosingIrns: o.allowLosingIrns });
    if (o.json) io.out(JSON.stringify({ fileName: name, invoices: r.restored.invoices, registrations: r.restored.registrations, safetyBackup: r.safetyBackup.path, lostIrns: r.lostIrns }));
    else {
      io.out(`restored ${name}: ${r.restored.invoices} invoices, ${r.restored.registrations} IRNs`);
      io.out(`the ledger as it was before is kept in ${r.safetyBackup.path}`);
      if (r.lostIrns.count > 0) io.out(`${r.lostIrns.count} IRN(s) are only in that safety backup: ${r.lostIrns.docNos.join(', ')}`);
    }
    return 0;
  } catch (e) {
    // a file that is no ledger at all should not stay in the backups folder
    if (copied && isAppError(e) && e.code.startsWith('BACKUP_')) rmSync(join(dir, name), { force: true });
    const code = failed(io, e);
    if (isAppError(e) && e.code === 'RESTORE_WOULD_LOSE_IRNS') io.err('Run again with --allow-losing-irns to restore anyway (the current ledger is kept as a safety backup first).');
    return code;
  }
}
