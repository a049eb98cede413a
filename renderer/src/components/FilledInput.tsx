/**
 * A text input that a lookup may fill while it has the focus (the buyer's name, address, city and
 * PIN, filled from the GST master when the GSTIN is left). When its value changes from outside
 * while focused, the new text is selected, as if the field had been tabbed into: the next key
 * replaces it instead of being appended to it. Without this, typing into the name just as the
 * lookup answered gave "Practice Manufacturing Private LimitedPractice Manufacturing Private
 * Limited" (the caret sat after the filled text; editor-sections.test.ts met it once).
 */
import { useLayoutEffect, useRef, type InputHTMLAttributes } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value'> & { value: string };

export function FilledInput({ value, onChange, ...rest }: Props) {
  const ref = useRef<HTMLInputElement>(null);
  const own = useRef(value);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && value !== own.current && document.activeElement === el) el.select();
    own.current = value;
  }, [value]);
  return (
    <input
      ref={ref}
      value={value}
      onChange={(e) => {
        own.current = e.target.value;
        onChange?.(e);
      }}
      {...rest}
    />
  );
}
