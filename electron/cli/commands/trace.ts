/**
 * `einvoice trace auth|generate FILE|cancel IRN|get IRN --profile NAME`: one exchange with the IRP
 * shown step by step (docs/playground.md); `trace scenario [ID...]` runs scenarios of the catalogue
 * and `trace report -o FILE.pdf|FILE.xlsx` the whole catalogue into a Test Summary Report.
 */
import { writeFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import type { CancelReason } from '../../irp';
import { PlaygroundError, renderReport, runCatalogue, traceByProfile } from '../../playground/service';
import { scenarioInfos, UnknownScenarioError } from '../../playground/scenarios/catalogue';
import { appVersion } from '../../app/version';
import { DATA_OPTION, withApp } from '../app';
import { parse } from '../args';
import { UsageError, type CliIo, type Command } from '../io';
import { printTrace, readBoundedText } from './playground-io';

type Values = { data?: string | undefined; profile?: string | undefined; json?: boolean | undefined; hex?: boolean | undefined; appkey?: string | undefined; reason?: string | undefined; remark?: string | undefined; irp?: string | undefined; output?: string | undefined; list?: boolean | undefined };

function refused(io: CliIo, json: boolean, e: unknown): number {
  if (!(e instanceof PlaygroundError) && !(e instanceof UnknownScenarioError)) throw e;
  const code = e instanceof PlaygroundError ? e.code : 'UNKNOWN_SCENARIO';
  if (json) io.out(JSON.stringify({ ok: false, error: { code, message: e.message } }));
  else io.err(`[${code}] ${e.message}`);
  return 2;
}

async function traceOne(op: 'auth' | 'generate' | 'cancel' | 'get', arg: string | undefined, values: Values, io: CliIo): Promise<number> {
  if (!values.profile) throw new UsageError('--profile NAME is required');
  if (op === 'auth' && arg !== undefined) throw new UsageError(`unexpected argument "${arg}"`);
  if ((op === 'cancel' || op === 'get') && !arg) throw new UsageError(`trace ${op} needs the IRN`);
  if (op === 'cancel' && values.reason !== undefined && !['1', '2', '3', '4'].includes(values.reason)) throw new UsageError('--reason must be 1, 2, 3 or 4');
  let invoice: unknown;
  if (op === 'generate') {
    if (!arg) throw new UsageError('trace generate needs an INV-01 JSON FILE');
    const read = await readBoundedText(arg, io);
    if (!read.ok) {
      io.err(read.message);
      return 2;
    }
    try {
      invoice = JSON.parse(read.text) as unknown;
    } catch (e) {
      io.err(`${arg} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
      return 2;
    }
  }
  return withApp(values, io, async (app) => {
    try {
      const trace = await traceByProfile(app, {
        profileName: values.profile ?? '', operation: op,
        ...(invoice !== undefined ? { invoice } : {}), ...(arg && op !== 'generate' ? { irn: arg } : {}), ...(values.appkey ? { appKey: values.appkey } : {}),
        ...(op === 'cancel' ? { cancel: { reason: (values.reason ?? '2') as CancelReason, remark: values.remark ?? 'Cancelled from a trace' } } : {}),
      });
      if (values.json) io.out(JSON.stringify(trace));
      else printTrace(io, trace, values.hex === true);
      return trace.outcome.ok ? 0 : 1;
    } catch (e) {
      return refused(io, values.json === true, e);
    }
  });
}

async function scenarios(ids: string[], values: Values, io: CliIo): Promise<number> {
  if (values.list) {
    const all = scenarioInfos();
    if (values.json) io.out(JSON.stringify(all));
    else for (const s of all) io.out(`${s.id.padEnd(28)} ${s.api.padEnd(18)} ${s.title}\n${' '.repeat(29)}expected: ${s.expected}`);
    return 0;
  }
  return withApp(values, io, async (app) => {
    try {
      const run = await runCatalogue(app, appVersion(), ids, {
        ...(values.irp ? { irpUrl: values.irp.replace(/\/+$/, '') } : {}),
        onResult: (r) => {
          if (!values.json) io.out(`${r.pass ? 'PASS' : 'FAIL'} ${r.id.padEnd(28)} ${r.actual}\n${' '.repeat(34)}client: ${r.clientAction}`);
        },
      });
      if (values.json) io.out(JSON.stringify(run));
      return run.results.every((r) => r.pass) ? 0 : 1;
    } catch (e) {
      return refused(io, values.json === true, e);
    }
  });
}

async function report(values: Values, io: CliIo): Promise<number> {
  const out = values.output;
  if (!out) throw new UsageError('give -o FILE.pdf or -o FILE.xlsx');
  const ext = extname(out).toLowerCase();
  if (ext !== '.pdf' && ext !== '.xlsx') throw new UsageError('the report is a .pdf or an .xlsx file');
  return withApp(values, io, async (app) => {
    const run = await runCatalogue(app, appVersion(), [], { ...(values.irp ? { irpUrl: values.irp.replace(/\/+$/, '') } : {}) });
    const r = await renderReport(run, ext === '.pdf' ? 'pdf' : 'xlsx', io.now());
    const file = resolve(out);
    await writeFile(file, r.bytes);
    if (values.json) io.out(JSON.stringify({ scenarios: r.scenarios, passed: r.passed, failed: r.failed, file }));
    else {
      for (const x of run.results.filter((y) => !y.pass)) io.out(`FAIL ${x.id}: expected ${x.expected}; got ${x.actual}`);
      io.out(`${r.scenarios} scenarios: ${r.passed} passed, ${r.failed} failed. Report: ${file}`);
    }
    return r.failed === 0 ? 0 : 1;
  });
}

export const traceCommand: Command = {
  summary: 'show an exchange with the IRP step by step; run the scenario catalogue; the Test Summary Report',
  usage: [
    'einvoice trace auth --profile NAME [--appkey B64] [--hex] [--json] [--data DIR]',
    '       einvoice trace generate FILE --profile NAME [--appkey B64] [--hex] [--json]',
    '       einvoice trace cancel IRN --profile NAME [--reason 1-4] [--remark TEXT] [--json]',
    '       einvoice trace get IRN --profile NAME [--json]',
    '       einvoice trace scenario [ID...] [--list] [--irp URL] [--json]   (all scenarios when no ID)',
    '       einvoice trace report -o FILE.pdf|FILE.xlsx [--irp URL] [--json]   (exit 0 only when every scenario passed)',
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parse(args, {
      ...DATA_OPTION, profile: { type: 'string' }, json: { type: 'boolean', default: false }, hex: { type: 'boolean', default: false },
      appkey: { type: 'string' }, reason: { type: 'string' }, remark: { type: 'string' }, irp: { type: 'string' }, output: { type: 'string', short: 'o' },
      list: { type: 'boolean', default: false },
    });
    const [verb, ...rest] = positionals;
    if (verb === 'auth' || verb === 'generate' || verb === 'cancel' || verb === 'get') {
      if (rest.length > 1) throw new UsageError(`unexpected argument "${rest[1]}"`);
      return traceOne(verb, rest[0], values, io);
    }
    if (verb === 'scenario' || verb === 'scenarios') return scenarios(rest, values, io);
    if (verb === 'report') return report(values, io);
    throw new UsageError('expected auth, generate, cancel, get, scenario or report');
  },
};
