/** `einvoice ledger list`: what the ledger holds, filtered and searched. */
import { formatDocDate } from '../../../shared/dates';
import { formatInr } from '../../../shared/money';
import type { InvoiceStatus } from '../../ledger';
import { ackNumber, DATA_OPTION, withApp } from '../app';
import { parse } from '../args';
import { UsageError, type Command } from '../io';

const STATUSES: readonly InvoiceStatus[] = ['draft', 'queued', 'in_flight', 'registered', 'cancelled', 'rejected'];

export const ledgerCommand: Command = {
  summary: 'list the documents in the local ledger',
  usage: 'einvoice ledger list [--status draft|queued|in_flight|registered|cancelled|rejected] [--search Q] [--limit N] [--json] [--data DIR]',
  async run(args, io) {
    const { values, positionals } = parse(args, { ...DATA_OPTION, status: { type: 'string' }, search: { type: 'string' }, limit: { type: 'string', default: '1000' }, json: { type: 'boolean', default: false } });
    if (positionals[0] !== 'list') throw new UsageError('expected "ledger list"');
    if (values.status && !STATUSES.includes(values.status as InvoiceStatus)) throw new UsageError(`--status must be one of ${STATUSES.join(', ')}`);
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError('--limit must be 1 to 1000');
    return withApp(values, io, async (app) => {
      const page = app.ledger.invoiceList.page({
        ...(values.status ? { status: values.status as InvoiceStatus } : {}),
        ...(values.search ? { search: values.search } : {}),
        limit,
      });
      const rows = page.rows.map((r) => ({
        docType: r.docType, docNo: r.docNo ?? null, docDate: formatDocDate(r.docDate), sellerGstin: r.sellerGstin, buyerGstin: r.buyerGstin ?? null,
        total: r.totalPaise / 100, status: r.status, irn: r.irn ?? null, ackNo: ackNumber(r.ackNo), ackDt: r.ackDt ?? null,
      }));
      if (values.json) io.out(JSON.stringify(rows));
      else for (const r of rows) io.out(`${r.status.padEnd(10)} ${r.docType} ${String(r.docNo).padEnd(16)} ${r.docDate} ${String(r.buyerGstin).padEnd(15)} ${formatInr(Math.round(r.total * 100)).padStart(16)} ${r.irn ?? ''}`);
      return Promise.resolve(0);
    });
  },
};
