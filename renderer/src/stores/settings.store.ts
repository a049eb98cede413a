/** Settings: businesses (with logo and bank for print), endpoint profiles, NIC keys and write-only credentials. */
import { create } from 'zustand';
import type { BusinessView, GspPresetView, ProfileView, Req, Res } from '../api/types';
import { ApiError, invoke } from '../api/client';

/** The core asks for a yes before a change that removes stored secrets (issue 16): its sentence. */
export const CONFIRM_CODE = 'CONFIRM_CREDENTIAL_REMOVAL';

export type SaveOutcome<T> = { saved: T } | { confirm: string } | { failed: true };

export interface SecretsInput {
  clientSecret?: string;
  password?: string;
  secrets?: Record<string, string>;
}

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
  /** Saves a profile; a change that would remove stored secrets comes back as { confirm } to ask first. */
  saveConnection: (input: Req<'profiles:save'>) => Promise<SaveOutcome<ProfileView>>;
  importKeysAsking: (input: Req<'profiles:importKeys'>) => Promise<SaveOutcome<ProfileView>>;
  setCredentials: (profileName: string, clientSecret: string, password: string) => Promise<boolean>;
  setSecrets: (profileName: string, secrets: SecretsInput) => Promise<boolean>;
  /** GSP presets for the guided settings (loaded once). */
  presets: GspPresetView[];
  loadPresets: () => Promise<void>;
  /** The latest Test connection answer per profile. */
  tests: Record<string, Res<'profiles:test'> | { running: true }>;
  testProfile: (name: string) => Promise<void>;
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

  /** A call that may need the person's yes first: the core's sentence comes back instead of an error notice. */
  async function asking<T>(call: () => Promise<T>, ok: (value: T) => string): Promise<SaveOutcome<T>> {
    set({ fieldErrors: {} });
    try {
      const value = await call();
      set({ message: { kind: 'ok', text: ok(value) } });
      await get().load();
      return { saved: value };
    } catch (e) {
      if (e instanceof ApiError && e.code === CONFIRM_CODE) return { confirm: e.message };
      set({ message: { kind: 'error', text: text(e) }, fieldErrors: problemsOf(e) });
      return { failed: true };
    }
  }

  const savedText = (p: ProfileView & { credentialsRemoved?: boolean }) => `Profile ${p.name} saved${p.credentialsRemoved ? '; its stored secrets were removed (they were for the old endpoint)' : ''}.`;

  return {
    businesses: [],
    profiles: [],
    presets: [],
    tests: {},
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
    saveConnection: (input) => asking(() => invoke('profiles:save', input), savedText),
    importKeysAsking: (input) =>
      asking(() => invoke('profiles:importKeys', input), (p) => `Imported for ${p.name}: ${[input.encryptionKeyPem !== undefined && 'encryption public key', input.signingCertPem !== undefined && 'signing certificate'].filter(Boolean).join(' and ')}${p.credentialsRemoved ? '; its stored secrets were removed' : ''}.`),
    async setSecrets(profileName, secrets) {
      const r = await run(() => invoke('credentials:set', { profileName, ...secrets }), () => `Credentials for ${profileName} saved.`);
      return r !== undefined;
    },
    async loadPresets() {
      if (get().presets.length > 0) return;
      try {
        set({ presets: (await invoke('gsp:presets', {})).presets });
      } catch (e) {
        set({ message: { kind: 'error', text: text(e) } });
      }
    },
    async testProfile(name) {
      set({ tests: { ...get().tests, [name]: { running: true } } });
      try {
        const r = await invoke('profiles:test', { name });
        set({ tests: { ...get().tests, [name]: r } });
      } catch (e) {
        set({ tests: { ...get().tests, [name]: { ok: false, sentence: text(e), steps: [] } } });
      }
    },
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
