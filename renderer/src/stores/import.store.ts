/**
 * The Import screen (issue 14): pick a file → it is uploaded in chunks and analysed → the mapping
 * step (columns to fields, a sample of each) → the preview (documents found, every problem at its
 * row and column with the IRP's code) → Import (progress) → "Register all imported" (progress).
 * The core keeps the file and the last preview; this store keeps only what the screen shows.
 */
import { create } from 'zustand';
import type { BusinessView, Res } from '../../../shared/ipc/contract';
import type { FieldId } from '../../../shared/import/fields';
import type { ImportMapping } from '../../../shared/import/mapping';
import { ApiError, invoke } from '../api/client';

export type ImportStep = 'pick' | 'mapping' | 'preview' | 'done';

const CHUNK = 4 * 1024 * 1024;

interface Progress {
  label: string;
  done: number;
  total: number;
}

interface ImportState {
  step: ImportStep;
  busy?: string;
  progress?: Progress;
  error?: string;
  businesses: BusinessView[];
  businessId?: number;
  fileName?: string;
  uploadId?: string;
  analysis?: Res<'import:analyze'>;
  mapping: ImportMapping;
  saveAs: string;
  preview?: Res<'import:preview'>;
  result?: Res<'import:commit'>;
  registered?: { registered: number; failed: number };
  loadBusinesses: () => Promise<void>;
  setBusiness: (id: number | undefined) => void;
  pickFile: (file: File) => Promise<void>;
  reanalyze: (at: { sheet?: string; headerRow?: number }) => Promise<void>;
  setColumn: (header: string, field: FieldId | '') => void;
  setSaveAs: (name: string) => void;
  previewNow: () => Promise<void>;
  backToMapping: () => void;
  importNow: () => Promise<void>;
  registerAll: () => Promise<void>;
  reset: () => void;
  onProgress: (label: string, done: number, total: number) => void;
}

const message = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

/** A slice of the file as base64 (btoa wants a binary string; built in pieces to bound the call size). */
async function base64Of(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export const useImport = create<ImportState>((set, get) => ({
  step: 'pick',
  businesses: [],
  mapping: { columns: {} },
  saveAs: '',
  async loadBusinesses() {
    try {
      const { businesses } = await invoke('businesses:list', {});
      set({ businesses, businessId: get().businessId ?? businesses[0]?.id });
    } catch (e) {
      set({ error: message(e) });
    }
  },
  setBusiness(businessId) {
    set({ businessId, preview: undefined });
  },
  async pickFile(file) {
    const old = get().uploadId;
    if (old) void invoke('import:discard', { uploadId: old }).catch(() => undefined);
    set({ step: 'pick', fileName: file.name, uploadId: undefined, analysis: undefined, preview: undefined, result: undefined, registered: undefined, error: undefined, busy: 'Uploading the file…', progress: { label: 'Uploading', done: 0, total: file.size } });
    try {
      let uploadId: string | undefined;
      for (let offset = 0; offset < file.size || offset === 0; offset += CHUNK) {
        const base64 = await base64Of(file.slice(offset, offset + CHUNK));
        const r = await invoke('import:upload', { ...(uploadId ? { uploadId } : {}), fileName: file.name, offset, base64, final: offset + CHUNK >= file.size });
        uploadId = r.uploadId;
        set({ progress: { label: 'Uploading', done: r.bytes, total: file.size } });
        if (file.size === 0) break;
      }
      set({ uploadId, busy: 'Reading the file…', progress: undefined });
      await get().reanalyze({});
    } catch (e) {
      set({ busy: undefined, progress: undefined, error: message(e) });
    }
  },
  async reanalyze(at) {
    const { uploadId, fileName } = get();
    if (!uploadId) return;
    set({ busy: 'Reading the file…', error: undefined });
    try {
      const analysis = await invoke('import:analyze', { uploadId, ...at });
      set({ analysis, mapping: analysis.mapping, saveAs: analysis.savedMapping ?? `Layout of ${fileName ?? 'file'}`, busy: undefined, step: analysis.kind === 'json' ? 'preview' : 'mapping' });
      if (analysis.kind === 'json') await get().previewNow();
    } catch (e) {
      set({ busy: undefined, error: message(e) });
    }
  },
  setColumn(header, field) {
    const columns = { ...get().mapping.columns };
    for (const [f, h] of Object.entries(columns)) if (h === header) delete columns[f as FieldId];
    if (field) columns[field] = header;
    set({ mapping: { ...get().mapping, columns }, preview: undefined });
  },
  setSaveAs(saveAs) {
    set({ saveAs });
  },
  async previewNow() {
    const { uploadId, mapping, businessId } = get();
    if (!uploadId) return;
    set({ busy: 'Checking every document…', error: undefined, progress: undefined });
    try {
      const preview = await invoke('import:preview', { uploadId, mapping, ...(businessId !== undefined ? { businessId } : {}) });
      set({ preview, step: 'preview', busy: undefined, progress: undefined });
    } catch (e) {
      set({ busy: undefined, progress: undefined, error: message(e) });
    }
  },
  backToMapping() {
    set({ step: 'mapping', error: undefined });
  },
  async importNow() {
    const { uploadId, mapping, businessId, saveAs, analysis } = get();
    if (!uploadId) return;
    set({ busy: 'Importing…', error: undefined, progress: { label: 'Saving', done: 0, total: get().preview?.valid ?? 0 } });
    try {
      const result = await invoke('import:commit', {
        uploadId, mapping, ...(businessId !== undefined ? { businessId } : {}), ...(analysis?.kind !== 'json' && saveAs.trim() ? { saveMappingAs: saveAs.trim() } : {}),
      });
      set({ result, step: 'done', busy: undefined, progress: undefined, uploadId: undefined });
    } catch (e) {
      set({ busy: undefined, progress: undefined, error: message(e) });
    }
  },
  async registerAll() {
    const ids = get().result?.invoiceIds ?? [];
    if (ids.length === 0) return;
    set({ busy: 'Registering…', error: undefined, progress: { label: 'Registered', done: 0, total: ids.length }, registered: undefined });
    try {
      const { outcomes } = await invoke('invoices:register', { ids });
      const registered = outcomes.filter((o) => o.status === 'registered' || o.status === 'adopted').length;
      set({ registered: { registered, failed: outcomes.length - registered }, busy: undefined, progress: undefined });
    } catch (e) {
      set({ busy: undefined, progress: undefined, error: message(e) });
    }
  },
  reset() {
    const old = get().uploadId;
    if (old) void invoke('import:discard', { uploadId: old }).catch(() => undefined);
    set({ step: 'pick', fileName: undefined, uploadId: undefined, analysis: undefined, preview: undefined, result: undefined, registered: undefined, error: undefined, busy: undefined, progress: undefined, mapping: { columns: {} } });
  },
  onProgress(label, done, total) {
    if (get().busy) set({ progress: { label, done, total } });
  },
}));
