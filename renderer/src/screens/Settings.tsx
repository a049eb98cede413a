/** Settings: a short composition of businesses, endpoint profiles, and the data folder and vault. */
import { useEffect } from 'react';
import { useSettings } from '../stores/settings.store';
import { SettingsBusinesses } from './SettingsBusiness';
import { SettingsData } from './SettingsData';
import { SettingsNumbering } from './SettingsNumbering';
import { SettingsProfiles } from './SettingsProfiles';

export function Settings() {
  const message = useSettings((s) => s.message);
  useEffect(() => void useSettings.getState().load(), []);

  return (
    <section className="settings">
      <h1>Settings</h1>
      {message && <div className={`notice notice-${message.kind}`} role="status">{message.text}</div>}
      <SettingsBusinesses />
      <SettingsNumbering />
      <SettingsProfiles />
      <SettingsData />
    </section>
  );
}
