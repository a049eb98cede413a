/**
 * The invoice list's buyer filter: name or GSTIN words, suggested from past parties as the user
 * types, applied after a pause in typing (each change is a new query over the whole ledger).
 */
import { useEffect, useState } from 'react';
import { usePartySuggestions } from './BuyerInputs';

export function BuyerFilter({ value, onChange }: { value: string; onChange: (buyer: string) => void }) {
  const [text, setText] = useState(value);
  const parties = usePartySuggestions(text);

  useEffect(() => {
    const t = setTimeout(() => {
      if (text !== value) onChange(text);
    }, 250);
    return () => clearTimeout(t);
  }, [text, value, onChange]);

  return (
    <>
      <input
        className="buyer-filter"
        type="search"
        placeholder="Buyer name or GSTIN"
        aria-label="Buyer"
        list="buyer-filter-parties"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <datalist id="buyer-filter-parties">
        {/* a suggestion fills the GSTIN when there is one: that filter is exact, a name may not be */}
        {parties.map((p) => <option key={p.id} value={p.gstin ?? p.legalName}>{p.legalName}</option>)}
      </datalist>
    </>
  );
}
