/**
 * The document being edited: the form, the businesses to pick from, save and register, which fields
 * were touched (problems show there, or everywhere after a save attempt), the proposed number.
 * The editor holds one document at a time and keeps it across screen changes; what would replace
 * a document with unsaved changes asks first (leave-guard.ts). Autosave: editor.autosave.ts.
 */
import { create } from 'zustand';
import type { BusinessView, PartyView, Violation } from '../api/types';
import { SETUP_ERROR_CODES } from '../../../shared/ipc/contract';
import { ApiError, invoke } from '../api/client';
import { emptyForm, emptyLine, fromDraft, toDraft, type EditorForm, type EditorLine } from './editor.model';
import { formatDocDate } from '../../../shared/dates';
import { openTarget, targetKey, type OpenTarget } from './editor.open';
import { serial } from './editor.queue';

export type AutosaveState = { state: 'idle' | 'saving' | 'saved' | 'failed'; at?: string };
export interface TakenNumber {
  id: number;
  status: string;
  docNo: string;
  docDate: string;
}

export interface EditorState {
  form: EditorForm;
  businesses: BusinessView[];
  /** Violations the core reported at the last save or the IRP at the last registration. */
  serverErrors: Violation[];
  status: 'idle' | 'loading' | 'saving' | 'registering';
  message?: { kind: 'ok' | 'error'; text: string };
  /** Changes not yet saved as a draft (a working copy may hold them: see `autosave`). */
  dirty: boolean;
  /** Counts the user's edits (not the number proposals), so a save knows whether typing went on. */
  rev: number;
  /** Which document the form holds ('new:3', 'id:12', 'from:12:CRN', 'recover:SLOT'). */
  docKey: string;
  /** Where the working copy of this form is kept in the ledger. */
  slot: string;
  autosave: AutosaveState;
  /** Fields the user changed or left: their problems show; all show after a save or register attempt. */
  touched: Record<string, true>;
  showAll: boolean;
  /** The number was proposed (series or last + 1), not typed: it follows the date, type and business. */
  docNoAuto: boolean;
  /** The number is already used in the ledger (same seller, FY, type). */
  numberTaken?: TakenNumber;
  /** Why no number could be proposed (a series that ran out), shown at the number. */
  numberNote?: string;
  /** What the GST master says about the buyer, after a lookup. */
  buyerInfo?: { gstin: string; status?: string; blocked: boolean; source: 'cache' | 'irp' | 'past' };
  lookupBuyer: (gstin: string) => Promise<void>;
  /**
   * Fills the buyer block from a party. `keep`: the block as it was when a lookup was sent; a field
   * that changed since (the user typed on while the IRP answered) keeps what was typed.
   */
  fillBuyer: (party: PartyView, source: 'cache' | 'irp' | 'past', keep?: EditorForm['buyer']) => void;
  open: (target: OpenTarget, today: string) => Promise<void>;
  update: (fn: (f: EditorForm) => EditorForm) => void;
  setLine: (index: number, patch: Partial<EditorLine>) => void;
  addLine: () => void;
  /** Bumped by addLine: the lines table focuses the new line's description (not when a draft loads). */
  linesAdded: number;
  removeLine: (index: number) => void;
  touch: (field: string) => void;
  revealAll: () => void;
  save: () => Promise<number | undefined>;
  register: () => Promise<number | undefined>;
  /** Drops the changes: the working copy goes, the saved draft (if any) comes back. */
  discard: () => Promise<void>;
}

let sessionSlots = 0;
/** This page's editor session: working copies it writes carry it as owner. */
export const EDITOR_SESSION = `w${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
export const newSlot = () => `${EDITOR_SESSION}-${++sessionSlots}`;

const errorText = (e: unknown) => (e instanceof ApiError ? `${e.message} (${e.code})` : String(e));

export const useEditor = create<EditorState>((set, get) => ({
  form: emptyForm(undefined, ''),
  businesses: [],
  serverErrors: [],
  status: 'idle',
  dirty: false,
  rev: 0,
  docKey: '',
  slot: newSlot(),
  autosave: { state: 'idle' },
  touched: {},
  showAll: false,
  docNoAuto: false,
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
  async open(target, today) {
    const current = get();
    const key = targetKey(target);
    // back to the work in progress: the same document, or "New invoice" while one has unsaved changes
    if (current.docKey !== '' && (key === current.docKey || (key === 'new' && current.dirty && !target.fresh))) {
      if (current.businesses.length === 0) set({ businesses: (await invoke('businesses:list', {}).catch(() => ({ businesses: [] }))).businesses });
      return;
    }
    const businessId = current.businesses[0]?.id;
    // The form is usable at once; what loads later must not undo what the user typed meanwhile.
    set({
      status: 'loading', message: undefined, serverErrors: [], dirty: false, buyerInfo: undefined, touched: {}, showAll: false,
      docNoAuto: false, numberTaken: undefined, numberNote: undefined, autosave: { state: 'idle' },
      form: emptyForm(businessId, formatDocDate(today)), docKey: key === 'new' ? `new:${++sessionSlots}` : key, slot: newSlot(),
    });
    try {
      const opened = await openTarget(target, today, () => get().form, EDITOR_SESSION);
      set({ ...opened, status: 'idle' });
    } catch (e) {
      set({ status: 'idle', message: { kind: 'error', text: e instanceof ApiError ? e.message : String(e) } });
    }
  },
  update(fn) {
    set({ form: fn(get().form), dirty: true, rev: get().rev + 1, message: undefined });
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
  touch(field) {
    if (!get().touched[field]) set({ touched: { ...get().touched, [field]: true } });
  },
  revealAll() {
    if (!get().showAll) set({ showAll: true });
  },
  async save() {
    const { form, businesses, slot, rev } = get();
    set({ showAll: true });
    if (form.businessId === undefined) {
      set({ message: { kind: 'error', text: 'Add a business in Settings first.' } });
      return undefined;
    }
    set({ status: 'saving', message: undefined });
    try {
      const business = businesses.find((b) => b.id === form.businessId);
      const { draft } = toDraft(form, business);
      const businessId = form.businessId;
      const r = await serial(() => invoke('invoices:save', { ...(form.id ? { id: form.id } : {}), businessId, draft, workingCopy: slot }));
      // typing may have gone on while the save ran (or a number was proposed after the form was
      // read): that stays unsaved, and autosaved
      const typedOn = get().rev !== rev || get().form.docNo.trim() !== draft.docNo;
      set({
        form: { ...get().form, id: r.invoice.id },
        serverErrors: r.errors,
        status: 'idle',
        dirty: typedOn,
        docKey: `id:${r.invoice.id}`,
        // a saved document keeps its number: no more proposals
        docNoAuto: false,
        autosave: typedOn ? get().autosave : { state: 'idle' },
        message: r.errors.length ? { kind: 'error', text: `Draft saved with ${r.errors.length} problem${r.errors.length === 1 ? '' : 's'} to fix before registering.` } : { kind: 'ok', text: 'Draft saved.' },
      });
      return r.invoice.id;
    } catch (e) {
      set({ status: 'idle', message: { kind: 'error', text: errorText(e) } });
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
        // the document is done: the next "New invoice" starts afresh
        set({ status: 'idle', docKey: `done:${id}` });
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
      set({ status: 'idle', message: { kind: 'error', text: errorText(e) } });
      return undefined;
    }
  },
  async discard() {
    const { slot, form } = get();
    await serial(() => invoke('drafts:discard', { slot })).catch(() => undefined);
    if (form.id !== undefined) {
      const { invoice } = await invoke('invoices:get', { id: form.id });
      if (invoice.draft) set({ form: fromDraft(invoice.id, invoice.businessId, invoice.draft) });
    } else {
      set({ form: emptyForm(form.businessId, form.docDate), docKey: `new:${++sessionSlots}`, docNoAuto: false, numberTaken: undefined });
    }
    set({ dirty: false, touched: {}, showAll: false, autosave: { state: 'idle' }, slot: newSlot(), message: { kind: 'ok', text: 'Changes discarded.' } });
  },
}));
