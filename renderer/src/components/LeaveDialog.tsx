/**
 * Asked when a move would put another document into the editor while this one has unsaved changes
 * (stores/leave-guard.ts): save the draft, discard the changes, or go back to them. Nothing else
 * replaces a document with unsaved changes.
 */
import { useState } from 'react';
import { useEditor } from '../stores/editor.store';
import { installLeaveGuard, proceed, stay, useLeave } from '../stores/leave-guard';
import { ModalDialog } from './ModalDialog';

installLeaveGuard();

export function LeaveDialog() {
  const pending = useLeave((s) => s.pending);
  const form = useEditor((s) => s.form);
  const message = useEditor((s) => s.message);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const name = form.docNo || (form.buyer.legalName ? `for ${form.buyer.legalName}` : '(no number yet)');
  const save = async () => {
    setBusy(true);
    const id = await useEditor.getState().save();
    setBusy(false);
    setFailed(id === undefined);
    if (id !== undefined) proceed();
  };
  const discard = async () => {
    setBusy(true);
    await useEditor.getState().discard();
    setBusy(false);
    proceed();
  };
  return (
    <ModalDialog isOpen={pending !== undefined} onClose={() => (setFailed(false), stay())} busy={busy} testId="leave-dialog" title={`The document ${name} has unsaved changes`}>
      <p>Save them as a draft, or discard them, before another document opens in the editor.</p>
      {failed && message?.kind === 'error' && <p className="notice notice-error" role="alert">Not saved: {message.text} Go back to fix it, or discard the changes.</p>}
      <div className="actions">
        <button type="button" className="primary" onClick={() => void save()} disabled={busy} autoFocus>Save draft</button>
        <button type="button" className="danger" onClick={() => void discard()} disabled={busy}>Discard changes</button>
        <button type="button" className="secondary" onClick={() => (setFailed(false), stay())} disabled={busy}>Go back to it</button>
      </div>
    </ModalDialog>
  );
}
