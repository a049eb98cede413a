/**
 * Imports a portal results file into the ledger (gsp-and-portal.md §4.3): each row is matched to
 * its draft, checked (results-match.ts), and then
 *
 * - recorded exactly as a registration through the API records it: the outbox's in-flight row and
 *   completeRegistration (registration row, invoice registered, journal register.sent/register.ok)
 *   in one transaction, preceded by a portal.result journal entry naming the file;
 * - or reported: unknown (the ledger holds no such document: nothing is invented), flagged (IRN,
 *   signature, totals, GSTINs or dates differ; no signed QR to print; the document is in flight
 *   through the API: nothing adopted, the reason is shown on the draft), rejected (the portal's
 *   errors, shown on the draft as an API refusal would be).
 *
 * Idempotent: a registration already held is "already recorded" and a draft already showing the
 * same errors is left alone, so importing a file twice changes nothing. Safe with other processes:
 * every decision is re-checked inside the recording transaction; a document in flight through the
 * API is never recorded from a file (the outbox refuses), and the ledger's unique IRN and
 * one-registration-per-invoice indexes refuse a second registration.
 */
import type { Invoice as Inv01 } from '../../../shared/einvoice/schema';
import { errorFromDetails } from '../../irp';
import { LedgerError, type Invoice, type InvoiceError, type Ledger, type RegistrationInput } from '../../ledger';
import type { AppCore } from '../app-core';
import { toViolations } from '../engine/registration-engine';
import { candidateSigningCertificates, type Candidates } from './certificates';
import { sellerProfile } from './payload-check';
import { findDocument, rowMismatches, signedMismatches, verifyTokens } from './results-match';
import { readResultsFile, type ResultsFormat } from './results-read';
import type { PortalError, ResultRow } from './results-rows';

export type RowOutcome = 'recorded' | 'already-recorded' | 'unknown' | 'flagged' | 'rejected';

export interface RowReport {
  where: string;
  outcome: RowOutcome;
  /** PORTAL_* for unknown and flagged rows. */
  code?: string;
  invoiceId?: number;
  sellerGstin?: string;
  docType?: string;
  docNo?: string;
  docDate?: string;
  irn?: string;
  ackNo?: string;
  ackDt?: string;
  /** Why a row is unknown, flagged, or (rejected) not applied. */
  reasons: string[];
  /** The portal's errors (rejected rows), with the app's hint as on the API road. */
  errors: InvoiceError[];
}

export interface ImportSummary {
  file: string;
  format: ResultsFormat;
  matched: number;
  recorded: number;
  alreadyRecorded: number;
  unknown: number;
  flagged: number;
  rejected: number;
  rows: RowReport[];
}

type Core = Pick<AppCore, 'ledger' | 'engine' | 'endpoints'>;

const DUPLICATE_CODES = new Set(['2150', '2278']);

function base(row: ResultRow, invoice?: Invoice): RowReport {
  return {
    where: row.where, outcome: 'unknown', reasons: [], errors: [],
    ...(invoice ? { invoiceId: invoice.id, sellerGstin: invoice.sellerGstin } : row.sellerGstin ? { sellerGstin: row.sellerGstin } : {}),
    ...(row.docType ? { docType: row.docType } : {}), ...(row.docNo ? { docNo: row.docNo } : {}), ...(row.docDate ? { docDate: row.docDate } : {}),
    ...(row.irn ? { irn: row.irn } : {}), ...(row.ackNo ? { ackNo: row.ackNo } : {}), ...(row.ackDt ? { ackDt: row.ackDt } : {}),
  };
}

const sameErrors = (a: readonly InvoiceError[] | undefined, b: readonly InvoiceError[]) => JSON.stringify((a ?? []).map((e) => [e.code, e.message])) === JSON.stringify(b.map((e) => [e.code, e.message]));

/** Shows a problem on a draft (status kept or set), once: nothing changes when it already shows it. */
function showOnDraft(ledger: Ledger, invoiceId: number, status: 'keep' | 'rejected', errors: InvoiceError[], journal: { kind: string; details: Record<string, unknown> }): void {
  ledger.transaction(() => {
    const inv = ledger.invoices.get(invoiceId);
    if (!inv || !ledger.invoices.isEditable(inv)) return;
    const next = status === 'keep' ? inv.status : status;
    if (inv.status === next && sameErrors(inv.lastErrors, errors)) return;
    ledger.invoices.setStatus(invoiceId, next, { errors });
    ledger.journal.append({ kind: journal.kind, invoiceId, outcome: status === 'rejected' ? 'error' : 'info', details: journal.details });
  });
}

function flag(core: Core, r: RowReport, code: string, reasons: string[], file: string): RowReport {
  r.outcome = 'flagged';
  r.code = code;
  r.reasons.push(...reasons);
  if (r.invoiceId !== undefined) {
    const message = `Portal results file ${file}: ${reasons.join('; ')}.`;
    showOnDraft(core.ledger, r.invoiceId, 'keep', [{ code, path: '', message }], { kind: 'portal.flagged', details: { file, code, irn: r.irn ?? null, reasons } });
  }
  return r;
}

/** The recording transaction: every condition re-read under the write lock. */
function record(core: Core, invoiceId: number, payloadJson: string, reg: RegistrationInput, file: string): { outcome: 'recorded' | 'already-recorded' } | { flagged: string; code: string } {
  const { ledger } = core;
  try {
    return ledger.transaction(() => {
      const held = ledger.registrations.forInvoice(invoiceId);
      if (held) return held.irn === reg.irn ? { outcome: 'already-recorded' as const } : { code: 'PORTAL_OTHER_IRN', flagged: `the ledger already holds IRN ${held.irn} for this document` };
      const inv = ledger.invoices.get(invoiceId);
      if (inv?.status === 'in_flight') return { code: 'PORTAL_IN_FLIGHT', flagged: 'it is being registered through the API right now; let that finish (or run "einvoice reconcile"), then import again' };
      if (inv?.payloadJson !== payloadJson) return { code: 'PORTAL_MISMATCH', flagged: 'the draft was changed while the file was being imported; import again' };
      ledger.journal.append({ kind: 'portal.result', invoiceId, outcome: 'info', details: { file, irn: reg.irn, ackNo: String(reg.ackNo), ackDt: reg.ackDt } });
      const item = ledger.outbox.startInFlight({ invoiceId, op: 'register', payload: payloadJson });
      ledger.outbox.completeRegistration(item.id, reg);
      return { outcome: 'recorded' as const };
    });
  } catch (e) {
    if (e instanceof LedgerError && e.code === 'OUTBOX_BUSY') return { code: 'PORTAL_IN_FLIGHT', flagged: `it is being registered through the API right now (${e.message})` };
    if (e instanceof LedgerError && e.code === 'LEDGER_DUPLICATE') return { code: 'PORTAL_IRN_ELSEWHERE', flagged: `the ledger already holds IRN ${reg.irn} for another document` };
    if (e instanceof LedgerError) return { code: 'PORTAL_NOT_RECORDED', flagged: e.message };
    throw e;
  }
}

async function generatedRow(core: Core, row: ResultRow, file: string, certs: (gstin: string) => Promise<Candidates>): Promise<RowReport> {
  const found = findDocument(core.ledger, row);
  if (!found.ok) {
    const r = base(row, found.invoice);
    if (found.outcome === 'unknown') return { ...r, outcome: 'unknown', code: found.code, reasons: [found.reason] };
    return flag(core, r, found.code, [found.reason], file);
  }
  const { invoice } = found;
  const r = base(row, invoice);
  const mismatches = rowMismatches(invoice, row);
  if (mismatches.length > 0) return flag(core, r, 'PORTAL_MISMATCH', mismatches, file);
  const held = core.ledger.registrations.forInvoice(invoice.id);
  if (held) {
    if (held.irn === row.irn) return { ...r, outcome: 'already-recorded' };
    return flag(core, r, 'PORTAL_OTHER_IRN', [`the ledger already holds IRN ${held.irn} for this document, not ${row.irn ?? '?'}`], file);
  }
  if (!row.signedQrCode || !row.signedInvoice) {
    const missing = [!row.signedInvoice && 'signed invoice', !row.signedQrCode && 'signed QR code'].filter(Boolean).join(' and ');
    return flag(core, r, 'PORTAL_UNSIGNED', [`the portal registered it as IRN ${row.irn ?? '?'} (Ack No ${row.ackNo ?? '?'}, ${row.ackDt ?? '?'}), but this file has no ${missing}, so it cannot be printed with a valid QR: import the portal's JSON results for this upload (they carry the signed QR)`], file);
  }
  const candidates = await certs(invoice.sellerGstin);
  const verified = await verifyTokens(row, candidates.signers);
  if (!verified.ok) {
    const test = await verifyTokens(row, candidates.sandbox);
    if (test.ok) return flag(core, r, 'PORTAL_SANDBOX', [`it is signed by NIC's sandbox (test system, ${test.signer.label}): a sandbox registration is not a real e-invoice, so it is recorded only for a business whose endpoint profile is NIC sandbox`], file);
    if (candidates.signers.length === 0) {
      return flag(core, r, 'PORTAL_NO_CERTIFICATE', [`there is no IRP signing certificate to check its signature (${candidates.source}): import the IRP's signing certificate into the business's endpoint profile in Settings, then import again`], file);
    }
    return flag(core, r, 'PORTAL_SIGNATURE', [`its signed invoice or signed QR does not verify against ${candidates.source}: ${verified.reason}`], file);
  }
  if (!invoice.payloadJson) return flag(core, r, 'PORTAL_MISMATCH', ['the draft has no INV-01 payload to compare with'], file);
  const diffs = signedMismatches(JSON.parse(invoice.payloadJson) as Inv01, row, verified);
  if (diffs.length > 0) return flag(core, r, 'PORTAL_MISMATCH', [`what the IRP signed differs from the draft (${diffs.join('; ')}); if the draft was edited after the upload, cancel IRN ${row.irn ?? ''} on the portal within 24 hours or restore the draft as uploaded`], file);
  const signedAckNo = verified.invoice.data.AckNo;
  const ackNo = typeof signedAckNo === 'number' || typeof signedAckNo === 'string' ? String(signedAckNo) : row.ackNo ?? '';
  const ackDt = typeof verified.invoice.data.AckDt === 'string' ? verified.invoice.data.AckDt : row.ackDt ?? '';
  const done = record(core, invoice.id, invoice.payloadJson, { irn: row.irn!, ackNo, ackDt, signedInvoice: row.signedInvoice, signedQrCode: row.signedQrCode, adopted: false, signatureVerified: true }, file);
  if ('flagged' in done) return flag(core, r, done.code, [done.flagged], file);
  return { ...r, outcome: done.outcome, ackNo, ackDt };
}

function rejectedRow(core: Core, row: ResultRow, file: string): RowReport {
  const found = findDocument(core.ledger, row);
  if (!found.ok) {
    const r = base(row, found.invoice);
    return { ...r, outcome: found.outcome === 'unknown' ? 'unknown' : 'rejected', code: found.code, reasons: [found.reason], errors: row.errors.map((e) => ({ ...e, path: '' })) };
  }
  const { invoice } = found;
  const dup = row.dupIrn ? { irn: row.dupIrn, ackNo: 0, ackDt: '' } : undefined;
  const errors: InvoiceError[] = toViolations(errorFromDetails(row.errors.map((e: PortalError) => ({ code: e.code, message: e.message })), dup));
  if (dup && errors[0] && DUPLICATE_CODES.has(errors[0].code)) errors[0] = { ...errors[0], message: `${errors[0].message} The portal already holds IRN ${dup.irn}: import the results file of the upload that registered it.` };
  const r: RowReport = { ...base(row, invoice), outcome: 'rejected', errors };
  const held = core.ledger.registrations.forInvoice(invoice.id);
  if (held) {
    const isDuplicate = row.errors.some((e) => DUPLICATE_CODES.has(e.code)) && (!row.dupIrn || row.dupIrn === held.irn);
    if (isDuplicate) return { ...r, outcome: 'already-recorded', irn: held.irn, reasons: ['the portal refused this upload as a duplicate of the registration the ledger already holds'] };
    return { ...r, reasons: [`the ledger holds this document as registered (IRN ${held.irn}); the portal's error is reported here only`] };
  }
  if (!core.ledger.invoices.isEditable(invoice)) {
    return { ...r, reasons: [`the document is ${invoice.status.replace('_', ' ')} through the API; the portal's error is reported here only`] };
  }
  showOnDraft(core.ledger, invoice.id, 'rejected', errors, { kind: 'portal.rejected', details: { file, errors } });
  return r;
}

/** Reads, matches, verifies and records a results file. Throws ResultsFileError when the file cannot be read at all. */
export async function importPortalResults(core: Core, bytes: Buffer, file: string): Promise<ImportSummary> {
  const { format, rows } = await readResultsFile(bytes);
  const cache = new Map<string, Promise<Candidates>>();
  const certs = (gstin: string) => {
    let c = cache.get(gstin);
    if (!c) {
      c = candidateSigningCertificates(core, sellerProfile(core.engine, gstin)).catch((e: unknown) => ({ signers: [], sandbox: [], source: `the endpoint profile (its certificate could not be read: ${e instanceof Error ? e.message : String(e)})` }));
      cache.set(gstin, c);
    }
    return c;
  };
  const reports = new Array<RowReport>(rows.length);
  // Registrations first, so a duplicate refusal later in the file meets the registration it duplicates.
  const order = rows.map((row, i) => ({ row, i })).sort((a, b) => Number(!a.row.irn) - Number(!b.row.irn));
  for (const { row, i } of order) {
    if (row.irn) reports[i] = await generatedRow(core, row, file, certs);
    else if (row.errors.length > 0) reports[i] = rejectedRow(core, row, file);
    else reports[i] = { ...base(row), outcome: 'unknown', code: 'PORTAL_ROW_UNREADABLE', reasons: [`The row has neither an IRN nor an error${row.problems.length > 0 ? ` (${row.problems.join('; ')})` : ''}.`] };
  }
  const count = (o: RowOutcome) => reports.filter((r) => r.outcome === o).length;
  return {
    file, format,
    matched: reports.filter((r) => r.invoiceId !== undefined).length,
    recorded: count('recorded'), alreadyRecorded: count('already-recorded'), unknown: count('unknown'), flagged: count('flagged'), rejected: count('rejected'),
    rows: reports,
  };
}
