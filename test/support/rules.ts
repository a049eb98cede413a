/** Runs one business rule on an invoice, as the validator would, for focused rule tests. */
import { buildContext, type ValidationOptions } from '../../shared/einvoice/rules/context';
import type { Invoice } from '../../shared/einvoice/schema';
import { Findings, type Violation } from '../../shared/einvoice/violations';
import { loadHsnMaster } from '../../electron/app/masters';

export const TODAY = '2026-11-21';

export function options(overrides: Partial<ValidationOptions> = {}): ValidationOptions {
  return { profile: 'production', today: TODAY, hsn: loadHsnMaster(), ...overrides };
}

export function runRule(
  rule: (ctx: ReturnType<typeof buildContext>, out: Findings) => void,
  inv: Invoice,
  overrides: Partial<ValidationOptions> = {},
): { errors: Violation[]; warnings: Violation[] } {
  const out = new Findings();
  rule(buildContext(inv, options(overrides)), out);
  return { errors: out.errors, warnings: out.warnings };
}

export const codes = (vs: Violation[]) => vs.map((v) => v.code);
export const paths = (vs: Violation[]) => vs.map((v) => v.path);
