/** `einvoice reconcile`: resolves every queued or in-flight registration now. */
import { DATA_OPTION, withApp } from '../app';
import { parse } from '../args';
import type { Command } from '../io';
import { exitCodeFor, printRows, toRow } from './register';

export const reconcileCommand: Command = {
  summary: 'resolve every queued or in-flight registration now (after a crash or an IRP outage)',
  usage: 'einvoice reconcile [--profile NAME] [--json] [--data DIR]',
  async run(args, io) {
    const { values } = parse(args, { ...DATA_OPTION, profile: { type: 'string' }, json: { type: 'boolean', default: false } });
    return withApp(values, io, async (app) => {
      const outcomes = await app.engine.reconcile();
      const rows = outcomes
        .filter((o) => !values.profile || app.engine.profileFor(app.ledger.invoices.get(o.invoiceId)?.sellerGstin ?? '').name === values.profile)
        .map((o) => toRow('', o));
      printRows(io, rows, values.json);
      return exitCodeFor(rows.map((r) => r.status));
    });
  },
};
