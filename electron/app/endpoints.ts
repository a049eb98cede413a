/**
 * Turns a ledger profile into a connection to the IRP (electron/irp/connection.ts): the practice
 * IRP or NIC (IrpClient), a GSP (GspClient, on a preset or a custom description) or the portal
 * (no API). The "practice" endpoint is the practice IRP embedded in this process (started on
 * demand with its data in <data>/practice-irp, or the one the browser host already runs), and
 * "practice-gsp" is that IRP's front door in the style of the profile's GSP preset. Keys of practice
 * IRPs are fetched from /sandbox/keys; NIC and GSP profiles carry the keys imported from files.
 */
import { IrpClient, SessionCache, fetchPracticeKeys, type Credentials, type EndpointProfile } from '../irp';
import { PortalConnection, requireOperation, type ConnectionOperation, type IrpConnection } from '../irp/connection';
import { GspClient, type GspSecrets } from '../irp/gsp/client';
import { EMBEDDED_PRACTICE_URL, PRACTICE_GSP_URL, type Profile } from '../ledger/profiles.repo';
import { startPracticeIrp, type PracticeIrp } from '../sandbox';
import type { SecretStore } from '../vault';
import { effectiveAuthUrl, gspConfigOf, gspSettingsOf } from './connection-settings';
import { credentialsProvider, gspSecretsProvider, MissingCredentialsError, ProfileSetupError } from './credentials';

export const EMBEDDED_PRACTICE = EMBEDDED_PRACTICE_URL;

type PracticeKeys = { encryptionPublicKeyPem: string; signingCertificatePem: string };

/** What GET /sandbox/gsp-accounts publishes per preset (practice credentials that protect nothing). */
interface PublishedGsp {
  preset: string;
  clientId: string;
  clientSecret: string;
  fields: Record<string, string>;
  secrets: Record<string, string>;
  users: Array<{ gstin: string; userName: string; password: string }>;
}

function loopbackOrigin(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname) ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

export class EndpointResolver {
  private embedded?: Promise<PracticeIrp>;
  private running?: string;
  private readonly keys = new Map<string, Promise<PracticeKeys>>();
  readonly sessions: SessionCache;

  constructor(
    private readonly options: { practiceDataDir: string; vault: SecretStore; env: NodeJS.ProcessEnv; now: () => Date },
  ) {
    this.sessions = new SessionCache({ now: options.now });
  }

  /**
   * A practice IRP the host already runs on <data>/practice-irp (npm start): "practice" and
   * "practice-gsp" then mean it, rather than a second simulator on the same files.
   */
  usePracticeIrp(url: string): void {
    this.running = url.replace(/\/+$/, '');
  }

  private async practiceUrl(): Promise<string> {
    if (this.running) return this.running;
    this.embedded ??= startPracticeIrp({ dataDir: this.options.practiceDataDir, port: 0 });
    return (await this.embedded).url;
  }

  /** The base URL of a profile, starting the embedded practice IRP when it is the endpoint. */
  async baseUrl(profile: Pick<Profile, 'baseUrl'> & Partial<Pick<Profile, 'kind' | 'connection'>>): Promise<string> {
    if (profile.baseUrl === EMBEDDED_PRACTICE) return this.practiceUrl();
    if (profile.baseUrl === PRACTICE_GSP_URL) {
      const preset = profile.kind && profile.connection ? gspSettingsOf({ kind: profile.kind, connection: profile.connection })?.preset : undefined;
      return `${await this.practiceUrl()}/gsp/${preset ?? ''}`;
    }
    return profile.baseUrl;
  }

  private practiceKeys(origin: string): Promise<PracticeKeys> {
    let keys = this.keys.get(origin);
    if (!keys) {
      keys = fetchPracticeKeys(origin);
      this.keys.set(origin, keys);
      keys.catch(() => this.keys.delete(origin));
    }
    return keys;
  }

  /** The public keys of a profile: imported, or published by the practice IRP it points at. */
  private async keysOf(profile: Profile, baseUrl: string): Promise<Partial<PracticeKeys>> {
    let encryptionPublicKeyPem = profile.encryptionKeyPem;
    let signingCertificatePem = profile.signingCertPem;
    const practiceOrigin = profile.kind === 'practice' ? baseUrl : profile.kind === 'gsp' ? loopbackOrigin(baseUrl) : undefined;
    if (practiceOrigin && (!encryptionPublicKeyPem || !signingCertificatePem)) {
      const published = await this.practiceKeys(practiceOrigin);
      encryptionPublicKeyPem ??= published.encryptionPublicKeyPem;
      signingCertificatePem ??= published.signingCertificatePem;
    }
    return { ...(encryptionPublicKeyPem ? { encryptionPublicKeyPem } : {}), ...(signingCertificatePem ? { signingCertificatePem } : {}) };
  }

  async endpoint(profile: Profile): Promise<EndpointProfile> {
    const baseUrl = await this.baseUrl(profile);
    const { encryptionPublicKeyPem, signingCertificatePem } = await this.keysOf(profile, baseUrl);
    if (!encryptionPublicKeyPem || !signingCertificatePem) {
      throw new ProfileSetupError(
        'PROFILE_KEYS_MISSING',
        `Profile "${profile.name}" has no NIC encryption public key or signing certificate: import them in Settings → IRP endpoint profiles (or einvoice profile add ... --encryption-key PEM --signing-cert PEM).`,
      );
    }
    return {
      name: profile.name,
      kind: profile.kind === 'portal' ? 'gsp' : profile.kind,
      baseUrl,
      encryptionPublicKeyPem,
      signingCertificatePem,
      ...(Object.keys(profile.extraHeaders).length > 0 ? { extraHeaders: profile.extraHeaders } : {}),
    };
  }

  /**
   * For the embedded practice IRP, the published practice credentials of the profile's API user
   * stand in when the vault has none: a fresh install registers with no setup at all.
   */
  private practiceFallback(profile: Profile, baseUrl: string) {
    const fromVault = credentialsProvider(profile, this.options.vault, this.options.env);
    if (profile.baseUrl !== EMBEDDED_PRACTICE) return fromVault;
    // the provider runs on every request; the published accounts do not change, so ask once
    let published: Promise<Array<{ gstin: string; clientSecret: string; userName: string; password: string }>> | undefined;
    return async () => {
      try {
        return await fromVault();
      } catch (e) {
        if (!(e instanceof MissingCredentialsError)) throw e;
        if (!published) {
          published = fetch(`${baseUrl}/sandbox/accounts`).then((res) => res.json() as Promise<Array<{ gstin: string; clientSecret: string; userName: string; password: string }>>);
          published.catch(() => (published = undefined));
        }
        const account = (await published).find((a) => a.gstin === profile.gstin && a.userName === profile.userName);
        if (!account) throw e;
        return { clientId: profile.clientId, userName: account.userName, clientSecret: account.clientSecret, password: account.password };
      }
    };
  }

  /** practice-gsp: the practice front door's published GSP credentials fill what the vault lacks. */
  private gspSecrets(profile: Profile, preset: string): () => Promise<GspSecrets> {
    const fromVault = gspSecretsProvider(profile, this.options.vault, this.options.env);
    if (profile.baseUrl !== PRACTICE_GSP_URL) return fromVault;
    let published: Promise<PublishedGsp[]> | undefined;
    return async () => {
      const own = await fromVault();
      if (own.clientSecret && own.password) return own;
      published ??= this.practiceUrl().then((u) => fetch(`${u}/sandbox/gsp-accounts`)).then((r) => r.json() as Promise<PublishedGsp[]>);
      const gsp = (await published.catch(() => [])).find((g) => g.preset === preset);
      const user = gsp?.users.find((u) => u.gstin === profile.gstin && u.userName === profile.userName);
      if (!gsp || profile.clientId !== gsp.clientId) return own;
      return {
        clientSecret: own.clientSecret ?? gsp.clientSecret,
        ...(own.password ?? user?.password ? { password: own.password ?? user?.password } : {}),
        extra: { ...gsp.secrets, ...own.extra },
      };
    };
  }

  private async gspClient(profile: Profile): Promise<GspClient> {
    const settings = gspSettingsOf(profile);
    if (!settings) throw new ProfileSetupError('PROFILE_KEYS_MISSING', `Profile "${profile.name}" is a GSP profile without its GSP settings: choose its GSP again in Settings.`);
    const config = gspConfigOf(settings);
    const baseUrl = await this.baseUrl(profile);
    const keys = await this.keysOf(profile, baseUrl);
    if (!keys.signingCertificatePem || (config.crypto === 'nic-encrypted' && !keys.encryptionPublicKeyPem)) {
      throw new ProfileSetupError(
        'PROFILE_KEYS_MISSING',
        `Profile "${profile.name}" needs NIC's signing certificate${config.crypto === 'nic-encrypted' ? ' and the encryption public key' : ''}: a GSP only carries NIC's signatures, the app checks them itself. Import ${config.crypto === 'nic-encrypted' ? 'them' : 'it'} in Settings (or einvoice profile add … --signing-cert PEM).`,
      );
    }
    const authUrl = effectiveAuthUrl(config, settings, profile.baseUrl);
    return new GspClient({
      name: profile.name, config, baseUrl, ...(authUrl ? { authUrl } : {}),
      gstin: profile.gstin, clientId: profile.clientId, userName: profile.userName, fields: settings.fields,
      secrets: this.gspSecrets(profile, settings.preset),
      signingCertificatePem: keys.signingCertificatePem,
      ...(keys.encryptionPublicKeyPem ? { encryptionPublicKeyPem: keys.encryptionPublicKeyPem } : {}),
      sessions: this.sessions, now: this.options.now,
    });
  }

  /**
   * The connection for a profile, refused up front (before anything is queued or sent) when its
   * road cannot do `op`: a portal profile cannot register, some GSPs cannot cancel e-way bills.
   * 'any' asks for the connection whatever it can do (Test connection).
   */
  async client(profile: Profile, op: ConnectionOperation | 'any' = 'generate'): Promise<IrpConnection> {
    if (profile.kind === 'portal') return op === 'any' ? new PortalConnection(profile.name) : requireOperation(new PortalConnection(profile.name), op);
    if (profile.kind === 'gsp') {
      const gsp = await this.gspClient(profile);
      return op === 'any' ? gsp : requireOperation(gsp, op);
    }
    const endpoint = await this.endpoint(profile);
    return new IrpClient({
      profile: endpoint,
      gstin: profile.gstin,
      credentials: this.practiceFallback(profile, endpoint.baseUrl),
      sessions: this.sessions,
      now: this.options.now,
    });
  }

  async close(): Promise<void> {
    if (this.embedded) await (await this.embedded).close();
  }

  /** The credentials provider `client()` would use: the Playground's trace builds its own, traced client. */
  credentials(profile: Profile, baseUrl: string): () => Promise<Credentials> {
    return this.practiceFallback(profile, baseUrl);
  }
}
