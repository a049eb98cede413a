/**
 * Pieces of Settings › connections: the write-only secrets form of a profile (what its road needs,
 * never shown back), NIC's key import, a Test connection answer, and the "this removes your stored
 * secrets" confirmation every repoint asks for (issue 16).
 */
import { useState } from 'react';
import { formatDocDate } from '../../../shared/dates';
import type { ProfileView } from '../api/types';
import { ModalDialog } from '../components/ModalDialog';
import { useSettings, type SecretsInput } from '../stores/settings.store';
import { readPemFile, SettingsField } from './settings-fields';

/** What Save credentials sends: client-secret / password by name, a GSP's secret fields under `secrets`. */
export function secretsInput(values: Record<string, string>): SecretsInput | undefined {
  const out: SecretsInput = {};
  const extra: Record<string, string> = {};
  for (const [kind, value] of Object.entries(values)) {
    if (!value) continue;
    if (kind === 'client-secret') out.clientSecret = value;
    else if (kind === 'password') out.password = value;
    else if (kind.startsWith('gsp-')) extra[kind.slice(4)] = value;
  }
  if (Object.keys(extra).length > 0) out.secrets = extra;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The label of a secret input: the practice and NIC ones keep their short names. */
function shortLabel(kind: string, label: string): string {
  if (kind === 'client-secret') return 'Client secret';
  if (kind === 'password') return 'API password';
  return label;
}

export function CredentialsForm({ profile }: { profile: ProfileView }) {
  const setSecrets = useSettings((s) => s.setSecrets);
  const needed = profile.secretsNeeded ?? [{ kind: 'client-secret', label: 'Client secret', required: true }, { kind: 'password', label: 'API password', required: true }];
  const [values, setValues] = useState<Record<string, string>>({});
  if (needed.length === 0) return <span className="muted">no secrets (portal upload)</span>;
  const submit = async () => {
    const input = secretsInput(values);
    if (input && (await setSecrets(profile.name, input))) setValues({});
  };
  return (
    <form className="inline-form" onSubmit={(e) => (e.preventDefault(), void submit())}>
      {needed.map((n) => (
        <input key={n.kind} type="password" autoComplete="off" placeholder={shortLabel(n.kind, n.label)} title={n.label}
          aria-label={`${shortLabel(n.kind, n.label)} for ${profile.name}`} value={values[n.kind] ?? ''}
          onChange={(e) => setValues({ ...values, [n.kind]: e.target.value })} required={n.required && !profile.credentialsSet} />
      ))}
      <button className="secondary">Save credentials</button>
    </form>
  );
}

/** What the table says about a profile's NIC keys. */
export function KeysCell({ p }: { p: ProfileView }) {
  if (p.kind === 'portal') return <span className="muted">none needed</span>;
  if ((p.kind === 'practice' || p.baseUrl === 'practice-gsp') && !p.signingCert) return <span className="muted">published by the practice IRP</span>;
  const cert = p.signingCert;
  return (
    <div className="settings-keys">
      {p.hasKeys ? <span className="chip chip-registered">keys: imported</span> : <span className="chip chip-rejected">keys: {p.encryptionKeyImported || cert ? 'incomplete' : 'missing'}</span>}
      <span className="muted">{p.encryptionKeyImported ? 'encryption key ✓' : p.gsp?.crypto === 'plain' ? 'no encryption key (the GSP encrypts)' : 'no encryption key'}</span>
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

/** "Changing X removes the saved password …": the core's sentence, and the person's answer. */
export function ConfirmRemoval({ text, onYes, onNo }: { text: string; onYes: () => void; onNo: () => void }) {
  return (
    <ModalDialog isOpen onClose={onNo} title="Remove the saved secrets?" testId="confirm-removal-dialog">
      <p>{text}</p>
      <div className="actions">
        <button className="secondary" autoFocus onClick={onNo}>Keep things as they are</button>
        <button className="danger" onClick={onYes}>Go ahead and remove them</button>
      </div>
    </ModalDialog>
  );
}

export function KeysImport({ profile }: { profile: ProfileView }) {
  const importKeysAsking = useSettings((s) => s.importKeysAsking);
  const fieldErrors = useSettings((s) => s.fieldErrors);
  const [keyFile, setKeyFile] = useState<File>();
  const [certFile, setCertFile] = useState<File>();
  const [formKey, setFormKey] = useState(0);
  const [confirm, setConfirm] = useState<{ text: string; input: Parameters<typeof importKeysAsking>[0] }>();
  const send = async (input: Parameters<typeof importKeysAsking>[0]) => {
    const r = await importKeysAsking(input);
    if ('confirm' in r) return setConfirm({ text: r.confirm, input });
    if ('failed' in r) return undefined;
    setKeyFile(undefined);
    setCertFile(undefined);
    setFormKey((k) => k + 1);
    return undefined;
  };
  const submit = async () => {
    const encryptionKeyPem = keyFile ? await readPemFile(keyFile) : undefined;
    const signingCertPem = certFile ? await readPemFile(certFile) : undefined;
    await send({ name: profile.name, ...(encryptionKeyPem !== undefined ? { encryptionKeyPem } : {}), ...(signingCertPem !== undefined ? { signingCertPem } : {}) });
  };
  const plainGsp = profile.gsp?.crypto === 'plain';
  return (
    <fieldset className="settings-keys-import" key={formKey}>
      <legend>NIC keys for {profile.name}</legend>
      <p className="muted settings-span">
        {plainGsp
          ? 'Your GSP does NIC\'s encryption; the app still checks NIC\'s signatures itself, with NIC\'s signing certificate (from the IRP\'s developer portal).'
          : 'From the IRP\'s developer portal: the public key that encrypts your login, and the certificate that checks the IRP\'s signatures. PEM or DER files.'}
      </p>
      {!plainGsp && (
        <SettingsField label="Encryption public key" problem={fieldErrors.encryptionKeyPem}>
          <input type="file" accept=".pem,.key,.pub,.txt,.cer,.der" onChange={(e) => setKeyFile(e.target.files?.[0])} />
        </SettingsField>
      )}
      <SettingsField label="Signing certificate" problem={fieldErrors.signingCertPem}>
        <input type="file" accept=".pem,.cer,.crt,.der,.txt" onChange={(e) => setCertFile(e.target.files?.[0])} />
      </SettingsField>
      <div className="actions"><button type="button" className="secondary" disabled={!keyFile && !certFile} onClick={() => void submit()}>Import keys</button></div>
      {confirm && <ConfirmRemoval text={confirm.text} onNo={() => setConfirm(undefined)} onYes={() => { const input = { ...confirm.input, confirmCredentialRemoval: true }; setConfirm(undefined); void send(input); }} />}
    </fieldset>
  );
}

/** The Test connection button and its one-sentence answer. */
export function TestConnection({ name }: { name: string }) {
  const test = useSettings((s) => s.tests[name]);
  const run = useSettings((s) => s.testProfile);
  const running = test !== undefined && 'running' in test;
  return (
    <div className="settings-test">
      <button type="button" className="secondary" aria-label={`Test connection ${name}`} disabled={running} onClick={() => void run(name)}>{running ? 'Testing…' : 'Test connection'}</button>
      <p className={`settings-test-result${test && !running ? (test.ok ? ' ok' : ' failed') : ''}`} data-testid={`test-result-${name}`} aria-live="polite">
        {test && !running ? `${test.ok ? '✓' : '✗'} ${test.sentence}` : ''}
      </p>
    </div>
  );
}
