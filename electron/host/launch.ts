/** Opens the app core on a data dir, the practice setup, and the browser host over them. */
import { openAppCore, type AppCore } from '../app/app-core';
import { HANDLERS } from '../app/handlers';
import { appVersion } from '../app/version';
import type { SecretStore } from '../vault';
import { createEventHub } from './events';
import { setUpPractice, type PracticeSetup } from './practice-setup';
import { startRetryLoop } from './retry-loop';
import { startBrowserHost, type BrowserHost } from './server';

export interface LaunchOptions {
  dataDir: string;
  staticDir: string;
  port?: number;
  token?: string;
  vault?: SecretStore;
  env?: NodeJS.ProcessEnv;
  /** Start the practice IRP and the ready-to-use practice business (default true). */
  practice?: boolean;
  /** How often due queued registrations are sent again (default 10 s; 0 turns it off). */
  retryIntervalMs?: number;
}

export interface Launched {
  host: BrowserHost;
  core: AppCore;
  practice?: PracticeSetup;
  close(): Promise<void>;
}

export async function launchBrowserHost(options: LaunchOptions): Promise<Launched> {
  const hub = createEventHub();
  const core = await openAppCore({
    dataDir: options.dataDir,
    ...(options.env ? { env: options.env } : {}),
    ...(options.vault ? { vault: options.vault } : {}),
    onEvent: (e) => hub.publish(e),
  });
  let practice: PracticeSetup | undefined;
  try {
    // A read-only ledger takes no practice profile or business (nothing can be written to it).
    if (options.practice !== false && !core.ledger.readOnly) practice = await setUpPractice(core);
    const host = await startBrowserHost({
      ctx: { core, practice: practice !== undefined, version: appVersion() },
      table: HANDLERS,
      hub,
      staticDir: options.staticDir,
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.token !== undefined ? { token: options.token } : {}),
    });
    const interval = options.retryIntervalMs ?? 10_000;
    const stopRetries = interval > 0 ? startRetryLoop(core, interval) : () => undefined;
    return {
      host,
      core,
      ...(practice ? { practice } : {}),
      async close() {
        stopRetries();
        await host.close();
        await core.close();
        await practice?.close();
      },
    };
  } catch (e) {
    await practice?.close();
    await core.close();
    throw e;
  }
}
