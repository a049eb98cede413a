/**
 * API credentials per endpoint profile: client id and user name are public (ledger), the client
 * secret, the password and a GSP's secret fields come from the vault, filed under the endpoint they
 * were entered for (credential-binding.ts), or from EINVOICE_CLIENT_SECRET / EINVOICE_PASSWORD /
 * EINVOICE_GSP_<KEY> for automation. Never from argv, never written anywhere by us.
 */
import type { Profile } from '../ledger';
import type { SecretStore } from '../vault';
import type { Credentials } from '../irp';
import type { GspSecrets } from '../irp/gsp/client';
import { readBound, secretFieldKeys, secretsSet } from './credential-binding';

/**
 * A profile not ready to talk to its IRP: what is missing is the user's to set (Settings or the
 * CLI), so the message names both and the code lets every host show it as it is.
 */
export class ProfileSetupError extends Error {
  override name = 'ProfileSetupError';
  constructor(
    readonly code: 'CREDENTIALS_MISSING' | 'PROFILE_KEYS_MISSING',
    message: string,
  ) {
    super(message);
  }
}

export class MissingCredentialsError extends ProfileSetupError {
  override name = 'MissingCredentialsError';
  constructor(profileName: string) {
    super(
      'CREDENTIALS_MISSING',
      `No client secret or password is set for profile "${profileName}": enter them in Settings → IRP endpoint profiles, or run "einvoice credentials set ${profileName}".`,
    );
  }
}

/** The environment variable that carries a GSP's secret field KEY for scripts. */
export function gspSecretEnv(key: string): string {
  return `EINVOICE_GSP_${key.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

export function credentialsProvider(profile: Profile, vault: SecretStore, env: NodeJS.ProcessEnv): () => Promise<Credentials> {
  return async () => {
    const clientSecret = env.EINVOICE_CLIENT_SECRET || (await readBound(vault, profile, 'client-secret'));
    const password = env.EINVOICE_PASSWORD || (await readBound(vault, profile, 'password'));
    if (!clientSecret || !password) {
      throw new MissingCredentialsError(profile.name);
    }
    return { clientId: profile.clientId, userName: profile.userName, clientSecret, password };
  };
}

/** A GSP profile's secrets, read per request (the GspClient checks which ones its GSP requires). */
export function gspSecretsProvider(profile: Profile, vault: SecretStore, env: NodeJS.ProcessEnv): () => Promise<GspSecrets> {
  return async () => {
    const extra: Record<string, string> = {};
    for (const key of secretFieldKeys(profile)) {
      const v = env[gspSecretEnv(key)] || (await readBound(vault, profile, `gsp-${key}`));
      if (v) extra[key] = v;
    }
    const clientSecret = env.EINVOICE_CLIENT_SECRET || (await readBound(vault, profile, 'client-secret'));
    const password = env.EINVOICE_PASSWORD || (await readBound(vault, profile, 'password'));
    return { ...(clientSecret ? { clientSecret } : {}), ...(password ? { password } : {}), extra };
  };
}

/** Whether the vault holds every secret the profile's road needs, for the endpoint it points at now. */
export async function credentialsSet(profile: Profile, vault: SecretStore): Promise<boolean> {
  return secretsSet(vault, profile);
}
