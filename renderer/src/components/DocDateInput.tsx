/**
 * A date typed the Indian way, dd/mm/yyyy (the browser's own date picker follows the browser's
 * locale, which shows mm/dd/yyyy on most installs). The value outside is ISO YYYY-MM-DD or ''; a
 * half-typed or impossible date is marked and not applied, so the filter never jumps around.
 */
import { useEffect, useState } from 'react';
import { formatDocDate, parseDocDate } from '../../../shared/dates';

export function DocDateInput({ value, onChange, label }: { value: string; onChange: (iso: string) => void; label: string }) {
  const [text, setText] = useState(value ? formatDocDate(value) : '');
  // follow changes made elsewhere (a cleared filter), not our own echo
  useEffect(() => {
    setText((t) => ((parseDocDate(t.trim()) ?? '') === value ? t : value ? formatDocDate(value) : ''));
  }, [value]);
  const iso = text.trim() === '' ? '' : parseDocDate(text.trim());
  return (
    <input
      className="doc-date"
      aria-label={label}
      aria-invalid={iso === undefined}
      title={iso === undefined ? 'Type the date as dd/mm/yyyy' : undefined}
      placeholder="dd/mm/yyyy"
      inputMode="numeric"
      maxLength={10}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const next = e.target.value.trim() === '' ? '' : parseDocDate(e.target.value.trim());
        if (next !== undefined && next !== value) onChange(next);
      }}
    />
  );
}
