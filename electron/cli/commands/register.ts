/**
 * `einvoice register FILE... --profile NAME`: registers INV-01 documents through the engine
 * (validation, outbox, duplicate adoption, recovery). Exit 0 all registered/adopted, 3 when any is
 * still queued or being sent by another window or process (run `einvoice reconcile` later), else
 * 1 when any was rejected by the IRP or not sent (a local reason: unreadable file, fails the
 * IRP's checks, no profile or credentials, the ledger refused it).
 *
 * Another process on the same ledger (the desktop app, a second `einvoice register`) may be
 * sending some of the same documents: they are never sent twice; this command waits for that
 * process (up to CLI_WAIT_FOR_OTHERS_MS) and reports what it achieved.
 */
import type { Invoice as Inv01 } from '../../../shared/einvoice/schema';
import type { AppCore } from '../../app/app-core';
import { localViolation } from '../../app/engine/outcomes';
import { MAX_CONCURRENCY, type RegisterOutcome } from '../../app/engine/registration-engine';
import { ackNumber, DATA_OPTION, plainErrors, withApp } from '../app';
import { parse } from '../args';
import { UsageError, type CliIo, type Command } from '../io';
import { readJsonFile } from './validate';

interface Row {
  file: string;
  docNo: string;
  status: RegisterOutcome['status'];
  irn: string | null;
  ackNo: number | null;
  ackDt: string | null;
  errors: Array<{ code: string; path: string; message: string }>;
  note?: string;
}

/** A CLI run waits this long for documents another process is sending before it reports them as such. */
export const CLI_WAIT_FOR_OTHERS_MS = 10 * 60_000;

export function exitCodeFor(statuses: ReadonlyArray<RegisterOutcome['status']>): number {
  if (statuses.includes('queued') || statuses.includes('in_flight')) return 3;
  if (statuses.includes('rejected') || statuses.includes('not_sent')) return 1;
  return 0;
}

export function toRow(file: string, o: RegisterOutcome): Row {
  return {
    file, docNo: o.docNo, status: o.status, irn: o.irn ?? null, ackNo: ackNumber(o.ackNo), ackDt: o.ackDt ?? null, errors: plainErrors(o.errors),
    ...(o.note ? { note: o.note } : {}),
  };
}

/** `--concurrency N`: 1-64, or undefined when not given. */
export function concurrencyOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_CONCURRENCY) throw new UsageError(`--concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}`);
  return n;
}

export function printRows(io: CliIo, rows: Row[], json: boolean): void {
  if (json) {
    io.out(JSON.stringify(rows));
    return;
  }
  for (const r of rows) {
    const label = r.status.replace('_', ' ').toUpperCase();
    io.out(`${label.padEnd(10)} ${r.docNo.padEnd(16)} ${r.irn ?? ''} ${r.ackNo ?? ''} ${r.ackDt ?? ''}  (${r.file})${r.note ? `  ${r.note}` : ''}`);
    for (const e of r.errors) io.out(`           [${e.code}] ${e.path ? `${e.path}: ` : ''}${e.message}`);
  }
  const count = (s: string) => rows.filter((r) => r.status === s).length;
  const extra = [count('not_sent') ? `${count('not_sent')} not sent` : '', count('in_flight') ? `${count('in_flight')} being sent by another window or process` : ''].filter(Boolean);
  io.out(`${rows.length} document(s): ${count('registered')} registered, ${count('adopted')} adopted, ${count('rejected')} rejected, ${count('queued')} queued${extra.map((x) => `, ${x}`).join('')}`);
}

/** Files → documents; a file that cannot be read becomes a rejected row, the rest go on. */
async function loadDocuments(files: string[]): Promise<Array<{ file: string; payload?: Inv01; error?: string }>> {
  const out: Array<{ file: string; payload?: Inv01; error?: string }> = [];
  for (const file of files) {
    const read = await readJsonFile(file);
    if (!read.ok) out.push({ file, error: read.message });
    else if (Array.isArray(read.value)) read.value.forEach((v, i) => out.push({ file: `${file}#${i}`, payload: v as Inv01 }));
    else out.push({ file, payload: read.value as Inv01 });
  }
  return out;
}

function businessFor(app: AppCore, payload: Inv01, profileName: string): number {
  const s = payload.SellerDtls;
  const existing = app.ledger.businesses.getByGstin(s.Gstin);
  if (existing) {
    if (existing.profileName !== profileName) app.ledger.businesses.update(existing.id, { ...existing, profileName });
    return existing.id;
  }
  return app.ledger.businesses.create({
    gstin: s.Gstin, legalName: s.LglNm, address1: s.Addr1, location: s.Loc, pin: s.Pin, stateCode: String(s.Stcd), profileName,
    ...(s.TrdNm ? { tradeName: s.TrdNm } : {}), ...(s.Addr2 ? { address2: s.Addr2 } : {}), ...(s.Ph ? { phone: s.Ph } : {}), ...(s.Em ? { email: s.Em } : {}),
  }).id;
}

export const registerCommand: Command = {
  summary: 'register INV-01 JSON documents with the IRP (crash-safe, never twice)',
  usage: 'einvoice register FILE... --profile NAME [--concurrency N] [--json] [--data DIR]\n       einvoice register --doc NO [--doc NO...] | --all-drafts [--business GSTIN] [--concurrency N] [--json] [--data DIR]',
  async run(args, io) {
    const { values, positionals } = parse(args, { ...DATA_OPTION, profile: { type: 'string' }, concurrency: { type: 'string' }, json: { type: 'boolean', default: false }, doc: { type: 'string', multiple: true }, 'all-drafts': { type: 'boolean', default: false }, business: { type: 'string' } });
    if (values.doc?.length || values['all-drafts']) {
      if (positionals.length > 0) throw new UsageError('give FILEs or --doc/--all-drafts, not both');
      return (await import('./register-drafts')).registerDrafts(values, io);
    }
    if (positionals.length === 0) throw new UsageError('give at least one FILE');
    if (!values.profile) throw new UsageError('--profile NAME is required');
    const concurrency = concurrencyOption(values.concurrency);
    const docs = await loadDocuments(positionals);
    const engineOptions = { waitForOthersMs: CLI_WAIT_FOR_OTHERS_MS, ...(concurrency ? { concurrencyPerGstin: concurrency } : {}) };
    return withApp(values, io, async (app) => {
      const profile = app.ledger.profiles.get(values.profile ?? '');
      if (!profile) {
        io.err(`no profile named "${values.profile}": add it with "einvoice profile add"`);
        return 2;
      }
      const rows: Row[] = new Array<Row>(docs.length);
      const work: Array<{ index: number; payload: Inv01 }> = [];
      docs.forEach((d, index) => {
        const docNo = typeof d.payload?.DocDtls?.No === 'string' ? d.payload.DocDtls.No : '';
        // nothing of these left the machine: "not sent", with what to fix
        const notSent = (code: string, message: string, path = '') => (rows[index] = { file: d.file, docNo, status: 'not_sent', irn: null, ackNo: null, ackDt: null, errors: [{ code, path, message }] });
        if (!d.payload) return notSent('FILE', d.error ?? 'unreadable');
        const gstin = d.payload.SellerDtls?.Gstin;
        if (typeof gstin !== 'string' || !d.payload.DocDtls || !d.payload.BuyerDtls || !d.payload.ValDtls) return notSent('5002', 'not an INV-01 document (SellerDtls, BuyerDtls, DocDtls and ValDtls are required)');
        if (gstin !== profile.gstin) return notSent('2143', `the seller GSTIN ${gstin} is not the GSTIN of profile ${profile.name} (${profile.gstin})`, 'SellerDtls.Gstin');
        work.push({ index, payload: d.payload });
      });
      // every document in a few commits, not one fsync each
      const ingested = app.engine.ingestMany(work.map((w) => ({ payload: w.payload, businessId: () => businessFor(app, w.payload, profile.name) })));
      const queue: Array<{ index: number; invoiceId: number }> = [];
      ingested.forEach((r, i) => {
        const w = work[i]!;
        if (r.invoice) queue.push({ index: w.index, invoiceId: r.invoice.id });
        else rows[w.index] = { file: docs[w.index]?.file ?? '', docNo: w.payload.DocDtls.No, status: 'not_sent', irn: null, ackNo: null, ackDt: null, errors: plainErrors([localViolation(r.error)]) };
      });
      const outcomes = await app.engine.registerMany(queue.map((w) => w.invoiceId), concurrency);
      outcomes.forEach((o, i) => {
        const w = queue[i];
        if (w) rows[w.index] = toRow(docs[w.index]?.file ?? '', o);
      });
      printRows(io, rows, values.json);
      return exitCodeFor(rows.map((r) => r.status));
    }, engineOptions);
  },
};
