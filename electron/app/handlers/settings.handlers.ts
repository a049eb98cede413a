/** Businesses, endpoint profiles and credentials (write-only: the UI learns only "set" or "not set"). */
import type { ProfileView } from '../../../shared/ipc/contract';
import type { Profile } from '../../ledger';
import type { SecretStore } from '../../vault';
import { checkBank, checkLogo, logoMime, SettingsError, withLogo } from '../business-settings';
import { neededSecrets, removeSecrets, writeBound, type SecretKind } from '../credential-binding';
import { gspConfigOf, gspSettingsOf } from '../connection-settings';
import { credentialsSet } from '../credentials';
import { importKeysGuarded, isProduction, saveProfileGuarded } from '../profile-changes';
import { profileHasKeys, profileKeyFacts } from '../profiles';
import { AppError, type HandlerTable } from './table';
import { businessView } from './views';

type SettingsHandlers = Pick<
  HandlerTable,
  | 'businesses:list' | 'businesses:save' | 'businesses:setLogo' | 'businesses:logo'
  | 'profiles:list' | 'profiles:save' | 'profiles:importKeys' | 'profiles:delete' | 'credentials:status' | 'credentials:set'
>;

function asAppError(e: unknown): unknown {
  return e instanceof SettingsError ? new AppError(e.code, e.message, e.path ? { path: e.path } : undefined) : e;
}

/** SettingsError carries a code and a sentence meant for the person; the table shows both. */
function settingsCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw asAppError(e);
  }
}

async function settingsAsync<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw asAppError(e);
  }
}

function gspView(p: Profile): ProfileView['gsp'] {
  const s = gspSettingsOf(p);
  if (!s) return undefined;
  try {
    const c = gspConfigOf(s);
    return { preset: s.preset, name: c.name, fields: s.fields, ...(s.authUrl ? { authUrl: s.authUrl } : {}), crypto: c.crypto };
  } catch {
    return { preset: s.preset, name: s.preset, fields: s.fields, crypto: 'plain' };
  }
}

export async function profileView(p: Profile, vault: SecretStore): Promise<ProfileView> {
  const gsp = gspView(p);
  return {
    name: p.name,
    kind: p.kind,
    baseUrl: p.baseUrl,
    gstin: p.gstin,
    clientId: p.clientId,
    userName: p.userName,
    hasKeys: profileHasKeys(p),
    credentialsSet: await credentialsSet(p, vault),
    ...(p.kind === 'gsp' ? { extraHeaders: p.extraHeaders } : {}),
    ...profileKeyFacts(p),
    ...(gsp ? { gsp } : {}),
    secretsNeeded: neededSecrets(p),
    production: isProduction(p),
  };
}

export const settingsHandlers: SettingsHandlers = {
  'businesses:list': (_req, { core }) => ({ businesses: core.ledger.businesses.list().map(businessView) }),

  'businesses:save': (req, { core, emit }) => {
    const { id, bank, ...rest } = req;
    const checkedBank = settingsCall(() => checkBank(bank));
    const input = { ...rest, ...(checkedBank ? { bank: checkedBank } : {}) };
    const businesses = core.ledger.businesses;
    let saved;
    if (id === undefined) {
      saved = businesses.create(input);
    } else {
      const existing = businesses.get(id);
      if (!existing) throw new AppError('LEDGER_NOT_FOUND', `No business with id ${id}.`);
      // The logo has its own channel (businesses:setLogo); an edit of the form keeps it.
      saved = businesses.update(id, { ...input, ...(existing.logoPng ? { logoPng: existing.logoPng } : {}) });
    }
    emit({ type: 'settings:changed' });
    return businessView(saved);
  },

  'businesses:setLogo': ({ id, base64 }, { core, emit }) => {
    const existing = core.ledger.businesses.get(id);
    if (!existing) throw new AppError('LEDGER_NOT_FOUND', `No business with id ${id}.`);
    const logo = base64 === null ? undefined : settingsCall(() => checkLogo(base64));
    const saved = core.ledger.businesses.update(id, withLogo(existing, logo));
    core.ledger.journal.append({ kind: logo ? 'business.logo.set' : 'business.logo.removed', outcome: 'info', details: { business: existing.gstin, ...(logo ? { bytes: logo.length } : {}) } });
    emit({ type: 'settings:changed' });
    return businessView(saved);
  },

  'businesses:logo': ({ id }, { core }) => {
    const business = core.ledger.businesses.get(id);
    if (!business) throw new AppError('LEDGER_NOT_FOUND', `No business with id ${id}.`);
    const bytes = business.logoPng ? Buffer.from(business.logoPng) : undefined;
    return { mime: (bytes && logoMime(bytes)) ?? null, base64: bytes ? bytes.toString('base64') : null };
  },

  'profiles:list': async (_req, { core }) => ({
    profiles: await Promise.all(core.ledger.profiles.list().map((p) => profileView(p, core.vault))),
  }),

    // A change of where the profile points removes its stored secrets, after the person said yes
  // (CONFIRM_CREDENTIAL_REMOVAL until confirmCredentialRemoval): they were entered for the old endpoint.
  'profiles:save': async (req, { core, emit }) => {
    const { confirmCredentialRemoval, gsp, ...fields } = req;
    const { saved, existing, rebound, credentialsRemoved } = await settingsAsync(() => saveProfileGuarded(core, { ...fields, ...(gsp !== undefined ? { gsp } : {}) }, confirmCredentialRemoval === true));
    core.ledger.journal.append({ kind: existing ? 'profile.updated' : 'profile.created', outcome: 'info', details: { profile: saved.name, kind: saved.kind, baseUrl: saved.baseUrl, ...(gsp ? { gsp: gsp.preset } : {}), ...(rebound ? { credentialsRemoved } : {}) } });
    emit({ type: 'settings:changed' });
    return { ...(await profileView(saved, core.vault)), ...(rebound ? { credentialsRemoved } : {}) };
  },

  'profiles:importKeys': async ({ name, encryptionKeyPem, signingCertPem, confirmCredentialRemoval }, { core, emit }) => {
    const files = { ...(encryptionKeyPem !== undefined ? { encryptionKeyPem } : {}), ...(signingCertPem !== undefined ? { signingCertPem } : {}) };
    const { saved, rebound, credentialsRemoved } = await settingsAsync(() => importKeysGuarded(core, name, files, core.now(), confirmCredentialRemoval === true));
    const facts = profileKeyFacts(saved);
    core.ledger.journal.append({
      kind: 'profile.keys.imported', outcome: 'info',
      details: { profile: name, encryptionKey: encryptionKeyPem !== undefined, ...(signingCertPem !== undefined && facts.signingCert ? { certThumbprint: facts.signingCert.thumbprintSha1, certValidTo: facts.signingCert.validTo } : {}), ...(rebound ? { credentialsRemoved } : {}) },
    });
    emit({ type: 'settings:changed' });
    return { ...(await profileView(saved, core.vault)), ...(rebound ? { credentialsRemoved } : {}) };
  },

  // A business's profile falls back silently when its row goes (ON DELETE SET NULL), so a profile
  // in use is refused with the businesses to move first; the vault entries go with the profile.
  'profiles:delete': async ({ name }, { core, emit }) => {
    if (!core.ledger.profiles.get(name)) throw new AppError('LEDGER_NOT_FOUND', `No endpoint profile named "${name}".`);
    const users = core.ledger.businesses.list().filter((b) => b.profileName === name);
    if (users.length > 0) {
      throw new AppError(
        'PROFILE_IN_USE',
        `Profile "${name}" is the endpoint of ${users.map((b) => `${b.tradeName ?? b.legalName} (${b.gstin})`).join(', ')}: choose another profile for ${users.length === 1 ? 'that business' : 'those businesses'} first.`,
      );
    }
    const removed = await removeSecrets(core.vault, core.ledger.profiles.get(name)!);
    core.ledger.profiles.delete(name);
    core.ledger.journal.append({ kind: 'profile.deleted', outcome: 'info', details: { profile: name } });
    emit({ type: 'settings:changed' });
    return { name, credentialsRemoved: removed };
  },

  'credentials:status': async ({ profileName }, { core }) => {
    const profile = core.ledger.profiles.get(profileName);
    if (!profile) throw new AppError('LEDGER_NOT_FOUND', `No endpoint profile named "${profileName}".`);
    return { profileName, set: await credentialsSet(profile, core.vault) };
  },

  // Filed under the endpoint the profile points at now (credential-binding.ts): a later repoint
  // leaves them behind rather than taking them along.
  'credentials:set': async ({ profileName, clientSecret, password, secrets }, { core, emit }) => {
    const profile = core.ledger.profiles.get(profileName);
    if (!profile) throw new AppError('LEDGER_NOT_FOUND', `No endpoint profile named "${profileName}".`);
    const needed = neededSecrets(profile);
    if (needed.length === 0) throw new AppError('CREDENTIALS_NOT_NEEDED', `Profile "${profileName}" uploads files on the e-invoice portal: it keeps no API secrets.`);
    const given = new Map<SecretKind, string>();
    if (clientSecret !== undefined) given.set('client-secret', clientSecret);
    if (password !== undefined) given.set('password', password);
    for (const [key, value] of Object.entries(secrets ?? {})) given.set(`gsp-${key}`, value);
    for (const kind of given.keys()) {
      if (!needed.some((n) => n.kind === kind)) throw new AppError('CREDENTIAL_UNKNOWN', `Profile "${profileName}" has no secret "${kind}"; it uses: ${needed.map((n) => n.label).join(', ')}.`);
    }
    if (given.size === 0) throw new AppError('CREDENTIALS_EMPTY', `Enter at least one of: ${needed.map((n) => n.label).join(', ')}.`);
    for (const [kind, value] of given) await writeBound(core.vault, profile, kind, value);
    core.ledger.journal.append({ kind: 'credentials.set', outcome: 'info', details: { profile: profileName, secrets: [...given.keys()] } });
    emit({ type: 'settings:changed' });
    return { profileName, set: await credentialsSet(profile, core.vault) };
  },
};
