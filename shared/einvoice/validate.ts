/**
 * Validates a candidate INV-01 document the way the IRP does: schema first, then the business
 * rules, reporting every violation at once. Pure: "today", the profile, seller facts and the
 * masters are inputs.
 */
import { buildContext, type ValidationOptions } from './rules/context';
import { RULES } from './rules/index';
import { checkSchema } from './schema-check';
import type { Invoice } from './schema';
import { Findings, type ValidationReport } from './violations';

export type { ValidationOptions } from './rules/context';

const ROOT_REQUIRED: readonly string[] = ['TranDtls', 'DocDtls', 'SellerDtls', 'BuyerDtls', 'ItemList', 'ValDtls'];

function brokenSections(findings: Findings): Set<string> {
  const broken = new Set<string>();
  for (const e of findings.errors) {
    const root = e.path.split(/[.[]/)[0] ?? '';
    broken.add(root === '' ? '*' : root);
  }
  return broken;
}

export function validateInvoice(input: unknown, options: ValidationOptions): ValidationReport {
  const findings = new Findings();
  for (const v of checkSchema(input)) findings.errors.push(v);
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return findings.report();
  const root = input as Record<string, unknown>;
  if (ROOT_REQUIRED.some((k) => root[k] === null || typeof root[k] !== 'object')) return findings.report();

  const broken = brokenSections(findings);
  const ctx = buildContext(input as Invoice, options);
  for (const rule of RULES) {
    if (broken.has('*') || rule.needs.some((s) => broken.has(s))) continue;
    rule.run(ctx, findings);
  }
  return findings.report();
}
