/**
 * Which drafts a bulk action works on: the invoices a person ticked (ids), the documents named on
 * a command line (document numbers, any case), or every draft of the ledger or of one business.
 * Used by `einvoice portal export`, the Portal screen and `einvoice register --doc/--all-drafts`.
 *
 * Named documents (ids, numbers) may be drafts or rejected documents (a rejected one was corrected
 * or is being sent again); "all drafts" means status draft only, so documents an IRP refused are
 * not sent again unchanged. Anything else is reported, never silently dropped.
 */
import type { Invoice, InvoiceStatus, Ledger } from '../ledger';

export type DraftSelector = { ids: readonly number[] } | { docNos: readonly string[] } | { allDrafts: true };

export interface SelectionProblem {
  /** The id or document number as given. */
  ref: string;
  code: 'NOT_FOUND' | 'NOT_A_DRAFT' | 'AMBIGUOUS' | 'UNKNOWN_BUSINESS';
  message: string;
  /** NOT_A_DRAFT: the document named, so a caller can report its status. */
  invoiceId?: number;
}

export interface DraftSelection {
  /** Sorted by seller GSTIN, document date, number, id. */
  invoices: Invoice[];
  problems: SelectionProblem[];
}

const NAMED_OK: readonly InvoiceStatus[] = ['draft', 'rejected'];
const PAGE = 1000;

function sortKey(i: Invoice): string {
  return `${i.sellerGstin}\u0000${i.docDate}\u0000${(i.docNo ?? '').toUpperCase()}\u0000${String(i.id).padStart(12, '0')}`;
}

function describe(i: Invoice): string {
  return `${i.docType} ${i.docNo ?? `#${i.id}`} of ${i.docDate} (${i.sellerGstin})`;
}

function notADraft(ref: string, i: Invoice): SelectionProblem {
  return { ref, code: 'NOT_A_DRAFT', message: `${describe(i)} is ${i.status.replace('_', ' ')}, not a draft.`, invoiceId: i.id };
}

/** The drafts a selector names, with a problem for each reference that names none. */
export function selectDrafts(ledger: Ledger, selector: DraftSelector, options: { businessGstin?: string } = {}): DraftSelection {
  let businessId: number | undefined;
  if (options.businessGstin !== undefined) {
    const b = ledger.businesses.getByGstin(options.businessGstin.trim().toUpperCase());
    if (!b) return { invoices: [], problems: [{ ref: options.businessGstin, code: 'UNKNOWN_BUSINESS', message: `No business with GSTIN ${options.businessGstin} in the ledger.` }] };
    businessId = b.id;
  }
  const inBusiness = (i: Invoice) => businessId === undefined || i.businessId === businessId;
  const found = new Map<number, Invoice>();
  const problems: SelectionProblem[] = [];

  if ('allDrafts' in selector) {
    let cursor: string | undefined;
    do {
      const page = ledger.invoiceList.page({ status: 'draft', limit: PAGE, ...(businessId !== undefined ? { businessId } : {}), ...(cursor ? { cursor } : {}) });
      for (const row of page.rows) {
        const inv = ledger.invoices.get(row.id);
        if (inv) found.set(inv.id, inv);
      }
      cursor = page.nextCursor;
    } while (cursor);
  } else if ('ids' in selector) {
    for (const id of new Set(selector.ids)) {
      const inv = ledger.invoices.get(id);
      if (!inv || !inBusiness(inv)) problems.push({ ref: String(id), code: 'NOT_FOUND', message: `No invoice with id ${id}${businessId !== undefined ? ' for this business' : ''}.` });
      else if (!NAMED_OK.includes(inv.status)) problems.push(notADraft(String(id), inv));
      else found.set(inv.id, inv);
    }
  } else {
    for (const ref of new Set(selector.docNos.map((d) => d.trim()).filter(Boolean))) {
      const wanted = ref.toUpperCase();
      const rows = ledger.invoiceList
        .page({ search: ref, limit: PAGE, ...(businessId !== undefined ? { businessId } : {}) })
        .rows.filter((r) => (r.docNo ?? '').toUpperCase() === wanted);
      const invoices = rows.map((r) => ledger.invoices.get(r.id)).filter((i): i is Invoice => i !== undefined);
      const sellers = new Set(invoices.map((i) => i.sellerGstin));
      if (invoices.length === 0) problems.push({ ref, code: 'NOT_FOUND', message: `No document numbered ${ref} in the ledger${businessId !== undefined ? ' for this business' : ''}.` });
      else if (sellers.size > 1) problems.push({ ref, code: 'AMBIGUOUS', message: `${ref} names documents of ${sellers.size} businesses (${[...sellers].join(', ')}): choose one with --business GSTIN.` });
      else {
        const drafts = invoices.filter((i) => NAMED_OK.includes(i.status));
        if (drafts.length === 0) problems.push(notADraft(ref, invoices[0]!));
        for (const d of drafts) found.set(d.id, d);
      }
    }
  }
  const invoices = [...found.values()].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  return { invoices, problems };
}
