/** `einvoice cancel`, `einvoice get`, `einvoice ewb`: operations on a registered IRN. */
import { isIrpError, type CancelReason } from '../../irp';
import { OperationError } from '../../app/engine/irn-operations';
import { DATA_OPTION, withApp } from '../app';
import { parse } from '../args';
import { UsageError, type CliIo, type Command } from '../io';

/** Prints an operation's refusal (code and sentence, or JSON) and gives the exit code: 3 when trying later may help. */
export function fail(io: CliIo, json: boolean, e: unknown): number {
  const err = isIrpError(e) ? e.toViolation() : e instanceof OperationError ? { code: e.code, path: '', message: e.message } : { code: 'ERROR', path: '', message: e instanceof Error ? e.message : String(e) };
  if (json) io.out(JSON.stringify({ ok: false, errors: [err] }));
  else io.err(`[${err.code}] ${err.message}`);
  return isIrpError(e) && (e.retriable || e.ambiguous) ? 3 : 1;
}

export const cancelCommand: Command = {
  summary: 'cancel an IRN within 24 hours of its acknowledgement',
  usage: 'einvoice cancel IRN --reason 1|2|3|4 --remark TEXT [--profile NAME] [--json] [--data DIR]   (1 duplicate, 2 data entry mistake, 3 order cancelled, 4 others)',
  async run(args, io) {
    const { values, positionals } = parse(args, { ...DATA_OPTION, profile: { type: 'string' }, reason: { type: 'string' }, remark: { type: 'string' }, json: { type: 'boolean', default: false } });
    const [irn] = positionals;
    if (!irn) throw new UsageError('give the IRN');
    if (!['1', '2', '3', '4'].includes(values.reason ?? '')) throw new UsageError('--reason must be 1, 2, 3 or 4');
    const remark = values.remark ?? '';
    if (remark.length < 1 || remark.length > 100) throw new UsageError('--remark must be 1 to 100 characters');
    return withApp(values, io, async (app) => {
      try {
        const reg = await app.operations.cancel(irn, values.reason as CancelReason, remark);
        if (values.json) io.out(JSON.stringify({ ok: true, irn: reg.irn, status: reg.status, cancelDate: reg.cancelDate ?? null }));
        else io.out(`IRN ${reg.irn} cancelled on ${reg.cancelDate ?? '?'}`);
        return 0;
      } catch (e) {
        return fail(io, values.json, e);
      }
    });
  },
};

export const getCommand: Command = {
  summary: 'fetch an IRN from the IRP (signatures verified) and show the ledger\'s record',
  usage: 'einvoice get IRN [--profile NAME] [--json] [--data DIR]',
  async run(args, io) {
    const { values, positionals } = parse(args, { ...DATA_OPTION, profile: { type: 'string' }, json: { type: 'boolean', default: false } });
    const [irn] = positionals;
    if (!irn) throw new UsageError('give the IRN');
    return withApp(values, io, async (app) => {
      const gstin = values.profile ? app.ledger.profiles.get(values.profile)?.gstin : undefined;
      try {
        const r = await app.operations.fetch(irn, gstin);
        const local = app.ledger.registrations.get(r.irn);
        const out = { irn: r.irn, ackNo: r.ackNo, ackDt: r.ackDt, status: r.status, ewbNo: r.ewbNo, ewbValidTill: r.ewbValidTill, signatures: 'valid', inLedger: Boolean(local), ledgerStatus: local?.status ?? null, signedQrCode: r.signedQrCode };
        if (values.json) io.out(JSON.stringify(out));
        else io.out(`IRN ${r.irn}\nAck No ${r.ackNo}  Ack Date ${r.ackDt}  Status ${r.status}\nSignatures valid; ${local ? `in the ledger (${local.status})` : 'NOT in the ledger'}`);
        return 0;
      } catch (e) {
        return fail(io, values.json, e);
      }
    });
  },
};

export const ewbCommand: Command = {
  summary: 'raise an e-way bill for a registered IRN',
  usage: 'einvoice ewb IRN --distance KM [--mode 1-4] [--vehicle NO] [--vehicle-type R|O] [--transporter GSTIN] [--transporter-name NAME] [--doc-no NO --doc-date dd/mm/yyyy] [--json] [--data DIR]',
  async run(args, io) {
    const { values, positionals } = parse(args, {
      ...DATA_OPTION, profile: { type: 'string' }, distance: { type: 'string' }, mode: { type: 'string' }, vehicle: { type: 'string' },
      'vehicle-type': { type: 'string' }, transporter: { type: 'string' }, 'transporter-name': { type: 'string' },
      'doc-no': { type: 'string' }, 'doc-date': { type: 'string' }, json: { type: 'boolean', default: false },
    });
    const [irn] = positionals;
    if (!irn) throw new UsageError('give the IRN');
    const distance = Number(values.distance);
    if (values.distance === undefined || !Number.isInteger(distance) || distance < 0 || distance > 4000) throw new UsageError('--distance must be a whole number of km from 0 to 4000 (0: the IRP computes PIN-to-PIN)');
    if (values.mode && !['1', '2', '3', '4'].includes(values.mode)) throw new UsageError('--mode must be 1 (road), 2 (rail), 3 (air) or 4 (ship)');
    const request = {
      Distance: distance,
      ...(values.mode ? { TransMode: values.mode as '1' } : {}),
      ...(values.vehicle ? { VehNo: values.vehicle, VehType: (values['vehicle-type'] ?? 'R') as 'R' } : {}),
      ...(values.transporter ? { TransId: values.transporter } : {}),
      ...(values['transporter-name'] ? { TransName: values['transporter-name'] } : {}),
      ...(values['doc-no'] ? { TransDocNo: values['doc-no'] } : {}),
      ...(values['doc-date'] ? { TransDocDt: values['doc-date'] } : {}),
    };
    return withApp(values, io, async (app) => {
      try {
        const r = await app.operations.ewayBill(irn, request);
        if (values.json) io.out(JSON.stringify({ ok: true, ewbNo: r.ewbNo, ewbDt: r.ewbDt, ewbValidTill: r.ewbValidTill }));
        else io.out(`e-way bill ${r.ewbNo} dated ${r.ewbDt}, valid till ${r.ewbValidTill ?? '(Part-A only: add vehicle details)'}`);
        return 0;
      } catch (e) {
        return fail(io, values.json, e);
      }
    });
  },
};
