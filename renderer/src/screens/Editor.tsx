/**
 * The invoice editor: keyboard-first (Tab order follows the paper invoice; Enter on the last GST
 * rate adds a line; Alt+N adds a line, Ctrl+S saves, Ctrl+Enter registers), live totals and every
 * rule violation at its field with the IRP code and a hint.
 */
import { useEffect, useMemo, useState } from 'react';
import { buildPayload, computeTotals } from '../../../shared/einvoice/compute';
import { validateInvoice } from '../../../shared/einvoice/validate';
import { STATES } from '../../../shared/gst/states';
import { PlacesGroup } from '../components/AddressBlock';
import { BuyerGstinInput, BuyerNameInput } from '../components/BuyerInputs';
import { Field, Problems, type Problem } from '../components/Field';
import { OriginalInvoice } from '../components/OriginalInvoice';
import { TotalsPanel } from '../components/TotalsPanel';
import { fieldOf, toDraft } from '../stores/editor.model';
import { useEditor } from '../stores/editor.store';
import { useApp } from '../stores/app.store';
import { useNav } from '../stores/nav.store';
import { SUPPLY_TYPE_LABELS } from '../supply-types';
import { EditorLines } from './EditorLines';

const STATE_OPTIONS = Object.entries(STATES).sort((a, b) => a[1].localeCompare(b[1]));

export function Editor({ id }: { id?: number }) {
  const ed = useEditor();
  const info = useApp((a) => a.info);
  const go = useNav((n) => n.go);
  const { form, businesses } = ed;
  const update = useEditor((s) => s.update);

  useEffect(() => {
    if (info) void useEditor.getState().open(id, info.today);
  }, [id, info]);

  // unsaved changes hold the window open: closing it, reloading, or an update's restart asks first
  useEffect(() => {
    const guard = (ev: BeforeUnloadEvent) => {
      if (!useEditor.getState().dirty) return;
      ev.preventDefault();
      ev.returnValue = '';
    };
    window.addEventListener('beforeunload', guard);
    return () => window.removeEventListener('beforeunload', guard);
  }, []);

  const business = businesses.find((b) => b.id === form.businessId);
  const { draft, problems: formatProblems } = useMemo(() => toDraft(form, business), [form, business]);
  const totals = useMemo(() => computeTotals(draft), [draft]);
  // Rule checks (schema + rules over every line) wait for a pause in typing; totals cannot.
  const deferredDraft = useSettled(draft, 150);
  const report = useMemo(
    () => (info ? validateInvoice(buildPayload(deferredDraft), { profile: info.practice ? 'sandbox' : 'production', today: info.today, ...(business?.aatoCrore !== undefined ? { seller: { aatoCrore: business.aatoCrore } } : {}) }) : undefined),
    [deferredDraft, info, business],
  );

  const byField = useMemo(() => {
    const map = new Map<string, Problem[]>();
    const add = (field: string, p: Problem) => map.set(field, [...(map.get(field) ?? []), p]);
    const seen = new Set<string>();
    for (const v of report?.errors ?? []) {
      seen.add(`${v.code}|${v.path}`);
      add(fieldOf(v.path), { code: v.code, message: v.message });
    }
    // What only the core can check (the HSN master, the IRP's own answer) until the next edit.
    if (!ed.dirty) for (const v of ed.serverErrors) if (!seen.has(`${v.code}|${v.path}`)) add(fieldOf(v.path), { code: v.code, message: v.message });
    for (const p of formatProblems) add(p.field, { code: 'FORMAT', message: p.message });
    return map;
  }, [report, ed.serverErrors, ed.dirty, formatProblems]);
  // Warnings do not block registration; they show in the sections where a person can act on them
  // (ship-to state vs place of supply, a note without its original invoice, ...).
  const warnByField = useMemo(() => {
    const m = new Map<string, Problem[]>();
    for (const v of report?.warnings ?? []) {
      const field = fieldOf(v.path);
      if (/^(shipTo|dispatch|original)\b/.test(field)) m.set(field, [...(m.get(field) ?? []), { code: v.code, message: v.message }]);
    }
    return m;
  }, [report]);
  const problems = (field: string) => map(byField, field);
  const warnings = (field: string) => map(warnByField, field);
  const general = problems('') ?? [];
  const errorCount = [...byField.values()].reduce((n, l) => n + l.length, 0);

  const register = async () => {
    const done = await ed.register();
    if (done !== undefined) go({ name: 'detail', id: done });
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const mod = e.ctrlKey || e.metaKey;
    const action = mod && e.key.toLowerCase() === 's' ? () => void ed.save() : mod && e.key === 'Enter' ? () => void register() : e.altKey && e.key.toLowerCase() === 'n' ? ed.addLine : undefined;
    if (action) {
      e.preventDefault();
      action();
    }
  };

  const buyer = (key: keyof typeof form.buyer, value: string) => update((f) => ({ ...f, buyer: { ...f.buyer, [key]: value } }));
  const busy = ed.status !== 'idle';

  return (
    <section className="editor" onKeyDown={onKeyDown}>
      <div className="editor-head">
        <h1>{form.id ? `Invoice ${form.docNo || form.id}` : 'New invoice'}</h1>
        <p className="shortcuts" aria-label="Keyboard shortcuts">
          <kbd>Tab</kbd> next field · <kbd>Enter</kbd> on the last GST rate or <kbd>Alt</kbd>+<kbd>N</kbd> new line · <kbd>Ctrl</kbd>+<kbd>S</kbd> save draft · <kbd>Ctrl</kbd>+<kbd>Enter</kbd> register
        </p>
      </div>
      {ed.message && <div className={`notice notice-${ed.message.kind}`} role="status">{ed.message.text}</div>}
      <Problems problems={general} />

      <fieldset className="group">
        <legend>Document</legend>
        <Field label="Business (seller)" problems={problems('business')}>
          <select value={form.businessId ?? ''} onChange={(e) => update((f) => ({ ...f, businessId: Number(e.target.value) }))} autoFocus>
            {businesses.map((b) => <option key={b.id} value={b.id}>{b.tradeName ?? b.legalName} · {b.gstin}</option>)}
          </select>
        </Field>
        <Field label="Type" problems={problems('docType')}>
          <select value={form.docType} onChange={(e) => update((f) => ({ ...f, docType: e.target.value as typeof f.docType }))}>
            <option value="INV">Tax invoice</option>
            <option value="CRN">Credit note</option>
            <option value="DBN">Debit note</option>
          </select>
        </Field>
        <Field label="Number" problems={problems('docNo')}>
          <input value={form.docNo} maxLength={16} onChange={(e) => update((f) => ({ ...f, docNo: e.target.value }))} placeholder="e.g. ST/26-27/0001" />
        </Field>
        <Field label="Date (dd/mm/yyyy)" problems={problems('docDate')}>
          <input value={form.docDate} maxLength={10} onChange={(e) => update((f) => ({ ...f, docDate: e.target.value }))} />
        </Field>
        <Field label="Supply type" problems={problems('supplyType')}>
          <select value={form.supplyType} onChange={(e) => update((f) => ({ ...f, supplyType: e.target.value as typeof f.supplyType }))}>
            {Object.entries(SUPPLY_TYPE_LABELS).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </select>
        </Field>
        <Field label="Reverse charge" problems={problems('reverseCharge')}>
          <input type="checkbox" checked={form.reverseCharge} onChange={(e) => update((f) => ({ ...f, reverseCharge: e.target.checked }))} />
        </Field>
      </fieldset>

      <fieldset className="group">
        <legend>Buyer</legend>
        <Field label="GSTIN" problems={problems('buyer.gstin')}>
          <BuyerGstinInput />
        </Field>
        <Field label="Legal name" problems={problems('buyer.legalName')} wide>
          <BuyerNameInput />
        </Field>
        <Field label="Address" problems={problems('buyer.address1')} wide>
          <input value={form.buyer.address1} onChange={(e) => buyer('address1', e.target.value)} />
        </Field>
        <Field label="City" problems={problems('buyer.location')}>
          <input value={form.buyer.location} onChange={(e) => buyer('location', e.target.value)} />
        </Field>
        <Field label="PIN" problems={problems('buyer.pin')}>
          <input value={form.buyer.pin} inputMode="numeric" maxLength={6} onChange={(e) => buyer('pin', e.target.value)} />
        </Field>
        <Field label="State" problems={problems('buyer.state')}>
          <select value={form.buyer.state} onChange={(e) => update((f) => ({ ...f, buyer: { ...f.buyer, state: e.target.value, pos: followState(f.buyer, e.target.value) } }))}>
            <option value="">—</option>
            {STATE_OPTIONS.map(([code, name]) => <option key={code} value={code}>{code} {name}</option>)}
          </select>
        </Field>
        <Field label="Place of supply" problems={problems('buyer.pos')}>
          <select value={form.buyer.pos} onChange={(e) => buyer('pos', e.target.value)}>
            <option value="">—</option>
            {STATE_OPTIONS.map(([code, name]) => <option key={code} value={code}>{code} {name}</option>)}
          </select>
        </Field>
      </fieldset>

      <PlacesGroup problems={problems} warnings={warnings} />
      <OriginalInvoice problems={problems} warnings={warnings} />

      <fieldset className="group lines-group">
        <legend>Lines</legend>
        <EditorLines lines={form.lines} totals={totals.lines} problems={problems} />
        <button className="secondary" onClick={() => ed.addLine()}>Add line (Alt+N)</button>
      </fieldset>

      <div className="editor-foot">
        <TotalsPanel t={totals} />
        <div className="actions">
          <span className={errorCount ? 'error-text' : 'ok-text'} data-testid="problem-count">
            {errorCount ? `${errorCount} problem${errorCount === 1 ? '' : 's'} to fix` : 'No problems found'}
          </span>
          <button className="secondary" disabled={busy} onClick={() => void ed.save()}>{ed.status === 'saving' ? 'Saving…' : 'Save draft (Ctrl+S)'}</button>
          <button className="primary" disabled={busy || errorCount > 0} onClick={() => void register()}>{ed.status === 'registering' ? 'Registering…' : 'Register (Ctrl+Enter)'}</button>
        </div>
      </div>
    </section>
  );
}

function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/** The place of supply follows the buyer's state until someone sets it to something else. */
function followState(buyer: { state: string; pos: string }, state: string): string {
  return buyer.pos === '' || buyer.pos === buyer.state ? state : buyer.pos;
}

function map(m: Map<string, Problem[]>, key: string): Problem[] | undefined {
  return m.get(key);
}
