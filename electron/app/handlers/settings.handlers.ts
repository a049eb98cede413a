/** Businesses, endpoint profiles and credentials (write-only: the UI learns only "set" or "not set"). */
import type { ProfileView } from '../../../shared/ipc/contract';
import type { Profile } from '../../ledger';
import { credentialAccount, type SecretStore } from '../../vault';
import { checkBank, checkLogo, logoMime, SettingsError, withLogo } from '../business-settings';
import { credentialsSet } from '../credentials';
import { importProfileKeys, profileHasKeys, profileKeyFacts, saveProfile } from '../profiles';
import { AppError, type HandlerTable } from './table';
import { businessView } from './views';

type SettingsHandlers = Pick<
  HandlerTable,
  | 'businesses:list' | 'businesses:save' | 'businesses:setLogo' | 'businesses:logo'
  | 'profiles:list' | 'profiles:save' | 'profiles:importKeys' | 'profiles:delete' | 'credentials:status' | 'credentials:set'
>;

/** SettingsError carries a code and a sentence meant for the person; the table shows both. */
function settingsCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof SettingsError) throw new AppError(e.code, e.message, e.path ? { path: e.path } : undefined);
    throw e;
  }
}

async function profileView(p: Profile, vault: SecretStore): Promise<ProfileView> {
  return {
    name: p.name,
    kind: p.kind,
    baseUrl: p.baseUrl,
    gstin: p.gstin,
    clientId: p.clientId,
    userName: p.userName,
    hasKeys: profileHasKeys(p),
    credentialsSet: await credentialsSet(p.name, vault),
    ...(p.kind === 'gsp' ? { extraHeaders: p.extraHeaders } : {}),
    ...profileKeyFacts(p),
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

  'profiles:save': async (req, { core, emit }) => {
    const created = !core.ledger.profiles.get(req.name);
    const saved = settingsCall(() => saveProfile(core.ledger, req));
    core.ledger.journal.append({ kind: created ? 'profile.created' : 'profile.updated', outcome: 'info', details: { profile: saved.name, kind: saved.kind, baseUrl: saved.baseUrl } });
    emit({ type: 'settings:changed' });
    return profileView(saved, core.vault);
  },

  'profiles:importKeys': async ({ name, encryptionKeyPem, signingCertPem }, { core, emit }) => {
    const saved = settingsCall(() =>
      importProfileKeys(core.ledger, name, { ...(encryptionKeyPem !== undefined ? { encryptionKeyPem } : {}), ...(signingCertPem !== undefined ? { signingCertPem } : {}) }, core.now()),
    );
    const facts = profileKeyFacts(saved);
    core.ledger.journal.append({
      kind: 'profile.keys.imported', outcome: 'info',
      details: { profile: name, encryptionKey: encryptionKeyPem !== undefined, ...(signingCertPem !== undefined && facts.signingCert ? { certThumbprint: facts.signingCert.thumbprintSha1, certValidTo: facts.signingCert.validTo } : {}) },
    });
    emit({ type: 'settings:changed' });
    return profileView(saved, core.vault);
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
    const removed = await Promise.all([core.vault.delete(credentialAccount(name, 'client-secret')), core.vault.delete(credentialAccount(name, 'password'))]);
    core.ledger.profiles.delete(name);
    core.ledger.journal.append({ kind: 'profile.deleted', outcome: 'info', details: { profile: name } });
    emit({ type: 'settings:changed' });
    return { name, credentialsRemoved: removed.some(Boolean) };
  },

  'credentials:status': async ({ profileName }, { core }) => {
    if (!core.ledger.profiles.get(profileName)) throw new AppError('LEDGER_NOT_FOUND', `No endpoint profile named "${profileName}".`);
    return { profileName, set: await credentialsSet(profileName, core.vault) };
  },

  'credentials:set': async ({ profileName, clientSecret, password }, { core, emit }) => {
    if (!core.ledger.profiles.get(profileName)) throw new AppError('LEDGER_NOT_FOUND', `No endpoint profile named "${profileName}".`);
    await core.vault.set(credentialAccount(profileName, 'client-secret'), clientSecret);
    await core.vault.set(credentialAccount(profileName, 'password'), password);
    core.ledger.journal.append({ kind: 'credentials.set', outcome: 'info', details: { profile: profileName } });
    emit({ type: 'settings:changed' });
    return { profileName, set: await credentialsSet(profileName, core.vault) };
  },
};
