/**
 * The state of a hand-written ARIA combobox (HsnInput, ItemInput): suggestions fetched after a
 * pause in typing, the active option, and the keys (arrows move, Enter picks, Escape closes). One
 * sits on every editor line, so it stays a few hooks and no library (docs/ui.md, "Component library").
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';

export interface Combo<T> {
  entries: T[];
  active: number;
  /** Handles a key of the input; true when it was the combobox's (the caller stops there). */
  onKey: (e: React.KeyboardEvent, pick: (entry: T) => void, close: () => void) => boolean;
}

export function useCombo<T>(query: string, open: boolean, search: (q: string) => Promise<T[]>, minChars: number, delayMs = 120): Combo<T> {
  const [entries, setEntries] = useState<T[]>([]);
  const [active, setActive] = useState(0);
  // `search` is a fresh closure each render; the query and the open state are what start one
  const searchRef = useRef(search);
  searchRef.current = search;
  useEffect(() => {
    if (!open || query.trim().length < minChars) {
      setEntries([]);
      return;
    }
    let live = true;
    const t = setTimeout(() => {
      searchRef.current(query).then(
        (found) => live && (setEntries(found), setActive(0)),
        () => live && setEntries([]),
      );
    }, delayMs);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [query, open, minChars, delayMs]);

  const onKey = (e: React.KeyboardEvent, pick: (entry: T) => void, close: () => void): boolean => {
    if (!open || entries.length === 0) return false;
    if (e.key === 'ArrowDown') setActive((a) => Math.min(entries.length - 1, a + 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
    else if (e.key === 'Enter') {
      const entry = entries[active];
      if (entry) pick(entry);
    } else if (e.key === 'Escape') close();
    else return false;
    e.preventDefault();
    e.stopPropagation();
    return true;
  };
  return { entries, active, onKey };
}

/** The ARIA combobox attributes of the input: the list it controls and the option announced. */
export function comboAria(listId: string, shown: boolean, active: number) {
  return {
    role: 'combobox',
    'aria-expanded': shown,
    'aria-controls': listId,
    'aria-autocomplete': 'list' as const,
    'aria-activedescendant': shown ? `${listId}-${active}` : undefined,
  };
}

interface ListProps<T> {
  id: string;
  entries: T[];
  active: number;
  keyOf: (entry: T) => string | number;
  onPick: (entry: T) => void;
  children: (entry: T) => ReactNode;
  className?: string;
  label?: string;
}

/** The suggestions: options with ids for aria-activedescendant; a press picks without taking the focus. */
export function ComboList<T>({ id, entries, active, keyOf, onPick, children, className, label }: ListProps<T>) {
  return (
    <ul className={`combo-list${className ? ` ${className}` : ''}`} id={id} role="listbox" aria-label={label}>
      {entries.map((entry, i) => (
        <li key={keyOf(entry)} id={`${id}-${i}`} role="option" aria-selected={i === active} className={i === active ? 'active' : ''} onMouseDown={(e) => {
            e.preventDefault();
            onPick(entry);
          }}>
          {children(entry)}
        </li>
      ))}
    </ul>
  );
}
