/** Settings: businesses (with logo and bank for print), endpoint profiles, NIC keys and write-only credentials. */
import { create } from 'zustand';
import type { BusinessView, ProfileView, Req } from '../api/types';
import { ApiError, invoke } from '../api/client';

export interface FieldProblem {
  code: string;
  message: string;
}

interface SettingsState {
  businesses: BusinessView[];
  profiles: ProfileView[];
  message?: { kind: 'ok' | 'error'; text: string };
  /** The last refusal, by field path (`bank.ifsc`, `baseUrl`, `logo`, ...), for the form to show in place. */
  fieldErrors: Record<string, FieldProblem>;
  load: () => Promise<void>;
  saveBusiness: (input: Req<'businesses:save'>) => Promise<BusinessView | undefined>;
  setLogo: (id: number, base64: string | null) => Promise<boolean>;
  logoUrl: (id: number) => Promise<string | undefined>;
  saveProfile: (input: Req<'profiles:save'>) => Promise<ProfileView | undefined>;
  importKeys: (input: Req<'profiles:importKeys'>) => Promise<ProfileView | undefined>;
  setCredentials: (profileName: string, clientSecret: string, password: string) => Promise<boolean>;
  deleteProfile: (name: string) => Promise<boolean>;
  clearProblems: () => void;
}

const text = (e: unknown) => (e instanceof ApiError ? `${e.message} (${e.code})` : String(e));

/** Field paths of a refusal: `{ path }` from the core's checks, `[{ path, message }]` from the contract's. */
function problemsOf(e: unknown): Record<string, FieldProblem> {
  if (!(e instanceof ApiError)) return {};
  const out: Record<string, FieldProblem> = {};
  const d = e.details;
  if (Array.isArray(d)) {
    for (const item of d as Array<{ path?: unknown; message?: unknown }>) {
      if (typeof item.path === 'string' && typeof item.message === 'string') out[item.path] = { code: e.code, message: item.message };
    }
  } else if (d && typeof d === 'object' && typeof (d as { path?: unknown }).path === 'string') {
    out[(d as { path: string }).path] = { code: e.code, message: e.message };
  }
  return out;
}

export const useSettings = create<SettingsState>((set, get) => {
  /** One call: success message and reload, or the error as a notice plus field problems. */
  async function run<T>(call: () => Promise<T>, ok: (value: T) => string): Promise<T | undefined> {
    set({ fieldErrors: {} });
    try {
      const value = await call();
      set({ message: { kind: 'ok', text: ok(value) } });
      await get().load();
      return value;
    } catch (e) {
      set({ message: { kind: 'error', text: text(e) }, fieldErrors: problemsOf(e) });
      return undefined;
    }
  }

  return {
    businesses: [],
    profiles: [],
    fieldErrors: {},
    async load() {
      try {
        const [{ businesses }, { profiles }] = await Promise.all([invoke('businesses:list', {}), invoke('profiles:list', {})]);
        set({ businesses, profiles });
      } catch (e) {
        set({ message: { kind: 'error', text: text(e) } });
      }
    },
    saveBusiness: (input) => run(() => invoke('businesses:save', input), () => 'Business saved.'),
    async setLogo(id, base64) {
      const r = await run(() => invoke('businesses:setLogo', { id, base64 }), () => (base64 === null ? 'Logo removed.' : 'Logo saved; it prints at the top left of every invoice.'));
      return r !== undefined;
    },
    async logoUrl(id) {
      try {
        const { mime, base64 } = await invoke('businesses:logo', { id });
        return mime && base64 ? `data:${mime};base64,${base64}` : undefined;
      } catch {
        return undefined;
      }
    },
    saveProfile: (input) => run(() => invoke('profiles:save', input), (p) => `Profile ${p.name} saved.`),
    importKeys: (input) =>
      run(() => invoke('profiles:importKeys', input), (p) => `Imported for ${p.name}: ${[input.encryptionKeyPem !== undefined && 'encryption public key', input.signingCertPem !== undefined && 'signing certificate'].filter(Boolean).join(' and ')}.`),
    async setCredentials(profileName, clientSecret, password) {
      const r = await run(() => invoke('credentials:set', { profileName, clientSecret, password }), () => `Credentials for ${profileName} saved.`);
      return r !== undefined;
    },
    async deleteProfile(name) {
      const r = await run(() => invoke('profiles:delete', { name }), (d) => `Profile ${d.name} deleted${d.credentialsRemoved ? ', with its credentials' : ''}.`);
      return r !== undefined;
    },
    clearProblems: () => set({ fieldErrors: {} }),
  };
});
