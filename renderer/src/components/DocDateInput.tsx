/**
 * A date typed the Indian way, day first: 4/12/2026, 04-12-2026, 04.12.26 and 04122026 all mean
 * 4 December 2026 and are shown as 04/12/2026 once the field is left. An impossible date (31/02)
 * or a half-typed one is marked and not applied, and says why under the field; it is never moved
 * to a nearby real date (React Aria's date field turned 31/02 into 28/02 on leaving; issue 17).
 * The value outside is ISO YYYY-MM-DD or ''. Used by the list's From/To filters and Settings.
 */
import { useEffect, useId, useState } from 'react';
import { readDate } from '../../../shared/date-input';
import { formatDocDate } from '../../../shared/dates';

interface Props {
  value: string;
  onChange: (iso: string) => void;
  label: string;
  /** Show a "×" that empties the field (the list filters). */
  clearable?: boolean;
  /** Told when the text is not (yet) a date (a form refuses to save then). */
  onPending?: (pending: boolean) => void;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

/** Still being typed: digits and separators that could become a date. */
const PARTIAL = /^\d{1,2}([/.\- ]\d{0,2}([/.\- ]\d{0,3})?)?$|^\d{1,7}$/;

export function DocDateInput({ value, onChange, label, clearable, onPending, ...aria }: Props) {
  const [text, setText] = useState(value ? formatDocDate(value) : '');
  const [focused, setFocused] = useState(false);
  const messageId = useId();

  // a value set from outside (cleared, or a saved form loaded) replaces the text unless it already says that date
  useEffect(() => {
    setText((t) => {
      const r = readDate(t);
      const shown = r.ok ? r.iso : '';
      return shown === value ? t : value ? formatDocDate(value) : r.ok || r.empty ? '' : t;
    });
  }, [value]);

  const reading = readDate(text);
  const pending = !reading.ok && !reading.empty;
  useEffect(() => onPending?.(pending), [pending, onPending]);
  const showMessage = pending && (!focused || !PARTIAL.test(text.trim()));
  const invalid = pending || Boolean(aria['aria-invalid']);

  return (
    <span className="date-input">
      <input
        aria-label={label}
        aria-invalid={invalid || undefined}
        aria-describedby={[aria['aria-describedby'], showMessage ? messageId : ''].filter(Boolean).join(' ') || undefined}
        className="date-text"
        value={text}
        placeholder="dd/mm/yyyy"
        maxLength={10}
        inputMode="numeric"
        onFocus={() => setFocused(true)}
        onChange={(e) => {
          setText(e.target.value);
          const r = readDate(e.target.value);
          if (r.ok && r.iso !== value) onChange(r.iso);
          else if (!r.ok && r.empty && value !== '') onChange('');
        }}
        onBlur={() => {
          setFocused(false);
          if (reading.ok) setText(formatDocDate(reading.iso));
        }}
      />
      {clearable && text !== '' && (
        <button type="button" className="date-clear" aria-label={`Clear ${label}`} onClick={() => (setText(''), value !== '' && onChange(''))}>
          ×
        </button>
      )}
      {showMessage && !reading.ok && <small className="date-problem error-text" id={messageId} role="alert">{reading.message}</small>}
    </span>
  );
}
