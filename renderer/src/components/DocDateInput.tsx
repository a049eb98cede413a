/**
 * A date the Indian way, dd/mm/yyyy, as React Aria's DateField (day, month and year segments) under
 * an en-IN locale, so the order does not follow the browser's locale (whose own date picker shows
 * mm/dd/yyyy on most installs). Segments take digits and arrow keys, move on by themselves and are
 * announced as "day", "month", "year" by screen readers. The value outside is ISO YYYY-MM-DD or '':
 * a half-typed or impossible date (31/02) is marked and not applied, so a filter never jumps around.
 */
import { parseDate, type CalendarDate } from '@internationalized/date';
import { useContext, useEffect, useState } from 'react';
import { Button, DateField, DateFieldStateContext, DateInput, DateSegment, I18nProvider } from 'react-aria-components';

interface Props {
  value: string;
  onChange: (iso: string) => void;
  label: string;
  /** Show a "×" that empties the field (the list filters; a form field is emptied with Backspace). */
  clearable?: boolean;
  /** Told when the segments hold a half-typed or impossible date (a form refuses to save then). */
  onPending?: (pending: boolean) => void;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

const toDate = (iso: string): CalendarDate | null => {
  try {
    return iso ? parseDate(iso) : null;
  } catch {
    return null;
  }
};

/**
 * Reports whether the segments show something other than the field's value: some typed and some
 * not, or a complete but impossible date. React Aria keeps such a display without emitting it
 * (and constrains it to a real date when the field is left).
 */
function PendingWatch({ onPending }: { onPending: (pending: boolean) => void }) {
  const state = useContext(DateFieldStateContext);
  const pending = Boolean(
    state?.segments.some((s) => {
      if (!s.isEditable) return false;
      const v = state.value;
      if (s.isPlaceholder) return v !== null; // cannot be with a value; kept for a partly cleared field
      if (!v) return true;
      return s.value !== (s.type === 'day' ? v.day : s.type === 'month' ? v.month : s.type === 'year' ? v.year : s.value);
    }),
  );
  useEffect(() => onPending(pending), [pending, onPending]);
  return null;
}

export function DocDateInput({ value, onChange, label, clearable, onPending, ...aria }: Props) {
  const [pending, setPending] = useState(false);
  useEffect(() => onPending?.(pending), [pending, onPending]);
  const invalid = pending || Boolean(aria['aria-invalid']);
  return (
    <I18nProvider locale="en-IN">
      <span className="rac-date-wrap" title={invalid ? 'Type the date as dd/mm/yyyy' : undefined}>
        <DateField
          className="rac-date"
          aria-label={label}
          aria-describedby={aria['aria-describedby']}
          value={toDate(value)}
          onChange={(d) => {
            const next = d ? d.toString() : '';
            if (next !== value) onChange(next);
          }}
          isInvalid={invalid}
          granularity="day"
          shouldForceLeadingZeros
        >
          <DateInput className="rac-date-input">
            {(segment) => <DateSegment segment={segment} className="rac-date-segment" />}
          </DateInput>
          <PendingWatch onPending={setPending} />
        </DateField>
        {clearable && value && (
          <Button className="rac-date-clear" aria-label={`Clear ${label}`} onPress={() => onChange('')}>
            ×
          </Button>
        )}
      </span>
    </I18nProvider>
  );
}
