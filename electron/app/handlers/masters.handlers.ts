/**
 * The item and party masters (issue 17 item 4): word search for the editor's pickers, pages for
 * the Items and Parties screens, add, edit and delete. Items are per business; parties are shared.
 */
import { isSacCode } from '../../../shared/gst/hsn';
import type { PartyRecord, ProductView } from '../../../shared/ipc/contract-desk';
import type { Party, Product } from '../../ledger';
import { partyView } from './parties.handlers';
import { AppError, type HandlerTable } from './table';

type MasterHandlers = Pick<HandlerTable, 'products:search' | 'products:list' | 'products:save' | 'products:delete' | 'parties:list' | 'parties:save' | 'parties:delete'>;

function productView(p: Product): ProductView {
  return { id: p.id, businessId: p.businessId, name: p.name, hsn: p.hsn, isService: p.isService, unit: p.unit, unitPricePaise: p.unitPricePaise, gstRate: p.gstRate, cessRate: p.cessRate };
}

export function partyRecord(p: Party): PartyRecord {
  return { ...partyView(p), ...(p.address2 !== undefined ? { address2: p.address2 } : {}) };
}

export const masterHandlers: MasterHandlers = {
  'products:search': ({ businessId, text, limit }, { core }) => ({
    items: text.trim() === '' ? [] : core.ledger.products.search(businessId, text.trim(), limit ?? 10).map(productView),
  }),

  'products:list': ({ businessId, text, limit, offset }, { core }) => {
    const page = core.ledger.products.page(businessId, text?.trim() ?? '', limit ?? 100, offset ?? 0);
    return { items: page.items.map(productView), total: page.total };
  },

  'products:save': ({ id, ...input }, { core }) => {
    if (!core.hsn.has(input.hsn)) throw new AppError('2176', `HSN/SAC ${input.hsn} is not in the GST master: pick a code from the search.`, { path: 'hsn' });
    // a service (SAC 99…) is sold without a unit the IRP checks; the master still keeps one
    const product = { ...input, isService: isSacCode(input.hsn), cessRate: input.cessRate ?? 0 };
    return productView(id === undefined ? core.ledger.products.create(product) : core.ledger.products.update(id, product));
  },

  'products:delete': ({ id }, { core }) => ({ deleted: core.ledger.products.delete(id) }),

  'parties:list': ({ text, limit, offset }, { core }) => {
    const page = core.ledger.parties.page(text?.trim() ?? '', limit ?? 100, offset ?? 0);
    return { parties: page.parties.map(partyRecord), total: page.total };
  },

  'parties:save': (input, { core }) => partyRecord(core.ledger.parties.saveManual(input)),

  'parties:delete': ({ id }, { core }) => ({ deleted: core.ledger.parties.delete(id) }),
};
