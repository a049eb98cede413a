/**
 * Endpoint profiles: where and as whom to talk to an IRP. Only public facts are stored; the client
 * secret and password belong in the vault. A GSP's extra headers are refused when a header looks
 * like a secret (name or value), so a GSP key cannot slip into the file through that side door.
 */
import type { Database, Statement } from 'better-sqlite3';
import { badInput, isUniqueViolation, LedgerError } from './errors';
import { isSecretKey, maskSecretText } from './mask-secrets';
import { isoNow, opt, type Clock } from './support';

export type ProfileKind = 'practice' | 'nic-sandbox' | 'nic-production' | 'gsp' | 'portal';
/** The base URL that names the practice IRP embedded in the app. */
export const EMBEDDED_PRACTICE_URL = 'practice';
/** The base URL of a GSP profile that names the embedded practice IRP's front door for its preset. */
export const PRACTICE_GSP_URL = 'practice-gsp';
export const PROFILE_KINDS: readonly ProfileKind[] = ['practice', 'nic-sandbox', 'nic-production', 'gsp', 'portal'];

export interface ProfileInput {
  name: string;
  kind: ProfileKind;
  baseUrl: string;
  gstin: string;
  clientId: string;
  userName: string;
  encryptionKeyPem?: string;
  signingCertPem?: string;
  extraHeaders?: Record<string, string>;
  /** The road's non-secret settings (a GSP's preset, environment, fields); never a secret. */
  connection?: Record<string, unknown>;
}

export interface Profile extends ProfileInput {
  id: number;
  extraHeaders: Record<string, string>;
  connection: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: number;
  name: string;
  kind: ProfileKind;
  base_url: string;
  gstin: string;
  client_id: string;
  user_name: string;
  encryption_key_pem: string | null;
  signing_cert_pem: string | null;
  extra_headers_json: string;
  connection_json: string;
  created_at: string;
  updated_at: string;
}

export class ProfilesRepo {
  private readonly upsertStmt: Statement;
  private readonly byName: Statement<{ name: string }, Row>;
  private readonly allStmt: Statement<[], Row>;
  private readonly deleteStmt: Statement<{ name: string }>;

  constructor(
    db: Database,
    private readonly clock: Clock,
  ) {
    this.upsertStmt = db.prepare(
      `INSERT INTO profiles (name, kind, base_url, gstin, client_id, user_name, encryption_key_pem, signing_cert_pem, extra_headers_json, connection_json, created_at, updated_at)
       VALUES (:name, :kind, :baseUrl, :gstin, :clientId, :userName, :encryptionKeyPem, :signingCertPem, :extraHeaders, :connection, :now, :now)
       ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, base_url = excluded.base_url, gstin = excluded.gstin,
         client_id = excluded.client_id, user_name = excluded.user_name, encryption_key_pem = excluded.encryption_key_pem,
         signing_cert_pem = excluded.signing_cert_pem, extra_headers_json = excluded.extra_headers_json,
         connection_json = excluded.connection_json, updated_at = excluded.updated_at`,
    );
    this.byName = db.prepare('SELECT * FROM profiles WHERE name = :name');
    this.allStmt = db.prepare('SELECT * FROM profiles ORDER BY name');
    this.deleteStmt = db.prepare('DELETE FROM profiles WHERE name = :name');
  }

  /** Creates the profile or replaces every field of the one with the same name. */
  save(input: ProfileInput): Profile {
    validate(input);
    try {
      this.upsertStmt.run({
        name: input.name,
        kind: input.kind,
        baseUrl: input.baseUrl,
        gstin: input.gstin,
        clientId: input.clientId,
        userName: input.userName,
        encryptionKeyPem: opt(input.encryptionKeyPem),
        signingCertPem: opt(input.signingCertPem),
        extraHeaders: JSON.stringify(input.extraHeaders ?? {}),
        connection: JSON.stringify(input.connection ?? {}),
        now: isoNow(this.clock),
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new LedgerError('LEDGER_DUPLICATE', `A profile named "${input.name}" already exists.`, 'name');
      throw e;
    }
    return this.get(input.name)!;
  }

  get(name: string): Profile | undefined {
    const row = this.byName.get({ name });
    return row && toProfile(row);
  }

  list(): Profile[] {
    return this.allStmt.all().map(toProfile);
  }

  /** Businesses using the profile keep existing with no profile (ON DELETE SET NULL). */
  delete(name: string): boolean {
    return this.deleteStmt.run({ name }).changes > 0;
  }
}

function validate(p: ProfileInput): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/.test(p.name)) throw badInput('name', 'must be 1-64 letters, digits, spaces, dots, dashes or underscores');
  if (!PROFILE_KINDS.includes(p.kind)) throw badInput('kind', `must be one of ${PROFILE_KINDS.join(', ')}`);
  // "practice" names the practice IRP embedded in the app (started on demand, electron/app/endpoints.ts)
  if (p.baseUrl === EMBEDDED_PRACTICE_URL) {
    if (p.kind !== 'practice') throw badInput('baseUrl', '"practice" is only for practice profiles; NIC and GSP profiles need an https URL');
  } else if (p.baseUrl === PRACTICE_GSP_URL) {
    if (p.kind !== 'gsp') throw badInput('baseUrl', '"practice-gsp" is only for GSP profiles');
  } else {
    let url: URL;
    try {
      url = new URL(p.baseUrl);
    } catch {
      throw badInput('baseUrl', 'must be an http(s) URL or "practice"');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badInput('baseUrl', 'must be an http(s) URL or "practice"');
    if (url.username || url.password) throw badInput('baseUrl', 'must not carry a user name or password; credentials go to the keychain');
  }
  if (!/^[0-9]{2}[0-9A-Z]{13}$/.test(p.gstin)) throw badInput('gstin', 'must be 15 characters: 2 digits then 13 capital letters or digits');
  // a GSP preset says which of the two it needs (electron/irp/gsp); a portal profile needs neither
  if (p.kind !== 'gsp' && p.kind !== 'portal') {
    if (!p.clientId.trim()) throw badInput('clientId', 'is required');
    if (!p.userName.trim()) throw badInput('userName', 'is required');
  }
  for (const [key, pem] of [['encryptionKeyPem', p.encryptionKeyPem], ['signingCertPem', p.signingCertPem]] as const) {
    if (pem !== undefined && !/-----BEGIN [A-Z ]+-----/.test(pem)) throw badInput(key, 'must be a PEM text (-----BEGIN ...-----)');
    if (pem !== undefined && /PRIVATE KEY/.test(pem)) throw badInput(key, 'is a private key; only the IRP public key or certificate belongs here');
  }
  for (const [name, value] of Object.entries(p.extraHeaders ?? {})) {
    if (typeof value !== 'string') throw badInput(`extraHeaders.${name}`, 'must be text');
    if (isSecretKey(name) || maskSecretText(value) !== value) {
      throw new LedgerError('LEDGER_SECRET_REFUSED', `The header "${name}" looks like a secret; store it in the keychain, not in the profile.`, `extraHeaders.${name}`);
    }
  }
  const connection = JSON.stringify(p.connection ?? {});
  if (connection.length > 64_000) throw badInput('connection', 'is too large (at most 64 000 characters of JSON)');
  if (maskSecretText(connection) !== connection) {
    throw new LedgerError('LEDGER_SECRET_REFUSED', 'The connection settings hold something that looks like a token; secrets belong in the keychain.', 'connection');
  }
}

function toProfile(r: Row): Profile {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    baseUrl: r.base_url,
    gstin: r.gstin,
    clientId: r.client_id,
    userName: r.user_name,
    encryptionKeyPem: r.encryption_key_pem ?? undefined,
    signingCertPem: r.signing_cert_pem ?? undefined,
    extraHeaders: JSON.parse(r.extra_headers_json) as Record<string, string>,
    connection: JSON.parse(r.connection_json) as Record<string, unknown>,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
