/**
 * `einvoice reconcile`: resolves every queued or in-flight registration now. Leftovers of a crash
 * are looked up before anything is sent again; documents another process is sending are waited
 * for and reported as it finished them (never as "queued" once they are registered).
 */
import { DATA_OPTION, withApp } from '../app';
import { parse } from '../args';
import type { Command } from '../io';
import { CLI_WAIT_FOR_OTHERS_MS, concurrencyOption, exitCodeFor, printRows, toRow } from './register';

export const reconcileCommand: Command = {
  summary: 'resolve every queued or in-flight registration now (after a crash or an IRP outage)',
  usage: 'einvoice reconcile [--profile NAME] [--concurrency N] [--json] [--data DIR]',
  async run(args, io) {
    const { values } = parse(args, { ...DATA_OPTION, profile: { type: 'string' }, concurrency: { type: 'string' }, json: { type: 'boolean', default: false } });
    const concurrency = concurrencyOption(values.concurrency);
    return withApp(values, io, async (app) => {
      const outcomes = await app.engine.reconcile(concurrency);
      const profileOf = (invoiceId: number) => {
        try {
          return app.engine.profileFor(app.ledger.invoices.get(invoiceId)?.sellerGstin ?? '').name;
        } catch {
          return undefined;
        }
      };
      const rows = outcomes.filter((o) => !values.profile || profileOf(o.invoiceId) === values.profile).map((o) => toRow('', o));
      printRows(io, rows, values.json);
      return exitCodeFor(rows.map((r) => r.status));
    }, { waitForOthersMs: CLI_WAIT_FOR_OTHERS_MS, ...(concurrency ? { concurrencyPerGstin: concurrency } : {}) });
  },
};
