/**
 * Settings › Businesses: the seller details the invoice carries, the facts the IRP rules depend on
 * (AATO band, e-invoicing start date), what only the print shows (logo, bank, terms), and the
 * endpoint profile each business registers through.
 */
import { useEffect, useState } from 'react';
import type { BusinessView, ProfileView } from '../api/types';
import { DocDateInput } from '../components/DocDateInput';
import { StateOptions } from '../components/StateOptions';
import { focusWhenReady } from '../focus';
import { useNav } from '../stores/nav.store';
import { useApp } from '../stores/app.store';
import { useSettings } from '../stores/settings.store';
import { AATO_BANDS, bandImplication, bandOf, croreFor } from './settings-aato';
import { readFileDataUrl, SettingsField } from './settings-fields';

/** The stored logo as a data: URL, fetched again when the business changes. */
function useStoredLogo(business: BusinessView | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  const key = business?.hasLogo ? `${business.id}@${business.updatedAt}` : '';
  useEffect(() => {
    let live = true;
    if (business?.hasLogo) void useSettings.getState().logoUrl(business.id).then((u) => live && setUrl(u));
    else setUrl(undefined);
    return () => void (live = false);
  }, [key]); // key stands for id, hasLogo and updatedAt
  return url;
}

export function LogoThumb({ business }: { business: BusinessView }) {
  const url = useStoredLogo(business);
  return url ? <img className="settings-logo-thumb" src={url} alt={`Logo of ${business.legalName}`} /> : <span className="muted">—</span>;
}

type Logo = { kind: 'keep' } | { kind: 'new'; dataUrl: string; base64: string; name: string } | { kind: 'remove' };

function BusinessForm({ business, profiles, onDone }: { business?: BusinessView; profiles: ProfileView[]; onDone: () => void }) {
  const { saveBusiness, setLogo, fieldErrors } = useSettings();
  const today = useApp((a) => a.info?.today) ?? new Date().toISOString().slice(0, 10);
  const [savedId, setSavedId] = useState(business?.id);
  const [f, setF] = useState({
    gstin: business?.gstin ?? '', legalName: business?.legalName ?? '', tradeName: business?.tradeName ?? '', address1: business?.address1 ?? '',
    location: business?.location ?? '', pin: business ? String(business.pin) : '', stateCode: business?.stateCode ?? '',
    aatoBand: bandOf(business?.aatoCrore), startDate: business?.einvoiceStartDate ?? '',
    bankName: business?.bank?.name ?? '', bankAccount: business?.bank?.account ?? '', bankIfsc: business?.bank?.ifsc ?? '', bankBranch: business?.bank?.branch ?? '',
    terms: business?.terms ?? '', profileName: business?.profileName ?? '',
  });
  const [logo, setLogoState] = useState<Logo>({ kind: 'keep' });
  // a new key empties the file input when the chosen file is dropped again
  const [pickerKey, setPickerKey] = useState(0);
  const [dateProblem, setDateProblem] = useState<string>();
  // the date field's segments hold a half-typed or impossible date: refused on save, not dropped
  const [datePending, setDatePending] = useState(false);
  const stored = useStoredLogo(business);
  const preview = logo.kind === 'new' ? logo.dataUrl : logo.kind === 'remove' ? undefined : stored;

  const field = (k: keyof typeof f) => ({ value: f[k], onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => setF({ ...f, [k]: e.target.value }) });

  const chooseLogo = async (file: File | undefined) => {
    if (!file) return;
    const { dataUrl, base64 } = await readFileDataUrl(file);
    setLogoState({ kind: 'new', dataUrl, base64, name: file.name });
  };

  const submit = async () => {
    const startDate = f.startDate || undefined;
    if (datePending) return setDateProblem('Finish the date as dd/mm/yyyy, for example 01/08/2023, or clear it with Backspace.');
    setDateProblem(undefined);
    const bank = { name: f.bankName, account: f.bankAccount, ifsc: f.bankIfsc, branch: f.bankBranch };
    const aatoCrore = croreFor(f.aatoBand, business?.aatoCrore);
    const saved = await saveBusiness({
      ...(savedId !== undefined ? { id: savedId } : {}),
      gstin: f.gstin.trim().toUpperCase(), legalName: f.legalName, ...(f.tradeName.trim() ? { tradeName: f.tradeName.trim() } : {}), address1: f.address1, location: f.location,
      pin: Number(f.pin), stateCode: f.stateCode, ...(aatoCrore !== undefined ? { aatoCrore } : {}), ...(startDate ? { einvoiceStartDate: startDate } : {}),
      ...(Object.values(bank).some((v) => v.trim()) ? { bank } : {}), ...(f.terms.trim() ? { terms: f.terms.trim() } : {}),
      ...(f.profileName ? { profileName: f.profileName } : {}),
      // keep what this form does not show (phone, e-mail, second address line)
      ...(business?.address2 ? { address2: business.address2 } : {}), ...(business?.phone ? { phone: business.phone } : {}), ...(business?.email ? { email: business.email } : {}),
    });
    if (!saved) return;
    setSavedId(saved.id);
    if (logo.kind !== 'keep') {
      // a refused logo leaves the form open on the saved business, with the reason at the logo
      if (!(await setLogo(saved.id, logo.kind === 'new' ? logo.base64 : null))) return;
      useSettings.setState({ message: { kind: 'ok', text: logo.kind === 'new' ? 'Business saved with its logo.' : 'Business saved; logo removed.' } });
    }
    onDone();
  };

  return (
    <form className="group settings-business" aria-label={business ? `Edit ${business.legalName}` : 'New business'} onSubmit={(e) => (e.preventDefault(), void submit())}>
      <SettingsField label="GSTIN" problem={fieldErrors.gstin}><input {...field('gstin')} maxLength={15} required /></SettingsField>
      <SettingsField label="Legal name" problem={fieldErrors.legalName} wide><input {...field('legalName')} required /></SettingsField>
      <SettingsField label="Trade name"><input {...field('tradeName')} /></SettingsField>
      <SettingsField label="Address" problem={fieldErrors.address1} wide><input {...field('address1')} required /></SettingsField>
      <SettingsField label="City" problem={fieldErrors.location}><input {...field('location')} required /></SettingsField>
      <SettingsField label="PIN" problem={fieldErrors.pin}><input {...field('pin')} inputMode="numeric" maxLength={6} required /></SettingsField>
      <SettingsField label="State" problem={fieldErrors.stateCode}>
        <select {...field('stateCode')} required>
          <StateOptions />
        </select>
      </SettingsField>
      <SettingsField label="Turnover band (AATO)" problem={fieldErrors.aatoCrore} note={bandImplication(f.aatoBand, today)} wide>
        <select {...field('aatoBand')} data-field="aatoBand">
          <option value="">not stated</option>
          {AATO_BANDS.map((b) => <option key={b.id} value={b.id}>{b.label}</option>)}
        </select>
      </SettingsField>
      <SettingsField label="E-invoicing start date" problem={dateProblem ?? fieldErrors.einvoiceStartDate} note="dd/mm/yyyy; documents dated earlier need no IRN">
        <DocDateInput label="E-invoicing start date" value={f.startDate} onChange={(startDate) => setF((prev) => ({ ...prev, startDate }))} onPending={setDatePending} />
      </SettingsField>
      <SettingsField label="Endpoint profile" problem={fieldErrors.profileName}>
        <select {...field('profileName')}>
          <option value="">—</option>
          {profiles.map((p) => <option key={p.name} value={p.name}>{p.name} ({p.kind})</option>)}
        </select>
      </SettingsField>

      <fieldset className="settings-print" aria-describedby="settings-print-note">
        <legend>On the printed invoice</legend>
        <p className="muted settings-span" id="settings-print-note">Bank details print when the bank name, account number and IFSC are all filled in.</p>
        <SettingsField label="Bank name" problem={fieldErrors.bank}><input {...field('bankName')} autoComplete="off" /></SettingsField>
        <SettingsField label="Account number" problem={fieldErrors['bank.account']}><input {...field('bankAccount')} autoComplete="off" inputMode="numeric" maxLength={20} /></SettingsField>
        <SettingsField label="IFSC" problem={fieldErrors['bank.ifsc']}>
          <input value={f.bankIfsc} onChange={(e) => setF({ ...f, bankIfsc: e.target.value.toUpperCase() })} maxLength={11} autoComplete="off" className="mono" />
        </SettingsField>
        <SettingsField label="Branch"><input {...field('bankBranch')} autoComplete="off" /></SettingsField>
        <SettingsField label="Terms and conditions" problem={fieldErrors.terms} note="one per line; printed numbered" wide>
          <textarea {...field('terms')} rows={3} maxLength={2000} />
        </SettingsField>
        <div className="settings-logo">
          <SettingsField label="Logo (PNG or JPEG, up to 1 MB)" problem={fieldErrors.logo}>
            <input key={pickerKey} type="file" accept="image/png,image/jpeg" onChange={(e) => void chooseLogo(e.target.files?.[0])} />
          </SettingsField>
          {preview ? (
            <figure className="settings-logo-preview">
              <img src={preview} alt="Logo preview" onError={(e) => (e.currentTarget.style.visibility = 'hidden')} />
              <figcaption className="muted">{logo.kind === 'new' ? `${logo.name} (saved with the business)` : 'Logo on file'}</figcaption>
            </figure>
          ) : (
            <span className="muted">{logo.kind === 'remove' ? 'The logo will be removed when you save.' : 'No logo.'}</span>
          )}
          {(preview || logo.kind === 'new') && <button type="button" className="secondary" onClick={() => (setLogoState(stored ? { kind: 'remove' } : { kind: 'keep' }), setPickerKey((k) => k + 1))}>Remove logo</button>}
        </div>
      </fieldset>
      <div className="actions"><button className="primary">Save business</button><button type="button" className="secondary" onClick={onDone}>Close</button></div>
    </form>
  );
}

export function SettingsBusinesses() {
  const { businesses, profiles } = useSettings();
  const [editing, setEditing] = useState<number | 'new' | undefined>();
  // the editor sends the user here to state a turnover band: open that business at the band
  const askedFor = useNav((n) => (n.route.name === 'settings' ? n.route.businessId : undefined));
  const askedLoaded = businesses.some((b) => b.id === askedFor);
  useEffect(() => {
    if (askedFor === undefined || !askedLoaded) return;
    setEditing(askedFor);
    focusWhenReady('select[data-field="aatoBand"]');
  }, [askedFor, askedLoaded]);
  const unstated = businesses.filter((b) => b.aatoCrore === undefined);
  const chooseBand = (id: number) => {
    setEditing(id);
    focusWhenReady('select[data-field="aatoBand"]');
  };
  return (
    <>
      <h2>Businesses</h2>
      {unstated.map((b) => (
        <div key={b.id} className="notice notice-warn" data-testid="turnover-prompt">
          <b>What is the turnover band of {b.tradeName ?? b.legalName}?</b> The IRP decides by it whether 4-digit HSN codes are accepted
          (6 digits from ₹5 crore) and how old an invoice may be when registered; until it is stated, the editor holds such invoices back
          rather than guess. <button className="link" onClick={() => chooseBand(b.id)}>Choose the band</button>
        </div>
      ))}
      <table className="plain">
        <thead><tr><th>GSTIN</th><th>Name</th><th>City</th><th>Turnover</th><th>Logo</th><th>Profile</th><th /></tr></thead>
        <tbody>
          {businesses.map((b) => (
            <tr key={b.id}>
              <td className="mono">{b.gstin}</td><td>{b.legalName}</td><td>{b.location} {b.pin}</td>
              <td>{AATO_BANDS.find((x) => x.id === bandOf(b.aatoCrore))?.label ?? 'not stated'}</td>
              <td><LogoThumb business={b} /></td>
              <td>{b.profileName ?? '—'}</td>
              <td><button className="link" aria-label={`Edit ${b.legalName}`} onClick={() => setEditing(b.id)}>Edit</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing === undefined ? (
        <button className="secondary" onClick={() => setEditing('new')}>Add business</button>
      ) : (
        // keyed on the business being there too: one asked for before the list loaded opens filled in
        <BusinessForm key={`${editing}:${businesses.some((b) => b.id === editing)}`} business={businesses.find((b) => b.id === editing)} profiles={profiles} onDone={() => setEditing(undefined)} />
      )}
    </>
  );
}
