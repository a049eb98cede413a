/**
 * What happens to stored secrets when a profile changes (issue 16 item 1): a change of where they
 * would go (kind, address, GSP and its sign-in address, public keys) removes them, and when some are
 * stored the change needs the person's explicit yes first, in every host (Settings asks in a
 * dialog, the CLI wants --yes, the contract wants confirmCredentialRemoval). Importing a different
 * key into a production profile always needs that yes, stored secrets or not: it changes which
 * signatures the app believes.
 */
import type { Ledger, Profile, ProfileInput } from '../ledger';
import { PRACTICE_GSP_URL } from '../ledger/profiles.repo';
import { credentialAccount, type SecretStore } from '../vault';
import { SettingsError } from './business-settings';
import { bindingOf, boundAccount, neededSecrets, removeSecrets, secretFieldKeys } from './credential-binding';
import { gspConfigOf, gspSettingsOf, isSafeUrl } from './connection-settings';
import { environmentOf } from '../irp/gsp/presets';
import { planKeyImport, planProfile, type ProfileFields } from './profiles';

export const CONFIRM_CODE = 'CONFIRM_CREDENTIAL_REMOVAL';

/** Whether any secret of the profile as it is now is in the vault (bound, or left by an earlier version). */
export async function anySecretStored(vault: SecretStore, p: Profile): Promise<boolean> {
  const binding = bindingOf(p);
  const kinds = new Set([...neededSecrets(p).map((n) => n.kind), 'client-secret', 'password', ...secretFieldKeys(p).map((k) => `gsp-${k}`)]);
  const accounts = [...kinds].map((k) => boundAccount(p.name, binding, k as 'password'));
  accounts.push(credentialAccount(p.name, 'client-secret'), credentialAccount(p.name, 'password'));
  const values = await Promise.all(accounts.map((a) => vault.get(a)));
  return values.some(Boolean);
}

/** A production profile: NIC production, or a GSP that is not a practice front door nor a known sandbox. */
export function isProduction(p: Pick<Profile, 'kind' | 'baseUrl' | 'connection'>): boolean {
  if (p.kind === 'nic-production') return true;
  if (p.kind !== 'gsp' || p.baseUrl === PRACTICE_GSP_URL || (p.baseUrl.startsWith('http:') && isSafeUrl(p.baseUrl))) return false;
  const s = gspSettingsOf(p);
  try {
    return !s || environmentOf(gspConfigOf(s), p.baseUrl) !== 'sandbox';
  } catch {
    return true;
  }
}

function whatChanged(before: Profile, after: ProfileInput): string {
  if (before.kind !== after.kind) return 'Changing how this profile connects';
  if (before.baseUrl !== after.baseUrl) return 'Changing the address';
  if (before.encryptionKeyPem !== after.encryptionKeyPem || before.signingCertPem !== after.signingCertPem) return 'Importing new public keys';
  return 'Changing the GSP settings';
}

/** The sentence every host shows before such a change. */
export function removalWarning(before: Profile, after: ProfileInput): string {
  return `${whatChanged(before, after)} removes the saved password and client secret for profile "${before.name}"; you will be asked for them again.`;
}

/**
 * Decides, before saving `after` over `before`, whether stored secrets must go; refuses without
 * `confirmed` when some are stored (or a production profile's keys are replaced). Returns true
 * when the secrets of `before` are to be removed once `after` is saved.
 */
export async function checkRebinding(vault: SecretStore, before: Profile | undefined, after: ProfileInput, confirmed: boolean): Promise<boolean> {
  if (!before) return false;
  const afterFacts = { ...after, connection: after.connection ?? {} };
  if (bindingOf(before) === bindingOf(afterFacts)) return false;
  const keysReplaced = (before.encryptionKeyPem !== undefined && before.encryptionKeyPem !== after.encryptionKeyPem)
    || (before.signingCertPem !== undefined && before.signingCertPem !== after.signingCertPem);
  const needsYes = (await anySecretStored(vault, before)) || (keysReplaced && isProduction(before));
  if (needsYes && !confirmed) throw new SettingsError(CONFIRM_CODE, removalWarning(before, after));
  return true;
}


/** What every host does to save a profile: check, ask for the yes when secrets would go, save, remove them. */
export async function saveProfileGuarded(
  core: { ledger: Ledger; vault: SecretStore },
  fields: ProfileFields,
  confirmed: boolean,
): Promise<{ saved: Profile; existing?: Profile; rebound: boolean; credentialsRemoved: boolean }> {
  const { input, existing } = planProfile(core.ledger, fields);
  const rebound = await checkRebinding(core.vault, existing, input, confirmed);
  const saved = core.ledger.profiles.save(input);
  const credentialsRemoved = rebound && existing ? await removeSecrets(core.vault, existing) : false;
  return { saved, ...(existing ? { existing } : {}), rebound, credentialsRemoved };
}

/** The same for importing NIC's key and/or certificate into an existing profile. */
export async function importKeysGuarded(
  core: { ledger: Ledger; vault: SecretStore },
  name: string,
  files: { encryptionKeyPem?: string; signingCertPem?: string },
  now: Date,
  confirmed: boolean,
): Promise<{ saved: Profile; rebound: boolean; credentialsRemoved: boolean }> {
  const { input, existing } = planKeyImport(core.ledger, name, files, now);
  const rebound = await checkRebinding(core.vault, existing, input, confirmed);
  const saved = core.ledger.profiles.save(input);
  const credentialsRemoved = rebound ? await removeSecrets(core.vault, existing) : false;
  return { saved, rebound, credentialsRemoved };
}
