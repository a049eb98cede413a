/**
 * The Playground's channels (issue 15, docs/playground.md), spread into CONTRACT (contract.ts):
 * traces, check-my-encryption, the scenario catalogue and the Test Summary Report. Same rules as
 * contract.ts: one zod schema per request and response, types inferred.
 */
import { z } from 'zod';
import { CHECK_KINDS, CheckResultSchema, ScenarioInfoSchema, ScenarioResultSchema, TRACE_OPERATIONS, TraceSchema } from './playground.schema';

import { Empty } from './base.schema';

export const PLAYGROUND_CONTRACT = {
  /** The Playground (issue 15, docs/playground.md): the practice IRP's public key and the scenario catalogue. */
  'playground:info': {
    request: Empty,
    response: z.object({ practicePublicKeyPem: z.string(), practiceKeyThumbprint: z.string(), scenarios: z.array(ScenarioInfoSchema) }),
  },
  /** One exchange traced step by step; generate takes the INV-01 JSON text, cancel/get the IRN. */
  'playground:trace': {
    request: z.object({
      profileName: z.string().min(1).max(64),
      operation: z.enum(TRACE_OPERATIONS),
      invoiceJson: z.string().max(8_000_000).optional(),
      irn: z.string().trim().max(64).optional(),
      cancelReason: z.enum(['1', '2', '3', '4']).optional(),
      cancelRemark: z.string().max(100).optional(),
      appKey: z.string().max(100).optional(),
    }),
    response: TraceSchema,
  },
  /** Check what another system encrypted: one verdict per mistake. */
  'playground:check': {
    request: z.object({ kind: z.enum(CHECK_KINDS), input: z.string().max(8_000_000).optional(), appKey: z.string().max(1000).optional(), sek: z.string().max(1000).optional() }),
    response: CheckResultSchema,
  },
  /** A valid invoice for the profile's GSTIN, dated today, with a number never used (for the generate trace). */
  'playground:sample': { request: z.object({ profileName: z.string().min(1).max(64) }), response: z.object({ invoiceJson: z.string() }) },
  /** Runs scenarios on a fresh practice IRP; results gather under runId (a new run when absent). */
  'playground:run': {
    request: z.object({ runId: z.string().max(64).optional(), ids: z.array(z.string().max(64)).min(1).max(100) }),
    response: z.object({ runId: z.string(), results: z.array(ScenarioResultSchema) }),
  },
  /** The Test Summary Report of a run, as a PDF or an .xlsx file (Base64). */
  'playground:report': {
    request: z.object({ runId: z.string().min(1).max(64), format: z.enum(['pdf', 'xlsx']) }),
    response: z.object({ fileName: z.string(), base64: z.string(), scenarios: z.number().int(), passed: z.number().int(), failed: z.number().int() }),
  },
};
