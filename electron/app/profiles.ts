/**
 * Endpoint profiles as a person sets them up (Settings screen and `einvoice profile add`): the kind
 * picks the base URL, NIC's public key and signing certificate are checked before they are stored,
 * and what the UI may show of a profile is decided here (never a secret: those live in the vault).
 */
import { X509Certificate } from 'node:crypto';
import { formatDocDate, istDateOf } from '../../shared/dates';
import { checkEncryptionKeyPem, checkSigningCertificatePem, isIrpError, KNOWN_BASE_URLS } from '../irp';
import type { Ledger, Profile, ProfileInput, ProfileKind } from '../ledger';
import { EMBEDDED_PRACTICE_URL, PRACTICE_GSP_URL, PROFILE_KINDS } from '../ledger/profiles.repo';
import { SettingsError } from './business-settings';
import { checkGspSettings, gspConfigOf, gspSettingsOf, isSafeUrl } from './connection-settings';

export { PROFILE_KINDS };

/** The e-invoice portal (IRP-1), where a portal-road business uploads its files. */
export const PORTAL_URL = 'https://einvoice1.gst.gov.in';

/** The URL a new profile of each kind starts with (NIC's documented hosts, irp-protocol.md §1.1). */
export const DEFAULT_BASE_URLS: Record<ProfileKind, string> = {
  practice: EMBEDDED_PRACTICE_URL,
  'nic-sandbox': KNOWN_BASE_URLS.nicSandbox,
  'nic-production': KNOWN_BASE_URLS.nicProductionIrp1,
  gsp: '',
  portal: PORTAL_URL,
};

/** The kind a URL most likely belongs to (the CLI's default when --kind is not given). */
export function guessKind(endpoint: string): ProfileKind {
  if (endpoint === EMBEDDED_PRACTICE_URL) return 'practice';
  const host = new URL(endpoint).hostname;
  if (host === '127.0.0.1' || host === 'localhost' || host === '::1' || host === '[::1]') return 'practice';
  if ([KNOWN_BASE_URLS.nicSandbox, KNOWN_BASE_URLS.nicSandboxIrp1, KNOWN_BASE_URLS.nicSandboxIrp2].some((u) => new URL(u).hostname === host)) return 'nic-sandbox';
  if ([KNOWN_BASE_URLS.nicProductionIrp1, KNOWN_BASE_URLS.nicProductionIrp2].some((u) => new URL(u).hostname === host)) return 'nic-production';
  return 'gsp';
}

/**
 * The base URL without a trailing slash, or a specific refusal. Only a practice IRP may be plain
 * http (credentials would otherwise cross the network in clear), and "practice" names the one
 * embedded in the app.
 */
export function checkBaseUrl(kind: ProfileKind, raw: string): string {
  const text = raw.trim();
  if (text === EMBEDDED_PRACTICE_URL) {
    if (kind !== 'practice') throw new SettingsError('PROFILE_URL_INVALID', '"practice" names the practice IRP inside the app; a NIC or GSP profile needs its https:// address.', 'baseUrl');
    return text;
  }
  if (text === PRACTICE_GSP_URL) {
    if (kind !== 'gsp') throw new SettingsError('PROFILE_URL_INVALID', '"practice-gsp" names the practice IRP\'s front door for a GSP; only a GSP profile may use it.', 'baseUrl');
    return text;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SettingsError('PROFILE_URL_INVALID', `"${text.slice(0, 80)}" is not a web address; it must start with https:// (for example ${KNOWN_BASE_URLS.nicSandbox}).`, 'baseUrl');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new SettingsError('PROFILE_URL_INVALID', `The base URL must start with https:// (not ${url.protocol}).`, 'baseUrl');
  // http:// only to this computer: a practice IRP (or its GSP front door) runs here; anything else
  // would carry the password across a network in clear
  if (url.protocol === 'http:' && ((kind !== 'practice' && kind !== 'gsp') || !isSafeUrl(text))) {
    throw new SettingsError('PROFILE_URL_INSECURE', kind === 'practice' || kind === 'gsp'
      ? 'Over plain http:// the API password would travel unencrypted: only a practice IRP on this computer (127.0.0.1 or localhost) may use http://; any other address must be https://.'
      : 'A NIC endpoint must use https://: over plain http:// the API password would travel unencrypted. Only a practice IRP on this computer may use http://.', 'baseUrl');
  }
  if (url.username || url.password) throw new SettingsError('PROFILE_URL_INVALID', 'The base URL must not contain a user name or password; those go in the credentials form.', 'baseUrl');
  if (url.search || url.hash) throw new SettingsError('PROFILE_URL_INVALID', 'The base URL is the host only (no ?query or #part); the app adds the API paths.', 'baseUrl');
  return text.replace(/\/+$/, '');
}

/** What the UI may show of a signing certificate: public facts only. */
export interface CertificateFacts {
  /** SHA-1 of the DER, upper-case hex in colon pairs (how Windows and openssl show it; NIC's `kid` without colons). */
  thumbprintSha1: string;
  subject: string;
  validFrom: string;
  /** The last day it is valid, IST, YYYY-MM-DD. */
  validTo: string;
}

export function certificateFacts(pem: string): CertificateFacts {
  const cert = new X509Certificate(pem);
  const subject = /CN=([^\n]+)/.exec(cert.subject)?.[1] ?? cert.subject.split('\n')[0] ?? '';
  return {
    thumbprintSha1: cert.fingerprint,
    subject,
    validFrom: istDateOf(new Date(cert.validFrom)),
    validTo: istDateOf(new Date(cert.validTo)),
  };
}

function keyError(code: string, e: unknown): never {
  if (isIrpError(e)) throw new SettingsError(code, e.hint && !e.message.includes(e.hint) ? `${e.message} ${e.hint}` : e.message);
  throw e;
}

/**
 * Checks NIC's encryption public key and signing certificate given as PEM text (either or both).
 * Returns them normalised. An expired certificate is refused: signatures made with its key could
 * not be trusted, and it usually means an old file was picked.
 */
export function checkKeyFiles(
  input: { encryptionKeyPem?: string; signingCertPem?: string },
  now: Date,
  /** How messages name the files (the CLI gives their paths). */
  names: { encryptionKey?: string; signingCert?: string } = {},
): { encryptionKeyPem?: string; signingCertPem?: string } {
  const out: { encryptionKeyPem?: string; signingCertPem?: string } = {};
  if (input.encryptionKeyPem !== undefined) {
    try {
      out.encryptionKeyPem = checkEncryptionKeyPem(input.encryptionKeyPem, names.encryptionKey ?? 'The encryption key file');
    } catch (e) {
      keyError('ENCRYPTION_KEY_INVALID', e);
    }
  }
  if (input.signingCertPem !== undefined) {
    try {
      out.signingCertPem = checkSigningCertificatePem(input.signingCertPem, names.signingCert ?? 'The signing certificate file');
    } catch (e) {
      keyError('SIGNING_CERT_INVALID', e);
    }
    const facts = certificateFacts(out.signingCertPem);
    const cert = new X509Certificate(out.signingCertPem);
    if (new Date(cert.validTo).getTime() < now.getTime()) {
      throw new SettingsError('SIGNING_CERT_EXPIRED', `${names.signingCert ?? 'The signing certificate'} expired on ${formatDocDate(facts.validTo)}; download the current one from the IRP's developer portal.`);
    }
  }
  return out;
}

const SECRET_HEADER = /key|auth|secret|token|password|passwd|cookie|signature|credential/;

/** A profile as a person types it: the ledger's input without the keys (importProfileKeys sets those); `gsp` for the GSP road. */
export type ProfileFields = Omit<ProfileInput, 'encryptionKeyPem' | 'signingCertPem' | 'connection'> & { gsp?: unknown };

/**
 * The profile as it would be stored (checked, not yet saved), and the one it replaces. Imported keys
 * stay with the profile across edits; GSP headers and settings are kept only for GSP profiles.
 */
export function planProfile(ledger: Ledger, fields: ProfileFields): { input: ProfileInput; existing?: Profile } {
  if (!PROFILE_KINDS.includes(fields.kind)) throw new SettingsError('PROFILE_KIND_INVALID', `The kind must be one of ${PROFILE_KINDS.join(', ')}.`, 'kind');
  const baseUrl = checkBaseUrl(fields.kind, fields.baseUrl);
  const existing = ledger.profiles.get(fields.name.trim());
  const headers: Record<string, string> = {};
  if (fields.kind === 'gsp') for (const [k, v] of Object.entries(fields.extraHeaders ?? {})) if (k.trim()) headers[k.trim()] = v.trim();
  for (const name of Object.keys(headers)) {
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) throw new SettingsError('PROFILE_HEADER_INVALID', `"${name}" cannot be an HTTP header name (letters, digits and - only).`, `extraHeaders.${name}`);
    // profiles live in the ledger file: a key or credential would sit there unencrypted
    if (SECRET_HEADER.test(name.toLowerCase().replace(/[^a-z]/g, ''))) {
      throw new SettingsError('PROFILE_HEADER_SECRET', `The header "${name}" looks like a key or credential, and headers are stored unencrypted in the ledger. Choose your GSP's preset (or a custom GSP file with a secret field): its secrets are kept in the keychain and sent from there.`, `extraHeaders.${name}`);
    }
  }
  let connection: Record<string, unknown> = {};
  const clientId = fields.clientId.trim();
  const userName = fields.userName.trim();
  if (fields.kind === 'gsp') {
    if (fields.gsp === undefined) throw new SettingsError('GSP_SETTINGS_MISSING', 'Choose the GSP (a preset, or a custom GSP description).', 'gsp.preset');
    const { settings, config } = checkGspSettings(fields.gsp);
    if (baseUrl === PRACTICE_GSP_URL && settings.preset === 'custom') throw new SettingsError('PROFILE_URL_INVALID', 'The practice IRP has front doors for the presets only; a custom GSP needs its own address.', 'baseUrl');
    if (config.credentials.clientId?.required && !clientId) throw new SettingsError('CLIENT_ID_MISSING', `${config.name} needs the client id: ${config.credentials.clientId.means}.`, 'clientId');
    if (config.credentials.user?.required && !userName) throw new SettingsError('USER_MISSING', `${config.name} needs the API user: ${config.credentials.user.means}.`, 'userName');
    connection = { gsp: settings };
  } else if (fields.kind !== 'portal') {
    if (!clientId) throw new SettingsError('CLIENT_ID_MISSING', 'The client id is required.', 'clientId');
    if (!userName) throw new SettingsError('USER_MISSING', 'The API user name is required.', 'userName');
  }
  const input: ProfileInput = {
    name: fields.name.trim(),
    kind: fields.kind,
    baseUrl,
    gstin: fields.gstin.trim().toUpperCase(),
    clientId,
    userName,
    extraHeaders: headers,
    connection,
    ...(existing?.encryptionKeyPem ? { encryptionKeyPem: existing.encryptionKeyPem } : {}),
    ...(existing?.signingCertPem ? { signingCertPem: existing.signingCertPem } : {}),
  };
  return { input, ...(existing ? { existing } : {}) };
}

/** Creates or edits a profile (by name); the caller removes secrets whose endpoint changed (settings.handlers.ts). */
export function saveProfile(ledger: Ledger, fields: ProfileFields): Profile {
  return ledger.profiles.save(planProfile(ledger, fields).input);
}

/** The profile with NIC's key and/or certificate checked and put in (not saved), and the profile before. */
export function planKeyImport(ledger: Ledger, name: string, files: { encryptionKeyPem?: string; signingCertPem?: string }, now: Date): { input: ProfileInput; existing: Profile } {
  const profile = ledger.profiles.get(name);
  if (!profile) throw new SettingsError('PROFILE_NOT_FOUND', `There is no endpoint profile named "${name}"; save the profile first.`);
  if (files.encryptionKeyPem === undefined && files.signingCertPem === undefined) {
    throw new SettingsError('KEYS_MISSING', 'Choose the encryption public key file, the signing certificate file, or both.');
  }
  const checked = checkKeyFiles(files, now);
  const { id: _id, createdAt: _c, updatedAt: _u, ...input } = profile;
  return { input: { ...input, ...checked }, existing: profile };
}

/** Stores NIC's key and/or certificate on an existing profile after checking them. */
export function importProfileKeys(ledger: Ledger, name: string, files: { encryptionKeyPem?: string; signingCertPem?: string }, now: Date): Profile {
  return ledger.profiles.save(planKeyImport(ledger, name, files, now).input);
}

/** Whether a profile can talk to its IRP as far as keys go: practice IRPs publish theirs, a portal profile needs none. */
export function profileHasKeys(p: Profile): boolean {
  if (p.kind === 'practice' || p.kind === 'portal') return true;
  if (p.kind === 'gsp') {
    if (p.baseUrl === PRACTICE_GSP_URL || (p.baseUrl.startsWith('http:') && isSafeUrl(p.baseUrl))) return true;
    const settings = gspSettingsOf(p);
    let crypto: string | undefined;
    try {
      crypto = settings ? gspConfigOf(settings).crypto : undefined;
    } catch {
      crypto = undefined;
    }
    // a plain-JSON GSP does NIC's encryption itself: only NIC's signing certificate is needed here
    return Boolean(p.signingCertPem && (p.encryptionKeyPem || crypto === 'plain'));
  }
  return Boolean(p.encryptionKeyPem && p.signingCertPem);
}

/** The public facts about a profile's imported keys, for the Settings table. */
export function profileKeyFacts(p: Profile): { encryptionKeyImported: boolean; signingCert?: CertificateFacts } {
  let signingCert: CertificateFacts | undefined;
  if (p.signingCertPem) {
    try {
      signingCert = certificateFacts(p.signingCertPem);
    } catch {
      // a certificate stored before these checks existed and not readable: shown as not imported
    }
  }
  return { encryptionKeyImported: Boolean(p.encryptionKeyPem), ...(signingCert ? { signingCert } : {}) };
}
