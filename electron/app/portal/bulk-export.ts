/**
 * Drafts → the e-invoice portal's bulk-upload JSON (gsp-and-portal.md §4.2): a JSON array of
 * INV-01 objects, each exactly the payload the API road sends (the one stored when the draft was
 * saved, built by shared/einvoice/compute buildPayload), checked with the same validator first. A
 * draft that would be refused is left out and reported with its codes.
 *
 * Splitting: NIC's own limits are unknown (§5.2); IRP-6 documents 1 MB per file. Until NIC's are
 * confirmed a file holds at most 100 invoices and 1,000,000 bytes [inferred, conservative]. The
 * portal registers a file for the GSTIN that is logged in, so each file also holds one seller's
 * invoices only.
 */
import { istDateOf } from '../../../shared/dates';
import type { Violation } from '../../../shared/einvoice/violations';
import type { Invoice } from '../../ledger';
import type { AppCore } from '../app-core';
import { selectDrafts, type DraftSelector, type SelectionProblem } from '../draft-selection';
import { checkPayload, sellerProfile } from './payload-check';

export const PORTAL_FILE_LIMITS = { maxBytes: 1_000_000, maxInvoices: 100 } as const;

export interface PortalFile {
  fileName: string;
  sellerGstin: string;
  invoiceIds: number[];
  docNos: string[];
  bytes: number;
  text: string;
}

export interface ExportRefusal {
  invoiceId: number;
  docNo: string;
  errors: Violation[];
}

export interface PortalExport {
  files: PortalFile[];
  refused: ExportRefusal[];
  problems: SelectionProblem[];
  /** Why there is more than one file, in plain words (empty for one file). */
  splitReasons: string[];
}

export interface ExportOptions {
  /** File names start with it ("portal-upload" → portal-upload.json, portal-upload-2.json ...). */
  stem?: string;
  limits?: { maxBytes: number; maxInvoices: number };
}

interface Chunk {
  gstin: string;
  items: Array<{ invoice: Invoice; json: string }>;
  bytes: number;
}

/** Packs payloads in order into files under both limits; one seller per file. */
function pack(items: Array<{ invoice: Invoice; json: string }>, limits: { maxBytes: number; maxInvoices: number }, refused: ExportRefusal[]): { chunks: Chunk[]; hit: Set<string> } {
  const chunks: Chunk[] = [];
  const hit = new Set<string>();
  let current: Chunk | undefined;
  for (const item of items) {
    const size = Buffer.byteLength(item.json, 'utf8');
    if (size + 2 > limits.maxBytes) {
      refused.push({ invoiceId: item.invoice.id, docNo: item.invoice.docNo ?? '', errors: [{ code: 'PORTAL_FILE_TOO_LARGE', path: '', message: `This invoice alone is ${size.toLocaleString('en-IN')} bytes, more than a portal file may hold (${limits.maxBytes.toLocaleString('en-IN')} bytes): register it through the API instead.` }] });
      continue;
    }
    const fits = current && current.gstin === item.invoice.sellerGstin && current.items.length < limits.maxInvoices && current.bytes + 1 + size <= limits.maxBytes;
    if (current && !fits) {
      if (current.gstin !== item.invoice.sellerGstin) hit.add('gstin');
      else hit.add(current.items.length >= limits.maxInvoices ? 'count' : 'bytes');
    }
    if (!current || !fits) {
      current = { gstin: item.invoice.sellerGstin, items: [], bytes: 2 - 1 };
      chunks.push(current);
    }
    current.items.push(item);
    current.bytes += 1 + size;
  }
  return { chunks, hit };
}

function names(chunks: Chunk[], stem: string): string[] {
  const sellers = new Set(chunks.map((c) => c.gstin));
  const perSeller = new Map<string, number>();
  return chunks.map((c) => {
    const n = (perSeller.get(c.gstin) ?? 0) + 1;
    perSeller.set(c.gstin, n);
    const many = chunks.filter((x) => x.gstin === c.gstin).length > 1;
    return `${stem}${sellers.size > 1 ? `-${c.gstin}` : ''}${many ? `-${n}` : ''}.json`;
  });
}

function reasons(hit: Set<string>, limits: { maxBytes: number; maxInvoices: number }, sellers: number): string[] {
  const out: string[] = [];
  if (hit.has('gstin')) out.push(`the invoices belong to ${sellers} businesses, and the portal takes each business's invoices in its own login`);
  if (hit.has('count')) out.push(`a file holds at most ${limits.maxInvoices} invoices`);
  if (hit.has('bytes')) out.push(`a file stays under ${(limits.maxBytes / 1_000_000).toLocaleString('en-IN')} MB`);
  return out;
}

/** Builds the bulk-upload files for a selection of drafts (nothing is written or recorded). */
export function buildPortalExport(core: Pick<AppCore, 'ledger' | 'hsn' | 'now' | 'engine'>, selector: DraftSelector, options: ExportOptions & { businessGstin?: string } = {}): PortalExport {
  const limits = options.limits ?? PORTAL_FILE_LIMITS;
  const { invoices, problems } = selectDrafts(core.ledger, selector, options.businessGstin ? { businessGstin: options.businessGstin } : {});
  const refused: ExportRefusal[] = [];
  const good: Array<{ invoice: Invoice; json: string }> = [];
  const now = core.now();
  for (const invoice of invoices) {
    const checked = checkPayload(core.ledger, core.hsn, now, sellerProfile(core.engine, invoice.sellerGstin), invoice);
    if (checked.ok) good.push({ invoice, json: checked.payloadJson });
    else refused.push({ invoiceId: invoice.id, docNo: invoice.docNo ?? '', errors: checked.errors });
  }
  const { chunks, hit } = pack(good, limits, refused);
  const stem = options.stem ?? `portal-upload-${istDateOf(now).replaceAll('-', '')}`;
  const fileNames = names(chunks, stem);
  const files = chunks.map((c, i): PortalFile => {
    const text = `[${c.items.map((x) => x.json).join(',')}]`;
    return {
      fileName: fileNames[i] ?? `${stem}-${i + 1}.json`, sellerGstin: c.gstin, text, bytes: Buffer.byteLength(text, 'utf8'),
      invoiceIds: c.items.map((x) => x.invoice.id), docNos: c.items.map((x) => x.invoice.docNo ?? ''),
    };
  });
  return { files, refused, problems, splitReasons: files.length > 1 ? reasons(hit, limits, new Set(chunks.map((c) => c.gstin)).size) : [] };
}

/** Notes in each exported invoice's journal which file carries it (the audit trail of the portal road). */
export function journalExport(core: Pick<AppCore, 'ledger'>, exported: PortalExport): void {
  core.ledger.transaction(() => {
    for (const f of exported.files) {
      for (const invoiceId of f.invoiceIds) core.ledger.journal.append({ kind: 'portal.exported', invoiceId, outcome: 'info', details: { file: f.fileName } });
    }
  });
}
