/**
 * Import (issue 14): a sales register (.xlsx, .csv), NIC's bulk layout or INV-01 JSON becomes
 * drafts. Steps: choose (or drop) a file → map columns → preview problems → import → register.
 */
import { useEffect, useRef, useState } from 'react';
import { onEvent } from '../api/client';
import { ProgressBar } from '../components/ProgressBar';
import { useImport } from '../stores/import.store';
import { useNav } from '../stores/nav.store';
import { ImportMapping } from './ImportMapping';
import { ImportPreview } from './ImportPreview';

const STEPS: Array<[string, string]> = [['pick', '1. File'], ['mapping', '2. Mapping'], ['preview', '3. Preview'], ['done', '4. Imported']];
const LABELS: Record<string, string> = { 'import-check': 'Checked', 'import-save': 'Saved' };

function Pick() {
  const s = useImport();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const take = (files: FileList | null) => {
    const f = files?.[0];
    if (f) void s.pickFile(f);
  };
  return (
    <div
      className={over ? 'import-drop over' : 'import-drop'}
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        take(e.dataTransfer.files);
      }}
    >
      <p><b>Drop a sales register here</b>, or</p>
      <button className="primary" onClick={() => input.current?.click()} disabled={Boolean(s.busy)}>Choose a file…</button>
      <input ref={input} type="file" hidden aria-label="File to import" accept=".xlsx,.csv,.txt,.json" onChange={(e) => {
        take(e.target.files);
        e.target.value = '';
      }} />
      <p className="muted">Excel (.xlsx) or CSV from Tally, Busy, Zoho or Excel — one row per item or one row per invoice — NIC's bulk generation layout, or INV-01 JSON. Amounts like 1,23,456.78, dates dd/mm/yyyy or 1-Apr-2025, states by name or code are read as written.</p>
    </div>
  );
}

function Done() {
  const s = useImport();
  const go = useNav((n) => n.go);
  const r = s.result;
  if (!r) return null;
  return (
    <section className="import-done" aria-label="Imported">
      <p className="notice notice-ok" role="status" data-testid="import-result">
        {r.imported.toLocaleString('en-IN')} document{r.imported === 1 ? '' : 's'} imported as drafts
        {r.skipped ? `, ${r.skipped.toLocaleString('en-IN')} not imported` : ''}. {r.parties} new buyer{r.parties === 1 ? '' : 's'} and {r.products} new product{r.products === 1 ? '' : 's'} added to the masters.
      </p>
      <div className="actions">
        <button className="primary" disabled={r.imported === 0 || Boolean(s.busy) || Boolean(s.registered)} onClick={() => void s.registerAll()}>
          Register all imported ({r.imported.toLocaleString('en-IN')})
        </button>
        <button onClick={() => go({ name: 'invoices' })}>Show invoices</button>
        <button onClick={s.reset}>Import another file</button>
      </div>
      {s.registered && (
        <p className={s.registered.failed ? 'notice notice-error' : 'notice notice-ok'} role="status" data-testid="register-result">
          {s.registered.registered} registered{s.registered.failed ? `; ${s.registered.failed} could not be registered now: open them in the invoices list to see why` : ''}.
        </p>
      )}
    </section>
  );
}

export function Import() {
  const s = useImport();
  useEffect(() => {
    void useImport.getState().loadBusinesses();
    return onEvent((e) => {
      if (e.type === 'bulk:progress' && e.job !== 'export') useImport.getState().onProgress(LABELS[e.job] ?? e.job, e.done, e.total);
      if (e.type === 'register:progress') useImport.getState().onProgress('Registered', e.done, e.total);
    });
  }, []);
  return (
    <section className="import-screen">
      <h1>Import invoices</h1>
      <ol className="import-steps" aria-label="Steps">
        {STEPS.map(([key, label]) => <li key={key} className={s.step === key ? 'active' : ''} aria-current={s.step === key ? 'step' : undefined}>{label}</li>)}
      </ol>
      <div className="toolbar">
        {s.businesses.length > 1 && (
          <label className="inline-label">
            Documents of{' '}
            <select aria-label="Business" value={s.businessId ?? ''} disabled={s.step === 'done'} onChange={(e) => s.setBusiness(e.target.value ? Number(e.target.value) : undefined)}>
              {s.businesses.map((b) => <option key={b.id} value={b.id}>{b.tradeName ?? b.legalName} · {b.gstin}</option>)}
              <option value="">each row's seller GSTIN column</option>
            </select>
          </label>
        )}
        {s.fileName && <span className="muted">File: <b>{s.fileName}</b></span>}
        {s.fileName && s.step !== 'done' && <button className="link" onClick={s.reset}>Choose another file</button>}
      </div>
      {s.busy && (
        <p className="import-busy" role="status">
          {s.busy} {s.progress && <ProgressBar label={s.progress.label} done={s.progress.done} total={s.progress.total} />}
        </p>
      )}
      {s.error && <p className="notice notice-error" role="alert">{s.error}</p>}
      {s.step === 'pick' && <Pick />}
      {s.step === 'mapping' && <ImportMapping />}
      {s.step === 'preview' && <ImportPreview />}
      {s.step === 'done' && <Done />}
    </section>
  );
}
