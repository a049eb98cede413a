/** `einvoice irn FILE`: the IRN the IRP will assign to an invoice. */
import { istDateOf, parseIsoDate } from '../../../shared/dates';
import { irnOfInvoice } from '../../../shared/einvoice/irn';
import type { Invoice } from '../../../shared/einvoice/schema';
import { parse } from '../args';
import { UsageError, type Command } from '../io';
import { readJsonFile } from './validate';

export const irnCommand: Command = {
  summary: 'print the IRN of an INV-01 JSON file (SHA-256 of GSTIN, FY, type and number)',
  usage: 'einvoice irn FILE [--today YYYY-MM-DD]',
  async run(args, io) {
    const { values, positionals } = parse(args, { today: { type: 'string' } });
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UsageError('give exactly one FILE');
    const today = values.today === undefined ? istDateOf(io.now()) : parseIsoDate(values.today);
    if (!today) throw new UsageError('--today must be a date YYYY-MM-DD');
    const read = await readJsonFile(file);
    if (!read.ok) {
      io.err(read.message);
      return 2;
    }
    const inv = read.value as Partial<Invoice> | null;
    const gstin = inv?.SellerDtls?.Gstin;
    const doc = inv?.DocDtls;
    if (typeof gstin !== 'string' || typeof doc?.No !== 'string' || typeof doc.Typ !== 'string' || typeof doc.Dt !== 'string') {
      io.err(`${file}: needs SellerDtls.Gstin and DocDtls.Typ, No and Dt to compute an IRN`);
      return 1;
    }
    const irn = irnOfInvoice(inv as Invoice, today);
    if (!irn) {
      io.err(`${file}: DocDtls.Dt "${doc.Dt}" is not a date dd/mm/yyyy`);
      return 1;
    }
    io.out(irn);
    return 0;
  },
};
