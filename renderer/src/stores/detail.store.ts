/** One invoice with what the IRP returned, and the cancel action. */
import { create } from 'zustand';
import type { Res } from '../api/types';
import { ApiError, invoke } from '../api/client';
import { errorInWords } from '../plain';

interface DetailState {
  id?: number;
  data?: Res<'invoices:get'>;
  error?: string;
  cancelling: boolean;
  load: (id: number) => Promise<void>;
  cancel: (reason: '1' | '2' | '3' | '4', remark: string) => Promise<boolean>;
}

export const useDetail = create<DetailState>((set, get) => ({
  cancelling: false,
  async load(id) {
    if (get().id !== id) set({ id, data: undefined, error: undefined });
    try {
      const data = await invoke('invoices:get', { id });
      if (get().id === id) set({ data, error: undefined });
    } catch (e) {
      set({ error: e instanceof ApiError ? e.message : String(e) });
    }
  },
  async cancel(reason, remark) {
    const id = get().id;
    if (id === undefined) return false;
    set({ cancelling: true, error: undefined });
    try {
      await invoke('invoices:cancel', { id, reason, remark });
      set({ cancelling: false });
      await get().load(id);
      return true;
    } catch (e) {
      set({ cancelling: false, error: e instanceof ApiError ? `The IRN was not cancelled: ${errorInWords({ code: e.code, message: e.message })}` : String(e) });
      return false;
    }
  },
}));
