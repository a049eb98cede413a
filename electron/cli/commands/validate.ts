/** `einvoice validate FILE`: the IRP's checks on an INV-01 JSON file, offline. */
import { readFile } from 'node:fs/promises';
import { istDateOf, parseIsoDate } from '../../../shared/dates';
import { hintFor } from '../../../shared/einvoice/hints';
import { irnOfInvoice } from '../../../shared/einvoice/irn';
import type { Invoice } from '../../../shared/einvoice/schema';
import { checkInvoice, type CheckSetup } from '../../../shared/einvoice/check';
import type { ValidationReport, Violation } from '../../../shared/einvoice/violations';
import { loadHsnMaster } from '../../app/masters';
import { parse } from '../args';
import { UsageError, type CliIo, type Command } from '../io';

const SECTION_TITLES: Readonly<Record<string, string>> = {
  TranDtls: 'Transaction', DocDtls: 'Document', SellerDtls: 'Seller', BuyerDtls: 'Buyer', DispDtls: 'Dispatch from',
  ShipDtls: 'Ship to', ItemList: 'Items', ValDtls: 'Totals', PayDtls: 'Payment', RefDtls: 'References',
  ExpDtls: 'Export', EwbDtls: 'E-way bill', '': 'Document',
};

export type ReadResult = { ok: true; value: unknown } | { ok: false; message: string };

/** Reads and parses a JSON file; a readable reason when it cannot. */
export async function readJsonFile(file: string): Promise<ReadResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return { ok: false, message: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch (e) {
    return { ok: false, message: `${file} is not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function sectionOf(v: Violation): string {
  return v.path.split(/[.[]/)[0] ?? '';
}

function printReport(io: CliIo, file: string, report: ValidationReport, irn: string | undefined): void {
  const counts = `${report.errors.length} error(s), ${report.warnings.length} warning(s)`;
  io.out(`${file}: ${report.valid ? 'VALID' : 'NOT VALID'} - ${counts}`);
  if (irn) io.out(`IRN it would get: ${irn}`);
  const all = [...report.errors.map((v) => ({ v, mark: 'x' })), ...report.warnings.map((v) => ({ v, mark: '!' }))];
  const sections = [...new Set(all.map(({ v }) => sectionOf(v)))];
  for (const s of sections) {
    io.out(`\n${SECTION_TITLES[s] ?? s}`);
    for (const { v, mark } of all.filter(({ v }) => sectionOf(v) === s)) {
      io.out(`  ${mark} [${v.code}] ${v.path || '(document)'}: ${v.message}`);
      const hint = hintFor(v.code, v.message);
      if (hint && mark === 'x') io.out(`      fix: ${hint}`);
    }
  }
}

export const validateCommand: Command = {
  summary: 'check an INV-01 JSON file against the IRP schema and business rules',
  usage: 'einvoice validate FILE [--today YYYY-MM-DD] [--profile production|sandbox] [--aato-crore N] [--einvoice-start YYYY-MM-DD] [--json]',
  async run(args, io) {
    const { values, positionals } = parse(args, {
      today: { type: 'string' },
      profile: { type: 'string', default: 'production' },
      'aato-crore': { type: 'string' },
      'einvoice-start': { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UsageError('give exactly one FILE');
    const profile = values.profile;
    if (profile !== 'production' && profile !== 'sandbox') throw new UsageError('--profile must be production or sandbox');
    const today = values.today === undefined ? istDateOf(io.now()) : parseIsoDate(values.today);
    if (!today) throw new UsageError('--today must be a date YYYY-MM-DD');
    const aato = values['aato-crore'] === undefined ? undefined : Number(values['aato-crore']);
    if (aato !== undefined && (!Number.isFinite(aato) || aato < 0)) throw new UsageError('--aato-crore must be a non-negative number');
    const start = values['einvoice-start'] === undefined ? undefined : parseIsoDate(values['einvoice-start']);
    if (values['einvoice-start'] !== undefined && !start) throw new UsageError('--einvoice-start must be a date YYYY-MM-DD');

    const read = await readJsonFile(file);
    if (!read.ok) {
      io.err(read.message);
      return 2;
    }
    if (read.value === null || typeof read.value !== 'object' || Array.isArray(read.value)) {
      io.err(`${file} does not hold one invoice: expected a JSON object`);
      return 2;
    }
    // the same entry the editor and the core use (shared/einvoice/check.ts)
    const setup: CheckSetup = { profile, today, ...(aato === undefined ? {} : { aatoCrore: aato }), ...(start ? { einvoiceStartDate: start } : {}) };
    const report = checkInvoice(read.value, setup, loadHsnMaster());
    const inv = read.value as Partial<Invoice>;
    let irn: string | undefined;
    if (typeof inv.SellerDtls?.Gstin === 'string' && typeof inv.DocDtls?.No === 'string' && typeof inv.DocDtls.Typ === 'string' && typeof inv.DocDtls.Dt === 'string') {
      irn = irnOfInvoice(inv as Invoice, today);
    }
    if (values.json) io.out(JSON.stringify({ valid: report.valid, irn: irn ?? null, errors: report.errors, warnings: report.warnings }));
    else printReport(io, file, report, irn);
    return report.valid ? 0 : 1;
  },
};
