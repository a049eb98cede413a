/** `einvoice profile add NAME ...`: an endpoint profile (no secrets: those go to the vault). */
import { readFile } from 'node:fs/promises';
import type { ProfileKind } from '../../ledger';
import { checkBaseUrl, checkKeyFiles, guessKind, PROFILE_KINDS } from '../../app/profiles';
import { SettingsError } from '../../app/business-settings';
import { DATA_OPTION, withApp } from '../app';
import { parse } from '../args';
import { UsageError, type Command } from '../io';

async function readText(file: string | undefined): Promise<string | undefined> {
  if (!file) return undefined;
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/** The same checks as the Settings screen (electron/app/profiles.ts), worded for the command line. */
function usage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof SettingsError) throw new UsageError(e.message);
    throw e;
  }
}

export const profileCommand: Command = {
  summary: 'add or replace an endpoint profile (practice IRP, NIC sandbox/production, GSP)',
  usage: 'einvoice profile add NAME --endpoint URL|practice --gstin GSTIN --client-id ID --user NAME [--encryption-key PEM] [--signing-cert PEM] [--kind practice|nic-sandbox|nic-production|gsp] [--data DIR]\n       einvoice profile list [--json] [--data DIR]',
  async run(args, io) {
    const { values, positionals } = parse(args, {
      ...DATA_OPTION,
      endpoint: { type: 'string' },
      gstin: { type: 'string' },
      'client-id': { type: 'string' },
      user: { type: 'string' },
      'encryption-key': { type: 'string' },
      'signing-cert': { type: 'string' },
      kind: { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    const [verb, name] = positionals;
    if (verb === 'list') {
      return withApp(values, io, async (app) => {
        const profiles = app.ledger.profiles.list().map((p) => ({ name: p.name, kind: p.kind, endpoint: p.baseUrl, gstin: p.gstin, clientId: p.clientId, user: p.userName }));
        if (values.json) io.out(JSON.stringify(profiles));
        else for (const p of profiles) io.out(`${p.name.padEnd(16)} ${p.kind.padEnd(15)} ${p.gstin} ${p.endpoint}`);
        return Promise.resolve(0);
      });
    }
    if (verb !== 'add' || !name) throw new UsageError('expected "profile add NAME" or "profile list"');
    const { endpoint, gstin } = values;
    const clientId = values['client-id'];
    if (!endpoint || !gstin || !clientId || !values.user) throw new UsageError('--endpoint, --gstin, --client-id and --user are required');
    if (!/^[0-9]{2}[0-9A-Z]{13}$/.test(gstin)) throw new UsageError(`--gstin "${gstin}" is not a 15-character GSTIN`);
    let kind: ProfileKind;
    try {
      kind = (values.kind ?? guessKind(endpoint)) as ProfileKind;
    } catch {
      throw new UsageError('--endpoint must be an http(s) URL or "practice"');
    }
    if (!PROFILE_KINDS.includes(kind)) throw new UsageError(`--kind must be one of ${PROFILE_KINDS.join(', ')}`);
    const baseUrl = usage(() => checkBaseUrl(kind, endpoint));
    const keyFiles = { encryptionKeyPem: await readText(values['encryption-key']), signingCertPem: await readText(values['signing-cert']) };
    // a bad key file is not a usage mistake: the message (exit 1) says what is wrong with the file
    const { encryptionKeyPem, signingCertPem } = checkKeyFiles(
      { ...(keyFiles.encryptionKeyPem !== undefined ? { encryptionKeyPem: keyFiles.encryptionKeyPem } : {}), ...(keyFiles.signingCertPem !== undefined ? { signingCertPem: keyFiles.signingCertPem } : {}) },
      new Date(),
      { encryptionKey: `the encryption key file ${values['encryption-key'] ?? ''}`, signingCert: `the signing certificate file ${values['signing-cert'] ?? ''}` },
    );
    if (kind !== 'practice' && (!encryptionKeyPem || !signingCertPem)) {
      throw new UsageError(`a ${kind} profile needs --encryption-key and --signing-cert (NIC's public key and signing certificate, as PEM files)`);
    }
    return withApp(values, io, async (app) => {
      app.ledger.profiles.save({
        name, kind, baseUrl, gstin, clientId, userName: values.user ?? '',
        ...(encryptionKeyPem ? { encryptionKeyPem } : {}),
        ...(signingCertPem ? { signingCertPem } : {}),
      });
      const business = app.ledger.businesses.getByGstin(gstin);
      if (business && !business.profileName) app.ledger.businesses.update(business.id, { ...business, profileName: name });
      io.out(`profile ${name} saved (${kind}, ${endpoint}, GSTIN ${gstin}); set its secrets with: einvoice credentials set ${name}`);
      return Promise.resolve(0);
    });
  },
};
