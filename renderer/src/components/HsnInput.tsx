/**
 * HSN/SAC search by code or words over the master (in the core), as a keyboard combobox. Hand-written
 * on purpose: one sits on every editor line (up to 1000), and React Aria's ComboBox made opening a
 * 1000-line draft twice as slow (docs/ui.md, "Component library"). The ARIA combobox pattern is
 * followed by hand: the active option is announced through aria-activedescendant.
 */
import { useEffect, useId, useState } from 'react';
import { invoke } from '../api/client';

interface Props {
  value: string;
  onChange: (code: string, description?: string) => void;
  invalid?: boolean;
  lineIndex: number;
}

export function HsnInput({ value, onChange, invalid, lineIndex }: Props) {
  const [text, setText] = useState(value);
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<Array<{ code: string; description: string }>>([]);
  const [active, setActive] = useState(0);
  const listId = useId();

  useEffect(() => setText(value), [value]);

  useEffect(() => {
    if (!open || text.trim().length < 2) {
      setEntries([]);
      return;
    }
    let live = true;
    const t = setTimeout(() => {
      invoke('masters:hsnSearch', { query: text, limit: 12 })
        .then((r) => live && (setEntries(r.entries), setActive(0)))
        .catch(() => live && setEntries([]));
    }, 120);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [text, open]);

  const pick = (e: { code: string; description: string }) => {
    setText(e.code);
    setOpen(false);
    onChange(e.code, e.description);
  };

  return (
    <div className="combo">
      <input
        role="combobox"
        aria-expanded={open && entries.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && entries.length > 0 ? `${listId}-${active}` : undefined}
        aria-label={`HSN/SAC of line ${lineIndex + 1}`}
        aria-invalid={invalid}
        data-line={lineIndex}
        data-col="hsn"
        value={text}
        placeholder="code or words"
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          if (/^\d*$/.test(e.target.value.trim())) onChange(e.target.value.trim());
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (!open || entries.length === 0) return;
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(entries.length - 1, a + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            e.stopPropagation();
            const entry = entries[active];
            if (entry) pick(entry);
          } else if (e.key === 'Escape') setOpen(false);
        }}
      />
      {open && entries.length > 0 && (
        <ul className="combo-list" id={listId} role="listbox">
          {entries.map((entry, i) => (
            <li key={entry.code} id={`${listId}-${i}`} role="option" aria-selected={i === active} className={i === active ? 'active' : ''} onMouseDown={(e) => {
                e.preventDefault();
                pick(entry);
              }}>
              <b>{entry.code}</b> {entry.description}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
