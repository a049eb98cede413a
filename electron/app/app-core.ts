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
import { loadHsnMaster } from './masters';

export interface AppCore {
  paths: DataPaths;
  ledger: Ledger;
  vault: SecretStore;
  endpoints: EndpointResolver;
  engine: RegistrationEngine;
  operations: IrnOperations;
  hsn: HsnMaster;
  now: () => Date;
  close(): Promise<void>;
}

export interface OpenAppOptions {
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  /** Injected in tests; default: the OS keychain, else memory with a warning. */
  vault?: SecretStore;
  concurrencyPerGstin?: number;
  onEvent?: (event: EngineEvent) => void;
}

export async function openAppCore(options: OpenAppOptions): Promise<AppCore> {
  const paths = dataPaths(options.dataDir);
  const now = options.now ?? (() => new Date());
  const env = options.env ?? process.env;
  const vault = options.vault ?? (await openSecretStore());
  const ledger = openLedger(paths.ledger, { clock: now });
  const hsn = loadHsnMaster();
  const endpoints = new EndpointResolver({ practiceDataDir: paths.practiceIrp, vault, env, now });
  const engine = new RegistrationEngine({
    ledger, endpoints, hsn, now,
    ...(options.concurrencyPerGstin ? { concurrencyPerGstin: options.concurrencyPerGstin } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  const operations = new IrnOperations({ ledger, engine, endpoints, now });
  return {
    paths, ledger, vault, endpoints, engine, operations, hsn, now,
    async close() {
      await endpoints.close();
      ledger.close();
    },
  };
}
