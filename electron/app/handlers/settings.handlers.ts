/** Businesses, endpoint profiles and credentials (write-only: the UI learns only "set" or "not set"). */
import { credentialAccount } from '../../vault';
import { credentialsSet } from '../credentials';
import { AppError, type HandlerTable } from './table';
import { businessView } from './views';

type SettingsHandlers = Pick<HandlerTable, 'businesses:list' | 'businesses:save' | 'profiles:list' | 'credentials:status' | 'credentials:set'>;

export const settingsHandlers: SettingsHandlers = {
  'businesses:list': (_req, { core }) => ({ businesses: core.ledger.businesses.list().map(businessView) }),

  'businesses:save': (req, { core, emit }) => {
    const { id, ...input } = req;
    const businesses = core.ledger.businesses;
    let saved;
    if (id === undefined) {
      saved = businesses.create(input);
    } else {
      const existing = businesses.get(id);
      if (!existing) throw new AppError('LEDGER_NOT_FOUND', `No business with id ${id}.`);
      // The logo is set elsewhere (a file picker); an edit of the form keeps it.
      saved = businesses.update(id, { ...input, ...(existing.logoPng ? { logoPng: existing.logoPng } : {}) });
    }
    emit({ type: 'settings:changed' });
    return businessView(saved);
  },

  'profiles:list': async (_req, { core }) => ({
    profiles: await Promise.all(
      core.ledger.profiles.list().map(async (p) => ({
        name: p.name,
        kind: p.kind,
        baseUrl: p.baseUrl,
        gstin: p.gstin,
        clientId: p.clientId,
        userName: p.userName,
        hasKeys: p.kind === 'practice' || Boolean(p.encryptionKeyPem && p.signingCertPem),
        credentialsSet: await credentialsSet(p.name, core.vault),
      })),
    ),
  }),

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
