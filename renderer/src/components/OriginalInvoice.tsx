/**
 * The original invoice of a credit or debit note (RefDtls.PrecDocDtls: number and date). The
 * buyer's registered invoices from this seller are offered as suggestions; picking one fills its
 * date too. INV-01 marks the reference optional, the 2020 rule 2191 asked for it, so its absence is
 * a warning; a half-filled reference is an error at the field (irp-protocol.md §5.11, §6.6).
 */
import { useEffect, useId, useState } from 'react';
import { isValidGstin } from '../../../shared/gst/gstin';
import { formatInr } from '../../../shared/money';
import { invoke } from '../api/client';
import type { InvoiceListItem } from '../api/types';
import type { OriginalInvoiceForm } from '../stores/editor.model';
import { useEditor } from '../stores/editor.store';
import { Field, Problems, type Problem } from './Field';
import { Warnings } from './Warnings';
import { formatDocDate } from '../../../shared/dates';
import { normaliseDateText } from '../../../shared/date-input';

type Lookup = (field: string) => Problem[] | undefined;

/** The buyer's registered tax invoices from this business (newest first), for the suggestions. */
function useRegisteredInvoices(businessId: number | undefined, buyerGstin: string): InvoiceListItem[] {
  const [rows, setRows] = useState<InvoiceListItem[]>([]);
  const gstin = buyerGstin.trim().toUpperCase();
  useEffect(() => {
    if (businessId === undefined || !isValidGstin(gstin)) return setRows([]);
    let live = true;
    invoke('invoices:list', { businessId, buyer: gstin, status: ['registered'], sort: 'date', direction: 'desc', limit: 20 }).then(
      (r) => live && setRows(r.rows.filter((row) => row.docType === 'INV' && row.buyerGstin === gstin && row.docNo)),
      () => live && setRows([]),
    );
    return () => {
      live = false;
    };
  }, [businessId, gstin]);
  return rows;
}

export function OriginalInvoice({ problems, warnings }: { problems: Lookup; warnings: Lookup }) {
  const docType = useEditor((s) => s.form.docType);
  const originals = useEditor((s) => s.form.originals);
  const businessId = useEditor((s) => s.form.businessId);
  const buyerGstin = useEditor((s) => s.form.buyer.gstin);
  const update = useEditor((s) => s.update);
  const suggestions = useRegisteredInvoices(docType === 'INV' ? undefined : businessId, buyerGstin);
  const listId = useId();
  if (docType === 'INV') return null;

  const set = (index: number, patch: Partial<OriginalInvoiceForm>) =>
    update((f) => ({ ...f, originals: f.originals.map((o, i) => (i === index ? { ...o, ...patch } : o)) }));
  const setNumber = (index: number, number: string) => {
    const picked = suggestions.find((r) => r.docNo === number.trim());
    set(index, picked ? { number: picked.docNo ?? number, date: formatDocDate(picked.docDate) } : { number });
  };
  const note = docType === 'CRN' ? 'credit note' : 'debit note';
  const blockWarnings = [...(warnings('original') ?? []), ...originals.flatMap((_, i) => [...(warnings(`original.${i}.number`) ?? []), ...(warnings(`original.${i}.date`) ?? [])])];

  return (
    <fieldset className="group ed-original">
      <legend>Original invoice</legend>
      <p className="muted ed-note">The tax invoice this {note} adjusts{suggestions.length ? ': type or pick one of this buyer\u2019s registered invoices' : ''}.</p>
      <Problems problems={problems('original')} />
      <Warnings warnings={blockWarnings} />
      {originals.map((o, i) => (
        <div className="ed-original-row" key={i}>
          <Field label={originals.length > 1 ? `Original invoice ${i + 1} number` : 'Original invoice number'} problems={problems(`original.${i}.number`)}>
            <input value={o.number} data-field={`original.${i}.number`} maxLength={16} list={listId} placeholder="e.g. ST/26-27/0001" aria-invalid={Boolean(problems(`original.${i}.number`))} onChange={(e) => setNumber(i, e.target.value)} />
          </Field>
          <Field label={originals.length > 1 ? `Original invoice ${i + 1} date (dd/mm/yyyy)` : 'Original invoice date (dd/mm/yyyy)'} problems={problems(`original.${i}.date`)}>
            <input value={o.date} data-field={`original.${i}.date`} maxLength={10} placeholder="dd/mm/yyyy" aria-invalid={Boolean(problems(`original.${i}.date`))} onChange={(e) => set(i, { date: e.target.value })} onBlur={(e) => normaliseDateText(e.target.value) !== o.date && set(i, { date: normaliseDateText(e.target.value) })} />
          </Field>
          {originals.length > 1 && (
            <button type="button" className="icon" aria-label={`Remove original invoice ${i + 1}`} onClick={() => update((f) => ({ ...f, originals: f.originals.filter((_, k) => k !== i) }))}>×</button>
          )}
        </div>
      ))}
      <button type="button" className="link ed-small" onClick={() => update((f) => ({ ...f, originals: [...f.originals, { number: '', date: '' }] }))}>
        + Another original invoice
      </button>
      <datalist id={listId} data-testid="original-suggestions">
        {suggestions.map((r) => (
          <option key={r.id} value={r.docNo}>{`${formatDocDate(r.docDate)} · ${formatInr(r.totalPaise)}`}</option>
        ))}
      </datalist>
    </fieldset>
  );
}
