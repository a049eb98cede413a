/** Settings: businesses, endpoint profiles with write-only credentials, data folder and vault. */
import { useEffect, useState } from 'react';
import { STATES } from '../../../shared/gst/states';
import type { BusinessView, ProfileView } from '../api/types';
import { Field } from '../components/Field';
import { useApp } from '../stores/app.store';
import { useSettings } from '../stores/settings.store';

function BusinessForm({ business, profiles, onDone }: { business?: BusinessView; profiles: ProfileView[]; onDone: () => void }) {
  const save = useSettings((s) => s.saveBusiness);
  const [f, setF] = useState({
    gstin: business?.gstin ?? '', legalName: business?.legalName ?? '', tradeName: business?.tradeName ?? '', address1: business?.address1 ?? '',
    location: business?.location ?? '', pin: business ? String(business.pin) : '', stateCode: business?.stateCode ?? '', aatoCrore: business?.aatoCrore !== undefined ? String(business.aatoCrore) : '',
    profileName: business?.profileName ?? '',
  });
  const field = (k: keyof typeof f) => ({ value: f[k], onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setF({ ...f, [k]: e.target.value }) });
  const submit = async () => {
    const ok = await save({
      ...(business ? { id: business.id } : {}),
      gstin: f.gstin.trim().toUpperCase(), legalName: f.legalName, ...(f.tradeName.trim() ? { tradeName: f.tradeName.trim() } : {}), address1: f.address1, location: f.location,
      pin: Number(f.pin), stateCode: f.stateCode, ...(f.aatoCrore.trim() ? { aatoCrore: Number(f.aatoCrore) } : {}), ...(f.profileName ? { profileName: f.profileName } : {}),
    });
    if (ok) onDone();
  };
  return (
    <form className="group" onSubmit={(e) => (e.preventDefault(), void submit())}>
      <Field label="GSTIN"><input {...field('gstin')} maxLength={15} required /></Field>
      <Field label="Legal name" wide><input {...field('legalName')} required /></Field>
      <Field label="Trade name"><input {...field('tradeName')} /></Field>
      <Field label="Address" wide><input {...field('address1')} required /></Field>
      <Field label="City"><input {...field('location')} required /></Field>
      <Field label="PIN"><input {...field('pin')} inputMode="numeric" maxLength={6} required /></Field>
      <Field label="State">
        <select {...field('stateCode')} required>
          <option value="">—</option>
          {Object.entries(STATES).map(([c, n]) => <option key={c} value={c}>{c} {n}</option>)}
        </select>
      </Field>
      <Field label="Turnover (AATO, ₹ crore)"><input {...field('aatoCrore')} inputMode="decimal" /></Field>
      <Field label="Endpoint profile">
        <select {...field('profileName')}>
          <option value="">—</option>
          {profiles.map((p) => <option key={p.name} value={p.name}>{p.name} ({p.kind})</option>)}
        </select>
      </Field>
      <div className="actions"><button className="primary">Save business</button><button type="button" className="secondary" onClick={onDone}>Close</button></div>
    </form>
  );
}

function CredentialsForm({ profile }: { profile: ProfileView }) {
  const setCredentials = useSettings((s) => s.setCredentials);
  const [secret, setSecret] = useState('');
  const [password, setPassword] = useState('');
  return (
    <form className="inline-form" onSubmit={(e) => (e.preventDefault(), void setCredentials(profile.name, secret, password).then((ok) => ok && (setSecret(''), setPassword(''))))}>
      <input type="password" autoComplete="off" placeholder="Client secret" aria-label={`Client secret for ${profile.name}`} value={secret} onChange={(e) => setSecret(e.target.value)} required />
      <input type="password" autoComplete="off" placeholder="API password" aria-label={`API password for ${profile.name}`} value={password} onChange={(e) => setPassword(e.target.value)} required />
      <button className="secondary">Save credentials</button>
    </form>
  );
}

export function Settings() {
  const s = useSettings();
  const info = useApp((a) => a.info);
  const [editing, setEditing] = useState<number | 'new' | undefined>();
  useEffect(() => void useSettings.getState().load(), []);

  return (
    <section className="settings">
      <h1>Settings</h1>
      {s.message && <div className={`notice notice-${s.message.kind}`} role="status">{s.message.text}</div>}
      <h2>Businesses</h2>
      <table className="plain">
        <thead><tr><th>GSTIN</th><th>Name</th><th>City</th><th>Profile</th><th /></tr></thead>
        <tbody>
          {s.businesses.map((b) => (
            <tr key={b.id}><td className="mono">{b.gstin}</td><td>{b.legalName}</td><td>{b.location} {b.pin}</td><td>{b.profileName ?? '—'}</td><td><button className="link" onClick={() => setEditing(b.id)}>Edit</button></td></tr>
          ))}
        </tbody>
      </table>
      {editing === undefined ? (
        <button className="secondary" onClick={() => setEditing('new')}>Add business</button>
      ) : (
        <BusinessForm key={String(editing)} business={s.businesses.find((b) => b.id === editing)} profiles={s.profiles} onDone={() => setEditing(undefined)} />
      )}
      <h2>IRP endpoint profiles</h2>
      <table className="plain">
        <thead><tr><th>Name</th><th>Kind</th><th>GSTIN</th><th>API user</th><th>Credentials</th><th /></tr></thead>
        <tbody>
          {s.profiles.map((p) => (
            <tr key={p.name}>
              <td>{p.name}</td><td>{p.kind}</td><td className="mono">{p.gstin}</td><td>{p.userName}</td>
              <td data-testid={`credentials-${p.name}`}>{p.credentialsSet ? <span className="chip chip-registered">set</span> : <span className="chip chip-rejected">not set</span>}</td>
              <td><CredentialsForm profile={p} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">Secrets go straight to the {info?.vault.kind === 'keychain' ? 'system keychain' : 'memory of this session (no keychain available)'}; this screen can replace them but never shows them.</p>
      <h2>Data</h2>
      <dl className="facts">
        <dt>Data folder</dt><dd className="mono">{info?.dataDir}</dd>
        <dt>Credential store</dt><dd>{info?.vault.kind === 'keychain' ? 'System keychain' : 'Memory only'}</dd>
        <dt>Version</dt><dd>{info?.version}</dd>
      </dl>
    </section>
  );
}
