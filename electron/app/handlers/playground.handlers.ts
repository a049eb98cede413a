/**
 * The Playground's channels (issue 15): traces, check-encryption, the scenario catalogue run
 * scenario by scenario (the screen shows each result as it comes) and the Test Summary Report of a
 * run. Runs are kept in memory, a few per app core: a report is made from what was really run.
 */
import { randomUUID } from 'node:crypto';
import { istDateOf } from '../../../shared/dates';
import type { AppCore } from '../app-core';
import { scenarioInfos, UnknownScenarioError } from '../../playground/scenarios/catalogue';
import { sampleInvoice, uniqueDocNo } from '../../playground/sample';
import { checkEncryption, PlaygroundError, practiceKeyPair, renderReport, runCatalogue, traceByProfile, type CatalogueRun } from '../../playground/service';
import { accountByGstin } from '../../sandbox/accounts';
import { AppError, type HandlerTable } from './table';

type PlaygroundHandlers = Pick<HandlerTable, 'playground:info' | 'playground:trace' | 'playground:check' | 'playground:sample' | 'playground:run' | 'playground:report'>;

const KEEP_RUNS = 5;
const runs = new WeakMap<AppCore, Map<string, CatalogueRun>>();

function runsOf(core: AppCore): Map<string, CatalogueRun> {
  let m = runs.get(core);
  if (!m) {
    m = new Map();
    runs.set(core, m);
  }
  return m;
}

async function playgroundCall<T>(fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof PlaygroundError) throw new AppError(e.code, e.message);
    if (e instanceof UnknownScenarioError) throw new AppError('UNKNOWN_SCENARIO', e.message);
    throw e;
  }
}

function parseInvoice(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '') as unknown;
  } catch (e) {
    throw new AppError('BAD_INPUT', `The invoice is not JSON: ${e instanceof Error ? e.message : String(e)}.`);
  }
}

export const playgroundHandlers: PlaygroundHandlers = {
  'playground:info': (_req, { core }) => {
    const k = practiceKeyPair(core.paths.practiceIrp);
    return { practicePublicKeyPem: k.publicKeyPem, practiceKeyThumbprint: k.thumbprint, scenarios: scenarioInfos() };
  },

  'playground:trace': (req, { core }) =>
    playgroundCall(() =>
      traceByProfile(core, {
        profileName: req.profileName,
        operation: req.operation,
        ...(req.operation === 'generate' ? { invoice: parseInvoice(req.invoiceJson) } : {}),
        ...(req.irn ? { irn: req.irn } : {}),
        ...(req.operation === 'cancel' ? { cancel: { reason: req.cancelReason ?? '2', remark: req.cancelRemark || 'Cancelled from the Playground' } } : {}),
        ...(req.appKey ? { appKey: req.appKey } : {}),
      }),
    ),

  'playground:check': (req, { core }) =>
    checkEncryption({ kind: req.kind, ...(req.input !== undefined ? { input: req.input } : {}), ...(req.appKey !== undefined ? { appKey: req.appKey } : {}), ...(req.sek !== undefined ? { sek: req.sek } : {}) }, core.paths.practiceIrp, core.now()),

  'playground:sample': ({ profileName }, { core }) => {
    const profile = core.ledger.profiles.get(profileName);
    if (!profile) throw new AppError('PROFILE_NOT_FOUND', `There is no endpoint profile named "${profileName}".`);
    const legalName = core.ledger.businesses.getByGstin(profile.gstin)?.legalName ?? accountByGstin(profile.gstin)?.legalName ?? 'Practice Seller';
    return { invoiceJson: JSON.stringify(sampleInvoice({ gstin: profile.gstin, legalName }, uniqueDocNo(), istDateOf(core.now())), null, 2) };
  },

  'playground:run': ({ runId, ids }, { core, version }) =>
    playgroundCall(async () => {
      const all = runsOf(core);
      const id = runId ?? randomUUID();
      const existing = all.get(id);
      if (runId !== undefined && !existing) throw new AppError('RUN_NOT_FOUND', 'That run is no longer kept; start the catalogue again.');
      const run = await runCatalogue(core, version, ids);
      if (existing) existing.results.push(...run.results);
      else {
        // a copy: later calls append to the kept run, never to the results already answered
        all.set(id, { ...run, results: [...run.results] });
        // the oldest runs go: a report is made right after its run
        for (const k of [...all.keys()].slice(0, Math.max(0, all.size - KEEP_RUNS))) all.delete(k);
      }
      return { runId: id, results: run.results };
    }),

  'playground:report': async ({ runId, format }, { core }) => {
    const run = runsOf(core).get(runId);
    if (!run || run.results.length === 0) throw new AppError('RUN_NOT_FOUND', 'Run the scenario catalogue first; the report lists what was run.');
    const r = await renderReport(run, format, core.now());
    return { fileName: r.fileName, base64: r.bytes.toString('base64'), scenarios: r.scenarios, passed: r.passed, failed: r.failed };
  },
};
