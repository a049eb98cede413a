/**
 * The portal road's costs (npm run bench -- portal): exporting drafts to bulk-upload files, the
 * practice portal registering a 100-invoice file, importing its 100 results (two signature checks
 * and one recording transaction per row), importing them again (all already recorded), and
 * reading the CSV and Excel downloads. Medians of 5 rounds, each on fresh document numbers.
 */
import { buildPortalExport } from '../../electron/app/portal/bulk-export';
import { importPortalResults } from '../../electron/app/portal/results-import';
import { readResultsFile } from '../../electron/app/portal/results-read';
import { portalDownload, portalUpload } from '../support/portal';
import { openTestApp, practiceInvoice, SELLER_GSTIN, startPractice, todayDocDate } from '../support/practice';
import { median, round, type BenchRow } from './measure';

const ROUNDS = 5;
const N = 100;

const ms = async (fn: () => unknown): Promise<number> => {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
};

export async function bench(): Promise<BenchRow[]> {
  const practice = await startPractice();
  const t = await openTestApp(practice);
  const times: Record<string, number[]> = { export1000: [], upload: [], import: [], reimport: [], csv: [], xlsx: [] };
  try {
    // 1000 drafts for the export figure (ten files of 100)
    t.app.ledger.transaction(() => {
      for (let i = 0; i < 1000; i += 1) t.app.engine.ingest(practiceInvoice(`BX/${i}`, todayDocDate(), 2), t.businessId);
    });
    for (let r = 0; r < ROUNDS; r += 1) times.export1000!.push(await ms(() => buildPortalExport(t.app, { allDrafts: true })));
    for (let r = 0; r < ROUNDS; r += 1) {
      const nos = Array.from({ length: N }, (_, i) => `BR${r}/${i}`);
      t.app.ledger.transaction(() => {
        for (const no of nos) t.app.engine.ingest(practiceInvoice(no, todayDocDate(), 2), t.businessId);
      });
      const file = buildPortalExport(t.app, { docNos: nos }).files[0]!;
      let up: Awaited<ReturnType<typeof portalUpload>> | undefined;
      times.upload!.push(await ms(async () => (up = await portalUpload(practice.irp.url, SELLER_GSTIN, file.text))));
      const json = await portalDownload(practice.irp.url, up!.downloads.json);
      const csv = await portalDownload(practice.irp.url, up!.downloads.generatedCsv);
      const xlsx = await portalDownload(practice.irp.url, up!.downloads.xlsx);
      let recorded = 0;
      times.import!.push(await ms(async () => (recorded = (await importPortalResults(t.app, json, 'r.json')).recorded)));
      if (recorded !== N) throw new Error(`expected ${N} recorded, got ${recorded}`);
      times.reimport!.push(await ms(() => importPortalResults(t.app, json, 'r.json')));
      times.csv!.push(await ms(() => readResultsFile(csv)));
      times.xlsx!.push(await ms(() => readResultsFile(xlsx)));
    }
  } finally {
    await t.app.close();
    await practice.close();
  }
  const m = (k: string) => round(median(times[k] ?? []), 1);
  return [
    { area: 'portal', name: 'export 1000 drafts (validate each, 10 files)', value: m('export1000'), unit: 'ms' },
    { area: 'portal', name: `practice portal: upload of ${N} invoices (register + sign)`, value: m('upload'), unit: 'ms' },
    { area: 'portal', name: `import ${N} JSON results (verify 2 JWS + record each)`, value: m('import'), unit: 'ms' },
    { area: 'portal', name: `  per row`, value: round(median(times.import ?? []) / N, 2), unit: 'ms' },
    { area: 'portal', name: `import the same ${N} again (all already recorded)`, value: m('reimport'), unit: 'ms' },
    { area: 'portal', name: `read ${N}-row generated.csv`, value: m('csv'), unit: 'ms' },
    { area: 'portal', name: `read ${N}-row results.xlsx (zip bounds + exceljs)`, value: m('xlsx'), unit: 'ms' },
  ];
}
