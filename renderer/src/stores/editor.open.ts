/**
 * What the editor opens (issue 17): a new form, a saved document, a copy of one, a credit or debit
 * note against one, or a working copy left by a window that closed or crashed. Each answers the
 * store fields to set; the number proposal for new documents is number.ts's job.
 */
import { invoke } from '../api/client';
import { formatDocDate } from '../../../shared/dates';
import { emptyForm, fromDraft, withFreshKeys, type EditorForm } from './editor.model';
import { copyForm, noteForm, type OpenTarget, type WorkingCopyBody } from './editor.forms';

export { targetKey, type OpenTarget, type WorkingCopyBody } from './editor.forms';
import type { EditorState } from './editor.store';

function isForm(value: unknown): value is EditorForm {
  const f = value as Partial<EditorForm> | null;
  return !!f && typeof f === 'object' && Array.isArray(f.lines) && typeof f.buyer === 'object' && f.buyer !== null && typeof f.docNo === 'string';
}

type Opened = Partial<Pick<EditorState, 'form' | 'businesses' | 'serverErrors' | 'dirty' | 'slot' | 'docNoAuto' | 'message'>>;

/** `owner`: this page's editor session, which takes a recovered working copy over. */
export async function openTarget(target: OpenTarget, today: string, typedMeanwhile: () => EditorForm, owner: string): Promise<Opened> {
  const { businesses } = await invoke('businesses:list', {});
  const first = businesses[0]?.id;
  if (target.recover !== undefined) {
    const { form: body } = await invoke('drafts:take', { slot: target.recover, owner });
    const copy = body as Partial<WorkingCopyBody>;
    if (!isForm(copy.form)) throw new Error('That unsaved invoice could not be read back.');
    const form = { ...copy.form, lines: withFreshKeys(copy.form.lines) };
    return { businesses, form, slot: target.recover, dirty: true, docNoAuto: copy.docNoAuto === true, message: { kind: 'ok', text: 'The unsaved invoice is back. Save it as a draft, or discard it.' } };
  }
  if (target.from) {
    const { invoice } = await invoke('invoices:get', { id: target.from.id });
    if (!invoice.draft) throw new Error(`Invoice ${invoice.docNo ?? invoice.id} was not made in this editor, so it cannot be copied.`);
    const form =
      target.from.as === 'copy'
        ? copyForm(invoice.businessId, invoice.draft, today)
        : noteForm(invoice.businessId, invoice.draft, target.from.as, { docNo: invoice.docNo ?? '', docDate: invoice.docDate }, today);
    return { businesses, form, dirty: true, docNoAuto: true };
  }
  if (target.id !== undefined) {
    const { invoice } = await invoke('invoices:get', { id: target.id });
    const form = invoice.draft ? fromDraft(invoice.id, invoice.businessId, invoice.draft) : emptyForm(invoice.businessId, formatDocDate(today));
    return { businesses, form, serverErrors: invoice.lastErrors };
  }
  // a new form: what was typed while the businesses loaded stays (read now, after the wait)
  const typed = typedMeanwhile();
  return { businesses, form: { ...typed, businessId: typed.businessId ?? first }, docNoAuto: typed.docNo === '' };
}
