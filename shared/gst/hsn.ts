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
  /** Every code the master knows (the editor rebuilds an identical `has` from it). */
  codes(): string[];
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

/**
 * A master that knows the codes only (what the editor checks existence against: the descriptions
 * stay in the core, which answers the word search). `describe` and `search` find nothing.
 */
export function hsnMasterFromCodes(codes: Iterable<string>): HsnMaster {
  const set = new Set<string>();
  for (const c of codes) if (/^[0-9]{4,8}$/.test(c)) set.add(c);
  return { size: set.size, has: (code) => set.has(code), describe: () => undefined, search: () => [], codes: () => [...set] };
}

/** Tier of a description for the query words: 0 every word whole, 1 every word starts a word, 2 inside words. */
function tierOf(text: string, words: readonly string[]): number {
  let tier = 0;
  for (const w of words) {
    let at = text.indexOf(w);
    let best = 2;
    while (at >= 0 && best > 0) {
      const startsWord = at === 0 || !/[a-z0-9]/.test(text.charAt(at - 1));
      const endsWord = at + w.length === text.length || !/[a-z0-9]/.test(text.charAt(at + w.length));
      if (startsWord) best = Math.min(best, endsWord ? 0 : 1);
      at = text.indexOf(w, at + 1);
    }
    tier = Math.max(tier, best);
  }
  return tier;
}

function createHsnMaster(entries: HsnEntry[], byCode: Map<string, string>): HsnMaster {
  // lower-cased on the first text search: validation only asks has() (the CLI starts faster)
  let lowerCache: string[] | undefined;
  const lowered = (): string[] => (lowerCache ??= entries.map((e) => e.description.toLowerCase()));
  return {
    size: byCode.size,
    has: (code) => byCode.has(code),
    describe: (code) => byCode.get(code),
    codes: () => [...byCode.keys()],
    /**
     * Codes by prefix; words anywhere in the description, ranked so that a word found whole
     * ("rice") comes before one that starts a word ("rice" in "riceflour"), before one inside a
     * word ("rice" in "price"); the master's order (by code) within a rank.
     */
    search(query, limit = 20) {
      const q = query.trim().toLowerCase();
      if (q === '') return [];
      if (/^[0-9]+$/.test(q)) return entries.filter((e) => e.code.startsWith(q)).slice(0, limit);
      const words = q.split(/\s+/);
      const tiers: HsnEntry[][] = [[], [], []];
      const lower = lowered();
      for (let i = 0; i < entries.length; i += 1) {
        const d = lower[i] ?? '';
        if (!words.every((w) => d.includes(w))) continue;
        const tier = tiers[tierOf(d, words)];
        if (tier && tier.length < limit) tier.push(entries[i] as HsnEntry);
        if (tiers[0]!.length >= limit) break;
      }
      return tiers.flat().slice(0, limit);
    },
  };
}
