/**
 * The buyer's GSTIN (looked up in the GST master through the IRP when it is complete: on leaving
 * the field or on Enter) and legal name (suggestions from past parties, which fill the block).
 */
import { useEffect, useState } from 'react';
import { isValidGstin } from '../../../shared/gst/gstin';
import { invoke } from '../api/client';
import type { PartyView } from '../api/types';
import { useEditor } from '../stores/editor.store';
import { FilledInput } from './FilledInput';

const STATUS: Record<string, string> = { ACT: 'Active', CNL: 'Cancelled', INA: 'Inactive', PRO: 'Provisional', SUS: 'Suspended' };

export function BuyerGstinInput() {
  const gstin = useEditor((s) => s.form.buyer.gstin);
  const update = useEditor((s) => s.update);
  const lookup = useEditor((s) => s.lookupBuyer);
  const tryLookup = () => {
    const g = gstin.trim().toUpperCase();
    if (isValidGstin(g)) void lookup(g);
  };
  return (
    <input
      value={gstin}
      data-field="buyer.gstin"
      maxLength={15}
      placeholder="15 characters"
      aria-describedby="buyer-status"
      onChange={(e) => update((f) => ({ ...f, buyer: { ...f.buyer, gstin: e.target.value.toUpperCase() } }))}
      onBlur={tryLookup}
      onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), tryLookup())}
    />
  );
}

/** What the GST master said about the buyer, under the GSTIN (outside its label, so not part of its name). */
export function BuyerGstinStatus() {
  const gstin = useEditor((s) => s.form.buyer.gstin);
  const info = useEditor((s) => s.buyerInfo);
  const shown = info && info.gstin === gstin.trim().toUpperCase() ? info : undefined;
  if (!shown) return null;
  return (
    <small id="buyer-status" className={shown.status === 'ACT' && !shown.blocked ? 'ok-text' : 'error-text'} data-testid="buyer-status">
      {shown.status ? STATUS[shown.status] ?? shown.status : 'Known buyer'}
      {shown.blocked ? ', blocked for e-invoicing' : ''} · {shown.source === 'irp' ? 'from the GST master' : shown.source === 'cache' ? 'GST master (saved)' : 'past buyer'}
    </small>
  );
}

/**
 * Past parties whose name or GSTIN starts with the words typed (from 2 characters, after a 150 ms
 * pause); the buyer's name in the editor and the list's buyer filter both suggest from it.
 */
export function usePartySuggestions(text: string): PartyView[] {
  const [parties, setParties] = useState<PartyView[]>([]);
  useEffect(() => {
    if (text.trim().length < 2) return setParties([]);
    let live = true;
    const t = setTimeout(() => {
      invoke('parties:search', { text, limit: 8 }).then((r) => live && setParties(r.parties), () => undefined);
    }, 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [text]);
  return parties;
}

export function BuyerNameInput() {
  const name = useEditor((s) => s.form.buyer.legalName);
  const update = useEditor((s) => s.update);
  const fill = useEditor((s) => s.fillBuyer);
  const parties = usePartySuggestions(name);

  return (
    <>
      <FilledInput
        value={name}
        data-field="buyer.legalName"
        list="past-buyers"
        onChange={(e) => {
          const picked = parties.find((p) => `${p.legalName} · ${p.gstin ?? ''}` === e.target.value);
          if (picked) fill(picked, 'past');
          else update((f) => ({ ...f, buyer: { ...f.buyer, legalName: e.target.value } }));
        }}
      />
      <datalist id="past-buyers">
        {parties.map((p) => <option key={p.id} value={`${p.legalName} · ${p.gstin ?? ''}`} />)}
      </datalist>
    </>
  );
}
