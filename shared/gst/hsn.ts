/**
 * The GST HSN/SAC master (4, 6 and 8 digit codes; SAC codes start with 99). The data ships in
 * resources/masters/hsn-codes.tsv (copied from the team kit's data/hsn-codes.tsv); this module
 * only parses text, so it runs in Node and in the renderer alike.
 */
export interface HsnEntry {
  code: string;
  description: string;
}

export interface HsnMaster {
  has(code: string): boolean;
  describe(code: string): string | undefined;
  /** Up to `limit` entries whose code starts with the query, or whose description has every word. */
  search(query: string, limit?: number): HsnEntry[];
  readonly size: number;
}

export function isSacCode(code: string): boolean {
  return code.startsWith('99');
}

/** Parses "hsn_code<TAB>description" lines (a header line is skipped). */
export function parseHsnTsv(text: string): HsnMaster {
  const entries: HsnEntry[] = [];
  const byCode = new Map<string, string>();
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab <= 0) continue;
    const code = line.slice(0, tab).trim();
    if (!/^[0-9]{4,8}$/.test(code)) continue;
    const description = line.slice(tab + 1).trim();
    byCode.set(code, description);
    entries.push({ code, description });
  }
  return createHsnMaster(entries, byCode);
}

function createHsnMaster(entries: HsnEntry[], byCode: Map<string, string>): HsnMaster {
  // lower-cased on the first text search: validation only asks has() (the CLI starts faster)
  let lowerCache: string[] | undefined;
  const lowered = (): string[] => (lowerCache ??= entries.map((e) => e.description.toLowerCase()));
  return {
    size: byCode.size,
    has: (code) => byCode.has(code),
    describe: (code) => byCode.get(code),
    search(query, limit = 20) {
      const q = query.trim().toLowerCase();
      if (q === '') return [];
      if (/^[0-9]+$/.test(q)) return entries.filter((e) => e.code.startsWith(q)).slice(0, limit);
      const words = q.split(/\s+/);
      const out: HsnEntry[] = [];
      const lower = lowered();
      for (let i = 0; i < entries.length && out.length < limit; i += 1) {
        const d = lower[i] ?? '';
        if (words.every((w) => d.includes(w))) out.push(entries[i] as HsnEntry);
      }
      return out;
    },
  };
}
