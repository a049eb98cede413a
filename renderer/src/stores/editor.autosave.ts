/**
 * Autosave (issue 17 item 1): what is typed goes to the ledger as the editor's working copy 0.6 s
 * after typing pauses (at least every 3 s while it goes on), and once more as the window closes.
 * A working copy is the form as typed, half-typed dates and all; saving the draft clears it in the
 * same transaction. Installed once, when the editor store is first used.
 */
import { computeTotals } from '../../../shared/einvoice/compute';
import { invoke } from '../api/client';
import { toDraft } from './editor.model';
import type { WorkingCopyBody } from './editor.open';
import { serial } from './editor.queue';
import { EDITOR_SESSION, useEditor } from './editor.store';

const PAUSE_MS = 600;
const MAX_WAIT_MS = 3000;
const LINES_TOTALLED = 200;

let timer: ReturnType<typeof setTimeout> | undefined;
let firstChangeAt = 0;

function request() {
  const s = useEditor.getState();
  const business = s.businesses.find((b) => b.id === s.form.businessId);
  let totalPaise = 0;
  // the total is only for the recovery offer: on a long invoice it is not worth a pause in typing
  if (s.form.lines.length <= LINES_TOTALLED) {
    try {
      totalPaise = computeTotals(toDraft(s.form, business).draft).totalPaise;
    } catch {
      // a half-typed form may not total; the copy is kept all the same
    }
  }
  const body: WorkingCopyBody = { v: 1, form: s.form, docNoAuto: s.docNoAuto };
  return {
    slot: s.slot,
    owner: EDITOR_SESSION,
    ...(s.form.id !== undefined ? { invoiceId: s.form.id } : {}),
    ...(s.form.businessId !== undefined ? { businessId: s.form.businessId } : {}),
    docType: s.form.docType,
    ...(s.form.docNo.trim() ? { docNo: s.form.docNo.trim().slice(0, 40) } : {}),
    ...(s.form.buyer.legalName.trim() ? { buyerName: s.form.buyer.legalName.trim().slice(0, 200) } : {}),
    lines: s.form.lines.length,
    totalPaise,
    form: body,
  };
}

/** Writes the working copy now (unless the form has nothing unsaved by the time it is its turn). */
export function flushAutosave(options: { keepalive?: boolean } = {}): Promise<unknown> {
  if (timer) clearTimeout(timer);
  timer = undefined;
  firstChangeAt = 0;
  return serial(async () => {
    if (!useEditor.getState().dirty) return;
    useEditor.setState({ autosave: { state: 'saving' } });
    try {
      const { savedAt } = await invoke('drafts:autosave', request(), options);
      if (useEditor.getState().dirty) useEditor.setState({ autosave: { state: 'saved', at: savedAt } });
    } catch {
      useEditor.setState({ autosave: { state: 'failed' } });
    }
  });
}

let installed = false;

export function installAutosave(): void {
  if (installed) return;
  installed = true;
  useEditor.subscribe((s, prev) => {
    if (s.form === prev.form || !s.dirty) return;
    const now = Date.now();
    if (firstChangeAt === 0) firstChangeAt = now;
    if (timer) clearTimeout(timer);
    // written when the page is idle (a 1000-line form takes a few milliseconds to serialise), and
    // within a second of being due whatever happens
    const write = () => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => void flushAutosave(), { timeout: 1000 }) : void flushAutosave());
    timer = setTimeout(write, now - firstChangeAt >= MAX_WAIT_MS ? 0 : PAUSE_MS);
  });
  // closing the window: ask first (the browser's own prompt), and write what the pause has not yet
  window.addEventListener('beforeunload', (ev) => {
    if (!useEditor.getState().dirty) return;
    ev.preventDefault();
    ev.returnValue = '';
  });
  window.addEventListener('pagehide', () => {
    if (useEditor.getState().dirty) void flushAutosave({ keepalive: true });
  });
}
