/** Settings → Data: ledger facts, backups, and the two-step restore (confirm, then the IRN-loss answer). */
import { create } from 'zustand';
import type { Res } from '../api/types';
import { ApiError, invoke } from '../api/client';
import { useSettings } from './settings.store';

export type BackupItem = Res<'data:backups'>['backups'][number];

/** The core's RESTORE_WOULD_LOSE_IRNS answer: what the chosen backup lacks. */
export interface IrnLoss {
  fileName: string;
  count: number;
  docNos: string[];
}

interface DataState {
  info?: Res<'data:info'>;
  backups: BackupItem[];
  backingUp: boolean;
  /** The backup whose restore is being confirmed (inline, under its row). */
  confirming?: string;
  restoring?: string;
  loss?: IrnLoss;
  /** The file the last backup wrote, to point it out in the list. */
  latest?: string;
  message?: { kind: 'ok' | 'error'; text: string };
  load: () => Promise<void>;
  backup: () => Promise<void>;
  askRestore: (fileName: string) => void;
  cancelRestore: () => void;
  restore: (fileName: string, allowLosingIrns: boolean) => Promise<void>;
}

const plural = (n: number, one: string) => `${n.toLocaleString('en-IN')} ${one}${n === 1 ? '' : 's'}`;
const text = (e: unknown) => (e instanceof ApiError ? `${e.message} (${e.code})` : String(e));

function lossOf(fileName: string, e: unknown): IrnLoss | undefined {
  if (!(e instanceof ApiError) || e.code !== 'RESTORE_WOULD_LOSE_IRNS') return undefined;
  const d = e.details as { count?: unknown; docNos?: unknown } | undefined;
  const docNos = Array.isArray(d?.docNos) ? d.docNos.filter((x): x is string => typeof x === 'string') : [];
  return { fileName, count: typeof d?.count === 'number' ? d.count : docNos.length, docNos };
}

export const useData = create<DataState>((set, get) => ({
  backups: [],
  backingUp: false,
  async load() {
    try {
      const [info, { backups }] = await Promise.all([invoke('data:info', {}), invoke('data:backups', {})]);
      set({ info, backups });
    } catch (e) {
      set({ message: { kind: 'error', text: text(e) } });
    }
  },
  async backup() {
    if (get().backingUp) return;
    set({ backingUp: true, message: undefined });
    try {
      const b = await invoke('data:backup', {});
      set({ latest: b.fileName, message: { kind: 'ok', text: `Backup saved and verified: ${b.fileName}.` } });
      await get().load();
    } catch (e) {
      set({ message: { kind: 'error', text: text(e) } });
    } finally {
      set({ backingUp: false });
    }
  },
  askRestore(fileName) {
    set({ confirming: fileName, loss: undefined, message: undefined });
  },
  cancelRestore() {
    set({ confirming: undefined, loss: undefined });
  },
  async restore(fileName, allowLosingIrns) {
    set({ restoring: fileName, message: undefined });
    try {
      const r = await invoke('data:restore', { fileName, allowLosingIrns });
      const kept = r.lostIrns.count > 0 ? ` ${r.lostIrns.count} IRN${r.lostIrns.count === 1 ? ' is' : 's are'} only in that safety backup.` : '';
      set({
        confirming: undefined,
        loss: undefined,
        latest: r.safetyBackup,
        message: { kind: 'ok', text: `Restored ${r.fileName}: ${plural(r.invoices, 'invoice')}, ${plural(r.registrations, 'IRN')}. The ledger as it was is kept as ${r.safetyBackup}.${kept}` },
      });
      // businesses and profiles on the same screen came from the replaced ledger
      await Promise.all([get().load(), useSettings.getState().load()]);
    } catch (e) {
      const loss = lossOf(fileName, e);
      if (loss) set({ loss });
      else set({ confirming: undefined, loss: undefined, message: { kind: 'error', text: text(e) } });
    } finally {
      set({ restoring: undefined });
    }
  },
}));
