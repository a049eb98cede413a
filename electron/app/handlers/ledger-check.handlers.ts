/** Settings → Data → "Check the ledger": the full integrity check of ledger-check.ts. */
import { checkLedger } from '../ledger-check';
import type { HandlerTable } from './table';

export const ledgerCheckHandlers: Pick<HandlerTable, 'data:check'> = {
  'data:check': (_req, { core }) => checkLedger(core.ledger),
};
