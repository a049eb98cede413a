/**
 * Forms made from a saved document (issue 17 item 6): a copy to bill the same buyer again, and a
 * credit or debit note against a tax invoice, its lines copied to be edited and the invoice named
 * as the original (RefDtls.PrecDocDtls). Each is a new document: no id, no number (the series
 * proposes one), dated today.
 */
import type { DraftInvoice } from '../../../shared/einvoice/compute';
import { formatDocDate } from '../../../shared/dates';
import { fromDraft, type EditorForm } from './editor.model';

export interface OpenTarget {
  id?: number;
  from?: { id: number; as: 'copy' | 'CRN' | 'DBN' };
  recover?: string;
  /** A new form even when a new one with unsaved changes is open (after save or discard). */
  fresh?: boolean;
}

export function targetKey(t: OpenTarget): string {
  if (t.recover !== undefined) return `recover:${t.recover}`;
  if (t.from) return `from:${t.from.id}:${t.from.as}`;
  if (t.id !== undefined) return `id:${t.id}`;
  return 'new';
}

/** What a working copy stores: the form as typed and whether its number was proposed. */
export interface WorkingCopyBody {
  v: 1;
  form: EditorForm;
  docNoAuto: boolean;
}


/** Members of the source that belong to the source alone (its e-way bill, its payment). */
const NOT_COPIED: ReadonlyArray<keyof DraftInvoice> = ['ewb', 'payment'];

function fresh(form: EditorForm, docDate: string): EditorForm {
  const { id: _id, ...rest } = form;
  const kept = Object.fromEntries(Object.entries(form.kept ?? {}).filter(([k]) => !NOT_COPIED.includes(k as keyof DraftInvoice))) as Partial<DraftInvoice>;
  const { kept: _kept, ...body } = rest;
  return { ...body, ...(Object.keys(kept).length ? { kept } : {}), docNo: '', docDate };
}

export function copyForm(businessId: number, source: DraftInvoice, todayIso: string): EditorForm {
  return fresh(fromDraft(0, businessId, source), formatDocDate(todayIso));
}

/** A note against a registered (or saved) tax invoice: its lines, its buyer and places, the invoice as the original. */
export function noteForm(businessId: number, source: DraftInvoice, as: 'CRN' | 'DBN', original: { docNo: string; docDate: string }, todayIso: string): EditorForm {
  const form = fresh(fromDraft(0, businessId, source), formatDocDate(todayIso));
  return { ...form, docType: as, originals: [{ number: original.docNo, date: formatDocDate(original.docDate) }] };
}
