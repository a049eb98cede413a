/**
 * Files the UI hands over for import, kept in <data>/imports while the import is being prepared:
 * they arrive in chunks (the browser host takes 8 MB requests; the files can be larger), appended
 * strictly in order and bounded by the import's file-size limit. The last preview is kept with its
 * upload, so "Import" saves exactly what the user saw unless the mapping changed since. Uploads
 * older than a day are removed when a new one starts.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppCore } from '../app-core';
import { AppError } from '../handlers/table';
import type { Prepared } from './import-service';
import { DEFAULT_LIMITS, refuse } from './limits';

export interface Upload {
  id: string;
  path: string;
  fileName: string;
  bytes: number;
  complete: boolean;
  /** The last preview and the request it answered (mapping and business, as JSON). */
  preview?: { key: string; prepared: Prepared };
}

const DAY_MS = 86_400_000;
const uploadsByCore = new WeakMap<AppCore, Map<string, Upload>>();

function folder(core: AppCore): string {
  const dir = join(core.paths.dir, 'imports');
  mkdirSync(dir, { recursive: true });
  return dir;
}

function table(core: AppCore): Map<string, Upload> {
  let t = uploadsByCore.get(core);
  if (!t) {
    t = new Map();
    uploadsByCore.set(core, t);
  }
  return t;
}

function sweep(core: AppCore): void {
  const dir = folder(core);
  const cutoff = core.now().getTime() - DAY_MS;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).mtimeMs < cutoff) rmSync(path, { force: true });
  }
}

export function receiveChunk(core: AppCore, req: { uploadId?: string; fileName: string; offset: number; base64: string; final: boolean }): Upload {
  const bytes = Buffer.from(req.base64, 'base64');
  let upload: Upload;
  if (req.uploadId === undefined) {
    if (req.offset !== 0) throw new AppError('UPLOAD_ORDER', 'A new upload starts at offset 0.');
    sweep(core);
    const id = randomBytes(16).toString('hex');
    upload = { id, path: join(folder(core), `${id}.upload`), fileName: req.fileName, bytes: 0, complete: false };
    writeFileSync(upload.path, new Uint8Array());
    table(core).set(id, upload);
  } else {
    upload = mustUpload(core, req.uploadId, false);
    if (upload.complete) throw new AppError('UPLOAD_ORDER', 'This upload is already complete.');
    if (req.offset !== upload.bytes) throw new AppError('UPLOAD_ORDER', `Expected the chunk at offset ${upload.bytes}, got ${req.offset}.`);
  }
  if (upload.bytes + bytes.length > DEFAULT_LIMITS.maxFileBytes) {
    discard(core, upload.id);
    const e = refuse.fileTooLarge(DEFAULT_LIMITS, upload.bytes + bytes.length);
    throw new AppError(e.code, e.message);
  }
  appendFileSync(upload.path, bytes);
  upload.bytes += bytes.length;
  upload.complete = req.final;
  return upload;
}

export function mustUpload(core: AppCore, id: string, complete = true): Upload {
  const upload = table(core).get(id);
  if (!upload) throw new AppError('UPLOAD_UNKNOWN', 'That file is no longer here; choose it again.');
  if (complete && !upload.complete) throw new AppError('UPLOAD_INCOMPLETE', 'The file has not finished arriving.');
  return upload;
}

export function discard(core: AppCore, id: string): boolean {
  const upload = table(core).get(id);
  if (!upload) return false;
  rmSync(upload.path, { force: true });
  table(core).delete(id);
  return true;
}
