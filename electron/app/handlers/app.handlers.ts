/** App facts, the HSN master, the journal and the IRP's health as the ledger saw it. */
import { istDateOf } from '../../../shared/dates';
import { SETUP_ERROR_CODES } from '../../../shared/ipc/contract';
import type { HandlerTable } from './table';
import { journalView } from './views';

type AppHandlers = Pick<HandlerTable, 'app:info' | 'masters:hsnSearch' | 'activity:list' | 'health'>;

/** Journal kinds that record an exchange with the IRP (outbox steps `op.step`). */
const EXCHANGE = /^(register|cancel|ewb|cancel_ewb)\.(ok|retry|failed)$/;
const HEALTH_WINDOW = 500;

export const appHandlers: AppHandlers = {
  'app:info': (_req, { core, practice, version }) => ({
    dataDir: core.paths.dir,
    vault: { kind: core.vault.kind, ...(core.vault.warning ? { warning: core.vault.warning } : {}) },
    practice,
    version,
    today: istDateOf(core.now()),
  }),

  'masters:hsnSearch': ({ query, limit }, { core }) => ({
    entries: query.trim() === '' ? [] : core.hsn.search(query.trim(), limit ?? 20).map((e) => ({ code: e.code, description: e.description })),
  }),

  'activity:list': ({ limit, invoiceId }, { core }) => {
    const n = limit ?? 200;
    const entries = invoiceId === undefined ? core.ledger.journal.recent(n) : core.ledger.journal.forInvoice(invoiceId).reverse().slice(0, n);
    // Each entry names its document as the user knows it (type and number), looked up once per invoice.
    const docs = new Map<number, { docType: 'INV' | 'CRN' | 'DBN'; docNo?: string } | undefined>();
    const documentOf = (id: number) => {
      if (!docs.has(id)) {
        const inv = core.ledger.invoices.get(id);
        docs.set(id, inv && { docType: inv.docType, ...(inv.docNo ? { docNo: inv.docNo } : {}) });
      }
      return docs.get(id);
    };
    return {
      entries: entries.map((e) => {
        const document = e.invoiceId === null ? undefined : documentOf(e.invoiceId);
        return { ...journalView(e), ...(document ? { document } : {}) };
      }),
    };
  },

  health: (_req, { core }) => {
    const list = core.ledger.invoiceList;
    const exchanges = core.ledger.journal.recent(HEALTH_WINDOW).filter((e) => EXCHANGE.test(e.kind));
    const success = exchanges.find((e) => e.outcome === 'ok');
    const failure = exchanges.find((e) => e.outcome === 'error');
    const latest = exchanges[0];
    const nextRetryAt = core.ledger.outbox.nextAttemptAt();
    return {
      queued: list.totals({ status: 'queued' }).count,
      inFlight: list.totals({ status: 'in_flight' }).count,
      ...(success ? { lastSuccess: { at: success.at, kind: success.kind } } : {}),
      ...(failure ? { lastFailure: { at: failure.at, kind: failure.kind, codes: errorCodes(failure.details), ...messageOf(failure.details) } } : {}),
      // A retry is what the engine does when the IRP or the network failed (a refusal is "failed").
      // (not when what failed is this app's own setup: missing credentials or keys)
      irpDown: latest !== undefined && latest.kind.endsWith('.retry') && !errorCodes(latest.details).every((c) => SETUP_ERROR_CODES.has(c)),
      ...(nextRetryAt ? { nextRetryAt } : {}),
    };
  },
};

/** The first error's own sentence (the IRP's or the client's), for the banner to say what went wrong. */
function messageOf(details: unknown): { message?: string } {
  const errors = (details as { errors?: Array<{ message?: unknown }> } | null)?.errors;
  const m = Array.isArray(errors) ? errors.find((e) => typeof e.message === 'string' && e.message.trim() !== '')?.message : undefined;
  return typeof m === 'string' ? { message: m.slice(0, 300) } : {};
}

function errorCodes(details: unknown): string[] {
  const errors = (details as { errors?: Array<{ code?: unknown }> } | null)?.errors;
  return Array.isArray(errors) ? errors.map((e) => (typeof e.code === 'string' ? e.code : '')).filter(Boolean) : [];
}
