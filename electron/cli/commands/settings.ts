/**
 * `einvoice settings`: the settings kept in the ledger, shared by every window and command on it.
 *   einvoice settings                      prints them (with the value in force)
 *   einvoice settings concurrency N        requests at once per seller GSTIN (1-64)
 *   einvoice settings concurrency default  back to the built-in default
 * `einvoice register --concurrency N` still overrides it for one run.
 */
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from '../../app/engine/registration-engine';
import { DATA_OPTION, withLedger } from '../app';
import { parse } from '../args';
import { UsageError, type Command } from '../io';

export const settingsCommand: Command = {
  summary: 'show or change the settings every window and command on this ledger shares',
  usage: 'einvoice settings [concurrency N|default] [--json] [--data DIR]',
  async run(args, io) {
    const { values, positionals } = parse(args, { ...DATA_OPTION, json: { type: 'boolean', default: false } });
    const [key, value, ...rest] = positionals;
    if (rest.length > 0 || (key !== undefined && key !== 'concurrency') || (key !== undefined && value === undefined)) {
      throw new UsageError('expected "settings" or "settings concurrency N|default"');
    }
    let wanted: number | undefined;
    if (value !== undefined && value !== 'default') {
      wanted = Number(value);
      if (!Number.isInteger(wanted) || wanted < 1 || wanted > MAX_CONCURRENCY) throw new UsageError(`concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}, or "default"`);
    }
    return withLedger(values, io, (ledger) => {
      if (key === 'concurrency') ledger.settings.setConcurrency(wanted);
      const set = ledger.settings.concurrency();
      const shown = { concurrency: set ?? DEFAULT_CONCURRENCY, concurrencySource: set === undefined ? 'default' : 'setting' };
      if (values.json) io.out(JSON.stringify(shown));
      else io.out(`concurrency ${shown.concurrency} (${set === undefined ? 'the built-in default' : 'set for this ledger'}): requests at once to the IRP per seller GSTIN; einvoice register --concurrency N overrides it for one run`);
      return Promise.resolve(0);
    });
  },
};
