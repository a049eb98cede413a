/**
 * The scenario catalogue (issue 15): NIC's onboarding tests and more from irp-protocol.md, in the
 * order a test report lists them, and the runner that plays them against a practice IRP one by
 * one, each from the same starting point (real clock, no faults).
 */
import type { ScenarioInfo, ScenarioResult } from '../../../shared/ipc/playground.schema';
import { fetchPracticeKeys } from '../../irp';
import { PRACTICE_ACCOUNTS, type PracticeAccount } from '../../sandbox/accounts';
import { AUTH_SCENARIOS } from './auth.scenarios';
import { CANCEL_SCENARIOS, GENERATE_SCENARIOS, GET_SCENARIOS } from './invoice.scenarios';
import { ScenarioKit } from './kit';
import { AVAILABILITY_SCENARIOS, EWB_SCENARIOS, MASTER_SCENARIOS } from './master-ewb.scenarios';
import type { Scenario } from './scenario';

export const CATALOGUE: readonly Scenario[] = [
  ...AUTH_SCENARIOS, ...GENERATE_SCENARIOS, ...GET_SCENARIOS, ...CANCEL_SCENARIOS, ...MASTER_SCENARIOS, ...EWB_SCENARIOS, ...AVAILABILITY_SCENARIOS,
];

/** The API user the scenarios act as: Karnataka, below the ₹10 Cr line (no 30-day limit in the way). */
export const SCENARIO_USER = 'practice_ka';

export function scenarioInfos(): ScenarioInfo[] {
  return CATALOGUE.map(({ id, api, title, expected, spec }) => ({ id, api, title, expected, spec }));
}

export class UnknownScenarioError extends Error {
  override name = 'UnknownScenarioError';
}

/** The scenarios named (all when none), in catalogue order; an unknown id is refused with the list. */
export function pickScenarios(ids: readonly string[]): Scenario[] {
  if (ids.length === 0) return [...CATALOGUE];
  const unknown = ids.filter((id) => !CATALOGUE.some((s) => s.id === id));
  if (unknown.length > 0) throw new UnknownScenarioError(`No scenario ${unknown.map((u) => `"${u}"`).join(', ')}; the catalogue has: ${CATALOGUE.map((s) => s.id).join(', ')}.`);
  return CATALOGUE.filter((s) => ids.includes(s.id));
}

/** A kit on the practice IRP at `url` (its keys and published accounts come from its admin API). */
export async function kitFor(url: string): Promise<ScenarioKit> {
  const keys = await fetchPracticeKeys(url);
  const res = await fetch(`${url}/sandbox/accounts`);
  const published = res.ok ? ((await res.json()) as Array<Omit<PracticeAccount, 'aatoCrore'>>) : [];
  const accounts = published.map((a) => ({ ...a, aatoCrore: PRACTICE_ACCOUNTS.find((p) => p.userName === a.userName)?.aatoCrore ?? 0 }));
  const seller = accounts.find((a) => a.userName === SCENARIO_USER);
  if (!seller) throw new Error(`the practice IRP at ${url} has no API user ${SCENARIO_USER}`);
  return new ScenarioKit(url, keys, accounts, seller);
}

export async function runScenario(kit: ScenarioKit, s: Scenario, now: () => Date = () => new Date()): Promise<ScenarioResult> {
  const started = performance.now();
  const at = now().toISOString();
  await kit.reset();
  let outcome;
  try {
    outcome = await s.run(kit);
  } catch (e) {
    // a scenario that cannot even run (the IRP unreachable, a broken setup) fails with the reason
    outcome = { pass: false, actual: `could not run: ${e instanceof Error ? e.message : String(e)}`, clientAction: '-' };
  }
  return { id: s.id, api: s.api, title: s.title, expected: s.expected, spec: s.spec, ...outcome, exchanges: kit.exchanges, ms: Math.round(performance.now() - started), at };
}

/** Runs the scenarios in order; `onResult` sees each as it finishes (progress). */
export async function runScenarios(kit: ScenarioKit, scenarios: readonly Scenario[], onResult: (r: ScenarioResult) => void = () => undefined): Promise<ScenarioResult[]> {
  const out: ScenarioResult[] = [];
  for (const s of scenarios) {
    const r = await runScenario(kit, s);
    out.push(r);
    onResult(r);
  }
  await kit.reset();
  return out;
}
