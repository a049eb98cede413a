/**
 * Credentials bound to their endpoint (issue 16 item 1). A stored secret is filed in the keychain
 * under the profile's name AND a fingerprint of where it may go: the kind, the base URL, the GSP
 * preset and its sign-in address, and the fingerprints of the public keys (the encryption key
 * protects the password on its way; the signing certificate decides what is believed). Repointing
 * a profile changes the fingerprint, so its old secrets are not even found for the new endpoint,
 * and saveProfile removes them; nothing a repointed profile sends was entered for it.
 */
import { createHash } from 'node:crypto';
import { CUSTOM_GSP } from '../irp/gsp/presets';
import type { Profile } from '../ledger';
import { credentialAccount, type SecretStore } from '../vault';
import { effectiveAuthUrl, gspConfigOf, gspSettingsOf } from './connection-settings';

/** What decides where a profile's secrets go. */
export type BindingFacts = Pick<Profile, 'kind' | 'baseUrl' | 'encryptionKeyPem' | 'signingCertPem' | 'connection'>;

function fingerprint(pem: string | undefined): string {
  if (!pem) return '';
  const body = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return createHash('sha256').update(Buffer.from(body, 'base64')).digest('hex');
}

function gspParts(p: BindingFacts): string[] {
  const s = gspSettingsOf(p);
  if (!s) return [];
  let auth: string;
  try {
    auth = effectiveAuthUrl(gspConfigOf(s), s, p.baseUrl) ?? '';
  } catch {
    auth = 'invalid';
  }
  // a custom description is bound whole: it decides which secret goes in which header
  const custom = s.preset === CUSTOM_GSP ? createHash('sha256').update(JSON.stringify(s.custom ?? null)).digest('hex') : '';
  return [s.preset, auth, custom];
}

/** 16 hex characters naming (kind, URL, GSP preset and sign-in address, key fingerprints). */
export function bindingOf(p: BindingFacts): string {
  const parts = [p.kind, p.baseUrl.replace(/\/+$/, '').toLowerCase(), ...gspParts(p), fingerprint(p.encryptionKeyPem), fingerprint(p.signingCertPem)];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

/** Whether two versions of a profile send secrets to the same place. */
export function sameBinding(a: BindingFacts, b: BindingFacts): boolean {
  return bindingOf(a) === bindingOf(b);
}

/** client-secret, password, and gsp-<key> for a GSP's secret fields. */
export type SecretKind = 'client-secret' | 'password' | `gsp-${string}`;

export function boundAccount(profileName: string, binding: string, kind: SecretKind): string {
  return `${profileName}/${binding}/${kind}`;
}

/** The secret fields a profile's road uses (none for practice and NIC: client secret and password only). */
export function secretFieldKeys(p: Pick<Profile, 'kind' | 'connection'>): string[] {
  const s = gspSettingsOf(p);
  if (!s) return [];
  try {
    return gspConfigOf(s).fields.filter((f) => f.secret).map((f) => f.key);
  } catch {
    return [];
  }
}

function allKinds(p: Pick<Profile, 'kind' | 'connection'>): SecretKind[] {
  return ['client-secret', 'password', ...secretFieldKeys(p).map((k): SecretKind => `gsp-${k}`)];
}

export async function readBound(vault: SecretStore, p: Profile, kind: SecretKind): Promise<string | undefined> {
  return vault.get(boundAccount(p.name, bindingOf(p), kind));
}

export async function writeBound(vault: SecretStore, p: Profile, kind: SecretKind, secret: string): Promise<void> {
  await vault.set(boundAccount(p.name, bindingOf(p), kind), secret);
}

/**
 * Removes every secret of the profile as it was (`p`): those filed under its binding and the
 * unbound entries of earlier versions ("name/password"), which cannot say where they were meant to go.
 */
export async function removeSecrets(vault: SecretStore, p: Pick<Profile, 'name'> & BindingFacts): Promise<boolean> {
  const binding = bindingOf(p);
  const accounts = [
    ...allKinds(p).map((k) => boundAccount(p.name, binding, k)),
    credentialAccount(p.name, 'client-secret'),
    credentialAccount(p.name, 'password'),
  ];
  const removed = await Promise.all(accounts.map((a) => vault.delete(a)));
  return removed.some(Boolean);
}

/** The secrets this road needs, as (kind, what the user calls it): what "credentials set" means here. */
export function neededSecrets(p: Profile): Array<{ kind: SecretKind; label: string; required: boolean }> {
  if (p.kind === 'portal') return [];
  const s = gspSettingsOf(p);
  if (!s) return [{ kind: 'client-secret', label: 'Client secret', required: true }, { kind: 'password', label: 'API password', required: true }];
  let config;
  try {
    config = gspConfigOf(s);
  } catch {
    return [];
  }
  const out: Array<{ kind: SecretKind; label: string; required: boolean }> = [];
  if (config.credentials.clientSecret) out.push({ kind: 'client-secret', label: `Client secret (${config.credentials.clientSecret.means})`, required: config.credentials.clientSecret.required });
  if (config.credentials.password) out.push({ kind: 'password', label: `API password (${config.credentials.password.means})`, required: config.credentials.password.required });
  for (const f of config.fields.filter((x) => x.secret)) out.push({ kind: `gsp-${f.key}`, label: f.label, required: f.required });
  return out;
}

/** True when every required secret of the profile's road is in the vault for its current binding. */
export async function secretsSet(vault: SecretStore, p: Profile): Promise<boolean> {
  const needed = neededSecrets(p).filter((n) => n.required);
  const values = await Promise.all(needed.map((n) => readBound(vault, p, n.kind)));
  return values.every(Boolean);
}
