/**
 * Settings › IRP endpoint profiles: how each business reaches the IRP (the guided form in
 * ConnectionForm.tsx), NIC's keys, the credentials (write-only) and Test connection. Nothing secret
 * is ever shown: the table says "set"/"not set" for credentials and shows the certificate's public facts.
 */
import { useState } from 'react';
import { ModalDialog } from '../components/ModalDialog';
import { useApp } from '../stores/app.store';
import { useSettings } from '../stores/settings.store';
import { ConnectionForm } from './ConnectionForm';
import { KIND_LABELS } from './settings-kinds';
import { CredentialsForm, KeysCell, TestConnection } from './settings-profile-parts';

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
      <p className="muted">Real invoices need a GSP or direct NIC access, or the portal's file upload; see docs/connecting.md.</p>
      <table className="plain settings-profiles">
        <thead><tr><th>Name</th><th>Kind</th><th>GSTIN</th><th>API user</th><th>NIC keys</th><th>Credentials</th><th /><th /></tr></thead>
        <tbody>
          {profiles.map((p) => (
            <tr key={p.name}>
              <td>{p.name}</td>
              <td>{p.gsp ? `GSP: ${p.gsp.name}` : KIND_LABELS[p.kind]}<div className="muted mono settings-url">{p.baseUrl}</div></td>
              <td className="mono">{p.gstin}</td><td>{p.userName}</td>
              <td data-testid={`keys-${p.name}`}><KeysCell p={p} /></td>
              <td data-testid={`credentials-${p.name}`}>{p.kind === 'portal' ? <span className="muted">none</span> : p.credentialsSet ? <span className="chip chip-registered">set</span> : <span className="chip chip-rejected">not set</span>}</td>
              <td><CredentialsForm profile={p} />{p.kind !== 'portal' && <TestConnection name={p.name} />}</td>
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
        <ConnectionForm key={typeof editing === 'string' ? editing : 'new'} profile={typeof editing === 'string' ? profiles.find((p) => p.name === editing) : undefined} onDone={() => setEditing(undefined)} />
      )}
      {deleting !== undefined && <DeleteProfile name={deleting} onClose={() => setDeleting(undefined)} />}
      <p className="muted">Secrets go straight to the {vaultKind === 'keychain' ? 'system keychain' : 'memory of this session (no keychain available)'}; this screen can replace them but never shows them.</p>
    </>
  );
}
