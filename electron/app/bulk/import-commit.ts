/**
 * Saves what a preview found valid, as drafts, in ONE ledger transaction: a crash, a kill or an
 * error part-way leaves the ledger exactly as it was (SQLite rolls the open transaction back on the
 * next open). The buyers and products the import saw fill the parties and products masters in the
 * same transaction; what the masters already hold is left as it is. Each document journals where
 * it came from (file and row).
 */
import { LedgerError, sha256Hex, type Ledger } from '../../ledger';
import type { DraftLine } from '../../../shared/einvoice/compute';
import type { Prepared, PreparedDoc } from './import-service';

export interface CommitResult {
  imported: number;
  skipped: number;
  invoiceIds: number[];
  parties: number;
  products: number;
}

export interface CommitOptions {
  /** Called synchronously while the transaction runs (the CLI writes it to stderr as it goes). */
  onProgress?: (done: number, total: number) => void;
}

export function commitImport(ledger: Ledger, prepared: Prepared, o: CommitOptions = {}): CommitResult {
  const valid = prepared.docs.filter((d) => d.status === 'ok' && d.doc.businessId !== undefined && d.doc.isoDate !== undefined);
  const result: CommitResult = { imported: 0, skipped: prepared.docs.length - valid.length, invoiceIds: [], parties: 0, products: 0 };
  ledger.transaction(() => {
    const masters = new Masters(ledger);
    valid.forEach((d, i) => {
      const id = saveOne(ledger, prepared.fileName, d);
      if (id === undefined) {
        result.skipped += 1;
      } else {
        result.invoiceIds.push(id);
        result.imported += 1;
        masters.see(d);
      }
      if ((i + 1) % 50 === 0 || i + 1 === valid.length) o.onProgress?.(i + 1, valid.length);
    });
    result.parties = masters.parties;
    result.products = masters.products;
    ledger.journal.append({
      kind: 'import.done',
      outcome: 'info',
      details: { file: prepared.fileName, documents: prepared.docs.length, imported: result.imported, skipped: result.skipped, parties: result.parties, products: result.products },
    });
  });
  return result;
}

/** One draft with its payload; undefined when the number appeared in the ledger since the preview. */
function saveOne(ledger: Ledger, fileName: string, d: PreparedDoc): number | undefined {
  const { doc, payload } = d;
  const draft = doc.draft;
  const businessId = doc.businessId as number;
  const isoDate = doc.isoDate as string;
  if (ledger.invoices.findByIdentity(draft.seller.Gstin, draft.docType, draft.docNo, isoDate)) return undefined;
  const payloadJson = JSON.stringify(payload);
  const inv = ledger.invoices.saveDraft({
    businessId,
    docType: draft.docType,
    docNo: draft.docNo,
    docDate: isoDate,
    ...(draft.buyer.Gstin ? { buyerGstin: draft.buyer.Gstin } : {}),
    ...(draft.buyer.LglNm ? { buyerName: draft.buyer.LglNm } : {}),
    totalPaise: d.totalPaise,
    draft,
  });
  ledger.invoices.setStatus(inv.id, 'draft', { payloadJson, payloadSha256: sha256Hex(payloadJson) });
  ledger.journal.append({ kind: 'invoice.imported', invoiceId: inv.id, outcome: 'info', details: { file: fileName, row: doc.firstRow, docNo: draft.docNo } });
  return inv.id;
}

/**
 * Buyers by GSTIN and products by name (per business) not yet in the masters. The masters are a
 * convenience: an entry their repository refuses (a cess rate above the products table's 100 %, say)
 * is left out rather than failing the import. The repositories check before they write, so a
 * refusal leaves nothing half-written inside the transaction.
 */
class Masters {
  parties = 0;
  products = 0;
  private readonly productNames = new Map<number, Set<string>>();

  constructor(private readonly ledger: Ledger) {}

  see(d: PreparedDoc): void {
    this.buyer(d);
    this.productsOf(d);
  }

  private refused(e: unknown): boolean {
    return e instanceof LedgerError && (e.code === 'LEDGER_BAD_INPUT' || e.code === 'LEDGER_DUPLICATE');
  }

  private buyer({ doc }: PreparedDoc): void {
    const b = doc.draft.buyer;
    if (!b.Gstin || b.Gstin === 'URP' || !b.LglNm || this.ledger.parties.getByGstin(b.Gstin)) return;
    try {
      this.ledger.parties.saveManual({
        gstin: b.Gstin,
        legalName: b.LglNm,
        ...(b.TrdNm ? { tradeName: b.TrdNm } : {}),
        ...(b.Addr1 ? { address1: b.Addr1 } : {}),
        ...(b.Addr2 ? { address2: b.Addr2 } : {}),
        ...(b.Loc ? { location: b.Loc } : {}),
        ...(b.Pin && b.Pin >= 100000 && b.Pin <= 999999 ? { pin: b.Pin } : {}),
        ...(b.Stcd ? { stateCode: String(b.Stcd) } : {}),
      });
      this.parties += 1;
    } catch (e) {
      if (!this.refused(e)) throw e;
    }
  }

  private productsOf({ doc }: PreparedDoc): void {
    const businessId = doc.businessId as number;
    let names = this.productNames.get(businessId);
    if (!names) {
      names = new Set(this.ledger.products.list(businessId).map((p) => p.name.toLowerCase()));
      this.productNames.set(businessId, names);
    }
    for (const line of doc.draft.lines) {
      const name = line.description.trim();
      if (!name || names.has(name.toLowerCase()) || !/^[0-9]{4,8}$/.test(line.hsn)) continue;
      names.add(name.toLowerCase());
      try {
        this.create(businessId, name, line);
      } catch (e) {
        if (!this.refused(e)) throw e;
      }
    }
  }

  private create(businessId: number, name: string, line: DraftLine): void {
    this.ledger.products.create({
      businessId,
      name,
      hsn: line.hsn,
      isService: line.isService,
      // the master needs a unit; a service sold without one is "OTH" (others), as the UQC list has it
      unit: line.unit && /^[A-Z]{3}$/.test(line.unit) ? line.unit : 'OTH',
      unitPricePaise: line.unitPricePaise,
      gstRate: line.gstRate,
      ...(line.cessRate ? { cessRate: line.cessRate } : {}),
    });
    this.products += 1;
  }
}
