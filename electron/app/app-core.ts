/**
 * The app core: one ledger, one vault, one endpoint resolver (with its session cache) and the
 * registration engine, for a data directory. The three hosts (Electron, browser host, CLI) open it.
 */
import type { HsnMaster } from '../../shared/gst/hsn';
import { openLedger, type Ledger } from '../ledger';
import { openSecretStore, type SecretStore } from '../vault';
import { dataPaths, type DataPaths } from './data-dir';
import { EndpointResolver } from './endpoints';
import { RegistrationEngine, type EngineEvent } from './engine/registration-engine';
import { IrnOperations } from './engine/irn-operations';
import { EwbOperations } from './engine/ewb-operations';
import { loadHsnMaster } from './masters';

export interface AppCore {
  paths: DataPaths;
  ledger: Ledger;
  vault: SecretStore;
  endpoints: EndpointResolver;
  engine: RegistrationEngine;
  operations: IrnOperations;
  /** E-way bills after they are raised: Part-B, cancel, the distance estimate. */
  ewb: EwbOperations;
  hsn: HsnMaster;
  now: () => Date;
  /** Registration engine and IRN operation calls running now (a restore must wait for 0). */
  activeCalls(): number;
  /**
   * Swaps the ledger under the running core (restore): closes the ledger, runs `swapFile` on the
   * closed file, opens the file again and rebuilds the engine and the operations on it. The
   * fields of this object are reassigned in place, so whoever reads `core.ledger` / `core.engine`
   * per call follows; long-lived holders take `following(core, ...)`. The file is reopened even
   * when `swapFile` throws, and a failed reopen throws with the old ledger left closed.
   */
  replaceLedger(swapFile: (ledgerFile: string) => void): void;
  close(): Promise<void>;
}

export interface OpenAppOptions {
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  /** Injected in tests; default: the OS keychain, else memory with a warning. */
  vault?: SecretStore;
  concurrencyPerGstin?: number;
  /** How long a registration waits for a document another process is sending (engine default 20 s). */
  waitForOthersMs?: number;
  onEvent?: (event: EngineEvent) => void;
}

export async function openAppCore(options: OpenAppOptions): Promise<AppCore> {
  const paths = dataPaths(options.dataDir);
  const now = options.now ?? (() => new Date());
  const env = options.env ?? process.env;
  const vault = options.vault ?? (await openSecretStore());
  const hsn = loadHsnMaster();
  const endpoints = new EndpointResolver({ practiceDataDir: paths.practiceIrp, vault, env, now });
  const calls = { active: 0 };
  const build = (ledger: Ledger) => {
    const engine = new RegistrationEngine({
      ledger, endpoints, hsn, now,
      ...(options.concurrencyPerGstin ? { concurrencyPerGstin: options.concurrencyPerGstin } : {}),
      ...(options.waitForOthersMs !== undefined ? { waitForOthersMs: options.waitForOthersMs } : {}),
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    });
    const operations = new IrnOperations({ ledger, engine, endpoints, now });
    const ewb = new EwbOperations({ ledger, engine, endpoints, now });
    return { ledger, engine: counted(engine, calls), operations: counted(operations, calls), ewb: counted(ewb, calls) };
  };
  const core: AppCore = {
    paths, vault, endpoints, hsn, now,
    ...build(openLedger(paths.ledger, { clock: now })),
    activeCalls: () => calls.active,
    replaceLedger(swapFile) {
      core.ledger.close();
      try {
        swapFile(paths.ledger);
      } finally {
        Object.assign(core, build(openLedger(paths.ledger, { clock: now })));
      }
    },
    async close() {
      await endpoints.close();
      core.ledger.close();
    },
  };
  return core;
}

/**
 * `target` with every promise-returning method counted in `calls.active` until it settles. The
 * synchronous part of a call runs before the count goes up, which is safe: nothing else runs in
 * between on this thread.
 */
function counted<T extends object>(target: T, calls: { active: number }): T {
  return new Proxy(target, {
    get(t, key) {
      const value: unknown = Reflect.get(t, key, t);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(t, args);
        if (!(result instanceof Promise)) return result;
        calls.active += 1;
        return result.finally(() => (calls.active -= 1));
      };
    },
  });
}

/**
 * A stand-in for `core[key]` that always reaches the current one (they change on restore), for
 * holders that keep a reference for the app's lifetime (the desktop queue runner).
 */
export function following<K extends 'ledger' | 'engine' | 'operations'>(core: AppCore, key: K): AppCore[K] {
  return new Proxy({} as AppCore[K], {
    get(_t, prop) {
      const current = core[key] as object;
      const value: unknown = Reflect.get(current, prop);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(current) : value;
    },
  });
}
