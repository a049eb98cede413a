/**
 * The Playground's costs (issue 15): starting a scratch practice IRP, the whole scenario catalogue
 * in one run and scenario by scenario (as the screen runs it), one traced auth, one auth check
 * (one raw RSA operation in node-forge), and rendering the report. Medians of several runs.
 */
import { constants, publicEncrypt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { practiceProfile } from '../../electron/irp';
import { checkAuthPayload } from '../../electron/playground/check/check-auth';
import { renderReportPdf } from '../../electron/playground/report/report-pdf';
import { renderReportXlsx } from '../../electron/playground/report/report-xlsx';
import { CATALOGUE, kitFor, runScenarios } from '../../electron/playground/scenarios/catalogue';
import { startScratchIrp } from '../../electron/playground/scenarios/scratch-irp';
import { practiceKeyPair } from '../../electron/playground/service';
import { runTrace } from '../../electron/playground/trace/run-trace';
import { PRACTICE_ACCOUNTS } from '../../electron/sandbox/accounts';
import type { ScenarioResult } from '../../shared/ipc/playground.schema';
import { median, round, type BenchRow } from './measure';

const AREA = 'playground';

async function timed(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

export async function bench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'playground-bench-'));
  const keysDir = join(dir, 'playground-irp');
  try {
    (await startScratchIrp(keysDir).then((s) => s.close()));
    const rows: BenchRow[] = [];
    rows.push({ area: AREA, name: 'scratch practice IRP: start + stop (keys kept)', value: round(await timed(7, async () => (await startScratchIrp(keysDir)).close())), unit: 'ms' });

    let results: ScenarioResult[] = [];
    const whole = await timed(5, async () => {
      const s = await startScratchIrp(keysDir);
      try {
        results = await runScenarios(await kitFor(s.irp.url), CATALOGUE);
      } finally {
        await s.close();
      }
    });
    rows.push({ area: AREA, name: `whole catalogue, one run (${CATALOGUE.length} scenarios)`, value: round(whole), unit: 'ms', note: `${results.filter((r) => r.pass).length} passed` });
    const oneByOne = await timed(3, async () => {
      for (const sc of CATALOGUE) {
        const s = await startScratchIrp(keysDir);
        try {
          await runScenarios(await kitFor(s.irp.url), [sc]);
        } finally {
          await s.close();
        }
      }
    });
    rows.push({ area: AREA, name: 'whole catalogue, scenario by scenario (the screen)', value: round(oneByOne), unit: 'ms' });

    const s = await startScratchIrp(keysDir);
    try {
      const a = PRACTICE_ACCOUNTS.find((x) => x.userName === 'practice_ka')!;
      const endpoint = await practiceProfile(s.irp.url);
      const creds = () => Promise.resolve({ clientId: a.clientId, clientSecret: a.clientSecret, userName: a.userName, password: a.password });
      rows.push({ area: AREA, name: 'trace auth (8 steps) against the practice IRP', value: round(await timed(7, () => runTrace({ endpoint, gstin: a.gstin, credentials: creds, operation: 'auth' }))), unit: 'ms' });
    } finally {
      await s.close();
    }

    const keys = practiceKeyPair(keysDir);
    const body = JSON.stringify({ Data: publicEncrypt({ key: keys.publicKeyPem, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(Buffer.from('{"UserName":"u","Password":"p","AppKey":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="}').toString('base64'))).toString('base64') });
    rows.push({ area: AREA, name: 'check-encryption auth (one RSA-2048 raw decryption)', value: round(await timed(9, () => Promise.resolve(checkAuthPayload(body, keys)))), unit: 'ms' });

    const input = { results, environment: { name: 'practice IRP', url: 'http://127.0.0.1', appVersion: 'bench', gstin: '29ABCDE1234F1ZW', userName: 'practice_ka' }, generatedAt: new Date() };
    rows.push({ area: AREA, name: `report PDF (${results.length} rows)`, value: round(await timed(5, () => renderReportPdf(input))), unit: 'ms' });
    rows.push({ area: AREA, name: `report .xlsx (${results.length} rows)`, value: round(await timed(5, () => renderReportXlsx(input))), unit: 'ms' });
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
