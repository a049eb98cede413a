/** The invoice list: filters, keyset pages loaded as the user scrolls, totals, selection, bulk register. */
import { create } from 'zustand';
import type { BusinessView, InvoiceListItem, Req, Res } from '../../../shared/ipc/contract';
import { ApiError, invoke } from '../api/client';

export type StatusFilter = 'all' | 'draft' | 'queued' | 'registered' | 'cancelled' | 'rejected';
type Sort = NonNullable<Req<'invoices:list'>['sort']>;

const PAGE = 200;

/**
 * A filter the dashboard's links set and the chips cannot express (open cancel windows, expiring
 * e-way bills); shown above the list with its label and a way to clear it.
 */
export interface SpecialFilter {
  label: string;
  cancelWindow?: { after: string; before?: string };
  ewbValid?: { from: string; to: string };
}

/** What a dashboard figure opens: the list with exactly the filters its figure counted. */
export interface ListPreset {
  status?: StatusFilter;
  from?: string;
  to?: string;
  businessId?: number;
  special?: SpecialFilter;
}

interface InvoicesState {
  status: StatusFilter;
  search: string;
  /** Document dates, YYYY-MM-DD, inclusive; '' for open-ended. */
  from: string;
  to: string;
  /** Buyer name or GSTIN words (prefix match), '' for any buyer. */
  buyer: string;
  /** One seller business, or undefined for all of them. */
  businessId?: number;
  /** The businesses to filter by (the filter shows when there is more than one). */
  businesses: BusinessView[];
  sort: Sort;
  direction: 'asc' | 'desc';
  rows: InvoiceListItem[];
  nextCursor?: string;
  totals?: Res<'invoices:list'>['totals'];
  loading: boolean;
  error?: string;
  /** The outcome of the last bulk register, kept across the reloads that follow it. */
  notice?: { ok: boolean; text: string };
  selected: ReadonlySet<number>;
  progress?: { done: number; total: number };
  /** Increments per load: answers to stale loads are dropped. */
  generation: number;
  special?: SpecialFilter;
  /** The row last opened from the list: the list gives it the focus again when it comes back. */
  lastOpenedId?: number;
  setLastOpened: (id: number | undefined) => void;
  applyPreset: (preset: ListPreset) => void;
  clearSpecial: () => void;
  setStatus: (status: StatusFilter) => void;
  setSearch: (search: string) => void;
  setDates: (from: string, to: string) => void;
  setBuyer: (buyer: string) => void;
  setBusiness: (businessId: number | undefined) => void;
  loadBusinesses: () => Promise<void>;
  setSort: (sort: Sort) => void;
  load: () => Promise<void>;
  loadMore: () => Promise<void>;
  toggle: (id: number) => void;
  clearSelection: () => void;
  /** Registers the given ids (default: every selected one). */
  registerSelected: (ids?: number[]) => Promise<void>;
  onProgress: (done: number, total: number) => void;
}

export function query(s: InvoicesState): Req<'invoices:list'> {
  const status = s.status === 'all' ? undefined : s.status === 'queued' ? (['queued', 'in_flight'] as const) : ([s.status] as const);
  return {
    ...(status ? { status: [...status] } : {}),
    ...(s.search.trim() ? { search: s.search.trim() } : {}),
    ...(s.from ? { from: s.from } : {}),
    ...(s.to ? { to: s.to } : {}),
    ...(s.buyer.trim() ? { buyer: s.buyer.trim() } : {}),
    ...(s.businessId !== undefined ? { businessId: s.businessId } : {}),
    ...(s.special?.cancelWindow ? { cancelWindow: s.special.cancelWindow } : {}),
    ...(s.special?.ewbValid ? { ewbValid: s.special.ewbValid } : {}),
    sort: s.sort,
    direction: s.direction,
    limit: PAGE,
  };
}

export const useInvoices = create<InvoicesState>((set, get) => ({
  status: 'all',
  search: '',
  from: '',
  to: '',
  buyer: '',
  businesses: [],
  sort: 'date',
  direction: 'desc',
  rows: [],
  loading: false,
  selected: new Set(),
  generation: 0,
  setLastOpened(id) {
    set({ lastOpenedId: id });
  },
  applyPreset(preset) {
    set({
      status: preset.status ?? 'all', from: preset.from ?? '', to: preset.to ?? '', search: '', buyer: '',
      businessId: preset.businessId, special: preset.special, selected: new Set(), lastOpenedId: undefined,
    });
    void get().load();
  },
  clearSpecial() {
    set({ special: undefined, selected: new Set() });
    void get().load();
  },
  setStatus(status) {
    set({ status, selected: new Set() });
    void get().load();
  },
  setSearch(search) {
    set({ search });
    void get().load();
  },
  setDates(from, to) {
    set({ from, to });
    void get().load();
  },
  setBuyer(buyer) {
    set({ buyer, selected: new Set() });
    void get().load();
  },
  setBusiness(businessId) {
    set({ businessId, selected: new Set() });
    void get().load();
  },
  async loadBusinesses() {
    try {
      const { businesses } = await invoke('businesses:list', {});
      const { businessId } = get();
      // a business that no longer exists stops filtering
      set({ businesses, ...(businessId !== undefined && !businesses.some((b) => b.id === businessId) ? { businessId: undefined } : {}) });
    } catch (e) {
      set({ error: e instanceof ApiError ? e.message : String(e) });
    }
  },
  setSort(sort) {
    const s = get();
    set({ sort, direction: s.sort === sort && s.direction === 'desc' ? 'asc' : 'desc' });
    void get().load();
  },
  async load() {
    const generation = get().generation + 1;
    set({ generation, loading: true });
    try {
      const page = await invoke('invoices:list', { ...query(get()), withTotals: true });
      if (get().generation !== generation) return;
      set({ rows: page.rows, nextCursor: page.nextCursor, totals: page.totals, loading: false, error: undefined });
    } catch (e) {
      if (get().generation === generation) set({ loading: false, error: e instanceof ApiError ? e.message : String(e) });
    }
  },
  async loadMore() {
    const s = get();
    if (s.loading || !s.nextCursor) return;
    const generation = s.generation;
    set({ loading: true });
    try {
      const page = await invoke('invoices:list', { ...query(s), cursor: s.nextCursor });
      if (get().generation !== generation) return;
      set({ rows: [...get().rows, ...page.rows], nextCursor: page.nextCursor, loading: false });
    } catch (e) {
      set({ loading: false, error: e instanceof ApiError ? e.message : String(e) });
    }
  },
  toggle(id) {
    const next = new Set(get().selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    set({ selected: next });
  },
  clearSelection() {
    set({ selected: new Set() });
  },
  async registerSelected(only) {
    const ids = only ?? [...get().selected];
    if (ids.length === 0) return;
    set({ progress: { done: 0, total: ids.length }, notice: undefined });
    let notice: { ok: boolean; text: string };
    try {
      const { outcomes } = await invoke('invoices:register', { ids });
      const failed = outcomes.filter((o) => o.status !== 'registered' && o.status !== 'adopted').length;
      const elsewhere = outcomes.filter((o) => o.status === 'in_flight').length;
      const byOther = outcomes.filter((o) => o.note?.startsWith('registered by another')).length;
      notice = failed
        ? { ok: false, text: `${failed} of ${outcomes.length} could not be registered now${elsewhere ? ` (${elsewhere} being sent by another window or process)` : ''}: open them to see why.` }
        : { ok: true, text: `${outcomes.length} registered${byOther ? ` (${byOther} by another window or process)` : ''}.` };
    } catch (e) {
      notice = { ok: false, text: e instanceof ApiError ? e.message : String(e) };
    }
    set({ selected: new Set(), progress: undefined, notice });
    await get().load();
  },
  onProgress(done, total) {
    if (get().progress) set({ progress: { done, total } });
  },
}));
