/**
 * The import and export channels (issue 14), spread into CONTRACT (contract.ts) like its other
 * parts. Same rules as contract.ts: one zod schema per request and response, types inferred.
 */
import { z } from 'zod';
import { ImportMappingSchema } from '../import/mapping.schema';
import { DocTypeSchema, Id, IsoDate, ListFiltersSchema } from './base.schema';

export { ImportMappingSchema };

/** Import (issue 14): one problem of the preview, at its file row and column, with the IRP's code. */
export const ImportProblemSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  code: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
  docNo: z.string().optional(),
});

export type ImportProblemView = z.infer<typeof ImportProblemSchema>;

const UploadId = z.string().regex(/^[0-9a-f]{32}$/, 'must be an upload id');

/** The list's filters, as the invoices list sends them (an export of "what the list shows"). */
const ListFilters = ListFiltersSchema;
const ExportFiles = z.array(z.object({ fileName: z.string(), base64: z.string() }));

export const BULK_CONTRACT = {
  /** Import: a file arrives in chunks (≤ 4 MB each, appended in order), then is analysed, previewed, committed. */
  'import:upload': {
    request: z.object({ uploadId: UploadId.optional(), fileName: z.string().min(1).max(255), offset: z.number().int().min(0), base64: z.string().max(6_000_000), final: z.boolean() }),
    response: z.object({ uploadId: z.string(), bytes: z.number().int() }),
  },
  /** Kind, sheets, header row, headers with samples, and the mapping to start from (saved for this layout, or matched). */
  'import:analyze': {
    request: z.object({ uploadId: UploadId, sheet: z.string().max(100).optional(), headerRow: z.number().int().min(1).optional() }),
    response: z.object({
      kind: z.enum(['xlsx', 'csv', 'json']),
      fileName: z.string(),
      sheets: z.array(z.string()),
      sheet: z.string().optional(),
      headerRow: z.number().int().optional(),
      headers: z.array(z.string()),
      samples: z.array(z.array(z.string())),
      dataRows: z.number().int(),
      mapping: ImportMappingSchema,
      savedMapping: z.string().optional(),
      missing: z.array(z.string()),
    }),
  },
  /** Reads the file through the mapping and checks every document; nothing is saved. Problems are capped at 5,000. */
  'import:preview': {
    request: z.object({ uploadId: UploadId, mapping: ImportMappingSchema, businessId: Id.optional() }),
    response: z.object({
      documents: z.number().int(),
      lines: z.number().int(),
      valid: z.number().int(),
      withErrors: z.number().int(),
      duplicates: z.number().int(),
      errors: z.number().int(),
      warnings: z.number().int(),
      problems: z.array(ImportProblemSchema),
      docs: z.array(z.object({
        docType: DocTypeSchema, docNo: z.string(), docDate: z.string(), buyerGstin: z.string(), buyerName: z.string(),
        lines: z.number().int(), totalPaise: z.number().int(), row: z.number().int(), status: z.enum(['ok', 'error', 'duplicate']),
      })),
    }),
  },
  /** Saves the valid documents as drafts in one transaction; `import:progress` events while it runs. */
  'import:commit': {
    request: z.object({ uploadId: UploadId, mapping: ImportMappingSchema, businessId: Id.optional(), saveMappingAs: z.string().trim().min(1).max(100).optional() }),
    response: z.object({ imported: z.number().int(), skipped: z.number().int(), invoiceIds: z.array(z.number().int()), parties: z.number().int(), products: z.number().int() }),
  },
  'import:discard': { request: z.object({ uploadId: UploadId }), response: z.object({ discarded: z.boolean() }) },
  /** The invoice register for the list's filters: .xlsx (sheets Register and Lines) or .csv (two files). */
  'export:register': {
    request: ListFilters.extend({ format: z.enum(['xlsx', 'csv']) }),
    response: z.object({ files: ExportFiles, documents: z.number().int(), lines: z.number().int() }),
  },
  /** GSTR-1 tables (b2b, cdnr, cdnur, exp, hsn) of what was registered in the period; cancelled IRNs left out. */
  'export:gstrOne': {
    request: z.object({ from: IsoDate, to: IsoDate, businessId: Id.optional(), format: z.enum(['xlsx', 'csv']) }),
    response: z.object({ files: ExportFiles, documents: z.number().int(), rows: z.record(z.string(), z.number().int()) }),
  },
} as const;
