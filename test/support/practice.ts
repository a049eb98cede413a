/**
 * A practice IRP and an app core wired to it, for engine tests: real HTTP on 127.0.0.1, real
 * SQLite files in a temp dir. Secrets reach the engine through the automation environment
 * variables (or a vault the test passes in).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAppCore, type AppCore } from '../../electron/app/app-core';
import type { EngineEvent } from '../../electron/app/engine/registration-engine';
import { startPracticeIrp, type PracticeIrp } from '../../electron/sandbox';
import type { PracticeAccount } from '../../electron/sandbox/accounts';
import { MemorySecretStore, type SecretStore } from '../../electron/vault';
import { formatDocDate, istDateOf } from '../../shared/dates';
import type { Invoice } from '../../shared/einvoice/schema';
import { BUYER_MH, goodsLine, serviceLine, validInvoice } from './invoices';

export interface Practice {
  irp: PracticeIrp;
  dir: string;
  accounts: PracticeAccount[];
  account(gstin: string): PracticeAccount;
  admin(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown>;
  registrations(): Promise<Array<{ irn: string; docNo: string; status: string; gstin: string }>>;
  close(): Promise<void>;
}

export async function startPractice(): Promise<Practice> {
  const dir = mkdtempSync(join(tmpdir(), 'einvoice-practice-'));
  const irp = await startPracticeIrp({ dataDir: join(dir, 'irp'), port: 0 });
  const admin = async (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => {
    const res = await fetch(`${irp.url}${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}`);
    return res.json();
  };
  const accounts = (await admin('GET', '/sandbox/accounts')) as PracticeAccount[];
  return {
    irp,
    dir,
    accounts,
    account: (gstin) => {
      const a = accounts.find((x) => x.gstin === gstin);
      if (!a) throw new Error(`no practice account for ${gstin}`);
      return a;
    },
    admin,
    registrations: async () => (await admin('GET', '/sandbox/registrations')) as Array<{ irn: string; docNo: string; status: string; gstin: string }>,
    async close() {
      await irp.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const SELLER_GSTIN = '29ABCDE1234F1ZW';
/** A Maharashtra buyer from the practice IRP's taxpayer master. */
export const PRACTICE_BUYER = { ...BUYER_MH, Gstin: '27AADCP1234M1ZD', LglNm: 'Practice Manufacturing Private Limited', Pin: 400001 };

/** Today in IST as dd/mm/yyyy: practice invoices must be dated within the IRP's 30-day window. */
export const todayDocDate = (): string => formatDocDate(istDateOf(new Date()));

/** A valid practice invoice (inter-state, Karnataka → Maharashtra), dated today unless told. */
export function practiceInvoice(docNo: string, docDate = todayDocDate(), lines = 2): Invoice {
  const all = [goodsLine(), serviceLine()];
  return validInvoice({ docNo, docDate, buyer: PRACTICE_BUYER, lines: Array.from({ length: lines }, (_, i) => all[i % 2]!) });
}

export interface TestApp {
  app: AppCore;
  dir: string;
  /** Moves the app's clock (not the practice IRP's). */
  advance(ms: number): void;
  businessId: number;
}

export async function openTestApp(
  practice: Practice,
  options: { start?: Date; vault?: SecretStore; secretsInEnv?: boolean; onEvent?: (e: EngineEvent) => void; concurrencyPerGstin?: number; waitForOthersMs?: number } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'einvoice-app-'));
  const account = practice.account(SELLER_GSTIN);
  let offset = 0;
  const base = options.start ?? new Date();
  const realStart = Date.now();
  const now = () => new Date(base.getTime() + (Date.now() - realStart) + offset);
  const env: NodeJS.ProcessEnv = options.secretsInEnv === false ? {} : { EINVOICE_CLIENT_SECRET: account.clientSecret, EINVOICE_PASSWORD: account.password };
  const app = await openAppCore({
    dataDir: dir, env, now, vault: options.vault ?? new MemorySecretStore(),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    ...(options.concurrencyPerGstin ? { concurrencyPerGstin: options.concurrencyPerGstin } : {}),
    ...(options.waitForOthersMs !== undefined ? { waitForOthersMs: options.waitForOthersMs } : {}),
  });
  app.ledger.profiles.save({ name: 'practice-ka', kind: 'practice', baseUrl: practice.irp.url, gstin: SELLER_GSTIN, clientId: account.clientId, userName: account.userName });
  const business = app.ledger.businesses.create({
    gstin: SELLER_GSTIN, legalName: 'Sharma Traders Private Limited', address1: '12 MG Road', location: 'Bengaluru', pin: 560001, stateCode: '29', profileName: 'practice-ka', aatoCrore: 20,
  });
  return { app, dir, businessId: business.id, advance: (ms) => (offset += ms) };
}

/**
 * A data folder set up for `einvoice` child processes (profile practice-ka, the seller business)
 * and the environment they run with: the practice credentials, no EINVOICE_HOME of the caller.
 */
export async function cliDataFolder(practice: Practice): Promise<{ dataDir: string; env: NodeJS.ProcessEnv }> {
  const t = await openTestApp(practice);
  await t.app.close();
  const account = practice.account(SELLER_GSTIN);
  const env: NodeJS.ProcessEnv = { ...process.env, EINVOICE_CLIENT_SECRET: account.clientSecret, EINVOICE_PASSWORD: account.password };
  delete env.EINVOICE_HOME;
  return { dataDir: t.dir, env };
}
