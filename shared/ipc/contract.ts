/**
 * The one typed contract between the UI and the app core (architecture.md §4.1): every channel
 * (`domain:verb`) with its request and response schema. Every host parses requests with these
 * schemas and answers with the `Result` wrapper; the types below are inferred, never duplicated.
 */
import { z } from 'zod';
import { DraftInvoiceSchema } from './draft.schema';

export { DraftInvoiceSchema, DraftLineSchema } from './draft.schema';

const Id = z.number().int().positive();
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const Empty = z.object({}).strict();

export const InvoiceStatusSchema = z.enum(['draft', 'queued', 'in_flight', 'registered', 'cancelled', 'rejected']);
export const DocTypeSchema = z.enum(['INV', 'CRN', 'DBN']);

export const ViolationSchema = z.object({ code: z.string(), path: z.string(), message: z.string() });

/**
 * Codes of failures that are this app's setup to fix (a profile without NIC keys or credentials:
 * electron/app/credentials.ts, electron/irp/errors.ts), not the IRP being down or refusing.
 */
export const SETUP_ERROR_CODES: ReadonlySet<string> = new Set(['CREDENTIALS_MISSING', 'PROFILE_KEYS_MISSING', 'CREDENTIALS']);

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

export const ProfileViewSchema = z.object({
  name: z.string(),
  kind: z.enum(['practice', 'nic-sandbox', 'nic-production', 'gsp']),
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
});

export const PartySchema = z.object({
  id: Id,
  gstin: z.string().optional(),
  legalName: z.string(),
  tradeName: z.string().optional(),
  address1: z.string().optional(),
  location: z.string().optional(),
  pin: z.number().int().optional(),
  stateCode: z.string().optional(),
  /** GST master status (ACT, CNL, INA, PRO, SUS) when it came from a lookup. */
  status: z.string().optional(),
  blocked: z.boolean(),
  source: z.enum(['lookup', 'manual']),
  lookedUpAt: z.string().optional(),
});

export const InvoiceListItemSchema = z.object({
  id: Id,
  businessId: Id,
  docType: DocTypeSchema,
  docNo: z.string().optional(),
  docDate: z.string(),
  sellerGstin: z.string(),
  buyerGstin: z.string().optional(),
  buyerName: z.string().optional(),
  totalPaise: z.number().int(),
  status: InvoiceStatusSchema,
  irn: z.string().optional(),
  ackNo: z.string().optional(),
  ackDt: z.string().optional(),
  /** ISO instant when the 24-hour cancel window closes (registered documents only). */
  cancelBy: z.string().optional(),
});

export const InvoiceSchema = z.object({
  id: Id,
  businessId: Id,
  sellerGstin: z.string(),
  docType: DocTypeSchema,
  docNo: z.string().optional(),
  docDate: z.string(),
  fy: z.string(),
  buyerGstin: z.string().optional(),
  buyerName: z.string().optional(),
  totalPaise: z.number().int(),
  status: InvoiceStatusSchema,
  draft: DraftInvoiceSchema.nullable(),
  lastErrors: z.array(ViolationSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const RegistrationViewSchema = z.object({
  irn: z.string(),
  ackNo: z.string(),
  ackDt: z.string(),
  signedQrCode: z.string(),
  status: z.enum(['ACT', 'CNL']),
  signatureVerified: z.boolean(),
  adopted: z.boolean(),
  cancelDate: z.string().optional(),
  cancelReason: z.string().optional(),
  cancelRemark: z.string().optional(),
  cancelBy: z.string(),
});

export const EwayBillViewSchema = z.object({ ewbNo: z.string(), ewbDate: z.string(), validTill: z.string().optional(), status: z.string() });

export const JournalEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  kind: z.string(),
  invoiceId: z.number().int().nullable(),
  outcome: z.enum(['ok', 'error', 'info']),
  details: z.unknown(),
});

export const RegisterOutcomeSchema = z.object({
  invoiceId: z.number().int(),
  docNo: z.string(),
  /** not_sent: nothing left this machine (a local reason in errors); in_flight: another window or process is sending it. */
  status: z.enum(['registered', 'adopted', 'rejected', 'queued', 'not_sent', 'in_flight']),
  irn: z.string().optional(),
  ackNo: z.string().optional(),
  ackDt: z.string().optional(),
  errors: z.array(ViolationSchema),
  /** e.g. "registered by another window or process". */
  note: z.string().optional(),
});

export const CONTRACT = {
  'app:info': {
    request: Empty,
    response: z.object({
      dataDir: z.string(),
      vault: z.object({ kind: z.enum(['keychain', 'memory']), warning: z.string().optional() }),
      practice: z.boolean(),
      version: z.string(),
      /** Today in IST, YYYY-MM-DD: the editor's default document date. */
      today: IsoDate,
    }),
  },
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
      kind: z.enum(['practice', 'nic-sandbox', 'nic-production', 'gsp']),
      baseUrl: z.string().trim().min(1, 'is required').max(300),
      gstin: z.string().trim().toUpperCase().regex(/^[0-9]{2}[0-9A-Z]{13}$/, 'must be a 15-character GSTIN'),
      clientId: z.string().trim().min(1, 'is required').max(100),
      userName: z.string().trim().min(1, 'is required').max(100),
      /** GSP profiles only; a header that looks like a secret is refused. */
      extraHeaders: z.record(z.string().max(100), z.string().max(500)).optional(),
    }),
    response: ProfileViewSchema,
  },
  /** NIC's encryption public key and/or signing certificate as PEM text, checked before they are stored. */
  'profiles:importKeys': {
    request: z.object({ name: z.string().min(1), encryptionKeyPem: z.string().max(50_000).optional(), signingCertPem: z.string().max(50_000).optional() }),
    response: ProfileViewSchema,
  },
  /** Removes a profile no business uses, with its credentials in the vault. */
  'profiles:delete': {
    request: z.object({ name: z.string().min(1).max(64) }),
    response: z.object({ name: z.string(), credentialsRemoved: z.boolean() }),
  },
  'credentials:status': {
    request: z.object({ profileName: z.string().min(1) }),
    response: z.object({ profileName: z.string(), set: z.boolean() }),
  },
  'credentials:set': {
    request: z.object({ profileName: z.string().min(1), clientSecret: z.string().min(1).max(500), password: z.string().min(1).max(500) }),
    response: z.object({ profileName: z.string(), set: z.boolean() }),
  },
  'invoices:list': {
    request: z.object({
      businessId: Id.optional(),
      status: z.array(InvoiceStatusSchema).optional(),
      from: IsoDate.optional(),
      to: IsoDate.optional(),
      buyer: z.string().max(100).optional(),
      search: z.string().max(100).optional(),
      sort: z.enum(['date', 'number', 'total', 'status']).optional(),
      direction: z.enum(['asc', 'desc']).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
      cursor: z.string().max(500).optional(),
      /** Totals cost a scan of the filtered set: the first page asks, later pages do not. */
      withTotals: z.boolean().optional(),
    }),
    response: z.object({
      rows: z.array(InvoiceListItemSchema),
      nextCursor: z.string().optional(),
      totals: z.object({ count: z.number().int(), totalPaise: z.number().int() }).optional(),
    }),
  },
  'invoices:get': {
    request: z.object({ id: Id }),
    response: z.object({
      invoice: InvoiceSchema,
      registration: RegistrationViewSchema.optional(),
      ewaybills: z.array(EwayBillViewSchema),
      journal: z.array(JournalEntrySchema),
    }),
  },
  'invoices:save': {
    request: z.object({ id: Id.optional(), businessId: Id, draft: DraftInvoiceSchema }),
    response: z.object({ invoice: InvoiceSchema, errors: z.array(ViolationSchema), warnings: z.array(ViolationSchema) }),
  },
  'invoices:register': {
    request: z.object({ ids: z.array(Id).min(1).max(10_000) }),
    response: z.object({ outcomes: z.array(RegisterOutcomeSchema) }),
  },
  'invoices:cancel': {
    request: z.object({ id: Id, reason: z.enum(['1', '2', '3', '4']), remark: z.string().trim().min(1, 'is required').max(100) }),
    response: RegistrationViewSchema,
  },
  /** E-way bill by IRN (§4.7): distance 0 lets the IRP compute the PIN-to-PIN distance. */
  'invoices:ewb': {
    request: z.object({
      id: Id,
      distance: z.number().int().min(0, 'must be 0 to 4000 km').max(4000, 'must be 0 to 4000 km'),
      mode: z.enum(['1', '2', '3', '4']).optional(),
      vehicleNo: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{4,20}$/, 'must be 4 to 20 letters or digits').optional(),
      vehicleType: z.enum(['R', 'O']).optional(),
      transporterId: z.string().trim().toUpperCase().regex(/^[0-9]{2}[0-9A-Z]{13}$/, 'must be a 15-character transporter id').optional(),
      transportDocNo: z.string().trim().regex(/^[a-zA-Z0-9/-]{1,15}$/, 'must be 1 to 15 letters, digits, / or -').optional(),
      transportDocDate: z.string().regex(/^\d{2}\/\d{2}\/\d{4}$/, 'must be dd/mm/yyyy').optional(),
    }),
    response: z.object({ ewbNo: z.string(), ewbDt: z.string(), ewbValidTill: z.string().nullable() }),
  },
  /** The invoice as a Rule-46 PDF (the browser host downloads it). */
  'pdf:render': {
    request: z.object({ id: Id }),
    response: z.object({ fileName: z.string(), base64: z.string(), pages: z.number().int() }),
  },
  /** Desktop: the native save dialog (the browser host answers saved: false; use pdf:render there). */
  'pdf:save': {
    request: z.object({ id: Id }),
    response: z.object({ saved: z.boolean(), path: z.string().optional() }),
  },
  /** Desktop: the native print dialog (the browser host answers printed: false). */
  'pdf:print': {
    request: z.object({ id: Id }),
    response: z.object({ printed: z.boolean() }),
  },
  'parties:search': {
    request: z.object({ text: z.string().max(100), limit: z.number().int().min(1).max(50).optional() }),
    response: z.object({ parties: z.array(PartySchema) }),
  },
  'parties:lookup': {
    request: z.object({ gstin: z.string().trim().toUpperCase().regex(/^[0-9]{2}[0-9A-Z]{13}$/, 'must be a 15-character GSTIN'), businessId: Id, sync: z.boolean().optional() }),
    response: z.object({ party: PartySchema, source: z.enum(['cache', 'irp']) }),
  },
  'masters:hsnSearch': {
    request: z.object({ query: z.string().max(100), limit: z.number().int().min(1).max(100).optional() }),
    response: z.object({ entries: z.array(z.object({ code: z.string(), description: z.string() })) }),
  },
  'activity:list': {
    request: z.object({ limit: z.number().int().min(1).max(1000).optional(), invoiceId: Id.optional() }),
    response: z.object({ entries: z.array(JournalEntrySchema) }),
  },
  /** Settings → Data: where the ledger lives, how big, how much it holds, where backups go. */
  'data:info': {
    request: Empty,
    response: z.object({
      dataDir: z.string(),
      ledgerFile: z.string(),
      ledgerBytes: z.number().int(),
      invoices: z.number().int(),
      registrations: z.number().int(),
      backupsDir: z.string(),
      lastBackupAt: z.string().optional(),
    }),
  },
  /** A verified online backup into <data>/backups (ledger-YYYYMMDD-HHmmss.sqlite, IST). */
  'data:backup': {
    request: Empty,
    response: z.object({ fileName: z.string(), bytes: z.number().int(), invoices: z.number().int(), registrations: z.number().int(), createdAt: z.string() }),
  },
  'data:backups': {
    request: Empty,
    response: z.object({
      backups: z.array(z.object({
        fileName: z.string(),
        bytes: z.number().int(),
        createdAt: z.string(),
        safety: z.boolean(),
        invoices: z.number().int().optional(),
        registrations: z.number().int().optional(),
        problem: z.object({ code: z.string(), message: z.string() }).optional(),
      })),
    }),
  },
  /** Restores a file of the backups folder; RESTORE_WOULD_LOSE_IRNS (details: count, docNos) unless allowLosingIrns. */
  'data:restore': {
    request: z.object({ fileName: z.string().min(1).max(255), allowLosingIrns: z.boolean().optional() }),
    response: z.object({
      fileName: z.string(),
      invoices: z.number().int(),
      registrations: z.number().int(),
      safetyBackup: z.string(),
      lostIrns: z.object({ count: z.number().int(), docNos: z.array(z.string()) }),
    }),
  },
  health: {
    request: Empty,
    response: z.object({
      queued: z.number().int(),
      inFlight: z.number().int(),
      lastSuccess: z.object({ at: z.string(), kind: z.string() }).optional(),
      lastFailure: z.object({ at: z.string(), kind: z.string(), codes: z.array(z.string()) }).optional(),
      /** True when the latest IRP exchange failed for a reason on the IRP's side or the network's. */
      irpDown: z.boolean(),
      /** ISO instant when the earliest queued operation is due to be sent again. */
      nextRetryAt: z.string().optional(),
    }),
  },
} as const;

export type Contract = typeof CONTRACT;
export type Channel = keyof Contract;
export type Req<C extends Channel> = z.input<Contract[C]['request']>;
export type ParsedReq<C extends Channel> = z.output<Contract[C]['request']>;
export type Res<C extends Channel> = z.output<Contract[C]['response']>;

export const CHANNELS = Object.keys(CONTRACT) as Channel[];
export function isChannel(name: string): name is Channel {
  return Object.hasOwn(CONTRACT, name);
}

export const IpcErrorSchema = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });
export type IpcError = z.infer<typeof IpcErrorSchema>;
export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export type InvoiceListItem = z.infer<typeof InvoiceListItemSchema>;
export type InvoiceView = z.infer<typeof InvoiceSchema>;
export type RegistrationView = z.infer<typeof RegistrationViewSchema>;
export type JournalEntryView = z.infer<typeof JournalEntrySchema>;
export type BusinessView = z.infer<typeof BusinessSchema>;
export type ProfileView = z.infer<typeof ProfileViewSchema>;
export type PartyView = z.infer<typeof PartySchema>;
export type RegisterOutcomeView = z.infer<typeof RegisterOutcomeSchema>;

/** What the core pushes to the UI: `*:changed` makes stores re-fetch; progress drives the bar. */
export const AppEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ledger:changed'), invoiceId: z.number().int().optional() }),
  z.object({ type: z.literal('settings:changed') }),
  z.object({ type: z.literal('register:progress'), done: z.number().int(), total: z.number().int(), outcome: RegisterOutcomeSchema }),
  /** A backup or restore under way (Settings → Data): its step and how far (done of total; 0 of 0: unknown). */
  z.object({
    type: z.literal('data:progress'),
    job: z.enum(['backup', 'restore']),
    step: z.enum(['copy', 'integrity', 'journal', 'compare', 'swap']),
    done: z.number(),
    total: z.number(),
  }),
  /** The desktop application menu asking the page to act (electron/main/menu.ts). */
  z.object({ type: z.literal('menu:command'), command: z.enum(['new-invoice', 'print', 'save-pdf', 'settings', 'help']) }),
]);
export type AppEvent = z.infer<typeof AppEventSchema>;
