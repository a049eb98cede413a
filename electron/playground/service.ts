/**
 * The Playground on an app core (issue 15), for the handler table and the CLI alike: traces by
 * profile name, check-encryption against the practice IRP's key pair, the scenario catalogue on a
 * practice IRP of its own, and the Test Summary Report.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { istDateOf } from '../../shared/dates';
import type { CheckKind, CheckResult, Environment, ScenarioResult, Trace, TraceOperation } from '../../shared/ipc/playground.schema';
import type { AppCore } from '../app/app-core';
import { loadHsnMaster } from '../app/masters';
import type { CancelReason } from '../irp';
import { accountByUser } from '../sandbox/accounts';
import { loadOrCreateKeys } from '../sandbox/keys';
import { checkAuthPayload, type PracticeKeyPair } from './check/check-auth';
import { checkPayload } from './check/check-payload';
import { checkSek } from './check/check-sek';
import { renderReportPdf } from './report/report-pdf';
import { reportFileName, summarise } from './report/report-data';
import { renderReportXlsx } from './report/report-xlsx';
import { kitFor, pickScenarios, runScenarios, SCENARIO_USER } from './scenarios/catalogue';
import { startScratchIrp } from './scenarios/scratch-irp';
import { runTrace } from './trace/run-trace';
import { publicKeyThumbprint } from './trace/steps';

/** A request the Playground refuses, with a code for every host. */
export class PlaygroundError extends Error {
  override name = 'PlaygroundError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface TraceRequest {
  profileName: string;
  operation: TraceOperation;
  invoice?: unknown;
  irn?: string;
  cancel?: { reason: CancelReason; remark: string };
  /** Base64 of a 32-byte AppKey to use instead of a random one. */
  appKey?: string;
}

/** Profiles where generate/cancel would change real registrations outside the ledger. */
const LIVE_KINDS = new Set(['nic-production', 'gsp']);

export async function traceByProfile(core: AppCore, r: TraceRequest): Promise<Trace> {
  const profile = core.ledger.profiles.get(r.profileName);
  if (!profile) throw new PlaygroundError('PROFILE_NOT_FOUND', `There is no endpoint profile named "${r.profileName}".`);
  if ((r.operation === 'generate' || r.operation === 'cancel') && LIVE_KINDS.has(profile.kind)) {
    throw new PlaygroundError('TRACE_LIVE_REFUSED', `A traced ${r.operation} on "${profile.name}" (${profile.kind}) would ${r.operation === 'generate' ? 'register a real invoice' : 'cancel a real IRN'} without the ledger knowing. Use Register / Cancel (or einvoice register / cancel) for real documents; trace auth and get work on every profile.`);
  }
  if ((r.operation === 'cancel' || r.operation === 'get') && !/^[0-9a-f]{64}$/i.test(r.irn ?? '')) throw new PlaygroundError('BAD_INPUT', 'Give the IRN: 64 hexadecimal characters.');
  if (r.operation === 'generate' && (r.invoice === null || typeof r.invoice !== 'object' || Array.isArray(r.invoice))) throw new PlaygroundError('BAD_INPUT', 'Give one INV-01 invoice as a JSON object.');
  let appKey: Buffer | undefined;
  if (r.appKey !== undefined && r.appKey.trim() !== '') {
    appKey = Buffer.from(r.appKey.trim(), 'base64');
    if (appKey.length !== 32 || appKey.toString('base64') !== r.appKey.trim()) throw new PlaygroundError('BAD_INPUT', 'The AppKey must be the Base64 of 32 bytes (44 characters).');
  }
  const endpoint = await core.endpoints.endpoint(profile);
  const trace = await runTrace({
    endpoint, gstin: profile.gstin, credentials: core.endpoints.credentials(profile, endpoint.baseUrl), operation: r.operation, now: core.now,
    ...(r.invoice !== undefined ? { invoice: r.invoice } : {}), ...(r.irn ? { irn: r.irn.toLowerCase() } : {}), ...(r.cancel ? { cancel: r.cancel } : {}), ...(appKey ? { appKey } : {}),
  });
  // what the IRP answered stays findable (Activity): a traced generate registers outside the ledger
  core.ledger.journal.append({
    kind: `playground.trace.${r.operation}`, outcome: trace.outcome.ok ? 'ok' : 'error',
    details: { profile: profile.name, kind: profile.kind, ...(trace.outcome.irn ? { irn: trace.outcome.irn } : {}), ...(trace.outcome.code ? { code: trace.outcome.code } : {}), message: trace.outcome.message },
  });
  return trace;
}

/** The key pair of the practice IRP whose data lives in `practiceDataDir` (created on first use, as the IRP would). */
export function practiceKeyPair(practiceDataDir: string): PracticeKeyPair & { publicKeyPem: string } {
  mkdirSync(practiceDataDir, { recursive: true });
  const keys = loadOrCreateKeys(practiceDataDir);
  return { privateKey: keys.encryptionPrivateKey, thumbprint: publicKeyThumbprint(keys.encryptionPublicKeyPem).sha256, publicKeyPem: keys.encryptionPublicKeyPem };
}

export interface CheckRequest {
  kind: CheckKind;
  /** auth: the body or Base64 text; payload: the body or Base64 text; sek: unused. */
  input?: string;
  appKey?: string;
  sek?: string;
}

/** The published password of a practice API user (so a check can say whether the password would work). */
const practicePassword = (userName: string) => accountByUser(userName)?.password;

export function checkEncryption(r: CheckRequest, practiceDataDir: string, today: Date): CheckResult {
  if (r.kind === 'auth') return checkAuthPayload(r.input ?? '', practiceKeyPair(practiceDataDir), practicePassword);
  if (r.kind === 'sek') return checkSek(r.appKey ?? '', r.sek ?? '');
  return checkPayload(r.sek ?? '', r.input ?? '', { profile: 'sandbox', today: istDateOf(today), hsn: loadHsnMaster() });
}

export interface CatalogueRun {
  results: ScenarioResult[];
  environment: Environment;
}

/** Where the catalogue's own practice IRP keeps its key pair. */
export function playgroundKeysDir(core: AppCore): string {
  return join(core.paths.dir, 'playground-irp');
}

/**
 * Runs scenarios (all when `ids` is empty) against a fresh practice IRP of their own, or against
 * the practice IRP at `irpUrl` (which must offer the admin API: its clock is moved and restored).
 */
export async function runCatalogue(core: AppCore, version: string, ids: readonly string[], options: { irpUrl?: string; onResult?: (r: ScenarioResult) => void } = {}): Promise<CatalogueRun> {
  const scenarios = pickScenarios(ids);
  const scratch = options.irpUrl ? undefined : await startScratchIrp(playgroundKeysDir(core));
  try {
    const url = options.irpUrl ?? scratch?.irp.url ?? '';
    const kit = await kitFor(url);
    const results = await runScenarios(kit, scenarios, options.onResult);
    // a scratch IRP lives for one call (the screen runs scenario by scenario): name it, not its port
    const where = options.irpUrl ?? 'http://127.0.0.1, started afresh for the run';
    const environment: Environment = { name: 'practice IRP (local simulator of NIC\'s e-invoice API)', url: where, appVersion: version, gstin: kit.seller.gstin, userName: SCENARIO_USER };
    return { results, environment };
  } finally {
    await scratch?.close();
  }
}

export async function renderReport(run: CatalogueRun, format: 'pdf' | 'xlsx', now: Date): Promise<{ fileName: string; bytes: Buffer; scenarios: number; passed: number; failed: number }> {
  const input = { results: run.results, environment: run.environment, generatedAt: now };
  const s = summarise(input);
  const bytes = format === 'pdf' ? (await renderReportPdf(input)).pdf : await renderReportXlsx(input);
  return { fileName: reportFileName(now, format), bytes, scenarios: s.scenarios, passed: s.passed, failed: s.failed };
}
