/**
 * openLedger(): the one entry point the app core, the CLI and the tests use. It opens the file
 * (pragmas, migrations, refusal of newer schemas) and builds every repository on one connection.
 */
import type { Database } from 'better-sqlite3';
import { checkBackup, type BackupCheck } from './backup';
import { BusinessesRepo } from './businesses.repo';
import { rmSync } from 'node:fs';
import { integrityProblems, openDatabase, readOnlyState, type ConnectionOptions, type ReadOnlyLedger } from './connection';
import { EwayBillsRepo } from './ewaybills.repo';
import { InvoiceListRepo } from './invoice-list.repo';
import { InvoicesRepo } from './invoices.repo';
import { JournalRepo } from './journal.repo';
import { OutboxRepo } from './outbox.repo';
import { OverviewRepo } from './overview.repo';
import { PartiesRepo } from './parties.repo';
import { ProductsRepo } from './products.repo';
import { ProfilesRepo } from './profiles.repo';
import { RegistrationsRepo } from './registrations.repo';
import { SeriesRepo } from './series.repo';
import { SettingsRepo } from './settings.repo';
import { systemClock, type Clock } from './support';
import { WorkingCopiesRepo } from './working-copies.repo';

export interface LedgerOptions extends ConnectionOptions {
  /** "now" for timestamps, backoff and lookup ages (tests inject a fixed clock). */
  clock?: Clock;
}

export interface Ledger {
  readonly file: string;
  readonly db: Database;
  readonly businesses: BusinessesRepo;
  readonly profiles: ProfilesRepo;
  readonly parties: PartiesRepo;
  readonly products: ProductsRepo;
  readonly invoices: InvoicesRepo;
  readonly invoiceList: InvoiceListRepo;
  readonly registrations: RegistrationsRepo;
  readonly ewaybills: EwayBillsRepo;
  readonly outbox: OutboxRepo;
  readonly journal: JournalRepo;
  /** Set when the ledger could not be opened for writing (then nothing is ever written to it). */
  readonly readOnly?: ReadOnlyLedger;
  /** Full PRAGMA integrity_check: the first problems found, or [] when the file is sound. */
  integrityCheck(): string[];
  /** The dashboard's figures, each one index range. */
  readonly overview: OverviewRepo;
  /** The editor's working copies (what was typed, saved as it is typed). */
  readonly workingCopies: WorkingCopiesRepo;
  /** Document numbering series per business and type. */
  readonly series: SeriesRepo;
  readonly settings: SettingsRepo;
  /** Runs fn in one IMMEDIATE transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T;
  /** An online, consistent copy of the ledger at `file` (safe while writing). */
  backupTo(file: string): Promise<BackupCheck>;
  close(): void;
}

export function openLedger(file: string, options: LedgerOptions = {}): Ledger {
  const db = openDatabase(file, options);
  const clock = options.clock ?? systemClock;
  const journal = new JournalRepo(db, clock);
  const invoices = new InvoicesRepo(db, clock);
  const registrations = new RegistrationsRepo(db, clock);
  const ewaybills = new EwayBillsRepo(db, clock);
  const readOnly = readOnlyState(db);
  const outbox = new OutboxRepo(db, clock, { invoices, registrations, ewaybills, journal });
  return {
    file,
    db,
    ...(readOnly ? { readOnly } : {}),
    integrityCheck: () => integrityProblems(db),
    businesses: new BusinessesRepo(db, clock),
    profiles: new ProfilesRepo(db, clock),
    parties: new PartiesRepo(db, clock),
    products: new ProductsRepo(db, clock),
    invoices,
    invoiceList: new InvoiceListRepo(db),
    registrations,
    ewaybills,
    outbox,
    journal,
    overview: new OverviewRepo(db),
    workingCopies: new WorkingCopiesRepo(db, clock),
    series: new SeriesRepo(db, clock),
    settings: new SettingsRepo(db, clock),
    transaction<T>(fn: () => T): T {
      return db.transaction(fn).immediate();
    },
    async backupTo(target: string): Promise<BackupCheck> {
      await db.backup(target);
      return checkBackup(target);
    },
    close() {
      outbox.dispose();
      if (!db.open) return;
      // Lets SQLite refresh its planner statistics for the indexes the list queries rely on. It
      // writes, so never on a read-only ledger; and a failure here must not keep the file open.
      try {
        if (!readOnly) db.pragma('optimize');
      } catch {
        // statistics are an optimisation only
      }
      db.close();
      if (readOnly?.snapshotDir) rmSync(readOnly.snapshotDir, { recursive: true, force: true });
    },
  };
}
