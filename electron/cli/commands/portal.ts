/**
 * `einvoice portal`: the portal road for a business without API access (docs/portal.md).
 *
 *   einvoice portal export (--doc NO... | --all-drafts) [--business GSTIN] -o FILE.json [--json]
 *     Drafts → bulk-upload JSON file(s) for the e-invoice portal. Exit 0 when every selected draft
 *     was exported; 1 when some were refused (their codes are listed) or not found; 2 bad usage.
 *   einvoice portal import-results FILE [--json]
 *     The portal's results (JSON, CSV or .xlsx) → {matched, recorded, alreadyRecorded, unknown,
 *     flagged, rejected}. Exit 0 when every row was recorded or already was; 1 when any row was
 *     unknown, flagged or rejected; 2 when the file cannot be read.
 *   einvoice portal practice-upload FILE --gstin GSTIN ...   (portal-practice.ts)
 */
import { stat, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { buildPortalExport, journalExport } from '../../app/portal/bulk-export';
import { importPortalResults, type ImportSummary } from '../../app/portal/results-import';
import { RESULTS_MAX_BYTES, ResultsFileError } from '../../app/portal/results-read';
import { DATA_OPTION, withApp } from '../app';
import { parse } from '../args';
import { UsageError, type CliIo, type Command } from '../io';
import { practiceUpload } from './portal-practice';

const USAGE = [
  'einvoice portal export (--doc NO... | --all-drafts) [--business GSTIN] -o FILE.json [--json] [--data DIR]',
  '       einvoice portal import-results FILE [--json] [--data DIR]',
  '       einvoice portal practice-upload FILE --gstin GSTIN [--url URL | --practice-data DIR] [-o RESULTS] [--format json|csv|errors-csv|xlsx] [--json]',
].join('\n');

async function exportDrafts(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    ...DATA_OPTION, doc: { type: 'string', multiple: true }, 'all-drafts': { type: 'boolean', default: false },
    business: { type: 'string' }, output: { type: 'string', short: 'o' }, json: { type: 'boolean', default: false },
  });
  // "--doc A B C" and "--doc A --doc B" both name documents
  const docs = [...(values.doc ?? []), ...(values.doc ? positionals : [])];
  if (!values.doc && positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" (name documents with --doc)`);
  if ((docs.length > 0) === values['all-drafts']) throw new UsageError('give either --doc NO... or --all-drafts');
  if (!values.output) throw new UsageError('-o FILE.json is required');
  const output = values.output;
  const stem = basename(output).replace(/\.json$/i, '') || 'portal-upload';
  return withApp(values, io, async (app) => {
    const out = buildPortalExport(app, docs.length > 0 ? { docNos: docs } : { allDrafts: true }, { stem, ...(values.business ? { businessGstin: values.business } : {}) });
    const written = [];
    for (const f of out.files) {
      const path = join(dirname(output), f.fileName);
      await writeFile(path, f.text);
      written.push({ file: path, sellerGstin: f.sellerGstin, invoices: f.invoiceIds.length, bytes: f.bytes, docNos: f.docNos });
    }
    journalExport(app, out);
    const exported = written.reduce((n, f) => n + f.invoices, 0);
    const code = out.refused.length > 0 || out.problems.length > 0 || written.length === 0 ? 1 : 0;
    if (values.json) {
      io.out(JSON.stringify({ exported, files: written, refused: out.refused, problems: out.problems, splitReasons: out.splitReasons }));
      return code;
    }
    for (const f of written) io.out(`${f.file}: ${f.invoices} invoice(s) of ${f.sellerGstin}, ${f.bytes.toLocaleString('en-IN')} bytes`);
    if (out.splitReasons.length > 0) io.out(`split into ${written.length} files because ${out.splitReasons.join('; ')}`);
    for (const p of out.problems) io.out(`NOT EXPORTED ${p.ref}: ${p.message}`);
    for (const r of out.refused) {
      io.out(`REFUSED ${r.docNo || `#${r.invoiceId}`}: the IRP would refuse it`);
      for (const e of r.errors) io.out(`    [${e.code}] ${e.path ? `${e.path}: ` : ''}${e.message}`);
    }
    io.out(`${exported} invoice(s) exported in ${written.length} file(s); ${out.refused.length} refused, ${out.problems.length} not found or not drafts.`);
    if (written.length > 0) io.out('Next: upload each file on the e-invoice portal (e-Invoice → Bulk Upload), then import the results with "einvoice portal import-results FILE".');
    return code;
  });
}

function printSummary(io: CliIo, s: ImportSummary): void {
  for (const r of s.rows) {
    const doc = `${r.docType ?? '?'} ${r.docNo ?? '?'} ${r.docDate ?? ''}`.trim();
    io.out(`${r.outcome.toUpperCase().padEnd(16)} ${doc.padEnd(30)} ${r.irn ?? ''}  (${r.where})`);
    for (const why of r.reasons) io.out(`    ${r.code ? `[${r.code}] ` : ''}${why}`);
    for (const e of r.errors) io.out(`    [${e.code}] ${e.message}`);
  }
  io.out(`${s.rows.length} row(s) in ${s.file} (${s.format}): ${s.matched} matched, ${s.recorded} recorded, ${s.alreadyRecorded} already recorded, ${s.unknown} unknown, ${s.flagged} flagged, ${s.rejected} rejected`);
}

async function importResults(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { ...DATA_OPTION, json: { type: 'boolean', default: false } });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError('give exactly one results FILE');
  const fail = (message: string) => {
    if (values.json) io.out(JSON.stringify({ error: message, exitCode: 2 }));
    else io.err(message);
    return 2;
  };
  let bytes: Buffer;
  try {
    const size = (await stat(file)).size;
    if (size > RESULTS_MAX_BYTES) return fail(`${file} cannot be imported: it is ${(size / 1_048_576).toFixed(1)} MB; results files up to ${RESULTS_MAX_BYTES / 1_048_576} MB are read (split the download)`);
    bytes = await readFile(file);
  } catch (e) {
    return fail(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return withApp(values, io, async (app) => {
    let summary: ImportSummary;
    try {
      summary = await importPortalResults(app, bytes, basename(file));
    } catch (e) {
      if (e instanceof ResultsFileError) return fail(`${file} cannot be imported: ${e.message}`);
      throw e;
    }
    if (values.json) io.out(JSON.stringify(summary));
    else printSummary(io, summary);
    return summary.unknown + summary.flagged + summary.rejected > 0 ? 1 : 0;
  });
}

export const portalCommand: Command = {
  summary: 'the portal road: export drafts as the portal\'s bulk-upload JSON, import the portal\'s results',
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'export') return exportDrafts(rest, io);
    if (sub === 'import-results') return importResults(rest, io);
    if (sub === 'practice-upload') return practiceUpload(rest, io);
    throw new UsageError(sub === undefined ? 'give a subcommand: export, import-results or practice-upload' : `unknown subcommand "${sub}"`);
  },
};
