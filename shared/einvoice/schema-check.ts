/**
 * Runs the INV-01 schema and turns every zod issue into a Violation: the IRP code where the
 * protocol gives one for that field (§6, §8), else 5002 (schema violation), a path like
 * "ItemList[3].HsnCd", and a message that names the field in plain words.
 */
import type { $ZodIssue } from 'zod/v4/core';
import { InvoiceSchema } from './schema';
import { labelFor } from './labels';
import { SCHEMA_CODE, formatPath, genericPath, type Violation } from './violations';

/** Field-specific IRP codes for format violations. */
const FIELD_CODES: Readonly<Record<string, string>> = {
  'DocDtls.Dt': '2144',
  'DocDtls.Typ': '2161',
  'TranDtls.RegRev': '2159',
  'TranDtls.IgstOnIntra': '2263',
  'ItemList[].HsnCd': '2176',
  'ItemList[].Unit': '2177',
  'SellerDtls.Stcd': '2259',
  'BuyerDtls.Stcd': '2260',
  'DispDtls.Stcd': '2200',
  'ShipDtls.Stcd': '2200',
  'ExpDtls.Port': '2201',
  'ExpDtls.CntCode': '2202',
  'ExpDtls.ForCur': '2203',
};

function valueAt(root: unknown, segments: ReadonlyArray<PropertyKey>): unknown {
  let v: unknown = root;
  for (const s of segments) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[s];
  }
  return v;
}

function codeFor(issue: $ZodIssue, generic: string): string {
  if (generic === 'ItemList') {
    if (issue.code === 'too_small') return '2228';
    if (issue.code === 'too_big') return '2173';
  }
  return FIELD_CODES[generic] ?? SCHEMA_CODE;
}

function toViolation(issue: $ZodIssue, input: unknown): Violation {
  const path = formatPath(issue.path);
  const generic = genericPath(path);
  const label = path === '' ? 'The invoice' : labelFor(generic);
  const value = valueAt(input, issue.path);
  const missing = issue.code === 'invalid_type' && (value === undefined || value === null);
  const message = missing ? `${label} is required` : `${label} ${issue.message}`;
  return { code: codeFor(issue, generic), path, message };
}

/**
 * Every schema violation of a candidate INV-01 document (empty when the shape is valid): one per
 * field, the first check it fails (a 2-character unit is reported as too short, not also as not
 * matching the pattern).
 */
export function checkSchema(input: unknown): Violation[] {
  const result = InvoiceSchema.safeParse(input);
  if (result.success) return [];
  const seen = new Set<string>();
  const out: Violation[] = [];
  for (const issue of result.error.issues) {
    const v = toViolation(issue, input);
    if (seen.has(v.path)) continue;
    seen.add(v.path);
    out.push(v);
  }
  return out;
}
