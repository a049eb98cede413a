/**
 * The editor's foot: totals, the verdict of the checks ("No problems found" only when the shared
 * validator finds none), every problem on screen as a button that takes the focus to its field,
 * where the typed work is kept, and save, discard and register (which asks first: an IRN cannot
 * be taken back).
 */
import type { InvoiceTotals } from '../../../shared/einvoice/compute';
import { formatInr } from '../../../shared/money';
import { hintFor } from '../../../shared/einvoice/hints';
import { ModalDialog } from '../components/ModalDialog';
import { TotalsPanel } from '../components/TotalsPanel';
import { istTime } from '../format';
import { focusField } from '../focus';
import { fieldLabel } from '../stores/editor.fields';
import { useEditor } from '../stores/editor.store';
import type { EditorChecks } from './editor-checks';

function AutosaveNote() {
  const autosave = useEditor((s) => s.autosave);
  const dirty = useEditor((s) => s.dirty);
  const id = useEditor((s) => s.form.id);
  let text = id !== undefined ? 'Saved as a draft.' : 'Nothing typed yet.';
  if (dirty) {
    if (autosave.state === 'saved' && autosave.at) text = `Typed work kept on this computer at ${istTime(autosave.at)}; not yet saved as a draft.`;
    else if (autosave.state === 'failed') text = 'Could not keep the typed work on this computer: save the draft (Ctrl+S).';
    else if (autosave.state === 'saving') text = 'Keeping the typed work…';
    else text = 'Not yet saved as a draft.';
  }
  return <small className="muted autosave-note" aria-live="polite" data-testid="autosave">{text}</small>;
}

export function ProblemList({ checks }: { checks: EditorChecks }) {
  if (checks.visible.length === 0) return null;
  const hidden = checks.all.length - checks.visible.length;
  return (
    <nav className="problem-list" aria-label="Problems to fix">
      <h2>
        Problems to fix{' '}
        <small className="muted">
          (F8 goes to the next one{hidden > 0 ? `; ${hidden} more in fields not filled in yet, which F8 or saving shows` : ''})
        </small>
      </h2>
      <ol>
        {checks.visible.map((p, i) => {
          const hint = hintFor(p.code, p.message);
          return (
            <li key={`${p.field}|${p.code}|${i}`}>
              <button type="button" className="link" onClick={() => focusField(p.field)} data-problem-field={p.field}>
                <span className="code">{p.code}</span> <b>{fieldLabel(p.field)}</b>: {p.message}
              </button>
              {hint && !p.message.includes(hint) && <span className="hint"> — {hint}</span>}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

interface FooterProps {
  totals: InvoiceTotals;
  checks: EditorChecks;
  onRegister: () => void;
  onDiscard: () => void;
}

export function EditorFooter({ totals, checks, onRegister, onDiscard }: FooterProps) {
  const status = useEditor((s) => s.status);
  const dirty = useEditor((s) => s.dirty);
  const save = useEditor((s) => s.save);
  const busy = status !== 'idle';
  const errors = checks.all.length;
  // before anything is on screen, what is missing is not yet a "problem": a blank form is just unfilled
  const verdict = !checks.ready
    ? 'Checking…'
    : errors === 0
      ? 'No problems found'
      : checks.visible.length
        ? `${errors} problem${errors === 1 ? '' : 's'} to fix`
        : `Not ready to register: ${errors} thing${errors === 1 ? '' : 's'} to fill in or fix`;
  // a blank form is not "wrong": the count turns red once a problem is on screen
  const tone = !checks.ready ? 'muted' : errors === 0 ? 'ok-text' : checks.visible.length ? 'error-text' : 'muted';
  return (
    <>
      <ProblemList checks={checks} />
      <div className="editor-foot">
        <TotalsPanel t={totals} />
        <div className="actions">
          <span className={tone} data-testid="problem-count">{verdict}</span>
          <AutosaveNote />
          {dirty && <button className="secondary" disabled={busy} onClick={onDiscard}>Discard changes</button>}
          <button className="secondary" disabled={busy} onClick={() => void save()}>{status === 'saving' ? 'Saving…' : 'Save draft (Ctrl+S)'}</button>
          <button className="primary" aria-haspopup="dialog" disabled={busy || !checks.ready || errors > 0} onClick={onRegister}>{status === 'registering' ? 'Registering…' : 'Register (Ctrl+Enter)'}</button>
        </div>
      </div>
    </>
  );
}

interface RegisterDialogProps {
  open: boolean;
  onClose: () => void;
  onConfirm: () => void;
  totalPaise: number;
}

/** Registering cannot be undone: say so, with what the document becomes, before the IRP is called. */
export function RegisterDialog({ open, onClose, onConfirm, totalPaise }: RegisterDialogProps) {
  const form = useEditor((s) => s.form);
  const busy = useEditor((s) => s.status === 'registering');
  const what = form.docType === 'CRN' ? 'credit note' : form.docType === 'DBN' ? 'debit note' : 'invoice';
  return (
    <ModalDialog isOpen={open} onClose={onClose} busy={busy} testId="register-dialog" title={`Register ${what} ${form.docNo} with the IRP?`}>
      <p>
        {form.buyer.legalName || 'The buyer'} · <b>{formatInr(totalPaise)}</b>. The IRP gives it an IRN and signs it. <b>This cannot be undone:</b> after
        registering, the {what} cannot be edited or deleted and its number cannot be used again this financial year. It can be cancelled only
        within 24 hours (and not while an e-way bill is active); after that, only a credit or debit note corrects it.
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={onConfirm} disabled={busy} autoFocus>{busy ? 'Registering…' : 'Register with the IRP'}</button>
        <button type="button" className="secondary" onClick={onClose} disabled={busy}>Keep editing</button>
      </div>
    </ModalDialog>
  );
}
