/**
 * The portal road's channels (issue 12, docs/portal.md), spread into CONTRACT (contract.ts):
 * drafts to the portal's bulk-upload files, and the portal's results back into the ledger.
 */
import { z } from 'zod';

import { Id, ViolationSchema } from './base.schema';

export const PORTAL_CONTRACT = {
  /** Drafts → the e-invoice portal's bulk-upload JSON files (ids ticked, or every draft of a business). */
  'portal:export': {
    request: z.object({
      ids: z.array(Id).min(1).max(10_000).optional(),
      allDrafts: z.boolean().optional(),
      businessId: Id.optional(),
    }).refine((r) => (r.ids !== undefined) !== (r.allDrafts === true), { message: 'give either ids or allDrafts', path: ['ids'] }),
    response: z.object({
      files: z.array(z.object({ fileName: z.string(), sellerGstin: z.string(), docNos: z.array(z.string()), bytes: z.number().int(), text: z.string() })),
      refused: z.array(z.object({ invoiceId: z.number().int(), docNo: z.string(), errors: z.array(ViolationSchema) })),
      problems: z.array(z.object({ ref: z.string(), code: z.string(), message: z.string() })),
      splitReasons: z.array(z.string()),
      limits: z.object({ maxBytes: z.number().int(), maxInvoices: z.number().int() }),
      /** The practice IRP's portal page, when the files are for a practice business. */
      practicePortalUrl: z.string().optional(),
    }),
  },
  /** A results file downloaded from the portal (JSON, CSV or .xlsx, at most 5 MB) → matched, verified, recorded. */
  'portal:import': {
    request: z.object({ fileName: z.string().trim().min(1).max(255), base64: z.string().min(1).max(7_000_000) }),
    response: z.object({
      file: z.string(),
      format: z.enum(['json', 'csv', 'xlsx']),
      matched: z.number().int(),
      recorded: z.number().int(),
      alreadyRecorded: z.number().int(),
      unknown: z.number().int(),
      flagged: z.number().int(),
      rejected: z.number().int(),
      rows: z.array(z.object({
        where: z.string(),
        outcome: z.enum(['recorded', 'already-recorded', 'unknown', 'flagged', 'rejected']),
        code: z.string().optional(),
        invoiceId: z.number().int().optional(),
        sellerGstin: z.string().optional(),
        docType: z.string().optional(),
        docNo: z.string().optional(),
        docDate: z.string().optional(),
        irn: z.string().optional(),
        ackNo: z.string().optional(),
        ackDt: z.string().optional(),
        reasons: z.array(z.string()),
        errors: z.array(z.object({ code: z.string(), path: z.string().optional(), message: z.string() })),
      })),
    }),
  },
};
