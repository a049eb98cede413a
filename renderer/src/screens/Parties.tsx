/**
 * Parties (issue 17 item 4): the buyers the editor suggests, filled from GST master lookups and
 * from the buyers of saved invoices, and added or corrected here. Search by words of a name, the
 * GSTIN or the city. A party from the GST master is refreshed by looking it up again, not by typing.
 */
import { useEffect, useRef, useState } from 'react';
import type { PartyRecord } from '../../../shared/ipc/contract-desk';
import { stateName } from '../../../shared/gst/states';
import { ApiError, invoke } from '../api/client';
import { StateOptions } from '../components/StateOptions';
import { problemsOf } from './Items';
import { MasterFoot, MasterRow, useMasterPage } from './master-page';
import { SettingsField } from './settings-fields';

type Form = { gstin: string; legalName: string; tradeName: string; address1: string; address2: string; location: string; pin: string; stateCode: string };

const toForm = (p?: Partial<PartyRecord>): Form => ({
  gstin: p?.gstin ?? '', legalName: p?.legalName ?? '', tradeName: p?.tradeName ?? '', address1: p?.address1 ?? '', address2: p?.address2 ?? '',
  location: p?.location ?? '', pin: p?.pin ? String(p.pin) : '', stateCode: p?.stateCode ?? '',
});

function PartyForm({ party, onDone }: { party?: PartyRecord; onDone: (saved?: PartyRecord) => void }) {
  const [f, setF] = useState<Form>(toForm(party));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [note, setNote] = useState<string>();
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const field = (k: keyof Form, upper = false) => ({ value: f[k], onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setF({ ...f, [k]: upper ? e.target.value.toUpperCase() : e.target.value }) });

  const lookUp = async () => {
    setNote(undefined);
    try {
      const { businesses } = await invoke('businesses:list', {});
      const business = businesses[0];
      if (!business) return setNote('Add your business in Settings first: the GST master is asked as a business.');
      const { party: p } = await invoke('parties:lookup', { gstin: f.gstin.trim(), businessId: business.id });
      setF(toForm(p));
      setNote(`From the GST master: ${p.status === 'ACT' ? 'active' : p.status ?? 'status unknown'}${p.blocked ? ', blocked for e-invoicing' : ''}. Saved to the parties.`);
    } catch (e) {
      setNote(e instanceof ApiError ? `${e.message} (${e.code})` : String(e));
    }
  };

  const submit = async () => {
    const pin = f.pin.trim() ? Number(f.pin) : undefined;
    const opt = (k: keyof Form) => (f[k].trim() ? { [k]: f[k].trim() } : {});
    try {
      const saved = await invoke('parties:save', {
        ...(party ? { id: party.id } : {}), legalName: f.legalName, ...opt('gstin'), ...opt('tradeName'), ...opt('address1'), ...opt('address2'), ...opt('location'),
        ...(pin !== undefined ? { pin } : {}), ...opt('stateCode'),
      });
      onDone(saved);
    } catch (e) {
      setProblems(problemsOf(e));
    }
  };

  return (
    <form className="group master-form" aria-label={party ? `Edit ${party.legalName}` : 'New party'} onSubmit={(e) => (e.preventDefault(), void submit())} onKeyDown={(e) => e.key === 'Escape' && onDone()}>
      <div className="ed-gstin-row">
        <SettingsField label="GSTIN (or URP)" problem={problems.gstin}><input ref={first} {...field('gstin', true)} maxLength={15} /></SettingsField>
        <button type="button" className="secondary" onClick={() => void lookUp()} disabled={f.gstin.trim().length !== 15}>Look up in the GST master</button>
      </div>
      {note && <p className="muted settings-span" role="status">{note}</p>}
      <SettingsField label="Legal name" problem={problems.legalName} wide><input {...field('legalName')} required maxLength={100} /></SettingsField>
      <SettingsField label="Trade name"><input {...field('tradeName')} maxLength={100} /></SettingsField>
      <SettingsField label="Address" problem={problems.address1} wide><input {...field('address1')} maxLength={100} /></SettingsField>
      <SettingsField label="Address line 2" wide><input {...field('address2')} maxLength={100} /></SettingsField>
      <SettingsField label="City"><input {...field('location')} maxLength={100} /></SettingsField>
      <SettingsField label="PIN" problem={problems.pin}><input {...field('pin')} inputMode="numeric" maxLength={6} /></SettingsField>
      <SettingsField label="State" problem={problems.stateCode}><select {...field('stateCode')}><StateOptions /></select></SettingsField>
      {problems[''] && <p className="notice notice-error" role="alert">{problems['']}</p>}
      <div className="actions"><button className="primary">Save party</button><button type="button" className="secondary" onClick={() => onDone()}>Cancel (Esc)</button></div>
    </form>
  );
}

export function Parties() {
  const page = useMasterPage<PartyRecord>((text, offset) => invoke('parties:list', { text, limit: 100, offset }).then((r) => ({ rows: r.parties, total: r.total })), []);
  return (
    <section className="masters">
      <h1>Parties</h1>
      <p className="muted">Your buyers. The editor suggests them by name; they come from GST master lookups and from the invoices you save.</p>
      <div className="master-bar">
        <input type="search" aria-label="Search parties" placeholder="Search by name, GSTIN or city" value={page.text} onChange={(e) => page.setText(e.target.value)} autoFocus />
        <span className="muted" data-testid="parties-count">{page.total} part{page.total === 1 ? 'y' : 'ies'}</span>
        <button className="secondary" onClick={() => page.setEditing('new')}>Add party</button>
      </div>
      {page.message && <div className="notice notice-ok" role="status">{page.message}</div>}
      {page.editing === 'new' && <PartyForm onDone={(saved) => page.done(saved && `${saved.legalName} saved.`)} />}
      <table className="plain master-table">
        <thead><tr><th>Name</th><th>GSTIN</th><th>City</th><th>PIN</th><th>State</th><th>From</th><th /></tr></thead>
        <tbody>
          {page.rows.map((p) =>
            page.editing === p.id ? (
              <tr key={p.id}><td colSpan={7}><PartyForm party={p} onDone={(saved) => page.done(saved && `${saved.legalName} saved.`, p.id)} /></td></tr>
            ) : (
              <MasterRow key={p.id} page={page} id={p.id} name={p.legalName} label={`${p.legalName}${p.gstin ? `, GSTIN ${p.gstin}` : ''}`}
                question={`Delete ${p.legalName} from the parties? Invoices keep their buyer details.`} remove={() => invoke('parties:delete', { id: p.id })}>
                <td>{p.legalName}{p.tradeName && p.tradeName !== p.legalName ? <small className="muted"> ({p.tradeName})</small> : null}</td>
                <td className="mono">{p.gstin ?? 'URP'}</td><td>{p.location ?? ''}</td><td>{p.pin ?? ''}</td>
                <td>{p.stateCode ? `${stateName(p.stateCode) ?? ''} (${p.stateCode})` : ''}</td>
                <td>{p.source === 'lookup' ? `GST master${p.status && p.status !== 'ACT' ? ` · ${p.status}` : ''}` : 'typed'}</td>
              </MasterRow>
            ),
          )}
        </tbody>
      </table>
      <MasterFoot page={page} />
    </section>
  );
}
