/** Settings: businesses, endpoint profiles and write-only credentials. */
import { create } from 'zustand';
import type { BusinessView, ProfileView, Req } from '../api/types';
import { ApiError, invoke } from '../api/client';

interface SettingsState {
  businesses: BusinessView[];
  profiles: ProfileView[];
  message?: { kind: 'ok' | 'error'; text: string };
  load: () => Promise<void>;
  saveBusiness: (input: Req<'businesses:save'>) => Promise<boolean>;
  setCredentials: (profileName: string, clientSecret: string, password: string) => Promise<boolean>;
}

const text = (e: unknown) => (e instanceof ApiError ? `${e.message} (${e.code})` : String(e));

export const useSettings = create<SettingsState>((set, get) => ({
  businesses: [],
  profiles: [],
  async load() {
    try {
      const [{ businesses }, { profiles }] = await Promise.all([invoke('businesses:list', {}), invoke('profiles:list', {})]);
      set({ businesses, profiles });
    } catch (e) {
      set({ message: { kind: 'error', text: text(e) } });
    }
  },
  async saveBusiness(input) {
    try {
      await invoke('businesses:save', input);
      set({ message: { kind: 'ok', text: 'Business saved.' } });
      await get().load();
      return true;
    } catch (e) {
      set({ message: { kind: 'error', text: text(e) } });
      return false;
    }
  },
  async setCredentials(profileName, clientSecret, password) {
    try {
      await invoke('credentials:set', { profileName, clientSecret, password });
      set({ message: { kind: 'ok', text: `Credentials for ${profileName} saved.` } });
      await get().load();
      return true;
    } catch (e) {
      set({ message: { kind: 'error', text: text(e) } });
      return false;
    }
  },
}));
