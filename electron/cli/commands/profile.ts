/**
 * `einvoice profile add|list|test`: endpoint profiles for every road (practice, NIC, a GSP, the
 * portal). No secrets here: those go to the keychain (`einvoice credentials set`) or come from
 * EINVOICE_CLIENT_SECRET / EINVOICE_PASSWORD / EINVOICE_GSP_<KEY> in scripts.
 */
import { readFile } from 'node:fs/promises';
import type { ProfileKind } from '../../ledger';
import { SettingsError } from '../../app/business-settings';
import { testConnection } from '../../app/connection-test';
import { CONFIRM_CODE, importKeysGuarded, saveProfileGuarded } from '../../app/profile-changes';
import { checkBaseUrl, checkKeyFiles, guessKind, PORTAL_URL, PROFILE_KINDS } from '../../app/profiles';
import { PRACTICE_GSP_URL } from '../../ledger/profiles.repo';
import { DATA_OPTION, withApp } from '../app';
import { parse } from '../args';
import { UsageError, type CliIo, type Command } from '../io';
import { presetHelp } from './profile-help';

/** Key files and custom GSP descriptions are small; a bigger file is a wrong file. */
const MAX_FILE_BYTES = 256 * 1024;

async function readText(file: string | undefined, what: string): Promise<string | undefined> {
  if (!file) return undefined;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  if (text.length > MAX_FILE_BYTES) throw new UsageError(`${what} ${file} is larger than ${MAX_FILE_BYTES / 1024} KB: it is not a ${what}`);
  return text;
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

function fieldsOf(list: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of list ?? []) {
    const at = f.indexOf('=');
    if (at <= 0) throw new UsageError(`--field "${f}" must be KEY=VALUE`);
    out[f.slice(0, at).trim()] = f.slice(at + 1);
  }
  return out;
}

async function gspOf(values: { gsp?: string | undefined; 'gsp-config'?: string | undefined; field?: string[] | undefined }): Promise<unknown> {
  if (values.gsp && values['gsp-config']) throw new UsageError('give --gsp PRESET or --gsp-config FILE.json, not both');
  const fields = fieldsOf(values.field);
  if (values['gsp-config']) {
    const text = await readText(values['gsp-config'], 'GSP description');
    let custom: unknown;
    try {
      custom = JSON.parse(text ?? '');
    } catch (e) {
      throw new UsageError(`--gsp-config ${values['gsp-config']} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
    return { preset: 'custom', custom, fields };
  }
  if (!values.gsp) throw new UsageError('a GSP profile needs --gsp PRESET (see --help) or --gsp-config FILE.json');
  return { preset: values.gsp, fields };
}

async function test(name: string, json: boolean, values: { data?: string | undefined }, io: CliIo): Promise<number> {
  return withApp(values, io, async (app) => {
    const profile = app.ledger.profiles.get(name);
    if (!profile) {
      io.err(`no profile named "${name}"`);
      return 1;
    }
    const r = await testConnection(app, profile);
    if (json) io.out(JSON.stringify({ profile: name, ...r }));
    else io.out(`${r.ok ? 'ok' : 'FAILED'}: ${r.sentence}`);
    return r.ok ? 0 : 1;
  });
}

export const profileCommand: Command = {
  summary: 'add, list or test endpoint profiles (practice IRP, NIC, a GSP, the portal)',
  usage: [
    'einvoice profile add NAME --endpoint URL|practice --gstin GSTIN --client-id ID --user NAME [--encryption-key PEM] [--signing-cert PEM] [--kind practice|nic-sandbox|nic-production] [--yes] [--data DIR]',
    '       einvoice profile add NAME --kind gsp --gsp PRESET|--gsp-config FILE.json --endpoint URL|practice-gsp --gstin GSTIN --user API_USER [--client-id ID] [--field KEY=VALUE ...] [--signing-cert PEM] [--encryption-key PEM] [--yes]',
    '       einvoice profile add NAME --kind portal --gstin GSTIN',
    '       einvoice profile list [--json] [--data DIR]',
    '       einvoice profile test NAME [--json] [--data DIR]',
    '  --yes: go ahead when the change removes the stored secrets of the profile (a new address, GSP or keys).',
    presetHelp(),
  ].join('\n'),
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
      gsp: { type: 'string' },
      'gsp-config': { type: 'string' },
      field: { type: 'string', multiple: true },
      yes: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    });
    const [verb, name] = positionals;
    if (verb === 'list') {
      return withApp(values, io, async (app) => {
        const profiles = app.ledger.profiles.list().map((p) => ({
          name: p.name, kind: p.kind, endpoint: p.baseUrl, gstin: p.gstin, clientId: p.clientId, user: p.userName,
          ...(p.kind === 'gsp' ? { gsp: (p.connection as { gsp?: { preset?: string } }).gsp?.preset } : {}),
        }));
        if (values.json) io.out(JSON.stringify(profiles));
        else for (const p of profiles) io.out(`${p.name.padEnd(16)} ${(p.gsp ? `gsp:${p.gsp}` : p.kind).padEnd(18)} ${p.gstin} ${p.endpoint}`);
        return Promise.resolve(0);
      });
    }
    if (verb === 'test' && name) return test(name, values.json, values, io);
    if (verb !== 'add' || !name) throw new UsageError('expected "profile add NAME", "profile list" or "profile test NAME"');
    const { gstin } = values;
    if (!gstin) throw new UsageError('--gstin is required');
    if (!/^[0-9]{2}[0-9A-Z]{13}$/.test(gstin)) throw new UsageError(`--gstin "${gstin}" is not a 15-character GSTIN`);
    const endpoint = values.endpoint ?? (values.kind === 'portal' ? PORTAL_URL : undefined);
    if (!endpoint) throw new UsageError('--endpoint is required');
    let kind: ProfileKind;
    try {
      kind = (values.kind ?? (endpoint === PRACTICE_GSP_URL ? 'gsp' : guessKind(endpoint))) as ProfileKind;
    } catch {
      throw new UsageError('--endpoint must be an http(s) URL, "practice" or "practice-gsp"');
    }
    if (!PROFILE_KINDS.includes(kind)) throw new UsageError(`--kind must be one of ${PROFILE_KINDS.join(', ')}`);
    if ((kind === 'practice' || kind.startsWith('nic')) && (!values['client-id'] || !values.user)) throw new UsageError(`a ${kind} profile needs --client-id and --user`);
    usage(() => checkBaseUrl(kind, endpoint));
    const gsp = kind === 'gsp' ? await gspOf(values) : undefined;
    const keyFiles = { encryptionKeyPem: await readText(values['encryption-key'], 'key file'), signingCertPem: await readText(values['signing-cert'], 'certificate file') };
    // a bad key file is not a usage mistake: the message (exit 1) says what is wrong with the file
    const keys = checkKeyFiles(
      { ...(keyFiles.encryptionKeyPem !== undefined ? { encryptionKeyPem: keyFiles.encryptionKeyPem } : {}), ...(keyFiles.signingCertPem !== undefined ? { signingCertPem: keyFiles.signingCertPem } : {}) },
      new Date(),
      { encryptionKey: `the encryption key file ${values['encryption-key'] ?? ''}`, signingCert: `the signing certificate file ${values['signing-cert'] ?? ''}` },
    );
    if (kind.startsWith('nic') && (!keys.encryptionKeyPem || !keys.signingCertPem)) {
      throw new UsageError(`a ${kind} profile needs --encryption-key and --signing-cert (NIC's public key and signing certificate, as PEM files)`);
    }
    return withApp(values, io, async (app) => {
      try {
        const fields = { name, kind, baseUrl: endpoint, gstin, clientId: values['client-id'] ?? '', userName: values.user ?? '', ...(gsp !== undefined ? { gsp } : {}) };
        let { saved, credentialsRemoved } = await saveProfileGuarded(app, fields, values.yes);
        if (keys.encryptionKeyPem || keys.signingCertPem) {
          const imported = await importKeysGuarded(app, name, keys, new Date(), values.yes);
          saved = imported.saved;
          credentialsRemoved ||= imported.credentialsRemoved;
        }
        const business = app.ledger.businesses.getByGstin(gstin);
        if (business && !business.profileName) app.ledger.businesses.update(business.id, { ...business, profileName: name });
        if (credentialsRemoved) io.err(`the stored secrets of ${name} were removed: they were entered for its old endpoint`);
        const through = kind === 'gsp' ? `gsp ${(saved.connection as { gsp: { preset: string } }).gsp.preset}` : kind;
        io.out(`profile ${name} saved (${through}, ${endpoint}, GSTIN ${gstin})${kind === 'portal' ? '' : `; set its secrets with: einvoice credentials set ${name}, then check with: einvoice profile test ${name}`}`);
        return 0;
      } catch (e) {
        if (e instanceof SettingsError && e.code === CONFIRM_CODE) {
          io.err(`${e.message} Nothing was saved; run again with --yes to go ahead.`);
          return 1;
        }
        if (e instanceof SettingsError) throw new UsageError(e.message);
        throw e;
      }
    });
  },
};
