/**
 * What a registration call reports, in words that are true:
 *
 *   registered / adopted  the ledger holds the IRN (`note` says when another window or process,
 *                         or an earlier run, registered it)
 *   rejected              the IRP refused the document (its codes and hints in `errors`)
 *   not_sent              nothing left this machine for a local reason: the document fails the
 *                         IRP's checks, no profile or credentials, the ledger refused a write
 *   queued                it will be sent (or checked) again later; `errors` say why not now
 *   in_flight             another window or process is sending it right now; left alone
 */
import { locateViolation } from '../../../shared/einvoice/locate';
import type { Invoice as Inv01 } from '../../../shared/einvoice/schema';
import type { Violation } from '../../../shared/einvoice/violations';
import { factsFor, isIrpError } from '../../irp';
import { LedgerError } from '../../ledger';
import { ProfileSetupError } from '../credentials';

export type RegisterStatus = 'registered' | 'adopted' | 'rejected' | 'queued' | 'not_sent' | 'in_flight';

export interface RegisterOutcome {
  invoiceId: number;
  docNo: string;
  status: RegisterStatus;
  irn?: string;
  ackNo?: string;
  ackDt?: string;
  errors: Violation[];
  /** Who finished it when it was not this call, e.g. "registered by another window or process". */
  note?: string;
}

export const BY_ANOTHER = 'registered by another window or process';
export const EARLIER = 'already registered earlier';
/** The code of an in_flight outcome: the row is held by a live owner elsewhere. */
export const ELSEWHERE = 'IN_FLIGHT_ELSEWHERE';

/**
 * A ledger or SQLite failure as a plain sentence. Local to the engine on purpose: the ledger's own
 * mapping of SQLite failures (issue 16) can replace this table when both exist.
 */
const SQLITE_SENTENCES: Array<[prefix: string, code: string, message: string]> = [
  ['SQLITE_BUSY', 'LEDGER_BUSY', 'The ledger stayed busy (another e-Invoice Desk window or einvoice command was writing to it); nothing was sent. Try again.'],
  ['SQLITE_LOCKED', 'LEDGER_BUSY', 'The ledger stayed busy (another e-Invoice Desk window or einvoice command was writing to it); nothing was sent. Try again.'],
  ['SQLITE_FULL', 'LEDGER_DISK_FULL', 'The disk holding the ledger is full, so nothing could be recorded and nothing was sent. Free some space and try again.'],
  ['SQLITE_READONLY', 'LEDGER_READ_ONLY', 'The ledger cannot be written (read-only file or folder); nothing was sent.'],
  ['SQLITE_CORRUPT', 'LEDGER_DAMAGED', 'The ledger file is damaged; nothing was sent. Restore a backup (Settings → Data, or einvoice ledger restore).'],
  ['SQLITE_NOTADB', 'LEDGER_DAMAGED', 'The ledger file is damaged; nothing was sent. Restore a backup (Settings → Data, or einvoice ledger restore).'],
  ['SQLITE_IOERR', 'LEDGER_IO', 'The disk failed while writing the ledger; nothing was sent. Check the disk and try again.'],
  ['SQLITE_CANTOPEN', 'LEDGER_IO', 'The ledger file could not be opened; nothing was sent.'],
];

/** A local failure (ledger, SQLite, setup) as a violation with a stable code and a plain message. */
export function localViolation(e: unknown): Violation {
  if (e instanceof LedgerError) return { code: e.code, path: e.path ?? '', message: e.message };
  if (e instanceof ProfileSetupError) return { code: e.code, path: '', message: e.message };
  const sqlite = (e as { code?: unknown }).code;
  if (typeof sqlite === 'string' && sqlite.startsWith('SQLITE_')) {
    const hit = SQLITE_SENTENCES.find(([prefix]) => sqlite.startsWith(prefix));
    if (hit) return { code: hit[1], path: '', message: hit[2] };
    return { code: 'LEDGER_FAILED', path: '', message: `The ledger refused the write (${sqlite}); nothing was sent.` };
  }
  return { code: 'ERROR', path: '', message: e instanceof Error ? e.message : String(e) };
}

/** Any failure as {code, path, message} rows: every IRP error detail with its hint, local ones in plain words. */
export function toViolations(e: unknown, sent?: Inv01): Violation[] {
  if (isIrpError(e)) {
    if (sent && e.details?.length) {
      // each refusal at its own field of what was sent, with the hint for its own code
      return e.details.map((d) => {
        const facts = factsFor(d.code, d.message);
        const at = locateViolation({ code: d.code, path: '', message: d.message }, facts.path, sent);
        return facts.hint && !d.message.includes(facts.hint) ? { ...at, message: `${d.message}${/[.!?]$/.test(d.message) ? '' : '.'} ${facts.hint}` } : at;
      });
    }
    const details = e.details?.length ? e.details.map((d) => ({ code: d.code, path: e.path ?? '', message: d.message })) : [e.toViolation()];
    return e.hint ? details.map((d) => ({ ...d, message: d.message.includes(e.hint ?? '') ? d.message : `${d.message} ${e.hint}` })) : details;
  }
  return [localViolation(e)];
}

/** Done for the caller's purpose: registered, adopted, rejected, or not sent. */
export function isFinal(status: RegisterStatus): boolean {
  return status === 'registered' || status === 'adopted' || status === 'rejected' || status === 'not_sent';
}
