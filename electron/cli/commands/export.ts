/**
 * `einvoice export register|gstr1 --from DD/MM/YYYY --to DD/MM/YYYY -o FILE.xlsx|FILE.csv [--json]`:
 * the invoice register (every document of the period, with IRNs, cancellations and totals per tax
 * head, plus its lines) or the GSTR-1 view (documents registered in the period, cancelled IRNs left
 * out). Optional filters for the register: --status S[,S...], --business GSTIN, --search TEXT.
 * Exit 0 written, 2 usage. Progress goes to stderr.
 */
import { resolve } from 'node:path';
import { parseDocDate } from '../../../shared/dates';
import { exportGstr1, exportRegister } from '../../app/bulk/export';
import { INVOICE_STATUSES, type InvoiceStatus } from '../../ledger/invoices.repo';
import { DATA_OPTION, withApp } from '../app';
import { parse } from '../args';
import { UsageError, type Command } from '../io';

function date(text: string | undefined, flag: string): string {
  if (!text) throw new UsageError(`${flag} DD/MM/YYYY is required`);
  const iso = parseDocDate(text.replace(/-/g, '/'));
  if (!iso) throw new UsageError(`${flag} must be a date DD/MM/YYYY, got "${text}"`);
  return iso;
}

export const exportCommand: Command = {
  summary: 'export the invoice register or the GSTR-1 view of a period to .xlsx or .csv',
  usage: 'einvoice export register|gstr1 --from DD/MM/YYYY --to DD/MM/YYYY -o FILE.xlsx|FILE.csv [--status S,...] [--business GSTIN] [--search TEXT] [--json] [--data DIR]',
  async run(args, io) {
    const { values, positionals } = parse(args, {
      ...DATA_OPTION, from: { type: 'string' }, to: { type: 'string' }, output: { type: 'string', short: 'o' }, status: { type: 'string' },
      business: { type: 'string' }, search: { type: 'string' }, json: { type: 'boolean', default: false },
    });
    const what = positionals[0];
    if ((what !== 'register' && what !== 'gstr1') || positionals.length !== 1) throw new UsageError('expected "export register" or "export gstr1"');
    const from = date(values.from, '--from');
    const to = date(values.to, '--to');
    if (from > to) throw new UsageError('--from is after --to');
    if (!values.output || !/\.(xlsx|csv)$/i.test(values.output)) throw new UsageError('-o FILE.xlsx or -o FILE.csv is required');
    const statuses = values.status ? values.status.split(',').map((s) => s.trim()) : [];
    const unknown = statuses.filter((s) => !INVOICE_STATUSES.includes(s as InvoiceStatus));
    if (unknown.length > 0) throw new UsageError(`--status takes ${INVOICE_STATUSES.join(', ')}; not ${unknown.join(', ')}`);
    const file = resolve(values.output);
    const format = file.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx';
    return withApp(values, io, async (app) => {
      let businessId: number | undefined;
      if (values.business) {
        const b = app.ledger.businesses.getByGstin(values.business.trim().toUpperCase());
        if (!b) {
          io.err(`no business with GSTIN ${values.business}`);
          return 2;
        }
        businessId = b.id;
      }
      const query = {
        from, to,
        ...(businessId !== undefined ? { businessId } : {}),
        ...(statuses.length ? { status: statuses as InvoiceStatus[] } : {}),
        ...(values.search ? { search: values.search } : {}),
      };
      let last = 0;
      const onProgress = (done: number, total: number) => {
        if (done - last >= 5000 || done === total) {
          io.err(`exported ${done}/${total} documents`);
          last = done;
        }
      };
      const result = what === 'register'
        ? await exportRegister(app.ledger.db, { query, format, file, onProgress })
        : await exportGstr1(app.ledger.db, { query, format, file, onProgress });
      if (values.json) io.out(JSON.stringify(result));
      else io.out(`${result.documents} document(s), ${result.lines} line(s) written to ${result.files.join(', ')}`);
      return 0;
    });
  },
};
