/**
 * The editor's working copies (table editor_drafts): the form exactly as typed, saved a moment
 * after each change, until the user saves the draft for real or discards it. A copy belongs to the
 * editor session (`owner`) writing it; copies of other sessions are what a restart offers back.
 */
import type { Database, Statement } from 'better-sqlite3';
import { badInput, LedgerError } from './errors';
import { isoNow, opt, type Clock } from './support';

export interface WorkingCopyInput {
  slot: string;
  owner: string;
  invoiceId?: number;
  businessId?: number;
  docType?: string;
  docNo?: string;
  buyerName?: string;
  lines: number;
  totalPaise: number;
  /** The form as JSON text (bounded by the caller's contract). */
  formJson: string;
}

/** What the recovery offer shows of a copy (everything but the form). */
export interface WorkingCopySummary extends Omit<WorkingCopyInput, 'formJson'> {
  createdAt: string;
  updatedAt: string;
}

export interface WorkingCopy extends WorkingCopySummary {
  formJson: string;
}

interface Row {
  slot: string;
  owner: string;
  invoice_id: number | null;
  business_id: number | null;
  doc_type: string | null;
  doc_no: string | null;
  buyer_name: string | null;
  lines: number;
  total_paise: number;
  form_json?: string;
  created_at: string;
  updated_at: string;
}

const SUMMARY = 'slot, owner, invoice_id, business_id, doc_type, doc_no, buyer_name, lines, total_paise, created_at, updated_at';

export class WorkingCopiesRepo {
  private readonly upsert: Statement;
  private readonly bySlot: Statement<{ slot: string }, Row>;
  private readonly remove: Statement<{ slot: string }>;
  private readonly others: Statement<{ owner: string; limit: number }, Row>;
  private readonly claimStmt: Statement<{ slot: string; owner: string }>;

  constructor(
    db: Database,
    private readonly clock: Clock,
  ) {
    this.upsert = db.prepare(
      `INSERT INTO editor_drafts (slot, owner, invoice_id, business_id, doc_type, doc_no, buyer_name, lines, total_paise, form_json, created_at, updated_at)
       VALUES (:slot, :owner, :invoiceId, :businessId, :docType, :docNo, :buyerName, :lines, :totalPaise, :formJson, :now, :now)
       ON CONFLICT (slot) DO UPDATE SET owner = excluded.owner, invoice_id = excluded.invoice_id, business_id = excluded.business_id,
         doc_type = excluded.doc_type, doc_no = excluded.doc_no, buyer_name = excluded.buyer_name, lines = excluded.lines,
         total_paise = excluded.total_paise, form_json = excluded.form_json, updated_at = excluded.updated_at`,
    );
    this.bySlot = db.prepare('SELECT * FROM editor_drafts WHERE slot = :slot');
    this.remove = db.prepare('DELETE FROM editor_drafts WHERE slot = :slot');
    this.others = db.prepare(`SELECT ${SUMMARY} FROM editor_drafts WHERE owner <> :owner ORDER BY updated_at DESC LIMIT :limit`);
    this.claimStmt = db.prepare('UPDATE editor_drafts SET owner = :owner WHERE slot = :slot');
  }

  /** Writes (or rewrites) the copy in its slot; returns when it was stored. */
  save(input: WorkingCopyInput): string {
    if (!/^[\w:.-]{1,80}$/.test(input.slot)) throw badInput('slot', 'must be 1-80 letters, digits, _ : . or -');
    if (!/^[\w:.-]{1,80}$/.test(input.owner)) throw badInput('owner', 'must be 1-80 letters, digits, _ : . or -');
    const now = isoNow(this.clock);
    const params = {
      slot: input.slot,
      owner: input.owner,
      invoiceId: opt(input.invoiceId),
      businessId: opt(input.businessId),
      docType: opt(input.docType),
      docNo: opt(input.docNo),
      buyerName: opt(input.buyerName),
      lines: input.lines,
      totalPaise: input.totalPaise,
      formJson: input.formJson,
      now,
    };
    try {
      this.upsert.run(params);
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new LedgerError('LEDGER_NOT_FOUND', 'The invoice or business of this working copy no longer exists.', 'invoiceId');
      throw e;
    }
    return now;
  }

  get(slot: string): WorkingCopy | undefined {
    const row = this.bySlot.get({ slot });
    return row && { ...toSummary(row), formJson: row.form_json ?? 'null' };
  }

  discard(slot: string): boolean {
    return this.remove.run({ slot }).changes > 0;
  }

  /** Copies written by any other editor session (a window closed or crashed before saving), newest first. */
  othersThan(owner: string, limit = 20): WorkingCopySummary[] {
    return this.others.all({ owner, limit }).map(toSummary);
  }

  /** Takes a recovered copy over for this session, so it is no longer offered elsewhere. */
  claim(slot: string, owner: string): boolean {
    return this.claimStmt.run({ slot, owner }).changes > 0;
  }
}

function toSummary(r: Row): WorkingCopySummary {
  return {
    slot: r.slot,
    owner: r.owner,
    ...(r.invoice_id !== null ? { invoiceId: r.invoice_id } : {}),
    ...(r.business_id !== null ? { businessId: r.business_id } : {}),
    ...(r.doc_type !== null ? { docType: r.doc_type } : {}),
    ...(r.doc_no !== null ? { docNo: r.doc_no } : {}),
    ...(r.buyer_name !== null ? { buyerName: r.buyer_name } : {}),
    lines: r.lines,
    totalPaise: r.total_paise,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
