/**
 * Export from the invoices list (issue 14): the register of the documents the list shows (its
 * current filters), or the GSTR-1 view of a period (a month, or any dates), as .xlsx or .csv.
 */
import { useEffect, useState } from 'react';
import { formatDocDate } from '../../../shared/dates';
import type { Req } from '../../../shared/ipc/contract';
import { ApiError, invoke, onEvent } from '../api/client';
import { CSV_MIME, downloadFiles, XLSX_MIME } from '../download';
import { query, useInvoices } from '../stores/invoices.store';
import { DocDateInput } from './DocDateInput';
import { ModalDialog } from './ModalDialog';
import { ProgressBar } from './ProgressBar';

const pad = (n: number) => String(n).padStart(2, '0');

/** The last twelve months, newest first, as {label, from, to} (ISO dates). */
function months(today: Date): Array<{ label: string; from: string; to: string }> {
  const out = [];
  for (let i = 0; i < 12; i += 1) {
    const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1));
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    const ym = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
    out.push({ label: d.toLocaleString('en-IN', { month: 'long', year: 'numeric', timeZone: 'UTC' }), from: `${ym}-01`, to: `${ym}-${pad(last)}` });
  }
  return out;
}

export function ExportButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button onClick={() => setOpen(true)}>Export…</button>
      {open && <ExportDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function ExportDialog({ onClose }: { onClose: () => void }) {
  const list = useInvoices();
  const periods = months(new Date(Date.now() + 330 * 60_000));
  const [from, setFrom] = useState(periods[0]?.from ?? '');
  const [to, setTo] = useState(periods[0]?.to ?? '');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const [note, setNote] = useState<{ ok: boolean; text: string }>();
  useEffect(() => onEvent((e) => e.type === 'bulk:progress' && e.job === 'export' && setProgress({ done: e.done, total: e.total })), []);

  const run = async (what: () => Promise<{ files: Array<{ fileName: string; base64: string }>; documents: number }>, format: 'xlsx' | 'csv') => {
    setBusy(true);
    setNote(undefined);
    setProgress(undefined);
    try {
      const r = await what();
      downloadFiles(r.files, format === 'xlsx' ? XLSX_MIME : CSV_MIME);
      setNote({ ok: true, text: `${r.documents.toLocaleString('en-IN')} document${r.documents === 1 ? '' : 's'} exported: ${r.files.map((f) => f.fileName).join(', ')}` });
    } catch (e) {
      setNote({ ok: false, text: e instanceof ApiError ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };
  const filters = (): Omit<Req<'export:register'>, 'format'> => {
    const { sort: _s, direction: _d, limit: _l, ...f } = query(list);
    return f;
  };
  const register = (format: 'xlsx' | 'csv') => run(() => invoke('export:register', { ...filters(), format }), format);
  const gstr1 = (format: 'xlsx' | 'csv') => run(() => invoke('export:gstrOne', { from, to, ...(list.businessId !== undefined ? { businessId: list.businessId } : {}), format }), format);
  const shown = list.totals ? `${list.totals.count.toLocaleString('en-IN')} document${list.totals.count === 1 ? '' : 's'}` : 'the documents';

  return (
    <ModalDialog isOpen onClose={onClose} title="Export" busy={busy} role="dialog" testId="export-dialog">
      <h3>Invoice register</h3>
      <p className="muted">The {shown} the list shows now (its status, dates, buyer, business and search), one row each with IRN, Ack No, Ack Date, status, cancel date and totals per tax head, and a sheet of their lines.</p>
      <div className="actions export-row">
        <button className="primary" disabled={busy} onClick={() => void register('xlsx')}>Register (.xlsx)</button>
        <button disabled={busy} onClick={() => void register('csv')}>Register (.csv)</button>
      </div>
      <h3>GSTR-1 view</h3>
      <p className="muted">What was registered in the period, in the layout of the GST offline tool's b2b, cdnr, exp and HSN tables (cancelled IRNs are left out).</p>
      <div className="actions export-row">
        <select aria-label="Month" value={periods.find((p) => p.from === from && p.to === to)?.from ?? ''} onChange={(e) => {
          const p = periods.find((m) => m.from === e.target.value);
          if (p) {
            setFrom(p.from);
            setTo(p.to);
          }
        }}>
          <option value="">Dates below</option>
          {periods.map((p) => <option key={p.from} value={p.from}>{p.label}</option>)}
        </select>
        <span className="dates">From <DocDateInput label="GSTR-1 from" value={from} onChange={setFrom} /></span>
        <span className="dates">to <DocDateInput label="GSTR-1 to" value={to} onChange={setTo} /></span>
      </div>
      <div className="actions export-row">
        <button className="primary" disabled={busy || !from || !to || from > to} onClick={() => void gstr1('xlsx')}>GSTR-1 {from && to ? `${formatDocDate(from)}–${formatDocDate(to)} ` : ''}(.xlsx)</button>
        <button disabled={busy || !from || !to || from > to} onClick={() => void gstr1('csv')}>GSTR-1 (.csv)</button>
      </div>
      {busy && progress && <p><ProgressBar label="Exported" done={progress.done} total={progress.total} /></p>}
      {note && <p className={note.ok ? 'ok-text' : 'error-text'} role="status" data-testid="export-note">{note.text}</p>}
      <div className="actions">
        <button onClick={onClose} disabled={busy} autoFocus>Close</button>
      </div>
    </ModalDialog>
  );
}
