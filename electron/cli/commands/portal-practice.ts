/**
 * `einvoice portal practice-upload FILE --gstin GSTIN [--url URL | --practice-data DIR] [-o RESULTS]
 * [--format json|csv|errors-csv|xlsx] [--json]`: does what a person does on the practice portal's
 * page (/portal/ of the practice IRP): uploads a bulk-upload file as GSTIN and saves the results
 * download. Without --url it runs a practice IRP on --practice-data (default: the one `einvoice
 * sandbox` uses); while another practice IRP runs on that folder, give its --url instead.
 * Exit 0 when every invoice got an IRN, 1 when some did not, 2 when the file was refused whole.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { startPracticeIrp, type PracticeIrp } from '../../sandbox/index';
import { parse } from '../args';
import { UsageError, type CliIo } from '../io';
import { defaultPracticeDataDir } from './sandbox';

const DOWNLOADS = { json: 'results.json', csv: 'generated.csv', 'errors-csv': 'errors.csv', xlsx: 'results.xlsx' } as const;
type Format = keyof typeof DOWNLOADS;

interface UploadSummary {
  uploadId: string;
  total: number;
  generated: number;
  failed: number;
  downloads: Record<string, string>;
}

export async function practiceUpload(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    gstin: { type: 'string' }, url: { type: 'string' }, 'practice-data': { type: 'string' }, output: { type: 'string', short: 'o' },
    format: { type: 'string', default: 'json' }, json: { type: 'boolean', default: false },
  });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError('give exactly one bulk-upload FILE');
  if (!values.gstin) throw new UsageError('--gstin GSTIN (the practice account you upload as) is required');
  if (!(values.format in DOWNLOADS)) throw new UsageError('--format must be json, csv, errors-csv or xlsx');
  const format = values.format as Format;
  const output = values.output ?? `${file.replace(/\.json$/i, '')}-results.${format === 'xlsx' ? 'xlsx' : format === 'json' ? 'json' : 'csv'}`;
  let body: string;
  try {
    body = await readFile(file, 'utf8');
  } catch (e) {
    io.err(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    return 2;
  }
  let irp: PracticeIrp | undefined;
  const url = values.url ?? (irp = await startPracticeIrp({ dataDir: values['practice-data'] ?? defaultPracticeDataDir(io.env), port: 0 })).url;
  try {
    const res = await fetch(`${url}/portal/bulk-upload?gstin=${encodeURIComponent(values.gstin)}&fileName=${encodeURIComponent(basename(file))}`, { method: 'POST', body });
    const answer = (await res.json()) as UploadSummary & { error?: string };
    if (!res.ok) {
      io.err(`the practice portal refused ${file}: ${answer.error ?? `HTTP ${res.status}`}`);
      return 2;
    }
    const download = await fetch(`${url}${answer.downloads[format === 'csv' ? 'generatedCsv' : format === 'errors-csv' ? 'errorsCsv' : format] ?? ''}`);
    if (!download.ok) throw new Error(`the practice portal did not give the ${format} results (HTTP ${download.status})`);
    await writeFile(output, Buffer.from(await download.arrayBuffer()));
    const summary = { file, uploadId: answer.uploadId, total: answer.total, generated: answer.generated, failed: answer.failed, results: output };
    if (values.json) io.out(JSON.stringify(summary));
    else io.out(`${file}: ${answer.generated} of ${answer.total} invoice(s) got an IRN, ${answer.failed} not; results saved to ${output}`);
    return answer.failed > 0 ? 1 : 0;
  } finally {
    await irp?.close();
  }
}
