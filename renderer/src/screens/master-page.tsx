/**
 * What the Items and Parties screens share: the search (after a short pause in typing), pages of
 * 100 with "Show more", the row being edited, a delete that asks first, and where the focus goes
 * after each (back to the row, or to the search box).
 */
import { useEffect, useState, type ReactNode } from 'react';
import { ModalDialog } from '../components/ModalDialog';
import { focusWhenReady } from '../focus';

export interface MasterPage<T extends { id: number }> {
  text: string;
  setText: (text: string) => void;
  rows: T[];
  total: number;
  hasMore: boolean;
  more: () => void;
  editing?: number | 'new';
  setEditing: (editing: number | 'new' | undefined) => void;
  message?: string;
  /** A form closed (saved or not): reload, say what happened, and put the focus back. */
  done: (message?: string, rowId?: number) => void;
  remove: (id: number, question: string, call: () => Promise<unknown>) => void;
  confirm?: { question: string; run: () => Promise<void> };
  cancelConfirm: () => void;
}

export function useMasterPage<T extends { id: number }>(load: (text: string, offset: number) => Promise<{ rows: T[]; total: number }>, deps: unknown[]): MasterPage<T> {
  const [text, setText] = useState('');
  const [rows, setRows] = useState<T[]>([]);
  const [total, setTotal] = useState(0);
  const [reload, setReload] = useState(0);
  const [editing, setEditing] = useState<number | 'new'>();
  const [message, setMessage] = useState<string>();
  const [confirm, setConfirm] = useState<{ question: string; run: () => Promise<void> }>();

  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      load(text, 0).then((r) => live && (setRows(r.rows), setTotal(r.total)), () => undefined);
    }, 120);
    return () => {
      live = false;
      clearTimeout(t);
    };
    // the loader closes over `deps` (the business); they and the search decide a reload
  }, [text, reload, ...deps]);

  return {
    text,
    setText: (t) => (setText(t), setMessage(undefined)),
    rows,
    total,
    hasMore: rows.length < total,
    more: () => void load(text, rows.length).then((r) => (setRows((prev) => [...prev, ...r.rows]), setTotal(r.total))),
    editing,
    setEditing: (e) => (setEditing(e), setMessage(undefined)),
    message,
    done: (msg, rowId) => {
      setEditing(undefined);
      setMessage(msg);
      setReload((n) => n + 1);
      focusWhenReady(rowId !== undefined ? `[data-row-id="${rowId}"]` : '.master-bar input[type="search"]');
    },
    remove: (id, question, call) =>
      setConfirm({
        question,
        run: async () => {
          await call();
          setConfirm(undefined);
          setRows((prev) => prev.filter((r) => r.id !== id));
          setTotal((n) => n - 1);
          setMessage('Deleted.');
          focusWhenReady('.master-bar input[type="search"]');
        },
      }),
    confirm,
    cancelConfirm: () => setConfirm(undefined),
  };
}

export function ConfirmDelete<T extends { id: number }>({ page }: { page: MasterPage<T> }) {
  return (
    <ModalDialog isOpen={page.confirm !== undefined} onClose={page.cancelConfirm} testId="confirm-delete" title="Delete?">
      <p>{page.confirm?.question}</p>
      <div className="actions">
        <button type="button" className="secondary" onClick={page.cancelConfirm} autoFocus>Keep it</button>
        <button type="button" className="danger" onClick={() => void page.confirm?.run()}>Delete</button>
      </div>
    </ModalDialog>
  );
}

interface RowProps<T extends { id: number }> {
  page: MasterPage<T>;
  id: number;
  name: string;
  /** What a screen reader says for the row. */
  label: string;
  /** The delete question, and the call that deletes. */
  question: string;
  remove: () => Promise<unknown>;
  children: ReactNode;
}

/** A row reached with Tab, opened for editing with Enter, with Edit and Delete at its end. */
export function MasterRow<T extends { id: number }>({ page, id, name, label, question, remove, children }: RowProps<T>) {
  return (
    <tr
      tabIndex={0}
      data-row-id={id}
      aria-label={label}
      onKeyDown={(e) => {
        if (e.key !== 'Enter' || e.target !== e.currentTarget) return;
        // the form takes the focus at once: without this, the same Enter would submit it
        e.preventDefault();
        page.setEditing(id);
      }}
    >
      {children}
      <td>
        <button className="link" onClick={() => page.setEditing(id)} aria-label={`Edit ${name}`}>Edit</button>{' '}
        <button className="link" onClick={() => page.remove(id, question, remove)} aria-label={`Delete ${name}`}>Delete</button>
      </td>
    </tr>
  );
}

/** Under the table: more rows, and the delete question when one is asked. */
export function MasterFoot<T extends { id: number }>({ page }: { page: MasterPage<T> }) {
  return (
    <>
      {page.hasMore && <button className="secondary" onClick={page.more}>Show more</button>}
      <ConfirmDelete page={page} />
    </>
  );
}
