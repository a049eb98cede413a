/**
 * The declarative description of a GSP's API (gsp-and-portal.md §3.3): base URLs, the auth step,
 * where each credential goes, the operation table, body and response mapping, GSP-level errors.
 * Every preset (presets.ts) is one of these, and a business whose GSP is not listed writes one as a
 * small JSON file (the "custom" mode, docs/connecting.md): the same engine (client.ts) runs both.
 *
 * Templates are strings with placeholders: {gstin} {user} {password} {clientId} {clientSecret}
 * {requestId} {token} {tokenType} {irp} {field.KEY} {secret.KEY}, and per operation {irn} {docType}
 * {docNo} {docDate} {reason} {remark} {ewbNo} {ewb.FIELD}. A string that is exactly one placeholder
 * keeps the value's type (a number stays a number) and drops its key when the value is absent.
 */
import { z } from 'zod';

export const OPERATIONS = ['generate', 'getByIrn', 'getByDocDetails', 'cancel', 'gstinDetails', 'syncGstin', 'generateEwb', 'getEwbByIrn', 'cancelEwb'] as const;
export type GspOperation = (typeof OPERATIONS)[number];

const Template = z.string().max(500);
const Templates = z.record(z.string().min(1).max(100), Template);
/** A dotted path into a JSON answer: `result`, `Data.AuthToken`, `[0].govt_response`, `results.message`. */
const JsonPath = z.string().max(200);
const Method = z.enum(['GET', 'POST', 'PUT']);

const BodySchema = z.discriminatedUnion('kind', [
  /** The INV-01 invoice: as is, inside `[{"transaction": …}]` (ClearTax ASP), or through a named field mapper. */
  z.object({ kind: z.literal('invoice'), wrap: z.enum(['none', 'transaction-array']).default('none'), mapper: z.enum(['mastersindia']).optional(), extra: z.record(z.string(), z.unknown()).optional() }).strict(),
  /** NIC's e-way-bill-by-IRN request as is (§4.7). */
  z.object({ kind: z.literal('ewb'), extra: z.record(z.string(), z.unknown()).optional() }).strict(),
  /** A JSON value whose strings are templates. */
  z.object({ kind: z.literal('json'), value: z.unknown() }).strict(),
]);
export type GspBody = z.infer<typeof BodySchema>;

const ErrorsSchema = z.object({
  path: JsonPath,
  /** `list`: [{ErrorCode, ErrorMessage}]; `list-in-string`: the same list serialised in a string (MasterGST); `code-text`: "2174 : text, 3095 : text" (Adaequare). */
  format: z.enum(['list', 'list-in-string', 'code-text']),
  codeKey: z.string().max(50).default('ErrorCode'),
  messageKey: z.string().max(50).default('ErrorMessage'),
}).strict();

const ResponseSchema = z.object({
  /** Success when the value at `path` equals one of `equals` (compared as text, case-insensitive). */
  success: z.object({ path: JsonPath, equals: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1) }).strict(),
  /** Where NIC's (decrypted) answer sits; a JSON string there is parsed. */
  data: JsonPath,
  errors: ErrorsSchema,
  /** NIC's InfoDtls (DUPIRN, EWBPPD …) when the GSP passes them on. */
  info: JsonPath.optional(),
  /** Where the already-registered IRN's {Irn, AckNo, AckDt} sit on a 2150 when not in info DUPIRN. */
  duplicate: JsonPath.optional(),
}).strict();
export type GspResponse = z.infer<typeof ResponseSchema>;

const OperationSchema = z.object({
  method: Method,
  /** Relative to the base URL: `/enriched/ei/api/invoice`, `/eicore/dec/v1.03/Invoice/irn/{irn}`. */
  path: z.string().min(1).max(300).regex(/^\//, 'must start with / (paths are relative to the base URL)'),
  query: Templates.optional(),
  headers: Templates.optional(),
  body: BodySchema.optional(),
  /** This operation's answer differs from the API's usual one (e.g. Adaequare's cancel e-way bill). */
  response: ResponseSchema.partial().optional(),
  /** Shown in the docs and --help: how sure the source is (H/M/L, [inferred]). */
  confidence: z.string().max(200).optional(),
}).strict();
export type GspOperationSpec = z.infer<typeof OperationSchema>;

const ExpirySchema = z.union([
  z.object({ path: JsonPath, unit: z.enum(['seconds', 'ist']) }).strict(),
  z.object({ minutes: z.number().int().min(1).max(24 * 60) }).strict(),
]);

/** The GSP issues its own token (Adaequare, MasterGST, Vayana, Masters India, TaxPro). */
const TokenAuthSchema = z.object({
    kind: z.literal('token'),
    method: Method,
    /** Relative to the base URL, unless the environment names its own authUrl (Vayana's login host). */
    path: z.string().min(1).max(300).regex(/^\//, 'must start with /'),
    headers: Templates.optional(),
    query: Templates.optional(),
    body: z.object({ kind: z.enum(['json', 'form']), value: z.record(z.string(), z.unknown()) }).strict().optional(),
    /** The answer: where the token (and its type, "Bearer") sit, and how long it lives. */
    token: JsonPath,
    tokenType: JsonPath.optional(),
    expiry: ExpirySchema,
    /** The answer's own success flag and errors, when it has them (TaxPro's NIC-shaped auth answer). */
    response: ResponseSchema.partial().optional(),
  }).strict();
export type GspTokenAuth = z.infer<typeof TokenAuthSchema>;

const AuthSchema = z.discriminatedUnion('kind', [
  TokenAuthSchema,
  /**
   * NIC's own auth (RSA + AppKey + SEK) through the GSP (pass-through: ClearTax GSP, Vayana classic),
   * after an optional sign-in to the GSP itself whose token then fills {token} in the headers.
   */
  z.object({
    kind: z.literal('nic'), path: z.string().min(1).max(300).regex(/^\//), headers: Templates.optional(), gspLogin: TokenAuthSchema.optional(),
    /** false: the GSP adds NIC's client_id / client_secret itself (ClearTax), so this app does not send them. */
    sendsClient: z.boolean().default(true),
  }).strict(),
  /** No auth call: a token issued out of band travels in a header (ClearTax ASP). */
  z.object({ kind: z.literal('none') }).strict(),
]);
export type GspAuth = z.infer<typeof AuthSchema>;

const CredentialSlot = z.object({
  /** What the GSP calls it: gspappid, aspid, X-CT-Auth-Token … */
  means: z.string().max(120),
  required: z.boolean(),
}).strict();

const FieldSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be lower-case letters, digits or -'),
  label: z.string().max(80),
  secret: z.boolean(),
  required: z.boolean(),
  note: z.string().max(300).optional(),
  /** Used when the profile gives none (e.g. Vayana's IRP choice "ni1"). */
  default: z.string().max(200).optional(),
}).strict();
export type GspField = z.infer<typeof FieldSchema>;

const GspErrorRule = z.object({
  status: z.number().int().optional(),
  codes: z.array(z.string().max(80)).optional(),
  textIncludes: z.array(z.string().max(80)).optional(),
  /** reauth: sign in again once; down/rate-limit: retried later; the rest need the user. */
  meaning: z.enum(['reauth', 'down', 'rate-limit', 'quota', 'subscription', 'credentials', 'not-enabled']),
}).strict();

const EnvironmentSchema = z.object({ baseUrl: z.string().url(), authUrl: z.string().url().optional() }).strict();

export const GspConfigSchema = z.object({
  /** Preset id or "custom". */
  id: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/),
  name: z.string().min(1).max(80),
  /** The name to pick in the e-invoice portal's "Select your GSP" list when creating the API user. */
  portalName: z.string().max(120).optional(),
  crypto: z.enum(['plain', 'nic-encrypted']),
  environments: z.object({ sandbox: EnvironmentSchema.optional(), production: EnvironmentSchema.optional() }).strict().default({}),
  /** The sign-in address when it lives on another host and the base URL matches no environment. */
  defaultAuthUrl: z.string().url().optional(),
  /** What --client-id, the client secret, --user and the password carry for this GSP (null: not used). */
  credentials: z.object({
    clientId: CredentialSlot.nullable(),
    clientSecret: CredentialSlot.nullable(),
    user: CredentialSlot.nullable(),
    password: CredentialSlot.nullable(),
  }).strict(),
  fields: z.array(FieldSchema).max(10).default([]),
  auth: AuthSchema,
  /** How the GSP's token travels on later calls (header name and prefix, or a query/body member). */
  tokenPlacement: z.object({ header: z.string().max(80).optional(), prefix: z.string().max(40).optional(), query: z.string().max(80).optional(), body: z.string().max(80).optional() }).strict().default({}),
  /** Headers and query parameters of every API call (not of the auth call: it names its own). */
  headers: Templates.default({}),
  query: Templates.default({}),
  operations: z.object(Object.fromEntries(OPERATIONS.map((o) => [o, OperationSchema.optional()])) as Record<GspOperation, z.ZodOptional<typeof OperationSchema>>).strict(),
  /** How answers read (ignored for nic-encrypted: NIC's own envelope). */
  response: ResponseSchema.optional(),
  gspErrors: z.object({ codePath: JsonPath.optional(), messagePath: JsonPath.optional(), rules: z.array(GspErrorRule).max(40).default([]) }).strict().default({ rules: [] }),
  /** Facts marked [inferred] in gsp-and-portal.md, said again wherever the preset is shown. */
  notes: z.array(z.string().max(400)).max(20).default([]),
}).strict().superRefine((c, ctx) => {
  if (!c.operations.generate) ctx.addIssue({ code: 'custom', path: ['operations', 'generate'], message: 'is required: a GSP connection must at least register invoices' });
  if (c.crypto === 'plain' && !c.response) ctx.addIssue({ code: 'custom', path: ['response'], message: 'is required for a plain-JSON GSP (where its status, data and errors sit)' });
  if (c.crypto === 'nic-encrypted' && c.auth.kind !== 'nic') ctx.addIssue({ code: 'custom', path: ['auth', 'kind'], message: 'must be "nic" when the client does NIC\'s encryption' });
});

export type GspConfig = z.output<typeof GspConfigSchema>;
export type GspConfigInput = z.input<typeof GspConfigSchema>;

/** The first few problems of a config as one sentence per problem, for Settings and the CLI. */
export function describeConfigProblems(error: z.ZodError): string {
  return error.issues.slice(0, 5).map((i) => `${i.path.join('.') || 'the file'}: ${i.message}`).join('; ');
}

/** Parses a custom GSP description (already JSON-decoded); throws a ZodError with the reasons. */
export function parseGspConfig(value: unknown): GspConfig {
  return GspConfigSchema.parse(value);
}
