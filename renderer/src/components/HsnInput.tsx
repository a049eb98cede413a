/**
 * HSN/SAC search by code or words over the master (in the core), as a keyboard combobox. Hand-written
 * on purpose: one sits on every editor line (up to 1000), and React Aria's ComboBox made opening a
 * 1000-line draft twice as slow (docs/ui.md, "Component library"). The ARIA combobox pattern is
 * followed by hand: the active option is announced through aria-activedescendant.
 */
import { useEffect, useId, useState } from 'react';
import { invoke } from '../api/client';
import { comboAria, ComboList, useCombo } from './combo';

interface Props {
  value: string;
  /** `description` is set when an entry of the master was picked (not while digits are typed). */
  onChange: (code: string, description?: string) => void;
  invalid?: boolean;
  lineIndex?: number;
  /** Names the field where it is not a line of the editor (the Items screen). */
  label?: string;
  field?: string;
}

const searchHsn = (q: string) => invoke('masters:hsnSearch', { query: q, limit: 12 }).then((r) => r.entries);

export function HsnInput({ value, onChange, invalid, lineIndex, label, field }: Props) {
  const [text, setText] = useState(value);
  const [open, setOpen] = useState(false);
  const listId = useId();
  const combo = useCombo(text, open, searchHsn, 2);

  useEffect(() => setText(value), [value]);

  const pick = (e: { code: string; description: string }) => {
    setText(e.code);
    setOpen(false);
    onChange(e.code, e.description);
  };
  const shown = open && combo.entries.length > 0;

  return (
    <div className="combo">
      <input
        {...comboAria(listId, shown, combo.active)}
        aria-label={label ?? `HSN/SAC of line ${(lineIndex ?? 0) + 1}`}
        aria-invalid={invalid}
        data-line={lineIndex}
        data-col={lineIndex === undefined ? undefined : 'hsn'}
        data-field={field ?? (lineIndex === undefined ? undefined : `lines.${lineIndex}.hsn`)}
        value={text}
        placeholder="code or words"
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          if (/^\d*$/.test(e.target.value.trim())) onChange(e.target.value.trim());
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => combo.onKey(e, pick, () => setOpen(false))}
      />
      {shown && (
        <ComboList id={listId} entries={combo.entries} active={combo.active} keyOf={(e) => e.code} onPick={pick}>
          {(entry) => <><b>{entry.code}</b> {entry.description}</>}
        </ComboList>
      )}
    </div>
  );
}
