/**
 * The Playground's shapes (issue 15), shared by the contract, the app core, the CLI's --json and
 * the screen: a traced exchange (one step per stage of NIC's protocol), a check-encryption verdict,
 * and the scenario catalogue with its results.
 */
import { z } from 'zod';

export const TRACE_OPERATIONS = ['auth', 'generate', 'cancel', 'get'] as const;
export type TraceOperation = (typeof TRACE_OPERATIONS)[number];

export const TraceValueSchema = z.object({
  label: z.string(),
  /** text as is; json: JSON text; bytes: Base64 of the bytes (the screen can show hex); headers: a JSON object. */
  kind: z.enum(['text', 'json', 'bytes', 'headers']),
  value: z.string(),
  /** A secret of a non-practice profile: `value` is empty and `note` says what was withheld. */
  masked: z.boolean().optional(),
  note: z.string().optional(),
});

export const TraceStepSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** What happens at this step, in a sentence or two (with the irp-protocol.md section). */
  explain: z.string(),
  values: z.array(TraceValueSchema),
  /** false on the step where the exchange failed. */
  ok: z.boolean(),
});

export const TraceSchema = z.object({
  operation: z.enum(TRACE_OPERATIONS),
  profile: z.object({ name: z.string(), kind: z.string(), baseUrl: z.string() }),
  /** Whether secrets are shown (a practice IRP on this computer only). */
  revealed: z.boolean(),
  revealNote: z.string(),
  steps: z.array(TraceStepSchema),
  outcome: z.object({ ok: z.boolean(), code: z.string().optional(), message: z.string(), irn: z.string().optional() }),
  at: z.string(),
});

export const CHECK_VERDICTS = [
  'OK', 'NOT_BASE64', 'WRONG_KEY', 'OAEP_PADDING', 'JSON_NOT_BASE64_ENCODED', 'BASE64_TWICE', 'NOT_JSON',
  'MISSING_FIELD', 'APPKEY_NOT_32_BYTES', 'LEGACY_V103', 'NOT_INV01',
] as const;
export type CheckVerdict = (typeof CHECK_VERDICTS)[number];
export const CHECK_KINDS = ['auth', 'sek', 'payload'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

export const CheckStepSchema = z.object({ step: z.string(), ok: z.boolean(), detail: z.string() });

const ProblemSchema = z.object({ code: z.string(), path: z.string(), message: z.string() });

export const CheckResultSchema = z.object({
  ok: z.boolean(),
  verdict: z.enum(CHECK_VERDICTS),
  message: z.string(),
  steps: z.array(CheckStepSchema),
  plaintext: z.string().optional(),
  problems: z.array(ProblemSchema).optional(),
});

export const ExchangeSchema = z.object({
  label: z.string(),
  request: z.object({
    method: z.string(),
    url: z.string(),
    headers: z.record(z.string(), z.string()),
    body: z.string().optional(),
    /** The JSON before it was encrypted with the SEK. */
    plainBody: z.string().optional(),
  }),
  response: z.object({
    status: z.number().int(),
    body: z.string(),
    /** `Data` decrypted with the SEK. */
    plainData: z.string().optional(),
  }).optional(),
});

export const ScenarioInfoSchema = z.object({
  id: z.string(),
  /** The API as NIC's test report names it ("Authentication", "Generate IRN", ...). */
  api: z.string(),
  title: z.string(),
  /** What NIC answers, per irp-protocol.md. */
  expected: z.string(),
  /** Where the expectation comes from (section and confidence). */
  spec: z.string(),
});

export const ScenarioResultSchema = ScenarioInfoSchema.extend({
  pass: z.boolean(),
  actual: z.string(),
  /** What the client did with the answer. */
  clientAction: z.string(),
  exchanges: z.array(ExchangeSchema),
  ms: z.number(),
  at: z.string(),
});

export const EnvironmentSchema = z.object({
  name: z.string(),
  url: z.string(),
  appVersion: z.string(),
  gstin: z.string(),
  userName: z.string(),
});

export type TraceValue = z.infer<typeof TraceValueSchema>;
export type TraceStep = z.infer<typeof TraceStepSchema>;
export type Trace = z.infer<typeof TraceSchema>;
export type CheckStep = z.infer<typeof CheckStepSchema>;
export type CheckResult = z.infer<typeof CheckResultSchema>;
export type Exchange = z.infer<typeof ExchangeSchema>;
export type ScenarioInfo = z.infer<typeof ScenarioInfoSchema>;
export type ScenarioResult = z.infer<typeof ScenarioResultSchema>;
export type Environment = z.infer<typeof EnvironmentSchema>;
