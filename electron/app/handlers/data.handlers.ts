/** Settings → Data: the data folder, backups of the ledger and restoring one (electron/app/backup.ts). */
import { backupLedger, dataFacts, listBackups, restoreLedger, type OnDataProgress } from '../backup';
import type { HandlerContext, HandlerTable } from './table';

type DataHandlers = Pick<HandlerTable, 'data:info' | 'data:backup' | 'data:backups' | 'data:restore'>;

/** Progress to the window, at most every 100 ms per step (and every change of step). */
function progressTo(ctx: HandlerContext, job: 'backup' | 'restore'): OnDataProgress {
  let last = 0;
  let lastStep = '';
  return (p) => {
    const now = Date.now();
    if (p.step === lastStep && now - last < 100 && p.done < p.total) return;
    last = now;
    lastStep = p.step;
    ctx.emit({ type: 'data:progress', job, ...p });
  };
}

export const dataHandlers: DataHandlers = {
  'data:info': (_req, { core }) => dataFacts(core),

  'data:backup': async (_req, ctx) => {
    const b = await backupLedger(ctx.core, progressTo(ctx, 'backup'));
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

  'data:restore': async ({ fileName, allowLosingIrns }, ctx) => {
    const { core, emit } = ctx;
    const r = await restoreLedger(core, fileName, { allowLosingIrns: allowLosingIrns === true }, progressTo(ctx, 'restore'));
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
