/**
 * Invoice detail: IRN, Ack No/Date, the QR drawn from the signed QR, cancel within 24 h, e-way
 * bill, what the invoice says (parties, originals, lines, totals), journal.
 */
import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'react';
import { formatInr } from '../../../shared/money';
import { onEvent } from '../api/client';
import type { Res } from '../api/types';
import { DocumentActions } from '../components/DocumentActions';
import { EwbCard, EwbCreate } from '../components/EwayBills';
import { InvoiceSummary } from '../components/InvoiceSummary';
import { PrintDialog } from '../components/PrintDialog';
import { ModalDialog } from '../components/ModalDialog';
import { StatusChip } from '../components/StatusChip';
import { countdown, irpDateTime, istDisplay } from '../format';
import { useDetail } from '../stores/detail.store';
import { useNav } from '../stores/nav.store';
import { formatDocDate } from '../../../shared/dates';
import { describeEntry, errorInWords } from '../plain';
import { useInvoices } from '../stores/invoices.store';

const REASONS = [
  ['1', 'Duplicate'],
  ['2', 'Data entry mistake'],
  ['3', 'Order cancelled'],
  ['4', 'Other'],
] as const;

/** Print / PDF: the preview dialog with the copy labels (components/PrintDialog.tsx). */
function PrintButton({ id, name }: { id: number; name: string }) {
  const [open, setOpen] = useState(false);
  const [ids] = useState(() => [id]);
  return (
    <>
      <button className="secondary" aria-haspopup="dialog" onClick={() => setOpen(true)}>Print / PDF…</button>
      {open && <PrintDialog ids={ids} title={`Print ${name}`} onClose={() => setOpen(false)} />}
    </>
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

type RegistrationView = NonNullable<Res<'invoices:get'>['registration']>;

/** Green only for a real e-invoice's signer: a sandbox or practice QR is a test document (electron/app/signers.ts). */
const SIGNER_CLASS: Record<string, string> = { real: 'ok-text', sandbox: 'warn-text', practice: 'warn-text', invalid: 'error-text', 'not-irp': 'error-text', 'not-checked': 'warn-text', received: '' };

function SignatureLine({ registration }: { registration: RegistrationView }) {
  const signer = registration.signer ?? (registration.signatureVerified
    ? { standing: 'received', text: 'Verified when it was received from the IRP' }
    : { standing: 'not-checked', text: 'Not verified: the IRP signature on this QR was not checked' });
  return (
    <dd className={`signature-line ${SIGNER_CLASS[signer.standing] ?? 'warn-text'}`.trim()} data-testid="signature" data-standing={signer.standing}>
      {signer.text}{registration.adopted ? ' · adopted from an earlier registration' : ''}
    </dd>
  );
}

function CancelBox({ cancelBy, irn, docName, onCancelled }: { cancelBy: string; irn: string; docName: string; onCancelled: () => void }) {
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
    const ok = await cancel(reason, remark.trim());
    setConfirming(false);
    if (ok) onCancelled();
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
      <ModalDialog isOpen={confirming} onClose={() => setConfirming(false)} busy={cancelling} testId="cancel-irn-dialog" title={`Cancel the IRN of ${docName} permanently?`}>
        <p data-testid="cancel-irn-final">
          This cannot be undone: the IRP will never make IRN {irn.slice(0, 12)}… active again, and the number of {docName} cannot be registered again this financial year. If the sale still stands, raise the document again under a new number.
        </p>
        <p>
          Reason: <strong>{REASONS.find(([v]) => v === reason)?.[1]}</strong>; remark: <strong>{remark.trim()}</strong>.
        </p>
        <div className="actions">
          <button type="button" className="secondary" onClick={() => setConfirming(false)} disabled={cancelling} autoFocus>Keep the IRN</button>
          <button type="button" className="danger" onClick={() => void confirm()} disabled={cancelling}>{cancelling ? 'Cancelling…' : 'Yes, cancel the IRN'}</button>
        </div>
      </ModalDialog>
    </form>
  );
}

export function Detail({ id }: { id: number }) {
  const { data, error, load } = useDetail();
  const go = useNav((n) => n.go);
  const statusRef = useRef<HTMLHeadingElement>(null);
  const back = () => {
    useInvoices.getState().setLastOpened(id);
    go({ name: 'invoices' });
  };
  // Escape (outside a form field and a dialog) goes back to the list, where this invoice's row has the focus.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('.rac-overlay') || (t && /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName))) return;
      back();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  useEffect(() => {
    void load(id);
    return onEvent((e) => {
      if (e.type === 'ledger:changed' && (e.invoiceId === undefined || e.invoiceId === id)) void load(id);
    });
  }, [id, load]);

  if (!data) return <p className="muted">{error ?? 'Loading…'}</p>;
  const { invoice, registration, journal, ewaybills, ewbEstimate } = data;
  const docName = `${{ INV: 'invoice', CRN: 'credit note', DBN: 'debit note' }[invoice.docType]} ${invoice.docNo ?? ''}`.trim();
  const activeEwb = ewaybills.some((e) => e.status === 'ACT');
  return (
    <section className="detail">
      <div className="detail-head">
        <button className="link" onClick={back} aria-keyshortcuts="Escape">← Invoices</button>
        <h1 ref={statusRef} tabIndex={-1}>{invoice.docType} {invoice.docNo} <StatusChip status={invoice.status} /></h1>
        <p>{formatDocDate(invoice.docDate)} · {invoice.buyerName} ({invoice.buyerGstin}) · <b>{formatInr(invoice.totalPaise)}</b></p>
        {(invoice.status === 'draft' || invoice.status === 'rejected') && <button className="secondary" onClick={() => go({ name: 'editor', id })}>Edit</button>}
        <PrintButton id={id} name={docName} />
        <DocumentActions invoice={invoice} />
      </div>
      {error && <div className="notice notice-error" role="alert">{error}</div>}
      {invoice.lastErrors.length > 0 && invoice.status !== 'registered' && (
        <ul className="problems">{invoice.lastErrors.map((e, i) => <li key={i}>{errorInWords(e)}</li>)}</ul>
      )}
      {registration && (
        <div className="irn-card">
          <QrImage signedQr={registration.signedQrCode} />
          <dl>
            <dt>IRN</dt><dd className="mono" data-testid="irn">{registration.irn}</dd>
            <dt>Ack No</dt><dd className="mono" data-testid="ack-no">{registration.ackNo}</dd>
            <dt>Ack Date</dt><dd data-testid="ack-dt">{irpDateTime(registration.ackDt)} IST</dd>
            <dt>Signature</dt><SignatureLine registration={registration} />
            <dt>Status</dt><dd data-testid="irn-status">{registration.status === 'CNL' ? `Cancelled on ${irpDateTime(registration.cancelDate)} IST (${REASONS.find(([v]) => v === registration.cancelReason)?.[1] ?? 'reason not recorded'}${registration.cancelRemark ? `: ${registration.cancelRemark}` : ''})` : 'Active'}</dd>
          </dl>
        </div>
      )}
      {registration?.status === 'ACT' &&
        (activeEwb ? (
          <p className="notice" data-testid="cancel-blocked">
            This IRN cannot be cancelled while its e-way bill is active (IRP rule 2230): cancel the e-way bill below first, then the IRN.
          </p>
        ) : (
          <CancelBox cancelBy={registration.cancelBy} irn={registration.irn} docName={docName} onCancelled={() => statusRef.current?.focus()} />
        ))}
      {(ewaybills.length > 0 || (registration?.status === 'ACT' && invoice.docType === 'INV')) && <h2>E-way bills</h2>}
      {ewaybills.map((e) => <EwbCard key={e.ewbNo} id={id} bill={e} sellerState={invoice.draft?.seller.Stcd ?? '29'} onChanged={() => void load(id)} />)}
      {registration?.status === 'ACT' && !activeEwb && invoice.docType === 'INV' && <EwbCreate id={id} estimate={ewbEstimate} onDone={() => void load(id)} />}
      {invoice.draft && (
        <>
          <h2>Invoice</h2>
          <InvoiceSummary draft={invoice.draft} />
        </>
      )}
      <h2>Journal</h2>
      <ol className="journal">
        {journal.map((j) => (
          <li key={j.seq} className={`outcome-${j.outcome}`} data-kind={j.kind}>
            <time>{istDisplay(j.at)}</time> <span>{describeEntry(j)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
