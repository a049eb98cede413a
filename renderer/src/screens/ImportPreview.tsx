/**
 * The preview: what the file holds (documents, lines; valid, with problems, already in the ledger)
 * and every problem at its row and column with the IRP's code, before anything is saved. Errors
 * first; warnings (a totals row skipped, an amount within the IRP's tolerance) can be shown too.
 */
import { useState } from 'react';
import { hintFor } from '../../../shared/einvoice/hints';
import { formatInr } from '../../../shared/money';
import { useImport } from '../stores/import.store';

const SHOWN = 300;

export function ImportPreview() {
  const s = useImport();
  const [warnings, setWarnings] = useState(false);
  const p = s.preview;
  if (!p) return null;
  const problems = p.problems.filter((x) => warnings || x.severity === 'error');
  return (
    <section className="import-preview" aria-label="Preview">
      <dl className="facts import-counts" data-testid="preview-counts">
        <dt>Documents found</dt><dd>{p.documents.toLocaleString('en-IN')} ({p.lines.toLocaleString('en-IN')} lines)</dd>
        <dt>Ready to import</dt><dd className="ok-text">{p.valid.toLocaleString('en-IN')}</dd>
        <dt>With problems</dt><dd className={p.withErrors ? 'error-text' : ''}>{p.withErrors.toLocaleString('en-IN')}</dd>
        <dt>Already in the ledger</dt><dd className={p.duplicates ? 'warn' : ''}>{p.duplicates.toLocaleString('en-IN')}</dd>
      </dl>
      <h2>
        Problems ({p.errors.toLocaleString('en-IN')} error{p.errors === 1 ? '' : 's'}, {p.warnings.toLocaleString('en-IN')} warning{p.warnings === 1 ? '' : 's'})
        <label className="inline-label muted"><input type="checkbox" checked={warnings} onChange={(e) => setWarnings(e.target.checked)} /> show warnings</label>
      </h2>
      {problems.length === 0 ? (
        <p className="ok-text" data-testid="no-problems">No problems: every document can be imported.</p>
      ) : (
        <table className="plain import-problems" data-testid="problems-table">
          <thead><tr><th className="num">Row</th><th>Column</th><th>Code</th><th>Document</th><th>What to fix</th></tr></thead>
          <tbody>
            {problems.slice(0, SHOWN).map((x, i) => (
              <tr key={i} className={x.severity === 'error' ? 'problem-error' : 'problem-warning'}>
                <td className="num">{x.row}</td>
                <td>{x.column || '—'}</td>
                <td><span className={x.severity === 'error' ? 'code code-error' : 'code code-warning'}>{x.code}</span></td>
                <td className="mono">{x.docNo ?? ''}</td>
                <td>{x.message}{hintFor(x.code) ? <em className="muted"> {hintFor(x.code)}</em> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {problems.length > SHOWN && <p className="muted">…and {(problems.length - SHOWN).toLocaleString('en-IN')} more. Fix these in the file and choose it again.</p>}
      <h2>Documents</h2>
      <table className="plain import-docs" data-testid="docs-table">
        <thead><tr><th className="num">Row</th><th>Number</th><th>Date</th><th>Buyer</th><th className="num">Lines</th><th className="num">Total</th><th>Status</th></tr></thead>
        <tbody>
          {p.docs.slice(0, SHOWN).map((d) => (
            <tr key={`${d.row}-${d.docNo}`}>
              <td className="num">{d.row}</td>
              <td className="mono">{d.docType !== 'INV' ? `${d.docType} ` : ''}{d.docNo}</td>
              <td>{d.docDate}</td>
              <td className="ellipsis">{d.buyerName} <small className="muted">{d.buyerGstin}</small></td>
              <td className="num">{d.lines}</td>
              <td className="num">{formatInr(d.totalPaise)}</td>
              <td><span className={`chip ${d.status === 'ok' ? 'chip-registered' : d.status === 'duplicate' ? 'chip-queued' : 'chip-rejected'}`}>{d.status === 'ok' ? 'ready' : d.status === 'duplicate' ? 'already in ledger' : 'has problems'}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions import-actions">
        {s.analysis?.kind !== 'json' && <button onClick={s.backToMapping} disabled={Boolean(s.busy)}>Back to mapping</button>}
        <button className="primary" disabled={p.valid === 0 || Boolean(s.busy)} onClick={() => void s.importNow()}>
          Import {p.valid.toLocaleString('en-IN')} valid document{p.valid === 1 ? '' : 's'}
        </button>
        {p.valid < p.documents && <span className="muted">The others are not imported; fix them in the file and import it again (documents already imported are recognised).</span>}
      </div>
    </section>
  );
}
