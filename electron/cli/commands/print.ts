/** `einvoice print`: Rule-46 invoice PDFs with the signed QR, one or a whole date range. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseIsoDate } from '../../../shared/dates';
import { findForPrint, PrintError, renderInvoiceFile } from '../../app/printable';
import type { PrintCopy } from '../../pdf';
import { DATA_OPTION, withApp } from '../app';
import { parse } from '../args';
import { UsageError, type Command } from '../io';

export const printCommand: Command = {
  summary: 'print invoices as Rule-46 PDFs with the signed QR code',
  usage: 'einvoice print IRN|DOCNO -o FILE.pdf [--copies original,duplicate,triplicate] [--data DIR]\n       einvoice print --all --from YYYY-MM-DD --to YYYY-MM-DD -o DIR [--copies ...] [--data DIR]',
  async run(args, io) {
    const { values, positionals } = parse(args, { ...DATA_OPTION, output: { type: 'string', short: 'o' }, all: { type: 'boolean', default: false }, from: { type: 'string' }, to: { type: 'string' }, copies: { type: 'string' } });
    if (!values.output) throw new UsageError('-o FILE.pdf (or -o DIR with --all) is required');
    // Rule 48 copies, each page labelled (ORIGINAL FOR RECIPIENT ...); none: one unlabelled copy
    const copies = values.copies?.split(',').map((c) => c.trim().toLowerCase()).filter(Boolean);
    if (copies?.some((c) => !['original', 'duplicate', 'triplicate'].includes(c))) throw new UsageError('--copies takes original, duplicate and/or triplicate, separated by commas');
    const labelled = copies as PrintCopy[] | undefined;
    const output = values.output;
    if (values.all) {
      const from = values.from ? parseIsoDate(values.from) : undefined;
      const to = values.to ? parseIsoDate(values.to) : undefined;
      if (!from || !to) throw new UsageError('--all needs --from and --to as YYYY-MM-DD');
      if (from > to) throw new UsageError('--from must not be after --to');
      return withApp(values, io, async (app) => {
        const rows = [];
        let cursor: string | undefined;
        do {
          const page = app.ledger.invoiceList.page({ status: ['registered', 'cancelled'], from, to, sort: 'date', direction: 'asc', limit: 500, ...(cursor ? { cursor } : {}) });
          rows.push(...page.rows);
          cursor = page.nextCursor;
        } while (cursor);
        await mkdir(output, { recursive: true });
        let done = 0;
        for (const row of rows) {
          const invoice = app.ledger.invoices.get(row.id);
          if (!invoice) continue;
          const file = await renderInvoiceFile(app.ledger, invoice, labelled);
          await writeFile(join(output, file.fileName), file.pdf);
          done += 1;
          io.err(`printed ${done}/${rows.length}: ${row.docType} ${row.docNo ?? ''}`);
        }
        io.out(`${done} invoice(s) printed to ${output}`);
        return 0;
      });
    }
    const [target] = positionals;
    if (!target || positionals.length > 1) throw new UsageError('give one IRN or document number (or --all)');
    return withApp(values, io, async (app) => {
      try {
        const invoice = findForPrint(app.ledger, target);
        await writeFile(output, (await renderInvoiceFile(app.ledger, invoice, labelled)).pdf);
        io.out(`${invoice.docType} ${invoice.docNo ?? ''} (${invoice.status}) printed to ${output}`);
        return 0;
      } catch (e) {
        if (e instanceof PrintError) {
          io.err(e.message);
          return 1;
        }
        throw e;
      }
    });
  },
};
