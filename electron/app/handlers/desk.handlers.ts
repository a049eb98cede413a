/**
 * The editor's side channels (issue 17): the facts its checks use, the HSN codes, the usual rate of
 * an HSN, working copies (autosave and crash recovery), numbering series and taken numbers.
 */
import { financialYear, istDateOf, parseDocDate, parseIsoDate } from '../../../shared/dates';
import { seriesProblem } from '../../../shared/einvoice/numbering';
import type { SeriesView } from '../../../shared/ipc/contract-desk';
import type { Ledger, SeriesRow, WorkingCopySummary } from '../../ledger';
import { nextInSeries, proposeNumber } from '../numbering';
import { checkSetupFor } from '../seller-setup';
import { AppError, type HandlerContext, type HandlerTable } from './table';

type DeskHandlers = Pick<
  HandlerTable,
  | 'editor:setup' | 'masters:hsnCodes' | 'masters:usualRate'
  | 'drafts:autosave' | 'drafts:discard' | 'drafts:recoverable' | 'drafts:take'
  | 'series:list' | 'series:save' | 'series:delete' | 'series:next' | 'invoices:numberUsed'
>;

function mustBusiness(ledger: Ledger, id: number) {
  const b = ledger.businesses.get(id);
  if (!b) throw new AppError('LEDGER_NOT_FOUND', `No business with id ${id}.`, { path: 'businessId' });
  return b;
}

/** dd/mm/yyyy or YYYY-MM-DD (the contract allows both) to ISO; a clear error for 31/02. */
function isoOf(date: string): string {
  const iso = date.includes('/') ? parseDocDate(date) : parseIsoDate(date);
  if (!iso) throw new AppError('2144', `"${date}" is not a real date.`, { path: 'docDate' });
  return iso;
}

function summaryView(c: WorkingCopySummary) {
  const { owner: _owner, createdAt: _created, ...rest } = c;
  return rest;
}

function seriesView(ledger: Ledger, s: SeriesRow, today: string): SeriesView {
  const used = ledger.series.numbersInFy(s.businessId, s.docType, financialYear(today));
  return { businessId: s.businessId, docType: s.docType, prefix: s.prefix, digits: s.digits, suffix: s.suffix, next: nextInSeries(s, used, today).docNo ?? '' };
}

/** Built once per process: the master does not change while the app runs. */
let hsnCodes: { codes: string; count: number } | undefined;

function today(ctx: HandlerContext): string {
  return istDateOf(ctx.core.now());
}

export const deskHandlers: DeskHandlers = {
  'editor:setup': ({ businessId }, ctx) => checkSetupFor(ctx.core.ledger, mustBusiness(ctx.core.ledger, businessId), ctx.core.now()),

  'masters:hsnCodes': (_req, { core }) => {
    if (!hsnCodes) {
      const codes = core.hsn.codes();
      hsnCodes = { codes: codes.join(','), count: codes.length };
    }
    return hsnCodes;
  },

  'masters:usualRate': ({ businessId, hsn }, { core }) => {
    const r = core.ledger.products.usualRate(businessId, hsn);
    return r ? { rate: r.rate, uses: r.uses, source: r.source } : { uses: 0 };
  },

  'drafts:autosave': ({ form, ...meta }, { core }) => {
    const savedAt = core.ledger.workingCopies.save({ ...meta, formJson: JSON.stringify(form) });
    return { savedAt };
  },

  'drafts:discard': ({ slot }, { core }) => ({ discarded: core.ledger.workingCopies.discard(slot) }),

  'drafts:recoverable': ({ owner }, { core }) => ({ drafts: core.ledger.workingCopies.othersThan(owner).map(summaryView) }),

  'drafts:take': ({ slot, owner }, { core }) => {
    const copy = core.ledger.workingCopies.get(slot);
    if (!copy) throw new AppError('LEDGER_NOT_FOUND', 'That unsaved invoice is no longer there (it was saved or discarded in another window).');
    core.ledger.workingCopies.claim(slot, owner);
    return { copy: summaryView(copy), form: JSON.parse(copy.formJson) as unknown };
  },

  'series:list': ({ businessId }, ctx) => {
    mustBusiness(ctx.core.ledger, businessId);
    return { series: ctx.core.ledger.series.list(businessId).map((s) => seriesView(ctx.core.ledger, s, today(ctx))) };
  },

  'series:save': ({ businessId, docType, prefix, digits, suffix }, ctx) => {
    const { ledger } = ctx.core;
    mustBusiness(ledger, businessId);
    const series = { prefix: prefix.trim(), digits, suffix: suffix.trim() };
    const problem = seriesProblem(series, today(ctx));
    if (problem) throw new AppError('SERIES_INVALID', problem, { path: 'prefix' });
    const saved = ledger.series.save(businessId, docType, series);
    ledger.journal.append({ kind: 'series.saved', outcome: 'info', details: { businessId, docType, prefix: series.prefix, digits, suffix: series.suffix } });
    ctx.emit({ type: 'settings:changed' });
    return seriesView(ledger, saved, today(ctx));
  },

  'series:delete': ({ businessId, docType }, ctx) => {
    const deleted = ctx.core.ledger.series.delete(businessId, docType);
    if (deleted) ctx.emit({ type: 'settings:changed' });
    return { deleted };
  },

  'series:next': ({ businessId, docType, docDate }, { core }) => {
    mustBusiness(core.ledger, businessId);
    return proposeNumber(core.ledger, businessId, docType, isoOf(docDate));
  },

  'invoices:numberUsed': ({ businessId, docType, docNo, docDate, exceptId }, { core }) => {
    const b = mustBusiness(core.ledger, businessId);
    const no = docNo.trim();
    if (no === '') return {};
    const found = core.ledger.invoices.findByIdentity(b.gstin, docType, no, isoOf(docDate));
    if (!found || found.id === exceptId) return {};
    return { used: { id: found.id, status: found.status, docNo: found.docNo ?? no, docDate: found.docDate } };
  },
};
