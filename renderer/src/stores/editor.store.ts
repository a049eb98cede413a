/** The invoice being edited: the form, the businesses to pick from, save and register. */
import { create } from 'zustand';
import type { BusinessView, PartyView, Violation } from '../api/types';
import { SETUP_ERROR_CODES } from '../../../shared/ipc/contract';
import { ApiError, invoke } from '../api/client';
import { emptyForm, emptyLine, fromDraft, toDraft, type EditorForm, type EditorLine } from './editor.model';
import { formatDocDate } from '../../../shared/dates';

interface EditorState {
  form: EditorForm;
  businesses: BusinessView[];
  /** Violations the core reported at the last save (it knows the HSN master and more). */
  serverErrors: Violation[];
  status: 'idle' | 'loading' | 'saving' | 'registering';
  message?: { kind: 'ok' | 'error'; text: string };
  dirty: boolean;
  /** What the GST master says about the buyer, after a lookup. */
  buyerInfo?: { gstin: string; status?: string; blocked: boolean; source: 'cache' | 'irp' | 'past' };
  lookupBuyer: (gstin: string) => Promise<void>;
  /**
   * Fills the buyer block from a party. `keep`: the block as it was when a lookup was sent; a field
   * that changed since (the user typed on while the IRP answered) keeps what was typed.
   */
  fillBuyer: (party: PartyView, source: 'cache' | 'irp' | 'past', keep?: EditorForm['buyer']) => void;
  open: (id: number | undefined, today: string) => Promise<void>;
  update: (fn: (f: EditorForm) => EditorForm) => void;
  setLine: (index: number, patch: Partial<EditorLine>) => void;
  addLine: () => void;
  /** Bumped by addLine: the lines table focuses the new line's description (not when a draft loads). */
  linesAdded: number;
  removeLine: (index: number) => void;
  save: () => Promise<number | undefined>;
  register: () => Promise<number | undefined>;
}

export const useEditor = create<EditorState>((set, get) => ({
  form: emptyForm(undefined, ''),
  businesses: [],
  serverErrors: [],
  status: 'idle',
  dirty: false,
  linesAdded: 0,
  async lookupBuyer(gstin) {
    const { form, buyerInfo } = get();
    if (form.businessId === undefined || buyerInfo?.gstin === gstin) return;
    const asSent = form.buyer;
    try {
      const { party, source } = await invoke('parties:lookup', { gstin, businessId: form.businessId });
      if (get().form.buyer.gstin.trim().toUpperCase() === party.gstin) get().fillBuyer(party, source, asSent);
    } catch (e) {
      set({ buyerInfo: undefined, message: { kind: 'error', text: e instanceof ApiError ? `Buyer lookup: ${e.message} (${e.code})` : String(e) } });
    }
  },
  fillBuyer(party, source, keep) {
    get().update((f) => {
      const typed = (k: keyof EditorForm['buyer']) => keep !== undefined && f.buyer[k] !== keep[k];
      const pick = (k: keyof EditorForm['buyer'], value: string | undefined) => (typed(k) || value === undefined ? f.buyer[k] : value);
      const state = pick('state', party.stateCode);
      return {
        ...f,
        buyer: {
          gstin: pick('gstin', party.gstin),
          legalName: pick('legalName', party.legalName),
          address1: pick('address1', party.address1),
          location: pick('location', party.location),
          pin: pick('pin', party.pin ? String(party.pin) : undefined),
          state,
          // the place of supply follows the buyer's state unless it was set apart
          pos: typed('pos') ? f.buyer.pos : f.buyer.pos === '' || f.buyer.pos === f.buyer.state ? state : f.buyer.pos,
        },
      };
    });
    set({ buyerInfo: { gstin: party.gstin ?? '', status: party.status, blocked: party.blocked, source } });
  },
  async open(id, today) {
    // The form is usable at once; what loads later must not undo what the user typed meanwhile.
    set({ status: 'loading', message: undefined, serverErrors: [], dirty: false, buyerInfo: undefined, form: emptyForm(get().businesses[0]?.id, formatDocDate(today)) });
    try {
      const { businesses } = await invoke('businesses:list', {});
      if (id === undefined) {
        const current = get().form;
        set({ businesses, form: { ...current, businessId: current.businessId ?? businesses[0]?.id }, status: 'idle' });
        return;
      }
      const { invoice } = await invoke('invoices:get', { id });
      const form = invoice.draft ? fromDraft(invoice.id, invoice.businessId, invoice.draft) : emptyForm(invoice.businessId, formatDocDate(today));
      set({ businesses, form, serverErrors: invoice.lastErrors, status: 'idle' });
    } catch (e) {
      set({ status: 'idle', message: { kind: 'error', text: e instanceof ApiError ? e.message : String(e) } });
    }
  },
  update(fn) {
    set({ form: fn(get().form), dirty: true, message: undefined });
  },
  setLine(index, patch) {
    get().update((f) => ({ ...f, lines: f.lines.map((l, i) => (i === index ? { ...l, ...patch } : l)) }));
  },
  addLine() {
    get().update((f) => ({ ...f, lines: [...f.lines, emptyLine()] }));
    set({ linesAdded: get().linesAdded + 1 });
  },
  removeLine(index) {
    get().update((f) => ({ ...f, lines: f.lines.length > 1 ? f.lines.filter((_, i) => i !== index) : f.lines }));
  },
  async save() {
    const { form, businesses } = get();
    if (form.businessId === undefined) {
      set({ message: { kind: 'error', text: 'Add a business in Settings first.' } });
      return undefined;
    }
    set({ status: 'saving', message: undefined });
    try {
      const business = businesses.find((b) => b.id === form.businessId);
      const { draft } = toDraft(form, business);
      const r = await invoke('invoices:save', { ...(form.id ? { id: form.id } : {}), businessId: form.businessId, draft });
      set({
        form: { ...get().form, id: r.invoice.id },
        serverErrors: r.errors,
        status: 'idle',
        dirty: false,
        message: r.errors.length ? { kind: 'error', text: `Draft saved with ${r.errors.length} problem${r.errors.length === 1 ? '' : 's'} to fix before registering.` } : { kind: 'ok', text: 'Draft saved.' },
      });
      return r.invoice.id;
    } catch (e) {
      set({ status: 'idle', message: { kind: 'error', text: e instanceof ApiError ? `${e.message} (${e.code})` : String(e) } });
      return undefined;
    }
  },
  async register() {
    const current = get();
    // an unchanged, saved draft needs no second save (and no second journal entry)
    const id = !current.dirty && current.form.id !== undefined ? current.form.id : await current.save();
    if (id === undefined || get().serverErrors.length > 0) return undefined;
    set({ status: 'registering' });
    try {
      const { outcomes } = await invoke('invoices:register', { ids: [id] });
      const outcome = outcomes[0];
      if (outcome && (outcome.status === 'registered' || outcome.status === 'adopted')) {
        set({ status: 'idle' });
        return id;
      }
      const setup = Boolean(outcome?.errors.length) && outcome!.errors.every((e) => SETUP_ERROR_CODES.has(e.code));
      set({
        status: 'idle',
        serverErrors: (outcome?.status === 'rejected' || outcome?.status === 'not_sent') && !setup ? outcome.errors : get().serverErrors,
        message: {
          kind: 'error',
          text:
            outcome?.status === 'queued'
              ? `Queued: ${outcome.errors[0]?.message ?? 'the IRP is not answering'}. It will be retried.`
              : outcome?.status === 'in_flight'
                ? (outcome.errors[0]?.message ?? 'Being sent by another window or process.')
                : outcome?.status === 'not_sent'
                  ? `Not sent: ${setup ? (outcome.errors[0]?.message ?? '') : 'see the problems below.'}`
                  : 'The IRP refused the invoice: see the problems below.',
        },
      });
      if (outcome?.status === 'queued' || outcome?.status === 'in_flight') return id;
      // a rejected document goes back to draft when edited; reopen it so the form keeps its id
      return undefined;
    } catch (e) {
      set({ status: 'idle', message: { kind: 'error', text: e instanceof ApiError ? `${e.message} (${e.code})` : String(e) } });
      return undefined;
    }
  },
}));
