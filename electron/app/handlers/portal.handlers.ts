/**
 * The portal road (gsp-and-portal.md §4): prepare the bulk-upload files for drafts, and import the
 * results file the portal gives back. The UI downloads the files itself (browser host and desktop
 * alike) and sends a picked results file as base64.
 */
import { buildPortalExport, journalExport, PORTAL_FILE_LIMITS } from '../portal/bulk-export';
import { sellerProfile } from '../portal/payload-check';
import { importPortalResults } from '../portal/results-import';
import { ResultsFileError } from '../portal/results-read';
import { AppError, type HandlerContext, type HandlerTable } from './table';

type PortalHandlers = Pick<HandlerTable, 'portal:export' | 'portal:import'>;

/** The practice portal page of the first practice business among the files, if any. */
async function practicePortalUrl(ctx: HandlerContext, gstins: readonly string[]): Promise<string | undefined> {
  for (const gstin of new Set(gstins)) {
    const profile = sellerProfile(ctx.core.engine, gstin);
    if (profile?.kind === 'practice') return `${await ctx.core.endpoints.baseUrl(profile)}/portal/`;
  }
  return undefined;
}

export const portalHandlers: PortalHandlers = {
  'portal:export': async ({ ids, businessId }, ctx) => {
    let businessGstin: string | undefined;
    if (businessId !== undefined) {
      const b = ctx.core.ledger.businesses.get(businessId);
      if (!b) throw new AppError('LEDGER_NOT_FOUND', `No business with id ${businessId}.`, { path: 'businessId' });
      businessGstin = b.gstin;
    }
    // the contract allows exactly one of ids and allDrafts
    const selector = ids ? { ids } : { allDrafts: true as const };
    const out = buildPortalExport(ctx.core, selector, businessGstin ? { businessGstin } : {});
    if (out.files.length > 0) {
      journalExport(ctx.core, out);
      ctx.emit({ type: 'ledger:changed' });
    }
    const url = await practicePortalUrl(ctx, out.files.map((f) => f.sellerGstin));
    return {
      files: out.files.map(({ fileName, sellerGstin, docNos, bytes, text }) => ({ fileName, sellerGstin, docNos, bytes, text })),
      refused: out.refused,
      problems: out.problems,
      splitReasons: out.splitReasons,
      limits: { ...PORTAL_FILE_LIMITS },
      ...(url ? { practicePortalUrl: url } : {}),
    };
  },

  'portal:import': async ({ fileName, base64 }, ctx) => {
    const bytes = Buffer.from(base64, 'base64');
    try {
      return await importPortalResults(ctx.core, bytes, fileName);
    } catch (e) {
      if (e instanceof ResultsFileError) throw new AppError('PORTAL_FILE_UNREADABLE', `${fileName} cannot be imported: ${e.message}.`);
      throw e;
    } finally {
      ctx.emit({ type: 'ledger:changed' });
    }
  },
};
