/** Settings → Data: the data folder, backups of the ledger and restoring one (electron/app/backup.ts). */
import { backupLedger, dataFacts, listBackups, restoreLedger } from '../backup';
import type { HandlerTable } from './table';

type DataHandlers = Pick<HandlerTable, 'data:info' | 'data:backup' | 'data:backups' | 'data:restore'>;

export const dataHandlers: DataHandlers = {
  'data:info': (_req, { core }) => dataFacts(core),

  'data:backup': async (_req, { core }) => {
    const b = await backupLedger(core);
    return { fileName: b.fileName, bytes: b.bytes, invoices: b.invoices, registrations: b.registrations, createdAt: b.createdAt };
  },

  'data:backups': (_req, { core }) => ({
    backups: listBackups(core).map((b) => ({
      fileName: b.fileName,
      bytes: b.bytes,
      createdAt: b.createdAt,
      safety: b.safety,
      ...(b.invoices !== undefined ? { invoices: b.invoices } : {}),
      ...(b.registrations !== undefined ? { registrations: b.registrations } : {}),
      ...(b.problem ? { problem: b.problem } : {}),
    })),
  }),

  'data:restore': async ({ fileName, allowLosingIrns }, { core, emit }) => {
    const r = await restoreLedger(core, fileName, { allowLosingIrns: allowLosingIrns === true });
    // Everything the UI shows came from the old ledger: lists, details, businesses and profiles.
    emit({ type: 'ledger:changed' });
    emit({ type: 'settings:changed' });
    return {
      fileName: r.restored.fileName,
      invoices: r.restored.invoices,
      registrations: r.restored.registrations,
      safetyBackup: r.safetyBackup.fileName,
      lostIrns: r.lostIrns,
    };
  },
};
