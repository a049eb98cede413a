/**
 * The practice portal's HTTP face under /portal/ (a stand-in for the e-invoice portal's "Bulk
 * Upload" page, gsp-and-portal.md §4):
 *
 *   GET  /portal/                               a small page: pick the GSTIN, choose the file, upload
 *   POST /portal/bulk-upload?gstin=G&fileName=F the file's JSON as the body → the upload's summary
 *   GET  /portal/uploads                        the uploads kept (newest first)
 *   GET  /portal/uploads/ID/results.json        results of every invoice (with signed QR / invoice)
 *   GET  /portal/uploads/ID/generated.csv       "IRN Generated" table
 *   GET  /portal/uploads/ID/errors.csv          "IRN not Generated" table, one line per error
 *   GET  /portal/uploads/ID/results.xlsx        both tables as an Excel workbook
 *
 * The real portal has a login; this stand-in takes the logged-in GSTIN as a parameter (one of the
 * published practice accounts) and asks for no password, so no secret is involved. Uploads are
 * kept in memory (the last MAX_UPLOADS); the registrations themselves are in the practice store
 * like any other, so get-by-IRN and cancel work on them.
 */
import type { IrpContext, IrpRequest, Reply } from '../context';
import { jsonReply, textReply } from '../envelope';
import { PortalFileError, processBulkUpload, type PortalUpload } from './bulk-upload';
import { PORTAL_PAGE } from './page';
import { errorsCsv, generatedCsv, resultsJson, resultsXlsx } from './results-files';

const MAX_UPLOADS = 200;
const uploadsByContext = new WeakMap<IrpContext, Map<string, PortalUpload>>();

function uploads(ctx: IrpContext): Map<string, PortalUpload> {
  let m = uploadsByContext.get(ctx);
  if (!m) {
    m = new Map();
    uploadsByContext.set(ctx, m);
  }
  return m;
}

function downloads(id: string): Record<string, string> {
  const base = `/portal/uploads/${id}`;
  return { json: `${base}/results.json`, generatedCsv: `${base}/generated.csv`, errorsCsv: `${base}/errors.csv`, xlsx: `${base}/results.xlsx` };
}

function summary(u: PortalUpload) {
  const generated = u.rows.filter((r) => r.generated).length;
  return { uploadId: u.id, fileName: u.fileName, gstin: u.gstin, uploadedAt: u.uploadedAt, total: u.rows.length, generated, failed: u.rows.length - generated, downloads: downloads(u.id) };
}

function param(req: IrpRequest, name: string): string | undefined {
  const v = req.query.get(name)?.trim();
  return v ? v : undefined;
}

function upload(req: IrpRequest, ctx: IrpContext): Reply {
  const gstin = param(req, 'gstin')?.toUpperCase() ?? '';
  const fileName = (param(req, 'fileName') ?? 'upload.json').slice(0, 200);
  let u: PortalUpload;
  try {
    u = processBulkUpload(ctx, req.body, gstin, fileName);
  } catch (e) {
    if (e instanceof PortalFileError) return jsonReply(400, { error: e.message });
    throw e;
  }
  const all = uploads(ctx);
  all.set(u.id, u);
  for (const old of all.keys()) {
    if (all.size <= MAX_UPLOADS) break;
    all.delete(old);
  }
  const generated = u.rows.some((r) => r.generated);
  return { ...jsonReply(200, summary(u)), ...(generated ? { committed: true } : {}) };
}

async function download(ctx: IrpContext, id: string, file: string): Promise<Reply> {
  const u = uploads(ctx).get(id);
  if (!u) return jsonReply(404, { error: `no upload ${id} (the practice portal keeps the last ${MAX_UPLOADS} uploads until it restarts)` });
  switch (file) {
    case 'results.json':
      return textReply(200, resultsJson(u), 'application/json; charset=utf-8');
    case 'generated.csv':
      return textReply(200, generatedCsv(u), 'text/csv; charset=utf-8');
    case 'errors.csv':
      return textReply(200, errorsCsv(u), 'text/csv; charset=utf-8');
    case 'results.xlsx':
      return { status: 200, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: '', bytes: await resultsXlsx(u) };
    default:
      return jsonReply(404, { error: `no download "${file}": results.json, generated.csv, errors.csv or results.xlsx` });
  }
}

/** `sub` is the path after /portal/ (without a trailing slash), as sent. */
export async function handlePortal(req: IrpRequest, ctx: IrpContext, sub: string): Promise<Reply> {
  const path = sub.toLowerCase();
  if (path === '' && req.method === 'GET') return textReply(200, PORTAL_PAGE);
  if (path === 'bulk-upload') return req.method === 'POST' ? upload(req, ctx) : jsonReply(405, { error: 'POST the bulk-upload JSON file to /portal/bulk-upload?gstin=GSTIN' });
  if (path === 'uploads' && req.method === 'GET') return jsonReply(200, [...uploads(ctx).values()].reverse().map(summary));
  const m = /^uploads\/([a-z0-9-]{1,40})\/([a-z.]{1,20})$/.exec(path);
  if (m && req.method === 'GET') return download(ctx, m[1] ?? '', m[2] ?? '');
  return jsonReply(404, { error: `no practice portal page /portal/${sub.slice(0, 60)}` });
}
