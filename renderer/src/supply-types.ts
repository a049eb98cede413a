/** The supply types as the screens name them (the editor's choice and the detail's summary). */
import type { DraftInvoice } from '../../shared/einvoice/compute';

export const SUPPLY_TYPE_LABELS: Readonly<Record<DraftInvoice['supplyType'], string>> = {
  B2B: 'B2B (registered buyer)',
  SEZWP: 'SEZ with payment',
  SEZWOP: 'SEZ without payment',
  EXPWP: 'Export with payment',
  EXPWOP: 'Export without payment',
  DEXP: 'Deemed export',
};
