/** Small helpers shared by the repositories. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** Instants are stored as ISO-8601 UTC strings (architecture.md §4.5). */
export function isoNow(clock: Clock): string {
  return clock().toISOString();
}

export function bool(v: number | bigint | null | undefined): boolean {
  return v === 1 || v === 1n;
}

export function bit(v: boolean | undefined): 0 | 1 {
  return v ? 1 : 0;
}

/** better-sqlite3 refuses `undefined` parameters; optional fields are stored as NULL. */
export function opt<T>(v: T | undefined): T | null {
  return v === undefined ? null : v;
}

export function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

export function parseJson<T>(text: string | null): T | undefined {
  return text === null ? undefined : (JSON.parse(text) as T);
}
