/**
 * Portal: the road for a business without API access (docs/portal.md). Tick drafts, "Prepare
 * portal upload" downloads the bulk-upload file(s) and says what to do on the portal; "Import
 * portal results" reads the file the portal gives back and shows, per row, what was recorded and
 * what was not, and why.
 */
import { useEffect, useRef } from 'react';
import { onEvent } from '../api/client';
import { StatusChip } from '../components/StatusChip';
import { useNav } from '../stores/nav.store';
import { usePortal, type PortalExport, type PortalImport } from '../stores/portal.store';
import { formatInr } from '../../../shared/money';
import { formatDocDate } from '../../../shared/dates';
import './portal.css';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-IN')} ${n === 1 ? one : many}`;
const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('en-IN')} KB`;

function download(fileName: string, text: string): string {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  return url;
}

function Drafts() {
  const s = usePortal();
  if (s.drafts.length === 0) return <p className="muted" data-testid="portal-no-drafts">{s.loading ? 'Loading drafts…' : 'No drafts to upload. Save invoices as drafts first (New invoice → Save draft).'}</p>;
  return (
    <table className="plain portal-drafts" data-testid="portal-drafts">
      <thead>
        <tr>
          <th><input type="checkbox" aria-label="Select all drafts" checked={s.allSelected || (s.selected.size > 0 && s.selected.size === s.drafts.length)} onChange={() => s.toggleAll()} /></th>
          <th>Number</th><th>Date</th><th>Buyer</th><th className="num">Total</th><th>Status</th>
        </tr>
      </thead>
      <tbody>
        {s.drafts.map((d) => (
          <tr key={d.id}>
            <td><input type="checkbox" aria-label={`Select ${d.docNo ?? `draft ${d.id}`}`} checked={s.selected.has(d.id)} onChange={() => s.toggle(d.id)} /></td>
            <td className="mono">{d.docType !== 'INV' ? `${d.docType} ` : ''}{d.docNo ?? '(no number)'}</td>
            <td>{formatDocDate(d.docDate)}</td>
            <td className="ellipsis">{d.buyerName ?? '—'} <small className="muted">{d.buyerGstin}</small></td>
            <td className="num">{formatInr(d.totalPaise)}</td>
            <td><StatusChip status={d.status} /></td>
          </tr>
        ))}
      </tbody>
      {s.more && <caption className="portal-caption">Showing the first {plural(s.drafts.length, 'draft')}; “Select all” prepares every draft of this business.</caption>}
    </table>
  );
}

function Prepared({ x, urls }: { x: PortalExport; urls: Map<string, string> }) {
  const count = x.files.reduce((n, f) => n + f.docNos.length, 0);
  return (
    <div className="portal-result" data-testid="portal-prepared" role="status">
      {x.files.length > 0 ? (
        <p>
          <strong>{plural(count, 'invoice')} prepared in {plural(x.files.length, 'file')}</strong>
          {x.splitReasons.length > 0 && <> (split because {x.splitReasons.join(', and ')})</>}. {x.files.length > 1 ? 'Each file was downloaded; upload them one by one.' : 'The file was downloaded.'}
        </p>
      ) : <p className="error-text"><strong>No file was prepared.</strong></p>}
      {x.files.length > 0 && (
        <ul className="portal-files">
          {x.files.map((f) => (
            <li key={f.fileName}>
              <a href={urls.get(f.fileName)} download={f.fileName} className="mono">{f.fileName}</a> · {plural(f.docNos.length, 'invoice')} · {kb(f.bytes)} · GSTIN {f.sellerGstin}
            </li>
          ))}
        </ul>
      )}
      {(x.refused.length > 0 || x.problems.length > 0) && (
        <div data-testid="portal-refused">
          <p className="error-text">Not in the file{x.refused.length + x.problems.length === 1 ? '' : 's'} (the IRP would refuse {x.refused.length === 1 ? 'it' : 'them'}; correct and prepare again):</p>
          <ul className="problems">
            {x.refused.map((r) => (
              <li key={r.invoiceId}><span className="mono">{r.docNo || `#${r.invoiceId}`}</span>: {r.errors.map((e, i) => <span key={i}><span className="code">{e.code}</span> {e.message} </span>)}</li>
            ))}
            {x.problems.map((p) => <li key={p.ref}><span className="code">{p.code}</span> {p.message}</li>)}
          </ul>
        </div>
      )}
      {x.files.length > 0 && (
        <>
          <h3>What to do next</h3>
          <ol className="portal-steps">
            <li>Log in to the e-invoice portal (einvoice1.gst.gov.in) with your portal username and password (your e-way bill login works).</li>
            <li>Open <strong>e-Invoice → Bulk Upload</strong>, choose {x.files.length > 1 ? 'a file' : 'the file'} and upload it{x.files.length > 1 ? '; repeat for each file' : ''}.</li>
            <li>When the portal has processed it, download the results. Take the <strong>JSON</strong> download if there is one: it carries the signed QR codes your printed invoices need.</li>
            <li>Come back here and press <strong>Import portal results</strong> with that file.</li>
          </ol>
          {x.practicePortalUrl && (
            <p className="notice portal-practice" data-testid="portal-practice-link">
              Practising? Upload on the practice portal instead: <a href={x.practicePortalUrl} target="_blank" rel="noreferrer">{x.practicePortalUrl}</a> (it stands in for the real portal on this computer).
            </p>
          )}
        </>
      )}
    </div>
  );
}

const OUTCOME_LABEL: Record<PortalImport['rows'][number]['outcome'], string> = {
  recorded: 'Recorded', 'already-recorded': 'Already recorded', unknown: 'Unknown document', flagged: 'Flagged, not recorded', rejected: 'Rejected by the portal',
};

function Imported({ r }: { r: PortalImport }) {
  const go = useNav((n) => n.go);
  const clean = r.unknown + r.flagged + r.rejected === 0;
  return (
    <div className="portal-result" data-testid="portal-imported" role="status">
      <p className={clean ? 'ok-text' : 'warn'}>
        <strong>{r.file}</strong>: {plural(r.recorded, 'invoice')} recorded as registered, {r.alreadyRecorded} already recorded, {r.unknown} unknown, {r.flagged} flagged, {r.rejected} rejected.
      </p>
      <table className="plain portal-rows">
        <thead><tr><th>Result</th><th>Document</th><th>IRN / Ack</th><th>Details</th></tr></thead>
        <tbody>
          {r.rows.map((row, i) => (
            <tr key={i} className={`portal-${row.outcome}`} data-testid={`portal-row-${row.docNo ?? i}`}>
              <td><span className={`chip portal-chip-${row.outcome}`}>{OUTCOME_LABEL[row.outcome]}</span></td>
              <td>
                {row.invoiceId !== undefined ? <button className="link mono" onClick={() => go({ name: 'detail', id: row.invoiceId! })}>{row.docType} {row.docNo}</button> : <span className="mono">{row.docType} {row.docNo}</span>}
                <small className="muted"> {row.docDate} · {row.where}</small>
              </td>
              <td>{row.irn ? <small className="mono" title={row.irn}>{row.irn.slice(0, 16)}…</small> : '—'}{row.ackNo && <small className="muted"> Ack {row.ackNo}</small>}</td>
              <td>
                {row.reasons.map((why, k) => <div key={k}>{row.code && <span className="code">{row.code}</span>} {why}</div>)}
                {row.errors.length > 0 && <ul className="problems">{row.errors.map((e, k) => <li key={k}><span className="code">{e.code}</span> {e.message}</li>)}</ul>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Portal() {
  const s = usePortal();
  const fileInput = useRef<HTMLInputElement>(null);
  const urls = useRef(new Map<string, string>());

  useEffect(() => {
    void usePortal.getState().load();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = onEvent((e) => {
      if (e.type !== 'ledger:changed') return;
      clearTimeout(timer);
      timer = setTimeout(() => void usePortal.getState().load(), 300);
    });
    const held = urls.current;
    return () => {
      off();
      clearTimeout(timer);
      for (const u of held.values()) URL.revokeObjectURL(u);
    };
  }, []);

  const prepare = async () => {
    const x = await s.prepare();
    for (const u of urls.current.values()) URL.revokeObjectURL(u);
    urls.current.clear();
    for (const f of x?.files ?? []) urls.current.set(f.fileName, download(f.fileName, f.text));
  };

  return (
    <section className="portal">
      <h1>Portal upload</h1>
      <p className="muted portal-intro">
        No API access? Register invoices on the e-invoice portal: prepare a bulk-upload file here, upload it on the portal, then import the portal’s results so
        each invoice shows as registered and prints with its signed QR code.
      </p>
      {s.error && <div className="notice notice-error" role="alert" data-testid="portal-error">{s.error}</div>}
      <h2>1. Prepare the upload</h2>
      <div className="toolbar">
        {s.businesses.length > 1 && (
          <select aria-label="Business" value={s.businessId ?? ''} onChange={(e) => void s.setBusiness(Number(e.target.value))}>
            {s.businesses.map((b) => <option key={b.id} value={b.id}>{b.tradeName ?? b.legalName} ({b.gstin})</option>)}
          </select>
        )}
        <button className="primary" disabled={s.selected.size === 0 || s.preparing} aria-busy={s.preparing} onClick={() => void prepare()}>
          {s.preparing ? 'Preparing…' : 'Prepare portal upload'}
        </button>
        <span className="muted" data-testid="portal-selected">{s.allSelected && s.more ? 'all drafts' : plural(s.selected.size, 'draft')} selected</span>
      </div>
      <Drafts />
      {s.prepared && <Prepared x={s.prepared} urls={urls.current} />}
      <h2>2. Import the portal’s results</h2>
      <div className="toolbar">
        <input ref={fileInput} type="file" accept=".json,.csv,.xlsx,application/json,text/csv" hidden data-testid="portal-results-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void s.importFile(file);
          }} />
        <button className="secondary" disabled={s.importing} aria-busy={s.importing} onClick={() => fileInput.current?.click()}>
          {s.importing ? 'Importing…' : 'Import portal results…'}
        </button>
        <span className="muted">JSON, CSV or Excel (.xlsx) as downloaded from the portal, up to 5 MB.</span>
      </div>
      {s.imported && <Imported r={s.imported} />}
    </section>
  );
}
