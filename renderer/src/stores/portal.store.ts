/**
 * The Portal screen: the drafts of one business to tick, "Prepare portal upload" (the core builds
 * the bulk-upload files, the page downloads them), and "Import portal results" (a picked file sent
 * to the core as base64, the summary shown per row).
 */
import { create } from 'zustand';
import { ApiError, invoke } from '../api/client';
import type { BusinessView, InvoiceListItem, Res } from '../api/types';

export type PortalExport = Res<'portal:export'>;
export type PortalImport = Res<'portal:import'>;

/** The core reads results files up to 5 MB (electron/app/portal/results-read.ts). */
export const RESULTS_MAX_BYTES = 5 * 1024 * 1024;
const PAGE = 1000;

interface PortalState {
  businesses: BusinessView[];
  businessId?: number;
  drafts: InvoiceListItem[];
  /** More drafts than one page: "select all" then means every draft of the business. */
  more: boolean;
  selected: Set<number>;
  allSelected: boolean;
  loading: boolean;
  preparing: boolean;
  importing: boolean;
  prepared?: PortalExport;
  imported?: PortalImport;
  error?: string;
  load: () => Promise<void>;
  setBusiness: (id: number) => Promise<void>;
  toggle: (id: number) => void;
  toggleAll: () => void;
  prepare: () => Promise<PortalExport | undefined>;
  importFile: (file: File) => Promise<void>;
}

const text = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export const usePortal = create<PortalState>((set, get) => ({
  businesses: [],
  drafts: [],
  more: false,
  selected: new Set(),
  allSelected: false,
  loading: false,
  preparing: false,
  importing: false,
  async load() {
    set({ loading: true, error: undefined });
    try {
      const { businesses } = await invoke('businesses:list', {});
      const businessId = businesses.some((b) => b.id === get().businessId) ? get().businessId : businesses[0]?.id;
      const page = businessId === undefined ? { rows: [], nextCursor: undefined } : await invoke('invoices:list', { businessId, status: ['draft', 'rejected'], sort: 'date', direction: 'asc', limit: PAGE });
      const ids = new Set(page.rows.map((r) => r.id));
      set({ businesses, businessId, drafts: page.rows, more: page.nextCursor !== undefined, selected: new Set([...get().selected].filter((id) => ids.has(id))), loading: false });
    } catch (e) {
      set({ loading: false, error: text(e) });
    }
  },
  async setBusiness(id) {
    set({ businessId: id, selected: new Set(), allSelected: false, prepared: undefined });
    await get().load();
  },
  toggle(id) {
    const selected = new Set(get().selected);
    if (selected.has(id)) selected.delete(id);
    else selected.add(id);
    set({ selected, allSelected: false });
  },
  toggleAll() {
    const all = !get().allSelected && get().selected.size < get().drafts.length;
    set({ allSelected: all, selected: all ? new Set(get().drafts.map((d) => d.id)) : new Set() });
  },
  async prepare() {
    const { selected, allSelected, more, businessId } = get();
    if (selected.size === 0 || get().preparing) return undefined;
    set({ preparing: true, error: undefined, prepared: undefined });
    try {
      // ticking "all" with more drafts than listed means every draft of the business
      const request = allSelected && more ? { allDrafts: true, ...(businessId !== undefined ? { businessId } : {}) } : { ids: [...selected] };
      const prepared = await invoke('portal:export', request);
      set({ prepared, preparing: false });
      return prepared;
    } catch (e) {
      set({ preparing: false, error: text(e) });
      return undefined;
    }
  },
  async importFile(file) {
    if (get().importing) return;
    if (file.size > RESULTS_MAX_BYTES) {
      set({ error: `${file.name} is ${(file.size / 1_048_576).toFixed(1)} MB; results files up to 5 MB can be imported. Download the results in smaller parts.`, imported: undefined });
      return;
    }
    set({ importing: true, error: undefined, imported: undefined });
    try {
      const base64 = base64Of(new Uint8Array(await file.arrayBuffer()));
      const imported = await invoke('portal:import', { fileName: file.name, base64 });
      set({ imported, importing: false });
      void get().load();
    } catch (e) {
      set({ importing: false, error: text(e) });
    }
  },
}));
