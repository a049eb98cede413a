/**
 * A GSP profile's non-secret settings (stored as the profile's connection JSON): which preset or
 * custom description, the non-secret fields (an e-mail, an org id), an explicit sign-in address.
 * Checked here before they are stored: a secret may not travel in a field or hide as a static
 * header value in a custom description; a custom description may not send anything in clear.
 */
import { z } from 'zod';
import { describeConfigProblems, GspConfigSchema, OPERATIONS, type GspConfig } from '../irp/gsp/config';
import { CUSTOM_GSP, environmentOf, isPresetId, NOT_A_PRESET, PRESET_IDS, PRESETS } from '../irp/gsp/presets';
import { placeholdersOf } from '../irp/gsp/template';
import { isSecretKey, maskSecretText, type Profile } from '../ledger';
import { PRACTICE_GSP_URL } from '../ledger/profiles.repo';
import { SettingsError } from './business-settings';

export const GspSettingsSchema = z.object({
  preset: z.string().min(1).max(40),
  fields: z.record(z.string(), z.string().max(300)).default({}),
  authUrl: z.string().max(300).optional(),
  /** The custom description (preset "custom"), as the user's JSON file had it. */
  custom: z.unknown().optional(),
}).strict();
export type GspSettings = z.output<typeof GspSettingsSchema>;

/** The GSP settings of a profile, or undefined for other roads (or a damaged row: refused at use). */
export function gspSettingsOf(p: Pick<Profile, 'kind' | 'connection'>): GspSettings | undefined {
  if (p.kind !== 'gsp') return undefined;
  const r = GspSettingsSchema.safeParse((p.connection as { gsp?: unknown } | undefined)?.gsp);
  return r.success ? r.data : undefined;
}

/** The description a GSP profile runs on: its preset, or its custom file checked again. */
export function gspConfigOf(settings: GspSettings): GspConfig {
  if (settings.preset === CUSTOM_GSP) {
    const r = GspConfigSchema.safeParse(settings.custom);
    if (!r.success) throw new SettingsError('GSP_CONFIG_INVALID', `The custom GSP description is not valid: ${describeConfigProblems(r.error)}.`, 'gsp.custom');
    return r.data;
  }
  if (isPresetId(settings.preset)) return PRESETS[settings.preset];
  throw new SettingsError('GSP_PRESET_UNKNOWN', NOT_A_PRESET[settings.preset] ?? `"${settings.preset}" is not a GSP preset; choose one of ${PRESET_IDS.join(', ')}, or "custom" with a description file.`, 'gsp.preset');
}

/**
 * Where the GSP's sign-in goes for this base URL: the profile's explicit address, the preset's for
 * the environment the base URL belongs to, the description's default, else the base URL itself.
 * The practice front door keeps everything under its own address.
 */
export function effectiveAuthUrl(config: GspConfig, settings: GspSettings, baseUrl: string): string | undefined {
  if (settings.authUrl) return settings.authUrl;
  // a practice IRP's front door serves its sign-in itself, whatever the real GSP's host
  if (baseUrl === PRACTICE_GSP_URL || (baseUrl.startsWith('http:') && isSafeUrl(baseUrl))) return undefined;
  const env = environmentOf(config, baseUrl);
  return (env ? config.environments[env]?.authUrl : undefined) ?? config.defaultAuthUrl;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** https, or http on this machine only (a practice IRP's front door). */
export function isSafeUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.has(u.hostname));
  } catch {
    return false;
  }
}

function templatesOf(config: GspConfig): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const add = (r: Readonly<Record<string, string>> | undefined) => { for (const e of Object.entries(r ?? {})) out.push(e); };
  add(config.headers);
  add(config.query);
  if (config.auth.kind === 'token') { add(config.auth.headers); add(config.auth.query); }
  if (config.auth.kind === 'nic') add(config.auth.headers);
  for (const op of OPERATIONS) { add(config.operations[op]?.headers); add(config.operations[op]?.query); }
  return out;
}

/** A custom description must not carry a secret itself nor send one anywhere but over TLS. */
function checkCustom(config: GspConfig): void {
  for (const [name, template] of templatesOf(config)) {
    if (isSecretKey(name) && template !== '' && placeholdersOf(template).length === 0) {
      throw new SettingsError('GSP_CONFIG_SECRET', `The custom GSP description sets "${name}" to a fixed value: a secret belongs in the keychain. Declare a secret field and write "{secret.KEY}" instead.`, 'gsp.custom');
    }
    if (maskSecretText(template) !== template) throw new SettingsError('GSP_CONFIG_SECRET', `The custom GSP description holds a token in "${name}"; secrets belong in the keychain.`, 'gsp.custom');
  }
  for (const url of [config.defaultAuthUrl, config.environments.sandbox?.baseUrl, config.environments.sandbox?.authUrl, config.environments.production?.baseUrl, config.environments.production?.authUrl]) {
    if (url !== undefined && !isSafeUrl(url)) throw new SettingsError('PROFILE_URL_INSECURE', `The custom GSP description names ${url}: GSP addresses must be https://.`, 'gsp.custom');
  }
}

/**
 * The settings as they will be stored: preset known (or custom valid), fields known and not
 * secret, required non-secret fields present, the sign-in address safe.
 */
export function checkGspSettings(raw: unknown): { settings: GspSettings; config: GspConfig } {
  const parsed = GspSettingsSchema.safeParse(raw);
  if (!parsed.success) throw new SettingsError('GSP_SETTINGS_INVALID', `The GSP settings are not valid: ${describeConfigProblems(parsed.error)}.`, 'gsp');
  const settings = parsed.data;
  const config = gspConfigOf(settings);
  if (settings.preset === CUSTOM_GSP) checkCustom(config);
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(settings.fields)) {
    const f = config.fields.find((x) => x.key === key);
    if (!f) throw new SettingsError('GSP_FIELD_UNKNOWN', `${config.name} has no field "${key}"${config.fields.length ? `; its fields are ${config.fields.map((x) => x.key).join(', ')}` : ''}.`, `gsp.fields.${key}`);
    if (f.secret) throw new SettingsError('GSP_FIELD_SECRET', `"${key}" (${f.label}) is a secret: enter it with the credentials (keychain), or set EINVOICE_GSP_${key.toUpperCase().replace(/-/g, '_')} for a script.`, `gsp.fields.${key}`);
    if (maskSecretText(value) !== value) throw new SettingsError('GSP_FIELD_SECRET', `"${key}" looks like a token; secrets belong in the keychain.`, `gsp.fields.${key}`);
    if (value.trim() !== '') fields[key] = value.trim();
  }
  for (const f of config.fields) {
    if (!f.secret && f.required && !fields[f.key] && !f.default) throw new SettingsError('GSP_FIELD_MISSING', `${config.name} needs ${f.label} (--field ${f.key}=…).`, `gsp.fields.${f.key}`);
  }
  if (settings.authUrl !== undefined && !isSafeUrl(settings.authUrl)) throw new SettingsError('PROFILE_URL_INSECURE', 'The sign-in address must be https://.', 'gsp.authUrl');
  return { settings: { ...settings, fields }, config };
}
