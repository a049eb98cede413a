/**
 * `einvoice register --doc NO... | --all-drafts`: registers drafts already in the ledger (imported or
 * saved from the editor) by document number, through the same engine as FILE registration. Documents
 * asked for that are not drafts are listed with their status and not sent again; unknown numbers are
 * listed as NOT_FOUND. Exit codes as for files.
 */
import { ackNumber, plainErrors, withApp } from '../app';
import type { CliIo } from '../io';
import { selectDrafts } from '../../app/draft-selection';
import { exitCodeFor, printRows, toRow } from './register';

export async function registerDrafts(values: { data?: string; doc?: string[]; 'all-drafts'?: boolean; json: boolean; concurrency?: string }, io: CliIo): Promise<number> {
  const concurrency = Number(values.concurrency ?? '4');
  return withApp(values, io, async (app) => {
    const selection = selectDrafts(app.ledger, { ...(values.doc ? { docNos: values.doc } : {}), all: values['all-drafts'] === true });
    const outcomes = await app.engine.registerMany(selection.ids, Number.isInteger(concurrency) && concurrency > 0 ? concurrency : 4);
    const rows = outcomes.map((o) => toRow('ledger', o));
    for (const n of selection.notDrafts) {
      const reg = app.ledger.registrations.forInvoice(n.id);
      const inv = app.ledger.invoices.get(n.id);
      const status = n.status === 'registered' || n.status === 'cancelled' ? 'registered' : n.status === 'rejected' ? 'rejected' : 'queued';
      rows.push({ file: 'ledger', docNo: n.docNo, status, irn: reg?.irn ?? null, ackNo: ackNumber(reg?.ackNo), ackDt: reg?.ackDt ?? null, errors: plainErrors(inv?.lastErrors ?? [{ code: 'NOT_A_DRAFT', message: `already ${n.status}; not sent again` }]) });
    }
    for (const docNo of selection.missing) rows.push({ file: 'ledger', docNo, status: 'rejected', irn: null, ackNo: null, ackDt: null, errors: [{ code: 'NOT_FOUND', path: 'DocDtls.No', message: `no document numbered ${docNo} in the ledger` }] });
    printRows(io, rows, values.json);
    return exitCodeFor(rows.map((r) => r.status));
  });
}
