/**
 * Invoice detail: IRN, Ack No/Date, the QR drawn from the signed QR, cancel within 24 h, e-way
 * bill, what the invoice says (parties, originals, lines, totals), journal.
 */
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { formatInr } from '../../../shared/money';
import { ApiError, invoke, isDesktop, onEvent } from '../api/client';
import { DocumentActions } from '../components/DocumentActions';
import { InvoiceSummary } from '../components/InvoiceSummary';
import { ModalDialog } from '../components/ModalDialog';
import { StatusChip } from '../components/StatusChip';
import { countdown, irpDateTime, istDisplay } from '../format';
import { useDetail } from '../stores/detail.store';
import { useNav } from '../stores/nav.store';
import { summary } from '../components/journal-summary';
import { formatDocDate } from '../../../shared/dates';

const REASONS = [
  ['1', 'Duplicate'],
  ['2', 'Data entry mistake'],
  ['3', 'Order cancelled'],
  ['4', 'Other'],
] as const;

/** Download (browser) or save through the native dialog (desktop) the invoice's Rule-46 PDF. */
function PdfButton({ id }: { id: number }) {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string>();
  const run = async () => {
    setBusy(true);
    setNote(undefined);
    try {
      if (isDesktop()) {
        const r = await invoke('pdf:save', { id });
        if (r.saved) setNote(`Saved to ${r.path ?? ''}`);
      } else {
        const r = await invoke('pdf:render', { id });
        const bytes = Uint8Array.from(atob(r.base64), (c) => c.charCodeAt(0));
        const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
        const a = document.createElement('a');
        a.href = url;
        a.download = r.fileName;
        a.click();
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
        setNote(`${r.fileName} · ${r.pages} page${r.pages === 1 ? '' : 's'}`);
      }
    } catch (e) {
      setNote(e instanceof ApiError ? e.message : 'The PDF could not be made.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="pdf-action">
      <button className="secondary" onClick={() => void run()} disabled={busy}>{busy ? 'Preparing PDF…' : isDesktop() ? 'Save PDF' : 'Download PDF'}</button>
      {note && <small className="muted" role="status"> {note}</small>}
    </span>
  );
}

function QrImage({ signedQr }: { signedQr: string }) {
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    // The QR carries the IRP's signed JWS exactly as received: scanners verify NIC's signature on it.
    QRCode.toDataURL(signedQr, { errorCorrectionLevel: 'L', margin: 2, scale: 3 }).then(setSrc, () => setSrc(undefined));
  }, [signedQr]);
  return src ? <img className="qr" src={src} alt="e-invoice QR code (signed by the IRP)" data-testid="irn-qr" /> : null;
}

function CancelBox({ cancelBy, irn }: { cancelBy: string; irn: string }) {
  const { cancel, cancelling } = useDetail();
  const [now, setNow] = useState(() => Date.now());
  const [reason, setReason] = useState<'1' | '2' | '3' | '4'>('2');
  const [remark, setRemark] = useState('');
  // the form only asks; the IRP is called from the confirmation dialog (a cancelled IRN is final)
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(t);
  }, []);
  const left = Date.parse(cancelBy) - now;
  if (left <= 0) {
    return <p className="muted">The 24-hour cancel window closed on {istDisplay(cancelBy)} IST. Issue a credit note instead.</p>;
  }
  const confirm = async () => {
    await cancel(reason, remark.trim());
    setConfirming(false);
  };
  return (
    <form className="cancel-box" onSubmit={(e) => (e.preventDefault(), remark.trim() !== '' && setConfirming(true))}>
      <h3>Cancel this IRN <small className="muted" data-testid="cancel-countdown">({countdown(left)} left, until {istDisplay(cancelBy)} IST)</small></h3>
      <label>
        Reason{' '}
        <select value={reason} onChange={(e) => setReason(e.target.value as typeof reason)}>
          {REASONS.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
        </select>
      </label>
      <label>
        Remark <input value={remark} maxLength={100} required onChange={(e) => setRemark(e.target.value)} placeholder="Why (shown to the IRP)" />
      </label>
      <button className="danger" aria-haspopup="dialog" disabled={cancelling || remark.trim() === ''}>{cancelling ? 'Cancelling…' : 'Cancel IRN'}</button>
      <ModalDialog isOpen={confirming} onClose={() => setConfirming(false)} busy={cancelling} testId="cancel-irn-dialog" title={`Cancel IRN ${irn.slice(0, 12)}… permanently?`}>
        <p>
          The IRP cannot undo it. Reason: <strong>{REASONS.find(([v]) => v === reason)?.[1]}</strong>; remark: <strong>{remark.trim()}</strong>.
        </p>
        <div className="actions">
          <button type="button" className="secondary" onClick={() => setConfirming(false)} disabled={cancelling} autoFocus>Keep the IRN</button>
          <button type="button" className="danger" onClick={() => void confirm()} disabled={cancelling}>{cancelling ? 'Cancelling…' : 'Yes, cancel the IRN'}</button>
        </div>
      </ModalDialog>
    </form>
  );
}

const MODES = [
  ['1', 'Road'],
  ['2', 'Rail'],
  ['3', 'Air'],
  ['4', 'Ship'],
] as const;

/** E-way bill by IRN: distance (0 lets the IRP compute it), mode and vehicle or transport document. */
function EwbBox({ id, onDone }: { id: number; onDone: () => void }) {
  const [distance, setDistance] = useState('0');
  const [mode, setMode] = useState<'1' | '2' | '3' | '4'>('1');
  const [vehicle, setVehicle] = useState('');
  const [transporter, setTransporter] = useState('');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const submit = async () => {
    setBusy(true);
    setNote(undefined);
    try {
      const r = await invoke('invoices:ewb', {
        id,
        distance: Number(distance),
        mode,
        ...(vehicle.trim() ? { vehicleNo: vehicle.trim() } : {}),
        ...(transporter.trim() ? { transporterId: transporter.trim() } : {}),
      });
      setNote({ kind: 'ok', text: `E-way bill ${r.ewbNo} raised${r.ewbValidTill ? `, valid till ${irpDateTime(r.ewbValidTill)} IST` : ' (Part A only)'}.` });
      onDone();
    } catch (e) {
      setNote({ kind: 'error', text: e instanceof ApiError ? `${e.code}: ${e.message}` : 'The e-way bill could not be raised.' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="cancel-box" onSubmit={(e) => (e.preventDefault(), void submit())}>
      <h3>E-way bill</h3>
      <label>
        Distance (km){' '}
        <input inputMode="numeric" value={distance} onChange={(e) => setDistance(e.target.value.replace(/[^0-9]/g, ''))} aria-describedby="ewb-distance-hint" size={6} />
      </label>
      <small id="ewb-distance-hint" className="muted">0: the IRP computes the PIN-to-PIN distance</small>
      <label>
        Mode{' '}
        <select value={mode} onChange={(e) => setMode(e.target.value as typeof mode)}>
          {MODES.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
        </select>
      </label>
      <label>
        Vehicle no. <input value={vehicle} maxLength={20} onChange={(e) => setVehicle(e.target.value.toUpperCase())} placeholder="KA01AB1234" />
      </label>
      <label>
        Transporter GSTIN <input value={transporter} maxLength={15} onChange={(e) => setTransporter(e.target.value.toUpperCase())} placeholder="optional" />
      </label>
      <button className="secondary" disabled={busy || distance === ''}>{busy ? 'Raising…' : 'Raise e-way bill'}</button>
      {note && <p className={note.kind === 'ok' ? 'muted' : 'notice notice-error'} role={note.kind === 'ok' ? 'status' : 'alert'}>{note.text}</p>}
    </form>
  );
}

export function Detail({ id }: { id: number }) {
  const { data, error, load } = useDetail();
  const go = useNav((n) => n.go);
  useEffect(() => {
    void load(id);
    return onEvent((e) => {
      if (e.type === 'ledger:changed' && (e.invoiceId === undefined || e.invoiceId === id)) void load(id);
    });
  }, [id, load]);

  if (!data) return <p className="muted">{error ?? 'Loading…'}</p>;
  const { invoice, registration, journal, ewaybills } = data;
  return (
    <section className="detail">
      <div className="detail-head">
        <button className="link" onClick={() => go({ name: 'invoices' })}>← Invoices</button>
        <h1>{invoice.docType} {invoice.docNo} <StatusChip status={invoice.status} /></h1>
        <p>{formatDocDate(invoice.docDate)} · {invoice.buyerName} ({invoice.buyerGstin}) · <b>{formatInr(invoice.totalPaise)}</b></p>
        {(invoice.status === 'draft' || invoice.status === 'rejected') && <button className="secondary" onClick={() => go({ name: 'editor', id })}>Edit</button>}
        <PdfButton id={id} />
        <DocumentActions invoice={invoice} />
      </div>
      {error && <div className="notice notice-error" role="alert">{error}</div>}
      {invoice.lastErrors.length > 0 && invoice.status !== 'registered' && (
        <ul className="problems">{invoice.lastErrors.map((e, i) => <li key={i}><span className="code">{e.code}</span> {e.message}</li>)}</ul>
      )}
      {registration && (
        <div className="irn-card">
          <QrImage signedQr={registration.signedQrCode} />
          <dl>
            <dt>IRN</dt><dd className="mono" data-testid="irn">{registration.irn}</dd>
            <dt>Ack No</dt><dd className="mono" data-testid="ack-no">{registration.ackNo}</dd>
            <dt>Ack Date</dt><dd data-testid="ack-dt">{irpDateTime(registration.ackDt)} IST</dd>
            <dt>Signature</dt><dd>{registration.signatureVerified ? 'Verified against the IRP signing certificate' : 'Not verified'}{registration.adopted ? ' · adopted from an earlier registration' : ''}</dd>
            <dt>Status</dt><dd data-testid="irn-status">{registration.status === 'CNL' ? `Cancelled on ${irpDateTime(registration.cancelDate)} IST (reason ${registration.cancelReason ?? ''}: ${registration.cancelRemark ?? ''})` : 'Active'}</dd>
          </dl>
        </div>
      )}
      {registration?.status === 'ACT' && !ewaybills.some((e) => e.status === 'ACT') && invoice.docType === 'INV' && <EwbBox id={id} onDone={() => void load(id)} />}
      {registration?.status === 'ACT' &&
        (ewaybills.some((e) => e.status === 'ACT') ? (
          <p className="muted" data-testid="cancel-blocked">This IRN has an active e-way bill: cancel the e-way bill first (on the e-way bill portal), then the IRN (IRP rule 2230).</p>
        ) : (
          <CancelBox cancelBy={registration.cancelBy} irn={registration.irn} />
        ))}
      {ewaybills.length > 0 && (
        <>
          <h2>E-way bills</h2>
          <table className="plain">
            <thead><tr><th>EWB No</th><th>Date</th><th>Valid till</th><th>Status</th></tr></thead>
            <tbody>
              {ewaybills.map((e) => (
                <tr key={e.ewbNo}><td className="mono">{e.ewbNo}</td><td>{irpDateTime(e.ewbDate)}</td><td>{e.validTill ? irpDateTime(e.validTill) : '—'}</td><td>{e.status === 'CNL' ? 'Cancelled' : 'Active'}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {invoice.draft && (
        <>
          <h2>Invoice</h2>
          <InvoiceSummary draft={invoice.draft} />
        </>
      )}
      <h2>Journal</h2>
      <ol className="journal">
        {journal.map((j) => (
          <li key={j.seq} className={`outcome-${j.outcome}`}>
            <time>{istDisplay(j.at)}</time> <b>{j.kind}</b> <small className="muted">{summary(j.details)}</small>
          </li>
        ))}
      </ol>
    </section>
  );
}
