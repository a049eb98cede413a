/** What validation reports: one entry per problem, with the IRP error code it would trigger. */
export interface Violation {
  /** The IRP error code (e.g. "2176"), or "5002" for a schema/field-format violation. */
  code: string;
  /** Where: "ItemList[3].HsnCd", "ValDtls.TotInvVal", or "" for the whole document. */
  path: string;
  message: string;
}

export interface ValidationReport {
  valid: boolean;
  errors: Violation[];
  warnings: Violation[];
}

/** The code for schema (field format) violations, as the IRP returns them today (§8.1). */
export const SCHEMA_CODE = '5002';

/** Collects violations; rules write to it and never throw for bad data. */
export class Findings {
  readonly errors: Violation[] = [];
  readonly warnings: Violation[] = [];

  error(code: string, path: string, message: string): void {
    this.errors.push({ code, path, message });
  }

  warn(code: string, path: string, message: string): void {
    this.warnings.push({ code, path, message });
  }

  report(): ValidationReport {
    return { valid: this.errors.length === 0, errors: this.errors, warnings: this.warnings };
  }
}

/** ["ItemList", 3, "HsnCd"] → "ItemList[3].HsnCd". */
export function formatPath(segments: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += out === '' ? String(s) : `.${String(s)}`;
  }
  return out;
}

/** "ItemList[3].HsnCd" → "ItemList[].HsnCd", for looking up per-field facts. */
export function genericPath(path: string): string {
  return path.replace(/\[\d+\]/g, '[]');
}
