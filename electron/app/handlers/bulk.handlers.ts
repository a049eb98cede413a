/**
 * Import and export for the UI (issue 14): the same core functions the CLI runs (bulk/), behind
 * the contract's channels. Refusals of a file keep their codes (FILE_TOO_LARGE, ZIP_BOMB, ...).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { istDateOf } from '../../../shared/dates';
import { exportGstr1, exportRegister, type ExportResult } from '../bulk/export';
import { commitImport } from '../bulk/import-commit';
import { analyzeFile, prepareImport, type ImportEnv, type Prepared } from '../bulk/import-service';
import { ImportFileError } from '../bulk/limits';
import { discard, mustUpload, receiveChunk } from '../bulk/uploads';
import { ImportMappingsRepo } from '../../ledger/import-mappings.repo';
import type { AppCore } from '../app-core';
import { AppError, type HandlerContext, type HandlerTable } from './table';

type BulkHandlers = Pick<HandlerTable, 'import:upload' | 'import:analyze' | 'import:preview' | 'import:commit' | 'import:discard' | 'export:register' | 'export:gstrOne'>;

const MAX_PROBLEMS = 5000;
const MAX_DOCS = 1000;

const envOf = (core: AppCore): ImportEnv => ({ ledger: core.ledger, hsn: core.hsn, now: core.now });

/** Runs fn, turning a refused file into an AppError with the refusal's code. */
async function fileWork<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ImportFileError) throw new AppError(e.code, e.message);
    throw e;
  }
}

function previewKey(req: { mapping: unknown; businessId?: number | undefined }): string {
  return JSON.stringify([req.mapping, req.businessId ?? null]);
}

async function prepare(ctx: HandlerContext, req: { uploadId: string; mapping: Prepared['mapping']; businessId?: number | undefined }): Promise<Prepared> {
  const upload = mustUpload(ctx.core, req.uploadId);
  const key = previewKey(req);
  if (upload.preview?.key === key) return upload.preview.prepared;
  const prepared = await fileWork(() => prepareImport(envOf(ctx.core), upload.path, {
    mapping: req.mapping, fileName: upload.fileName,
    ...(req.businessId !== undefined ? { businessId: req.businessId } : {}),
    onProgress: (done, total) => ctx.emit({ type: 'bulk:progress', job: 'import-check', done, total }),
  }));
  upload.preview = { key, prepared };
  return prepared;
}

/** Writes an export into <data>/exports, hands the bytes over and removes the files. */
async function exported<R extends ExportResult>(core: AppCore, name: string, format: 'xlsx' | 'csv', write: (file: string) => Promise<R>): Promise<{ result: R; files: Array<{ fileName: string; base64: string }> }> {
  const dir = join(core.paths.dir, 'exports', randomBytes(8).toString('hex'));
  mkdirSync(dir, { recursive: true });
  try {
    const result = await write(join(dir, `${name}.${format}`));
    return { result, files: result.files.map((f) => ({ fileName: basename(f), base64: readFileSync(f).toString('base64') })) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const compact = (iso: string | undefined) => (iso ? iso.replace(/-/g, '') : undefined);

export const bulkHandlers: BulkHandlers = {
  'import:upload': (req, { core }) => {
    const upload = receiveChunk(core, req);
    return { uploadId: upload.id, bytes: upload.bytes };
  },

  'import:analyze': async ({ uploadId, sheet, headerRow }, { core }) => {
    const upload = mustUpload(core, uploadId);
    const a = await fileWork(() => analyzeFile(envOf(core), upload.path, { fileName: upload.fileName, ...(sheet ? { sheet } : {}), ...(headerRow ? { headerRow } : {}) }));
    const { layoutKey: _key, ...view } = a;
    return view;
  },

  'import:preview': async (req, ctx) => {
    const p = await prepare(ctx, req);
    const errors = p.problems.filter((x) => x.severity === 'error');
    return {
      documents: p.docs.length,
      lines: p.lines,
      valid: p.docs.filter((d) => d.status === 'ok').length,
      withErrors: p.docs.filter((d) => d.status === 'error').length,
      duplicates: p.docs.filter((d) => d.status === 'duplicate').length,
      errors: errors.length,
      warnings: p.problems.length - errors.length,
      problems: p.problems.slice(0, MAX_PROBLEMS),
      docs: p.docs.slice(0, MAX_DOCS).map(({ doc, status, totalPaise }) => ({
        docType: doc.draft.docType, docNo: doc.draft.docNo, docDate: doc.draft.docDate, buyerGstin: doc.draft.buyer.Gstin ?? '',
        buyerName: doc.draft.buyer.LglNm ?? '', lines: doc.draft.lines.length, totalPaise, row: doc.firstRow, status,
      })),
    };
  },

  'import:commit': async (req, ctx) => {
    const prepared = await prepare(ctx, req);
    const r = commitImport(ctx.core.ledger, prepared, { onProgress: (done, total) => ctx.emit({ type: 'bulk:progress', job: 'import-save', done, total }) });
    if (req.saveMappingAs && prepared.kind !== 'json') new ImportMappingsRepo(ctx.core.ledger.db, ctx.core.now).save(req.saveMappingAs, prepared.layoutKey, prepared.mapping);
    discard(ctx.core, req.uploadId);
    ctx.emit({ type: 'ledger:changed' });
    return r;
  },

  'import:discard': ({ uploadId }, { core }) => ({ discarded: discard(core, uploadId) }),

  'export:register': async ({ format, ...filters }, { core, emit }) => {
    const query = { ...filters, ...(filters.status && filters.status.length > 0 ? { status: filters.status } : { status: undefined }) };
    const name = `invoice-register-${compact(filters.from) ?? 'start'}-${compact(filters.to) ?? compact(istDateOf(core.now()))}`;
    const { result, files } = await exported(core, name, format, (file) => exportRegister(core.ledger.db, {
      query, format, file, onProgress: (done, total) => emit({ type: 'bulk:progress', job: 'export', done, total }),
    }));
    return { files, documents: result.documents, lines: result.lines };
  },

  'export:gstrOne': async ({ from, to, businessId, format }, { core, emit }) => {
    if (from > to) throw new AppError('BAD_PERIOD', 'The period starts after it ends.');
    const { result, files } = await exported(core, `gstr1-${compact(from)}-${compact(to)}`, format, (file) => exportGstr1(core.ledger.db, {
      query: { from, to, ...(businessId !== undefined ? { businessId } : {}) }, format, file,
      onProgress: (done, total) => emit({ type: 'bulk:progress', job: 'export', done, total }),
    }));
    return { files, documents: result.documents, rows: result.rows };
  },
};
