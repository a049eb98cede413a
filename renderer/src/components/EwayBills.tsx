/**
 * E-way bills on the invoice detail (issue 17 item 8): raise one (the distance shown with the
 * PIN-to-PIN estimate, editable; 0 lets the IRP compute it), then per bill its details, the
 * vehicle (Part-B) update, cancel within 24 hours behind a confirmation, and its own printable PDF.
 */
import { useEffect, useRef, useState } from 'react';
import type { EwayBillView, Res } from '../../../shared/ipc/contract';
import { STATES } from '../../../shared/gst/states';
import { ApiError, invoke } from '../api/client';
import { countdown, irpDateTime, istDisplay } from '../format';
import { errorInWords, PART_B_REASONS } from '../plain';
import { downloadPdf } from './PrintDialog';
import { ModalDialog } from './ModalDialog';

const MODES = [['1', 'Road'], ['2', 'Rail'], ['3', 'Air'], ['4', 'Ship']] as const;
type Mode = (typeof MODES)[number][0];
const EWB_CANCEL_REASONS = [['1', 'Duplicate'], ['2', 'Order cancelled'], ['3', 'Data entry mistake'], ['4', 'Other']] as const;
const STATE_OPTIONS = Object.entries(STATES).filter(([c]) => c !== '96' && c !== '97').sort((a, b) => a[1].localeCompare(b[1]));
const modeName = (m?: string) => MODES.find(([v]) => v === m)?.[1] ?? '';

type Note = { kind: 'ok' | 'error'; text: string } | undefined;
const failed = (e: unknown, what: string): Note => ({ kind: 'error', text: e instanceof ApiError ? `${what}: ${errorInWords({ code: e.code, message: e.message })}` : `${what}.` });

/** Raise an e-way bill by IRN. */
export function EwbCreate({ id, estimate, onDone }: { id: number; estimate?: Res<'invoices:get'>['ewbEstimate']; onDone: () => void }) {
  const [distance, setDistance] = useState(estimate?.samePin ? '' : '0');
  const [mode, setMode] = useState<Mode>('1');
  const [vehicle, setVehicle] = useState('');
  const [transporter, setTransporter] = useState('');
  const [docNo, setDocNo] = useState('');
  const [docDate, setDocDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>();
  const submit = async () => {
    setBusy(true);
    setNote(undefined);
    try {
      const r = await invoke('invoices:ewb', {
        id, distance: Number(distance), mode,
        ...(vehicle.trim() ? { vehicleNo: vehicle.trim() } : {}),
        ...(transporter.trim() ? { transporterId: transporter.trim() } : {}),
        ...(docNo.trim() ? { transportDocNo: docNo.trim() } : {}),
        ...(docDate.trim() ? { transportDocDate: docDate.trim() } : {}),
      });
      setNote({ kind: 'ok', text: `E-way bill ${r.ewbNo} raised${r.ewbValidTill ? `, valid till ${irpDateTime(r.ewbValidTill)}` : ' (Part A only: enter the vehicle before the goods move)'}.` });
      onDone();
    } catch (e) {
      setNote(failed(e, 'The e-way bill was not raised'));
    } finally {
      setBusy(false);
    }
  };
  const road = mode === '1';
  return (
    <form className="cancel-box" onSubmit={(e) => (e.preventDefault(), void submit())} aria-labelledby="ewb-create-title">
      <h3 id="ewb-create-title">Raise an e-way bill</h3>
      <label>
        Distance (km){' '}
        <input inputMode="numeric" value={distance} onChange={(e) => setDistance(e.target.value.replace(/[^0-9]/g, ''))} aria-describedby="ewb-distance-hint" size={6} />
      </label>
      <small id="ewb-distance-hint" className="muted" data-testid="ewb-estimate">
        {estimate?.samePin
          ? 'Same PIN at both ends: enter the actual distance (1 to 100 km).'
          : `0: the IRP works out the PIN-to-PIN distance${estimate?.km ? ` (about ${estimate.km} km from ${estimate.fromPin ?? ''} to ${estimate.toPin ?? ''}; the IRP refuses more than 10% above its own figure)` : ''}.`}
      </small>
      {estimate?.km !== undefined && distance !== String(estimate.km) && <button type="button" className="link" onClick={() => setDistance(String(estimate.km))}>Use {estimate.km} km</button>}
      <label>
        Mode{' '}
        <select value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
          {MODES.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
        </select>
      </label>
      {road ? (
        <label>Vehicle no. <input value={vehicle} maxLength={20} onChange={(e) => setVehicle(e.target.value.toUpperCase())} placeholder="KA01AB1234" /></label>
      ) : (
        <>
          <label>Transport doc. no. <input value={docNo} maxLength={15} onChange={(e) => setDocNo(e.target.value)} /></label>
          <label>Doc. date <input value={docDate} maxLength={10} onChange={(e) => setDocDate(e.target.value)} placeholder="dd/mm/yyyy" /></label>
        </>
      )}
      <label>Transporter GSTIN <input value={transporter} maxLength={15} onChange={(e) => setTransporter(e.target.value.toUpperCase())} placeholder="optional" /></label>
      <button className="secondary" disabled={busy || distance === ''}>{busy ? 'Raising…' : 'Raise e-way bill'}</button>
      {note && <p className={note.kind === 'ok' ? 'muted' : 'notice notice-error'} role={note.kind === 'ok' ? 'status' : 'alert'}>{note.text}</p>}
    </form>
  );
}

/** Part-B: a new vehicle (or the first one) or a transport document, where the goods are now, and why. */
function PartBForm({ id, bill, defaultState, onDone, onCancel }: { id: number; bill: EwayBillView; defaultState: string; onDone: (b: EwayBillView) => void; onCancel: () => void }) {
  const [mode, setMode] = useState<Mode>((bill.transMode as Mode | undefined) ?? '1');
  const [vehicle, setVehicle] = useState('');
  const [docNo, setDocNo] = useState('');
  const [docDate, setDocDate] = useState('');
  const [place, setPlace] = useState('');
  const [state, setState] = useState(defaultState);
  const [reason, setReason] = useState<'1' | '2' | '3' | '4'>(bill.vehicleNo || bill.transDocNo ? '1' : '4');
  const [remark, setRemark] = useState('');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>();
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = async () => {
    setBusy(true);
    setNote(undefined);
    try {
      const saved = await invoke('invoices:ewbPartB', {
        id, ewbNo: bill.ewbNo, mode, fromPlace: place, fromState: state, reason, remark,
        ...(vehicle.trim() ? { vehicleNo: vehicle.trim() } : {}),
        ...(docNo.trim() ? { transportDocNo: docNo.trim() } : {}),
        ...(docDate.trim() ? { transportDocDate: docDate.trim() } : {}),
      });
      onDone(saved);
    } catch (e) {
      setNote(failed(e, 'The vehicle was not updated'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="cancel-box" onSubmit={(e) => (e.preventDefault(), void submit())} aria-label={`Update vehicle (Part-B) of e-way bill ${bill.ewbNo}`}>
      <label>Mode <select ref={first} value={mode} onChange={(e) => setMode(e.target.value as Mode)}>{MODES.map(([v, l]) => <option key={v} value={v}>{l}</option>)}</select></label>
      <label>Vehicle no. <input value={vehicle} maxLength={20} onChange={(e) => setVehicle(e.target.value.toUpperCase())} placeholder="KA01AB1234" required={mode === '1'} /></label>
      {mode !== '1' && (
        <>
          <label>Transport doc. no. <input value={docNo} maxLength={15} onChange={(e) => setDocNo(e.target.value)} /></label>
          <label>Doc. date <input value={docDate} maxLength={10} onChange={(e) => setDocDate(e.target.value)} placeholder="dd/mm/yyyy" /></label>
        </>
      )}
      <label>Goods are now at <input value={place} maxLength={50} required minLength={3} onChange={(e) => setPlace(e.target.value)} placeholder="town or city" /></label>
      <label>State <select value={state} onChange={(e) => setState(e.target.value)}>{STATE_OPTIONS.map(([c, n]) => <option key={c} value={c}>{n} ({c})</option>)}</select></label>
      <label>Why <select value={reason} onChange={(e) => setReason(e.target.value as typeof reason)}>{Object.entries(PART_B_REASONS).map(([v, l]) => <option key={v} value={v}>{l[0]!.toUpperCase() + l.slice(1)}</option>)}</select></label>
      <label>Remark <input value={remark} maxLength={50} onChange={(e) => setRemark(e.target.value)} placeholder="optional" /></label>
      <button className="primary" disabled={busy || place.trim().length < 3}>{busy ? 'Updating…' : 'Update vehicle'}</button>
      <button type="button" className="secondary" onClick={onCancel}>Close</button>
      {note && <p className="notice notice-error" role="alert">{note.text}</p>}
    </form>
  );
}

/** One e-way bill: what it says, and what can still be done with it. */
export function EwbCard({ id, bill, sellerState, onChanged }: { id: number; bill: EwayBillView; sellerState: string; onChanged: () => void }) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState<'1' | '2' | '3' | '4'>('3');
  const [remark, setRemark] = useState('');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>();
  const heading = useRef<HTMLHeadingElement>(null);
  const now = Date.now();
  const cancellable = bill.status === 'ACT' && bill.cancelBy !== undefined && Date.parse(bill.cancelBy) > now;
  const cancel = async () => {
    setBusy(true);
    try {
      await invoke('invoices:ewbCancel', { id, ewbNo: bill.ewbNo, reason, remark: remark.trim() });
      setNote({ kind: 'ok', text: `E-way bill ${bill.ewbNo} cancelled.` });
      setConfirming(false);
      onChanged();
      heading.current?.focus();
    } catch (e) {
      setNote(failed(e, 'The e-way bill was not cancelled'));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };
  const print = async () => {
    try {
      const r = await invoke('pdf:ewb', { id, ewbNo: bill.ewbNo });
      downloadPdf(r.fileName, r.base64);
      setNote({ kind: 'ok', text: `${r.fileName} saved to your downloads.` });
    } catch (e) {
      setNote(failed(e, 'The e-way bill PDF could not be made'));
    }
  };
  const latest = bill.partB[bill.partB.length - 1];
  return (
    <article className="ewb-card" data-testid={`ewb-${bill.ewbNo}`} aria-labelledby={`ewb-h-${bill.ewbNo}`}>
      <h3 id={`ewb-h-${bill.ewbNo}`} ref={heading} tabIndex={-1}>E-way bill {bill.ewbNo} <span className={bill.status === 'CNL' ? 'chip chip-cancelled' : 'chip chip-registered'}>{bill.status === 'CNL' ? 'Cancelled' : 'Active'}</span></h3>
      <dl>
        <dt>Raised</dt><dd>{irpDateTime(bill.ewbDate)}</dd>
        <dt>Valid till</dt><dd data-testid="ewb-valid-till">{bill.validTill ? irpDateTime(bill.validTill) : 'Not valid for movement yet: enter the vehicle (Part-B)'}</dd>
        <dt>Distance</dt><dd data-testid="ewb-distance">{bill.distanceKm !== undefined ? `${bill.distanceKm} km` : '—'}</dd>
        <dt>Mode</dt><dd>{modeName(latest?.transMode ?? bill.transMode) || '—'}</dd>
        <dt>Vehicle</dt><dd data-testid="ewb-vehicle">{bill.vehicleNo ?? bill.transDocNo ?? '—'}</dd>
        <dt>Transporter</dt><dd>{bill.transporterId ?? '—'}</dd>
        {bill.status === 'CNL' && <><dt>Cancelled</dt><dd>{irpDateTime(bill.cancelDate)}{bill.cancelRemark ? ` (${bill.cancelRemark})` : ''}</dd></>}
      </dl>
      {bill.partB.length > 0 && (
        <ol className="muted small" aria-label="Vehicle updates">
          {bill.partB.map((u, i) => <li key={i}>{irpDateTime(u.updatedAt)}: {u.vehicleNo ?? u.transDocNo} from {u.fromPlace} ({PART_B_REASONS[u.reasonCode] ?? u.reasonCode})</li>)}
        </ol>
      )}
      <div className="ewb-actions">
        <button className="secondary" onClick={() => void print()}>Print e-way bill</button>
        {bill.status === 'ACT' && !editing && <button className="secondary" onClick={() => setEditing(true)}>Update vehicle (Part-B)</button>}
        {cancellable && (
          <span className="ewb-cancel">
            <select aria-label="Why cancel the e-way bill" value={reason} onChange={(e) => setReason(e.target.value as typeof reason)}>{EWB_CANCEL_REASONS.map(([v, l]) => <option key={v} value={v}>{l}</option>)}</select>{' '}
            <input aria-label="Cancel remark" value={remark} maxLength={50} onChange={(e) => setRemark(e.target.value)} placeholder="Remark (required)" />{' '}
            <button className="danger" disabled={remark.trim() === ''} aria-haspopup="dialog" onClick={() => setConfirming(true)}>Cancel e-way bill</button>{' '}
            <small className="muted">{countdown(Date.parse(bill.cancelBy!) - now)} left, until {istDisplay(bill.cancelBy!)}</small>
          </span>
        )}
        {bill.status === 'ACT' && !cancellable && <small className="muted">The 24 hours to cancel this e-way bill are over.</small>}
      </div>
      {editing && <PartBForm id={id} bill={bill} defaultState={sellerState} onCancel={() => setEditing(false)} onDone={(b) => { setEditing(false); setNote({ kind: 'ok', text: `Vehicle ${b.vehicleNo ?? b.transDocNo ?? ''} entered${b.validTill ? `; valid till ${irpDateTime(b.validTill)}` : ''}.` }); onChanged(); heading.current?.focus(); }} />}
      {note && <p className={note.kind === 'ok' ? 'ok-text small' : 'notice notice-error'} role={note.kind === 'ok' ? 'status' : 'alert'}>{note.text}</p>}
      <ModalDialog isOpen={confirming} onClose={() => setConfirming(false)} busy={busy} testId="cancel-ewb-dialog" title={`Cancel e-way bill ${bill.ewbNo}?`}>
        <p>This cannot be undone: a cancelled e-way bill cannot be used again, and the goods may not move on it. Raise a new e-way bill if they still have to travel.</p>
        <p>Reason: <strong>{EWB_CANCEL_REASONS.find(([v]) => v === reason)?.[1]}</strong>; remark: <strong>{remark.trim()}</strong>.</p>
        <div className="actions">
          <button type="button" className="secondary" onClick={() => setConfirming(false)} disabled={busy} autoFocus>Keep the e-way bill</button>
          <button type="button" className="danger" onClick={() => void cancel()} disabled={busy}>{busy ? 'Cancelling…' : 'Yes, cancel the e-way bill'}</button>
        </div>
      </ModalDialog>
    </article>
  );
}
