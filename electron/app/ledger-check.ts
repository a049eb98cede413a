/**
 * `einvoice ledger check` and Settings → Data → "Check the ledger": SQLite's full integrity_check
 * (every page, every index) and the journal's hash chain, answered in plain words. The open itself
 * runs only the bounded quick_check (ledger/connection.ts); this is the thorough one, on demand.
 */
import { explainLedgerFailure, latestBackup, openLedger, restoreAdvice, type Ledger } from '../ledger';

export interface LedgerCheck {
  ok: boolean;
  file: string;
  /** SQLite's own findings (first 20), [] when none. */
  problems: string[];
  journal: { ok: boolean; entries?: number; seq?: number; reason?: string };
  readOnly?: 'read-only-file' | 'read-only-folder';
  ms: number;
  /** One sentence for a person: what was found and what to do. */
  message: string;
}

function corruptMessage(file: string, detail: string): string {
  return explainLedgerFailure({ code: 'SQLITE_CORRUPT', message: detail }, file)?.message ?? detail;
}

/** Checks an open ledger. Never throws for a damaged file: the damage is the answer. */
export function checkLedger(ledger: Ledger): LedgerCheck {
  const started = performance.now();
  const file = ledger.file;
  let problems: string[];
  try {
    problems = ledger.integrityCheck();
  } catch (e) {
    problems = [e instanceof Error ? e.message : String(e)];
  }
  let journal: LedgerCheck['journal'];
  try {
    const chain = ledger.journal.verifyChain();
    journal = chain.ok ? { ok: true, entries: chain.count } : { ok: false, seq: chain.seq, reason: chain.reason };
  } catch (e) {
    journal = { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
  const ms = Math.round(performance.now() - started);
  const ok = problems.length === 0 && journal.ok;
  const readOnly = ledger.readOnly?.cause;
  let message: string;
  if (problems.length > 0) message = corruptMessage(file, `integrity_check: ${problems[0]}`);
  else if (!journal.ok) message = `The ledger ${file} is readable, but its journal does not verify at entry ${journal.seq ?? '?'} (${journal.reason ?? ''}): the file was changed outside e-Invoice Desk. ${restoreAdvice(file, latestBackup(file))}`;
  else message = `The ledger ${file} passed SQLite's full integrity check and its journal verifies${readOnly ? ' (it is read-only: nothing can be saved to it)' : ''}.`;
  return { ok, file, problems, journal, ...(readOnly ? { readOnly } : {}), ms, message };
}

/**
 * Checks the ledger file without the app core (the CLI): opened without the quick check, which
 * would refuse a damaged file before the full check could say what is wrong. A file that cannot be
 * opened at all is answered with the explanation of why.
 */
export function checkLedgerFile(file: string): LedgerCheck {
  const started = performance.now();
  let ledger: Ledger;
  try {
    ledger = openLedger(file, { quickCheckMaxBytes: 0 });
  } catch (e) {
    const failure = explainLedgerFailure(e, file);
    const message = failure?.message ?? (e instanceof Error ? e.message : String(e));
    return { ok: false, file, problems: [message], journal: { ok: false, reason: 'not read' }, ms: Math.round(performance.now() - started), message };
  }
  try {
    return checkLedger(ledger);
  } finally {
    ledger.close();
  }
}
