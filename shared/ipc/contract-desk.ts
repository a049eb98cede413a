/**
 * The billing desk's channels (issue 17), spread into CONTRACT (contract.ts): the editor's checks
 * and working copies, numbering series, and the item and party masters. Same rules as contract.ts:
 * one zod schema per request and response, types inferred.
 */
import { z } from 'zod';
import { PartySchema } from './party.schema';

const Id = z.number().int().positive();
const DocType = z.enum(['INV', 'CRN', 'DBN']);
/** dd/mm/yyyy (as the editor holds it) or YYYY-MM-DD. */
const AnyDate = z.string().regex(/^(\d{2}\/\d{2}\/\d{4}|\d{4}-\d{2}-\d{2})$/, 'must be a date dd/mm/yyyy');
/** Editor session and slot names: the page makes them up (random), the ledger keys copies by them. */
const Slot = z.string().regex(/^[\w:.-]{1,80}$/, 'must be 1-80 letters, digits, _ : . or -');
/** A working copy's form; 1000 lines of text fit in well under this. */
const FORM_MAX_CHARS = 4_000_000;

export const CheckSetupSchema = z.object({
  profile: z.enum(['production', 'sandbox']),
  today: z.string(),
  aatoCrore: z.number().optional(),
  einvoiceStartDate: z.string().optional(),
});

export const ProductViewSchema = z.object({
  id: Id,
  businessId: Id,
  name: z.string(),
  hsn: z.string(),
  isService: z.boolean(),
  unit: z.string(),
  unitPricePaise: z.number().int(),
  gstRate: z.number(),
  cessRate: z.number(),
});

export const ProductInputSchema = z.object({
  id: Id.optional(),
  businessId: Id,
  name: z.string().trim().min(1, 'is required').max(300),
  hsn: z.string().trim().regex(/^[0-9]{4,8}$/, 'must be a 4 to 8 digit HSN/SAC code'),
  unit: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'must be a UQC code such as NOS'),
  unitPricePaise: z.number().int('must be whole paise').min(0),
  gstRate: z.number().min(0).max(100),
  cessRate: z.number().min(0).max(100).optional(),
});

/** A party as the Parties screen shows and edits it: the pickers' view and its second address line. */
export const PartyRecordSchema = PartySchema.extend({ address2: z.string().optional() });

export const PartyInputSchema = z.object({
  id: Id.optional(),
  gstin: z.string().trim().toUpperCase().regex(/^([0-9]{2}[0-9A-Z]{13}|URP)$/, 'must be a 15-character GSTIN or URP').optional(),
  legalName: z.string().trim().min(1, 'is required').max(100),
  tradeName: z.string().trim().max(100).optional(),
  address1: z.string().trim().max(100).optional(),
  address2: z.string().trim().max(100).optional(),
  location: z.string().trim().max(100).optional(),
  pin: z.number().int().min(100000, 'must be a 6-digit PIN').max(999999, 'must be a 6-digit PIN').optional(),
  stateCode: z.string().regex(/^\d{2}$/, 'must be a 2-digit state code').optional(),
});

export const SeriesViewSchema = z.object({
  businessId: Id,
  docType: DocType,
  prefix: z.string(),
  digits: z.number().int(),
  suffix: z.string(),
  /** What the next number would be today, for the screen's preview. */
  next: z.string(),
});

export const WorkingCopySummarySchema = z.object({
  slot: z.string(),
  invoiceId: Id.optional(),
  businessId: Id.optional(),
  docType: z.string().optional(),
  docNo: z.string().optional(),
  buyerName: z.string().optional(),
  lines: z.number().int(),
  totalPaise: z.number().int(),
  updatedAt: z.string(),
});

export const DESK_CONTRACT = {
  /** What a business's invoices are checked with (the same facts `invoices:save` and the engine use). */
  'editor:setup': { request: z.object({ businessId: Id }), response: CheckSetupSchema },
  /** Every code of the HSN/SAC master, comma-separated, so the editor checks 2176 exactly as the core does. */
  'masters:hsnCodes': { request: z.object({}).strict(), response: z.object({ codes: z.string(), count: z.number().int() }) },
  /** The GST rate this business usually charges on an HSN (its items, else its latest invoices). */
  'masters:usualRate': {
    request: z.object({ businessId: Id, hsn: z.string().regex(/^[0-9]{4,8}$/) }),
    response: z.object({ rate: z.number().optional(), uses: z.number().int(), source: z.enum(['items', 'invoices']).optional() }),
  },
  /** Stores the editor's working copy (the form as typed) in its slot. */
  'drafts:autosave': {
    request: z.object({
      slot: Slot,
      owner: Slot,
      invoiceId: Id.optional(),
      businessId: Id.optional(),
      docType: z.string().max(3).optional(),
      docNo: z.string().max(40).optional(),
      buyerName: z.string().max(200).optional(),
      lines: z.number().int().min(0).max(100_000),
      totalPaise: z.number().int(),
      form: z.unknown().refine((f) => f !== undefined && JSON.stringify(f).length <= FORM_MAX_CHARS, 'must be a form of at most 4 MB'),
    }),
    response: z.object({ savedAt: z.string() }),
  },
  'drafts:discard': { request: z.object({ slot: Slot }), response: z.object({ discarded: z.boolean() }) },
  /** Working copies left by other editor sessions (a window closed or crashed before saving). */
  'drafts:recoverable': { request: z.object({ owner: Slot }), response: z.object({ drafts: z.array(WorkingCopySummarySchema) }) },
  /** A working copy's form, taken over by `owner` (it is offered nowhere else afterwards). */
  'drafts:take': {
    request: z.object({ slot: Slot, owner: Slot }),
    response: z.object({ copy: WorkingCopySummarySchema, form: z.unknown() }),
  },
  'series:list': { request: z.object({ businessId: Id }), response: z.object({ series: z.array(SeriesViewSchema) }) },
  /** Saves a series after checking every number it can make fits the IRP (SERIES_INVALID otherwise). */
  'series:save': {
    request: z.object({ businessId: Id, docType: DocType, prefix: z.string().max(30), digits: z.number().int().min(1).max(10), suffix: z.string().max(30) }),
    response: SeriesViewSchema,
  },
  'series:delete': { request: z.object({ businessId: Id, docType: DocType }), response: z.object({ deleted: z.boolean() }) },
  /** The number to propose for a new document dated `docDate` (its FY), and where it came from. */
  'series:next': {
    request: z.object({ businessId: Id, docType: DocType, docDate: AnyDate }),
    response: z.object({ docNo: z.string().optional(), source: z.enum(['series', 'last', 'none']), problem: z.string().optional() }),
  },
  /** Whether a number is already taken in the ledger (same seller, FY and type, any case). */
  'invoices:numberUsed': {
    request: z.object({ businessId: Id, docType: DocType, docNo: z.string().max(40), docDate: AnyDate, exceptId: Id.optional() }),
    response: z.object({
      used: z.object({ id: Id, status: z.string(), docNo: z.string(), docDate: z.string() }).optional(),
    }),
  },
  'products:search': {
    request: z.object({ businessId: Id, text: z.string().max(100), limit: z.number().int().min(1).max(50).optional() }),
    response: z.object({ items: z.array(ProductViewSchema) }),
  },
  'products:list': {
    request: z.object({ businessId: Id, text: z.string().max(100).optional(), limit: z.number().int().min(1).max(500).optional(), offset: z.number().int().min(0).optional() }),
    response: z.object({ items: z.array(ProductViewSchema), total: z.number().int() }),
  },
  'products:save': { request: ProductInputSchema, response: ProductViewSchema },
  'products:delete': { request: z.object({ id: Id }), response: z.object({ deleted: z.boolean() }) },
  'parties:list': {
    request: z.object({ text: z.string().max(100).optional(), limit: z.number().int().min(1).max(500).optional(), offset: z.number().int().min(0).optional() }),
    response: z.object({ parties: z.array(PartyRecordSchema), total: z.number().int() }),
  },
  'parties:save': { request: PartyInputSchema, response: PartyRecordSchema },
  'parties:delete': { request: z.object({ id: Id }), response: z.object({ deleted: z.boolean() }) },
} as const;

export type ProductView = z.infer<typeof ProductViewSchema>;
export type PartyRecord = z.infer<typeof PartyRecordSchema>;
export type SeriesView = z.infer<typeof SeriesViewSchema>;
export type WorkingCopySummaryView = z.infer<typeof WorkingCopySummarySchema>;
export type CheckSetupView = z.infer<typeof CheckSetupSchema>;
