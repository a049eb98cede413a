/**
 * Plain words for what the app records and what went wrong (issue 17 item 9): every journal entry
 * as a sentence naming the document ("Invoice INV/26-27/0002 registered with the IRP; IRN …"),
 * IRP codes with their meaning, and the client's own failure codes (TIMEOUT, HTTP …) as what
 * happened, never as a code. Pure functions: the Activity screen, the detail's journal and the
 * banner all use them.
 */
import type { JournalEntryView } from '../../shared/ipc/contract';
import { irpDateTime, istDisplay, istTime } from './format';

const DOC_NAMES = { INV: 'Invoice', CRN: 'Credit note', DBN: 'Debit note' } as const;
const CANCEL_REASONS: Readonly<Record<string, string>> = { '1': 'duplicate', '2': 'data entry mistake', '3': 'order cancelled', '4': 'other' };
const EWB_CANCEL_REASONS: Readonly<Record<string, string>> = { '1': 'duplicate', '2': 'order cancelled', '3': 'data entry mistake', '4': 'other' };
export const PART_B_REASONS: Readonly<Record<string, string>> = { '1': 'vehicle broke down', '2': 'transhipment', '3': 'other', '4': 'first time' };

/** What the app's own failure codes mean (electron/irp/errors.ts CLIENT_CODES, app setup codes). */
const CLIENT_MEANINGS: Readonly<Record<string, string>> = {
  TIMEOUT: 'the IRP took too long to answer',
  CONNECT_TIMEOUT: 'the IRP could not be reached in time (check the internet connection)',
  CONNECTION_REFUSED: 'the IRP could not be reached (check the internet connection)',
  CONNECTION_DROPPED: 'the connection to the IRP broke off',
  NETWORK: 'the IRP could not be reached (check the internet connection)',
  HTTP: 'the IRP\'s server is failing right now',
  BAD_RESPONSE: 'the IRP\'s answer could not be read',
  BAD_SIGNATURE: 'the IRP\'s answer did not carry a valid signature',
  SIGNATURE_DATA_MISMATCH: 'the IRP\'s signed answer did not match what it said',
  CREDENTIALS: 'the IRP user name or password is missing or wrong (Settings → Connections)',
  CREDENTIALS_MISSING: 'the IRP user name or password has not been entered (Settings → Connections)',
  PROFILE_KEYS_MISSING: 'the IRP\'s encryption key has not been imported (Settings → Connections)',
  CONFIG: 'the connection settings are incomplete (Settings → Connections)',
};

export interface ErrorLike {
  code?: string;
  message?: string;
}

/** One error in words: the IRP's own codes are shown with their meaning, the app's codes only as meaning. */
export function errorInWords(e: ErrorLike): string {
  const code = e.code ?? '';
  const message = (e.message ?? '').trim().replace(/\s*[;·.]\s*$/, '');
  // the app's own codes: what happened, not the transport's technical sentence (hosts, HTTP statuses)
  const client = CLIENT_MEANINGS[code];
  if (client) return capital(client);
  if (/^\d{3,4}$/.test(code)) return message ? `${message} (IRP code ${code})` : `The IRP refused it with code ${code}`;
  return message || 'Something went wrong';
}

export function errorsInWords(errors: readonly ErrorLike[] | undefined): string {
  return (errors ?? []).map(errorInWords).filter(Boolean).join('. ');
}

/** Why the IRP is not answering, for the banner ("… took too long to answer"). */
export function failureInWords(codes: readonly string[], message?: string): string {
  const known = codes.map((c) => CLIENT_MEANINGS[c]).find(Boolean);
  if (known) return known;
  const irp = codes.find((c) => /^\d{3,4}$/.test(c));
  if (irp) return message ? `${message.replace(/\.$/, '')} (IRP code ${irp})` : `the IRP answered with code ${irp}`;
  return message ? message.replace(/\.$/, '') : 'the IRP did not answer';
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "Invoice INV/26-27/0002", "Credit note CN/7", or "A document" when the entry names none. */
export function documentName(entry: Pick<JournalEntryView, 'document' | 'invoiceId'>): string {
  const d = entry.document;
  if (!d) return entry.invoiceId !== null ? 'A document' : '';
  return `${DOC_NAMES[d.docType]} ${d.docNo ?? '(no number yet)'}`;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);
const shortIrn = (irn: string | undefined) => (irn ? `${irn.slice(0, 12)}…` : '');

/** One journal entry as a sentence a shopkeeper reads. */
export function describeEntry(entry: JournalEntryView): string {
  const d = (entry.details && typeof entry.details === 'object' ? entry.details : {}) as Record<string, unknown>;
  const doc = documentName(entry);
  // mid-sentence: "for invoice X", not "for Invoice X"
  const mid = doc.charAt(0).toLowerCase() + doc.slice(1);
  const errors = Array.isArray(d.errors) ? (d.errors as ErrorLike[]) : [];
  const why = errorsInWords(errors);
  const [area = '', step = ''] = entry.kind.split(/\.(?=[^.]+$)/);
  const attempt = Number(d.attempt);
  if (entry.kind.startsWith('playground.trace.')) {
    return `Playground: traced ${step === 'auth' ? 'sign-in' : step} on connection "${str(d.profile) ?? ''}"${str(d.irn) ? `, IRN ${shortIrn(str(d.irn))}` : ''}${entry.outcome === 'ok' ? '' : `: ${str(d.message) ?? 'failed'}`}.`;
  }
  switch (entry.kind) {
    case 'invoice.saved': {
      const codes = Array.isArray(d.errors) ? (d.errors as unknown[]).length : 0;
      return `${doc} saved as a draft; ${codes === 0 ? 'no problems found' : `${codes} problem${codes === 1 ? '' : 's'} to fix before registering`}.`;
    }
    case 'register.queued':
      return `${doc} is waiting to be sent to the IRP; it goes automatically.`;
    case 'register.sent':
      return `${doc} sent to the IRP${attempt > 1 ? ` (attempt ${attempt})` : ''}.`;
    case 'register.ok':
      return d.adopted === true
        ? `${doc} was already registered with the IRP; its IRN ${shortIrn(str(d.irn))} was fetched and kept.`
        : `${doc} registered with the IRP; IRN ${shortIrn(str(d.irn))}, Ack No ${str(d.ackNo) ?? ''}.`;
    case 'register.recovered':
      return `${doc}: the IRP already had it after an interruption; IRN ${shortIrn(str(d.irn))} taken from the IRP.`;
    case 'register.retry':
      return `${doc} could not be registered now (${why || 'the IRP did not answer'}); it will be tried again${str(d.nextAttemptAt) ? ` at ${istTime(str(d.nextAttemptAt)!)}` : ''}.`;
    case 'register.failed':
      return `The IRP refused ${mid}: ${why}. Open it, correct it and register again.`;
    case 'cancel.sent':
      return `Cancellation of the IRN of ${mid} sent to the IRP.`;
    case 'cancel.ok':
      return `IRN of ${mid} cancelled on the IRP${str(d.reason) ? ` (reason: ${CANCEL_REASONS[str(d.reason)!] ?? str(d.reason)})` : ''}.`;
    case 'cancel.retry':
      return `The IRN of ${mid} could not be cancelled now (${why || 'the IRP did not answer'}); try again.`;
    case 'cancel.failed':
      return `The IRP refused to cancel the IRN of ${mid}: ${why}.`;
    case 'ewb.sent':
      return `E-way bill for ${mid} requested from the IRP.`;
    case 'ewb.ok':
      return `E-way bill ${str(d.ewbNo) ?? ''} raised for ${mid}${str(d.validTill) ? `, valid till ${irpDateTime(str(d.validTill))}` : ' (Part A only: enter the vehicle before the goods move)'}.`;
    case 'ewb.retry':
    case 'ewb.failed':
      return `The e-way bill for ${mid} was not raised: ${why}.`;
    case 'cancel_ewb.sent':
      return `Cancellation of an e-way bill of ${mid} sent.`;
    case 'cancel_ewb.ok':
      return `E-way bill ${str(d.ewbNo) ?? ''} of ${mid} cancelled${str(d.reason) ? ` (${EWB_CANCEL_REASONS[str(d.reason)!] ?? ''})` : ''}.`;
    case 'cancel_ewb.retry':
    case 'cancel_ewb.failed':
      return `An e-way bill of ${mid} was not cancelled: ${why}.`;
    case 'ewb_partb.sent':
      return `Vehicle details (Part-B) of e-way bill ${str(d.ewbNo) ?? ''} sent${str(d.reason) ? ` (${PART_B_REASONS[str(d.reason)!] ?? ''})` : ''}.`;
    case 'ewb_partb.ok':
      return `E-way bill ${str(d.ewbNo) ?? ''} now shows vehicle ${str(d.vehicleNo) ?? '(transport document)'}${str(d.validTill) ? `, valid till ${irpDateTime(str(d.validTill))}` : ''}.`;
    case 'ewb_partb.retry':
    case 'ewb_partb.failed':
      return `Vehicle details of e-way bill ${str(d.ewbNo) ?? ''} were not updated: ${why}.`;
    case 'credentials.set':
      return `IRP user password and client secret saved for connection "${str(d.profile) ?? ''}".`;
    case 'profile.created':
      return `Connection "${str(d.profile) ?? ''}" added.`;
    case 'profile.updated':
      return `Connection "${str(d.profile) ?? ''}" changed.`;
    case 'profile.deleted':
      return `Connection "${str(d.profile) ?? ''}" removed.`;
    case 'profile.keys.imported':
      return `IRP keys imported for connection "${str(d.profile) ?? ''}".`;
    case 'business.logo.set':
      return 'Logo for printed invoices added.';
    case 'business.logo.removed':
      return 'Logo for printed invoices removed.';
    case 'ledger.backup':
      return `Backup made: ${str(d.fileName) ?? ''}${str(d.invoices) ? ` (${str(d.invoices)} documents)` : ''}.`;
    case 'ledger.restored':
      return `Data restored from backup ${str(d.fileName) ?? ''}; the data before it was kept as ${str(d.safetyBackup) ?? 'a safety backup'}.`;
    case 'portal.exported':
      return `${doc} put in the portal upload file ${str(d.file) ?? ''}.`;
    case 'portal.result':
      return `${doc} registered through the e-invoice portal (results file ${str(d.file) ?? ''}); IRN ${shortIrn(str(d.irn))}, Ack No ${str(d.ackNo) ?? ''}.`;
    case 'portal.flagged':
      return `${doc}: the portal's result in ${str(d.file) ?? 'the results file'} does not match this document and was not recorded${Array.isArray(d.reasons) && d.reasons.length > 0 ? ` (${(d.reasons as unknown[]).map(String).join('; ')})` : ''}.`;
    case 'portal.rejected':
      return `The e-invoice portal refused ${mid}: ${why}. Correct it and upload again.`;
    default: {
      // a kind this screen does not know yet: its words, not its dots and underscores
      const words = `${area} ${step}`.replace(/[._]/g, ' ').trim();
      return `${doc ? `${doc}: ` : ''}${capital(words)}${why ? ` (${why})` : ''}.`;
    }
  }
}

/** When an entry happened, in IST, dd/mm/yyyy hh:mm. */
export function entryTime(entry: Pick<JournalEntryView, 'at'>): string {
  return istDisplay(entry.at);
}
