/**
 * Turns a ledger profile into an IRP client. The "practice" endpoint is the practice IRP embedded
 * in this process (started on demand with its data in <data>/practice-irp); any other practice
 * URL is a practice IRP running elsewhere on this machine. Keys of practice IRPs are fetched from
 * /sandbox/keys; NIC and GSP profiles carry the keys imported from files.
 */
import { IrpClient, SessionCache, fetchPracticeKeys, type Credentials, type EndpointProfile } from '../irp';
import { EMBEDDED_PRACTICE_URL, type Profile } from '../ledger/profiles.repo';
import { startPracticeIrp, type PracticeIrp } from '../sandbox';
import type { SecretStore } from '../vault';
import { credentialsProvider, MissingCredentialsError, ProfileSetupError } from './credentials';

export const EMBEDDED_PRACTICE = EMBEDDED_PRACTICE_URL;

export class EndpointResolver {
  private embedded?: Promise<PracticeIrp>;
  private readonly keys = new Map<string, Promise<{ encryptionPublicKeyPem: string; signingCertificatePem: string }>>();
  readonly sessions: SessionCache;

  constructor(
    private readonly options: { practiceDataDir: string; vault: SecretStore; env: NodeJS.ProcessEnv; now: () => Date },
  ) {
    this.sessions = new SessionCache({ now: options.now });
  }

  /** The base URL of a profile, starting the embedded practice IRP when it is the endpoint. */
  async baseUrl(profile: Pick<Profile, 'baseUrl'>): Promise<string> {
    if (profile.baseUrl !== EMBEDDED_PRACTICE) return profile.baseUrl;
    this.embedded ??= startPracticeIrp({ dataDir: this.options.practiceDataDir, port: 0 });
    return (await this.embedded).url;
  }

  async endpoint(profile: Profile): Promise<EndpointProfile> {
    const baseUrl = await this.baseUrl(profile);
    let encryptionPublicKeyPem = profile.encryptionKeyPem;
    let signingCertificatePem = profile.signingCertPem;
    if (profile.kind === 'practice' && (!encryptionPublicKeyPem || !signingCertificatePem)) {
      let keys = this.keys.get(baseUrl);
      if (!keys) {
        keys = fetchPracticeKeys(baseUrl);
        this.keys.set(baseUrl, keys);
        keys.catch(() => this.keys.delete(baseUrl));
      }
      ({ encryptionPublicKeyPem, signingCertificatePem } = await keys);
    }
    if (!encryptionPublicKeyPem || !signingCertificatePem) {
      throw new ProfileSetupError(
        'PROFILE_KEYS_MISSING',
        `Profile "${profile.name}" has no NIC encryption public key or signing certificate: import them in Settings → IRP endpoint profiles (or einvoice profile add ... --encryption-key PEM --signing-cert PEM).`,
      );
    }
    return {
      name: profile.name,
      kind: profile.kind,
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

  async client(profile: Profile): Promise<IrpClient> {
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
