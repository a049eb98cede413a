/**
 * `einvoice register FILE... --profile NAME`: registers INV-01 documents through the engine
 * (validation, outbox, duplicate adoption, recovery). Exit 0 all registered/adopted, 3 when any is
 * still queued (run `einvoice reconcile` later), else 1 when any was rejected.
 */
import type { Invoice as Inv01 } from '../../../shared/einvoice/schema';
import type { AppCore } from '../../app/app-core';
import type { RegisterOutcome } from '../../app/engine/registration-engine';
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
}

export function exitCodeFor(statuses: ReadonlyArray<RegisterOutcome['status']>): number {
  if (statuses.includes('queued')) return 3;
  if (statuses.includes('rejected')) return 1;
  return 0;
}

export function toRow(file: string, o: RegisterOutcome): Row {
  return { file, docNo: o.docNo, status: o.status, irn: o.irn ?? null, ackNo: ackNumber(o.ackNo), ackDt: o.ackDt ?? null, errors: plainErrors(o.errors) };
}

export function printRows(io: CliIo, rows: Row[], json: boolean): void {
  if (json) {
    io.out(JSON.stringify(rows));
    return;
  }
  for (const r of rows) {
    io.out(`${r.status.toUpperCase().padEnd(10)} ${r.docNo.padEnd(16)} ${r.irn ?? ''} ${r.ackNo ?? ''} ${r.ackDt ?? ''}  (${r.file})`);
    for (const e of r.errors) io.out(`           [${e.code}] ${e.path ? `${e.path}: ` : ''}${e.message}`);
  }
  const count = (s: string) => rows.filter((r) => r.status === s).length;
  io.out(`${rows.length} document(s): ${count('registered')} registered, ${count('adopted')} adopted, ${count('rejected')} rejected, ${count('queued')} queued`);
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
    const { values, positionals } = parse(args, { ...DATA_OPTION, profile: { type: 'string' }, concurrency: { type: 'string', default: '4' }, json: { type: 'boolean', default: false }, doc: { type: 'string', multiple: true }, 'all-drafts': { type: 'boolean', default: false }, business: { type: 'string' } });
    if (values.doc?.length || values['all-drafts']) {
      if (positionals.length > 0) throw new UsageError('give FILEs or --doc/--all-drafts, not both');
      return (await import('./register-drafts')).registerDrafts(values, io);
    }
    if (positionals.length === 0) throw new UsageError('give at least one FILE');
    if (!values.profile) throw new UsageError('--profile NAME is required');
    const concurrency = Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new UsageError('--concurrency must be a whole number from 1 to 64');
    const docs = await loadDocuments(positionals);
    return withApp(values, io, async (app) => {
      const profile = app.ledger.profiles.get(values.profile ?? '');
      if (!profile) {
        io.err(`no profile named "${values.profile}": add it with "einvoice profile add"`);
        return 2;
      }
      const rows: Row[] = new Array<Row>(docs.length);
      const work: Array<{ index: number; invoiceId: number }> = [];
      docs.forEach((d, index) => {
        const docNo = typeof d.payload?.DocDtls?.No === 'string' ? d.payload.DocDtls.No : '';
        const reject = (code: string, message: string, path = '') => (rows[index] = { file: d.file, docNo, status: 'rejected', irn: null, ackNo: null, ackDt: null, errors: [{ code, path, message }] });
        if (!d.payload) return reject('FILE', d.error ?? 'unreadable');
        const gstin = d.payload.SellerDtls?.Gstin;
        if (typeof gstin !== 'string' || !d.payload.DocDtls || !d.payload.BuyerDtls || !d.payload.ValDtls) return reject('5002', 'not an INV-01 document (SellerDtls, BuyerDtls, DocDtls and ValDtls are required)');
        if (gstin !== profile.gstin) return reject('2143', `the seller GSTIN ${gstin} is not the GSTIN of profile ${profile.name} (${profile.gstin})`, 'SellerDtls.Gstin');
        try {
          work.push({ index, invoiceId: app.engine.ingest(d.payload, businessFor(app, d.payload, profile.name)).id });
        } catch (e) {
          reject('LEDGER', e instanceof Error ? e.message : String(e));
        }
      });
      const outcomes = await app.engine.registerMany(work.map((w) => w.invoiceId), concurrency);
      outcomes.forEach((o, i) => {
        const w = work[i];
        if (w) rows[w.index] = toRow(docs[w.index]?.file ?? '', o);
      });
      printRows(io, rows, values.json);
      return exitCodeFor(rows.map((r) => r.status));
    });
  },
};
