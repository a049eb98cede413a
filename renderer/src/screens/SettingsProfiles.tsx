/**
 * Settings › IRP endpoint profiles: add and edit them, import NIC's encryption public key and
 * signing certificate from files, and set the credentials (write-only). Nothing secret is ever
 * shown: the table says "set"/"not set" for credentials and shows the certificate's public facts.
 */
import { useState } from 'react';
import { formatDocDate } from '../../../shared/dates';
import type { ProfileView } from '../api/types';
import { ModalDialog } from '../components/ModalDialog';
import { useApp } from '../stores/app.store';
import { useSettings } from '../stores/settings.store';
import { readPemFile, SettingsField } from './settings-fields';
import { choiceOf, ENDPOINT_CHOICES, KIND_LABELS } from './settings-kinds';

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

/** What the table says about a profile's NIC keys. */
function KeysCell({ p }: { p: ProfileView }) {
  if (p.kind === 'practice' && !p.signingCert) return <span className="muted">published by the practice IRP</span>;
  const cert = p.signingCert;
  return (
    <div className="settings-keys">
      {p.hasKeys ? <span className="chip chip-registered">keys: imported</span> : <span className="chip chip-rejected">keys: {p.encryptionKeyImported || cert ? 'incomplete' : 'missing'}</span>}
      <span className="muted">{p.encryptionKeyImported ? 'encryption key ✓' : 'no encryption key'}</span>
      {cert ? (
        <span>
          certificate <span className="mono settings-thumb" title="SHA-1 thumbprint">{cert.thumbprintSha1}</span>, valid to {formatDocDate(cert.validTo)}
        </span>
      ) : (
        <span className="muted">no signing certificate</span>
      )}
    </div>
  );
}

function headersToText(h: Record<string, string> | undefined): string {
  return Object.entries(h ?? {}).map(([k, v]) => `${k}: ${v}`).join('\n');
}

function parseHeaders(text: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const [i, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    const at = line.indexOf(':');
    if (at <= 0) return `Line ${i + 1} needs the form "Header-Name: value".`;
    out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}

function KeysImport({ profile }: { profile: ProfileView }) {
  const importKeys = useSettings((s) => s.importKeys);
  const fieldErrors = useSettings((s) => s.fieldErrors);
  const [keyFile, setKeyFile] = useState<File>();
  const [certFile, setCertFile] = useState<File>();
  const [formKey, setFormKey] = useState(0);
  const submit = async () => {
    const encryptionKeyPem = keyFile ? await readPemFile(keyFile) : undefined;
    const signingCertPem = certFile ? await readPemFile(certFile) : undefined;
    const done = await importKeys({ name: profile.name, ...(encryptionKeyPem !== undefined ? { encryptionKeyPem } : {}), ...(signingCertPem !== undefined ? { signingCertPem } : {}) });
    if (!done) return;
    setKeyFile(undefined);
    setCertFile(undefined);
    setFormKey((k) => k + 1);
  };
  return (
    <fieldset className="settings-keys-import" key={formKey}>
      <legend>NIC keys for {profile.name}</legend>
      <p className="muted settings-span">From the IRP&apos;s developer portal: the public key that encrypts your login, and the certificate that checks the IRP&apos;s signatures. PEM or DER files.</p>
      <SettingsField label="Encryption public key" problem={fieldErrors.encryptionKeyPem}>
        <input type="file" accept=".pem,.key,.pub,.txt,.cer,.der" onChange={(e) => setKeyFile(e.target.files?.[0])} />
      </SettingsField>
      <SettingsField label="Signing certificate" problem={fieldErrors.signingCertPem}>
        <input type="file" accept=".pem,.cer,.crt,.der,.txt" onChange={(e) => setCertFile(e.target.files?.[0])} />
      </SettingsField>
      <div className="actions"><button type="button" className="secondary" disabled={!keyFile && !certFile} onClick={() => void submit()}>Import keys</button></div>
    </fieldset>
  );
}

function ProfileForm({ profile, onDone }: { profile?: ProfileView; onDone: () => void }) {
  const { saveProfile, fieldErrors, profiles } = useSettings();
  const [name, setName] = useState(profile?.name);
  const current = profiles.find((p) => p.name === name) ?? profile;
  const [f, setF] = useState({
    name: profile?.name ?? '', choice: profile ? choiceOf(profile.kind, profile.baseUrl) : 'nic-sandbox', baseUrl: profile?.baseUrl ?? ENDPOINT_CHOICES[1]!.baseUrl,
    gstin: profile?.gstin ?? '', clientId: profile?.clientId ?? '', userName: profile?.userName ?? '', headers: headersToText(profile?.extraHeaders),
  });
  const [headerProblem, setHeaderProblem] = useState<string>();
  const choice = ENDPOINT_CHOICES.find((c) => c.id === f.choice) ?? ENDPOINT_CHOICES[1]!;
  const field = (k: keyof typeof f) => ({ value: f[k], onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setF({ ...f, [k]: e.target.value }) });

  const pick = (id: string) => {
    const next = ENDPOINT_CHOICES.find((c) => c.id === id) ?? choice;
    // follow the kind unless the URL was typed by hand
    const wasDefault = ENDPOINT_CHOICES.some((c) => c.baseUrl === f.baseUrl) || !f.baseUrl.trim();
    setF({ ...f, choice: id, baseUrl: wasDefault ? next.baseUrl : f.baseUrl });
  };

  const submit = async () => {
    const headers = choice.kind === 'gsp' ? parseHeaders(f.headers) : {};
    if (typeof headers === 'string') return setHeaderProblem(headers);
    setHeaderProblem(undefined);
    const saved = await saveProfile({
      name: name ?? f.name.trim(), kind: choice.kind, baseUrl: f.baseUrl, gstin: f.gstin.trim().toUpperCase(), clientId: f.clientId, userName: f.userName,
      ...(choice.kind === 'gsp' ? { extraHeaders: headers } : {}),
    });
    // a new NIC or GSP profile stays open: its keys come next
    if (!saved) return;
    if (saved.kind === 'practice') onDone();
    else setName(saved.name);
  };

  return (
    <div className="group settings-profile">
      <form className="settings-profile-form" aria-label={name ? `Edit profile ${name}` : 'New profile'} onSubmit={(e) => (e.preventDefault(), void submit())}>
        <SettingsField label="Profile name" problem={fieldErrors.name}>
          <input {...field('name')} value={name ?? f.name} disabled={name !== undefined} required maxLength={64} />
        </SettingsField>
        <SettingsField label="Endpoint" problem={fieldErrors.kind}>
          <select value={f.choice} onChange={(e) => pick(e.target.value)}>
            {ENDPOINT_CHOICES.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
          </select>
        </SettingsField>
        <SettingsField label="Base URL" problem={fieldErrors.baseUrl} note={choice.kind === 'practice' ? '"practice" is the practice IRP inside the app' : 'https:// only'} wide>
          <input {...field('baseUrl')} required className="mono" placeholder={choice.kind === 'gsp' ? "your GSP's API address" : undefined} />
        </SettingsField>
        <SettingsField label="Profile GSTIN" problem={fieldErrors.gstin}><input {...field('gstin')} maxLength={15} required className="mono" /></SettingsField>
        <SettingsField label="Client id" problem={fieldErrors.clientId}><input {...field('clientId')} required autoComplete="off" /></SettingsField>
        <SettingsField label="API user name" problem={fieldErrors.userName}><input {...field('userName')} required autoComplete="off" /></SettingsField>
        {choice.kind === 'gsp' && (
          <SettingsField label="GSP headers" problem={headerProblem ?? Object.entries(fieldErrors).find(([k]) => k.startsWith('extraHeaders'))?.[1]} note="one per line, Name: value; not for keys or secrets (those are refused)" wide>
            <textarea {...field('headers')} rows={2} className="mono" />
          </SettingsField>
        )}
        <div className="actions settings-span">
          <button className="primary">Save profile</button>
          <button type="button" className="secondary" onClick={onDone}>Close</button>
        </div>
      </form>
      {current && current.kind !== 'practice' && <KeysImport profile={current} />}
    </div>
  );
}

/** "Delete profile X?" as a modal: the core refuses a profile a business still uses, and says which. */
function DeleteProfile({ name, onClose }: { name: string; onClose: () => void }) {
  const deleteProfile = useSettings((s) => s.deleteProfile);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    await deleteProfile(name);
    setBusy(false);
    onClose();
  };
  return (
    <ModalDialog isOpen onClose={onClose} busy={busy} title={`Delete profile ${name}?`} testId="delete-profile-dialog">
      <p>Its API user, NIC keys and the credentials in the {useApp.getState().info?.vault.kind === 'keychain' ? 'keychain' : 'vault'} go with it. Registered invoices keep everything the IRP returned.</p>
      <div className="actions">
        <button className="secondary" autoFocus disabled={busy} onClick={onClose}>Keep it</button>
        <button className="danger" disabled={busy} onClick={() => void confirm()}>{busy ? 'Deleting…' : 'Delete profile'}</button>
      </div>
    </ModalDialog>
  );
}

export function SettingsProfiles() {
  const profiles = useSettings((s) => s.profiles);
  const [deleting, setDeleting] = useState<string>();
  const vaultKind = useApp((a) => a.info?.vault.kind);
  const [editing, setEditing] = useState<string | { new: true } | undefined>();
  return (
    <>
      <h2>IRP endpoint profiles</h2>
      <table className="plain settings-profiles">
        <thead><tr><th>Name</th><th>Kind</th><th>GSTIN</th><th>API user</th><th>NIC keys</th><th>Credentials</th><th /><th /></tr></thead>
        <tbody>
          {profiles.map((p) => (
            <tr key={p.name}>
              <td>{p.name}</td>
              <td>{KIND_LABELS[p.kind]}<div className="muted mono settings-url">{p.baseUrl}</div></td>
              <td className="mono">{p.gstin}</td><td>{p.userName}</td>
              <td data-testid={`keys-${p.name}`}><KeysCell p={p} /></td>
              <td data-testid={`credentials-${p.name}`}>{p.credentialsSet ? <span className="chip chip-registered">set</span> : <span className="chip chip-rejected">not set</span>}</td>
              <td><CredentialsForm profile={p} /></td>
              <td>
                <button className="link" aria-label={`Edit profile ${p.name}`} onClick={() => setEditing(p.name)}>Edit</button>{' '}
                <button className="link" aria-label={`Delete profile ${p.name}`} onClick={() => setDeleting(p.name)}>Delete</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing === undefined ? (
        <button className="secondary" onClick={() => setEditing({ new: true })}>Add profile</button>
      ) : (
        <ProfileForm key={typeof editing === 'string' ? editing : 'new'} profile={typeof editing === 'string' ? profiles.find((p) => p.name === editing) : undefined} onDone={() => setEditing(undefined)} />
      )}
      {deleting !== undefined && <DeleteProfile name={deleting} onClose={() => setDeleting(undefined)} />}
      <p className="muted">Secrets go straight to the {vaultKind === 'keychain' ? 'system keychain' : 'memory of this session (no keychain available)'}; this screen can replace them but never shows them.</p>
    </>
  );
}
