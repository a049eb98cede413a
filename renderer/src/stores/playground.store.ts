/**
 * The Playground (issue 15): the trace on screen, the last check-encryption verdict and the
 * scenario run (results arrive scenario by scenario, so the screen shows progress).
 */
import { create } from 'zustand';
import type { CheckResult, ScenarioInfo, ScenarioResult, Trace } from '../../../shared/ipc/playground.schema';
import type { ProfileView, Req } from '../api/types';
import { ApiError, invoke } from '../api/client';

interface PlaygroundState {
  profiles: ProfileView[];
  scenarios: ScenarioInfo[];
  publicKeyPem?: string;
  keyThumbprint?: string;
  trace?: Trace;
  tracing: boolean;
  check?: CheckResult;
  checking: boolean;
  runId?: string;
  results: ScenarioResult[];
  running?: { done: number; total: number };
  error?: string;
  load: () => Promise<void>;
  runTrace: (req: Req<'playground:trace'>) => Promise<void>;
  sample: (profileName: string) => Promise<string | undefined>;
  runCheck: (req: Req<'playground:check'>) => Promise<void>;
  runScenarios: (ids: string[]) => Promise<void>;
  report: (format: 'pdf' | 'xlsx') => Promise<{ fileName: string; base64: string; passed: number; failed: number } | undefined>;
}

const text = (e: unknown) => (e instanceof ApiError ? `${e.message} (${e.code})` : String(e));

export const usePlayground = create<PlaygroundState>((set, get) => ({
  profiles: [],
  scenarios: [],
  tracing: false,
  checking: false,
  results: [],

  async load() {
    try {
      const [info, { profiles }] = await Promise.all([invoke('playground:info', {}), invoke('profiles:list', {})]);
      set({ scenarios: info.scenarios, publicKeyPem: info.practicePublicKeyPem, keyThumbprint: info.practiceKeyThumbprint, profiles });
    } catch (e) {
      set({ error: text(e) });
    }
  },

  async runTrace(req) {
    set({ tracing: true, error: undefined });
    try {
      set({ trace: await invoke('playground:trace', req) });
    } catch (e) {
      set({ error: text(e), trace: undefined });
    } finally {
      set({ tracing: false });
    }
  },

  async sample(profileName) {
    try {
      return (await invoke('playground:sample', { profileName })).invoiceJson;
    } catch (e) {
      set({ error: text(e) });
      return undefined;
    }
  },

  async runCheck(req) {
    set({ checking: true, error: undefined });
    try {
      set({ check: await invoke('playground:check', req) });
    } catch (e) {
      set({ error: text(e), check: undefined });
    } finally {
      set({ checking: false });
    }
  },

  async runScenarios(ids) {
    // one call per scenario: each runs on a fresh practice IRP and the list fills in as they finish
    set({ running: { done: 0, total: ids.length }, results: [], runId: undefined, error: undefined });
    try {
      for (const id of ids) {
        const r = await invoke('playground:run', { ids: [id], ...(get().runId ? { runId: get().runId } : {}) });
        set((s) => ({ runId: r.runId, results: [...s.results, ...r.results], running: { done: (s.running?.done ?? 0) + 1, total: ids.length } }));
      }
    } catch (e) {
      set({ error: text(e) });
    } finally {
      set({ running: undefined });
    }
  },

  async report(format) {
    const runId = get().runId;
    if (!runId) return undefined;
    try {
      return await invoke('playground:report', { runId, format });
    } catch (e) {
      set({ error: text(e) });
      return undefined;
    }
  },
}));
