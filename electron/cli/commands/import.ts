/**
 * `einvoice import FILE [--mapping NAME|FILE.json] [--business GSTIN] [--dry-run] [--json]`:
 * invoices, credit and debit notes from a sales register (.xlsx, .csv), NIC's bulk layout or INV-01
 * JSON, as drafts, in one transaction. Prints {documents, lines, imported, skipped, problems,
 * warnings}. Exit 0 when everything valid was imported and no row had a problem, 1 when any row
 * had a problem (the valid documents are still imported unless --dry-run), 2 when the file cannot
 * be read (or a usage error). Progress goes to stderr.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { ImportMapping } from '../../../shared/import/mapping';
import { ImportMappingSchema } from '../../../shared/import/mapping.schema';
import { commitImport } from '../../app/bulk/import-commit';
import { analyzeFile, prepareImport } from '../../app/bulk/import-service';
import { ImportFileError } from '../../app/bulk/limits';
import { ImportMappingsRepo } from '../../ledger/import-mappings.repo';
import { DATA_OPTION, withApp } from '../app';
import { parse } from '../args';
import { UsageError, type CliIo, type Command } from '../io';

interface Chosen {
  mapping?: ImportMapping;
  /** Save it under this name for the file's layout after a real import. */
  saveAs?: string;
  savedId?: number;
}

function mappingFile(path: string): ImportMapping {
  if (statSync(path).size > 1_000_000) throw new UsageError(`${path} is larger than 1 MB; a mapping is a small JSON file`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`${path} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = ImportMappingSchema.safeParse(json);
  if (!parsed.success) throw new UsageError(`${path} is not a mapping: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'mapping'} ${i.message}`).slice(0, 3).join('; ')}`);
  return parsed.data;
}

export const importCommand: Command = {
  summary: 'import invoices from an .xlsx/.csv sales register or INV-01 JSON as drafts',
  usage: 'einvoice import FILE [--mapping NAME|FILE.json] [--business GSTIN] [--dry-run] [--json] [--data DIR]',
  async run(args, io) {
    const { values, positionals } = parse(args, { ...DATA_OPTION, mapping: { type: 'string' }, business: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } });
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE');
    const file = resolve(positionals[0] ?? '');
    const fromFile = values.mapping && (/\.json$/i.test(values.mapping) || existsSync(values.mapping)) ? mappingFile(resolve(values.mapping)) : undefined;
    return withApp(values, io, async (app) => {
      const env = { ledger: app.ledger, hsn: app.hsn, now: io.now };
      const repo = new ImportMappingsRepo(app.ledger.db, io.now);
      const chosen: Chosen = {};
      if (fromFile && values.mapping) Object.assign(chosen, { mapping: fromFile, saveAs: basename(values.mapping).replace(/\.json$/i, '') });
      else if (values.mapping) {
        const saved = repo.get(values.mapping);
        if (!saved) {
          io.err(`no saved mapping named "${values.mapping}" (saved: ${repo.list().map((m) => m.name).join(', ') || 'none'})`);
          return 2;
        }
        Object.assign(chosen, { mapping: saved.mapping as ImportMapping, savedId: saved.id });
      }
      let businessId: number | undefined;
      if (values.business) {
        const b = app.ledger.businesses.getByGstin(values.business.trim().toUpperCase());
        if (!b) {
          io.err(`no business with GSTIN ${values.business}: add it first (Settings, or the register command)`);
          return 2;
        }
        businessId = b.id;
      }
      try {
        if (!chosen.mapping) {
          const analysis = await analyzeFile(env, file);
          chosen.mapping = analysis.mapping;
          if (analysis.savedMapping) io.err(`using the mapping "${analysis.savedMapping}" saved for this layout`);
        }
        io.err(`reading ${basename(file)} ...`);
        const prepared = await prepareImport(env, file, { mapping: chosen.mapping, ...(businessId !== undefined ? { businessId } : {}), onProgress: (d, t) => io.err(`checked ${d}/${t} documents`) });
        const valid = prepared.docs.filter((d) => d.status === 'ok').length;
        let imported = 0;
        let skipped = prepared.docs.length - valid;
        if (!values['dry-run'] && valid > 0) {
          const r = commitImport(app.ledger, prepared, { onProgress: (d, t) => io.err(`importing ${d}/${t}`) });
          ({ imported, skipped } = r);
          if (chosen.saveAs && prepared.kind !== 'json') repo.save(chosen.saveAs, prepared.layoutKey, prepared.mapping);
          if (chosen.savedId !== undefined) repo.markUsed(chosen.savedId);
        }
        const errors = prepared.problems.filter((p) => p.severity === 'error');
        const strip = (p: { row: number; column: string; code: string; message: string }) => ({ row: p.row, column: p.column, code: p.code, message: p.message });
        const out = {
          documents: prepared.docs.length, lines: prepared.lines, imported, skipped, dryRun: values['dry-run'],
          problems: errors.map(strip), warnings: prepared.problems.filter((p) => p.severity === 'warning').map(strip),
        };
        if (values.json) io.out(JSON.stringify(out));
        else print(io, out);
        return errors.length > 0 ? 1 : 0;
      } catch (e) {
        if (!(e instanceof ImportFileError)) throw e;
        if (values.json) io.out(JSON.stringify({ error: { code: e.code, message: e.message } }));
        io.err(`${e.message} (${e.code})`);
        return 2;
      }
    });
  },
};

function print(io: CliIo, o: { documents: number; lines: number; imported: number; skipped: number; dryRun: boolean; problems: Array<{ row: number; column: string; code: string; message: string }>; warnings: unknown[] }): void {
  for (const p of o.problems) io.out(`row ${String(p.row).padStart(5)}  ${(p.column || '-').padEnd(22)} [${p.code}] ${p.message}`);
  io.out(`${o.documents} document(s), ${o.lines} line(s): ${o.dryRun ? 'dry run, nothing imported' : `${o.imported} imported as drafts`}, ${o.skipped} skipped; ${o.problems.length} problem(s), ${o.warnings.length} warning(s)`);
}
