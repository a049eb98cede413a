/**
 * The settings channels, spread into CONTRACT (contract.ts): businesses, endpoint profiles (the
 * roads to the IRP, issue 12), their keys and credentials (write-only: the UI learns only whether
 * they are set). Same rules as contract.ts.
 */
import { z } from 'zod';
import { Empty, Id, IsoDate } from './base.schema';

export const BusinessInputSchema = z.object({
  gstin: z.string().regex(/^[0-9]{2}[0-9A-Z]{13}$/, 'must be 15 characters: 2 digits then 13 capital letters or digits'),
  legalName: z.string().trim().min(1, 'is required').max(100),
  tradeName: z.string().max(100).optional(),
  address1: z.string().trim().min(1, 'is required').max(100),
  address2: z.string().max(100).optional(),
  location: z.string().trim().min(3, 'must be at least 3 characters').max(50),
  pin: z.number().int().min(100000).max(999999),
  stateCode: z.string().regex(/^\d{2}$/, 'must be a 2-digit state code'),
  phone: z.string().max(12).optional(),
  email: z.string().max(100).optional(),
  aatoCrore: z.number().min(0).optional(),
  einvoiceStartDate: IsoDate.optional(),
  bank: z.object({ name: z.string().optional(), account: z.string().optional(), ifsc: z.string().optional(), branch: z.string().optional() }).optional(),
  terms: z.string().max(2000).optional(),
  profileName: z.string().optional(),
});

export const BusinessSchema = BusinessInputSchema.extend({ id: Id, hasLogo: z.boolean(), createdAt: z.string(), updatedAt: z.string() });

/** How a profile reaches the IRP: practice, NIC direct (sandbox / production), a GSP, or the portal (files, no API). */
export const ProfileKindSchema = z.enum(['practice', 'nic-sandbox', 'nic-production', 'gsp', 'portal']);

/** A GSP profile's non-secret settings: a preset id (or "custom" with its description) and non-secret fields. */
export const GspSettingsInputSchema = z.object({
  preset: z.string().min(1).max(40),
  fields: z.record(z.string().max(40), z.string().max(300)).optional(),
  authUrl: z.string().max(300).optional(),
  custom: z.unknown().optional(),
});

/** One GSP preset as the guided settings show it (electron/irp/gsp/presets*.ts). */
export const GspPresetViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  portalName: z.string().optional(),
  crypto: z.enum(['plain', 'nic-encrypted']),
  environments: z.object({ sandbox: z.string().optional(), production: z.string().optional() }),
  credentials: z.object({
    clientId: z.object({ means: z.string(), required: z.boolean() }).nullable(),
    clientSecret: z.object({ means: z.string(), required: z.boolean() }).nullable(),
    user: z.object({ means: z.string(), required: z.boolean() }).nullable(),
    password: z.object({ means: z.string(), required: z.boolean() }).nullable(),
  }),
  fields: z.array(z.object({ key: z.string(), label: z.string(), secret: z.boolean(), required: z.boolean(), note: z.string().optional(), default: z.string().optional() })),
  operations: z.array(z.string()),
  notes: z.array(z.string()),
});

export const ProfileViewSchema = z.object({
  name: z.string(),
  kind: ProfileKindSchema,
  baseUrl: z.string(),
  gstin: z.string(),
  clientId: z.string(),
  userName: z.string(),
  hasKeys: z.boolean(),
  /** Whether both the client secret and the password are in the vault: all the UI ever learns of them. */
  credentialsSet: z.boolean(),
  /** GSP profiles: the extra request headers (never secrets: the ledger refuses secret-looking ones). */
  extraHeaders: z.record(z.string(), z.string()).optional(),
  /** Whether NIC's encryption public key was imported (practice IRPs publish theirs). */
  encryptionKeyImported: z.boolean().optional(),
  /** The imported signing certificate's public facts: SHA-1 thumbprint, subject, validity (IST dates). */
  signingCert: z.object({ thumbprintSha1: z.string(), subject: z.string(), validFrom: IsoDate, validTo: IsoDate }).optional(),
  /** GSP profiles: the preset (or "custom") and its non-secret fields. */
  gsp: z.object({ preset: z.string(), name: z.string(), fields: z.record(z.string(), z.string()), authUrl: z.string().optional(), crypto: z.enum(['plain', 'nic-encrypted']) }).optional(),
  /** The secrets this road needs (labels only: the UI asks for these and never sees them). */
  secretsNeeded: z.array(z.object({ kind: z.string(), label: z.string(), required: z.boolean() })).optional(),
  /** Production profile: replacing its keys asks for confirmation (issue 16). */
  production: z.boolean().optional(),
});

export const SETTINGS_CONTRACT = {
  'businesses:list': { request: Empty, response: z.object({ businesses: z.array(BusinessSchema) }) },
  'businesses:save': { request: BusinessInputSchema.extend({ id: Id.optional() }), response: BusinessSchema },
  /** The logo printed on invoices: PNG or JPEG (checked by content), at most 1 MB, as base64; null removes it. */
  'businesses:setLogo': { request: z.object({ id: Id, base64: z.string().max(8_000_000).nullable() }), response: BusinessSchema },
  /** The stored logo for the Settings preview (businesses:list carries only hasLogo). */
  'businesses:logo': {
    request: z.object({ id: Id }),
    response: z.object({ mime: z.enum(['image/png', 'image/jpeg']).nullable(), base64: z.string().nullable() }),
  },
  'profiles:list': { request: Empty, response: z.object({ profiles: z.array(ProfileViewSchema) }) },
  /** Creates or edits (by name) a profile; imported keys stay. No secrets here: those go through credentials:set. */
  'profiles:save': {
    request: z.object({
      name: z.string().trim().min(1, 'is required').max(64),
      kind: ProfileKindSchema,
      baseUrl: z.string().trim().min(1, 'is required').max(300),
      gstin: z.string().trim().toUpperCase().regex(/^[0-9]{2}[0-9A-Z]{13}$/, 'must be a 15-character GSTIN'),
      /** Required for practice and NIC; for a GSP as its preset says; unused by a portal profile. */
      clientId: z.string().trim().max(100),
      userName: z.string().trim().max(100),
      /** GSP profiles only; a header that looks like a secret is refused. */
      extraHeaders: z.record(z.string().max(100), z.string().max(500)).optional(),
      /** GSP profiles: which GSP and its non-secret fields. */
      gsp: GspSettingsInputSchema.optional(),
      /** Yes to removing the stored secrets when the change points them elsewhere (else CONFIRM_CREDENTIAL_REMOVAL). */
      confirmCredentialRemoval: z.boolean().optional(),
    }),
    response: ProfileViewSchema.extend({ credentialsRemoved: z.boolean().optional() }),
  },
  /** NIC's encryption public key and/or signing certificate as PEM text, checked before they are stored. */
  'profiles:importKeys': {
    request: z.object({ name: z.string().min(1), encryptionKeyPem: z.string().max(50_000).optional(), signingCertPem: z.string().max(50_000).optional(), confirmCredentialRemoval: z.boolean().optional() }),
    response: ProfileViewSchema.extend({ credentialsRemoved: z.boolean().optional() }),
  },
  /** Signs in and looks up the profile's own GSTIN; says in one sentence what worked or what to fix. */
  'profiles:test': {
    request: z.object({ name: z.string().min(1).max(64) }),
    response: z.object({
      ok: z.boolean(),
      sentence: z.string(),
      code: z.string().optional(),
      steps: z.array(z.object({ step: z.enum(['keys', 'credentials', 'sign-in', 'lookup']), ok: z.boolean(), detail: z.string() })),
    }),
  },
  /** The GSP presets for the guided settings. */
  'gsp:presets': { request: Empty, response: z.object({ presets: z.array(GspPresetViewSchema), notPresets: z.array(z.object({ id: z.string(), why: z.string() })) }) },
  /** Removes a profile no business uses, with its credentials in the vault. */
  'profiles:delete': {
    request: z.object({ name: z.string().min(1).max(64) }),
    response: z.object({ name: z.string(), credentialsRemoved: z.boolean() }),
  },
  'credentials:status': {
    request: z.object({ profileName: z.string().min(1) }),
    response: z.object({ profileName: z.string(), set: z.boolean() }),
  },
  /** Secrets of a profile into the vault, bound to where the profile points now; GSP secret fields in `secrets`. */
  'credentials:set': {
    request: z.object({ profileName: z.string().min(1), clientSecret: z.string().min(1).max(500).optional(), password: z.string().min(1).max(500).optional(), secrets: z.record(z.string().max(40), z.string().min(1).max(500)).optional() }),
    response: z.object({ profileName: z.string(), set: z.boolean() }),
  },
};
