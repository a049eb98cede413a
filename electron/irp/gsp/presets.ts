/**
 * The GSP presets, by the ids scripts type (`einvoice profile add --gsp ID`). Sandbox.co.in has
 * no preset: its generate and cancel paths were not captured (gsp-and-portal.md §2.7), and a
 * preset that guesses where invoices go would register nothing or, worse, something wrong.
 * Its users can describe it in a custom GSP file once Sandbox.co.in gives them the paths.
 */
import { GspConfigSchema, type GspConfig } from './config';
import { CLEARTAX_GSP, TAXPRO, VAYANA, VAYANA_EAS } from './presets-nic-shaped';
import { ADAEQUARE, CLEARTAX_ASP, MASTERGST, MASTERS_INDIA } from './presets-own-envelope';

export const PRESET_IDS = ['adaequare', 'taxpro', 'mastergst', 'cleartax-gsp', 'cleartax-asp', 'vayana', 'vayana-eas', 'mastersindia'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

/** The id a profile uses for a GSP described by the user's own JSON file. */
export const CUSTOM_GSP = 'custom';

export const NOT_A_PRESET: Readonly<Record<string, string>> = {
  'sandbox-co-in': 'Sandbox.co.in has no preset: its generate and cancel paths were not published where we could read them. Describe it in a custom GSP file (--gsp-config) with the paths Sandbox.co.in gives you; its API user is created under Vay Network Services.',
};

/** Parsed once: the schema fills defaults and a preset that does not fit it fails at load, loudly. */
export const PRESETS: Readonly<Record<PresetId, GspConfig>> = Object.fromEntries(
  [ADAEQUARE, TAXPRO, MASTERGST, CLEARTAX_GSP, CLEARTAX_ASP, VAYANA, VAYANA_EAS, MASTERS_INDIA].map((p) => [p.id, GspConfigSchema.parse(p)]),
) as Record<PresetId, GspConfig>;

export function isPresetId(id: string): id is PresetId {
  return (PRESET_IDS as readonly string[]).includes(id);
}

export function presetById(id: string): GspConfig | undefined {
  return isPresetId(id) ? PRESETS[id] : undefined;
}

/** The environment (sandbox / production) whose base URL this is, if any. */
export function environmentOf(config: GspConfig, baseUrl: string): 'sandbox' | 'production' | undefined {
  const norm = (u: string) => u.replace(/\/+$/, '').toLowerCase();
  for (const env of ['sandbox', 'production'] as const) {
    const e = config.environments[env];
    if (e && norm(e.baseUrl) === norm(baseUrl)) return env;
  }
  return undefined;
}
