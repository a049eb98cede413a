/**
 * `einvoice ewb-partb`, `einvoice ewb-cancel`, `einvoice ewb-print`: an e-way bill after it is
 * raised (issue 17 item 8), by its 12-digit number, through the same EwbOperations as the desk.
 */
import { writeFile } from 'node:fs/promises';
import { PrintError, renderEwayBillFile } from '../../app/printable';
import { DATA_OPTION, withApp } from '../app';
import { parse } from '../args';
import { UsageError, type Command } from '../io';
import { fail } from './irn-ops';

function ewbNoOf(positionals: string[]): string {
  const [ewbNo] = positionals;
  if (!ewbNo || !/^\d{12}$/.test(ewbNo)) throw new UsageError('give the 12-digit e-way bill number');
  return ewbNo;
}

export const ewbPartBCommand: Command = {
  summary: 'update Part-B of an e-way bill: the vehicle (road) or transport document (rail, air, ship)',
  usage: 'einvoice ewb-partb EWBNO --from-place TOWN --from-state NN --reason 1|2|3|4 [--mode 1-4] [--vehicle NO] [--vehicle-type R|O] [--doc-no NO --doc-date dd/mm/yyyy] [--remark TEXT] [--json] [--data DIR]   (reasons: 1 break down, 2 transhipment, 3 others, 4 first time)',
  async run(args, io) {
    const { values, positionals } = parse(args, {
      ...DATA_OPTION, mode: { type: 'string' }, vehicle: { type: 'string' }, 'vehicle-type': { type: 'string' }, 'doc-no': { type: 'string' }, 'doc-date': { type: 'string' },
      'from-place': { type: 'string' }, 'from-state': { type: 'string' }, reason: { type: 'string' }, remark: { type: 'string' }, json: { type: 'boolean', default: false },
    });
    const ewbNo = ewbNoOf(positionals);
    const mode = values.mode ?? '1';
    if (!['1', '2', '3', '4'].includes(mode)) throw new UsageError('--mode must be 1 (road), 2 (rail), 3 (air) or 4 (ship)');
    if (!['1', '2', '3', '4'].includes(values.reason ?? '')) throw new UsageError('--reason must be 1 (break down), 2 (transhipment), 3 (others) or 4 (first time)');
    if (!values['from-place'] || values['from-place'].trim().length < 3) throw new UsageError('--from-place must name where the goods are now (3 characters or more)');
    if (!/^\d{2}$/.test(values['from-state'] ?? '')) throw new UsageError('--from-state must be a 2-digit state code');
    if (mode === '1' && !values.vehicle) throw new UsageError('--vehicle is needed for road transport');
    if (values['vehicle-type'] && !['R', 'O'].includes(values['vehicle-type'])) throw new UsageError('--vehicle-type must be R (regular) or O (over-dimensional cargo)');
    return withApp(values, io, async (app) => {
      try {
        const bill = await app.ewb.updatePartB(ewbNo, {
          transMode: mode as '1', fromPlace: values['from-place']!, fromState: values['from-state']!, reason: values.reason as '1', remark: values.remark ?? '',
          ...(values.vehicle ? { vehicleNo: values.vehicle.toUpperCase(), vehicleType: (values['vehicle-type'] ?? 'R') as 'R' } : {}),
          ...(values['doc-no'] ? { transDocNo: values['doc-no'] } : {}),
          ...(values['doc-date'] ? { transDocDate: values['doc-date'] } : {}),
        });
        if (values.json) io.out(JSON.stringify({ ok: true, ewbNo: bill.ewbNo, validTill: bill.validTill ?? null, updates: app.ledger.ewaybills.updates(ewbNo).length }));
        else io.out(`e-way bill ${bill.ewbNo}: ${values.vehicle ? `vehicle ${values.vehicle.toUpperCase()}` : `document ${values['doc-no'] ?? ''}`} entered, valid till ${bill.validTill ?? '(no validity given)'}`);
        return 0;
      } catch (e) {
        return fail(io, values.json, e);
      }
    });
  },
};

export const ewbCancelCommand: Command = {
  summary: 'cancel an e-way bill within 24 hours of raising it',
  usage: 'einvoice ewb-cancel EWBNO --reason 1|2|3|4 --remark TEXT [--json] [--data DIR]   (1 duplicate, 2 order cancelled, 3 data entry mistake, 4 others)',
  async run(args, io) {
    const { values, positionals } = parse(args, { ...DATA_OPTION, reason: { type: 'string' }, remark: { type: 'string' }, json: { type: 'boolean', default: false } });
    const ewbNo = ewbNoOf(positionals);
    if (!['1', '2', '3', '4'].includes(values.reason ?? '')) throw new UsageError('--reason must be 1, 2, 3 or 4');
    const remark = values.remark ?? '';
    if (remark.length < 1 || remark.length > 50) throw new UsageError('--remark must be 1 to 50 characters');
    return withApp(values, io, async (app) => {
      try {
        const bill = await app.ewb.cancel(ewbNo, Number(values.reason) as 1, remark);
        if (values.json) io.out(JSON.stringify({ ok: true, ewbNo: bill.ewbNo, status: bill.status, cancelDate: bill.cancelDate ?? null }));
        else io.out(`e-way bill ${bill.ewbNo} cancelled on ${bill.cancelDate ?? '?'}`);
        return 0;
      } catch (e) {
        return fail(io, values.json, e);
      }
    });
  },
};

export const ewbPrintCommand: Command = {
  summary: 'print an e-way bill as a PDF (its details, Part A, Part B and vehicle updates)',
  usage: 'einvoice ewb-print EWBNO -o FILE.pdf [--data DIR]',
  async run(args, io) {
    const { values, positionals } = parse(args, { ...DATA_OPTION, output: { type: 'string', short: 'o' } });
    const ewbNo = ewbNoOf(positionals);
    if (!values.output) throw new UsageError('-o FILE.pdf is required');
    const output = values.output;
    return withApp(values, io, async (app) => {
      try {
        const file = await renderEwayBillFile(app.ledger, ewbNo);
        await writeFile(output, file.pdf);
        io.out(`e-way bill ${ewbNo} printed to ${output}`);
        return 0;
      } catch (e) {
        if (!(e instanceof PrintError)) throw e;
        io.err(e.message);
        return 1;
      }
    });
  },
};
