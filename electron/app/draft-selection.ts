/**
 * Which documents "register --doc NO..." and "--all-drafts" mean (issue 14; the portal's bulk JSON
 * export selects the same way). Numbers match as the IRP compares them (any case); a number that
 * several documents share (different years, businesses or types) selects each draft among them.
 * Only drafts are selected: anything else is reported with its status, never sent again from here.
 */
import type { Ledger } from '../ledger';
import type { InvoiceListItem, InvoiceStatus } from '../ledger';

export interface DraftSelection {
  /** Invoice ids of the drafts selected, in document order. */
  ids: number[];
  /** Numbers asked for that no document has. */
  missing: string[];
  /** Documents asked for by number that are not drafts. */
  notDrafts: Array<{ id: number; docNo: string; status: InvoiceStatus }>;
}

export function selectDrafts(ledger: Ledger, o: { docNos?: readonly string[]; all?: boolean; businessId?: number }): DraftSelection {
  const out: DraftSelection = { ids: [], missing: [], notDrafts: [] };
  const business = o.businessId !== undefined ? { businessId: o.businessId } : {};
  if (o.all) {
    let cursor: string | undefined;
    do {
      const page = ledger.invoiceList.page({ ...business, status: 'draft', sort: 'date', direction: 'asc', limit: 1000, ...(cursor ? { cursor } : {}) });
      out.ids.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
  }
  for (const asked of o.docNos ?? []) {
    const wanted = asked.trim().toUpperCase();
    const matches: InvoiceListItem[] = [];
    let cursor: string | undefined;
    do {
      const page = ledger.invoiceList.page({ ...business, search: asked, limit: 1000, ...(cursor ? { cursor } : {}) });
      matches.push(...page.rows.filter((r) => (r.docNo ?? '').toUpperCase() === wanted));
      cursor = page.nextCursor;
    } while (cursor);
    if (matches.length === 0) out.missing.push(asked);
    for (const m of matches) {
      if (m.status === 'draft') {
        if (!out.ids.includes(m.id)) out.ids.push(m.id);
      } else out.notDrafts.push({ id: m.id, docNo: m.docNo ?? asked, status: m.status });
    }
  }
  return out;
}
