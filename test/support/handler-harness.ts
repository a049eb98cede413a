/**
 * The handler table over a real app core (SQLite in a temp dir, memory vault) with the practice
 * set up exactly as `npm start` does it: what the integration tests of the channels share.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAppCore, type AppCore } from '../../electron/app/app-core';
import { dispatch, HANDLERS, type HandlerContext } from '../../electron/app/handlers';
import { setUpPractice, type PracticeSetup } from '../../electron/host/practice-setup';
import { MemorySecretStore } from '../../electron/vault';
import type { AppEvent, Channel, IpcError, Req, Res } from '../../shared/ipc/contract';

export interface HandlerHarness {
  dir: string;
  core: AppCore;
  practice: PracticeSetup;
  ctx: HandlerContext;
  /** Engine and handler events, in order (tests may empty it). */
  events: AppEvent[];
  /** A channel call that must succeed. */
  call<C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>>;
  /** A channel call that must be refused: its error. */
  refused<C extends Channel>(channel: C, req: Req<C>): Promise<IpcError>;
  close(): Promise<void>;
}

export async function openHandlerHarness(prefix: string): Promise<HandlerHarness> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const events: AppEvent[] = [];
  const core = await openAppCore({ dataDir: dir, env: {}, vault: new MemorySecretStore(), onEvent: (e) => events.push(e) });
  const practice = await setUpPractice(core);
  const ctx: HandlerContext = { core, practice: true, version: 'test', emit: (e) => events.push(e) };
  return {
    dir, core, practice, ctx, events,
    async call(channel, req) {
      const r = await dispatch(HANDLERS, channel, req, ctx);
      if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
      return r.value as never;
    },
    async refused(channel, req) {
      const r = await dispatch(HANDLERS, channel, req, ctx);
      if (r.ok) throw new Error(`${channel} was accepted: ${JSON.stringify(r.value).slice(0, 200)}`);
      return r.error;
    },
    async close() {
      await core.close();
      await practice.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
