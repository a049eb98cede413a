/**
 * openLedger(): the one entry point the app core, the CLI and the tests use. It opens the file
 * (pragmas, migrations, refusal of newer schemas) and builds every repository on one connection.
 */
import type { Database } from 'better-sqlite3';
import { checkBackup, type BackupCheck } from './backup';
import { BusinessesRepo } from './businesses.repo';
import { openDatabase, type ConnectionOptions } from './connection';
import { EwayBillsRepo } from './ewaybills.repo';
import { InvoiceListRepo } from './invoice-list.repo';
import { InvoicesRepo } from './invoices.repo';
import { JournalRepo } from './journal.repo';
import { OutboxRepo } from './outbox.repo';
import { PartiesRepo } from './parties.repo';
import { ProductsRepo } from './products.repo';
import { ProfilesRepo } from './profiles.repo';
import { RegistrationsRepo } from './registrations.repo';
import { SettingsRepo } from './settings.repo';
import { systemClock, type Clock } from './support';

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
  const outbox = new OutboxRepo(db, clock, { invoices, registrations, ewaybills, journal });
  return {
    file,
    db,
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
      // Lets SQLite refresh its planner statistics for the indexes the list queries rely on.
      db.pragma('optimize');
      db.close();
    },
  };
}
