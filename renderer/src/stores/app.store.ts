/** App facts (data folder, vault, practice) and the IRP health behind the banner. */
import { create } from 'zustand';
import type { Res } from '../../../shared/ipc/contract';
import { ApiError, connection, invoke } from '../api/client';

interface AppState {
  info?: Res<'app:info'>;
  health?: Res<'health'>;
  connected: boolean;
  error?: string;
  loadInfo: () => Promise<void>;
  loadHealth: () => Promise<void>;
}

export const useApp = create<AppState>((set) => ({
  connected: true,
  async loadInfo() {
    try {
      set({ info: await invoke('app:info', {}), error: undefined });
    } catch (e) {
      set({ error: e instanceof ApiError ? e.message : String(e) });
    }
  },
  async loadHealth() {
    try {
      set({ health: await invoke('health', {}) });
    } catch {
      // the connection banner covers it
    }
  },
}));

connection.watchers.add((up) => useApp.setState({ connected: up }));
