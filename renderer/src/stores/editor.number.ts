/**
 * The document number while it is typed (issue 17 item 5): a new document gets the next number of
 * its series (or the last one used, counted on) for the FY of its date, and keeps following the
 * date, type and business until the user types a number of their own; whatever the number, one
 * already in the ledger (same seller, FY and type) is flagged at once.
 */
import { readDate } from '../../../shared/date-input';
import { invoke } from '../api/client';
import { useEditor } from './editor.store';

const CHECK_PAUSE_MS = 250;

let proposing = 0;
let checking = 0;
let checkTimer: ReturnType<typeof setTimeout> | undefined;

async function propose(): Promise<void> {
  const { form, docNoAuto } = useEditor.getState();
  const date = readDate(form.docDate);
  if (!docNoAuto || form.id !== undefined || form.businessId === undefined || !date.ok) return;
  const ticket = ++proposing;
  try {
    const r = await invoke('series:next', { businessId: form.businessId, docType: form.docType, docDate: date.iso });
    const now = useEditor.getState();
    if (ticket !== proposing || !now.docNoAuto) return;
    useEditor.setState({ form: { ...now.form, docNo: r.docNo ?? '' }, numberNote: r.problem });
  } catch {
    // no proposal: the user types the number
  }
}

async function check(): Promise<void> {
  const { form } = useEditor.getState();
  const date = readDate(form.docDate);
  const docNo = form.docNo.trim();
  const ticket = ++checking;
  if (form.businessId === undefined || !date.ok || docNo === '') {
    useEditor.setState({ numberTaken: undefined });
    return;
  }
  try {
    const { used } = await invoke('invoices:numberUsed', { businessId: form.businessId, docType: form.docType, docNo, docDate: date.iso, ...(form.id !== undefined ? { exceptId: form.id } : {}) });
    if (ticket === checking) useEditor.setState({ numberTaken: used });
  } catch {
    if (ticket === checking) useEditor.setState({ numberTaken: undefined });
  }
}

let installed = false;

export function installNumbering(): void {
  if (installed) return;
  installed = true;
  useEditor.subscribe((s, prev) => {
    const f = s.form;
    const p = prev.form;
    const scopeChanged = f.businessId !== p.businessId || f.docType !== p.docType || f.docDate !== p.docDate;
    // a new document's number follows its date, type and business until one is typed
    if (s.docNoAuto && (scopeChanged || s.docKey !== prev.docKey || (s.docNoAuto && !prev.docNoAuto))) void propose();
    if (scopeChanged || f.docNo !== p.docNo || s.docKey !== prev.docKey) {
      if (checkTimer) clearTimeout(checkTimer);
      checkTimer = setTimeout(() => void check(), CHECK_PAUSE_MS);
    }
  });
}
