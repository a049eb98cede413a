/**
 * The one typed contract between the UI and the app core (architecture.md §4.1): every channel
 * (`domain:verb`) with its request and response schema. Every host parses requests with these
 * schemas and answers with the `Result` wrapper; the types below are inferred, never duplicated.
 */
import { z } from 'zod';
import { BULK_CONTRACT } from './bulk.contract';
import { DraftInvoiceSchema } from './draft.schema';
import { DocTypeSchema, Empty, Id, InvoiceStatusSchema, IsoDate, ListFiltersSchema, ViolationSchema } from './base.schema';
import { DESK_CONTRACT } from './contract-desk';
import { DATA_CONTRACT } from './data.contract';
import { PLAYGROUND_CONTRACT } from './playground.contract';
import { PORTAL_CONTRACT } from './portal.contract';
import type { BusinessSchema, GspPresetViewSchema, ProfileViewSchema} from './settings.contract';
import { SETTINGS_CONTRACT } from './settings.contract';
import { PartySchema } from './party.schema';

export { DraftInvoiceSchema, DraftLineSchema } from './draft.schema';

export { DocTypeSchema, InvoiceStatusSchema, ViolationSchema } from './base.schema';

/**
 * Codes of failures that are this app's setup to fix (a profile without NIC keys or credentials:
 * electron/app/credentials.ts, electron/irp/errors.ts), not the IRP being down or refusing.
 */
export const SETUP_ERROR_CODES: ReadonlySet<string> = new Set(['CREDENTIALS_MISSING', 'PROFILE_KEYS_MISSING', 'CREDENTIALS']);

export { BusinessInputSchema, BusinessSchema, GspPresetViewSchema, GspSettingsInputSchema, ProfileKindSchema, ProfileViewSchema } from './settings.contract';

export { PartySchema } from './party.schema';

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
  /** An active e-way bill: the IRN cannot be cancelled until the e-way bill is (IRP rule 2230). */
  ewbActive: z.boolean().optional(),
  /** The active e-way bill's validity, IST "yyyy-MM-dd HH:mm:ss". */
  ewbValidTill: z.string().optional(),
});

const TypeTotalSchema = z.object({ count: z.number().int(), totalPaise: z.number().int() });
/**
 * What a set of documents adds up to: `count` documents; `totalPaise` is the net value (invoices
 * and debit notes add, credit notes subtract, cancelled documents are left out and counted apart).
 */
export const TotalsSchema = z.object({
  count: z.number().int(),
  totalPaise: z.number().int(),
  byType: z.object({ INV: TypeTotalSchema, CRN: TypeTotalSchema, DBN: TypeTotalSchema }).optional(),
  cancelled: TypeTotalSchema.optional(),
});

/** Which copy a printed invoice is (Rule 48: original for the recipient, duplicate for the transporter, triplicate for the supplier). */
export const PrintCopySchema = z.enum(['original', 'duplicate', 'triplicate']);
const PrintCopies = z.array(PrintCopySchema).min(1).max(3).optional();

export const EwbPartBViewSchema = z.object({
  updatedAt: z.string(),
  transMode: z.string(),
  vehicleNo: z.string().optional(),
  transDocNo: z.string().optional(),
  transDocDt: z.string().optional(),
  fromPlace: z.string(),
  fromState: z.string(),
  reasonCode: z.string(),
  remark: z.string().optional(),
  validTill: z.string().optional(),
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
  /** Who signed the QR, checked when shown (electron/app/signers.ts): green only for 'real'; sandbox and practice QRs are test documents. */
  signer: z.object({ standing: z.enum(['real', 'sandbox', 'practice', 'invalid', 'not-irp', 'not-checked', 'received']), text: z.string() }).optional(),
});

export const EwayBillViewSchema = z.object({
  ewbNo: z.string(),
  ewbDate: z.string(),
  validTill: z.string().optional(),
  status: z.string(),
  distanceKm: z.number().int().optional(),
  transMode: z.string().optional(),
  vehicleNo: z.string().optional(),
  vehicleType: z.string().optional(),
  transDocNo: z.string().optional(),
  transDocDt: z.string().optional(),
  transporterId: z.string().optional(),
  transporterName: z.string().optional(),
  cancelDate: z.string().optional(),
  cancelReason: z.string().optional(),
  cancelRemark: z.string().optional(),
  /** ISO instant until which the bill may be cancelled (24 hours after it was raised). */
  cancelBy: z.string().optional(),
  partB: z.array(EwbPartBViewSchema),
});

/** The dashboard (issue 17 item 11): each figure with what its link to the list filters on. */
export const OverviewSchema = z.object({
  today: IsoDate,
  monthStart: IsoDate,
  registeredToday: TotalsSchema,
  registeredMonth: TotalsSchema,
  drafts: z.object({ count: z.number().int(), oldestDate: IsoDate.optional(), nearLimit: z.number().int(), pastLimit: z.number().int(), warnDate: IsoDate, limitDate: IsoDate }),
  cancelWindow: z.object({ open: z.number().int(), closingSoon: z.number().int(), blockedByEwb: z.number().int(), firstClosesAt: z.string().optional(), openAfter: z.string(), closingBy: z.string() }),
  queue: z.object({ waiting: z.number().int(), failed: z.number().int() }),
  ewaybills: z.object({ active: z.number().int(), expiringSoon: z.number().int(), expired: z.number().int(), partAOnly: z.number().int(), soonBy: z.string(), expiredSince: z.string() }),
});

export const JournalEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  kind: z.string(),
  invoiceId: z.number().int().nullable(),
  outcome: z.enum(['ok', 'error', 'info']),
  details: z.unknown(),
  /** The invoice the entry is about, named as the user knows it. */
  document: z.object({ docType: DocTypeSchema, docNo: z.string().optional() }).optional(),
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
  ...SETTINGS_CONTRACT,
  'invoices:list': {
    request: ListFiltersSchema.extend({
      sort: z.enum(['date', 'number', 'total', 'status']).optional(),
      direction: z.enum(['asc', 'desc']).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
      cursor: z.string().max(500).optional(),
      /** Totals cost a scan of the filtered set: the first page asks, later pages do not. */
      withTotals: z.boolean().optional(),
      /** IRNs that can still be cancelled: acknowledged after `after` (ISO) and, if given, at or before `before`. */
      cancelWindow: z.object({ after: z.string().max(40), before: z.string().max(40).optional() }).optional(),
      /** Documents whose active e-way bill's validity ends in this range (IST "yyyy-MM-dd HH:mm:ss", inclusive). */
      ewbValid: z.object({ from: z.string().max(40), to: z.string().max(40) }).optional(),
    }),
    response: z.object({
      rows: z.array(InvoiceListItemSchema),
      nextCursor: z.string().optional(),
      totals: TotalsSchema.optional(),
    }),
  },
  'invoices:get': {
    request: z.object({ id: Id }),
    response: z.object({
      invoice: InvoiceSchema,
      registration: RegistrationViewSchema.optional(),
      ewaybills: z.array(EwayBillViewSchema),
      journal: z.array(JournalEntrySchema),
      /** Before an e-way bill is raised: the PINs it runs between and the practice IRP's PIN-to-PIN distance. */
      ewbEstimate: z.object({ fromPin: z.number().int().optional(), toPin: z.number().int().optional(), km: z.number().int().optional(), samePin: z.boolean() }).optional(),
    }),
  },
  'invoices:save': {
    /** `workingCopy`: the editor's autosave slot of this form, cleared in the same transaction. */
    request: z.object({ id: Id.optional(), businessId: Id, draft: DraftInvoiceSchema, workingCopy: z.string().regex(/^[\w:.-]{1,80}$/).optional() }),
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
  /** Part-B of an e-way bill: the vehicle (road) or transport document (rail, air, ship), where the goods are now, and why. */
  'invoices:ewbPartB': {
    request: z.object({
      id: Id,
      ewbNo: z.string().regex(/^\d{12}$/, 'must be the 12-digit e-way bill number'),
      mode: z.enum(['1', '2', '3', '4']),
      vehicleNo: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{4,20}$/, 'must be 4 to 20 letters or digits').optional(),
      vehicleType: z.enum(['R', 'O']).optional(),
      transportDocNo: z.string().trim().regex(/^[a-zA-Z0-9/-]{1,15}$/, 'must be 1 to 15 letters, digits, / or -').optional(),
      transportDocDate: z.string().regex(/^\d{2}\/\d{2}\/\d{4}$/, 'must be dd/mm/yyyy').optional(),
      fromPlace: z.string().trim().min(3, 'must be at least 3 characters').max(50),
      fromState: z.string().regex(/^\d{2}$/, 'must be a 2-digit state code'),
      /** 1 break down, 2 transhipment, 3 others, 4 first time (EWB system codes). */
      reason: z.enum(['1', '2', '3', '4']),
      remark: z.string().trim().max(50),
    }),
    response: EwayBillViewSchema,
  },
  /** Cancels an e-way bill within 24 hours of raising it (EWB reason codes: 1 duplicate, 2 order cancelled, 3 data entry mistake, 4 others). */
  'invoices:ewbCancel': {
    request: z.object({ id: Id, ewbNo: z.string().regex(/^\d{12}$/, 'must be the 12-digit e-way bill number'), reason: z.enum(['1', '2', '3', '4']), remark: z.string().trim().min(1, 'is required').max(50) }),
    response: EwayBillViewSchema,
  },
  /** The dashboard's figures (one business, or all). */
  'dashboard:summary': {
    request: z.object({ businessId: Id.optional() }),
    response: OverviewSchema,
  },
  /** Several invoices in one PDF (the list's "Print selected"); documents without a payload are skipped and named. */
  'pdf:batch': {
    request: z.object({ ids: z.array(Id).min(1).max(200), copies: PrintCopies }),
    response: z.object({ fileName: z.string(), base64: z.string(), pages: z.number().int(), printed: z.number().int(), skipped: z.array(z.object({ id: Id, docNo: z.string(), reason: z.string() })) }),
  },
  /** An e-way bill's own printable PDF. */
  'pdf:ewb': {
    request: z.object({ id: Id, ewbNo: z.string().regex(/^\d{12}$/) }),
    response: z.object({ fileName: z.string(), base64: z.string(), pages: z.number().int() }),
  },
  /** The invoice as a Rule-46 PDF (the browser host downloads it). */
  'pdf:render': {
    request: z.object({ id: Id, copies: PrintCopies }),
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
  ...DATA_CONTRACT,
  ...BULK_CONTRACT,
  health: {
    request: Empty,
    response: z.object({
      queued: z.number().int(),
      inFlight: z.number().int(),
      lastSuccess: z.object({ at: z.string(), kind: z.string() }).optional(),
      lastFailure: z.object({ at: z.string(), kind: z.string(), codes: z.array(z.string()), message: z.string().optional() }).optional(),
      /** True when the latest IRP exchange failed for a reason on the IRP's side or the network's. */
      irpDown: z.boolean(),
      /** ISO instant when the earliest queued operation is due to be sent again. */
      nextRetryAt: z.string().optional(),
    }),
  },
  ...DESK_CONTRACT,
  ...PLAYGROUND_CONTRACT,
  ...PORTAL_CONTRACT,
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
export type TotalsView = z.infer<typeof TotalsSchema>;
export type EwayBillView = z.infer<typeof EwayBillViewSchema>;
export type OverviewView = z.infer<typeof OverviewSchema>;
export type PrintCopy = z.infer<typeof PrintCopySchema>;
export type InvoiceView = z.infer<typeof InvoiceSchema>;
export type RegistrationView = z.infer<typeof RegistrationViewSchema>;
export type JournalEntryView = z.infer<typeof JournalEntrySchema>;
export type BusinessView = z.infer<typeof BusinessSchema>;
export type ProfileView = z.infer<typeof ProfileViewSchema>;
export type GspPresetView = z.infer<typeof GspPresetViewSchema>;
export type PartyView = z.infer<typeof PartySchema>;
export type RegisterOutcomeView = z.infer<typeof RegisterOutcomeSchema>;
export { ImportMappingSchema, ImportProblemSchema, type ImportProblemView } from './bulk.contract';

/** What the core pushes to the UI: `*:changed` makes stores re-fetch; progress drives the bar. */
export const AppEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ledger:changed'), invoiceId: z.number().int().optional() }),
  z.object({ type: z.literal('settings:changed') }),
  z.object({ type: z.literal('register:progress'), done: z.number().int(), total: z.number().int(), outcome: RegisterOutcomeSchema }),
  /** Import and export progress: reading/checking the file, saving the drafts, writing an export. */
  z.object({ type: z.literal('bulk:progress'), job: z.enum(['import-check', 'import-save', 'export']), done: z.number().int(), total: z.number().int() }),
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
