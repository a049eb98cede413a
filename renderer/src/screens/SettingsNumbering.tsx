/**
 * Settings › Numbering (issue 17 item 5): per business and document type, a prefix, the width of
 * the running number and a suffix; {FY} in either is the financial year (26-27). The running
 * number restarts each 1 April. The core refuses a series that could make a number the IRP would
 * refuse (over 16 characters, characters other than letters, digits, / and -).
 */
import { useEffect, useState } from 'react';
import { expandAffix } from '../../../shared/einvoice/numbering';
import { ApiError, invoke } from '../api/client';
import type { SeriesView } from '../../../shared/ipc/contract-desk';
import { useApp } from '../stores/app.store';
import { useSettings } from '../stores/settings.store';

type DocType = 'INV' | 'CRN' | 'DBN';
const TYPES: ReadonlyArray<[DocType, string, string]> = [
  ['INV', 'Tax invoices', 'INV/{FY}/'],
  ['CRN', 'Credit notes', 'CN/{FY}/'],
  ['DBN', 'Debit notes', 'DN/{FY}/'],
];

function SeriesRow({ businessId, docType, label, example, saved, onSaved }: { businessId: number; docType: DocType; label: string; example: string; saved?: SeriesView; onSaved: () => void }) {
  const today = useApp((a) => a.info?.today) ?? new Date().toISOString().slice(0, 10);
  const [prefix, setPrefix] = useState(saved?.prefix ?? '');
  const [digits, setDigits] = useState(String(saved?.digits ?? 4));
  const [suffix, setSuffix] = useState(saved?.suffix ?? '');
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string }>();
  useEffect(() => {
    setPrefix(saved?.prefix ?? '');
    setDigits(String(saved?.digits ?? 4));
    setSuffix(saved?.suffix ?? '');
  }, [saved]);
  const width = Number(digits);
  const preview = Number.isInteger(width) && width >= 1 && width <= 10 ? `${expandAffix(prefix, today)}${'1'.padStart(width, '0')}${expandAffix(suffix, today)}` : '';
  const save = async () => {
    try {
      const r = await invoke('series:save', { businessId, docType, prefix, digits: width, suffix });
      setNote({ kind: 'ok', text: `Saved: the next ${label.toLowerCase().replace(/s$/, '')} is ${r.next}.` });
      onSaved();
    } catch (e) {
      setNote({ kind: 'error', text: e instanceof ApiError ? e.message : String(e) });
    }
  };
  const remove = async () => {
    await invoke('series:delete', { businessId, docType }).catch(() => undefined);
    setNote({ kind: 'ok', text: 'Series removed: new documents follow the last number used.' });
    onSaved();
  };
  return (
    <tr>
      <th scope="row">{label}</th>
      <td><input aria-label={`${label}: prefix`} value={prefix} maxLength={30} placeholder={example} onChange={(e) => setPrefix(e.target.value.toUpperCase())} /></td>
      <td><input aria-label={`${label}: digits`} className="narrow num" value={digits} inputMode="numeric" maxLength={2} onChange={(e) => setDigits(e.target.value.replace(/\D/g, ''))} /></td>
      <td><input aria-label={`${label}: suffix`} value={suffix} maxLength={30} onChange={(e) => setSuffix(e.target.value.toUpperCase())} /></td>
      <td className="mono" data-testid={`series-preview-${docType}`}>{saved ? saved.next : prefix || suffix ? preview : '—'}</td>
      <td>
        <button className="secondary" onClick={() => void save()} aria-label={`Save the ${label.toLowerCase()} series`}>Save</button>{' '}
        {saved && <button className="link" onClick={() => void remove()} aria-label={`Remove the ${label.toLowerCase()} series`}>Remove</button>}
        {note && <div className={note.kind === 'ok' ? 'ok-text' : 'error-text'} role={note.kind === 'ok' ? 'status' : 'alert'}>{note.text}</div>}
      </td>
    </tr>
  );
}

export function SettingsNumbering() {
  const businesses = useSettings((s) => s.businesses);
  const [businessId, setBusinessId] = useState<number>();
  const [series, setSeries] = useState<SeriesView[]>([]);
  const [reload, setReload] = useState(0);
  const id = businessId ?? businesses[0]?.id;
  useEffect(() => {
    if (id === undefined) return;
    invoke('series:list', { businessId: id }).then((r) => setSeries(r.series), () => setSeries([]));
  }, [id, reload]);
  if (id === undefined) return null;
  return (
    <section aria-labelledby="numbering-title">
      <h2 id="numbering-title">Numbering</h2>
      <p className="muted">
        The editor proposes the next number of each series. <code>{'{FY}'}</code> is the financial year (26-27), <code>{'{FYYY}'}</code> the long form
        (2026-27); the running number starts again at 1 on 1 April. The IRP takes at most 16 characters: letters, digits, / and -.
      </p>
      {businesses.length > 1 && (
        <label>Business <select value={id} onChange={(e) => setBusinessId(Number(e.target.value))}>{businesses.map((b) => <option key={b.id} value={b.id}>{b.tradeName ?? b.legalName}</option>)}</select></label>
      )}
      <table className="plain series-table">
        <thead><tr><th>Document</th><th>Prefix</th><th>Digits</th><th>Suffix</th><th>Next number</th><th /></tr></thead>
        <tbody>
          {TYPES.map(([docType, label, example]) => (
            <SeriesRow key={`${id}-${docType}`} businessId={id} docType={docType} label={label} example={example} saved={series.find((s) => s.docType === docType)} onSaved={() => setReload((n) => n + 1)} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
