/** Buyers: past parties for the picker, and a GSTIN looked up in the GST master through the IRP. */
import type { PartyView } from '../../../shared/ipc/contract';
import type { Party } from '../../ledger';
import { AppError, type HandlerTable } from './table';

type PartyHandlers = Pick<HandlerTable, 'parties:search' | 'parties:lookup'>;

export function partyView(p: Party): PartyView {
  return {
    id: p.id,
    gstin: p.gstin,
    legalName: p.legalName,
    tradeName: p.tradeName,
    address1: p.address1,
    location: p.location,
    pin: p.pin,
    stateCode: p.stateCode,
    status: p.status,
    blocked: p.blocked,
    source: p.source,
    lookedUpAt: p.lookedUpAt,
  };
}

export const partyHandlers: PartyHandlers = {
  'parties:search': ({ text, limit }, { core }) => ({
    parties: text.trim() === '' ? [] : core.ledger.parties.search(text.trim(), limit ?? 10).map(partyView),
  }),

  'parties:lookup': async ({ gstin, businessId, sync }, { core }) => {
    const business = core.ledger.businesses.get(businessId);
    if (!business) throw new AppError('LEDGER_NOT_FOUND', `No business with id ${businessId}.`);
    // asked as the seller: the IRP answers master queries for the authenticated GSTIN's session
    const { party, source } = await core.operations.lookupGstin(gstin, business.gstin, sync ? { sync: true } : {});
    return { party: partyView(party), source };
  },
};
