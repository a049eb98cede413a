/**
 * The invoice editor: keyboard-first (Tab order follows the paper invoice; Enter on the last GST
 * rate adds a line; Alt+N adds a line, Ctrl+Delete removes the current one, Ctrl+S saves, Ctrl+Enter
 * asks to register, F8 / Shift+F8 go to the next / previous problem), live totals, and every
 * problem at its field with the IRP code and a hint, once the field was touched or a save tried.
 * What is typed is kept as it is typed (editor.autosave.ts) and survives leaving the screen.
 */
import { useEffect, useMemo, useState } from 'react';
import { computeTotals } from '../../../shared/einvoice/compute';
import { PlacesGroup } from '../components/AddressBlock';
import { Problems } from '../components/Field';
import { ModalDialog } from '../components/ModalDialog';
import { OriginalInvoice } from '../components/OriginalInvoice';
import { installAutosave } from '../stores/editor.autosave';
import { focusField, focusWhenReady } from '../focus';
import { installNumbering } from '../stores/editor.number';
import { fieldOf } from '../stores/editor.model';
import { useEditor } from '../stores/editor.store';
import { useApp } from '../stores/app.store';
import { useNav, type EditorSource } from '../stores/nav.store';
import { useEditorChecks } from './editor-checks';
import { BuyerGroup, DocumentGroup } from './EditorDocument';
import { EditorFooter, RegisterDialog } from './EditorFooter';
import { EditorLines } from './EditorLines';

installAutosave();
installNumbering();

interface Props {
  id?: number;
  from?: EditorSource;
  recover?: string;
  fresh?: boolean;
}

export function Editor({ id, from, recover, fresh }: Props) {
  const ed = useEditor();
  const info = useApp((a) => a.info);
  const go = useNav((n) => n.go);
  const { form, businesses } = ed;
  const [confirming, setConfirming] = useState(false);
  // every move to the editor counts ("New invoice" pressed again after a save starts a new one)
  const moves = useNav((n) => n.moves);

  useEffect(() => {
    if (info) void useEditor.getState().open({ ...(id !== undefined ? { id } : {}), ...(from ? { from } : {}), ...(recover ? { recover } : {}), ...(fresh ? { fresh } : {}) }, info.today);
  }, [id, from, recover, fresh, info, moves]);

  const business = businesses.find((b) => b.id === form.businessId);
  const checks = useEditorChecks(business);
  const totals = useMemo(() => computeTotals(checks.draft), [checks.draft]);
  const general = checks.problems('') ?? [];

  /** Shows every problem and takes the focus to the first (or the next after the focused field). */
  const toProblem = (step: 1 | -1 = 1) => {
    ed.revealAll();
    const fields = [...new Set(checks.all.map((p) => p.field))].filter((f) => f !== '');
    if (fields.length === 0) return false;
    const here = (document.activeElement as HTMLElement | null)?.dataset.field;
    const at = here === undefined ? -1 : fields.indexOf(here);
    const order = step === 1 ? [...fields.slice(at + 1), ...fields.slice(0, at + 1)] : [...fields.slice(0, Math.max(at, 0)).reverse(), ...fields.slice(Math.max(at, 0)).reverse()];
    // a closed block's field cannot take the focus: the next one that can does
    return order.some((f) => focusField(f));
  };

  const askToRegister = () => {
    if (!checks.ready || ed.status !== 'idle') return;
    if (checks.all.length > 0) {
      toProblem();
      return;
    }
    setConfirming(true);
  };

  const register = async () => {
    const done = await ed.register();
    setConfirming(false);
    if (done !== undefined) {
      go({ name: 'detail', id: done });
      // on the registered document: its title first, then Tab reaches print and the rest
      focusWhenReady('.detail h1');
    } else {
      // refused: to the first refusal's field, once the dialog has given the focus back
      const first = useEditor.getState().serverErrors[0];
      if (first) requestAnimationFrame(() => requestAnimationFrame(() => focusField(fieldOf(first.path))));
    }
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const mod = e.ctrlKey || e.metaKey;
    const line = Number((e.target as HTMLElement).dataset.line ?? NaN);
    let action: (() => void) | undefined;
    if (mod && e.key.toLowerCase() === 's') action = () => void ed.save().then((saved) => saved === undefined || useEditor.getState().serverErrors.length === 0 || toProblem());
    else if (mod && e.key === 'Enter') action = askToRegister;
    else if (e.altKey && e.key.toLowerCase() === 'n') action = ed.addLine;
    else if (e.key === 'F8') action = () => void toProblem(e.shiftKey ? -1 : 1);
    else if (mod && e.key === 'Delete' && Number.isInteger(line) && form.lines.length > 1) {
      action = () => {
        ed.removeLine(line);
        // the focus stays at the same place in the table: the line that moved up, or the new last one
        const next = Math.min(line, form.lines.length - 2);
        requestAnimationFrame(() => focusField(`lines.${next}.description`));
      };
    }
    if (action) {
      e.preventDefault();
      action();
    }
  };

  // a field is touched once it was changed or left: its problems show from then on
  const touch = (e: React.SyntheticEvent) => {
    const field = (e.target as HTMLElement).dataset.field;
    if (field) ed.touch(field);
  };

  const [discarding, setDiscarding] = useState(false);

  return (
    <section className="editor" onKeyDown={onKeyDown} onBlurCapture={touch} onChangeCapture={touch}>
      <div className="editor-head">
        <h1>{form.id ? `${form.docType === 'INV' ? 'Invoice' : form.docType === 'CRN' ? 'Credit note' : 'Debit note'} ${form.docNo || form.id}` : form.docType === 'INV' ? 'New invoice' : form.docType === 'CRN' ? 'New credit note' : 'New debit note'}</h1>
        <p className="shortcuts" aria-label="Keyboard shortcuts">
          <kbd>Tab</kbd> next field · <kbd>Enter</kbd> on the last GST rate or <kbd>Alt</kbd>+<kbd>N</kbd> new line · <kbd>Ctrl</kbd>+<kbd>S</kbd> save draft · <kbd>Ctrl</kbd>+<kbd>Enter</kbd> register · <kbd>F8</kbd> next problem · <kbd>F1</kbd> all keys
        </p>
      </div>
      {ed.message && <div className={`notice notice-${ed.message.kind}`} role="status">{ed.message.text}</div>}
      {checks.setup && checks.setup.aatoCrore === undefined && business && (
        <div className="notice notice-warn" data-testid="turnover-unknown">
          The turnover band of {business.tradeName ?? business.legalName} is not set. The IRP decides by it whether 4-digit HSN codes and
          invoices older than 30 days are accepted, so those are held back here until you say.{' '}
          <button className="link" onClick={() => go({ name: 'settings', businessId: business.id })}>Set the turnover band</button>
        </div>
      )}
      <Problems problems={general} />

      <DocumentGroup problems={checks.problems} warnings={checks.warnings} />
      <BuyerGroup problems={checks.problems} warnings={checks.warnings} />
      <PlacesGroup problems={checks.problems} warnings={checks.warnings} />
      <OriginalInvoice problems={checks.problems} warnings={checks.warnings} />

      <fieldset className="group lines-group">
        <legend>Lines</legend>
        <EditorLines lines={form.lines} totals={totals.lines} problems={checks.problems} warnings={checks.warnings} />
        <button className="secondary" onClick={() => ed.addLine()}>Add line (Alt+N)</button>
      </fieldset>

      <EditorFooter totals={totals} checks={checks} onRegister={askToRegister} onDiscard={() => setDiscarding(true)} />
      <RegisterDialog open={confirming} onClose={() => setConfirming(false)} onConfirm={() => void register()} totalPaise={totals.totalPaise} />
      <ModalDialog isOpen={discarding} onClose={() => setDiscarding(false)} testId="discard-dialog" title="Discard the changes?">
        <p>What was typed since the document was last saved as a draft is lost{form.id === undefined ? ' (this document was never saved: all of it)' : ''}.</p>
        <div className="actions">
          <button type="button" className="secondary" onClick={() => setDiscarding(false)} autoFocus>Keep the changes</button>
          <button type="button" className="danger" onClick={() => void ed.discard().then(() => (setDiscarding(false), focusWhenReady('[data-field="docNo"]')))}>Discard changes</button>
        </div>
      </ModalDialog>
    </section>
  );
}
