/**
 * The rowid of an invoice in the full-text index (migration 010): days since 1970 of its
 * document date × 2^32 + its id, so the index's own order is the list's date order (newest
 * first = rowid descending) and a search page can stop after the postings it shows.
 */
export const ID_MASK = 4294967295;

const DAY_MS = 86_400_000;

/** The search rowid for a document date (YYYY-MM-DD) and an invoice id; exact below 2^53. */
export function searchKey(isoDate: string, id: number): number {
  return Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS) * 2 ** 32 + id;
}
