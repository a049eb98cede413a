/** Settings: a short composition of businesses, endpoint profiles, and the data folder and vault. */
import { useEffect } from 'react';
import { useApp } from '../stores/app.store';
import { useSettings } from '../stores/settings.store';
import { SettingsBusinesses } from './SettingsBusiness';
import { SettingsProfiles } from './SettingsProfiles';

export function Settings() {
  const message = useSettings((s) => s.message);
  const info = useApp((a) => a.info);
  useEffect(() => void useSettings.getState().load(), []);

  return (
    <section className="settings">
      <h1>Settings</h1>
      {message && <div className={`notice notice-${message.kind}`} role="status">{message.text}</div>}
      <SettingsBusinesses />
      <SettingsProfiles />
      <h2>Data</h2>
      <dl className="facts">
        <dt>Data folder</dt><dd className="mono">{info?.dataDir}</dd>
        <dt>Credential store</dt><dd>{info?.vault.kind === 'keychain' ? 'System keychain' : 'Memory only'}</dd>
        <dt>Version</dt><dd>{info?.version}</dd>
      </dl>
    </section>
  );
}
