/** Shared by the CLI commands that use the data directory (ledger, vault, IRP endpoints). */
import { resolve } from 'node:path';
import type { AppCore, OpenAppOptions } from '../app/app-core';
import { dataPaths, defaultDataDir } from '../app/data-dir';
import { explained, openLedger, type Ledger } from '../ledger';
import type { CliIo } from './io';

export const DATA_OPTION = { data: { type: 'string' } } as const;

export function dataDirFrom(values: { data?: string | undefined }, io: CliIo): string {
  return values.data ? resolve(values.data) : defaultDataDir(io.env);
}

/** Opens the app core for one command and always closes it (ledger, embedded practice IRP). */
export async function withApp<T>(
  values: { data?: string | undefined },
  io: CliIo,
  fn: (app: AppCore) => Promise<T>,
  engine: Pick<OpenAppOptions, 'concurrencyPerGstin' | 'waitForOthersMs'> = {},
): Promise<T> {
  // loaded here, not at the top: commands that only read the ledger never pay for the whole app
  const { openAppCore } = await import('../app/app-core');
  const app = await openAppCore({ dataDir: dataDirFrom(values, io), env: io.env, now: io.now, ...engine });
  if (app.vault.warning) io.err(`warning: ${app.vault.warning}`);
  try {
    return await fn(app);
  } catch (e) {
    // A SQLite failure is told as what happened to which file and what to do (ledger/failures.ts).
    throw explained(e, app.paths.ledger);
  } finally {
    await app.close();
  }
}

/**
 * Opens only the ledger, for commands that read it (`ledger list`): no keychain probe, no HSN
 * master, no IRP endpoints, so they start in a fraction of the time.
 */
export async function withLedger<T>(values: { data?: string | undefined }, io: CliIo, fn: (ledger: Ledger) => Promise<T>): Promise<T> {
  const file = dataPaths(dataDirFrom(values, io)).ledger;
  let ledger: Ledger;
  try {
    ledger = openLedger(file, { clock: io.now });
  } catch (e) {
    throw explained(e, file);
  }
  try {
    return await fn(ledger);
  } catch (e) {
    throw explained(e, file);
  } finally {
    ledger.close();
  }
}

/** A violation list as the CLI prints it in --json. */
export function plainErrors(errors: ReadonlyArray<{ code: string; path?: string; message: string }>): Array<{ code: string; path: string; message: string }> {
  return errors.map((e) => ({ code: e.code, path: e.path ?? '', message: e.message }));
}

export function ackNumber(ackNo: string | undefined): number | null {
  return ackNo === undefined ? null : Number(ackNo);
}
