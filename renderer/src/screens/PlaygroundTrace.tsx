/**
 * Playground → Trace: run auth, generate, cancel or get against a profile and read every step of
 * NIC's protocol, one column per step (scroll sideways), each value with a copy button.
 */
import { useEffect, useState } from 'react';
import type { TraceOperation } from '../../../shared/ipc/playground.schema';
import { TraceValueView } from '../components/TraceValueView';
import { usePlayground } from '../stores/playground.store';

const OPERATIONS: Array<[TraceOperation, string]> = [['auth', 'Authenticate'], ['generate', 'Generate IRN'], ['cancel', 'Cancel IRN'], ['get', 'Get by IRN']];

export function PlaygroundTrace() {
  const { profiles, trace, tracing, runTrace, sample } = usePlayground();
  const [profileName, setProfileName] = useState('');
  const [operation, setOperation] = useState<TraceOperation>('auth');
  const [invoiceJson, setInvoiceJson] = useState('');
  const [irn, setIrn] = useState('');
  const [appKey, setAppKey] = useState('');

  useEffect(() => {
    if (!profileName && profiles.length > 0) setProfileName((profiles.find((p) => p.kind === 'practice') ?? profiles[0])?.name ?? '');
  }, [profiles, profileName]);
  // an IRN from a generate trace is what cancel and get want next
  useEffect(() => {
    if (trace?.outcome.irn) setIrn(trace.outcome.irn);
  }, [trace]);

  const fillSample = async () => {
    const json = profileName ? await sample(profileName) : undefined;
    if (json) setInvoiceJson(json);
  };
  const run = () => void runTrace({
    profileName, operation,
    ...(operation === 'generate' ? { invoiceJson } : {}),
    ...(operation === 'cancel' || operation === 'get' ? { irn: irn.trim() } : {}),
    ...(appKey.trim() ? { appKey: appKey.trim() } : {}),
  });

  return (
    <section aria-label="Trace an exchange">
      <form className="pg-form" onSubmit={(e) => { e.preventDefault(); run(); }}>
        <label className="field">Profile
          <select value={profileName} onChange={(e) => setProfileName(e.target.value)} aria-label="Profile">
            {profiles.map((p) => <option key={p.name} value={p.name}>{p.name} ({p.kind})</option>)}
          </select>
        </label>
        <label className="field">Exchange
          <select value={operation} onChange={(e) => setOperation(e.target.value as TraceOperation)} aria-label="Exchange">
            {OPERATIONS.map(([op, label]) => <option key={op} value={op}>{label}</option>)}
          </select>
        </label>
        {(operation === 'cancel' || operation === 'get') && (
          <label className="field pg-wide">IRN
            <input value={irn} onChange={(e) => setIrn(e.target.value)} placeholder="64 hexadecimal characters" aria-label="IRN" className="mono" />
          </label>
        )}
        <label className="field pg-wide">AppKey (optional, Base64 of 32 bytes)
          <input value={appKey} onChange={(e) => setAppKey(e.target.value)} placeholder="random when empty" aria-label="AppKey" className="mono" />
        </label>
        <div className="actions">
          <button type="submit" className="primary" disabled={tracing || !profileName}>{tracing ? 'Tracing…' : 'Run trace'}</button>
        </div>
        {operation === 'generate' && (
          <div className="pg-invoice">
            <div className="pg-value-head">
              <label htmlFor="pg-invoice">INV-01 invoice (JSON)</label>
              <button type="button" onClick={() => void fillSample()}>Sample invoice</button>
            </div>
            <textarea id="pg-invoice" className="mono" rows={10} value={invoiceJson} onChange={(e) => setInvoiceJson(e.target.value)} />
          </div>
        )}
      </form>
      {trace && (
        <>
          <p className={`notice ${trace.outcome.ok ? 'notice-ok' : 'notice-error'}`} role="status" data-testid="trace-outcome">
            {trace.outcome.ok ? 'OK' : `Failed [${trace.outcome.code ?? ''}]`}: {trace.outcome.message}
          </p>
          <p className={trace.revealed ? 'pg-reveal' : 'pg-reveal pg-masked-note'} data-testid="trace-reveal">{trace.revealNote}</p>
          <div className="pg-steps" data-testid="trace-steps">
            {trace.steps.map((s) => (
              <article key={s.id} className={s.ok ? 'pg-step' : 'pg-step pg-step-failed'} data-step={s.id}>
                <h3>{s.title}</h3>
                <p className="muted pg-explain">{s.explain}</p>
                {s.values.map((v) => <TraceValueView key={v.label} v={v} />)}
              </article>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
