/**
 * Playground → Scenarios: NIC's onboarding tests, each runnable with one click (or all at once) on
 * a fresh practice IRP, with the exact requests, the IRP's answers and what the client did; then
 * the Test Summary Report as PDF or Excel.
 */
import { useState } from 'react';
import type { ScenarioResult } from '../../../shared/ipc/playground.schema';
import { usePlayground } from '../stores/playground.store';

function download(fileName: string, base64: string, type: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function Exchanges({ r }: { r: ScenarioResult }) {
  return (
    <details className="pg-exchanges">
      <summary>{r.exchanges.length} exchange{r.exchanges.length === 1 ? '' : 's'} with the IRP</summary>
      {r.exchanges.map((x, i) => (
        <div key={i} className="pg-exchange">
          <p><b>{x.label}</b> <span className="mono">{x.request.method} {x.request.url}</span></p>
          <pre className="pg-pre mono">{JSON.stringify(x.request.headers, null, 1)}</pre>
          {x.request.plainBody && <><small className="muted">JSON before encryption</small><pre className="pg-pre mono">{x.request.plainBody}</pre></>}
          {x.request.body && <><small className="muted">Body sent</small><pre className="pg-pre mono">{x.request.body}</pre></>}
          {x.response && <><small className="muted">Answer: HTTP {x.response.status}</small><pre className="pg-pre mono">{x.response.body}</pre></>}
          {x.response?.plainData && <><small className="muted">Data decrypted</small><pre className="pg-pre mono">{x.response.plainData}</pre></>}
        </div>
      ))}
    </details>
  );
}

export function PlaygroundScenarios() {
  const { scenarios, results, running, runScenarios, report, runId } = usePlayground();
  const [note, setNote] = useState<string>();
  const byId = new Map(results.map((r) => [r.id, r]));
  const passed = results.filter((r) => r.pass).length;
  const get = async (format: 'pdf' | 'xlsx') => {
    const r = await report(format);
    if (!r) return;
    download(r.fileName, r.base64, format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    setNote(`${r.fileName}: ${r.passed} passed, ${r.failed} failed`);
  };

  return (
    <section aria-label="Scenarios">
      <div className="toolbar">
        <button className="primary" disabled={running !== undefined} onClick={() => void runScenarios(scenarios.map((s) => s.id))}>Run all {scenarios.length} scenarios</button>
        {running && <span role="status" data-testid="scenario-progress">Running {running.done + 1} of {running.total}…</span>}
        {!running && results.length > 0 && <span data-testid="scenario-summary" className={passed === results.length ? 'ok-text' : 'error-text'}>{passed} of {results.length} passed</span>}
        {!running && runId && (
          <>
            <button onClick={() => void get('pdf')}>Download report (PDF)</button>
            <button onClick={() => void get('xlsx')}>Download report (Excel)</button>
          </>
        )}
        {note && <small className="muted" role="status">{note}</small>}
      </div>
      <p className="muted">Each scenario runs on a fresh practice IRP started for it (its clock is moved for the 24-hour and token-expiry cases), so your own practice invoices are never touched.</p>
      <table className="plain pg-scenarios">
        <thead><tr><th>API</th><th>Scenario</th><th>Expected (NIC)</th><th>Result</th><th /></tr></thead>
        <tbody>
          {scenarios.map((s) => {
            const r = byId.get(s.id);
            return (
              <tr key={s.id} data-scenario={s.id}>
                <td>{s.api}</td>
                <td>{s.title}</td>
                <td><small>{s.expected}</small><br /><small className="muted">{s.spec}</small></td>
                <td>
                  {r ? (
                    <>
                      <b className={r.pass ? 'ok-text' : 'error-text'}>{r.pass ? 'PASS' : 'FAIL'}</b> <small>{r.actual}</small>
                      <br /><small className="muted">Client: {r.clientAction}</small>
                      <Exchanges r={r} />
                    </>
                  ) : <span className="muted">—</span>}
                </td>
                <td><button disabled={running !== undefined} onClick={() => void runScenarios([s.id])} aria-label={`Run ${s.title}`}>Run</button></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
