/**
 * Placeholders and JSON paths of the GSP descriptions (config.ts). Values come from the profile,
 * the keychain and the operation; rendering never logs or keeps them.
 */
import { member } from '../envelope';

export type Vars = Readonly<Record<string, unknown>>;

const PLACEHOLDER = /\{([a-zA-Z][\w.-]*)\}/g;
const ONLY_PLACEHOLDER = /^\{([a-zA-Z][\w.-]*)\}$/;

function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** The placeholders a template names (to check a custom description before it is used). */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

/** A template as text: each {name} replaced (absent values become ''); `encode` for URL path segments. */
export function renderString(template: string, vars: Vars, encode = false): string {
  return template.replace(PLACEHOLDER, (_m, name: string) => (encode ? encodeURIComponent(text(vars[name])) : text(vars[name])));
}

/**
 * A JSON value whose strings are templates. A string that is exactly one placeholder takes the
 * value as it is (a number stays a number); when that value is absent its member is left out.
 */
export function renderValue(value: unknown, vars: Vars): unknown {
  if (typeof value === 'string') {
    const only = ONLY_PLACEHOLDER.exec(value);
    if (only) return vars[only[1] ?? ''];
    return renderString(value, vars);
  }
  if (Array.isArray(value)) return value.map((v) => renderValue(v, vars)).filter((v) => v !== undefined);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = renderValue(v, vars);
      if (r !== undefined && r !== '') out[k] = r;
    }
    return out;
  }
  return value;
}

/** Headers or query parameters: members whose value renders empty are not sent at all. */
export function renderRecord(record: Readonly<Record<string, string>> | undefined, vars: Vars): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, t] of Object.entries(record ?? {})) {
    const v = renderString(t, vars);
    if (v !== '') out[k] = v;
  }
  return out;
}

/** `a.b[0].c` / `[0].govt_response`: member names match case-insensitively (GSPs vary their case). */
export function getPath(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const m of path.matchAll(/\[(\d+)\]|[^.[\]]+/g)) {
    if (cur === null || cur === undefined) return undefined;
    if (typeof cur === 'string' && /^\s*[[{]/.test(cur)) {
      try {
        cur = JSON.parse(cur) as unknown;
      } catch {
        return undefined;
      }
    }
    if (m[1] !== undefined) {
      cur = Array.isArray(cur) ? (cur as unknown[])[Number(m[1])] : undefined;
    } else {
      cur = typeof cur === 'object' && !Array.isArray(cur) ? member(cur as Record<string, unknown>, m[0]) : undefined;
    }
  }
  return cur;
}

/** A member value as text (numbers and booleans too), or ''. */
export function textAt(root: unknown, path: string | undefined): string {
  if (!path) return '';
  const v = getPath(root, path);
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}
