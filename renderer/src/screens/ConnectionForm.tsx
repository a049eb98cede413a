/**
 * "How do you connect to the IRP?": a profile set up by the road the business actually has
 * (through its GSP, the portal, NIC direct, or practice), each asking only for what that road needs.
 * A GSP road shows its preset's own words for each credential; secrets typed here go straight to the
 * keychain (credentials:set) and never come back. A change that would send stored secrets elsewhere
 * asks first (the core's sentence), and Test connection says what worked or what to fix.
 */
import { useEffect, useState } from 'react';
import type { BusinessView, GspPresetView, ProfileView, Req } from '../api/types';
import { useSettings } from '../stores/settings.store';
import { SettingsField } from './settings-fields';
import { ENDPOINT_CHOICES, GSP_WHERE_LABELS, PORTAL_URL, ROADS, choiceOf, roadOf, type GspWhere, type Road } from './settings-kinds';
import { ConfirmRemoval, KeysImport, TestConnection, secretsInput } from './settings-profile-parts';

interface FormState {
  name: string;
  road: Road;
  nicChoice: string;
  baseUrl: string;
  gstin: string;
  clientId: string;
  userName: string;
  preset: string;
  where: GspWhere;
  fields: Record<string, string>;
  custom: string;
  secrets: Record<string, string>;
}

function whereOf(p: ProfileView, preset: GspPresetView | undefined): GspWhere {
  if (p.baseUrl === 'practice-gsp') return 'practice';
  if (preset?.environments.sandbox === p.baseUrl) return 'sandbox';
  if (preset?.environments.production === p.baseUrl) return 'production';
  return 'other';
}

function initial(p: ProfileView | undefined, presets: GspPresetView[], business: BusinessView | undefined): FormState {
  const preset = presets.find((x) => x.id === p?.gsp?.preset);
  return {
    name: p?.name ?? '', road: p ? roadOf(p.kind) : 'gsp',
    nicChoice: p && roadOf(p.kind) === 'nic' ? choiceOf(p.kind, p.baseUrl) : 'nic-sandbox',
    baseUrl: p?.baseUrl ?? ENDPOINT_CHOICES[1]!.baseUrl, gstin: p?.gstin ?? business?.gstin ?? '', clientId: p?.clientId ?? '', userName: p?.userName ?? '',
    preset: p?.gsp?.preset ?? presets[0]?.id ?? 'adaequare', where: p?.kind === 'gsp' ? whereOf(p, preset) : 'practice',
    fields: p?.gsp?.fields ?? {}, custom: '', secrets: {},
  };
}

/** The profiles:save request for the form as it stands. */
function request(f: FormState, preset: GspPresetView | undefined): Req<'profiles:save'> {
  const base = { name: f.name.trim(), gstin: f.gstin.trim().toUpperCase(), clientId: f.clientId, userName: f.userName };
  if (f.road === 'portal') return { ...base, kind: 'portal', baseUrl: PORTAL_URL, clientId: '', userName: '' };
  if (f.road === 'practice') return { ...base, kind: 'practice', baseUrl: f.baseUrl || 'practice' };
  if (f.road === 'nic') {
    const choice = ENDPOINT_CHOICES.find((c) => c.id === f.nicChoice) ?? ENDPOINT_CHOICES[1]!;
    return { ...base, kind: choice.kind, baseUrl: f.baseUrl };
  }
  const baseUrl = f.where === 'practice' ? 'practice-gsp' : f.where === 'other' ? f.baseUrl : (preset?.environments[f.where] ?? f.baseUrl);
  let custom: unknown;
  if (f.preset === 'custom') {
    try {
      custom = JSON.parse(f.custom) as unknown;
    } catch {
      custom = f.custom;
    }
  }
  return { ...base, kind: 'gsp', baseUrl, gsp: { preset: f.preset, fields: f.fields, ...(f.preset === 'custom' ? { custom } : {}) } };
}

/** The secret inputs a road asks for (labels in the GSP's own words). */
function secretSlots(f: FormState, preset: GspPresetView | undefined): Array<{ kind: string; label: string; note?: string }> {
  if (f.road === 'portal') return [];
  if (f.road !== 'gsp' || !preset) return [{ kind: 'client-secret', label: 'Client secret' }, { kind: 'password', label: 'API password' }];
  const out: Array<{ kind: string; label: string; note?: string }> = [];
  if (preset.credentials.clientSecret) out.push({ kind: 'client-secret', label: 'Client secret', note: preset.credentials.clientSecret.means });
  if (preset.credentials.password) out.push({ kind: 'password', label: 'API password', note: preset.credentials.password.means });
  for (const fld of preset.fields.filter((x) => x.secret)) out.push({ kind: `gsp-${fld.key}`, label: fld.label, ...(fld.note ? { note: fld.note } : {}) });
  return out;
}

function GspFields({ f, set, presets, preset }: { f: FormState; set: (next: Partial<FormState>) => void; presets: GspPresetView[]; preset: GspPresetView | undefined }) {
  const fieldErrors = useSettings((s) => s.fieldErrors);
  return (
    <>
      <SettingsField label="Your GSP" problem={fieldErrors['gsp.preset']} note={preset?.portalName ? <>On the e-invoice portal, create the API user choosing <b>{preset.portalName}</b> (API Registration → Create API User → Through GSP).</> : undefined} wide>
        <select value={f.preset} onChange={(e) => set({ preset: e.target.value, fields: {} })}>
          {presets.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          <option value="custom">Another GSP (describe it with a file)</option>
        </select>
      </SettingsField>
      {f.preset === 'custom' ? (
        <SettingsField label="GSP description (JSON file)" problem={fieldErrors['gsp.custom'] ?? fieldErrors.gsp} note="See docs/connecting.md: base URL, paths, where each credential goes, where the answer's status and errors sit." wide>
          <input type="file" accept=".json,application/json" onChange={(e) => void e.target.files?.[0]?.text().then((custom) => set({ custom }))} />
        </SettingsField>
      ) : (
        <SettingsField label="Which of its systems" wide>
          <select value={f.where} onChange={(e) => set({ where: e.target.value as GspWhere })}>
            {(['practice', 'sandbox', 'production', 'other'] as const).filter((w) => w === 'practice' || w === 'other' || preset?.environments[w]).map((w) => <option key={w} value={w}>{GSP_WHERE_LABELS[w]}</option>)}
          </select>
        </SettingsField>
      )}
      {(f.where === 'other' || f.preset === 'custom') && (
        <SettingsField label="Base URL" problem={fieldErrors.baseUrl} note="https:// only" wide>
          <input value={f.baseUrl} onChange={(e) => set({ baseUrl: e.target.value })} required className="mono" placeholder="your GSP's API address" />
        </SettingsField>
      )}
      {preset?.credentials.clientId && (
        <SettingsField label="Client id" problem={fieldErrors.clientId} note={preset.credentials.clientId.means}>
          <input value={f.clientId} onChange={(e) => set({ clientId: e.target.value })} autoComplete="off" />
        </SettingsField>
      )}
      {(f.preset === 'custom' || preset?.credentials.user) && (
        <SettingsField label="API user name" problem={fieldErrors.userName} note={preset?.credentials.user?.means}>
          <input value={f.userName} onChange={(e) => set({ userName: e.target.value })} autoComplete="off" />
        </SettingsField>
      )}
      {preset?.fields.filter((x) => !x.secret).map((x) => (
        <SettingsField key={x.key} label={x.label} problem={fieldErrors[`gsp.fields.${x.key}`]} note={x.note}>
          <input value={f.fields[x.key] ?? ''} placeholder={x.default} onChange={(e) => set({ fields: { ...f.fields, [x.key]: e.target.value } })} />
        </SettingsField>
      ))}
      {preset && preset.notes.length > 0 && <details className="settings-span muted"><summary>What we know about {preset.name}</summary><ul>{preset.notes.map((n) => <li key={n}>{n}</li>)}</ul></details>}
    </>
  );
}

export function ConnectionForm({ profile, onDone }: { profile?: ProfileView; onDone: () => void }) {
  const { saveConnection, setSecrets, saveBusiness, fieldErrors, profiles, presets, businesses, loadPresets } = useSettings();
  useEffect(() => void loadPresets(), [loadPresets]);
  const [savedName, setSavedName] = useState(profile?.name);
  const current = profiles.find((p) => p.name === savedName) ?? profile;
  const [f, setF] = useState<FormState>(() => initial(profile, presets, businesses[0]));
  const [confirm, setConfirm] = useState<{ text: string; req: Req<'profiles:save'> }>();
  useEffect(() => {
    // the presets arrive after the first render of a new form
    if (!profile && presets.length > 0 && !presets.some((p) => p.id === f.preset) && f.preset !== 'custom') setF((x) => ({ ...x, preset: presets[0]!.id }));
  }, [presets, profile, f.preset]);
  const set = (next: Partial<FormState>) => setF({ ...f, ...next });
  const preset = presets.find((p) => p.id === f.preset);
  const slots = secretSlots(f, preset);
  const business = businesses.find((b) => b.gstin === current?.gstin);

  const send = async (req: Req<'profiles:save'>) => {
    const r = await saveConnection(req);
    if ('confirm' in r) return setConfirm({ text: r.confirm, req });
    if ('failed' in r) return undefined;
    const secrets = secretsInput(f.secrets);
    if (secrets) await setSecrets(r.saved.name, secrets);
    setF((x) => ({ ...x, secrets: {} }));
    setSavedName(r.saved.name);
    return undefined;
  };
  const pickNic = (id: string) => {
    const next = ENDPOINT_CHOICES.find((c) => c.id === id)!;
    const wasDefault = ENDPOINT_CHOICES.some((c) => c.baseUrl === f.baseUrl) || !f.baseUrl.trim();
    set({ nicChoice: id, baseUrl: wasDefault ? next.baseUrl : f.baseUrl });
  };
  const pickRoad = (road: Road) => {
    const url = road === 'practice' ? 'practice' : road === 'nic' ? (ENDPOINT_CHOICES.find((c) => c.id === f.nicChoice)?.baseUrl ?? '') : f.baseUrl;
    set({ road, baseUrl: ENDPOINT_CHOICES.some((c) => c.baseUrl === f.baseUrl) || f.baseUrl === 'practice' || !f.baseUrl ? url : f.baseUrl });
  };

  return (
    <div className="group settings-profile">
      <form className="settings-profile-form" aria-label={savedName ? `Edit profile ${savedName}` : 'New profile'} onSubmit={(e) => (e.preventDefault(), void send(request(f, preset)))}>
        <fieldset className="settings-roads settings-span">
          <legend>How do you connect to the IRP?</legend>
          {ROADS.map((r) => (
            <div key={r.id} className="settings-road">
              <label>
                <input type="radio" name="road" value={r.id} checked={f.road === r.id} onChange={() => pickRoad(r.id)} aria-describedby={`road-note-${r.id}`} />
                <b>{r.label}</b>
              </label>
              <span className="settings-note" id={`road-note-${r.id}`}>{r.note}</span>
            </div>
          ))}
        </fieldset>
        <SettingsField label="Profile name" problem={fieldErrors.name}>
          <input value={savedName ?? f.name} onChange={(e) => set({ name: e.target.value })} disabled={savedName !== undefined} required maxLength={64} />
        </SettingsField>
        <SettingsField label="Profile GSTIN" problem={fieldErrors.gstin}><input value={f.gstin} onChange={(e) => set({ gstin: e.target.value })} maxLength={15} required className="mono" /></SettingsField>
        {f.road === 'nic' && (
          <>
            <SettingsField label="Endpoint" problem={fieldErrors.kind}>
              <select value={f.nicChoice} onChange={(e) => pickNic(e.target.value)}>
                {ENDPOINT_CHOICES.filter((c) => c.kind.startsWith('nic')).map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
              </select>
            </SettingsField>
            <SettingsField label="Base URL" problem={fieldErrors.baseUrl} note="https:// only" wide><input value={f.baseUrl} onChange={(e) => set({ baseUrl: e.target.value })} required className="mono" /></SettingsField>
          </>
        )}
        {f.road === 'practice' && (
          <SettingsField label="Base URL" problem={fieldErrors.baseUrl} note={'"practice" is the practice IRP inside the app'} wide><input value={f.baseUrl} onChange={(e) => set({ baseUrl: e.target.value })} required className="mono" /></SettingsField>
        )}
        {(f.road === 'nic' || f.road === 'practice') && (
          <>
            <SettingsField label="Client id" problem={fieldErrors.clientId}><input value={f.clientId} onChange={(e) => set({ clientId: e.target.value })} required autoComplete="off" /></SettingsField>
            <SettingsField label="API user name" problem={fieldErrors.userName}><input value={f.userName} onChange={(e) => set({ userName: e.target.value })} required autoComplete="off" /></SettingsField>
          </>
        )}
        {f.road === 'gsp' && <GspFields f={f} set={set} presets={presets} preset={preset} />}
        {f.road === 'portal' && <p className="settings-span muted">Nothing else to set: select drafts in Invoices and use Prepare portal upload, upload the file on the e-invoice portal ({PORTAL_URL}), then import its results.</p>}
        {slots.map((s) => (
          <SettingsField key={s.kind} label={s.label} note={s.note ?? (current?.credentialsSet ? 'saved; type only to replace' : 'kept in the system keychain, never shown again')}>
            <input type="password" autoComplete="off" value={f.secrets[s.kind] ?? ''} onChange={(e) => set({ secrets: { ...f.secrets, [s.kind]: e.target.value } })} />
          </SettingsField>
        ))}
        <div className="actions settings-span">
          <button className="primary">Save profile</button>
          {current && <TestConnection name={current.name} />}
          {current && business && business.profileName !== current.name && (
            <button type="button" className="secondary" onClick={() => { const { id, hasLogo: _l, createdAt: _c, updatedAt: _u, ...rest } = business; void saveBusiness({ id, ...rest, profileName: current.name }); }}>
              Use for {business.tradeName ?? business.legalName}
            </button>
          )}
          <button type="button" className="secondary" onClick={onDone}>Close</button>
        </div>
      </form>
      {current && (current.kind === 'nic-sandbox' || current.kind === 'nic-production' || (current.kind === 'gsp' && current.baseUrl !== 'practice-gsp' && !current.baseUrl.startsWith('http:'))) && <KeysImport profile={current} />}
      {confirm && <ConfirmRemoval text={confirm.text} onNo={() => setConfirm(undefined)} onYes={() => { const req = { ...confirm.req, confirmCredentialRemoval: true }; setConfirm(undefined); void send(req); }} />}
    </div>
  );
}
