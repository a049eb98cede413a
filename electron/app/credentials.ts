/**
 * API credentials per endpoint profile: client id and user name are public (ledger), the client
 * secret and password come from the vault, or from EINVOICE_CLIENT_SECRET / EINVOICE_PASSWORD for
 * automation. Never from argv, never written anywhere by us.
 */
import type { Profile } from '../ledger';
import { credentialAccount, type SecretStore } from '../vault';
import type { Credentials } from '../irp';

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

export function credentialsProvider(profile: Profile, vault: SecretStore, env: NodeJS.ProcessEnv): () => Promise<Credentials> {
  return async () => {
    const clientSecret = env.EINVOICE_CLIENT_SECRET || (await vault.get(credentialAccount(profile.name, 'client-secret')));
    const password = env.EINVOICE_PASSWORD || (await vault.get(credentialAccount(profile.name, 'password')));
    if (!clientSecret || !password) {
      throw new MissingCredentialsError(profile.name);
    }
    return { clientId: profile.clientId, userName: profile.userName, clientSecret, password };
  };
}

export async function credentialsSet(profileName: string, vault: SecretStore): Promise<boolean> {
  const [secret, password] = await Promise.all([
    vault.get(credentialAccount(profileName, 'client-secret')),
    vault.get(credentialAccount(profileName, 'password')),
  ]);
  return Boolean(secret && password);
}
