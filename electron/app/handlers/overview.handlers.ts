/**
 * The dashboard (issue 17 item 11) and what follows an e-way bill (item 8): Part-B, cancel and its
 * printable PDF. The dashboard's cut-off instants are computed here once and sent with the figures,
 * so the list a figure links to filters on exactly the same instants.
 */
import { addDays, formatIstDateTime, istDateOf } from '../../../shared/dates';
import { PrintError, renderEwayBillFile } from '../printable';
import { AppError, type HandlerContext, type HandlerTable } from './table';
import { ewayBillView } from './views';

type Handlers = Pick<HandlerTable, 'dashboard:summary' | 'invoices:ewbPartB' | 'invoices:ewbCancel' | 'pdf:ewb'>;

const HOUR = 3_600_000;
/** Drafts this many days old are shown as near the IRP's 30-day reporting limit (§6.3, code 2305). */
export const DRAFT_WARN_DAYS = 25;
export const DRAFT_LIMIT_DAYS = 30;
/** An IRN whose window closes within this is "closing soon" (the list shows it amber too). */
export const CLOSING_SOON_MS = 2 * HOUR;
/** An e-way bill valid for less than this is "expiring". */
export const EWB_SOON_MS = 24 * HOUR;

function billOf(ctx: HandlerContext, id: number, ewbNo: string) {
  const bill = ctx.core.ledger.ewaybills.get(ewbNo);
  if (!bill || bill.invoiceId !== id) throw new AppError('LEDGER_NOT_FOUND', `E-way bill ${ewbNo} does not belong to this invoice.`);
  return bill;
}

/** Runs an e-way bill change and tells every screen, also when the IRP refused it (the journal changed). */
async function changing<T>(ctx: HandlerContext, id: number, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } finally {
    ctx.emit({ type: 'ledger:changed', invoiceId: id });
  }
}

export const overviewHandlers: Handlers = {
  'dashboard:summary': ({ businessId }, { core }) => {
    const now = core.now();
    const today = istDateOf(now);
    const monthStart = `${today.slice(0, 8)}01`;
    const warnDate = addDays(today, -DRAFT_WARN_DAYS);
    const limitDate = addDays(today, -DRAFT_LIMIT_DAYS);
    const openAfter = new Date(now.getTime() - 24 * HOUR).toISOString();
    const closingBy = new Date(now.getTime() - 24 * HOUR + CLOSING_SOON_MS).toISOString();
    const soonBy = formatIstDateTime(new Date(now.getTime() + EWB_SOON_MS));
    const expiredSince = formatIstDateTime(new Date(now.getTime() - EWB_SOON_MS));
    const o = core.ledger.overview.summary({
      ...(businessId !== undefined ? { businessId } : {}),
      today, monthStart, draftWarnDate: warnDate, draftLimitDate: limitDate,
      cancelOpenAfter: openAfter, cancelClosingBy: closingBy, nowIst: formatIstDateTime(now), ewbSoonIst: soonBy, ewbExpiredSinceIst: expiredSince,
    });
    return {
      today, monthStart,
      registeredToday: o.today,
      registeredMonth: o.month,
      drafts: { ...o.drafts, warnDate, limitDate },
      cancelWindow: { ...o.cancelWindow, openAfter, closingBy },
      queue: o.queue,
      ewaybills: { ...o.ewaybills, soonBy, expiredSince },
    };
  },

  'invoices:ewbPartB': ({ id, ewbNo, mode, vehicleNo, vehicleType, transportDocNo, transportDocDate, fromPlace, fromState, reason, remark }, ctx) => {
    billOf(ctx, id, ewbNo);
    return changing(ctx, id, async () => {
      const saved = await ctx.core.ewb.updatePartB(ewbNo, {
        transMode: mode, fromPlace, fromState, reason, remark,
        ...(vehicleNo ? { vehicleNo, vehicleType: vehicleType ?? 'R' } : {}),
        ...(transportDocNo ? { transDocNo: transportDocNo } : {}),
        ...(transportDocDate ? { transDocDate: transportDocDate } : {}),
      });
      return ewayBillView(ctx.core.ledger, saved);
    });
  },

  'invoices:ewbCancel': ({ id, ewbNo, reason, remark }, ctx) => {
    billOf(ctx, id, ewbNo);
    return changing(ctx, id, async () => ewayBillView(ctx.core.ledger, await ctx.core.ewb.cancel(ewbNo, Number(reason) as 1 | 2 | 3 | 4, remark)));
  },

  'pdf:ewb': async ({ id, ewbNo }, ctx) => {
    billOf(ctx, id, ewbNo);
    try {
      const { pdf, fileName, pages } = await renderEwayBillFile(ctx.core.ledger, ewbNo);
      return { fileName, base64: pdf.toString('base64'), pages };
    } catch (e) {
      if (e instanceof PrintError) throw new AppError('NOT_PRINTABLE', e.message);
      throw e;
    }
  },
};
