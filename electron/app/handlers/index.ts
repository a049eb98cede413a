/** The whole handler table: one entry per contract channel (the type makes a missing one an error). */
import { appHandlers } from './app.handlers';
import { bulkHandlers } from './bulk.handlers';
import { connectionHandlers } from './connection.handlers';
import { dataHandlers } from './data.handlers';
import { deskHandlers } from './desk.handlers';
import { invoiceHandlers } from './invoices.handlers';
import { ledgerCheckHandlers } from './ledger-check.handlers';
import { masterHandlers } from './masters.handlers';
import { overviewHandlers } from './overview.handlers';
import { partyHandlers } from './parties.handlers';
import { pdfHandlers } from './pdf.handlers';
import { playgroundHandlers } from './playground.handlers';
import { portalHandlers } from './portal.handlers';
import { settingsHandlers } from './settings.handlers';
import type { HandlerTable } from './table';

export const HANDLERS: HandlerTable = {
  ...appHandlers,
  ...settingsHandlers,
  ...invoiceHandlers,
  ...partyHandlers,
  ...pdfHandlers,
  ...dataHandlers,
  ...ledgerCheckHandlers,
  ...portalHandlers,
  ...playgroundHandlers,
  ...overviewHandlers,
  ...bulkHandlers,
  ...connectionHandlers,
  ...deskHandlers,
  ...masterHandlers,
};

export { AppError, dispatch, toIpcError, UNEXPECTED_MESSAGE, type Handler, type HandlerContext, type HandlerTable } from './table';
