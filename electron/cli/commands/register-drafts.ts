/**
 * `einvoice register --doc NO... | --all-drafts`: registers drafts already in the ledger (imported or
 * saved from the editor) by document number, through the same engine as FILE registration. Documents
 * asked for that are not drafts are listed with their status and not sent again; unknown numbers are
 * listed as NOT_FOUND (a number several businesses use is AMBIGUOUS: name one with --business). Exit codes as for files.
 */
import { ackNumber, plainErrors, withApp } from '../app';
import type { CliIo } from '../io';
import { selectDrafts } from '../../app/draft-selection';
import { CLI_WAIT_FOR_OTHERS_MS, concurrencyOption, exitCodeFor, printRows, toRow } from './register';

export async function registerDrafts(values: { data?: string; doc?: string[]; 'all-drafts'?: boolean; business?: string; json: boolean; concurrency?: string }, io: CliIo): Promise<number> {
  const concurrency = concurrencyOption(values.concurrency);
  const engineOptions = { waitForOthersMs: CLI_WAIT_FOR_OTHERS_MS, ...(concurrency ? { concurrencyPerGstin: concurrency } : {}) };
  return withApp(values, io, async (app) => {
    const scope = values.business ? { businessGstin: values.business } : {};
    const selections = [
      ...(values['all-drafts'] ? [selectDrafts(app.ledger, { allDrafts: true }, scope)] : []),
      ...(values.doc?.length ? [selectDrafts(app.ledger, { docNos: values.doc }, scope)] : []),
    ];
    const ids = [...new Set(selections.flatMap((s) => s.invoices.map((i) => i.id)))];
    const outcomes = await app.engine.registerMany(ids, concurrency);
    const rows = outcomes.map((o) => toRow('ledger', o));
    for (const p of selections.flatMap((s) => s.problems)) {
      const inv = p.invoiceId !== undefined ? app.ledger.invoices.get(p.invoiceId) : undefined;
      if (inv) {
        // named but not a draft: say where it stands, never send it again from here
        const reg = app.ledger.registrations.forInvoice(inv.id);
        const status = inv.status === 'registered' || inv.status === 'cancelled' ? 'registered' : inv.status === 'rejected' ? 'rejected' : 'queued';
        rows.push({ file: 'ledger', docNo: inv.docNo ?? p.ref, status, irn: reg?.irn ?? null, ackNo: ackNumber(reg?.ackNo), ackDt: reg?.ackDt ?? null, errors: plainErrors(inv.lastErrors?.length ? inv.lastErrors : [{ code: p.code, message: p.message }]) });
      } else {
        rows.push({ file: 'ledger', docNo: p.ref, status: 'not_sent', irn: null, ackNo: null, ackDt: null, errors: [{ code: p.code, path: 'DocDtls.No', message: p.message }] });
      }
    }
    printRows(io, rows, values.json);
    return exitCodeFor(rows.map((r) => r.status));
  }, engineOptions);
}
